//! Files whose name says they list opt-outs (`unsubscribed.csv`, `optouts.csv`,
//! `spam_complaints.csv`, `bounces.csv`, `suppression_list.csv`, `blocklist.csv`,
//! `abmeldungen.csv`): a granting `--consent` must not be applied to them.
//!
//! Owns the rule of the session-10 trial's F21: `import customers.csv unsubscribed.csv
//! --consent email=granted` (a shell glob over an export folder) granted consent to the
//! people in the unsubscribe file. A ZIP's members with such names are imported last
//! ([`super::archive`]) and Mailchimp's are read by their layout's file status, but a
//! plain file with no layout had the option applied to every row. Now [`check`] refuses
//! the import and says how to load such a list (`tactful suppress FILE`). Names are
//! read as whole words (`snake_case`, see [`super::normalise::snake_case`]), so
//! `spamalot_fans.csv` or `bouncer_staff.csv` are no opt-out lists.

use super::ImportError;
use super::plan::ImportPlan;
use crate::fields::ConsentState;

/// Whole words of a file name that say it lists opt-outs, in the seven languages of
/// the dictionary.
const WORDS: &[&str] = &[
    "unsubscribed",
    "unsubscribes",
    "unsubscribe",
    "unsubscribers",
    "unsubs",
    "unsub",
    "optout",
    "optouts",
    "optedout",
    "suppression",
    "suppressions",
    "suppressed",
    "suppress",
    "bounces",
    "bounced",
    "bounce",
    "hardbounces",
    "complaints",
    "complaint",
    "complained",
    "spam",
    "spamcomplaints",
    "blocklist",
    "blocklisted",
    "blacklist",
    "blacklisted",
    "denylist",
    "dnc",
    "donotcontact",
    "donotemail",
    "robinson",
    "robinsonliste",
    "withdrawn",
    "withdrawals",
    "revoked",
    "erasures",
    "abmeldungen",
    "abmeldung",
    "abgemeldet",
    "abgemeldete",
    "sperrliste",
    "desabonnes",
    "desabonnements",
    "desinscrits",
    "desinscriptions",
    "bajas",
    "disiscritti",
    "disiscrizioni",
    "afmeldingen",
    "afgemeld",
    "afgemelde",
    "uitschrijvingen",
    "uitgeschreven",
    "descadastrados",
    "descadastros",
];

/// Two consecutive words that say the same (`opt-outs`, `do not contact`, Mailchimp's
/// `cleaned_members_export`).
const PAIRS: &[[&str; 2]] = &[
    ["opt", "out"],
    ["opt", "outs"],
    ["opted", "out"],
    ["not", "contact"],
    ["not", "email"],
    ["de", "baja"],
    ["cleaned", "members"],
    ["cleaned", "contacts"],
    ["cleaned", "subscribers"],
];

/// The word (or two) of `file_name` that says the file lists opt-outs, if any.
pub fn opt_out_word(file_name: &str) -> Option<String> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let name = super::normalise::snake_case(stem);
    let words: Vec<&str> = name.split('_').collect();
    if let Some(w) = words.iter().find(|w| WORDS.contains(w)) {
        return Some(w.to_string());
    }
    words.windows(2).find_map(|w| {
        PAIRS
            .iter()
            .any(|p| w[0] == p[0] && w[1] == p[1])
            .then(|| format!("{} {}", w[0], w[1]))
    })
}

/// Refuse a granting `--consent` for a file named like an opt-out list that no
/// platform layout reads (`layout`: the recognised layout's id; a layout such as
/// Mailchimp's gives the file its own status, which the option never overrides).
///
/// Errors: [`ImportError::OptOutFile`] naming the file, the word and the option.
pub fn check(plan: &ImportPlan, layout: Option<&str>) -> Result<(), ImportError> {
    if layout.is_some() {
        return Ok(());
    }
    let Some((channel, state)) = plan
        .consent
        .iter()
        .find(|(_, s)| **s == ConsentState::Granted)
    else {
        return Ok(());
    };
    let Some(word) = opt_out_word(&plan.file_name()) else {
        return Ok(());
    };
    Err(ImportError::OptOutFile {
        file: crate::text::for_terminal(&plan.display_name()).into_owned(),
        word,
        option: format!("{channel}={state}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: the trial's file names and their languages' plurals are opt-out lists;
    /// customer files and words that only contain an opt-out word are not.
    #[test]
    fn names_of_opt_out_lists() {
        for (name, word) in [
            ("unsubscribed.csv", "unsubscribed"),
            ("optouts.csv", "optouts"),
            ("opt-outs.csv", "opt outs"),
            ("spam_complaints.csv", "spam"),
            ("bounces.csv", "bounces"),
            ("suppression_list.csv", "suppression"),
            ("Klaviyo_Suppressions.csv", "suppressions"),
            ("blocklist.txt", "blocklist"),
            ("abmeldungen.csv", "abmeldungen"),
            ("Désabonnés 2024.csv", "desabonnes"),
            ("cleaned_members_export_4d2c.csv", "cleaned members"),
            ("do-not-contact.csv", "not contact"),
        ] {
            assert_eq!(opt_out_word(name).as_deref(), Some(word), "{name}");
        }
        for name in [
            "customers.csv",
            "customers_cleaned.csv",
            "subscribed_members_export.csv",
            "spamalot_fans.csv",
            "bouncer_staff.csv",
            "newsletter.csv",
        ] {
            assert_eq!(opt_out_word(name), None, "{name}");
        }
    }
}
