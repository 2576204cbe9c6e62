//! Value suggestions in the free-text rule editor: when the cursor sits where a value
//! goes ([`super::editor::spot`]), the field's most common values with their counts
//! (`segment::values::top_values`, read by the segments worker like the builder's, so
//! typing never waits), narrowed to what is typed; Down/Up choose one and Tab or Enter
//! writes it into the rule as a literal of the field's type (text quoted).
//!
//! Works on the editor's state alone; [`super::update`] calls it and sends the job, and
//! the values reply arrives as `SegmentsMsg::ValuesLoaded`.

use super::builder::ops::literal;
use super::editor::spot::value_spot;
use super::editor::{EditorState, Focus, ValueSuggestions};
use super::suggest::Suggestions;
use crate::fields::Field;
use crate::segment::values::TopValues;
use crate::tui::screens::segments::message::SegmentJob;
use crate::tui::widgets::paste;

/// After the rule or its cursor changed: drop the suggestions outside a value (or for a
/// field `fields` does not have), narrow them to what is typed, or ask for a new
/// field's values with `generation` (the job to send).
pub(super) fn refresh(
    e: &mut EditorState,
    fields: &[Field],
    generation: u64,
) -> Option<SegmentJob> {
    let spot = (e.focus == Focus::Rule && e.builder.is_none())
        .then(|| value_spot(&e.rule.text(), e.rule.cursor_index()))
        .flatten()
        .and_then(|mut spot| {
            let field = fields
                .iter()
                .find(|f| f.name.eq_ignore_ascii_case(&spot.field))?;
            spot.field = field.name.clone();
            Some(spot)
        });
    let Some(spot) = spot else {
        e.values = None;
        return None;
    };
    if let Some(v) = e.values.as_mut()
        && v.spot.field == spot.field
    {
        if v.spot.typed != spot.typed {
            v.suggestions.typed(&spot.typed);
        }
        v.spot = spot;
        return None;
    }
    let field = spot.field.clone();
    let mut suggestions = Suggestions::asked(&field, generation);
    suggestions.typed(&spot.typed);
    e.values = Some(ValueSuggestions { spot, suggestions });
    Some(SegmentJob::Values {
        generation,
        field,
        campaign: e.campaign.clone(),
    })
}

/// The values reply, when the editor still waits for it (a stale one is dropped).
pub(super) fn loaded(
    e: &mut EditorState,
    generation: u64,
    field: &str,
    result: Result<TopValues, String>,
) {
    let Some(v) = e.values.as_mut() else {
        return;
    };
    let s = &mut v.suggestions;
    if s.pending == Some(generation) && s.field == field {
        s.pending = None;
        // A field whose values cannot be read just gets no suggestions.
        s.load(result.unwrap_or_default());
    }
}

/// Down (`delta` 1) or Up (-1) over the shown values; false when no value list takes
/// the key (Up from the first value lets it go back to moving between inputs).
pub(super) fn choose(e: &mut EditorState, delta: i8) -> bool {
    let Some(s) = e.values.as_mut().map(|v| &mut v.suggestions) else {
        return false;
    };
    match (delta < 0, s.taken) {
        _ if s.shown().is_empty() => false,
        (true, None) => false,
        (true, Some(0)) => {
            s.taken = None;
            true
        }
        _ => {
            s.step(delta);
            true
        }
    }
}

/// True when a value is chosen (Enter inserts it).
pub(super) fn chosen(e: &EditorState) -> bool {
    e.values
        .as_ref()
        .is_some_and(|v| v.suggestions.taken.is_some())
}

/// Write the chosen value (the first shown when none is chosen) into the rule in place
/// of what is typed of it (and its closing quote, if typed), as a literal of the
/// field's type; false when no value is shown.
pub(super) fn insert(e: &mut EditorState, fields: &[Field]) -> bool {
    let Some(v) = e.values.as_ref() else {
        return false;
    };
    let shown = v.suggestions.shown();
    let Some(value) = shown.get(v.suggestions.taken.unwrap_or(0)) else {
        return false;
    };
    let Some(field) = fields.iter().find(|f| f.name == v.spot.field) else {
        return false;
    };
    let written = paste::one_line(&literal(field.ty, &value.value));
    let cursor = e.rule.cursor_index();
    let closing = v.spot.in_quote && e.rule.text().chars().nth(cursor) == Some('"');
    let start = v.spot.start;
    e.rule
        .replace(start, cursor + usize::from(closing), &written);
    e.values = None;
    e.completion = None;
    true
}
