//! `tactful preview CAMPAIGN [--limit N] [--excluded] [--format table|csv|json]`: every
//! contact with the segment and message it gets, or the reason it gets nothing, then the
//! summary.
//!
//! Rows stream from `campaign::preview::run_marked` (a merge field that printed
//! nothing shows as `[FIELD missing]`, never as `Hi ,`: case BR-16); only the table buffers the rows it prints
//! (to pad columns), which is why it prints [`TABLE_ROWS`] rows unless `--limit` says
//! otherwise. CSV (RFC 4180, as the csv crate writes it: [`super::csv_out`]) goes to stdout with the summary on
//! stderr; JSON is one object `{"rows": [...], "summary": {...}}` written as it streams.
//! Both keep their exact bytes into a pipe or file and are made safe on a terminal
//! ([`super::document_out`]).
//! `--limit` limits printed rows; the summary always counts every contact.

use std::borrow::Cow;
use std::io::{self, Write};

use clap::{Args, ValueEnum};

use super::campaign::preview_failed;
use super::{Context, Exit, csv_out, document_out, print_table};
use crate::campaign::preview::{PreviewRow, Summary, run_marked as preview};
use crate::campaign::unlock::load;
use crate::export::cells;
use crate::fields::Channel;
use crate::text::{count, for_terminal};

/// Rows a table prints when `--limit` is not given.
pub const TABLE_ROWS: u64 = 100;

/// Bytes of CSV gathered before each write to stdout: a million rows are about 90 MB,
/// so the standard 8 KiB buffer made 11,000 system calls.
const CSV_BUFFER: usize = 1 << 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The campaign to preview.
    campaign: String,
    /// Print at most N rows (the summary still counts everyone).
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Print only excluded contacts.
    #[arg(long)]
    excluded: bool,
    /// Output format (--json is the same as --format json).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// The message cell of a table row: the body's first line, or the exclusion.
fn message_cell(row: &PreviewRow) -> String {
    match (&row.excluded, &row.body) {
        (Some(e), _) => format!("excluded: {} ({})", e.code(), e.describe()),
        (None, Some(b)) => b.lines().next().unwrap_or_default().to_string(),
        (None, None) => String::new(),
    }
}

pub fn run(ctx: &Context, args: PreviewArgs) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let campaign = load(&ws, &args.campaign)?;
    let as_of = ctx.as_of_for(&campaign);
    let format = if ctx.json { Format::Json } else { args.format };
    let limit = args.limit.unwrap_or(match format {
        Format::Table => TABLE_ROWS,
        _ => u64::MAX,
    });
    let mut shown = 0u64;
    let mut hidden = 0u64;
    let mut wanted = |row: &PreviewRow| -> bool {
        if args.excluded && row.excluded.is_none() {
            return false;
        }
        if shown >= limit {
            hidden += 1;
            return false;
        }
        shown += 1;
        true
    };
    let stdout = io::stdout();
    let summary = match format {
        Format::Table => {
            let mut rows = Vec::new();
            let summary = preview(&ws, &campaign, as_of, &mut |row| {
                if wanted(row) {
                    let mut cells = vec![row.key.clone(), row.address.clone().unwrap_or_default()];
                    cells.push(row.segment.clone().unwrap_or_default());
                    if campaign.channel == Channel::Email {
                        cells.push(row.subject.clone().unwrap_or_default());
                    }
                    cells.push(message_cell(row));
                    rows.push(cells);
                }
                Ok(())
            })
            .map_err(preview_failed)?;
            let mut headers = vec!["key", "address", "segment"];
            if campaign.channel == Channel::Email {
                headers.push("subject");
            }
            headers.push("message");
            print_table(&headers, &rows)?;
            if hidden > 0 {
                outln!("... {hidden} more rows (use --limit N, or --format csv for all)");
            }
            outln!();
            print_summary(&mut stdout.lock(), &summary)?;
            summary
        }
        Format::Csv => {
            let mut out = io::BufWriter::with_capacity(CSV_BUFFER, document_out(false));
            let header = ["key", "address", "segment", "subject", "body", "excluded"];
            csv_out::write_record(&mut out, header.map(str::as_bytes))?;
            let summary = preview(&ws, &campaign, as_of, &mut |row| {
                if wanted(row) {
                    let text = [
                        row.key.as_str(),
                        csv_address(row, campaign.channel),
                        row.segment.as_deref().unwrap_or_default(),
                        row.subject.as_deref().unwrap_or_default(),
                        row.body.as_deref().unwrap_or_default(),
                    ];
                    let excluded = row.excluded.map(|e| e.code()).unwrap_or_default();
                    write_csv_row(&mut out, text, excluded)?;
                }
                Ok(())
            })
            .map_err(preview_failed)?;
            out.flush()?;
            print_summary(&mut io::stderr().lock(), &summary)?;
            summary
        }
        Format::Json => {
            let mut out = io::BufWriter::new(document_out(true));
            out.write_all(b"{\"rows\":[")?;
            let mut first = true;
            let summary = preview(&ws, &campaign, as_of, &mut |row| {
                if wanted(row) {
                    if !first {
                        out.write_all(b",")?;
                    }
                    first = false;
                    out.write_all(b"\n")?;
                    serde_json::to_writer(&mut out, row)?;
                }
                Ok(())
            })
            .map_err(preview_failed)?;
            out.write_all(b"\n],\"summary\":")?;
            serde_json::to_writer_pretty(&mut out, &summary)?;
            out.write_all(b"}\n")?;
            out.flush()?;
            summary
        }
    };
    if !summary.reconciles() {
        return Err(Exit {
            code: 1,
            message: "internal error: the preview's counts do not reconcile with the audience"
                .into(),
        }
        .into());
    }
    Ok(())
}

/// The address cell of a CSV row: for an SMS campaign the number in E.164
/// (`+447911123456`), the form sending platforms take and the `sms` and `upload`
/// exports write, when the contact has one to text; otherwise, and for e-mail, the
/// address as stored (a fixed line or an unreadable number shows as written, so the
/// row says why it is `no_address`). The imported spelling (`07911 123456`) is no
/// number a platform can send to (new-user trial).
fn csv_address(row: &PreviewRow, channel: Channel) -> &str {
    let sms = (channel == Channel::Sms)
        .then_some(row.channel_address.as_deref())
        .flatten();
    sms.or(row.address.as_deref()).unwrap_or_default()
}

/// One preview row of CSV: the `text` cells as [`csv_cell`] makes them, then the
/// exclusion code, as `csv_out::write_record` writes such a record. A cell with no
/// byte that either step acts on ([`csv_out::is_bare`]) and no formula sign at its start
/// is written as it is: [`csv_cell`] returns it unchanged (it has no separator, and a
/// plain phone number starts with `+`, which is a sign) and needs no quotes. Keys and
/// addresses are such cells, so one scan of them instead of three (the separator
/// search, the quoting check and the copy-on-write: about 7 % of a 1,000,000-contact
/// preview, issue 13).
fn write_csv_row(out: &mut impl Write, text: [&str; 5], excluded: &str) -> io::Result<()> {
    for s in text {
        if csv_out::is_bare(s.as_bytes()) && !cells::is_formula_like(s) {
            out.write_all(s.as_bytes())?;
        } else {
            csv_out::write_field(out, csv_cell(s).as_bytes())?;
        }
        out.write_all(b",")?;
    }
    csv_out::write_field(out, excluded.as_bytes())?;
    out.write_all(b"\n")
}

/// A preview cell as the CSV holds it: the spreadsheet profile's rule
/// ([`cells::neutralised`]: `=HYPERLINK(…)`, `-2+3`, `@x` get a `'` in front), because a
/// preview CSV is opened in a spreadsheet; except a phone number written with its
/// country code ([`cells::is_plain_phone`]: `+34 559 211915`), which calls no function
/// and reads no cell, and stays as it is so the preview shows the address as stored.
fn csv_cell(s: &str) -> Cow<'_, str> {
    if cells::is_plain_phone(s) {
        Cow::Borrowed(s)
    } else {
        cells::neutralised(s)
    }
}

/// The summary as text: counts that reconcile, overlaps, coverage warnings, SMS parts.
fn print_summary(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let excluded = s.audience - s.recipients;
    writeln!(
        out,
        "audience {} = {} + {} excluded (as of {})",
        s.audience,
        count(s.recipients, "recipient"),
        excluded,
        s.as_of
    )?;
    for c in &s.per_segment {
        writeln!(
            out,
            "  segment {}: {} ({} matched, {} held out)",
            for_terminal(&c.segment),
            count(c.recipients, "recipient"),
            c.matched,
            c.held_out
        )?;
    }
    for r in s.per_reason.iter().filter(|r| r.contacts > 0) {
        writeln!(
            out,
            "  excluded {}: {} ({})",
            r.reason.code(),
            r.contacts,
            r.reason.describe()
        )?;
    }
    for o in &s.overlaps {
        writeln!(
            out,
            "  priority: {} matched both {} and {}, and got {}",
            o.contacts,
            for_terminal(&o.winner),
            for_terminal(&o.other),
            for_terminal(&o.winner)
        )?;
    }
    for m in &s.sms {
        writeln!(
            out,
            "  SMS {}: at most {}, {}; {} UCS-2",
            for_terminal(&m.segment),
            count(m.max_parts as u64, "part"),
            count(m.max_units as u64, "unit"),
            if m.ucs2 == 1 {
                "1 recipient needs".to_string()
            } else {
                format!("{} recipients need", m.ucs2)
            }
        )?;
    }
    let m = &s.minor_check;
    if !m.fields.is_empty() {
        writeln!(
            out,
            "  minor check: contacts under {} excluded; read from {}",
            for_terminal(&m.minor_age.describe()),
            for_terminal(&m.fields.join(", "))
        )?;
    }
    for w in s.warnings() {
        writeln!(out, "warning: {}", for_terminal(&w))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The row writer's shortcut for bare cells writes exactly what every cell through
    /// [`csv_cell`] and `csv_out::write_record` writes: cells with and without
    /// separators, quotes, formula signs at the start or after a separator, leading
    /// whitespace or invisible characters, plain phone numbers and ones that are not,
    /// full-width signs, empty cells.
    #[test]
    fn the_bare_cell_shortcut_writes_what_the_full_route_writes() {
        let cells = [
            "",
            "mia.dupont.0@example.net",
            "ana@example.org",
            "vip",
            "Thanks, Ana",
            "Hi Ana,\nas one of our VIPs in Köln you get early access.",
            "=HYPERLINK(\"x\")",
            "-2+3",
            "@x",
            "+447700900123",
            "+34 559 211915",
            "+1+1",
            "Bath;+1+1",
            "tab\there",
            "a\t=1",
            "cr\rhere",
            "say \"hi\"",
            " =1",
            "\u{200b}=1",
            "＝1",
            "Zoë",
            "x;y",
            "\t",
        ];
        for a in cells {
            for b in cells {
                let text = [a, b, "vip", b, a];
                let mut ours = Vec::new();
                write_csv_row(&mut ours, text, "no_segment").unwrap();
                let full: Vec<Cow<'_, str>> = text.iter().map(|s| csv_cell(s)).collect();
                let mut theirs = Vec::new();
                let record = full
                    .iter()
                    .map(|c| c.as_bytes())
                    .chain([&b"no_segment"[..]]);
                csv_out::write_record(&mut theirs, record).unwrap();
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(theirs).unwrap(),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
