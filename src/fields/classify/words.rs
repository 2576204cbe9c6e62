//! Header words: splitting a column header into lower-case, accent-folded whole words.
//!
//! Owns the one tokenizer that both headers and dictionary phrases go through, so a
//! phrase written as `date of birth` matches `DateOfBirth`, `date_of_birth` and
//! `Date-of-Birth` alike. Matching whole words is what keeps `age` from matching `page`
//! or `stage`. Text is first read as a person sees it ([`super::normalise::visible`]:
//! NFKC, invisible characters removed, look-alike letters folded), so no hidden or
//! foreign character splits or disguises a word. Used by the dictionary loader, by
//! [`super::header`] and by [`super::classify`].

use super::normalise::visible;
use super::symbols::{FLAG, symbol_word};

/// Split `header` into whole words: breaks at anything that is not a letter or digit
/// (spaces, `_`, `.`, `-`, apostrophes), at camelCase humps (`customerID` → `customer`,
/// `id`; `IDNumber` → `id`, `number`) and between letters and digits (`Address1` →
/// `address`, `1`). Words are lower-cased and accent-folded (see [`fold_char`]) after
/// the header is read as a person sees it ([`visible`]).
pub(crate) fn words(header: &str) -> Vec<String> {
    let header = script_lowercase(header);
    let chars: Vec<char> = visible(&header).chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p))
            && prev.is_alphanumeric()
        {
            let next = chars.get(i + 1).copied();
            let hump = prev.is_lowercase() && c.is_uppercase();
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase);
            let digit_switch = prev.is_numeric() != c.is_numeric();
            if hump || acronym_end || digit_switch {
                flush(&mut current, &mut out);
            }
        }
        push_folded(&mut current, c);
    }
    flush(&mut current, &mut out);
    out
}

/// `header` with each run of letters that is a word of another script (Cyrillic,
/// Greek: letters left that are neither ASCII nor Latin once read as a person sees
/// them) lower-cased first. Look-alike reading maps capitals and small letters of
/// those scripts differently (`В` reads `B`, `в` stays), so `Возраст` and `Ηλικία`
/// missed the dictionary's `возраст` and `ηλικια` (third trial H13). A disguised
/// Latin word (`Gеnder` with a Cyrillic `е`) reads as ASCII and keeps its case.
fn script_lowercase(header: &str) -> std::borrow::Cow<'_, str> {
    if header.is_ascii() {
        return std::borrow::Cow::Borrowed(header);
    }
    let foreign = |run: &str| {
        visible(run).chars().any(|c| {
            c.is_alphabetic()
                && !c.is_ascii()
                && !('\u{00C0}'..='\u{024F}').contains(&c)
                && !('\u{1E00}'..='\u{1EFF}').contains(&c)
        })
    };
    let mut out = String::with_capacity(header.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().any(char::is_uppercase) && foreign(run) {
            out.push_str(&run.to_lowercase());
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in header.chars() {
        if c.is_alphabetic() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    std::borrow::Cow::Owned(out)
}

/// A whole value in the form in which it is looked up in the dictionary's
/// vocabularies: read as a person sees it, lower-cased and accent-folded, every run of
/// characters that are not letters or digits (spaces, `-`, `_`, `/`, `.`, `+`) made one
/// space, edges trimmed. So `Non-Binary`, `non binary` and `non_binary` are one term,
/// and `HIV+` is `hiv`.
pub(crate) fn fold(value: &str) -> String {
    let mut out = String::new();
    fold_into(value, &mut out);
    out
}

/// [`fold`] into `out` (cleared first), so a caller folding every value of a column
/// reuses one buffer instead of allocating a string per value.
pub(crate) fn fold_into(value: &str, out: &mut String) {
    out.clear();
    let seen = visible(value);
    out.reserve(seen.len());
    let mut gap = false;
    let mut chars = seen.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii()
            && let Some(word) = symbol_word(c, chars.peek().copied())
        {
            if c == FLAG {
                chars.next();
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
            gap = true;
        } else if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                // The common case on every imported value: no case or accent tables.
                out.push(c.to_ascii_lowercase());
            } else {
                push_folded(out, c);
            }
        } else {
            gap = true;
        }
    }
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

fn push_folded(out: &mut String, c: char) {
    for lower in c.to_lowercase() {
        match fold_char(lower) {
            Some(s) => out.push_str(s),
            None => out.push(lower),
        }
    }
}

/// The ASCII spelling of a lower-case accented Latin letter, if it has one.
///
/// Umlauts fold to the bare vowel (`ä` → `a`), as most exports that strip accents do;
/// the dictionary lists the `ae`/`oe` spellings separately where they are common.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ß' => "ss",
        'ś' | 'š' | 'ş' => "s",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ū' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn splits_snake_camel_spaces_dots_and_dashes() {
        assert_eq!(w("date_of_birth"), ["date", "of", "birth"]);
        assert_eq!(w("DateOfBirth"), ["date", "of", "birth"]);
        assert_eq!(w("customerID"), ["customer", "id"]);
        assert_eq!(w("IDNumber"), ["id", "number"]);
        assert_eq!(
            w("Accepts Email Marketing"),
            ["accepts", "email", "marketing"]
        );
        assert_eq!(w("emp.var.rate"), ["emp", "var", "rate"]);
        assert_eq!(w("E-Mail-Adresse"), ["e", "mail", "adresse"]);
        assert_eq!(w("Address1"), ["address", "1"]);
        assert_eq!(w("SeniorCitizen"), ["senior", "citizen"]);
        assert_eq!(w("#"), Vec::<String>::new());
    }

    #[test]
    fn folds_accents_and_sharp_s() {
        assert_eq!(w("Straße"), ["strasse"]);
        assert_eq!(w("Date de naissance"), ["date", "de", "naissance"]);
        assert_eq!(w("Religión"), ["religion"]);
        assert_eq!(w("Staatsangehörigkeit"), ["staatsangehorigkeit"]);
        assert_eq!(w("Código Postal"), ["codigo", "postal"]);
        assert_eq!(fold("  Männlich "), "mannlich");
    }

    #[test]
    fn hidden_and_foreign_characters_do_not_split_words() {
        assert_eq!(w("Gen\u{AD}der"), ["gender"]);
        assert_eq!(w("Gen\u{200B}der_Identity"), ["gender", "identity"]);
        assert_eq!(w("G\u{435}nder"), ["gender"]);
        assert_eq!(w("Year\u{FEFF}Of\u{200D}Birth"), ["year", "of", "birth"]);
    }

    #[test]
    fn values_fold_separators_to_one_space() {
        assert_eq!(fold(" Non-Binary "), "non binary");
        assert_eq!(fold("non_binary"), "non binary");
        assert_eq!(fold("HIV+"), "hiv");
        assert_eq!(fold("he/him"), "he him");
        assert_eq!(fold("mu\u{200B}slim"), "muslim");
        assert_eq!(fold("\u{41C}uslim"), "muslim");
        assert_eq!(fold("n/a"), "n a");
    }
}
