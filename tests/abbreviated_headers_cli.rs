//! New-user trial 6, G12, through the binary: abbreviated sensitive headers (`Eth.
//! group`, `Med. hist.`, `Dx`, `SEN`, `Rel`, `Denom`) and coded health values (ICD-10
//! codes, `T1D`, `T2DM`, `HTN`, `COPD`) were ordinary data.
//!
//! Expected by hand from assets/privacy-dictionary.toml: `eth group` is an ethnicity
//! token; `med hist`, `dx` health tokens and `sen` a whole-header health phrase; `rel`
//! a whole-header and `denom` a religion token (vetoed beside `card`, as `denomination`
//! is); `t1d`, `htn`, `copd`, `t2dm`, `ehcp`, `sen support` health values, so `Notes`
//! = T2DM, HTN, none is 100% health terms (`none` is neutral) with 2 distinct strong
//! ones. `Conditions` = E11.9, F32, J45 is 100% ICD-10 codes under the health word
//! `conditions` ([icd10]); `Clinical code` with subcodes is 100% codes, some dotted.
//! Counter cases: `SKU` (a thing word) with the same codes, `Seat` and `Voucher code`
//! with `A12`-shaped values (no health word, no subcode), `Card denom`, `Send` and
//! `Release` stay ordinary.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const FILE: &str = "email,Accepts Email Marketing,Eth. group,Med. hist.,Dx,SEN,Notes,Rel,Denom,Conditions,Clinical code,SKU,Seat,Voucher code,Card denom,Send,Release,Tags\n\
a@example.com,yes,WBRI,T1D,F32.1,EHCP,T2DM,RC,RC,E11.9,E11.9,E11.9,A12,A12,25,weekly,v1,\"vip, t1d\"\n\
b@example.com,yes,PKST,HTN,E11,SEN support,HTN,CofE,Methodist,F32,F32.1,F32.1,B34,B34,50,daily,v2,copd\n\
c@example.com,yes,BCRB,COPD,J45,none,none,none,none,J45,J45.0,J45.0,C56,C56,100,never,v3,vip\n";

#[test]
fn abbreviated_headers_and_coded_values_are_special_category() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("abbr.csv", FILE)]);
    for (field, kind) in [
        ("eth_group", "ethnicity"),
        ("med_hist", "health"),
        ("dx", "health"),
        ("sen", "health"),
        ("notes", "health"),
        ("rel", "religion"),
        ("denom", "religion"),
        ("conditions", "health"),
        ("clinical_code", "health"),
    ] {
        let f = ws.field(field);
        assert_eq!(f["class"], "special_category", "{field}: {f}");
        assert_eq!(f["kind"], kind, "{field}");
    }
    for field in [
        "sku",
        "seat",
        "voucher_code",
        "card_denom",
        "send",
        "release",
    ] {
        assert_eq!(ws.field(field)["class"], "ordinary", "{field}");
    }
    ws.cmd()
        .args(["reach", r#"dx starts with "F""#])
        .assert()
        .code(1)
        .stderr(contains("field `dx` is blocked in segment rules"));
    for tag in ["t1d", "copd"] {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .code(1)
            .stderr(contains(format!(
                "value `{tag}` of field `tags` is health data"
            )));
    }
    let out = ws.stdout(&["reach", r#"seat is "A12""#]);
    assert!(out.starts_with("reach 1 of 3"), "{out}");
}
