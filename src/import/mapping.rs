//! Which columns of a file are imported, and into which fields.
//!
//! Owns the column plan of one file: the recognised platform layout
//! ([`super::layout`]) renames its headers into the workspace's common fields and says
//! what each column is; the user's `--map 'Header=field'` then puts any column into any
//! field (the user wins over the layout), and `--skip 'Header'` leaves a column out
//! altogether. Names come from [`super::normalise::field_names`] first, so a file that
//! neither a layout nor the user touches gets exactly the names it always got.
//! Applying the plan to a row ([`ColumnMap::project`]) keeps the imported columns and
//! removes Shopify's deliberate leading apostrophe where its layout says so. Called by
//! [`super::analyse`] (which builds it) and [`super::prepare`] (every row).

use std::collections::HashMap;

use serde::Serialize;

use super::consent::evidence::EvidenceColumn;
use super::consent::row::FileStatus;
use super::layout::{LayoutColumn, Recognised, layouts, recognise};
use super::normalise::{field_names, snake_case};
use super::spelling;
use super::{ImportError, ImportPlan};
use crate::fields::Field;

/// One imported column.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    /// The header as in the file (cleaned); empty without a header row.
    pub header: String,
    /// The field it fills.
    pub name: String,
    /// What the recognised layout says about it, if anything.
    pub spec: Option<&'static LayoutColumn>,
    /// The field is not the header's own name: `--map`, a layout or a spelling put the
    /// column there, so the name says what the column is too ([`super::named_field`]).
    pub renamed: bool,
}

/// A column put into a field other than its header's own name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappingEntry {
    pub header: String,
    pub field: String,
    /// `layout <id>`, `--map`, or `spelling` (the header spells a stored field's
    /// common field: [`spelling::same_field`]).
    pub by: String,
}

/// A column left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkipEntry {
    /// Index of the column in the file.
    #[serde(skip)]
    pub index: usize,
    pub header: String,
    /// `--skip`.
    pub by: String,
}

/// The column plan of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    pub recognised: Option<Recognised>,
    /// Indexes in the file of the imported columns, in file order.
    kept: Vec<usize>,
    /// One per imported column.
    pub columns: Vec<Mapped>,
    pub applied: Vec<MappingEntry>,
    pub skipped: Vec<SkipEntry>,
    /// Layout renames dropped because the file has its own column of that name.
    pub warnings: Vec<String>,
}

/// Find the column `wanted` names: its header (any case, edge spaces ignored) or its
/// field name as the import would give it.
fn find(headers: &[String], names: &[String], wanted: &str) -> Option<usize> {
    let w = wanted.trim();
    headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(w))
        .or_else(|| names.iter().position(|n| n == w))
        .or_else(|| names.iter().position(|n| *n == snake_case(w)))
}

impl ColumnMap {
    /// Plan the columns of `plan`'s file, whose own name is `file_name` and whose
    /// header cells are `headers` (empty strings without a header row).
    ///
    /// Errors: [`ImportError::BadOption`] for a `--map` or `--skip` naming no column,
    /// a `--map` onto a field another column fills or onto a consent field that reads
    /// the header's consent otherwise ([`super::map_consent`]), or skipping every column.
    pub fn build(
        plan: &ImportPlan,
        file_name: &str,
        headers: &[String],
        stored: &[Field],
    ) -> Result<Self, ImportError> {
        let base = field_names(headers);
        let recognised = if headers.iter().all(String::is_empty) {
            None
        } else {
            recognise(file_name, headers)
        };
        let unknown = |option: &str, wanted: &str| {
            ImportError::BadOption(format!(
                "{option} `{wanted}`: the file has no such column; its columns are: {}",
                headers
                    .iter()
                    .zip(&base)
                    .map(|(h, n)| if h.is_empty() { n.clone() } else { h.clone() })
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        };
        let mut skip = vec![false; headers.len()];
        let mut skipped = Vec::new();
        for wanted in &plan.skip {
            let i = find(headers, &base, wanted).ok_or_else(|| unknown("--skip", wanted))?;
            if !std::mem::replace(&mut skip[i], true) {
                skipped.push(SkipEntry {
                    index: i,
                    header: display(headers, &base, i),
                    by: "--skip".into(),
                });
            }
        }
        let mut user: HashMap<usize, String> = HashMap::new();
        for (wanted, field) in &plan.map {
            let i = find(headers, &base, wanted)
                .ok_or_else(|| unknown("--map", &format!("{wanted}={field}")))?;
            super::map_consent::check(&display(headers, &base, i), field)?;
            user.insert(i, field.clone());
        }
        let specs: Vec<Option<&'static LayoutColumn>> = headers
            .iter()
            .map(|h| {
                let r = recognised.as_ref()?;
                layouts()
                    .columns(r.layout)
                    .iter()
                    .find(|c| snake_case(&c.header) == snake_case(h))
            })
            .collect();
        let kept: Vec<usize> = (0..headers.len()).filter(|&i| !skip[i]).collect();
        if kept.is_empty() {
            return Err(ImportError::BadOption(
                "--skip leaves no column to import".into(),
            ));
        }
        let mut map = ColumnMap {
            recognised,
            kept,
            columns: Vec::new(),
            applied: Vec::new(),
            skipped,
            warnings: Vec::new(),
        };
        map.name_columns((headers, &base), &specs, &user, stored)?;
        Ok(map)
    }

    /// Give every kept column its field: `--map`, else the layout's, else the stored
    /// field its name spells ([`spelling::same_field`]: `E-mail` fills `email`), else its
    /// own name. A layout or spelling rename onto a name another column of the file
    /// holds is dropped (with a warning); a `--map` onto one is refused.
    fn name_columns(
        &mut self,
        (headers, base): (&[String], &[String]),
        specs: &[Option<&'static LayoutColumn>],
        user: &HashMap<usize, String>,
        stored: &[Field],
    ) -> Result<(), ImportError> {
        let layout_id = self.recognised.as_ref().map(|r| r.layout.id.clone());
        let layout_field = |i: usize| specs[i].and_then(|s| s.field.clone());
        let spelled = |name: &str| spelling::same_field(name, stored).map(|f| f.name.clone());
        let mut taken: HashMap<String, usize> = HashMap::new();
        // Columns keeping their own name claim it first, then `--map`, then layouts
        // and spellings.
        let own: Vec<usize> = self
            .kept
            .iter()
            .copied()
            .filter(|&i| {
                !user.contains_key(&i) && layout_field(i).is_none() && spelled(&base[i]).is_none()
            })
            .collect();
        for &i in &own {
            taken.insert(base[i].clone(), i);
        }
        let mut names: HashMap<usize, String> = own.iter().map(|&i| (i, base[i].clone())).collect();
        for &i in self.kept.iter().filter(|i| user.contains_key(i)) {
            let field = &user[&i];
            if let Some(&other) = taken.get(field) {
                return Err(ImportError::BadOption(format!(
                    "--map puts column `{}` into field `{field}`, which column `{}` fills already; skip that column or map it elsewhere",
                    display(headers, base, i),
                    display(headers, base, other)
                )));
            }
            taken.insert(field.clone(), i);
            names.insert(i, field.clone());
        }
        for &i in self.kept.iter() {
            if names.contains_key(&i) {
                continue;
            }
            let wanted = match layout_field(i) {
                Some(field) => spelled(&field).unwrap_or(field),
                None => spelled(&base[i]).unwrap_or_else(|| base[i].clone()),
            };
            let name = match taken.get(&wanted) {
                Some(&other) => {
                    let by = if layout_field(i).is_some() {
                        "the layout"
                    } else {
                        "its spelling"
                    };
                    self.warnings.push(format!(
                        "column {} stays field {}: {by} would put it into {wanted}, which column {} fills",
                        display(headers, base, i),
                        base[i],
                        display(headers, base, other)
                    ));
                    base[i].clone()
                }
                None => wanted,
            };
            taken.insert(name.clone(), i);
            names.insert(i, name);
        }
        for &i in &self.kept {
            let name = names[&i].clone();
            if name != base[i] {
                self.applied.push(MappingEntry {
                    header: display(headers, base, i),
                    field: name.clone(),
                    by: if user.contains_key(&i) {
                        "--map".into()
                    } else if layout_field(i).is_some() {
                        format!("layout {}", layout_id.clone().unwrap_or_default())
                    } else {
                        "spelling".into()
                    },
                });
            }
            self.columns.push(Mapped {
                header: headers[i].clone(),
                renamed: name != base[i],
                name,
                spec: specs[i],
            });
        }
        Ok(())
    }

    /// The consent the recognised layout states for every row, if it states any.
    pub fn file_status(&self) -> Option<FileStatus> {
        let r = self.recognised.as_ref()?;
        (!r.layout.status.is_empty()).then(|| FileStatus {
            layout: r.layout.id.clone(),
            states: r.layout.status.clone(),
        })
    }

    /// Put evidence columns in the layout's order: the first non-blank one of a kind
    /// is the one recorded (Mailchimp's `CONFIRM_TIME` before `OPTIN_TIME`).
    pub fn order_evidence(&self, evidence: &mut [EvidenceColumn]) {
        if let Some(r) = &self.recognised {
            let order = layouts().columns(r.layout);
            evidence.sort_by_key(|e| order.iter().position(|c| std::ptr::eq(c, e.spec)));
        }
    }

    /// The report's warning for `n` apostrophes removed from column `header`.
    pub fn stripped_warning(&self, header: &str, n: u64) -> Option<String> {
        let platform = self
            .recognised
            .as_ref()
            .map_or("the platform", |r| r.layout.platform.as_str());
        (n > 0).then(|| {
            format!(
                "column {header}: the leading apostrophe of {n} value{} removed: {platform}'s export writes it on purpose so spreadsheets keep IDs, zips and phones as text (not spreadsheet damage)",
                if n == 1 { "" } else { "s" }
            )
        })
    }

    /// The index in the file of imported column `j`.
    pub fn file_index(&self, j: usize) -> usize {
        self.kept[j]
    }

    /// The imported values of one row (`values` has one per column of the file), with
    /// the platform's deliberate leading apostrophe removed where the layout says so.
    /// `stripped`, when given, counts the removals per imported column. The values are
    /// moved out of `values`, not copied: two copies of every value were a tenth of the
    /// allocations of an import.
    pub fn project(
        &self,
        mut values: Vec<String>,
        mut stripped: Option<&mut [u64]>,
    ) -> Vec<String> {
        self.kept
            .iter()
            .zip(&self.columns)
            .enumerate()
            .map(|(j, (&i, c))| {
                // `kept` holds each file column once, so nothing is taken twice.
                let v = values.get_mut(i).map(std::mem::take).unwrap_or_default();
                match v.strip_prefix('\'') {
                    Some(rest) if c.spec.is_some_and(|s| s.strip_apostrophe) => {
                        if let Some(counts) = stripped.as_deref_mut() {
                            counts[j] += 1;
                        }
                        rest.trim().to_string()
                    }
                    _ => v,
                }
            })
            .collect()
    }
}

impl ColumnMap {
    /// The `j`-th imported value of one row as [`Self::project`] gives it, borrowed
    /// (for the first pass, which only reads values), and whether its apostrophe was
    /// removed.
    pub fn project_str<'v>(&self, values: &'v [String], j: usize) -> (&'v str, bool) {
        let v = values.get(self.kept[j]).map_or("", String::as_str);
        match v.strip_prefix('\'') {
            Some(rest) if self.columns[j].spec.is_some_and(|s| s.strip_apostrophe) => {
                (rest.trim(), true)
            }
            _ => (v, false),
        }
    }
}

fn display(headers: &[String], base: &[String], i: usize) -> String {
    if headers[i].is_empty() {
        base[i].clone()
    } else {
        headers[i].clone()
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
