//! `tactful campaign rm-entry|move|rename|set`: changing a campaign in place, through
//! the core's editing use cases (`campaign::edit`), each audited.

use clap::{Args, ValueEnum};

use super::campaign::preview_failed;
use super::{Context, print_json};
use crate::campaign::edit::{self, Direction, Settings};
use crate::campaign::{Campaign, CampaignError, MessageLocale};
use crate::fields::Channel;
use crate::fields::policy::Category;
use crate::text::for_terminal;
use crate::workspace::actor;

/// Which way `campaign move` moves an entry.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Way {
    /// One place earlier: higher priority.
    Up,
    /// One place later: lower priority.
    Down,
}

/// Options of `campaign set`; the global `--as-of` sets the as-of date.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The campaign to change.
    name: String,
    /// email or sms (every entry must fit: SMS entries have no subject).
    #[arg(long)]
    channel: Option<Channel>,
    /// general, housing, employment, credit or politics (every entry is checked again).
    #[arg(long)]
    category: Option<Category>,
    /// Percent of matched contacts held out as a control group (0 to 50).
    #[arg(long)]
    holdout: Option<f64>,
    /// Small-cell threshold for review (at least 2).
    #[arg(long)]
    k: Option<u32>,
    /// Language of the messages (de-DE, fr-FR, en-GB).
    #[arg(long, conflicts_with = "clear_locale")]
    locale: Option<MessageLocale>,
    /// Messages in English again (no locale).
    #[arg(long)]
    clear_locale: bool,
    /// Forget the campaign's as-of date: it runs as of today.
    #[arg(long)]
    clear_as_of: bool,
    #[command(flatten)]
    minors: MinorArgs,
}

/// The minor-age options `campaign new` and `campaign set` share.
#[derive(Debug, Args)]
pub struct MinorArgs {
    /// Age below which contacts are excluded as minors (13 to 21); `default` clears it.
    /// Default: the country's digital age of consent, else 16 (GDPR Art. 8(1)).
    #[arg(long, value_name = "N")]
    minor_age: Option<String>,
    /// ISO country code the campaign addresses (FR, DE, UK, US...): sets the minor age
    /// from assets/minor-age.toml when --minor-age is not given; `none` clears it.
    #[arg(long, value_name = "CC")]
    country: Option<String>,
}

impl MinorArgs {
    /// Put the settings given into [`Settings::minor_age`] and [`Settings::country`]:
    /// left `None` when not given, `Some(None)` for `default` / `none`.
    ///
    /// Errors: a minor age that is not a number of years.
    pub fn fill(&self, settings: &mut Settings) -> Result<(), CampaignError> {
        let minor_age = match self.minor_age.as_deref().map(str::trim) {
            None => None,
            Some("default" | "none") => Some(None),
            Some(n) => Some(Some(n.parse::<u32>().map_err(|_| {
                CampaignError::Invalid(format!(
                    "--minor-age takes a number of years (13 to 21) or `default`, not `{}`",
                    for_terminal(n)
                ))
            })?)),
        };
        let country = self
            .country
            .as_deref()
            .map(str::trim)
            .map(|c| (!c.eq_ignore_ascii_case("none") && !c.is_empty()).then(|| c.to_string()));
        settings.minor_age = minor_age;
        settings.country = country;
        Ok(())
    }
}

/// `campaign rm-entry NAME SEGMENT` (or `NAME N`).
pub fn rm_entry(ctx: &Context, name: &str, entry: &str) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let before = crate::campaign::unlock::load(&ws, name)?;
    let n = edit::entry_number(&before, entry).map_err(preview_failed)?;
    let c = edit::remove_entry(&mut ws, name, n, &actor()).map_err(preview_failed)?;
    let segment = before.entries.get(n - 1).map_or("", |e| e.segment.as_str());
    done(
        ctx,
        &c,
        &format!(
            "Removed entry {n} (segment `{}`) from",
            for_terminal(segment)
        ),
    )
}

/// `campaign move NAME SEGMENT up|down` (or `NAME N up|down`).
pub fn move_entry(ctx: &Context, name: &str, entry: &str, way: Way) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let before = crate::campaign::unlock::load(&ws, name)?;
    let n = edit::entry_number(&before, entry).map_err(preview_failed)?;
    let direction = match way {
        Way::Up => Direction::Up,
        Way::Down => Direction::Down,
    };
    let c = edit::move_entry(&mut ws, name, n, direction, &actor()).map_err(preview_failed)?;
    let to = match way {
        Way::Up => n - 1,
        Way::Down => n + 1,
    };
    let segment = for_terminal(&c.entries[to - 1].segment).into_owned();
    done(
        ctx,
        &c,
        &format!("Moved entry {n} (segment `{segment}`) to {to} in"),
    )
}

/// `campaign rename OLD NEW`.
pub fn rename(ctx: &Context, old: &str, new: &str) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let c = edit::rename(&mut ws, old, new, &actor()).map_err(preview_failed)?;
    if ctx.json {
        return print_json(&c);
    }
    outln!(
        "Renamed campaign `{}` to `{}`; review and sign it off again before exporting.",
        for_terminal(old.trim()),
        for_terminal(&c.name)
    );
    Ok(())
}

/// `campaign set NAME [--channel] [--category] [--holdout] [--k] [--locale] [--as-of]
/// [--minor-age] [--country]`.
pub fn set(ctx: &Context, args: SetArgs) -> anyhow::Result<()> {
    let mut settings = Settings {
        channel: args.channel,
        category: args.category,
        holdout_pct: args.holdout,
        k: args.k,
        as_of: if args.clear_as_of {
            Some(None)
        } else {
            ctx.as_of_given.then_some(Some(ctx.as_of))
        },
        locale: if args.clear_locale {
            Some(None)
        } else {
            args.locale.map(Some)
        },
        ..Settings::default()
    };
    args.minors.fill(&mut settings)?;
    if settings == Settings::default() {
        anyhow::bail!(
            "nothing to change: give --channel, --category, --holdout, --k, --locale, --as-of, --minor-age or --country"
        );
    }
    let mut ws = ctx.open()?;
    let c = edit::set(
        &mut ws,
        &args.name,
        &settings,
        |c| ctx.as_of_for(c),
        &actor(),
    )
    .map_err(preview_failed)?;
    if ctx.json {
        return print_json(&c);
    }
    outln!(
        "Campaign `{}`: {}, category {}, holdout {}%, k = {}, as of {}, minor age {}.",
        for_terminal(&c.name),
        c.channel,
        c.category,
        c.holdout_pct,
        c.k,
        c.as_of
            .map_or_else(|| "today".to_string(), |d| d.to_string()),
        for_terminal(&c.minor_age().describe())
    );
    Ok(())
}

fn done(ctx: &Context, c: &Campaign, what: &str) -> anyhow::Result<()> {
    if ctx.json {
        return print_json(c);
    }
    outln!("{what} campaign `{}`. Entries now:", for_terminal(&c.name));
    for (i, e) in c.entries.iter().enumerate() {
        outln!("  {}. {}", i + 1, for_terminal(&e.segment));
    }
    Ok(())
}
