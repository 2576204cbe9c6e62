//! Helpers for the review, export and rights tests: a workspace in a temp dir driven
//! through the `tactful` binary, as a user would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temp dir with a workspace path in it.
pub struct Ws {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    /// Whether [`Ws::cmd`] fixes the date (see [`Ws::undated`]).
    dated: bool,
}

impl Ws {
    pub fn new() -> Ws {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.tactful");
        Ws {
            dir,
            path,
            dated: true,
        }
    }

    /// A workspace whose commands get no `--as-of` and the real clock: for tests that
    /// give the date per command (`campaign new --as-of`, `campaign set`) or check
    /// what a command does without one.
    pub fn undated() -> Ws {
        Ws {
            dated: false,
            ..Ws::new()
        }
    }

    /// `tactful --workspace WS --as-of 2026-11-01 ...`, with today taken as the same
    /// day (`TACTFUL_TODAY`), so no finding depends on the clock; for [`Ws::undated`],
    /// `tactful --workspace WS ...` alone.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("tactful").unwrap();
        cmd.env("TACTFUL_ACTOR", "tester")
            .arg("--workspace")
            .arg(&self.path);
        if self.dated {
            cmd.env("TACTFUL_TODAY", "2026-11-01")
                .arg("--as-of")
                .arg("2026-11-01");
        }
        cmd
    }

    pub fn ok(&self, args: &[&str]) {
        self.cmd().args(args).assert().success();
    }

    /// Run `args`, expecting success, and return stdout.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    pub fn import(&self, fixture_name: &str, extra: &[&str]) {
        self.cmd()
            .arg("import")
            .arg(fixture(fixture_name))
            .args(extra)
            .assert()
            .success();
    }

    /// Write `toml` to a file and `campaign apply` it.
    pub fn apply(&self, toml: &str) {
        let file = self.dir.path().join("campaign.toml");
        std::fs::write(&file, toml).unwrap();
        self.cmd()
            .arg("campaign")
            .arg("apply")
            .arg(&file)
            .assert()
            .success();
    }

    /// Run with `--json`, expecting exit `code`, and parse stdout.
    pub fn json(&self, args: &[&str], code: i32) -> serde_json::Value {
        let out = self
            .cmd()
            .arg("--json")
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    pub fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Write `text` to `name` in the temp dir; the path as a string, for an argument.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    }

    /// `(key, excluded or "-")` of every preview row of `campaign`, in workspace order.
    pub fn exclusions(&self, campaign: &str) -> Vec<(String, String)> {
        self.preview_column(campaign, "excluded")
    }

    /// `(key, column or "-")` of every preview row of `campaign` (`--format json`), in
    /// workspace order: `excluded`, `channel_address`.
    pub fn preview_column(&self, campaign: &str, column: &str) -> Vec<(String, String)> {
        let p = self.json(&["preview", campaign, "--format", "json"], 0);
        p["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
                (s(&r["key"]), s(&r[column]))
            })
            .collect()
    }

    /// `(key, excluded or "-")` of every preview row of `campaign`, sorted.
    pub fn sorted_exclusions(&self, campaign: &str) -> Vec<(String, String)> {
        let mut rows = self.exclusions(campaign);
        rows.sort();
        rows
    }

    /// `(key, excluded or "-")` of every preview row of `campaign`, applied from `toml`
    /// first, sorted.
    pub fn outcome(&self, toml: &str, campaign: &str) -> Vec<(String, String)> {
        self.apply(toml);
        self.sorted_exclusions(campaign)
    }

    /// Write `csv` to `name` in the temp dir and `import` it with `extra` options,
    /// expecting success; the import report (`--json`).
    pub fn import_csv(&self, name: &str, csv: &str, extra: &[&str]) -> serde_json::Value {
        let file = self.write(name, csv);
        let mut args = vec!["import", file.as_str()];
        args.extend(extra);
        self.json(&args, 0)
    }

    /// The `fields --json` entry of field `name`.
    pub fn field(&self, name: &str) -> serde_json::Value {
        let fields = self.json(&["fields"], 0);
        let found = fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name);
        found
            .unwrap_or_else(|| panic!("no field {name}: {fields}"))
            .clone()
    }

    /// The names of the workspace's fields, in column order (`fields --json`).
    pub fn field_names(&self) -> Vec<String> {
        let fields = self.json(&["fields"], 0);
        let fields = fields.as_array().unwrap().iter();
        fields.map(|f| f["name"].as_str().unwrap().into()).collect()
    }

    /// The detail of step `n` (0-based: 1 is consent, 3 the address) of
    /// `explain CAMPAIGN KEY --json`.
    pub fn explain_step(&self, campaign: &str, key: &str, n: usize) -> String {
        let e = self.json(&["explain", campaign, key], 0);
        e["steps"][n]["detail"].as_str().unwrap().to_string()
    }

    /// `export CAMPAIGN --out export-CAMPAIGN --force` with `extra` options, expecting
    /// success; the export manifest.
    pub fn export_manifest(&self, campaign: &str, extra: &[&str]) -> serde_json::Value {
        let out = self.out(&format!("export-{campaign}"));
        self.cmd()
            .args([
                "export",
                campaign,
                "--out",
                out.to_str().unwrap(),
                "--force",
            ])
            .args(extra)
            .assert()
            .success();
        manifest_in(&out)
    }

    /// Import fixture `name` and return the report's warning that starts with `prefix`.
    pub fn import_warning(&self, name: &str, prefix: &str) -> String {
        let report = self.json(&["import", fixture(name).to_str().unwrap()], 0);
        warnings(&report)
            .into_iter()
            .find(|w| w.starts_with(prefix))
            .unwrap_or_else(|| panic!("{report:#}"))
    }

    /// The e-mail consent entry of `contact show KEY --json` (`state`, `source`, ...).
    pub fn email_consent(&self, key: &str) -> serde_json::Value {
        let shown = self.json(&["contact", "show", key], 0);
        shown["consent"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"] == "email")
            .unwrap()
            .clone()
    }
}

/// A campaign `over60` targeting contacts born before 1966-11-02, its date-of-birth
/// field unlocked with a reason (review and written-text tests).
pub const OVER60: &str = r#"
name = "over60"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "older"
rule = "birth_date before 1966-11-02"
subject = "For you, {{ first_name }}"
body = "Hi {{ first_name }}, our new range is in."

[[unlock]]
field = "birth_date"
reason = "age-appropriate product range for customers over sixty"
"#;

/// A campaign `news` e-mailing everyone with an address, as a `campaign apply` file.
pub const EMAIL_EVERYONE: &str = r#"
name = "news"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "email is not blank"
subject = "News"
body = "Hello"
"#;

/// A campaign `text` sending an SMS to everyone with an e-mail address (so contacts
/// without a number show as `no_address`), as a `campaign apply` file.
pub const SMS_EVERYONE: &str = r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "email is not blank"
body = "Hello"
"#;

/// Both granting options (`--consent email=granted --consent sms=granted`), as the
/// new-user trials imported.
pub const BOTH_GRANTED: [&str; 4] = ["--consent", "email=granted", "--consent", "sms=granted"];

/// Sorted `(key, excluded or "-")` of a campaign's preview ([`Ws::outcome`]).
pub type Outcome = Vec<(String, String)>;

/// Import `csv` into a fresh workspace with both granting options and `extra`;
/// `(e-mail outcome, SMS outcome)` of a campaign to everyone on each channel.
pub fn outcomes(csv: &str, extra: &[&str]) -> (Outcome, Outcome) {
    let ws = Ws::new();
    let file = ws.write("people.csv", csv);
    let mut args = vec!["import", file.as_str()];
    args.extend(BOTH_GRANTED);
    args.extend(extra);
    ws.ok(&args);
    (
        ws.outcome(EMAIL_EVERYONE, "news"),
        ws.outcome(SMS_EVERYONE, "text"),
    )
}

/// A file with e-mail, a UK drama-range number (Ofcom) and `header`: p1 holds
/// `first`, p2 holds `second`.
pub fn two_people(header: &str, first: &str, second: &str) -> String {
    format!(
        "email,phone,first_name,{header}\n\
         p1@example.com,+447700900111,P1,{first}\n\
         p2@example.com,+447700900112,P2,{second}\n"
    )
}

/// Owned pairs, to compare with [`Ws::exclusions`].
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The `warnings` of an import report (`import --json`).
pub fn warnings(report: &serde_json::Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

/// Whether the review has a finding with `code`, whatever its severity.
pub fn has_code(review: &serde_json::Value, code: &str) -> bool {
    review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == code)
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// The export manifest (`manifest.json`) in the export folder `dir`.
pub fn manifest_in(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&read(&dir.join("manifest.json"))).unwrap()
}

/// The audit entry of the first `action` in `log` (`audit --json`).
pub fn audit_entry<'a>(log: &'a serde_json::Value, action: &str) -> &'a serde_json::Value {
    log.as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == action)
        .unwrap_or_else(|| panic!("no {action} in {log:#}"))
}

/// The codes of `findings` with the given severity, in order.
pub fn codes(review: &serde_json::Value, severity: &str) -> Vec<String> {
    review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == severity)
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

pub fn finding<'a>(review: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no finding {code} in {review:#}"))
}

/// Six contacts, all with `order_status` shipped (the message-text and segment-name
/// tests).
pub const SHIPPED: &str = "email,first_name,order_status
a@example.com,A,shipped
b@example.com,B,shipped
c@example.com,C,shipped
d@example.com,D,shipped
e@example.com,E,shipped
f@example.com,F,shipped
";

/// A workspace of [`SHIPPED`] with campaign `c` holding one segment per `(name, body,
/// extra add options)`, each on `order_status is "shipped"` with subject `News`; the
/// exit code and JSON of `review c`.
pub fn shipped_review(entries: &[(&str, &str, &[&str])]) -> (i32, serde_json::Value) {
    let ws = Ws::new();
    ws.import_csv("p.csv", SHIPPED, &["--consent", "email=granted"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    for (name, body, extra) in entries {
        ws.ok(&["segment", "add", name, "order_status is \"shipped\""]);
        let mut args = vec![
            "campaign",
            "add",
            "c",
            name,
            "--subject",
            "News",
            "--body",
            body,
        ];
        args.extend(*extra);
        ws.ok(&args);
    }
    let out = ws.cmd().args(["--json", "review", "c"]).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    (code, serde_json::from_slice(&out.stdout).unwrap())
}
