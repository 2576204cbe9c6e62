//! The campaign picker driven through `keymap` and `update` without a terminal:
//! picking a campaign (not leaving unsaved edits silently), creating one, adding an
//! entry for a saved segment, on case BR-15 as set up in `tui_campaign_support`. The
//! Messages screen is tested in `tui_campaign_messages.rs`, the Preview screen in
//! `tui_campaign_preview.rs`. Expected values are worked out by hand from the fixture.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_campaign_support/drive.rs"]
mod drive;
mod tui_campaign_support;

use common::type_text;
use crossterm::event::KeyCode;
use drive::{key, started};
use tactful::campaign::store as campaigns;
use tactful::tui::app::Popup;
use tactful::tui::message::Screen;
use tactful::tui::screens::messages::Focus;
use tui_campaign_support::{GOLD_BODY, br15};

#[test]
fn the_first_campaign_is_current_and_c_picks_another() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    // Campaigns are listed alphabetically: br15, texts.
    assert_eq!(a.campaigns.names, ["br15", "texts"]);
    assert_eq!(a.campaigns.current_name(), Some("br15"));
    assert!(common::screen_text(&a, 120, 40).contains("Campaign br15 (e-mail, 2 entries)"));
    key(&mut a, &mut ws, KeyCode::Char('C'));
    assert_eq!(a.popup, Some(Popup::CampaignPicker));
    key(&mut a, &mut ws, KeyCode::Down);
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, None);
    assert_eq!(a.campaigns.current_name(), Some("texts"));
    assert_eq!(
        a.messages.draft.as_ref().unwrap().entries[0].body,
        "Lyon news"
    );
    assert!(common::screen_text(&a, 120, 40).contains("Campaign texts (SMS, 1 entry)"));
}

#[test]
fn a_campaign_with_unsaved_edits_is_not_left_silently() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('e'));
    type_text(&mut a, &mut ws, "x");
    key(&mut a, &mut ws, KeyCode::Esc);
    assert_eq!(a.ctx.unsaved, ["message edits in campaign `br15`"]);
    key(&mut a, &mut ws, KeyCode::Char('C'));
    key(&mut a, &mut ws, KeyCode::Down);
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.campaigns.current_name(), Some("br15"));
    assert!(a.ctx.error.as_deref().unwrap().contains("unsaved edits"));
    // `u` discards them; the store never saw them.
    key(&mut a, &mut ws, KeyCode::Char('u'));
    assert!(a.ctx.unsaved.is_empty());
    assert_eq!(a.messages.body.text(), GOLD_BODY);
}

#[test]
fn n_creates_a_campaign_that_becomes_current() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('n'));
    assert_eq!(a.popup, Some(Popup::NewCampaign));
    type_text(&mut a, &mut ws, "spring");
    // Tab twice: SMS, then e-mail again.
    key(&mut a, &mut ws, KeyCode::Tab);
    key(&mut a, &mut ws, KeyCode::Tab);
    assert!(common::screen_text(&a, 120, 40).contains("[e-mail]"));
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, None);
    assert_eq!(a.campaigns.names, ["br15", "spring", "texts"]);
    assert_eq!(a.campaigns.current_name(), Some("spring"));
    let stored = campaigns::load(ws.conn(), "spring").unwrap().unwrap();
    assert_eq!(stored.channel, tactful::fields::Channel::Email);
    assert!(stored.entries.is_empty());
    assert!(common::screen_text(&a, 120, 40).contains("Campaign spring (e-mail, 0 entries)"));
    assert!(a.ctx.unsaved.is_empty());
}

#[test]
fn a_adds_an_entry_for_a_saved_segment_and_saves_it() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('n'));
    type_text(&mut a, &mut ws, "spring");
    key(&mut a, &mut ws, KeyCode::Enter);
    key(&mut a, &mut ws, KeyCode::Char('a'));
    assert_eq!(a.popup, Some(Popup::AddEntry));
    assert!(common::screen_text(&a, 120, 40).contains("Lyon"));
    key(&mut a, &mut ws, KeyCode::Down);
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, None);
    let stored = campaigns::load(ws.conn(), "spring").unwrap().unwrap();
    assert_eq!(stored.entries.len(), 1);
    let e = &stored.entries[0];
    assert_eq!(e.segment, "Lyon");
    assert_eq!(
        e.subject.as_deref(),
        Some("Hello {{ first_name | default(\"there\") }}")
    );
    assert_eq!(e.body, "Hi {{ first_name | default(\"there\") }},\n\n");
    // The new entry is selected for editing, and nothing is left unsaved.
    assert_eq!(a.messages.focus, Focus::Body);
    assert_eq!(a.messages.entry().unwrap().segment, "Lyon");
    assert!(a.ctx.unsaved.is_empty());
    // Only Gold is left to add.
    key(&mut a, &mut ws, KeyCode::Esc);
    key(&mut a, &mut ws, KeyCode::Char('a'));
    let text = common::screen_text(&a, 120, 40);
    assert!(
        text.contains("│ Gold") && !text.contains("│ Lyon"),
        "{text}"
    );
}

#[test]
fn a_new_entry_opens_its_body_editor_after_the_starter_text() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('n'));
    type_text(&mut a, &mut ws, "c2");
    key(&mut a, &mut ws, KeyCode::Enter);
    key(&mut a, &mut ws, KeyCode::Char('a'));
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.messages.focus, Focus::Body);
    // The starter body is `Hi {{ first_name | default("there") }},` then two line
    // breaks: the cursor is on the third (empty) line, so typing adds to the greeting.
    assert_eq!(a.messages.body.cursor(), (2, 0));
    type_text(&mut a, &mut ws, "ZZ");
    assert_eq!(
        a.messages.body.text(),
        "Hi {{ first_name | default(\"there\") }},\n\nZZ"
    );
}

#[test]
fn a_duplicate_campaign_name_is_refused_in_the_dialog() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('n'));
    type_text(&mut a, &mut ws, "br15");
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, Some(Popup::NewCampaign));
    let error = a.messages.create.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("already exists"), "{error}");
    assert!(common::screen_text(&a, 120, 40).contains("already exists"));
    // A blank name is refused too; Esc leaves the current campaign as it was.
    key(&mut a, &mut ws, KeyCode::Esc);
    key(&mut a, &mut ws, KeyCode::Char('n'));
    key(&mut a, &mut ws, KeyCode::Enter);
    assert!(a.messages.create.as_ref().unwrap().error.is_some());
    key(&mut a, &mut ws, KeyCode::Esc);
    assert_eq!(a.popup, None);
    assert_eq!(a.campaigns.current_name(), Some("br15"));
    assert_eq!(a.campaigns.names, ["br15", "texts"]);
}
