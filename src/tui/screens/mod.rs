//! One file per screen (or view), each with its state struct and a widget impl that only
//! reads it. `view` picks which to draw; `update` is the only code that changes them.

pub mod campaign_new;
pub mod campaign_picker;
pub mod contacts;
pub mod export;
pub mod field_dialog;
pub mod fields;
pub mod guide;
pub mod import;
pub mod merge_fields;
pub mod messages;
pub mod messages_view;
pub mod popup;
pub mod preview;
pub mod preview_explain;
pub mod preview_view;
pub mod review;
pub mod segments;
