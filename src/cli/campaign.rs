//! `tactful campaign`: create a campaign, add segment → message entries, list, show and
//! remove campaigns; `apply` and `dump` (campaign as code) live in `campaign_code.rs`,
//! `show` in `campaign_show.rs`, and `rm-entry`, `move`, `rename`, `set` in
//! `campaign_edit.rs`. The changes themselves are the core's use cases
//! (`campaign::edit`), which the TUI calls too.
//!
//! Entries are checked before they are saved: the segment must exist and its rule and
//! the message must pass the fields and the policy in the campaign's scope (its category
//! and unlocks).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::{Context, Exit, print_json, print_table};
use crate::campaign::edit;
use crate::campaign::prepare::PreviewError;
use crate::campaign::store as campaigns;
use crate::campaign::unlock::load;
use crate::campaign::{BodyFormat, Campaign, Entry, MessageLocale};
use crate::fields::Channel;
use crate::fields::policy::Category;
use crate::text::for_terminal;

#[derive(Debug, Args)]
pub struct CampaignArgs {
    #[command(subcommand)]
    action: CampaignAction,
}

#[derive(Debug, Subcommand)]
enum CampaignAction {
    /// Create an empty campaign; the global --as-of sets its as-of date.
    New {
        /// The new campaign's name.
        name: String,
        /// email or sms: the channel every entry's message goes out on.
        #[arg(long)]
        channel: Channel,
        /// general, housing, employment, credit or politics.
        #[arg(long, default_value = "general")]
        category: Category,
        /// Percent of matched contacts held out as a control group (0 to 50).
        #[arg(long, default_value_t = 0.0)]
        holdout: f64,
        /// Small-cell threshold for review.
        #[arg(long, default_value_t = crate::campaign::DEFAULT_K)]
        k: u32,
        /// Language of the messages (de-DE, fr-FR, en-GB): month names of `date`,
        /// number format of `currency`; English without it.
        #[arg(long)]
        locale: Option<MessageLocale>,
        #[command(flatten)]
        minors: super::campaign_edit::MinorArgs,
    },
    /// Add a segment → message entry (lowest priority so far).
    Add {
        /// The campaign to add the entry to.
        name: String,
        /// The segment whose contacts get this entry's message.
        segment: String,
        /// E-mail subject (template).
        #[arg(long, conflicts_with = "subject_file")]
        subject: Option<String>,
        /// Read the subject from a UTF-8 file (one line; the final line break is not
        /// part of it).
        #[arg(long, value_name = "FILE")]
        subject_file: Option<PathBuf>,
        /// Message body (template).
        #[arg(
            long,
            conflicts_with = "body_file",
            required_unless_present = "body_file"
        )]
        body: Option<String>,
        /// Read the body from a UTF-8 file.
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
        /// The body is HTML: merge values are escaped.
        #[arg(long)]
        html: bool,
    },
    /// List campaigns.
    List,
    /// Settings, entries with the reach of each segment, unlocks with justifications.
    Show {
        /// The campaign to show.
        name: String,
    },
    /// Delete a campaign (its segments stay).
    Rm {
        /// The campaign to delete.
        name: String,
    },
    /// Remove the entry of SEGMENT (or entry number N, as `campaign show` numbers them);
    /// later entries move up.
    RmEntry {
        /// The campaign.
        name: String,
        /// The entry's segment, or its number from 1.
        #[arg(value_name = "SEGMENT")]
        entry: String,
    },
    /// Move the entry of SEGMENT (or entry number N) one place up (earlier: higher
    /// priority) or down.
    Move {
        /// The campaign.
        name: String,
        /// The entry's segment, or its number from 1.
        #[arg(value_name = "SEGMENT")]
        entry: String,
        /// up or down.
        direction: super::campaign_edit::Way,
    },
    /// Rename a campaign; its entries and unlocks follow, its sign-off does not (review
    /// and sign off again).
    Rename {
        /// The campaign's current name.
        old: String,
        /// The new name.
        new: String,
    },
    /// Change settings; the global --as-of sets the as-of date (--clear-as-of: today).
    Set(super::campaign_edit::SetArgs),
    /// Create or update a campaign (and the segments whose rule it gives) from TOML.
    Apply {
        /// The campaign's TOML file (as `campaign dump` writes it).
        file: PathBuf,
    },
    /// Print a campaign as TOML (campaign as code).
    Dump {
        /// The campaign to print.
        name: String,
    },
}

/// Turn a preview error into an exit, printing a rule error's caret display first.
pub(super) fn preview_failed(e: PreviewError) -> anyhow::Error {
    // A closed pipe (`| head`) must reach `report` as the io::Error it is.
    let e = match e {
        PreviewError::Output(io) => return io.into(),
        other => other,
    };
    if let PreviewError::Rule {
        entry,
        segment,
        error,
    } = &e
    {
        eprintln!(
            "error: entry {entry} (segment `{}`): the rule does not check:",
            for_terminal(segment)
        );
        for line in error.caret().lines() {
            eprintln!("  {}", for_terminal(line));
        }
        return Exit {
            code: 1,
            message: String::new(),
        }
        .into();
    }
    e.into()
}

#[derive(Serialize)]
struct Listed {
    name: String,
    channel: Channel,
    category: Category,
    holdout: f64,
    as_of: Option<chrono::NaiveDate>,
    entries: Vec<String>,
}

pub fn run(ctx: &Context, args: CampaignArgs) -> anyhow::Result<()> {
    match args.action {
        CampaignAction::New {
            name,
            channel,
            category,
            holdout,
            k,
            locale,
            minors,
        } => {
            let mut ws = ctx.open()?;
            let mut c = Campaign::new(&name, channel);
            c.locale = locale;
            c.category = category;
            c.holdout_pct = holdout;
            c.k = k;
            c.as_of = ctx.as_of_given.then_some(ctx.as_of);
            let mut given = crate::campaign::edit::Settings::default();
            minors.fill(&mut given)?;
            c.minor_age = given.minor_age.flatten();
            c.set_country(given.country.flatten().as_deref())?;
            edit::create(&mut ws, &c, &crate::workspace::actor())?;
            if ctx.json {
                return print_json(&c);
            }
            outln!(
                "Created {} campaign `{}` (minor age {}); add entries with `tactful campaign add {} SEGMENT ...`.",
                c.channel,
                for_terminal(&c.name),
                for_terminal(&c.minor_age().describe()),
                for_terminal(&c.name)
            );
            Ok(())
        }
        CampaignAction::Add {
            name,
            segment,
            subject,
            subject_file,
            body,
            body_file,
            html,
        } => {
            let body = match (body, body_file) {
                (Some(b), _) => b,
                (None, Some(path)) => template_file("body", &path)?,
                (None, None) => anyhow::bail!("give --body TEXT or --body-file FILE"),
            };
            let subject = match subject_file {
                Some(path) => {
                    let text = template_file("subject", &path)?;
                    let line = text.strip_suffix('\n').unwrap_or(&text);
                    Some(line.strip_suffix('\r').unwrap_or(line).to_string())
                }
                None => subject,
            };
            let mut ws = ctx.open()?;
            let entry = Entry {
                segment,
                subject,
                body,
                format: if html {
                    BodyFormat::Html
                } else {
                    BodyFormat::Plain
                },
            };
            let (c, n) = edit::add_entry(
                &mut ws,
                &name,
                entry,
                |c| ctx.as_of_for(c),
                &crate::workspace::actor(),
            )
            .map_err(preview_failed)?;
            if ctx.json {
                return print_json(&c);
            }
            outln!(
                "Added segment `{}` to campaign `{}` as entry {n}.",
                for_terminal(&c.entries[n - 1].segment),
                for_terminal(&c.name)
            );
            Ok(())
        }
        CampaignAction::List => {
            let ws = ctx.open()?;
            let mut listed = Vec::new();
            for name in campaigns::names(ws.conn())? {
                let c = load(&ws, &name)?;
                listed.push(Listed {
                    name: c.name,
                    channel: c.channel,
                    category: c.category,
                    holdout: c.holdout_pct,
                    as_of: c.as_of,
                    entries: c.entries.into_iter().map(|e| e.segment).collect(),
                });
            }
            if ctx.json {
                return print_json(&listed);
            }
            if listed.is_empty() {
                outln!(
                    "No campaigns yet: create one with `tactful campaign new NAME --channel email`."
                );
                return Ok(());
            }
            let rows: Vec<Vec<String>> = listed
                .iter()
                .map(|l| {
                    vec![
                        l.name.clone(),
                        l.channel.to_string(),
                        l.category.as_str().to_string(),
                        format!("{}%", l.holdout),
                        l.entries.join(", "),
                    ]
                })
                .collect();
            print_table(
                &["name", "channel", "category", "holdout", "segments"],
                &rows,
            )
        }
        CampaignAction::Show { name } => super::campaign_show::run(ctx, &name),
        CampaignAction::Rm { name } => {
            let mut ws = ctx.open()?;
            let c = edit::delete(&mut ws, &name, &crate::workspace::actor())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "removed": c.name }));
            }
            outln!("Removed campaign `{}`.", for_terminal(&c.name));
            Ok(())
        }
        CampaignAction::RmEntry { name, entry } => {
            super::campaign_edit::rm_entry(ctx, &name, &entry)
        }
        CampaignAction::Move {
            name,
            entry,
            direction,
        } => super::campaign_edit::move_entry(ctx, &name, &entry, direction),
        CampaignAction::Rename { old, new } => super::campaign_edit::rename(ctx, &old, &new),
        CampaignAction::Set(args) => super::campaign_edit::set(ctx, args),
        CampaignAction::Apply { file } => super::campaign_code::apply(ctx, &file),
        CampaignAction::Dump { name } => super::campaign_code::dump(ctx, &name),
    }
}

/// The text of template file `path` for `campaign add`'s `--subject-file` or
/// `--body-file` (`part`: `subject` or `body`), without a leading byte order mark
/// (Notepad writes one).
///
/// Errors name the part and the file: one that cannot be read (missing, a folder, no
/// permission), or one that is not UTF-8 text.
fn template_file(part: &str, path: &std::path::Path) -> anyhow::Result<String> {
    let shown = for_terminal(&path.display().to_string()).into_owned();
    let bytes =
        std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {part} file {shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{part} file {shown} is not UTF-8 text (byte {} is not valid UTF-8): save it as UTF-8",
            e.utf8_error().valid_up_to() + 1
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}
