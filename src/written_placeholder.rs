//! Placeholders that pass for written reasons: `TODO: write a justification`, `lorem
//! ipsum dolor sit amet`, `qwertyuiop asdfghjkl`, `xxxx yyyy zzzz`, `test testing
//! tested`. They have twenty characters in several different words, so the length and
//! repetition checks of [`super::check_justification`] let them through, and the
//! placeholder then travelled in the manifest as the "written justification" (new-user
//! trial 6, G10).
//!
//! A text is a placeholder when it starts with a marker (`TODO`, `TBD`, `FIXME`,
//! `placeholder`, `lorem`, `xxx`...), holds `lorem ipsum`, or has fewer than
//! [`super::MIN_JUSTIFICATION_DISTINCT_WORDS`] different words that say anything:
//! filler words (`test`, `asdf`, `foo`, `blah`, `dummy`), words about writing a reason
//! (`write`, `add`, `reason`, `justification`, `here`, `later`), lorem ipsum's words,
//! runs of a keyboard row (`qwer`, `asdfgh`, `zxcvbn`, QWERTZ and AZERTY too), runs of
//! the alphabet (`abcd`), one letter repeated (`xxxx`), and words with no letter.
//! Articles and other short function words (`a`, `the`, `to`) say nothing either. The
//! marker list covers English and the other languages the classifier reads (German
//! `Platzhalter`, `folgt noch`, `wird nachgereicht`; French `à compléter`, `à définir`;
//! Spanish `pendiente`, `por definir`; Italian `da definire`; Dutch `nog in te vullen`).
//! `Lorem` and `Placeholder` first are a placeholder unless five different words that
//! say something follow (`Lorem Cosmetics …` is a brand).

/// Words that, first in a text, mark it as a placeholder.
/// Not `test` (`Test results reminder...` is a sentence) nor `dummy`; keyboard runs are
/// found by shape ([`is_mash`]).
const MARKERS: &[&str] = &[
    "todo",
    "tbd",
    "tbc",
    "tba",
    "fixme",
    "xxx",
    "wip",
    "platzhalter",
    "pendiente",
];

/// Words that mark a placeholder when first, unless a real reason follows: at least
/// [`SOFT_MARKER_WORDS`] different words that say something. `Lorem` and `Placeholder`
/// are also brand and product words (`Lorem Cosmetics customers asked…`, `Placeholder
/// cards bought…`: new-user trial 9, L-G10).
const SOFT_MARKERS: &[&str] = &["lorem", "placeholder"];

/// Different meaningful words a text that starts with a [`SOFT_MARKERS`] word needs.
const SOFT_MARKER_WORDS: usize = 5;

/// Words that say nothing in a justification (module header).
pub(super) const FILLER: &[&str] = &[
    // Placeholders and test words.
    "todo",
    "tbd",
    "tbc",
    "tba",
    "fixme",
    "placeholder",
    "wip",
    "dummy",
    "test",
    "tests",
    "testing",
    "tested",
    "foo",
    "bar",
    "baz",
    "qux",
    "blah",
    "bla",
    "blabla",
    "blablabla",
    "etc",
    "whatever",
    "something",
    "stuff",
    "thing",
    "things",
    "sample",
    "example",
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "adipisicing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "enim",
    "minim",
    "veniam",
    "quis",
    "nostrud",
    // Words about writing a reason, with no reason in them.
    "write",
    "writing",
    "written",
    "add",
    "added",
    "adding",
    "insert",
    "enter",
    "fill",
    "filled",
    "type",
    "put",
    "update",
    "justification",
    "justify",
    "reason",
    "reasons",
    "text",
    "here",
    "later",
    "soon",
    "goes",
    "go",
    "will",
    "be",
    "done",
    "to",
    "in",
    "out",
    "this",
    "that",
    "it",
    "a",
    "an",
    "the",
    "some",
    "my",
    "our",
    "your",
    "i",
    "we",
    "me",
    "us",
    "is",
    "of",
    "for",
    "and",
    "or",
    "please",
    "n",
    "na",
    "none",
    "nothing",
    "ok",
    "okay",
    "yes",
    "no",
    "asap",
    "pending",
    "tk",
    // German, French, Spanish, Italian, Dutch, Portuguese placeholders.
    "platzhalter",
    "folgt",
    "nachtragen",
    "spater",
    "später",
    "ausfullen",
    "ausfüllen",
    "begrundung",
    "begründung",
    "grund",
    "text",
    "a",
    "completer",
    "compléter",
    "remplir",
    "raison",
    "motif",
    "pendiente",
    "completar",
    "rellenar",
    "motivo",
    "razon",
    "razón",
    "da",
    "compilare",
    "motivazione",
    "invullen",
    "volgt",
    "reden",
    "preencher",
    "justificativa",
    "justificacion",
    "justificación",
    "by",
    "now",
    // "To follow", "to be defined", "to complete" in the other languages (new-user
    // trial 9, L-G10: `folgt noch, wird nachgereicht` passed), and their function words.
    "noch",
    "wird",
    "werden",
    "nachgereicht",
    "nachreichen",
    "erganzen",
    "ergänzen",
    "kommt",
    "bald",
    "hier",
    "eintragen",
    "offen",
    "klaren",
    "klären",
    "definieren",
    "und",
    "der",
    "die",
    "das",
    "zu",
    "ist",
    "à",
    "venir",
    "definir",
    "définir",
    "preciser",
    "préciser",
    "attente",
    "en",
    "sera",
    "ajoute",
    "ajouté",
    "plus",
    "tard",
    "bientot",
    "bientôt",
    "ici",
    "de",
    "le",
    "la",
    "les",
    "un",
    "une",
    "por",
    "se",
    "anadira",
    "añadirá",
    "agregar",
    "mas",
    "más",
    "tarde",
    "aqui",
    "aquí",
    "el",
    "y",
    "definire",
    "completare",
    "piu",
    "più",
    "attesa",
    "qui",
    "sara",
    "sarà",
    "aggiunto",
    "il",
    "nog",
    "te",
    "vullen",
    "bepalen",
    "nader",
    "aanvullen",
    "ntb",
    "em",
    "breve",
    "depois",
    "o",
    "e",
];

/// Keyboard rows (QWERTY, QWERTZ, AZERTY) and the digits: a word of four or more
/// characters written along one, either way, is no word.
const ROWS: &[&str] = &[
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qwertzuiop",
    "yxcvbnm",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "1234567890",
    "abcdefghijklmnopqrstuvwxyz",
];

/// Why `words` (lower-cased, [`super::lower_words`]) are a placeholder, if they are:
/// the marker or kind of filler found, for the refusal.
pub(super) fn placeholder(words: &[String]) -> Option<String> {
    let first = words.first()?;
    if MARKERS.contains(&first.as_str()) || is_mash(first) {
        return Some(format!("`{first}`"));
    }
    let soft = SOFT_MARKERS.contains(&first.as_str());
    if words.windows(2).any(|w| w[0] == "lorem" && w[1] == "ipsum") {
        return Some("`lorem ipsum`".into());
    }
    let mut meaningful: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !FILLER.contains(w) && !is_mash(w))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    meaningful.sort_unstable();
    meaningful.dedup();
    if soft && meaningful.len() < SOFT_MARKER_WORDS {
        return Some(format!("`{first}`"));
    }
    if meaningful.len() < super::MIN_JUSTIFICATION_DISTINCT_WORDS {
        let shown: Vec<&str> = words.iter().take(4).map(String::as_str).collect();
        return Some(format!("`{}`", shown.join(" ")));
    }
    None
}

/// True for a word that is a keyboard or alphabet run, or one character repeated
/// (`asdf`, `qwertyuiop`, `lkjh`, `abcd`, `xxxx`).
pub(super) fn is_mash(word: &str) -> bool {
    let n = word.chars().count();
    if n >= 3 && word.chars().all(|c| word.starts_with(c)) {
        return true;
    }
    if n < 4 {
        return false;
    }
    let reversed: String = word.chars().rev().collect();
    ROWS.iter()
        .any(|row| row.contains(word) || row.contains(reversed.as_str()))
}
