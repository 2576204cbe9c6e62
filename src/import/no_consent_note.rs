//! The warning for a file that states no e-mail consent, saying only what happens.
//!
//! A file with no e-mail consent column and no `--consent email=STATE` gives the
//! contacts it adds consent "not asked", so e-mail campaigns exclude them; the contacts
//! it updates keep the consent they hold. The warning used to say that e-mail campaigns
//! "will exclude these contacts" for every row, also for updated contacts whose grant
//! stood and who were mailed (new-user trial 11, F3). [`warning`] is what the first
//! pass can say before any row is written (the terminal app's preview shows it);
//! [`settle`] replaces it with the counts once the rows are written.

/// The start every form of the warning shares, to find it among the others.
const START: &str = "no e-mail consent column and no --consent email=STATE";

/// The warning; `None` before the rows are written, else `(contacts added, contacts
/// updated whose e-mail grant stood)`.
pub fn warning(counts: Option<(u64, u64)>) -> String {
    let Some((added, kept)) = counts else {
        return format!(
            "{START}: contacts this file adds get e-mail consent not asked, so e-mail campaigns exclude them; contacts already in the workspace keep the e-mail consent they hold"
        );
    };
    let count = crate::text::count;
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!(
            "{} added {} e-mail consent not asked, so e-mail campaigns exclude {}",
            count(added, "contact"),
            if added == 1 { "gets" } else { "get" },
            if added == 1 { "it" } else { "them" }
        ));
    }
    parts.push(match kept {
        0 => "contacts already in the workspace keep the e-mail consent they hold".to_string(),
        n => format!(
            "{} already in the workspace kept the e-mail consent granted earlier, so e-mail campaigns may still send to {}",
            count(n, "contact"),
            if n == 1 { "it" } else { "them" }
        ),
    });
    format!("{START}: {}", parts.join("; "))
}

/// Replace the first pass's [`warning`] in `warnings` with the one for `added`
/// contacts added and `kept` updated contacts whose e-mail grant stood.
pub fn settle(warnings: &mut [String], added: u64, kept: u64) {
    if let Some(w) = warnings.iter_mut().find(|w| w.starts_with(START)) {
        *w = warning(Some((added, kept)));
    }
}
