//! Terminal escape sequences in imported values are removed whole, not just their ESC
//! byte (trial 4, minor notes: `Ev\e]0;PWNED\aIl\e[2J` was stored as
//! `Ev]0;PWNEDIl[2J` and rendered into messages). By hand: rows 42-44 (after 40 plain ones): the first holds an OSC (window
//! title, ended by BEL) and a CSI (`[2J`), the second two CSIs (`[1;31m`, `[0m`), the third a
//! C1 CSI (U+009B) with `31m`: 5 sequences; the names left are `EvIl`, `Red`, `ab`.

mod review_support;

use review_support::Ws;

#[test]
fn escape_sequences_leave_no_tail_in_stored_or_rendered_text() {
    let ws = Ws::new();
    // Forty ordinary rows first: a short file of mostly control characters would be
    // refused as binary before any value is read.
    let mut csv = String::from("email,first_name\n");
    for i in 0..40 {
        csv.push_str(&format!("user{i}@example.com,User{i}\n"));
    }
    csv.push_str(
        "ev@example.com,Ev\u{1b}]0;PWNED\u{7}Il\u{1b}[2J\n\
         red@example.com,\u{1b}[1;31mRed\u{1b}[0m\n\
         ab@example.com,a\u{9b}31mb\n",
    );
    let report = ws.import_csv("n.csv", &csv, &["--consent", "email=granted"]);
    let warnings = review_support::warnings(&report);
    assert!(
        warnings.contains(
            &"5 terminal escape sequences (colour codes, window titles: ESC [31m, ESC ]0;… BEL) removed from values, whole"
                .to_string()
        ),
        "{warnings:#?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("control character")),
        "{warnings:#?}"
    );
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        "Hi",
        "--body",
        "Hi {{ first_name }}!",
    ]);
    let mut bodies = ws.preview_column("c", "body");
    bodies.retain(|(k, _)| !k.starts_with("user"));
    assert_eq!(
        bodies,
        vec![
            ("ev@example.com".to_string(), "Hi EvIl!".to_string()),
            ("red@example.com".to_string(), "Hi Red!".to_string()),
            ("ab@example.com".to_string(), "Hi ab!".to_string()),
        ]
    );
    // Searching by the clean name finds them: nothing else is stored.
    let reach = ws.json(
        &["reach", "first_name is \"EvIl\" or first_name is \"Red\""],
        0,
    );
    assert_eq!(reach["reach"], 2);
}
