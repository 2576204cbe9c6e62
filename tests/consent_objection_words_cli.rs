//! New-user trial 7, N3, end to end through the binary: objections and refusals in
//! everyday German, French and Polish (`Widerspruch`, `kein Interesse`, `Abmelden`,
//! `désabonner`, `sprzeciw`) were no consent words, so the column was ignored and a
//! granting `--consent` mailed or texted the person who objected.
//!
//! Expected by hand from assets/consent-values.toml: each p1 value is a refusal or a
//! withdrawal, each p2 value a grant or blank. `Marketing` names no channel, so p1 is
//! refused on both; `SMS` names SMS, so p1 keeps the e-mail grant of the options.

mod review_support;

use review_support::*;

#[test]
fn objections_in_other_languages_refuse_under_a_granting_option() {
    let refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    for (header, p1, p2, on_email) in [
        ("Marketing", "Widerspruch", "Einwilligung", true),
        ("Marketing", "Widerspruch", "", true),
        ("Werbung", "Widerspruch", "", true),
        ("Marketing", "kein Interesse", "", true),
        ("Marketing", "sprzeciw", "", true),
        ("SMS", "Abmelden", "", false),
        ("SMS", "désabonner", "", false),
    ] {
        let (email, sms) = outcomes(&two_people(header, p1, p2), &[]);
        let want_email = if on_email { &refused } else { &everyone };
        assert_eq!(&email, want_email, "{header} {p1}/{p2}: e-mail");
        assert_eq!(sms, refused, "{header} {p1}/{p2}: SMS");
    }
}
