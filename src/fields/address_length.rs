//! The length limits of an e-mail address (RFC 5321 §4.5.3.1): a value past them is no
//! address, so it is never sent to or exported, keys no contact, and a suppression list
//! reports it by line instead of counting it added (new-user trial: a 70-character
//! local part and a 300-character address were imported as addresses and exported).
//! No mail system accepts such an address, so it is a typing, paste or export accident;
//! reading it as no address matches nobody else's address either.
//!
//! Lengths are in octets of the address's normal form ([`super::address::email_key`])
//! in UTF-8, as an SMTPUTF8 server receives it (RFC 6531 §3.3 keeps the limits in
//! octets). A label's limit is checked on ASCII labels only: an internationalised
//! label's limit is on its ASCII (`xn--`) form, whose length UTF-8 does not give.
//! Called by [`super::address::normalise_email`] (the shape check every reading goes
//! through) and [`super::address::Unsendable`] (the import report's reason).

/// Longest local part, in octets (RFC 5321 §4.5.3.1.1).
pub const MAX_LOCAL: usize = 64;

/// Longest domain, in octets (RFC 5321 §4.5.3.1.2).
pub const MAX_DOMAIN: usize = 255;

/// Longest label of a domain, in octets (RFC 1035 §2.3.4).
pub const MAX_LABEL: usize = 63;

/// Longest address, in octets: a path is at most 256 octets (RFC 5321 §4.5.3.1.3) and
/// holds the address between `<` and `>` (RFC 3696, erratum 1690).
pub const MAX_ADDRESS: usize = 254;

/// Which limit an address is past, and its length in octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLong {
    Local(usize),
    Domain(usize),
    Label(usize),
    Address(usize),
}

/// The first limit `email` (in normal form, `local@domain`) is past: the local part
/// (before the last `@`), the domain, one of its ASCII labels, the whole address;
/// `None` when it is within them all or has no `@`.
pub fn too_long(email: &str) -> Option<TooLong> {
    let (local, domain) = email.rsplit_once('@')?;
    if local.len() > MAX_LOCAL {
        return Some(TooLong::Local(local.len()));
    }
    if domain.len() > MAX_DOMAIN {
        return Some(TooLong::Domain(domain.len()));
    }
    if let Some(label) = domain
        .split('.')
        .find(|l| l.is_ascii() && l.len() > MAX_LABEL)
    {
        return Some(TooLong::Label(label.len()));
    }
    (email.len() > MAX_ADDRESS).then_some(TooLong::Address(email.len()))
}

impl TooLong {
    /// The reason as a clause after the value (`` `…` `` *has a local part of ...*).
    pub fn describe(&self) -> String {
        let (what, octets, limit, rule) = match *self {
            TooLong::Local(n) => (
                "a local part (before the @)",
                n,
                MAX_LOCAL,
                "RFC 5321 §4.5.3.1.1",
            ),
            TooLong::Domain(n) => ("a domain", n, MAX_DOMAIN, "RFC 5321 §4.5.3.1.2"),
            TooLong::Label(n) => ("a domain label", n, MAX_LABEL, "RFC 1035 §2.3.4"),
            TooLong::Address(n) => ("an address", n, MAX_ADDRESS, "RFC 5321 §4.5.3.1.3"),
        };
        format!(
            "is longer than any mail system takes: {what} of {octets} octets, over the {limit} {rule} allows"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lengths by hand: `"a".repeat(65)` is 65 octets; `é` is 2 octets in UTF-8.
    #[test]
    fn each_limit_is_read_at_its_edge() {
        let at = |local: &str, domain: &str| format!("{local}@{domain}");
        assert_eq!(too_long(&at(&"a".repeat(64), "x.org")), None);
        assert_eq!(
            too_long(&at(&"a".repeat(65), "x.org")),
            Some(TooLong::Local(65))
        );
        // 33 `é` are 66 octets though 33 characters.
        assert_eq!(
            too_long(&at(&"é".repeat(33), "x.org")),
            Some(TooLong::Local(66))
        );
        assert_eq!(too_long(&at("a", &format!("{}.org", "b".repeat(63)))), None);
        assert_eq!(
            too_long(&at("a", &format!("{}.org", "b".repeat(64)))),
            Some(TooLong::Label(64))
        );
        // Four labels of 63 and `.org`: 4×63 + 4 dots + 3 = 259 octets.
        let long_domain = format!("{0}.{0}.{0}.{0}.org", "c".repeat(63));
        assert_eq!(too_long(&at("a", &long_domain)), Some(TooLong::Domain(259)));
        // 61 + 1 + 60 + 1 + 63 + 4 = 190 octets of domain, 64 + 1 + 190 = 255 in all:
        // every part within its limit, the address not.
        let domain = format!(
            "{}.{}.{}.org",
            "d".repeat(61),
            "d".repeat(60),
            "e".repeat(63)
        );
        assert_eq!(domain.len(), 190);
        assert_eq!(
            too_long(&at(&"a".repeat(64), &domain)),
            Some(TooLong::Address(255))
        );
        // One octet fewer: 254.
        let domain = format!(
            "{}.{}.{}.org",
            "d".repeat(61),
            "d".repeat(60),
            "e".repeat(62)
        );
        assert_eq!(too_long(&at(&"a".repeat(64), &domain)), None);
        assert_eq!(too_long("no-at-sign"), None);
    }
}
