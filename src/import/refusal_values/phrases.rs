//! The words of an opt-out: refusal phrases matched as whole words of a value, whole-value
//! replies (`STOP`), and reply keywords under a replies header (see the parent module
//! for where they are read).

use super::negation::negates_channel;
use super::words;

/// Refusal phrases, as lower-case words in order. A value holding one of them as
/// consecutive whole words states a withdrawal.
pub(super) const PHRASES: &[&[&str]] = &[
    &["unsubscribed"],
    &["unsubscribe"],
    &["unsubscribes"],
    &["unsubscribing"],
    &["unsubbed"],
    &["unsub"],
    &["optout"],
    &["optedout"],
    &["opted", "out"],
    &["opt", "out"],
    &["opting", "out"],
    &["opts", "out"],
    &["do", "not", "contact"],
    &["do", "not", "email"],
    &["do", "not", "e", "mail"],
    &["do", "not", "mail"],
    &["do", "not", "text"],
    &["do", "not", "sms"],
    &["do", "not", "call"],
    &["do", "not", "message"],
    &["don", "t", "contact"],
    &["don", "t", "email"],
    &["don", "t", "mail"],
    &["don", "t", "text"],
    &["no", "marketing"],
    &["no", "more", "emails"],
    &["no", "more", "email"],
    &["no", "more", "texts"],
    &["abgemeldet"],
    &["abmeldung"],
    &["désabonnés"],
    &["désabonnées"],
    &["désinscrits"],
    &["désinscrites"],
    &["dados", "de", "baja"],
    &["dadas", "de", "baja"],
    &["uitgeschreven"],
    &["keine", "werbung"],
    &["désabonné"],
    &["désabonnée"],
    &["desabonne"],
    &["desabonnee"],
    &["désinscrit"],
    &["désinscrite"],
    &["desinscrit"],
    &["desinscrite"],
    &["ne", "pas", "contacter"],
    &["dado", "de", "baja"],
    &["dada", "de", "baja"],
    &["darse", "de", "baja"],
    &["disiscritto"],
    &["disiscritta"],
    &["afgemeld"],
    &["uitgeschreven"],
    &["descadastrado"],
    // Spam complaints are opt-outs (session-10 trial F2/F3: a `spam complaint` status
    // or note was granted by `--consent`), and removal requests in a few words.
    &["spam", "complaint"],
    &["spam", "complaints"],
    &["spam", "complained"],
    &["complained", "spam"],
    &["marked", "as", "spam"],
    &["marked", "spam"],
    &["reported", "as", "spam"],
    &["reported", "spam"],
    &["spam", "report"],
    &["spam", "reported"],
    &["remove", "me"],
    &["take", "me", "off"],
    &["stop", "emailing"],
    &["stop", "texting"],
    &["stop", "messaging"],
    &["stop", "sending"],
    &["stop", "please"],
    &["please", "stop"],
    &["keine", "e", "mails", "mehr"],
    &["keine", "emails", "mehr"],
    &["keine", "mails", "mehr"],
    &["keine", "sms", "mehr"],
    &["nicht", "mehr", "kontaktieren"],
    &["ne", "plus", "me", "contacter"],
    &["ne", "plus", "m", "envoyer"],
    &["no", "me", "envíen"],
    &["no", "me", "envien"],
    &["no", "más", "correos"],
    &["no", "mas", "correos"],
    &["non", "contattatemi"],
    &["non", "contattarmi"],
    &["geen", "mails", "meer"],
    &["geen", "e", "mails", "meer"],
    &["geen", "sms", "meer"],
    &["niet", "meer", "mailen"],
    &["não", "contactar"],
    &["nao", "contactar"],
    &["não", "contatar"],
    &["nao", "contatar"],
    // Imperatives of opting out (trial 8, M1: `opt me out` was mailed); a negation
    // with a channel word (`no emails`, `pas de pub`) is read by `negation`.
    &["opt", "me", "out"],
    &["opt", "us", "out"],
    &["opt", "him", "out"],
    &["opt", "her", "out"],
    &["opt", "them", "out"],
    &["remove", "us"],
    &["take", "us", "off"],
    &["abbestellen"],
    &["abbestellt"],
    &["abmelden"],
    &["austragen"],
    &["nicht", "mehr", "anschreiben"],
    &["désabonner"],
    &["desabonner"],
    &["désinscrire"],
    &["desinscrire"],
    &["darme", "de", "baja"],
    &["dar", "de", "baja"],
    &["cancelar", "suscripción"],
    &["cancelar", "suscripcion"],
    &["cancellami"],
    &["disiscrivimi"],
    &["uitschrijven"],
    &["afmelden"],
    &["schrijf", "me", "uit"],
    &["nee", "nee"],
    &["descadastrar"],
    &["descadastre", "me"],
    &["wypisz", "mnie"],
    &["wypisać"],
    &["wypisac"],
];

/// Whole values that refuse (folded, see [`words::fold`]): the SMS stop keywords that
/// mean nothing else (`STOPALL`, `UNSUBSCRIBE`, `REVOKE`, French `ARRET`, German
/// `STOPP`), the do-not-contact marks of [`words::word`], and a spam complaint
/// (`complained`, MailerLite's `junk`).
const WHOLE: &[&str] = &[
    "stop",
    "stopall",
    "dnc",
    "nomail",
    "nomailing",
    "unsubscribe",
    "optout",
    "revoke",
    "arret",
    "arrêt",
    "stopp",
    "remove",
    "spam",
    "junk",
    "complained",
    "spamcomplaint",
    "markedasspam",
    "abusecomplaint",
];

/// SMS opt-out keywords that are ordinary words elsewhere (`END`, `CANCEL`, `QUIT`,
/// Spanish `BAJA` and `ALTO`, which also mean "low" and "high"): a refusal only as the
/// whole value of a column whose header names texts or replies ([`replies`]). The FCC's
/// revocation rule (47 CFR 64.1200(a)(10)) and CTIA's keywords (STOP, STOPALL,
/// UNSUBSCRIBE, CANCEL, END, QUIT) plus the carriers' French, German and Spanish ones
/// (session-10 trial F16: these were texted).
const REPLY_KEYWORDS: &[&str] = &["cancel", "end", "quit", "baja", "alto", "fin", "halt"];

/// Header words of a column holding a person's replies to texts.
const REPLY_WORDS: &[&str] = &[
    "reply",
    "replies",
    "replied",
    "response",
    "responses",
    "keyword",
    "keywords",
    "inbound",
    "message",
    "messages",
    "antwort",
    "reponse",
    "respuesta",
    "risposta",
    "antwoord",
    "resposta",
];

/// True when field name `name` names texts or replies (`last_sms_reply`,
/// `inbound_keyword`, `text_response`).
pub(super) fn replies(name: &str) -> bool {
    name.split('_')
        .any(|w| REPLY_WORDS.contains(&w) || words::SMS_WORDS.contains(&w))
}

/// True when `value` is an SMS opt-out keyword under field name `name`: one of
/// [`WHOLE`] anywhere ([`says_refusal`]), one of [`REPLY_KEYWORDS`] under a header
/// naming texts or replies.
pub fn says_keyword(name: &str, value: &str) -> bool {
    replies(name) && is_reply_keyword(value)
}

/// True when `value`, without the punctuation around it, is one of the reply keywords.
pub(super) fn is_reply_keyword(value: &str) -> bool {
    let bare = value.trim().trim_matches(|c: char| !c.is_alphanumeric());
    // Folded on the stack, stopping past the longest keyword (none is longer).
    let longest = REPLY_KEYWORDS.iter().map(|w| w.len()).max().unwrap_or(0);
    words::with_folded_within(bare, longest, |f| REPLY_KEYWORDS.contains(&f)).unwrap_or(false)
}

/// True when `value` states an opt-out in words (see the module doc).
pub fn says_refusal(value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || (value.contains('@') && !value.contains(' ')) {
        return false;
    }
    // `STOP!`, `Stop.`, `"stop"`: the keyword with punctuation around it. A value
    // whose fold is longer than the longest keyword is none (folding stops there).
    let bare = value.trim_matches(|c: char| !c.is_alphanumeric());
    let longest = WHOLE.iter().map(|w| w.len()).max().unwrap_or(0);
    if words::with_folded_within(bare, longest, |f| WHOLE.contains(&f)).unwrap_or(false) {
        return true;
    }
    if value.is_ascii() {
        has_phrase_ascii(value)
    } else {
        has_phrase(value)
    }
}

/// True when `value` (trimmed) has at most [`MOST_WORDS`] words and holds one of the
/// [`PHRASES`] as consecutive words, read lower-cased.
pub(super) fn has_phrase(value: &str) -> bool {
    let lower = value.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    tokens.len() <= MOST_WORDS
        && (PHRASES
            .iter()
            .any(|p| tokens.windows(p.len()).any(|w| w == *p))
            || negates_channel(&tokens))
}

/// The phrase check of [`says_refusal`] for an ASCII value, without a lower-cased
/// copy or a list of words (it ran for every value of every column no rule reads):
/// ASCII lower-casing changes no character's class, so the words are the same, and
/// the phrases' words are lower-case, so comparing without case is comparing the
/// lower-cased words.
pub(super) fn has_phrase_ascii(value: &str) -> bool {
    let mut tokens = [""; MOST_WORDS];
    let mut n = 0;
    for token in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if n == MOST_WORDS {
            return false;
        }
        tokens[n] = token;
        n += 1;
    }
    let tokens = &tokens[..n];
    // A phrase can only start at a word that starts one (most values hold none: the
    // phrases were compared at every word of every value).
    negates_channel(tokens)
        || (0..n).any(|i| {
            may_start_phrase(tokens[i])
                && FIRST_WORDS
                    .iter()
                    .any(|f| tokens[i].eq_ignore_ascii_case(f))
                && PHRASES.iter().any(|p| {
                    p.len() <= n - i
                        && p.iter()
                            .zip(&tokens[i..])
                            .all(|(b, a)| a.eq_ignore_ascii_case(b))
                })
        })
}

/// A first look at an ASCII word (not empty): whether some word of [`FIRST_WORDS`] has
/// its length and, without case, its first byte. A first word that is not ASCII never
/// equals an ASCII word without ASCII case, so it is left out; one of 16 bytes or more
/// would let every word through.
fn may_start_phrase(token: &str) -> bool {
    struct Starts {
        every: bool,
        by_len: [[bool; 128]; 16],
    }
    static STARTS: std::sync::LazyLock<Starts> = std::sync::LazyLock::new(|| {
        let mut starts = Starts {
            every: false,
            by_len: [[false; 128]; 16],
        };
        for w in FIRST_WORDS.iter().filter(|w| w.is_ascii() && !w.is_empty()) {
            match starts.by_len.get_mut(w.len()) {
                Some(row) => row[usize::from(w.as_bytes()[0].to_ascii_lowercase())] = true,
                None => starts.every = true,
            }
        }
        starts
    });
    let first = token.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    STARTS.every
        || STARTS
            .by_len
            .get(token.len())
            .is_some_and(|row| row[usize::from(first & 0x7f)])
}

/// The first words of the [`PHRASES`], each once.
static FIRST_WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut first: Vec<&str> = PHRASES.iter().filter_map(|p| p.first().copied()).collect();
    first.sort_unstable();
    first.dedup();
    first
});

/// Most words a value may have to state an opt-out: a longer one is prose (a support
/// ticket, a pasted e-mail quoting a footer's "you may unsubscribe at any time"), in
/// which a refusal phrase is as likely quoted or about something else as said by the
/// person. The real support-ticket file's descriptions run 30 words and more; the
/// statements seen in exports (`Unsubscribed - too many emails`, `please do not email
/// me again`) run under ten.
const MOST_WORDS: usize = 12;
