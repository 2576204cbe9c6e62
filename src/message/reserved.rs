//! Names the template language keeps for itself, refused as merge fields.
//!
//! minijinja binds some names on its own: `self` (the template's blocks) everywhere,
//! `loop` inside a `{% for %}`, `super`, `caller`, `varargs` and `kwargs` in blocks and
//! macros; and `true`, `false`, `none` (any capitalisation minijinja accepts) are
//! literals. A tag naming one of them never reads a contact's value: `{{ self }}` prints
//! the engine's own object, and a field called `none` or `loop` cannot be reached by
//! its name, so it would never show up as a merge field, get no coverage count and
//! ship text no preview row explains. Refusing them at check time keeps every `{{ … }}`
//! either a checked merge field or an error. Called by [`super::check::check_part`].

use super::error::{Issue, IssueKind};
use super::scan::{self, Tag, TokenKind};
use crate::fields::Field;

/// Names minijinja binds itself, with what each stands for (minijinja 3,
/// `compiler/meta.rs` and `vm/context.rs`).
const ENGINE_NAMES: [(&str, &str); 6] = [
    ("self", "the template's own blocks"),
    ("loop", "the current `{% for %}` loop"),
    ("super", "the parent block"),
    ("caller", "the body of a `{% call %}` block"),
    ("varargs", "a macro's extra arguments"),
    ("kwargs", "a macro's extra keyword arguments"),
];

/// Literal words (minijinja 3, `compiler/parser.rs`, `RESERVED_NAMES`).
const LITERALS: [&str; 6] = ["true", "True", "false", "False", "none", "None"];

/// Push an issue for each reserved name read as a variable in `tags`, once per name.
///
/// Refused: `self`, `super`, `varargs` and `kwargs` anywhere; `loop` and `caller`
/// unless an attribute or a call follows (`loop.index`, `caller()`, which minijinja
/// gives inside a loop or a call block); a literal (`none`, `true`, `false`) only when
/// the workspace has a field of that name, which the literal hides. Any of these names
/// is refused when it is also a field's name, with a hint to rename the field.
pub(super) fn names(source: &str, tags: &[Tag], fields: &[Field], issues: &mut Vec<Issue>) {
    let mut seen: Vec<&str> = Vec::new();
    for tag in tags {
        let filter_stmt = tag.ident(0) == Some("filter");
        for (i, token) in tag.tokens.iter().enumerate() {
            let TokenKind::Ident(name) = &token.kind else {
                continue;
            };
            let after = |c| i > 0 && tag.is_punct(i - 1, c);
            if after('.') || after('|') || (filter_stmt && i == 1) || seen.contains(&&**name) {
                continue;
            }
            let is_field = fields.iter().any(|f| &f.name == name);
            let engine = ENGINE_NAMES.iter().find(|(n, _)| n == name);
            let refused = match engine {
                Some((n, _)) if matches!(*n, "loop" | "caller") => {
                    is_field || !(tag.is_punct(i + 1, '.') || tag.is_punct(i + 1, '('))
                }
                Some(_) => true,
                None => is_field && LITERALS.contains(&name.as_str()),
            };
            if !refused {
                continue;
            }
            seen.push(name);
            let meaning = match engine {
                Some((_, meaning)) => format!("the template language's name for {meaning}"),
                None => "a literal value in templates".to_string(),
            };
            let (line, column) = scan::line_col(source, token.offset);
            issues.push(Issue {
                line,
                column,
                kind: IssueKind::ReservedName {
                    name: name.clone(),
                    meaning,
                    field: is_field,
                },
            });
        }
    }
}
