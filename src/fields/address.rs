//! Channel addresses: normalising e-mail addresses and phone numbers so the same
//! address is recognised however it was typed (contact keys, suppression list,
//! duplicate-address check).

/// Normalise an e-mail address: trim, lower-case the whole address (mailbox names are
/// case-sensitive in RFC 5321 §2.4, but no mainstream provider treats them so, and
/// treating `ANA@x` and `ana@x` as two people sends twice: case BR-03).
///
/// Returns `None` unless the result has the shape `local@domain.tld`: one `@`, a
/// non-empty local part, a domain with a dot and no empty labels, no whitespace.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = email_key(raw);
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    valid.then_some(email)
}

/// The comparison form of an e-mail address, valid or not: trimmed and lower-cased.
/// Contact keys and suppression hashes use it, so a malformed address still matches
/// itself.
pub fn email_key(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// The comparison form of a phone number, valid or not: a leading `+` (or `00`, the
/// ITU-T E.164 international prefix, which becomes `+`) and the digits; empty when there
/// are no digits.
pub fn phone_key(raw: &str) -> String {
    let raw = raw.trim();
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        String::new()
    } else if raw.starts_with('+') {
        format!("+{digits}")
    } else if let Some(rest) = digits.strip_prefix("00") {
        format!("+{rest}")
    } else {
        digits
    }
}

/// Normalise a phone number for comparison and sending: keep a leading `+` and the
/// digits, drop spaces, dots, dashes and parentheses; a leading `00` becomes `+`
/// (ITU-T E.164 international prefix).
///
/// Returns `None` when there are fewer than 7 or more than 15 digits (E.164 allows at
/// most 15), when other characters appear, or when the value looks like a number a
/// spreadsheet turned into scientific notation (`4.477E+11`): such a value has lost
/// digits and must not be guessed back (case BR-24).
pub fn normalise_phone(raw: &str) -> Option<String> {
    let s = raw.trim();
    for (i, c) in s.chars().enumerate() {
        match c {
            '+' if i == 0 => {}
            '0'..='9' | ' ' | '-' | '(' | ')' | '/' => {}
            '.' if !s.contains(['E', 'e']) => {}
            _ => return None,
        }
    }
    let out = phone_key(s);
    let digits = out.trim_start_matches('+').len();
    (7..=15).contains(&digits).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_compare_case_insensitively() {
        assert_eq!(
            normalise_email("  ANA@Example.COM ").as_deref(),
            Some("ana@example.com")
        );
        assert_eq!(
            normalise_email("zoë@exämple.org").as_deref(),
            Some("zoë@exämple.org")
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.com",
            "ana@x",
            "a b@x.com",
            "a@b@c.com",
            "a@x..com",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_keep_their_digits() {
        assert_eq!(
            normalise_phone("+44 7700 900125").as_deref(),
            Some("+447700900125")
        );
        assert_eq!(
            normalise_phone("07700900126").as_deref(),
            Some("07700900126")
        );
        assert_eq!(
            normalise_phone("0049 (30) 123-4567").as_deref(),
            Some("+49301234567")
        );
        assert_eq!(normalise_phone("4.47700900124E+11"), None);
        assert_eq!(normalise_phone("12345"), None);
        assert_eq!(normalise_phone("call me"), None);
        assert_eq!(phone_key("(0612) 34-56-78"), "0612345678");
        assert_eq!(phone_key("n/a"), "");
        assert_eq!(
            email_key("  Ana.Example@Example.COM "),
            "ana.example@example.com"
        );
    }
}
