//! Messages: templates with merge fields and fallbacks, checked before they render,
//! rendered per contact, with coverage and SMS length.
//!
//! This module owns the template language (minijinja, sandboxed: [`engine`]), the
//! checks that run before anything renders ([`check`], with the characters a template
//! may hold in [`clean`]), rendering ([`render`]), placeholder fallbacks that count as
//! none ([`placeholder`]), [`coverage`] of merge fields over recipients and [`sms`]
//! length. It is pure domain
//! code: it never touches SQLite (callers pass [`Record`]s) or a terminal. Campaign
//! preview and export render through [`Message`]; review reads [`Coverage`]; the CLI and
//! TUI show [`TemplateError`]s as they are.
//!
//! Template language, in short: `{{ first_name }}` prints a merge field;
//! `{{ first_name | default("there") }}` prints a fallback when the value is missing,
//! empty or whitespace-only; filters `upper`, `lower`, `title`, `date("%d %B %Y")`,
//! `currency("EUR")`; `{% if vip %}…{% else %}…{% endif %}` conditions. Plain text is
//! never HTML-escaped; HTML bodies escape merge values.

pub mod check;
pub mod clean;
pub mod coverage;
pub mod engine;
pub mod error;
mod fast;
pub mod filters;
mod held;
mod holes;
pub mod literal;
pub mod locale;
mod marked;
pub mod pieces;
pub mod placeholder;
pub mod render;
mod reserved;
mod scan;
mod sensitive;
pub mod sms;

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use check::{CheckedTemplate, PolicyScope, check, check_part};
pub use clean::Lines;
pub use coverage::{Coverage, CoverageTally, coverage};
pub use error::{Issue, IssueKind, MAX_TEMPLATE_BYTES, TemplateError};
pub use locale::MessageLocale;
pub use render::Rendered;
pub use sensitive::blocked_values;
pub use sms::{SmsEncoding, SmsLength, sms_length, sms_parts};

use crate::fields::held::HeldValues;
use crate::fields::value::Record;
use crate::fields::{Channel, Field};

/// How a body is written. Subjects and SMS bodies are always plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    /// Printed as typed: `Ben & Jerry's` stays `Ben & Jerry's`.
    #[default]
    Plain,
    /// Merge values are HTML-escaped (`&` → `&amp;`); the template's own markup is not.
    Html,
}

impl BodyFormat {
    /// The stored and serialised name: `plain` or `html`.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyFormat::Plain => "plain",
            BodyFormat::Html => "html",
        }
    }
}

impl std::str::FromStr for BodyFormat {
    type Err = crate::fields::ParseNameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "plain" | "text" => Ok(BodyFormat::Plain),
            "html" => Ok(BodyFormat::Html),
            _ => Err(crate::fields::ParseNameError {
                what: "body format",
                given: s.to_string(),
                expected: "plain, html".to_string(),
            }),
        }
    }
}

/// A message as the user wrote it, before any check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDraft {
    pub channel: Channel,
    /// Required for e-mail, absent for SMS.
    pub subject: Option<String>,
    pub body: String,
    #[serde(default)]
    pub format: BodyFormat,
}

/// The part of a message a template error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Subject,
    Body,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Subject => "subject",
            Part::Body => "body",
        })
    }
}

/// Why a message cannot be checked or rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MessageError {
    #[error("an e-mail message needs a subject")]
    MissingSubject,
    #[error("an SMS message has no subject; remove it or send by e-mail")]
    SubjectOnSms,
    #[error("SMS bodies are plain text; HTML bodies are only for e-mail")]
    HtmlSms,
    #[error("the message body is empty")]
    EmptyBody,
    #[error("in the {part}: {error}")]
    Template { part: Part, error: TemplateError },
}

/// A checked message: e-mail has a subject and a body, SMS a body only.
#[derive(Debug)]
pub struct Message {
    channel: Channel,
    subject: Option<CheckedTemplate>,
    body: CheckedTemplate,
}

/// A message rendered for one contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedMessage {
    pub channel: Channel,
    /// Present for e-mail.
    pub subject: Option<String>,
    pub body: String,
    /// Merge fields (subject or body) that were blank and used their fallback.
    pub fallbacks_used: Vec<String>,
    /// Merge fields (subject or body) that were blank and printed nothing, or only a
    /// placeholder fallback.
    pub missing: Vec<String>,
    /// Of `missing`, the fields whose fallback was a placeholder ("...", "TODO").
    pub placeholders: Vec<String>,
}

impl RenderedMessage {
    /// SMS length of the body, for SMS messages.
    pub fn sms_length(&self) -> Option<SmsLength> {
        (self.channel == Channel::Sms).then(|| sms_length(&self.body))
    }
}

impl Message {
    /// Check a draft's subject and body against `fields` and the policy in `scope`.
    ///
    /// Errors: the shape errors of [`MessageError`], or the first part's
    /// [`TemplateError`] (subject before body).
    pub fn check(
        draft: &MessageDraft,
        fields: &[Field],
        scope: &PolicyScope<'_>,
    ) -> Result<Message, MessageError> {
        if draft.body.trim().is_empty() {
            return Err(MessageError::EmptyBody);
        }
        let subject = match (draft.channel, &draft.subject) {
            (Channel::Email, Some(s)) if !s.trim().is_empty() => Some(s),
            (Channel::Email, _) => return Err(MessageError::MissingSubject),
            (Channel::Sms, Some(_)) => return Err(MessageError::SubjectOnSms),
            (Channel::Sms, None) => None,
        };
        if draft.channel == Channel::Sms && draft.format == BodyFormat::Html {
            return Err(MessageError::HtmlSms);
        }
        let subject = subject
            .map(|s| check::check_part(s, BodyFormat::Plain, Lines::Subject, fields, scope))
            .transpose()
            .map_err(|error| MessageError::Template {
                part: Part::Subject,
                error,
            })?;
        let lines = match draft.channel {
            Channel::Email => Lines::Multi,
            Channel::Sms => Lines::SmsBody,
        };
        let body = check::check_part(&draft.body, draft.format, lines, fields, scope).map_err(
            |error| MessageError::Template {
                part: Part::Body,
                error,
            },
        )?;
        Ok(Message {
            channel: draft.channel,
            subject,
            body,
        })
    }

    /// Check the merge fields of this message, checked from `draft`, with the sensitive
    /// values the workspace's fields hold ([`HeldValues::load`]): a merged text or tags
    /// field that holds values of a blocked kind for some contacts prints them, so it is
    /// refused unless `scope` unlocks the field or the kind (`FIELD:KIND`). See
    /// [`held`].
    ///
    /// Errors: [`MessageError::Template`] with every refusal of the first part that has
    /// one (subject before body), each naming the field, its values and the unlock.
    pub fn check_held(
        &self,
        draft: &MessageDraft,
        fields: &[Field],
        held: &HeldValues,
        scope: &PolicyScope<'_>,
    ) -> Result<(), MessageError> {
        let parts = [
            (
                Part::Subject,
                self.subject.as_ref(),
                draft.subject.as_deref(),
            ),
            (Part::Body, Some(&self.body), Some(draft.body.as_str())),
        ];
        for (part, template, source) in parts {
            let (Some(template), Some(source)) = (template, source) else {
                continue;
            };
            let merged: Vec<&str> = template.merge_fields().collect();
            let mut issues = Vec::new();
            held::merged_values(source, &merged, fields, held, scope, &mut issues);
            if !issues.is_empty() {
                return Err(MessageError::Template {
                    part,
                    error: TemplateError::Invalid(issues),
                });
            }
        }
        Ok(())
    }

    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The same message with `date` and `currency` speaking `locale` (the campaign's
    /// setting; `None` keeps the English defaults).
    pub fn with_locale(mut self, locale: Option<MessageLocale>) -> Message {
        if let Some(subject) = self.subject.as_mut() {
            subject.set_locale(locale);
        }
        self.body.set_locale(locale);
        self
    }

    /// The checked subject (e-mail) and body templates.
    pub fn parts(&self) -> (Option<&CheckedTemplate>, &CheckedTemplate) {
        (self.subject.as_ref(), &self.body)
    }

    /// Every merge field the subject and body read, sorted, without repeats.
    pub fn merge_fields(&self) -> Vec<String> {
        let mut all: BTreeSet<&str> = self.body.merge_fields().collect();
        if let Some(subject) = &self.subject {
            all.extend(subject.merge_fields());
        }
        all.into_iter().map(str::to_string).collect()
    }

    /// Render as [`Message::render`], but for people reading a preview: each merge
    /// field that printed nothing (blank with no fallback, or only a placeholder one)
    /// prints `[FIELD missing]` instead, so a preview never shows `Hi ,` (case BR-16)
    /// and says what is missing where. The lists of fallbacks and missing fields are
    /// those of the plain rendering.
    ///
    /// Each part is marked on its own (new-user trial 5, F9): a subject whose own
    /// `default("there")` covers a field reads `Hi there` although the body has no
    /// fallback for it. The marker is put in after rendering, so filters never touch
    /// it (`{{ first_name | title }}` shows `[first_name missing]`, not
    /// `[First_Name Missing]`). A part that cannot render the marker (a `date` filter
    /// given it) keeps its plain text.
    ///
    /// Errors: as [`Message::render`].
    pub fn render_marked(&self, record: &Record) -> Result<RenderedMessage, MessageError> {
        let plain = self.render(record)?;
        if plain.missing.is_empty() {
            return Ok(plain);
        }
        let subject = match (&self.subject, &plain.subject) {
            (Some(t), Some(text)) => Some(marked::part(t, record).unwrap_or_else(|| text.clone())),
            (_, text) => text.clone(),
        };
        let body = marked::part(&self.body, record).unwrap_or_else(|| plain.body.clone());
        Ok(RenderedMessage {
            subject,
            body,
            ..plain
        })
    }

    /// Render subject and body for one contact.
    ///
    /// Errors: [`MessageError::Template`] with a [`TemplateError::Render`] (out of fuel,
    /// a filter given a value it cannot use).
    pub fn render(&self, record: &Record) -> Result<RenderedMessage, MessageError> {
        let subject = self
            .subject
            .as_ref()
            .map(|s| s.render(record))
            .transpose()
            .map_err(|error| MessageError::Template {
                part: Part::Subject,
                error,
            })?;
        let body = self
            .body
            .render(record)
            .map_err(|error| MessageError::Template {
                part: Part::Body,
                error,
            })?;
        // A blank field printed as nothing by a construct the merge log does not see
        // (`{% if x %}{{ x }}{% endif %}`, `x or ""`) counts as missing where the
        // rendered text shows the hole (`Hi ,`): see [`holes`].
        let body_holes = self.body.holes(record, &body);
        let subject_holes = match (&self.subject, &subject) {
            (Some(t), Some(s)) => t.holes(record, s),
            _ => Vec::new(),
        };
        let mut fallbacks_used: BTreeSet<String> = body.fallbacks_used.into_iter().collect();
        let mut missing: BTreeSet<String> = body.missing.into_iter().collect();
        missing.extend(body_holes);
        missing.extend(subject_holes);
        let mut placeholders: BTreeSet<String> = body.placeholders.into_iter().collect();
        let subject = subject.map(|s| {
            fallbacks_used.extend(s.fallbacks_used);
            missing.extend(s.missing);
            placeholders.extend(s.placeholders);
            s.text
        });
        Ok(RenderedMessage {
            channel: self.channel,
            subject,
            body: body.text,
            fallbacks_used: fallbacks_used.into_iter().collect(),
            missing: missing.into_iter().collect(),
            placeholders: placeholders.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Campaign preview renders from worker threads; a compile error here means a
    /// change made messages unshareable between them.
    #[test]
    fn messages_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Message>();
        shareable::<CheckedTemplate>();
    }
}
