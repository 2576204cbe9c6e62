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
