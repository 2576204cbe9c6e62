//! New-user trial 9, R1, through the binary: whole tags that are cuisine, language or
//! destination words (`italian`, `thai`, `french`…) had become ethnic origin, so a
//! restaurant's campaign on `tags has "italian"` needed an *ethnicity* unlock, whose
//! statement was false, and product-origin fields (`Favourite wine origin` = `French`)
//! were refused in rules.
//!
//! Expected by hand from assets/privacy-dictionary.toml: `italian`, `thai`, `french`,
//! `mexican`, `japanese`, `greek`, `polish` are in `[tag_values].nationality`, so as whole
//! tags they are nationality (a protected trait): still refused in a rule, the refusal
//! naming nationality and how to keep the campaign (`italian food`, `lang:it`), and a
//! `tags:nationality` unlock clears review. `pakistani` and `roma` are not in that
//! list: ethnic origin as before. `wine` and `coffee` veto the origin header `origin`,
//! so `Favourite wine origin` and `Coffee origin` are no origin columns (reach 1 of 5:
//! one `French`, one `Ethiopian`); a plain `Origin` still is (guard). `Gift for` = `Mum`
//! is no family status (guard: the whole-tag words count in tags only).

mod review_support;

use predicates::str::contains;
use review_support::*;

const TAGS: &str = "email,Accepts Email Marketing,first_name,Tags\n\
    a@example.com,yes,A,\"vip, pakistani\"\n\
    b@example.com,yes,B,\"french, thai\"\n\
    c@example.com,yes,C,\"italian, mexican\"\n\
    d@example.com,yes,D,\"japanese, greek\"\n\
    e@example.com,yes,E,\"polish, roma\"\n";

#[test]
fn cuisine_and_language_tags_are_nationality_with_a_way_to_keep_the_campaign() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("cu.csv", TAGS)]);
    for tag in [
        "italian", "thai", "french", "mexican", "japanese", "greek", "polish",
    ] {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .code(1)
            .stderr(contains(format!(
                "value `{tag}` of field `tags` is nationality data"
            )))
            .stderr(contains(format!("retag it as `{tag} food`")))
            .stderr(contains("`lang:it`"));
    }
    for tag in ["pakistani", "roma"] {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .code(1)
            .stderr(contains(format!(
                "value `{tag}` of field `tags` is ethnicity data"
            )));
    }
    // A restaurant's campaign: the unlock now states what the tag is.
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    ws.ok(&[
        "unlock",
        "c",
        "tags:nationality",
        "--reason",
        "our Italian restaurant invites guests who chose Italian dishes before",
    ]);
    ws.ok(&[
        "segment",
        "add",
        "it",
        r#"tags has "italian""#,
        "--campaign",
        "c",
    ]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "it",
        "--subject",
        "Buon appetito",
        "--body",
        "Hi",
    ]);
    let review = ws.json(&["review", "c"], 0);
    assert!(!has_code(&review, "sensitive_value"), "{review}");
}

#[test]
fn product_origins_are_no_person_origins() {
    let ws = Ws::new();
    let csv = "email,Accepts Email Marketing,first_name,Favourite wine origin,Coffee origin,Origin,Gift for\n\
        a@example.com,yes,A,French,Ethiopian,French,Mum\n\
        b@example.com,yes,B,Italian,Colombian,web,Dad\n\
        c@example.com,yes,C,Chilean,Kenyan,store,Partner\n\
        d@example.com,yes,D,Napa Valley,Brazilian,web,Mum\n\
        e@example.com,yes,E,Rioja,Sumatra,store,Dad\n";
    ws.ok(&["import", &ws.write("wine.csv", csv)]);
    for rule in [
        r#"favourite_wine_origin is "French""#,
        r#"coffee_origin is "Ethiopian""#,
    ] {
        let out = ws.stdout(&["reach", rule]);
        assert!(out.starts_with("reach 1 of 5"), "{rule}: {out}");
    }
    let out = ws.stdout(&["reach", r#"gift_for is "Mum""#]);
    assert!(out.starts_with("reach 2 of 5"), "{out}");
    ws.cmd()
        .args(["reach", r#"origin is "French""#])
        .assert()
        .code(1)
        .stderr(contains(
            "value `French` of field `origin` is ethnicity data",
        ));
}

/// New-user trial 10, F6: the same words in the dictionary's other languages were plain
/// tags (`giapponese`, `japonés`, `indisch`: reach with no unlock). Expected by hand
/// from `[tag_values].nationality` (accents are dropped before the look-up, so
/// `japonés` is `japones`, `thailändisch` is `thailandisch`): each is nationality data.
#[test]
fn origin_tags_in_other_languages_are_nationality_too() {
    let words = [
        "giapponese",
        "francese",
        "japonés",
        "japanisch",
        "turco",
        "greco",
        "indisch",
        "thailändisch",
        "tailandese",
        "japonais",
        "italiaans",
    ];
    let mut file = String::from("email,Accepts Email Marketing,first_name,Tags\n");
    for (i, w) in words.iter().enumerate() {
        file.push_str(&format!("t{i}@example.com,yes,T{i},{w}\n"));
    }
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("langs.csv", &file)]);
    for tag in words {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .code(1)
            .stderr(contains(format!(
                "value `{tag}` of field `tags` is nationality data"
            )));
    }
}
