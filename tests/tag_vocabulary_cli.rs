//! New-user trial 6, G20, through the binary: unambiguous sensitive tags that passed as
//! ordinary (`sober`, `Blue Badge`, `Vote Leave`, `pro-life`, `Pride`, `Kinderwunsch`;
//! protected traits `60+`, `senior`, `mum`, `dad`, `newlywed`).
//!
//! Expected by hand from assets/privacy-dictionary.toml: `sober`, `blue badge`,
//! `kinderwunsch` are health values; `vote leave` and `pro life` (`pro-life` folds to
//! it) political opinion values; `mum`, `dad` family status and `newlywed` marital
//! status values (protected traits: whole values only); `pride` (sexual orientation)
//! and `senior` (age) are sensitive only as a whole tag (`[tag_values]`), and `60+` is
//! an age phrase (`[age_phrases]`: 60 is within 12..99). Counter cases: `sober curious`
//! in a note (`sober` is an ambiguous word inside text), `Pride` as a product and
//! `Senior` as a job level are ordinary; `AA member` is not taken (the Automobile
//! Association), documented in the dictionary.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

#[test]
fn sensitive_tags_need_an_unlock_of_their_kind() {
    let ws = Ws::new();
    let csv = "email,Accepts Email Marketing,Tags,Product,Level,Notes,Nickname\n\
        a@example.com,yes,\"sober, Blue Badge, Kinderwunsch\",Pride,Senior,sober curious range,Mom\n\
        b@example.com,yes,\"Vote Leave, pro-life, Pride\",Pride,Junior,vip,Dad\n\
        c@example.com,yes,\"60+, senior, mum, dad, newlywed\",Other,Senior,vip,Bea\n\
        d@example.com,yes,\"vip, AA member\",Other,Junior,vip,Di\n";
    ws.ok(&["import", &ws.write("tags.csv", csv)]);
    for (tag, kind) in [
        ("sober", "health"),
        ("Blue Badge", "health"),
        ("Kinderwunsch", "health"),
        ("Vote Leave", "political_opinion"),
        ("pro-life", "political_opinion"),
        ("Pride", "sexual_orientation"),
        ("60+", "age"),
        ("senior", "age"),
        ("mum", "family_status"),
        ("dad", "family_status"),
        ("newlywed", "marital_status"),
    ] {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .code(1)
            .stderr(contains(format!(
                "value `{tag}` of field `tags` is {} data",
                kind.replace('_', " ")
            )));
    }
    for (field, rule) in [
        ("product", r#"product is "Pride""#),
        ("level", r#"level is "Senior""#),
        ("notes", r#"notes contains "curious""#),
        ("tags", r#"tags has "AA member""#),
        // A parent word is family status as a tag only: `Mom` is what a child's club
        // file calls a contact (found by the merged suite, minor_routes_cli).
        ("nickname", r#"nickname is "Mom""#),
    ] {
        assert_eq!(ws.field(field)["class"], "ordinary", "{field}");
        let out = ws.stdout(&["reach", rule]);
        assert!(out.starts_with("reach "), "{rule}: {out}");
    }
}
