//! `tactful audit`: print the audit log.

use super::{Context, print_json, print_table};
use crate::workspace::audit;

pub fn run(ctx: &Context) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let entries = audit::entries(ws.conn())?;
    if ctx.json {
        return print_json(&entries);
    }
    if entries.is_empty() {
        outln!("The audit log is empty.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.at.clone(),
                e.actor.clone(),
                e.action.clone(),
                e.subject.clone(),
                e.detail.to_string(),
            ]
        })
        .collect();
    print_table(&["at", "actor", "action", "subject", "detail"], &rows)
}
