//! File-name completion for the Import screen's path input.
//!
//! Reads the directory named by what was typed before the last `/` (the current
//! directory when there is none; a leading `~/` is the home directory) and lists the
//! entries that start with the rest. Runs on the worker thread, because a directory on a
//! slow or network disk must not freeze the screen.

use std::path::{Path, PathBuf};

/// At most this many names are listed; a directory of thousands of files shows the
/// first ones and says how many more there are.
pub const MAX_CANDIDATES: usize = 200;

/// What Tab did to the typed path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// The path to show in the input: completed as far as every candidate agrees.
    pub input: String,
    /// Matching names (directories end in `/`), sorted, at most [`MAX_CANDIDATES`].
    pub candidates: Vec<String>,
    /// Matching names beyond [`MAX_CANDIDATES`].
    pub more: usize,
}

/// Complete `typed` against the file system.
///
/// Errors: the directory cannot be read (the message names it).
pub fn complete(typed: &str) -> Result<Completion, String> {
    let (dir_part, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir = resolve(dir_part);
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = entry.path().is_dir();
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    let common = common_prefix(&names);
    let input = match names.len() {
        0 => typed.to_string(),
        _ => format!("{dir_part}{common}"),
    };
    let more = names.len().saturating_sub(MAX_CANDIDATES);
    names.truncate(MAX_CANDIDATES);
    Ok(Completion {
        input,
        candidates: names,
        more,
    })
}

/// The directory a typed prefix names: `""` is the current directory, `~/` the home
/// directory.
fn resolve(dir_part: &str) -> PathBuf {
    if dir_part.is_empty() {
        return PathBuf::from(".");
    }
    if let Some(rest) = dir_part.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return Path::new(&home).join(rest);
    }
    PathBuf::from(dir_part)
}

/// The longest prefix shared by all `names`, cut on a character boundary.
fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for n in &names[1..] {
        end = first
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

/// The path an import should open for `typed` (with `~/` expanded).
pub fn expand(typed: &str) -> PathBuf {
    match typed.strip_prefix("~/") {
        Some(rest) => resolve("~/").join(rest),
        None => PathBuf::from(typed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_to_the_shared_prefix_and_lists_candidates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("shop_2024.csv"), "").unwrap();
        std::fs::write(dir.path().join("shop_2025.csv"), "").unwrap();
        std::fs::write(dir.path().join(".hidden.csv"), "").unwrap();
        std::fs::create_dir(dir.path().join("old")).unwrap();
        let base = format!("{}/", dir.path().display());

        let c = complete(&format!("{base}sh")).unwrap();
        assert_eq!(c.input, format!("{base}shop_202"));
        assert_eq!(c.candidates, vec!["shop_2024.csv", "shop_2025.csv"]);

        let c = complete(&format!("{base}o")).unwrap();
        assert_eq!(c.input, format!("{base}old/"));

        let c = complete(&base).unwrap();
        assert_eq!(c.candidates, vec!["old/", "shop_2024.csv", "shop_2025.csv"]);

        let c = complete(&format!("{base}zz")).unwrap();
        assert_eq!(c.input, format!("{base}zz"));
        assert!(c.candidates.is_empty());

        assert!(complete(&format!("{base}nope/x")).is_err());
    }
}
