//! What can go wrong with a template, in sentences a marketer can act on.
//!
//! [`TemplateError`] is returned by [`super::check`] (before anything renders) and by
//! rendering (when a template runs out of its step budget). Check problems are gathered,
//! not stopped at the first: a draft with a typo and a Liquid-style filter hears about
//! both at once. Each [`Issue`] carries the 1-based line and column where it starts.

use std::fmt;

use crate::fields::policy::Blocked;

/// Largest template accepted, in bytes. Real subjects and bodies are a few KiB; the cap
/// keeps parsing and checking bounded whatever is pasted in.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// Why a template cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "the template is {bytes} bytes; the limit is {limit} bytes (64 KiB). Shorten it or split the message"
    )]
    TooLarge { bytes: usize, limit: usize },
    /// The template does not parse. `excerpt` is the offending line with a caret under
    /// the column, ready to print below the message.
    #[error("syntax error at line {line}, column {column}: {message}\n{excerpt}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
        excerpt: String,
    },
    /// The template parses but fails one or more checks; every problem is listed.
    #[error("{}", list(.0))]
    Invalid(Vec<Issue>),
    /// Rendering for one contact failed: out of fuel, too deep, or a filter given a
    /// value it cannot use.
    #[error("the template could not be rendered: {message}")]
    Render { message: String },
}

impl TemplateError {
    /// The check problems, empty for the other variants.
    pub fn issues(&self) -> &[Issue] {
        match self {
            TemplateError::Invalid(issues) => issues,
            _ => &[],
        }
    }
}

fn list(issues: &[Issue]) -> String {
    let mut out = match issues.len() {
        1 => "the template has a problem:".to_string(),
        n => format!("the template has {n} problems:"),
    };
    for issue in issues {
        out.push_str(&format!("\n  {issue}"));
    }
    out
}

/// One check problem and where it starts (1-based line and column in characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub line: usize,
    pub column: usize,
    pub kind: IssueKind,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.kind
        )
    }
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IssueKind {
    #[error("unknown merge field `{name}`{}", did_you_mean(.suggestion))]
    UnknownField {
        name: String,
        suggestion: Option<String>,
    },
    /// Special category or protected field without an unlock (PRODUCT.md, "Privacy
    /// classes"); the message says how to unlock it, or that it cannot be.
    #[error("{0}")]
    Blocked(Blocked),
    /// Consent fields may steer rules but never appear in message text (PRODUCT.md,
    /// "Privacy classes": consent, "in message text: not allowed").
    #[error(
        "field `{name}` is a consent field and is not allowed in message text; consent decides who gets a message, it is not content"
    )]
    ConsentField { name: String },
    /// Liquid (Shopify, Mailchimp-style) filter syntax; `accepted` is the same tag
    /// written the way tactful accepts it.
    #[error("`{found}` is Liquid syntax; write filter arguments in parentheses: `{accepted}`")]
    LiquidFilter { found: String, accepted: String },
    #[error("unknown filter `{name}`{}; the filters are: {}", .suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default(), super::filters::NAMES.join(", "))]
    UnknownFilter {
        name: String,
        suggestion: Option<String>,
    },
    #[error(
        "filter `default` needs a fallback that is not blank, such as `{{{{ {field} | default(\"there\") }}}}`"
    )]
    EmptyFallback { field: String },
    #[error("invalid date format `{format}`: {reason}")]
    BadDateFormat { format: String, reason: String },
    #[error("filter `date` is applied to `{field}`, which is a {ty} field, not a date")]
    DateOfNonDate { field: String, ty: String },
    #[error("{}", bad_currency(.code))]
    BadCurrency { code: String },
    #[error(
        "`{name}(…)` is not available in messages: templates may use merge fields, filters and {{% if %}} conditions"
    )]
    Function { name: String },
    #[error(
        "tests such as `is {name}` are not available; write `{{% if field %}}`, which is false for blank values"
    )]
    Test { name: String },
    #[error("methods such as `.{name}()` are not available; use a filter, such as `| upper`")]
    Method { name: String },
    /// `~` joins text inside a tag, where a blank merge value would vanish without being
    /// reported; text written outside the tag does the same job safely.
    #[error("`~` is not available; write the text outside the tag: `{{{{ first_name }}}}!`")]
    Concat,
    /// A line break in a one-line part: in a subject it would end the header for the
    /// sending tool and start a new one (header injection, CWE-93).
    #[error(
        "a line break ({name}) is not allowed in {part}: it must stay one line (in a subject, what follows a line break would become a header of its own, such as `Bcc:`); write it on one line"
    )]
    LineBreak { name: String, part: &'static str },
    /// A control, C1 or bidi override character typed or pasted into the template.
    #[error(
        "{name} is not allowed in {part}: control characters, C1 controls and bidi overrides can rewrite a terminal or disguise text; delete it (it may have come in with pasted text)"
    )]
    UnsafeCharacter { name: String, part: &'static str },
    /// The same, written as an escape in a string literal.
    #[error("the escape `{escape}` makes {name}, which is not allowed in {part}; delete it")]
    EscapedCharacter {
        escape: String,
        name: String,
        part: &'static str,
    },
    /// A name the template language binds itself (`self`, `loop`, …) or a literal
    /// (`none`) hiding a field of that name: it never reads a contact's value.
    #[error("{}", reserved(.name, .meaning, *.field))]
    ReservedName {
        name: String,
        meaning: String,
        field: bool,
    },
    #[error("and {more} more such characters")]
    MoreCharacters { more: usize },
}

fn reserved(name: &str, meaning: &str, field: bool) -> String {
    if field {
        return format!(
            "the field `{name}` cannot be used in a message: `{name}` is {meaning}, so `{{{{ {name} }}}}` never reads the field; import the column under another name (`tactful import FILE --map 'HEADER=new_name'`)"
        );
    }
    let instead = match name {
        "loop" => "inside `{% for %}` use one of its attributes, such as `{{ loop.index }}`",
        "caller" => "inside a call block write `{{ caller() }}`",
        _ => "write a merge field, such as `{{ first_name }}`",
    };
    format!("`{name}` is {meaning}, not a merge field: it never reads a contact's value; {instead}")
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    }
}

/// `currency` with an unknown code, or with none at all (`{{ total | currency }}`).
fn bad_currency(code: &str) -> String {
    let fix = "give an ISO 4217 code of three capital letters, such as `currency(\"EUR\")`";
    if code.is_empty() {
        format!("filter `currency` needs a currency code: {fix}")
    } else {
        format!("unknown currency `{code}`: {fix}")
    }
}
