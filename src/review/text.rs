//! `sensitive_text` (blocker, acceptable): message text that names special category
//! data or a protected trait, unless the campaign unlocked that kind for the data the
//! segment's own rule selects by (`sensitive_text_unlocked`, a warning).
//!
//! A subject `Eid Mubarak to our Muslim customers` or a body `As a fellow diabetic, …`
//! states a religion or a condition of every recipient of the segment (GDPR Art. 9(1)),
//! and with any rule that stands in for it (a postcode, a product bought) it is
//! targeting by that data; the message leaves the machine in every export profile, SMS
//! included (session-10 trial F23: such messages passed review with no finding).
//! PRODUCT.md puts message text under the same blocked-unless-justified rule as
//! segment rules.
//!
//! What is read: the literal text of the subject and body ([`literal_text`]: outside
//! merge fields and tags, plus `default("…")` fallbacks), cut into phrases at sentence
//! punctuation and line breaks, each read like a segment name
//! ([`crate::fields::classify::sensitive_values_in_name`]: special category words
//! anywhere, plurals and other forms too, and a protected trait that is the whole
//! phrase but for audience words, `Our seniors`). Merge field names (`{{ diabetic }}`)
//! and ordinary words are not: `Dear {{ first_name }}`, `Christmas`, `in unison`,
//! `Church Street store`, `Cancer Research UK` raise nothing. Text that names the kind
//! the segment's rule selects by through an unlock of that kind is covered, as for
//! segment names ([`super::names`]), with the unlock's justification shown.

use rusqlite::Connection;

use super::definition::Uses;
use super::names::ByUnlock;
use super::{Finding, ReviewError};
use crate::campaign::Campaign;
use crate::fields::classify::sensitive_values_in_name;
use crate::message::literal::literal_text;

/// `sensitive_text` for the subjects and bodies of `campaign` whose literal text names
/// sensitive data no unlock covers, and `sensitive_text_unlocked` for those an unlock
/// covers.
///
/// Errors: workspace errors only (reading a segment's rule and a field's values).
pub fn findings(
    conn: &Connection,
    campaign: &Campaign,
    uses: &Uses,
) -> Result<Vec<Finding>, ReviewError> {
    let mut sorted = ByUnlock::default();
    for entry in &campaign.entries {
        let parts = entry
            .subject
            .iter()
            .map(|s| ("subject", s))
            .chain(std::iter::once(("body", &entry.body)));
        for (part, source) in parts {
            for text in literal_text(source) {
                let text = as_read(&text);
                for phrase in text.split(PHRASE_BREAKS) {
                    for v in sensitive_values_in_name(phrase) {
                        let item = format!(
                            "segment `{}`, {part}: `{}` is {} data ({}; {})",
                            entry.segment,
                            v.term,
                            v.kind.replace('_', " "),
                            v.label,
                            v.source
                        );
                        sorted.add(conn, campaign, uses, &entry.segment, &v, item)?;
                    }
                }
            }
        }
    }
    Ok(sorted.findings(
        ("sensitive_text", "message text names special category data or a protected trait, saying it of every recipient of the segment; reword the message, unlock the kind for the data the segment's rule selects by (tactful unlock CAMPAIGN FIELD --reason \"...\"), or accept with a written reason (tactful review CAMPAIGN --accept sensitive_text --reason \"...\")"),
        ("sensitive_text_unlocked", "message text names special category data or a protected trait that the segment's rule selects by through an unlock; every recipient of the segment reads it, as the unlock's justification allows"),
    ))
}

/// `text` as a recipient reads it once an HTML body is rendered: a soft hyphen written
/// as an entity (`dia&shy;betic`, `&#173;`, `&#xAD;`) is no break in the word, and
/// inline tags are none either (`dia<b></b>betic`); block tags (`<p>`, `<br>`) end a
/// phrase; `&nbsp;` is a space and `&amp;` an ampersand (new-user trial 3, H12: an
/// HTML body `dia&shy;betic` rendered `diabetic` and passed review). Plain text
/// without `&` or `<` is returned as it is.
fn as_read(text: &str) -> String {
    if !text.contains(['&', '<']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '&'
            && let Some(end) = rest[..rest.len().min(10)].find(';')
        {
            let entity = rest[1..end].to_ascii_lowercase();
            let said = match entity.as_str() {
                "shy" | "#173" | "#xad" | "zwj" | "zwnj" | "#8203" | "#x200b" => Some(""),
                "nbsp" | "#160" | "#xa0" => Some(" "),
                "amp" => Some("&"),
                _ => None,
            };
            if let Some(said) = said {
                out.push_str(said);
                rest = &rest[end + 1..];
                continue;
            }
        }
        if c == '<'
            && rest[1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/')
            && let Some(end) = rest.find('>')
        {
            let name: String = rest[1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let block = matches!(
                name.as_str(),
                "p" | "br" | "div" | "li" | "tr" | "td" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            );
            if block {
                out.push('\n');
            }
            rest = &rest[end + 1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Where message text is cut into phrases: sentence punctuation and line breaks, so
/// `Hi Ana! Seniors save 10%` reads `Seniors save 10%` as one phrase, not the whole.
const PHRASE_BREAKS: &[char] = &['.', '!', '?', ',', ';', ':', '\n', '\r', '(', ')'];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::Entry;

    fn campaign(subject: &str, body: &str) -> Campaign {
        let mut c = Campaign::new("c", crate::fields::Channel::Email);
        c.entries = vec![Entry {
            segment: "promo".into(),
            subject: Some(subject.into()),
            body: body.into(),
            format: crate::message::BodyFormat::default(),
        }];
        c
    }

    fn judge(subject: &str, body: &str) -> Vec<Finding> {
        let conn = Connection::open_in_memory().unwrap();
        let uses = Uses {
            fields: Vec::new(),
            provenance: Vec::new(),
            entries: Vec::new(),
        };
        findings(&conn, &campaign(subject, body), &uses).unwrap()
    }

    #[test]
    fn the_trial_messages_are_blockers_naming_each_word() {
        let found = judge(
            "Eid Mubarak to our Muslim customers",
            "As a fellow diabetic, {{ first_name }}, you will love our sugar-free range. Congratulations on your pregnancy!",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "sensitive_text");
        assert!(found[0].acceptable);
        let terms: Vec<&str> = found[0]
            .items
            .iter()
            .map(|i| i.split('`').nth(3).unwrap())
            .collect();
        // `Eid Mubarak` is a greeting to everyone (as `Merry Christmas` is): no item.
        assert_eq!(terms, ["muslim", "diabetic", "pregnancy"]);
    }

    /// The kind and term of each item of `found` (one finding): `segment `promo`,
    /// subject: `physio` is health data (...)`.
    fn kinds_and_terms(found: &[Finding]) -> Vec<(String, String)> {
        found
            .iter()
            .flat_map(|f| &f.items)
            .map(|i| {
                let term = i.split('`').nth(3).unwrap().to_string();
                let kind = i.split("` is ").nth(1).unwrap();
                let kind = kind.split(" data").next().unwrap().to_string();
                (kind, term)
            })
            .collect()
    }

    /// New-user trial 11, F8: treatments and origin words used of people, read with
    /// the words a tags column reads (fields::classify names_groups.rs). Expected by
    /// hand: `physio`, `therapy`, `counselling` are health terms of `[tag_values]`;
    /// `Italians` is a plural of `italian` (nationality list), `Nigerian` is before
    /// `customers` (a `[context] people` word) and only in the ethnicity vocabulary.
    #[test]
    fn treatments_and_origin_groups_are_sensitive_text() {
        let found = judge(
            "Your next physio session",
            "Book your therapy follow-up, {{ first_name }}. Free counselling for members.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "sensitive_text");
        let want = [
            ("health", "physio"),
            ("health", "therapy"),
            ("health", "counselling"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect();
        assert_eq!(kinds_and_terms(&found), want);
        let found = judge("For our Italians", "Dear Nigerian customers, ciao!");
        let want: Vec<(String, String)> = [("nationality", "italian"), ("ethnicity", "nigerian")]
            .iter()
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect();
        assert_eq!(kinds_and_terms(&found), want);
        // Things, treats and lessons stay ordinary words.
        for (subject, body) in [
            ("Italian leather bags", "Thai cooking class this Friday."),
            (
                "Treat yourself",
                "Retail therapy: a physio ball and French lessons.",
            ),
            (
                "Turkish delight",
                "Japanese knives and Polish pottery are back.",
            ),
        ] {
            assert_eq!(judge(subject, body), Vec::new(), "{subject} / {body}");
        }
    }

    /// Late trial: these raised nothing. Worked out by hand: `japanese` and `mexican`
    /// are nationality words before `nationals` / `citizen` (people words);
    /// `physiotherapy`, `hrt`, `ozempic`, `botox` are health treatment terms.
    #[test]
    fn late_trial_groups_and_treatments_are_sensitive_text() {
        let mut missed = Vec::new();
        for (subject, body) in [
            ("For our Japanese nationals", "Hello."),
            ("Hello", "As a Mexican citizen, you qualify."),
            ("Your physiotherapy treatment", "See you soon."),
            (
                "Reminder",
                "Your HRT, Ozempic or Botox appointment is tomorrow.",
            ),
        ] {
            if judge(subject, body).is_empty() {
                missed.push(format!("{subject} / {body}"));
            }
        }
        assert!(missed.is_empty(), "{missed:#?}");
    }

    #[test]
    fn html_entities_and_tags_are_read_as_rendered() {
        assert_eq!(as_read("As a fellow dia&shy;betic"), "As a fellow diabetic");
        assert_eq!(as_read("dia<b></b>betic<br>Hi"), "diabetic\nHi");
        assert_eq!(as_read("Ben &amp; Jerry, 1 < 2"), "Ben & Jerry, 1 < 2");
        assert_eq!(as_read("plain"), "plain");
    }

    #[test]
    fn merge_fields_and_ordinary_words_are_not_read() {
        for (subject, body) in [
            (
                "Hi {{ first_name }}",
                "Your order {{ order_id }} has shipped.",
            ),
            (
                "Christmas sale",
                "{{ diabetic | default(\"there\") }}, see our Church Street store.",
            ),
            (
                "We miss you",
                "Sang in unison. Donate to Cancer Research UK. Single purchase discount.",
            ),
            (
                "Vegan treats",
                "Gluten-free and vegan options for everyone.",
            ),
        ] {
            assert_eq!(judge(subject, body), Vec::new(), "{subject} / {body}");
        }
    }
}
