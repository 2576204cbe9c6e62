//! One column of a file becomes a field: its name, type, classification, consent
//! meaning ([`super::column_kind`]: consent column, consent evidence or plain, with a
//! platform layout's roles and types), spreadsheet-damage warnings, and how it meets
//! the workspace's field of the same name.
//!
//! Two safeguards live here. Phones and postcodes are identifiers, not quantities:
//! stored as text so a later file with `01067` or `+44 ...` fits the same field (case
//! BR-05). A date-of-birth, birth-year or age column whose values cannot all be read
//! (`05/06/2014` with no `--date-order`, `unknown`) keeps its role although its type
//! stays text, so the minor check is never switched off silently: the loader marks
//! each contact with an unreadable value as "age unknown" (`contacts._age_unknown`)
//! for campaigns to count. Called by [`super::analyse`] once per column.

use std::collections::BTreeMap;

use super::age_roles::{self, is_age_role, readable_age};
use super::analyse::Column;
use super::column_kind::{self, Facts, Kind};
use super::infer::{ColumnStats, Inferred};
use super::layout::LayoutColumn;
use super::normalise::Damage;
use super::reclassify;
use super::report::plural;
use super::{ImportError, ImportPlan};
use crate::fields::classify::{ValueProfile, classify};
use crate::fields::provenance::Provenance;
use crate::fields::{Field, FieldType, Role};

/// Spreadsheet damage seen in one column: how often, and the first few lines.
#[derive(Debug, Clone, Default)]
pub struct DamageSeen {
    pub count: u64,
    pub lines: Vec<u64>,
}

/// The report's warning for spreadsheet damage `d` seen in column `header`: `column
/// zip: 2 values start with an apostrophe a spreadsheet left behind (e.g. lines 2, 4);
/// kept as they are`.
pub fn damage_warning(header: &str, d: Damage, seen: &DamageSeen) -> String {
    format!(
        "column {header}: {} value{} {} (e.g. line{} {}); kept as they are",
        seen.count,
        plural(seen.count),
        d.describe(seen.count),
        plural(seen.lines.len() as u64),
        seen.lines
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// What the first pass saw of one column.
pub struct Seen<'a> {
    /// The header as in the file, or the field name for a column with no header.
    pub header: String,
    /// The column has no header: the file has none, or its cell is blank.
    pub headerless: bool,
    pub name: &'a str,
    pub stats: &'a ColumnStats,
    pub profile: &'a ValueProfile,
    /// Every non-blank value is a Mailchimp member status.
    pub all_status: bool,
    pub damage: &'a BTreeMap<Damage, DamageSeen>,
    /// What the recognised platform layout says about the column, and the layout.
    pub spec: Option<&'static LayoutColumn>,
    /// The field is not the header's own name (`--map`, a layout, a spelling).
    pub renamed: bool,
    /// What a person decided about a field of this name (`workspace::decisions`).
    pub decision: Option<&'a crate::workspace::decisions::FieldDecision>,
    pub layout: Option<&'a str>,
    /// Non-blank values that are consent words, and the first that is not.
    pub words: u64,
    /// Non-blank values that are list or account statuses (`active`, `removed`) and no
    /// consent words, counted under a consent-ish header only
    /// ([`super::consent::sounds`]).
    pub status_words: u64,
    /// Non-blank values that read as dates, in a column that may hold refusal dates
    /// (see `Facts::dates`).
    pub dates: u64,
    pub not_a_word: Option<String>,
    /// The line of `not_a_word`.
    pub not_a_word_line: Option<u64>,
    /// The first non-blank value and its line.
    pub first_value: Option<(String, u64)>,
    /// Non-blank values that state consent by themselves (`unsubscribed`), and the
    /// first with its line.
    pub stating: u64,
    pub first_stating: Option<(String, u64)>,
    /// Non-blank values that name a refusal ([`super::consent::words::names_refusal`]),
    /// the first of them, and the first yes or no, each with its line.
    pub refusal_words: u64,
    pub first_refusal: Option<(String, u64)>,
    pub first_yes_no: Option<(String, u64)>,
    /// Every non-blank value is an IP address.
    pub all_ip: bool,
    /// The file's name, for the report.
    pub file: &'a str,
    /// Age groups seen under a header that sorts people into categories.
    pub groups: &'a age_roles::GroupsSeen,
}

/// Build column `index` of the file from what was `seen`, against the workspace's
/// field of the same name in `existing` (with its provenance: a re-import raises a
/// field's class, never lowers it, see [`reclassify`]). Warnings go to `warnings`.
///
/// Errors: [`ImportError::TypeConflict`] when the values do not fit the existing
/// field's type.
pub fn build(
    index: usize,
    seen: &Seen<'_>,
    existing: Option<(&Field, Option<&Provenance>)>,
    plan: &ImportPlan,
    warnings: &mut Vec<String>,
) -> Result<(Column, Kind), ImportError> {
    let (name, header, stats) = (seen.name, &seen.header, seen.stats);
    let (mut inferred, column_warnings) = stats.infer(name, plan.types);
    warnings.extend(column_warnings);
    // A layout may say what its abbreviated header means (Mailchimp `CC`: country code).
    let reads_as = seen.spec.and_then(|s| s.reads_as.as_deref());
    let mut class = classify(reads_as.unwrap_or(header), name, inferred.ty, seen.profile);
    if let Some(read) = reads_as {
        class.reason = format!(
            "{} (layout {}: header `{header}` read as `{read}`)",
            class.reason,
            seen.layout.unwrap_or_default()
        );
    }
    if matches!(class.role, Role::Phone | Role::Postcode)
        && matches!(inferred.ty, FieldType::Integer | FieldType::Decimal)
    {
        inferred = Inferred::plain(FieldType::Text);
    }
    // An adult flag (`Adult`) whose values are numbers other than 1/0 is a count.
    let yes_no_values = !matches!(inferred.ty, FieldType::Integer | FieldType::Decimal)
        || seen.words == stats.non_blank;
    age_roles::keep_age_role(&mut class, header, inferred.ty, yes_no_values, seen.groups);
    if seen.renamed {
        super::named_field::classify_by_name(&mut class, name, inferred.ty, yes_no_values, seen);
    }
    // 1/0 (or `1.0`/`0.0`) under a consent header are its yes and no (README, "Consent
    // rules"), though type inference calls them numbers and the dictionary's consent
    // entries match boolean and text columns only: read the header as for a boolean.
    let ones_and_zeros = matches!(inferred.ty, FieldType::Integer | FieldType::Decimal)
        && stats.non_blank > 0
        && seen.words == stats.non_blank;
    if ones_and_zeros {
        let as_boolean = classify(header, name, FieldType::Boolean, seen.profile);
        if as_boolean.role.consent_channel().is_some() {
            class = as_boolean;
        }
    }
    // Consent column, consent evidence or plain, with the layout's roles and types.
    let consent_header =
        class.role.consent_channel().is_some() || super::consent::recognise(name, false).is_some();
    let facts = Facts {
        index,
        name,
        spec: seen.spec,
        layout: seen.layout,
        non_blank: stats.non_blank,
        all_status: seen.all_status,
        words: seen.words,
        status_words: seen.status_words,
        dates: seen.dates,
        not_a_word: seen.not_a_word.clone(),
        not_a_word_line: seen.not_a_word_line,
        stating: seen.stating,
        first_stating: seen.first_stating.clone(),
        refusal_words: seen.refusal_words,
        first_refusal: seen.first_refusal.clone(),
        first_yes_no: seen.first_yes_no.clone(),
        evidence_values: seen.all_ip
            || matches!(inferred.ty, FieldType::Date | FieldType::Datetime),
        field_consent: existing.and_then(|(old, _)| old.role.consent_channel()),
    };
    let kind = column_kind::decide(&facts, &mut class, &mut inferred);
    if matches!(kind, Kind::Plain) {
        super::age_tags::tags_by_values(&mut class, inferred.ty, seen.groups);
    }
    if ones_and_zeros && matches!(kind, Kind::Consent(_)) && seen.spec.is_none() {
        // Stored as the yes/no it is; `1.0` reaches the field through its consent
        // reading (`prepare::consent_value`).
        inferred = Inferred::plain(FieldType::Boolean);
    }
    // The option quoted is the one that would grant over the column: of its own
    // channel, or of any channel when its refusals reach every channel (trial: an SMS
    // column's error quoted `--consent email=granted`, which cannot grant an SMS).
    // A minor flag (`Parental consent required`) is read by the minor check, never as
    // the contact's own consent: its `consent` word stops nothing.
    let minor_flag = crate::fields::classify::minor_flag_age(header).is_some();
    let unread =
        column_kind::unread_consent(&facts, &kind, consent_header, seen.first_value.as_ref())
            .filter(|_| !minor_flag);
    if let Some(unread) = &unread
        && let Some((channel, state)) = plan
            .consent
            .iter()
            .filter(|(c, s)| {
                **s == crate::fields::ConsentState::Granted
                    && (unread.every_channel || **c == unread.channel)
            })
            .min_by_key(|(c, _)| **c != unread.channel)
    {
        let value = crate::text::for_terminal(&unread.value).into_owned();
        return Err(ImportError::UnreadConsent(Box::new(
            column_kind::UnreadConsent {
                file: seen.file.to_string(),
                line: unread.line,
                header: crate::text::for_terminal(header).into_owned(),
                why: crate::text::for_terminal(&unread.why).into_owned(),
                problem: unread.problem(&value),
                option: format!("{channel}={state}"),
                advice: column_kind::advice(header, unread),
            },
        )));
    }
    // 1/0 count here as under a consent header: yes and no (new-user trial 11, F4).
    super::headerless::check(seen, &kind, seen.words == stats.non_blank)?;
    // A layout's phone or postcode is an identifier too.
    if matches!(class.role, Role::Phone | Role::Postcode)
        && matches!(inferred.ty, FieldType::Integer | FieldType::Decimal)
    {
        inferred = Inferred::plain(FieldType::Text);
    }
    let mut reclassified = None;
    let mut decided = None;
    let (field, is_new, storage) = match existing {
        Some((old, provenance)) => {
            refuse_age_into_plain_field(header, old, provenance, class.role)?;
            let mut field = old.clone();
            reclassified =
                super::age_tags::tags_on_reimport(&mut field, provenance, &class, seen.file);
            if let Some(r) = &reclassified {
                warnings.push(r.warning.clone());
            }
            if let Some(p) = provenance {
                let (raised, r) = reclassify::upward(&field, p, &class, seen.file);
                field = raised;
                if let Some(mut r) = r {
                    warnings.push(r.warning.clone());
                    // Raised and read as tags: the verdict on record says both.
                    if reclassified.is_some() {
                        r.provenance.classifier_role = Role::Tags;
                    }
                    reclassified = Some(r);
                }
            }
            // Integer widens to decimal (review P2-5): every stored integer is a
            // decimal too, and SQLite's INTEGER column affinity keeps 12.5 as a
            // REAL while `Value::from_sql` reads both as a decimal, so the column
            // stays and only the field's type changes. A consent column's words fit a
            // boolean consent field (see `consent_fits`). Any other mismatch fails.
            if stats.fits(old.ty, plan.types) || consent_fits(old, seen, &kind)? {
                // Fits as it is, or a consent column's words in a boolean consent field.
            } else if old.ty == FieldType::Integer && stats.fits(FieldType::Decimal, plan.types) {
                field.ty = FieldType::Decimal;
                warnings.push(format!(
                    "field {name} widened from integer to decimal: column {header} holds decimal values"
                ));
            } else {
                return Err(ImportError::TypeConflict {
                    header: header.clone(),
                    field: name.to_string(),
                    existing: old.ty,
                    found: inferred.ty,
                });
            }
            let storage = Inferred {
                ty: field.ty,
                order: stats.order_for_date(plan.types),
                currency: stats.currency(),
            };
            (field, false, storage)
        }
        None => {
            let mut reason = class.reason;
            if let Some(c) = inferred.currency {
                reason += &format!("; amounts in {c} (the currency sign is not stored)");
            }
            let mut field = Field {
                name: name.to_string(),
                header: header.clone(),
                ty: inferred.ty,
                role: class.role,
                class: class.class,
                reason,
                kind: class.kind,
            };
            decided = seen
                .decision
                .and_then(|d| super::decided::reapply(&mut field, d, seen.file));
            if let Some(d) = &decided {
                warnings.push(d.warning.clone());
            }
            (field, true, inferred)
        }
    };
    for (d, seen) in seen.damage {
        warnings.push(damage_warning(header, *d, seen));
    }
    if is_age_role(field.role) && !readable_age(field.role, storage.ty) && stats.non_blank > 0 {
        warnings.push(age_roles::kept_warning(
            header,
            &field,
            storage.ty,
            seen.groups,
        ));
    }
    if field.kind.as_deref() == Some("birthday") && seen.groups.all_yearless() {
        warnings.push(age_roles::birthday_warning(header, seen.groups));
    }
    let widened = existing.is_some_and(|(old, _)| old.ty != field.ty);
    let column = Column {
        header: header.clone(),
        field,
        is_new,
        widened,
        reclassified,
        decided,
        storage,
        stats: stats.clone(),
        skip: false,
        unread,
    };
    Ok((column, kind))
}

/// A consent field a first file typed (yes/no made it boolean, 1/0 integer, opt-out
/// dates a date) meets a later file's
/// column of the same name: consent words (`unsubscribed`, `cleaned`) are read with the
/// consent vocabulary whatever the field's type (the loader stores them as the
/// field's booleans, `consent::as_boolean`); a value that is no consent word is an
/// error naming file, line and column, since a list of opt-outs belongs on the
/// suppression list.
///
/// Returns whether the column's values fit the field this way. Errors:
/// [`ImportError::NotConsent`].
fn consent_fits(old: &Field, seen: &Seen<'_>, kind: &Kind) -> Result<bool, ImportError> {
    let consent_field =
        old.role.consent_channel().is_some() || old.class == crate::fields::PrivacyClass::Consent;
    if !consent_field && !matches!(kind, Kind::Consent(_)) {
        return Ok(false);
    }
    match (&seen.not_a_word, seen.not_a_word_line) {
        (Some(value), Some(line)) => Err(ImportError::NotConsent {
            file: seen.file.to_string(),
            line,
            header: seen.header.clone(),
            field: old.name.clone(),
            value: crate::text::for_terminal(value).chars().take(40).collect(),
        }),
        // A date field an earlier file's opt-out dates made takes a later file's
        // dates, yes and no (`consent_value` stores the words as blanks: the consent
        // state holds what they say).
        _ => Ok(matches!(
            old.ty,
            FieldType::Boolean | FieldType::Integer | FieldType::Date | FieldType::Datetime
        ) && matches!(kind, Kind::Consent(_))),
    }
}

/// Refuse a column the classifier reads as dates of birth, birth years or ages
/// (`role`) that would land in an existing field without such a role (`--map 'Date of
/// Birth=signup_date'`): the field would keep its role, so the minor check would not
/// read the new values and children would pass as recipients. Giving the field the
/// role instead would read its older values (sign-up dates, scores) as ages and call
/// adults minors, so the person decides: a field of its own, or the role first.
/// A field whose age role a person removed (the classifier's role on record is an age
/// role) is left to review, which blocks on the removed safeguard.
///
/// Errors: [`ImportError::AgeIntoPlainField`].
fn refuse_age_into_plain_field(
    header: &str,
    old: &Field,
    provenance: Option<&Provenance>,
    role: Role,
) -> Result<(), ImportError> {
    let removed_by_person = provenance
        .is_some_and(|p| is_age_role(p.classifier_role) || p.given_role.is_some_and(is_age_role));
    if !is_age_role(role) || is_age_role(old.role) || removed_by_person {
        return Ok(());
    }
    Err(ImportError::AgeIntoPlainField {
        header: crate::text::for_terminal(header).into_owned(),
        field: old.name.clone(),
        role: role.as_str(),
        field_role: old.role.as_str(),
    })
}
