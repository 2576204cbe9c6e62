//! A campaign made ready to run: every entry's segment rule checked and compiled in the
//! campaign's scope (category, unlocks, as-of date), every message checked against the
//! fields and the policy, and the columns a preview must read worked out.
//!
//! Shared by preview, explanation and the commands that change a campaign (`campaign
//! add`, `campaign apply` check an entry here before saving it). Errors name the entry
//! and its segment.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::age::AgeDates;
use super::minor_addresses::{MinorAddresses, MinorReader};
use super::minor_age::MinorAge;
use super::opt_outs::AddressOptOuts;
use super::prescan::{Prescan, prescan};
use super::{Campaign, CampaignError, Entry};
use crate::fields::held::HeldValues;
use crate::fields::{Channel, Field, FieldType, PrivacyClass, Role};
use crate::message::{Message, MessageDraft, MessageError, PolicyScope};
use crate::segment::RuleError;
use crate::segment::check::{CheckedRule, Scope, prepare as check_rule, selects_by_held_values};
use crate::segment::compile::{CompiledRule, compile};
use crate::segment::store::{self, SegmentError};
use crate::workspace::{WorkspaceError, fields as field_store, phones};

/// Errors of preparing, previewing or explaining a campaign, as sentences a user can act
/// on. Entries are numbered from 1 in priority order.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    #[error("entry {entry} (segment `{segment}`): {error}")]
    Segment {
        entry: usize,
        segment: String,
        error: SegmentError,
    },
    #[error("entry {entry} (segment `{segment}`): the rule does not check: {error}")]
    Rule {
        entry: usize,
        segment: String,
        error: RuleError,
    },
    #[error("entry {entry} (segment `{segment}`): the message does not check: {error}")]
    Message {
        entry: usize,
        segment: String,
        error: MessageError,
    },
    #[error("cannot render the message of segment `{segment}` for contact `{key}`: {error}")]
    Render {
        key: String,
        segment: String,
        error: MessageError,
    },
    #[error("no contact with key `{0}`")]
    NoContact(String),
    /// The cause is part of the message and deliberately not a `#[source]`, so a
    /// printed error chain shows it once (as `ImportError::Io`). `tactful preview`
    /// turns this error back into its `io::Error`, so a closed pipe still ends quietly.
    #[error("cannot write the preview: {0}")]
    Output(std::io::Error),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// One entry, checked and compiled.
#[derive(Debug)]
pub struct PreparedEntry {
    pub segment: String,
    /// The segment's rule text as saved.
    pub rule: String,
    pub checked: CheckedRule,
    pub compiled: CompiledRule,
    pub message: Message,
}

/// Positions in [`Prepared::columns`] of the fields assignment reads.
#[derive(Debug, Clone, Default)]
pub struct Slots {
    /// The channel's address field (first field with role e-mail, or for SMS the
    /// first of [`Slots::sms`]), as written: the field a blank address is reported in.
    pub address: Option<usize>,
    /// For SMS: every phone field in the order a contact's SMS address is chosen (the
    /// first with a value, see [`sms_order`]), each with its stored E.164 form and line
    /// type (hidden columns, `workspace::phones`), so no number is parsed again per
    /// contact.
    pub sms: Vec<SmsSlot>,
    /// The first e-mail field and the E.164 form of every phone field, checked against
    /// the suppression list whatever the channel: a suppressed address suppresses its
    /// contact.
    pub email: Option<usize>,
    pub phones: Vec<usize>,
    /// Every other e-mail field (`Work Email`, `Email 2`), in workspace order: checked
    /// against the suppression list and other contacts' refusals as the first one is
    /// ([`super::other_emails`]).
    pub other_emails: Vec<usize>,
    /// Every phone field as written with its E.164 form, for the other numbers of a
    /// cell holding several ([`super::cell_numbers`]): each is checked as the stored
    /// one is.
    pub phone_cells: Vec<(usize, usize)>,
    /// Minor check: every date-of-birth, birth-year and age field (up to
    /// [`super::age::MAX_AGE_FIELDS`]), in workspace order, with its role.
    pub ages: Vec<(usize, Role)>,
}

/// One phone field a contact's SMS address may come from: positions in
/// [`Prepared::columns`] of the value as written, its E.164 form and its line type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsSlot {
    pub stored: usize,
    pub e164: usize,
    pub line: usize,
}

/// A campaign ready to stream.
#[derive(Debug)]
pub struct Prepared {
    pub campaign: Campaign,
    pub as_of: NaiveDate,
    /// The dates the minor check reads ages on: the earlier of `as_of` and today, and
    /// today; a minor on either is a minor ([`AgeDates`]). A far `--as-of 2040-01-01`
    /// must not turn today's children into adults, nor a past one into "age unknown"
    /// (README, "The minor check").
    pub minor_dates: AgeDates,
    pub fields: Vec<Field>,
    pub entries: Vec<PreparedEntry>,
    /// The fields a preview reads, each once: the slots' fields and every merge field.
    pub columns: Vec<Field>,
    pub slots: Slots,
    /// The minor age the campaign runs with, and where it comes from.
    pub minor_age: MinorAge,
    /// The refused addresses of the channel, read by the same scan as the held values
    /// ([`super::prescan`]), for the walk that follows.
    pub opt_outs: AddressOptOuts,
    /// The channel addresses known minors hold, read by the same scan: every contact
    /// holding one is a minor too ([`super::minor_addresses`]).
    pub minor_addresses: MinorAddresses,
    /// Positions in [`Prepared::columns`] a caller asked for with
    /// [`Prepared::read_also`]: the walk reads them whatever else it leaves blank.
    pub asked: Vec<usize>,
}

/// The rule scope of `campaign`: its category and unlocks, with `as_of` and the
/// sensitive values the fields hold.
pub fn rule_scope<'a>(
    fields: &'a [Field],
    held: &'a HeldValues,
    campaign: &Campaign,
    unlocked: &'a BTreeSet<String>,
    as_of: NaiveDate,
) -> Scope<'a> {
    Scope {
        fields,
        category: Some(campaign.category),
        unlocked,
        as_of,
        held,
    }
}

/// Check one entry's rule text and message in `campaign`'s scope, `held` being the
/// sensitive values the fields hold ([`HeldValues::load`]): a rule on such a field and
/// a merge field of it are refused alike unless the campaign unlocked them. `n` is the entry's 1-based
/// number, for errors.
///
/// Errors: [`PreviewError::Rule`] or [`PreviewError::Message`].
pub fn check_entry(
    fields: &[Field],
    held: &HeldValues,
    campaign: &Campaign,
    n: usize,
    entry: &Entry,
    rule: &str,
    as_of: NaiveDate,
) -> Result<(CheckedRule, Message), PreviewError> {
    let unlocked = campaign.unlocked();
    let scope = rule_scope(fields, held, campaign, &unlocked, as_of);
    let checked = check_rule(rule, &scope).map_err(|error| PreviewError::Rule {
        entry: n,
        segment: entry.segment.clone(),
        error,
    })?;
    let draft = MessageDraft {
        channel: campaign.channel,
        subject: entry.subject.clone(),
        body: entry.body.clone(),
        format: entry.format,
    };
    let policy = PolicyScope {
        category: Some(campaign.category),
        unlocked: &unlocked,
    };
    let as_entry_error = |error| PreviewError::Message {
        entry: n,
        segment: entry.segment.clone(),
        error,
    };
    let message = Message::check(&draft, fields, &policy).map_err(as_entry_error)?;
    message
        .check_held(&draft, fields, held, &policy)
        .map_err(as_entry_error)?;
    let message = message.with_locale(campaign.locale);
    Ok((checked, message))
}

/// Load the fields and segments and prepare `campaign` to run as of `as_of`, on
/// `today` (the workspace's today: the minor check reads ages on both, see
/// [`Prepared::minor_dates`]).
///
/// Errors: a segment that no longer exists, a rule or message that no longer checks
/// (fields or their classes changed since it was saved), workspace errors.
pub fn prepare(
    conn: &Connection,
    campaign: &Campaign,
    as_of: NaiveDate,
    today: NaiveDate,
) -> Result<Prepared, PreviewError> {
    prepare_with_fields(conn, campaign, as_of, today, field_store::list(conn)?)
}

/// As [`prepare`], with the field definitions given instead of the stored ones: review
/// uses it to count what a removed safeguard role lets through, by running the same
/// assignment with the classifier's role restored.
///
/// Errors: as [`prepare`].
pub fn prepare_with_fields(
    conn: &Connection,
    campaign: &Campaign,
    as_of: NaiveDate,
    today: NaiveDate,
    fields: Vec<Field>,
) -> Result<Prepared, PreviewError> {
    let mut entries = Vec::with_capacity(campaign.entries.len());
    let consulted: Vec<Field>;
    let held_fields = match consulted_fields(conn, &fields, campaign, as_of) {
        Some(names) => {
            consulted = fields
                .iter()
                .filter(|f| names.contains(&f.name))
                .cloned()
                .collect();
            &consulted
        }
        None => &fields,
    };
    let minor_dates = AgeDates::new(as_of, today);
    let minor_age = campaign.minor_age();
    let age_fields = super::age::age_fields(&fields);
    let minors = MinorReader::new(
        campaign.channel,
        age_fields.clone(),
        minor_dates,
        minor_age.years,
    );
    let Prescan {
        held,
        opt_outs,
        mut minors,
    } = prescan(conn, held_fields, campaign.channel, minors)?;
    minors.load_kept(conn)?;
    for (i, entry) in campaign.entries.iter().enumerate() {
        let segment = store::get(conn, &entry.segment).map_err(|error| PreviewError::Segment {
            entry: i + 1,
            segment: entry.segment.clone(),
            error,
        })?;
        let (checked, message) =
            check_entry(&fields, &held, campaign, i + 1, entry, &segment.rule, as_of)?;
        entries.push(PreparedEntry {
            segment: segment.name,
            compiled: compile(&checked),
            rule: segment.rule,
            checked,
            message,
        });
    }
    let mut columns: Vec<Field> = Vec::new();
    let email = slot_of(&fields, &mut columns, Role::Email);
    let sms: Vec<SmsSlot> = match campaign.channel {
        Channel::Sms => sms_order(&fields)
            .into_iter()
            .map(|f| SmsSlot {
                stored: column(&mut columns, f),
                e164: column(&mut columns, &hidden(phones::e164_column(&f.name))),
                line: column(&mut columns, &hidden(phones::line_column(&f.name))),
            })
            .collect(),
        Channel::Email => Vec::new(),
    };
    let phone_e164s: Vec<usize> = fields
        .iter()
        .filter(|f| f.role == Role::Phone)
        .map(|f| column(&mut columns, &hidden(phones::e164_column(&f.name))))
        .collect();
    let phone_cells: Vec<(usize, usize)> = fields
        .iter()
        .filter(|f| f.role == Role::Phone)
        .map(|f| {
            let e164 = column(&mut columns, &hidden(phones::e164_column(&f.name)));
            (column(&mut columns, f), e164)
        })
        .collect();
    let other_emails: Vec<usize> = fields
        .iter()
        .filter(|f| f.role == Role::Email)
        .skip(1)
        .map(|f| column(&mut columns, f))
        .collect();
    let ages = age_fields
        .iter()
        .map(|f| (column(&mut columns, f), f.role))
        .collect();
    let slots = Slots {
        address: match campaign.channel {
            Channel::Email => email,
            Channel::Sms => sms.first().map(|s| s.stored),
        },
        sms,
        email,
        phones: phone_e164s,
        phone_cells,
        other_emails,
        ages,
    };
    for entry in &entries {
        for name in entry.message.merge_fields() {
            if let Some(f) = fields.iter().find(|f| f.name == name) {
                column(&mut columns, f);
            }
        }
    }
    Ok(Prepared {
        minor_age,
        campaign: campaign.clone(),
        as_of,
        minor_dates,
        fields,
        entries,
        columns,
        slots,
        opt_outs,
        minor_addresses: minors,
        asked: Vec::new(),
    })
}

/// The fields whose held sensitive values the checks of `campaign`'s entries consult:
/// the fields of rule conditions that select by every value held
/// ([`selects_by_held_values`]) and every merge field. Counting a field's held values
/// costs a map look-up per contact in the scan before the walk ([`super::prescan`]),
/// so [`prepare_with_fields`] reads only these instead of every text field's (issue
/// 13); the checks never look at the others,
/// so they decide exactly as before.
///
/// Found by checking each entry without held values. `None` when an entry cannot be
/// checked that way (a missing segment, a rule or message that does not check): every
/// field's held values are then read, so the error reported stays the one the full
/// check gives.
pub(super) fn consulted_fields(
    conn: &Connection,
    fields: &[Field],
    campaign: &Campaign,
    as_of: NaiveDate,
) -> Option<BTreeSet<String>> {
    let none = HeldValues::none();
    let mut names = BTreeSet::new();
    for (i, entry) in campaign.entries.iter().enumerate() {
        let segment = store::get(conn, &entry.segment).ok()?;
        let (checked, message) =
            check_entry(fields, &none, campaign, i + 1, entry, &segment.rule, as_of).ok()?;
        for c in checked.rule.conditions() {
            if fields
                .iter()
                .any(|f| f.name == c.field && selects_by_held_values(f, &c.op))
            {
                names.insert(c.field.clone());
            }
        }
        names.extend(message.merge_fields());
    }
    Some(names)
}

impl Prepared {
    /// Have the walk read `fields` too (those not read already), so a caller that
    /// needs their values per contact takes them from the record the walk hands on
    /// (`review::data`). Assignment and rendering do not change.
    pub fn read_also(&mut self, fields: &[Field]) {
        for f in fields {
            let i = column(&mut self.columns, f);
            self.asked.push(i);
        }
    }
}

/// Position in `columns` of the first field with `role`, adding it if absent.
fn slot_of(fields: &[Field], columns: &mut Vec<Field>, role: Role) -> Option<usize> {
    let f = fields.iter().find(|f| f.role == role)?;
    Some(column(columns, f))
}

/// The phone fields in the order an SMS address is chosen from them: the contact's own
/// numbers first, then those of a postal address (a name with the word `address`,
/// `shipping`, `billing` or `delivery`), each group in workspace order. Shopify's
/// customers export puts `Default Address Phone` (the shipping address's) before
/// `Phone` (the customer's, the number SMS marketing consent was given for).
fn sms_order(fields: &[Field]) -> Vec<&Field> {
    let of_address = |f: &Field| {
        f.name
            .split('_')
            .any(|w| matches!(w, "address" | "shipping" | "billing" | "delivery"))
    };
    let phones = fields.iter().filter(|f| f.role == Role::Phone);
    let (own, postal): (Vec<&Field>, Vec<&Field>) = phones.partition(|f| !of_address(f));
    own.into_iter().chain(postal).collect()
}

/// A hidden column of `contacts` read like a text field: it never reaches rules,
/// templates or exports, which only know the fields.
fn hidden(name: String) -> Field {
    Field {
        header: name.clone(),
        name,
        ty: FieldType::Text,
        role: Role::None,
        class: PrivacyClass::DirectIdentifier,
        reason: "E.164 form of a phone field (workspace::phones)".into(),
        kind: None,
    }
}

/// Position of `f` in `columns`, adding it if absent.
fn column(columns: &mut Vec<Field>, f: &Field) -> usize {
    match columns.iter().position(|c| c.name == f.name) {
        Some(i) => i,
        None => {
            columns.push(f.clone());
            columns.len() - 1
        }
    }
}
