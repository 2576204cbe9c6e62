//! `--map` onto a consent field must not turn a column's refusals into grants.
//!
//! A consent field's own name says which way its `yes` goes (`email_opt_in`: consent
//! given; `opt_out`: opted out, on every channel), and an import reads a column under
//! the name it fills ([`super::consent::recognise`]). So `--map 'Do Not Email=
//! email_opt_in'` read every "yes, do not e-mail me" as a grant, while the field's
//! reason still quoted the header's opt-out (new-user trial, session 7). This module
//! compares the reading of the header with the reading of the target
//! ([`super::consent::header_reading`] for both) and refuses a map that would change
//! the direction of `yes`, move the column to another channel, or narrow the channels
//! its refusals reach; the error names the column, how its header is read, and the
//! field that reads it the same way. A column whose header states no direction
//! (`Permission Given`, `Mailing`) may be mapped onto any consent field: that is how
//! the user says which way it goes. Called by [`super::mapping::ColumnMap::build`] for
//! every `--map`, so the CLI and the terminal app's import options are checked alike.

use super::ImportError;
use super::consent::{Polarity, header_reading, reach};
use super::normalise::snake_case;
use crate::fields::Channel;

/// How a header or consent field name reads `yes`, and where its refusals go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Direction {
    channel: Channel,
    polarity: Polarity,
    /// A refusal under it reaches e-mail and SMS ([`reach::every_channel`]).
    every_channel: bool,
}

impl Direction {
    /// The reading of `name` (a header or a field name), when it names a direction:
    /// member statuses and value-read columns (`Stated`) do not, they say it per value.
    fn of(name: &str) -> Option<Direction> {
        let (channel, polarity) = header_reading(name)?;
        if matches!(polarity, Polarity::Status | Polarity::Stated) {
            return None;
        }
        // A bounce is a fact about one address: it never reaches another channel.
        let bounce = matches!(polarity, Polarity::Bounce | Polarity::BounceDate);
        Some(Direction {
            channel,
            polarity,
            every_channel: !bounce && reach::every_channel(&snake_case(name)),
        })
    }

    /// True when `yes` (or a filled date) is a refusal rather than consent given.
    fn refuses(self) -> bool {
        self.polarity != Polarity::Positive
    }

    /// `an e-mail opt-out (yes = the person refused)`, for the error.
    fn describe(self) -> String {
        let channel = if self.every_channel {
            "every-channel (e-mail and SMS)".to_string()
        } else {
            match self.channel {
                Channel::Email => "e-mail".to_string(),
                Channel::Sms => "SMS".to_string(),
            }
        };
        let what = match self.polarity {
            Polarity::Positive => "opt-in (yes = consent given)",
            Polarity::Inverted => "opt-out (yes = the person refused)",
            Polarity::OptOutDate => "opt-out date (a filled date = the person opted out)",
            Polarity::Bounce => "bounce flag (yes = the address bounced)",
            Polarity::BounceDate => "bounce date (a filled date = the address bounced)",
            Polarity::Status | Polarity::Stated => "consent column",
        };
        // "an" before e-mail, SMS and every-channel alike.
        format!("an {channel} {what}")
    }

    /// The consent field that reads `yes` as this header does, on the same channels.
    fn matching_field(self) -> String {
        let prefix = match (self.every_channel, self.channel) {
            (true, _) => "",
            (false, Channel::Email) => "email_",
            (false, Channel::Sms) => "sms_",
        };
        let side = if self.refuses() { "opt_out" } else { "opt_in" };
        format!("{prefix}{side}")
    }
}

/// Check `--map 'header=field'`: refused when `header` and `field` both name a
/// direction and the field would read the column otherwise (another direction of
/// `yes`, another channel, or refusals reaching fewer channels).
///
/// Errors: [`ImportError::BadOption`] naming the column, the header's reading, the
/// field's, and the field to map it to instead.
pub fn check(header: &str, field: &str) -> Result<(), ImportError> {
    let (Some(from), Some(to)) = (Direction::of(header), Direction::of(field)) else {
        return Ok(());
    };
    let same = from.refuses() == to.refuses()
        && from.channel == to.channel
        && (!from.every_channel || to.every_channel);
    if same {
        return Ok(());
    }
    let lost = if from.refuses() && !to.refuses() {
        "every refusal in the column would become a grant"
    } else if !from.refuses() && to.refuses() {
        "every consent in the column would become an opt-out, and its `no` would say nothing"
    } else {
        "the column's consent and refusals would be recorded on another channel than the one its header names"
    };
    Err(ImportError::BadOption(format!(
        "--map `{header}={field}`: column `{header}` is read as {} by its header, but field `{field}` is {}, so {lost}; nothing was imported. Map it to {} instead, or leave out this --map: the header is read that way already",
        from.describe(),
        to.describe(),
        from.matching_field()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(header: &str, field: &str) -> String {
        check(header, field).unwrap_err().to_string()
    }

    /// The trial's map: an opt-out header onto an opt-in field is refused, naming the
    /// column, its reading and the field that reads it the same way.
    #[test]
    fn an_opt_out_header_onto_an_opt_in_field_is_refused() {
        let e = refused("Do Not Email", "email_opt_in");
        assert!(
            e.contains(
                "column `Do Not Email` is read as an e-mail opt-out (yes = the person refused)"
            ),
            "{e}"
        );
        assert!(
            e.contains("every refusal in the column would become a grant"),
            "{e}"
        );
        assert!(e.contains("Map it to email_opt_out instead"), "{e}");
        // An every-channel opt-out is advised the every-channel field.
        assert!(refused("Do Not Contact", "opt_in").contains("Map it to opt_out instead"));
        // A texts opt-out onto the e-mail opt-out would leave texts granted.
        assert!(refused("Do Not Text", "email_opt_out").contains("Map it to sms_opt_out"));
        // An every-channel opt-out onto one channel's opt-out narrows its refusals.
        assert!(refused("Do Not Contact", "email_opt_out").contains("Map it to opt_out"));
    }

    #[test]
    fn an_opt_in_header_onto_an_opt_out_field_is_refused() {
        let e = refused("Accepts Email Marketing", "email_opt_out");
        assert!(
            e.contains("is read as an e-mail opt-in (yes = consent given)"),
            "{e}"
        );
        assert!(e.contains("Map it to email_opt_in instead"), "{e}");
        // An SMS grant must not become an e-mail grant.
        assert!(refused("Accepts SMS Marketing", "email_opt_in").contains("sms_opt_in"));
    }

    /// Maps that keep the reading, and headers that state no direction, pass.
    #[test]
    fn maps_that_keep_the_reading_pass() {
        for (header, field) in [
            ("Do Not Email", "email_opt_out"),
            ("Do Not Email", "notes"),
            ("Permission Given", "opt_in"),
            ("Permission Given", "opt_out"),
            ("Mailing", "email_opt_in"),
            ("Newsletter", "email_opt_in"),
            ("Do Not Contact", "opt_out"),
        ] {
            assert!(check(header, field).is_ok(), "{header}={field}");
        }
    }
}
