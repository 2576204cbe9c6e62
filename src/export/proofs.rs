//! Proofs: the finished messages of the first recipients of each entry, to proofread
//! before sending, as a test send would show them.
//!
//! E-mail proofs are RFC 5322 messages (`.eml`, built with `mail-builder`), which any
//! mail client opens and any SMTP tool can send as a test: the subject and body are
//! the preview's, `text/plain` or `text/html` as the entry's body format. The From and
//! To are placeholders under the reserved `.invalid` domain (RFC 2606), never the
//! contact's address, so a test send cannot reach the contact by mistake; Date is the
//! export's as-of date and Message-ID is derived from the file, so proofs are as
//! reproducible as the rest of the export. SMS proofs are `.txt`: the body, its length
//! and encoding, then each SMS part as it will be sent.

use chrono::NaiveDate;
use mail_builder::MessageBuilder;

use crate::campaign::preview::PreviewRow;
use crate::message::{BodyFormat, sms_length, sms_parts};

/// Placeholder sender and recipient of e-mail proofs.
pub const PROOF_ADDRESS: &str = "proof@tactful.invalid";

/// The file name of proof `n` (1-based) of entry `entry` (1-based) for `segment`.
pub fn file_name(entry: usize, segment: &str, n: usize, sms: bool) -> String {
    let ext = if sms { "txt" } else { "eml" };
    format!("proof-{entry:02}-{}-{n:03}.{ext}", slug(segment))
}

/// A file-name-safe form of a segment name: lower-case ASCII letters and digits, runs
/// of anything else as one `-`, at most 40 characters.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(40).collect();
    if out.is_empty() { "entry".into() } else { out }
}

/// The `.eml` text of an e-mail proof.
pub fn email(row: &PreviewRow, format: BodyFormat, as_of: NaiveDate, name: &str) -> String {
    let date = as_of
        .and_hms_opt(0, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp());
    let body = row.body.clone().unwrap_or_default();
    let builder = MessageBuilder::new()
        .from(("tactful proof", PROOF_ADDRESS))
        .to(("Proof reader", PROOF_ADDRESS))
        .subject(row.subject.clone().unwrap_or_default())
        .date(date)
        .message_id(format!("{name}@tactful.invalid"))
        .header(
            "X-Tactful-Segment",
            mail_builder::headers::text::Text::new(row.segment.clone().unwrap_or_default()),
        );
    let builder = match format {
        BodyFormat::Plain => builder.text_body(body),
        BodyFormat::Html => builder.html_body(body),
    };
    builder.write_to_string().unwrap_or_default()
}

/// The `.txt` text of an SMS proof.
pub fn sms(row: &PreviewRow) -> String {
    let body = row.body.clone().unwrap_or_default();
    let len = sms_length(&body);
    let parts = sms_parts(&body);
    let mut out = format!(
        "Segment: {}\n\n{body}\n\n---\n{} characters, {} units of {:?}, {}\n",
        row.segment.as_deref().unwrap_or(""),
        len.chars,
        len.units,
        len.encoding,
        crate::text::count(len.parts as u64, "part")
    );
    for (i, p) in parts.iter().enumerate() {
        out.push_str(&format!("\n[part {}/{}]\n{p}\n", i + 1, parts.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(subject: &str, body: &str) -> PreviewRow {
        PreviewRow {
            key: "ana@example.com".into(),
            address: Some("ana@example.com".into()),
            channel_address: Some("ana@example.com".into()),
            segment: Some("VIP & friends".into()),
            subject: Some(subject.into()),
            body: Some(body.into()),
            excluded: None,
            fallbacks_used: Vec::new(),
            missing: Vec::new(),
        }
    }

    #[test]
    fn email_proofs_are_rfc5322_without_the_contacts_address() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let eml = email(
            &row("Hi Zoë", "Ben & Jerry's\nsay hi"),
            BodyFormat::Plain,
            d,
            "p1",
        );
        assert!(
            eml.contains("From: \"tactful proof\" <proof@tactful.invalid>\r\n"),
            "{eml}"
        );
        assert!(
            eml.contains("Message-ID: <p1@tactful.invalid>\r\n"),
            "{eml}"
        );
        // 2026-03-05 was a Thursday.
        assert!(
            eml.contains("Date: Thu, 5 Mar 2026 00:00:00 +0000\r\n"),
            "{eml}"
        );
        // A non-ASCII subject is RFC 2047 encoded; the body is text/plain.
        assert!(eml.contains("Subject: =?utf-8?"), "{eml}");
        assert!(
            eml.contains("Content-Type: text/plain; charset=\"utf-8\""),
            "{eml}"
        );
        assert!(!eml.contains("ana@example.com"));
    }

    #[test]
    fn sms_proofs_show_every_part() {
        let text = "a".repeat(200);
        let out = sms(&row("", &text));
        assert!(
            out.contains("200 characters, 200 units of Gsm7, 2 parts"),
            "{out}"
        );
        assert!(out.contains(&format!("[part 1/2]\n{}\n", "a".repeat(153))));
        assert!(out.contains(&format!("[part 2/2]\n{}\n", "a".repeat(47))));
        assert_eq!(slug("VIP & friends!"), "vip-friends");
        assert_eq!(file_name(1, "VIP", 2, true), "proof-01-vip-002.txt");
    }
}
