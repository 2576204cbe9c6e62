//! A direct renderer for the simplest templates: literal text, `{{ field }}` and
//! `{{ field | default("text") }}`, nothing else. Most campaign messages are of this
//! shape, and rendering them through the template engine costs a context, a state and
//! an output per contact; over a million contacts that is most of a preview (issue 13).
//!
//! The plan is compiled once per template, from the same source the engine compiles, and
//! gives byte for byte what the engine gives: the same value forms
//! ([`engine::merge_value`] and the output formatter: numbers as `Value::display`
//! shows them, booleans as minijinja prints them (`True`, `False`), lists joined by
//! `", "`, control and bidi characters removed from merge
//! values), the same `default` rules ([`super::filters`]: a placeholder fallback still
//! counts as missing) and minijinja's dropping of one trailing newline of the source.
//! Anything else keeps the engine: HTML bodies (escaping), whitespace control (`{{-`),
//! blocks and comments, other filters, escapes in the fallback text, and, per contact, a
//! merge value longer than [`MAX_VALUE_BYTES`] (the engine's fuel budget counts data, so
//! only it can say where a huge value runs out). `tests/preview_golden.rs` and the
//! property test below hold the two paths to the same output.

use std::sync::Arc;

use super::BodyFormat;
use super::placeholder::{is_placeholder, is_placeholder_value};
use crate::fields::value::{Record, Value};
use crate::text::is_unsafe;

/// Longest merge value the plan prints itself; longer ones go through the engine.
const MAX_VALUE_BYTES: usize = 1024;

/// Most steps a plan holds; longer templates go through the engine.
const MAX_STEPS: usize = 256;

/// Names that are not variables in a template expression.
const KEYWORDS: [&str; 14] = [
    "true", "false", "none", "True", "False", "None", "not", "and", "or", "in", "is", "if", "else",
    "loop",
];

#[derive(Debug, Clone)]
enum Step {
    Text(String),
    Field {
        name: Arc<str>,
        fallback: Option<Fallback>,
    },
}

#[derive(Debug, Clone)]
struct Fallback {
    text: String,
    /// Whether a blank value printing this counts as a fallback used; otherwise the
    /// fallback is blank or a placeholder and the field counts as missing.
    counts: bool,
}

/// A template compiled to steps.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    steps: Vec<Step>,
}

/// What a render of a plan did with blank merge values, as the engine's merge log
/// records it (unsorted, possibly repeated).
#[derive(Debug, Default)]
pub(crate) struct Log {
    pub fallbacks_used: Vec<String>,
    pub missing: Vec<String>,
    pub placeholders: Vec<String>,
}

impl Plan {
    /// The plan of `source` (after the Liquid filter rewrite, as the engine gets it), if
    /// the template is of the simple shape and every field it reads is in
    /// `merge_fields`; `None` otherwise.
    pub(crate) fn compile(
        source: &str,
        format: BodyFormat,
        merge_fields: &[Arc<str>],
    ) -> Option<Plan> {
        if format != BodyFormat::Plain {
            return None;
        }
        let source = source.strip_suffix('\n').unwrap_or(source);
        let source = source.strip_suffix('\r').unwrap_or(source);
        let mut steps = Vec::new();
        let mut rest = source;
        while !rest.is_empty() {
            let open = rest.find('{').map_or(rest.len(), |i| i);
            let (text, after) = rest.split_at(open);
            if !text.is_empty() {
                if text.contains("}}") || text.contains("%}") || text.contains("#}") {
                    return None;
                }
                steps.push(Step::Text(text.to_string()));
            }
            if after.is_empty() {
                break;
            }
            match after.as_bytes().get(1) {
                Some(b'{') => {
                    let close = after.find("}}")?;
                    steps.push(field_step(&after[2..close], merge_fields)?);
                    rest = &after[close + 2..];
                }
                Some(b'%' | b'#') => return None,
                _ => {
                    steps.push(Step::Text("{".to_string()));
                    rest = &after[1..];
                }
            }
            if steps.len() > MAX_STEPS {
                return None;
            }
        }
        Some(Plan { steps })
    }

    /// A length for a rendering's buffer: the literal text, and 32 bytes (or the
    /// fallback's length) per merge field, so the text grows once or not at all
    /// instead of from empty (issue 13, session 13: a preview renders a subject and a
    /// body for each of 210,000 recipients, each grown by several reallocations).
    pub(crate) fn size_hint(&self) -> usize {
        let step = |s: &Step| match s {
            Step::Text(t) => t.len(),
            Step::Field { fallback, .. } => fallback.as_ref().map_or(0, |f| f.text.len()).max(32),
        };
        self.steps.iter().map(step).sum()
    }

    /// Render for one contact into `out` (cleared first), logging blank fields in
    /// `log` (cleared first). `false` when a value is too long for the plan: then
    /// nothing is promised about `out` and the engine must render.
    pub(crate) fn render(&self, record: &Record, out: &mut String, log: &mut Log) -> bool {
        out.clear();
        log.fallbacks_used.clear();
        log.missing.clear();
        log.placeholders.clear();
        for step in &self.steps {
            match step {
                Step::Text(t) => out.push_str(t),
                Step::Field { name, fallback } => {
                    let value = record.get(&**name);
                    if value.is_some_and(too_long) {
                        return false;
                    }
                    let at = out.len();
                    if write_value(name, value, out) {
                        continue;
                    }
                    out.truncate(at);
                    match fallback {
                        None => log.missing.push(name.to_string()),
                        Some(f) => {
                            if f.counts {
                                log.fallbacks_used.push(name.to_string());
                            } else {
                                log.placeholders.push(name.to_string());
                                log.missing.push(name.to_string());
                            }
                            out.push_str(&f.text);
                        }
                    }
                }
            }
        }
        true
    }
}

/// `{{ name }}` or `{{ name | default("text") }}`, the inside of the braces.
fn field_step(inner: &str, merge_fields: &[Arc<str>]) -> Option<Step> {
    if inner.starts_with(['-', '+']) || inner.ends_with(['-', '+']) {
        return None;
    }
    let inner = inner.trim();
    let (name, filter) = match inner.split_once('|') {
        Some((n, f)) => (n.trim(), Some(f.trim())),
        None => (inner, None),
    };
    let simple = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name);
    let field = merge_fields.iter().find(|f| &***f == name)?;
    if !simple {
        return None;
    }
    let fallback = match filter {
        None => None,
        Some(f) => {
            let args = f.strip_prefix("default")?.trim_start();
            let literal = args.strip_prefix('(')?.strip_suffix(')')?.trim();
            let quote = literal.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let text = literal.strip_prefix(quote)?.strip_suffix(quote)?;
            if text.contains(['\\', quote]) || text.chars().any(is_unsafe) {
                return None;
            }
            let counts = !text.trim().is_empty() && !is_placeholder(text, name);
            Some(Fallback {
                text: text.to_string(),
                counts,
            })
        }
    };
    Some(Step::Field {
        name: Arc::clone(field),
        fallback,
    })
}

fn too_long(value: &Value) -> bool {
    match value {
        Value::Text(s) => s.len() > MAX_VALUE_BYTES,
        Value::List(items) => items.iter().map(String::len).sum::<usize>() > MAX_VALUE_BYTES,
        _ => false,
    }
}

/// Append the value of field `name` as the engine prints it; `false` (with `out`
/// possibly extended) when the value is blank in a message (absent, null, nothing left
/// after removing whitespace and control characters, or a placeholder: see
/// [`super::engine::is_blank`]).
fn write_value(name: &str, value: Option<&Value>, out: &mut String) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Integer(i)) => {
            out.push_str(&i.to_string());
            true
        }
        Some(Value::Decimal(f)) => {
            out.push_str(&f.to_string());
            true
        }
        Some(Value::Boolean(b)) => {
            out.push_str(if *b { "True" } else { "False" });
            true
        }
        Some(Value::Text(s)) => !is_placeholder_value(s, name) && write_clean(s, out),
        Some(Value::List(items)) => {
            let mut any = false;
            for item in items.iter().filter(|s| !is_placeholder_value(s, name)) {
                let at = out.len();
                if any {
                    out.push_str(", ");
                }
                if write_clean(item, out) {
                    any = true;
                } else {
                    out.truncate(at);
                }
            }
            any
        }
        Some(other) => write_clean(&other.display(), out),
    }
}

/// Append `s` without control and bidi characters (tab, CR and LF become a space each,
/// as [`super::engine::clean`] does); `false` when nothing but whitespace was left.
fn write_clean(s: &str, out: &mut String) -> bool {
    let at = out.len();
    if s.chars().any(is_unsafe) {
        out.extend(s.chars().filter_map(|c| match c {
            '\t' | '\r' | '\n' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        }));
    } else {
        out.push_str(s);
    }
    !out[at..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(names: &[&str]) -> Vec<Arc<str>> {
        names.iter().map(|n| Arc::from(*n)).collect()
    }

    #[test]
    fn only_the_simple_shape_compiles() {
        let f = fields(&["first_name", "city"]);
        let plain = BodyFormat::Plain;
        assert!(Plan::compile("Hi {{ first_name }}!", plain, &f).is_some());
        assert!(Plan::compile(r#"Hi {{first_name|default("you")}}"#, plain, &f).is_some());
        assert!(Plan::compile("Hi {{- first_name }}", plain, &f).is_none());
        assert!(Plan::compile("{% if city %}x{% endif %}", plain, &f).is_none());
        assert!(Plan::compile("{# note #}", plain, &f).is_none());
        assert!(Plan::compile("{{ first_name | upper }}", plain, &f).is_none());
        assert!(Plan::compile(r#"{{ city | default("a\"b") }}"#, plain, &f).is_none());
        assert!(Plan::compile("{{ zip }}", plain, &f).is_none());
        assert!(Plan::compile("Hi {{ first_name }}", BodyFormat::Html, &f).is_none());
    }

    #[test]
    fn renders_values_fallbacks_and_blanks_as_the_engine_does() {
        let f = fields(&["first_name", "city", "tags"]);
        let plan = Plan::compile(
            "Hi {{ first_name | default(\"there\") }} in {{ city }}: {{ tags }} {x}\n",
            BodyFormat::Plain,
            &f,
        )
        .unwrap();
        let mut record = Record::default();
        record.insert("first_name".into(), Value::Text(" \t".into()));
        record.insert("city".into(), Value::Text("Kö\u{202e}ln\tWest".into()));
        record.insert(
            "tags".into(),
            Value::List(vec!["vip".into(), "\u{1b}".into(), "gold".into()]),
        );
        let (mut out, mut log) = (String::new(), Log::default());
        assert!(plan.render(&record, &mut out, &mut log));
        // The trailing newline of the source is dropped, as minijinja does by default.
        assert_eq!(out, "Hi there in Köln West: vip, gold {x}");
        assert_eq!(log.fallbacks_used, ["first_name"]);
        assert!(log.missing.is_empty());
        record.remove("city");
        assert!(plan.render(&record, &mut out, &mut log));
        assert_eq!(out, "Hi there in : vip, gold {x}");
        assert_eq!(log.missing, ["city"]);
    }

    fn field(name: &str, ty: crate::fields::FieldType) -> crate::fields::Field {
        crate::fields::Field {
            name: name.into(),
            header: name.into(),
            ty,
            role: crate::fields::Role::None,
            class: crate::fields::PrivacyClass::Ordinary,
            reason: String::new(),
            kind: None,
        }
    }

    fn text_value() -> impl Strategy<Value = Value> {
        let piece = prop::sample::select(vec![
            "",
            " ",
            "\t",
            "\r\n",
            "Zoë",
            "a b",
            "\u{1b}[31m",
            "\u{202e}",
            "\u{85}",
            "x\u{2028}y",
            "{{ 7*7 }}",
            "&<>",
            "...",
            "TODO",
            "n/a",
            "0",
            "-",
            "*|FNAME|*",
        ]);
        prop_oneof![
            Just(Value::Null),
            prop::collection::vec(piece.clone(), 0..4).prop_map(|p| Value::Text(p.concat())),
            any::<i64>().prop_map(Value::Integer),
            prop_oneof![Just(12.0), Just(-0.5), Just(1e21), Just(3.25)].prop_map(Value::Decimal),
            any::<bool>().prop_map(Value::Boolean),
            prop::collection::vec(piece, 0..4)
                .prop_map(|p| Value::List(p.into_iter().map(str::to_string).collect())),
        ]
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// The plan and the engine give the same text and logs for any values.
        #[test]
        fn plan_and_engine_agree(
            a in text_value(),
            b in text_value(),
            template in prop::sample::select(vec![
                "Hi {{ a }} and {{ b }}!",
                "{{ a | default(\"friend\") }},\n{{b}}\n",
                "{{ a|default('you') }} {{ b | default(\"x\") }} {{ a }}\r\n",
                "x { y {{ b | default(\"there\") }}}",
            ]),
            lines in prop::sample::select(vec![super::super::clean::Lines::Multi, super::super::clean::Lines::Subject]),
        ) {
            use crate::fields::FieldType;
            let fields = [field("a", FieldType::Text), field("b", FieldType::Text)];
            let scope = crate::message::PolicyScope::outside_campaign();
            let checked =
                crate::message::check::check_part(template, BodyFormat::Plain, lines, &fields, &scope);
            // A subject is one line: templates with line breaks are bodies only.
            let Ok(mut t) = checked else {
                prop_assert!(lines == super::super::clean::Lines::Subject && template.contains('\n'));
                return Ok(());
            };
            prop_assert!(t.plan.is_some());
            let mut record = Record::default();
            record.insert("a".into(), a);
            record.insert("b".into(), b);
            let fast = t.render(&record).unwrap();
            t.plan = None;
            let engine = t.render(&record).unwrap();
            prop_assert_eq!(fast, engine);
        }
    }
}
