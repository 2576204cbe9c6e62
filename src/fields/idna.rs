//! Internationalised domain names: the ASCII (`xn--`, Punycode) form of a domain label
//! read back as the Unicode it encodes, so `idn@xn--bcher-kva.de` and `idn@bücher.de`
//! are one address for [`super::address::email_key`] (IDNA 2008, RFC 5891 §5: a
//! label's A-label and U-label name the same domain).
//!
//! Only decoding is needed: comparisons use the Unicode form, which also reads best in
//! a contact key. Written here (RFC 3492's decoder is some forty lines) rather than
//! taken from the `idna` crate, whose Unicode tables would add a dozen crates for one
//! direction of one mapping.

/// `domain` with every `xn--` label that decodes (RFC 3492) replaced by its Unicode
/// text; `None` when no label changed. A label that does not decode, or decodes to
/// plain ASCII (no valid A-label does), is kept as written: a malformed address still
/// matches itself.
pub fn domain_to_unicode(domain: &str) -> Option<String> {
    let mut changed = false;
    let labels: Vec<String> = domain
        .split('.')
        .map(|label| {
            let decoded = label
                .get(..4)
                .filter(|prefix| prefix.eq_ignore_ascii_case("xn--"))
                .and_then(|_| decode(&label[4..]))
                .filter(|text| !text.is_ascii());
            changed |= decoded.is_some();
            decoded.unwrap_or_else(|| label.to_string())
        })
        .collect();
    changed.then(|| labels.join("."))
}

/// RFC 3492 §6.2 parameters for IDNA (§5).
const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// RFC 3492 §6.1 bias adaptation.
fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// RFC 3492 §6.2 decoding of one label's Punycode (after `xn--`); `None` on a bad
/// digit, overflow or a code point that is no character.
fn decode(input: &str) -> Option<String> {
    let (basic, extended) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = extended.bytes();
    let mut next = digits.next();
    while next.is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match next? {
                b @ b'a'..=b'z' => b - b'a',
                b @ b'A'..=b'Z' => b - b'A',
                b @ b'0'..=b'9' => b - b'0' + 26,
                _ => return None,
            } as u32;
            next = digits.next();
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let points = u32::try_from(output.len()).ok()? + 1;
        bias = adapt(i - old_i, points, old_i == 0);
        n = n.checked_add(i / points)?;
        i %= points;
        output.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 3492 §7.1 sample strings (A: Arabic, B: simplified Chinese, L: Japanese
    /// `3年B組金八先生`) and the well-known `bücher` ↔ `bcher-kva` pair.
    #[test]
    fn punycode_labels_decode_as_rfc_3492_gives_them() {
        assert_eq!(decode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(
            decode("egbpdaj6bu4bxfgehfvwxn").as_deref(),
            Some("ليهمابتكلموشعربي؟")
        );
        assert_eq!(
            decode("ihqwcrb4cv8a8dqg056pqjye").as_deref(),
            Some("他们为什么不说中文")
        );
        assert_eq!(
            decode("3B-ww4c5e180e575a65lsy2b").as_deref(),
            Some("3年B組金八先生")
        );
        assert_eq!(decode("bcher-kv!"), None);
    }

    #[test]
    fn only_xn_labels_that_decode_change() {
        assert_eq!(
            domain_to_unicode("mail.xn--bcher-kva.de").as_deref(),
            Some("mail.bücher.de")
        );
        assert_eq!(
            domain_to_unicode("XN--bcher-kva.de").as_deref(),
            Some("bücher.de")
        );
        for kept in ["example.com", "xn--.de", "xn--abc-.de", "xn--bcher-kv!.de"] {
            assert_eq!(domain_to_unicode(kept), None, "{kept}");
        }
    }
}
