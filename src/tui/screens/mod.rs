//! One folder per screen: its state and a widget impl that only reads it (`mod.rs`),
//! its messages, the code that changes its state, its dialogs and, where it has its
//! own, the jobs it runs. A screen never imports another screen: what screens share is
//! in `tui::app` (the fields, the current campaign, the as-of date, the status) and
//! the reusable widgets in `tui::widgets`. `tui::view` picks which screen to draw and
//! `tui::update` routes each message to the screen it belongs to.

pub mod audit;
pub mod campaign_picker;
pub mod campaign_settings;
pub mod contact;
pub mod export;
pub mod fields;
pub mod import;
pub mod messages;
pub mod preview;
pub mod review;
pub mod segments;
pub mod suppression;
