//! One file per screen (or view), each with its state struct and a widget impl that only
//! reads it. `view` picks which to draw; `update` is the only code that changes them.

pub mod campaign_new;
pub mod campaign_picker;
pub mod campaign_settings;
pub mod contacts;
pub mod export;
pub mod export_update;
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
pub mod review_dialogs;
pub mod review_replies;
pub mod review_update;
pub mod segments;
pub mod segments_builder;
pub mod segments_editor;
pub mod segments_nav;
pub mod segments_overlap;
pub mod segments_replies;
pub mod segments_update;
