//! The send marker of a template export: the value the platform's segment column
//! (Mailchimp `Tags`, Klaviyo and listmonk `tactful_segment`, Brevo `TACTFUL_SEGMENT`)
//! holds for this export's recipients of one entry, and nobody else's.
//!
//! An upload to a sending platform adds or overwrites values for the contacts in the
//! file; it never removes a tag or a property from a contact who is *not* in it. A
//! marker that repeats from one export to the next (the bare segment name, `gold`)
//! therefore still marks everyone an earlier export marked, and everyone a platform
//! sync tagged the same way (`vip`), including people this export leaves out because
//! they opted out, were suppressed or erased, or are minors (trial 8, H3). So each
//! export marks its recipients with a value no earlier export used:
//! `tactful-<segment>-<token>`, the segment as lower-case ASCII letters and digits
//! (runs of anything else as one `-`, at most 40 characters), and a token of 10 hex
//! digits (40 bits) from the operating system's random source, the same for every
//! entry of one export. Two entries whose names give the same letters get the entry
//! number after the segment, so every entry of an export has a marker of its own. The
//! campaign's name stays out: campaign names are not checked for sensitive words
//! because they never leave the workspace (README, `sensitive_name`), and the segment
//! name already travelled in this column before. At most 8 + 40 + 4 + 1 + 10 = 63
//! characters of `a-z`, `0-9` and `-`: within Mailchimp's 100-character tags (no
//! emoji, no comma, so never quoted) and plain text for Klaviyo and listmonk
//! properties and Brevo text attributes. The manifest names each entry's marker
//! (`profile.markers`), and README "Delivery" sends only to it.

use std::collections::HashSet;

use serde::Serialize;

/// Characters of the segment name a marker keeps.
const SEGMENT_CHARS: usize = 40;

/// One entry's marker, for the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    /// 1-based entry.
    pub entry: usize,
    pub segment: String,
    /// The value of the platform's segment column for this entry's recipients.
    pub marker: String,
}

/// A fresh export token: 10 lower-case hex digits from the operating system's random
/// source. Errors: the random source failed (reported as an I/O error).
pub fn token() -> std::io::Result<String> {
    let mut bytes = [0u8; 5];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The markers of a campaign's entries (`segments`, in entry order) for the export
/// whose token is `token`.
pub fn markers(segments: &[&str], token: &str) -> Vec<Marker> {
    let mut seen = HashSet::new();
    segments
        .iter()
        .enumerate()
        .map(|(i, segment)| {
            let mut name = slug(segment, SEGMENT_CHARS);
            if !seen.insert(name.clone()) {
                name = format!("{name}-{}", i + 1);
                seen.insert(name.clone());
            }
            Marker {
                entry: i + 1,
                segment: segment.to_string(),
                marker: format!("tactful-{name}-{token}"),
            }
        })
        .collect()
}

/// Lower-case ASCII letters and digits of `name`, runs of anything else as one `-`,
/// at most `max` characters, no `-` at either end; `x` when nothing is left.
fn slug(name: &str, max: usize) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(max).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "x".into()
    } else {
        out.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_segment_and_token_and_differ_per_entry() {
        let got: Vec<String> = markers(
            &["gold", "Gold!", "Kundinnen über 50", "顧客"],
            "0123456789",
        )
        .into_iter()
        .map(|m| m.marker)
        .collect();
        assert_eq!(
            got,
            [
                "tactful-gold-0123456789",
                "tactful-gold-2-0123456789",
                "tactful-kundinnen-ber-50-0123456789",
                "tactful-x-0123456789",
            ]
        );
    }

    #[test]
    fn the_longest_names_fit_a_mailchimp_tag() {
        let long = "a".repeat(64);
        let m = &markers(&[&long], "0123456789")[0].marker;
        // 8 + 40 + 1 + 10
        assert_eq!(m.len(), 59);
        assert!(m.len() <= super::super::profile::MAILCHIMP_TAG_CHARS);
    }

    #[test]
    fn tokens_are_ten_hex_digits_and_differ() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_eq!(a.len(), 10);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(a, b);
    }
}
