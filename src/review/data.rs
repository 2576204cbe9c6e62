//! Findings from one preview pass over the audience: merge fields printed blank
//! (`merge_field_blank`), cells under k (`small_cell`), recipients singled out by their
//! quasi-identifiers (`quasi_identifier_cells`), overlaps priority decided
//! (`priority_overlap`), spreadsheet damage in the values used (`excel_damage`), a
//! campaign nobody can receive (`no_recipients`) and the exclusion counts
//! (`exclusion_counts`).
//!
//! The pass streams: besides the preview's own summary it keeps one count per
//! quasi-identifier combination and per damaged field, and the running hash of the
//! rows that sign-off compares.

use std::collections::{BTreeMap, HashMap};
use std::io;

use super::definition::Uses;
use super::signoff::PreviewHasher;
use super::{ExtraField, Finding, Severity};
use crate::campaign::preview::{self, DetailedSink, Prepared, PreviewError, Summary};
use crate::campaign::{Campaign, walk};
use crate::fields::value::Value;
use crate::fields::{Channel, Field, PrivacyClass, Role};
use crate::import::key_damage;
use crate::import::normalise::damage;
use crate::text::count;
use crate::workspace::records::ValueLookup;
use crate::workspace::{Workspace, WorkspaceError};

/// Dictionary kinds that make a field part of the classic re-identifying combination
/// (postcode, birth date or year, sex: Sweeney 2000, 87 % of Americans unique).
const QUASI_KINDS: [&str; 4] = ["postcode", "date_of_birth", "birth_year", "gender"];

/// What a pass found.
#[derive(Debug, Clone)]
pub struct Pass {
    pub summary: Summary,
    pub preview_sha256: String,
    /// The quasi-identifier fields grouped on (used by messages or exported).
    pub quasi_fields: Vec<String>,
    /// Recipients per quasi-identifier combination.
    pub quasi_groups: HashMap<Vec<String>, u64>,
    /// Contacts with a spreadsheet-damaged value, per field used (the channel's
    /// address fields included: a damaged phone number silently becomes `no_address`).
    pub damaged: BTreeMap<String, u64>,
}

fn is_quasi(f: &Field) -> bool {
    f.class == PrivacyClass::QuasiIdentifier
        || matches!(f.role, Role::Postcode | Role::DateOfBirth | Role::BirthYear)
        || f.kind.as_deref().is_some_and(|k| QUASI_KINDS.contains(&k))
}

/// The quasi-identifier fields that leave the machine: used by messages or added to
/// the export.
fn quasi_fields(uses: &Uses, extra: &[ExtraField]) -> Vec<Field> {
    let mut outgoing = uses.message_fields();
    outgoing.extend(extra.iter().map(|x| x.field.clone()));
    uses.fields
        .iter()
        .filter(|f| outgoing.contains(&f.name) && is_quasi(f))
        .cloned()
        .collect()
}

/// The fields a pass looks at per contact: those rules and messages use, those the
/// export adds, and the channel's address fields (a damaged phone number silently
/// becomes `no_address`).
fn watched_fields(channel: Channel, uses: &Uses, extra: &[ExtraField]) -> Vec<Field> {
    let address_role = match channel {
        Channel::Email => Role::Email,
        Channel::Sms => Role::Phone,
    };
    let mut watched = uses.all_fields();
    watched.extend(extra.iter().map(|x| x.field.clone()));
    uses.fields
        .iter()
        .filter(|f| watched.contains(&f.name) || f.role == address_role)
        .cloned()
        .collect()
}

/// Have the walk of `prepared` read every field [`pass`] looks at, so the pass takes
/// them from each contact's record instead of looking each contact up by key again
/// (issue 13: that look-up was most of a review's time beyond the preview's own).
/// Reading more columns changes no row, count or hash.
pub fn read_also(prepared: &mut Prepared, uses: &Uses, extra: &[ExtraField]) {
    let fields = watched_fields(prepared.campaign.channel, uses, extra);
    prepared.read_also(&fields);
}

/// Run the preview of `prepared` once and gather what the findings need, handing every
/// row on to `tap` as well (the row, the contact's values and a recipient's entry, as
/// [`preview::run_prepared`] gives them): export writes its file from this very pass,
/// so the preview hash, the counts and the file cannot come from two walks.
///
/// Errors: the preview's errors (a render failure, workspace errors);
/// [`PreviewError::Output`] when `tap` fails.
pub fn pass(
    ws: &Workspace,
    prepared: &Prepared,
    uses: &Uses,
    extra: &[ExtraField],
    tap: &mut DetailedSink<'_>,
) -> Result<Pass, PreviewError> {
    let quasi = quasi_fields(uses, extra);
    let used = watched_fields(prepared.campaign.channel, uses, extra);
    // A value the walk reads anyway comes from the contact's record; the others are
    // looked up by key, one indexed read per contact ([`read_also`] spares it).
    // Not a column the walk may leave blank (a phone field's, a silent tags field):
    // the record would hold no value for it unless [`read_also`] asked for it. The
    // export's pass (`review::Tap`) asks for none.
    let unread = walk::may_leave_unread(prepared);
    let in_record: Vec<bool> = used
        .iter()
        .map(|f| {
            let at = prepared.columns.iter().position(|c| c.name == f.name);
            at.is_some_and(|i| {
                prepared.asked.contains(&i) || !unread.get(i).copied().unwrap_or_default()
            })
        })
        .collect();
    let looked_up: Vec<Field> = used
        .iter()
        .zip(&in_record)
        .filter(|&(_, &r)| !r)
        .map(|(f, _)| f.clone())
        .collect();
    let mut lookup = ValueLookup::new(ws.conn(), &looked_up)?;
    let quasi_at: Vec<usize> = quasi
        .iter()
        .filter_map(|q| used.iter().position(|u| u.name == q.name))
        .collect();
    let mut hasher = PreviewHasher::new(prepared.as_of);
    let mut groups: HashMap<Vec<String>, u64> = HashMap::new();
    let mut damaged: BTreeMap<String, u64> = BTreeMap::new();
    let mut failure: Option<WorkspaceError> = None;
    let summary = preview::run_prepared(ws, prepared, &mut |row, record, entry| {
        hasher.add(row);
        let fetched = if looked_up.is_empty() {
            Vec::new()
        } else {
            match lookup.get(&row.key) {
                // No contact with the key: no value, as before values came from the
                // record.
                Ok(v) => v.unwrap_or_default(),
                Err(e) => {
                    failure = Some(e);
                    return Err(io::Error::other("workspace lookup failed"));
                }
            }
        };
        let mut fetched = fetched.iter();
        let values: Vec<Option<&Value>> = used
            .iter()
            .zip(&in_record)
            .map(|(f, &r)| {
                if r {
                    record.get(&f.name)
                } else {
                    fetched.next()
                }
            })
            .collect();
        if !quasi_at.is_empty() && row.excluded.is_none() {
            let combo = quasi_at
                .iter()
                .map(|&i| values[i].map(|v| v.display()).unwrap_or_default())
                .collect();
            *groups.entry(combo).or_default() += 1;
        }
        for (f, v) in used.iter().zip(&values) {
            if let Some(v) = v
                && !v.is_blank()
                && damage(&v.display()).is_some()
            {
                *damaged.entry(f.name.clone()).or_default() += 1;
            }
        }
        // Contacts merged by a damaged ID may be different people (trial 4, N7): the
        // key counts whether or not the campaign uses its field.
        if key_damage::check(&row.key).is_some() {
            *damaged.entry("contact key".to_string()).or_default() += 1;
        }
        tap(row, record, entry)
    });
    if let Some(e) = failure {
        return Err(PreviewError::Workspace(e));
    }
    Ok(Pass {
        summary: summary?,
        preview_sha256: hasher.finish(),
        quasi_fields: quasi.into_iter().map(|f| f.name).collect(),
        quasi_groups: groups,
        damaged,
    })
}

/// The findings of a pass, in a fixed order.
pub fn findings(campaign: &Campaign, pass: &Pass) -> Vec<Finding> {
    let s = &pass.summary;
    let k = u64::from(campaign.k);
    let mut out = Vec::new();
    let blank: Vec<String> = s
        .coverage
        .iter()
        .flat_map(|e| {
            e.fields.iter().filter(|c| c.nothing > 0).map(move |c| {
                let placeholder = match c.placeholder {
                    0 => String::new(),
                    n => format!(" ({n} of them a placeholder fallback)"),
                };
                format!(
                    "segment `{}`: {} {} nothing for {}{placeholder}",
                    e.segment,
                    count(c.nothing as u64, "recipient"),
                    if c.nothing == 1 { "gets" } else { "get" },
                    c.field
                )
            })
        })
        .collect();
    if !blank.is_empty() {
        out.push(Finding::new(
            "merge_field_blank",
            Severity::Blocker,
            "merge fields print nothing or a placeholder for some recipients (\"Hi ,\", \"Hi ...\"); add a fallback in words".into(),
            blank,
        ));
    }
    let small: Vec<String> = s
        .per_segment
        .iter()
        .filter(|c| c.recipients > 0 && c.recipients < k)
        .map(|c| {
            format!(
                "segment `{}`: {}",
                c.segment,
                count(c.recipients, "recipient")
            )
        })
        .collect();
    if !small.is_empty() {
        out.push(Finding::new(
            "small_cell",
            Severity::Warning,
            format!(
                "segments with fewer than k = {k} recipients: a message sent to so few people can reveal what the rule says about each of them; merge small segments or raise their reach"
            ),
            small,
        ));
    }
    let small_groups: Vec<u64> = pass
        .quasi_groups
        .values()
        .copied()
        .filter(|&n| n < k)
        .collect();
    if !small_groups.is_empty() {
        let people: u64 = small_groups.iter().sum();
        out.push(Finding::new(
            "quasi_identifier_cells",
            Severity::Warning,
            format!(
                "{} of {} leaving the machine {} shared by fewer than k = {k} recipients ({} in all): together they can single people out; drop a field from the messages or export, or coarsen it",
                count(small_groups.len() as u64, "combination"),
                pass.quasi_fields.join(" + "),
                if small_groups.len() == 1 { "is" } else { "are" },
                count(people, "recipient")
            ),
            vec![
                format!("fields: {}", pass.quasi_fields.join(", ")),
                format!("groups under k: {}", small_groups.len()),
                format!("recipients in them: {people}"),
            ],
        ));
    }
    if !s.overlaps.is_empty() {
        out.push(Finding::new(
            "priority_overlap",
            Severity::Warning,
            "contacts match more than one segment; the earlier entry wins, so the later segment's message never reaches them".into(),
            s.overlaps
                .iter()
                .map(|o| format!(
                        "`{}` over `{}`: {}",
                        o.winner,
                        o.other,
                        count(o.contacts, "contact")
                    ))
                .collect(),
        ));
    }
    if !pass.damaged.is_empty() {
        out.push(Finding::new(
            "excel_damage",
            Severity::Warning,
            "values the campaign uses, or contact keys, look damaged by a spreadsheet (scientific notation, digits cut to 15, a stray apostrophe, #N/A); they are used as stored (a damaged key may have merged different people), fix them at the source and re-import".into(),
            pass.damaged
                .iter()
                .map(|(f, n)| format!("{f}: {}", count(*n, "contact")))
                .collect(),
        ));
    }
    let excluded: u64 = s.per_reason.iter().map(|r| r.contacts).sum();
    if s.recipients == 0 {
        // A campaign nobody can receive is almost always a mistake (no consent column,
        // the wrong channel), and "0 blockers, 0 warnings" would say all is well. A
        // warning, not a blocker: review may run before the data is complete; export
        // refuses to write nobody (`ExportError::NoRecipients`).
        out.push(Finding::new(
            "no_recipients",
            Severity::Warning,
            format!(
                "nobody can receive this campaign: {} excluded; check the reasons below (a consent column or --consent at import, the channel's addresses, the segments)",
                match s.audience {
                    1 => "the one contact of the audience is".to_string(),
                    n => format!("all {n} contacts of the audience are"),
                }
            ),
            s.per_reason
                .iter()
                .filter(|r| r.contacts > 0)
                .map(|r| format!("{}: {} ({})", r.reason.code(), r.contacts, r.reason.describe()))
                .collect(),
        ));
    }
    out.push(Finding::new(
        "exclusion_counts",
        Severity::Info,
        format!(
            "audience {} = {} + {excluded} excluded",
            s.audience,
            count(s.recipients, "recipient")
        ),
        s.per_reason
            .iter()
            .filter(|r| r.contacts > 0)
            .map(|r| format!("{}: {}", r.reason.code(), r.contacts))
            .collect(),
    ));
    out
}
