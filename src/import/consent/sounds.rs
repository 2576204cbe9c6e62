//! Headers that sound like consent although no rule reads them (`Mailing list`, `Can
//! Contact`, `Receive offers`, `Acepta publicidad`, `Email status`), and the status
//! words such columns hold (`active`, `removed`, `cancelled`, `bounced`).
//!
//! Owns the vocabulary that feeds the safe rule (`import::column_kind::unread_consent`)
//! for the headers the privacy dictionary and [`super::words::consent_stem`] do not
//! know (new-user trial: a yes/no `Mailing list` column was ignored and `--consent
//! email=granted` granted the people whose `no` it held). It decides no polarity and
//! reads no value: a column under such a header whose values are mostly consent or
//! status words stops a granting import, and the user says how to read it.
//!
//! Matching is by whole words of the field name (`snake_case`, see
//! `import::normalise`), never by substrings, so `Contact Name`, `Email`, `Promo code`,
//! `Last order status` or `Subscription plan` are not caught by their header alone: a
//! word is consent-ish on its own ([`ALONE`]), or only beside a word that makes it so
//! ([`PAIRS`]: `contact` beside `me`, `can`, `ok`; `status` beside `email`), and a
//! word naming an ordinary field ([`ORDINARY`]: `code`, `plan`, `price`) clears the
//! header. Values still decide: see [`is_status_word`] and `unread_consent`.

/// Words that sound like consent on their own, in English and the languages of the
/// dictionary's consent entries (de, fr, es, it, nl, pt). Words that also mean
/// "registered" (`inscrit`, `iscritto`, `angemeldet`, `aangemeld`) are left out: they
/// speak of consent only beside a list word, which is here already.
const ALONE: &[&str] = &[
    // en
    "mailing",
    "mailings",
    "mailinglist",
    "newsletter",
    "newsletters",
    "subscription",
    "subscriptions",
    "subscriber",
    "subscribers",
    "subscribe",
    "subscribed",
    "consent",
    "consents",
    "permission",
    "permissions",
    "marketing",
    "promo",
    "promos",
    "promotion",
    "promotions",
    "promotional",
    "offers",
    "advertising",
    "gdpr",
    "optin",
    "optout",
    "contactable",
    "mailable",
    "emailable",
    // es
    "publicidad",
    "boletin",
    "suscripcion",
    "suscrito",
    "suscrita",
    "promociones",
    "ofertas",
    "consentimiento",
    "rgpd",
    // fr
    "abonne",
    "abonnee",
    "abonnes",
    "abonnement",
    "infolettre",
    "publicite",
    "offres",
    "consentement",
    // de
    "einwilligung",
    "werbung",
    "werbeeinwilligung",
    "zustimmung",
    "abonniert",
    "dsgvo",
    "mailingliste",
    // pt
    "publicidade",
    "boletim",
    "promocoes",
    "consentimento",
    "assinante",
    // it
    "pubblicita",
    "promozioni",
    "offerte",
    "consenso",
    // nl
    "nieuwsbrief",
    "toestemming",
    "reclame",
    "aanbiedingen",
];

/// Words that sound like consent only beside one of their partners (an empty list:
/// alone, but not a word of [`ALONE`], which are reported before any pair).
const PAIRS: &[(&[&str], &[&str])] = &[
    // `Can Contact`, `Contact me`, `OK to contact`, `Contact allowed`.
    (
        &["contact", "contacto", "kontakt", "contatto", "contato"],
        &[
            "me",
            "can",
            "may",
            "ok",
            "okay",
            "allowed",
            "permitted",
            "yes",
            "puede",
            "darf",
            "erlaubt",
            "autorise",
            "permitido",
            "consentito",
        ],
    ),
    // `Email list`, `SMS list`, `Email status`, `Can email`, `Text me`, `Email OK`.
    (
        &[
            "email", "emails", "mail", "mails", "sms", "text", "texts", "whatsapp", "correo",
        ],
        &[
            "list",
            "lists",
            "status",
            "me",
            "ok",
            "okay",
            "allowed",
            "permitted",
            "can",
            "may",
            "updates",
            "news",
            "liste",
            "lista",
            "erlaubt",
        ],
    ),
    // `Receive offers`, `Receive emails`, `Wants news`.
    (
        &[
            "receive",
            "receives",
            "recibir",
            "recevoir",
            "erhalten",
            "ricevere",
            "receber",
            "ontvangen",
        ],
        &[],
    ),
    // `Accepts emails`, `Acepta comunicaciones`, `Accepte les e-mails`.
    (
        &[
            "accepts", "accept", "acepta", "accepte", "aceita", "accetta", "akkoord",
        ],
        &[
            "email",
            "emails",
            "mail",
            "mails",
            "sms",
            "text",
            "texts",
            "contact",
            "communications",
            "comunicaciones",
            "communication",
            "news",
            "updates",
            "correos",
            "comunicacoes",
            "comunicazioni",
        ],
    ),
    // `Communications`, `Comms` only beside a word that says they are wanted.
    (
        &["communications", "comms", "comunicaciones"],
        &["email", "marketing", "receive", "allowed", "ok", "accepts"],
    ),
];

/// Words of ordinary fields that clear a header of its consent-ish word: `Promo code`,
/// `Subscription plan`, `Marketing budget`, `Subscription auto renew`, `Receive
/// invoices by post`.
const ORDINARY: &[&str] = &[
    "code",
    "codes",
    "coupon",
    "name",
    "plan",
    "plans",
    "type",
    "tier",
    "level",
    "price",
    "amount",
    "fee",
    "fees",
    "cost",
    "total",
    "spend",
    "spent",
    "revenue",
    "budget",
    "paid",
    "payment",
    "billing",
    "invoice",
    "invoices",
    "receipt",
    "receipts",
    "renew",
    "renews",
    "renewal",
    "auto",
    "product",
    "sku",
    "number",
    "frequency",
    "score",
    "owner",
    "language",
    "channel",
    "channels",
    "preference",
    "preferences",
    "address",
    "phone",
    "value",
];

/// The words of field name `name` that make it sound like consent, if any: one of
/// [`ALONE`] (`mailing`), or a pair's word of [`PAIRS`] beside one of its partners,
/// both in the header's order (`can contact`, `email status`; a pair with no partners
/// needs only its word: `receive`). `None` when a word of [`ORDINARY`] is
/// in the name, or one that makes it a note about consent (`newsletter_date`,
/// [`super::words::is_note`]).
pub fn consent_ish(name: &str) -> Option<String> {
    let words = words_unless(name, ORDINARY)?;
    if let Some(alone) = ALONE.iter().find(|a| words.contains(a)) {
        return Some(alone.to_string());
    }
    PAIRS.iter().find_map(|(heads, partners)| {
        let head = words.iter().position(|w| heads.contains(w))?;
        if partners.is_empty() {
            return Some(words[head].to_string());
        }
        let partner = words.iter().position(|w| partners.contains(w))?;
        let (a, b) = (head.min(partner), head.max(partner));
        Some(format!("{} {}", words[a], words[b]))
    })
}

/// Words naming a channel tactful sends on, or the written form of one: a column of
/// yes/no under a header naming a channel (`SMS`, `Emails`, `Email preference`,
/// `Werbe-Mails`, `Info per Mail`, `WhatsApp`, `Mobile`) says whether that channel may
/// be used (new-user trial, session 8: such a `no` was ignored and a granting
/// `--consent` wrote to the person). Values decide: an address or a number column under
/// these words holds no yes/no.
const CHANNELS: &[&str] = &[
    "email",
    "emails",
    "mail",
    "mails",
    "emailing",
    "mailout",
    "correo",
    "correos",
    "courriel",
    "courriels",
    "sms",
    "text",
    "texts",
    "texting",
    "whatsapp",
    "mobile",
    "messages",
    "messaging",
];

/// Words that say a channel's yes/no is about the address, not about permission:
/// `Email verified`, `Valid email`, `Has mobile`.
const ADDRESS_FACTS: &[&str] = &[
    "verified",
    "valid",
    "invalid",
    "validated",
    "has",
    "missing",
    "known",
    "format",
];

/// Words of preference and news vocabularies no channel word names (`Updates`, `Keep
/// me informed`, `Bulletin`, `Nyhetsbrev`, `Rundbrief`): under them, as under a
/// channel, a yes/no says whether the person may be written to.
const NEWS: &[&str] = &[
    "updates",
    "informed",
    "bulletin",
    "bulletins",
    "rundbrief",
    "nyhetsbrev",
    "nyhedsbrev",
    "biuletyn",
    "angebote",
    "abo",
    "newsletterabo",
    "preferences",
    "preference",
    "optins",
];

/// The word of field name `name` that names a channel or a news vocabulary
/// ([`CHANNELS`], [`NEWS`]), unless a word says the column is about the address
/// itself ([`ADDRESS_FACTS`]) or the name is a note about consent (`email_date`).
/// Only a yes/no column under such a header is caught (`unread_consent`).
pub fn names_channel(name: &str) -> Option<&'static str> {
    let words = words_unless(name, ADDRESS_FACTS)?;
    CHANNELS
        .iter()
        .chain(NEWS)
        .find(|c| words.contains(c))
        .copied()
}

/// The words of field name `name` (`snake_case`), or `None` when one of them is in
/// `clearing` or the name is a note about consent (`newsletter_date`,
/// [`super::words::is_note`]).
fn words_unless<'a>(name: &'a str, clearing: &[&str]) -> Option<Vec<&'a str>> {
    let words: Vec<&str> = name.split('_').filter(|w| !w.is_empty()).collect();
    (!super::words::is_note(name) && !words.iter().any(|w| clearing.contains(w))).then_some(words)
}

/// True when `value` is a list or account status that says whether a person may be
/// written to (`active`, `removed`, `cancelled`, `bounced`, `cleaned`, `pending`,
/// `blocklisted`), in the languages of [`ALONE`]. Only under a consent-ish header
/// ([`consent_ish`]) do these words count: a `Last order status` of `cancelled` says
/// nothing of consent.
pub fn is_status_word(value: &str) -> bool {
    if value.len() > 32 {
        return false;
    }
    matches!(
        super::words::fold(value).as_str(),
        "active"
            | "inactive"
            | "enabled"
            | "disabled"
            | "cancelled"
            | "canceled"
            | "removed"
            | "deleted"
            | "bounced"
            | "bounce"
            | "hardbounce"
            | "softbounce"
            | "cleaned"
            | "pending"
            | "archived"
            | "suppressed"
            | "blocklisted"
            | "blacklisted"
            | "spam"
            | "complained"
            | "expired"
            | "lapsed"
            | "paused"
            | "activo"
            | "activa"
            | "inactivo"
            | "cancelado"
            | "cancelada"
            | "aktiv"
            | "inaktiv"
            | "gekundigt"
            | "gekündigt"
            | "actif"
            | "inactif"
            | "annule"
            | "annulé"
            | "resilie"
            | "résilié"
            | "ativo"
            | "inativo"
            | "attivo"
            | "annullato"
            | "actief"
            | "inactief"
            | "opgezegd"
    )
}

#[cfg(test)]
mod tests;
