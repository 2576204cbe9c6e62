//! `tactful campaign set NAME`: change the settings given (category, holdout, k,
//! locale, minor age, country), check every entry again in the new scope, save and
//! audit (`campaign set`, before and after). The minor-age options are shared with
//! `campaign new`.

use clap::Args;

use super::campaign::preview_failed;
use super::{Context, print_json};
use crate::campaign::prepare::check_entry;
use crate::campaign::unlock::load;
use crate::campaign::{Campaign, CampaignError};
use crate::fields::policy::Category;
use crate::message::MessageLocale;
use crate::segment::store;
use crate::text::for_terminal;
use crate::workspace::{audit, campaigns, fields as field_store};

/// The minor-age settings `campaign new` and `campaign set` share.
#[derive(Debug, Args)]
pub(super) struct MinorArgs {
    /// Age below which contacts are excluded as minors (13 to 21); `default` clears it.
    /// Default: the country's digital age of consent, else 16 (GDPR Art. 8(1)).
    #[arg(long, value_name = "N")]
    pub minor_age: Option<String>,
    /// ISO country code the campaign addresses (FR, DE, UK, US...): sets the minor age
    /// from assets/minor-age.toml when --minor-age is not given; `none` clears it.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
}

impl MinorArgs {
    /// Apply the given settings to `c`.
    pub(super) fn apply(&self, c: &mut Campaign) -> Result<(), CampaignError> {
        if let Some(age) = &self.minor_age {
            c.minor_age = match age.trim() {
                "default" | "none" => None,
                n => Some(n.parse::<u32>().map_err(|_| {
                    CampaignError::Invalid(format!(
                        "--minor-age takes a number of years (13 to 21) or `default`, not `{}`",
                        for_terminal(n)
                    ))
                })?),
            };
        }
        if let Some(country) = &self.country {
            let given = country.trim();
            c.set_country((!given.eq_ignore_ascii_case("none")).then_some(given))?;
        }
        Ok(())
    }
}

/// The settings `campaign set` may change besides the minor age; `None` keeps one.
pub(super) struct Settings {
    pub category: Option<Category>,
    pub holdout: Option<f64>,
    pub k: Option<u32>,
    pub locale: Option<MessageLocale>,
}

/// `campaign set`: change the settings given, check the campaign's entries in the new
/// scope (a category change can block a field a rule uses), save and audit.
pub(super) fn run(
    ctx: &Context,
    name: &str,
    given: Settings,
    minors: &MinorArgs,
) -> anyhow::Result<()> {
    let Settings {
        category,
        holdout,
        k,
        locale,
    } = given;
    let mut ws = ctx.open()?;
    let before = load(&ws, name)?;
    let mut c = before.clone();
    if let Some(category) = category {
        c.category = category;
    }
    if let Some(holdout) = holdout {
        c.holdout_pct = holdout;
    }
    if let Some(k) = k {
        c.k = k;
    }
    if locale.is_some() {
        c.locale = locale;
    }
    minors.apply(&mut c)?;
    c.validate()?;
    let fields = field_store::list(ws.conn())?;
    for (i, entry) in c.entries.iter().enumerate() {
        let seg = store::get(ws.conn(), &entry.segment)?;
        check_entry(&fields, &c, i + 1, entry, &seg.rule, ctx.as_of_for(&c))
            .map_err(preview_failed)?;
    }
    let actor = crate::workspace::actor();
    ws.write(|tx| {
        campaigns::save(tx, &c)?;
        audit::append(
            tx,
            &actor,
            "campaign set",
            &c.name,
            &serde_json::json!({
                "category": {"before": before.category, "after": c.category},
                "holdout": {"before": before.holdout_pct, "after": c.holdout_pct},
                "k": {"before": before.k, "after": c.k},
                "locale": {"before": before.locale.map(|l| l.to_string()), "after": c.locale.map(|l| l.to_string())},
                "minor_age": {"before": before.minor_age, "after": c.minor_age},
                "country": {"before": before.country, "after": c.country},
            }),
        )
    })?;
    if ctx.json {
        return print_json(&c);
    }
    outln!(
        "Campaign `{}`: {} campaign, category {}, holdout {}%, k {}, minor age {}.",
        for_terminal(&c.name),
        c.channel,
        c.category.as_str(),
        c.holdout_pct,
        c.k,
        for_terminal(&c.minor_age().describe())
    );
    Ok(())
}
