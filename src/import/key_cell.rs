//! The e-mail address a key cell names, read the way `tactful suppress` reads one, and
//! the rule that a row's refusal is never dropped.
//!
//! An export of unsubscribes writes addresses as people and tools wrote them: `A1
//! <a1@example.com>`, `mailto:a2@example.com`, `a3@example.com.`, `a4@example.com;`,
//! `a5@example.com (work)`. The key used to be the cell lower-cased when it had the
//! shape of an address, so `mailto:a2@example.com` keyed a junk contact and the
//! others were rejected with their refusals (new-user trial, session 7), while the
//! person kept getting the message. [`read`] takes the one address out of such a cell
//! ([`address::addresses_in`], as the suppression list does); a plain address keeps
//! the key it always had. A cell naming several addresses (`a6@example.com,
//! a6@other.com`) keys the contact by the first; the cell stays in the e-mail field as
//! written, so a refusal holds for every address in it (campaigns read refusals by
//! every address a field holds) and no message goes to it (several addresses are no
//! sendable address), and its grants are dropped ([`drop_grants`]): nothing says which
//! address consented. A row that states a refusal and still cannot be imported stops
//! the import ([`refusal_lost`]). Called by [`super::prepare`].

use super::ImportError;
use super::consent::row::Statement;
use crate::fields::{Channel, ConsentState, address};

/// The address a key cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAddress {
    /// One address, in normal form.
    One(String),
    /// Several addresses: the contact is keyed by the first.
    Several(String),
    /// No valid address.
    None,
}

/// Read the e-mail address of key cell `raw`. A value that is one address and nothing
/// else (no white space, no `<>"(),;:[]\`) keeps the key it always had
/// ([`address::normalise_email`]), so `o'brien@example.com` is not cut at its
/// apostrophe; any other value gives the addresses [`address::addresses_in`] finds.
pub fn read(raw: &str) -> KeyAddress {
    let wrapped = |c: char| c.is_whitespace() || "<>\"(),;:[]\\".contains(c);
    if !raw.trim().chars().any(wrapped)
        && let Some(email) = address::normalise_email(raw)
    {
        return KeyAddress::One(email);
    }
    let mut found = address::addresses_in(raw);
    // A display name that looks like an address is still a name: the mailbox is the
    // address in brackets (`"bob@x.com" <ann@x.com>` is Ann's row, trial 11).
    if found.len() > 1
        && let Some(mailbox) = crate::fields::address_read::angle_address(raw)
    {
        return KeyAddress::One(mailbox);
    }
    match found.len() {
        0 => KeyAddress::None,
        1 => KeyAddress::One(found.remove(0)),
        _ => KeyAddress::Several(found.remove(0)),
    }
}

/// Why key cell `raw` names no address when it mixes scripts in one part (`: it
/// mixes letters of two scripts ...`, [`crate::fields::look_alike`], trial 6, G18) or
/// is longer than RFC 5321 allows (`: it is longer than any mail system takes ...`,
/// [`crate::fields::address_length`]); empty otherwise.
pub fn no_address_clause(raw: &str) -> String {
    let key = address::email_key(raw);
    if let Some(mixed) = crate::fields::look_alike::look_alike(&key) {
        return format!(": it {}", mixed.describe());
    }
    match crate::fields::address_length::too_long(&key) {
        Some(long) => format!(": it {}", long.describe()),
        None => String::new(),
    }
}

/// Why a suppression list's value with an `@` adds no address: it mixes scripts, is
/// too long (as [`no_address_clause`] says), or has no address's shape.
pub fn unread_entry(value: &str) -> String {
    match no_address_clause(value).strip_prefix(": it ") {
        Some(why) => format!("no valid e-mail address: the value {why}"),
        None => "no valid e-mail address (local@domain.tld) in the value".to_string(),
    }
}

/// Forget what `consent` grants (the file's word or `--consent`): the row's key cell
/// names several addresses and nothing says which one consented. Refusals stay.
pub fn drop_grants(consent: &mut [Statement; 2]) {
    for statement in consent.iter_mut() {
        if statement
            .said
            .is_some_and(|s| s.state == ConsentState::Granted)
        {
            *statement = Statement {
                said: None,
                source: None,
                evidence: None,
                option_not_applied: statement.option_not_applied,
                unknown: statement.unknown,
            };
        }
    }
}

/// The refusal a rejected row would lose: the first channel on which `consent` says
/// declined, withdrawn or bounced, with the state.
pub fn refusal(consent: &[Statement; 2]) -> Option<(Channel, ConsentState)> {
    Channel::ALL.iter().zip(consent).find_map(|(channel, s)| {
        let state = s.said?.state;
        state.is_refusal().then_some((*channel, state))
    })
}

/// The error that stops an import whose row `line` states `refusal` but is rejected
/// for `reason` (`column`: the column that made it fail): a refusal must never be
/// dropped without a word, and a row rejected among hundreds is easy to miss.
pub fn refusal_lost(
    file: String,
    line: u64,
    column: &str,
    (channel, state): (Channel, ConsentState),
    reason: String,
) -> ImportError {
    ImportError::RefusalLost {
        file,
        line,
        column: column.to_string(),
        channel,
        state,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(raw: &str) -> String {
        match read(raw) {
            KeyAddress::One(a) => a,
            other => panic!("{raw}: {other:?}"),
        }
    }

    /// The trial's spellings each name one person, by hand: the address between the
    /// wrapping.
    #[test]
    fn wrapped_addresses_key_their_address() {
        assert_eq!(one("A1 <a1@example.com>"), "a1@example.com");
        assert_eq!(one("mailto:a2@example.com"), "a2@example.com");
        assert_eq!(one("a3@example.com."), "a3@example.com");
        assert_eq!(one("a4@example.com;"), "a4@example.com");
        assert_eq!(one("a5@example.com (work)"), "a5@example.com");
        assert_eq!(one(" A7@Example.com "), "a7@example.com");
        assert_eq!(one("o'brien@example.com"), "o'brien@example.com");
        assert_eq!(
            read("a6@example.com, a6@other.com"),
            KeyAddress::Several("a6@example.com".into())
        );
        for none in ["", "n/a", "ana@localhost", "Ana"] {
            assert_eq!(read(none), KeyAddress::None, "{none}");
        }
    }
}
