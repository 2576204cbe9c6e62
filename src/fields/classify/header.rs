//! A column header prepared for matching against the dictionary's phrases.
//!
//! Owns how a header's words line up with a phrase's words, whatever the spacing:
//! - a phrase matches a run of consecutive header words whose letters, joined, are the
//!   phrase's letters joined, so `date of birth` matches `DateOfBirth`, `date_of_birth`,
//!   `dateofbirth`, `Da te of Bir th` and `G e n d e r` alike, but only on word edges:
//!   `age` never matches inside `page` or `passage`;
//! - connector words (`of`, `de`, `di`, `van`...) inside a run or a phrase may be left
//!   out, so `Year_Birth` matches `year of birth`;
//! - words that joined make one word the dictionary knows are that word: a space put
//!   inside `localidade` (a city) does not make the age word `idade` appear;
//! - a word the dictionary does not know is split into words it knows, when it splits
//!   completely (`Kidhome` → `kid home`, `customergender` → `customer gender`). Pieces
//!   are words of four letters or more, listed compound words (`home`, `count`, `id`)
//!   and subject prefixes, or connectors between two pieces; a three-letter word
//!   (`age`, `kid`, `sex`) only beside listed compound words or subject prefixes, so
//!   `agegroup` and `customersex` split but `bandage`, `lineage`, `dosage` and `outage`
//!   do not. Words listed as
//!   ordinary (`postage`, `username`) are never split.
//!
//! - a word the dictionary does not know, that is the plural or another inflection of
//!   one it knows, is that word (`Religions`, `Krankheiten`; [`super::inflect`]).
//!
//! Used by [`super::classify`]; the word lists are the dictionary's ([`super::dictionary`]).

use std::collections::HashMap;

use super::dictionary::{Dictionary, Phrase};
use super::words::words;

/// Longest run of joined header words that is looked up, in bytes: longer than any
/// phrase in the dictionary, short enough that a long header costs little.
const MAX_RUN_BYTES: usize = 64;

/// Shortest piece a compound word is split into, unless the piece is a connector or a
/// listed compound word (`id`): shorter pieces would find `age` in `usage`. Pieces of
/// exactly this length are short words, allowed only beside listed words.
const MIN_PIECE_CHARS: usize = 3;

/// A header's words, ready for phrase lookups.
#[derive(Debug)]
pub(crate) struct Header {
    /// The words, compounds split.
    pub words: Vec<String>,
    /// All the words joined, and joined without connectors.
    whole: [String; 2],
    /// The words after leading subject prefixes (`customer`, `client`), joined, with and
    /// without connectors; `None` if the header has no such prefix or is only prefixes.
    subject: Option<[String; 2]>,
    /// What the subject prefixes were, as written in words (`customer`).
    pub dropped: String,
    /// Joined run → (start, end) word indexes of its rightmost occurrence.
    runs: HashMap<String, (usize, usize)>,
    /// Per word, the words the header had there before rejoining.
    spelled: Vec<Vec<String>>,
    /// The words as [`Header::words`], but each as written rather than its base form
    /// (`seniors`, not `senior`): what a value reader looks up ([`super::named`]).
    pub written: Vec<String>,
}

impl Header {
    /// Prepare `text` (a header as in the file) for lookups against `dict`.
    pub fn new(text: &str, dict: &Dictionary) -> Header {
        let mut out = Vec::new();
        let mut spelled = Vec::new();
        let mut written = Vec::new();
        for (w, original) in rejoin(words(text), dict) {
            match split(&w, dict) {
                Some(pieces) => {
                    spelled.extend(pieces.iter().map(|p| vec![p.clone()]));
                    written.extend(pieces.iter().cloned());
                    out.extend(pieces);
                }
                None => {
                    written.push(w.clone());
                    out.push(base_word(w, dict));
                    spelled.push(original);
                }
            }
        }
        let mut header = Header::from_words(out, dict);
        header.spelled = spelled;
        header.written = written;
        header
    }

    /// Whether the words `start..end` were written in the header as `phrase`'s words
    /// (`date of birth`, not `dateofbirth`), so the reason quotes the phrase as written.
    pub fn spelled_as(&self, phrase: &Phrase, start: usize, end: usize) -> bool {
        self.spelled
            .get(start..end)
            .is_some_and(|s| s.iter().flatten().eq(phrase.words.iter()))
    }

    fn from_words(words: Vec<String>, dict: &Dictionary) -> Header {
        // Joined without connectors inside (never at the edges: `d`, `eta`, `il` is not
        // `eta`).
        let bare = |ws: &[String]| -> String {
            ws.iter()
                .enumerate()
                .filter(|(k, w)| *k == 0 || *k + 1 == ws.len() || !dict.connectors.contains(*w))
                .map(|(_, w)| w.as_str())
                .collect()
        };
        let mut runs: HashMap<String, (usize, usize)> = HashMap::new();
        let mut put = |key: String, at: (usize, usize)| {
            let slot = runs.entry(key).or_insert(at);
            if (at.1, at.0) > (slot.1, slot.0) {
                *slot = at;
            }
        };
        for i in 0..words.len() {
            let mut joined = String::new();
            for j in i + 1..=words.len() {
                joined.push_str(&words[j - 1]);
                if joined.len() > MAX_RUN_BYTES {
                    break;
                }
                put(joined.clone(), (i, j));
                if j - i > 2 {
                    put(bare(&words[i..j]), (i, j));
                }
            }
        }
        let prefix = subject_start(&words, dict);
        let subject = (prefix > 0).then(|| [words[prefix..].concat(), bare(&words[prefix..])]);
        Header {
            whole: [words.concat(), bare(&words)],
            subject,
            dropped: words[..prefix].join(" "),
            runs,
            spelled: words.iter().map(|w| vec![w.clone()]).collect(),
            written: words.clone(),
            words,
        }
    }

    /// Where `phrase` occurs as a run of whole words: `(start, end)` word indexes of its
    /// rightmost occurrence.
    pub fn find(&self, phrase: &Phrase) -> Option<(usize, usize)> {
        phrase
            .joined
            .iter()
            .filter_map(|j| self.runs.get(j).copied())
            .max_by_key(|&(start, end)| (end, start))
    }

    /// Whether `phrase` is the whole header (`Some(false)`), or the whole header once
    /// its leading subject prefixes are dropped (`Some(true)`).
    pub fn whole(&self, phrase: &Phrase) -> Option<bool> {
        let is = |forms: &[String; 2]| phrase.joined.iter().any(|j| forms.contains(j));
        if is(&self.whole) {
            Some(false)
        } else if self.subject.as_ref().is_some_and(is) {
            Some(true)
        } else {
            None
        }
    }
}

/// `words` regrouped so that runs of consecutive words that joined make one word the
/// dictionary knows are that word, each with the words it was made of: a space put inside
/// a word is not a word boundary, so `local idade` stays the city word `localidade` and
/// does not become the age word `idade`, `kunden kartennummer` stays the loyalty card word,
/// and `Gen der` is `gender`.
///
/// The grouping is the one that leaves the fewest words the dictionary does not know, then
/// has the fewest groups (a shortest-path search over the word boundaries). A greedy
/// longest-from-the-left merge is not enough: in `email s ubsc rib ed` it takes `emails`
/// and leaves the fragment `rib` (a French bank account word) where `email subscribed`
/// was written.
fn rejoin(words: Vec<String>, dict: &Dictionary) -> Vec<(String, Vec<String>)> {
    let n = words.len();
    // best[i]: (unknown words, groups, end of the first group) for words[i..].
    let mut best: Vec<(usize, usize, usize)> = vec![(0, 0, n); n + 1];
    for i in (0..n).rev() {
        let alone = usize::from(!dict.known.contains(&words[i]));
        let mut choice = (alone + best[i + 1].0, 1 + best[i + 1].1, i + 1);
        let mut joined = words[i].clone();
        for j in i + 1..n {
            joined.push_str(&words[j]);
            if joined.len() > MAX_RUN_BYTES {
                break;
            }
            if dict.known.contains(&joined) {
                let merged = (best[j + 1].0, 1 + best[j + 1].1, j + 1);
                if (merged.0, merged.1) <= (choice.0, choice.1) {
                    choice = merged;
                }
            }
        }
        best[i] = choice;
    }
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let next = best[i].2;
        out.push((words[i..next].concat(), words[i..next].to_vec()));
        i = next;
    }
    out
}

/// Index of the first word after the leading subject prefixes (`customer`, `client`),
/// found on the joined letters so `C u s t o m e r Name` drops `customer` too; never
/// past the last word, and 0 when there is none.
fn subject_start(words: &[String], dict: &Dictionary) -> usize {
    let mut at = 0;
    'next: while at + 1 < words.len() {
        let mut joined = String::new();
        for (k, w) in words.iter().enumerate().skip(at).take(words.len() - 1 - at) {
            joined.push_str(w);
            if joined.len() > MAX_RUN_BYTES {
                break;
            }
            if dict.subject_prefixes.contains(&joined) {
                at = k + 1;
                continue 'next;
            }
        }
        break;
    }
    at
}

/// `word`, or the known word it is an inflection of when the dictionary does not know
/// it (`Religions`, `Disabilities`, `Krankheiten`, `Gewerkschaften`: the one inflection
/// reader of [`super::inflect`], as for values).
fn base_word(word: String, dict: &Dictionary) -> String {
    if dict.known.contains(&word) {
        return word;
    }
    super::inflect::bases(dict, &word)
        .into_iter()
        .find(|b| dict.known.contains(b))
        .unwrap_or(word)
}

/// `word` split into words the dictionary knows, if it is not known itself, is not a
/// listed ordinary word, and splits completely under the piece rules of the module
/// documentation; the split with the fewest pieces wins. A word longer than
/// [`MAX_RUN_BYTES`] is no compound of dictionary words (every phrase is shorter) and is
/// not split: the search is quadratic in the word's length, and a pasted blob as a
/// header (a file with no line break) must not take minutes.
fn split(word: &str, dict: &Dictionary) -> Option<Vec<String>> {
    if word.len() > MAX_RUN_BYTES
        || word.chars().count() < 2 * MIN_PIECE_CHARS
        || dict.known.contains(word)
        || dict.ordinary_words.contains(word)
        || !word.chars().all(char::is_alphabetic)
    {
        return None;
    }
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let last = bounds.len() - 1;
    // best[k]: the fewest pieces covering the first k characters, as (count, start of
    // the last piece).
    let mut best: Vec<Option<(usize, usize)>> = vec![None; bounds.len()];
    best[0] = Some((0, 0));
    for end in 1..bounds.len() {
        for start in 0..end {
            let Some((count, _)) = best[start] else {
                continue;
            };
            let piece = &word[bounds[start]..bounds[end]];
            let edge = start == 0 || end == last;
            if piece_kind(piece, end - start, edge, dict).is_some()
                && best[end].is_none_or(|(c, _)| count + 1 < c)
            {
                best[end] = Some((count + 1, start));
            }
        }
    }
    let (count, _) = best[last]?;
    if count < 2 {
        return None;
    }
    let mut pieces = Vec::with_capacity(count);
    let mut end = last;
    while end > 0 {
        let (_, start) = best[end]?;
        pieces.push(word[bounds[start]..bounds[end]].to_string());
        end = start;
    }
    pieces.reverse();
    let kinds: Vec<Piece> = pieces
        .iter()
        .enumerate()
        .filter_map(|(k, p)| {
            piece_kind(p, p.chars().count(), k == 0 || k + 1 == pieces.len(), dict)
        })
        .collect();
    // A short word may only sit beside listed words: `kid home`, not `band age` nor
    // `out il l age`.
    let count = |kind: Piece| kinds.iter().filter(|k| **k == kind).count();
    let shorts = count(Piece::Short);
    let listed = count(Piece::Listed);
    let beside_listed = listed > 0 && shorts + listed + count(Piece::Glue) == pieces.len();
    (kinds.len() == pieces.len() && (shorts == 0 || beside_listed)).then_some(pieces)
}

/// What a compound's piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A compound word or a subject prefix.
    Listed,
    /// A connector between two pieces.
    Glue,
    /// A known word of four letters or more.
    Long,
    /// A known word of three letters.
    Short,
}

fn piece_kind(piece: &str, chars: usize, at_edge: bool, dict: &Dictionary) -> Option<Piece> {
    if dict.compound_words.contains(piece) || dict.subject_prefixes.contains(piece) {
        Some(Piece::Listed)
    } else if !at_edge && dict.connectors.contains(piece) {
        Some(Piece::Glue)
    } else if !dict.known.contains(piece)
        || dict.connectors.contains(piece)
        || chars < MIN_PIECE_CHARS
    {
        None
    } else if chars == MIN_PIECE_CHARS {
        Some(Piece::Short)
    } else {
        Some(Piece::Long)
    }
}

#[cfg(test)]
mod tests {
    use super::super::dictionary::dictionary;
    use super::*;

    fn header(text: &str) -> Header {
        Header::new(text, dictionary())
    }

    fn phrase(text: &str) -> Phrase {
        Phrase::new(text, dictionary())
    }

    #[test]
    fn compounds_split_into_known_words() {
        assert_eq!(header("Kidhome").words, ["kid", "home"]);
        assert_eq!(header("Teenhome").words, ["teen", "home"]);
        assert_eq!(header("customergender").words, ["customer", "gender"]);
        assert_eq!(header("genderidentity").words, ["gender", "identity"]);
        assert_eq!(header("yearofbirth").words, ["year", "of", "birth"]);
        assert_eq!(header("agegroup").words, ["age", "group"]);
        assert_eq!(header("customersex").words, ["customer", "sex"]);
        assert_eq!(header("kidcount").words, ["kid", "count"]);
        // Ordinary words and words with a piece the dictionary does not know stay whole.
        for w in [
            "postage",
            "passage",
            "username",
            "message",
            "kidney",
            "essex",
            "bandage",
            "lineage",
            "dosage",
            "outage",
            "detail",
            "dentin",
            "kiddos",
            "independent",
            "geopolitical",
            "outillage",
        ] {
            assert_eq!(header(w).words, [w], "{w}");
        }
    }

    #[test]
    fn words_split_by_a_space_are_joined_again() {
        assert_eq!(header("local idade").words, ["localidade"]);
        assert_eq!(header("c idade").words, ["cidade"]);
        assert_eq!(header("Gen der").words, ["gender"]);
        // Greedy from the left would take `emails` and leave `ubsc`, `rib` and `ed`.
        assert_eq!(header("email s ubsc rib ed").words, ["email", "subscribed"]);
        assert_eq!(header("Customer Age").words, ["customer", "age"]);
        assert_eq!(header("Date of Birth").words, ["dateofbirth"]);
        assert!(header("Date of Birth").spelled_as(&phrase("date of birth"), 0, 1));
        assert!(!header("dateofbirth").spelled_as(&phrase("date of birth"), 0, 1));
    }

    #[test]
    fn phrases_match_runs_of_whole_words_however_spaced() {
        let dob = phrase("date of birth");
        // `dateofbirth` is itself a dictionary word, so the three words are joined.
        assert_eq!(header("DateOfBirth").find(&dob), Some((0, 1)));
        assert_eq!(header("Date_Birth").find(&dob), Some((0, 2)));
        assert_eq!(header("Da te of Bir th").find(&dob), Some((0, 1)));
        assert_eq!(header("x Date of Birth y").find(&dob), Some((1, 2)));
        let gender = phrase("gender");
        assert_eq!(header("G e n d e r").words, ["gender"]);
        assert_eq!(header("G e n d e r").find(&gender), Some((0, 1)));
        assert_eq!(header("Customer Gender").find(&gender), Some((1, 2)));
        let age = phrase("age");
        for h in ["page", "Stage", "usage", "message", "pa ge", "Homepage"] {
            assert_eq!(header(h).find(&age), None, "{h}");
        }
        assert_eq!(header("average_age_x").find(&age), Some((1, 2)));
        assert_eq!(header("essex").find(&phrase("sex")), None);
        assert_eq!(header("trace id").find(&phrase("race")), None);
    }

    #[test]
    fn whole_headers_after_subject_prefixes() {
        let name = phrase("name");
        assert_eq!(header("Name").whole(&name), Some(false));
        assert_eq!(header("Customer Name").whole(&name), Some(true));
        assert_eq!(header("Customer Name").dropped, "customer");
        assert_eq!(header("Product Name").whole(&name), None);
        assert_eq!(header("N a m e").whole(&name), Some(false));
        assert_eq!(header("C u s t o m e r N a m e").whole(&name), Some(true));
        assert_eq!(header("My Customer Name").dropped, "my customer");
    }
}
