//! `tactful explain-rule RULE KEY`: every condition of a rule applied to one contact, with
//! the value evaluated and whether it held.

use std::collections::BTreeSet;

use clap::Args;

use super::segment::{outside_campaign, rule_failed};
use super::{Context, Exit, print_json, print_table};
use crate::fields::held::HeldValues;
use crate::segment::{check, eval, store};
use crate::workspace::fields as field_store;

#[derive(Debug, Args)]
pub struct ExplainRuleArgs {
    /// The rule, e.g. 'tags has "vip" and city is "Berlin"'.
    rule: String,
    /// The contact key (e-mail address or ID, as imported).
    key: String,
}

pub fn run(ctx: &Context, args: ExplainRuleArgs) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let fields = field_store::list(ws.conn())?;
    let held = HeldValues::load(ws.conn(), &fields)?;
    let none = BTreeSet::new();
    let scope = outside_campaign(ctx, &fields, &held, &none);
    let checked = check::prepare(&args.rule, &scope).map_err(|e| rule_failed(&e))?;
    let Some(record) = store::load_record(ws.conn(), &fields, &args.key)? else {
        return Err(Exit {
            code: 1,
            message: format!("no contact with key `{}`", args.key.trim()),
        }
        .into());
    };
    let explanation = eval::explain(&checked, &record);
    if ctx.json {
        return print_json(&serde_json::json!({
            "key": args.key.trim(),
            "matched": explanation.matched,
            "conditions": explanation.conditions,
        }));
    }
    let rows: Vec<Vec<String>> = explanation
        .conditions
        .iter()
        .map(|c| {
            let value = if c.value.is_blank() {
                "(blank)".to_string()
            } else {
                c.value.display()
            };
            vec![
                c.condition.clone(),
                value,
                if c.held { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect();
    print_table(&["condition", "value", "held"], &rows)?;
    outln!(
        "{}: {}",
        crate::text::for_terminal(args.key.trim()),
        if explanation.matched {
            "matches the rule"
        } else {
            "does not match the rule"
        }
    );
    Ok(())
}
