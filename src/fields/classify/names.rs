//! Segment names read as the label they put on every recipient.
//!
//! Every export profile but `sms` writes each recipient's segment name (a platform tag
//! or list, a spreadsheet column), so a name says what it names about each of them:
//! `kids-club` that they are children, `trans-allies` a gender identity, `women over
//! 50` a sex and an age (session-10 faults: none of the three was read). A name is a
//! label, not prose, so it is read more strictly than a note ([`super::inside`]):
//! - split like a header as well as like a value: compounds joined by `-`, `_`, `.`,
//!   spaces and camelCase humps, letters and digits apart (`KidsClub`, `WomenOver50`,
//!   `u18`, `50plus`), `50+` read `50 plus`;
//! - every special category **and protected-trait** term written as whole words
//!   anywhere in it, as written or inflected (`women`, `kids`, `trans`, `teens`,
//!   `seniors`, `over-50s`), but for the dictionary's `ambiguous_words` and
//!   `name_everyday_words` (`man` in `Man City fans`, `miss` in `we miss you`) and a
//!   term beside a word of its `value_vetoes` (`trans` in `trans-atlantic`, `kid` in
//!   `kid gloves`);
//! - ages written as phrases, any number of years in the dictionary's `[age_phrases]`
//!   range (`over 40`, `under-25s`, `u18`, `50plus`), unless a word of the name makes the
//!   number an amount or a count (`orders over 50`, `spent over 100`);
//! - as before, the whole name once audience words and numbers are left out at
//!   either end (`Frauen Kunden 2026`);
//! - and treatments and origin words used of people, with the words a tags column
//!   reads as health, nationality or ethnic origin ([`groups`]: `physio
//!   patients`, `Nigerian customers`, `For our Italians`; new-user trial 11, F8).
//!
//! Campaign names are not read: no export writes them per recipient. Message text is
//! read where it selects (a literal compared in a template tag, [`crate::message`]),
//! not where it only speaks: a message may mention halal food or a kids' menu to all.

use super::context::in_context;
use super::dictionary::dictionary;
use super::inside::labels_inside;
use super::values::{SensitiveValue, sensitive_term, sensitive_values_in, term};
use super::words::{fold, words};

/// The sensitive values a segment name says about every recipient it labels, each
/// term once, in the order found: the name read as free text ([`sensitive_values_in`]),
/// then as a label (see the module header), then whole without its audience words.
/// Each value's `value` is the name as given.
pub fn sensitive_values_in_name(name: &str) -> Vec<SensitiveValue> {
    let split = label_words(name);
    let counts = age_vetoed(&split);
    let mut found = Vec::new();
    let add = |v: SensitiveValue, found: &mut Vec<SensitiveValue>| {
        let known = found.iter().any(|f: &SensitiveValue| f.term == v.term);
        let a_count = counts && is_age_phrase(&v.term);
        // A term naming a menu, an event, a greeting or someone else (`kids-menu`,
        // `Happy Diwali`, `the kids`) says nothing of the recipient (super::context).
        if !known && !a_count && !in_context(&split, &v.term, &v.kind) {
            found.push(SensitiveValue {
                value: name.to_string(),
                ..v
            });
        }
    };
    for v in sensitive_values_in(name) {
        add(v, &mut found);
    }
    let joined = split.join(" ");
    if joined != fold(name) {
        for v in sensitive_values_in(&joined) {
            add(v, &mut found);
        }
    }
    for v in labels_inside(&joined)
        .into_iter()
        .filter_map(sensitive_term)
    {
        add(v, &mut found);
    }
    // A word spelt out letter by letter inside a phrase (`As a fellow d-i-a-b-e-t-i-c`;
    // new-user trial 3, H12): a run of three or more one-letter words read as one.
    if let Some(letters) = letters_joined(&split) {
        for v in sensitive_values_in(&letters) {
            add(v, &mut found);
        }
        for v in labels_inside(&letters)
            .into_iter()
            .filter_map(sensitive_term)
        {
            add(v, &mut found);
        }
    }
    if !counts {
        for v in age_phrases(name, &split) {
            add(v, &mut found);
        }
    }
    if let Some(v) = without_audience_words(name) {
        add(v, &mut found);
    }
    // Treatments and origin words used of people (`physio session`, `Nigerian
    // customers`, `Italians`), with the words a tags column reads (groups).
    for v in groups::group_values(name, &split) {
        add(v, &mut found);
    }
    found
}

/// `split` with each run of three or more one-letter words joined into one word
/// (`d i a b e t i c` → `diabetic`), joined by spaces; `None` without such a run.
fn letters_joined(split: &[String]) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    let mut runs = 0;
    let flush =
        |run: &mut String, out: &mut Vec<String>, runs: &mut usize| match run.chars().count() {
            0 => {}
            n if n >= 3 => {
                *runs += 1;
                out.push(std::mem::take(run));
            }
            _ => out.extend(run.drain(..).map(String::from)),
        };
    for w in split {
        if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
            run.push_str(w);
        } else {
            flush(&mut run, &mut out, &mut runs);
            out.push(w.clone());
        }
    }
    flush(&mut run, &mut out, &mut runs);
    (runs > 0).then(|| out.join(" "))
}

/// `name` split into words as a header is ([`words`]: camelCase humps, letters apart
/// from digits), with `+` after a digit read as the word `plus` and a lone `s` after a
/// number kept with it (`over-50s` is `over`, `50s`).
fn label_words(name: &str) -> Vec<String> {
    let mut spelled = String::with_capacity(name.len());
    let mut prev = ' ';
    for c in name.chars() {
        if c == '+' && prev.is_ascii_digit() {
            spelled.push_str(" plus ");
        } else {
            spelled.push(c);
        }
        prev = c;
    }
    let mut out: Vec<String> = Vec::new();
    for w in words(&spelled) {
        match out.last_mut() {
            Some(last) if w == "s" && last.chars().all(|c| c.is_ascii_digit()) => last.push('s'),
            _ => out.push(w),
        }
    }
    out
}

/// Ages written as phrases among `split` (the words of `name`): a word of the
/// dictionary's `age_phrases.before` then a number of years in its range, written
/// alone or with `s` (`over 40`, `under 25s`, `u 18`), or such a number then a word of
/// `after` (`50 plus`). Each has the class and entry of the term `age_phrases.like`.
fn age_phrases(name: &str, split: &[String]) -> Vec<SensitiveValue> {
    let Some(base) = term(name, &dictionary().age_phrases.like) else {
        return Vec::new();
    };
    (0..split.len())
        .filter_map(|i| age_phrase_at(split, i))
        .map(|phrase| SensitiveValue {
            term: phrase,
            ..base.clone()
        })
        .collect()
}

/// The age group a whole tag names when it is an age phrase and nothing else (`60+`,
/// `over-60s`, `u18`, `65 plus`; new-user trial 6, G20): a tag is a label on the
/// person, as a segment name is. `None` for anything more (`orders over 50`, `100+`).
pub(super) fn age_tag(tag: &str) -> Option<SensitiveValue> {
    // Most values are no age tag (addresses, dates, phone numbers, amounts): seen on
    // the bytes of an ASCII tag before its words are built (they were 5% of an import).
    if tag.is_ascii() && (ascii_words_at_least(tag) > 2 || only_numbers(tag)) {
        return None;
    }
    let split = label_words(tag);
    if split.len() > 2 || age_vetoed(&split) {
        return None;
    }
    let phrase = (0..split.len()).find_map(|i| age_phrase_at(&split, i))?;
    let base = term(tag, &dictionary().age_phrases.like)?;
    Some(SensitiveValue {
        term: phrase,
        ..base
    })
}

/// True when a word of `age_phrases.vetoes` is among `split`: the name counts or
/// prices something (`orders over 50`, `spent-over-100`), so no number in it is an age.
/// A lower bound of the number of [`label_words`] of an ASCII `tag`, without building
/// them: every run of ASCII letters and digits gives at least one word (ASCII is read
/// as written, [`super::normalise::visible`]; splits inside a run and `+` read as
/// `plus` only add words), and only a run that is one `s` can join the word before it
/// (`50 s` is `50s`), so such runs are not counted.
fn ascii_words_at_least(tag: &str) -> usize {
    tag.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|run| !run.is_empty() && !run.eq_ignore_ascii_case("s"))
        .count()
}

/// True when the ASCII `tag` can hold no age phrase because all its words are numbers
/// (no letter, no `+` read as `plus`): a phrase is a number and a word of the
/// dictionary's `before` or `after` ([`age_phrase_at`]), and those hold letters
/// (checked once: a dictionary with a word of digits there turns this off).
fn only_numbers(tag: &str) -> bool {
    static WORDS_HAVE_LETTERS: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| {
        let rules = &dictionary().age_phrases;
        (rules.before.iter().chain(&rules.after))
            .all(|w| w.split(' ').all(|p| p.chars().any(char::is_alphabetic)))
    });
    *WORDS_HAVE_LETTERS && !tag.bytes().any(|b| b.is_ascii_alphabetic() || b == b'+')
}

fn age_vetoed(split: &[String]) -> bool {
    let vetoes = &dictionary().age_phrases.vetoes;
    split.iter().any(|w| vetoes.contains(w))
}

/// True when `term` (a found term's spelling) holds an age phrase (`over 50`).
fn is_age_phrase(term: &str) -> bool {
    let split = label_words(term);
    (0..split.len()).any(|i| age_phrase_at(&split, i).is_some())
}

/// The age phrase whose number is `split[i]`, if any (see [`age_phrases`]).
fn age_phrase_at(split: &[String], i: usize) -> Option<String> {
    let rules = &dictionary().age_phrases;
    let w = &split[i];
    let digits = w.strip_suffix('s').unwrap_or(w);
    let in_range = !digits.is_empty()
        && digits.len() <= 3
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits
            .parse::<u32>()
            .is_ok_and(|n| (rules.ages[0]..=rules.ages[1]).contains(&n));
    if !in_range {
        return None;
    }
    let before = rules.before.iter().find(|b| {
        let n = b.split(' ').count();
        i >= n && split[i - n..i].join(" ") == **b
    });
    match (before, split.get(i + 1)) {
        // `u18`, as written, rather than `u 18`.
        (Some(b), _) if b.len() == 1 => Some(format!("{b}{w}")),
        (Some(b), _) => Some(format!("{b} {w}")),
        (None, Some(next)) if digits == w && rules.after.contains(next) => {
            Some(format!("{w} {next}"))
        }
        _ => None,
    }
}

/// The name read whole once the words that only name the audience (the dictionary's
/// `audience_words`: `customers`, `buyers`, `Kunden`, `list`) and numbers are left out
/// at either end: `Frauen Kunden 2026`, `seniors list`.
fn without_audience_words(name: &str) -> Option<SensitiveValue> {
    let dict = dictionary();
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let filler =
        |w: &&str| dict.audience_words.contains(*w) || w.chars().all(|c| c.is_ascii_digit());
    let start = words.iter().position(|w| !filler(w))?;
    let end = words.iter().rposition(|w| !filler(w))?;
    if start == 0 && end + 1 == words.len() {
        return None;
    }
    term(name, &words[start..=end].join(" "))
}

#[path = "names_groups.rs"]
mod groups;

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
