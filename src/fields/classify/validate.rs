//! Value validators: e-mail and phone shapes, the Luhn check and IBAN mod-97.
//!
//! Each takes one cleaned value and answers without allocating, because
//! [`super::ValueProfile::observe`] runs them on every value of every column. They
//! recognise shapes; they do not prove that an address or number exists.

/// True for `local@domain.tld`: one `@`, no whitespace or list separators, a dotted
/// domain whose last label has at least two letters (RFC 5321 lengths: local part at
/// most 64 bytes, whole address at most 254).
pub(crate) fn is_email(v: &str) -> bool {
    if v.len() > 254 {
        return false;
    }
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    let bad = |c: char| c.is_whitespace() || matches!(c, '@' | ',' | ';' | '<' | '>' | '"');
    if local.is_empty() || local.len() > 64 || local.contains(bad) || domain.contains(bad) {
        return false;
    }
    let mut labels = domain.split('.');
    let tld = labels.next_back().unwrap_or("");
    domain.contains('.')
        && labels.all(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.chars().all(char::is_alphabetic)
}

/// What a phone-shaped value looks like; `None` if it is not phone-shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhoneShape {
    /// Number of digits (7 to 15: E.164 allows at most 15).
    pub digits: u8,
    /// Starts with `+` (international form).
    pub plus: bool,
    /// Has a `+`, space, dash or parenthesis: the marks people write phones with and
    /// database IDs rarely have.
    pub marked: bool,
}

/// Digits with an optional leading `+` and the separators space, `-`, `(`, `)`;
/// 7 to 15 digits (ITU-T E.164). ISO dates (`2021-03-22`) are not phones. A value
/// with an extension or in full-width digits is read as the importer reads it
/// (`fields::phone::written`: `+44 7700 900111 ext. 9` is shaped like a phone), so a
/// column of such numbers is found to be phones and its refusals hold for them.
pub(crate) fn phone_shape(v: &str) -> Option<PhoneShape> {
    let whole = one_phone_shape(v);
    // A cell of several numbers (`07911 123456 / 07700 900123`, `... or ...`, `...
    // oder ...`) is shaped like its first when every part is shaped like a phone, split
    // where the importer splits it (`fields::phone::several::parts`), so a column
    // holding some is still phones.
    if whole.is_some() || !crate::fields::phone::several::splits(v) {
        return whole;
    }
    let mut parts = crate::fields::phone::several::parts(v);
    let first = parts.next().and_then(one_phone_shape)?;
    let mut more = false;
    for part in parts {
        one_phone_shape(part)?;
        more = true;
    }
    more.then_some(first)
}

fn one_phone_shape(v: &str) -> Option<PhoneShape> {
    // Only values that could hold an extension or full-width forms pay for reading.
    if !v.is_ascii() || v.bytes().any(|b| b.is_ascii_alphabetic() || b == b'#') {
        let number = crate::fields::phone::written::written_number(v);
        return (number != v).then(|| plain_phone_shape(&number)).flatten();
    }
    plain_phone_shape(v)
}

fn plain_phone_shape(v: &str) -> Option<PhoneShape> {
    let body = v.strip_prefix('+');
    let plus = body.is_some();
    let body = body.unwrap_or(v);
    let mut digits = 0u8;
    let mut marked = plus;
    for c in body.chars() {
        match c {
            '0'..='9' => digits = digits.saturating_add(1),
            ' ' | '-' | '(' | ')' => marked = true,
            _ => return None,
        }
    }
    let iso_date =
        v.len() == 10 && v.as_bytes().get(4) == Some(&b'-') && v.as_bytes().get(7) == Some(&b'-');
    ((7..=15).contains(&digits) && !iso_date).then_some(PhoneShape {
        digits,
        plus,
        marked,
    })
}

/// True for 13 to 19 digits (ISO/IEC 7812 card numbers; spaces and dashes between
/// groups allowed) that pass the Luhn check.
pub(crate) fn passes_luhn(v: &str) -> bool {
    let mut sum = 0u32;
    let mut count = 0usize;
    for c in v.chars().rev() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            ' ' | '-' => continue,
            _ => return false,
        };
        let d = if count % 2 == 1 {
            let doubled = d * 2;
            if doubled > 9 { doubled - 9 } else { doubled }
        } else {
            d
        };
        sum += d;
        count += 1;
    }
    (13..=19).contains(&count) && sum.is_multiple_of(10)
}

/// True for an ISO 3166-1 alpha-2 country code (`US`, `de`, ` GB `, `NO`) of a country
/// in `assets/countries.tsv`: two letters, which no card number, phone or IBAN is. A
/// single value cannot tell Norway from the answer `no`: the column profile does
/// ([`is_answer_word`]; `super::profile`).
pub(crate) fn is_country_code(v: &str) -> bool {
    let v = v.trim();
    v.len() == 2
        && v.bytes().all(|b| b.is_ascii_alphabetic())
        && crate::fields::phone::Region::from_country(v).is_some()
}

/// True for the country codes that are also yes/no answers (`no`; `si`, Spanish and
/// Italian `sí`/`sì` written without the accent): a column whose only country codes are
/// these holds answers, not Norway and Slovenia (new-user trial H3: `Student` = no/yes
/// was classed as a quasi-identifier country).
pub(crate) fn is_answer_word(v: &str) -> bool {
    let v = v.trim();
    v.eq_ignore_ascii_case("no") || v.eq_ignore_ascii_case("si")
}

/// True for an IBAN (ISO 13616): two letters, two check digits, up to 30 letters or
/// digits, 15 to 34 characters without spaces, whose rearranged number is 1 mod 97.
pub(crate) fn is_iban(v: &str) -> bool {
    let compact = || v.chars().filter(|c| *c != ' ');
    let len = compact().count();
    if !(15..=34).contains(&len) {
        return false;
    }
    let head: Vec<char> = compact().take(4).collect();
    let well_formed = head.len() == 4
        && head[..2].iter().all(char::is_ascii_alphabetic)
        && head[2..].iter().all(char::is_ascii_digit)
        && compact().all(|c| c.is_ascii_alphanumeric());
    if !well_formed {
        return false;
    }
    // Move the first four characters to the end; letters count as 10..35.
    let mut rem = 0u32;
    for c in compact().skip(4).chain(head.iter().copied()) {
        let Some(n) = c.to_digit(36) else {
            return false;
        };
        rem = if n >= 10 {
            (rem * 100 + n) % 97
        } else {
            (rem * 10 + n) % 97
        };
    }
    rem == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_and_the_answers_among_them() {
        // By hand: US, de, GB, NO (Norway) and SI (Slovenia) are ISO 3166-1 codes in
        // countries.tsv; `XX` is no country, `USA` three letters. `no` and `si` are
        // also answers, which the column profile weighs.
        for code in ["US", " de ", "GB", "NO", "si"] {
            assert!(is_country_code(code), "{code}");
        }
        for other in ["XX", "USA", "1"] {
            assert!(!is_country_code(other), "{other}");
        }
        for answer in ["no", "NO", "si", "Si"] {
            assert!(is_answer_word(answer), "{answer}");
        }
        assert!(!is_answer_word("SE"));
    }

    #[test]
    fn emails_need_one_at_and_a_dotted_domain() {
        assert!(is_email("carrollallison@example.com"));
        assert!(is_email("Zoe.Muller+news@example.org"));
        assert!(!is_email("no at sign"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a@@example.com"));
        assert!(!is_email("a b@example.com"));
        assert!(!is_email("a@example.c0m"));
        assert!(!is_email("a@example..com"));
    }

    #[test]
    fn phones_are_seven_to_fifteen_digits() {
        let shape = phone_shape("+49 351 1234567").unwrap();
        assert_eq!((shape.digits, shape.plus, shape.marked), (12, true, true));
        let plain = phone_shape("03511234567").unwrap();
        assert_eq!((plain.digits, plain.plus, plain.marked), (11, false, false));
        assert!(phone_shape("(555) 010-4477").is_some());
        assert_eq!(phone_shape("123456"), None);
        // Two numbers in a cell: shaped like the first (11 digits, by count).
        assert_eq!(
            phone_shape("07911 123456 / 07700 900123").map(|s| s.digits),
            Some(11)
        );
        assert_eq!(phone_shape("07911 123456 / 7"), None);
        assert_eq!(phone_shape("1234567890123456"), None);
        assert_eq!(phone_shape("4.47700900124E+11"), None);
        assert_eq!(phone_shape("2021-03-22"), None);
        assert_eq!(phone_shape("7590-VHVEG"), None);
        // An extension is no part of the number (the trial's `ext. 9`): the number
        // before it has the shape, 12 digits with `+`; full-width digits are digits.
        let ext = phone_shape("+44 7700 900111 ext. 9").unwrap();
        assert_eq!((ext.digits, ext.plus, ext.marked), (12, true, true));
        assert!(phone_shape("07700 900128 x12").is_some());
        assert!(phone_shape("＋４４ ７７００ ９００１１１").is_some());
        assert_eq!(phone_shape("Room 1234567 ext 2"), None);
    }

    #[test]
    fn luhn_accepts_published_test_numbers() {
        // Published test card numbers (Visa, Mastercard, Amex test PANs).
        assert!(passes_luhn("4111111111111111"));
        assert!(passes_luhn("5555 5555 5555 4444"));
        assert!(passes_luhn("378282246310005"));
        assert!(passes_luhn("4012-8888-8888-1881"));
        assert!(!passes_luhn("4111111111111112"));
        assert!(!passes_luhn("411111111111"), "12 digits is too short");
        assert!(!passes_luhn("4111x11111111111"));
    }

    #[test]
    fn iban_mod_97() {
        // The example IBAN of the German banking industry, and the ECBS UK example.
        assert!(is_iban("DE89370400440532013000"));
        assert!(is_iban("DE89 3704 0044 0532 0130 00"));
        assert!(is_iban("GB82WEST12345698765432"));
        assert!(!is_iban("DE89370400440532013001"));
        assert!(!is_iban("DE88370400440532013000"));
        assert!(!is_iban("8937040044053201300012"));
    }
}
