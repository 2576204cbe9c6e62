//! The Messages screen driven through `keymap` and `update` without a terminal:
//! editing and saving a body, a message that does not check, stepping through an
//! entry's recipients, coverage, and the merge-field picker (fallbacks, blocked
//! fields and their reasons), on case BR-15 as set up in `tui_campaign_support`.
//! Expected values are worked out by hand from the fixture.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_campaign_support/drive.rs"]
mod drive;
mod tui_campaign_support;

use common::{app, send, type_text};
use crossterm::event::{KeyCode, KeyModifiers};
use drive::{key, press, rendered_body, started};
use tactful::campaign::store as campaigns;
use tactful::fields::PrivacyClass;
use tactful::tui::app::Popup;
use tactful::tui::message::{Message, Screen};
use tactful::tui::screens::messages::Focus;
use tactful::workspace::fields;
use tui_campaign_support::{GOLD_BODY, br15, segment};

#[test]
fn editing_the_body_and_saving_changes_the_store() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.messages.focus, Focus::Body);
    // The editor opens after the text, at the end of line 2 ("M1"); Down and End
    // leave the cursor there; break the line.
    key(&mut a, &mut ws, KeyCode::Down);
    key(&mut a, &mut ws, KeyCode::End);
    key(&mut a, &mut ws, KeyCode::Enter);
    type_text(&mut a, &mut ws, "Bye");
    key(&mut a, &mut ws, KeyCode::Backspace);
    let expected = "Hi {{ first_name | default(\"there\") }}\nM1\nBy";
    assert_eq!(a.messages.body.text(), expected);
    assert!(a.has_unsaved_work());
    press(&mut a, &mut ws, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let stored = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    assert_eq!(stored.entries[0].body, expected);
    assert_eq!(stored.entries[1].body, "M2");
    assert!(!a.has_unsaved_work());
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("saved the messages of campaign `br15`")
    );
}

#[test]
fn a_message_that_does_not_check_is_not_saved_and_says_where() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('e'));
    // The editor opens at the end of line 2: go up to line 1, then to its end.
    key(&mut a, &mut ws, KeyCode::Up);
    key(&mut a, &mut ws, KeyCode::End);
    // Line 1 is 38 characters; " {{ " takes columns 39-42, so the name starts at 43.
    type_text(&mut a, &mut ws, " {{ frist_name }}");
    let problem = a.messages.problem.clone().unwrap();
    assert!(problem.contains("line 1, column 43"), "{problem}");
    assert!(problem.contains("did you mean `first_name`"), "{problem}");
    assert!(common::screen_text(&a, 120, 40).contains("line 1, column 43: unknown merge field"));
    press(&mut a, &mut ws, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        a.messages
            .problem
            .as_deref()
            .unwrap()
            .starts_with("Not saved: entry 1 (Gold)")
    );
    let stored = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    assert_eq!(stored.entries[0].body, GOLD_BODY);
    assert!(a.has_unsaved_work());
}

#[test]
fn stepping_goes_through_the_entrys_recipients_only() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    // Contacts in import order: ana, bo, cy (blank first name), dee. By hand: Gold gets
    // Ana and Cy (Ana is in Lyon too, Gold comes first), Lyon gets Bo, Dee gets nothing.
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "ana@example.com");
    assert_eq!(rendered_body(&a), "Hi Ana\nM1");
    key(&mut a, &mut ws, KeyCode::Char(']'));
    // Bo is skipped: the campaign assigns him to Lyon.
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "cy@example.com");
    assert_eq!(rendered_body(&a), "Hi there\nM1");
    let r = a.messages.rendered.clone().unwrap().unwrap();
    assert_eq!(r.subject.as_deref(), Some("S1 for you"));
    assert_eq!(r.fallbacks_used, ["first_name"]);
    assert!(common::screen_text(&a, 120, 40).contains("fallback used: first_name"));
    // Dee gets no message, so Cy is the last recipient of Gold.
    key(&mut a, &mut ws, KeyCode::Char(']'));
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "cy@example.com");
    assert_eq!(
        a.ctx.notice.as_deref(),
        Some("no more recipients of this entry that way")
    );
    key(&mut a, &mut ws, KeyCode::Char('['));
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "ana@example.com");
    // The second entry starts over at its own first recipient, Bo.
    key(&mut a, &mut ws, KeyCode::Down);
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "bo@example.com");
    assert_eq!(rendered_body(&a), "M2");
    key(&mut a, &mut ws, KeyCode::Char('['));
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "bo@example.com");
}

#[test]
fn moving_an_entry_finds_its_recipients_again() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "ana@example.com");
    // Lyon moves first: Ana (gold, in Lyon) now gets Lyon, so Gold has only Cy.
    key(&mut a, &mut ws, KeyCode::Char('J'));
    assert_eq!(a.messages.entry().unwrap().segment, "Gold");
    assert_eq!(a.messages.sample.as_ref().unwrap().key, "cy@example.com");
}

#[test]
fn an_entry_nobody_gets_says_so() {
    let mut ws = br15();
    // Nobody is both gold and in Lyon after Ana, who gets the Gold entry first.
    segment(&mut ws, "GoldLyon", r#"tier is "gold" and city is "Lyon""#);
    let mut c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    c.entries.push(tactful::campaign::Entry {
        segment: "GoldLyon".into(),
        subject: Some("S3".into()),
        body: "M3".into(),
        format: tactful::campaign::BodyFormat::Plain,
    });
    ws.write(|tx| campaigns::save(tx, &c)).unwrap();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Down);
    key(&mut a, &mut ws, KeyCode::Down);
    assert_eq!(a.messages.selected, 2);
    assert!(a.messages.sample.is_none());
    assert!(a.messages.no_recipients);
    let text = common::screen_text(&a, 120, 40);
    assert!(text.contains("no contact would get this"), "{text}");
}

#[test]
fn coverage_counts_own_and_fallback_per_merge_field() {
    let ws = br15();
    let a = started(&ws, Screen::Messages);
    let summary = a.messages.coverage.as_ref().unwrap();
    let gold = &summary.coverage[0];
    assert_eq!(gold.segment, "Gold");
    // Gold's recipients: Ana (has a name) and Cy (blank: fallback).
    let first = gold
        .fields
        .iter()
        .find(|c| c.field == "first_name")
        .unwrap();
    assert_eq!((first.own, first.fallback, first.nothing), (1, 1, 0));
}

#[test]
fn merge_fields_insert_a_fallback_and_blocked_ones_say_why() {
    let mut ws = br15();
    let religion = fields::get(ws.conn(), "religion").unwrap().unwrap();
    assert_eq!(religion.class, PrivacyClass::SpecialCategory);
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(a.popup, Some(Popup::MergeFields));
    let names: Vec<&str> = a.messages.merge.iter().map(|c| c.name.as_str()).collect();
    let at = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(a.messages.merge[at("religion")].blocked.is_some());
    assert!(a.messages.merge[at("city")].blocked.is_none());
    for _ in 0..at("religion") {
        key(&mut a, &mut ws, KeyCode::Down);
    }
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, Some(Popup::MergeFields), "blocked: stays open");
    assert!(a.ctx.error.as_deref().unwrap().contains("religion"));
    key(&mut a, &mut ws, KeyCode::Home);
    while a.messages.merge[a.messages.merge_selected].name != "city" {
        key(&mut a, &mut ws, KeyCode::Up);
    }
    key(&mut a, &mut ws, KeyCode::Enter);
    // Issue 10, item 8: the picker asks for the fallback instead of inserting one.
    assert_eq!(a.popup, Some(Popup::MergeFields));
    assert_eq!(a.messages.body.text(), GOLD_BODY, "nothing inserted yet");
    assert!(
        common::screen_text(&a, 120, 40)
            .contains("Words to print for contacts whose city is blank")
    );
    // An empty fallback and a placeholder are refused, with the reason; the popup stays.
    key(&mut a, &mut ws, KeyCode::Enter);
    assert!(a.messages.merge_fallback.as_ref().unwrap().error.is_some());
    type_text(&mut a, &mut ws, "...");
    key(&mut a, &mut ws, KeyCode::Enter);
    let error = a
        .messages
        .merge_fallback
        .as_ref()
        .unwrap()
        .error
        .clone()
        .unwrap();
    assert!(error.contains("`...` is a placeholder"), "{error}");
    assert_eq!(a.messages.body.text(), GOLD_BODY);
    for _ in 0..3 {
        key(&mut a, &mut ws, KeyCode::Backspace);
    }
    type_text(&mut a, &mut ws, "your town");
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, None);
    // `f` from the entry list opens the body with the cursor after its text.
    assert_eq!(
        a.messages.body.text(),
        format!("{GOLD_BODY}{{{{ city | default(\"your town\") }}}}")
    );
    // Ana lives in Lyon.
    assert_eq!(rendered_body(&a), "Hi Ana\nM1Lyon");
}

/// The merge-field list marks each field by its class as README and the Fields screen
/// do: `!!` special category data, `!` a protected trait; blocked is said in words.
#[test]
fn merge_fields_are_marked_by_class_as_the_readme_says() {
    let mut ws = br15();
    tactful::fields::change::set(
        &mut ws,
        "tier",
        Some(PrivacyClass::Protected),
        None,
        "the tier stands in for income here",
        "test",
    )
    .unwrap();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(a.popup, Some(Popup::MergeFields));
    let text = common::screen_text(&a, 120, 40);
    // Each row is the two-column marker, a space and the label.
    let row = |label: &str| {
        text.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no `{label}` row:\n{text}"))
            .to_string()
    };
    // religion: special category, not unlocked in this general campaign.
    assert!(row("religion (blocked)").contains("!! religion (blocked)"));
    // tier: a protected trait, also blocked from message text without an unlock.
    let tier = row("tier (blocked)");
    assert!(tier.contains("!  tier (blocked)"), "{tier}");
    assert!(!tier.contains("!!"), "{tier}");
    // city: ordinary, no marker.
    let city = row(" city ");
    assert!(!city.contains('!'), "{city}");
}

/// A blocked field's reason ends with how to unlock it: the popup shows it whole,
/// wrapped, at 80 and 120 columns.
#[test]
fn a_blocked_merge_field_shows_its_whole_reason() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut ws = br15();
        let mut a = app(&ws, w, h);
        send(&mut a, &ws, Message::Refresh);
        send(&mut a, &ws, Message::SwitchScreen(Screen::Messages));
        key(&mut a, &mut ws, KeyCode::Char('f'));
        while a.messages.merge[a.messages.merge_selected].name != "religion" {
            key(&mut a, &mut ws, KeyCode::Down);
        }
        let reason = a.messages.merge[a.messages.merge_selected]
            .blocked
            .clone()
            .unwrap();
        // The core's sentence ends with the command to unlock the field.
        assert!(
            reason.ends_with("tactful unlock CAMPAIGN religion --reason \"why this is necessary\""),
            "{reason}"
        );
        // The popup is 64 columns wide, centred: its inside is columns x0+1..x0+63.
        let x0 = usize::from((w - 64) / 2) + 1;
        let text = common::screen_text(&a, w, h);
        let inside: Vec<String> = text
            .lines()
            .map(|l| l.chars().skip(x0).take(62).collect::<String>())
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        assert!(inside.join(" ").contains(&reason), "{text}");
    }
}

/// Esc while typing the fallback goes back to the field list; Esc again closes it.
#[test]
fn merge_field_fallback_can_be_abandoned() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    key(&mut a, &mut ws, KeyCode::Char('f'));
    while a.messages.merge[a.messages.merge_selected].name != "city" {
        key(&mut a, &mut ws, KeyCode::Down);
    }
    key(&mut a, &mut ws, KeyCode::Enter);
    assert!(a.messages.merge_fallback.is_some());
    key(&mut a, &mut ws, KeyCode::Esc);
    assert_eq!(a.popup, Some(Popup::MergeFields));
    assert!(a.messages.merge_fallback.is_none());
    key(&mut a, &mut ws, KeyCode::Esc);
    assert_eq!(a.popup, None);
    assert_eq!(a.messages.body.text(), GOLD_BODY);
}
