//! The Review and Export screens driven through `keymap` and `update`, with the review
//! worker's answers run synchronously (STYLE.md, pattern 12): findings grouped by
//! severity, the newest review winning, the unlock dialog's justification rule, sign-off
//! refused with blockers and recorded without, export refused with blockers, written
//! into a temp dir, and never overwriting without a second yes. Expected findings and
//! counts are worked out by hand in `tui_review_fixture`.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_review_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{
    WHY, ch, codes, ctrl, key, next_campaign, on_screen, on_screen_as_of, press, run, shop,
    type_text, unlock_spring,
};
use tactful::campaign::unlock::load;
use tactful::review::{Severity, SignOffState};
use tactful::tui::message::{Message, Request};
use tactful::tui::screens::export::ExportQuestion;
use tactful::tui::screens::export::jobs::ExportJob;
use tactful::tui::screens::export::message::ExportFailure;
use tactful::tui::screens::review::ReviewMode;
use tactful::tui::screens::review::message::ReviewMsg;
use tactful::tui::update::update;
use tactful::workspace::{audit, exports};

#[test]
fn findings_arrive_grouped_by_severity() {
    let mut ws = shop();
    let app = on_screen(&mut ws, '6', 80, 24);
    assert_eq!(app.campaigns.names, ["autumn", "spring"]);
    assert_eq!(app.campaigns.current_name(), Some("autumn"));
    assert_eq!(app.review.campaign.as_deref(), Some("autumn"));
    assert_eq!(
        codes(&app),
        [
            "merge_field_blank",
            "small_cell",
            "priority_overlap",
            "fields_used",
            "exclusion_counts",
            // The fixture's birth_date has the date-of-birth role: the minor check
            // reads it and review says so (issue 10, item 10).
            "minor_check"
        ]
    );
    let r = app.review.review.as_ref().unwrap();
    assert_eq!((r.blockers, r.warnings), (1, 2));
    let blank = app.review.order()[0];
    assert_eq!(blank.severity, Severity::Blocker);
    assert_eq!(
        blank.items,
        ["segment `rest`: 1 recipient gets nothing for first_name"]
    );
    assert_eq!(r.summary.as_ref().unwrap().recipients, 6);
}

#[test]
fn enter_expands_the_selected_findings_items() {
    let mut ws = shop();
    let mut app = on_screen(&mut ws, '6', 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Down));
    assert_eq!(app.review.selected_finding().unwrap().code, "small_cell");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert!(app.review.expanded.contains("small_cell"));
    let text: Vec<String> = app
        .review
        .lines(80)
        .iter()
        .map(|(l, _)| l.to_string())
        .collect();
    assert!(
        text.iter()
            .any(|l| l.contains("- segment `berlin`: 3 recipients"))
    );
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert!(app.review.expanded.is_empty());
}

#[test]
fn an_older_review_reply_is_dropped() {
    let mut ws = shop();
    let mut app = on_screen(&mut ws, '6', 80, 24);
    let older = update(&mut app, Message::Review(ReviewMsg::Rerun));
    // Choosing `spring` reviews it, and that newer answer arrives first; the older
    // one (autumn) then must not win.
    next_campaign(&mut app, &mut ws);
    assert_eq!(app.review.review.as_ref().unwrap().campaign, "spring");
    run(&mut app, &mut ws, older);
    assert_eq!(app.review.campaign.as_deref(), Some("spring"));
    assert_eq!(app.review.review.as_ref().unwrap().campaign, "spring");
    assert_eq!(app.review.pending, None);
}

#[test]
fn a_campaign_picked_on_another_screen_is_reviewed_when_review_shows() {
    let mut ws = shop();
    let mut app = on_screen(&mut ws, '6', 80, 24);
    press(&mut app, &mut ws, ch('4'));
    next_campaign(&mut app, &mut ws);
    assert_eq!(app.review.review.as_ref().unwrap().campaign, "autumn");
    press(&mut app, &mut ws, ch('7'));
    assert_eq!(app.review.campaign.as_deref(), Some("spring"));
    assert_eq!(app.review.review.as_ref().unwrap().campaign, "spring");
    assert_eq!(app.export.out.value(), "./export-spring");
}

#[test]
fn the_global_as_of_wins_over_the_campaigns_own_date() {
    let mut ws = shop();
    // Both fixture campaigns are dated 2026-11-01; --as-of 2026-12-01 is given.
    let given = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let app = on_screen_as_of(&mut ws, '6', 120, 40, Some(given));
    assert_eq!(app.review.review.as_ref().unwrap().as_of, given);
    assert_eq!(app.segments.as_of, Some(given));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| tactful::tui::view::draw(&app, f))
        .unwrap();
    let buf = terminal.backend().buffer();
    let status: String = (0..120).map(|x| buf[(x, 39)].symbol()).collect();
    assert!(status.contains("as of 2026-12-01"), "{status}");
    // Without it, the campaign's own date counts.
    let mut app = on_screen(&mut ws, '6', 120, 40);
    let own = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    assert_eq!(app.review.review.as_ref().unwrap().as_of, own);
    press(&mut app, &mut ws, ch('r'));
    assert_eq!(app.review.review.as_ref().unwrap().as_of, own);
}

#[test]
fn the_unlock_dialog_refuses_a_short_justification_and_records_a_long_one() {
    let mut ws = shop();
    let mut app = on_screen(&mut ws, '6', 80, 24);
    next_campaign(&mut app, &mut ws);
    assert_eq!(app.review.campaign.as_deref(), Some("spring"));
    assert_eq!(codes(&app)[0], "blocked_field");
    press(&mut app, &mut ws, ch('u'));
    assert_eq!(app.review.mode(), ReviewMode::UnlockField);
    let d = app.review.unlock.as_ref().unwrap();
    // The only blocked-by-default field of the fixture; the finding names it.
    assert_eq!(d.field().unwrap().name, "birth_date");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(app.review.mode(), ReviewMode::UnlockReason);
    type_text(&mut app, &mut ws, "over sixties");
    assert_eq!(app.review.unlock.as_ref().unwrap().count(), 12);
    press(&mut app, &mut ws, key(KeyCode::Enter));
    let d = app.review.unlock.as_ref().unwrap();
    assert!(d.error.as_ref().unwrap().contains("at least 20"), "{d:?}");
    assert!(load(&ws, "spring").unwrap().unlocks.is_empty());
    press(&mut app, &mut ws, ctrl('u'));
    type_text(&mut app, &mut ws, WHY);
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert!(app.review.unlock.is_none());
    let unlocks = load(&ws, "spring").unwrap().unlocks;
    assert_eq!(unlocks.len(), 1);
    assert_eq!(unlocks[0].reason, WHY);
    let log = audit::entries(ws.conn()).unwrap();
    let entry = log.iter().find(|e| e.action == "unlock").unwrap();
    assert_eq!(entry.detail["reason"], WHY);
    assert_eq!(entry.detail["field"], "birth_date");
    // The review ran again: no blocker; the unlock shown (definition findings come
    // before data findings) and 3 recipients under k = 5.
    let r = app.review.review.as_ref().unwrap();
    assert_eq!(r.blockers, 0);
    assert_eq!(codes(&app)[..2], ["unlocked_field", "small_cell"]);
    assert_eq!(r.summary.as_ref().unwrap().recipients, 3);
}

#[test]
fn sign_off_is_refused_with_blockers_and_recorded_without() {
    let mut ws = shop();
    let mut app = on_screen(&mut ws, '6', 80, 24);
    next_campaign(&mut app, &mut ws);
    press(&mut app, &mut ws, ch('s'));
    assert!(app.review.sign_off.is_none());
    let (notice, error) = app.review.notice.clone().unwrap();
    assert!(
        error && notice.contains("sign-off refused: 1 blocker open"),
        "{notice}"
    );
    assert_eq!(exports::latest_signoff(ws.conn(), "spring").unwrap(), None);

    unlock_spring(&mut ws);
    press(&mut app, &mut ws, ch('r'));
    press(&mut app, &mut ws, ch('s'));
    assert_eq!(app.review.mode(), ReviewMode::SignOff);
    type_text(&mut app, &mut ws, "Ana Ortiz");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    type_text(&mut app, &mut ws, "checked the unlock");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert!(app.review.sign_off.is_none());
    let record = exports::latest_signoff(ws.conn(), "spring")
        .unwrap()
        .unwrap();
    assert_eq!(
        (record.name.as_str(), record.note.as_str()),
        ("Ana Ortiz", "checked the unlock")
    );
    let status = app
        .review
        .review
        .as_ref()
        .unwrap()
        .sign_off
        .clone()
        .unwrap();
    assert_eq!(status.state, SignOffState::Current);
    assert_eq!(status.record.name, "Ana Ortiz");
}

#[test]
fn export_is_refused_while_the_review_has_blockers() {
    let mut ws = shop();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("autumn");
    let mut app = on_screen(&mut ws, '7', 80, 24);
    assert_eq!(app.export.out.value(), "./export-autumn");
    set_dir(&mut app, &mut ws, out.to_str().unwrap());
    press(&mut app, &mut ws, ch('x'));
    assert_eq!(app.export.question, None);
    let Some(Err(ExportFailure::Blocked(blockers))) = &app.export.outcome else {
        panic!("{:?}", app.export.outcome);
    };
    let codes: Vec<&str> = blockers.iter().map(|b| b.code).collect();
    assert_eq!(codes, ["merge_field_blank"]);
    assert!(!out.exists());
}

/// Focus the directory row, clear it and type `dir`.
fn set_dir(app: &mut tactful::tui::app::App, ws: &mut tactful::workspace::Workspace, dir: &str) {
    press(app, ws, key(KeyCode::Down));
    press(app, ws, key(KeyCode::Down));
    press(app, ws, key(KeyCode::Enter));
    press(app, ws, ctrl('u'));
    type_text(app, ws, dir);
    press(app, ws, key(KeyCode::Enter));
}

#[test]
fn export_writes_both_files_and_asks_before_overwriting() {
    let mut ws = shop();
    unlock_spring(&mut ws);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("spring");
    let mut app = on_screen(&mut ws, '7', 80, 24);
    next_campaign(&mut app, &mut ws);
    assert_eq!(app.export.out.value(), "./export-spring");
    set_dir(&mut app, &mut ws, out.to_str().unwrap());
    press(&mut app, &mut ws, ch('x'));
    assert_eq!(app.export.question, Some(ExportQuestion::Export));
    press(&mut app, &mut ws, ch('y'));
    let Some(Ok(done)) = &app.export.outcome else {
        panic!("{:?}", app.export.outcome);
    };
    // ana, cy and dee (see the fixture).
    assert_eq!(done.recipients, 3);
    let csv = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(out.join("manifest.json").exists());
    #[cfg(unix)]
    assert_eq!(
        done.files.iter().map(|f| f.1).collect::<Vec<_>>(),
        [Some(0o600); 2]
    );

    // Again into the same directory: a second question, and only "yes" replaces.
    press(&mut app, &mut ws, ch('x'));
    press(&mut app, &mut ws, ch('y'));
    assert!(matches!(
        app.export.question,
        Some(ExportQuestion::Overwrite(_))
    ));
    press(&mut app, &mut ws, ch('n'));
    assert_eq!(app.export.question, None);
    press(&mut app, &mut ws, ch('x'));
    press(&mut app, &mut ws, ch('y'));
    let yes = keymap_message(&app, 'y');
    let requests = update(&mut app, yes);
    let [Request::Export(ExportJob { request, .. })] = requests.as_slice() else {
        panic!("{requests:?}");
    };
    assert!(request.force);
    run(&mut app, &mut ws, requests);
    assert!(matches!(&app.export.outcome, Some(Ok(e)) if e.recipients == 3));
}

fn keymap_message(app: &tactful::tui::app::App, c: char) -> Message {
    tactful::tui::keymap::map(app, &ch(c)).unwrap()
}

/// `x` while the review runs answers "still running"; when that review arrives the
/// answer no longer holds and leaves the screen.
#[test]
fn the_still_running_answer_goes_when_the_review_arrives() {
    let mut ws = shop();
    let mut app = on_screen(&mut ws, '7', 80, 24);
    let review = update(&mut app, Message::Review(ReviewMsg::Rerun));
    assert!(app.review.pending.is_some());
    press(&mut app, &mut ws, ch('x'));
    let running = "the review is still running; ask again when it is done";
    assert!(
        matches!(&app.export.outcome, Some(Err(ExportFailure::Other(t))) if t == running),
        "{:?}",
        app.export.outcome
    );
    assert!(common::screen_text(&app, 80, 24).contains("the review is still running"));
    run(&mut app, &mut ws, review);
    assert_eq!(app.review.pending, None);
    assert!(app.export.outcome.is_none(), "{:?}", app.export.outcome);
    assert!(!common::screen_text(&app, 80, 24).contains("still running"));
}

/// In a special ad category no unlock can open a protected trait: the dialog says so
/// for the field before any justification is typed, refuses Enter on it with the rule,
/// and shows the rule whole (wrapped), not cut with `~`.
#[test]
fn the_unlock_dialog_in_a_housing_campaign_refuses_protected_fields_before_typing() {
    let mut ws = shop();
    let mut spring = load(&ws, "spring").unwrap();
    spring.category = tactful::fields::policy::Category::Housing;
    ws.write(|tx| tactful::campaign::store::save(tx, &spring))
        .unwrap();
    let mut app = on_screen(&mut ws, '6', 80, 24);
    next_campaign(&mut app, &mut ws);
    press(&mut app, &mut ws, ch('u'));
    let d = app.review.unlock.as_ref().unwrap();
    let field = d.field().unwrap();
    assert_eq!(field.name, "birth_date");
    // The core's rule (`fields::policy::check_use` in a special ad category).
    let rule = field
        .refused
        .clone()
        .expect("birth_date cannot be unlocked here");
    assert!(
        rule.starts_with("field `birth_date` is a protected trait"),
        "{rule}"
    );
    assert!(
        rule.ends_with(
            "cannot be used in segment rules in a housing campaign, not even with an unlock (special ad category)"
        ),
        "{rule}"
    );
    // Enter does not ask for a justification: it refuses with the rule.
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(app.review.mode(), ReviewMode::UnlockField);
    let d = app.review.unlock.as_ref().unwrap();
    assert_eq!(d.error.as_deref(), Some(rule.as_str()));
    assert!(load(&ws, "spring").unwrap().unlocks.is_empty());
    // Drawn at 80x24, the rule is there whole: the dialog's rows, borders taken off and
    // joined with spaces, hold it word for word, and no row of it is cut.
    let (rows, inside) = dialog_rows(&app);
    let joined = inside.join(" ");
    assert!(joined.contains(&rule), "{}", rows.join("\n"));
    assert!(
        inside.iter().all(|r| !r.ends_with('~')),
        "{}",
        rows.join("\n")
    );
    // The list says it in words before anything is typed.
    assert!(
        joined.contains("cannot be unlocked here"),
        "{}",
        rows.join("\n")
    );
}

/// The screen's rows at 80x24, and the rows inside a bordered box with the borders
/// taken off and trimmed.
fn dialog_rows(app: &tactful::tui::app::App) -> (Vec<String>, Vec<String>) {
    let text = common::screen_text(app, 80, 24);
    let rows: Vec<String> = text.lines().map(str::to_string).collect();
    let inside = rows
        .iter()
        .filter_map(|r| {
            let start = r.find('│')?;
            let end = r.rfind('│')?;
            (end > start).then(|| r[start + '│'.len_utf8()..end].trim().to_string())
        })
        .collect();
    (rows, inside)
}

/// A refused sign-off says why whole: an empty note is refused with the core's
/// sentence, which at 80x24 is longer than the dialog is wide; its rows inside the box
/// hold it word for word and none is cut with `~`.
#[test]
fn a_refused_sign_off_shows_its_reason_whole() {
    let mut ws = shop();
    let mut app = on_screen(&mut ws, '6', 80, 24);
    next_campaign(&mut app, &mut ws);
    unlock_spring(&mut ws);
    press(&mut app, &mut ws, ch('r'));
    press(&mut app, &mut ws, ch('s'));
    type_text(&mut app, &mut ws, "Ana Ortiz");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    let error = app.review.sign_off.as_ref().unwrap().error.clone().unwrap();
    assert!(
        error.starts_with("a sign-off needs the reviewer's name") && error.len() > 76,
        "{error}"
    );
    let (rows, inside) = dialog_rows(&app);
    assert!(inside.join(" ").contains(&error), "{}", rows.join("\n"));
    assert!(
        inside.iter().all(|r| !r.ends_with('~')),
        "{}",
        rows.join("\n")
    );
    assert_eq!(exports::latest_signoff(ws.conn(), "spring").unwrap(), None);
}

/// Trial fault 5 on the Review screen: an e-mail campaign whose two contacts cannot
/// receive it (one declined, one with no valid address) shows the warning
/// `no_recipients` with the count per reason, as `tactful review` does, instead of a
/// clean review.
#[test]
fn a_campaign_nobody_can_receive_shows_no_recipients() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.tactful");
    let csv = dir.path().join("nobody.csv");
    std::fs::write(
        &csv,
        "customer_id,email,first_name,accepts_email_marketing\n1,no@example.com,No,no\n2,n/a,Na,yes\n",
    )
    .unwrap();
    let toml = dir.path().join("news.toml");
    std::fs::write(
        &toml,
        "name = \"news\"\nchannel = \"email\"\nas_of = \"2026-11-01\"\n\n[[entry]]\nsegment = \"everyone\"\nrule = \"email is not blank\"\nsubject = \"News\"\nbody = \"Hello\"\n",
    )
    .unwrap();
    for args in [
        vec![
            "import".as_ref(),
            csv.as_os_str(),
            "--key".as_ref(),
            "customer_id".as_ref(),
        ],
        vec!["campaign".as_ref(), "apply".as_ref(), toml.as_os_str()],
    ] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_tactful"))
            .env("TACTFUL_TODAY", "2026-11-01")
            .arg("--workspace")
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
    }
    let mut ws = tactful::workspace::Workspace::open(&path).unwrap();
    ws.set_today(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    let app = on_screen(&mut ws, '6', 120, 40);
    assert!(codes(&app).contains(&"no_recipients"), "{:?}", codes(&app));
    let f = app
        .review
        .order()
        .into_iter()
        .find(|f| f.code == "no_recipients")
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.items.len(), 2, "{:?}", f.items);
    assert!(f.items[0].starts_with("no_consent: 1 ("), "{:?}", f.items);
    assert!(f.items[1].starts_with("no_address: 1 ("), "{:?}", f.items);
    let text = common::screen_text(&app, 120, 40);
    assert!(
        text.contains("no_recipients: nobody can receive this campaign"),
        "{text}"
    );
}
