//! The indexes a saved campaign gets (issue 13, README "Benchmarks", session 8): a
//! value index on each field its checks consult and a partial index of the channel's
//! refusers, so a preview reads them instead of the whole table before its walk. They
//! are SQLite indexes, kept current by every write, so the two promises hold through
//! them: a sensitive value or a refusal imported after the campaign was saved is seen
//! (expected outcomes worked out from the files below, as in `held_merge_cli.rs` and
//! `refusal_routes_cli.rs`), and a field they cover can still be removed by
//! `import undo` (SQLite refuses to drop an indexed column).

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const PEOPLE: &str = "customer_id,email,first_name,community\n\
1,ana@example.com,Ana,runners\n\
2,bo@example.com,Bo,runners\n\
3,cy@example.com,Cy,gardeners\n";

/// Ana, Bo and Cy (customer IDs 1 to 3, e-mail consent granted), campaign `news`
/// sending everyone "Hello {{ first_name }} of {{ community }}".
fn workspace() -> Ws {
    let ws = Ws::new();
    let file = ws.write("people.csv", PEOPLE);
    ws.ok(&[
        "import",
        &file,
        "--consent",
        "email=granted",
        "--key",
        "customer_id",
    ]);
    news_to_everyone(&ws, "Hello {{ first_name }} of {{ community }}");
    ws
}

/// Save e-mail campaign `news` sending `body` to segment `everyone` (every contact with
/// an e-mail address): the save that indexes what its preview reads.
fn news_to_everyone(ws: &Ws, body: &str) {
    ws.ok(&["campaign", "new", "news", "--channel", "email"]);
    ws.ok(&["segment", "add", "everyone", "email is not blank"]);
    ws.ok(&[
        "campaign",
        "add",
        "news",
        "everyone",
        "--subject",
        "News",
        "--body",
        body,
    ]);
}

/// The workspace's index names, sorted.
fn indexes(ws: &Ws) -> Vec<String> {
    let conn = rusqlite::Connection::open(&ws.path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '\\_%' ESCAPE '\\' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn saving_a_campaign_indexes_what_its_preview_reads_and_deleting_it_drops_them() {
    let ws = workspace();
    // `community` is an ordinary text field merged into the message (its held values
    // are checked); `first_name` is a name and never read for them. The e-mail channel's
    // refusers are read with the `email` column.
    assert_eq!(
        indexes(&ws),
        ["_refusers__consent_email", "_values_community"]
    );
    ws.ok(&["campaign", "rm", "news"]);
    assert!(indexes(&ws).is_empty(), "{:?}", indexes(&ws));
}

#[test]
fn a_sensitive_value_imported_after_the_save_still_refuses_the_merge_field() {
    let ws = workspace();
    assert_eq!(ws.exclusions("news").len(), 3);
    // Dee's community is `muslim`: religion (GDPR Art. 9(1)), now held by the field.
    let more = ws.write(
        "more.csv",
        "customer_id,email,first_name,community\n4,dee@example.com,Dee,muslim\n",
    );
    ws.ok(&[
        "import",
        &more,
        "--consent",
        "email=granted",
        "--key",
        "customer_id",
    ]);
    assert!(indexes(&ws).contains(&"_values_community".to_string()));
    ws.cmd()
        .args(["preview", "news", "--format", "json"])
        .assert()
        .code(1)
        .stderr(contains("community"))
        .stderr(contains("religion"));
}

#[test]
fn a_refusal_imported_after_the_save_still_holds_for_the_address() {
    let ws = workspace();
    assert_eq!(
        ws.exclusions("news"),
        [("1", "-"), ("2", "-"), ("3", "-")].map(|(k, e)| (k.to_string(), e.to_string()))
    );
    // Contact 4 declines with Bo's address; Bo (2) keeps his own grant, but a person
    // says no from an inbox: the address is refused for both.
    let more = ws.write(
        "more.csv",
        "customer_id,email,first_name,community\n4,bo@example.com,Robert,runners\n",
    );
    ws.ok(&[
        "import",
        &more,
        "--consent",
        "email=declined",
        "--key",
        "customer_id",
    ]);
    let out = ws.exclusions("news");
    assert_eq!(out.len(), 4, "{out:?}");
    assert_eq!(out[0], ("1".to_string(), "-".to_string()));
    assert_ne!(out[1].1, "-", "{out:?}");
    assert_eq!(out[2], ("3".to_string(), "-".to_string()));
    assert_ne!(out[3].1, "-", "{out:?}");
}

#[test]
fn import_undo_removes_an_indexed_field() {
    let ws = Ws::new();
    let first = ws.write("first.csv", "email,first_name\nana@example.com,Ana\n");
    ws.ok(&["import", &first, "--consent", "email=granted"]);
    // The second import adds `community`; a campaign merging it indexes it.
    let second = ws.write(
        "second.csv",
        "email,first_name,community\nana@example.com,Ana,runners\n",
    );
    ws.ok(&["import", &second, "--consent", "email=granted"]);
    news_to_everyone(&ws, "Hi {{ community }}");
    assert!(indexes(&ws).contains(&"_values_community".to_string()));
    ws.ok(&["import", "undo"]);
    assert!(!indexes(&ws).contains(&"_values_community".to_string()));
}
