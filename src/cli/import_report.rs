//! The human form of `tactful import`'s report, one batch at a time: what was
//! detected (encoding and delimiter, or workbook and sheet; the `sep=` line), the
//! archive member, counts, the date order of each date column, currencies, ages the
//! minor check cannot judge, `--aggregate`'s orders, the platform layout recognised and
//! what it decided, columns mapped or skipped, consent the option did not fill and the
//! consent upgrades, rejected rows, warnings and the fields created. Every string from
//! the file goes through `for_terminal`.

use crate::import::{self, ImportReport};
use crate::text::{count, for_terminal};

/// Print one batch's report as text.
pub fn print(r: &ImportReport) -> std::io::Result<()> {
    let t = |s: &str| for_terminal(s).into_owned();
    outln!(
        "{}{}",
        t(&r.file),
        if r.dry_run {
            " (dry run: nothing was changed)"
        } else {
            ""
        }
    );
    let header = if r.header {
        "first row is the header"
    } else {
        "no header row"
    };
    match &r.sheet {
        Some(sheet) => outln!(
            "  detected: {} workbook, sheet {} (line numbers are the sheet's row numbers), {header}",
            r.format,
            t(sheet)
        ),
        None => outln!(
            "  detected: encoding {} ({}), delimiter {}{}, {header}",
            r.encoding,
            r.encoding_source,
            t(&crate::import::sniff::quoted(&r.delimiter)),
            if r.sep_line {
                " (from the `sep=` first line, which was skipped)"
            } else {
                ""
            }
        ),
    }
    if let Some(a) = &r.archive {
        outln!(
            "  archive member {} of {}: {}",
            a.position,
            a.members,
            t(&a.member)
        );
    }
    if r.key == "generated" {
        outln!("  contact key: generated (one contact per row: nothing merges; see warnings)");
    } else {
        outln!("  contact key: {}", t(&r.key));
    }
    if let Some(l) = &r.layout {
        outln!(
            "  layout: {} {} (recognised by {})",
            t(&l.platform),
            t(&l.kind),
            t(&l.recognised_by)
        );
        for d in &l.decisions {
            outln!("    - {}", t(d));
        }
    }
    for m in r
        .mapping
        .iter()
        .filter(|m| m.by == "--map" || m.by == "spelling")
    {
        outln!(
            "  mapped: column {} fills field {} ({})",
            t(&m.header),
            t(&m.field),
            if m.by == "--map" {
                "--map"
            } else {
                "another spelling of the same field"
            }
        );
    }
    for s in &r.skipped_columns {
        outln!("  skipped: column {} ({})", t(&s.header), s.by);
    }
    outln!(
        "  rows: {} read, {} imported, {} rejected, {} blank skipped, {} skipped (erased earlier)",
        r.rows_read,
        r.rows_imported,
        r.rows_rejected.len(),
        r.rows_skipped_blank,
        r.rows_skipped_erased
    );
    outln!(
        "  contacts: {} added, {} updated (already in the workspace), {} merged into a contact an earlier row of this file gave, {} in the workspace",
        r.contacts_added,
        r.contacts_updated,
        crate::text::count(r.repeated_in_file(), "repeated row"),
        r.contacts_total
    );
    if let Some(p) = &r.phones {
        print_phones(r, p)?;
    }
    if r.consent_kept_withdrawn > 0 {
        outln!(
            "  consent: withdrawn or bounced consent kept for {}",
            count(r.consent_kept_withdrawn, "row")
        );
    }
    // `--json` keeps the zero (the option was given); people read only a count to act on.
    for (channel, n) in r.consent_not_applied.iter().filter(|(_, n)| **n > 0) {
        outln!(
            "  consent: --consent {channel} did not apply to {} whose {channel} consent the file states",
            count(*n, "row")
        );
    }
    print_upgrades(r)?;
    for f in r.fields.iter() {
        match (f.date_order, &f.date_order_reason) {
            (Some(import::DateOrder::Ymd), Some(why)) => {
                outln!("  dates: {}: {}", t(&f.name), t(why));
            }
            (Some(order), Some(why)) => outln!(
                "  dates: {} read as {} ({})",
                t(&f.name),
                order.describe(),
                t(why)
            ),
            _ => {}
        }
        if let Some(c) = &f.currency {
            outln!(
                "  amounts: {} in {} (the sign is not stored)",
                t(&f.name),
                t(c)
            );
        }
    }
    if r.contacts_age_unknown > 0 {
        outln!(
            "  age unknown: {} whose date of birth or age cannot be read; campaigns count them",
            count(r.contacts_age_unknown, "contact")
        );
    }
    if let Some(o) = &r.orders {
        outln!(
            "  orders{}: {} in the file ({}), {} new, {} already stored (replaced, not counted twice); figures of {} recomputed: {}",
            o.layout
                .as_deref()
                .map(|l| format!(" ({})", t(l)))
                .unwrap_or_default(),
            o.orders_in_file,
            count(o.lines, "line"),
            o.orders_added,
            o.orders_updated,
            count(o.contacts, "contact"),
            o.fields.join(", ")
        );
        outln!(
            "    order id {}; amount {}; date {}",
            t(&o.order_id_column),
            match (&o.amount_column, &o.amount_rule) {
                (Some(c), Some(rule)) => format!("{}, {}", t(c), rule),
                _ => "none (no order_total)".to_string(),
            },
            o.order_date_column
                .as_deref()
                .map_or("none (no first/last order date)".to_string(), t)
        );
    }
    match r.batch {
        Some(b) => outln!("  batch: {b} (undo with `tactful import undo {b}`)"),
        None => outln!("  batch: none (dry run)"),
    }
    if !r.rows_rejected.is_empty() {
        outln!("  rejected rows:");
        for rej in &r.rows_rejected {
            outln!("    line {}: {}", rej.line, t(&rej.reason));
        }
    }
    if !r.warnings.is_empty() {
        outln!("  warnings:");
        for w in &r.warnings {
            outln!("    - {}", t(w));
        }
    }
    let new: Vec<_> = r.fields.iter().filter(|f| f.new).collect();
    if !new.is_empty() {
        outln!("  fields created:");
        for f in new {
            outln!(
                "    {} ({}): {}, role {}, {} ({})",
                t(&f.name),
                t(&f.header),
                f.ty,
                f.role,
                f.class.label(),
                t(&f.reason)
            );
        }
    }
    Ok(())
}

/// The consent upgrades: counts, then the first few of each kind.
fn print_upgrades(r: &ImportReport) -> std::io::Result<()> {
    const SHOWN: usize = 10;
    if r.consent_upgrades.is_empty() {
        return Ok(());
    }
    let applied = r.consent_upgrades.iter().filter(|u| u.applied).count();
    outln!(
        "  consent upgrades: {applied} applied, {} refused{}",
        r.consent_upgrades.len() - applied,
        if r.consent_upgrades.len() > SHOWN {
            format!(" (first {SHOWN} shown; --json lists all)")
        } else {
            String::new()
        }
    );
    for u in r.consent_upgrades.iter().take(SHOWN) {
        outln!(
            "    {} {}: {} -> {} {} ({})",
            for_terminal(&u.key),
            u.channel,
            u.from,
            u.to,
            if u.applied { "applied" } else { "refused" },
            for_terminal(&u.reason)
        );
    }
    Ok(())
}

/// The `phones:` lines: region, counts, and the first values that are no number.
fn print_phones(r: &ImportReport, p: &import::report::PhoneReport) -> std::io::Result<()> {
    let t = |s: &str| for_terminal(s).into_owned();
    outln!(
        "  phones: region {} ({}){}; {} in E.164, {} not SMS-capable (fixed line), {} not a phone number",
        p.region.as_deref().unwrap_or("none"),
        p.region_source,
        p.country_column
            .as_deref()
            .map(|c| format!(", a row's country from column {}", t(c)))
            .unwrap_or_default(),
        count(p.parsed, "number"),
        p.fixed_line,
        p.unparseable.len()
    );
    if p.several_cells > 0 {
        outln!(
            "  phones: {} held more than one number ({} more number{}): each is read as its first mobile (key and SMS address); a refusal on its row suppresses every number in it",
            count(p.several_cells, "cell"),
            p.more_numbers,
            if p.more_numbers == 1 { "" } else { "s" }
        );
    }
    if r.keyed_by_phone > 0 {
        outln!(
            "  contact key: {} without an e-mail address keyed by their phone (E.164)",
            count(r.keyed_by_phone, "row")
        );
    }
    // A file read without its region can hold a million of them: the first ones say
    // what is wrong; `--json` lists every one.
    const SHOWN: usize = 20;
    for u in p.unparseable.iter().take(SHOWN) {
        outln!(
            "    line {}: {} `{}`: {}",
            u.line,
            t(&u.field),
            t(&u.value),
            t(&u.reason)
        );
    }
    if p.unparseable.len() > SHOWN {
        outln!(
            "    ... and {} more (--json lists every one)",
            p.unparseable.len() - SHOWN
        );
    }
    Ok(())
}
