//! A known minor's address in another contact's *second* e-mail field (`Secondary
//! Email`, `Email 2`, `Work Email`) makes that contact a minor's inbox too (new-user
//! trial 11, F5): the minor check compared a contact's first e-mail field and phones
//! with the known minors' addresses, so a parent row holding the child's address as
//! its second e-mail was mailed. Expected by hand from PRODUCT.md's assignment order
//! (3: known minor, the status following the address, README "The minor check") on
//! the as-of date 2026-11-01: Kid, born 2014-05-01, is 12, under the default 16; the
//! adults are 46.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// Kid is a minor by date of birth; Par holds Kid's address as written in
/// `second`, in its second e-mail field `header`; Ann is an adult with no other address.
fn people(header: &str, second: &str) -> String {
    format!(
        "Email,{header},First Name,Date of Birth,Accepts Email Marketing\n\
         kid@example.com,,Kid,2014-05-01,yes\n\
         par@example.com,{second},Par,1980-01-01,yes\n\
         ann@example.com,,Ann,1980-01-01,yes\n"
    )
}

fn expected() -> Vec<(String, String)> {
    pairs(&[
        ("ann@example.com", "-"),
        ("kid@example.com", "minor"),
        ("par@example.com", "minor"),
    ])
}

#[test]
fn a_minor_address_in_a_second_field_excludes_its_contact_in_every_spelling() {
    for header in ["Secondary Email", "Email 2", "Work Email"] {
        for second in [
            "kid@example.com",
            "KID@Example.com",
            "Kid <kid@example.com>",
            // Quoted as a CSV cell: `"Kid" <KID@EXAMPLE.COM>`.
            "\"\"\"Kid\"\" <KID@EXAMPLE.COM>\"",
            "mailto:kid@example.com",
            "kid+school@example.com",
        ] {
            let ws = Ws::new();
            ws.import_csv("people.csv", &people(header, second), &[]);
            assert_eq!(
                ws.outcome(EMAIL_EVERYONE, "news"),
                expected(),
                "{header}: {second}"
            );
        }
    }
}

/// The same on the other routes: `explain` names Kid as the minor the status came
/// from, review counts two minors (audience 3 = 1 recipient + 2 excluded), and the
/// export writes Ann alone.
#[test]
fn explain_review_and_export_agree() {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        &people("Secondary Email", "Kid <kid@example.com>"),
        &[],
    );
    ws.apply(EMAIL_EVERYONE);
    let explained = ws.json(&["explain", "news", "par@example.com"], 0);
    assert_eq!(explained["excluded"], "minor", "{explained}");
    assert_eq!(
        explained["minor_check"]["minor_from"], "kid@example.com",
        "{explained}"
    );
    let review = ws.stdout(&["review", "news"]);
    assert!(
        review.contains("audience 3 = 1 recipient + 2 excluded") && review.contains("minor: 2"),
        "{review}"
    );
    let out = ws.out("out");
    ws.ok(&["export", "news", "--out", out.to_str().unwrap()]);
    let recipients = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert!(recipients.contains("ann@example.com"), "{recipients}");
    assert!(!recipients.contains("par@example.com"), "{recipients}");
    assert!(!recipients.contains("kid@example.com"), "{recipients}");
}
