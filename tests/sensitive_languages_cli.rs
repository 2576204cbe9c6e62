//! Italian, Dutch and Portuguese plurals, feminines and vocabulary (session 10), end
//! to end through the `tactful` binary: a tag literal, a note and a segment name in
//! these languages are sensitive data as their English counterparts are.
//!
//! Expected values worked out by hand from `assets/privacy-dictionary.toml`. Each tag
//! is not a vocabulary term as written; `[inflections]` takes one ending off it and
//! the base is a term of the kind shown (Art. 9 and Art. 10 categories):
//! - Italian: `musulmani` (-i → -o: musulmano, religion), `lesbiche` (-che → -ca:
//!   lesbica, sexual orientation), `diabetici` (-ci → -co: diabetico, health),
//!   `omosessuali` (-i → -e: omosessuale, sexual orientation), `ebrei` (ebreo,
//!   religion), `cattolici` (cattolico, religion), `sindacalisti` (-i → -a:
//!   sindacalista, union membership), `pregiudicati` (pregiudicato, criminal offence),
//!   `incinte` (-e → -a: incinta, health);
//! - Dutch: `homoseksuelen` (-elen → -eel: homoseksueel, sexual orientation),
//!   `diabeten` (-n: the Italian diabete, health), `joden` (-oden → -ood: jood,
//!   religion), `christenen` (-en: christen, religion), `veroordeelden` (-en:
//!   veroordeeld, criminal offence), `homo's` (apostrophe s: homo, sexual orientation);
//! - Portuguese: `cristãos` (-s: cristao, religion), `homossexuais` (-ais → -al:
//!   homossexual, sexual orientation), `judias` (judia, religion), `católicas`
//!   (catolica, religion), `sindicalizados` (sindicalizado, union membership), `cegos`
//!   (cego, health), `condenados` (condenado, criminal offence).
//!
//! False friends stay ordinary: `amici`, `pasta`, `gente`, `mais` (no base is a term).
//! Notes: `ha la sedia a rotelle` holds `sedia a rotelle` (health), `lid van de FNV`
//! `fnv` (union membership), `vai à igreja aos domingos` `igreja` (religion); `Rua da
//! Igreja 12` and `Via della Chiesa 3` hold none (`rua`, `via` are their value vetoes),
//! `Kerkstraat 5` is one word. The reason lists them in byte order, once each.

mod review_support;

use predicates::prelude::*;
use review_support::*;

const PEOPLE: &str = "email,first_name,tags
a@example.com,A,vip
b@example.com,B,vip
";

/// `(tag, kind)`: each a sensitive value of that kind.
const TAGS: &[(&str, &str)] = &[
    ("musulmani", "religion"),
    ("lesbiche", "sexual orientation"),
    ("diabetici", "health"),
    ("omosessuali", "sexual orientation"),
    ("ebrei", "religion"),
    ("cattolici", "religion"),
    ("sindacalisti", "union membership"),
    ("pregiudicati", "criminal offence"),
    ("incinte", "health"),
    ("homoseksuelen", "sexual orientation"),
    ("diabeten", "health"),
    ("joden", "religion"),
    ("christenen", "religion"),
    ("veroordeelden", "criminal offence"),
    ("homo's", "sexual orientation"),
    ("cristãos", "religion"),
    ("homossexuais", "sexual orientation"),
    ("judias", "religion"),
    ("católicas", "religion"),
    ("sindicalizados", "union membership"),
    ("cegos", "health"),
    ("condenados", "criminal offence"),
];

#[test]
fn plural_and_feminine_tags_in_italian_dutch_and_portuguese_are_refused() {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    for (tag, kind) in TAGS {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .failure()
            .stderr(predicate::str::contains(format!(
                "value `{tag}` of field `tags` is {kind} data"
            )));
    }
    for tag in ["amici", "pasta", "gente", "mais"] {
        ws.ok(&["reach", &format!(r#"tags has "{tag}""#)]);
    }
}

#[test]
fn notes_in_italian_dutch_and_portuguese_name_their_sensitive_words() {
    let ws = Ws::new();
    let csv = "email,first_name,notes
a@example.com,A,ha la sedia a rotelle
b@example.com,B,lid van de FNV
c@example.com,C,vai à igreja aos domingos
d@example.com,D,Rua da Igreja 12
e@example.com,E,Via della Chiesa 3
f@example.com,F,Kerkstraat 5
";
    ws.import_csv("notes.csv", csv, &["--consent", "email=granted"]);
    let reason = ws.field("notes")["reason"].as_str().unwrap().to_string();
    assert!(
        reason.contains(
            "holds sensitive values: fnv (union membership, 1), igreja (religion, 1), \
             sedia a rotelle (health, 1); "
        ),
        "{reason}"
    );
}

#[test]
fn plural_segment_names_in_italian_dutch_and_portuguese_are_a_sensitive_name() {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    let named = [
        ("musulmani", "musulmano", "religion"),
        ("lesbiche-vip", "lesbica", "sexual orientation"),
        ("joden", "jood", "religion"),
        ("cristãos", "cristao", "religion"),
    ];
    let mut toml = String::from("name = \"c\"\nchannel = \"email\"\nas_of = \"2026-11-01\"\n");
    for (name, _, _) in named {
        toml += &format!(
            "[[entry]]\nsegment = \"{name}\"\nrule = 'first_name is not blank'\nsubject = \"Hi\"\nbody = \"Hello\"\n"
        );
    }
    ws.apply(&toml);
    let review = ws.json(&["review", "c"], 3);
    let f = finding(&review, "sensitive_name");
    let said: Vec<&str> = f["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert_eq!(said.len(), named.len(), "{said:#?}");
    for ((name, term, kind), item) in named.iter().zip(&said) {
        let start = format!("segment `{name}`: `{term}` is {kind} data");
        assert!(item.starts_with(&start), "{item} should start with {start}");
    }
}
