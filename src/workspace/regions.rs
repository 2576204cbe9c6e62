//! Every region a workspace's national numbers may have been read in.
//!
//! A workspace keeps one default region (`settings::REGION`, the last `import --region
//! CC`), but each import read its numbers in its own: a GB file imported with
//! `--region GB` and a DE file with `--region DE` hold `07911 123456` as
//! `+447911123456`, while the setting now says DE. A number written without its
//! country code that is compared with what the workspace holds (a suppression list, a
//! stored refusal, a key asked for erasure) is therefore read in every region the
//! workspace used: the setting, each import's `--region` (recorded in its batch's
//! options, undone imports too) and each country its contacts' country field names.
//! Reading too many regions over-suppresses, the safe side for an opt-out; reading
//! one misses the person (new-user trial, session 8). Called by `import::suppress`,
//! `campaign::suppressed`, `rights` and [`super::phones::find_key`].

use rusqlite::Connection;

use super::{WorkspaceError, fields, phones, quote_ident};
use crate::fields::phone::{self, Region};

/// The regions the workspace's numbers may have been read in, the workspace's region
/// first, then each import's `--region` in batch order, then the countries its
/// contacts' country field names (in text order); no repeats. Empty when no import
/// gave a region and no contact names a country.
///
/// Errors: workspace errors.
pub fn all(conn: &Connection) -> Result<Vec<Region>, WorkspaceError> {
    let mut out: Vec<Region> = phones::region(conn)?.into_iter().collect();
    let mut add = |r: Region| {
        if !out.contains(&r) {
            out.push(r);
        }
    };
    let given: Vec<String> = conn
        .prepare(
            "SELECT json_extract(options, '$.region') FROM import_batches
             WHERE json_valid(options) AND json_extract(options, '$.region') IS NOT NULL
             ORDER BY id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    given
        .iter()
        .filter_map(|c| c.parse().ok())
        .for_each(&mut add);
    let names = fields::list(conn)?;
    if let Some(i) = phone::country_column(names.iter().map(|f| f.name.as_str())) {
        let countries: Vec<String> = conn
            .prepare(&format!(
                "SELECT DISTINCT CAST({0} AS TEXT) FROM contacts WHERE {0} IS NOT NULL
                 ORDER BY 1",
                quote_ident(&names[i].name)
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        countries
            .iter()
            .filter_map(|c| Region::from_country(c))
            .for_each(&mut add);
    }
    Ok(out)
}

/// Every E.164 form `raw` may name in this workspace: [`phone::readings`] in each of
/// [`all`]; empty when it is no number or no region is known for a national number.
///
/// Errors: workspace errors.
pub fn readings(conn: &Connection, raw: &str) -> Result<Vec<String>, WorkspaceError> {
    let regions = all(conn)?;
    Ok(if regions.is_empty() {
        phone::e164(raw, None).into_iter().collect()
    } else {
        phone::readings(raw, &regions)
    })
}
