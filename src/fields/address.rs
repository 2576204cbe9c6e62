//! E-mail addresses: one normal form so the same address is recognised however it was
//! typed (contact keys, suppression list, duplicate-address check). Phone numbers have
//! theirs in [`super::phone`] (E.164).

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
    fn email_keys_are_trimmed_and_lower_case() {
        assert_eq!(
            email_key("  Ana.Example@Example.COM "),
            "ana.example@example.com"
        );
    }
}
