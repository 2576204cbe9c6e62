//! Storage of field definitions (the `fields` table) and of their `contacts` columns.

use rusqlite::{Connection, OptionalExtension, params};

use super::{WorkspaceError, now_rfc3339, quote_ident};
use crate::fields::Field;
use crate::fields::provenance::{PersonChange, Provenance};

fn parse<T: std::str::FromStr>(value: String) -> Result<T, WorkspaceError>
where
    T::Err: std::fmt::Display,
{
    value
        .parse()
        .map_err(|e: T::Err| WorkspaceError::Invalid(e.to_string()))
}

fn row_to_field(r: &rusqlite::Row<'_>) -> rusqlite::Result<[Option<String>; 7]> {
    Ok([
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ])
}

fn build(cols: [Option<String>; 7]) -> Result<Field, WorkspaceError> {
    let [name, header, ty, role, class, reason, kind] = cols;
    let req = |v: Option<String>| v.ok_or_else(|| WorkspaceError::Invalid("NULL in fields".into()));
    Ok(Field {
        name: req(name)?,
        header: req(header)?,
        ty: parse(req(ty)?)?,
        role: parse(req(role)?)?,
        class: parse(req(class)?)?,
        reason: req(reason)?,
        kind,
    })
}

const SELECT: &str = "SELECT name, header, type, role, class, reason, kind FROM fields";

/// All fields, in column order (the order files first brought them).
pub fn list(conn: &Connection) -> Result<Vec<Field>, WorkspaceError> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY position"))?;
    let rows = stmt.query_map([], row_to_field)?;
    rows.map(|r| build(r?)).collect()
}

/// One field by its normalised name.
pub fn get(conn: &Connection, name: &str) -> Result<Option<Field>, WorkspaceError> {
    conn.query_row(&format!("{SELECT} WHERE name = ?1"), [name], row_to_field)
        .optional()?
        .map(build)
        .transpose()
}

/// Add a new field and its `contacts` column (and, for a phone field, its hidden E.164
/// columns: `phones`). `batch_id` is the import batch that brought it (so undoing the
/// batch drops the column again).
pub fn add(
    conn: &Connection,
    field: &Field,
    actor: &str,
    batch_id: Option<i64>,
) -> Result<(), WorkspaceError> {
    let position: i64 = conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM fields",
        [],
        |r| r.get(0),
    )?;
    // A new field's class and role are the classifier's verdict (schema 6).
    conn.execute(
        "INSERT INTO fields (name, header, position, type, role, class, reason, kind, changed_by, changed_at, batch_id,
                             classifier_class, classifier_role, classifier_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?6, ?5, ?7)",
        params![
            field.name,
            field.header,
            position,
            field.ty.as_str(),
            field.role.as_str(),
            field.class.as_str(),
            field.reason,
            field.kind,
            actor,
            now_rfc3339(),
            batch_id
        ],
    )?;
    conn.execute_batch(&format!(
        "ALTER TABLE contacts ADD COLUMN {} {}",
        quote_ident(&field.name),
        field.ty.sql_type()
    ))?;
    if field.role == crate::fields::Role::Phone {
        super::phones::add_columns(conn, &field.name)?;
    }
    Ok(())
}

/// Update a field's type, role, class, reason and kind (not its name or column). A
/// field that gains the phone role gets its hidden E.164 columns, filled for every
/// contact; one that loses the phone or e-mail role keeps the addresses it held, so
/// refusals recorded for them still hold (`address_columns`). Every route that changes
/// a role comes here.
pub fn update(conn: &Connection, field: &Field, actor: &str) -> Result<(), WorkspaceError> {
    let was = get(conn, &field.name)?.map_or(field.role, |f| f.role);
    let changed = conn.execute(
        "UPDATE fields SET type = ?2, role = ?3, class = ?4, reason = ?5, kind = ?6, changed_by = ?7, changed_at = ?8
         WHERE name = ?1",
        params![
            field.name,
            field.ty.as_str(),
            field.role.as_str(),
            field.class.as_str(),
            field.reason,
            field.kind,
            actor,
            now_rfc3339()
        ],
    )?;
    if changed == 0 {
        return Err(WorkspaceError::Invalid(format!(
            "no field `{}`",
            field.name
        )));
    }
    super::address_columns::follow_role_change(conn, was, field)
}

// The last safeguard role a person gave comes from `field_decisions` (`super::decisions`).
const PROVENANCE: &str =
    "SELECT f.name, f.class, f.role, f.reason, f.classifier_class, f.classifier_role,
    f.classifier_reason, f.set_by, f.set_at, f.set_reason, d.given_role
    FROM fields f LEFT JOIN field_decisions d ON d.name = f.name";

fn provenance_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<[Option<String>; 11]> {
    let mut out: [Option<String>; 11] = Default::default();
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = r.get(i)?;
    }
    Ok(out)
}

fn build_provenance(cols: [Option<String>; 11]) -> Result<Provenance, WorkspaceError> {
    let [
        name,
        class,
        role,
        reason,
        c_class,
        c_role,
        c_reason,
        by,
        at,
        why,
        given,
    ] = cols;
    let req = |v: Option<String>| v.ok_or_else(|| WorkspaceError::Invalid("NULL in fields".into()));
    let changed = match (by, at) {
        (Some(by), Some(at)) => Some(PersonChange {
            by,
            at,
            reason: why.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Provenance {
        field: req(name)?,
        // NULL only if a row escaped the schema 6 backfill: the current values then.
        classifier_class: parse(c_class.map_or_else(|| req(class), Ok)?)?,
        classifier_role: parse(c_role.map_or_else(|| req(role), Ok)?)?,
        classifier_reason: c_reason.map_or_else(|| req(reason), Ok)?,
        changed,
        given_role: given.map(parse).transpose()?,
    })
}

/// What the classifier gave every field, and the last change a person made, in column
/// order.
pub fn provenance(conn: &Connection) -> Result<Vec<Provenance>, WorkspaceError> {
    let mut stmt = conn.prepare(&format!("{PROVENANCE} ORDER BY f.position"))?;
    let rows = stmt.query_map([], provenance_row)?;
    rows.map(|r| build_provenance(r?)).collect()
}

/// The provenance of one field.
pub fn provenance_of(conn: &Connection, name: &str) -> Result<Option<Provenance>, WorkspaceError> {
    conn.query_row(
        &format!("{PROVENANCE} WHERE f.name = ?1"),
        [name],
        provenance_row,
    )
    .optional()?
    .map(build_provenance)
    .transpose()
}

/// Record that a person changed field `name`'s class or role: who, when (now) and why.
pub fn record_person_change(
    conn: &Connection,
    name: &str,
    by: &str,
    reason: &str,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "UPDATE fields SET set_by = ?2, set_at = ?3, set_reason = ?4 WHERE name = ?1",
        params![name, by, now_rfc3339(), reason],
    )?;
    Ok(())
}

/// Put back a person's change of field `name` as it was recorded (who, when, why): a
/// decision applied again to a field an import created anew (`import::decided`).
pub fn restore_person_change(
    conn: &Connection,
    name: &str,
    by: &str,
    at: &str,
    reason: &str,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "UPDATE fields SET set_by = ?2, set_at = ?3, set_reason = ?4 WHERE name = ?1",
        params![name, by, at, reason],
    )?;
    Ok(())
}

/// Record a new classifier verdict for field `name` (a re-import's values raised it).
pub fn record_classifier(conn: &Connection, p: &Provenance) -> Result<(), WorkspaceError> {
    conn.execute(
        "UPDATE fields SET classifier_class = ?2, classifier_role = ?3, classifier_reason = ?4
         WHERE name = ?1",
        params![
            p.field,
            p.classifier_class.as_str(),
            p.classifier_role.as_str(),
            p.classifier_reason
        ],
    )?;
    Ok(())
}

/// Remove a field and drop its column, and its hidden columns: a phone field's (or a
/// former one's) E.164 columns and a former e-mail field's kept addresses (used by
/// `import undo` for fields a batch added).
pub fn remove(conn: &Connection, name: &str) -> Result<(), WorkspaceError> {
    conn.execute("DELETE FROM fields WHERE name = ?1", [name])?;
    super::phones::drop_columns(conn, name)?;
    super::address_columns::drop_kept(conn, name)?;
    super::indexes::drop_on_column(conn, name)?;
    conn.execute_batch(&format!(
        "ALTER TABLE contacts DROP COLUMN {}",
        quote_ident(name)
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, PrivacyClass, Role};
    use crate::workspace::Workspace;

    #[test]
    fn fields_round_trip_and_get_typed_columns() {
        let mut ws = Workspace::open_in_memory().unwrap();
        let zip = Field {
            name: "zip".into(),
            header: "Zip".into(),
            ty: FieldType::Text,
            role: Role::Postcode,
            class: PrivacyClass::QuasiIdentifier,
            reason: "header token `zip`".into(),
            kind: Some("postcode".into()),
        };
        ws.write(|tx| add(tx, &zip, "test", Some(1))).unwrap();
        assert_eq!(list(ws.conn()).unwrap(), vec![zip.clone()]);
        assert_eq!(get(ws.conn(), "zip").unwrap(), Some(zip.clone()));
        assert_eq!(
            provenance(ws.conn()).unwrap(),
            vec![Provenance::of_new(&zip)]
        );
        ws.write(|tx| record_person_change(tx, "zip", "ana", "only the region is used"))
            .unwrap();
        let changed = provenance_of(ws.conn(), "zip")
            .unwrap()
            .unwrap()
            .changed
            .unwrap();
        assert_eq!(
            (changed.by.as_str(), changed.reason.as_str()),
            ("ana", "only the region is used")
        );
        let decl: String = ws
            .conn()
            .query_row(
                "SELECT type FROM pragma_table_info('contacts') WHERE name = 'zip'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(decl, "TEXT");
        ws.write(|tx| remove(tx, "zip")).unwrap();
        assert!(list(ws.conn()).unwrap().is_empty());
    }
}
