//! `tactful campaign apply FILE` and `tactful campaign dump NAME`: campaign as code.
//!
//! `dump` prints the TOML exactly as `apply` reads it, so applying a dump and dumping
//! again gives the same bytes (on a terminal, unsafe characters are shown as stand-ins).

use std::path::Path;

use super::campaign::preview_failed;
use super::{Context, print_json};
use crate::campaign::apply::apply as apply_file;
use crate::campaign::code::CampaignFile;
use crate::campaign::prepare::PreviewError;
use crate::campaign::unlock::load;
use crate::segment::store;
use crate::text::for_terminal;

pub fn apply(ctx: &Context, path: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let file =
        CampaignFile::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut ws = ctx.open()?;
    let applied =
        apply_file(&mut ws, &file, &crate::workspace::actor(), ctx.as_of).map_err(|e| {
            if let Some(place) = place_in_file(&text, &e) {
                use std::io::Write as _;
                // Written, not `eprintln!`ed, as `cli::report` does: stderr may be gone.
                let _ = writeln!(
                    std::io::stderr(),
                    "in {}, {place}:",
                    for_terminal(&path.display().to_string())
                );
            }
            preview_failed(e)
        })?;
    if ctx.json {
        return print_json(&applied);
    }
    outln!(
        "{} campaign `{}` from {}.",
        if applied.created {
            "Created"
        } else {
            "Updated"
        },
        for_terminal(&applied.campaign),
        for_terminal(&path.display().to_string())
    );
    for (what, names) in [
        ("segments created", &applied.segments_created),
        ("segments updated", &applied.segments_updated),
        ("fields unlocked", &applied.unlocks_added),
        ("unlocks removed", &applied.unlocks_removed),
    ] {
        if !names.is_empty() {
            outln!("  {what}: {}", for_terminal(&names.join(", ")));
        }
    }
    Ok(())
}

/// Where in the campaign file `text` the entry an apply error names is: `line 9
/// (`rule` of entry 1)` for a rule, `lines 7-11 (entry 1)` for the rest; `None` for an
/// error about no entry. Entries are the file's `[[entry]]` tables in order, as
/// `CampaignFile::parse` reads them.
fn place_in_file(text: &str, e: &PreviewError) -> Option<String> {
    let (entry, rule) = match e {
        PreviewError::Rule { entry, .. } => (*entry, true),
        PreviewError::Segment { entry, .. } | PreviewError::Message { entry, .. } => {
            (*entry, false)
        }
        _ => return None,
    };
    let lines: Vec<&str> = text.lines().collect();
    let is_table = |l: &str| l.trim_start().starts_with('[');
    let start = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[entry]]")
        .nth(entry.checked_sub(1)?)?
        .0;
    let end = lines[start + 1..]
        .iter()
        .position(|l| is_table(l))
        .map_or(lines.len(), |n| start + 1 + n);
    let last = (start..end)
        .rev()
        .find(|&i| !lines[i].trim().is_empty())
        .unwrap_or(start);
    let rule_line = (start..end).find(|&i| {
        lines[i]
            .trim_start()
            .strip_prefix("rule")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    Some(match rule_line.filter(|_| rule) {
        Some(i) => format!("line {} (`rule` of entry {entry})", i + 1),
        None => format!("lines {}-{} (entry {entry})", start + 1, last + 1),
    })
}

pub fn dump(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let c = load(&ws, name)?;
    let file = CampaignFile::from_campaign(&c, |segment| {
        store::get(ws.conn(), segment).ok().map(|s| s.rule)
    });
    // --json: the same document as JSON (the global promise of JSON on stdout). Else
    // TOML, exact bytes into a file or pipe (so a dump applies back as it was); on a
    // terminal, control, C1 and bidi characters in names or messages are shown, not obeyed.
    if ctx.json {
        return print_json(&file);
    }
    {
        use std::io::Write as _;
        let mut out = super::document_out(false);
        write!(out, "{}", file.to_toml()?)?;
        out.flush()?;
    }
    Ok(())
}
