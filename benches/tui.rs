//! The terminal app on the 1,000,000-contact workspace of the preview bench: time to
//! the first frame, time to the Preview screen's first page while the preview fills in
//! the background (issue 13, goal under 200 ms), frame draw time while scrolling the
//! contacts browser and the Preview table, and keystroke-to-frame time while typing a rule on the Segments
//! screen, with the rule's reach counted on the job runner's segments lane in the
//! background; and entering Review after the Preview fill, from the pass the fill kept
//! against a review that walks again (issue 13 item 3).
//!
//! Run with `cargo bench --bench tui`. No terminal is needed: frames are drawn into
//! ratatui's `TestBackend` at 120×40, and the reading requests are answered on this
//! thread with the screens' own job functions (`jobs::route::read`, as the TUI tests
//! do), except where the figure is about the background: the typed rule's reaches go
//! to a real job `Runner` and are not waited for. Figures are printed, never asserted:
//! medians and 99th percentiles of wall time, with `std::time::Instant`.

mod generator;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use generator::as_of;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tactful::campaign::store as campaigns;
use tactful::campaign::walk;
use tactful::campaign::{BodyFormat, Campaign, Entry};
use tactful::fields::{Channel, FieldType, PrivacyClass, Role};
use tactful::review::{self, Kept};
use tactful::tui::LoopEvent;
use tactful::tui::app::{App, AppOptions};
use tactful::tui::jobs::{Runner, route};
use tactful::tui::message::{Message, Request, Screen};
use tactful::tui::screens::preview::jobs as preview_jobs;
use tactful::tui::screens::segments::jobs as worker_segments;
use tactful::tui::screens::segments::message::{SegmentJob, SegmentsMsg};
use tactful::tui::{keymap, update::update, view};
use tactful::workspace::{Workspace, fields};

type Bench = Result<(), Box<dyn std::error::Error>>;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// Frames drawn per scrolled table.
const FRAMES: usize = 300;
/// The rule typed on the Segments screen, one key per character.
const RULE: &str = r#"city is "Berlin" and total_orders > 3 and tags has "vip""#;

/// (segment, rule, subject, body): the preview bench's campaign.
const ENTRIES: &[(&str, &str, &str, &str)] = &[
    (
        "vip",
        r#"tags has "vip""#,
        r#"Thanks, {{ first_name | default("friend") }}"#,
        "Hi {{ first_name | default(\"there\") }},\nas one of our VIPs in {{ city }} you get early access.",
    ),
    (
        "berlin",
        r#"city is "Berlin""#,
        "News from Berlin",
        "Hallo {{ first_name | default(\"there\") }}, a new shop opens in {{ city }}.",
    ),
    (
        "recent",
        "last_order_date within last 90 days",
        "Your order",
        "Hi {{ first_name | default(\"there\") }}, thanks for your order.",
    ),
];

/// `target/bench-data/preview-1m.tactful`, built once: the reach bench's
/// contacts plus an e-mail field, e-mail consent for 9 in 10, three segments and the
/// campaign `bench`.
fn workspace() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let reach = generator::reach_workspace()?;
    let path = reach.with_file_name("preview-1m.tactful");
    if path.exists() {
        return Ok(path);
    }
    let partial = reach.with_file_name("preview-1m.partial");
    std::fs::copy(&reach, &partial)?;
    let mut ws = Workspace::open(&partial)?;
    let mut c = Campaign::new("bench", Channel::Email);
    c.as_of = Some(as_of());
    ws.write(|tx| {
        let email = generator::field("email", FieldType::Text, PrivacyClass::DirectIdentifier);
        fields::add(
            tx,
            &tactful::fields::Field {
                role: Role::Email,
                ..email
            },
            "bench",
            Some(1),
        )?;
        tx.execute(
            "UPDATE contacts SET email = _key, _consent_email = CASE WHEN _id % 10 = 0 THEN 'withdrawn' ELSE 'granted' END",
            [],
        )?;
        for (name, rule, subject, body) in ENTRIES {
            tx.execute(
                "INSERT INTO segments (name, rule, created_at, updated_at) VALUES (?1, ?2, '', '')",
                [name, rule],
            )?;
            c.entries.push(Entry {
                segment: name.to_string(),
                subject: Some(subject.to_string()),
                body: body.to_string(),
                format: BodyFormat::Plain,
            });
        }
        campaigns::save(tx, &c)
    })?;
    ws.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    drop(ws);
    std::fs::rename(&partial, &path)?;
    Ok(path)
}

/// Requests the job runner runs on its background lanes (counts over all contacts,
/// reaches, coverage, the preview itself): not waited for before a frame.
fn background(request: &Request) -> bool {
    matches!(
        request,
        Request::CountContacts { .. }
            | Request::Coverage { .. }
            | Request::RunPreview { .. }
            | Request::Segments(
                SegmentJob::Reach { .. }
                    | SegmentJob::CountReaches { .. }
                    | SegmentJob::Overlap { .. }
            )
    )
}

/// The request's kind, for the report ("LoadPage", "Segments(List", ...).
fn kind(request: &Request) -> String {
    let text = format!("{request:?}");
    let end = text.find([' ', '{']).unwrap_or(text.len());
    text[..end].trim_end_matches('(').to_string()
}

/// Apply `requests` with the synchronous `jobs::route::read` (and the requests their
/// replies cause) until none is left; background ones are returned unanswered.
fn pump(app: &mut App, ws: &Workspace, requests: Vec<Request>) -> Vec<Request> {
    let mut queue = requests;
    let mut deferred = Vec::new();
    while !queue.is_empty() {
        let request = queue.remove(0);
        if background(&request) {
            deferred.push(request);
        } else if let Some(reply) = route::read(ws, &request) {
            queue.extend(update(app, reply));
        }
    }
    deferred
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (median, 99th percentile) in milliseconds, nearest rank.
fn median_p99(mut xs: Vec<Duration>) -> (f64, f64) {
    xs.sort();
    let rank = (xs.len() * 99).div_ceil(100).max(1) - 1;
    (ms(xs[xs.len() / 2]), ms(xs[rank]))
}

fn draw(
    terminal: &mut Terminal<TestBackend>,
    app: &App,
) -> Result<Duration, Box<dyn std::error::Error>> {
    let t = Instant::now();
    terminal.draw(|f| view::draw(app, f))?;
    Ok(t.elapsed())
}

/// Send each message, answer the page requests it causes, then time the draw alone.
fn scroll_frames(
    app: &mut App,
    ws: &Workspace,
    terminal: &mut Terminal<TestBackend>,
) -> Result<(Vec<Duration>, Duration), Box<dyn std::error::Error>> {
    let mut draws = Vec::with_capacity(FRAMES);
    let mut answering = Duration::ZERO;
    for i in 0..FRAMES {
        // Three rows down, then a page down, over and over.
        let message = if i % 4 == 3 {
            Message::PageDown
        } else {
            Message::ScrollDown
        };
        let t = Instant::now();
        let requests = update(app, message);
        pump(app, ws, requests);
        answering += t.elapsed();
        draws.push(draw(terminal, app)?);
    }
    Ok((draws, answering))
}

fn goal(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

fn main() -> Bench {
    let path = workspace()?;
    println!("workspace: {} (1,000,000 contacts)", path.display());
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;

    // 1. Time to first frame, as `tui::run` gets there.
    let t0 = Instant::now();
    let ws = Workspace::open(&path)?;
    let t_open = t0.elapsed();
    let field_list = fields::list(ws.conn())?;
    let mut app = App::new(AppOptions {
        workspace: path.display().to_string(),
        fields: field_list,
        width: WIDTH,
        height: HEIGHT,
        as_of: Some(as_of()),
    });
    let requests = update(&mut app, Message::Refresh);
    let t_update = t0.elapsed();
    let sent: Vec<String> = requests.iter().map(kind).collect();
    let t_draw = Instant::now();
    terminal.draw(|f| view::draw(&app, f))?;
    let first_draw = t_draw.elapsed();
    let t_empty = t0.elapsed();
    let deferred = pump(&mut app, &ws, requests);
    let t_answered = t0.elapsed();
    let data_draw = draw(&mut terminal, &app)?;
    let t_first = t0.elapsed();
    println!(
        "\n1. time to first frame (120x40, TestBackend, {} screen)",
        app.screen.title()
    );
    println!(
        "   open {:.1} ms, + field list, App::new, update(Refresh) -> {:.1} ms; Refresh asked for {sent:?}",
        ms(t_open),
        ms(t_update)
    );
    println!(
        "   frame drawn before any reply (what run() shows first): at {:.1} ms (draw {:.2} ms)",
        ms(t_empty),
        ms(first_draw)
    );
    println!(
        "   quick replies answered synchronously by jobs::route::read, frame with fields: at {:.1} ms (draw {:.2} ms)  [goal < 300 ms: {}]",
        ms(t_first),
        ms(data_draw),
        goal(t_first < Duration::from_millis(300))
    );
    println!(
        "   answering took {:.1} ms; left to the background threads, not waited for: {:?}",
        ms(t_answered - t_empty),
        deferred.iter().map(kind).collect::<Vec<_>>()
    );
    let (events, _inbox) = mpsc::channel();
    let t = Instant::now();
    let spawned: Runner<Request> = Runner::spawn(Workspace::open(&path)?, events, route::execute)?;
    println!(
        "   not included above: Runner::spawn (its lanes and their own connections) {:.1} ms",
        ms(t.elapsed())
    );
    drop(spawned);
    for request in &deferred {
        let t = Instant::now();
        if let Some(reply) = route::read(&ws, request) {
            update(&mut app, reply);
        }
        println!(
            "   (background {} on its own: {:.1} ms)",
            kind(request),
            ms(t.elapsed())
        );
    }

    // 2a. Scrolling the contacts browser.
    let requests = update(&mut app, Message::OpenContacts);
    pump(&mut app, &ws, requests);
    draw(&mut terminal, &app)?;
    let (draws, answering) = scroll_frames(&mut app, &ws, &mut terminal)?;
    let (med, p99) = median_p99(draws);
    println!("\n2. frame draw while scrolling ({FRAMES} frames, 3 x ScrollDown then PageDown)");
    println!(
        "   contacts browser: draw median {med:.2} ms, p99 {p99:.2} ms  [goal < 5 ms: {}]; page loads answered in between: {:.1} ms in all",
        goal(p99 < 5.0),
        ms(answering)
    );
    if let Some(row) = app.contacts.rows.get(app.contacts.table.selected) {
        println!("   (the selection moved down to contact _id {})", row.id);
    }

    // 2b. The Preview table: entering the screen runs the preview into its table. As
    // on the job runner's preview lane, the run reports progress every batch of rows and
    // answers page requests in between, so the first page shows long before the end.
    let requests = update(&mut app, Message::SwitchScreen(Screen::Preview));
    let mut run = None;
    let mut rest = Vec::new();
    for request in requests {
        match request {
            Request::RunPreview {
                generation,
                campaign,
                as_of,
            } => run = Some((generation, campaign, as_of)),
            other => rest.push(other),
        }
    }
    let Some((generation, campaign, run_as_of)) = run else {
        println!("   the Preview screen asked for no preview (no campaign loaded?); stopping");
        return Ok(());
    };
    // As on the job runner: the fill also makes the review's pass and keeps it.
    let kept = Kept::watch(&path)?;
    let t = Instant::now();
    let mut first_page: Option<(Duration, u64, usize)> = None;
    let reply = {
        let mut between = |rows: u64| {
            if first_page.is_none() {
                let requests = update(&mut app, Message::PreviewProgressed { generation, rows });
                pump(&mut app, &ws, requests);
                if !app.preview.rows.is_empty() && draw(&mut terminal, &app).is_ok() {
                    first_page = Some((t.elapsed(), app.preview.progress, app.preview.rows.len()));
                }
            }
            true
        };
        preview_jobs::run_preview(
            &ws,
            generation,
            &campaign,
            run_as_of,
            Some(&kept),
            &mut between,
        )
    };
    let preview_time = t.elapsed();
    if let Some(reply) = reply {
        rest.extend(update(&mut app, reply));
    }
    let left = pump(&mut app, &ws, rest);
    match first_page {
        Some((at, progress, rows)) => println!(
            "   Preview screen: first page drawn after {:.0} ms ({rows} rows on screen, progress figure {progress} contacts)  [goal < 200 ms: {}]",
            ms(at),
            goal(at < Duration::from_millis(200))
        ),
        None => println!("   Preview screen: no page before the preview finished"),
    }
    println!(
        "   preview of campaign `bench` into the preview table (preview::jobs::run_preview, in the background): {:.2} s, {} rows loaded on screen; left: {:?}",
        preview_time.as_secs_f64(),
        app.preview.rows.len(),
        left.iter().map(kind).collect::<Vec<_>>()
    );
    draw(&mut terminal, &app)?;
    let (draws, answering) = scroll_frames(&mut app, &ws, &mut terminal)?;
    let (med, p99) = median_p99(draws);
    println!(
        "   preview table:    draw median {med:.2} ms, p99 {p99:.2} ms  [goal < 5 ms: {}]; page loads answered in between: {:.1} ms in all",
        goal(p99 < 5.0),
        ms(answering)
    );

    // 2c. Entering Review after the fill (issue 13 item 3): the review from the pass
    // the fill kept, against a review that walks the audience again (what entering
    // Review did before), and the fill without keeping a pass, for what the review's
    // pass adds to it.
    let walks = walk::started();
    let t = Instant::now();
    let reused = kept.review(&ws, &campaign, run_as_of, None)?;
    let reuse_time = t.elapsed();
    let reuse_walks = walk::started() - walks;
    let t = Instant::now();
    let fresh = review::run(&ws, &campaign, run_as_of)?;
    let fresh_time = t.elapsed();
    println!(
        "\n2c. entering Review after the Preview fill: review from the fill's pass {:.1} ms ({reuse_walks} walks), a review that walks again {:.2} s; same preview hash: {}",
        ms(reuse_time),
        fresh_time.as_secs_f64(),
        reused.preview_sha256 == fresh.preview_sha256
    );
    let t = Instant::now();
    preview_jobs::run_preview(&ws, generation, &campaign, run_as_of, None, &mut |_| true);
    println!(
        "   the fill without keeping the review's pass: {:.2} s (with it: {:.2} s above)",
        t.elapsed().as_secs_f64(),
        preview_time.as_secs_f64()
    );

    // 3. Keystroke to frame on the Segments screen, reaches on a real job runner.
    let (events, inbox) = mpsc::channel();
    let segments: Runner<Request> = Runner::spawn(Workspace::open(&path)?, events, route::execute)?;
    let requests = update(&mut app, Message::SwitchScreen(Screen::Segments));
    pump(&mut app, &ws, requests);
    let requests = update(&mut app, Message::Segments(SegmentsMsg::NewSegment));
    pump(&mut app, &ws, requests);
    draw(&mut terminal, &app)?;
    let mut frames: Vec<Duration> = Vec::new();
    let mut updates: Vec<Duration> = Vec::new();
    let mut reach_requests = 0;
    let mut last_sent = None;
    let mut last_generation = 0;
    for c in RULE.chars() {
        let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let t = Instant::now();
        let Some(message) = keymap::map(&app, &event) else {
            println!("   `{c}` maps to no message on the Segments editor; stopping");
            return Ok(());
        };
        let requests = update(&mut app, message);
        updates.push(t.elapsed());
        for request in requests {
            match request {
                Request::Segments(job @ SegmentJob::Reach { .. }) => {
                    reach_requests += 1;
                    last_generation = job.generation();
                    last_sent = Some(Instant::now());
                    segments.send(Request::Segments(job));
                }
                other => println!("   unexpected request {}", kind(&other)),
            }
        }
        terminal.draw(|f| view::draw(&app, f))?;
        frames.push(t.elapsed());
    }
    let typed = frames.len();
    let slowest = (0..typed).max_by_key(|&i| frames[i]).unwrap_or(0);
    let slowest_note = format!(
        "slowest key: #{} `{}`, {:.2} ms (keymap + update {:.2} ms)",
        slowest + 1,
        RULE.chars().nth(slowest).unwrap_or(' '),
        ms(frames[slowest]),
        ms(updates[slowest])
    );
    let (med, p99) = median_p99(frames);
    let (umed, up99) = median_p99(updates);
    println!("\n3. keystroke to frame, typing `{RULE}` ({typed} keys) on the Segments screen");
    println!(
        "   keymap + update + draw: median {med:.2} ms, p99 {p99:.2} ms; of which keymap + update (returns the reach request): median {umed:.3} ms, p99 {up99:.3} ms"
    );
    println!("   {slowest_note}");
    println!(
        "   {reach_requests} of {typed} keys returned a reach request for the segments lane; none was waited for  [goal no keystroke waits on a query: {}]",
        goal(reach_requests == typed)
    );
    // The newest reach: wait for its reply now that typing is done.
    let mut background_reach = None;
    while let Ok(event) = inbox.recv_timeout(Duration::from_secs(60)) {
        if let LoopEvent::Reply(reply) = event {
            let done = matches!(
                &reply,
                Message::Segments(SegmentsMsg::ReachCounted { generation, .. }) if *generation == last_generation
            );
            update(&mut app, reply);
            if done {
                background_reach = last_sent.map(|t| t.elapsed());
                break;
            }
        }
    }
    let reach = app.segments.editor.as_ref().and_then(|e| e.reach.clone());
    match background_reach {
        Some(d) => println!(
            "   background reach of the final rule: reply {:.1} ms after its request (the older ones were dropped or interrupted); result {reach:?}",
            ms(d)
        ),
        None => println!("   the final reach never came back within 60 s"),
    }
    let job = SegmentJob::Reach {
        generation: last_generation + 1,
        rule: RULE.to_string(),
        as_of: Some(as_of()),
        campaign: None,
    };
    let t = Instant::now();
    worker_segments::read(&ws, &job);
    println!(
        "   the same reach run alone on this thread (worker_segments::read): {:.1} ms",
        ms(t.elapsed())
    );
    Ok(())
}
