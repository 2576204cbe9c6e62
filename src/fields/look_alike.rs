//! Addresses that mix scripts in one part: `ivy@еxample.com` with a Cyrillic `е`
//! (U+0435) among Latin letters. No registry of a common top-level domain accepts a
//! label mixing Latin with Cyrillic or Greek (they follow UTS #39's mixed-script
//! rule), so such an address is a typing or copy-paste accident, or a look-alike of
//! another person's address (a spoof). New-user trial 6, G18: it was accepted
//! silently, as a contact sent to and as a list entry that suppressed nobody.
//!
//! [`super::address::normalise_email`] reads such a value as no address, so it keys
//! no contact (the import rejects its row by line, or keys it by its phone), is never
//! sent to (`no_address`, [`super::address::Unsendable`]), and a suppression list
//! reports it as not added (the list is refused whole until it is mended). Its
//! refusals hold for its Latin reading too ([`super::address::refusal_forms`]).
//! Scripts are judged per part (UTS #39 single-script test, `unicode-security`): the
//! local part and the domain split at `.`, `+`, `-` and `_`, so `ivan.иванов@x.ru`
//! (a Latin and a Cyrillic part) and Japanese mixing Han and kana stay addresses.

use unicode_security::{MixedScript, skeleton};

/// A part of an address mixing scripts: its first letter of the other script, and
/// the address read in Latin letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookAlike {
    /// The first letter that shares no script with the Latin letters around it (the
    /// Cyrillic `е` of `еxample`); for a part with no ASCII letter, its first
    /// non-ASCII letter.
    pub letter: char,
    /// The address with each look-alike letter read as the ASCII letter it imitates
    /// (UTS #39 confusable skeleton: `ivy@example.com`), when that reading is in one
    /// script; `None` otherwise.
    pub latin: Option<String>,
}

impl LookAlike {
    /// The reason as a clause after the value, saying what to write instead.
    pub fn describe(&self) -> String {
        let c = self.letter;
        let instead = match &self.latin {
            Some(latin) => format!(", such as {latin}"),
            None => String::new(),
        };
        format!(
            "mixes letters of two scripts in one part (`{c}`, U+{:04X}, among Latin letters): no registry accepts such a name (UTS #39), so it is a typing accident or a look-alike of another address; write it in one script{instead}",
            c as u32
        )
    }
}

/// The mixed-script part of `email` (an address in normal form,
/// [`super::address::email_key`]), if any. ASCII is one script: `None` at once.
pub fn look_alike(email: &str) -> Option<LookAlike> {
    if email.is_ascii() {
        return None;
    }
    let mixed = parts(email).find(|part| !part.is_single_script())?;
    let has_latin = mixed.chars().any(|c| c.is_ascii_alphabetic());
    let odd = |c: &char| {
        !c.is_ascii()
            && c.is_alphabetic()
            && (!has_latin || !format!("a{c}").as_str().is_single_script())
    };
    let letter = mixed
        .chars()
        .find(odd)
        .or_else(|| mixed.chars().find(|c| !c.is_ascii()))?;
    let latin: String = email.chars().map(read_latin).collect();
    let latin = (latin != email && parts(&latin).all(|p| p.is_single_script())).then_some(latin);
    Some(LookAlike { letter, latin })
}

/// The parts of an address a script is judged on: the local part and the domain,
/// each split at `.`, `+`, `-` and `_`.
fn parts(email: &str) -> impl Iterator<Item = &str> {
    email.split(['@', '.', '+', '-', '_'])
}

/// `c`, or the ASCII letter it imitates when its confusable skeleton is one (`е`
/// U+0435 reads `e`), lower case as the normal form is.
fn read_latin(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let mut buffer = [0u8; 4];
    let mut skeleton = skeleton(c.encode_utf8(&mut buffer));
    match (skeleton.next(), skeleton.next()) {
        (Some(m), None) if m.is_ascii_alphanumeric() => m.to_ascii_lowercase(),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trial's spoofs by hand: Cyrillic `е` (U+0435) and `а` (U+0430), Greek `ο`
    /// (U+03BF), each among Latin letters.
    #[test]
    fn a_part_mixing_latin_with_a_look_alike_is_found() {
        let found = look_alike("ivy@еxample.com").unwrap();
        assert_eq!(found.letter, 'е');
        assert_eq!(found.latin.as_deref(), Some("ivy@example.com"));
        assert_eq!(look_alike("eve@exаmple.com").unwrap().letter, 'а');
        assert_eq!(look_alike("bοb@example.com").unwrap().letter, 'ο');
        assert!(
            look_alike("bob@example.com").is_none()
                && look_alike("zoë@exämple.org").is_none()
                && look_alike("ivan.иванов@пример.рф").is_none()
                && look_alike("иван@example.com").is_none()
                && look_alike("山田たろう@例え.jp").is_none()
                && look_alike("ελένη@παράδειγμα.ελ").is_none()
        );
    }
}
