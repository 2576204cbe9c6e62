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

/// The module names `prefix` leads to in `line`, with brace groups opened:
/// `crate::tui::{app::App, keymap}` with prefix `crate::tui::` gives `app` and `keymap`.
fn modules_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = names_after(line, prefix);
    let mut rest = line;
    let group = format!("{prefix}{{");
    while let Some(at) = rest.find(&group) {
        let before = rest[..at].chars().next_back();
        let tail = &rest[at + group.len()..];
        let end = tail.find('}').unwrap_or(tail.len());
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            for item in tail[..end].split(',') {
                let item = item.trim();
                let stop = item
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(item.len());
                if stop > 0 {
                    out.push(&item[..stop]);
                }
            }
        }
        rest = &tail[end..];
    }
    out
}

/// The screens: one folder each under `src/tui/screens/`.
fn screen_names() -> Vec<String> {
    let dir = src().join("tui").join("screens");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The screen a file belongs to, from its path under `src/tui/screens/`
/// (`segments/nav.rs` is the Segments screen's), and the `super::` chain that leads
/// from it back to `screens` (`super::super::` from `segments/nav.rs`, `super::` from
/// `segments/mod.rs`). `None` for a file outside every screen folder (`mod.rs`).
fn screen_of(rel: &Path) -> Option<(String, String)> {
    let parts: Vec<&str> = rel.iter().map(|p| p.to_str().unwrap()).collect();
    if parts.len() < 2 {
        return None;
    }
    let depth = parts.len() - usize::from(parts.last() == Some(&"mod.rs"));
    Some((parts[0].to_string(), "super::".repeat(depth)))
}

/// What `line`, in a file of screen `own` reached from `screens` by `up` (see
/// [`screen_of`]), names that a screen must not: another of `screens`, the app model
/// or the keymap. Each offence is `screens::other`, `app` or `keymap`.
fn screen_offences(line: &str, own: &str, up: &str, screens: &[String]) -> Vec<String> {
    let mut named = modules_after(line, "screens::");
    named.extend(modules_after(line, up));
    let mut out: Vec<String> = named
        .into_iter()
        .filter(|m| *m != own && screens.iter().any(|s| s == m))
        .map(|m| format!("screens::{m}"))
        .collect();
    let mut tui = modules_after(line, "crate::tui::");
    tui.extend(modules_after(line, &format!("{up}super::")));
    for m in tui {
        if m == "app" || m == "keymap" {
            out.push(m.to_string());
        }
    }
    out
}

/// A screen never imports another screen or the keymap (issue 11): what screens share
/// is in `tui::app`, `tui::widgets` and the job runners, and `tui::update` and
/// `tui::view` route to them.
#[test]
fn a_screen_never_imports_another_screen_or_the_keymap() {
    let dir = src().join("tui").join("screens");
    let screens = screen_names();
    assert!(screens.len() >= 8, "screen folders: {screens:?}");
    let mut offences = Vec::new();
    for file in files_under(&dir) {
        let rel = file.strip_prefix(&dir).unwrap();
        let Some((own, up)) = screen_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            for what in screen_offences(line, &own, &up, &screens) {
                if what != "app" {
                    offences.push(format!("{}:{n}: {what}: {line}", rel.display()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "a screen imports another screen or the keymap:\n{}",
        offences.join("\n")
    );
}

/// Screen files that still take the whole `App` (their update code changes more than
/// their own state). Empty since every screen's update takes its own state and the
/// shared context (issue 11); no file may be added. Kept, with the check that every
/// listed file still imports the app, so a file can only leave the list.
const APP_IMPORT_ALLOWLIST: [&str; 0] = [];

/// No screen file beyond [`APP_IMPORT_ALLOWLIST`] imports the app model, and every file
/// on the list still does (so the list only shrinks).
#[test]
fn no_new_screen_file_imports_the_app() {
    let dir = src().join("tui").join("screens");
    let screens = screen_names();
    let mut importing = Vec::new();
    for file in files_under(&dir) {
        let rel = file.strip_prefix(&dir).unwrap();
        let Some((own, up)) = screen_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        if code_lines(&text).any(|(_, line)| {
            screen_offences(line, &own, &up, &screens)
                .iter()
                .any(|w| w == "app")
        }) {
            importing.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    let allowed: Vec<String> = APP_IMPORT_ALLOWLIST.iter().map(|s| s.to_string()).collect();
    assert_eq!(importing, allowed, "screen files importing `tui::app`");
}

#[test]
fn the_screen_scan_flags_other_screens_the_app_and_the_keymap() {
    let screens: Vec<String> = ["export", "review", "segments"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let scan = |line: &str, own: &str, up: &str| screen_offences(line, own, up, &screens);
    // From `review/update.rs` (two levels below `screens`).
    assert_eq!(
        scan(
            "use crate::tui::screens::export::update;",
            "review",
            "super::super::"
        ),
        ["screens::export"]
    );
    assert_eq!(
        scan(
            "super::super::segments::load(app);",
            "review",
            "super::super::"
        ),
        ["screens::segments"]
    );
    assert_eq!(
        scan(
            "use crate::tui::{app::App, keymap};",
            "review",
            "super::super::"
        ),
        ["app", "keymap"]
    );
    assert_eq!(
        scan(
            "use super::super::super::keymap;",
            "review",
            "super::super::"
        ),
        ["keymap"]
    );
    // Its own folder, its own modules and shared widgets are fine.
    assert!(
        scan(
            "use crate::tui::screens::review::dialogs;",
            "review",
            "super::super::"
        )
        .is_empty()
    );
    assert!(scan("use super::message::ReviewMsg;", "review", "super::super::").is_empty());
    assert!(
        scan(
            "use crate::tui::widgets::dialog::centred;",
            "review",
            "super::super::"
        )
        .is_empty()
    );
    // From `review/mod.rs`, `super::` is `screens`.
    assert_eq!(
        scan("use super::export::Row;", "review", "super::"),
        ["screens::export"]
    );
    assert_eq!(
        screen_of(Path::new("segments/nav.rs")),
        Some(("segments".to_string(), "super::super::".to_string()))
    );
    assert_eq!(
        screen_of(Path::new("import/mod.rs")),
        Some(("import".to_string(), "super::".to_string()))
    );
    assert_eq!(screen_of(Path::new("mod.rs")), None);
}
