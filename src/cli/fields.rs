//! `tactful fields`: list fields, or `fields set FIELD` to change a class or role.

use clap::{Args, Subcommand};

use super::{Context, print_json, print_table};
use crate::fields::{PrivacyClass, Role, change};
use crate::workspace::{actor, fields as store};

#[derive(Debug, Args)]
pub struct FieldsArgs {
    #[command(subcommand)]
    action: Option<FieldsAction>,
}

#[derive(Debug, Subcommand)]
enum FieldsAction {
    /// Change a field's privacy class or role; the reason goes to the audit log.
    Set {
        /// Field name, as `tactful fields` lists it.
        field: String,
        /// New privacy class: special_category, protected, direct_identifier,
        /// quasi_identifier, consent, ordinary.
        #[arg(long)]
        class: Option<PrivacyClass>,
        /// New role: email, phone, name, address, postcode, contact_key, consent_email,
        /// consent_sms, tags, date_of_birth, birth_year, age, none.
        #[arg(long)]
        role: Option<Role>,
        /// Why (required; lowering protection without a reason is not allowed).
        #[arg(long)]
        reason: String,
    },
}

pub fn run(ctx: &Context, args: FieldsArgs) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    match args.action {
        None => {
            let fields = store::list(ws.conn())?;
            if ctx.json {
                return print_json(&fields);
            }
            if fields.is_empty() {
                outln!("No fields yet: import a file with `tactful import FILE`.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = fields
                .iter()
                .map(|f| {
                    vec![
                        f.name.clone(),
                        f.header.clone(),
                        f.ty.to_string(),
                        f.role.to_string(),
                        f.class.to_string(),
                        f.reason.clone(),
                    ]
                })
                .collect();
            print_table(
                &["name", "header", "type", "role", "class", "reason"],
                &rows,
            )
        }
        Some(FieldsAction::Set {
            field,
            class,
            role,
            reason,
        }) => {
            let change = change::set(&mut ws, &field, class, role, &reason, &actor())?;
            if ctx.json {
                return print_json(&change);
            }
            outln!(
                "{}: class {} -> {}, role {} -> {}{}",
                crate::text::for_terminal(&field),
                change.before.class,
                change.after.class,
                change.before.role,
                change.after.role,
                if change.downgrade {
                    " (downgrade recorded in the audit log)"
                } else {
                    ""
                }
            );
            Ok(())
        }
    }
}
