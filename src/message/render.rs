//! Rendering a checked template for one contact.
//!
//! The template was compiled once by [`super::check`]; each render only builds a small
//! context from the merge fields the template reads and runs it under the fuel budget.
//! Alongside the text, a render reports which merge fields were blank and used their
//! fallback and which were blank with none, so "Hi ," is caught, never shipped
//! (PRODUCT.md, "Messages"; case BR-16). Called by campaign preview and export, and by
//! [`super::coverage`].

use minijinja::ErrorKind;
use serde::Serialize;

use super::check::CheckedTemplate;
use super::clean;
use super::engine::{self, FUEL, MergeLog, TEMPLATE_NAME};
use super::error::TemplateError;
use super::fast;
use crate::fields::value::Record;

/// One rendered template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub text: String,
    /// Merge fields that were blank and printed their fallback, sorted by name.
    pub fallbacks_used: Vec<String>,
    /// Merge fields that were blank and printed nothing (no fallback), sorted by name.
    /// Not empty means the text has a hole where the value should be.
    pub missing: Vec<String>,
    /// Of `missing`, the fields whose fallback was a placeholder ("...", "TODO"),
    /// printed as written.
    pub placeholders: Vec<String>,
}

impl CheckedTemplate {
    /// Make `date` and `currency` speak `locale` (see [`super::locale`]).
    pub fn set_locale(&mut self, locale: Option<super::MessageLocale>) {
        super::filters::register_localised(&mut self.env, locale);
    }

    /// Render for one contact. A field absent from `record` is blank.
    ///
    /// Errors: [`TemplateError::Render`] when the template runs out of fuel, nests too
    /// deeply, or a filter gets a value it cannot use (`date` on a non-date).
    pub fn render(&self, record: &Record) -> Result<Rendered, TemplateError> {
        if let Some(plan) = &self.plan {
            let mut text = String::with_capacity(plan.size_hint());
            let mut log = fast::Log::default();
            if plan.render(record, &mut text, &mut log) {
                return Ok(Rendered {
                    text: clean::clean_output(text, self.lines),
                    fallbacks_used: sorted(log.fallbacks_used),
                    missing: sorted(log.missing),
                    placeholders: sorted(log.placeholders),
                });
            }
        }
        let template = self
            .env
            .get_template(TEMPLATE_NAME)
            .map_err(|e| render_error(&e))?;
        let context = engine::context(&self.merge_fields, record);
        let captured = template
            .render_captured(context)
            .map_err(|e| render_error(&e))?;
        let (fallbacks_used, missing, placeholders) =
            match captured.state().get_extension::<MergeLog>() {
                Some(log) => (
                    log.fallbacks_used.iter().cloned().collect(),
                    log.missing.iter().cloned().collect(),
                    log.placeholders.iter().cloned().collect(),
                ),
                None => (Vec::new(), Vec::new(), Vec::new()),
            };
        Ok(Rendered {
            text: clean::clean_output(captured.into_output(), self.lines),
            fallbacks_used,
            missing,
            placeholders,
        })
    }
}

/// Sorted without repeats, as the engine's merge log (a set) gives them.
fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names.dedup();
    names
}

fn render_error(e: &minijinja::Error) -> TemplateError {
    let message = match e.kind() {
        ErrorKind::OutOfFuel => format!(
            "it used up its budget of {FUEL} steps; a loop or a recursive macro runs too long for a message"
        ),
        kind => match e.detail() {
            Some(detail) => format!("{kind}: {detail}"),
            None => kind.to_string(),
        },
    };
    TemplateError::Render { message }
}
