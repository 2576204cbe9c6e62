//! Cleaning of header names and cell values, one string at a time.
//!
//! Owns the rules that turn a header into a field name (`Accepts Email Marketing` →
//! `accepts_email_marketing`) and a raw cell into the text the importer types and stores
//! (edge whitespace and zero-width characters trimmed, control characters neutralised).
//! It also spots values a spreadsheet has damaged. It knows nothing of files or SQL;
//! the reader (`read.rs`) and the loader call it for every header and cell.

use std::collections::HashSet;

/// What [`clean_value`] had to change inside a value, for the report's warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaning {
    /// Control characters removed (C0 other than TAB/LF/CR, DEL, C1).
    pub controls_removed: u32,
    /// Tabs turned into spaces and carriage returns turned into line feeds.
    pub whitespace_replaced: u32,
    /// Terminal escape sequences removed whole (`ESC [31m`, `ESC ]0;title BEL`; see
    /// [`super::escapes`]); their characters are not in `controls_removed`.
    pub sequences_removed: u32,
}

/// Zero-width characters trimmed at the edges like whitespace: ZERO WIDTH SPACE,
/// NON-JOINER, JOINER (U+200B..U+200D), WORD JOINER (U+2060) and the byte order mark
/// (U+FEFF), which spreadsheets and copy-paste leave behind.
pub fn is_edge_junk(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Clean one raw cell.
///
/// Inside the value: line breaks are kept (quoted multi-line notes are data) with CR LF
/// and lone CR turned into LF; TAB becomes a space (a tab in a stored value breaks
/// tab-separated exports and terminal columns); a terminal escape sequence is removed
/// whole, its printable tail too (`ESC [31m`, not just the ESC: [`super::escapes`]);
/// every other C0 control, DEL and every C1
/// control (U+0080..U+009F) is removed, because no customer value needs them and they
/// can drive terminals (CWE-150). Then whitespace and zero-width characters are trimmed
/// at both edges, and the text is put in Unicode NFC (canonical composition: the same
/// characters, one spelling). Leading zeros and everything else are kept exactly.
///
/// A leading apostrophe in front of a formula trigger (`'=1+1`, `'-5`, `'+44 7700 …`)
/// is removed: it is the quote tactful's spreadsheet export (OWASP CSV injection) and
/// spreadsheets themselves put there to mean "text", not part of the value, so a
/// file tactful exported reads back as the values it came from. An apostrophe before
/// anything else (`'92591`, `'tis`) stays, and [`damage`] reports the Excel kind.
///
/// Idempotent: cleaning a cleaned value changes nothing.
pub fn clean_value(raw: &str) -> (String, Cleaning) {
    let mut value = String::new();
    let stats = clean_value_into(raw, &mut value);
    (value, stats)
}

/// [`clean_value`] into `out`, replacing what it held: a reader that keeps one buffer
/// per column allocates only when a value is longer than the column's longest so far.
pub fn clean_value_into(raw: &str, out: &mut String) -> Cleaning {
    // Most cells are printable ASCII: nothing to replace or remove, and the only edge
    // junk ASCII has is the space.
    let stats = if raw.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        out.clear();
        out.push_str(raw.trim_matches(' '));
        Cleaning::default()
    } else {
        let (value, stats) = clean_chars(raw);
        *out = value;
        stats
    };
    if let Some(rest) = out.strip_prefix('\'')
        && crate::export::cells::is_formula_like(rest)
    {
        // The quote hid the rest's edges from the trim: `'\u{2000}=` is `=` once cleaned.
        *out = rest.trim_matches(is_edge_junk).to_string();
    }
    stats
}

/// The non-ASCII (or control-holding) path of [`clean_value_into`].
fn clean_chars(raw: &str) -> (String, Cleaning) {
    let mut stats = Cleaning::default();
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => {
                stats.whitespace_replaced += 1;
                out.push(' ');
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    stats.whitespace_replaced += 1;
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            c if super::escapes::skip_sequence(c, &mut chars) => stats.sequences_removed += 1,
            c if is_control(c) => stats.controls_removed += 1,
            c => out.push(c),
        }
    }
    let trimmed = out.trim_matches(is_edge_junk);
    if trimmed.len() != out.len() {
        out = trimmed.to_string();
    }
    // One spelling per text (Unicode NFC, canonical composition): `Zürich` written
    // decomposed (`u` + U+0308, as macOS and some exports write it) is stored as the
    // `ü` a rule types, so rules, keyed merges and de-duplication see one value
    // (trial 4, N12). Canonically equivalent text looks the same on every screen.
    if !unicode_normalization::is_nfc(&out) {
        out = unicode_normalization::UnicodeNormalization::nfc(out.as_str()).collect();
    }
    (out, stats)
}

fn is_control(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || (0x7f..=0x9f).contains(&u)
}

/// Ways a spreadsheet program damages values before they reach us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Damage {
    /// A long number shown in scientific notation (`7.02255E+12`): digits are lost.
    ScientificNotation,
    /// A leading apostrophe (`'92591`) typed to stop Excel from dropping zeros.
    LeadingApostrophe,
    /// An Excel error value (`#N/A`, `#VALUE!`, `#REF!`, `#NAME?`, `#DIV/0!`, ...).
    ErrorValue,
    /// A US ZIP code of 3 or 4 digits (`6824` for `06824`): read as a number, it lost
    /// its leading zero. Needs the row's country, so [`damage`] never returns it:
    /// [`super::lost_zeros`] finds it.
    LostLeadingZero,
}

impl Damage {
    /// Short description for the report, its verb agreeing with `n` values
    /// ("1 value looks like", "3 values look like").
    pub fn describe(self, n: u64) -> &'static str {
        let one = n == 1;
        match (self, one) {
            (Damage::ScientificNotation, true) => {
                "looks like a long number a spreadsheet turned into scientific notation (digits are lost)"
            }
            (Damage::ScientificNotation, false) => {
                "look like long numbers a spreadsheet turned into scientific notation (digits are lost)"
            }
            (Damage::LeadingApostrophe, true) => {
                "starts with an apostrophe a spreadsheet left behind"
            }
            (Damage::LeadingApostrophe, false) => {
                "start with an apostrophe a spreadsheet left behind"
            }
            (Damage::ErrorValue, true) => "is a spreadsheet error value such as #N/A",
            (Damage::ErrorValue, false) => "are spreadsheet error values such as #N/A",
            (Damage::LostLeadingZero, true) => {
                "is a US ZIP code of only 3 or 4 digits: it probably lost a leading zero in a spreadsheet (06824 read as the number 6824)"
            }
            (Damage::LostLeadingZero, false) => {
                "are US ZIP codes of only 3 or 4 digits: they probably lost a leading zero in a spreadsheet (06824 read as the number 6824)"
            }
        }
    }
}

/// Spot a value a spreadsheet probably damaged. The value is never repaired: guessing the
/// lost digits would invent data (case BR-24).
pub fn damage(value: &str) -> Option<Damage> {
    const ERRORS: [&str; 8] = [
        "#N/A",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#DIV/0!",
        "#NUM!",
        "#NULL!",
        "#GETTING_DATA",
    ];
    if ERRORS.iter().any(|e| value.eq_ignore_ascii_case(e)) {
        return Some(Damage::ErrorValue);
    }
    if let Some(rest) = value.strip_prefix('\'')
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        return Some(Damage::LeadingApostrophe);
    }
    if is_long_scientific(value) {
        return Some(Damage::ScientificNotation);
    }
    None
}

/// `d.dddE+nn` with a positive exponent of at least 5: how Excel shows IDs and phone
/// numbers too long for its column. Small exponents (`1.5E+3`) are left alone.
fn is_long_scientific(value: &str) -> bool {
    if !value.bytes().any(|b| b == b'+') {
        return false;
    }
    let upper = value.to_ascii_uppercase();
    let Some((mantissa, exponent)) = upper.split_once("E+") else {
        return false;
    };
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("0");
    whole.len() == 1
        && whole.chars().all(|c| c.is_ascii_digit())
        && !frac.is_empty()
        && frac.chars().all(|c| c.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.len() <= 3
        && exponent.chars().all(|c| c.is_ascii_digit())
        && exponent.parse::<u32>().is_ok_and(|e| e >= 5)
}

/// Turn header cells into field names: lower-case ASCII snake_case, starting with a
/// letter, unique within the file.
///
/// Rules: accents are folded to ASCII where the letter has a plain base (`é` → `e`,
/// `ß` → `ss`), other non-ASCII letters are dropped; camelCase is split (`customerID` →
/// `customer_id`); every run of other characters becomes one `_`; a name that would start
/// with a digit gets the prefix `f_`; an empty result becomes `column_N` (N = 1-based
/// position); repeats get `_2`, `_3`, ... Names never start with `_`, so they cannot
/// collide with the fixed `_`-prefixed columns of `contacts`.
pub fn field_names(headers: &[String]) -> Vec<String> {
    let bases: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let base = snake_case(header);
            if !base.is_empty() {
                // SQLite's names for the row id would be shadowed by a column of that
                // name, and keyset paging relies on them (review P3-2).
                if matches!(base.as_str(), "rowid" | "oid") {
                    return format!("{base}_field");
                }
                return base;
            }
            let header = header.trim_matches(is_edge_junk);
            if header.is_empty() {
                format!("column_{}", i + 1)
            } else {
                // No ASCII spelling (`電話`): name the field after the header's hash,
                // so the same header meets the same field in every file and another
                // header never does, as a position would (review P2-8).
                let hash = super::decode::sha256_hex(header);
                format!("column_{}", hash.get(..8).unwrap_or(&hash))
            }
        })
        .collect();
    // A header's own spelling wins over a number given to a repeat: `name, name,
    // name_2` becomes `name, name_3, name_2`, not `name, name_2, name_2_2` (P3-3).
    let literal: HashSet<&str> = bases.iter().map(String::as_str).collect();
    let mut used: HashSet<String> = HashSet::new();
    bases
        .iter()
        .map(|base| {
            let mut name = base.clone();
            let mut n = 2;
            while used.contains(&name) || (name != *base && literal.contains(name.as_str())) {
                name = format!("{base}_{n}");
                n += 1;
            }
            used.insert(name.clone());
            name
        })
        .collect()
}

/// One header to snake_case ASCII (see [`field_names`]); may return an empty string.
pub fn snake_case(header: &str) -> String {
    let chars: Vec<char> = header
        .trim_matches(is_edge_junk)
        .chars()
        .flat_map(fold)
        .collect();
    let mut out = String::new();
    let mut pending_sep = false;
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            pending_sep = true;
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let camel_break = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if (pending_sep || camel_break) && !out.is_empty() {
            out.push('_');
        }
        pending_sep = false;
        out.push(c.to_ascii_lowercase());
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "f_");
    }
    out
}

/// Fold a character to ASCII where a plain base letter exists. Characters with no simple
/// fold come back unchanged (and are then dropped as separators by [`snake_case`]).
fn fold(c: char) -> Vec<char> {
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
        'ł' => "l",
        'Ł' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return vec![c],
    };
    s.chars().collect()
}

#[cfg(test)]
#[path = "normalise_tests.rs"]
mod tests;
