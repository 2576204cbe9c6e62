use super::*;
use ConsentState::{Bounced, Declined, Granted, NotAsked, Withdrawn};

fn column(name: &str, all_status: bool) -> ConsentColumn {
    let (channel, polarity, reason) = recognise(name, all_status).unwrap();
    ConsentColumn {
        index: 0,
        channel,
        reading: Reading::Polarity(polarity),
        reason,
        every_channel: false,
    }
}

#[test]
fn yes_and_no_in_european_languages() {
    let c = column("email_opt_in", false);
    for yes in ["ja", "JA", "oui", "Oui", "sí", "SÍ", "si"] {
        assert_eq!(c.state(yes), Some(Granted), "{yes}");
    }
    for no in ["nein", "Nein", "non", "NON", "no", "nee"] {
        assert_eq!(c.state(no), Some(Declined), "{no}");
    }
    let opt_out = column("unsubscribed", false);
    assert_eq!(opt_out.state("ja"), Some(Withdrawn));
    assert_eq!(opt_out.state("nein"), None);
    assert_eq!(c.read("vielleicht"), Reads::Unknown);
    assert_eq!(opt_out.read("nein"), Reads::Nothing);
}

/// Issue 9: HubSpot's `false` states nothing, so it ends like a blank cell (and
/// `--consent` fills it), never with less consent than a blank.
#[test]
fn known_exports_map_to_states() {
    let shopify = column("accepts_email_marketing", false);
    assert_eq!(shopify.state("yes"), Some(Granted));
    assert_eq!(shopify.state("no"), Some(Declined));
    assert_eq!(shopify.state("unsubscribed"), Some(Withdrawn));
    assert_eq!(shopify.state(""), None);
    assert_eq!(column("accepts_sms_marketing", false).channel, Channel::Sms);
    let ghost = column("subscribed_to_emails", false);
    assert_eq!(ghost.state("true"), Some(Granted));
    assert_eq!(ghost.state("false"), Some(Declined));
    let hubspot = column("unsubscribed_from_all_email", false);
    assert_eq!(hubspot.state("true"), Some(Withdrawn));
    assert_eq!(hubspot.state("false"), None);
    assert_eq!(hubspot.state(""), None);
    assert_eq!(column("unsubscribed", false).state("TRUE"), Some(Withdrawn));
    let mailchimp = column("status", true);
    assert_eq!(mailchimp.state("cleaned"), Some(Bounced));
    assert_eq!(mailchimp.state("Unsubscribed"), Some(Withdrawn));
    assert_eq!(mailchimp.state("subscribed"), Some(Granted));
    assert_eq!(mailchimp.state("pending"), Some(NotAsked));
    assert!(recognise("status", false).is_none());
    assert_eq!(shopify.state("maybe"), None);
}

/// New-user trial: the channel and polarity of consent headers come from the
/// vocabulary that recognises them. Expected values from the headers' meaning: "do
/// not", "abgemeldet" (de: unsubscribed), "désabonné" (fr), "dado de baja" (es),
/// "disiscritto" (it), "afgemeld" (nl) name refusals; texts and calls are SMS.
#[test]
fn headers_carry_channel_and_polarity() {
    use Channel::{Email, Sms};
    use Polarity::{Inverted, Positive};
    let table = [
        ("Do Not Email", Email, Inverted),
        ("DoNotEmail", Email, Inverted),
        ("Abgemeldet", Email, Inverted),
        ("Désabonné", Email, Inverted),
        ("Dado de baja", Email, Inverted),
        ("Disiscritto", Email, Inverted),
        ("Afgemeld", Email, Inverted),
        ("Newsletter Abmeldung", Email, Inverted),
        ("HasOptedOutOfEmail", Email, Inverted),
        ("unsubscribe", Email, Inverted),
        ("Text Opt-Out", Sms, Inverted),
        ("Do Not Text", Sms, Inverted),
        ("Do Not Call", Sms, Inverted),
        ("SMS opt-out", Sms, Inverted),
        ("text unsubscribe", Sms, Inverted),
        ("consent", Email, Positive),
        ("GDPR Consent", Email, Positive),
        ("Consent to marketing", Email, Positive),
        ("Marketing Emails", Email, Positive),
        ("Opted In", Email, Positive),
        ("Subscribe", Email, Positive),
        ("email_opt_in", Email, Positive),
        ("Accepts SMS Marketing", Sms, Positive),
        ("WhatsApp consent", Sms, Positive),
        // Second new-user trial: `text` here is the channel, not a note's text.
        ("Permission to text", Sms, Positive),
    ];
    for (header, channel, polarity) in table {
        assert_eq!(
            header_reading(header),
            Some((channel, polarity)),
            "{header}"
        );
    }
    assert_eq!(header_reading("first_name"), None);
}

#[test]
fn state_words_say_their_state_under_any_polarity() {
    let opt_in = column("email_opt_in", false);
    let opt_out = column("unsubscribed", false);
    for c in [&opt_in, &opt_out] {
        assert_eq!(c.state("Opted Out"), Some(Withdrawn));
        assert_eq!(c.state("opt-out"), Some(Withdrawn));
        assert_eq!(c.state("revoked"), Some(Withdrawn));
        assert_eq!(c.state("declined"), Some(Declined));
        assert_eq!(c.state("Opted In"), Some(Granted));
    }
    assert_eq!(opt_in.state("yes"), Some(Granted));
    assert_eq!(opt_out.state("yes"), Some(Withdrawn));
}

/// A column read by its values alone: words that name their state say it, yes and
/// no are unknown (nothing says which way they go), a blank says nothing.
#[test]
fn a_stated_column_reads_only_state_words() {
    let c = ConsentColumn {
        index: 0,
        channel: Channel::Email,
        reading: Reading::Polarity(Polarity::Stated),
        reason: String::new(),
        every_channel: false,
    };
    assert_eq!(c.state("subscribed"), Some(Granted));
    assert_eq!(c.state("Opted-Out"), Some(Withdrawn));
    assert_eq!(c.state("cleaned"), Some(Bounced));
    assert_eq!(c.state("pending"), Some(NotAsked));
    assert_eq!(c.state("not subscribed"), Some(Declined));
    for v in ["yes", "no", "OK", "nope", "-"] {
        assert_eq!(c.read(v), Reads::Unknown, "{v}");
    }
    assert_eq!(c.read(" "), Reads::Nothing);
}

#[test]
fn channel_of_a_header_by_its_words() {
    assert_eq!(channel_of_name("sms_status", Channel::Email), Channel::Sms);
    assert_eq!(
        channel_of_name("text_subscription", Channel::Email),
        Channel::Sms
    );
    assert_eq!(channel_of_name("mailing", Channel::Email), Channel::Email);
    assert_eq!(
        channel_of_name("email_or_text", Channel::Email),
        Channel::Email
    );
    assert_eq!(channel_of_name("newsletter", Channel::Sms), Channel::Sms);
}

/// Issue 9: IP addresses and times are no consent words, so `OPTIN_IP` under a
/// consent-sounding header is not read as consent.
#[test]
fn consent_words_exclude_addresses_and_times() {
    for w in ["yes", "No", "TRUE", "0", "subscribed", "Pending", "nein"] {
        assert!(is_consent_word(w), "{w}");
    }
    for w in ["203.0.113.7", "2024-01-15 10:22:31", "2", "web form"] {
        assert!(!is_consent_word(w), "{w}");
    }
}
