//! The campaign screens driven through `keymap` and `update` without a terminal: the
//! campaign picker, the Messages screen (editing, saving, merge fields, stepping through
//! contacts) and the Preview screen (filters, search, explanation), on case BR-15 as
//! set up in `tui_campaign_support`. Expected values are worked out by hand from the
//! fixture.

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, send, send_mut, type_text};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tactful::campaign::explain::Verdict;
use tactful::campaign::store as campaigns;
use tactful::fields::PrivacyClass;
use tactful::tui::app::{App, Popup};
use tactful::tui::keymap;
use tactful::tui::message::{Message, Screen};
use tactful::tui::screens::messages::Focus;
use tactful::workspace::{Workspace, fields};
use tui_campaign_support::{GOLD_BODY, br15, segment};

fn press(app: &mut App, ws: &mut Workspace, code: KeyCode, modifiers: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    if let Some(m) = keymap::map(app, &event) {
        send_mut(app, ws, m);
    }
}

fn key(app: &mut App, ws: &mut Workspace, code: KeyCode) {
    press(app, ws, code, KeyModifiers::NONE);
}

/// The app after start-up (fields, campaigns, the first campaign) on `screen`.
fn started(ws: &Workspace, screen: Screen) -> App {
    let mut a = app(ws, 120, 40);
    send(&mut a, ws, Message::Refresh);
    send(&mut a, ws, Message::SwitchScreen(screen));
    a
}

fn rendered_body(a: &App) -> String {
    match &a.messages.rendered {
        Some(Ok(r)) => r.body.clone(),
        other => panic!("no render: {other:?}"),
    }
}

fn preview_keys(a: &App) -> Vec<String> {
    a.preview.rows.iter().map(|r| r.key.clone()).collect()
}

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

#[test]
fn br15_preview_shows_three_recipients_and_filters_narrow_the_rows() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Preview);
    let s = a.preview.summary.clone().unwrap();
    assert_eq!((s.audience, s.recipients), (4, 3));
    assert!(s.reconciles());
    assert_eq!(
        preview_keys(&a),
        [
            "ana@example.com",
            "bo@example.com",
            "cy@example.com",
            "dee@example.com"
        ]
    );
    assert!(common::screen_text(&a, 120, 40).contains("Audience 4 = 3 recipients + 1 excluded"));
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(a.preview.segment_filter.as_deref(), Some("Gold"));
    assert_eq!(preview_keys(&a), ["ana@example.com", "cy@example.com"]);
    assert_eq!(a.preview.matching, Some(2));
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(preview_keys(&a), ["bo@example.com"]);
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(a.preview.segment_filter, None);
    assert_eq!(preview_keys(&a).len(), 4);
    key(&mut a, &mut ws, KeyCode::Char('x'));
    assert_eq!(preview_keys(&a).len(), 3, "recipients only");
    key(&mut a, &mut ws, KeyCode::Char('x'));
    assert_eq!(preview_keys(&a), ["dee@example.com"], "no_segment only");
    key(&mut a, &mut ws, KeyCode::Esc);
    key(&mut a, &mut ws, KeyCode::Char('/'));
    type_text(&mut a, &mut ws, "BO@");
    assert_eq!(preview_keys(&a), ["bo@example.com"]);
    key(&mut a, &mut ws, KeyCode::Enter);
    assert!(!a.preview.searching);
    assert_eq!(a.preview.search.value(), "BO@");
}

#[test]
fn br15_enter_explains_that_ana_got_gold_by_priority() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Preview);
    // Tabs and context (2 lines), summary and filters (4), header (1): rows start at
    // screen row 7, so a click on row 9 selects the third contact, Cy.
    let click = Event::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: 5,
        row: 9,
        modifiers: KeyModifiers::NONE,
    });
    if let Some(m) = keymap::map(&a, &click) {
        send_mut(&mut a, &mut ws, m);
    }
    assert_eq!(a.preview.selected_key(), Some("cy@example.com"));
    key(&mut a, &mut ws, KeyCode::Home);
    assert_eq!(a.preview.selected_key(), Some("ana@example.com"));
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, Some(Popup::Explanation));
    let e = a.preview.explanation.clone().unwrap();
    assert_eq!(e.segment.as_deref(), Some("Gold"));
    assert_eq!(e.segments[0].verdict, Verdict::Won);
    assert_eq!(e.segments[1].verdict, Verdict::LostToPriority);
    let text = common::screen_text(&a, 120, 40);
    assert!(text.contains("ana@example.com gets the message of segment `Gold`"));
    assert!(text.contains("Segment 2 `Lyon`: matched: lost to priority"));
    key(&mut a, &mut ws, KeyCode::Esc);
    assert_eq!(a.popup, None);
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

/// Counts read as English (the core's `text::count`, as the CLI writes them): with one
/// entry for `tier is "bronze"`, only Dee is a recipient (by hand from the fixture), so
/// the summary says `1 recipient`, never `1 recipients`; Ana, Bo and Cy match no
/// segment: 3 excluded of 4.
#[test]
fn preview_summary_says_1_recipient() {
    let mut ws = br15();
    segment(&mut ws, "Bronze", r#"tier is "bronze""#);
    let mut c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    c.entries.truncate(1);
    c.entries[0].segment = "Bronze".into();
    ws.write(|tx| campaigns::save(tx, &c)).unwrap();

    let a = started(&ws, Screen::Preview);
    let screen = common::screen_text(&a, 120, 40);
    assert!(
        screen.contains(" Audience 4 = 1 recipient + 3 excluded (as of 2026-11-01)"),
        "{screen}"
    );
    assert!(screen.contains(" 5 fields, 4 contacts, "), "{screen}");
}

/// The Preview screen marks a merge field that printed nothing, as `tactful preview`
/// does: with Gold's body `Hi {{ first_name }},` (no fallback), Cy, whose first name is
/// blank in the fixture, reads `Hi [first_name missing],`, never `Hi ,`; Ana reads
/// `Hi Ana,`. Review and export keep the plain rendering (they hash what is sent).
#[test]
fn preview_marks_a_merge_field_that_printed_nothing() {
    let mut ws = br15();
    let mut c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    c.entries[0].body = "Hi {{ first_name }},\nM1".into();
    ws.write(|tx| campaigns::save(tx, &c)).unwrap();

    let a = started(&ws, Screen::Preview);
    let first = |key: &str| {
        a.preview
            .rows
            .iter()
            .find(|r| r.key == key)
            .and_then(|r| r.first_line.clone())
    };
    assert_eq!(
        first("cy@example.com").as_deref(),
        Some("Hi [first_name missing],")
    );
    assert_eq!(first("ana@example.com").as_deref(), Some("Hi Ana,"));
    assert!(common::screen_text(&a, 120, 40).contains("Hi [first_name missing],"));
}
