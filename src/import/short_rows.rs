//! Short rows: records with fewer fields than the header, their trailing cells missing
//! (case BR-16: `dee@example.com` with no cell for `first_name` must be imported and
//! greeted `Hi there,`; case BR-08 accepts either padding or rejection).
//!
//! A short row is imported with its missing cells blank, and the report says so line by
//! line, unless a missing cell is in a column whose blank would decide a safeguard: a
//! consent column, a column that may state an opt-out (an opt-out note, preferences,
//! SMS replies, a consent column no rule reads) or an age column (date of birth, birth
//! year, age). A blank there is "not stated", which an explicit empty cell may say but a
//! row that lost its cells (a value left out in the middle shifts the rest left) must
//! not: the missing cell may be the one that withdrew consent or showed a child. Such a
//! row is rejected as every short row was before, with the column that decided it, and
//! still goes through the rejected-row checks (`rejected_refusal`, `rejected_minor`);
//! `--allow-ragged` reads those missing cells as blank too, as it always did. Long rows
//! stay rejected by [`super::read`]. Built by [`super::analyse`], read by
//! [`super::prepare`].

use super::Rejected;
use super::report::plural;

/// How many padded lines the report names before counting the rest.
const EXAMPLES: usize = 3;

/// A column where a missing cell must not read as blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard {
    /// Index of the column in the file (not among the imported columns).
    pub file_index: usize,
    pub header: String,
    /// What kind of column it is: `a consent column`, `an opt-out column` or `an age
    /// column`.
    pub what: &'static str,
}

/// The short rows of a file and the rule that decides them.
#[derive(Debug, Clone, Default)]
pub struct ShortRows {
    /// Fields in the header.
    pub width: usize,
    /// The columns where a missing cell must not read as blank, in file order.
    pub guards: Vec<Guard>,
    /// `--allow-ragged`: every short row is padded.
    pub allow_all: bool,
    /// Every short row of the first pass: line and how many fields it had.
    seen: Vec<(u64, usize)>,
}

impl ShortRows {
    /// No short row seen yet, for a header of `width` fields.
    pub fn new(width: usize, allow_all: bool) -> Self {
        ShortRows {
            width,
            allow_all,
            ..ShortRows::default()
        }
    }

    /// Note short row `line`, which had `fields` fields.
    pub fn observe(&mut self, line: u64, fields: usize) {
        self.seen.push((line, fields));
    }

    /// True when a row with `fields` fields is imported with its missing cells blank.
    pub fn pads(&self, fields: usize) -> bool {
        self.allow_all || self.first_missing_guard(fields).is_none()
    }

    /// The first guarded column a row with `fields` fields lacks.
    fn first_missing_guard(&self, fields: usize) -> Option<&Guard> {
        self.guards.iter().find(|g| g.file_index >= fields)
    }

    /// Why a row with `fields` fields that [`ShortRows::pads`] refuses is rejected.
    pub fn reason(&self, fields: usize) -> String {
        let head = self.shape(fields);
        match self.first_missing_guard(fields) {
            Some(g) => format!(
                "{head}; the missing cells include `{}` ({}), which a blank must not decide: fix the line, or pass --allow-ragged to read them as blank",
                crate::text::for_terminal(&g.header),
                g.what
            ),
            None => head,
        }
    }

    fn shape(&self, fields: usize) -> String {
        format!(
            "{fields} field{} where the header has {}",
            plural(fields as u64),
            self.width
        )
    }

    /// The rows rejected (in line order) and the report's warning naming the padded
    /// ones (`None` when there are none); called once the guard is known.
    pub fn settle(&mut self) -> (Vec<Rejected>, Option<String>) {
        let seen = std::mem::take(&mut self.seen);
        let (padded, rejected): (Vec<_>, Vec<_>) =
            seen.into_iter().partition(|&(_, f)| self.pads(f));
        let rejected = rejected
            .into_iter()
            .map(|(line, f)| Rejected {
                line,
                reason: self.reason(f),
            })
            .collect();
        if padded.is_empty() {
            return (rejected, None);
        }
        let mut named: Vec<String> = (padded.iter().take(EXAMPLES))
            .map(|&(line, f)| format!("line {line}: {}", self.shape(f)))
            .collect();
        if padded.len() > EXAMPLES {
            named.push(format!("and {} more", padded.len() - EXAMPLES));
        }
        let lead = match padded.len() {
            1 => String::new(),
            n => format!("{n} short rows: "),
        };
        let warning = format!("{lead}{}; missing cells read as blank", named.join("; "));
        (rejected, Some(warning))
    }
}

/// The columns of `analysis`'s file whose blank would decide a safeguard (see the
/// module doc), in file order.
pub fn guards(analysis: &super::analyse::Analysis) -> Vec<Guard> {
    use super::refusal_values::may_refuse_by_header;
    let mut guards: Vec<Guard> = (analysis.columns.iter().enumerate())
        .filter(|(_, c)| !c.skip)
        .filter_map(|(j, c)| {
            let what = if analysis.consent.iter().any(|k| k.index == j) {
                "a consent column"
            } else if analysis.age_columns.contains(&j) {
                "an age column"
            } else if c.unread.is_some() || may_refuse_by_header(&c.field.name) {
                "an opt-out column"
            } else {
                return None;
            };
            Some(Guard {
                file_index: analysis.map.file_index(j),
                header: c.header.clone(),
                what,
            })
        })
        .collect();
    guards.sort_by_key(|g| g.file_index);
    guards
}
