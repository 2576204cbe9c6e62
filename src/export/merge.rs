//! Merge columns and platform templates for the template profiles (mailchimp,
//! klaviyo, brevo, listmonk).
//!
//! Each entry's subject and body are split into literal text and top-level pieces
//! (`message::pieces`); every distinct piece becomes one merge column holding, for each
//! recipient, what the piece rendered to (value or fallback, after filters; a condition
//! as its rendered text). The template file keeps the literal text and prints each
//! column with the platform's tag, so the platform only substitutes. Literal text that
//! holds the platform's own tag syntax travels as a constant column, so the platform
//! never reads it as a tag. A template that cannot be split is one column for the
//! whole subject or body. For every recipient the reassembled text is compared with
//! the preview ([`TemplatePlan::values`]): an export never writes values that do not
//! give back the reviewed message.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::profile::{MAILCHIMP_MERGE_COLUMNS, MAILCHIMP_TEXT_BYTES, Platform};
use crate::campaign::Campaign;
use crate::campaign::prepare::Prepared;
use crate::fields::PrivacyClass;
use crate::fields::value::Record;
use crate::message::pieces::{Piece, Split, split};
use crate::message::{BodyFormat, CheckedTemplate, Part, PolicyScope};

/// One merge column of the audience file.
#[derive(Debug, Clone, Serialize)]
pub struct MergeColumn {
    pub name: String,
    /// The template text whose rendering the column holds.
    pub expression: String,
    /// `piece` (a top-level expression or block), `literal` (the platform's tag
    /// opener, such as `*|`, where the message's own text holds it) or `whole` (a subject or body that could not be split).
    pub kind: &'static str,
    /// Fields the expression reads.
    pub fields: Vec<String>,
    /// 1-based entries that use it.
    pub entries: Vec<usize>,
}

enum Slot {
    Text(String),
    Piece {
        column: usize,
        template: Box<CheckedTemplate>,
    },
    Constant {
        column: usize,
        text: String,
    },
    Whole {
        column: usize,
    },
}

/// One subject or body, ready to give merge values and its template text.
pub struct PartPlan {
    pub part: Part,
    slots: Vec<Slot>,
    /// Why the part was kept whole, if it was.
    pub whole_because: Option<String>,
}

/// One entry's parts and body format.
pub struct EntryPlan {
    pub segment: String,
    pub format: BodyFormat,
    pub subject: Option<PartPlan>,
    pub body: PartPlan,
}

/// Merge columns and templates of one campaign for one platform.
pub struct TemplatePlan {
    pub platform: Platform,
    pub columns: Vec<MergeColumn>,
    pub entries: Vec<EntryPlan>,
}

/// Why a plan cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub entry: Option<usize>,
    pub message: String,
}

/// A recipient whose reassembled text differs from the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub entry: usize,
    pub part: Part,
}

impl TemplatePlan {
    /// Split every entry of `prepared` for `platform`.
    ///
    /// Errors: a [`Refusal`] when the platform cannot hold the columns (Mailchimp's
    /// audience field count).
    pub fn build(
        platform: Platform,
        campaign: &Campaign,
        prepared: &Prepared,
    ) -> Result<TemplatePlan, Refusal> {
        let unlocked = campaign.unlocked();
        let scope = PolicyScope {
            category: Some(campaign.category),
            unlocked: &unlocked,
        };
        let mut columns: Vec<MergeColumn> = Vec::new();
        let mut by_key: BTreeMap<(String, String), usize> = BTreeMap::new();
        // Every name the audience file's header holds, upper-cased: a merge column gets
        // the first free name, so two fields that shorten or clean to the same name
        // (`customer_name`, `customer_city` → Mailchimp `TF_CUSTOME`) never share one.
        let mut used: BTreeSet<String> = platform
            .fixed_names()
            .iter()
            .map(|n| n.to_ascii_uppercase())
            .collect();
        let mut entries = Vec::new();
        for (i, entry) in campaign.entries.iter().enumerate() {
            let n = i + 1;
            let mut plan_part = |source: &str, part: Part, format: BodyFormat| {
                let split = split(source, format, &prepared.fields, &scope, campaign.locale);
                let mut column_for = |key: (String, String),
                                      base: &str,
                                      kind: &'static str,
                                      fields: Vec<String>|
                 -> usize {
                    if let Some(&c) = by_key.get(&key) {
                        if !columns[c].entries.contains(&n) {
                            columns[c].entries.push(n);
                        }
                        return c;
                    }
                    let name = (1..)
                        .map(|n| platform.column_name(base, n))
                        .find(|name| !used.contains(&name.to_ascii_uppercase()))
                        .expect("an unbounded count finds a free name");
                    used.insert(name.to_ascii_uppercase());
                    columns.push(MergeColumn {
                        name,
                        expression: key.1.clone(),
                        kind,
                        fields,
                        entries: vec![n],
                    });
                    by_key.insert(key, columns.len() - 1);
                    columns.len() - 1
                };
                match split {
                    Split::Whole(why) => {
                        let base = match part {
                            Part::Subject => "subject",
                            Part::Body => "body",
                        };
                        let key = (format!("whole {n} {base}"), source.to_string());
                        let column = column_for(key, base, "whole", Vec::new());
                        PartPlan {
                            part,
                            slots: vec![Slot::Whole { column }],
                            whole_because: Some(why),
                        }
                    }
                    Split::Pieces(pieces) => {
                        let mut slots = Vec::new();
                        for piece in pieces {
                            match piece {
                                Piece::Text(text) => {
                                    // Only the opener itself travels as a value, so the
                                    // value stays short and free of line breaks.
                                    let mut rest = text.as_str();
                                    while let Some((at, opener)) = platform
                                        .openers()
                                        .iter()
                                        .filter_map(|o| rest.find(o).map(|at| (at, *o)))
                                        .min()
                                    {
                                        if at > 0 {
                                            slots.push(Slot::Text(rest[..at].to_string()));
                                        }
                                        let key = ("literal".to_string(), opener.to_string());
                                        let column = column_for(key, "text", "literal", Vec::new());
                                        slots.push(Slot::Constant {
                                            column,
                                            text: opener.to_string(),
                                        });
                                        rest = &rest[at + opener.len()..];
                                    }
                                    if !rest.is_empty() {
                                        slots.push(Slot::Text(rest.to_string()));
                                    }
                                }
                                Piece::Dynamic { source, template } => {
                                    let fields: Vec<String> =
                                        template.merge_fields().map(str::to_string).collect();
                                    let base = fields.first().cloned().unwrap_or("value".into());
                                    let key = (format.as_str().to_string(), source);
                                    let column = column_for(key, &base, "piece", fields);
                                    slots.push(Slot::Piece { column, template });
                                }
                            }
                        }
                        PartPlan {
                            part,
                            slots,
                            whole_because: None,
                        }
                    }
                }
            };
            let subject = entry
                .subject
                .as_deref()
                .map(|s| plan_part(s, Part::Subject, BodyFormat::Plain));
            let body = plan_part(&entry.body, Part::Body, entry.format);
            entries.push(EntryPlan {
                segment: entry.segment.clone(),
                format: entry.format,
                subject,
                body,
            });
        }
        if platform == Platform::Mailchimp && columns.len() > MAILCHIMP_MERGE_COLUMNS {
            return Err(Refusal {
                entry: None,
                message: format!(
                    "the campaign's messages need {} merge columns and a Mailchimp audience holds {MAILCHIMP_MERGE_COLUMNS} fields besides its defaults; use --profile klaviyo, brevo or listmonk, or fewer merge fields",
                    columns.len()
                ),
            });
        }
        Ok(TemplatePlan {
            platform,
            columns,
            entries,
        })
    }

    /// The template text of one part: literal text as it is, each column as the
    /// platform's tag.
    pub fn template_text(&self, part: &PartPlan) -> String {
        part.slots
            .iter()
            .map(|s| match s {
                Slot::Text(t) => t.clone(),
                Slot::Piece { column, .. }
                | Slot::Constant { column, .. }
                | Slot::Whole { column } => self.platform.tag(&self.columns[*column].name),
            })
            .collect()
    }

    /// The merge values of one recipient of entry `entry` (0-based), one per column
    /// (other entries' columns blank), after checking that the platform's substitution
    /// gives back `subject` and `body`, the preview's texts.
    ///
    /// Errors: [`Mismatch`] naming the part that would differ.
    pub fn values(
        &self,
        entry: usize,
        record: &Record,
        subject: Option<&str>,
        body: &str,
    ) -> Result<Vec<String>, Mismatch> {
        let mut values = vec![String::new(); self.columns.len()];
        let plan = &self.entries[entry];
        let parts: Vec<(&PartPlan, &str)> = plan
            .subject
            .iter()
            .map(|p| (p, subject.unwrap_or("")))
            .chain(std::iter::once((&plan.body, body)))
            .collect();
        for &(part, preview) in &parts {
            for slot in &part.slots {
                match slot {
                    Slot::Text(_) => {}
                    Slot::Piece { column, template } => {
                        values[*column] =
                            template
                                .render(record)
                                .map(|r| r.text)
                                .map_err(|_| Mismatch {
                                    entry,
                                    part: part.part,
                                })?;
                    }
                    Slot::Constant { column, text } => values[*column] = text.clone(),
                    Slot::Whole { column } => values[*column] = preview.to_string(),
                }
            }
        }
        // The platform looks a tag up by the column's NAME in the audience file, not by
        // its position: reassemble the text that way (a later column of the same name
        // wins), so two columns sharing a name can never pass this check.
        let by_name: BTreeMap<&str, &str> = self
            .columns
            .iter()
            .zip(&values)
            .map(|(c, v)| (c.name.as_str(), v.as_str()))
            .collect();
        for &(part, preview) in &parts {
            let mut text = String::new();
            for slot in &part.slots {
                match slot {
                    Slot::Text(t) => text.push_str(t),
                    Slot::Piece { column, .. }
                    | Slot::Constant { column, .. }
                    | Slot::Whole { column } => {
                        text.push_str(by_name[self.columns[*column].name.as_str()])
                    }
                }
            }
            if text != preview {
                return Err(Mismatch {
                    entry,
                    part: part.part,
                });
            }
        }
        Ok(values)
    }
}

/// Counts of values a platform cannot hold, per entry and column.
#[derive(Debug, Default)]
pub struct LimitTally {
    /// (entry 0-based, column) → (recipients, longest value in bytes, has line break).
    over: BTreeMap<(usize, usize), (u64, usize, bool)>,
}

impl LimitTally {
    /// Look at one recipient's values (Mailchimp: 255 bytes, no line break).
    pub fn add(&mut self, platform: Platform, entry: usize, values: &[String]) {
        if platform != Platform::Mailchimp {
            return;
        }
        for (c, v) in values.iter().enumerate() {
            let long = v.len() > MAILCHIMP_TEXT_BYTES;
            let broken = v.contains(['\n', '\r']);
            if long || broken {
                let slot = self.over.entry((entry, c)).or_insert((0, 0, false));
                slot.0 += 1;
                slot.1 = slot.1.max(v.len());
                slot.2 |= broken;
            }
        }
    }

    /// One refusal per entry and column over the limit, naming the recipient count.
    pub fn refusals(&self, plan: &TemplatePlan) -> Vec<Refusal> {
        self.over
            .iter()
            .map(|(&(entry, c), &(count, longest, broken))| {
                let col = &plan.columns[c];
                let what = if longest > MAILCHIMP_TEXT_BYTES {
                    format!(
                        "a merge value longer than Mailchimp's {MAILCHIMP_TEXT_BYTES}-byte text field (longest {longest} bytes)"
                    )
                } else {
                    "a merge value with a line break, which a Mailchimp text field does not keep".into()
                };
                let both = if broken && longest > MAILCHIMP_TEXT_BYTES {
                    " or a line break"
                } else {
                    ""
                };
                Refusal {
                    entry: Some(entry + 1),
                    message: format!(
                        "mailchimp cannot take entry {} (`{}`): {} {what}{both} in {} (`{}`); use --profile klaviyo, brevo or listmonk, which hold longer text, or shorten the message",
                        entry + 1,
                        plan.entries[entry].segment,
                        if count == 1 {
                            "1 recipient has".to_string()
                        } else {
                            format!("{count} recipients have")
                        },
                        col.name,
                        col.expression
                    ),
                }
            })
            .collect()
    }
}

/// The most protective class among `fields` (for the manifest's column class).
pub fn class_of(fields: &[String], all: &[crate::fields::Field]) -> Option<PrivacyClass> {
    fields
        .iter()
        .filter_map(|n| all.iter().find(|f| &f.name == n).map(|f| f.class))
        .max_by_key(|c| match c {
            PrivacyClass::SpecialCategory => 5,
            PrivacyClass::Protected => 4,
            PrivacyClass::DirectIdentifier => 3,
            PrivacyClass::QuasiIdentifier => 2,
            PrivacyClass::Consent => 1,
            PrivacyClass::Ordinary => 0,
        })
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
