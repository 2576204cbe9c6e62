//! How what a row says about consent meets what the workspace holds.
//!
//! The rules (issue 9; PRODUCT.md, "Import rules"), for one contact and channel:
//! - nothing said: the stored state stands;
//! - withdrawn or bounced: recorded, whatever was stored;
//! - declined (a "no"): withdraws a granted consent, is recorded over not asked, and
//!   never replaces a withdrawal or a bounce;
//! - not asked, stated by the file (Klaviyo `NEVER_SUBSCRIBED`, HubSpot non-marketing,
//!   Mailchimp's non-subscribed file): recorded over not asked, and over a grant (the
//!   platform of record no longer holds a permission, trial 4 N2) unless both give
//!   times and the grant is the later; never lowers a refusal;
//! - granted over granted refreshes the evidence when the file states it; `--consent`
//!   keeps the stored evidence, which is better than an option's;
//! - granted for a new contact is granted. For a stored contact, a change into granted
//!   is an *upgrade*, listed in the report whether applied or refused:
//!   - from not asked: applied when the file states consent itself, never from
//!     `--consent` (unless the user confirms upgrades for the run);
//!   - from declined: applied when the file shows consent given after the refusal (its
//!     consent time is later than the refusal's) or the user confirms upgrades
//!     (`--accept-consent-upgrades`); otherwise refused: an old export's "yes" must not
//!     silently overturn a "no";
//!   - from withdrawn or bounced: always refused. An opt-out is never turned back on.
//!
//! A contact an undo deleted still has its refusals on record (`consent_refusals`): the
//! loader passes that refusal as the stored state of the "new" contact.

use chrono::{DateTime, Utc};

use crate::fields::ConsentState;

/// Where a statement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The file: a consent column, or the status a platform layout gives the file.
    Stated,
    /// `--consent CHANNEL=STATE` for a row the file says nothing about.
    Assumed,
}

/// What a row says about one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    pub state: ConsentState,
    pub origin: Origin,
    /// When the file says the consent was given or refused, if it does.
    pub at: Option<DateTime<Utc>>,
}

/// What the workspace holds for the contact and channel before the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub state: ConsentState,
    /// When the stored state was stated (or, without a stated time, recorded).
    pub at: Option<DateTime<Utc>>,
    /// No contact and no recorded refusal: the row creates the contact's consent.
    pub fresh: bool,
}

impl Stored {
    /// A contact the workspace has never held.
    pub fn fresh() -> Self {
        Stored {
            state: ConsentState::NotAsked,
            at: None,
            fresh: true,
        }
    }
}

/// A change into granted that was applied or refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    pub from: ConsentState,
    pub applied: bool,
    pub reason: String,
    /// Applied only because the user confirmed upgrades (`--accept-consent-upgrades`),
    /// so the user's written reason belongs on its evidence.
    pub confirmed: bool,
}

/// The outcome for one contact and channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub state: ConsentState,
    /// True when the row decided: its source and evidence are recorded and its consent
    /// column values stored. False when the stored state stands with its own.
    pub by_row: bool,
    pub upgrade: Option<Upgrade>,
}

/// Decide the consent after a row that says `said` (`None`: nothing) about a contact
/// stored as `stored`; `accept_upgrades` is `--accept-consent-upgrades`.
pub fn decide(stored: Stored, said: Option<Said>, accept_upgrades: bool) -> Decision {
    use ConsentState as S;
    let keep = Decision {
        state: stored.state,
        by_row: false,
        upgrade: None,
    };
    let take = |state| Decision {
        state,
        by_row: true,
        upgrade: None,
    };
    let Some(said) = said else {
        return keep;
    };
    match (said.state, stored.state) {
        (S::Withdrawn | S::Bounced, _) => take(said.state),
        (S::Declined, S::Granted) => take(S::Withdrawn),
        (S::Declined, S::NotAsked | S::Declined) => take(S::Declined),
        (S::NotAsked, S::NotAsked) => take(S::NotAsked),
        (S::NotAsked, S::Granted)
            if said.origin == Origin::Stated
                && !matches!((said.at, stored.at), (Some(now), Some(granted)) if now < granted) =>
        {
            take(S::NotAsked)
        }
        (S::Declined | S::NotAsked, _) => keep,
        (S::Granted, S::Granted) if said.origin == Origin::Stated => take(S::Granted),
        (S::Granted, S::Granted) => keep,
        (S::Granted, S::NotAsked) if stored.fresh => take(S::Granted),
        (S::Granted, from) => upgrade(stored, said, from, accept_upgrades),
    }
}

fn upgrade(stored: Stored, said: Said, from: ConsentState, accept: bool) -> Decision {
    use ConsentState as S;
    let confirmed = accept
        && match from {
            S::NotAsked => said.origin != Origin::Stated,
            S::Declined => true,
            _ => false,
        };
    let (applied, reason) = match from {
        S::Withdrawn | S::Bounced => (
            false,
            format!("an opt-out ({from}) is never turned back on by an import"),
        ),
        S::NotAsked if said.origin == Origin::Stated => {
            (true, "the file states the consent".to_string())
        }
        S::NotAsked if accept => (
            true,
            "--consent granted it, confirmed with --accept-consent-upgrades".to_string(),
        ),
        S::NotAsked => (
            false,
            "--consent does not grant consent to a contact already held as not asked; the file must state it, or pass --accept-consent-upgrades with --upgrade-reason TEXT".to_string(),
        ),
        S::Declined if accept => (
            true,
            "confirmed with --accept-consent-upgrades".to_string(),
        ),
        // A consent time after the import runs is a typo or a clock gone wrong, never
        // evidence of consent given after a refusal (session 7 trial: a Mailchimp
        // OPTIN_TIME of 2030 overturned a recorded "no").
        S::Declined => match (said.origin, said.at, stored.at) {
            (Origin::Stated, Some(given), _) if given > Utc::now() => (
                false,
                format!(
                    "the person declined; the file's consent time {} has not come yet, so it shows no consent given after that; pass --accept-consent-upgrades with --upgrade-reason TEXT to confirm",
                    given.to_rfc3339()
                ),
            ),
            (Origin::Stated, Some(given), Some(refused)) if given > refused => (
                true,
                format!(
                    "consent given at {} is later than the refusal at {}",
                    given.to_rfc3339(),
                    refused.to_rfc3339()
                ),
            ),
            (_, given, refused) => (
                false,
                format!(
                    "the person declined{}; the file shows no consent given after that ({}); pass --accept-consent-upgrades with --upgrade-reason TEXT to confirm",
                    refused.map_or(String::new(), |t| format!(" at {}", t.to_rfc3339())),
                    given.map_or("it gives no consent time".to_string(), |t| format!(
                        "its consent time is {}",
                        t.to_rfc3339()
                    ))
                ),
            ),
        },
        S::Granted => (true, String::new()),
    };
    Decision {
        state: if applied { S::Granted } else { from },
        by_row: applied,
        upgrade: Some(Upgrade {
            from,
            applied,
            reason,
            confirmed,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConsentState::{Bounced as B, Declined as D, Granted as G, NotAsked as N, Withdrawn as W};

    fn t(s: &str) -> Option<DateTime<Utc>> {
        Some(DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc))
    }

    fn stored(state: ConsentState) -> Stored {
        Stored {
            state,
            at: t("2024-06-01T00:00:00Z"),
            fresh: false,
        }
    }

    fn said(state: ConsentState, origin: Origin) -> Option<Said> {
        Some(Said {
            state,
            origin,
            at: None,
        })
    }

    /// Every (stored, stated) pair without times, worked out by hand from the rules in
    /// the module header: the state after, whether the row decided, and for a change
    /// into granted whether it was applied.
    #[test]
    fn stated_words_against_every_stored_state() {
        let row = true;
        let kept = false;
        // The state after, whether the row decided, whether an upgrade was applied.
        type After = (ConsentState, bool, Option<bool>);
        #[rustfmt::skip]
        let table: [(ConsentState, [After; 5]); 5] = [
            //     said: Granted              NotAsked          Declined          Withdrawn        Bounced
            (G, [(G, row, None),        (N, row, None),  (W, row, None), (W, row, None), (B, row, None)]),
            (N, [(G, row, Some(true)),  (N, row, None),  (D, row, None), (W, row, None), (B, row, None)]),
            (D, [(D, kept, Some(false)),(D, kept, None), (D, row, None), (W, row, None), (B, row, None)]),
            (W, [(W, kept, Some(false)),(W, kept, None), (W, kept, None),(W, row, None), (B, row, None)]),
            (B, [(B, kept, Some(false)),(B, kept, None), (B, kept, None),(W, row, None), (B, row, None)]),
        ];
        let words = [G, N, D, W, B];
        for (from, expected) in table {
            for (word, (state, by_row, applied)) in words.iter().zip(expected) {
                let d = decide(stored(from), said(*word, Origin::Stated), false);
                assert_eq!(
                    (d.state, d.by_row, d.upgrade.map(|u| u.applied)),
                    (state, by_row, applied),
                    "stored {from}, said {word}"
                );
            }
        }
    }

    /// `--consent email=granted` fills a new contact, but upgrades nobody unless the
    /// user confirms: not asked and declined stay, opt-outs stay whatever is confirmed.
    #[test]
    fn the_option_grants_new_contacts_only() {
        let assumed = said(G, Origin::Assumed);
        assert_eq!(decide(Stored::fresh(), assumed, false).state, G);
        assert_eq!(decide(Stored::fresh(), assumed, false).upgrade, None);
        for from in [N, D, W, B] {
            let d = decide(stored(from), assumed, false);
            assert_eq!(
                (d.state, d.upgrade.unwrap().applied),
                (from, false),
                "{from}"
            );
        }
        for (from, after) in [(N, G), (D, G), (W, W), (B, B)] {
            assert_eq!(decide(stored(from), assumed, true).state, after, "{from}");
        }
        // Granted stays granted and keeps its stored evidence.
        assert!(!decide(stored(G), assumed, false).by_row);
        assert_eq!(
            decide(stored(G), None, false),
            Decision {
                state: G,
                by_row: false,
                upgrade: None
            }
        );
    }

    /// Issue 9: an old CRM export's "yes" does not overturn a "no"; a consent given
    /// after the refusal does.
    #[test]
    fn a_declined_contact_needs_a_later_consent() {
        let declined = stored(D); // refused 2024-06-01
        let stale_said = Said {
            state: G,
            origin: Origin::Stated,
            at: t("2023-01-01T00:00:00Z"),
        };
        let stale = Some(stale_said);
        let fresh = Some(Said {
            at: t("2024-07-01T09:30:00Z"),
            ..stale_said
        });
        let d = decide(declined, stale, false);
        assert_eq!((d.state, d.upgrade.as_ref().unwrap().applied), (D, false));
        assert!(
            d.upgrade
                .unwrap()
                .reason
                .contains("2023-01-01T00:00:00+00:00")
        );
        let d = decide(declined, fresh, false);
        assert_eq!((d.state, d.by_row), (G, true));
        assert_eq!(
            d.upgrade.unwrap().reason,
            "consent given at 2024-07-01T09:30:00+00:00 is later than the refusal at 2024-06-01T00:00:00+00:00"
        );
        // Without a consent time, only the user's confirmation lifts it.
        assert_eq!(decide(declined, said(G, Origin::Stated), false).state, D);
        assert_eq!(decide(declined, said(G, Origin::Stated), true).state, G);
    }

    /// A consent time that has not come yet (a Mailchimp `OPTIN_TIME` of 2030 in the
    /// session 7 trial) is no evidence; the user's confirmation still lifts the refusal.
    #[test]
    fn a_consent_time_in_the_future_lifts_no_refusal() {
        let declined = stored(D); // refused 2024-06-01
        let future = Some(Said {
            state: G,
            origin: Origin::Stated,
            at: t("2999-01-01T00:00:00Z"),
        });
        let d = decide(declined, future, false);
        assert_eq!((d.state, d.by_row), (D, false));
        let upgrade = d.upgrade.unwrap();
        assert!(!upgrade.applied);
        assert!(
            upgrade
                .reason
                .contains("consent time 2999-01-01T00:00:00+00:00 has not come yet"),
            "{}",
            upgrade.reason
        );
        assert_eq!(decide(declined, future, true).state, G);
    }
}
