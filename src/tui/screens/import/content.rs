//! The text under the Import screen's inputs: a guide, what was detected, the report,
//! or the batches list. Every value from the file or the workspace passes through
//! `fit` or `for_terminal` before it is drawn.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{ImportState, Stage};
use crate::fields::{Channel, Role};
use crate::import::consent::reach::EVERY_CHANNEL_NOTE;
use crate::import::mapping::{MappingEntry, SkipEntry};
use crate::import::report::{Detected, FieldReport, LayoutReport};
use crate::import::{ImportPlan, ImportReport, Rejected};
use crate::text::for_terminal;
use crate::tui::theme;
use crate::tui::widgets::cell_text::{fit, wrap_indented};
use crate::workspace::batches::Batch;

/// The content lines for `state` in a screen `width` columns wide.
pub fn lines(state: &ImportState, width: usize, empty: bool) -> Vec<Line<'static>> {
    if state.show_batches {
        return batches(&state.batches, width);
    }
    match &state.stage {
        Stage::Idle => guide(empty),
        Stage::Detecting => vec![Line::from(format!(
            " Reading {} ...",
            for_terminal(state.path.value())
        ))],
        Stage::Detected(d) | Stage::Importing { detected: d, .. } => detected(
            d,
            &state.plan,
            width,
            matches!(state.stage, Stage::Detected(_)),
        ),
        Stage::Reported(r) => report(r, width),
    }
}

/// `line` cut into rows of at most `width` columns, breaking at spaces where it can
/// (continuation rows keep the line's indent, so wrapped text lines up). Lines of
/// several spans (tables, key hints) are already laid out and stay whole.
pub fn wrap(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.width() <= width || line.spans.len() != 1 || width == 0 {
        return vec![line];
    }
    let style = line.spans[0].style.patch(line.style);
    wrap_indented(&line.spans[0].content, width)
        .into_iter()
        .map(|r| Line::styled(r.trim_end().to_string(), style))
        .collect()
}

fn guide(empty: bool) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if empty {
        out.push(heading(
            " This workspace is empty. Start here: import a CSV export of your customers.".into(),
        ));
        out.push(Line::from(""));
    }
    out.extend([
        Line::from(" Bring a customer export (CSV) into the audience, merged by contact key."),
        Line::from(" Press e, type the file's path (Tab completes it) and press Enter: you see"),
        Line::from(" what was detected before anything is written, and can change it with o."),
        Line::from(" A path starting with /, ~ or . needs no e first: just type it."),
        Line::from(" Every import is one batch; u undoes the latest."),
    ]);
    out
}

fn heading(text: String) -> Line<'static> {
    Line::styled(text, theme::HEADER)
}

fn detected(d: &Detected, plan: &ImportPlan, width: usize, ready: bool) -> Vec<Line<'static>> {
    // The state first: a long path wraps, and what matters is that nothing is written.
    let mut out = vec![heading(format!(
        " Nothing imported yet. Detected in {}",
        for_terminal(&d.file)
    ))];
    out.push(Line::from(format!(
        " {} ({}), delimiter {}, {}, contact key {}",
        d.encoding,
        d.encoding_source,
        for_terminal(&crate::import::sniff::quoted(&d.delimiter)),
        if d.header {
            "header row"
        } else {
            "no header row"
        },
        for_terminal(&d.key)
    )));
    out.push(Line::from(format!(
        " rows: {} read, {} rejected, {} blank skipped",
        d.rows_read,
        d.rows_rejected.len(),
        d.rows_skipped_blank
    )));
    out.extend(layout_lines(
        d.layout.as_ref(),
        &d.mapping,
        &d.skipped_columns,
    ));
    out.push(consent_line(&d.fields, plan, d.layout.as_ref()));
    out.push(Line::from(""));
    out.extend(field_table(&d.fields, width));
    out.extend(warnings(&d.warnings));
    out.extend(rejected(&d.rows_rejected));
    if ready {
        out.push(Line::from(""));
        out.push(Line::from(vec![
            Span::raw(" Press "),
            Span::styled("i", theme::COMMAND),
            Span::raw(" to import this file, "),
            Span::styled("o", theme::COMMAND),
            Span::raw(" to change what was detected."),
        ]));
    }
    out
}

/// The recognised platform layout with what it decided, and the columns mapped or
/// skipped by the user.
fn layout_lines(
    layout: Option<&LayoutReport>,
    mapping: &[MappingEntry],
    skipped: &[SkipEntry],
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(l) = layout {
        out.push(Line::from(format!(
            " layout: {} {} (recognised by {})",
            for_terminal(&l.platform),
            for_terminal(&l.kind),
            for_terminal(&l.recognised_by)
        )));
        out.extend(
            l.decisions
                .iter()
                .map(|d| Line::from(format!("   - {}", for_terminal(d)))),
        );
    }
    for m in mapping.iter().filter(|m| m.by == "--map") {
        out.push(Line::from(format!(
            " mapped: column {} fills field {}",
            for_terminal(&m.header),
            for_terminal(&m.field)
        )));
    }
    for s in skipped {
        out.push(Line::from(format!(
            " skipped: column {}",
            for_terminal(&s.header)
        )));
    }
    out
}

/// Which column gives each channel's consent, or what the layout or the plan says for
/// the whole file.
fn consent_line(
    fields: &[FieldReport],
    plan: &ImportPlan,
    layout: Option<&LayoutReport>,
) -> Line<'static> {
    let part = |channel: Channel| {
        let role = match channel {
            Channel::Email => Role::ConsentEmail,
            Channel::Sms => Role::ConsentSms,
        };
        let column = fields.iter().find(|f| f.role == role);
        let status = layout.and_then(|l| {
            l.decisions
                .iter()
                .find(|d| d.starts_with(&format!("{channel} consent of every contact")))
        });
        if let Some(status) = status {
            return for_terminal(status).into_owned();
        }
        // A column whose header names no channel refuses SMS too (its reason says so).
        let reach = fields.iter().find(|f| {
            channel == Channel::Sms
                && f.role == Role::ConsentEmail
                && f.reason.contains(EVERY_CHANNEL_NOTE)
        });
        if let (None, Some(f)) = (column, reach) {
            return format!(
                "{channel}: refusals from `{}`, otherwise {}",
                for_terminal(&f.header),
                plan.consent
                    .get(&channel)
                    .map_or("not asked".to_string(), |s| format!("{s}"))
            );
        }
        match (column, plan.consent.get(&channel)) {
            (Some(f), stated) => format!(
                "{channel}: from `{}`{}",
                for_terminal(&f.header),
                stated.map_or(String::new(), |s| format!(" (blanks: {s})"))
            ),
            (None, Some(s)) => format!("{channel}: {s} for the whole file"),
            (None, None) => format!("{channel}: no column, not asked"),
        }
    };
    Line::from(format!(
        " consent: {}; {}",
        part(Channel::Email),
        part(Channel::Sms)
    ))
}

fn field_table(fields: &[FieldReport], width: usize) -> Vec<Line<'static>> {
    let show_header = width >= 110;
    let mut widths = vec![2, if show_header { 24 } else { 20 }];
    if show_header {
        widths.push(20);
    }
    widths.extend([8, 13, 17]);
    let fixed: usize = widths.iter().sum::<usize>() + widths.len();
    widths.push(width.saturating_sub(fixed + 1).max(6));
    let row = |cells: Vec<String>, style: Style| -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                spans.push(Span::styled("|", theme::CHROME));
            }
            spans.push(Span::styled(fit(cell, *w), style));
        }
        Line::from(spans)
    };
    let mut titles = vec!["", "field"];
    if show_header {
        titles.push("column");
    }
    titles.extend(["type", "role", "class", "reason"]);
    let mut out = vec![row(
        titles.iter().map(|t| t.to_string()).collect(),
        theme::HEADER,
    )];
    for f in fields {
        let (mark, style) = theme::sensitivity(f.class).unwrap_or(("", Style::default()));
        let name = if f.new {
            f.name.clone()
        } else {
            format!("{} (exists)", f.name)
        };
        let mut cells = vec![mark.to_string(), name];
        if show_header {
            cells.push(f.header.clone());
        }
        cells.extend([
            f.ty.as_str().to_string(),
            f.role.as_str().to_string(),
            f.class.as_str().to_string(),
            f.reason.clone(),
        ]);
        out.push(row(cells, style));
    }
    out
}

fn warnings(list: &[String]) -> Vec<Line<'static>> {
    if list.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(""), heading(" Warnings".into())];
    out.extend(
        list.iter()
            .map(|w| Line::styled(format!(" - {}", for_terminal(w)), theme::WARNING)),
    );
    out
}

fn rejected(list: &[Rejected]) -> Vec<Line<'static>> {
    if list.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        Line::from(""),
        heading(format!(" Rejected rows ({})", list.len())),
    ];
    out.extend(
        list.iter()
            .map(|r| Line::from(format!(" line {}: {}", r.line, for_terminal(&r.reason)))),
    );
    out
}

fn report(r: &ImportReport, width: usize) -> Vec<Line<'static>> {
    let title = match r.batch {
        Some(b) => format!(
            " Imported {} as batch {b} (u undoes it)",
            for_terminal(&r.file)
        ),
        None => format!(" Dry run of {}: nothing changed", for_terminal(&r.file)),
    };
    let mut out = vec![heading(title)];
    out.push(Line::from(format!(
        " rows: {} read, {} imported, {} rejected, {} blank skipped, {} skipped (erased earlier)",
        r.rows_read,
        r.rows_imported,
        r.rows_rejected.len(),
        r.rows_skipped_blank,
        r.rows_skipped_erased
    )));
    // The CLI's words (`tactful import`), on two lines so the total fits 80 columns.
    out.push(Line::from(format!(
        " contacts: {} added, {} updated (already in the workspace), {} in the workspace",
        r.contacts_added, r.contacts_updated, r.contacts_total
    )));
    out.push(Line::from(format!(
        "   {} merged into a contact an earlier row of this file gave",
        crate::text::count(r.repeated_in_file(), "repeated row"),
    )));
    out.extend(layout_lines(
        r.layout.as_ref(),
        &r.mapping,
        &r.skipped_columns,
    ));
    if r.consent_kept_withdrawn > 0 {
        out.push(Line::from(format!(
            " consent: withdrawn or bounced consent kept for {}",
            crate::text::count(r.consent_kept_withdrawn, "row")
        )));
    }
    if !r.consent_upgrades.is_empty() {
        let applied = r.consent_upgrades.iter().filter(|u| u.applied).count();
        out.push(Line::from(format!(
            " consent upgrades: {applied} applied, {} refused",
            r.consent_upgrades.len() - applied
        )));
    }
    out.extend(rejected(&r.rows_rejected));
    out.extend(warnings(&r.warnings));
    let created: Vec<FieldReport> = r.fields.iter().filter(|f| f.new).cloned().collect();
    if !created.is_empty() {
        out.push(Line::from(""));
        out.push(heading(format!(" Fields created ({})", created.len())));
        out.extend(field_table(&created, width));
    }
    out
}

fn batches(list: &[Batch], width: usize) -> Vec<Line<'static>> {
    let mut out = vec![heading(" Import batches (newest first)".into())];
    if list.is_empty() {
        out.push(Line::from(" No imports yet."));
        return out;
    }
    let file_width = width.saturating_sub(60).max(12);
    out.push(Line::styled(
        format!(
            " {:>5} | {} | {:<20} | {:>8} | status",
            "batch",
            fit("file", file_width),
            "imported at",
            "rows"
        ),
        theme::HEADER,
    ));
    for b in list.iter().rev() {
        let rows = b
            .counts
            .get("rows_imported")
            .and_then(serde_json::Value::as_u64)
            .map_or("-".to_string(), |n| n.to_string());
        let status = if b.undone_at.is_some() {
            "undone"
        } else {
            "in effect"
        };
        let at = fit(&b.finished_at, 20);
        let line = format!(
            " {:>5} | {} | {at} | {rows:>8} | {status}",
            b.id,
            fit(&b.file_name, file_width)
        );
        out.push(Line::from(fit(&line, width)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str, width: usize) -> Vec<String> {
        wrap(Line::from(line.to_string()), width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.to_string()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_cuts_only_words_longer_than_a_row() {
        assert_eq!(texts(" line 5: too few", 9), [" line 5:", " too few"]);
        assert_eq!(texts("abcdefghij k", 4), ["abcd", "efgh", "ij k"]);
        assert_eq!(texts("short", 10), ["short"]);
        // 花 is two columns wide: two fit in a row of 5, never half of one.
        assert_eq!(texts("花花花花", 5), ["花花", "花花"]);
    }
}
