//! Cells far larger than any contact value: a 3 MB "first name" is an unclosed quote
//! that swallowed the lines after it, a pasted document, or a file that is not the
//! export it claims to be. The import keeps such a cell as it is (the row may be
//! right), but the report names where it is so the user can look. Called by
//! [`super::analyse`] for every non-blank value of the first pass.

use super::report::plural;

/// Cells above this many bytes get a warning: 1 MB (10^6 bytes). Real contact values
/// are at most a few KB (a long address, a notes field).
pub const MAX_CELL_BYTES: usize = 1_000_000;
/// Cells named in the warning; the rest are counted.
const EXAMPLES: usize = 3;

/// The oversized cells seen in one file: the first few (line, column index, bytes)
/// and how many in all.
#[derive(Debug, Default)]
pub struct BigCells {
    examples: Vec<(u64, usize, usize)>,
    count: u64,
}

impl BigCells {
    /// Note `value`, the cell of imported column `column` on `line`, when it is over
    /// [`MAX_CELL_BYTES`].
    pub fn observe(&mut self, line: u64, column: usize, value: &str) {
        if value.len() <= MAX_CELL_BYTES {
            return;
        }
        self.count += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push((line, column, value.len()));
        }
    }

    /// The warning, naming line, column header and size of the first few cells;
    /// `None` when every cell was of a sane size. `header` gives a column's header.
    pub fn warning(&self, header: impl Fn(usize) -> String) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let cells: Vec<String> = self
            .examples
            .iter()
            .map(|&(line, column, bytes)| {
                format!(
                    "line {line}, column {}: {:.1} MB",
                    header(column),
                    bytes as f64 / 1_000_000.0
                )
            })
            .collect();
        Some(format!(
            "{} cell{} over 1 MB, kept as {} ({}{}); a cell that large is rarely a contact value: check the file there (an unclosed quote swallows the lines after it)",
            self.count,
            plural(self.count),
            if self.count == 1 { "it is" } else { "they are" },
            cells.join("; "),
            if self.count > self.examples.len() as u64 {
                ", ..."
            } else {
                ""
            }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_only_cells_over_one_megabyte() {
        let mut big = BigCells::default();
        big.observe(2, 0, &"a".repeat(MAX_CELL_BYTES));
        assert_eq!(big.warning(|_| "notes".into()), None);
        big.observe(7, 1, &"a".repeat(1_500_000));
        assert_eq!(
            big.warning(|i| ["email", "notes"][i].to_string()).unwrap(),
            "1 cell over 1 MB, kept as it is (line 7, column notes: 1.5 MB); a cell that large is rarely a contact value: check the file there (an unclosed quote swallows the lines after it)"
        );
    }
}
