//! The runner on a real workspace file, with test jobs whose replies are known by hand:
//! each replies `CountFinished` with its own generation and a value it states. No
//! timings are asserted; waits only keep a broken runner from hanging the test run.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use rusqlite::ErrorCode;

use super::*;
use crate::tui::message::Request;

/// What a test job does.
#[derive(Debug)]
enum Work {
    /// Reply `Ok(7)` at once.
    Echo,
    /// Say it started, wait for the gate, then reply `Ok(1)`.
    Wait {
        started: Sender<()>,
        gate: Receiver<()>,
    },
    /// Count to a billion in SQL (minutes), saying it started from inside the query;
    /// `outcome` hears whether it was interrupted. No reply when interrupted.
    Slow {
        started: Sender<()>,
        outcome: Sender<&'static str>,
    },
    /// Create a table in the workspace file and add a row: `Ok(rows)` or the error.
    Insert,
}

#[derive(Debug)]
struct TestJob {
    lane: Lane,
    kind: Option<&'static str>,
    generation: u64,
    work: Work,
}

impl Schedule for TestJob {
    fn generation(&self) -> u64 {
        self.generation
    }
    fn lane(&self) -> Lane {
        self.lane
    }
    fn kind(&self) -> Option<&'static str> {
        self.kind
    }
}

fn reply(generation: u64, result: Result<u64, String>) -> Option<Message> {
    Some(Message::CountFinished { generation, result })
}

fn execute(ws: &mut Workspace, job: &TestJob, _: &mut Context<'_, TestJob>) -> Option<Message> {
    let g = job.generation;
    match &job.work {
        Work::Echo => reply(g, Ok(7)),
        Work::Wait { started, gate } => {
            started.send(()).unwrap();
            gate.recv_timeout(Duration::from_secs(60)).unwrap();
            reply(g, Ok(1))
        }
        Work::Slow { started, outcome } => {
            let started = Mutex::new(started.clone());
            ws.conn()
                .create_scalar_function(
                    "started",
                    0,
                    rusqlite::functions::FunctionFlags::SQLITE_UTF8,
                    move |_| {
                        let _ = started.lock().unwrap().send(());
                        Ok(1i64)
                    },
                )
                .unwrap();
            let counted = ws.conn().query_row(
                "WITH RECURSIVE c(x) AS (SELECT started() UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c",
                [],
                |r| r.get::<_, i64>(0),
            );
            match counted {
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) => {
                    outcome.send("interrupted").unwrap();
                    None
                }
                other => {
                    outcome.send("finished").unwrap();
                    reply(g, Ok(other.map_or(0, |n| n as u64)))
                }
            }
        }
        Work::Insert => {
            let rows = ws
                .conn()
                .execute_batch(
                    "CREATE TABLE IF NOT EXISTS scratch (x); INSERT INTO scratch VALUES (1);",
                )
                .and_then(|()| {
                    ws.conn()
                        .query_row("SELECT count(*) FROM scratch", [], |r| r.get::<_, i64>(0))
                });
            reply(g, rows.map(|n| n as u64).map_err(|e| e.to_string()))
        }
    }
}

/// A runner on a fresh workspace file in `dir`, and its replies.
fn runner(dir: &tempfile::TempDir) -> (Runner<TestJob>, Receiver<LoopEvent>) {
    let ws = Workspace::open(&dir.path().join("ws.tactful")).unwrap();
    let (events, inbox) = mpsc::channel();
    (Runner::spawn(ws, events, execute).unwrap(), inbox)
}

fn job(lane: Lane, kind: Option<&'static str>, generation: u64, work: Work) -> TestJob {
    TestJob {
        lane,
        kind,
        generation,
        work,
    }
}

/// The next reply: its generation and result.
fn next(inbox: &Receiver<LoopEvent>) -> (u64, Result<u64, String>) {
    match inbox.recv_timeout(Duration::from_secs(120)) {
        Ok(LoopEvent::Reply(Message::CountFinished { generation, result })) => (generation, result),
        other => panic!("expected a reply, got {other:?}"),
    }
}

/// True when nothing more arrives for a moment (every job sent has been answered).
fn quiet(inbox: &Receiver<LoopEvent>) -> bool {
    inbox.recv_timeout(Duration::from_millis(300)).is_err()
}

#[test]
fn a_superseded_request_never_replies() {
    let dir = tempfile::tempdir().unwrap();
    let (runner, inbox) = runner(&dir);
    let (started, is_started) = mpsc::channel();
    let (open, gate) = mpsc::channel();
    // The lane is busy with job 1 while jobs 2, 3 (both of kind "k") and 4 queue.
    runner.send(job(
        Lane::Quick,
        Some("gate"),
        1,
        Work::Wait { started, gate },
    ));
    is_started.recv().unwrap();
    runner.send(job(Lane::Quick, Some("k"), 2, Work::Echo));
    runner.send(job(Lane::Quick, Some("k"), 3, Work::Echo));
    runner.send(job(Lane::Quick, Some("other"), 4, Work::Echo));
    open.send(()).unwrap();
    let replies: Vec<u64> = (0..3).map(|_| next(&inbox).0).collect();
    assert_eq!(replies, [1, 3, 4]);
    assert!(quiet(&inbox), "job 2 replied");
}

#[test]
fn a_reply_that_turned_stale_while_running_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (runner, inbox) = runner(&dir);
    let (started, is_started) = mpsc::channel();
    let (open, gate) = mpsc::channel();
    // The writer's queries are never interrupted, so job 1 runs to the end and makes a
    // reply, which job 2 of its kind, sent meanwhile, makes stale.
    runner.send(job(
        Lane::Writer,
        Some("k"),
        1,
        Work::Wait { started, gate },
    ));
    is_started.recv().unwrap();
    runner.send(job(Lane::Quick, Some("k"), 2, Work::Echo));
    assert_eq!(next(&inbox), (2, Ok(7)));
    open.send(()).unwrap();
    assert!(quiet(&inbox), "job 1 replied");
}

#[test]
fn an_interrupted_query_gives_no_reply_and_the_next_one_does() {
    let dir = tempfile::tempdir().unwrap();
    let (runner, inbox) = runner(&dir);
    let (started, is_started) = mpsc::channel();
    let (outcome, heard) = mpsc::channel();
    runner.send(job(
        Lane::Count,
        Some("count"),
        1,
        Work::Slow { started, outcome },
    ));
    is_started.recv().unwrap();
    runner.send(job(Lane::Count, Some("count"), 2, Work::Echo));
    assert_eq!(
        heard.recv_timeout(Duration::from_secs(60)),
        Ok("interrupted")
    );
    assert_eq!(next(&inbox), (2, Ok(7)));
    assert!(quiet(&inbox), "job 1 replied");
}

#[test]
fn a_write_goes_through_the_writing_connection_only() {
    let dir = tempfile::tempdir().unwrap();
    let (runner, inbox) = runner(&dir);
    // Two changes on the writer: one row, then two.
    runner.send(job(Lane::Writer, None, 1, Work::Insert));
    runner.send(job(Lane::Writer, None, 2, Work::Insert));
    assert_eq!(next(&inbox), (1, Ok(1)));
    assert_eq!(next(&inbox), (2, Ok(2)));
    // Every other lane's connection is read-only: SQLite refuses the change.
    for (g, lane) in (3..).zip(Lane::ALL.into_iter().filter(|l| *l != Lane::Writer)) {
        runner.send(job(lane, None, g, Work::Insert));
        let (generation, result) = next(&inbox);
        assert_eq!(generation, g);
        let error = result.unwrap_err();
        assert!(error.contains("readonly database"), "{lane:?}: {error}");
    }
}

#[test]
fn changes_run_on_the_writer_and_are_never_superseded() {
    use crate::tui::screens::review::jobs::ReviewJob;
    use crate::tui::screens::segments::message::SegmentJob;
    let delete = Request::Segments(SegmentJob::Delete {
        generation: 1,
        name: "vip".into(),
    });
    assert_eq!((delete.lane(), delete.kind()), (Lane::Writer, None));
    let unlock = Request::Review(ReviewJob::Unlock {
        generation: 2,
        campaign: "spring".into(),
        field: "dob".into(),
        reason: "age check".into(),
    });
    assert_eq!((unlock.lane(), unlock.kind()), (Lane::Writer, None));
    let reach = Request::Segments(SegmentJob::Reach {
        generation: 3,
        rule: "orders > 1".into(),
        as_of: None,
        campaign: None,
    });
    assert_eq!(
        (reach.lane(), reach.kind()),
        (Lane::Segments, Some("rule reach"))
    );
    let count = Request::CountContacts { generation: 4 };
    assert_eq!(
        (count.lane(), count.kind()),
        (Lane::Count, Some("contacts count"))
    );
}
