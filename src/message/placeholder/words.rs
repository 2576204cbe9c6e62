//! The word lists of [`super`]: stand-in words of fallbacks and values, and what
//! spreadsheets, databases and scripts write for "nothing". Compared as
//! `super::Folded` leaves them: ASCII, lower case, no whitespace. Each list is sorted
//! by length, then bytes: the renderer looks up every merge value of every contact by
//! binary search, and words of another length compare without reading their bytes.

/// Words people type where the real text should go, compared after lower-casing and
/// removing spaces, `_`, `-`, `.` and `/` (so `First-Name` and `not set` match).
pub(super) const STAND_INS: [&str; 34] = [
    "tbc",
    "tbd",
    "name",
    "none",
    "null",
    "todo",
    "blank",
    "empty",
    "fixme",
    "fname",
    "lname",
    "notset",
    "inconnu",
    "missing",
    "surname",
    "unknown",
    "lastname",
    "notgiven",
    "notknown",
    "onbekend",
    "yourname",
    "anonymous",
    "firstname",
    "unbekannt",
    "undefined",
    "insertname",
    "desconocido",
    "keineangabe",
    "notprovided",
    "placeholder",
    "sconosciuto",
    "desconhecido",
    "notavailable",
    "notapplicable",
];

/// Stand-in words that are placeholders as a fallback but can be a contact's real
/// value: `Na` (a Korean surname), `Nan` and `Nil` (given names), `ABC` (a company),
/// `Test` (a test contact's own name).
pub(super) const FALLBACK_STAND_INS: [&str; 17] = [
    "na",
    "abc",
    "foo",
    "nan",
    "nil",
    "xyz",
    "asdf",
    "test",
    "text",
    "email",
    "lorem",
    "value",
    "default",
    "fallback",
    "yourtext",
    "loremipsum",
    "defaultvalue",
];

/// What spreadsheets, databases and scripts write in an empty cell, compared
/// lower-cased without whitespace; each has a `/`, `.` or `#`, which a value must hold
/// to be looked up: "not applicable" (`n/a`, German `k.A.`, Spanish and
/// French `n/d`, Dutch `n.v.t.`), Excel's error values (Microsoft, "Detect errors in
/// formulas").
pub(super) const NOTHING_WRITTEN: [&str; 17] = [
    "k.a", "n.a", "n/a", "n/d", "s/d", "#n/a", "k.a.", "n.a.", "n.d.", "#num!", "#ref!", "#name?",
    "#null!", "n.v.t.", "#div/0!", "#spill!", "#value!",
];

/// What scripts write for a missing value, compared as written, since other cases
/// of the same letters are names: `0` (a blank number), R's `NA`, pandas' `NaN`.
pub(super) const NOTHING_EXACT: [&str; 4] = ["0", "NA", "NaN", "nan"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_folded() {
        for list in [&STAND_INS[..], &FALLBACK_STAND_INS, &NOTHING_WRITTEN] {
            assert!(list.is_sorted_by_key(|w| (w.len(), *w)), "{list:?}");
            for w in list {
                let folded = w
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase());
                assert!(folded && w.len() <= super::super::MAX_WORD, "{w:?}");
            }
        }
        assert!(NOTHING_WRITTEN.iter().all(|w| w.contains(['/', '.', '#'])));
    }
}
