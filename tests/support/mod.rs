//! Helpers shared by the message tests: fields and records built by hand.

#![allow(dead_code)]

use tactful::fields::value::{Record, Value};
use tactful::fields::{Field, FieldType, PrivacyClass, Role};

pub fn field(name: &str, ty: FieldType, class: PrivacyClass) -> Field {
    Field {
        name: name.into(),
        header: name.into(),
        ty,
        role: Role::None,
        class,
        reason: "set by test".into(),
        kind: None,
    }
}

pub fn text(name: &str) -> Field {
    field(name, FieldType::Text, PrivacyClass::DirectIdentifier)
}

/// A record from `(field, value)` pairs; text values.
pub fn record(pairs: &[(&str, &str)]) -> Record {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
        .collect()
}

pub fn with(mut record: Record, name: &str, value: Value) -> Record {
    record.insert(name.to_string(), value);
    record
}
