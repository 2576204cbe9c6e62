//! Consent values in German, French, Spanish, Italian, Dutch and Portuguese (new-user
//! trial 6, G22): a `Marketing` column of `abgelehnt`/`zugestimmt`, `Publicidad email`
//! of `rechazado`/`aceptado` or `Prospection` of `refusée`/`acceptée` was read as an
//! ordinary field, so `--consent email=granted` mailed the people who declined.
//! Expected by hand from README, "Consent rules": these words are consent words; under
//! a header that only sounds like consent (as `Marketing` = `declined`/`granted` in
//! English) nothing says which way the column goes, so a granting import stops (exit
//! 1, nothing imported); under a known consent header (`Newsletter`, yes = consent
//! given) each word is read: a refusal is declined, a withdrawal withdrawn, a grant
//! granted, and `--consent` fills none of them.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// `out@` holds `refusal`, `in@` holds `grant`, under `header`.
fn file(header: &str, refusal: &str, grant: &str) -> String {
    format!("Email,First Name,{header}\nout@example.com,Out,{refusal}\nin@example.com,In,{grant}\n")
}

/// The trial's columns and their like in the other languages: the granting import is
/// refused, naming the column, and nothing is imported.
#[test]
fn foreign_refusals_under_a_consent_sounding_header_stop_a_granting_import() {
    for (header, refusal, grant) in [
        ("Marketing", "abgelehnt", "zugestimmt"),
        ("E-Mail-Werbung", "abgelehnt", "erlaubt"),
        ("Werbung", "Abgelehnt", "Erlaubt"),
        ("Publicidad email", "rechazado", "aceptado"),
        ("Prospection", "refusée", "acceptée"),
        ("Prospection", "REFUSEES", "acceptees"),
        ("Marketing", "negato", "concesso"),
        ("Pubblicità", "rifiutata", "accettata"),
        ("Reclame", "geweigerd", "toegestaan"),
        ("Publicidade", "recusado", "aceito"),
        ("Marketing", "widerrufen", "erteilt"),
    ] {
        let ws = Ws::new();
        let path = ws.write("people.csv", &file(header, refusal, grant));
        let out = ws
            .cmd()
            .args(["import", &path, "--consent", "email=granted"])
            .assert()
            .code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            err.contains(&format!("column `{header}`")) && err.contains("nothing was imported"),
            "{header} = {refusal}: {err}"
        );
        ws.cmd()
            .args(["contact", "show", "out@example.com"])
            .assert()
            .code(1);
    }
}

/// Under a known consent header each word is read, with or without `--consent`.
#[test]
fn foreign_words_under_a_consent_header_are_read() {
    for (refusal, said, grant) in [
        ("rechazado", "declined", "aceptado"),
        ("refusée", "declined", "acceptée"),
        ("abgelehnt", "declined", "zugestimmt"),
        ("geweigerd", "declined", "toegestaan"),
        ("não autorizado", "declined", "autorizado"),
        ("widerrufen", "withdrawn", "erteilt"),
        ("révoqué", "withdrawn", "accordé"),
        ("revocato", "withdrawn", "concesso"),
        ("ingetrokken", "withdrawn", "akkoord"),
    ] {
        for granting in [false, true] {
            let ws = Ws::new();
            let extra: &[&str] = if granting {
                &["--consent", "email=granted"]
            } else {
                &[]
            };
            ws.import_csv("people.csv", &file("Newsletter", refusal, grant), extra);
            let case = format!("{refusal}/{grant}, --consent: {granting}");
            assert_eq!(ws.email_consent("out@example.com")["state"], said, "{case}");
            assert_eq!(
                ws.email_consent("in@example.com")["state"],
                "granted",
                "{case}"
            );
            assert_eq!(
                ws.outcome(EMAIL_EVERYONE, "news"),
                pairs(&[("in@example.com", "-"), ("out@example.com", "no_consent")]),
                "{case}"
            );
        }
    }
}

/// Phrases that name consent (`keine Einwilligung`, `Einwilligung erteilt`) make a
/// column a consent column under any header, as `no consent` / `consent given` do:
/// read, and `--consent` fills neither.
#[test]
fn foreign_consent_phrases_are_read_under_any_header() {
    let ws = Ws::new();
    let csv = file("Marketing", "keine Einwilligung", "Einwilligung erteilt");
    ws.import_csv("people.csv", &csv, &["--consent", "email=granted"]);
    assert_eq!(ws.email_consent("out@example.com")["state"], "declined");
    assert_eq!(ws.email_consent("in@example.com")["state"], "granted");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("in@example.com", "-"), ("out@example.com", "no_consent")])
    );
}
