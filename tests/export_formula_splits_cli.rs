//! Trial 8, M6: Excel in `;`-separator locales (German, French, Dutch, Italian,
//! Spanish…) splits a `.csv` at `;` whatever the quotes mid-field say, pasted text
//! splits at TAB and a line break starts a row; so `Bath;+1+1` is the cells `Bath` and
//! `+1+1`, a formula. Every expected file below is worked out by hand from README
//! "Export": the spreadsheet profile (and the preview CSV) put a `'` right after each
//! `,` `;` TAB CR LF a formula sign follows; the sending profiles refuse a sign after
//! `;` or TAB, and with `--neutralise-formulas` quote it the same way (not after `,`
//! or a line break, ordinary message text there).

mod review_support;

use review_support::*;

/// Ann's name and Leeds hold `;` + a formula, Bob a `;-`, Cy a DDE payload after `;`,
/// Di's town `;+`; Fay's town a formula after a comma; Bob's town starts with `-`
/// (after a space in one body, after a line break in the other campaign's).
const PEOPLE: &str = "Email,First Name,City,Accepts Email Marketing\n\
    a1@example.com,Ann;=1+1,Leeds;@SUM(1+1),yes\n\
    a2@example.com,Bob;-2+3,-York,yes\n\
    a3@example.com,Cy;=cmd|x!A0,Hull,yes\n\
    a4@example.com,Di,Bath;+1+1,yes\n\
    a6@example.com,Fay,\"Ely,-1\",yes\n";

fn workspace() -> Ws {
    let ws = Ws::new();
    ws.import_csv("f.csv", PEOPLE, &[]);
    ws.ok(&["segment", "add", "all", "first_name is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        "Hi {{ first_name }}",
        "--body",
        "{{ first_name }} from {{ city }}",
    ]);
    ws
}

fn neutralised_count(dir: &std::path::Path) -> u64 {
    let m: serde_json::Value = manifest_in(dir);
    m["profile"]["formulas_neutralised"].as_u64().unwrap()
}

/// Export `campaign` to `name` with `extra` options and `--no-bom`, expecting success;
/// the folder and the text of its recipients file.
fn export(ws: &Ws, campaign: &str, name: &str, extra: &[&str]) -> (std::path::PathBuf, String) {
    let out = ws.out(name);
    let mut args = vec![
        "export",
        campaign,
        "--out",
        out.to_str().unwrap(),
        "--no-bom",
    ];
    args.extend(extra);
    ws.ok(&args);
    let text = String::from_utf8(read(&out.join("recipients.csv"))).unwrap();
    (out, text)
}

/// The rows of campaign `c` that the spreadsheet profile and a sending profile with
/// `--neutralise-formulas` write alike (the header, a1 to a4: each formula follows a
/// `;`); they differ on Fay's row only, whose `-1` follows a comma, quoted by the
/// spreadsheet profile alone.
const A1_TO_A4: &str = "email,segment,subject,body\r\n\
     a1@example.com,all,Hi Ann;'=1+1,Ann;'=1+1 from Leeds;'@SUM(1+1)\r\n\
     a2@example.com,all,Hi Bob;'-2+3,Bob;'-2+3 from -York\r\n\
     a3@example.com,all,Hi Cy;'=cmd|x!A0,Cy;'=cmd|x!A0 from Hull\r\n\
     a4@example.com,all,Hi Di,Di from Bath;'+1+1\r\n";

#[test]
fn the_spreadsheet_profile_quotes_a_formula_after_every_separator() {
    let ws = workspace();
    let (out, text) = export(&ws, "c", "sp", &[]);
    assert_eq!(
        text,
        format!("{A1_TO_A4}a6@example.com,all,Hi Fay,\"Fay from Ely,'-1\"\r\n")
    );
    // Subjects and bodies of a1, a2, a3 (6), bodies of a4 and a6 (2).
    assert_eq!(neutralised_count(&out), 8);
    // A line break in the body starts a row where a `;` split leaves the quotes
    // mid-field: Bob's `-York` on its own line gets the quote after the line break.
    ws.ok(&["campaign", "new", "d", "--channel", "email", "--k", "2"]);
    ws.ok(&[
        "campaign",
        "add",
        "d",
        "all",
        "--subject",
        "Hi {{ first_name }}",
        "--body",
        "{{ first_name }}:\n{{ city }}",
    ]);
    let (_, text) = export(&ws, "d", "lines", &[]);
    assert!(
        text.contains("a2@example.com,all,Hi Bob;'-2+3,\"Bob;'-2+3:\n'-York\"\r\n"),
        "{text}"
    );
    // The preview CSV, opened in a spreadsheet too, follows the same rule.
    let preview = ws.stdout(&["preview", "c", "--format", "csv"]);
    assert!(preview.contains("Di from Bath;'+1+1"), "{preview}");
    assert!(preview.contains("Hi Ann;'=1+1"), "{preview}");
}

#[test]
fn a_sending_profile_refuses_a_formula_after_a_semicolon_and_quotes_it_when_asked() {
    let ws = workspace();
    let out = ws.out("up");
    let refused = ws
        .cmd()
        .args([
            "export",
            "c",
            "--out",
            out.to_str().unwrap(),
            "--profile",
            "upload",
        ])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    // a1 subject and body, a2 subject and body, a3 subject and body, a4 body.
    assert!(err.contains("formula_value: 7 cells"), "{err}");
    assert!(!out.join("recipients.csv").exists());
    let extra = ["--profile", "upload", "--neutralise-formulas"];
    let (out, text) = export(&ws, "c", "up", &extra);
    assert_eq!(
        text,
        format!("{A1_TO_A4}a6@example.com,all,Hi Fay,\"Fay from Ely,-1\"\r\n")
    );
    assert_eq!(neutralised_count(&out), 7);
}
