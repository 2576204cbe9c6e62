//! Reusable widgets of the TUI, each with its state beside it.
//!
//! [`data_table`] draws any table of untrusted data; [`cell_text`] fits one value into a
//! fixed number of columns; [`text_input`] is the one-line input and [`text_area`] the
//! multi-line editor, both fed through our sanitising [`paste`]; [`soft_wrap`] lays out
//! and draws multi-line text wrapped at a width; [`dialog`] places a popup.
//! Screens compose these; nothing here knows about contacts or fields.

pub mod cell_text;
pub mod data_table;
pub mod dialog;
pub mod paste;
pub mod soft_wrap;
pub mod text_area;
pub mod text_input;
