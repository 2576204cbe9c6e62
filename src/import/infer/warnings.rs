//! Why a column that looks numeric stayed text, in words that name the values (and
//! lines) that prevented it (case BR-31): part of [`super::ColumnStats::infer`].

use super::{ColumnStats, TypeOptions};

impl ColumnStats {
    /// Why a column of numbers stayed text: mixed currencies, or (with
    /// `--decimal-comma`, or when a decimal comma would have read them) the values
    /// that are no numbers.
    pub(super) fn text_warnings(&self, name: &str, opts: TypeOptions) -> Vec<String> {
        if self.decimal && self.currencies.len() > 1 {
            let list: Vec<&str> = self.currencies.iter().copied().collect();
            return vec![format!(
                "column {name} kept as text: its amounts are in several currencies ({}), which cannot be added or compared",
                list.join(", ")
            )];
        }
        let examples = || {
            self.not_number_examples
                .iter()
                .map(|(v, line)| format!("`{}` (line {line})", shorten(v)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mostly_numbers = self.numbers > 0 && self.numbers >= self.not_numbers;
        if opts.decimal_comma && mostly_numbers {
            return vec![format!(
                "column {name} kept as text although --decimal-comma was given: {} value{} do{} not read as a number with a decimal comma and `.` thousands groups: {}",
                self.not_numbers,
                if self.not_numbers == 1 { "" } else { "s" },
                if self.not_numbers == 1 { "es" } else { "" },
                examples()
            )];
        }
        if !opts.decimal_comma
            && self.other_separator > 0
            && self.other_separator == self.not_numbers
        {
            return vec![format!(
                "column {name} kept as text: values such as {} read as numbers only with a decimal comma; pass --decimal-comma if the comma is the decimal separator",
                examples()
            )];
        }
        vec![]
    }
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}
