//! Classifier tests for issue 10: headers in other word orders, joined or spaced out,
//! hidden characters and look-alike letters, the new words in the seven languages, the
//! vetoes that keep innocent headers ordinary, and the diet share rule. Every expected
//! class is worked out by hand from the dictionary's documented rules.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use proptest::prelude::*;

use super::*;
use FieldType::{Date, Integer, Text};
use PrivacyClass::{Ordinary, Protected, SpecialCategory};

fn col(header: &str, ty: FieldType, values: &[&str]) -> Classification {
    let mut profile = ValueProfile::new();
    for v in values {
        profile.observe(v);
    }
    classify(header, "", ty, &profile)
}

fn header(header: &str, ty: FieldType) -> Classification {
    col(header, ty, &[])
}

fn kind(c: &Classification) -> &str {
    c.kind.as_deref().unwrap_or("-")
}

#[test]
fn birth_years_in_every_word_order_get_the_birth_year_role() {
    for h in [
        "Year_Birth",
        "YearOfBirth",
        "yearofbirth",
        "birthyear",
        "birth_year",
        "Birth Year",
        "YOB",
        "year_born",
        "Y e a r _ B i r t h",
        "Geburtsjahr",
        "année de naissance",
        "año_nacimiento",
        "anno di nascita",
        "geboortejaar",
        "ano de nascimento",
    ] {
        let c = header(h, Integer);
        assert_eq!(
            (kind(&c), c.class, c.role),
            ("birth_year", Protected, Role::BirthYear),
            "{h}: {}",
            c.reason
        );
    }
}

#[test]
fn birth_words_alone_are_a_birth_date_or_a_birth_year_by_type() {
    for h in [
        "bday", "birth", "born", "dob", "B-Day", "Geboren", "nascido",
    ] {
        let on_date = header(h, Date);
        assert_eq!(
            (on_date.class, on_date.role),
            (Protected, Role::DateOfBirth),
            "{h}: {}",
            on_date.reason
        );
        let on_year = header(h, Integer);
        assert_eq!(
            (on_year.class, on_year.role),
            (Protected, Role::BirthYear),
            "{h}: {}",
            on_year.reason
        );
        let on_text = header(h, Text);
        assert_eq!(
            (on_text.class, on_text.role),
            (Protected, Role::None),
            "{h}"
        );
    }
}

#[test]
fn family_status_children_kids_teens_and_dependants() {
    for h in [
        "Kidhome",
        "Teenhome",
        "children",
        "kids",
        "teens",
        "dependants",
        "dependents",
        "dependent_count",
        "kid_count",
        "kidcount",
        "Number_Children",
        "NumChildren",
        "has_kids",
        "Kinder",
        "enfants",
        "hijos",
        "figli",
        "kinderen",
        "filhos",
    ] {
        let c = header(h, Integer);
        assert_eq!(
            (kind(&c), c.class, c.role),
            ("family_status", Protected, Role::None),
            "{h}: {}",
            c.reason
        );
    }
}

#[test]
fn pronouns_are_gender_data_in_seven_languages() {
    for h in [
        "pronouns",
        "Preferred Pronouns",
        "Pronomen",
        "pronoms",
        "pronombres",
        "pronomi",
        "voornaamwoorden",
        "pronomes",
    ] {
        assert_eq!(kind(&header(h, Text)), "gender", "{h}");
    }
    let values = col("p", Text, &["she/her", "he/him", "they/them", "She / Her"]);
    assert_eq!((kind(&values), values.class), ("gender", Protected));
}

#[test]
fn health_conditions_by_header_and_by_value() {
    for h in [
        "HIV status",
        "hiv_status",
        "diabetic",
        "Pregnant",
        "pregnancy_due",
        "Diabetiker",
        "enceinte",
        "embarazada",
        "incinta",
        "zwanger",
        "grávida",
    ] {
        let c = header(h, Text);
        assert_eq!(
            (kind(&c), c.class),
            ("health", SpecialCategory),
            "{h}: {}",
            c.reason
        );
    }
    // 5 values: diabetic, asthma, pregnant are health terms, `none` is neutral: 100%
    // in the vocabulary with 3 distinct terms (the bar is 80% and 2).
    let c = col(
        "condition",
        Text,
        &["diabetic", "asthma", "none", "pregnant", "none"],
    );
    assert_eq!(
        (kind(&c), c.class),
        ("health", SpecialCategory),
        "{}",
        c.reason
    );
}

#[test]
fn union_and_party_unless_a_neighbouring_word_vetoes() {
    for h in [
        "Union",
        "union_member",
        "UnionMembership",
        "Gewerkschaft",
        "syndicat",
        "sindicato",
        "sindacato",
        "vakbond",
    ] {
        assert_eq!(kind(&header(h, Text)), "union_membership", "{h}");
    }
    for h in [
        "Party",
        "party_affiliation",
        "PartyAffiliation",
        "Partei",
        "parti politique",
        "partido político",
        "partito",
        "politieke partij",
    ] {
        assert_eq!(kind(&header(h, Text)), "political_opinion", "{h}");
    }
    for (h, veto) in [
        ("party_size", "size"),
        ("PartySize", "size"),
        ("third_party", "third"),
        ("thirdparty", "third"),
        ("party_id", "id"),
        ("credit_union", "credit"),
        ("European Union", "european"),
    ] {
        let c = header(h, Text);
        assert_eq!(c.class, Ordinary, "{h}: {}", c.reason);
        assert!(
            c.reason.contains(&format!("`{veto}` beside it")),
            "{h}: {}",
            c.reason
        );
    }
    // A multi-word phrase is never vetoed.
    assert_eq!(
        kind(&header("political_party_id", Text)),
        "political_opinion"
    );
}

#[test]
fn diets_are_religion_data_when_halal_or_kosher_reach_the_share() {
    // 60 + 15 values outside every vocabulary, 20 weak (vegan): the vocabulary rule
    // sees 25% religion terms (under 80%); the share rule sees 5 of 100 values halal or
    // kosher: 5%, above the 1% share.
    let mut values = vec!["low salt"; 60];
    values.extend(["vegan"; 20]);
    values.extend(["no shellfish"; 15]);
    values.extend(["halal"; 3]);
    values.extend(["kosher"; 2]);
    let c = col("diet", Text, &values);
    assert_eq!(
        (kind(&c), c.class),
        ("religion", SpecialCategory),
        "{}",
        c.reason
    );
    assert!(
        c.reason.starts_with(
            "header token `diet` and 5% of values are religious diet terms (halal, kosher)"
        ),
        "{}",
        c.reason
    );
    // 2 of 200 is exactly 1%.
    let mut meals = vec!["chef's choice"; 198];
    meals.extend(["Halal"; 2]);
    assert_eq!(kind(&col("meal_preference", Text, &meals)), "religion");
    // 1 of 101 is 0.99%, rounded down to 0%: under the share, ordinary, and said so.
    let mut few = vec!["chef's choice"; 100];
    few.push("halal");
    let c = col("diet", Text, &few);
    assert_eq!(c.class, Ordinary);
    assert!(c.reason.contains("under the 1%"), "{}", c.reason);
    // Not a diet header: the share rule does not apply.
    let mut notes = vec!["call back"; 19];
    notes.push("halal");
    assert_eq!(col("notes", Text, &notes).class, Ordinary);
    // German and French diet headers: 1 value of 3 (33%).
    let c = col("Ernährung", Text, &["low salt", "vegan", "halal"]);
    assert_eq!(kind(&c), "religion", "{}", c.reason);
    assert_eq!(
        kind(&col("régime", Text, &["sans sel", "vegan", "casher"])),
        "religion"
    );
    // Weak diet words with two distinct religious diets reach the vocabulary rule.
    let c = col("diet", Text, &["vegan", "gluten free", "halal", "kosher"]);
    assert!(
        c.reason.starts_with("100% of values are religion terms"),
        "{}",
        c.reason
    );
}

#[test]
fn hidden_and_look_alike_characters_do_not_disguise_a_header() {
    for (h, ty, expected) in [
        ("Gen\u{AD}der", Text, "gender"),
        ("Gen\u{200B}der", Text, "gender"),
        ("G\u{435}nder", Text, "gender"),
        (
            "\u{FF27}\u{FF45}\u{FF4E}\u{FF44}\u{FF45}\u{FF52}",
            Text,
            "gender",
        ),
        ("G e n d e r", Text, "gender"),
        ("genderidentity", Text, "gender"),
        ("Re\u{200D}lig\u{456}on", Text, "religion"),
        ("Ethni\u{441}ity", Text, "ethnicity"),
        ("Date\u{FEFF}Of\u{2060}Birth", Date, "date_of_birth"),
        ("\u{421}hildren", Integer, "family_status"),
    ] {
        let c = header(h, ty);
        assert_eq!(kind(&c), expected, "{h:?}: {}", c.reason);
    }
}

#[test]
fn innocent_headers_stay_ordinary() {
    for h in [
        "party_size",
        "page",
        "essex",
        "passage",
        "username",
        "Stage",
        "usage",
        "message",
        "postage",
        "bandage",
        "dosage",
        "detail",
        "race_time",
        "child_sku",
        "dependent_variable",
        "conjoint_score",
        "Denomination Value",
        "independent",
        "Homepage",
        "Dt_Customer",
        "MntGoldProds",
        "NumWebVisitsMonth",
        "AcceptedCmp3",
        "Z_CostContact",
    ] {
        let c = header(h, Text);
        assert_eq!(c.class, Ordinary, "{h}: {}", c.reason);
    }
    // `ETA` is an estimated time of arrival on a date column, Italian `età` on numbers.
    assert_eq!(header("ETA", Date).class, Ordinary);
    assert_eq!(header("Età", Integer).role, Role::Age);
}

#[test]
fn a_tags_column_notes_the_sensitive_values_it_holds() {
    // Items by hand: muslim 2 (one whole value, one in a list), pregnant 1, vip 2.
    let c = col(
        "Tags",
        FieldType::List,
        &[
            "vip, muslim",
            "muslim",
            "[\"pregnant\",\"newsletter\"]",
            "vip",
        ],
    );
    assert_eq!((c.class, c.role), (Ordinary, Role::Tags));
    assert!(
        c.reason.contains(
            "holds sensitive values: muslim (religion, 2), pregnant (health, 1); rules, messages and exports that use them need an unlock of their kind"
        ),
        "{}",
        c.reason
    );
    let plain = col("Tags", FieldType::List, &["vip, gold", "single"]);
    assert!(!plain.reason.contains("sensitive"), "{}", plain.reason);
}

/// Invisible characters the property test hides in headers (UAX #44
/// Default_Ignorable_Code_Point): soft hyphen, ZWSP, ZWNJ, ZWJ, word joiner, BOM, LRM.
const INVISIBLE: [char; 7] = [
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}',
];

/// Cyrillic and Greek letters that UTS #39 lists as confusable with these ASCII letters.
fn look_alike(c: char) -> Option<char> {
    Some(match c {
        'a' => '\u{430}',
        'c' => '\u{441}',
        'e' => '\u{435}',
        'i' => '\u{456}',
        'j' => '\u{458}',
        'o' => '\u{3BF}',
        'p' => '\u{440}',
        's' => '\u{455}',
        'x' => '\u{445}',
        'y' => '\u{443}',
        'A' => '\u{391}',
        'B' => '\u{412}',
        'E' => '\u{415}',
        'K' => '\u{41A}',
        'M' => '\u{41C}',
        'T' => '\u{3A4}',
        _ => return None,
    })
}

/// `text` with each edit applied: (what, where as a share of the length, which).
fn disguise(text: &str, edits: &[(u8, u16, u8)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(what, at, which) in edits {
        let at = usize::from(at) * (chars.len() + 1) / (usize::from(u16::MAX) + 1);
        match what % 3 {
            0 => chars.insert(at, INVISIBLE[usize::from(which) % INVISIBLE.len()]),
            1 => {
                if let Some(c) = chars.get(at).copied().and_then(look_alike) {
                    chars[at] = c;
                }
            }
            _ => chars.insert(at, ' '),
        }
    }
    chars.into_iter().collect()
}

/// Every header phrase of the dictionary with the type its entry matches on and its
/// class undisguised: classified once for all the cases of the property below (each
/// case classified every phrase twice, and the cases were most of the unit tests' time).
fn dictionary_headers() -> &'static [(String, FieldType, PrivacyClass)] {
    static HEADERS: LazyLock<Vec<(String, FieldType, PrivacyClass)>> = LazyLock::new(|| {
        let dict = dictionary();
        let mut out = Vec::new();
        for e in &dict.entries {
            let ty = e
                .types
                .as_ref()
                .and_then(|t| t.first().copied())
                .unwrap_or(Text);
            let share = e.share.iter().flat_map(|s| &s.headers);
            for p in e.tokens.iter().chain(&e.headers).chain(share) {
                let class = header(&p.text, ty).class;
                out.push((p.text.clone(), ty, class));
            }
        }
        out
    });
    &HEADERS
}

/// Disguised headers (with their type) already found to keep their class in an earlier
/// case: the classifier is a pure function, so a repeat says nothing new. Only passes
/// are kept, so a failing header is classified again while proptest shrinks.
static KEPT: LazyLock<Mutex<HashSet<(String, FieldType)>>> = LazyLock::new(Default::default);

/// Up to five edits of [`disguise`].
fn edits() -> impl Strategy<Value = Vec<(u8, u16, u8)>> {
    proptest::collection::vec((0u8..3, any::<u16>(), any::<u8>()), 1..6)
}

/// Issue 10: hiding invisible characters, swapping letters for look-alikes and
/// spacing letters out leaves the class of every dictionary header unchanged.
///
/// Twelve cases of edits from a fixed `seed`, each applied to every dictionary header:
/// the classifier is heuristic, and a CI run must not fail on a case no earlier run
/// saw. Change the seeds (or `cases`) to explore new disguises. The 48 cases run in
/// four tests of twelve, which the test harness runs side by side (one test of 48 took
/// 5 to 7 minutes of a loaded CI run on its own).
fn disguises_keep_their_class(seed: u64) {
    let config = ProptestConfig {
        cases: 12,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        // As `proptest!` does: the failures saved in
        // proptest-regressions/fields/classify/tests_disguise.txt run first.
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    let kept = || KEPT.lock().unwrap_or_else(|e| e.into_inner());
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&edits(), |edits| {
        for (text, ty, class) in dictionary_headers() {
            let disguised = disguise(text, &edits);
            let seen = (disguised, *ty);
            // Unchanged (a look-alike edit on a letter that has none): its class is
            // the one it was classified with.
            if seen.0 == *text || kept().contains(&seen) {
                continue;
            }
            let c = header(&seen.0, *ty);
            prop_assert_eq!(
                c.class,
                *class,
                "{:?} from {:?}: {}",
                seen.0,
                text,
                c.reason
            );
            kept().insert(seen);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn disguised_dictionary_headers_keep_their_class() {
    disguises_keep_their_class(0x3AC7_F011);
}

#[test]
fn disguised_dictionary_headers_keep_their_class_2() {
    disguises_keep_their_class(0x3AC7_F012);
}

#[test]
fn disguised_dictionary_headers_keep_their_class_3() {
    disguises_keep_their_class(0x3AC7_F013);
}

#[test]
fn disguised_dictionary_headers_keep_their_class_4() {
    disguises_keep_their_class(0x3AC7_F014);
}
