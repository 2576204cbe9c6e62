//! Storage of campaigns, their entries and unlocks (tables `campaigns`,
//! `campaign_entries`, `unlocks`).

use rusqlite::{Connection, OptionalExtension, params};

use super::{BodyFormat, Campaign, Entry, MessageLocale, Unlock};
use crate::workspace::{WorkspaceError, now_rfc3339};

fn invalid(e: impl std::fmt::Display) -> WorkspaceError {
    WorkspaceError::Invalid(e.to_string())
}

/// Names of all campaigns, alphabetically.
pub fn names(conn: &Connection) -> Result<Vec<String>, WorkspaceError> {
    let mut stmt = conn.prepare("SELECT name FROM campaigns ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

/// Load one campaign with its entries (priority order) and unlocks.
pub fn load(conn: &Connection, name: &str) -> Result<Option<Campaign>, WorkspaceError> {
    let head = conn
        .query_row(
            "SELECT name, channel, category, holdout_pct, k, as_of, locale, minor_age, country,
                    holdout_seed
             FROM campaigns WHERE name = ?1",
            [name],
            |r| {
                Ok((
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, f64>(3)?,
                    ),
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<i64>>(7)?,
                    (
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                    ),
                ))
            },
        )
        .optional()?;
    let Some((
        (name, channel, category, holdout_pct),
        k,
        as_of,
        locale,
        minor_age,
        (country, holdout_seed),
    )) = head
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT segment, subject, body, body_format FROM campaign_entries WHERE campaign = ?1 ORDER BY position",
    )?;
    let entries = stmt
        .query_map([&name], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .map(|row| {
            let (segment, subject, body, format) = row?;
            Ok(Entry {
                segment,
                subject,
                body,
                format: format.parse::<BodyFormat>().map_err(invalid)?,
            })
        })
        .collect::<Result<Vec<_>, WorkspaceError>>()?;
    let mut stmt = conn.prepare(
        "SELECT field, reason, actor, at FROM unlocks WHERE campaign = ?1 ORDER BY field",
    )?;
    let unlocks = stmt
        .query_map([&name], unlock_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Campaign {
        name,
        channel: channel.parse().map_err(invalid)?,
        category: category.parse().map_err(invalid)?,
        holdout_pct,
        k: u32::try_from(k).map_err(invalid)?,
        as_of: as_of
            .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
            .transpose()
            .map_err(invalid)?,
        locale: locale
            .map(|l| l.parse::<MessageLocale>())
            .transpose()
            .map_err(invalid)?,
        minor_age: minor_age.map(u32::try_from).transpose().map_err(invalid)?,
        country,
        holdout_seed,
        entries,
        unlocks,
    }))
}

/// Insert or replace a campaign's settings and entries. Unlocks are kept as they are:
/// they change only through [`add_unlock`] and [`remove_unlock`], which audit.
pub fn save(conn: &Connection, c: &Campaign) -> Result<(), WorkspaceError> {
    let now = now_rfc3339();
    conn.execute(
        "INSERT INTO campaigns (name, channel, category, holdout_pct, k, as_of, created_at,
           updated_at, locale, minor_age, country, holdout_seed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(name) DO UPDATE SET channel = excluded.channel, category = excluded.category,
           holdout_pct = excluded.holdout_pct, k = excluded.k, as_of = excluded.as_of,
           locale = excluded.locale, minor_age = excluded.minor_age,
           country = excluded.country, updated_at = excluded.updated_at,
           holdout_seed = coalesce(excluded.holdout_seed, campaigns.holdout_seed)",
        params![
            c.name,
            c.channel.as_str(),
            c.category.as_str(),
            c.holdout_pct,
            c.k,
            c.as_of.map(|d| d.format("%Y-%m-%d").to_string()),
            now,
            c.locale.map(|l| l.to_string()),
            c.minor_age,
            c.country,
            c.holdout_seed
        ],
    )?;
    conn.execute(
        "DELETE FROM campaign_entries WHERE campaign = ?1",
        [&c.name],
    )?;
    let mut insert = conn.prepare(
        "INSERT INTO campaign_entries (campaign, position, segment, subject, body, body_format)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, e) in c.entries.iter().enumerate() {
        insert.execute(params![
            c.name,
            i as i64 + 1,
            e.segment,
            e.subject,
            e.body,
            e.format.as_str()
        ])?;
    }
    super::indexes::refresh(conn)
}

/// Delete a campaign (entries, unlocks and accepted findings go with it; the audit log
/// keeps the history).
pub fn delete(conn: &Connection, name: &str) -> Result<bool, WorkspaceError> {
    crate::workspace::acceptances::remove_all(conn, name)?;
    let deleted = conn.execute("DELETE FROM campaigns WHERE name = ?1", [name])? > 0;
    super::indexes::refresh(conn)?;
    Ok(deleted)
}

/// Record an unlock (replacing an earlier one for the same field).
pub fn add_unlock(
    conn: &Connection,
    campaign: &str,
    unlock: &Unlock,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT OR REPLACE INTO unlocks (campaign, field, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![campaign, unlock.field, unlock.reason, unlock.actor, unlock.at],
    )?;
    conn.execute(
        "INSERT INTO unlock_history (campaign, field, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![campaign, unlock.field, unlock.reason, unlock.actor, unlock.at],
    )?;
    Ok(())
}

/// Every unlock in force for `campaign`, each time it was given: a field unlocked twice
/// is listed twice, with both justifications, oldest first (by field, then in the
/// order given). What the export manifest carries.
pub fn unlock_history(conn: &Connection, campaign: &str) -> Result<Vec<Unlock>, WorkspaceError> {
    let mut stmt = conn.prepare(
        "SELECT h.field, h.reason, h.actor, h.at FROM unlock_history h
           JOIN unlocks u ON u.campaign = h.campaign AND u.field = h.field
          WHERE h.campaign = ?1 ORDER BY h.field, h.id",
    )?;
    let rows = stmt
        .query_map([campaign], unlock_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// An [`Unlock`] from a row of `field, reason, actor, at` (of `unlocks` or
/// `unlock_history`).
fn unlock_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Unlock> {
    Ok(Unlock {
        field: r.get(0)?,
        reason: r.get(1)?,
        actor: r.get(2)?,
        at: r.get(3)?,
    })
}

/// Remove an unlock; true if there was one.
pub fn remove_unlock(
    conn: &Connection,
    campaign: &str,
    field: &str,
) -> Result<bool, WorkspaceError> {
    conn.execute(
        "DELETE FROM unlock_history WHERE campaign = ?1 AND field = ?2",
        [campaign, field],
    )?;
    Ok(conn.execute(
        "DELETE FROM unlocks WHERE campaign = ?1 AND field = ?2",
        [campaign, field],
    )? > 0)
}

/// Rename campaign `old` to `new` with its entries and unlocks, inside the caller's
/// transaction. The references have no `ON UPDATE CASCADE`, so the foreign-key check
/// is deferred to the commit, by which time parent and children agree again.
/// Errors: workspace errors (a taken `new` fails on the primary key).
pub fn rename(conn: &Connection, old: &str, new: &str) -> Result<(), WorkspaceError> {
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let now = now_rfc3339();
    conn.execute(
        // The holdout keeps being drawn from the first name (SET reads the old row).
        "UPDATE campaigns SET holdout_seed = coalesce(holdout_seed, name), name = ?2,
           updated_at = ?3 WHERE name = ?1",
        params![old, new, now],
    )?;
    conn.execute(
        "UPDATE campaign_entries SET campaign = ?2 WHERE campaign = ?1",
        [old, new],
    )?;
    conn.execute(
        "UPDATE unlocks SET campaign = ?2 WHERE campaign = ?1",
        [old, new],
    )?;
    conn.execute(
        "UPDATE unlock_history SET campaign = ?2 WHERE campaign = ?1",
        [old, new],
    )?;
    Ok(())
}
