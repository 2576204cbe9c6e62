//! Merge fields that print sensitive values: `{{ community }}` on a text field holding
//! `muslim` for some contacts writes their religion into the message, exactly as a
//! merge field of a religion field would. So a merged field is checked with the
//! sensitive values it holds ([`HeldValues`]), as a segment rule on it is
//! ([`crate::segment::check`]), each kind refused unless the campaign unlocked it
//! (`FIELD:KIND`, [`crate::fields::policy::check_value_use`]; PRODUCT.md "Privacy
//! classes", GDPR Art. 9(1)).
//!
//! Called by [`super::Message::check_held`], which the campaign editing use cases and
//! preview run after [`super::Message::check`] (they hold the workspace's values; the
//! template check itself never reads SQLite).

use super::error::{Issue, IssueKind};
use super::scan::{self, TokenKind};
use crate::fields::Field;
use crate::fields::held::HeldValues;
use crate::fields::policy::{Usage, check_value_use};
use crate::message::PolicyScope;

/// Push an issue for every merge field of `merged` (field names a checked template
/// reads) whose held sensitive values the policy refuses in message text, at the first
/// place `source` names it.
pub(super) fn merged_values(
    source: &str,
    merged: &[&str],
    fields: &[Field],
    held: &HeldValues,
    scope: &PolicyScope<'_>,
    issues: &mut Vec<Issue>,
) {
    for name in merged {
        let Some(field) = fields.iter().find(|f| f.name == *name) else {
            continue;
        };
        for h in held.of(name) {
            let Err(blocked) = check_value_use(
                field,
                &h.value,
                Usage::MessageText,
                scope.category,
                scope.unlocked,
            ) else {
                continue;
            };
            let (line, column) = scan::line_col(source, first_use(source, name));
            let message = format!(
                "{}, so merging it prints them into the message: {}",
                h.describe(name),
                blocked.message
            );
            issues.push(Issue {
                line,
                column,
                kind: IssueKind::Blocked(crate::fields::policy::Blocked { message, ..blocked }),
            });
        }
    }
}

/// Byte offset of the first identifier token `name` in `source`'s tags (0 when none).
fn first_use(source: &str, name: &str) -> usize {
    scan::tags(source)
        .iter()
        .flat_map(|t| t.tokens.iter())
        .find(|tok| matches!(&tok.kind, TokenKind::Ident(n) if n == name))
        .map_or(0, |tok| tok.offset)
}
