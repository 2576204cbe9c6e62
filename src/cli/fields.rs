//! `tactful fields`: list fields, or `fields set FIELD` to change a class or role.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::{Context, print_json, print_table};
use crate::fields::provenance::{PersonChange, Provenance};
use crate::fields::{Field, PrivacyClass, Role, change};
use crate::workspace::{actor, fields as store};

/// One field in `fields --json`: the field, what the classifier gave it, and the last
/// change a person made.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    field: &'a Field,
    classifier_class: Option<PrivacyClass>,
    classifier_role: Option<Role>,
    changed: Option<&'a PersonChange>,
}

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
            let provenance = store::provenance(ws.conn())?;
            let of = |f: &Field| -> Option<&Provenance> {
                provenance.iter().find(|p| p.field == f.name)
            };
            if ctx.json {
                let listed: Vec<Listed<'_>> = fields
                    .iter()
                    .map(|f| Listed {
                        field: f,
                        classifier_class: of(f).map(|p| p.classifier_class),
                        classifier_role: of(f).map(|p| p.classifier_role),
                        changed: of(f).and_then(|p| p.changed.as_ref()),
                    })
                    .collect();
                return print_json(&listed);
            }
            if fields.is_empty() {
                outln!("No fields yet: import a file with `tactful import FILE`.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = fields
                .iter()
                .map(|f| {
                    // A lowered class or a removed safeguard role shows the classifier's.
                    let (mut role, mut class) = (f.role.to_string(), f.class.to_string());
                    if let Some(p) = of(f) {
                        if let Some(removed) = p.removed_safeguard(f) {
                            role += &if removed == p.classifier_role {
                                format!(" (classifier: {removed})")
                            } else {
                                format!(" (given by a person: {removed})")
                            };
                        }
                        if p.class_lowered(f) {
                            class += &format!(" (classifier: {})", p.classifier_class);
                        }
                    }
                    vec![
                        f.name.clone(),
                        f.header.clone(),
                        f.ty.to_string(),
                        role,
                        class,
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
            if let Some(class) = change.raised_by_role {
                outln!(
                    "Note: role {} raised the class to {}, as for a column the classifier recognises{}",
                    change.after.role,
                    class.label(),
                    if class.is_blocked_by_default() {
                        "; rules and message text need an unlock to use it"
                    } else {
                        ""
                    }
                );
            }
            if let Some(note) = crate::fields::kept::note(&field, &change.kept_protected) {
                outln!("Note: {}", crate::text::for_terminal(&note));
            }
            Ok(())
        }
    }
}
