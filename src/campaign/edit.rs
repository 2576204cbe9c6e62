//! Editing campaigns: the use cases both faces call (the CLI's `campaign new|add|rm-entry|
//! move|rename|set|rm` and the TUI's Messages screen), so they check the same things
//! in the same place.
//!
//! Every change runs in one write transaction with its audit-log record, and checks
//! inside that transaction what another process could change in between (a name taken,
//! a campaign gone). Entries are numbered from 1 in priority order.
//!
//! Renaming a campaign carries its entries and unlocks to the new name (they are part of
//! the campaign). Review sign-offs, acceptances and exports are records of what
//! happened and stay under the old name, like the audit log: a renamed campaign has no
//! sign-off and must be reviewed and signed off again before it is exported.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use super::prepare::{PreviewError, check_entry};
use super::unlock::load;
use super::{Campaign, CampaignError, Entry, MessageLocale, store, validate_name};
use crate::fields::held::HeldValues;
use crate::fields::policy::Category;
use crate::fields::{Channel, Field};
use crate::segment::store::{self as segments, Segment, SegmentError};
use crate::workspace::{Workspace, WorkspaceError, audit, fields as field_store};

/// Errors of the editing use cases: those of checking an entry (a rule or message that
/// does not check in the campaign's scope, a segment that is gone) and those of the
/// campaign itself (unknown, name taken, invalid setting).
pub type EditError = PreviewError;

/// Which way [`move_entry`] moves an entry: up is towards entry 1 (higher priority).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Settings [`set`] changes; `None` leaves one as it is. `as_of`, `locale`, `minor_age`
/// and `country` are `Some(None)` to clear them (as-of "today", English messages, the
/// country's or the default minor age, no country).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub channel: Option<Channel>,
    pub category: Option<Category>,
    /// Percent, 0 to [`super::MAX_HOLDOUT_PCT`].
    pub holdout_pct: Option<f64>,
    pub k: Option<u32>,
    pub as_of: Option<Option<NaiveDate>>,
    pub locale: Option<Option<MessageLocale>>,
    /// The campaign's own minor age (13 to 21).
    pub minor_age: Option<Option<u32>>,
    /// The country as typed (`fr`, `UK`); stored in the table's spelling.
    pub country: Option<Option<String>>,
}

/// The as-of date a campaign is checked and run at: the date given for this run (the
/// global `--as-of`) wins, else the campaign's own, else `today`.
pub fn effective_as_of(c: &Campaign, given: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    given.unwrap_or_else(|| c.as_of_or(today))
}

/// Check every entry of `c` (its segment exists, its rule and message check in the
/// campaign's scope). Errors name the first entry that fails.
pub fn check_entries(conn: &Connection, c: &Campaign, as_of: NaiveDate) -> Result<(), EditError> {
    let fields = field_store::list(conn)?;
    let held = HeldValues::load(conn, &fields)?;
    for (i, entry) in c.entries.iter().enumerate() {
        check_one(conn, &fields, &held, c, i + 1, entry, as_of)?;
    }
    Ok(())
}

fn check_one(
    conn: &Connection,
    fields: &[Field],
    held: &HeldValues,
    c: &Campaign,
    n: usize,
    entry: &Entry,
    as_of: NaiveDate,
) -> Result<Segment, EditError> {
    let seg = segments::get(conn, &entry.segment).map_err(|error| PreviewError::Segment {
        entry: n,
        segment: entry.segment.clone(),
        error,
    })?;
    check_entry(fields, held, c, n, entry, &seg.rule, as_of)?;
    Ok(seg)
}

/// Create campaign `c` (no entries needed). Errors: an invalid setting, or
/// [`CampaignError::Exists`] (checked inside the write, so two creators cannot both win).
pub fn create(ws: &mut Workspace, c: &Campaign, actor: &str) -> Result<(), EditError> {
    c.validate()?;
    ws.write(|tx| {
        if store::load(tx, &c.name)?.is_some() {
            return Err(CampaignError::Exists(c.name.clone()).into());
        }
        store::save(tx, c)?;
        audit::append(tx, actor, "campaign created", &c.name, &settings_json(c))?;
        Ok(())
    })
}

/// Save `c` as edited (the TUI's draft): every entry is checked first, then the
/// campaign replaces the stored one, which must still exist. Errors: as
/// [`check_entries`], an invalid setting, an unknown campaign.
pub fn save(
    ws: &mut Workspace,
    c: &Campaign,
    as_of: NaiveDate,
    actor: &str,
) -> Result<(), EditError> {
    c.validate()?;
    check_entries(ws.conn(), c, as_of)?;
    ws.write(|tx| {
        if store::load(tx, &c.name)?.is_none() {
            return Err(unknown(&c.name).into());
        }
        store::save(tx, c)?;
        let segments: Vec<&str> = c.entries.iter().map(|e| e.segment.as_str()).collect();
        audit::append(
            tx,
            actor,
            "campaign saved",
            &c.name,
            &json!({ "entries": segments }),
        )?;
        Ok(())
    })
}

/// Add `entry` to campaign `name` as its last (lowest-priority) entry, after checking
/// that the segment exists and that its rule and the message check in the campaign's
/// scope. Returns the campaign as saved and the entry's number.
pub fn add_entry(
    ws: &mut Workspace,
    name: &str,
    mut entry: Entry,
    as_of: impl Fn(&Campaign) -> NaiveDate,
    actor: &str,
) -> Result<(Campaign, usize), EditError> {
    let mut c = load(ws, name)?;
    let fields = field_store::list(ws.conn())?;
    let held = HeldValues::load(ws.conn(), &fields)?;
    let n = c.entries.len() + 1;
    let seg = check_one(ws.conn(), &fields, &held, &c, n, &entry, as_of(&c))?;
    entry.segment = seg.name;
    c.entries.push(entry);
    c.validate()?;
    let segment = c.entries[n - 1].segment.clone();
    write_entries(
        ws,
        &c,
        actor,
        "campaign entry added",
        json!({ "entry": n, "segment": segment }),
    )?;
    Ok((c, n))
}

/// Remove entry `n` from campaign `name`; later entries move up one.
pub fn remove_entry(
    ws: &mut Workspace,
    name: &str,
    n: usize,
    actor: &str,
) -> Result<Campaign, EditError> {
    let mut c = load(ws, name)?;
    let i = index(&c, n)?;
    let removed = c.entries.remove(i);
    write_entries(
        ws,
        &c,
        actor,
        "campaign entry removed",
        json!({ "entry": n, "segment": removed.segment }),
    )?;
    Ok(c)
}

/// Swap entry `n` of campaign `name` with its neighbour above (`Up`) or below.
/// Errors: no entry `n`, or it is already first (up) or last (down).
pub fn move_entry(
    ws: &mut Workspace,
    name: &str,
    n: usize,
    direction: Direction,
    actor: &str,
) -> Result<Campaign, EditError> {
    let mut c = load(ws, name)?;
    let i = index(&c, n)?;
    let j = match direction {
        Direction::Up if i == 0 => return Err(invalid(format!("entry {n} is already first"))),
        Direction::Down if i + 1 == c.entries.len() => {
            return Err(invalid(format!("entry {n} is already last")));
        }
        Direction::Up => i - 1,
        Direction::Down => i + 1,
    };
    c.entries.swap(i, j);
    let detail = json!({ "segment": c.entries[j].segment, "from": n, "to": j + 1 });
    write_entries(ws, &c, actor, "campaign entry moved", detail)?;
    Ok(c)
}

/// Rename campaign `old` to `new`, carrying its entries and unlocks (see the module
/// doc for sign-offs). Errors: unknown campaign, invalid or taken name, same name.
pub fn rename(
    ws: &mut Workspace,
    old: &str,
    new: &str,
    actor: &str,
) -> Result<Campaign, EditError> {
    let mut c = load(ws, old)?;
    validate_name("campaign", new)?;
    let new = new.trim();
    if new == c.name {
        return Err(invalid(format!("campaign `{new}` already has that name")));
    }
    ws.write(|tx| {
        if store::load(tx, new)?.is_some() {
            return Err(CampaignError::Exists(new.to_string()).into());
        }
        store::rename(tx, &c.name, new)?;
        audit::append(
            tx,
            actor,
            "campaign renamed",
            new,
            &json!({ "from": c.name, "to": new }),
        )?;
        Ok::<_, EditError>(())
    })?;
    c.name = new.to_string();
    Ok(c)
}

/// Delete campaign `name` with its entries and unlocks (its segments stay; the audit
/// log, sign-offs and exports keep the history). Returns the campaign as it was.
pub fn delete(ws: &mut Workspace, name: &str, actor: &str) -> Result<Campaign, EditError> {
    let c = load(ws, name)?;
    ws.write(|tx| {
        if !store::delete(tx, &c.name)? {
            return Err(unknown(&c.name).into());
        }
        audit::append(
            tx,
            actor,
            "campaign removed",
            &c.name,
            &json!({ "entries": c.entries.len() }),
        )?;
        Ok::<_, EditError>(())
    })?;
    Ok(c)
}

/// Change campaign `name`'s settings. A new channel or category must still fit every
/// entry (an SMS entry has no subject; a housing campaign cannot use a protected
/// field), so all entries are checked again in the new scope at `as_of` of the changed
/// campaign. Returns the campaign as saved.
pub fn set(
    ws: &mut Workspace,
    name: &str,
    settings: &Settings,
    as_of: impl Fn(&Campaign) -> NaiveDate,
    actor: &str,
) -> Result<Campaign, EditError> {
    let before = load(ws, name)?;
    let mut c = before.clone();
    if let Some(channel) = settings.channel {
        c.channel = channel;
    }
    if let Some(category) = settings.category {
        c.category = category;
    }
    if let Some(holdout) = settings.holdout_pct {
        c.holdout_pct = holdout;
    }
    if let Some(k) = settings.k {
        c.k = k;
    }
    if let Some(as_of) = settings.as_of {
        c.as_of = as_of;
    }
    if let Some(locale) = settings.locale {
        c.locale = locale;
    }
    if let Some(minor_age) = settings.minor_age {
        c.minor_age = minor_age;
    }
    if let Some(country) = &settings.country {
        c.set_country(country.as_deref())?;
    }
    c.validate()?;
    if c.channel != before.channel || c.category != before.category {
        check_entries(ws.conn(), &c, as_of(&c))?;
    }
    ws.write(|tx| {
        store::save(tx, &c)?;
        let detail = json!({ "before": settings_json(&before), "after": settings_json(&c) });
        audit::append(tx, actor, "campaign settings changed", &c.name, &detail)?;
        Ok::<_, EditError>(())
    })?;
    Ok(c)
}

/// Check `rule` in campaign `campaign`'s scope (its category and unlocks, so a field it
/// unlocked may be used) and save it as a new segment. Errors: unknown campaign, as
/// [`segments::add`].
pub fn add_segment(
    ws: &mut Workspace,
    campaign: &str,
    name: &str,
    rule: &str,
    description: &str,
    as_of: impl Fn(&Campaign) -> NaiveDate,
) -> Result<Segment, SegmentError> {
    let c = load(ws, campaign).map_err(|e| match e {
        CampaignError::Workspace(w) => SegmentError::Workspace(w),
        other => SegmentError::Workspace(WorkspaceError::Invalid(other.to_string())),
    })?;
    let fields = field_store::list(ws.conn())?;
    let unlocked = c.unlocked();
    let held = HeldValues::load(ws.conn(), &fields)?;
    let scope = super::prepare::rule_scope(&fields, &held, &c, &unlocked, as_of(&c));
    segments::add(ws, name, rule, description, &scope)
}

fn write_entries(
    ws: &mut Workspace,
    c: &Campaign,
    actor: &str,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), EditError> {
    ws.write(|tx| {
        if store::load(tx, &c.name)?.is_none() {
            return Err(unknown(&c.name).into());
        }
        store::save(tx, c)?;
        audit::append(tx, actor, action, &c.name, &detail)?;
        Ok(())
    })
}

/// The number (from 1) of the entry of `c` that `which` names: a segment's name, as the
/// scripting contract's `campaign rm-entry NAME SEGMENT` gives it, or the entry's number as
/// `campaign show` prints it. A segment name wins over a number, so a segment called `2`
/// is still found by its name; a segment is in a campaign once at most. Names are
/// trimmed, as segment names are when saved. Errors: no entry has that segment and
/// `which` is no entry's number.
pub fn entry_number(c: &Campaign, which: &str) -> Result<usize, EditError> {
    let wanted = which.trim();
    if let Some(i) = c.entries.iter().position(|e| e.segment == wanted) {
        return Ok(i + 1);
    }
    match wanted.parse::<usize>() {
        Ok(n) => index(c, n).map(|i| i + 1),
        Err(_) => Err(invalid(format!(
            "campaign `{}` has no entry for segment `{wanted}`; its entries: {}",
            c.name,
            listed(c)
        ))),
    }
}

fn listed(c: &Campaign) -> String {
    if c.entries.is_empty() {
        return "none".into();
    }
    let entries = c.entries.iter().enumerate();
    let named: Vec<String> = entries
        .map(|(i, e)| format!("{} `{}`", i + 1, e.segment))
        .collect();
    named.join(", ")
}

fn index(c: &Campaign, n: usize) -> Result<usize, EditError> {
    if n == 0 || n > c.entries.len() {
        return Err(invalid(format!(
            "campaign `{}` has {} entries; there is no entry {n}",
            c.name,
            c.entries.len()
        )));
    }
    Ok(n - 1)
}

fn invalid(message: String) -> EditError {
    CampaignError::Invalid(message).into()
}

fn unknown(name: &str) -> CampaignError {
    CampaignError::Unknown {
        name: name.to_string(),
        hint: " (it was removed meanwhile)".into(),
    }
}

fn settings_json(c: &Campaign) -> serde_json::Value {
    json!({
        "channel": c.channel,
        "category": c.category,
        "holdout_pct": c.holdout_pct,
        "k": c.k,
        "as_of": c.as_of,
        "locale": c.locale.map(|l| l.to_string()),
        "minor_age": c.minor_age,
        "country": c.country,
    })
}
