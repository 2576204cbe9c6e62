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
//! - [`text`]: making untrusted strings safe for a terminal.
//!
//! The domain modules know nothing of terminals or argument parsing. [`cli`] is a thin
//! shell over them; it is the only module that uses clap.

pub mod cli;
pub mod fields;
pub mod import;
pub mod segment;
pub mod text;
pub mod workspace;
