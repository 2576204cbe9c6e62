//! Changing a campaign on the Messages screen, driven through `keymap` and `update`
//! with the worker's writes run: `x` removes an entry, `K`/`J` reorder, `R` renames,
//! `D` deletes after a question. Each change is checked in the store, which the core's
//! use cases wrote. BR-15 as set up in `tui_campaign_support`: campaign `br15` has
//! entries [Gold, Lyon], campaign `texts` [Lyon].

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, key, press, send, type_text};
use crossterm::event::KeyCode;
use tactful::campaign::store as campaigns;
use tactful::tui::app::{App, Popup};
use tactful::tui::message::{Message, Screen};
use tactful::workspace::{Workspace, audit};
use tui_campaign_support::br15;

fn started(ws: &Workspace) -> App {
    let mut a = app(ws, 120, 40);
    send(&mut a, ws, Message::Refresh);
    send(&mut a, ws, Message::SwitchScreen(Screen::Messages));
    a
}

fn stored(ws: &Workspace, name: &str) -> Option<Vec<String>> {
    campaigns::load(ws.conn(), name)
        .unwrap()
        .map(|c| c.entries.into_iter().map(|e| e.segment).collect())
}

fn ch(a: &mut App, ws: &mut Workspace, c: char) {
    press(a, ws, key(KeyCode::Char(c)));
}

fn actions(ws: &Workspace) -> Vec<String> {
    audit::entries(ws.conn())
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[test]
fn x_removes_the_selected_entry_and_saves() {
    let mut ws = br15();
    let mut a = started(&ws);
    assert_eq!(a.campaigns.current_name(), Some("br15"));
    assert_eq!(a.messages.entry().unwrap().segment, "Gold");
    ch(&mut a, &mut ws, 'x');
    assert_eq!(stored(&ws, "br15").unwrap(), ["Lyon"]);
    assert_eq!(a.messages.entry().unwrap().segment, "Lyon");
    assert!(a.ctx.unsaved.is_empty(), "{:?}", a.ctx.unsaved);
    // The status line says which entry went, not just "saved the messages".
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("campaign `br15`: removed entry 1 (segment Gold); saved")
    );
    assert!(actions(&ws).contains(&"campaign saved".to_string()));
    // The other campaign is untouched.
    assert_eq!(stored(&ws, "texts").unwrap(), ["Lyon"]);
}

#[test]
fn j_and_k_move_the_selected_entry_and_the_selection_follows() {
    let mut ws = br15();
    let mut a = started(&ws);
    ch(&mut a, &mut ws, 'J');
    assert_eq!(stored(&ws, "br15").unwrap(), ["Lyon", "Gold"]);
    assert_eq!(a.messages.selected, 1);
    assert_eq!(a.messages.entry().unwrap().segment, "Gold");
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("campaign `br15`: moved entry 1 (segment Gold) down to 2; saved")
    );
    // Already last: nothing changes, and the status line says why.
    ch(&mut a, &mut ws, 'J');
    assert_eq!(stored(&ws, "br15").unwrap(), ["Lyon", "Gold"]);
    assert_eq!(a.ctx.notice.as_deref(), Some("entry 2 is already the last"));
    ch(&mut a, &mut ws, 'K');
    assert_eq!(stored(&ws, "br15").unwrap(), ["Gold", "Lyon"]);
    assert_eq!(a.messages.selected, 0);
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("campaign `br15`: moved entry 2 (segment Gold) up to 1; saved")
    );
    ch(&mut a, &mut ws, 'K');
    assert_eq!(stored(&ws, "br15").unwrap(), ["Gold", "Lyon"]);
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("entry 1 is already the first")
    );
}

#[test]
fn moving_an_entry_with_unsaved_message_edits_says_they_were_saved_too() {
    let mut ws = br15();
    let mut a = started(&ws);
    // Edit Gold's body (the cursor opens after `M1`), leave the editor, move it down.
    ch(&mut a, &mut ws, 'e');
    type_text(&mut a, &mut ws, "!");
    press(&mut a, &mut ws, key(KeyCode::Esc));
    ch(&mut a, &mut ws, 'J');
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some(
            "campaign `br15`: moved entry 1 (segment Gold) down to 2; saved with the message edits"
        )
    );
    let c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    assert_eq!(
        c.entries[1].body,
        format!("{}!", tui_campaign_support::GOLD_BODY)
    );
}

#[test]
fn u_says_what_it_discarded_or_that_there_was_nothing() {
    let mut ws = br15();
    let mut a = started(&ws);
    ch(&mut a, &mut ws, 'u');
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("nothing to discard: the messages of campaign `br15` are as saved")
    );
    // Edit the subjects of both entries (Gold, then Lyon), then discard.
    ch(&mut a, &mut ws, 't');
    type_text(&mut a, &mut ws, "?");
    press(&mut a, &mut ws, key(KeyCode::Esc));
    ch(&mut a, &mut ws, 'j');
    ch(&mut a, &mut ws, 't');
    type_text(&mut a, &mut ws, "?");
    press(&mut a, &mut ws, key(KeyCode::Esc));
    assert_eq!(a.ctx.unsaved.len(), 1, "{:?}", a.ctx.unsaved);
    ch(&mut a, &mut ws, 'u');
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some(
            "discarded the edits to entry 1 (segment Gold) and entry 2 (segment Lyon) of campaign `br15`"
        )
    );
    assert!(a.ctx.unsaved.is_empty(), "{:?}", a.ctx.unsaved);
    assert_eq!(a.messages.subject.value(), "S2");
    // Only one entry edited: it alone is named.
    ch(&mut a, &mut ws, 'e');
    type_text(&mut a, &mut ws, "!");
    press(&mut a, &mut ws, key(KeyCode::Esc));
    ch(&mut a, &mut ws, 'u');
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("discarded the edits to entry 2 (segment Lyon) of campaign `br15`")
    );
    assert_eq!(a.messages.body.text(), "M2");
}

#[test]
fn picking_another_campaign_clears_the_notice_of_the_one_left() {
    let mut ws = br15();
    let mut a = started(&ws);
    ch(&mut a, &mut ws, 'n');
    type_text(&mut a, &mut ws, "temp");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(a.campaigns.current_name(), Some("temp"));
    let created = a.ctx.notice.clone().unwrap();
    assert!(created.contains("created campaign `temp`"), "{created}");
    // Campaigns alphabetically: br15, temp, texts. Pick br15.
    ch(&mut a, &mut ws, 'C');
    press(&mut a, &mut ws, key(KeyCode::Up));
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(a.campaigns.current_name(), Some("br15"));
    assert_eq!(a.ctx.notice, None);
}

#[test]
fn r_renames_the_campaign_and_a_taken_name_is_refused() {
    let mut ws = br15();
    let mut a = started(&ws);
    ch(&mut a, &mut ws, 'R');
    assert_eq!(a.popup, Some(Popup::NewCampaign));
    assert_eq!(a.messages.create.as_ref().unwrap().name.value(), "br15");
    for _ in 0.."br15".len() {
        press(&mut a, &mut ws, key(KeyCode::Backspace));
    }
    type_text(&mut a, &mut ws, "texts");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let error = a.messages.create.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("`texts` already exists"), "{error}");
    assert_eq!(stored(&ws, "br15").unwrap(), ["Gold", "Lyon"]);
    for _ in 0.."texts".len() {
        press(&mut a, &mut ws, key(KeyCode::Backspace));
    }
    type_text(&mut a, &mut ws, "spring");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(a.popup, None);
    assert_eq!(stored(&ws, "br15"), None);
    assert_eq!(stored(&ws, "spring").unwrap(), ["Gold", "Lyon"]);
    assert_eq!(a.campaigns.names, ["spring", "texts"]);
    assert_eq!(a.campaigns.current_name(), Some("spring"));
    assert!(
        a.ctx
            .notice
            .as_deref()
            .unwrap()
            .contains("sign it off again")
    );
    assert!(actions(&ws).contains(&"campaign renamed".to_string()));
}

#[test]
fn d_deletes_the_campaign_only_after_yes() {
    let mut ws = br15();
    let mut a = started(&ws);
    ch(&mut a, &mut ws, 'D');
    assert_eq!(a.popup, Some(Popup::ConfirmDeleteCampaign));
    ch(&mut a, &mut ws, 'n');
    assert_eq!(a.popup, None);
    assert!(stored(&ws, "br15").is_some());
    ch(&mut a, &mut ws, 'D');
    ch(&mut a, &mut ws, 'y');
    assert_eq!(stored(&ws, "br15"), None);
    assert_eq!(a.campaigns.names, ["texts"]);
    assert_eq!(a.campaigns.current_name(), Some("texts"));
    // Its segments stay.
    assert!(tactful::segment::store::get(ws.conn(), "Gold").is_ok());
}

#[test]
fn the_messages_screen_without_a_campaign_lists_the_keys_that_get_one() {
    // A workspace with contacts and no campaign.
    let ws = common::workspace(&common::shop_fields(), &common::shop_contacts());
    let mut a = started(&ws);
    assert!(a.campaigns.loaded && a.campaigns.names.is_empty());
    let text = common::screen_text(&a, 80, 24);
    assert!(text.contains("No campaign to edit."), "{text}");
    assert!(
        text.contains("   n  create a campaign (name and channel)"),
        "{text}"
    );
    assert!(text.contains("   ?  every key"), "{text}");
    // No campaign to choose among: `C` is not offered.
    assert!(!text.contains("choose a campaign"), "{text}");
    // With campaigns, but none current yet (the list read, the campaign not yet),
    // `C` picks one of them.
    a.campaigns.names = vec!["one".into(), "two".into()];
    let text = common::screen_text(&a, 80, 24);
    assert!(
        text.contains("   C  choose a campaign (2 in this workspace)"),
        "{text}"
    );
}

#[test]
fn the_messages_screen_counts_again_after_an_import_and_its_undo() {
    // br15 holds four contacts (tests/fixtures/tui_campaign.csv).
    let mut ws = br15();
    let mut a = started(&ws);
    let audience = |a: &App| a.messages.coverage.as_ref().map(|c| c.audience);
    assert_eq!(audience(&a), Some(4));
    // A second file adds one contact: five once Messages shows again.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("more.csv");
    std::fs::write(
        &path,
        "email,first_name,city,tier\neve@example.com,Eve,Lyon,gold\n",
    )
    .unwrap();
    ch(&mut a, &mut ws, '1');
    ch(&mut a, &mut ws, 'e');
    type_text(&mut a, &mut ws, path.to_str().unwrap());
    press(&mut a, &mut ws, key(KeyCode::Enter));
    ch(&mut a, &mut ws, 'i');
    assert!(a.import.error.is_none(), "{:?}", a.import.error);
    ch(&mut a, &mut ws, '4');
    assert_eq!(audience(&a), Some(5));
    // `u` then `y` undoes that import: the count goes back to four without `r`.
    ch(&mut a, &mut ws, '1');
    ch(&mut a, &mut ws, 'u');
    ch(&mut a, &mut ws, 'y');
    assert_eq!(a.popup, None);
    ch(&mut a, &mut ws, '4');
    assert_eq!(audience(&a), Some(4));
}
