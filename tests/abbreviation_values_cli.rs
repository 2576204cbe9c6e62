//! New-user trial 9, R3, through the binary: the whole headers `Rel`, `Sen`, `Dx`,
//! `Denom` (and `Konf`, the same kind) made a column special category whatever its
//! values, so a release column (`v1.2`), software versions, a product line (`DX-100`),
//! gift-card amounts and clothing sizes needed an unlock.
//!
//! Expected by hand from src/fields/classify/abbrev.rs and the dictionary's
//! `[abbreviations]` table: these words are taken only when half the values are the
//! entry's terms or the table's short values (`rk`, `ev`), or neutral (`none`), with one
//! that is not neutral, or ICD-10 codes for health; `SEN` also by a yes/no column (a
//! special educational needs flag: decided so, as promise 2 comes first). So `v1.2`,
//! `1.0.3`, `DX-100`, `25`, `38` confirm nothing: ordinary. `Catholic`/`Muslim` (religion
//! terms), `rk`/`ev` (the table's church-tax marks), yes/no under `SEN` and `F32`/`E11.9`
//! under `Dx` confirm: special category as before.

mod review_support;

use review_support::Ws;

fn kinds(csv: &str) -> Vec<(String, String, String)> {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("abbr.csv", csv)]);
    let fields = ws.json(&["fields"], 0);
    fields
        .as_array()
        .unwrap()
        .iter()
        .skip(2)
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("name"), s("class"), s("kind"))
        })
        .collect()
}

#[test]
fn abbreviations_whose_values_say_otherwise_stay_ordinary() {
    let got = kinds(
        "email,Accepts Email Marketing,Rel,Sen,Dx,Denom,Konf\n\
         a@example.com,yes,v1.2,1.0.3,DX-100,25,38\n\
         b@example.com,yes,v2.0,2.1.0,DX-200,50,40\n\
         c@example.com,yes,v2.1,2.2.0,DX-300,100,42\n",
    );
    for (name, class, _) in &got {
        assert_eq!(class, "ordinary", "{name}: {got:?}");
    }
}

#[test]
fn abbreviations_whose_values_confirm_them_stay_special_category() {
    let got = kinds(
        "email,Accepts Email Marketing,Rel,Sen,Dx,Konf\n\
         a@example.com,yes,Catholic,yes,F32,rk\n\
         b@example.com,yes,Muslim,no,E11.9,ev\n\
         c@example.com,yes,none,yes,J45,none\n",
    );
    let want = [
        ("rel", "religion"),
        ("sen", "health"),
        ("dx", "health"),
        ("konf", "religion"),
    ];
    for (name, kind) in want {
        let f = got.iter().find(|f| f.0 == name).unwrap();
        assert_eq!(f.1, "special_category", "{name}: {got:?}");
        assert_eq!(f.2, kind, "{name}: {got:?}");
    }
}
