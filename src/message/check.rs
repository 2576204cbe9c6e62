//! Checking a template before anything renders: size, Liquid-style filters, syntax,
//! merge fields (unknown, blocked, consent), filters and their literal arguments.
//!
//! The result of a successful check is a [`CheckedTemplate`]: compiled once, ready to
//! render for every contact. Source of the rules: PRODUCT.md, "Messages" and "Privacy
//! classes"; the policy itself is [`crate::fields::policy::check_use`]. Called by
//! [`super::Message::check`] and by anything that previews a single template.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use minijinja::{Environment, ErrorKind};

use super::BodyFormat;
use super::clean::{self, Lines};
use super::engine::{self, TEMPLATE_NAME};
use super::error::{Issue, IssueKind, MAX_TEMPLATE_BYTES, TemplateError};
use super::fast::Plan;
use super::filters;
use super::scan::{self, Tag, TokenKind};
use crate::fields::policy::{Category, Usage, check_use};
use crate::fields::{Field, FieldType, PrivacyClass};

/// The policy context a template is checked in, as for segment rules: the campaign's
/// category (`None` outside any campaign) and the names of the fields it unlocked.
#[derive(Debug, Clone, Copy)]
pub struct PolicyScope<'a> {
    pub category: Option<Category>,
    pub unlocked: &'a BTreeSet<String>,
}

static NOTHING_UNLOCKED: BTreeSet<String> = BTreeSet::new();

impl PolicyScope<'static> {
    /// Outside any campaign: nothing is unlocked.
    pub fn outside_campaign() -> Self {
        PolicyScope {
            category: None,
            unlocked: &NOTHING_UNLOCKED,
        }
    }
}

/// A template that passed [`check`], compiled once and reusable for any number of
/// renders (see [`CheckedTemplate::render`]).
pub struct CheckedTemplate {
    pub(crate) env: Environment<'static>,
    pub(crate) merge_fields: Vec<Arc<str>>,
    pub(crate) format: BodyFormat,
    /// Whether the rendered text may span lines (see [`clean::clean_output`]).
    pub(crate) lines: Lines,
    /// The direct renderer, when the template is simple enough ([`super::fast`]).
    pub(crate) plan: Option<Plan>,
}

impl std::fmt::Debug for CheckedTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedTemplate")
            .field("merge_fields", &self.merge_fields)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl CheckedTemplate {
    /// The merge fields the template reads, sorted by name.
    pub fn merge_fields(&self) -> impl Iterator<Item = &str> {
        self.merge_fields.iter().map(|f| &**f)
    }

    /// Whether merge values are HTML-escaped (HTML bodies) or not (plain text).
    pub fn format(&self) -> BodyFormat {
        self.format
    }
}

/// Check `source` as a multi-line template (an e-mail body) of `format` against the
/// workspace's `fields` and the policy in `scope`: [`check_part`] with [`Lines::Multi`].
///
/// Errors: see [`check_part`].
pub fn check(
    source: &str,
    format: BodyFormat,
    fields: &[Field],
    scope: &PolicyScope<'_>,
) -> Result<CheckedTemplate, TemplateError> {
    check_part(source, format, Lines::Multi, fields, scope)
}

/// Check `source` as a template of `format` for a part of `lines` (a subject and an SMS
/// body are one line) against the workspace's `fields` and the policy in `scope`.
///
/// Errors: [`TemplateError::TooLarge`] past [`MAX_TEMPLATE_BYTES`];
/// [`TemplateError::Syntax`] with line, column and a caret excerpt;
/// [`TemplateError::Invalid`] listing every other problem (control, C1 and bidi
/// override characters and, in one-line parts, line breaks, each with its line and
/// column; unknown merge fields with a suggestion, blocked and consent fields,
/// sensitive values compared in tags (`{% if "muslim" in tags %}`, see
/// [`super::sensitive`]), Liquid-style filters with the accepted form, unknown filters,
/// bad literal date formats and currency codes; functions, tests, methods and `~`,
/// which templates do not offer; names the template language reserves, such as
/// `{{ self }}`, see [`super::reserved`]).
pub fn check_part(
    source: &str,
    format: BodyFormat,
    lines: Lines,
    fields: &[Field],
    scope: &PolicyScope<'_>,
) -> Result<CheckedTemplate, TemplateError> {
    if source.len() > MAX_TEMPLATE_BYTES {
        return Err(TemplateError::TooLarge {
            bytes: source.len(),
            limit: MAX_TEMPLATE_BYTES,
        });
    }
    let tags = scan::tags(source);
    let mut issues = clean::issues(source, &tags, lines);
    let fixed = liquid_filters(source, &tags, &mut issues);
    let plan_source = fixed.clone();
    let env = match engine::build(fixed, format) {
        Ok(env) => env,
        Err(_) if !issues.is_empty() => return Err(TemplateError::Invalid(issues)),
        Err(e) => return Err(syntax_error(source, &e)),
    };
    let undeclared = env
        .get_template(TEMPLATE_NAME)
        .map_err(|e| syntax_error(source, &e))?
        .undeclared_variables(false);
    let uses = Uses::of(&tags);
    uses.filter_issues(source, fields, &mut issues);
    super::reserved::names(source, &tags, fields, &mut issues);
    let mut merge_fields = Vec::new();
    for name in &undeclared {
        let reserved =
            |i: &Issue| matches!(&i.kind, IssueKind::ReservedName { name: n, .. } if n == name);
        if issues.iter().any(reserved) {
            continue;
        }
        let at = |kind| issue(source, uses.names.get(name).copied().unwrap_or(0), kind);
        let field = fields.iter().find(|f| &f.name == name);
        match field {
            None if uses.calls.contains(name) => {
                issues.push(at(IssueKind::Function { name: name.clone() }))
            }
            None => {
                let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
                let suggestion = crate::fields::change::closest(name, &names).map(str::to_string);
                issues.push(at(IssueKind::UnknownField {
                    name: name.clone(),
                    suggestion,
                }));
            }
            Some(f) if f.class == PrivacyClass::Consent => {
                issues.push(at(IssueKind::ConsentField { name: name.clone() }))
            }
            Some(f) => {
                let unlocked = scope.unlocked.contains(name);
                match check_use(f, Usage::MessageText, scope.category, unlocked) {
                    Ok(()) => merge_fields.push(Arc::from(name.as_str())),
                    Err(blocked) => issues.push(at(IssueKind::Blocked(blocked))),
                }
            }
        }
    }
    super::sensitive::literals(source, &tags, fields, scope, &mut issues);
    if !issues.is_empty() {
        issues.sort_by_key(|i| (i.line, i.column));
        return Err(TemplateError::Invalid(issues));
    }
    merge_fields.sort();
    let plan = Plan::compile(&plan_source, format, &merge_fields);
    Ok(CheckedTemplate {
        env,
        merge_fields,
        format,
        lines,
        plan,
    })
}

fn issue(source: &str, offset: usize, kind: IssueKind) -> Issue {
    let (line, column) = scan::line_col(source, offset);
    Issue { line, column, kind }
}

fn syntax_error(source: &str, e: &minijinja::Error) -> TemplateError {
    let (line, column) = match e.range() {
        Some(range) => scan::line_col(source, range.start),
        None => (e.line().unwrap_or(1), 1),
    };
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let gutter = line.to_string();
    let excerpt = format!(
        "{gutter} | {text}\n{} | {}^",
        " ".repeat(gutter.len()),
        " ".repeat(column.saturating_sub(1))
    );
    let message = match e.kind() {
        ErrorKind::SyntaxError => e.detail().unwrap_or("invalid syntax").to_string(),
        kind => match e.detail() {
            Some(detail) => format!("{kind}: {detail}"),
            None => kind.to_string(),
        },
    };
    TemplateError::Syntax {
        line,
        column,
        message,
        excerpt,
    }
}

/// Finds Liquid-style filter arguments (`| default: "y"`), records an issue per tag with
/// the tag rewritten the accepted way, and returns the template with every such filter
/// rewritten, so the other checks can still run and report in the same pass.
fn liquid_filters(source: &str, tags: &[Tag], issues: &mut Vec<Issue>) -> String {
    let mut all_edits = Vec::new();
    for tag in tags {
        let mut edits = Vec::new();
        for i in 0..tag.tokens.len() {
            if !(tag.is_punct(i, '|') && tag.ident(i + 1).is_some() && tag.is_punct(i + 2, ':')) {
                continue;
            }
            let colon = tag.tokens[i + 2].offset;
            let mut depth = 0i32;
            let mut end = tag.content_end;
            for token in &tag.tokens[i + 3..] {
                match token.kind {
                    TokenKind::Punct('(' | '[' | '{') => depth += 1,
                    TokenKind::Punct(')' | ']' | '}') => depth -= 1,
                    TokenKind::Punct('|') if depth == 0 => {
                        end = token.offset;
                        break;
                    }
                    _ => {}
                }
            }
            let args = source[colon + 1..end].trim();
            let args_end = colon + 1 + source[colon + 1..end].trim_end().len();
            edits.push((colon, args_end, format!("({args})")));
        }
        if let Some(&(first, _, _)) = edits.first() {
            let tag_text = &source[tag.start..tag.end];
            let accepted = apply(tag_text, &edits, tag.start);
            issues.push(issue(
                source,
                first,
                IssueKind::LiquidFilter {
                    found: tag_text.to_string(),
                    accepted,
                },
            ));
            all_edits.extend(edits);
        }
    }
    apply(source, &all_edits, 0)
}

/// `text` (which starts at byte `base` of the template) with each `(start, end,
/// replacement)` edit applied; edits are in template offsets, in order, not overlapping.
fn apply(text: &str, edits: &[(usize, usize, String)], base: usize) -> String {
    let mut out = String::with_capacity(text.len() + edits.len() * 2);
    let mut pos = 0;
    for (start, end, replacement) in edits {
        out.push_str(&text[pos..start - base]);
        out.push_str(replacement);
        pos = end - base;
    }
    out.push_str(&text[pos..]);
    out
}

/// Where names, calls and filters appear in the tags.
struct Uses {
    /// First offset of each name read as a variable (not after `.` or `|`).
    names: BTreeMap<String, usize>,
    /// Names called like functions (`range(…)`).
    calls: BTreeSet<String>,
    /// (tag index, token index) of each filter name.
    filters: Vec<(usize, usize)>,
    tags: Vec<Tag>,
}

impl Uses {
    fn of(tags: &[Tag]) -> Uses {
        let mut uses = Uses {
            names: BTreeMap::new(),
            calls: BTreeSet::new(),
            filters: Vec::new(),
            tags: tags.to_vec(),
        };
        for (t, tag) in tags.iter().enumerate() {
            let filter_stmt = tag.ident(0) == Some("filter");
            for (i, token) in tag.tokens.iter().enumerate() {
                let TokenKind::Ident(name) = &token.kind else {
                    continue;
                };
                let after_pipe = i > 0 && tag.is_punct(i - 1, '|');
                let after_dot = i > 0 && tag.is_punct(i - 1, '.');
                if after_pipe || (filter_stmt && i == 1) {
                    uses.filters.push((t, i));
                } else if !after_dot {
                    uses.names.entry(name.clone()).or_insert(token.offset);
                    if tag.is_punct(i + 1, '(') {
                        uses.calls.insert(name.clone());
                    }
                }
            }
        }
        uses
    }

    /// Issues about filters, tests, methods and `~`, which need no field lookup except for
    /// `date` applied straight to a field.
    fn filter_issues(&self, source: &str, fields: &[Field], issues: &mut Vec<Issue>) {
        let mut seen = BTreeSet::new();
        for tag in &self.tags {
            for i in 0..tag.tokens.len() {
                let offset = tag.tokens[i].offset;
                if tag.is_punct(i, '.')
                    && let Some(name) = tag.ident(i + 1)
                    && tag.is_punct(i + 2, '(')
                    && seen.insert(format!(".{name}"))
                {
                    let kind = IssueKind::Method { name: name.into() };
                    issues.push(issue(source, offset, kind));
                }
                if tag.is_punct(i, '~') && seen.insert("~".to_string()) {
                    issues.push(issue(source, offset, IssueKind::Concat));
                }
                if tag.ident(i) == Some("is") {
                    let at = if tag.ident(i + 1) == Some("not") {
                        i + 2
                    } else {
                        i + 1
                    };
                    if let Some(name) = tag.ident(at) {
                        let kind = IssueKind::Test { name: name.into() };
                        issues.push(issue(source, offset, kind));
                    }
                }
            }
        }
        for &(t, i) in &self.filters {
            let tag = &self.tags[t];
            let (Some(name), offset) = (tag.ident(i), tag.tokens[i].offset) else {
                continue;
            };
            if tag.is_punct(i + 1, ':') {
                continue; // Liquid form, already reported with its accepted spelling.
            }
            let first_arg = match tag.tokens.get(i + 2).map(|t| &t.kind) {
                Some(TokenKind::Str(s)) if tag.is_punct(i + 1, '(') => Some(s.as_str()),
                _ => None,
            };
            let has_args = tag.is_punct(i + 1, '(') && !tag.is_punct(i + 2, ')');
            let subject = (i >= 2 && !tag.is_punct(i - 2, '.') && !tag.is_punct(i - 2, '|'))
                .then(|| tag.ident(i - 2))
                .flatten();
            let kind = match name {
                "default" if !has_args || first_arg.is_some_and(|s| s.trim().is_empty()) => {
                    Some(IssueKind::EmptyFallback {
                        field: subject.unwrap_or("first_name").to_string(),
                    })
                }
                "date" if !has_args => Some(IssueKind::BadDateFormat {
                    format: String::new(),
                    reason: "give a format, such as date(\"%d %B %Y\")".into(),
                }),
                "date" => {
                    let bad = first_arg.and_then(|f| {
                        filters::date_format_problem(f).map(|reason| IssueKind::BadDateFormat {
                            format: f.to_string(),
                            reason,
                        })
                    });
                    bad.or_else(|| {
                        let field = fields.iter().find(|f| Some(f.name.as_str()) == subject)?;
                        (!matches!(field.ty, FieldType::Date | FieldType::Datetime)).then(|| {
                            IssueKind::DateOfNonDate {
                                field: field.name.clone(),
                                ty: field.ty.to_string(),
                            }
                        })
                    })
                }
                "currency" if !has_args => Some(IssueKind::BadCurrency {
                    code: String::new(),
                }),
                "currency" => first_arg
                    .filter(|code| !filters::is_currency_code(code))
                    .map(|code| IssueKind::BadCurrency { code: code.into() }),
                known if filters::NAMES.contains(&known) => None,
                unknown => Some(IssueKind::UnknownFilter {
                    name: unknown.to_string(),
                    suggestion: filters::suggest(unknown),
                }),
            };
            if let Some(kind) = kind {
                issues.push(issue(source, offset, kind));
            }
        }
    }
}
