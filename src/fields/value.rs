//! A contact's value for one field, typed, as the segment evaluator and the message
//! renderer see it.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::ValueRef;
use serde::Serialize;

use super::FieldType;

/// One contact's values, keyed by field name. A field missing from the map is blank.
/// Made with `Record::default()` or `collect()`.
pub type Record = std::collections::HashMap<String, Value, FieldNames>;

/// The hasher of [`Record`]: its keys are a workspace's few field names, looked up
/// several times per contact while a preview streams a million contacts (issue 13),
/// where SipHash (the standard map's, made to resist keys chosen to collide) cost
/// more than the look-ups it served. Field names are the workspace's own and few, so a
/// multiply-rotate hash (rustc's "FxHash") is enough. Other keys that are the
/// workspace's own, never values from a file, use it too (consent statement ids in
/// `campaign::audience`).
pub type FieldNames = std::hash::BuildHasherDefault<FieldNameHasher>;

/// FxHash: each 8-byte word rotated in, then multiplied by a large odd constant.
#[derive(Debug, Default, Clone, Copy)]
pub struct FieldNameHasher(u64);

impl FieldNameHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FieldNameHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// One stored value, decoded by its field's [`FieldType`]. `Null` is a blank value: the
/// importer stores blank and whitespace-only cells as SQL NULL.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Text(String),
    Integer(i64),
    Decimal(f64),
    Boolean(bool),
    Date(NaiveDate),
    Datetime(DateTime<Utc>),
    List(Vec<String>),
}

impl Value {
    /// Decode a stored SQLite value of a field of type `ty` (storage formats are
    /// documented on [`FieldType`]). A stored value that does not fit its type comes back
    /// as `Text`, so nothing is lost or invented.
    pub fn from_sql(ty: FieldType, raw: ValueRef<'_>) -> Value {
        match raw {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => match ty {
                FieldType::Boolean => Value::Boolean(i != 0),
                FieldType::Decimal => Value::Decimal(i as f64),
                _ => Value::Integer(i),
            },
            ValueRef::Real(f) => Value::Decimal(f),
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                let s = String::from_utf8_lossy(bytes);
                match ty {
                    FieldType::Date => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                        .map(Value::Date)
                        .unwrap_or_else(|_| Value::Text(s.into_owned())),
                    FieldType::Datetime => DateTime::parse_from_rfc3339(&s)
                        .map(|d| Value::Datetime(d.with_timezone(&Utc)))
                        .unwrap_or_else(|_| Value::Text(s.into_owned())),
                    FieldType::List => Value::List(
                        s.split(',')
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string)
                            .collect(),
                    ),
                    _ => Value::Text(s.into_owned()),
                }
            }
        }
    }

    /// True for `Null`, and for text or lists with nothing but whitespace in them.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(s) => s.trim().is_empty(),
            Value::List(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The value as a person reads it: dates as `YYYY-MM-DD`, booleans as `true`/`false`,
    /// lists joined by `", "`, blank as the empty string.
    pub fn display(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(s) => s.clone(),
            Value::Integer(i) => i.to_string(),
            Value::Decimal(f) => f.to_string(),
            Value::Boolean(b) => b.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Datetime(d) => d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            Value::List(items) => items.join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_storage_format() {
        assert_eq!(
            Value::from_sql(FieldType::Boolean, ValueRef::Integer(1)),
            Value::Boolean(true)
        );
        assert_eq!(
            Value::from_sql(FieldType::Date, ValueRef::Text(b"2024-04-30")),
            Value::Date(NaiveDate::from_ymd_opt(2024, 4, 30).unwrap())
        );
        assert_eq!(
            Value::from_sql(FieldType::List, ValueRef::Text(b"vip, gold")),
            Value::List(vec!["vip".into(), "gold".into()])
        );
        assert_eq!(
            Value::from_sql(FieldType::Text, ValueRef::Text(b"01067")),
            Value::Text("01067".into())
        );
        assert_eq!(
            Value::from_sql(FieldType::Date, ValueRef::Text(b"30/04/2024")),
            Value::Text("30/04/2024".into())
        );
        assert!(Value::Text("  ".into()).is_blank());
        assert_eq!(Value::Decimal(12.5).display(), "12.5");
    }
}
