//! One file per screen (or view), each with its state struct and a widget impl that only
//! reads it. `view` picks which to draw; `update` is the only code that changes them.

pub mod contacts;
pub mod field_dialog;
pub mod fields;
pub mod guide;
pub mod import;
pub mod popup;
