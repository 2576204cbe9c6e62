//! A negation followed by a channel or marketing word states an opt-out (`no emails`,
//! `please no more marketing emails`, `I do not want newsletters`, `no SMS`, `Stop
//! Pub`, `pas de pub`, `bitte keine Newsletter`, `no quiero publicidad`, `geen
//! reclame`, `sem publicidade`, `nie chcę newslettera`), in the languages the consent
//! words cover (English, German, French, Spanish, Italian, Dutch, Portuguese, Polish).
//! New-user trial 8 (M1): only listed phrases were read, so `no mail` excluded and
//! `no emails` was mailed.
//!
//! Shape: a [`NEGATIONS`] sequence, then at most [`MOST_FILLERS`] [`FILLERS`] (`more`,
//! `any`, `the`, `me`, a sending verb, a wanting verb, a receiving verb after a wanting
//! one), then a [`CHANNELS`] word, whole words in order. The safe side for promise 1 is
//! to exclude, but a note merely *mentioning* e-mail near a `no` is not an opt-out:
//! any other word between ends the match (`no issues with email`, `emailed about
//! no-show`), a receiving verb right after the negation is a complaint, not a refusal
//! (`I do not receive the newsletter`), and a channel word followed by one of
//! [`NOT_AFTER`] speaks of an address or a delivery (`no email address`, `no email on
//! file`, `no emails sent yet`). Punctuation is not read: `no, send me emails` reads as
//! a refusal (the safe side).

/// Negations, as lower-case word sequences.
const NEGATIONS: &[&[&str]] = &[
    // English
    &["no"],
    &["stop"],
    &["never"],
    &["dont"],
    &["don", "t"],
    &["do", "not"],
    &["not", "interested", "in"],
    // German
    &["keine"],
    &["kein"],
    &["keinen"],
    // French
    &["pas", "de"],
    &["pas", "d"],
    &["plus", "de"],
    &["plus", "d"],
    &["aucun"],
    &["aucune"],
    &["ne"],
    // Spanish (and `no`, above)
    &["sin"],
    &["nada", "de"],
    &["ningún"],
    &["ningun"],
    &["ninguna"],
    &["basta", "de"],
    // Italian
    &["non"],
    &["niente"],
    &["nessuna"],
    &["nessun"],
    &["basta"],
    // Dutch
    &["geen"],
    &["niet"],
    // Portuguese
    &["não"],
    &["nao"],
    &["sem"],
    &["nenhum"],
    &["nenhuma"],
    &["chega", "de"],
    // Polish
    &["nie"],
    &["bez"],
    &["żadnych"],
    &["zadnych"],
    &["żadnej"],
    &["zadnej"],
];

/// Words that may stand between a negation and the channel.
const FILLERS: &[&str] = &[
    "more",
    "any",
    "further",
    "other",
    "promotional",
    "the",
    "all",
    "your",
    "these",
    "those",
    "such",
    "to",
    "me",
    "us",
    "e",
    "mehr",
    "weitere",
    "weiteren",
    "werbe",
    "de",
    "d",
    "des",
    "vos",
    "votre",
    "plus",
    "m",
    "más",
    "mas",
    "el",
    "la",
    "los",
    "las",
    "mi",
    "più",
    "piu",
    "altre",
    "altra",
    "meer",
    "mais",
    "więcej",
    "wiecej",
    "już",
    "juz",
];

/// Verbs of wanting: after one, a receiving verb is part of the refusal (`I do not
/// want to receive`).
const WANTING: &[&str] = &[
    "want", "wants", "wish", "like", "need", "möchte", "mochte", "will", "veux", "souhaite",
    "quiero", "quiere", "voglio", "vuole", "wil", "quero", "quer", "chcę", "chce",
];

/// Verbs of sending: `don't send me emails`, `ne pas envoyer de pub`.
const SENDING: &[&str] = &[
    "send",
    "sending",
    "schicken",
    "senden",
    "zusenden",
    "envoyer",
    "envoyez",
    "enviar",
    "envíen",
    "envien",
    "inviare",
    "inviatemi",
    "mandare",
    "mandatemi",
    "sturen",
    "wysyłać",
    "wysylac",
];

/// Verbs of receiving: a refusal only after a verb of wanting.
const RECEIVING: &[&str] = &[
    "receive",
    "receiving",
    "get",
    "getting",
    "erhalten",
    "bekommen",
    "recevoir",
    "recibir",
    "ricevere",
    "ontvangen",
    "receber",
    "otrzymywać",
    "otrzymywac",
    "dostawać",
    "dostawac",
];

/// Channel and marketing words, singular and plural.
const CHANNELS: &[&str] = &[
    // English
    "email",
    "emails",
    "mail",
    "mails",
    "mailing",
    "mailings",
    "mailers",
    "newsletter",
    "newsletters",
    "sms",
    "smses",
    "text",
    "texts",
    "txt",
    "txts",
    "messages",
    "marketing",
    "spam",
    "promo",
    "promos",
    "promotions",
    "offers",
    "ads",
    "adverts",
    "advertising",
    "advertisements",
    "junk",
    "contact",
    // German
    "werbung",
    "werbemail",
    "werbemails",
    "reklame",
    "zusendungen",
    // French
    "pub",
    "pubs",
    "publicité",
    "publicités",
    "publicite",
    "publicites",
    "courriel",
    "courriels",
    "texto",
    "textos",
    "prospection",
    "démarchage",
    "demarchage",
    // Spanish
    "publicidad",
    "correo",
    "correos",
    "boletín",
    "boletin",
    "boletines",
    "promociones",
    "mensajes",
    // Italian
    "pubblicità",
    "pubblicita",
    "promozioni",
    "messaggi",
    // Dutch
    "reclame",
    "nieuwsbrief",
    "nieuwsbrieven",
    "berichten",
    // Portuguese
    "publicidade",
    "mensagens",
    "promoções",
    "promocoes",
    "correio",
    // Polish
    "reklam",
    "reklamy",
    "reklama",
    "newslettera",
    "newslettery",
    "newsletterów",
    "maili",
    "maila",
    "mailów",
    "mailow",
    "emaili",
    "wiadomości",
    "wiadomosci",
    "smsów",
    "smsow",
    "spamu",
    "ofert",
    "mailingu",
    "marketingu",
];

/// Words after a channel word that make it speak of an address, a record or a delivery
/// rather than refuse (`no email address`, `no email on file`, `no emails sent yet`).
const NOT_AFTER: &[&str] = &[
    "address",
    "addresses",
    "addr",
    "adresse",
    "adressen",
    "adres",
    "adresa",
    "dirección",
    "direccion",
    "indirizzo",
    "endereço",
    "endereco",
    "on",
    "yet",
    "found",
    "given",
    "provided",
    "received",
    "sent",
    "bounced",
    "bounce",
    "bounces",
    "number",
    "details",
    "info",
    "name",
    "confirmation",
    "receipt",
    "record",
    "records",
    "issue",
    "issues",
    "problem",
    "problems",
    "verified",
    "listed",
    "available",
    "opened",
    "delivered",
    "left",
    "person",
];

/// Most filler words between the negation and the channel.
const MOST_FILLERS: usize = 4;

/// `token` equals one of `list` without ASCII case (the lists are lower-case; a token
/// that is not ASCII comes lower-cased from the caller).
fn is(token: &str, list: &[&str]) -> bool {
    list.iter().any(|w| token.eq_ignore_ascii_case(w))
}

/// True when `tokens` (the words of a value, in order) hold a negation followed by a
/// channel word (see the module doc).
pub(super) fn negates_channel(tokens: &[&str]) -> bool {
    tokens.len() >= 2
        && (0..tokens.len()).any(|i| {
            NEGATIONS.iter().any(|n| {
                n.len() <= tokens.len() - i
                    && n.iter()
                        .zip(&tokens[i..])
                        .all(|(w, t)| t.eq_ignore_ascii_case(w))
                    && channel_follows(&tokens[i + n.len()..])
            })
        })
}

/// True when `rest` starts with at most [`MOST_FILLERS`] fillers and then a channel word
/// not followed by one of [`NOT_AFTER`].
fn channel_follows(rest: &[&str]) -> bool {
    let mut wanting = false;
    for (k, token) in rest.iter().enumerate().take(MOST_FILLERS + 1) {
        if is(token, CHANNELS) {
            return !rest.get(k + 1).is_some_and(|next| is(next, NOT_AFTER));
        }
        if is(token, WANTING) {
            wanting = true;
        } else if !(is(token, FILLERS) || is(token, SENDING) || (wanting && is(token, RECEIVING))) {
            return false;
        }
    }
    false
}
