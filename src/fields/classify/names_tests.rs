//! Unit tests of [`super`]: kinds and terms worked out by hand from
//! `assets/privacy-dictionary.toml`.

use super::*;

fn kinds(name: &str) -> Vec<String> {
    sensitive_values_in_name(name)
        .into_iter()
        .map(|s| s.kind)
        .collect()
}

fn terms(name: &str) -> Vec<String> {
    sensitive_values_in_name(name)
        .into_iter()
        .map(|s| s.term)
        .collect()
}

#[test]
fn segment_names_are_read_whole_without_their_audience_words() {
    assert_eq!(kinds("female-customers"), ["gender"]);
    assert_eq!(kinds("Frauen Kunden 2026"), ["gender"]);
    assert_eq!(kinds("seniors list"), ["age"]);
    assert_eq!(kinds("muslims"), ["religion"]);
    assert_eq!(kinds("muslim-customers"), ["religion"]);
    // A combining acute on the `m` (session-9 trial) reads as the bare letter.
    assert_eq!(kinds("muslim\u{301}"), ["religion"]);
    assert_eq!(kinds("\u{1E3F}uslims"), ["religion"]);
}

/// Session 10: a trait word among others, short forms and compounds.
#[test]
fn trait_words_anywhere_in_a_name_are_read() {
    assert_eq!(terms("kids-club"), ["kids"]);
    assert_eq!(terms("KidsClub"), ["kids"]);
    assert_eq!(terms("trans-allies"), ["trans"]);
    assert_eq!(terms("TransAllies"), ["trans"]);
    assert_eq!(terms("women over 50"), ["women", "over 50"]);
    assert_eq!(terms("WomenOver50"), ["women", "over 50"]);
    assert_eq!(terms("vip_women"), ["women"]);
    assert_eq!(terms("teens_summer"), ["teen"]);
    assert_eq!(terms("seniors-club"), ["seniors"]);
    assert_eq!(terms("over-50s"), ["over 50s"]);
    assert_eq!(terms("over-40s-club"), ["over 40s"]);
    assert_eq!(terms("50plus"), ["50 plus"]);
    assert_eq!(terms("45+ runners"), ["45 plus"]);
    assert_eq!(terms("U18 football"), ["u18"]);
    assert_eq!(terms("under-25s"), ["under 25s"]);
    assert_eq!(terms("new-parents"), ["new parent"]);
    assert_eq!(terms("children's club"), ["child"]);
    // A product for someone else (new-user trial 3, H7: `kids-menu`) names no
    // recipient: the buyers of children's books are not children (super::context).
    assert_eq!(terms("children's books"), Vec::<String>::new());
    assert_eq!(kinds("MuslimCustomers"), ["religion"]);
}

#[test]
fn false_friends_and_counts_are_not_traits() {
    for name in [
        "we miss you",
        "man city fans",
        "spring sale",
        "vip-customers",
        "all",
        "transport",
        "transfer-customers",
        "translation-clients",
        "transaction-review",
        "Trans-Atlantic flyers",
        "trans fat free",
        "kidskin bags",
        "kid gloves",
        "orders over 50",
        "spent-over-100",
        "top 10",
        "over 2026",
        "Mothers Day",
        "fathers-day-gifts",
        "parent company accounts",
        "Church Street shoppers",
        "Cancer Research UK donors",
        "christchurch-buyers",
        "Children in Need donors",
        "u2 fans",
    ] {
        assert_eq!(terms(name), Vec::<String>::new(), "{name}");
    }
}

/// The byte count that lets [`age_tag`] skip long values never exceeds the words it
/// stands for: every string of up to four characters over an alphabet of the cases
/// that split or join words (digits, `s`, a hump, `+`, separators), and some whole
/// values by hand (`50 s` is the one word `50s`; `+49 901 6148379` three words).
#[test]
fn ascii_word_bound_never_exceeds_the_label_words() {
    let alphabet = ['5', '0', 's', 'S', 'a', 'B', '+', ' ', '-', '.', '@'];
    let mut strings = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = strings
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        strings.extend(longer);
        strings.dedup();
    }
    for s in &strings {
        assert!(ascii_words_at_least(s) <= label_words(s).len(), "{s:?}");
    }
    assert_eq!(ascii_words_at_least("50 s"), 1);
    assert_eq!(label_words("50 s"), ["50s"]);
    assert_eq!(ascii_words_at_least("+49 901 6148379"), 3);
    assert_eq!(ascii_words_at_least("mia.dupont.0@example.net"), 5);
    // Ages as tags still read (by hand from `[age_phrases]`): two words at most.
    assert!(age_tag("over 50").is_some());
    assert!(age_tag("u18").is_some());
    assert!(age_tag("50+").is_some());
    assert!(age_tag("over 50 club").is_none());
    // Numbers alone are no age tag, however short: `18`, `18 21`, `18-24`.
    for numbers in ["18", "18 21", "18-24", "2123.33", "18s"] {
        assert!(only_numbers(numbers) || numbers.ends_with('s'), "{numbers}");
        assert!(age_tag(numbers).is_none(), "{numbers}");
    }
}

/// New-user trial 11, F8: treatments and origin words used of people in a segment
/// name, with the words a tags column reads (names_groups.rs). Kinds by hand:
/// `rehab`, `physio`, `counselling` are `[tag_values]` health terms; `italian`,
/// `polish` are in its `nationality` list; `nigerian`, `pakistani` only in the
/// ethnicity share vocabulary, so ethnic origin.
#[test]
fn treatments_and_origin_groups_in_segment_names() {
    for (name, term, kind) in [
        ("rehab-patients", "rehab", "health"),
        ("physio clients", "physio", "health"),
        ("Counselling 2026", "counselling", "health"),
        ("speech-therapy-parents", "speech therapy", "health"),
        ("italian-customers", "italian", "nationality"),
        ("Italians", "italian", "nationality"),
        ("polish-2026", "polish", "nationality"),
        ("nigerian community", "nigerian", "ethnicity"),
        ("Pakistanis", "pakistani", "ethnicity"),
    ] {
        let found = sensitive_values_in_name(name);
        assert!(
            found.iter().any(|v| v.term == term && v.kind == kind),
            "{name}: {found:?}"
        );
    }
    // Things and treats: a cuisine, a product, a shopping spree.
    for name in [
        "italian-food-lovers",
        "Italian leather buyers",
        "thai cooking class",
        "physio-ball-buyers",
        "retail therapy fans",
        "french lessons",
    ] {
        assert_eq!(kinds(name), Vec::<String>::new(), "{name}");
    }
}
