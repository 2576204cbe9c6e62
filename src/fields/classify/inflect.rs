//! Inflected forms: `muslims`, `christians`, `allergies`, `women`, `Frauen`,
//! `Musliminnen`, `musulmanes`, `trade unions` are the vocabulary's `muslim`,
//! `christian`, `allergy`, `woman`, `frau`, `muslim`, `musulman`, `trade union`.
//!
//! A segment called `muslims` labels every recipient as Muslim on the sending platform
//! as surely as one called `muslim` (GDPR Art. 9(1)), so no reader of words may depend
//! on the vocabulary listing every plural. [`bases`] gives the base forms a folded
//! value may be the inflection of, and [`super::dictionary::Dictionary::term`] looks
//! them up when the value itself is not a term: one matcher for whole values, tags,
//! words inside notes, literals in rules and templates, segment names and column
//! vocabularies.
//!
//! The rules are data (`[inflections]` in `assets/privacy-dictionary.toml`): endings of
//! English (`-s`, `-es`, `-ies` → `-y`), German (`-en`, `-n`, `-e`, `-in`, `-innen`),
//! French and Spanish (`-s`, `-es`) plurals and feminines, Italian (`-i`, `-e`, `-che`,
//! `-ci`), Portuguese (`-s`, `-oes`, `-ais`, `-ns`) and Dutch (`-s`, `-en`, `-elen`,
//! `-eten`, `-oden`) plurals and feminines, the apostrophe `s` (`homo's`, `women's`),
//! irregular forms (`women`, `men`, `children`), and words that only look inflected (`hive` is not `hiv` + `e`). Only the
//! last word of a value is inflected (the head noun of `trade unions`, `wheelchair
//! users`), only one ending is taken off, and a base must keep the ending's minimum of
//! letters, so `bis` is not `bi` + `s` and `gain` not `gai` + `n`. A base counts only
//! when it is a vocabulary term: taking `-s` off `bus` finds nothing.

use super::dictionary::Dictionary;

/// The base forms `folded` (a value as [`super::words::fold`] gives it) may be an
/// inflection of, most likely first: its last word replaced by an irregular form's base
/// or with one ending replaced. Empty when the last word is not all letters or is
/// listed as never inflected.
pub(super) fn bases(dict: &Dictionary, folded: &str) -> Vec<String> {
    // An apostrophe `s` (Dutch plural `homo's`, English possessive `women's`) folds to
    // a last word `s`: the value is read without it, as written and inflected.
    if let Some(stem) = folded.strip_suffix(" s")
        && !stem.is_empty()
    {
        let mut out = vec![stem.to_string()];
        out.extend(endings(dict, stem));
        return out;
    }
    endings(dict, folded)
}

/// The first of [`bases`]`(dict, folded)`, in its order, for which `f` gives `Some`,
/// built in one reused buffer instead of a new string per base: the dictionary looks
/// up the bases of every word that is no term ([`super::dictionary::Dictionary::term`]),
/// for every value an import reads. The same answer as looking up each of [`bases`]
/// (a base listed twice there is skipped, and its second look-up could only repeat
/// the first's `None`).
pub(super) fn find_base<R>(
    dict: &Dictionary,
    folded: &str,
    mut f: impl FnMut(&str) -> Option<R>,
) -> Option<R> {
    let mut buf = String::new();
    if let Some(stem) = folded.strip_suffix(" s")
        && !stem.is_empty()
    {
        if let Some(r) = f(stem) {
            return Some(r);
        }
        return find_ending(dict, stem, &mut buf, &mut f);
    }
    find_ending(dict, folded, &mut buf, &mut f)
}

/// [`find_base`] over [`endings`]`(dict, folded)`, in its order.
fn find_ending<R>(
    dict: &Dictionary,
    folded: &str,
    buf: &mut String,
    f: &mut impl FnMut(&str) -> Option<R>,
) -> Option<R> {
    let (head, last) = match folded.rfind(' ') {
        Some(i) => folded.split_at(i + 1),
        None => ("", folded),
    };
    if last.is_empty() || !last.chars().all(char::is_alphabetic) || dict.uninflected.contains(last)
    {
        return None;
    }
    let mut try_base = |stem: &str, ending: &str| {
        buf.clear();
        buf.push_str(head);
        buf.push_str(stem);
        buf.push_str(ending);
        f(buf)
    };
    if let Some(base) = dict.irregular.get(last)
        && let Some(r) = try_base(base, "")
    {
        return Some(r);
    }
    let letters = last.chars().count();
    for e in &dict.endings {
        let Some(stem) = last.strip_suffix(e.ending.as_str()) else {
            continue;
        };
        if letters - e.ending.chars().count() + e.base.chars().count() < e.min {
            continue;
        }
        if let Some(r) = try_base(stem, &e.base) {
            return Some(r);
        }
    }
    None
}

/// [`bases`] of a value without an apostrophe `s`.
fn endings(dict: &Dictionary, folded: &str) -> Vec<String> {
    let (head, last) = match folded.rfind(' ') {
        Some(i) => folded.split_at(i + 1),
        None => ("", folded),
    };
    if last.is_empty() || !last.chars().all(char::is_alphabetic) || dict.uninflected.contains(last)
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(base) = dict.irregular.get(last) {
        out.push(format!("{head}{base}"));
    }
    let letters = last.chars().count();
    for e in &dict.endings {
        let Some(stem) = last.strip_suffix(e.ending.as_str()) else {
            continue;
        };
        if letters - e.ending.chars().count() + e.base.chars().count() < e.min {
            continue;
        }
        let base = format!("{head}{stem}{}", e.base);
        if !out.contains(&base) {
            out.push(base);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::dictionary::{Term, dictionary};
    use super::*;

    /// The vocabulary term `word` is read as, as the dictionary spells it.
    fn read_as(word: &str) -> Option<String> {
        let dict = dictionary();
        match dict.term(&super::super::words::fold(word))? {
            Term::Listed(id) => Some(dict.terms[usize::from(id)].0.clone()),
            Term::Neutral => Some("(neutral)".into()),
        }
    }

    #[test]
    fn plurals_and_feminines_read_as_their_base() {
        for (word, base) in [
            ("muslims", "muslim"),
            ("Christians", "christian"),
            ("diabetics", "diabetic"),
            ("females", "female"),
            ("Womens", "woman"),
            ("Seniorinnen", "seniorin"),
            ("Frauen", "frau"),
            ("Musliminnen", "muslim"),
            ("Muslime", "muslim"),
            ("Schwangere", "schwanger"),
            ("musulmanes", "musulman"),
            ("mujeres", "mujer"),
            ("allergies", "allergy"),
            ("trade unions", "trade union"),
            ("Jüdinnen", "judin"),
            ("Juden", "jude"),
            // Session 10: Italian, Dutch and Portuguese.
            ("musulmani", "musulmano"),
            ("lesbiche", "lesbica"),
            ("diabetici", "diabetico"),
            ("omosessuali", "omosessuale"),
            ("buddisti", "buddista"),
            ("cattoliche", "cattolica"),
            ("ebrei", "ebreo"),
            ("incinte", "incinta"),
            ("donne", "donna"),
            ("moslims", "moslim"),
            ("zwangeren", "zwanger"),
            ("homoseksuelen", "homoseksueel"),
            ("homoseksuele", "homoseksueel"),
            // `-n` comes first and finds the Italian `diabete`: health all the same.
            ("diabeten", "diabete"),
            ("joden", "jood"),
            ("christenen", "christen"),
            ("homo's", "homo"),
            ("women's", "women"),
            ("muçulmanos", "muculmano"),
            ("muçulmanas", "muculmana"),
            ("grávidas", "gravida"),
            ("cristãos", "cristao"),
            ("homossexuais", "homossexual"),
            ("católicas", "catolica"),
        ] {
            assert_eq!(read_as(word).as_deref(), Some(base), "{word}");
        }
    }

    /// [`find_base`] looks up the bases in [`bases`]' order and finds what looking
    /// each of them up finds (session 11: built in one buffer), for words that are and
    /// are not inflections, with and without an apostrophe `s` and a head word.
    #[test]
    fn find_base_finds_the_first_of_the_bases() {
        let dict = dictionary();
        for word in [
            "muslims",
            "frauen",
            "musliminnen",
            "homo s",
            "women s",
            "trade unions",
            "diabeten",
            "cristaos",
            "bus",
            "bis",
            "hive",
            "example",
            "dupont",
            "net",
            "2026",
            "s",
            "a s",
            "jews",
            "seniors",
            "mujeres",
            "allergies",
            "church choirs",
            "x",
        ] {
            let listed = |b: &str| match dict.exact_term(b) {
                Some(Term::Listed(id)) => Some(id),
                _ => None,
            };
            let mut seen: Vec<String> = Vec::new();
            let visited = find_base(dict, word, |b| {
                seen.push(b.to_string());
                None::<()>
            });
            assert_eq!(visited, None);
            let unique = |all: Vec<String>| {
                let mut once: Vec<String> = Vec::new();
                for b in all {
                    if !once.contains(&b) {
                        once.push(b);
                    }
                }
                once
            };
            assert_eq!(unique(seen), unique(bases(dict, word)), "{word}");
            assert_eq!(
                find_base(dict, word, listed),
                bases(dict, word).iter().find_map(|b| listed(b)),
                "{word}"
            );
        }
    }

    #[test]
    fn short_stems_and_look_alikes_are_not_inflections() {
        // `bis` (German `until`) is not `bi`, `gain` not French `gai`, a bee `hive`
        // not `hiv`, `bus` nothing at all.
        for word in [
            "bis", "gain", "hive", "bus", "mane", "gaye", "2026s", "amici", "anche", "pasta",
            "pizze", "gente", "mais",
        ] {
            let dict = dictionary();
            let hit = bases(dict, word)
                .iter()
                .any(|b| matches!(dict.exact_term(b), Some(Term::Listed(_))));
            assert!(!hit, "{word}");
        }
    }
}
