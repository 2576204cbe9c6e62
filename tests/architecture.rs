//! The domain-module rule (STYLE.md, "Shape of the crate"): only the two faces,
//! `src/cli/` and `src/tui/`, may use the terminal and argument-parsing crates.
//! Doc comments may name them; code paths and `use` lines may not.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of `text` that use one of the UI crates in code (comments are skipped).
fn offending_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let uses = ["ratatui", "crossterm", "clap"].iter().any(|krate| {
            code.contains(&format!("{krate}::"))
                || code.starts_with(&format!("use {krate}"))
                || code.contains(&format!("extern crate {krate}"))
        });
        if uses {
            out.push((n + 1, line.to_string()));
        }
    }
    out
}

#[test]
fn only_cli_and_tui_use_ratatui_crossterm_or_clap() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let faces = [src.join("cli"), src.join("tui")];
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found only {files:?}");
    let mut offences = Vec::new();
    for file in files
        .iter()
        .filter(|f| !faces.iter().any(|d| f.starts_with(d)))
    {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in offending_lines(&text) {
            offences.push(format!("{}:{n}: {line}", file.display()));
        }
    }
    assert!(
        offences.is_empty(),
        "domain modules use UI crates:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_scan_finds_uses_and_ignores_doc_mentions() {
    let source = "//! Unlike ratatui::Table, this is plain.\n\
                  use clap::Parser;\n\
                  fn f() { crossterm::terminal::size(); }\n\
                  use ratatui;\n\
                  let clapping = 1;\n";
    let lines: Vec<usize> = offending_lines(source)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(lines, vec![2, 3, 4]);
}

/// Non-comment lines of `text`, numbered from 1.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(n, l)| (n + 1, l))
}

/// The module names that follow each `prefix` in `line` (`crate::segment::X` with
/// prefix `crate::` gives `segment`).
fn names_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        // `xcrate::` or `my_super::` is another path.
        let before = rest[..at].chars().next_back();
        let tail = &rest[at + prefix.len()..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') && end > 0 {
            out.push(&tail[..end]);
        }
        rest = tail;
    }
    out
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    assert!(!files.is_empty(), "no Rust files under {}", dir.display());
    files.sort();
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The core (everything but the two faces, `lib.rs` that declares them and `main.rs`
/// that starts one) never reaches into `tui` or `cli`: use cases live in the core and
/// both faces call them, never the other way round.
#[test]
fn the_core_never_imports_tui_or_cli() {
    let src = src();
    let mut offences = Vec::new();
    for file in files_under(&src) {
        let rel = file.strip_prefix(&src).unwrap();
        if rel.starts_with("tui")
            || rel.starts_with("cli")
            || rel == Path::new("lib.rs")
            || rel == Path::new("main.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            if names_after(line, "crate::")
                .iter()
                .any(|m| *m == "tui" || *m == "cli")
            {
                offences.push(format!("{}:{n}: {line}", rel.display()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the core imports a face:\n{}",
        offences.join("\n")
    );
}

/// Feature modules: the use cases and their types. `workspace` (storage) must import
/// none of them, so a feature's types live with the feature (campaign storage is
/// `campaign::store`, the audience stream `campaign::audience`).
///
/// `fields` is not on the list on purpose: a field, its type, privacy class, role,
/// channel, consent state and typed values are the workspace's own vocabulary (the
/// columns it stores), shared by every feature. Its one use case, `fields::change`
/// (changing a field's class or role), is a feature, and is checked separately.
const FEATURES: [&str; 10] = [
    "campaign", "segment", "message", "review", "export", "import", "rights", "demo", "tui", "cli",
];

/// Lines of a `workspace` file (given as text) that import a feature module or the
/// field-editing use case. If someone adds `use crate::segment::CompiledRule;` to a
/// file in `src/workspace/`, `names_after(.., "crate::")` yields `segment`, which is in
/// [`FEATURES`], so the line is reported and
/// `workspace_imports_no_feature_module` fails; `the_workspace_scan_flags_features`
/// below runs exactly that line through this function.
fn feature_imports(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in code_lines(text) {
        let feature = names_after(line, "crate::")
            .iter()
            .any(|m| FEATURES.contains(m))
            || line.contains("fields::change");
        if feature {
            out.push((n, line.to_string()));
        }
    }
    out
}

#[test]
fn workspace_imports_no_feature_module() {
    let dir = src().join("workspace");
    let mut offences = Vec::new();
    for file in files_under(&dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in feature_imports(&text) {
            offences.push(format!("{}:{n}: {line}", file.display()));
        }
    }
    assert!(
        offences.is_empty(),
        "storage imports a feature:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_workspace_scan_flags_features() {
    let source = "//! Unlike crate::segment::store, this is storage.\n\
                  use crate::segment::CompiledRule;\n\
                  use crate::fields::{Channel, Field};\n\
                  use crate::fields::change::set;\n\
                  fn f() { crate::campaign::store::load(); }\n\
                  use crate::workspace::audit;\n";
    let lines: Vec<usize> = feature_imports(source)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(lines, vec![2, 4, 5]);
}

/// The screen a file in `src/tui/screens/` belongs to, by its name: `segments_nav.rs`
/// is the Segments screen's, `import/options.rs` the Import screen's. `None` for the
/// shared files (`mod.rs`, `popup.rs`: the router that draws whichever popup is open,
/// `guide.rs`). Dialogs belong to the screen that opens them.
fn screen_of(rel: &Path) -> Option<&'static str> {
    let first = rel.iter().next()?.to_str()?;
    let stem = first.trim_end_matches(".rs");
    let screens = [
        ("import", "import"),
        ("fields", "fields"),
        ("field_dialog", "fields"),
        ("contacts", "fields"),
        ("segments", "segments"),
        ("messages", "messages"),
        ("merge_fields", "messages"),
        ("campaign_new", "messages"),
        ("campaign_picker", "campaign_picker"),
        ("preview", "preview"),
        ("review", "review"),
        ("export", "export"),
    ];
    screens
        .iter()
        .find(|(prefix, _)| stem == *prefix || stem.starts_with(&format!("{prefix}_")))
        .map(|(_, screen)| *screen)
}

/// Known exceptions, to be removed by the screen-folder restructure (issue 11 item 2):
/// the Export screen draws from the Review screen's state (`export.rs` uses
/// `review::{ReviewState, review_line, wrap}`), and `review_update.rs` routes Export's
/// keys and tells it the campaign changed (`export_update`).
const SCREEN_IMPORT_ALLOWLIST: [(&str, &str); 2] =
    [("export.rs", "review"), ("review_update.rs", "export")];

/// A file of one screen never imports another screen's files (the shared `popup`,
/// `guide` and `mod` are not screens).
#[test]
fn a_screen_never_imports_another_screen() {
    let dir = src().join("tui").join("screens");
    let mut offences = Vec::new();
    for file in files_under(&dir) {
        let rel = file.strip_prefix(&dir).unwrap();
        let Some(own) = screen_of(rel) else { continue };
        let text = std::fs::read_to_string(&file).unwrap();
        let top_level = rel.components().count() == 1;
        for (n, line) in code_lines(&text) {
            let mut named = names_after(line, "screens::");
            if top_level {
                named.extend(names_after(line, "super::"));
            } else {
                named.extend(names_after(line, "super::super::"));
            }
            for module in named {
                let Some(other) = screen_of(Path::new(module)) else {
                    continue;
                };
                let allowed = SCREEN_IMPORT_ALLOWLIST
                    .iter()
                    .any(|(f, s)| rel == Path::new(f) && *s == other);
                if other != own && !allowed {
                    offences.push(format!("{}:{n}: {line}", rel.display()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "a screen imports another screen:\n{}",
        offences.join("\n")
    );
}

#[test]
fn screen_names_come_from_file_names() {
    assert_eq!(screen_of(Path::new("segments_nav.rs")), Some("segments"));
    assert_eq!(screen_of(Path::new("import/options.rs")), Some("import"));
    assert_eq!(screen_of(Path::new("review_dialogs.rs")), Some("review"));
    assert_eq!(screen_of(Path::new("popup.rs")), None);
    assert_eq!(
        names_after(
            "use super::review::{a, b}; super::export_update::x()",
            "super::"
        ),
        ["review", "export_update"]
    );
}
