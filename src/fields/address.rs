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
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    valid.then_some(email)
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
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '+' if i == 0 => out.push('+'),
            '0'..='9' => out.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' => {
                if c == '.' && (s.contains('E') || s.contains('e')) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    if let Some(rest) = out.strip_prefix("00") {
        out = format!("+{rest}");
    }
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
    }
}
