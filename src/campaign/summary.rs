//! The preview's summary: counts per segment and per exclusion reason that reconcile
//! with the audience, overlaps that priority decided, merge-field coverage per entry and
//! SMS lengths. Filled one contact at a time by [`super::preview`].

use chrono::NaiveDate;
use serde::Serialize;

use super::age::AgeCheck;
use super::assign::{Exclusion, Outcome};
use super::minor_age::MinorAge;
use crate::fields::Channel;
use crate::fields::value::Record;
use crate::message::{Coverage, CoverageTally, RenderedMessage, SmsEncoding, sms_length};

/// Counts for one entry's segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SegmentCount {
    pub segment: String,
    /// Contacts in the audience whose values match the segment's rule, whatever
    /// assignment later decided.
    pub matched: u64,
    /// Contacts who get this entry's message.
    pub recipients: u64,
    /// Contacts this entry would have reached but who are held out (control group).
    pub held_out: u64,
}

/// Contacts of one exclusion reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub reason: Exclusion,
    pub contacts: u64,
}

/// Contacts that matched both `winner` and `other` (a later entry) and were assigned
/// `winner` by priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlap {
    pub winner: String,
    pub other: String,
    pub contacts: u64,
}

/// Merge-field coverage of one entry's message over its recipients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryCoverage {
    pub segment: String,
    pub fields: Vec<Coverage>,
}

/// The longest SMS one entry sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SmsSummary {
    pub segment: String,
    /// Most SMS parts of any recipient's body (0 when the entry has no recipient).
    pub max_parts: usize,
    /// Most units (GSM-7 septets or UCS-2 code units) of any body.
    pub max_units: usize,
    /// Recipients whose body needs UCS-2 (any character outside GSM-7).
    pub ucs2: u64,
}

/// Recipients of one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    pub field: String,
    pub recipients: u64,
}

/// The minor check over the audience: the minor age, the fields read, and the
/// recipients it could not judge (PRODUCT.md, "Review findings": unreadable ages must
/// never let contacts through the minor check unseen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinorCheck {
    pub minor_age: MinorAge,
    /// The date of birth, birth year and age fields read, in workspace order.
    pub fields: Vec<String>,
    /// Recipients whose age the check could not judge: an age field holds a value
    /// that is not a plausible age and no other makes them a minor.
    pub age_unknown: u64,
    /// Per field (those with any), recipients whose value there is not a plausible age.
    pub age_unknown_by_field: Vec<FieldCount>,
    /// The date ages were read on: the earlier of the as-of date and today (never
    /// later than the clock's date, `workspace::Workspace::today`).
    pub read_on: NaiveDate,
    /// Today as the check took it (a birth date after `read_on` is read on it).
    pub today: NaiveDate,
}

impl MinorCheck {
    /// Zero counts for `fields` under `minor_age`, read on `dates`.
    pub fn new(minor_age: MinorAge, fields: Vec<String>, dates: super::age::AgeDates) -> Self {
        MinorCheck {
            minor_age,
            fields,
            age_unknown: 0,
            age_unknown_by_field: Vec::new(),
            read_on: dates.earlier,
            today: dates.today,
        }
    }
}

/// What a preview found, over the whole audience.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub campaign: String,
    pub channel: Channel,
    pub as_of: NaiveDate,
    /// Contacts in the workspace.
    pub audience: u64,
    pub recipients: u64,
    /// One per entry, in priority order.
    pub per_segment: Vec<SegmentCount>,
    /// One per exclusion reason, in assignment order (zeros included).
    pub per_reason: Vec<ReasonCount>,
    /// Pairs where priority decided, counted over contacts assigned a segment
    /// (recipients and held out), in entry order; pairs with no contact are left out.
    pub overlaps: Vec<Overlap>,
    /// One per entry, in priority order.
    pub coverage: Vec<EntryCoverage>,
    /// One per entry for SMS campaigns; empty for e-mail.
    pub sms: Vec<SmsSummary>,
    /// The minor check: its age, fields, and the recipients it could not judge.
    pub minor_check: MinorCheck,
}

impl Summary {
    /// Whether the counts add up: audience = recipients + every reason's count, and
    /// recipients = the sum over segments (PRODUCT.md, "Campaign assignment").
    pub fn reconciles(&self) -> bool {
        let excluded: u64 = self.per_reason.iter().map(|r| r.contacts).sum();
        let by_segment: u64 = self.per_segment.iter().map(|s| s.recipients).sum();
        let held_out: u64 = self.per_segment.iter().map(|s| s.held_out).sum();
        self.audience == self.recipients + excluded
            && self.recipients == by_segment
            && Some(held_out) == self.excluded(Exclusion::Holdout)
    }

    /// Contacts excluded for `reason`.
    pub fn excluded(&self, reason: Exclusion) -> Option<u64> {
        self.per_reason
            .iter()
            .find(|r| r.reason == reason)
            .map(|r| r.contacts)
    }

    /// One sentence per merge field that some recipients get no value for ("3
    /// recipients get no value for first_name (segment `all`)"): the "Hi ," of case
    /// BR-16, a blocker at review; one per merge field holding placeholder values
    /// (`n/a`, `-`) read as blank; and one for recipients the minor check could not
    /// judge (`age_unknown`), first.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let m = &self.minor_check;
        if m.age_unknown > 0 {
            let fields: Vec<String> = m
                .age_unknown_by_field
                .iter()
                .map(|f| format!("{} in {}", f.recipients, f.field))
                .collect();
            out.push(format!(
                "the minor check could not judge {}: their age field holds a value that is not a plausible age ({}); review blocks the export until the values are fixed or the finding `age_unknown` is accepted with a reason",
                crate::text::count(m.age_unknown, "recipient"),
                fields.join(", ")
            ));
        }
        for entry in &self.coverage {
            for note in entry
                .fields
                .iter()
                .filter_map(|c| c.placeholder_values_note())
            {
                out.push(format!(
                    "{note} (segment `{}`): messages read them as blank, so the fallback prints",
                    entry.segment
                ));
            }
            for c in entry.fields.iter().filter(|c| c.nothing > 0) {
                let placeholder = match c.placeholder {
                    0 => String::new(),
                    n => format!(", {n} of them only a placeholder fallback"),
                };
                out.push(format!(
                    "{} recipient{} get{} no value for {} (segment `{}`{placeholder}); {}",
                    c.nothing,
                    if c.nothing == 1 { "" } else { "s" },
                    if c.nothing == 1 { "s" } else { "" },
                    c.field,
                    entry.segment,
                    fallback_advice(&c.field)
                ));
            }
        }
        out
    }
}

/// What to do about a merge field that prints nothing: a fallback in words. The example
/// itself is no placeholder, or the advice would be copied into the next blocker.
pub fn fallback_advice(field: &str) -> String {
    format!(
        "add a fallback, the words to print when it is blank, such as {{{{ {field} | default(\"there\") }}}} in a greeting; a placeholder such as \"...\", \"TODO\" or \"[name]\" counts as no fallback"
    )
}

/// Running counts while the preview streams.
#[derive(Debug)]
pub(crate) struct Tally {
    summary: Summary,
    overlap: Vec<Vec<u64>>,
    coverage: Vec<CoverageTally>,
    /// Recipients per age field whose value is not a plausible age.
    age_unknown: Vec<u64>,
}

impl Tally {
    pub(crate) fn new(
        head: (String, Channel, NaiveDate),
        entries: &[(String, CoverageTally)],
        minor_check: MinorCheck,
    ) -> Self {
        let (campaign, channel, as_of) = head;
        let n = entries.len();
        let age_fields = minor_check.fields.len();
        Tally {
            summary: Summary {
                campaign,
                channel,
                as_of,
                audience: 0,
                recipients: 0,
                per_segment: entries
                    .iter()
                    .map(|(s, _)| SegmentCount {
                        segment: s.clone(),
                        matched: 0,
                        recipients: 0,
                        held_out: 0,
                    })
                    .collect(),
                per_reason: Exclusion::ALL
                    .iter()
                    .map(|&reason| ReasonCount {
                        reason,
                        contacts: 0,
                    })
                    .collect(),
                overlaps: Vec::new(),
                coverage: Vec::new(),
                sms: if channel == Channel::Sms {
                    entries
                        .iter()
                        .map(|(s, _)| SmsSummary {
                            segment: s.clone(),
                            max_parts: 0,
                            max_units: 0,
                            ucs2: 0,
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                minor_check,
            },
            overlap: vec![vec![0; n]; n],
            coverage: entries.iter().map(|(_, t)| t.clone()).collect(),
            age_unknown: vec![0; age_fields],
        }
    }

    /// Count one contact; `rendered` is its message when it is a recipient.
    pub(crate) fn add(
        &mut self,
        outcome: Outcome,
        matches: &[bool],
        record: &Record,
        rendered: Option<&RenderedMessage>,
        age: &AgeCheck,
    ) {
        let s = &mut self.summary;
        s.audience += 1;
        if matches!(outcome, Outcome::Recipient { .. }) && age.unknown() {
            s.minor_check.age_unknown += 1;
            for (i, n) in self.age_unknown.iter_mut().enumerate() {
                if age.unreadable & (1 << i) != 0 {
                    *n += 1;
                }
            }
        }
        for (count, _) in s.per_segment.iter_mut().zip(matches).filter(|(_, m)| **m) {
            count.matched += 1;
        }
        let assigned = match outcome {
            Outcome::Recipient { entry } => {
                s.recipients += 1;
                if let Some(c) = s.per_segment.get_mut(entry) {
                    c.recipients += 1;
                }
                Some(entry)
            }
            Outcome::Excluded(reason) => {
                if let Some(r) = s.per_reason.iter_mut().find(|r| r.reason == reason) {
                    r.contacts += 1;
                }
                let first = matches.iter().position(|&m| m);
                match (reason, first) {
                    (Exclusion::Holdout, Some(entry)) => {
                        if let Some(c) = s.per_segment.get_mut(entry) {
                            c.held_out += 1;
                        }
                        Some(entry)
                    }
                    _ => None,
                }
            }
        };
        if let Some(winner) = assigned {
            for (j, _) in matches
                .iter()
                .enumerate()
                .filter(|(j, m)| **m && *j != winner)
            {
                self.overlap[winner][j] += 1;
            }
        }
        if let (Outcome::Recipient { entry }, Some(r)) = (outcome, rendered) {
            if let Some(t) = self.coverage.get_mut(entry) {
                t.add(record, r);
            }
            if let Some(sms) = self.summary.sms.get_mut(entry) {
                let len = sms_length(&r.body);
                sms.max_parts = sms.max_parts.max(len.parts);
                sms.max_units = sms.max_units.max(len.units);
                if len.encoding == SmsEncoding::Ucs2 {
                    sms.ucs2 += 1;
                }
            }
        }
    }

    pub(crate) fn finish(self) -> Summary {
        let mut s = self.summary;
        s.minor_check.age_unknown_by_field = s
            .minor_check
            .fields
            .iter()
            .zip(&self.age_unknown)
            .filter(|(_, n)| **n > 0)
            .map(|(field, &recipients)| FieldCount {
                field: field.clone(),
                recipients,
            })
            .collect();
        let names: Vec<String> = s.per_segment.iter().map(|c| c.segment.clone()).collect();
        for (i, row) in self.overlap.iter().enumerate() {
            for (j, &contacts) in row.iter().enumerate().filter(|(_, c)| **c > 0) {
                s.overlaps.push(Overlap {
                    winner: names[i].clone(),
                    other: names[j].clone(),
                    contacts,
                });
            }
        }
        s.coverage = names
            .into_iter()
            .zip(self.coverage)
            .map(|(segment, t)| EntryCoverage {
                segment,
                fields: t.finish(),
            })
            .collect();
        s
    }
}
