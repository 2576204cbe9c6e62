//! The sandboxed minijinja environment every message template runs in, and how a
//! contact's values enter it.
//!
//! Sandbox: the environment starts empty (no built-in filters, tests or globals) and
//! gets only tactful's filters; minijinja is built without `multi_template`, so
//! `include`, `import` and `extends` do not exist and nothing can reach a file or the
//! network. Every render has a fuel budget ([`FUEL`]) and a recursion limit
//! ([`RECURSION_LIMIT`]), so loops and recursive macros stop with an error instead of
//! hanging.
//!
//! Values: merge values are data, never template source, so `{{ 7*7 }}` in a first name
//! prints as typed. Control characters and bidi controls in merge values are removed
//! (tab, CR and LF become one space each) before they reach the output, so a value
//! cannot break a subject line or disguise text ("Trojan Source", CVE-2021-42574). A
//! blank value enters as a [`Blank`] marker that prints nothing, is false in `{% if %}`,
//! and remembers its field, so the renderer can report it instead of printing "Hi ,".
//! A placeholder value (`n/a`, `-`, `*|FNAME|*`: [`super::placeholder`]) is blank too,
//! and so is a list item that is one; the workspace keeps the value as imported.
//! Called by [`super::check`] (building) and [`super::CheckedTemplate::render`].

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use minijinja::value::{Object, ObjectRepr, Value as JValue, ValueKind};
use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior};

use super::BodyFormat;
use super::filters;
use super::placeholder::is_placeholder_value;
use crate::fields::value::{Record, Value};
use crate::text::is_unsafe;

/// Step budget of one render (minijinja fuel: about one unit per instruction and per
/// 64 bytes of data). A long personalised e-mail needs a few thousand; 50,000 stops
/// `{% for i in … %}` loops over hundreds of thousands of items.
pub const FUEL: u64 = 50_000;

/// Maximum nesting of blocks and macro calls in one render.
pub const RECURSION_LIMIT: usize = 64;

/// The name the one template of an environment is stored under.
pub(crate) const TEMPLATE_NAME: &str = "message";

/// A blank merge value (missing, empty, whitespace-only or unset) of `field`.
#[derive(Debug)]
pub(crate) struct Blank {
    pub field: Arc<str>,
}

impl Object for Blank {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        false
    }

    fn render(self: &Arc<Self>, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

/// What one render did with blank merge values; kept in the render's [`State`].
#[derive(Debug, Default)]
pub(crate) struct MergeLog {
    pub fallbacks_used: BTreeSet<String>,
    pub missing: BTreeSet<String>,
    /// Blank fields whose fallback was a placeholder (also in `missing`).
    pub placeholders: BTreeSet<String>,
}

/// A fresh environment holding `source` as its one template.
pub(crate) fn build(source: String, format: BodyFormat) -> Result<Environment<'static>, Error> {
    let mut env = Environment::empty();
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    // Debug info clones the template source into every error: costly over a million
    // renders, and check errors carry their own positions.
    env.set_debug(false);
    env.set_undefined_behavior(UndefinedBehavior::Lenient);
    let escape = format == BodyFormat::Html;
    env.set_auto_escape_callback(move |_| {
        if escape {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_output);
    filters::register(&mut env);
    env.add_template_owned(TEMPLATE_NAME, source)?;
    Ok(env)
}

/// Prints one `{{ … }}` result: blanks print nothing and are logged as missing; none
/// and undefined print nothing (never "none"); numbers and lists as
/// [`Value::display`] shows them; HTML bodies escape.
fn format_output(out: &mut Output, state: &mut State, value: &JValue) -> Result<(), Error> {
    if let Some(blank) = value.downcast_object_ref::<Blank>() {
        let field = blank.field.to_string();
        state
            .get_or_insert_extension_with(MergeLog::default)
            .missing
            .insert(field);
        return Ok(());
    }
    if value.is_undefined() || value.is_none() {
        return Ok(());
    }
    if value.kind() == ValueKind::String {
        return minijinja::escape_formatter(out, state, value);
    }
    minijinja::escape_formatter(out, state, &JValue::from(display(value)))
}

/// A template value as a person reads it, consistent with [`Value::display`]: decimals
/// without a trailing `.0`, lists joined by `", "`, blanks and none as "".
pub(crate) fn display(value: &JValue) -> String {
    if value.downcast_object_ref::<Blank>().is_some() || value.is_undefined() || value.is_none() {
        return String::new();
    }
    match value.kind() {
        ValueKind::Number if !value.is_integer() => f64::try_from(value.clone())
            .map(|f| f.to_string())
            .unwrap_or_else(|_| value.to_string()),
        ValueKind::Seq => value
            .try_iter()
            .map(|items| items.map(|v| display(&v)).collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
        _ => value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string),
    }
}

/// The template context for one contact: each of `fields` (the merge fields the template
/// uses) with the contact's value, or a [`Blank`] marker.
pub(crate) fn context(fields: &[Arc<str>], record: &Record) -> JValue {
    JValue::from_pairs(fields.iter().map(|name| {
        (
            JValue::from(&**name),
            merge_value(name, record.get(&**name)),
        )
    }))
}

fn merge_value(name: &Arc<str>, value: Option<&Value>) -> JValue {
    if is_blank(name, value) {
        return JValue::from_object(Blank {
            field: Arc::clone(name),
        });
    }
    match value {
        Some(Value::Integer(i)) => JValue::from(*i),
        Some(Value::Decimal(f)) => JValue::from(*f),
        Some(Value::Boolean(b)) => JValue::from(*b),
        Some(Value::List(items)) => items
            .iter()
            .filter(|s| !blank_item(name, s))
            .map(|s| JValue::from(clean(s)))
            .collect(),
        Some(other) => JValue::from(clean(&other.display())),
        None => JValue::UNDEFINED,
    }
}

/// True when a contact's value of merge field `field` counts as blank in a message:
/// [`is_empty`], or text or every list item a placeholder ([`is_placeholder_value`]).
pub(crate) fn is_blank(field: &str, value: Option<&Value>) -> bool {
    match value {
        Some(Value::Text(s)) => blank_item(field, s),
        Some(Value::List(items)) => items.iter().all(|s| blank_item(field, s)),
        _ => is_empty(value),
    }
}

/// True when a contact's value is empty in a message: absent, null, or text and list
/// items with nothing left after removing whitespace and control characters.
pub(crate) fn is_empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::Integer(_) | Value::Decimal(_) | Value::Boolean(_)) => false,
        Some(Value::Text(s)) => blank_text(s),
        Some(Value::List(items)) => items.iter().all(|s| blank_text(s)),
        Some(other) => blank_text(&other.display()),
    }
}

/// A text value or list item of `field` that prints as nothing: empty or a placeholder.
pub(crate) fn blank_item(field: &str, s: &str) -> bool {
    blank_text(s) || is_placeholder_value(s, field)
}

/// `clean(s).trim().is_empty()` without building the cleaned text: every character is
/// whitespace or one [`clean`] removes or turns into a space.
fn blank_text(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_unsafe(c))
}

/// `s` without control and bidi characters; tab, CR and LF become a space each.
pub(crate) fn clean(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\r' | '\n' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_controls_and_spaces_line_breaks() {
        assert_eq!(clean("An\u{1b}[31mna"), "An[31mna");
        assert_eq!(clean("a\r\nb\tc"), "a  b c");
        assert_eq!(clean("\u{202e}evil"), "evil");
        assert_eq!(clean("zoë"), "zoë");
    }

    #[test]
    fn blank_text_is_blank_after_cleaning() {
        for s in [
            "",
            " ",
            "\t\r\n",
            "\u{1b}",
            " \u{202e} ",
            "\u{85}",
            "a",
            " \u{1b}b",
            "é",
        ] {
            assert_eq!(blank_text(s), clean(s).trim().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn display_matches_field_values() {
        assert_eq!(display(&JValue::from(12.0)), "12");
        assert_eq!(display(&JValue::from(12.5)), "12.5");
        assert_eq!(display(&JValue::from(vec!["vip", "gold"])), "vip, gold");
        assert_eq!(display(&JValue::from(())), "");
    }
}
