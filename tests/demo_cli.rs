//! `tactful demo` end to end, without a terminal: the summary it prints must match counts
//! worked out independently from sample-data/ (Python's csv module: 2,000 rows with 4
//! e-mails repeated in another letter case → 1,996 contacts; the loyalty file's 300
//! rows are 240 known and 60 new contacts; suppression.csv holds 25 lines, two of them
//! the same address in different case → 24 entries; segment reach as of 2026-11-01 over
//! the merged contacts: vip 97, newsletter 341, lapsed (last order before 2026-08-03 and
//! at least 2 orders) 1,417).

use assert_cmd::Command;
use predicates::str::contains;

fn demo(dir: &std::path::Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("tactful")
        .unwrap()
        .args(["--workspace"])
        .arg(dir.join("demo.tactful"))
        .args(["demo", "--no-tui"])
        .assert()
}

#[test]
fn demo_imports_the_sample_data_and_builds_segments_and_a_campaign() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path())
        .success()
        .stdout(contains(
            "shopify_customers.csv: 2000 rows, 1996 contacts added, 0 updated, 0 rejected",
        ))
        .stdout(contains(
            "loyalty_cards.csv: 300 rows, 60 contacts added, 240 updated, 0 rejected",
        ))
        .stdout(contains("suppression list: 24 addresses"))
        .stdout(contains("of 2056 contacts"))
        .stdout(predicates::str::is_match(r"lapsed\s+1417\s").unwrap())
        .stdout(predicates::str::is_match(r"newsletter\s+341\s").unwrap())
        .stdout(predicates::str::is_match(r"vip\s+97\s").unwrap())
        .stdout(contains(
            "Campaign `winter-thanks` (email, holdout 10%): vip → lapsed → newsletter",
        ));
}

#[test]
fn demo_rebuilds_its_own_workspace_but_never_replaces_another() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path()).success();
    // A second run starts fresh: the same counts, not doubled.
    demo(dir.path())
        .success()
        .stdout(contains("1996 contacts added"));

    let other = dir.path().join("mine.tactful");
    tactful::workspace::Workspace::open(&other).unwrap();
    Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(&other)
        .args(["demo", "--no-tui"])
        .assert()
        .failure()
        .stderr(contains("is not a demo workspace"));
}
