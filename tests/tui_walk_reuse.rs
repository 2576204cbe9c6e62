//! Issue 13 item 3: the terminal app's review reuses the Preview screen's walk of the
//! audience while nothing changed, and walks again after any change, by this process
//! or another (a suppression by `tactful suppress`, an import). Driven through the
//! app's job runner (its lanes, each with its own connection) on a workspace file.
//! Walks are counted with `campaign::walk::started` (a process-wide counter), so the
//! tests of this file run one at a time; no timings are asserted (the receive timeout
//! only keeps a broken runner from hanging the run).

mod review_support;

use std::sync::{Mutex, PoisonError, mpsc};
use std::time::Duration;

use chrono::NaiveDate;
use review_support::{EMAIL_EVERYONE, Ws};
use tactful::campaign::assign::Exclusion;
use tactful::campaign::unlock::load;
use tactful::campaign::walk;
use tactful::export::Profile;
use tactful::review::{Kept, Review};
use tactful::tui::LoopEvent;
use tactful::tui::jobs::{Runner, route};
use tactful::tui::message::{Message, Request};
use tactful::tui::screens::export::jobs::ExportJob;
use tactful::tui::screens::export::message::{ExportMsg, ExportRequest, Exported};
use tactful::tui::screens::review::jobs::ReviewJob;
use tactful::tui::screens::review::message::ReviewMsg;
use tactful::workspace::Workspace;

/// The walk counter is the process's: one test at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

/// Three contacts with e-mail consent granted and campaign `news` (everyone with an
/// e-mail address gets `Hello`, as of 2026-11-01).
fn three_contacts() -> Ws {
    let ws = Ws::new();
    let csv = ws.write(
        "people.csv",
        "email,first_name\nann@example.com,Ann\nbob@example.com,Bob\ncid@example.com,Cid\n",
    );
    ws.ok(&["import", &csv, "--consent", "email=granted"]);
    ws.apply(EMAIL_EVERYONE);
    ws
}

struct App {
    runner: Runner<Request>,
    inbox: mpsc::Receiver<LoopEvent>,
    generation: u64,
}

impl App {
    fn on(ws: &Ws) -> App {
        let (events, inbox) = mpsc::channel();
        let writer = Workspace::open(&ws.path).unwrap();
        let runner = Runner::spawn(writer, events, route::execute).unwrap();
        App {
            runner,
            inbox,
            generation: 0,
        }
    }

    fn next(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    fn reply(&self) -> Message {
        match self.inbox.recv_timeout(Duration::from_secs(120)) {
            Ok(LoopEvent::Reply(m)) => m,
            other => panic!("expected a reply, got {other:?}"),
        }
    }

    /// Fill the Preview screen's table with campaign `news` as stored, to the end.
    fn fill_preview(&mut self, path: &std::path::Path) {
        let campaign = load(&Workspace::open_read_only(path).unwrap(), "news").unwrap();
        let generation = self.next();
        self.runner.send(Request::RunPreview {
            generation,
            campaign: Box::new(campaign),
            as_of: as_of(),
        });
        loop {
            match self.reply() {
                Message::PreviewFinished { result, .. } => {
                    let summary = result.unwrap();
                    assert_eq!(summary.audience, 3);
                    return;
                }
                Message::PreviewProgressed { .. } => {}
                other => panic!("unexpected reply {other:?}"),
            }
        }
    }

    /// What the Review screen shows on entering it.
    fn review(&mut self) -> Review {
        let generation = self.next();
        self.runner.send(Request::Review(ReviewJob::Run {
            generation,
            campaign: Some("news".into()),
            as_of: Some(as_of()),
        }));
        match self.reply() {
            Message::Review(ReviewMsg::Reviewed { result, .. }) => {
                result.unwrap().review.expect("a review of `news`")
            }
            other => panic!("unexpected reply {other:?}"),
        }
    }

    fn export(&mut self, out: &std::path::Path) -> Exported {
        let generation = self.next();
        self.runner.send(Request::Export(ExportJob {
            generation,
            request: ExportRequest {
                campaign: "news".into(),
                out: out.display().to_string(),
                profile: Profile::Upload,
                bom: false,
                force: false,
                as_of: Some(as_of()),
                extra: None,
            },
        }));
        match self.reply() {
            Message::Export(ExportMsg::Exported { result, .. }) => *result.unwrap(),
            other => panic!("unexpected reply {other:?}"),
        }
    }
}

/// `tactful review news --json` in a process of its own: the preview hash it reports.
fn cli_preview_hash(ws: &Ws) -> String {
    let r = ws.json(&["review", "news"], 0);
    r["preview_sha256"].as_str().unwrap().to_string()
}

fn recipients(review: &Review) -> u64 {
    review.summary.as_ref().unwrap().recipients
}

fn suppressed(review: &Review) -> Option<u64> {
    let s = review.summary.as_ref().unwrap();
    s.excluded(Exclusion::Suppressed)
}

#[test]
fn review_after_the_preview_fill_reuses_its_walk_and_hashes_as_the_cli_does() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let ws = three_contacts();
    let expected = cli_preview_hash(&ws);
    let mut app = App::on(&ws);
    let before = walk::started();
    app.fill_preview(&ws.path);
    assert_eq!(walk::started() - before, 1, "the fill walks once");
    let review = app.review();
    assert_eq!(
        walk::started() - before,
        1,
        "entering Review after the fill walks no more"
    );
    assert_eq!(review.preview_sha256.as_deref(), Some(expected.as_str()));
    assert_eq!(recipients(&review), 3);
    // Entering Review (or Export, which shows the same review) again: still no walk.
    let again = app.review();
    assert_eq!(walk::started() - before, 1);
    assert_eq!(again, review);
}

#[test]
fn a_suppression_or_import_after_the_walk_makes_review_and_export_walk_again() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let ws = three_contacts();
    let mut app = App::on(&ws);
    let before = walk::started();
    app.fill_preview(&ws.path);
    assert!(app.review().preview_sha256.is_some());
    assert_eq!(walk::started() - before, 1);

    // Another process puts bob on the suppression list after the walk.
    let list = ws.write("optouts.txt", "bob@example.com\n");
    ws.ok(&["suppress", &list]);
    let review = app.review();
    assert_eq!(
        walk::started() - before,
        2,
        "the change discards the kept walk"
    );
    assert_eq!(recipients(&review), 2, "ann and cid");
    assert_eq!(suppressed(&review), Some(1), "bob");
    assert_eq!(
        review.preview_sha256.as_deref(),
        Some(cli_preview_hash(&ws).as_str())
    );
    // That walk is kept in turn: the next review uses it.
    assert_eq!(app.review(), review);
    assert_eq!(walk::started() - before, 2);

    // An import by another process: dan joins.
    let more = ws.write("more.csv", "email,first_name\ndan@example.com,Dan\n");
    ws.ok(&["import", &more, "--consent", "email=granted"]);
    let review = app.review();
    assert_eq!(walk::started() - before, 3);
    assert_eq!(
        recipients(&review),
        3,
        "ann, cid and dan; bob stays suppressed"
    );

    // cid unsubscribes: a re-import says so.
    let opt_out = ws.write(
        "unsubscribed.csv",
        "email,unsubscribed\ncid@example.com,yes\n",
    );
    ws.ok(&["import", &opt_out]);
    let review = app.review();
    assert_eq!(walk::started() - before, 4);
    assert_eq!(recipients(&review), 2, "ann and dan");
    let s = review.summary.as_ref().unwrap();
    assert_eq!(s.excluded(Exclusion::NoConsent), Some(1), "cid");

    // The export walks for its file (its rows are not kept) and leaves bob and cid out.
    let out = ws.dir.path().join("out");
    let exported = app.export(&out);
    assert_eq!(walk::started() - before, 5);
    assert_eq!(exported.recipients, 2);
    let file = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    for gone in ["bob@example.com", "cid@example.com"] {
        assert!(!file.contains(gone), "{gone} in {file}");
    }
    for who in ["ann@example.com", "dan@example.com"] {
        assert!(file.contains(who), "{who} not in {file}");
    }
}

/// The core's own use (`review::Kept`), with the change made through a second
/// `Workspace` handle in this process: an erasure after the walk.
#[test]
fn an_erasure_through_a_second_handle_discards_the_kept_walk() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let ws = three_contacts();
    let reader = Workspace::open_read_only(&ws.path).unwrap();
    let kept = Kept::watch(&ws.path).unwrap();
    let campaign = load(&reader, "news").unwrap();
    let before = walk::started();
    let mut shown = 0;
    let summary = kept
        .preview_marked(&reader, &campaign, as_of(), &mut |_| {
            shown += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!((shown, summary.recipients), (3, 3));
    let first = kept.review(&reader, &campaign, as_of(), None).unwrap();
    assert_eq!(
        walk::started() - before,
        1,
        "the review used the preview's walk"
    );
    assert_eq!(recipients(&first), 3);

    let mut other = Workspace::open(&ws.path).unwrap();
    tactful::rights::erase::erase(&mut other, "ann@example.com", "tester").unwrap();
    let after = kept.review(&reader, &campaign, as_of(), None).unwrap();
    assert_eq!(walk::started() - before, 2);
    let s = after.summary.as_ref().unwrap();
    assert_eq!((s.audience, s.recipients), (2, 2), "bob and cid");
    assert_ne!(after.preview_sha256, first.preview_sha256);
}
