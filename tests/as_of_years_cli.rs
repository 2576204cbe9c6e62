//! New-user trial 6, G11: `--as-of 26-01-01` was accepted as the year 0026, on every
//! command that reads a date. Every route now refuses a year of fewer than four digits,
//! suggesting the year in full, and years before 1900 or after 2199.

mod review_support;

use review_support::*;

const SHORT: &str = "`26-01-01` has a 2-digit year; write it in full, as in 2026-01-01";

/// A workspace (real clock) with one contact and campaign `c`.
fn workspace() -> Ws {
    let ws = Ws::undated();
    ws.import_csv(
        "people.csv",
        "Email,First Name\nann@example.com,Ann\n",
        &["--consent", "email=granted"],
    );
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws
}

/// stderr of `args`, which must fail with exit code `code`.
fn refused(ws: &Ws, args: &[&str], code: i32) -> String {
    let out = ws.cmd().args(args).assert().code(code);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn every_as_of_route_refuses_a_two_digit_year() {
    let ws = workspace();
    for args in [
        &["--as-of", "26-01-01", "preview", "c"][..],
        &["campaign", "set", "c", "--as-of", "26-01-01"],
        &["segment", "list", "--as-of", "26-01-01"],
        &["reach", "email is not blank", "--as-of", "26-01-01"],
    ] {
        let err = refused(&ws, args, 2);
        assert!(err.contains(SHORT), "{args:?}: {err}");
    }
    let err = ws
        .cmd()
        .env("TACTFUL_TODAY", "26-01-01")
        .args(["reach", "email is not blank"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains(SHORT));
    let file = ws.write(
        "c.toml",
        "name = \"t\"\nchannel = \"email\"\nas_of = \"26-01-01\"\n",
    );
    let err = refused(&ws, &["campaign", "apply", &file], 1);
    assert!(err.contains(SHORT), "{err}");
    // Nothing was saved: the campaign keeps no as-of date.
    let shown = ws.json(&["campaign", "show", "c"], 0);
    assert_eq!(shown["as_of"], serde_json::Value::Null);
}

#[test]
fn as_of_years_outside_1900_to_2199_are_refused() {
    let ws = workspace();
    for (date, year) in [
        ("1899-12-31", 1899),
        ("0026-01-01", 26),
        ("2200-01-01", 2200),
    ] {
        let err = refused(&ws, &["--as-of", date, "preview", "c"], 2);
        let want =
            format!("`{date}` is in the year {year}; an as-of date is between 1900 and 2199");
        assert!(err.contains(&want), "{err}");
    }
    ws.ok(&["campaign", "set", "c", "--as-of", "1900-01-01"]);
    let shown = ws.json(&["campaign", "show", "c"], 0);
    assert_eq!(shown["as_of"], "1900-01-01");
}
