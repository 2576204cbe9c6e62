//! Words disguised with digits and symbols: `musl1m`, `mu$lim`, `g4y`, `musIim` (a
//! capital I for an l) and words with a number stuck to them (`trump2024`,
//! `pregnant2026`) are read as the words they spell (session-10 trial F7: such tags
//! were targetable and exported with no blocker, while `m u s l i m` and the Cyrillic
//! look-alikes were caught).
//!
//! [`respellings`] gives the other readings of a value; [`super::values`] looks each up
//! with the one matcher when the value as written is no sensitive term. Only a word
//! that mixes letters with the stand-ins is respelled, so ordinary words are never
//! touched, and ordinary codes (`vip`, `b2b`, `l1`, `4x4`, `mp3`, `win10`, `covid19`,
//! `24/7`) respell to nothing sensitive:
//! - a digit or symbol standing for a letter (`0` o, `1` i or l, `3` e, `4` a, `5` s,
//!   `7` t, `$` s, `@` a, `|` l, `!` i; the leetspeak and UTS #39 confusable
//!   readings) counts inside a word (letters on both sides, at most two in a row:
//!   `g4y`, `musl1m`, `mu$lim`), or at one edge of a word of three letters or more
//!   (`1slam`);
//! - a run of two digits or more at the edge of a word is a number and is split off
//!   (`trump2024` is `trump 2024`, `pregnant2026` is `pregnant 2026`);
//! - a capital `I` between lower-case letters is an `l` (`musIim`), a lower-case `l`
//!   between capitals an `I` (`MUSLlM` stays `muslim` either way).
//!
//! `1` reads `i` and `l` both; a value has at most [`MAX_READINGS`] readings.

/// Most readings tried for one value (`1` has two readings per occurrence).
const MAX_READINGS: usize = 8;

/// Longest value respelled, in bytes: tags, names and literals are short; the import
/// reads every distinct value of every column, and a long note is prose.
const MAX_RESPELL_BYTES: usize = 64;

/// The letter a stand-in character may be read as, if it is one.
fn stand_in(c: char) -> &'static [char] {
    match c {
        '0' => &['o'],
        '1' => &['i', 'l'],
        '3' => &['e'],
        '4' => &['a'],
        '5' => &['s'],
        '7' => &['t'],
        '$' => &['s'],
        '@' => &['a'],
        '|' => &['l'],
        '!' => &['i'],
        _ => &[],
    }
}

/// Whether `c` belongs to a word being respelled: a letter, a digit or a stand-in.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || !stand_in(c).is_empty()
}

/// The other readings of `value`, without the value itself: empty when no word in it
/// mixes letters with digits or stand-ins, or mixes case as a disguise.
pub(super) fn respellings(value: &str) -> Vec<String> {
    if !candidate(value) {
        return Vec::new();
    }
    let chars: Vec<char> = value.chars().collect();
    // Per character, its readings (one for most characters).
    let mut options: Vec<Vec<String>> = Vec::with_capacity(chars.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if !in_word(chars[i]) {
            options.push(vec![chars[i].to_string()]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && in_word(chars[i]) {
            i += 1;
        }
        changed |= respell_word(&chars[start..i], &mut options);
    }
    if !changed {
        return Vec::new();
    }
    let mut readings = vec![String::new()];
    for opts in &options {
        let mut next = Vec::with_capacity(readings.len() * opts.len());
        for r in &readings {
            for o in opts {
                if next.len() < MAX_READINGS {
                    next.push(format!("{r}{o}"));
                }
            }
        }
        readings = next;
    }
    readings.retain(|r| r != value);
    readings.dedup();
    readings
}

/// Push the readings of each character of `word` (a run of letters, digits and
/// stand-ins) to `options`; true when any differs from the character.
fn respell_word(word: &[char], options: &mut Vec<Vec<String>>) -> bool {
    let letters = word.iter().filter(|c| c.is_alphabetic()).count();
    if letters == 0 || (letters == word.len() && !mixed_case(word)) {
        options.extend(word.iter().map(|c| vec![c.to_string()]));
        return false;
    }
    let mut changed = false;
    let mut k = 0;
    while k < word.len() {
        let c = word[k];
        if c.is_alphabetic() {
            let lower = |j: usize| word.get(j).is_some_and(|c| c.is_lowercase());
            let upper = |j: usize| word.get(j).is_some_and(|c| c.is_uppercase());
            let read = match c {
                'I' if k > 0 && lower(k - 1) && lower(k + 1) => 'l',
                'l' if k > 0 && upper(k - 1) && upper(k + 1) => 'I',
                c => c,
            };
            changed |= read != c;
            options.push(vec![read.to_string()]);
            k += 1;
            continue;
        }
        // A run of non-letters inside the word.
        let run_start = k;
        while k < word.len() && !word[k].is_alphabetic() {
            k += 1;
        }
        let run = &word[run_start..k];
        let inner = run_start > 0 && k < word.len();
        let standing = run.iter().all(|c| !stand_in(*c).is_empty());
        if standing && ((inner && run.len() <= 2) || (!inner && run.len() == 1 && letters >= 3)) {
            for c in run {
                options.push(stand_in(*c).iter().map(char::to_string).collect());
            }
            changed = true;
        } else if !inner && run.len() >= 2 && run.iter().all(char::is_ascii_digit) {
            // A number stuck to the word: split off by a space.
            let text: String = run.iter().collect();
            options.push(vec![if run_start == 0 {
                format!("{text} ")
            } else {
                format!(" {text}")
            }]);
            changed = true;
        } else {
            options.extend(run.iter().map(|c| vec![c.to_string()]));
        }
    }
    changed
}

/// A cheap first look, without allocating: whether `value` is short, is no e-mail
/// address or web address (an `@` or `:` before a dot: `ana1@example.com` is an
/// address, not a disguise), and has a digit or stand-in beside a letter or a capital
/// `I` or `l` beside letters of the other case.
fn candidate(value: &str) -> bool {
    if value.len() > MAX_RESPELL_BYTES {
        return false;
    }
    let address = value
        .find(['@', ':'])
        .is_some_and(|at| value[at..].contains('.'));
    if address {
        return false;
    }
    let b = value.as_bytes();
    let standing = |c: u8| c.is_ascii_digit() || matches!(c, b'$' | b'@' | b'|' | b'!');
    b.windows(2).any(|w| {
        let (x, y) = (w[0], w[1]);
        (standing(x) && y.is_ascii_alphabetic())
            || (x.is_ascii_alphabetic() && standing(y))
            || (x.is_ascii_lowercase() && y == b'I')
            || (x.is_ascii_uppercase() && y == b'l')
    })
}

/// Whether `word` mixes a capital `I` into lower-case letters or a lower-case `l` into
/// capitals, the look-alike swap.
fn mixed_case(word: &[char]) -> bool {
    word.windows(3).any(|w| {
        (w[1] == 'I' && w[0].is_lowercase() && w[2].is_lowercase())
            || (w[1] == 'l' && w[0].is_uppercase() && w[2].is_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguised_words_read_as_what_they_spell() {
        for (value, reading) in [
            ("musl1m", "muslim"),
            ("mu$lim", "muslim"),
            ("g4y", "gay"),
            ("musIim", "muslim"),
            ("trump2024", "trump 2024"),
            ("pregnant-2026", "pregnant-2026"),
            ("j3wish", "jewish"),
            ("1slam", "islam"),
        ] {
            let found = respellings(value);
            if value == reading {
                assert!(found.is_empty(), "{value}: {found:?}");
            } else {
                assert!(found.iter().any(|r| r == reading), "{value}: {found:?}");
            }
        }
    }

    #[test]
    fn plain_words_and_numbers_are_left_alone() {
        for value in [
            "vip",
            "muslim",
            "VIP",
            "2026",
            "black friday",
            "iPhone",
            "",
            "IGBT",
        ] {
            assert_eq!(respellings(value), Vec::<String>::new(), "{value}");
        }
    }
}
