//! The ZIP-bomb defence of [`super::extract`]: how far one member, and the whole
//! archive, may expand.
//!
//! A 190 KB archive whose one member inflated to a 200 MB cell took 1.4 GB of memory to
//! import (sixth new-user trial, G6). Following OWASP's advice on file uploads (check the
//! compression ratio, with a size floor, and cap the total), a member is refused when it
//! expands more than [`MAX_RATIO`] times its compressed size past [`RATIO_FLOOR`], or past
//! [`MAX_MEMBER`]; the archive when its members together pass [`MAX_TOTAL`]. Each limit
//! is checked first against the sizes the archive declares, before a byte is inflated,
//! then again while the member is copied out (a declared size can lie). Real exports are
//! far inside them: CSV text deflates 3 to 20 times, and a million contacts are a few
//! hundred MB.

/// Most bytes one member may expand to (4 GiB, the cap of a piped file too).
pub const MAX_MEMBER: u64 = 4 << 30;
/// Most bytes all members together may expand to (8 GiB).
pub const MAX_TOTAL: u64 = 8 << 30;
/// Members expanding to at most this many bytes (10 MiB) are never refused for their
/// ratio: a small file of blanks deflates well and is harmless.
pub const RATIO_FLOOR: u64 = 10 << 20;
/// Largest expansion (uncompressed bytes per compressed byte) of a member past
/// [`RATIO_FLOOR`]: OWASP's example threshold.
pub const MAX_RATIO: u64 = 100;

/// Why a member may not be extracted, as the error sentence's tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Over [`MAX_MEMBER`].
    Member { size: u64 },
    /// Over [`MAX_RATIO`] and [`RATIO_FLOOR`].
    Ratio { size: u64, compressed: u64 },
    /// The members so far plus this one are over [`MAX_TOTAL`].
    Total { size: u64 },
}

/// How many bytes the member may expand to, given `compressed` bytes in the archive and
/// `used` bytes extracted before it: one past this is a refusal.
pub fn allowance(compressed: u64, used: u64) -> u64 {
    let by_ratio = compressed.saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
    by_ratio.min(MAX_MEMBER).min(MAX_TOTAL.saturating_sub(used))
}

/// The limit `size` bytes (declared, or copied so far) break for a member of
/// `compressed` bytes after `used` bytes of earlier members; `None` within them.
pub fn check(size: u64, compressed: u64, used: u64) -> Option<Refusal> {
    if size > MAX_MEMBER {
        return Some(Refusal::Member { size });
    }
    if size > RATIO_FLOOR && size > compressed.saturating_mul(MAX_RATIO) {
        return Some(Refusal::Ratio { size, compressed });
    }
    if used.saturating_add(size) > MAX_TOTAL {
        return Some(Refusal::Total {
            size: used.saturating_add(size),
        });
    }
    None
}

impl Refusal {
    /// The sentence naming `member`, the limit and what to do.
    pub fn message(&self, member: &str, declared: bool) -> String {
        let how = if declared {
            "says it expands to"
        } else {
            "expands past"
        };
        let advice = "refused as a likely ZIP bomb, nothing imported; if you trust the archive, unzip it yourself and import its files one by one";
        match *self {
            Refusal::Member { size } => format!(
                "member {member} {how} {}, over the limit of {} for one member: {advice}",
                bytes(size),
                bytes(MAX_MEMBER)
            ),
            Refusal::Ratio { size, compressed } => format!(
                "member {member} {how} {} from {} ({} times its compressed size), over the limit of {MAX_RATIO} times for a member over {}: {advice}",
                bytes(size),
                bytes(compressed),
                size / compressed.max(1),
                bytes(RATIO_FLOOR)
            ),
            Refusal::Total { size } => format!(
                "its members up to {member} {how} {} in all, over the limit of {} for one archive: {advice}",
                bytes(size),
                bytes(MAX_TOTAL)
            ),
        }
    }
}

/// `512 bytes`, `10 MiB`, `4.0 GiB`: a size as the messages give it.
pub fn bytes(n: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    match n {
        n if n >= GIB => format!("{:.1} GiB", n as f64 / GIB as f64),
        n if n >= MIB && n % MIB == 0 => format!("{} MiB", n / MIB),
        n if n >= MIB => format!("{:.1} MiB", n as f64 / MIB as f64),
        n if n >= KIB => format!("{:.1} KiB", n as f64 / KIB as f64),
        n => format!("{n} byte{}", if n == 1 { "" } else { "s" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_member_is_never_refused_for_its_ratio() {
        assert_eq!(check(RATIO_FLOOR, 1, 0), None);
        assert_eq!(
            check(RATIO_FLOOR + 1, 1, 0),
            Some(Refusal::Ratio {
                size: RATIO_FLOOR + 1,
                compressed: 1
            })
        );
        // 100:1 exactly is allowed; the allowance is one byte short of a refusal.
        assert_eq!(check(200 << 20, 2 << 20, 0), None);
        assert_eq!(allowance(2 << 20, 0), 200 << 20);
        assert_eq!(allowance(1, 0), RATIO_FLOOR);
        assert_eq!(allowance(1 << 30, MAX_TOTAL - 5), 5);
        assert_eq!(
            check(6, 6, MAX_TOTAL - 5),
            Some(Refusal::Total {
                size: MAX_TOTAL + 1
            })
        );
        assert_eq!(
            check(MAX_MEMBER + 1, MAX_MEMBER, 0),
            Some(Refusal::Member {
                size: MAX_MEMBER + 1
            })
        );
    }

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(10 << 20), "10 MiB");
        assert_eq!(bytes(3 << 29), "1.5 GiB");
    }
}
