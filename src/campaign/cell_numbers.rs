//! The other numbers of a phone cell that holds several (`+44 7700 900123 / 07700
//! 900456`, `...; ...`, `... or ...`): a contact is messaged on none of its numbers when
//! any of them is suppressed or refused.
//!
//! The importer stores one number per phone field, the cell's first mobile
//! (`import::row_phones`), as its E.164 form; the cell stays as written. A suppression
//! entry or another contact's refusal for the cell's second number matched nothing,
//! so the SMS went to the first (session-10 trial F22). A person who said no from one
//! of their numbers said no: the walk ([`super::walk`]) checks each number the cell
//! holds against the suppression list (either channel, as every phone field is) and,
//! on the SMS channel, against the refusals of other contacts
//! ([`super::opt_outs`]). A national number in the cell is read in the region of the
//! stored number's country code and in every region the workspace's imports used
//! (`workspace::regions`), each reading checked: erring toward not sending. Only a
//! cell that splits (`fields::phone::several::splits`) is parsed, so a walk over cells
//! of one number costs a scan of each cell for a separator; the regions are read at the
//! first such cell, since reading them scans the contacts' countries (a sort of a
//! million values, a third of a preview's time at 1,000,000 contacts: issue 13).

use std::cell::OnceCell;

use rusqlite::Connection;

use crate::fields::phone::{self, Region};
use crate::workspace::{WorkspaceError, regions};

/// Reads the other numbers of phone cells for one walk.
#[derive(Debug, Default)]
pub struct CellNumbers<'c> {
    /// Where the regions are read from; `None` reads none (unit tests).
    conn: Option<&'c Connection>,
    /// Every region the workspace's imports used, once a cell needed them.
    regions: OnceCell<Vec<Region>>,
}

impl<'c> CellNumbers<'c> {
    /// Read the workspace's regions from `conn` when a cell first needs them.
    pub fn new(conn: &'c Connection) -> Self {
        CellNumbers {
            conn: Some(conn),
            regions: OnceCell::new(),
        }
    }

    fn regions(&self) -> Result<&[Region], WorkspaceError> {
        if let Some(known) = self.regions.get() {
            return Ok(known);
        }
        let read = match self.conn {
            Some(conn) => regions::all(conn)?,
            None => Vec::new(),
        };
        Ok(self.regions.get_or_init(|| read))
    }

    /// Every number in E.164 that the cell `raw` holds besides `stored` (the cell's
    /// stored E.164 form, if it parsed), in the order written; empty for a cell of one
    /// number (or of words).
    ///
    /// Errors: workspace errors reading the regions.
    pub fn others(&self, raw: &str, stored: Option<&str>) -> Result<Vec<String>, WorkspaceError> {
        if !phone::several::splits(raw) {
            return Ok(Vec::new());
        }
        let own = stored.map(phone::regions_of).unwrap_or_default();
        let mut out: Vec<String> = Vec::new();
        let readings = own
            .iter()
            .chain(self.regions()?)
            .map(|r| Some(*r))
            .chain([None]);
        for region in readings {
            for number in phone::parse_several(raw, region).into_iter().flatten() {
                if Some(number.e164.as_str()) != stored && !out.contains(&number.e164) {
                    out.push(number.e164);
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: the trial's cell with the second number written nationally is read in
    /// the first number's country (+44, the trunk 0 dropped); a cell of one number, or
    /// one with no stored form and no region, gives only what parses.
    #[test]
    fn the_other_numbers_of_a_cell() {
        let none = CellNumbers::default();
        assert_eq!(
            none.others("+44 7700 900123 / 07700 900456", Some("+447700900123"))
                .unwrap(),
            ["+447700900456"]
        );
        assert_eq!(
            none.others("+44 7700 900123; +33 6 12 34 56 78", Some("+447700900123"))
                .unwrap(),
            ["+33612345678"]
        );
        assert_eq!(
            none.others("07700 900123 or +44 7700 900456", Some("+447700900123"))
                .unwrap(),
            ["+447700900456"]
        );
        assert!(
            none.others("+44 7700 900123", Some("+447700900123"))
                .unwrap()
                .is_empty()
        );
        assert!(
            none.others("07700 900123 / 07700 900456", None)
                .unwrap()
                .is_empty()
        );
        let gb = CellNumbers::default();
        gb.regions.set(vec!["GB".parse().unwrap()]).unwrap();
        assert_eq!(
            gb.others("07700 900123 / 07700 900456", None).unwrap(),
            ["+447700900123", "+447700900456"]
        );
    }
}
