//! Justifications that put the reason off: `da completare in seguito`, `wordt later
//! aangevuld`, `justification pending from marketing team`, `to be confirmed by legal`
//! (new-user trial 11, F4). They have twenty characters in several different words, and
//! the words around the deferral (`from marketing team`, `by legal`, `next week`) say
//! who will write the reason or when, not what it is, so the filler count of
//! [`super::placeholder`] let them through.
//!
//! The text is read in clauses (cut at `, ; : . ! ? ( ) [ ] / |` and a dash between
//! spaces), each a run of words folded to lower case without accents (`à compléter`
//! is `a completer`). A clause holds a **deferral** when it holds a phrase of
//! [`STRONG`] (`to be confirmed`, `wird nachgereicht`, `à compléter`, `por definir`,
//! `da completare`, `wordt later aangevuld`, `a preencher`: a phrase that only ever
//! says "not written yet"), or a word of [`WEAK`] (`pending`, `later`, `awaiting`,
//! `ausstehend`, `en attente`) used of the reason rather than of a thing: last in its
//! clause, or followed by a filler word, a word of [`CONTEXT`] or of [`REASON_WORDS`]
//! (`pending from legal`, `pending justification`), never before another word (`pending orders`,
//! `awaiting surgery`, `later-life savings` are things). A phrase marked `$` counts
//! only where a weak word would (`reason to follow`, `details to follow from legal`,
//! but not `tips to follow daily`).
//!
//! A text with a deferral is a placeholder when
//! - a word naming the reason ([`REASON_WORDS`]: `justification`, `reason`,
//!   `Begründung`, `motivo`, `onderbouwing`…) stands right beside the deferral, with
//!   only filler between (`reason to follow`, `motivo pendiente`, `pending
//!   justification`): the text says its reason is not there;
//! - or, once filler ([`super::placeholder`]), the deferral's words, the reason words
//!   and the words that say who or when ([`CONTEXT`]: `team`, `legal`, `marketing`,
//!   `from`, `next`, `week`, `équipe`, `juridique`, `ufficio`…) are left out, fewer
//!   different words are left than a reason needs: [`STRONG_WORDS`] after a strong
//!   phrase, [`super::MIN_JUSTIFICATION_DISTINCT_WORDS`] after a weak word. A real
//!   reason with a detail still open (`Birthday offer for customers who gave their age
//!   at signup; discount amount to be confirmed`) passes.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::placeholder::{FILLER, is_mash};

/// Phrases that say the text is not written yet, in English, German, French, Spanish,
/// Italian, Dutch and Portuguese, folded (lower case, no accents). `$` at the end: only
/// where a [`WEAK`] word would count (module header).
#[rustfmt::skip]
const STRONG: &[&str] = &[
    // English.
    "tbd", "tbc", "tba", "to be confirmed", "to be determined", "to be decided",
    "to be defined", "to be added", "to be completed", "to be provided", "to be filled",
    "to be written", "to be supplied", "to be clarified", "to be agreed", "to be specified",
    "to be documented", "to be finalised", "to be finalized", "to be advised",
    "to be announced", "to be explained", "to be justified", "to be discussed", "yet to be",
    "still to be", "not yet known", "not yet decided", "not yet written",
    "not yet available", "not yet provided", "not yet confirmed", "to follow$",
    "will follow$", "follows later", "to come$", "coming soon", "coming later",
    "fill in later", "add later", "will be added", "will be provided", "will be supplied",
    "will be completed", "will be written", "will be filled", "will be confirmed",
    "will be explained", "will confirm", "will approve", "will decide", "will validate",
    // German.
    "folgt$", "folgt noch", "folgt spater", "nachgereicht", "nachgeliefert", "nachgetragen",
    "nachtragen", "nachreichen", "wird erganzt", "wird noch erganzt", "spater erganzen",
    "noch offen", "steht noch aus", "noch ausstehend", "noch zu klaren", "wird geklart",
    "in klarung", "kommt noch", "kommt spater", "noch nicht bekannt", "noch nicht klar",
    "noch festzulegen", "wird festgelegt", "zu definieren",
    "wird bestatigt", "wird noch bestatigt", "noch bestatigen", "noch zu bestatigen",
    // French.
    "a completer", "a definir", "a confirmer", "a preciser", "a determiner", "a remplir",
    "a ajouter", "a fournir", "a valider", "a venir$", "a suivre$", "plus tard",
    "sera ajoute", "sera ajoutee", "sera complete", "sera completee", "sera precise",
    "sera precisee", "sera fourni", "sera fournie", "sera communique", "sera communiquee",
    "sera defini", "sera definie", "ulterieurement", "pas encore",
    "confirmera$", "validera$",
    // Spanish.
    "pendiente", "pendientes", "por definir", "por confirmar", "por completar",
    "por determinar", "por precisar", "por rellenar", "a completar", "a confirmar",
    "a determinar", "se anadira", "se completara", "se definira", "se confirmara",
    "se enviara", "mas tarde", "mas adelante", "confirmara$", "proximamente", "todavia no", "aun no",
    // Italian.
    "da completare", "da definire", "da confermare", "da aggiungere", "da inserire",
    "da precisare", "da stabilire", "da determinare", "da compilare", "da fornire",
    "in seguito", "piu tardi", "successivamente", "seguira", "sara aggiunto",
    "sara aggiunta", "sara completato", "sara completata", "sara fornito", "sara fornita",
    "sara definito", "sara definita", "non ancora", "prossimamente", "confermera$",
    // Dutch.
    "wordt later aangevuld", "later aangevuld", "wordt aangevuld", "wordt nog aangevuld",
    "nog aan te vullen", "nog in te vullen", "in te vullen", "later in te vullen",
    "nader te bepalen", "nog te bepalen", "nog te bevestigen", "nog toe te voegen", "ntb",
    "n t b", "volgt$", "volgt later", "volgt nog", "komt nog", "komt later",
    "nog niet bekend", "zal bevestigen", "bevestigt later",
    // Portuguese.
    "a preencher", "a acrescentar", "por preencher", "pendente", "pendentes",
    "sera adicionado", "sera adicionada", "sera preenchido", "sera preenchida",
    "sera definido", "sera definida", "sera enviado", "sera enviada", "mais tarde",
    "em breve$", "depois$", "posteriormente", "ainda nao", "em aberto",
];

/// Words that put something off but also describe things (`pending orders`,
/// `awaiting surgery`, `later-life`): a deferral only where nothing they could
/// describe follows (module header).
#[rustfmt::skip]
const WEAK: &[&str] = &[
    "pending", "later", "soon", "awaiting", "waiting", "outstanding", "ausstehend",
    "spater", "bald", "attente", "tard", "espera", "tarde", "despues", "attesa", "dopo",
    "afwachting", "binnenkort", "aguardando", "breve",
];

/// Words that name the reason itself: beside a deferral they say it is missing.
#[rustfmt::skip]
const REASON_WORDS: &[&str] = &[
    "justification", "justifications", "reason", "reasons", "reasoning", "rationale",
    "explanation", "details", "begrundung", "grund", "rechtfertigung", "erklarung",
    "raison", "motif", "motifs", "motivation", "explication", "motivo", "motivos", "razon",
    "justificacion", "explicacion", "motivazione", "giustificazione", "ragione",
    "spiegazione", "reden", "onderbouwing", "motivatie", "toelichting", "verantwoording",
    "justificativa", "justificacao", "razao", "explicacao",
];

/// Words that say who will write the reason or when, not what it is: left out of the
/// count of a text with a deferral (module header).
#[rustfmt::skip]
const CONTEXT: &[&str] = &[
    // English.
    "team", "teams", "legal", "marketing", "compliance", "privacy", "department", "dept",
    "dpo", "manager", "management", "boss", "lead", "head", "client", "colleague",
    "colleagues", "office", "hr", "sales", "counsel", "lawyer", "lawyers", "agency",
    "meeting", "review", "approval", "sign", "signoff", "week", "weeks", "month", "next",
    "monday", "tuesday", "wednesday", "thursday", "friday", "tomorrow", "today", "after",
    "until", "before", "from", "by", "with", "via", "once", "when", "someone", "who",
    "them", "they", "he", "she", "info", "information", "still", "yet", "not", "call",
    "email", "ticket", "confirmation", "confirm", "send", "sent", "provide", "get", "on",
    "at", "see", "their", "his", "her", "detail",
    // German.
    "von", "vom", "durch", "mit", "nach", "bis", "abteilung", "rechtsabteilung", "recht",
    "datenschutz", "chef", "woche", "nachste", "montag", "besprechung", "freigabe",
    "rucksprache", "wir", "klaren", "sobald", "nicht", "im", "dem", "den",
    // French.
    "par", "du", "des", "l", "equipe", "juridique", "service", "apres", "avant", "reunion",
    "semaine", "prochaine", "validation", "direction", "dpd", "avec", "au",
    // Spanish.
    "del", "equipo", "juridico", "departamento", "reunion", "semana", "proxima", "con",
    "al", "los", "las",
    // Italian.
    "dal", "dalla", "dallo", "della", "dei", "dai", "ufficio", "legale", "reparto",
    "riunione", "settimana", "prossima", "ancora",
    // Dutch.
    "door", "het", "van", "juridische", "afdeling", "na", "overleg", "vergadering",
    "volgende", "met", "wordt",
    // Portuguese.
    "pelo", "pela", "do", "equipa", "equipe", "juridica", "apos", "reuniao", "com", "no",
    "na",
];

/// Different words a text with a strong deferral needs besides it (module header), as
/// many as a text that starts with `Lorem` needs (`super::placeholder`).
pub(super) const STRONG_WORDS: usize = 5;

/// One word of a clause: folded, and whether it ends its clause.
struct Word {
    text: String,
    last: bool,
}

/// A deferral found: where its words are and whether it is strong.
struct Found {
    start: usize,
    len: usize,
    strong: bool,
}

/// The deferral that makes `text` (as typed) a placeholder, for the refusal
/// (`` `da completare`, a reason left for later ``); `None` when it has none or says
/// enough besides (module header).
pub(super) fn deferred(text: &str) -> Option<String> {
    let words = clause_words(&super::visible(text));
    let found = deferrals(&words);
    let first = found.first()?;
    let shown = |f: &Found| {
        let phrase: Vec<&str> = words[f.start..f.start + f.len]
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        format!("`{}`, a reason left for later", phrase.join(" "))
    };
    if let Some(f) = found.iter().find(|f| beside_reason(&words, f)) {
        return Some(shown(f));
    }
    let mut covered = vec![false; words.len()];
    for f in &found {
        covered[f.start..f.start + f.len].fill(true);
    }
    let mut left: Vec<&str> = words
        .iter()
        .zip(&covered)
        .filter(|(w, c)| !**c && says_something(&w.text))
        .map(|(w, _)| w.text.as_str())
        .collect();
    left.sort_unstable();
    left.dedup();
    let strong = found.iter().any(|f| f.strong);
    let need = if strong {
        STRONG_WORDS
    } else {
        super::MIN_JUSTIFICATION_DISTINCT_WORDS
    };
    let shown_one = found.iter().find(|f| f.strong).unwrap_or(first);
    (left.len() < need).then(|| shown(shown_one))
}

/// True for a word that counts toward a reason beside a deferral: not filler, no
/// reason word, no who-or-when word, no keyboard run, holding a letter.
fn says_something(w: &str) -> bool {
    !FILLER.contains(&w)
        && !REASON_WORDS.contains(&w)
        && !CONTEXT.contains(&w)
        && !WEAK.contains(&w)
        && !is_mash(w)
        && w.chars().any(char::is_alphabetic)
}

/// True for a word that may stand between a reason word and its deferral, or after a
/// [`WEAK`] word used of the reason (`pending from legal`, `awaiting the DPO`).
fn between(w: &str) -> bool {
    FILLER.contains(&w) || CONTEXT.contains(&w) || REASON_WORDS.contains(&w)
}

/// True when a word of [`REASON_WORDS`] stands right before or after the deferral `f`
/// in its clause, with at most two filler or context words between.
fn beside_reason(words: &[Word], f: &Found) -> bool {
    let reason = |w: &Word| REASON_WORDS.contains(&w.text.as_str());
    let before = (0..f.start).rev().take(3).map(|i| &words[i]);
    for w in before {
        if w.last {
            break;
        }
        if reason(w) {
            return true;
        }
        if !between(&w.text) {
            break;
        }
    }
    let end = f.start + f.len;
    if words[end - 1].last {
        return false;
    }
    for w in words.iter().skip(end).take(3) {
        if reason(w) {
            return true;
        }
        if w.last || !between(&w.text) {
            break;
        }
    }
    false
}

/// Every deferral among `words`, in order, none overlapping (the longest phrase at a
/// place wins).
fn deferrals(words: &[Word]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let strong = STRONG.iter().filter_map(|p| phrase_at(words, i, p)).max();
        if let Some(len) = strong {
            out.push(Found {
                start: i,
                len,
                strong: true,
            });
            i += len;
            continue;
        }
        let w = &words[i];
        let of_the_reason = w.last || words.get(i + 1).is_some_and(|n| between(&n.text));
        if WEAK.contains(&w.text.as_str()) && of_the_reason {
            out.push(Found {
                start: i,
                len: 1,
                strong: false,
            });
        }
        i += 1;
    }
    out
}

/// The number of words of `phrase` (a [`STRONG`] entry) when it is written at
/// `words[i..]` within one clause, and, when it ends with `$`, last in it or followed by
/// a filler, who-or-when or reason word (`details to follow from legal`).
fn phrase_at(words: &[Word], i: usize, phrase: &str) -> Option<usize> {
    let (phrase, final_only) = match phrase.strip_suffix('$') {
        Some(p) => (p, true),
        None => (phrase, false),
    };
    let mut n = 0;
    for (k, p) in phrase.split(' ').enumerate() {
        let w = words.get(i + k)?;
        if w.text != p || (w.last && k + 1 < phrase.split(' ').count()) {
            return None;
        }
        n = k + 1;
    }
    let end = &words[i + n - 1];
    let ends = end.last || words.get(i + n).is_some_and(|w| between(&w.text));
    (!final_only || ends).then_some(n)
}

/// The words of `visible` (text as a reader sees it), folded, each marked when it is
/// the last of its clause.
fn clause_words(visible: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = visible.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(Word {
                text: fold(&word),
                last: false,
            });
            word.clear();
        }
        let dash = matches!(c, '-' | '–' | '—')
            && (i == 0 || chars[i - 1] == ' ' || chars.get(i + 1).is_none_or(|n| *n == ' '));
        let ends = ",;:.!?()[]/|".contains(c) || dash || matches!(c, '–' | '—');
        if ends && let Some(last) = out.last_mut() {
            last.last = true;
        }
    }
    if !word.is_empty() {
        out.push(Word {
            text: fold(&word),
            last: false,
        });
    }
    if let Some(last) = out.last_mut() {
        last.last = true;
    }
    out
}

/// `word` lower-cased without accents (`Begründung` → `begrundung`, `ß` → `ss`).
fn fold(word: &str) -> String {
    word.to_lowercase()
        .replace('ß', "ss")
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}
