//! Domain entries of a suppression list: `*@example.com`, `%@example.com` (the SQL
//! wildcard some tools export) or `@example.com` stand for every address at that
//! domain, as domain suppression in Mailchimp and Klaviyo does ("do not contact
//! anyone at competitor.com"). Before new-user trial 6 (G9) such a line was stored as
//! a literal address (`*` is a legal local part) and suppressed nobody.
//!
//! Owns reading an entry ([`entry`]) and the domain of an address ([`domain_of`]), both
//! in the normal form of `fields::address::email_key` (lower case, NFKC, IDNA `xn--`
//! labels in Unicode), so `@Bücher.de`, `@XN--BCHER-KVA.DE` and `ann@bücher.de` meet.
//! Only that exact domain is meant: `@example.com` does not reach `sub.example.com`
//! (list it too). Called by `import::suppress_list` when reading a cell, and by
//! `campaign::suppressed` for each contact's addresses.

use crate::fields::address::email_key;

/// The suppression-list kind of a domain entry.
pub const KIND: &str = "domain";

/// What a cell that starts like a domain entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The domain, normalised.
    Domain(String),
    /// Written as a domain entry, but no domain can be read after the `@`
    /// (`*@localhost`, `@*.example.com`, `*@exa mple.com`): said with its line.
    Unreadable,
}

/// The domain entry `value` is, if it is one: trimmed, an `@` preceded by nothing, `*`
/// or `%`, then a domain of at least two non-empty labels with no white space, `@`
/// or wildcard. `None` for anything else (an address, a number, text).
pub fn entry(value: &str) -> Option<Entry> {
    let value = value.trim();
    let rest = ["*@", "%@", "@"]
        .iter()
        .find_map(|p| value.strip_prefix(p))?;
    let key = email_key(&format!("x@{rest}"));
    let domain = key.rsplit_once('@').map_or("", |(_, d)| d);
    let readable = domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
        && !domain
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "@*%,;<>()[]\"'`".contains(c));
    Some(if readable {
        Entry::Domain(domain.to_string())
    } else {
        Entry::Unreadable
    })
}

/// The domain of an address already in normal form (`fields::address::email_key`):
/// what follows its last `@`.
pub fn domain_of(normal: &str) -> Option<&str> {
    normal
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: the trial's spellings, case, IDNA both ways, and what is no entry.
    #[test]
    fn domain_entries_are_read_in_normal_form() {
        let domain = |d: &str| Some(Entry::Domain(d.to_string()));
        assert_eq!(entry("*@example.com"), domain("example.com"));
        assert_eq!(entry(" %@Example.COM "), domain("example.com"));
        assert_eq!(entry("@example.com"), domain("example.com"));
        assert_eq!(entry("@XN--BCHER-KVA.DE"), domain("bücher.de"));
        assert_eq!(entry("*@Bücher.de"), domain("bücher.de"));
        assert_eq!(entry("*@localhost"), Some(Entry::Unreadable));
        assert_eq!(entry("@*.example.com"), Some(Entry::Unreadable));
        assert_eq!(entry("*@"), Some(Entry::Unreadable));
        assert_eq!(entry("ann@example.com"), None);
        assert_eq!(entry("example.com"), None);
        assert_eq!(domain_of("ann@bücher.de"), Some("bücher.de"));
    }
}
