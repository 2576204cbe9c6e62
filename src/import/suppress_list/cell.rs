//! Reading one cell of a suppression list: every e-mail address it holds, a domain
//! entry, or a phone number in each region given (a number with letters in each of its
//! readings; one without a country code as its digits when no region is known), or why
//! it gives none. Owns no row or column logic: [`super::read`] decides which cells to
//! read and reports what this returns with the cell's line and column.

use super::ListAddress;
use crate::fields::phone::{self, PhoneError, Region};
use crate::fields::{address, address_obfuscated};
use crate::import::normalise;
use crate::import::suppress_domain::{self, Entry};

/// What one cell holds.
pub(super) enum Cell {
    Addresses(Vec<ListAddress>),
    /// A number written without its country code that names a different number in
    /// each of several regions: every reading.
    Readings(Vec<ListAddress>),
    /// Text that is no address.
    Text,
    /// Text with an `@` that holds no valid e-mail address (`ana@localhost`).
    NoEmail,
    /// A domain entry whose domain cannot be read (`*@localhost`, `@*.example.com`).
    BadDomain,
    /// Numbers written without their country code while no region is known: each
    /// kept as its digits, matched in every region (`campaign::suppressed`).
    NoRegion(Vec<ListAddress>),
    BadPhone(PhoneError),
    /// A number a spreadsheet damaged (`4.47700900601E+11`: digits lost) or an error
    /// value (`#N/A`) in its place: an opt-out that cannot be added, said as such.
    Damaged(normalise::Damage),
}

/// Whether a first-line cell is a value rather than a column name: an address or a
/// number, read or not (a number with too many digits is still no name).
pub(super) fn is_value(cell: &str, regions: &[Region]) -> bool {
    match read_cell(cell, regions) {
        Cell::Addresses(_)
        | Cell::Readings(_)
        | Cell::NoRegion(_)
        | Cell::NoEmail
        | Cell::BadDomain
        | Cell::Damaged(_) => true,
        Cell::BadPhone(e) => !matches!(e, PhoneError::NotANumber | PhoneError::NoDigits),
        Cell::Text => false,
    }
}

/// Read one cell: every e-mail address it holds, however wrapped
/// ([`address::addresses_in`]: `mailto:`, a display name, quotes, trailing
/// punctuation, several in one cell), else a phone number (a `tel:` link too, RFC
/// 3966), read in each of `regions`. A value with an `@` but no valid address is no
/// address: it is skipped and reported, never counted as added.
pub(super) fn read_cell(value: &str, regions: &[Region]) -> Cell {
    // `*@example.com`, `@example.com`: every address at the domain (trial 6, G9).
    match suppress_domain::entry(value) {
        Some(Entry::Domain(value)) => {
            return Cell::Addresses(vec![ListAddress {
                kind: suppress_domain::KIND,
                value,
            }]);
        }
        Some(Entry::Unreadable) => return Cell::BadDomain,
        None => {}
    }
    if value.contains('@') || address_obfuscated::is_obfuscated(value) {
        let found = address::addresses_in(value);
        if found.is_empty() {
            return Cell::NoEmail;
        }
        return Cell::Addresses(
            found
                .into_iter()
                .map(|value| ListAddress {
                    kind: "email",
                    value,
                })
                .collect(),
        );
    }
    let value = value.trim();
    // A spreadsheet's damage is no text and no number: the digits are gone (as the
    // import reports for contacts, `normalise::damage`).
    if let Some(d @ (normalise::Damage::ScientificNotation | normalise::Damage::ErrorValue)) =
        normalise::damage(value)
    {
        return Cell::Damaged(d);
    }
    let number = address::strip_scheme(value, "tel:").unwrap_or(value);
    // Letters other than an extension's (`ext 12`, read as the import reads it) or a
    // word joining two numbers (`07911 123456 or 07700 900123`) make the value text,
    // not a number.
    if phone::several::parts(number).any(|part| {
        phone::written::written_number(part)
            .chars()
            .any(char::is_alphabetic)
    }) {
        return letters(number, regions);
    }
    // Each region's reading: the number, or every number of a cell holding several
    // (`07911 123456 / 07700 900123`, read as imports read it).
    let (mut readings, mut error): (Vec<Vec<String>>, _) = (Vec::new(), None);
    let tried = regions.iter().map(|r| Some(*r));
    for region in tried.chain(regions.is_empty().then_some(None)) {
        let read = phone::parse(number, region)
            .map(|p| vec![p.e164])
            .or_else(|e| {
                let several = phone::parse_several(number, region).ok_or(e)?;
                Ok(several.into_iter().map(|p| p.e164).collect())
            });
        match read {
            Ok(numbers) if !readings.contains(&numbers) => readings.push(numbers),
            Ok(_) => {}
            Err(e) => {
                error.get_or_insert(e);
            }
        }
    }
    let several_regions = readings.len() > 1;
    let mut found: Vec<ListAddress> = Vec::new();
    for value in readings.into_iter().flatten() {
        if !found.iter().any(|a| a.value == value) {
            found.push(ListAddress {
                kind: "phone",
                value,
            });
        }
    }
    match error {
        _ if several_regions => Cell::Readings(found),
        _ if !found.is_empty() => Cell::Addresses(found),
        Some(PhoneError::NoRegion) | None => national(number),
        Some(e) => Cell::BadPhone(e),
    }
}

/// A number written with letters (`07700 9OO456`): every number it may mean, in each
/// region, is suppressed ([`phone::letter_readings`]: O or I typed for 0 or 1, and the
/// keypad's reading), since over-suppressing is the safe side (trial 4, N3); other text
/// stays [`Cell::Text`].
fn letters(number: &str, regions: &[Region]) -> Cell {
    let mut found: Vec<ListAddress> = Vec::new();
    let tried = regions.iter().map(|r| Some(*r));
    for region in tried.chain(regions.is_empty().then_some(None)) {
        for value in phone::letter_readings(number, region) {
            if !found.iter().any(|a| a.value == value) {
                found.push(ListAddress {
                    kind: "phone",
                    value,
                });
            }
        }
    }
    if found.is_empty() {
        Cell::Text
    } else {
        Cell::Addresses(found)
    }
}

/// The numbers of `number` (one, or each of a cell of several) as their digits, to be
/// kept without a region: `07911 123456` is `07911123456`. A part of fewer than 5 or
/// more than 15 digits (ITU-T E.164's longest) names no number and is not kept.
fn national(number: &str) -> Cell {
    let mut found = Vec::new();
    for part in phone::several::parts(number) {
        let digits: String = phone::written::written_number(part)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if !(5..=15).contains(&digits.len()) {
            return Cell::BadPhone(PhoneError::NoRegion);
        }
        found.push(ListAddress {
            kind: "phone",
            value: digits,
        });
    }
    Cell::NoRegion(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(cell: &str) -> Vec<String> {
        match read_cell(cell, &[]) {
            Cell::Addresses(found) => found.into_iter().map(|a| a.value).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn a_cell_gives_every_address_it_holds() {
        assert_eq!(emails(" Ana@Example.com "), ["ana@example.com"]);
        assert_eq!(emails("Ana <Ana@Example.com>"), ["ana@example.com"]);
        assert_eq!(emails("<bo@example.com>;"), ["bo@example.com"]);
        assert_eq!(
            emails("a@x.org; B@Y.org"),
            ["a@x.org".to_string(), "b@y.org".to_string()]
        );
        // No valid address: none is read, and the cell is reported.
        assert!(matches!(read_cell("ana@localhost", &[]), Cell::NoEmail));
    }

    #[test]
    fn a_national_number_needs_a_region() {
        assert!(matches!(read_cell("07700 900123", &[]), Cell::NoRegion(_)));
        let gb = ["GB".parse().unwrap()];
        assert!(
            matches!(read_cell("07700 900123", &gb), Cell::Addresses(a) if a[0].value == "+447700900123")
        );
        // Read in GB and DE it names two numbers (by hand: +44 7700 900123 and the
        // German area code 07700's +49 7700 900123), each added.
        let both = ["GB".parse().unwrap(), "DE".parse().unwrap()];
        assert!(matches!(read_cell("07700 900123", &both),
            Cell::Readings(a) if a.iter().map(|a| a.value.as_str()).collect::<Vec<_>>()
                == ["+447700900123", "+497700900123"]));
        // Written with its country code, it needs none; a `tel:` link is a number.
        for written in [
            "+44 (0)7700 900123",
            "0044 7700 900123",
            "tel:+44-7700-900123",
            "TEL:+447700900123",
        ] {
            assert!(
                matches!(read_cell(written, &[]), Cell::Addresses(a) if a[0].value == "+447700900123"),
                "{written}"
            );
        }
    }
}
