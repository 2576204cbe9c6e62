//! Splitting a template into the pieces a sending platform can substitute: literal text
//! and one dynamic piece per top-level merge expression or block.
//!
//! Sending tools (Mailchimp, Klaviyo, Brevo, listmonk) substitute per-contact values
//! into their own templates, but none of them runs tactful's filters, fallbacks and
//! conditions the same way. So an export gives the platform the template's literal
//! text as it is and, for each top-level `{{ … }}` expression or `{% if %}…{% endif %}`
//! (also `for`, `with`, `filter`, `autoescape`, `raw`) block, a merge value holding
//! what that piece rendered to for the contact. Concatenating the pieces gives the
//! preview exactly, because each piece is compiled on its own with the same filters,
//! fields, policy and locale, and minijinja's whitespace rules that cross piece
//! boundaries are applied here: `{{-`/`-}}` trim the neighbouring text
//! (`trim_end`/`trim_start`), and one trailing newline of the template is dropped
//! (minijinja's default `keep_trailing_newline = false`). Templates whose pieces
//! depend on each other (a top-level `set`, `macro`, `import`, `call`) are not split:
//! [`Split::Whole`] says why, and the whole part becomes one merge value. Export
//! checks every recipient's reassembled text against the preview all the same.
//! Called by `export::merge`.

use super::check::{CheckedTemplate, PolicyScope, check};
use super::{BodyFormat, MessageLocale};
use crate::fields::Field;
use crate::fields::value::Record;

/// One piece of a split template.
#[derive(Debug)]
pub enum Piece {
    /// Text printed as it is (whitespace control already applied).
    Text(String),
    /// A top-level expression or block, with its source and its own compiled template.
    Dynamic {
        source: String,
        template: Box<CheckedTemplate>,
    },
}

/// A template split into pieces, or the reason it is kept whole.
#[derive(Debug)]
pub enum Split {
    Pieces(Vec<Piece>),
    Whole(String),
}

/// One tag found at the top level of the source, with byte offsets.
#[derive(Debug, Clone)]
struct Tag {
    start: usize,
    end: usize,
    kind: TagKind,
    /// `{{-`/`{%-`/`{#-`: trim the text before.
    trim_before: bool,
    /// `-}}`/`-%}`/`-#}`: trim the text after.
    trim_after: bool,
    /// First word of a statement (`if`, `endif`, `set`, …).
    keyword: String,
    /// A `set` with `=` (no body).
    inline_set: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Expr,
    Stmt,
    Comment,
}

const OPENERS: [&str; 9] = [
    "if",
    "for",
    "with",
    "filter",
    "autoescape",
    "raw",
    "macro",
    "call",
    "block",
];
const SPLITTABLE: [&str; 6] = ["if", "for", "with", "filter", "autoescape", "raw"];

/// Split `source` (a template of `format`) for a platform; each dynamic piece is
/// checked against `fields` and `scope` as the whole template was, and speaks
/// `locale`. A template that cannot be split comes back as [`Split::Whole`].
pub fn split(
    source: &str,
    format: BodyFormat,
    fields: &[Field],
    scope: &PolicyScope<'_>,
    locale: Option<MessageLocale>,
) -> Split {
    let mut src = source;
    if let Some(s) = src.strip_suffix('\n') {
        src = s;
    }
    if let Some(s) = src.strip_suffix('\r') {
        src = s;
    }
    let tags = match tags(src) {
        Ok(tags) => tags,
        Err(why) => return Split::Whole(why),
    };
    // Group the tags into top-level pieces: (start, end, trim_before, trim_after),
    // comments as pieces with no source.
    let mut groups: Vec<(usize, usize, bool, bool, TagKind)> = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<Tag> = None;
    for tag in tags {
        match tag.kind {
            TagKind::Expr | TagKind::Comment if depth == 0 => groups.push((
                tag.start,
                tag.end,
                tag.trim_before,
                tag.trim_after,
                tag.kind,
            )),
            TagKind::Expr | TagKind::Comment => {}
            TagKind::Stmt => {
                let k = tag.keyword.as_str();
                let opens = OPENERS.contains(&k) || (k == "set" && !tag.inline_set);
                let closes = k.starts_with("end");
                if depth == 0 {
                    if !opens || !SPLITTABLE.contains(&k) {
                        return Split::Whole(format!(
                            "a top-level `{k}` makes its pieces depend on each other"
                        ));
                    }
                    open = Some(tag.clone());
                }
                if opens {
                    depth += 1;
                } else if closes {
                    depth = depth.saturating_sub(1);
                    if depth == 0
                        && let Some(first) = open.take()
                    {
                        groups.push((
                            first.start,
                            tag.end,
                            first.trim_before,
                            tag.trim_after,
                            TagKind::Stmt,
                        ));
                    }
                }
            }
        }
    }
    if depth != 0 {
        return Split::Whole("a block is not closed".into());
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text_from = 0usize;
    let mut trim_next = false;
    for (start, end, trim_before, trim_after, kind) in groups {
        let mut text = &src[text_from..start];
        if trim_next {
            text = text.trim_start();
        }
        if trim_before {
            text = text.trim_end();
        }
        push_text(&mut pieces, text);
        if kind != TagKind::Comment {
            let piece = &src[start..end];
            match check(piece, format, fields, scope) {
                Ok(mut template) => {
                    template.set_locale(locale);
                    pieces.push(constant_or_dynamic(piece, template));
                }
                Err(e) => {
                    return Split::Whole(format!("`{piece}` does not check on its own: {e}"));
                }
            }
        }
        text_from = end;
        trim_next = trim_after;
    }
    let mut text = &src[text_from..];
    if trim_next {
        text = text.trim_start();
    }
    push_text(&mut pieces, text);
    Split::Pieces(pieces)
}

fn push_text(pieces: &mut Vec<Piece>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        last.push_str(text);
    } else {
        pieces.push(Piece::Text(text.to_string()));
    }
}

/// A piece that reads no merge field prints the same for everyone: it becomes text.
fn constant_or_dynamic(source: &str, template: CheckedTemplate) -> Piece {
    if template.merge_fields().next().is_none()
        && let Ok(r) = template.render(&Record::default())
        && r.missing.is_empty()
    {
        return Piece::Text(r.text);
    }
    Piece::Dynamic {
        source: source.to_string(),
        template: Box::new(template),
    }
}

/// The top-level tags of `src`, with `{% raw %}` blocks as one statement pair.
fn tags(src: &str) -> Result<Vec<Tag>, String> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'{' || !matches!(bytes[i + 1], b'{' | b'%' | b'#') {
            i += 1;
            continue;
        }
        let (kind, close) = match bytes[i + 1] {
            b'{' => (TagKind::Expr, "}}"),
            b'%' => (TagKind::Stmt, "%}"),
            _ => (TagKind::Comment, "#}"),
        };
        let end = find_close(src, i + 2, close, kind != TagKind::Comment)
            .ok_or_else(|| "a tag is not closed".to_string())?;
        let inner = &src[i + 2..end - 2];
        let trim_before = inner.starts_with('-');
        let trim_after = inner.ends_with('-');
        let body = inner.trim_matches(|c| c == '-' || c == '+').trim();
        let keyword: String = body
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let tag = Tag {
            start: i,
            end,
            kind,
            trim_before,
            trim_after,
            inline_set: keyword == "set" && body.contains('='),
            keyword,
        };
        if kind == TagKind::Stmt && tag.keyword == "raw" {
            let close =
                find_endraw(src, end).ok_or_else(|| "a raw block is not closed".to_string())?;
            out.push(tag);
            out.push(close);
            i = out.last().map_or(end, |t| t.end);
            continue;
        }
        i = end;
        out.push(tag);
    }
    Ok(out)
}

/// Byte offset just past the `close` marker that ends a tag opened before `from`,
/// skipping string literals in expressions and statements.
fn find_close(src: &str, from: usize, close: &str, strings: bool) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(_) if b == b'\\' => {
                i += 2;
                continue;
            }
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if strings && (b == b'"' || b == b'\'') => quote = Some(b),
            None if src[i..].starts_with(close) => return Some(i + close.len()),
            None => {}
        }
        i += 1;
    }
    None
}

/// The `{% endraw %}` tag after `from`.
fn find_endraw(src: &str, from: usize) -> Option<Tag> {
    let mut at = from;
    while let Some(off) = src[at..].find("{%") {
        let start = at + off;
        let end = find_close(src, start + 2, "%}", false)?;
        let inner = &src[start + 2..end - 2];
        if inner.trim_matches(|c| c == '-' || c == '+').trim() == "endraw" {
            return Some(Tag {
                start,
                end,
                kind: TagKind::Stmt,
                trim_before: inner.starts_with('-'),
                trim_after: inner.ends_with('-'),
                keyword: "endraw".into(),
                inline_set: false,
            });
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::value::Value;
    use crate::fields::{FieldType, PrivacyClass, Role};

    fn fields() -> Vec<Field> {
        ["first_name", "vip", "spend"]
            .iter()
            .map(|n| Field {
                name: n.to_string(),
                header: n.to_string(),
                ty: FieldType::Text,
                role: Role::None,
                class: PrivacyClass::Ordinary,
                reason: String::new(),
                kind: None,
            })
            .collect()
    }

    /// Render every piece for `record` and join them, the way a platform substitutes.
    fn reassemble(split: &Split, record: &Record) -> String {
        let Split::Pieces(pieces) = split else {
            panic!("not split: {split:?}")
        };
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Dynamic { template, .. } => template.render(record).unwrap().text,
            })
            .collect()
    }

    fn whole(source: &str, record: &Record) -> String {
        let scope = PolicyScope::outside_campaign();
        check(source, BodyFormat::Plain, &fields(), &scope)
            .unwrap()
            .render(record)
            .unwrap()
            .text
    }

    #[test]
    fn pieces_reassemble_to_the_whole_render() {
        let scope = PolicyScope::outside_campaign();
        let mut zoe = Record::default();
        zoe.insert("first_name".into(), Value::Text("zoë".into()));
        zoe.insert("vip".into(), Value::Text("yes".into()));
        let blank = Record::default();
        for source in [
            "Hi {{ first_name | default(\"there\") | title }},\nthanks.\n",
            "{% if vip %}VIP {{ first_name }}{% else %}Hello{% endif %} -\n  {{- first_name -}}  !",
            "{# note #}A {{ \"}}\" }} B {% raw %}{{ x }}{% endraw %} C",
            "Plain text only\n",
        ] {
            let split = split(source, BodyFormat::Plain, &fields(), &scope, None);
            for record in [&zoe, &blank] {
                assert_eq!(
                    reassemble(&split, record),
                    whole(source, record),
                    "{source:?}"
                );
            }
        }
    }

    #[test]
    fn top_level_set_keeps_the_template_whole() {
        let scope = PolicyScope::outside_campaign();
        let split = split(
            "{% set n = first_name %}Hi {{ n }}",
            BodyFormat::Plain,
            &fields(),
            &scope,
            None,
        );
        assert!(
            matches!(split, Split::Whole(ref why) if why.contains("`set`")),
            "{split:?}"
        );
    }
}
