//! Which columns the minor check reads, decided per column at import: dates of birth,
//! birth years and ages that stay text, minor and adult flags (`Minor`, `Adult`), and
//! columns that sort people into categories holding age groups (`Customer type` =
//! `Child`), with the report's warning saying what such a column is.
//!
//! A category column (`fields::classify::group_header`) is an age only when its values
//! say so ([`GroupsSeen`]): `Customer type` holding one `Child` or `Under 18` is, one
//! holding only `Retail` and `Business` is not; a bare `Type` or `Category` must hold
//! nothing but age groups, one of them unambiguous (not only `Junior` and `Senior`, the
//! job levels). Such a column becomes protected, like any age (EU Directive 2000/78/EC).
//! A new-user trial (session 9) found `Customer type: Child` read as an ordinary column,
//! so the child was sent to. Called by [`super::columns::build`] and
//! [`super::analyse`] (the count).

use super::repeats::Repeats;
use crate::campaign::age_group;
use crate::campaign::school_year::{self, SchoolHeader};
use crate::fields::classify::{
    Classification, GroupHeader, adult_flag_age, age_band_header, group_header, minor_flag_age,
};
use crate::fields::{Field, FieldType, PrivacyClass, Role};

/// The age groups the first pass saw in one column, counted only when its header sorts
/// people into categories.
#[derive(Debug, Clone, Default)]
pub struct GroupsSeen {
    /// The header's kind; `None`: not counted.
    pub header: Option<GroupHeader>,
    /// Non-blank values.
    pub values: u64,
    /// Non-blank values that read as age groups.
    pub groups: u64,
    /// Of those, values with an unambiguous group word (`Child`, not `Junior`).
    pub clear: u64,
    /// The first age-group value and its line.
    pub first: Option<(String, u64)>,
    /// Whether the header names a date of birth or birth year (`Birthday`), whose
    /// values are then counted for [`Self::yearless`].
    pub birth_header: bool,
    /// Whether that header names a day or a month of birth (`Birthday Month`), whose
    /// numbers 1 to 31 are then no years.
    pub birth_part: bool,
    /// Non-blank values under such a header, and those that are a day and month with
    /// no year (`05/14`: [`crate::campaign::birthday`]), with the first and its line.
    pub birth_values: u64,
    pub yearless: u64,
    pub first_yearless: Option<(String, u64)>,
    /// The header's kind of school column (`Grade`, `Class`, `Class of`:
    /// [`crate::campaign::school_year`]), whose non-blank values are then counted, with
    /// those that read as school years, the unambiguous ones, and the first.
    pub school: Option<SchoolHeader>,
    pub school_values: u64,
    pub grades: u64,
    pub clear_grades: u64,
    pub first_grade: Option<(String, u64)>,
    /// The first value holding a tag that names a minor's age group (`teen`, `U12`,
    /// `Year 7`: `campaign::tag_forms::minor_tag_in`) and its line, for
    /// `super::age_tags`.
    pub minor_tag: Option<(String, u64)>,
    /// The first value that is a JSON object holding an age (`{"age": 14}`:
    /// [`crate::campaign::age_json`]): its age key and line.
    pub json_age: Option<(String, u64)>,
    /// The minor-tag answers for the values the column repeats (names, cities, tag
    /// sets): the check ran on every value of every column, a fiftieth of the import.
    minor_tags: Repeats<bool>,
}

impl GroupsSeen {
    /// A count for the column named `name` headed `header` (the name when blank).
    pub fn new(name: &str, header: &str) -> Self {
        let shown = if header.is_empty() { name } else { header };
        // The field name counts too: `--map 'Date 2=date_of_birth'` names a birth date
        // as the header `Date of Birth` does (`super::named_field`).
        let names_birth = |words: &str| {
            let by_header = crate::fields::classify::classify(
                words,
                name,
                FieldType::Text,
                &crate::fields::classify::ValueProfile::default(),
            );
            matches!(
                by_header.kind.as_deref(),
                Some("date_of_birth" | "birth_year")
            )
        };
        let birth_part = |words: &str| crate::campaign::birthday::names_day_or_month(words);
        let renamed = name != shown;
        GroupsSeen {
            header: group_header(shown),
            birth_header: names_birth(shown) || (renamed && names_birth(name)),
            birth_part: birth_part(shown) || (renamed && birth_part(name)),
            school: school_year::school_header(shown),
            ..GroupsSeen::default()
        }
    }

    /// Whether every value of a birth-date header is a day and month with no year (or,
    /// under `Birthday Month`, a day or month number): a birthday (Mailchimp's `MM/DD`),
    /// no date of birth (see [`birthday_only`]).
    pub fn all_yearless(&self) -> bool {
        self.birth_header && self.birth_values > 0 && self.yearless == self.birth_values
    }

    /// Count non-blank `value` on `line`.
    pub fn observe(&mut self, value: &str, line: u64) {
        if self.birth_header {
            self.birth_values += 1;
            let part = self.birth_part && crate::campaign::birthday::day_or_month_number(value);
            if part || crate::campaign::birthday::without_year(value) {
                self.yearless += 1;
                if self.first_yearless.is_none() {
                    self.first_yearless = Some((value.chars().take(40).collect(), line));
                }
            }
        }
        if let Some(kind) = self.school {
            self.school_values += 1;
            // Any year reads as a school-leaving year in 2100; the date matters later.
            if let Some(g) = school_year::read(kind, value, 2100) {
                self.grades += 1;
                self.clear_grades += u64::from(g.clear);
                if self.first_grade.is_none() {
                    self.first_grade = Some((value.chars().take(40).collect(), line));
                }
            }
        }
        if self.json_age.is_none()
            && crate::campaign::age_json::may_hold_keys(value)
            && let Some(key) = crate::campaign::age_json::age_key(value)
        {
            self.json_age = Some((key, line));
        }
        if self.minor_tag.is_none()
            && (self.minor_tags).answer(value, crate::campaign::tag_forms::minor_tag_in)
        {
            self.minor_tag = Some((value.chars().take(40).collect(), line));
        }
        if self.header.is_none() {
            return;
        }
        self.values += 1;
        if let Some(g) = age_group::parse(value) {
            self.groups += 1;
            self.clear += u64::from(g.clear);
            if self.first.is_none() {
                self.first = Some((value.chars().take(40).collect(), line));
            }
        }
    }

    /// Whether the column holds school years ([`school_year`]): under a class header
    /// (`Class`, `Klasse`, also a travel or product class) every non-blank value, one of
    /// them unambiguous; under a header that names school years (`School year`,
    /// `Grade`, `Class of`) at least half of them, so a pupil column with a few other
    /// words in it is still read (new-user trial 6, G7).
    pub fn holds_school(&self) -> bool {
        self.school.is_some_and(|kind| {
            self.grades > 0
                && match kind {
                    SchoolHeader::Classes => {
                        self.grades == self.school_values && self.clear_grades > 0
                    }
                    _ => self.grades * 2 >= self.school_values,
                }
        })
    }

    /// Whether the column holds age groups by the rule above.
    pub fn holds_ages(&self) -> bool {
        match self.header {
            Some(GroupHeader::Person) => self.groups > 0,
            Some(GroupHeader::Generic) => self.groups == self.values && self.clear > 0,
            None => false,
        }
    }
}

/// Date of birth, birth year and age: the roles the minor check reads.
pub fn is_age_role(role: Role) -> bool {
    matches!(role, Role::DateOfBirth | Role::BirthYear | Role::Age)
}

/// True when the minor check can read a value stored as `ty` for `role`.
pub fn readable_age(role: Role, ty: FieldType) -> bool {
    match role {
        Role::DateOfBirth => matches!(ty, FieldType::Date | FieldType::Datetime),
        Role::BirthYear | Role::Age => matches!(ty, FieldType::Integer | FieldType::Decimal),
        _ => true,
    }
}

/// Make a minor or adult flag column an age: its role, and at least the protected class
/// of an age (EU Directive 2000/78/EC), so no rule or merge field uses it without an
/// unlock. A header with no dictionary word (`18+`) would otherwise stay ordinary.
pub(super) fn age_flag(class: &mut Classification) {
    class.role = Role::Age;
    if !class.class.is_blocked_by_default() {
        class.class = PrivacyClass::Protected;
        class.reason += "; protected: an age is a trait protected by anti-discrimination law";
    }
}

/// Give a date-of-birth, birth-year or age column its role back when the classifier
/// withheld it only because the values stay text (see the module header); a minor
/// flag column (`U18`, `Under 18`) gets the age role whatever its type (`yes`/`no`,
/// `1`/`0`, `x`), and the minor check reads its yes/no (`campaign::minor_flag`); so
/// does an adult flag (`Adult`, `Over 18`, `18+`, `Volljährig`) when `yes_no_values`
/// (its values are no numbers but 1/0: `Adult` holding 2 and 3 counts adults), and a
/// category column whose values hold age groups (`groups`, see the module header).
pub fn keep_age_role(
    class: &mut Classification,
    header: &str,
    ty: FieldType,
    yes_no_values: bool,
    groups: &GroupsSeen,
) {
    if birthday_only(class, groups) {
        return;
    }
    if matches!(ty, FieldType::Date | FieldType::Datetime)
        && crate::campaign::age_check::check_time(header)
    {
        class.role = Role::None;
        class.reason = class.reason.replace(
            &format!("; not used as age because the column type is {ty}"),
            "",
        );
        class.reason += "; the date of an age check says when the contact was checked, not how old they are: the minor check does not read it";
        return;
    }
    if class.role == Role::None
        && let Some(under) = crate::fields::classify::minor_flag_age(header)
    {
        class.reason += &format!(
            "; kept as age: a yes makes the contact a known minor (under {under}), a no an adult unless another age field says younger"
        );
        age_flag(class);
        return;
    }
    if class.role == Role::None
        && yes_no_values
        && let Some(from) = crate::fields::classify::adult_flag_age(header)
    {
        class.reason += &format!(
            "; kept as age: a no makes the contact a known minor (under {from}), a yes an adult unless another age field says younger"
        );
        age_flag(class);
        return;
    }
    if yes_no_values
        && matches!(class.role, Role::None | Role::Age)
        && matches!(
            ty,
            FieldType::Boolean | FieldType::Text | FieldType::Integer
        )
        && let Some(ages) = crate::campaign::age_check::yes_ages(header)
        && (crate::campaign::age_check::check_age(header).is_some()
            || class.kind.as_deref() == Some("age"))
    {
        class.reason = class.reason.replace(
            &format!("; not used as age because the column type is {ty}"),
            "",
        );
        class.reason += &format!(
            "; kept as age: a yes says the contact is {}, a no says nothing (read as a blank)",
            ages_phrase(ages)
        );
        age_flag(class);
        return;
    }
    if class.role == Role::None
        && let Some((key, line)) = &groups.json_age
    {
        class.reason += &format!(
            "; kept as age: its values are JSON objects of attributes, holding an age (key `{}` on line {line}), read by the minor check (keys that say nothing of age are not read)",
            crate::text::for_terminal(key)
        );
        class.kind.get_or_insert_with(|| "age".to_string());
        age_flag(class);
        return;
    }
    if class.role == Role::None && groups.holds_school() {
        let (value, line) = groups.first_grade.clone().unwrap_or_default();
        class.reason += &format!(
            "; kept as age: every value is a school year (`{}` on line {line}), read by the minor check as the ages of the children in it",
            crate::text::for_terminal(&value)
        );
        class.kind.get_or_insert_with(|| "age".to_string());
        age_flag(class);
        return;
    }
    if class.role == Role::None && groups.holds_ages() {
        let (value, line) = groups.first.clone().unwrap_or_default();
        class.reason += &format!(
            "; kept as age: it sorts people into groups and holds age groups (`{}` on line {line}), read by the minor check (its other values say nothing about age)",
            crate::text::for_terminal(&value)
        );
        class.kind.get_or_insert_with(|| "age".to_string());
        age_flag(class);
        return;
    }
    let role = match class.kind.as_deref() {
        Some("date_of_birth") => Role::DateOfBirth,
        Some("birth_year") => Role::BirthYear,
        Some("age") => Role::Age,
        _ => return,
    };
    if class.role != Role::None || readable_age(role, ty) {
        return;
    }
    let words = role.as_str().replace('_', " ");
    class.reason = class.reason.replace(
        &format!("; not used as {words} because the column type is {ty}"),
        "",
    );
    class.reason += &format!(
        "; kept as {words} although its values stay {ty}, so the minor check counts contacts it cannot read as age unknown"
    );
    class.role = role;
}

/// `18 or older`, `13 to 19`: the ages a yes of an age check or group flag allows.
fn ages_phrase((youngest, oldest): (i64, i64)) -> String {
    if oldest >= crate::campaign::age::MAX_PLAUSIBLE_AGE {
        format!("{youngest} or older")
    } else {
        format!("{youngest} to {oldest}")
    }
}

/// A date-of-birth or birth-year column whose every value is a day and month with no
/// year (Mailchimp's Month/Day birthday, `05/14`) is a birthday, no age information:
/// no age role, so the minor check and review treat the file as one with no age column
/// (session 10: every contact was "age unknown", a review blocker). A quasi-identifier,
/// kind `birthday`: a day and month of birth narrow people down with a postcode, but
/// reveal no age (not the protected trait). True when `class` was changed so.
fn birthday_only(class: &mut Classification, groups: &GroupsSeen) -> bool {
    let birth_kind = matches!(class.kind.as_deref(), Some("date_of_birth" | "birth_year"));
    if !birth_kind || !groups.all_yearless() {
        return false;
    }
    let (value, line) = groups.first_yearless.clone().unwrap_or_default();
    class.role = Role::None;
    class.class = PrivacyClass::QuasiIdentifier;
    class.kind = Some("birthday".to_string());
    class.reason += &format!(
        "; every value is a birthday without a year, a day and month or one of them (`{}` on line {line}): it says nothing about age, so no date of birth for the minor check; a quasi-identifier (day and month of birth narrow people down)",
        crate::text::for_terminal(&value)
    );
    true
}

/// The report's warning for a column [`birthday_only`] made a birthday.
pub fn birthday_warning(header: &str, groups: &GroupsSeen) -> String {
    let (value, line) = groups.first_yearless.clone().unwrap_or_default();
    format!(
        "column {header} holds birthdays without a year (`{}` on line {line}): they say nothing about age, so the minor check does not read the column (as a file with no age column); add a column with the year of birth or the age if the file may hold minors",
        crate::text::for_terminal(&value)
    )
}

/// The report's warning for age column `header` (field `field`) whose values stay
/// `ty`: what the column is (a date of birth, a birth year, a minor or adult flag, an
/// age group, a category holding age groups, an age) and how the minor check reads it.
/// Flags used to be described with dates (new-user trial, session 9).
pub fn kept_warning(header: &str, field: &Field, ty: FieldType, groups: &GroupsSeen) -> String {
    let unread = "contacts whose value it cannot read count as age unknown";
    let check = crate::campaign::age_check::yes_ages(&field.name);
    let groups_read = "each value as an age group (`Child`, `Teen`, `Adult`, `Senior`, in seven languages) or a range (`13-17`, `under 18`, `65+`), the youngest age it allows deciding";
    let flag = |name: &str| {
        let f = |g: fn(&str) -> Option<u32>| g(header).or_else(|| g(name));
        (f(minor_flag_age), f(adult_flag_age))
    };
    match (field.role, flag(&field.name)) {
        (Role::DateOfBirth, _) => format!(
            "column {header} is a date of birth kept as {ty}: the minor check reads each of its values on its own (a date with a four-digit year, or a year alone such as `2010`; a day/month-ambiguous date gives the younger age), and {unread}; pass --date-order dmy|mdy if its dates are ambiguous"
        ),
        (Role::BirthYear, _) => format!(
            "column {header} is a birth year kept as {ty}: the minor check reads each of its values on its own (a four-digit year such as `2010`, which allows two ages, or a date), and {unread}"
        ),
        (_, (Some(under), _)) => format!(
            "column {header} is a minor flag kept as {ty}: the minor check reads its yes/no: a yes (`yes`, `1`, `x`, `ja`, `oui`) makes the contact a known minor (under {under}), a no {under} or older; blanks say nothing, and contacts with any other value count as age unknown"
        ),
        (_, (None, Some(from))) => format!(
            "column {header} is an adult flag kept as {ty}: the minor check reads its yes/no: a no (`no`, `0`, `nein`, `non`) makes the contact a known minor (under {from}), a yes {from} or older; blanks say nothing, and contacts with any other value count as age unknown"
        ),
        _ if groups.json_age.is_some() => format!(
            "column {header} holds JSON objects of attributes with ages in them (key `{}`): the minor check reads each object's age keys (`age`, `dob`, `birth_year`, `age_group`, in any case, also one level deep), the youngest age deciding; an object without one says nothing, and contacts whose age value it cannot read count as age unknown",
            crate::text::for_terminal(&groups.json_age.clone().unwrap_or_default().0)
        ),
        _ if school_year::school_header(&field.name).is_some() => format!(
            "column {header} holds school years kept as {ty}: the minor check reads each as the ages of the children in it (`7th grade` 12 to 14, `Year 8`, `5e`, `1º ESO`; a school-leaving year such as `Class of 2030` the age of a school leaver then); its other values say nothing"
        ),
        _ if check.is_some() => format!(
            "column {header} is an age check or age-group flag kept as {ty}: the minor check reads its yes/no: a yes (`yes`, `true`, `1`, `verified`, `passed`) says the contact is {}, a no (`no`, `false`, `0`, `pending`, `failed`) says nothing, as a blank; any other value is read as an age, and {unread}",
            ages_phrase(check.unwrap_or_default())
        ),
        _ if groups.holds_ages() || group_header(&field.name).is_some() => format!(
            "column {header} sorts people into groups and holds age groups{}: it is kept as an age (protected), and the minor check reads {groups_read}; its other values say nothing about age",
            groups
                .first
                .as_ref()
                .map_or(String::new(), |(v, line)| format!(
                    " (`{}` on line {line})",
                    crate::text::for_terminal(v)
                ))
        ),
        _ if age_band_header(header) || age_band_header(&field.name) => format!(
            "column {header} is an age group kept as {ty}: the minor check reads {groups_read}, and {unread}"
        ),
        _ => format!(
            "column {header} is an age kept as {ty}: the minor check reads each of its values on its own (a number of years such as `15 Jahre`, a range such as `13-17` or `under 18`, an age group such as `Teen`), and {unread}"
        ),
    }
}
