//! An export that would write nobody is refused, exit code 1, no file written, saying
//! why (trial 4 minor notes: `Exported 0 recipients` and exit 0 with a header-only
//! file, while import refuses "success, 0 imported"). Review keeps its
//! `no_recipients` warning. Expected texts from the exclusion codes and sentences of
//! `campaign::assign::Exclusion`; the contacts: ann and bob, both `no` to e-mail.

mod review_support;

use review_support::Ws;

fn workspace(consent: &str) -> Ws {
    let ws = Ws::new();
    ws.import_csv(
        "e.csv",
        &format!(
            "email,city,Accepts Email Marketing\nann@example.com,Berlin,{consent}\nbob@example.com,Lyon,{consent}\n"
        ),
        &[],
    );
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws
}

fn refused(ws: &Ws, args: &[&str]) -> (String, String) {
    let out = ws.cmd().args(args).assert().code(1).get_output().clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn nobody_with_consent_means_nothing_is_exported() {
    let ws = workspace("no");
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
    let out = ws.out("out");
    let (stdout, stderr) = refused(&ws, &["export", "c", "--out", out.to_str().unwrap()]);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: nothing exported: campaign `c` has no recipients, so no file was written: 2 excluded as no_consent: no consent for this channel (declined, withdrawn, bounced or never asked). See `tactful preview c --excluded`\n"
    );
    assert!(!out.exists(), "no directory, no file");
    // --json: stdout stays empty, as for every error.
    let (stdout, _) = refused(
        &ws,
        &["--json", "export", "c", "--out", out.to_str().unwrap()],
    );
    assert_eq!(stdout, "");
    // The review still only warns: a campaign nobody receives is no blocker.
    let review = ws.json(&["review", "c"], 0);
    assert_eq!(review["blockers"], 0, "{review:#}");
}

#[test]
fn a_segment_matching_nobody_or_no_entry_at_all_exports_nothing() {
    let ws = workspace("yes");
    ws.ok(&["segment", "add", "paris", "city is \"Paris\""]);
    let out = ws.out("empty");
    // No entry yet: every contact matches no segment.
    let (_, stderr) = refused(&ws, &["export", "c", "--out", out.to_str().unwrap()]);
    assert!(
        stderr.contains(
            "no file was written: 2 excluded as no_segment: matches no segment of the campaign."
        ),
        "{stderr}"
    );
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "paris",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
    let (_, stderr) = refused(&ws, &["export", "c", "--out", out.to_str().unwrap()]);
    assert!(
        stderr.contains("no file was written: 2 excluded as no_segment"),
        "{stderr}"
    );
    assert!(!out.exists());
    // One recipient more and the export is written.
    ws.ok(&[
        "segment",
        "edit",
        "paris",
        "city is \"Paris\" or city is \"Lyon\"",
    ]);
    ws.ok(&["export", "c", "--out", out.to_str().unwrap()]);
    assert!(out.join("recipients.csv").exists());
}
