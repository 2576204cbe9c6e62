//! Export writes its file from the review's own preview pass (issue 13): the manifest's
//! preview hash is the review's, and a review made before the data changed is never
//! what an export uses: the export after a change walks the data as it is then.
//!
//! Fixture: the demo workspace (`tactful demo`), campaign `winter-thanks`.

mod review_support;

use review_support::*;

/// The preview's CSV rows of `campaign`: (key, address, excluded).
fn preview_rows(ws: &Ws, campaign: &str) -> Vec<(String, String, String)> {
    let out = ws
        .cmd()
        .args(["preview", campaign, "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    csv::Reader::from_reader(&out[..])
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[5].to_string())
        })
        .collect()
}

/// Data rows of the recipients file (BOM and header left out).
fn recipients(dir: &std::path::Path) -> Vec<String> {
    let text = String::from_utf8(read(&dir.join("recipients.csv"))).unwrap();
    text.trim_start_matches('\u{feff}')
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn an_export_after_a_data_change_walks_the_changed_data() {
    let ws = Ws::new();
    ws.ok(&["demo", "--no-tui"]);
    let rows = preview_rows(&ws, "winter-thanks");
    let recipients_before = rows.iter().filter(|r| r.2.is_empty()).count() as u64;
    let review = ws.json(&["review", "winter-thanks"], 0);
    let reviewed = review["preview_sha256"].as_str().unwrap().to_string();

    let first = ws.out("first");
    ws.ok(&["export", "winter-thanks", "--out", first.to_str().unwrap()]);
    let m1 = manifest_in(&first);
    // One pass: the manifest's preview hash is the review's, and its counts are the
    // preview's recipients, one file row each.
    assert_eq!(m1["preview_sha256"], reviewed.as_str());
    assert_eq!(m1["counts"]["recipients"], recipients_before);
    assert_eq!(recipients(&first).len() as u64, recipients_before);

    // Suppress the first recipient's address: the data changes after that review.
    let (key, address, _) = rows.iter().find(|r| r.2.is_empty()).unwrap().clone();
    let list = ws.out("optouts.csv");
    std::fs::write(&list, format!("email\n{address}\n")).unwrap();
    ws.ok(&["suppress", list.to_str().unwrap()]);

    let second = ws.out("second");
    ws.ok(&["export", "winter-thanks", "--out", second.to_str().unwrap()]);
    let m2 = manifest_in(&second);
    // The suppressed recipient is gone (any contact sharing the address was already
    // excluded as a duplicate), so one recipient fewer, and the hash moved on.
    assert_eq!(m2["counts"]["recipients"], recipients_before - 1);
    assert_eq!(m2["counts"]["audience"], m1["counts"]["audience"]);
    assert_ne!(m2["preview_sha256"], reviewed.as_str());
    let rows2 = recipients(&second);
    assert_eq!(rows2.len() as u64, recipients_before - 1);
    assert!(
        !rows2.iter().any(|l| l.contains(&address)),
        "{key}'s address {address} is still exported"
    );
    // And the export's hash is the one a review of the changed data gives.
    let again = ws.json(&["review", "winter-thanks"], 0);
    assert_eq!(m2["preview_sha256"], again["preview_sha256"]);
}
