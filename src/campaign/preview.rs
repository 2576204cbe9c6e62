//! Preview: the whole audience, one row per contact, with the segment and rendered
//! message it gets or the one reason it gets nothing, and a [`Summary`] whose counts
//! reconcile with the audience.
//!
//! Rows are streamed to a sink in `_id` order and never collected, so a preview of a
//! million contacts runs in bounded memory (the assigner keeps one 64-bit hash per
//! assigned address). The CLI's `tactful preview` and the TUI's preview screen call
//! [`run`]; export will write the same rows.

use std::io;

use chrono::NaiveDate;
use serde::Serialize;

use super::Campaign;
use super::assign::{Exclusion, Outcome};
use super::summary::Tally;
use super::walk::walk;
use crate::fields::value::Record;
use crate::message::CoverageTally;
use crate::workspace::{Workspace, snapshot};

pub use super::prepare::{Prepared, PreviewError, prepare};
pub use super::summary::{
    EntryCoverage, FieldCount, MinorCheck, Overlap, ReasonCount, SegmentCount, SmsSummary, Summary,
};

/// One contact in the preview.
///
/// JSON: `{key, address, channel_address, segment, subject, body, excluded}`;
/// `address` is as stored, `channel_address` the form messages go to (lower-case
/// e-mail, E.164 phone; `null` when there is none); `excluded` is `null` for a
/// recipient or the reason code (`no_consent`, ...). `segment` is set for recipients and
/// for held-out contacts (the segment they would have got); `subject` and `body` only
/// for recipients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    pub key: String,
    /// The channel address exactly as stored; `None` when blank.
    pub address: Option<String>,
    /// The normalised channel address: lower-case e-mail, or the phone in E.164 as
    /// stored beside the phone field (`workspace::phones`); `None` when blank, not an
    /// address, or a fixed line on the SMS channel.
    pub channel_address: Option<String>,
    pub segment: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub excluded: Option<Exclusion>,
    /// Merge fields that were blank and used their fallback.
    #[serde(skip)]
    pub fallbacks_used: Vec<String>,
    /// Merge fields that were blank and printed nothing.
    #[serde(skip)]
    pub missing: Vec<String>,
}

/// Stream every contact of the workspace through `campaign`'s assignment as of
/// `as_of`, render each recipient's message, call `sink` once per contact in `_id`
/// order, and return the summary.
///
/// Errors: see [`prepare`]; [`PreviewError::Render`] when a message cannot be rendered
/// for a contact (a template out of fuel, a filter given a value it cannot use);
/// [`PreviewError::Output`] when `sink` fails.
pub fn run(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    sink: &mut dyn FnMut(&PreviewRow) -> io::Result<()>,
) -> Result<Summary, PreviewError> {
    let _snapshot = snapshot::begin(ws.conn())?;
    let prepared = prepare(ws.conn(), campaign, as_of, ws.today())?;
    run_prepared(ws, &prepared, &mut |row, _, _| sink(row))
}

/// [`run`] for people reading the preview: a recipient whose message has a merge
/// field that printed nothing gets `[FIELD missing]` in its place
/// ([`crate::message::Message::render_marked`]), so no preview shows `Hi ,` (case
/// BR-16). Review and export hash and write the plain rendering ([`run`],
/// [`run_prepared`]); this one is for showing only.
///
/// Errors: as [`run`].
pub fn run_marked(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    sink: &mut dyn FnMut(&PreviewRow) -> io::Result<()>,
) -> Result<Summary, PreviewError> {
    let _snapshot = snapshot::begin(ws.conn())?;
    let prepared = prepare(ws.conn(), campaign, as_of, ws.today())?;
    run_prepared(ws, &prepared, &mut marked(&prepared, sink))
}

/// A [`DetailedSink`] that hands `sink` each row as [`run_marked`] shows it: a
/// recipient whose message printed a merge field as nothing gets the marked rendering,
/// every other row goes through as it is. So one walk can feed the plain rows to a
/// review (`review::kept`) and the marked ones to the Preview screen.
pub fn marked<'a>(
    prepared: &'a Prepared,
    sink: &'a mut dyn FnMut(&PreviewRow) -> io::Result<()>,
) -> impl FnMut(&PreviewRow, &Record, Option<usize>) -> io::Result<()> + 'a {
    move |row, record, entry| {
        let marked = match entry {
            Some(e) if !row.missing.is_empty() => {
                prepared.entries[e].message.render_marked(record).ok()
            }
            _ => None,
        };
        match marked {
            Some(m) => sink(&PreviewRow {
                subject: m.subject,
                body: Some(m.body),
                ..row.clone()
            }),
            None => sink(row),
        }
    }
}

/// What [`run_prepared`] calls per contact: the row, the contact's values, and the
/// entry (0-based) of a recipient.
pub type DetailedSink<'a> = dyn FnMut(&PreviewRow, &Record, Option<usize>) -> io::Result<()> + 'a;

/// [`run`] over an already prepared campaign, telling `sink` also the contact's values
/// of [`Prepared::columns`] and, for a recipient, its entry (0-based priority index).
/// Export uses it to compute merge values from the same record the preview rendered.
pub fn run_prepared(
    ws: &Workspace,
    prepared: &Prepared,
    sink: &mut DetailedSink<'_>,
) -> Result<Summary, PreviewError> {
    let campaign = &prepared.campaign;
    let as_of = prepared.as_of;
    let tallies: Vec<(String, CoverageTally)> = prepared
        .entries
        .iter()
        .map(|e| (e.segment.clone(), CoverageTally::new(&e.message)))
        .collect();
    let age_fields = prepared
        .slots
        .ages
        .iter()
        .filter_map(|&(i, _)| prepared.columns.get(i).map(|f| f.name.clone()))
        .collect();
    let mut tally = Tally::new(
        (campaign.name.clone(), campaign.channel, as_of),
        &tallies,
        MinorCheck::new(prepared.minor_age.clone(), age_fields, prepared.minor_dates),
    );
    let mut row = PreviewRow {
        key: String::new(),
        address: None,
        channel_address: None,
        segment: None,
        subject: None,
        body: None,
        excluded: None,
        fallbacks_used: Vec::new(),
        missing: Vec::new(),
    };
    walk(ws, prepared, |d| {
        let rendered = match d.outcome {
            Outcome::Recipient { entry } => {
                let e = &prepared.entries[entry];
                let r = e
                    .message
                    .render(d.record)
                    .map_err(|error| PreviewError::Render {
                        key: d.key.clone(),
                        segment: e.segment.clone(),
                        error,
                    })?;
                Some(r)
            }
            Outcome::Excluded(_) => None,
        };
        // One row, refilled for every contact: the key and addresses are swapped in
        // from the walk, which gets the row's last buffers back for the next contact
        // (three copies per contact fewer, issue 13).
        std::mem::swap(&mut row.key, &mut d.key);
        std::mem::swap(&mut row.address, &mut d.address_stored);
        std::mem::swap(&mut row.channel_address, &mut d.address);
        let (segment, excluded) = match d.outcome {
            Outcome::Recipient { entry } => (Some(entry), None),
            Outcome::Excluded(Exclusion::Holdout) => {
                (d.matches.iter().position(|&m| m), Some(Exclusion::Holdout))
            }
            Outcome::Excluded(reason) => (None, Some(reason)),
        };
        set_text(
            &mut row.segment,
            segment.map(|i| prepared.entries[i].segment.as_str()),
        );
        row.excluded = excluded;
        row.subject = None;
        row.body = None;
        row.fallbacks_used.clear();
        row.missing.clear();
        tally.add(d.outcome, d.matches, d.record, rendered.as_ref(), &d.age);
        if let Some(r) = rendered {
            row.subject = r.subject;
            row.body = Some(r.body);
            row.fallbacks_used = r.fallbacks_used;
            row.missing = r.missing;
        }
        let entry = match d.outcome {
            Outcome::Recipient { entry } => Some(entry),
            Outcome::Excluded(_) => None,
        };
        sink(&row, d.record, entry).map_err(PreviewError::Output)?;
        Ok(true)
    })?;
    Ok(tally.finish())
}

/// `slot` set to `value`, keeping the buffer of the text it held.
fn set_text(slot: &mut Option<String>, value: Option<&str>) {
    match (slot.as_mut(), value) {
        (Some(held), Some(value)) => {
            held.clear();
            held.push_str(value);
        }
        (_, value) => *slot = value.map(str::to_string),
    }
}
