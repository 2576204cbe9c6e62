//! Streaming the audience for a campaign: one `SELECT` over `contacts` in `_id` order,
//! with only the columns the campaign needs and each entry's compiled rule as a 0/1
//! column, handed to a callback one row at a time so memory stays bounded whatever the
//! audience size.
//!
//! Called by `campaign::preview` (preview and explanation). Column names go through
//! [`quote_ident`]; the rules' values are bound parameters, appended in entry order.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params_from_iter};

use crate::fields::value::{FieldNames, Value};
use crate::fields::{Channel, Field, FieldType};
use crate::segment::CompiledRule;
use crate::workspace::{WorkspaceError, quote_ident, statements};

/// What to select: the channel (for its consent columns), the fields to read and the
/// compiled rule of each campaign entry, in priority order.
#[derive(Debug, Clone, Copy)]
pub struct AudienceQuery<'a> {
    pub channel: Channel,
    pub columns: &'a [Field],
    /// Which of `columns` the caller leaves unread (`true`), by position: each is
    /// selected as `NULL`, so SQLite decodes nothing of it per row (issue 13). Shorter
    /// than `columns` (or empty): the rest are read.
    pub unread: &'a [bool],
    pub rules: &'a [CompiledRule],
}

/// The fixed columns before the fields: `_id, _key, _consent_<channel>` and the id of
/// the channel's consent statement (`workspace::statements`).
const FIXED: usize = 4;

/// Past this many statements the cache starts over, so memory stays bounded when
/// every contact has a statement of its own (a time or IP address per row).
const SOURCES_CACHED: usize = 4_096;

/// The source texts of the consent statements one walk has read, by statement id.
/// Contacts of one import share a handful of statements, so a walk reads each once
/// instead of once per contact (a lookup per contact cost a third of a preview). The
/// ids are the workspace's own row ids, not values from a file, so they are hashed
/// with the multiply-rotate hash of field names rather than SipHash (issue 13).
struct Sources<'c> {
    conn: &'c Connection,
    read: RefCell<HashMap<i64, Option<Rc<str>>, FieldNames>>,
    /// The statement read last: rows of one import are stored one after another, so
    /// the next contact's statement is most often the same (no look-up in `read`).
    last: RefCell<Option<(i64, Option<Rc<str>>)>>,
}

impl Sources<'_> {
    fn source(&self, id: i64) -> Result<Option<Rc<str>>, WorkspaceError> {
        if let Some((last, source)) = &*self.last.borrow()
            && *last == id
        {
            return Ok(source.clone());
        }
        let source = self.look_up(id)?;
        *self.last.borrow_mut() = Some((id, source.clone()));
        Ok(source)
    }

    fn look_up(&self, id: i64) -> Result<Option<Rc<str>>, WorkspaceError> {
        if let Some(source) = self.read.borrow().get(&id) {
            return Ok(source.clone());
        }
        let source: Option<Rc<str>> = self
            .conn
            .prepare_cached(statements::SOURCE_BY_ID)?
            .query_row([id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
            .map(Rc::from);
        let mut read = self.read.borrow_mut();
        if read.len() >= SOURCES_CACHED {
            read.clear();
        }
        read.insert(id, source.clone());
        Ok(source)
    }
}

/// One contact's row, valid during the callback.
pub struct AudienceRow<'r, 's> {
    row: &'r rusqlite::Row<'s>,
    query: &'r AudienceQuery<'r>,
    sources: &'r Sources<'r>,
}

impl AudienceRow<'_, '_> {
    /// The contact's `_id` (workspace order).
    pub fn id(&self) -> Result<i64, WorkspaceError> {
        Ok(self.row.get(0)?)
    }

    /// The contact key, read in place.
    pub fn key(&self) -> Result<&str, WorkspaceError> {
        Ok(self
            .row
            .get_ref(1)?
            .as_str()
            .map_err(rusqlite::Error::from)?)
    }

    /// The stored consent state for the channel (`granted`, `not_asked`, ...), read in
    /// place.
    pub fn consent(&self) -> Result<&str, WorkspaceError> {
        Ok(self
            .row
            .get_ref(2)?
            .as_str()
            .map_err(rusqlite::Error::from)?)
    }

    /// The connection the rows come from, for a look-up while they stream.
    pub fn conn(&self) -> &Connection {
        self.sources.conn
    }

    /// Where the consent state came from (column or `--consent`), if recorded: one
    /// shared text per statement.
    pub fn consent_source(&self) -> Result<Option<Rc<str>>, WorkspaceError> {
        match self.row.get::<_, Option<i64>>(3)? {
            Some(id) => self.sources.source(id),
            None => Ok(None),
        }
    }

    /// The typed value of the `i`-th field of [`AudienceQuery::columns`].
    pub fn value(&self, i: usize) -> Result<Value, WorkspaceError> {
        let ty = self
            .query
            .columns
            .get(i)
            .map(|f| f.ty)
            .ok_or_else(|| WorkspaceError::Invalid(format!("no column {i} in the query")))?;
        Ok(Value::from_sql(ty, self.row.get_ref(FIXED + i)?))
    }

    /// The stored text of the `i`-th field of [`AudienceQuery::columns`], read in
    /// place; `None` when it is not UTF-8 text (NULL, a number, a blob).
    pub fn stored_text(&self, i: usize) -> Option<&str> {
        match self.row.get_ref(FIXED + i).ok()? {
            ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok(),
            _ => None,
        }
    }

    /// [`AudienceRow::value`] written into `slot`, reusing the text buffer `slot`
    /// already holds when both are text, or the strings of its list when both are lists
    /// (allocations less per value and contact).
    pub fn read_into(&self, i: usize, slot: &mut Value) -> Result<(), WorkspaceError> {
        let ty = self
            .query
            .columns
            .get(i)
            .map(|f| f.ty)
            .ok_or_else(|| WorkspaceError::Invalid(format!("no column {i} in the query")))?;
        let raw = self.row.get_ref(FIXED + i)?;
        let plain_text = !matches!(ty, FieldType::Date | FieldType::Datetime | FieldType::List);
        if let (true, ValueRef::Text(bytes), Value::Text(buffer)) = (plain_text, raw, &mut *slot)
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            buffer.clear();
            buffer.push_str(text);
            return Ok(());
        }
        // A list into the strings the slot's list already holds, split as
        // `Value::from_sql` splits it (a tags field is read for every contact).
        if let (FieldType::List, ValueRef::Text(bytes), Value::List(items)) = (ty, raw, &mut *slot)
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            let mut n = 0;
            for item in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                match items.get_mut(n) {
                    Some(held) => {
                        held.clear();
                        held.push_str(item);
                    }
                    None => items.push(item.to_string()),
                }
                n += 1;
            }
            items.truncate(n);
            return Ok(());
        }
        *slot = Value::from_sql(ty, raw);
        Ok(())
    }

    /// Whether the `j`-th rule matched this contact.
    pub fn matched(&self, j: usize) -> Result<bool, WorkspaceError> {
        let at = FIXED + self.query.columns.len() + j;
        Ok(match self.row.get_ref(at)? {
            ValueRef::Integer(i) => i != 0,
            _ => false,
        })
    }
}

/// Run `query` and call `each` for every contact in `_id` order; `each` returns
/// `Ok(false)` to stop early.
///
/// Errors: SQLite errors as [`WorkspaceError`], or the first error of `each`.
pub fn stream<E>(
    conn: &Connection,
    query: &AudienceQuery<'_>,
    mut each: impl FnMut(&AudienceRow<'_, '_>) -> Result<bool, E>,
) -> Result<(), E>
where
    E: From<WorkspaceError>,
{
    let consent = quote_ident(&format!("_consent_{}", query.channel.as_str()));
    let statement = quote_ident(&format!("_consent_{}_ref", query.channel.as_str()));
    let sources = Sources {
        conn,
        read: RefCell::new(HashMap::default()),
        last: RefCell::new(None),
    };
    let mut select = vec!["_id".to_string(), "_key".to_string(), consent, statement];
    select.extend(query.columns.iter().enumerate().map(|(i, f)| {
        match query.unread.get(i).copied().unwrap_or_default() {
            true => "NULL".to_string(),
            false => quote_ident(&f.name),
        }
    }));
    select.extend(
        query
            .rules
            .iter()
            .map(|r| format!("CASE WHEN {} THEN 1 ELSE 0 END", r.sql)),
    );
    let sql = format!("SELECT {} FROM contacts ORDER BY _id", select.join(", "));
    let params = query.rules.iter().flat_map(|r| r.params.iter());
    let mut stmt = conn.prepare(&sql).map_err(WorkspaceError::from)?;
    let mut rows = stmt
        .query(params_from_iter(params))
        .map_err(WorkspaceError::from)?;
    while let Some(row) = rows.next().map_err(WorkspaceError::from)? {
        let row = AudienceRow {
            row,
            query,
            sources: &sources,
        };
        if !each(&row)? {
            break;
        }
    }
    Ok(())
}

/// The stored contact key for `key`, read as `contact show` reads it
/// (`workspace::lookup`): as given (trimmed), as an e-mail key, by the address a
/// wrapped value holds (`Dee <dee@example.com>`, `mailto:…`), then as a phone number in
/// any spelling; `None` if no contact, or more than one, has it.
pub fn find_key(conn: &Connection, key: &str) -> Result<Option<String>, WorkspaceError> {
    Ok(match crate::workspace::lookup::contacts_named(conn, key)? {
        crate::workspace::lookup::Named::One(found) => Some(found),
        _ => None,
    })
}
