use super::*;

fn gb() -> Option<Region> {
    Some("GB".parse().unwrap())
}

/// One UK mobile in the forms people write it: E.164 is `+44` then the national
/// number without its trunk `0` (Ofcom numbering; ITU-T E.164 §6).
#[test]
fn one_mobile_in_every_form_is_one_e164() {
    for raw in [
        "+44 (0)7911 123456",
        "07911 123456",
        "+447911123456",
        "0044 7911-123.456",
        "(07911) 123 456",
        "'+44 7911 123456",
        "  +44 7911 123456 ",
    ] {
        let p = parse(raw, gb()).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(p.e164, "+447911123456", "{raw}");
        assert_eq!(p.line, LineType::Mobile, "{raw}");
    }
    // International forms need no region.
    assert_eq!(
        e164("+44 (0)7911 123456", None).as_deref(),
        Some("+447911123456")
    );
    assert_eq!(
        e164("0044 7911 123456", None).as_deref(),
        Some("+447911123456")
    );
}

/// A number written with its country code is read the same whatever the row's region:
/// German mobiles (+49 15x/16x/17x, Bundesnetzagentur numbering) keep their leading `1`
/// even where the region's own national prefix is `1` (US, CA; NANP).
#[test]
fn international_numbers_ignore_the_region() {
    for region in [
        None,
        Some("US"),
        Some("CA"),
        Some("DE"),
        Some("GB"),
        Some("FR"),
    ] {
        let region = region.map(|r| r.parse().unwrap());
        for (raw, want) in [
            ("+49 157 9734003", "+491579734003"),
            ("+49 151 2345678", "+491512345678"),
            ("0049 170 1234567", "+491701234567"),
            ("+44 (0)7911 123456", "+447911123456"),
        ] {
            assert_eq!(
                e164(raw, region).as_deref(),
                Some(want),
                "{raw} in {region:?}"
            );
        }
    }
}

/// 020 7946 0xxx is London fixed-line (Ofcom's drama range for London numbers).
#[test]
fn fixed_lines_are_not_sms_capable() {
    let p = parse("020 7946 0018", gb()).unwrap();
    assert_eq!(p.e164, "+442079460018");
    assert_eq!(p.line, LineType::FixedLine);
    assert!(!p.line.sms_capable());
    // NANP numbers do not say which they are: they stay SMS-capable.
    let us = parse("+1 (415) 555-2671", None).unwrap();
    assert_eq!(us.e164, "+14155552671");
    assert_eq!(us.line, LineType::FixedLineOrMobile);
    assert!(us.line.sms_capable());
}

/// Italian fixed lines keep their leading 0 after the country code (+39 02 …: Milan).
#[test]
fn italian_fixed_lines_keep_their_leading_zero() {
    let p = parse("02 1234 5678", Some("IT".parse().unwrap())).unwrap();
    assert_eq!(p.e164, "+390212345678");
    assert_eq!(p.line, LineType::FixedLine);
    // 06698 starts the Vatican's numbers, inside Rome's 06 (shared code +39).
    let v = parse("+39 06 698 12345", None).unwrap();
    assert_eq!(v.e164, "+390669812345");
    assert_eq!(v.line, LineType::FixedLine);
    let m = parse("+39 312 345 6789", None).unwrap();
    assert_eq!(m.e164, "+393123456789");
    assert_eq!(m.line, LineType::Mobile);
}

/// 07700 900xxx is Ofcom's drama range: the right length, in no allocated range.
#[test]
fn unallocated_ranges_of_a_possible_length_are_kept_as_unknown() {
    for raw in ["+44 (0)7700 900123", "07700 900123", "+447700900123"] {
        let p = parse(raw, gb()).unwrap();
        assert_eq!(p.e164, "+447700900123", "{raw}");
        assert_eq!(p.line, LineType::Unknown);
        assert!(p.line.sms_capable());
    }
}

/// The trial's two spellings that were refused for a reason they do not have (the `e`
/// and `.` of `ext.` read as scientific notation; full-width digits read as "no
/// digits"). Each is the number `+44 20 7946 0958` (E.164: `+` and the digits, no
/// extension, ITU-T E.164), as its other spellings (`x1`, `ext 1`, a row with some
/// full-width digits) already were.
#[test]
fn extensions_and_full_width_digits_are_the_number() {
    for raw in [
        "+44 20 7946 0958 ext. 1",
        "+44 20 7946 0958 ext 1",
        "+44 20 7946 0958 x1",
        "＋４４ ２０ ７９４６ ０９５８",
        "＋４４　２０　７９４６　０９５８",
        "+44 20 7946 ０９５８",
    ] {
        assert_eq!(
            parse(raw, None).map(|p| p.e164),
            Ok("+442079460958".to_string()),
            "{raw}"
        );
    }
    // Full-width national digits in the region's plan; a full-width `＋` names its
    // country whatever the region (US's trunk prefix `1` must not be stripped).
    assert_eq!(
        parse("０７９１１ １２３４５６", gb()).map(|p| p.e164),
        Ok("+447911123456".to_string())
    );
    assert_eq!(
        parse("＋４９ １５７ ９７３４００３", "US".parse().ok()).map(|p| p.e164),
        Ok("+491579734003".to_string())
    );
    // Scientific notation is still refused, with a decimal point or comma.
    for raw in ["4.47911123456E+11", "4,47911123456E+11", "4.4791E11"] {
        assert_eq!(parse(raw, gb()), Err(PhoneError::Scientific), "{raw}");
    }
}

#[test]
fn what_is_not_a_number_says_why() {
    assert_eq!(parse("07911 123456", None), Err(PhoneError::NoRegion));
    assert_eq!(
        parse("4.47700900124E+11", gb()),
        Err(PhoneError::Scientific)
    );
    assert_eq!(parse("call me", gb()), Err(PhoneError::NoDigits));
    assert_eq!(parse("12345", gb()), Err(PhoneError::TooShort));
    assert_eq!(
        parse("+999 1234 5678", None),
        Err(PhoneError::UnknownCountryCode("999".into()))
    );
}

#[test]
fn regions_come_from_codes_and_country_names() {
    let code = |s: &str| Region::from_country(s).map(|r| r.to_string());
    assert_eq!(code("GB").as_deref(), Some("GB"));
    assert_eq!(code(" gbr ").as_deref(), Some("GB"));
    assert_eq!(code("United  Kingdom").as_deref(), Some("GB"));
    assert_eq!(code("uk").as_deref(), Some("GB"));
    assert_eq!(code("Deutschland").as_deref(), Some("DE"));
    assert_eq!(code("United States").as_deref(), Some("US"));
    assert_eq!(code("France").as_deref(), Some("FR"));
    assert_eq!(code("Atlantis"), None);
    assert_eq!(code(""), None);
    assert!("XX".parse::<Region>().is_err());
    // A French national number read in France.
    assert_eq!(
        e164("06 12 34 56 78", Region::from_country("France")).as_deref(),
        Some("+33612345678")
    );
}

#[test]
fn the_country_column_is_found_by_name() {
    assert_eq!(country_column(["email", "phone", "country"]), Some(2));
    assert_eq!(
        country_column(["country_of_birth", "default_address_country_code"]),
        Some(1)
    );
    assert_eq!(country_column(["email", "countryside"]), None);
}

#[test]
fn line_types_round_trip_their_stored_spelling() {
    for t in [LineType::Mobile, LineType::FixedLine, LineType::Unknown] {
        assert_eq!(t.as_str().parse::<LineType>(), Ok(t));
    }
}

/// Issue trial (promise 1, item 3): every value that names one number reads as that
/// number. `+44 07700 900222` keeps the trunk `0` after the country code (E.164 drops
/// it: `+447700900222`); extensions are no part of the address; full-width digits are
/// the same digits (NFKC).
#[test]
fn trunk_zeros_and_extensions_name_the_number_they_follow() {
    for (raw, want) in [
        ("+44 07700 900222", "+447700900222"),
        ("+4407700900222", "+447700900222"),
        ("0044 07700 900222", "+447700900222"),
        ("+44 7700 900111 ext. 9", "+447700900111"),
        ("+44 7700 900111 ext 9", "+447700900111"),
        ("07700 900128 ext 12", "+447700900128"),
        ("07700 900128 ext. 12", "+447700900128"),
        ("+44 7700 900333 x9", "+447700900333"),
        ("+44 7911 123456 #12", "+447911123456"),
        ("+49 0157 9734003", "+491579734003"),
        ("＋４４ ７９１１ １２３４５６", "+447911123456"),
    ] {
        assert_eq!(e164(raw, gb()).as_deref(), Some(want), "{raw}");
    }
    // A zero that belongs to the number stays: Rome's 06 (Italy has no trunk prefix).
    assert_eq!(
        e164("+39 06 6982 1234", None).as_deref(),
        Some("+390669821234")
    );
    // A spreadsheet's scientific notation still loses digits and says so.
    assert_eq!(
        parse("4.47700900111E+11", gb()),
        Err(PhoneError::Scientific)
    );
}

/// Session 7 trial: a note in parentheses after the number is no part of it, so an
/// SMS refusal written `+44 7700 900002 (mobile)` holds for +447700900002; a bracket
/// with a digit is the number's own (`(0)`), and a note alone is no number.
#[test]
fn a_comment_in_parentheses_after_the_number_is_dropped() {
    for (raw, want) in [
        ("+44 7700 900002 (mobile)", "+447700900002"),
        ("07700 900003 (work)", "+447700900003"),
        ("+44 (0)7911 123456", "+447911123456"),
        ("+44 (0)7911 123456 (Büro)", "+447911123456"),
    ] {
        assert_eq!(e164(raw, gb()).as_deref(), Some(want), "{raw}");
    }
    assert_eq!(e164("(mobile)", gb()), None);
}

/// Trial 4, N3: letters are never read as digits for sending; both readings of a
/// typo (O or I for 0 or 1, and the keypad's) are given for protecting.
#[test]
fn letters_in_a_number_are_no_number_but_protect_both_readings() {
    for raw in [
        "07700 9OO456",
        "+44 7700 9OO123",
        "07700 90045l",
        "1-800-FLOWERS",
    ] {
        assert_eq!(parse(raw, gb()), Err(PhoneError::Letters), "{raw}");
    }
    // Not letters of the number: a scheme, an extension.
    assert!(parse("tel:+44-7700-900123", gb()).is_ok());
    assert!(parse("+44 7700 900123 ext. 2", None).is_ok());
    assert_eq!(
        letter_readings("07700 9OO456", gb()),
        ["+447700900456", "+447700966456"]
    );
    assert_eq!(
        letter_readings("+44 7700 9OO12l", None),
        ["+447700900121", "+447700966125"]
    );
    assert!(letter_readings("07700 900456", gb()).is_empty());
}
