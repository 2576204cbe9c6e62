//! Taking the tags role away is taking a safeguard away (new-user trial, session 12,
//! G17): a tag naming an age group (`teen`) makes a child a known minor, so `fields set
//! tags --role none` (or `--role name`) switched the minor check off for tagged
//! children with no downgrade on record, no classifier's role beside the field and no
//! review blocker, while the same change to a date of birth raised `safeguard_removed`.
//! Now the tags role is a safeguard role (README, "Fields"): removing it is a
//! downgrade needing a justification, `fields` shows the classifier's role, and review
//! raises `safeguard_removed` with the contacts it lets through whenever there are any.
//!
//! Expected by hand: `kid@` is tagged `teen` (13 to 19, under the default minor age
//! 16), the two adults `vip`; with the role gone, the assignment with the role restored
//! would exclude exactly `kid@`: 1 contact, as a minor.

mod review_support;

use predicates::prelude::*;
use review_support::{EMAIL_EVERYONE, Ws, codes, finding, has_code, pairs};

const PEOPLE: &str = "Email,First Name,Accepts Email Marketing,Tags\n\
kid@example.com,Kid,yes,teen\n\
ad@example.com,Ad,yes,vip\n\
ad2@example.com,Ad2,yes,vip\n";

const REASON: &str = "Tags are just product interests for us, nothing else";

fn workspace(csv: &str) -> Ws {
    let ws = Ws::new();
    let file = ws.write("a.csv", csv);
    ws.ok(&["import", &file]);
    ws
}

/// `fields set tags --role ROLE --reason REASON`; its standard output.
fn set_role(ws: &Ws, role: &str) -> String {
    ws.stdout(&["fields", "set", "tags", "--role", role, "--reason", REASON])
}

#[test]
fn removing_the_tags_role_is_a_downgrade_and_a_review_blocker() {
    for role in ["none", "name"] {
        let ws = workspace(PEOPLE);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[
                ("ad2@example.com", "-"),
                ("ad@example.com", "-"),
                ("kid@example.com", "minor")
            ])
        );
        // A downgrade needs a justification, not two words.
        ws.cmd()
            .args([
                "fields", "set", "tags", "--role", role, "--reason", "not ages",
            ])
            .assert()
            .failure()
            .stderr(predicate::str::contains("lowers the protection of `tags`"));
        let said = set_role(&ws, role);
        assert!(said.contains("downgrade recorded"), "{said}");
        let tags = ws.field("tags");
        assert_eq!(tags["role"], role);
        assert_eq!(tags["classifier_role"], "tags");
        let review = ws.json(&["review", "news"], 3);
        assert_eq!(codes(&review, "blocker"), ["safeguard_removed"], "{role}");
        let item = finding(&review, "safeguard_removed")["items"][0].clone();
        let item = item.as_str().unwrap();
        assert!(
            item.starts_with(&format!(
                "minor check off: 1 contact would be excluded as a minor; field `tags` had role tags from the classifier, now {role}"
            )),
            "{item}"
        );
        assert!(item.contains(REASON), "{item}");
        let out = ws.out("refused");
        ws.cmd()
            .args(["export", "news", "--out", out.to_str().unwrap()])
            .assert()
            .code(3)
            .stderr(predicate::str::contains("safeguard_removed"));
    }
}

#[test]
fn tags_naming_no_age_group_lose_their_role_on_record_without_a_blocker() {
    let ws = workspace(&PEOPLE.replace(",teen\n", ",gold\n"));
    ws.apply(EMAIL_EVERYONE);
    let said = set_role(&ws, "none");
    assert!(said.contains("downgrade recorded"), "{said}");
    let review = ws.json(&["review", "news"], 0);
    assert!(!has_code(&review, "safeguard_removed"), "{review}");
}

/// New-user trial 7, N5: `import --skip Tags` took a child's `teen` tag away before the
/// minor check could read it, while `--skip` of an age column is refused. Expected by
/// hand: `teen` allows 13, under the default minor age 16, so the import is refused
/// naming line 2 and nothing is created; a tags column naming no age group (`vip`,
/// `vip, gold`) can still be skipped.
#[test]
fn tags_naming_a_minor_cannot_be_skipped_away() {
    let ws = Ws::new();
    let kid = ws.write(
        "kid.csv",
        "Email,First Name,Accepts Email Marketing,Tags\n\
         kid@example.com,Kid,yes,teen\n\
         ad@example.com,Ad,yes,vip\n",
    );
    ws.cmd()
        .args(["import", &kid, "--skip", "Tags"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 2: `teen` (a minor)"));
    let adults = ws.write(
        "adults.csv",
        "Email,First Name,Accepts Email Marketing,Tags\n\
         ad@example.com,Ad,yes,\"vip, gold\"\n",
    );
    ws.ok(&["import", &adults, "--skip", "Tags"]);
}
