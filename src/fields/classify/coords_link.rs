//! Locations inside a link ([`super`]): a map link's pin or a pair of coordinates in
//! a URL's query (new-user trial 9, F-G15b).

use super::{Num, lat_lng};

/// A link written without its scheme (`maps.google.com/?q=…`, `maps.apple.com/?ll=…`,
/// `goo.gl/maps/…`: a spreadsheet often drops the `https://`; new-user trial 10, F7):
/// a host of dotted labels whose last is letters only (`com`, not the `5074` of a
/// pair), then a `/`, no space before it.
pub(super) fn is_bare_link(lower: &str) -> bool {
    let Some((host, _)) = lower.split_once('/') else {
        return false;
    };
    let label =
        |l: &str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let Some((_, tld)) = host.rsplit_once('.') else {
        return false;
    };
    host.split('.').all(label) && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A link holding a latitude, longitude pair: two numbers with decimals next to each
/// other (`,`, `%2C`, `~`, `&lon=`; `/` in a map link), in range. A link that names a
/// map (`maps.google.com`, `openstreetmap.org/#map=`, `ll=`, `/place/`) may write any
/// decimals; any other link needs 3.
pub(super) fn link(lower: &str) -> bool {
    let text = lower.replace("%2c", ",").replace("%20", " ");
    let map = ["map", "geo", "/place/", "ll=", "lat", "loc", "q="]
        .iter()
        .any(|w| text.contains(w));
    let b: Vec<char> = text.chars().collect();
    let mut found: Vec<(Num, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = (b[i].is_ascii_digit()
            || (matches!(b[i], '-' | '+') && b.get(i + 1).is_some_and(char::is_ascii_digit)))
            && (i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '.'));
        if starts {
            let from = i;
            let sign = matches!(b[i], '-' | '+');
            let mut j = i + usize::from(sign);
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let whole = j - from - usize::from(sign);
            if j + 1 < b.len() && b[j] == '.' && b[j + 1].is_ascii_digit() && whole <= 3 {
                let dot = j;
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let s: String = b[from..j].iter().collect();
                if let Ok(value) = s.parse::<f64>() {
                    let frac: String = b[dot + 1..j].iter().collect();
                    let n = Num {
                        value,
                        decimals: j - dot - 1,
                        significant: frac.trim_end_matches('0').len(),
                    };
                    found.push((n, from, j));
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    found.windows(2).any(|w| {
        let ((a, _, a_end), (c, c_start, _)) = (w[0], w[1]);
        let gap: String = b[a_end..c_start].iter().collect();
        let gap = gap.trim();
        let joined = matches!(gap, "," | "~" | "" | ", " | ",+")
            || gap.ends_with("lon=")
            || gap.ends_with("lng=")
            || gap.ends_with("longitude=")
            || (map && gap == "/");
        let decimals = if map { 1 } else { 3 };
        joined && a.decimals >= decimals && c.decimals >= decimals && lat_lng(a.value, c.value)
    })
}
