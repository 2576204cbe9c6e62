//! Phone numbers: one written form per number, E.164 (ITU-T E.164), however it was typed.
//!
//! Owns parsing a phone number against a default region with the `phonenumber` crate
//! (a port of Google's libphonenumber and its numbering-plan metadata), the line type
//! that says whether a number can take an SMS, and reading a region from a user's
//! `--region CC` or a row's country column (ISO codes and country names, from
//! `assets/countries.tsv`). `+44 (0)7911 123456`, `07911 123456` (region GB),
//! `0044 7911-123.456` and `+447911123456` all become `+447911123456`.
//!
//! Contact keys, the campaign's SMS address and duplicate check, the suppression list
//! and erasure all compare this form, so a number is one address in every spelling.
//! It needs no SQLite; where the E.164 form is stored is `workspace::phones`'s job.

use std::fmt;
use std::str::FromStr;

use phonenumber::Type;
use serde::Serialize;

pub use region::{Region, country_column, national_match, readings, regions_of};
pub use several::parse_several;

/// What kind of line a number is, from the numbering plan (libphonenumber's types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineType {
    Mobile,
    FixedLine,
    /// Plans that do not tell fixed from mobile (the NANP: US, Canada, ...).
    FixedLineOrMobile,
    Voip,
    TollFree,
    PremiumRate,
    SharedCost,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
    /// The number has the right length for its country but lies in no range the
    /// numbering plan has allocated (yet), such as the UK's 07700 900xxx drama range.
    Unknown,
}

impl LineType {
    /// The stored spelling (`mobile`, `fixed_line`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            LineType::Mobile => "mobile",
            LineType::FixedLine => "fixed_line",
            LineType::FixedLineOrMobile => "fixed_line_or_mobile",
            LineType::Voip => "voip",
            LineType::TollFree => "toll_free",
            LineType::PremiumRate => "premium_rate",
            LineType::SharedCost => "shared_cost",
            LineType::PersonalNumber => "personal_number",
            LineType::Pager => "pager",
            LineType::Uan => "uan",
            LineType::Voicemail => "voicemail",
            LineType::Unknown => "unknown",
        }
    }

    /// Whether an SMS can reach this line. Only a number the plan knows to be a fixed
    /// line is refused: "fixed line or mobile" and unknown ranges may be mobiles, and
    /// refusing them would drop real recipients.
    pub fn sms_capable(self) -> bool {
        self != LineType::FixedLine
    }

    fn from_type(t: Type) -> LineType {
        match t {
            Type::Mobile => LineType::Mobile,
            Type::FixedLine => LineType::FixedLine,
            Type::FixedLineOrMobile => LineType::FixedLineOrMobile,
            Type::Voip => LineType::Voip,
            Type::TollFree => LineType::TollFree,
            Type::PremiumRate => LineType::PremiumRate,
            Type::SharedCost => LineType::SharedCost,
            Type::PersonalNumber => LineType::PersonalNumber,
            Type::Pager => LineType::Pager,
            Type::Uan => LineType::Uan,
            Type::Voicemail => LineType::Voicemail,
            _ => LineType::Unknown,
        }
    }
}

impl fmt::Display for LineType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LineType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            LineType::Mobile,
            LineType::FixedLine,
            LineType::FixedLineOrMobile,
            LineType::Voip,
            LineType::TollFree,
            LineType::PremiumRate,
            LineType::SharedCost,
            LineType::PersonalNumber,
            LineType::Pager,
            LineType::Uan,
            LineType::Voicemail,
            LineType::Unknown,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
        .ok_or_else(|| format!("unknown line type `{s}`"))
    }
}

/// A parsed phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phone {
    /// `+` and at most 15 digits (ITU-T E.164), no spaces: the channel address.
    pub e164: String,
    pub line: LineType,
}

/// Why a value is not a phone number, as a phrase for the import report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("no digits")]
    NoDigits,
    #[error("not written as a phone number")]
    NotANumber,
    #[error("a spreadsheet turned it into scientific notation, so digits are lost")]
    Scientific,
    #[error(
        "written without its country code and no region is known: pass --region CC, or give the file a country column"
    )]
    NoRegion,
    #[error("`+{0}` is not a country calling code")]
    UnknownCountryCode(String),
    #[error(
        "it holds letters (O for 0, I or l for 1?); a number is never guessed from letters: fix it at the source"
    )]
    Letters,
    #[error("too short to be a phone number")]
    TooShort,
    #[error("too long to be a phone number")]
    TooLong,
    #[error("not a possible length for a {0} number")]
    WrongLength(String),
}

/// Parse `raw` as a phone number, reading numbers without a country code in `region`.
///
/// Before the library sees it: the value is read as [`written::written_number`] reads
/// it (edges trimmed, a spreadsheet's or Shopify's leading `'` dropped, full-width forms
/// mapped, an extension such as `ext. 9` cut off), a leading `00` becomes `+` (ITU-T
/// recommends `00` as the international prefix, Rec. E.164 Annex A, and lists carry it
/// whatever their region), and a `(0)` after the country code is dropped (`+44 (0)20 …`:
/// the trunk prefix that is dialled only inside the country). A trunk prefix written
/// without brackets (`+44 07700 900222`) is dropped too when the number as written is
/// not one the plan knows and the number without it parses. A number is accepted when the
/// numbering plan knows it, or when it has a possible length for its country (so a
/// newly allocated range is not refused by old metadata; its line type is then
/// [`LineType::Unknown`]).
///
/// Errors: [`PhoneError`], saying why.
pub fn parse(raw: &str, region: Option<Region>) -> Result<Phone, PhoneError> {
    let written = written::written_number(raw);
    let text: &str = &written;
    if is_scientific(text) {
        return Err(PhoneError::Scientific);
    }
    // Digits of any script count: the library reads every script's decimal digits.
    if !text.chars().any(char::is_numeric) {
        return Err(PhoneError::NoDigits);
    }
    // The library reads letters by the phone keypad (`9OO456` → `966456`): a typo of
    // O for 0 became a stranger's number and was texted (trial 4, N3). Letters are far
    // more often such typos than vanity numbers in a customer list, so neither reading
    // is sent; refusals and suppression take both ([`letter_readings`]).
    if has_letters(text) {
        return Err(PhoneError::Letters);
    }
    let international = written::international_form(text);
    let text = international.as_deref().unwrap_or(text);
    if !text.starts_with('+') && region.is_none() {
        return Err(PhoneError::NoRegion);
    }
    // A number that starts with `+` names its own country: the region must not take
    // part. The phonenumber crate strips the *region's* national prefix from it, so
    // with region US (prefix `1`) `+49 157 9734003` became `+49579734003`: a wrong
    // address, and an opt-out of the right one that no longer matched.
    let region = if text.starts_with('+') { None } else { region };
    let as_written = read(text, region);
    if as_written
        .as_ref()
        .is_ok_and(|p| p.line != LineType::Unknown)
    {
        return as_written;
    }
    // `+44 07700 900222`: the trunk prefix kept by habit. The number without it is
    // taken only when the plan knows it, or when the written form is no number at all.
    match written::without_trunk_prefix(text).map(|t| read(&t, None)) {
        Some(Ok(p)) if p.line != LineType::Unknown || as_written.is_err() => Ok(p),
        _ => as_written,
    }
}

/// Whether the number part of `text` holds an ASCII letter: RFC 3966's `tel:` scheme
/// and its `;` parameters (`;ext=`, `;phone-context=`) are no part of the number.
fn has_letters(text: &str) -> bool {
    let number = match text.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => &text[4..],
        _ => text,
    };
    let number = number.split(';').next().unwrap_or(number);
    number.chars().any(|c| c.is_ascii_alphabetic())
}

/// The numbers a value written with letters may mean, for protecting them (a refusal,
/// a suppression list entry), never for sending: the typo reading (`O`/`o` as 0, `I`/`l`/`i`
/// as 1; only when no other letter remains) and the phone keypad's reading (`O` as 6, as
/// libphonenumber converts vanity numbers), each in E.164, distinct; empty when `raw`
/// holds no letter or no reading parses. Over-protecting is the safe side of promise 1.
pub fn letter_readings(raw: &str, region: Option<Region>) -> Vec<String> {
    let written = written::written_number(raw);
    if !has_letters(&written) {
        return Vec::new();
    }
    let written = match written.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => written[4..].to_string(),
        _ => written.into_owned(),
    };
    let mut out = Vec::new();
    let typo: String = written
        .chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'I' | 'l' | 'i' => '1',
            c => c,
        })
        .collect();
    if let Ok(p) = parse(&typo, region) {
        out.push(p.e164);
    }
    let international = written::international_form(&written);
    let text = international.as_deref().unwrap_or(&written);
    let region = if text.starts_with('+') { None } else { region };
    if (text.starts_with('+') || region.is_some())
        && let Ok(p) = read(text, region)
        && !out.contains(&p.e164)
    {
        out.push(p.e164);
    }
    out
}

/// Parse `text` (cleaned by [`parse`]) with the library, then classify its line.
fn read(text: &str, region: Option<Region>) -> Result<Phone, PhoneError> {
    let number = phonenumber::parse(region.map(|r| r.0), text).map_err(|e| match e {
        phonenumber::ParseError::InvalidCountryCode => {
            PhoneError::UnknownCountryCode(leading_digits(text, 3))
        }
        phonenumber::ParseError::TooShortAfterIdd | phonenumber::ParseError::TooShortNsn => {
            PhoneError::TooShort
        }
        phonenumber::ParseError::TooLong => PhoneError::TooLong,
        _ => PhoneError::NotANumber,
    })?;
    let db = &*phonenumber::metadata::DATABASE;
    let line = match line_type(db, &number) {
        Type::Unknown => {
            possible_length(db, &number)?;
            LineType::Unknown
        }
        known => LineType::from_type(known),
    };
    // E.164: `+`, the country calling code, the national significant number (with an
    // Italian leading zero, which `NationalNumber` prints); extensions are not part of it.
    Ok(Phone {
        e164: format!("+{}{}", number.code().value(), number.national()),
        line,
    })
}

/// The number's line type by its country's plan; `Unknown` when no allocated range
/// holds it (libphonenumber's "not valid": `is_valid` is "has a type").
///
/// Done here, with the crate's metadata, rather than with its `is_valid` and
/// `number_type`: those two each run the whole classification (about 10 µs each in a
/// release build, once per phone cell of an import), and both pick the region of a
/// shared calling code from the national number without its leading zeros, so Italian
/// and Vatican numbers (+39 06…) are misread.
fn line_type(
    db: &'static phonenumber::metadata::Database,
    number: &phonenumber::PhoneNumber,
) -> Type {
    let national = number.national().to_string();
    let Some(metas) = db.by_code(&number.code().value()) else {
        return Type::Unknown;
    };
    if let [meta] = metas.as_slice() {
        return classify_line(meta, &national);
    }
    // libphonenumber's region for a shared calling code: the first whose leading
    // digits start the number, or (without leading digits) whose plan knows it.
    for meta in &metas {
        match meta.leading_digits() {
            Some(digits) => {
                if digits.find(&national).is_some_and(|m| m.start() == 0) {
                    return classify_line(meta, &national);
                }
            }
            None => match classify_line(meta, &national) {
                Type::Unknown => {}
                known => return known,
            },
        }
    }
    Type::Unknown
}

/// The line type of `national` by `meta`'s plan (see [`patterns::Plan::classify`]).
fn classify_line(meta: &'static phonenumber::metadata::Metadata, national: &str) -> Type {
    patterns::plan(meta).classify(national)
}

/// The E.164 form of `raw`, or `None` when it does not parse (see [`parse`]).
pub fn e164(raw: &str, region: Option<Region>) -> Option<String> {
    parse(raw, region).ok().map(|p| p.e164)
}

/// Whether `text` is a number in a spreadsheet's scientific notation (`4.47912E+11`,
/// `4,47912E+11` with a decimal comma, `447912345678E0`): digits, an optional decimal
/// point or comma and digits, `E` or `e`, an optional `+`, digits; nothing else. Text
/// that merely holds an `e` and a dot (`ext. 1`) is not.
pub fn is_scientific(text: &str) -> bool {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, "0"));
    all_digits(whole) && all_digits(fraction) && all_digits(exponent)
}

/// The first `n` digits of `text`, for naming a country code.
fn leading_digits(text: &str, n: usize) -> String {
    text.chars().filter(char::is_ascii_digit).take(n).collect()
}

/// Ok when the national number has a length the plans of its country calling code
/// allow for some kind of line (libphonenumber's "possible length").
fn possible_length(
    db: &phonenumber::metadata::Database,
    number: &phonenumber::PhoneNumber,
) -> Result<(), PhoneError> {
    const KINDS: [Type; 10] = [
        Type::FixedLine,
        Type::Mobile,
        Type::TollFree,
        Type::PremiumRate,
        Type::SharedCost,
        Type::PersonalNumber,
        Type::Voip,
        Type::Pager,
        Type::Uan,
        Type::Voicemail,
    ];
    let code = number.code().value();
    let metas = db
        .by_code(&code)
        .ok_or_else(|| PhoneError::UnknownCountryCode(code.to_string()))?;
    let len = number.national().to_string().len() as u16;
    let mut lengths: Vec<u16> = metas
        .iter()
        .flat_map(|m| KINDS.iter().filter_map(|k| m.descriptors().get(*k)))
        .flat_map(|d| d.possible_length().iter().copied())
        .collect();
    lengths.sort_unstable();
    match (lengths.first(), lengths.last()) {
        _ if lengths.contains(&len) => Ok(()),
        (Some(min), _) if len < *min => Err(PhoneError::TooShort),
        (_, Some(max)) if len > *max => Err(PhoneError::TooLong),
        _ => Err(PhoneError::WrongLength(format!("+{code}"))),
    }
}

mod patterns;
mod region;
pub mod several;
pub mod written;

#[cfg(test)]
mod tests;
