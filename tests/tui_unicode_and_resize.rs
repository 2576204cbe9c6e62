//! Cases BR-18 (wide, combined and right-to-left names keep the table's columns) and
//! BR-21 (tiny sizes and a 5,000-character value never panic or leave stale cells).
//! The data is reproduced here by hand from the cases' CSV files.

#[path = "tui_common/mod.rs"]
mod common;

use common::{app, field, send, workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tactful::fields::{FieldType, PrivacyClass, Role};
use tactful::tui::message::Message;
use tactful::tui::view;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The rows of BR-18's `customers_unicode.csv`, plus three names long enough to be cut
/// in the middle of a ZWJ sequence, a run of flags and a run of combining accents.
fn unicode_rows() -> Vec<[String; 4]> {
    let rows = [
        ["hanako@example.com", "花子", "山田", "東京"],
        ["ana@example.com", "Ana 👩\u{200d}🔬", "Example", "Lyon"],
        ["bo@example.com", "Bo 👍🏽", "Sample", "Porto"],
        ["cy@example.com", "Cy 🇫🇷", "Test", "Paris"],
        ["dee@example.com", "De\u{301}", "Demo", "Gent"],
        ["sara@example.com", "سارة", "مثال", "عمّان"],
        ["dana@example.org", "דנה", "דוגמה", "Haifa 3"],
        ["uli@example.com", "①②③", "Ambiguous", "Ulm"],
    ];
    let mut out: Vec<[String; 4]> = rows.iter().map(|r| r.map(String::from)).collect();
    out.push([
        "zwj@example.com".into(),
        format!("Zoe {}", "👩\u{200d}🔬".repeat(20)),
        "x".into(),
        "東京都千代田区丸の内一丁目東京都千代田区丸の内".into(),
    ]);
    out.push([
        "flags@example.com".into(),
        format!("F {}", "🇫🇷🇩🇪".repeat(10)),
        "y".into(),
        "z".into(),
    ]);
    out.push([
        "accents@example.com".into(),
        "De\u{301}".repeat(20),
        "e\u{301}".repeat(40),
        "w".into(),
    ]);
    out
}

fn unicode_workspace() -> tactful::workspace::Workspace {
    let text = |n: &str| {
        field(
            n,
            n,
            FieldType::Text,
            Role::None,
            PrivacyClass::Ordinary,
            "test",
        )
    };
    let fields = [
        text("email"),
        text("first_name"),
        text("last_name"),
        text("city"),
    ];
    let contacts: Vec<_> = unicode_rows()
        .into_iter()
        .map(|r| (r[0].clone(), r.iter().map(|v| Some(v.clone())).collect()))
        .collect();
    workspace(&fields, &contacts)
}

/// The graphemes of one buffer line as drawn, each with its start column, skipping the
/// cells a wide grapheme covers.
fn drawn(buf: &Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol().to_string();
        let w = symbol.width().max(1) as u16;
        out.push((x, symbol));
        x += w;
    }
    out
}

#[test]
fn br18_wide_combined_and_rtl_names_keep_their_columns() {
    let ws = unicode_workspace();
    let mut a = app(&ws, 120, 40);
    send(&mut a, &ws, Message::OpenContacts);
    let area = Rect::new(0, 0, 80, 12);
    let rows = unicode_rows();
    // Scroll sideways through every column: the key stays, the others move left.
    for left in 0..4 {
        a.contacts.table.left = left;
        let mut buf = Buffer::empty(area);
        (&a.contacts).render(area, &mut buf);
        check_columns(&buf, &rows, left);
    }
    let mut buf = Buffer::empty(area);
    a.contacts.table.left = 0;
    (&a.contacts).render(area, &mut buf);
    // The cut long names end on a whole ZWJ sequence and a whole flag pair.
    let line: String = drawn(&buf, 9).into_iter().map(|(_, s)| s).collect();
    assert!(line.contains("👩\u{200d}🔬~"), "{line}");
    let line: String = drawn(&buf, 10).into_iter().map(|(_, s)| s).collect();
    assert!(line.contains("🇫🇷🇩🇪~") || line.contains("🇫🇷~"), "{line}");
}

/// In `buf` (the contacts table scrolled `left` columns), the separators sit at the
/// same x on every row, and every cell read back between them is a whole-grapheme
/// prefix of its value, followed by the cut mark only when cut, then padding, never
/// wider than its column.
fn check_columns(buf: &Buffer, rows: &[[String; 4]], left: usize) {
    let separators = |y| -> Vec<u16> {
        drawn(buf, y)
            .into_iter()
            .filter(|(_, s)| s == "|")
            .map(|(x, _)| x)
            .collect()
    };
    let header = separators(0);
    assert!(header.len() >= 2, "{header:?}");
    for y in 1..=rows.len() as u16 {
        assert_eq!(
            separators(y),
            header,
            "row {y} has its separators elsewhere"
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let y = i as u16 + 1;
        let cells = drawn(buf, y);
        // Columns: key, email, first_name, last_name, city, consent_email, consent_sms.
        let all = [&row[0], &row[0], &row[1], &row[2], &row[3]];
        let mut shown_columns = vec![0];
        shown_columns.extend(1 + left..all.len());
        let mut starts = vec![0u16];
        starts.extend(header.iter().map(|x| x + 1));
        for (n, &col) in shown_columns.iter().enumerate().take(starts.len()) {
            let value = all[col];
            let start = starts[n];
            let end = header.get(n).copied().unwrap_or(80);
            let text: String = cells
                .iter()
                .filter(|(x, _)| (start..end).contains(x))
                .map(|(_, s)| s.as_str())
                .collect();
            assert!(
                text.width() <= usize::from(end - start),
                "row {y} col {col}: {text:?}"
            );
            let shown = text.trim_end_matches(' ');
            let (shown, cut) = match shown.strip_suffix('~') {
                Some(s) => (s, true),
                None => (shown, false),
            };
            let expected: Vec<&str> = value.graphemes(true).collect();
            let got: Vec<&str> = shown.graphemes(true).collect();
            assert!(
                got.len() <= expected.len() && got[..] == expected[..got.len()],
                "row {y} col {col}: drew {shown:?} for {value:?}"
            );
            // The last column on screen may be clipped by the edge without a mark.
            if end != 80 {
                assert_eq!(
                    cut,
                    got.len() < expected.len(),
                    "row {y} col {col}: {shown:?}"
                );
            }
        }
    }
}

/// BR-21's `customers_wide.csv` in shape: 12 columns, 30 rows, a 5,000-character note
/// on the first row.
fn wide_workspace() -> tactful::workspace::Workspace {
    let names = [
        "email",
        "first_name",
        "last_name",
        "city",
        "country",
        "phone",
        "company",
        "job_title",
        "orders",
        "spend",
        "tags",
        "note",
    ];
    let fields: Vec<_> = names
        .iter()
        .map(|n| {
            field(
                n,
                n,
                FieldType::Text,
                Role::None,
                PrivacyClass::Ordinary,
                "test",
            )
        })
        .collect();
    let contacts: Vec<_> = (1..=30)
        .map(|i| {
            let key = format!("p{i}@example.com");
            let mut values: Vec<Option<String>> =
                names.iter().map(|n| Some(format!("{n} {i}"))).collect();
            if i == 1 {
                values[11] = Some("Lorem ipsum dolor sit amet. ".repeat(179)[..5000].to_string());
            }
            (key, values)
        })
        .collect();
    workspace(&fields, &contacts)
}

#[test]
fn br21_tiny_sizes_do_not_panic_and_growing_back_redraws_cleanly() {
    let ws = wide_workspace();
    let mut a = app(&ws, 120, 40);
    send(&mut a, &ws, Message::OpenContacts);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| view::draw(&a, f)).unwrap();
    // The note column is capped, so the 5,000 characters stay in their cell.
    let row: String = drawn(terminal.backend().buffer(), 3)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert!(
        !row.contains("Lorem"),
        "note is off to the right at first: {row}"
    );
    for _ in 0..11 {
        send(&mut a, &ws, Message::ScrollRight);
    }
    terminal.draw(|f| view::draw(&a, f)).unwrap();
    let row: String = drawn(terminal.backend().buffer(), 3)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let lorem = row.find("Lorem").expect(&row);
    let cell = &row[lorem..row[lorem..].find('|').map_or(row.len(), |e| lorem + e)];
    assert!(cell.trim_end().ends_with('~'), "long note is cut: {cell:?}");
    assert!(
        cell.len() <= 30,
        "note cell is at most 30 columns: {cell:?}"
    );

    for (w, h) in [
        (40, 10),
        (10, 3),
        (1, 1),
        (0, 0),
        (120, 0),
        (0, 40),
        (120, 40),
    ] {
        terminal.backend_mut().resize(w, h);
        send(
            &mut a,
            &ws,
            Message::Resize {
                width: w,
                height: h,
            },
        );
        terminal.draw(|f| view::draw(&a, f)).unwrap();
        if (w, h) == (40, 10) {
            let text: String = drawn(terminal.backend().buffer(), 0)
                .into_iter()
                .map(|(_, s)| s)
                .collect();
            assert!(text.starts_with("Make the window larger"), "{text}");
        }
    }
    let fresh = common::draw(&a, 120, 40);
    assert_eq!(terminal.backend().buffer(), fresh.backend().buffer());
}
