//! The campaign settings dialog (`S` on the Messages screen): channel, category,
//! holdout, k, as-of date and minor age of the current campaign, saved through the
//! core's `campaign::edit::set` (the same use case as `tactful campaign set`), so a new
//! channel or category is checked against every entry there, not here.
//!
//! [`SettingsForm`] is the dialog's state, [`view`] draws it, [`update`] changes it.

pub mod jobs;
pub mod update;
pub mod view;

use crate::campaign::Campaign;
use crate::campaign::edit::Settings;
use crate::fields::Channel;
use crate::fields::policy::Category;
use crate::tui::widgets::text_input::TextInput;

/// The rows of the dialog, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Channel,
    Category,
    Holdout,
    K,
    AsOf,
    MinorAge,
}

impl Row {
    pub const ALL: [Row; 6] = [
        Row::Channel,
        Row::Category,
        Row::Holdout,
        Row::K,
        Row::AsOf,
        Row::MinorAge,
    ];

    /// The label drawn before the row's value.
    pub fn label(self) -> &'static str {
        match self {
            Row::Channel => "Channel",
            Row::Category => "Category",
            Row::Holdout => "Holdout %",
            Row::K => "k",
            Row::AsOf => "As of",
            Row::MinorAge => "Minor age",
        }
    }

    /// True for the rows chosen from a list (Left/Right/Space) rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(self, Row::Channel | Row::Category)
    }
}

/// The settings dialog: the values as shown and typed, the row with the keyboard, and
/// why the last Enter failed.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsForm {
    /// The campaign whose settings these are.
    pub campaign: String,
    pub channel: Channel,
    pub category: Category,
    pub holdout: TextInput,
    pub k: TextInput,
    /// `YYYY-MM-DD`, or blank for "today".
    pub as_of: TextInput,
    /// Years (13 to 21), or blank for the country's or the default age.
    pub minor_age: TextInput,
    /// Index into [`Row::ALL`].
    pub row: usize,
    /// How the minor age resolves now ("16 (default, GDPR Art. 8(1))").
    pub minor_age_now: String,
    pub error: Option<String>,
    /// Generation of the save in flight.
    pub pending: Option<u64>,
}

impl SettingsForm {
    /// The dialog filled with `c`'s settings.
    pub fn new(c: &Campaign) -> SettingsForm {
        SettingsForm {
            campaign: c.name.clone(),
            channel: c.channel,
            category: c.category,
            holdout: TextInput::new(c.holdout_pct.to_string()),
            k: TextInput::new(c.k.to_string()),
            as_of: TextInput::new(c.as_of.map(|d| d.to_string()).unwrap_or_default()),
            minor_age: TextInput::new(c.minor_age.map(|a| a.to_string()).unwrap_or_default()),
            row: 0,
            minor_age_now: c.minor_age().describe(),
            error: None,
            pending: None,
        }
    }

    /// The row with the keyboard.
    pub fn row(&self) -> Row {
        Row::ALL[self.row.min(Row::ALL.len() - 1)]
    }

    /// The text input of a typed row (`None` for a choice row).
    pub fn input(&self, row: Row) -> Option<&TextInput> {
        match row {
            Row::Holdout => Some(&self.holdout),
            Row::K => Some(&self.k),
            Row::AsOf => Some(&self.as_of),
            Row::MinorAge => Some(&self.minor_age),
            Row::Channel | Row::Category => None,
        }
    }

    pub(crate) fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.row() {
            Row::Holdout => Some(&mut self.holdout),
            Row::K => Some(&mut self.k),
            Row::AsOf => Some(&mut self.as_of),
            Row::MinorAge => Some(&mut self.minor_age),
            Row::Channel | Row::Category => None,
        }
    }

    /// Step the choice row with the keyboard `delta` places on, wrapping.
    pub fn cycle(&mut self, delta: isize) {
        let step = |i: usize, n: usize| (i as isize + delta).rem_euclid(n as isize) as usize;
        match self.row() {
            Row::Channel => {
                self.channel = match self.channel {
                    Channel::Email => Channel::Sms,
                    Channel::Sms => Channel::Email,
                }
            }
            Row::Category => {
                let all = Category::ALL;
                let at = all.iter().position(|c| *c == self.category).unwrap_or(0);
                self.category = all[step(at, all.len())];
            }
            _ => {}
        }
    }

    /// The typed values as the core's [`Settings`] (every one given, so the core
    /// compares and records them all).
    ///
    /// Errors: a sentence naming the row whose text is not a number or a date.
    pub fn settings(&self) -> Result<Settings, String> {
        let holdout = self.holdout.value().trim();
        let holdout_pct = holdout.parse::<f64>().map_err(|_| {
            format!(
                "Holdout % takes a number from 0 to 50, not `{}`",
                crate::text::for_terminal(holdout)
            )
        })?;
        let k = self.k.value().trim();
        let k = k.parse::<u32>().map_err(|_| {
            format!(
                "k takes a whole number of contacts, not `{}`",
                crate::text::for_terminal(k)
            )
        })?;
        let as_of = match self.as_of.value().trim() {
            "" => None,
            d => Some(
                crate::campaign::as_of::parse(d)
                    .map_err(|e| format!("As of takes a date (blank: today): {e}"))?,
            ),
        };
        let minor_age = match self.minor_age.value().trim() {
            "" => None,
            n => Some(n.parse::<u32>().map_err(|_| {
                format!(
                    "Minor age takes a number of years from 13 to 21 (blank: the default), not `{}`",
                    crate::text::for_terminal(n)
                )
            })?),
        };
        Ok(Settings {
            channel: Some(self.channel),
            category: Some(self.category),
            holdout_pct: Some(holdout_pct),
            k: Some(k),
            as_of: Some(as_of),
            minor_age: Some(minor_age),
            ..Settings::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    /// New-user trial 6, G11: the TUI refuses a two-digit year as `--as-of` does.
    #[test]
    fn a_two_digit_as_of_year_is_refused_with_the_year_in_full() {
        let mut form = SettingsForm::new(&Campaign::new("c", Channel::Email));
        form.as_of = TextInput::new("26-01-01");
        assert_eq!(
            form.settings().unwrap_err(),
            "As of takes a date (blank: today): `26-01-01` has a 2-digit year; write it in full, as in 2026-01-01"
        );
        form.as_of = TextInput::new("2026-01-01");
        let as_of = form.settings().unwrap().as_of;
        assert_eq!(as_of, Some(NaiveDate::from_ymd_opt(2026, 1, 1)));
    }
}
