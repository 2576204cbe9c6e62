//! Session 12, end to end through the binary: the header rule "sensitive word + a
//! thing noun" (new-user trial 3, H11: `Health score`, `Conviction level`) passed
//! every sensitive one-word token followed anywhere later by `score` or `level`, so
//! `religion_score`, `political_score`, `ethnicity_level` and `health_risk_score` were
//! ordinary: a score of a person's religion or politics is an inference that is that
//! data (GDPR Art. 9(1)).
//!
//! Expected by hand from assets/privacy-dictionary.toml (`[context]` `measures` and
//! `measured`; `[vetoes]` `party`): a measure names a thing only right after a
//! `measured` word (`health`, `conviction`); other nouns (`course`, `party`,
//! `notifications`) are read as before.

mod review_support;

use review_support::*;

#[test]
fn a_score_of_a_sensitive_trait_is_that_trait_and_a_thing_score_is_not() {
    let headers = [
        ("religion_score", "special_category"),
        ("faith_score", "special_category"),
        ("political_score", "special_category"),
        ("party_score", "special_category"),
        ("ethnicity_level", "special_category"),
        ("sexuality_score", "special_category"),
        ("health_risk_score", "special_category"),
        ("gender_score", "protected"),
        ("health_score", "ordinary"),
        ("Conviction level", "ordinary"),
        ("party_size", "ordinary"),
        ("risk_level", "ordinary"),
        ("credit_score", "ordinary"),
        ("Political science course", "ordinary"),
    ];
    let names: Vec<&str> = headers.iter().map(|(h, _)| *h).collect();
    let csv = format!(
        "email,{}\na@example.com{}\n",
        names.join(","),
        ",x1".repeat(names.len())
    );
    let ws = Ws::new();
    ws.import_csv("h.csv", &csv, &["--consent", "email=granted"]);
    let fields = ws.json(&["fields"], 0);
    for (header, class) in headers {
        let f = fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["header"] == header)
            .unwrap_or_else(|| panic!("{header}: {fields}"));
        assert_eq!(f["class"], class, "{header}: {}", f["reason"]);
    }
}
