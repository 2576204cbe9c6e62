//! # tactful
//!
//! Plan personalised marketing campaigns offline without crossing privacy lines.
//!
//! A tour, in the order data flows:
//! - [`workspace`]: one SQLite file per workspace; opening, migrations, audit log.
//! - [`import`]: CSV files in (sniffing, decoding, typing, merging by contact key).
//! - [`fields`]: types, roles and privacy classes of columns, the classifier and the
//!   policy that blocks special-category and protected fields.
//! - [`segment`]: the rule language (parse, check against fields and policy, compile to
//!   SQL), saved segments, reach and overlap.
//! - [`message`]: templates with merge fields and fallbacks, checked before they
//!   render; coverage and SMS length.
//! - [`campaign`]: segment → message entries in priority order, unlocks, campaign as
//!   code, and assignment (who gets what, or the one reason they get nothing);
//!   preview of the whole audience and the explanation of one contact.
//! - [`review`]: findings for the privacy reviewer, and sign-off.
//! - [`export`]: the recipients file and its manifest, only when no blocker is open.
//! - [`rights`]: what is held about one contact (GDPR Art. 15) and erasure (Art. 17).
//! - [`demo`]: the demo workspace built from the bundled sample data.
//! - [`text`]: making untrusted strings safe for a terminal.
//! - [`written`]: justifications, reasons, names and notes checked on their visible text.
//! - [`tui`]: the terminal app (ratatui), the Elm Architecture over the same core.
//!
//! The domain modules know nothing of terminals or argument parsing. [`cli`] is a thin
//! shell over them and the only module that uses clap; [`tui`] is the only other face
//! and, with `cli`, the only user of ratatui and crossterm.

pub mod campaign;
pub mod cli;
pub mod demo;
pub mod export;
pub mod fields;
pub mod import;
pub mod message;
pub mod review;
pub mod rights;
pub mod segment;
pub mod text;
pub mod tui;
pub mod upgrade_notice;
pub mod workspace;
pub mod written;
