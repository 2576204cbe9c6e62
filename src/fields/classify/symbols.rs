//! Symbols that say a word: `assets/symbol-words.toml`, parsed once.
//!
//! Owns the table from a symbol (`☪`, `♿`, the rainbow flag) to the word it says
//! (`islam`, `wheelchair`, `lgbt`), which [`super::words::fold_into`] writes in its
//! place so that the one matcher reads it like the word. The asset is compiled in: a
//! parse failure is a build defect the unit tests catch (and would leave every symbol
//! unread, never a user's error).

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

const SOURCE: &str = include_str!("../../../assets/symbol-words.toml");

/// The white flag that, with a sign after it, makes the pride flags (U+1F3F3; the
/// joiner and variation selector between them are gone after
/// [`super::normalise::visible`]).
pub(super) const FLAG: char = '\u{1F3F3}';

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    symbol: Vec<RawSymbol>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSymbol {
    word: String,
    chars: Vec<char>,
    #[serde(default)]
    after_flag: Vec<char>,
}

/// Symbol → word, and sign after a white flag → word.
#[derive(Default)]
struct Symbols {
    single: HashMap<char, String>,
    flags: HashMap<char, String>,
}

fn symbols() -> &'static Symbols {
    static SYMBOLS: LazyLock<Symbols> = LazyLock::new(|| parse(SOURCE).unwrap_or_default());
    &SYMBOLS
}

fn parse(source: &str) -> Result<Symbols, String> {
    let raw: Raw = toml::from_str(source).map_err(|e| e.to_string())?;
    let mut out = Symbols::default();
    for s in raw.symbol {
        for c in s.chars {
            out.single.insert(c, s.word.clone());
        }
        for c in s.after_flag {
            out.flags.insert(c, s.word.clone());
        }
    }
    Ok(out)
}

/// The word symbol `c` says in a tag or note, if any (`next`: the character after it,
/// which makes a white flag a pride flag). Each word is a vocabulary term of its kind.
pub(super) fn symbol_word(c: char, next: Option<char>) -> Option<&'static str> {
    let table = symbols();
    if c == FLAG {
        return next.and_then(|n| table.flags.get(&n)).map(String::as_str);
    }
    table.single.get(&c).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::super::dictionary::{Term, dictionary};
    use super::super::values::sensitive_value;
    use super::*;

    #[test]
    fn the_asset_parses_and_every_word_is_a_sensitive_term() {
        let table = parse(SOURCE).expect("assets/symbol-words.toml parses");
        assert!(table.single.len() >= 20 && !table.flags.is_empty());
        for word in table.single.values().chain(table.flags.values()) {
            assert!(
                matches!(dictionary().term(word), Some(Term::Listed(_))),
                "{word} is no vocabulary term"
            );
            assert!(sensitive_value(word).is_some(), "{word} is not sensitive");
        }
    }

    #[test]
    fn symbols_and_flags_say_their_word() {
        assert_eq!(symbol_word('\u{262A}', None), Some("islam"));
        assert_eq!(symbol_word('\u{267F}', None), Some("wheelchair"));
        assert_eq!(symbol_word(FLAG, Some('\u{1F308}')), Some("lgbt"));
        assert_eq!(symbol_word(FLAG, Some('\u{26A7}')), Some("transgender"));
        assert_eq!(symbol_word(FLAG, None), None);
        assert_eq!(symbol_word('\u{1F308}', None), None);
        assert_eq!(symbol_word('a', None), None);
    }
}
