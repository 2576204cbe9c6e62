//! New-user trial 3, H3 (second bullet), end to end through the binary: `no` and `si`
//! are Norway and Slovenia beside other country codes, and yes/no answers in a column
//! of answers. The column profile decides, not the check of one value (on main
//! `validate::is_country_code` refused `no`/`si` everywhere, so a column of Nordic
//! markets `SE`, `NO`, `DK`, `FI` fell under the 90% a country column needs).
//!
//! Worked out by hand from `assets/countries.tsv` and `assets/privacy-dictionary.toml`
//! (the `country_code` validator of the place-of-residence entry classifies a column
//! at 90% of its values):
//! - `market` = SE, NO, DK, FI, NO, SE: 6 of 6 values are country codes, 100%:
//!   `quasi_identifier` (on main `NO` did not count: 4 of 6, 66%, `ordinary`);
//! - `student` = no, no, yes, no, no, no: its only country codes are `no`, so they are
//!   answers: 0%, `ordinary`;
//! - `agrees` = si, no, si, si, no, si: answers too (Spanish/Italian yes, no): `ordinary`.

mod review_support;

use review_support::*;

const PEOPLE: &str = "email,market,student,agrees
a@example.com,SE,no,si
b@example.com,NO,no,no
c@example.com,DK,yes,si
d@example.com,FI,no,si
e@example.com,NO,no,no
f@example.com,SE,no,si
";

#[test]
fn no_is_norway_among_countries_and_an_answer_among_answers() {
    let ws = Ws::new();
    ws.import_csv("p.csv", PEOPLE, &["--consent", "email=granted"]);
    let market = ws.field("market");
    assert_eq!(market["class"], "quasi_identifier", "{market}");
    assert!(
        market["reason"]
            .as_str()
            .unwrap()
            .contains("100% of values are two-letter ISO 3166-1 country codes"),
        "{market}"
    );
    for answers in ["student", "agrees"] {
        let f = ws.field(answers);
        assert_eq!(f["class"], "ordinary", "{f}");
    }
}
