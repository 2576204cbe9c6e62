//! `tactful campaign apply FILE` and `tactful campaign dump NAME`: campaign as code.
//!
//! `dump` prints the TOML exactly as `apply` reads it, so applying a dump and dumping
//! again gives the same bytes (on a terminal, unsafe characters are shown as stand-ins).

use std::path::Path;

use super::campaign::preview_failed;
use super::{Context, print_json};
use crate::campaign::apply::apply as apply_file;
use crate::campaign::code::CampaignFile;
use crate::campaign::unlock::load;
use crate::segment::store;
use crate::text::for_terminal;

pub fn apply(ctx: &Context, path: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let file =
        CampaignFile::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut ws = ctx.open()?;
    let applied = apply_file(&mut ws, &file, &crate::workspace::actor(), ctx.as_of)
        .map_err(preview_failed)?;
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

pub fn dump(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let c = load(&ws, name)?;
    let file = CampaignFile::from_campaign(&c, |segment| {
        store::get(ws.conn(), segment).ok().map(|s| s.rule)
    });
    // TOML on stdout whatever --json says: it is the machine-readable form. Exact bytes
    // into a file or pipe (so a dump applies back as it was); on a terminal, control,
    // C1 and bidi characters in names or messages are shown, not obeyed.
    {
        use std::io::Write as _;
        let mut out = super::document_out(false);
        write!(out, "{}", file.to_toml()?)?;
        out.flush()?;
    }
    Ok(())
}
