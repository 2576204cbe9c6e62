//! The Messages screen's state: the current campaign's entries (segment → message) in
//! priority order, an editor for the selected entry's subject and body, the message
//! rendered live for one contact, and coverage counts from a background preview.
//!
//! The screen edits a copy of the campaign (`draft`); every keystroke writes the
//! editors back into it and checks it again (`Message::check` in the campaign's policy
//! scope), so the problem under the editor and the live render are always those of
//! what is on screen. Saving ([`update`]) checks every entry before writing.
//! Drawing is in [`view`], the merge-field list in [`merge_fields`], the new-campaign
//! and add-entry dialogs in [`new_dialogs`] (changed by [`new_update`]); removing,
//! moving, renaming and deleting are [`edit_update`]'s.

pub mod edit_update;
pub mod jobs;
pub mod merge_fields;
pub mod merge_popup;
pub mod new_dialogs;
pub mod new_update;
pub mod update;
pub mod view;

use crate::campaign::preview::Summary;
use crate::campaign::{Campaign, Entry};
use crate::fields::value::Record;
use crate::fields::{Channel, Field};
use crate::message::{Message, MessageDraft, PolicyScope, RenderedMessage};
use crate::tui::widgets::text_area::TextArea;
use crate::tui::widgets::text_input::TextInput;

use self::merge_fields::{FallbackInput, MergeChoice};

/// What has the keyboard on the Messages screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The entry list (keys move between entries).
    #[default]
    Entries,
    Subject,
    Body,
}

/// The would-be recipient messages are rendered for: its `_id` (the keyset cursor), key and values
/// of every field.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub id: i64,
    pub key: String,
    pub record: Record,
}

/// State of the Messages screen.
#[derive(Debug, Clone, Default)]
pub struct MessagesState {
    /// The campaign being edited; equal to the stored one when nothing is unsaved.
    pub draft: Option<Campaign>,
    /// The selected entry (0 = highest priority).
    pub selected: usize,
    pub focus: Focus,
    pub subject: TextInput,
    pub body: TextArea,
    /// Why the selected entry's message does not check (with line and column), if so.
    pub problem: Option<String>,
    /// The selected entry rendered for [`Self::sample`], or why it could not be.
    pub rendered: Option<Result<RenderedMessage, String>>,
    /// A would-be recipient of the selected entry (one the campaign assigns to it).
    pub sample: Option<Sample>,
    pub pending_sample: Option<u64>,
    /// The campaign assigns no contact to the selected entry.
    pub no_recipients: bool,
    /// The workspace's contacts or fields changed (an import or its undo) since the
    /// checks, coverage and sample were worked out: they are worked out again when the
    /// screen shows, or when the fields arrive while it does.
    pub stale: bool,
    /// The last background preview of the draft (coverage and SMS lengths).
    pub coverage: Option<Summary>,
    pub pending_coverage: Option<u64>,
    /// Generation of the save in flight.
    pub pending_save: Option<u64>,
    /// What the save of that generation does, when it is more than saving the messages
    /// ("campaign `spring`: removed entry 3 (segment vip); saved"): the status
    /// line says it once the save went through.
    pub save_note: Option<(u64, String)>,
    /// Generation of the rename or delete in flight.
    pub pending_change: Option<u64>,
    /// The merge-field list while its popup is open.
    pub merge: Vec<MergeChoice>,
    pub merge_selected: usize,
    /// The fallback being typed, once a field of the list is chosen.
    pub merge_fallback: Option<FallbackInput>,
    /// The new-campaign dialog, while open.
    pub create: Option<NewCampaign>,
    /// The highlighted segment in the add-entry list.
    pub add_selected: usize,
}

/// The new-campaign dialog: the name typed, the channel, and why the last Enter failed.
/// The same dialog renames a campaign (`renaming`: its current name; the channel is
/// then not asked).
#[derive(Debug, Clone)]
pub struct NewCampaign {
    pub name: TextInput,
    pub channel: Channel,
    pub error: Option<String>,
    pub renaming: Option<String>,
}

impl MessagesState {
    /// Edit `campaign` from its first entry (or the selected one, if it still exists).
    pub fn set_campaign(&mut self, campaign: Campaign) {
        let last = campaign.entries.len().saturating_sub(1);
        self.selected = self.selected.min(last);
        self.draft = Some(campaign);
        self.focus = Focus::Entries;
        self.coverage = None;
        self.forget_sample();
        self.load_editors();
    }

    /// Drop the sample (and ignore the one being found): it belonged to another entry
    /// or campaign.
    pub fn forget_sample(&mut self) {
        self.sample = None;
        self.pending_sample = None;
        self.no_recipients = false;
        self.rendered = None;
    }

    /// The selected entry of the draft.
    pub fn entry(&self) -> Option<&Entry> {
        self.draft.as_ref()?.entries.get(self.selected)
    }

    /// Put the selected entry's subject and body into the editors.
    pub fn load_editors(&mut self) {
        let (subject, body) = match self.entry() {
            Some(e) => (e.subject.clone().unwrap_or_default(), e.body.clone()),
            None => (String::new(), String::new()),
        };
        self.subject = TextInput::new(subject);
        // Start at the beginning, so an unfocused subject shows its start.
        self.subject
            .apply(&crate::tui::widgets::text_input::TextEdit::Home);
        self.body = TextArea::new(&body);
    }

    /// Write the editors back into the selected entry of the draft. An SMS entry keeps
    /// no subject.
    pub fn store_editors(&mut self) {
        let subject = self.subject.value().to_string();
        let body = self.body.text();
        let Some(c) = self.draft.as_mut() else {
            return;
        };
        let channel = c.channel;
        if let Some(e) = c.entries.get_mut(self.selected) {
            if channel == Channel::Email {
                e.subject = Some(subject);
            }
            e.body = body;
        }
    }

    /// Select the entry `delta` places away (clamped).
    pub fn select_by(&mut self, delta: isize) {
        let n = self.draft.as_ref().map_or(0, |c| c.entries.len());
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(n.saturating_sub(1));
        self.load_editors();
    }

    /// Whether the draft differs from `saved`.
    pub fn is_dirty(&self, saved: Option<&Campaign>) -> bool {
        self.draft.is_some() && self.draft.as_ref() != saved
    }

    /// Check the selected entry's message against `fields` in the campaign's policy
    /// scope and render it for the sample contact.
    pub fn recheck(&mut self, fields: &[Field]) {
        self.problem = None;
        self.rendered = None;
        let (Some(c), Some(entry)) = (self.draft.as_ref(), self.entry()) else {
            return;
        };
        match check_entry(c, entry, fields) {
            Err(problem) => self.problem = Some(problem),
            Ok(message) => {
                if let Some(sample) = &self.sample {
                    // Shown, not sent: mark a merge field that printed nothing, as the
                    // preview does (`Message::render_marked`).
                    self.rendered = Some(
                        message
                            .render_marked(&sample.record)
                            .map_err(|e| e.to_string()),
                    );
                }
            }
        }
    }
}

/// Check one entry's message in `campaign`'s policy scope (its category and unlocks),
/// as `campaign::prepare::check_entry` does before a preview.
///
/// Errors: the check's sentence, naming the part (subject or body), line and column.
pub fn check_entry(
    campaign: &Campaign,
    entry: &Entry,
    fields: &[Field],
) -> Result<Message, String> {
    let unlocked = campaign.unlocked();
    let scope = PolicyScope {
        category: Some(campaign.category),
        unlocked: &unlocked,
    };
    let draft = MessageDraft {
        channel: campaign.channel,
        subject: entry.subject.clone(),
        body: entry.body.clone(),
        format: entry.format,
    };
    Message::check(&draft, fields, &scope)
        .map(|m| m.with_locale(campaign.locale))
        .map_err(|e| e.to_string())
}
