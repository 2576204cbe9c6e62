//! A light tokeniser for the tags of a template (`{{ … }}`, `{% … %}`), used only by the
//! static checks.
//!
//! minijinja parses and runs templates, but its syntax tree is not public API (it sits
//! behind an unstable feature), and Liquid-style input such as `{{ x | default: "y" }}`
//! never parses at all. The checks need three things minijinja does not give: where
//! each name first appears (line and column for error messages), which filters are
//! applied to what with which literal arguments, and where Liquid-style filter colons
//! are. This scanner gives them. It only reads; what a template means is minijinja's
//! job, and a tag this scanner cannot make sense of is left to minijinja's syntax check.
//! Called by [`super::check`].

/// One token inside a tag, with its byte offset in the template text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind {
    Ident(String),
    /// A string literal's contents with escapes resolved as minijinja does for the
    /// common cases (`\"`, `\'`, `\\`, `\n`, `\t`).
    Str(String),
    Punct(char),
    /// Numbers and anything else the checks do not need to look inside.
    Other,
}

/// One tag: its tokens and where it starts and ends (byte offsets of `{{`/`{%` and just
/// past `}}`/`%}`).
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub tokens: Vec<Token>,
    pub start: usize,
    pub end: usize,
    /// Byte offset where the closing marker (with any `-`/`+` whitespace control)
    /// begins: the end of the tag's contents.
    pub content_end: usize,
}

impl Tag {
    pub fn ident(&self, i: usize) -> Option<&str> {
        match self.tokens.get(i).map(|t| &t.kind) {
            Some(TokenKind::Ident(name)) => Some(name),
            _ => None,
        }
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        matches!(self.tokens.get(i).map(|t| &t.kind), Some(TokenKind::Punct(p)) if *p == c)
    }
}

/// Every `{{ … }}` and `{% … %}` tag of `source`, skipping comments and `{% raw %}`
/// blocks. Stops quietly at an unterminated tag or string: minijinja reports those.
pub(crate) fn tags(source: &str) -> Vec<Tag> {
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_raw = false;
    while i < chars.len() {
        if at(i) != Some('{') {
            i += 1;
            continue;
        }
        match at(i + 1) {
            Some('#') if !in_raw => {
                let from = chars[i].0 + 2;
                let Some(end) = source[from..].find("#}") else {
                    break;
                };
                let end_byte = from + end + 2;
                while i < chars.len() && chars[i].0 < end_byte {
                    i += 1;
                }
            }
            Some(open @ ('{' | '%')) if !in_raw || open == '%' => {
                let close = if open == '{' { '}' } else { '%' };
                let Some((tag, next)) = tag_at(&chars, i, close) else {
                    break;
                };
                i = next;
                if in_raw {
                    in_raw = tag.ident(0) != Some("endraw");
                    continue;
                }
                in_raw = close == '%' && tag.ident(0) == Some("raw");
                out.push(tag);
            }
            _ => i += 1,
        }
    }
    out
}

/// The tag whose opening marker is at char index `first`, and the char index just past it.
fn tag_at(chars: &[(usize, char)], first: usize, close: char) -> Option<(Tag, usize)> {
    let start = chars[first].0;
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let byte = |i: usize| chars.get(i).map_or(usize::MAX, |(b, _)| *b);
    let mut tokens = Vec::new();
    let mut i = first + 2;
    // Whitespace control right after the opening marker (`{{-`, `{%+`).
    if matches!(at(i), Some('-' | '+')) {
        i += 1;
    }
    while let Some(c) = at(i) {
        let offset = byte(i);
        if c == close && at(i + 1) == Some('}') {
            let end = offset + 2;
            let tag = Tag {
                tokens,
                start,
                end,
                content_end: offset,
            };
            return Some((tag, i + 2));
        }
        if matches!(c, '-' | '+') && at(i + 1) == Some(close) && at(i + 2) == Some('}') {
            let end = offset + 3;
            let tag = Tag {
                tokens,
                start,
                end,
                content_end: offset,
            };
            return Some((tag, i + 3));
        }
        if c.is_whitespace() {
            i += 1;
        } else if c == '_' || c.is_alphabetic() {
            let begin = i;
            while at(i).is_some_and(|c| c == '_' || c.is_alphanumeric()) {
                i += 1;
            }
            let name: String = chars[begin..i].iter().map(|(_, c)| *c).collect();
            tokens.push(Token {
                kind: TokenKind::Ident(name),
                offset,
            });
        } else if c == '"' || c == '\'' {
            let mut text = String::new();
            i += 1;
            loop {
                let ch = at(i)?;
                i += 1;
                match ch {
                    '\\' => {
                        let escaped = at(i)?;
                        i += 1;
                        text.push(match escaped {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                    ch if ch == c => break,
                    ch => text.push(ch),
                }
            }
            tokens.push(Token {
                kind: TokenKind::Str(text),
                offset,
            });
        } else if c.is_ascii_digit() {
            while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || c == '.') {
                i += 1;
            }
            tokens.push(Token {
                kind: TokenKind::Other,
                offset,
            });
        } else {
            tokens.push(Token {
                kind: TokenKind::Punct(c),
                offset,
            });
            i += 1;
        }
    }
    None
}

/// 1-based line and column (in characters) of byte `offset` in `source`.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(tag: &Tag) -> Vec<TokenKind> {
        tag.tokens.iter().map(|t| t.kind.clone()).collect()
    }

    #[test]
    fn tokenises_filters_and_strings() {
        let tags = tags("Hi {{ name | default(\"a }} b\") }}!");
        assert_eq!(tags.len(), 1);
        assert_eq!(
            kinds(&tags[0]),
            vec![
                TokenKind::Ident("name".into()),
                TokenKind::Punct('|'),
                TokenKind::Ident("default".into()),
                TokenKind::Punct('('),
                TokenKind::Str("a }} b".into()),
                TokenKind::Punct(')'),
            ]
        );
        assert_eq!(tags[0].start, 3);
        assert_eq!(tags[0].tokens[0].offset, 6);
    }

    #[test]
    fn skips_comments_and_raw_blocks() {
        let tags = tags("{# {{ a }} #}{% raw %}{{ b }}{% endraw %}{{- c -}}");
        let names: Vec<_> = tags.iter().filter_map(|t| t.ident(0)).collect();
        assert_eq!(names, vec!["raw", "c"]);
    }

    #[test]
    fn line_and_column_count_characters() {
        let src = "ab\nzoë {{ x";
        assert_eq!(line_col(src, 0), (1, 1));
        // "zoë " is 4 characters but 5 bytes; `{` is the 5th character of line 2.
        assert_eq!(line_col(src, 3 + 5), (2, 5));
    }
}
