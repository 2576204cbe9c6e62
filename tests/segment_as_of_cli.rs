//! `segment list`, `segment show|add|edit` and `reach` say the day their counts are for
//! (new-user trial 5, F4: `segment list` counted as of today without saying so, while
//! `demo` printed the reach as of the campaign's date, so one segment showed 1417 and
//! then 1572). Today is fixed by `TACTFUL_TODAY=2026-12-07`.
//!
//! By hand, `last_order_date within last 30 days`: as of 2026-12-07 (from 2026-11-07)
//! only a (2026-11-20): 1; as of 2026-11-01 (from 2026-10-02) b (2026-10-15) and d
//! (2026-10-20): 2. `age >= 30` (a protected trait, unlocked in campaign `c` whose
//! as-of date is 2026-11-01): a (40) and c (70): 2.

mod review_support;

use review_support::Ws;

const TODAY: &str = "2026-12-07";

fn run(ws: &Ws, args: &[&str]) -> String {
    let out = ws
        .cmd()
        .env("TACTFUL_TODAY", TODAY)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The reach column (name, scope, reach, rule) of segment `name` in a listing.
fn reach_of<'a>(list: &'a str, name: &str) -> &'a str {
    let line = list
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap();
    line.split_whitespace().nth(2).unwrap()
}

fn workspace() -> Ws {
    let ws = Ws::undated();
    let csv = ws.write(
        "orders.csv",
        "email,last_order_date,age\n\
         a@example.com,2026-11-20,40\n\
         b@example.com,2026-10-15,25\n\
         c@example.com,2026-06-01,70\n\
         d@example.com,2026-10-20,20\n",
    );
    run(&ws, &["import", &csv, "--consent", "email=granted"]);
    run(
        &ws,
        &[
            "segment",
            "add",
            "recent",
            "last_order_date within last 30 days",
        ],
    );
    ws
}

#[test]
fn segment_list_says_the_day_it_counted_from() {
    let ws = workspace();
    let list = run(&ws, &["segment", "list"]);
    assert!(
        list.starts_with("Reach counted as of 2026-12-07, today:\n"),
        "{list}"
    );
    assert_eq!(reach_of(&list, "recent"), "1", "{list}");
    let list = run(&ws, &["--as-of", "2026-11-01", "segment", "list"]);
    assert!(
        list.starts_with("Reach counted as of 2026-11-01, from --as-of:\n"),
        "{list}"
    );
    assert_eq!(reach_of(&list, "recent"), "2", "{list}");
    let json = run(&ws, &["--json", "segment", "list"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json[0]["as_of"], "2026-12-07");
    assert_eq!(json[0]["reach"], 1);
}

#[test]
fn reach_show_and_add_say_the_day_too() {
    let ws = workspace();
    assert_eq!(
        run(&ws, &["reach", "last_order_date within last 30 days"]),
        "reach 1 of 4 contacts (as of 2026-12-07, today)\n"
    );
    let json = run(
        &ws,
        &[
            "--json",
            "--as-of",
            "2026-11-01",
            "reach",
            "last_order_date within last 30 days",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"reach": 2, "audience": 4, "as_of": "2026-11-01"})
    );
    let show = run(&ws, &["segment", "show", "recent"]);
    assert!(
        show.contains("reach:       1 (as of 2026-12-07, today)\n"),
        "{show}"
    );
    let added = run(
        &ws,
        &[
            "--as-of",
            "2026-11-01",
            "segment",
            "add",
            "recent2",
            "last_order_date within last 30 days",
        ],
    );
    assert_eq!(
        added,
        "Saved segment `recent2`: reach 2 (as of 2026-11-01, from --as-of)\n"
    );
}

#[test]
fn a_campaign_scoped_segment_names_its_campaigns_day() {
    let ws = workspace();
    run(
        &ws,
        &[
            "--as-of",
            "2026-11-01",
            "campaign",
            "new",
            "c",
            "--channel",
            "email",
        ],
    );
    run(
        &ws,
        &[
            "unlock",
            "c",
            "age",
            "--reason",
            "the offer is a pension product for customers over thirty",
        ],
    );
    let added = run(
        &ws,
        &["segment", "add", "older", "age >= 30", "--campaign", "c"],
    );
    assert_eq!(added, "Saved segment `older`: reach 2 (as of 2026-11-01)\n");
    let list = run(&ws, &["segment", "list"]);
    assert!(
        list.starts_with("Reach counted as of 2026-12-07, today:\n"),
        "{list}"
    );
    let older = list.lines().find(|l| l.starts_with("older")).unwrap();
    assert!(older.contains("campaign c, as of 2026-11-01"), "{list}");
    let json = run(&ws, &["--json", "segment", "list"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let older = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "older")
        .unwrap();
    assert_eq!(older["as_of"], "2026-11-01");
    assert_eq!(older["campaign"], "c");
}
