//! `--help` of every command: each positional argument says what it is, and an option
//! that needs another one says so in its help (clap enforces `requires` but does not
//! print it). Walks the command tree clap builds, so a new command is checked too.

use clap::CommandFactory;
use tactful::cli::Cli;

fn walk(cmd: &clap::Command, path: &str, problems: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let name = arg.get_id().as_str();
        if arg.is_positional() && help.trim().is_empty() {
            problems.push(format!("{path}: positional argument {name} has no help"));
        }
    }
    for sub in cmd.get_subcommands() {
        walk(sub, &format!("{path} {}", sub.get_name()), problems);
    }
}

#[test]
fn every_positional_argument_has_help() {
    let mut problems = Vec::new();
    walk(&Cli::command(), "tactful", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn review_help_shows_that_sign_off_and_note_go_together() {
    let mut cmd = Cli::command();
    let review = cmd.find_subcommand_mut("review").unwrap();
    let help = review.render_help().to_string();
    let line = |opt: &str| {
        help.lines()
            .skip_while(|l| !l.trim_start().starts_with(opt))
            .take_while(|l| !l.trim().is_empty())
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        line("--sign-off").contains("required with --note"),
        "{help}"
    );
    assert!(
        line("--note").contains("required with --sign-off"),
        "{help}"
    );
}
