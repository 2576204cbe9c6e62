//! The Segments screen's jobs through the job runner on a real workspace file: a burst
//! of reach jobs is answered newest-last (older ones skipped or interrupted, never
//! answered after a newer one), and saves always run, in order. No timings are asserted; the receive
//! timeout only keeps a broken worker from hanging the test run.

use std::sync::mpsc;
use std::time::Duration;

use tactful::fields::{Field, FieldType, PrivacyClass, Role};
use tactful::segment::store;
use tactful::tui::LoopEvent;
use tactful::tui::jobs::{Runner, route};
use tactful::tui::message::{Message, Request};
use tactful::tui::screens::segments::message::{Reach, SegmentJob, SegmentsMsg};
use tactful::workspace::{Workspace, WorkspaceError, fields};

/// A workspace file with field `n` (integer) and contacts 1..=count holding n = 1..=count.
fn numbered(path: &std::path::Path, count: i64) {
    let mut ws = Workspace::open(path).unwrap();
    let n = Field {
        name: "n".into(),
        header: "N".into(),
        ty: FieldType::Integer,
        role: Role::None,
        class: PrivacyClass::Ordinary,
        reason: "test".into(),
        kind: None,
    };
    ws.write(|tx| {
        fields::add(tx, &n, "test", Some(1))?;
        let mut insert = tx.prepare("INSERT INTO contacts (_key, _batch, n) VALUES (?1, 1, ?2)")?;
        for i in 1..=count {
            insert.execute(rusqlite::params![format!("c{i}@example.com"), i])?;
        }
        Ok::<_, WorkspaceError>(())
    })
    .unwrap();
}

/// The app's job runner on the workspace file at `path`.
fn runner(path: &std::path::Path, events: mpsc::Sender<LoopEvent>) -> Runner<Request> {
    let ws = Workspace::open(path).unwrap();
    Runner::spawn(ws, events, route::execute).unwrap()
}

fn next(inbox: &mpsc::Receiver<LoopEvent>) -> SegmentsMsg {
    match inbox.recv_timeout(Duration::from_secs(120)) {
        Ok(LoopEvent::Reply(Message::Segments(m))) => m,
        other => panic!("expected a segments reply, got {other:?}"),
    }
}

#[test]
fn a_burst_of_reach_jobs_ends_with_the_newest_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.tactful");
    numbered(&path, 50_000);
    let (events, inbox) = mpsc::channel();
    let worker = runner(&path, events);
    // Rules `n > 0` .. `n > 9`: the newest (`n > 9`) reaches 50,000 - 9 contacts.
    for g in 1..=10u64 {
        worker.send(Request::Segments(SegmentJob::Reach {
            generation: g,
            rule: format!("n > {}", g - 1),
            as_of: None,
            campaign: None,
        }));
    }
    let mut seen = Vec::new();
    loop {
        match next(&inbox) {
            SegmentsMsg::ReachCounted { generation, result } => {
                seen.push(generation);
                if generation == 10 {
                    assert_eq!(
                        result,
                        Ok(Reach {
                            reach: 49_991,
                            audience: 50_000
                        })
                    );
                    break;
                }
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "answers in order: {seen:?}"
    );
}

#[test]
fn saves_always_run_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.tactful");
    numbered(&path, 10);
    let (events, inbox) = mpsc::channel();
    let worker = runner(&path, events);
    for (g, name) in [(1, "small"), (2, "large")] {
        worker.send(Request::Segments(SegmentJob::Save {
            generation: g,
            original: None,
            name: name.into(),
            rule: "n > 5".into(),
            description: String::new(),
            as_of: None,
            campaign: None,
        }));
    }
    for expected in [1, 2] {
        match next(&inbox) {
            SegmentsMsg::Saved { generation, result } => {
                assert_eq!(generation, expected);
                assert!(result.is_ok(), "{result:?}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let ws = Workspace::open(&path).unwrap();
    let names: Vec<String> = store::list(ws.conn())
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["large", "small"]);
}
