//! Holes in rendered text: a blank merge field that a construct the merge log does not
//! see printed as nothing, leaving `Hi ,` (case BR-16).
//!
//! `{{ first_name }}` with a blank value is logged as missing by the engine itself;
//! `{% if first_name %}{{ first_name }}{% endif %}`, `first_name or ""` and
//! `first_name if first_name else ""` print an empty string of their own, which the
//! log cannot tell from a clause a condition rightly dropped. So the rendered text is
//! judged: the part is rendered again with the blank field set to a probe value, and
//! where the probe alone appears (nothing else of the text changed) the recipient's
//! text has an empty slot there. The slot is a hole when its surroundings show it:
//! a space before punctuation (`Hi ,`), two spaces (`Dear  Smith`), a space before
//! the end of the line (`Hi ⏎`), punctuation opening a line (`, welcome`), or a part
//! that is empty. When the probe brings more text than itself (a condition that adds
//! or drops a clause, a fallback in words) nothing is judged: that is the template's
//! own wording, not a hole. Called by [`super::Message::render`] for subject and body.

use super::check::CheckedTemplate;
use super::render::Rendered;
use crate::fields::value::{Record, Value};

/// The probe value: digits only, so `upper`, `lower`, `title` and HTML escaping keep it
/// as it is, and too long to occur in a message by chance.
const PROBE: &str = "9047361528";

impl CheckedTemplate {
    /// Merge fields blank for `record` whose empty slot in `rendered` (this template's
    /// rendering for `record`) leaves a hole, sorted. Fields the merge log already
    /// reports (missing, or blank with a fallback) are not probed.
    pub fn holes(&self, record: &Record, rendered: &Rendered) -> Vec<String> {
        let mut out = Vec::new();
        for field in self.merge_fields() {
            if !super::engine::is_blank(field, record.get(field))
                || rendered.missing.iter().any(|m| m == field)
                || rendered.fallbacks_used.iter().any(|m| m == field)
            {
                continue;
            }
            let mut probed = record.clone();
            probed.insert(field.to_string(), Value::Text(PROBE.to_string()));
            let Ok(probe) = self.render(&probed) else {
                continue;
            };
            if has_hole(&rendered.text, &probe.text) {
                out.push(field.to_string());
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// Whether `text` (the recipient's rendering) has a hole where `probe` (the same part
/// rendered with the blank field set to [`PROBE`]) shows the field's value.
fn has_hole(text: &str, probe: &str) -> bool {
    if !probe.contains(PROBE) {
        return false;
    }
    // The probe's only effect is its own slots: judge every one of them.
    if probe.replace(PROBE, "") == text {
        let mut at = 0;
        for piece in probe
            .split(PROBE)
            .collect::<Vec<_>>()
            .split_last()
            .unwrap()
            .1
        {
            at += piece.len();
            if hole_at(&text[..at], &text[at..]) {
                return true;
            }
        }
        return false;
    }
    // The field also drives other text (printed once, tested again later): judge the
    // first and the last slot, where the text before (after) them is the same.
    let prefix = common_prefix(text, probe);
    if probe[prefix..].starts_with(PROBE)
        && continues(&text[prefix..], &probe[prefix + PROBE.len()..])
    {
        return hole_at(&text[..prefix], &text[prefix..]);
    }
    let suffix = common_suffix(text, probe);
    let end = probe.len() - suffix;
    if probe[..end].ends_with(PROBE)
        && suffix <= text.len()
        && ends_alike(&text[..text.len() - suffix], &probe[..end - PROBE.len()])
    {
        let at = text.len() - suffix;
        return hole_at(&text[..at], &text[at..]);
    }
    false
}

/// Whether `a` and `b` go on alike right after the slot (same next character, or both end).
fn continues(a: &str, b: &str) -> bool {
    a.chars().next() == b.chars().next()
}

/// Whether `a` and `b` end alike right before the slot.
fn ends_alike(a: &str, b: &str) -> bool {
    a.chars().next_back() == b.chars().next_back()
}

/// Length in bytes of the longest common prefix, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
        .min(b.len())
}

/// Length in bytes of the longest common suffix, on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Whether an empty slot between `left` and `right` shows as a hole.
fn hole_at(left: &str, right: &str) -> bool {
    let l = left.chars().next_back();
    let r = right.chars().next();
    let blank = |c: Option<char>| c.is_some_and(|c| c.is_whitespace() && !is_break(c));
    let line_start = l.is_none_or(is_break);
    let line_end = r.is_none_or(is_break);
    let closing = r.is_some_and(|c| ",.;:!?)]}»”’、，。！？；：…".contains(c));
    (left.trim().is_empty() && right.trim().is_empty())
        || (blank(l) && (closing || blank(r) || line_end))
        || (line_start && closing)
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(s: &str) -> String {
        s.replace('#', PROBE)
    }

    #[test]
    fn empty_slots_between_words_and_punctuation_are_holes() {
        assert!(has_hole("Hi ,", &probe("Hi #,")));
        assert!(has_hole("Dear  Smith", &probe("Dear # Smith")));
        assert!(has_hole("Hi \nNews", &probe("Hi #\nNews")));
        assert!(has_hole(", welcome", &probe("#, welcome")));
        assert!(has_hole("", &probe("#")));
        assert!(has_hole("Bonjour  !", &probe("Bonjour # !")));
        // Printed once, tested again: the first slot is still judged.
        assert!(has_hole("Hi , ", &probe("Hi #, great to see you")));
    }

    #[test]
    fn dropped_clauses_and_joined_words_are_not_holes() {
        assert!(!has_hole("Hi,", &probe("Hi #,")));
        assert!(!has_hole(
            "Thanks. Bye",
            &probe("Thanks. We ship to #. Bye")
        ));
        assert!(!has_hole("Hi there,", &probe("Hi #,")));
        assert!(!has_hole("Thanks\n\nBye", &probe("Thanks\n#\nBye")));
        assert!(!has_hole("Hi Ann,", "Hi Ann,"));
    }
}
