//! Template profiles end to end (issue 12): the exported templates, substituted with
//! the exported audience file by a small renderer written here from each platform's
//! documentation, give every recipient exactly tactful's preview. The renderers know
//! nothing of tactful's code:
//! - Mailchimp ("Merge Fields", Marketing API docs): `*|TAG|*` is replaced by the
//!   contact's value of field TAG; the audience's e-mail column is `Email Address`.
//! - Klaviyo ("Django filter glossary", list upload guide): `{{ person|lookup:'P' }}`
//!   prints custom property P (from the CSV column P); `|safe` prints it unescaped,
//!   without it Django escapes `& < > ' "`. First column `Email`.
//! - Brevo (Brevo Template Language): `{{ contact.ATTR }}` prints attribute ATTR
//!   (upper-case CSV header); e-mail column `EMAIL`.
//! - listmonk (importer.go and "Templating"): the CSV has `email` and `attributes`
//!   (JSON); `{{ .Subscriber.Attribs.k | Safe }}` prints attribute k as is, without
//!   `Safe` Go's html/template escapes it.
//!
//! The renderers and the check against the preview are [`render`]'s; this file runs
//! them on the sample data, tricky templates and a real file.
//! Also ([`profiles`]): a Mailchimp limit refusal, golden header rows and manifest
//! keys, SMS E.164, split files and proofs.
//! The real-data test reads ../shared/real-data (fails under CI=true when absent).

#[path = "../review_support/mod.rs"]
mod review_support;

mod profiles;
mod render;
#[path = "../shared_folder/mod.rs"]
mod shared_folder;

use render::check_every_platform;
use review_support::*;

pub(crate) fn demo() -> Ws {
    let ws = Ws::new();
    ws.ok(&["demo", "--no-tui"]);
    ws
}

#[test]
fn every_platform_reproduces_the_preview_on_the_sample_data() {
    let ws = demo();
    for (_, rows) in check_every_platform(&ws, "winter-thanks") {
        assert!(rows > 100);
    }
}

pub(crate) const TRICKY: &str = r#"
name = "tricky"
channel = "email"
as_of = "2026-11-01"
locale = "de-DE"

[[entry]]
segment = "everyone"
rule = "email is not blank"
subject = "Hallo {{ first_name | default('Freund') | title }} & *|FNAME|* {{ '{{' }}x}}"
body = """
Hi {{- ' ' -}} {{ first_name }}!
{% if last_name %}Family: {{ last_name | upper }}{% else %}No family name{% endif %}
Literal Mailchimp tag *|FNAME|* and {% raw %}{{ contact.X }}{% endraw %} stay text.
Ben & Jerry's <b>"quoted"</b> +44
"""
"#;

#[test]
fn literal_tag_syntax_escaping_and_conditions_survive_every_platform() {
    let ws = Ws::new();
    ws.import("br23_intl.csv", &["--consent", "email=granted"]);
    ws.apply(TRICKY);
    for (platform, rows) in check_every_platform(&ws, "tricky") {
        assert_eq!(rows, 4, "{platform}");
    }
}

const TICKETS: &str = r#"
name = "tickets"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "customers"
rule = "customer_email is not blank"
subject = "Your {{ product_purchased }}, {{ customer_name | title }}"
body = """
Dear {{ customer_name | default("customer") }},
{% if time_to_resolution %}We closed your ticket.{% else %}We are still on it.{% endif %} *|NOT_A_TAG|*
"""
"#;

#[test]
fn every_platform_reproduces_the_preview_on_real_support_tickets() {
    let Some(dir) = shared_folder::shared("real-data/support-tickets") else {
        return;
    };
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .unwrap();
    let ws = Ws::new();
    ws.cmd()
        .arg("import")
        .arg(&file)
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    ws.apply(TICKETS);
    for (platform, rows) in check_every_platform(&ws, "tickets") {
        assert!(rows > 1000, "{platform}");
    }
}
