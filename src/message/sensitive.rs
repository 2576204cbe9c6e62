//! Sensitive values written inside template tags: `{% if "muslim" in tags %}` selects by
//! religion as surely as a segment rule `tags has "muslim"` does, so it is checked the
//! same way ([`crate::fields::policy::check_value_use`], PRODUCT.md "Privacy classes").
//!
//! A string literal in a tag is compared with the fields that tag reads (or, when the
//! tag reads none, with the list fields the template reads, which a `{% set %}` may have
//! carried it to). Literals passed to filters (`default("...")`, `date("...")`) are text
//! the author writes, not values looked up, and are left alone. Called by
//! [`super::check::check`].

use super::error::{Issue, IssueKind};
use super::scan::{self, Tag, TokenKind};
use crate::fields::held::sensitive_in;
use crate::fields::policy::Blocked;
use crate::fields::policy::{Usage, check_value_use};
use crate::fields::{Field, FieldType, PrivacyClass};
use crate::message::PolicyScope;

/// Push an issue for every sensitive string literal in `tags` that the policy refuses
/// for the fields it is compared with.
pub(super) fn literals(
    source: &str,
    tags: &[Tag],
    fields: &[Field],
    scope: &PolicyScope<'_>,
    issues: &mut Vec<Issue>,
) {
    let readable = |f: &&Field| f.class != PrivacyClass::Consent;
    let read_in = |tag: &Tag| -> Vec<&Field> {
        let mut out: Vec<&Field> = Vec::new();
        for (i, token) in tag.tokens.iter().enumerate() {
            let TokenKind::Ident(name) = &token.kind else {
                continue;
            };
            let after = |c| i > 0 && tag.is_punct(i - 1, c);
            if after('.') || after('|') {
                continue;
            }
            if let Some(f) = fields.iter().filter(readable).find(|f| &f.name == name)
                && !out.iter().any(|o| o.name == f.name)
            {
                out.push(f);
            }
        }
        out
    };
    let lists: Vec<&Field> = tags
        .iter()
        .flat_map(&read_in)
        .filter(|f| f.ty == FieldType::List)
        .collect();
    for tag in tags {
        let named = read_in(tag);
        let compared = if named.is_empty() { &lists } else { &named };
        for (offset, text) in compared_literals(tag) {
            // Read as the compared field reads its own values: `"pregnant-2026" in tags`
            // names `pregnant` ([`sensitive_in`]).
            let refused = compared.iter().find_map(|f| {
                sensitive_in(f, text).into_iter().find_map(|value| {
                    check_value_use(
                        f,
                        &value,
                        Usage::MessageText,
                        scope.category,
                        scope.unlocked,
                    )
                    .err()
                })
            });
            if let Some(blocked) = refused {
                let (line, column) = scan::line_col(source, offset);
                issues.push(Issue {
                    line,
                    column,
                    kind: IssueKind::Blocked(blocked),
                });
            }
        }
    }
}

/// Every refusal [`literals`] would report for template `source`, as the policy's
/// [`Blocked`] answers (for review, which reports them as findings).
pub fn blocked_values(source: &str, fields: &[Field], scope: &PolicyScope<'_>) -> Vec<Blocked> {
    let mut issues = Vec::new();
    literals(source, &scan::tags(source), fields, scope, &mut issues);
    issues
        .into_iter()
        .filter_map(|i| match i.kind {
            IssueKind::Blocked(b) => Some(b),
            _ => None,
        })
        .collect()
}

/// The string literals of `tag` that are not filter arguments, with their offsets.
fn compared_literals(tag: &Tag) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // One entry per open parenthesis: whether it opened a filter's arguments.
    let mut parens: Vec<bool> = Vec::new();
    for (i, token) in tag.tokens.iter().enumerate() {
        match &token.kind {
            TokenKind::Punct('(') => {
                let filter_call = i >= 2 && tag.ident(i - 1).is_some() && tag.is_punct(i - 2, '|');
                parens.push(filter_call);
            }
            TokenKind::Punct(')') => {
                parens.pop();
            }
            TokenKind::Str(s) if !parens.contains(&true) => out.push((token.offset, s.as_str())),
            _ => {}
        }
    }
    out
}
