//! Header words: splitting a column header into lower-case, accent-folded whole words.
//!
//! Owns the one tokenizer that both headers and dictionary phrases go through, so a
//! phrase written as `date of birth` matches `DateOfBirth`, `date_of_birth` and
//! `Date-of-Birth` alike. Matching whole words is what keeps `age` from matching `page`
//! or `stage`. Used by the dictionary loader and by [`super::classify`].

/// Split `header` into whole words: breaks at anything that is not a letter or digit
/// (spaces, `_`, `.`, `-`, apostrophes), at camelCase humps (`customerID` → `customer`,
/// `id`; `IDNumber` → `id`, `number`) and between letters and digits (`Address1` →
/// `address`, `1`). Words are lower-cased and accent-folded (see [`fold_char`]).
pub(crate) fn words(header: &str) -> Vec<String> {
    let chars: Vec<char> = header.chars().collect();
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

/// Lower-case and accent-fold a whole value, trimming its edges: the form in which
/// values are looked up in the dictionary's vocabularies.
pub(crate) fn fold(value: &str) -> String {
    if value.is_ascii() {
        return value.trim().to_ascii_lowercase();
    }
    let mut out = String::with_capacity(value.len());
    for c in value.trim().chars() {
        push_folded(&mut out, c);
    }
    out
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

/// Where `phrase` occurs as a run of whole words in `words`: the index just past its
/// rightmost occurrence, or `None`.
pub(crate) fn find_phrase(words: &[String], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    words
        .windows(phrase.len())
        .rposition(|w| w == phrase)
        .map(|start| start + phrase.len())
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
    fn phrases_match_whole_words_only() {
        let phrase = w("age");
        assert_eq!(find_phrase(&w("Customer Age"), &phrase), Some(2));
        for header in ["page", "Stage", "usage", "message", "average_age_x"] {
            let hit = find_phrase(&w(header), &phrase);
            assert_eq!(hit.is_some(), header == "average_age_x", "{header}");
        }
        assert_eq!(find_phrase(&w("essex"), &w("sex")), None);
        assert_eq!(find_phrase(&w("racetrack"), &w("race")), None);
        assert_eq!(find_phrase(&w("trace id"), &w("race")), None);
        assert_eq!(find_phrase(&w("dateOfBirth"), &w("date of birth")), Some(3));
    }
}
