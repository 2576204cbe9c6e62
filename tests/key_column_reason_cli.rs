//! New-user trial 5, F1: a column headed `email` whose values are mostly not e-mail
//! addresses (`n/a`, `unknown`, `bob at example.com`) is no address column, and the
//! field's reason must say why, not "no sensitive header word ... matched" (false: the
//! header word `email` matched). Expected by hand: 3 of the 10 values are addresses,
//! 30%, under the half a header's check needs (README, "How columns are classified").

mod review_support;

use review_support::Ws;

#[test]
fn an_email_header_over_mostly_other_values_says_why_it_is_no_address() {
    let ws = Ws::new();
    let csv = "email,first_name\na@example.com,A\nnone,B\nn/a,C\nunknown,D\nbob at example.com,E\nf@example.com,F\n-,G\nno,H\n?,I\nj@example.com,J\n";
    ws.import_csv("people.csv", csv, &["--consent", "email=granted"]);
    let field = ws.field("email");
    let reason = field["reason"].as_str().unwrap();
    assert_eq!(field["role"], "none", "{reason}");
    assert!(
        reason.contains(
            "header phrase `email` not taken as e-mail address: only 30% of values look like e-mail addresses"
        ),
        "{reason}"
    );
    assert!(!reason.starts_with("no sensitive header word"), "{reason}");
}
