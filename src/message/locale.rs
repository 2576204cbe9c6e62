//! The language a campaign's messages are written in: month and day names of the `date`
//! filter, and the number and currency format of `currency`.
//!
//! A campaign names its locale as a language tag (`de-DE`, `en_GB`); the data behind it
//! is the glibc locale database as packaged by `pure-rust-locales` (the same data
//! chrono's `unstable-locales` feature formats dates with): `LC_TIME` for month names,
//! `LC_MONETARY` for the decimal mark, the thousands separator, where the symbol goes
//! and the locale's own currency symbol. Without a locale, messages keep tactful's
//! English defaults. Called by campaign preparation ([`super::Message::with_locale`]) and
//! the filters.

use std::fmt;
use std::str::FromStr;

use pure_rust_locales::{Locale, locale_match};

/// A campaign's message locale, such as `de-DE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageLocale {
    locale: Locale,
}

/// Why a locale tag was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown locale `{given}`; use a language and country such as de-DE, fr-FR, en-GB or ja-JP"
)]
pub struct UnknownLocale {
    pub given: String,
}

impl FromStr for MessageLocale {
    type Err = UnknownLocale;

    /// Accepts `de-DE`, `de_DE` and `de_DE.UTF-8`; the language is lower-cased and the
    /// country upper-cased, as the locale database spells them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownLocale {
            given: s.to_string(),
        };
        let base = s.trim().split('.').next().unwrap_or_default();
        let (lang, country) = base.split_once(['-', '_']).ok_or_else(unknown)?;
        if lang.is_empty() || country.is_empty() || !base.is_ascii() {
            return Err(unknown());
        }
        let name = format!("{}_{}", lang.to_lowercase(), country.to_uppercase());
        let locale = Locale::try_from(name.as_str()).map_err(|_| unknown())?;
        Ok(MessageLocale { locale })
    }
}

impl serde::Serialize for MessageLocale {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for MessageLocale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for MessageLocale {
    /// The tag with a hyphen: `de-DE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format!("{:?}", self.locale).replacen('_', "-", 1))
    }
}

/// How a locale writes an amount of money (glibc `LC_MONETARY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Monetary {
    pub decimal_point: &'static str,
    pub thousands_sep: &'static str,
    /// The symbol goes before the amount (`$5`), else after (`5 €`).
    pub symbol_first: bool,
    /// A space between symbol and amount.
    pub space: bool,
    /// The locale's own currency code (`EUR` for de-DE).
    pub own_code: &'static str,
    /// The locale's own currency symbol (`€` for de-DE).
    pub own_symbol: &'static str,
}

impl MessageLocale {
    /// The chrono locale, for month and day names.
    pub fn chrono(self) -> chrono::Locale {
        self.locale
    }

    /// The locale's money format.
    pub fn monetary(self) -> Monetary {
        let l = self.locale;
        Monetary {
            decimal_point: locale_match!(l => LC_MONETARY::MON_DECIMAL_POINT),
            thousands_sep: locale_match!(l => LC_MONETARY::MON_THOUSANDS_SEP),
            symbol_first: locale_match!(l => LC_MONETARY::P_CS_PRECEDES) == 1,
            space: locale_match!(l => LC_MONETARY::P_SEP_BY_SPACE) == 1,
            own_code: locale_match!(l => LC_MONETARY::INT_CURR_SYMBOL).trim(),
            own_symbol: locale_match!(l => LC_MONETARY::CURRENCY_SYMBOL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_in_either_spelling() {
        let de: MessageLocale = "de-DE".parse().unwrap();
        assert_eq!(de, "de_DE.UTF-8".parse().unwrap());
        assert_eq!(de.to_string(), "de-DE");
        assert_eq!(
            "EN-gb".parse::<MessageLocale>().unwrap().to_string(),
            "en-GB"
        );
        for bad in ["", "de", "xx-YY", "de-DE-x"] {
            assert!(bad.parse::<MessageLocale>().is_err(), "{bad}");
        }
    }

    #[test]
    fn monetary_data_is_the_locale_databases() {
        // glibc localedata: de_DE writes 1.234,50 € (mon_decimal_point ",",
        // mon_thousands_sep ".", p_cs_precedes 0, p_sep_by_space 1).
        let de = "de-DE".parse::<MessageLocale>().unwrap().monetary();
        assert_eq!(
            (
                de.decimal_point,
                de.thousands_sep,
                de.symbol_first,
                de.space
            ),
            (",", ".", false, true)
        );
        assert_eq!((de.own_code, de.own_symbol), ("EUR", "€"));
        let us = "en-US".parse::<MessageLocale>().unwrap().monetary();
        assert_eq!(
            (us.decimal_point, us.symbol_first, us.space),
            (".", true, false)
        );
    }
}
