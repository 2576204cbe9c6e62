//! Export profiles: who reads the exported file, and for the sending platforms, the
//! headers, merge syntax, escaping and limits their published import documentation
//! gives (each cited where it is used; README "Delivery" repeats the steps).
//!
//! - `spreadsheet`, `upload`: rendered messages, one row per recipient ([`super::cells`]).
//! - `sms`: a generic `phone,body` file for SMS gateways, phones in E.164.
//! - `mailchimp`, `klaviyo`, `brevo`, `listmonk`: an audience file with one merge
//!   value per template piece ([`super::merge`]) and one template file per entry in the
//!   platform's merge syntax.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::fields::Channel;

/// Who reads the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// A person, in a spreadsheet program: formula triggers in text cells neutralised.
    #[default]
    Spreadsheet,
    /// A sending tool that imports CSV as data: every cell as stored or rendered.
    Upload,
    /// An SMS gateway: `phone` (E.164) and `body`.
    Sms,
    Mailchimp,
    Klaviyo,
    Brevo,
    Listmonk,
}

/// Every profile, in the order the CLI help and the TUI list them.
pub const ALL: [Profile; 7] = [
    Profile::Spreadsheet,
    Profile::Upload,
    Profile::Sms,
    Profile::Mailchimp,
    Profile::Klaviyo,
    Profile::Brevo,
    Profile::Listmonk,
];

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Spreadsheet => "spreadsheet",
            Profile::Upload => "upload",
            Profile::Sms => "sms",
            Profile::Mailchimp => "mailchimp",
            Profile::Klaviyo => "klaviyo",
            Profile::Brevo => "brevo",
            Profile::Listmonk => "listmonk",
        }
    }

    /// The platform whose templates this profile writes, if any.
    pub fn platform(self) -> Option<Platform> {
        match self {
            Profile::Mailchimp => Some(Platform::Mailchimp),
            Profile::Klaviyo => Some(Platform::Klaviyo),
            Profile::Brevo => Some(Platform::Brevo),
            Profile::Listmonk => Some(Platform::Listmonk),
            _ => None,
        }
    }

    /// Whether formula-like cells always get the OWASP CSV-injection quote (spreadsheet
    /// only: every other profile is read by a program, where the quote would be data,
    /// so there they refuse the export unless `--neutralise-formulas`).
    pub fn neutralises(self) -> bool {
        self == Profile::Spreadsheet
    }

    /// Why this profile cannot export a campaign on `channel`, if it cannot.
    pub fn refuses(self, channel: Channel) -> Option<String> {
        match (self, channel) {
            (Profile::Sms, Channel::Email) => Some(
                "the sms profile is for SMS campaigns; use upload, mailchimp, klaviyo, brevo or listmonk for e-mail".into(),
            ),
            (Profile::Mailchimp | Profile::Listmonk, Channel::Sms) => Some(format!(
                "the {self} profile is for e-mail campaigns; use sms, klaviyo or brevo for SMS"
            )),
            _ => None,
        }
    }

    /// The rule this profile applies to cells, in words, for the export manifest and the
    /// export screen. `neutralise_formulas` is the export's `--neutralise-formulas`, the
    /// same setting that decides the cells (`export::formulas`), so the words say what
    /// was done to them.
    pub fn rule(self, neutralise_formulas: bool) -> String {
        match self {
            Profile::Spreadsheet => SPREADSHEET_RULE.to_string(),
            _ if neutralise_formulas => format!(
                "--neutralise-formulas: {FORMULA_LIKE} gets a single quote (') in front, which the recipient sees (formulas_neutralised counts those cells){}; every other cell is written exactly as stored or rendered, and an SMS campaign's phone numbers in the E.164 form stored at import (+447700900123); do not open this file in a spreadsheet program",
                if self.platform() == Some(Platform::Listmonk) {
                    ", listmonk's attributes value by value"
                } else {
                    ""
                }
            ),
            _ => {
                "none: every cell is written exactly as stored or rendered, and an SMS campaign's phone numbers in the E.164 form stored at import (+447700900123); do not open this file in a spreadsheet program".to_string()
            }
        }
    }
}

/// Which cells are formula-like, in words (`export::cells::is_formula_like`).
const FORMULA_LIKE: &str = "a text cell that starts with = + - @ TAB or CR, or whose first character after leading whitespace is = + - @ (or full-width ＝ ＋ － ＠), and the same after each ; or TAB inside a cell (where a spreadsheet splits cells; the quote goes after the separator),";

/// The spreadsheet profile's rule in words (`export::cells::Cell::neutralise`).
const SPREADSHEET_RULE: &str = "OWASP CSV injection: a text cell that starts with = + - @ TAB or CR, or whose first character after leading whitespace is = + - @ (or full-width ＝ ＋ － ＠), gets a single quote (') in front, and so does the text after each , ; TAB CR or LF inside a cell that starts that way (Excel in ;-separator locales splits there: Bath;+1+1 is written Bath;'+1+1); a phone number starting with + is quoted too ('+447700900123), so the spreadsheet neither runs it nor turns it into a number; cells of number fields are written as numbers";

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        ALL.into_iter()
            .find(|p| p.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = ALL.iter().map(|p| p.as_str()).collect();
                format!(
                    "unknown export profile `{wanted}`; use one of {}",
                    names.join(", ")
                )
            })
    }
}

/// A sending platform whose own templates an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Mailchimp,
    Klaviyo,
    Brevo,
    Listmonk,
}

/// Mailchimp, "Format guidelines for your import file": the only required column is
/// the e-mail address (labelled `Email Address`); text fields hold at most 255 bytes
/// and are clipped beyond; tags may be imported, up to 100 characters each, a tag with
/// a comma in double quotes, no emoji. Merge tags are `*|TAG|*`, tags upper-case
/// letters, digits and `_` ("Merge Fields", Marketing API docs).
pub const MAILCHIMP_DOC: &str = "https://mailchimp.com/help/format-guidelines-for-your-import-file/ ; https://mailchimp.com/developer/marketing/docs/merge-fields/";
/// Klaviyo, "How to create and add contacts to a new list": CSV, at most 50 MB; the
/// first column `Email` / `Email Address` or `Phone Number`; other columns become
/// Klaviyo or custom properties by their header. Templates read custom properties with
/// `{{ person|lookup:'Name' }}` and take Django filters ("Django filter glossary").
pub const KLAVIYO_DOC: &str = "https://help.klaviyo.com/hc/en-us/articles/115005078967 ; https://developers.klaviyo.com/en/docs/glossary_of_variable_filters";
/// Brevo: contact attributes are upper-case (`EMAIL`, `SMS`, `FIRSTNAME`: "Manage
/// your contacts", developers.brevo.com); the Brevo Template Language reads them as
/// `{{ contact.ATTRIBUTE }}` in e-mail and SMS (help.brevo.com article 4402386448530).
pub const BREVO_DOC: &str = "https://help.brevo.com/hc/en-us/articles/4402386448530 ; https://developers.brevo.com/docs/synchronise-contact-lists";
/// listmonk: the CSV importer keeps the columns `email`, `name` and `attributes` (a
/// JSON object) and ignores every other header (internal/subimporter/importer.go);
/// templates are Go templates, `{{ .Subscriber.Attribs.key }}`, rendered through
/// html/template, which escapes `&`, `<`, `>`, quotes and `+` unless the value goes
/// through `Safe` ("Templating", listmonk docs).
pub const LISTMONK_DOC: &str =
    "https://listmonk.app/docs/templating/ ; https://listmonk.app/docs/apis/import/";

/// Mailchimp's text audience field size, in bytes (format guidelines, above).
pub const MAILCHIMP_TEXT_BYTES: usize = 255;
/// Mailchimp tag length, in characters (format guidelines, above).
pub const MAILCHIMP_TAG_CHARS: usize = 100;
/// Audience fields beyond the defaults an audience can hold: 30 in all, 5 of them
/// defaults (FNAME, LNAME, ADDRESS, PHONE, BIRTHDAY). Source: Mailchimp's audience
/// field limits as summarised by Chimpmatic ("Mailchimp audience fields and merge
/// tags"); Premium plans allow more, so this errs on the safe side.
pub const MAILCHIMP_MERGE_COLUMNS: usize = 25;
/// Length tactful keeps generated Mailchimp merge tags to. Tags hold upper-case
/// letters, digits and `_` only ("Mailchimp audience fields and merge tags",
/// Chimpmatic; Marketing API "Merge Fields"); the older API's `listMergeVarAdd` took
/// tags of at most 10 bytes, and tags Mailchimp generates itself (`MMERGE10`) stay
/// within 10 characters, so ours do too. Shortening makes different fields meet
/// (`customer_name`, `customer_city` → `TF_CUSTOME`): `export::merge` numbers every
/// such meeting (`TF_CUSTOM2`), so each tag names one column.
pub const MAILCHIMP_TAG_NAME_CHARS: usize = 10;
/// Klaviyo's CSV upload limit, in bytes (50 MB).
pub const KLAVIYO_FILE_BYTES: u64 = 50 * 1024 * 1024;

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Mailchimp => "mailchimp",
            Platform::Klaviyo => "klaviyo",
            Platform::Brevo => "brevo",
            Platform::Listmonk => "listmonk",
        }
    }

    /// The documentation the headers, syntax and limits come from.
    pub fn doc(self) -> &'static str {
        match self {
            Platform::Mailchimp => MAILCHIMP_DOC,
            Platform::Klaviyo => KLAVIYO_DOC,
            Platform::Brevo => BREVO_DOC,
            Platform::Listmonk => LISTMONK_DOC,
        }
    }

    /// Header of the channel address column.
    pub fn address_header(self, channel: Channel) -> &'static str {
        match (self, channel) {
            (Platform::Mailchimp, _) => "Email Address",
            (Platform::Klaviyo, Channel::Email) => "Email",
            (Platform::Klaviyo, Channel::Sms) => "Phone Number",
            (Platform::Brevo, Channel::Email) => "EMAIL",
            (Platform::Brevo, Channel::Sms) => "SMS",
            (Platform::Listmonk, _) => "email",
        }
    }

    /// Name of the column (or listmonk attribute) holding the segment.
    pub fn segment_name(self) -> &'static str {
        match self {
            Platform::Mailchimp => "Tags",
            Platform::Klaviyo | Platform::Listmonk => "tactful_segment",
            Platform::Brevo => "TACTFUL_SEGMENT",
        }
    }

    /// Name of the column holding the contact key, with `--with-key`.
    pub fn key_name(self) -> &'static str {
        match self {
            Platform::Mailchimp => "TF_KEY",
            Platform::Klaviyo | Platform::Listmonk => "tactful_key",
            Platform::Brevo => "TACTFUL_KEY",
        }
    }

    /// Header names the audience file holds besides the merge columns: the address,
    /// the segment and the contact key columns. A merge column never takes one of them.
    pub fn fixed_names(self) -> [&'static str; 4] {
        [
            self.address_header(Channel::Email),
            self.address_header(Channel::Sms),
            self.segment_name(),
            self.key_name(),
        ]
    }

    /// The merge column name for `base` (a field name); `n` > 1 tells repeats apart.
    /// Different bases can give the same name (shortened, or cleaned of characters the
    /// platform does not take): callers take the first `n` whose name is free.
    /// Prefixed so a merge value never overwrites a platform's own field of the same
    /// name (Mailchimp FNAME, Klaviyo `first_name`, Brevo FIRSTNAME).
    pub fn column_name(self, base: &str, n: usize) -> String {
        let clean: String = base
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let suffix = if n > 1 { n.to_string() } else { String::new() };
        match self {
            Platform::Mailchimp => {
                let room = MAILCHIMP_TAG_NAME_CHARS - 3 - suffix.len();
                let stem: String = clean.to_ascii_uppercase().chars().take(room).collect();
                format!("TF_{stem}{suffix}")
            }
            Platform::Brevo => format!("TF_{}{suffix}", clean.to_ascii_uppercase()),
            Platform::Klaviyo | Platform::Listmonk => {
                format!("tf_{}{suffix}", clean.to_ascii_lowercase())
            }
        }
    }

    /// The template tag that prints merge column `name` exactly as stored.
    pub fn tag(self, name: &str) -> String {
        match self {
            Platform::Mailchimp => format!("*|{name}|*"),
            // `safe`: Django autoescaping would turn the already final `&` into `&amp;`.
            Platform::Klaviyo => format!("{{{{ person|lookup:'{name}'|safe }}}}"),
            Platform::Brevo => format!("{{{{ contact.{name} }}}}"),
            // `Safe`: html/template would escape `+ & ' " < >` in the final text.
            Platform::Listmonk => format!("{{{{ .Subscriber.Attribs.{name} | Safe }}}}"),
        }
    }

    /// Character sequences that start a tag in the platform's templates: literal text
    /// holding one cannot be written into a template as it is, so it travels as a merge
    /// value instead.
    pub fn openers(self) -> &'static [&'static str] {
        match self {
            Platform::Mailchimp => &["*|"],
            Platform::Klaviyo | Platform::Brevo => &["{{", "{%", "{#"],
            Platform::Listmonk => &["{{"],
        }
    }

    /// How the platform treats substituted values, in words, for the manifest.
    pub fn escaping(self) -> &'static str {
        match self {
            Platform::Mailchimp => {
                "merge values are printed as stored; values hold the final text (HTML bodies: already escaped by tactful). Mailchimp text fields hold 255 bytes and no line breaks, so longer values are refused"
            }
            Platform::Klaviyo => {
                "templates use the Django `safe` filter, so Klaviyo prints the final text without escaping it again"
            }
            Platform::Brevo => {
                "merge values are printed as stored by `{{ contact.X }}`; values hold the final text (HTML bodies: already escaped by tactful). Brevo's documentation does not describe escaping of attribute values: send a test before the campaign"
            }
            Platform::Listmonk => {
                "templates pass each value through listmonk's `Safe`, so Go html/template does not escape + & ' \" < > in the final text; values in HTML attributes are still filtered by html/template"
            }
        }
    }

    /// The file extension of a body template in `html` or plain text.
    pub fn body_extension(self, html: bool) -> &'static str {
        if html { "html" } else { "txt" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for p in ALL {
            assert_eq!(p.as_str().parse::<Profile>(), Ok(p));
        }
        let err = "mailchim".parse::<Profile>().unwrap_err();
        assert!(err.contains("mailchimp"), "{err}");
    }

    #[test]
    fn mailchimp_merge_tags_fit_ten_characters() {
        assert_eq!(
            Platform::Mailchimp.column_name("first_name", 1),
            "TF_FIRST_N"
        );
        assert_eq!(
            Platform::Mailchimp.column_name("first_name", 12),
            "TF_FIRST12"
        );
        assert_eq!(
            Platform::Klaviyo.column_name("first name", 2),
            "tf_first_name2"
        );
        assert_eq!(Platform::Brevo.column_name("city", 1), "TF_CITY");
        assert_eq!(
            Platform::Listmonk.tag("tf_city"),
            "{{ .Subscriber.Attribs.tf_city | Safe }}"
        );
        assert_eq!(
            Platform::Klaviyo.tag("tf_city"),
            "{{ person|lookup:'tf_city'|safe }}"
        );
    }
}
