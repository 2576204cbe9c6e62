//! An explanation's step details in words: what each of the seven assignment steps
//! looked at for the contact and what it showed (the suppression hit, the stored
//! consent and its evidence, the minor check, the address and why it is none, the
//! earlier holder of a duplicate address, the matching segments, the holdout bucket).
//! Split from [`super`], which builds the steps from these details.

use super::Seen;
use crate::campaign::assign::{Exclusion, holdout_bucket};
use crate::campaign::explain_minor::minor_detail;
use crate::campaign::prepare::{Prepared, PreviewError};
use crate::fields::address::Unsendable;
use crate::fields::phone::{self, LineType, Region};
use crate::fields::value::Record;
use crate::fields::{Channel, ConsentState};
use crate::workspace::{Workspace, phones};

/// Why the contact's stored address is no address for the campaign's channel, read
/// as import and assignment read it: an e-mail value's fault ([`Unsendable`]: wrapped,
/// full-width, ...), or why a phone value is no number (`fields::phone::parse`, in the
/// contact's country, else the workspace's region). `None` for a blank or usable
/// address, and for a phone that reads as a number (its line type says the rest).
pub(super) fn address_fault(
    ws: &Workspace,
    p: &Prepared,
    seen: &Seen,
    full: &Record,
) -> Result<Option<String>, PreviewError> {
    let Some(raw) = seen.address_stored.as_deref() else {
        return Ok(None);
    };
    if seen.address.is_some() {
        return Ok(None);
    }
    Ok(match p.campaign.channel {
        Channel::Email => Unsendable::of(raw).map(|u| u.describe()),
        Channel::Sms => {
            let country = phone::country_column(p.fields.iter().map(|f| f.name.as_str()))
                .and_then(|i| full.get(&p.fields[i].name))
                .and_then(|v| Region::from_country(&v.display()));
            let region = match country {
                Some(r) => Some(r),
                None => phones::region(ws.conn())?,
            };
            phone::parse(raw, region)
                .err()
                .map(|e| format!("is not a phone number: {e}"))
        }
    })
}

/// The stored consent state in words (`not_asked` reads `not asked`); text that is no
/// consent state is quoted and read as not asked, as assignment reads it.
fn consent_words(stored: &str) -> String {
    match stored.parse::<ConsentState>() {
        Ok(state) => state.as_str().replace('_', " "),
        Err(_) if stored.trim().is_empty() => "not asked".to_string(),
        Err(_) => format!("not asked (stored as `{stored}`)"),
    }
}

fn channel_word(c: Channel) -> &'static str {
    match c {
        Channel::Email => "e-mail",
        Channel::Sms => "SMS",
    }
}

pub(super) fn detail(p: &Prepared, seen: &Seen, check: Exclusion, first: Option<usize>) -> String {
    let channel = channel_word(p.campaign.channel);
    match check {
        Exclusion::Suppressed => match &seen.suppressed {
            None => "not on the suppression list (contact key, e-mail address and phone checked)"
                .to_string(),
            Some(hit) => match &hit.value {
                Some(v) => format!(
                    "{} `{v}` is on the suppression list (reason: {})",
                    hit.kind, hit.reason
                ),
                None => format!(
                    "the contact's {} matches an entry of the suppression list kept only as a hash (reason: {})",
                    hit.kind, hit.reason
                ),
            },
        },
        Exclusion::NoConsent => {
            let source = seen
                .consent_source
                .as_deref()
                .map(|s| format!(" (source: {s})"))
                .unwrap_or_default();
            let words = consent_words(&seen.consent_stored);
            // The evidence is added where the file gave a time or an IP: the source
            // already says everything else that an option or a bare column stated.
            let source = match &seen.consent_evidence {
                Some(e) if e.at.is_some() || e.ip.is_some() => {
                    format!("{source}; evidence: {e}")
                }
                _ => source,
            };
            if seen.consent == ConsentState::Granted {
                format!("{channel} consent: {words}{source}")
            } else {
                format!(
                    "{channel} consent: {words}{source}; only granted consent receives messages"
                )
            }
        }
        Exclusion::Minor => {
            minor_detail(p, &seen.record, seen.minor_from.as_deref(), seen.minor_by)
        }
        Exclusion::NoAddress => {
            let field = seen.address_field.and_then(|i| p.columns.get(i));
            match (field, &seen.address_stored, &seen.address) {
                (None, _, _) => format!(
                    "the workspace has no {} field (set one with `tactful fields set FIELD --role {}`)",
                    if p.campaign.channel == Channel::Email {
                        "e-mail"
                    } else {
                        "phone"
                    },
                    if p.campaign.channel == Channel::Email {
                        "email"
                    } else {
                        "phone"
                    },
                ),
                (Some(f), None, _) => format!("field `{}` is blank", f.name),
                (Some(f), Some(raw), None) => match (&seen.address_e164, seen.address_line) {
                    (Some(e164), Some(LineType::FixedLine)) => format!(
                        "`{raw}` in field `{}` is {e164}, a fixed line (numbering plan): it cannot take an SMS",
                        f.name
                    ),
                    _ => match &seen.address_fault {
                        Some(why) => format!("`{raw}` in field `{}` {why}", f.name),
                        None => format!(
                            "`{raw}` in field `{}` is not a valid {} address",
                            f.name, channel
                        ),
                    },
                },
                (Some(f), Some(raw), Some(a)) if p.campaign.channel == Channel::Sms => format!(
                    "SMS address {a} (E.164, line type {}) from `{raw}` in field `{}`",
                    seen.address_line.unwrap_or(LineType::Unknown),
                    f.name
                ),
                (Some(f), Some(raw), Some(_)) => {
                    format!("{channel} address `{raw}` from field `{}`", f.name)
                }
            }
        }
        Exclusion::DuplicateAddress => match (&seen.address, &seen.earlier) {
            (Some(a), Some(k)) => match crate::fields::address::inbox_form(a) {
                Some(inbox) => format!(
                    "address `{a}` delivers to the inbox `{inbox}`, which already went to contact `{k}`, earlier in workspace order"
                ),
                None => format!(
                    "address `{a}` already went to contact `{k}`, earlier in workspace order"
                ),
            },
            (Some(a), None) => format!("no earlier contact was assigned address `{a}`"),
            (None, _) => "no address to compare".to_string(),
        },
        Exclusion::NoSegment => {
            let names = |skip: usize| -> Vec<String> {
                seen.matches
                    .iter()
                    .enumerate()
                    .filter(|(i, m)| **m && *i != skip)
                    .map(|(i, _)| format!("`{}` (entry {})", p.entries[i].segment, i + 1))
                    .collect()
            };
            match first {
                None => format!("matches none of the {} segments", p.entries.len()),
                Some(f) => {
                    let mut s = format!(
                        "matches `{}` (entry {}), the first matching segment in priority order",
                        p.entries[f].segment,
                        f + 1
                    );
                    let others = names(f);
                    if !others.is_empty() {
                        s.push_str(&format!(
                            "; also matches {}, which lost to priority",
                            others.join(", ")
                        ));
                    }
                    s
                }
            }
        }
        Exclusion::Holdout => {
            let threshold = (p.campaign.holdout_pct * 100.0).round() as u64;
            if threshold == 0 {
                "the campaign holds nobody out".to_string()
            } else {
                format!(
                    "holdout bucket {} of 10000 (a hash of the contact key and campaign name); buckets below {threshold} ({}%) are held out",
                    holdout_bucket(p.campaign.holdout_seed(), &seen.key),
                    p.campaign.holdout_pct
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::consent_words;

    #[test]
    fn consent_reads_as_words() {
        assert_eq!(consent_words("not_asked"), "not asked");
        assert_eq!(consent_words("granted"), "granted");
        assert_eq!(consent_words(""), "not asked");
        assert_eq!(consent_words("maybe"), "not asked (stored as `maybe`)");
    }
}
