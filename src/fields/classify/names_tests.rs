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
