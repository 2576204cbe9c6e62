//! Tags as an age signal read from the tags field's index (issue 13, README
//! "Benchmarks", session 11): when tags fields are a workspace's only age fields, saving
//! a campaign indexes them and the scan before the walk finds the known minors from the
//! index (each distinct tags cell judged once) instead of reading every contact. The
//! index is SQLite's, kept current by every write, so the promise holds on every route
//! that changes the tags: a contact whose tag names a minor, and every contact holding
//! its address, is excluded after an import, an `import undo`, a re-import and a
//! field's role change. Expected outcomes worked out by hand from the files below
//! (`teen` is 13 to 19 years old, under the default minor age of 16).

mod review_support;

use review_support::{Ws, pairs};

const PEOPLE: &str = "customer_id,email,first_name,tags\n\
1,ana@example.com,Ana,vip\n\
2,bo@example.com,Bo,\"vip, newsletter\"\n\
3,cy@example.com,Cy,\n";

/// Contact 4 holds Ana's address written another way and is tagged `teen`.
const TEEN: &str = "customer_id,email,first_name,tags\n4,Ana@Example.com,Ann,\"teen, gift\"\n";

fn import(ws: &Ws, name: &str, csv: &str) {
    let file = ws.write(name, csv);
    ws.ok(&[
        "import",
        &file,
        "--consent",
        "email=granted",
        "--key",
        "customer_id",
    ]);
}

/// Save e-mail campaign `news` sending "Hello {{ first_name }}" to every contact with
/// an e-mail address.
fn news_to_everyone(ws: &Ws) {
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
        "Hello {{ first_name }}",
    ]);
}

/// The workspace's own index names, sorted.
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

fn set_role(ws: &Ws, field: &str, role: &str) {
    ws.ok(&[
        "fields",
        "set",
        field,
        "--role",
        role,
        "--reason",
        "checking the minor check",
    ]);
}

#[test]
fn a_tag_naming_a_minor_holds_through_import_undo_reimport_and_role_change() {
    let ws = Ws::new();
    import(&ws, "people.csv", PEOPLE);
    news_to_everyone(&ws);
    // Tags are the only age field: the save indexes them beside the refusers.
    assert_eq!(indexes(&ws), ["_refusers__consent_email", "_values_tags"]);
    let nobody = pairs(&[("1", "-"), ("2", "-"), ("3", "-")]);
    assert_eq!(ws.exclusions("news"), nobody);
    // Imported after the save: Ann is a minor by her tag, and Ana holds her address.
    import(&ws, "teen.csv", TEEN);
    let minors = pairs(&[("1", "minor"), ("2", "-"), ("3", "-"), ("4", "minor")]);
    assert_eq!(ws.exclusions("news"), minors);
    // Tags no longer an age signal: Ann's address is Ana's, so Ann is the duplicate.
    set_role(&ws, "tags", "none");
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("1", "-"),
            ("2", "-"),
            ("3", "-"),
            ("4", "duplicate_address")
        ])
    );
    set_role(&ws, "tags", "tags");
    assert_eq!(ws.exclusions("news"), minors);
    // The undo removes Ann; her address stays on record as a known minor's.
    ws.ok(&["import", "undo"]);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("1", "minor"), ("2", "-"), ("3", "-")])
    );
    import(&ws, "teen.csv", TEEN);
    assert_eq!(ws.exclusions("news"), minors);
    assert_eq!(indexes(&ws), ["_refusers__consent_email", "_values_tags"]);
    // Review and export read the same scan: Ana and Ann are minors there too.
    let out = ws.out("export");
    ws.ok(&["export", "news", "--out", out.to_str().unwrap(), "--force"]);
    let recipients = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert!(recipients.contains("bo@example.com"), "{recipients}");
    assert!(
        !recipients.to_lowercase().contains("ana@example.com"),
        "{recipients}"
    );
}

#[test]
fn tags_held_as_text_name_a_minor_for_everyone_at_the_address() {
    // `interests` is free text (not a list by name); a tags field because a value names
    // a minor's age group (session 12, G2), or by hand; its tags are split at `,` `;`
    // `|` as the walk splits them: `hiking; teen` holds `teen`, so Kid is a minor, and
    // Kay, at Kid's address, is excluded with Kid. `main` split it at commas only
    // before the walk: Kay got the message.
    let csv = "customer_id,email,first_name,interests\n\
1,kid@example.com,Kid,hiking; teen\n\
2,Kid@Example.com,Kay,\n\
3,bo@example.com,Bo,gift; sale\n";
    let expected = pairs(&[("1", "minor"), ("2", "minor"), ("3", "-")]);
    // Role given back by hand after the save: no index on `interests`, the table is read.
    let ws = Ws::new();
    import(&ws, "people.csv", csv);
    assert_eq!(ws.field("interests")["role"], "tags");
    set_role(&ws, "interests", "none");
    news_to_everyone(&ws);
    set_role(&ws, "interests", "tags");
    assert_eq!(indexes(&ws), ["_refusers__consent_email"]);
    assert_eq!(ws.exclusions("news"), expected);
    // Role given at import, before the save: the save indexes `interests`, read from
    // the index.
    let ws = Ws::new();
    import(&ws, "people.csv", csv);
    news_to_everyone(&ws);
    assert_eq!(
        indexes(&ws),
        ["_refusers__consent_email", "_values_interests"]
    );
    assert_eq!(ws.exclusions("news"), expected);
}

#[test]
fn a_minor_found_from_the_tags_index_is_one_on_the_other_channel_too() {
    // Trial 4, N8, on the indexed route: Kid is a minor by the tag `teen` (found from
    // the tags index, the only age field); Pat shares Kid's phone number, so the
    // e-mail campaign leaves Pat out too, as the scan of every contact would.
    let csv = "customer_id,email,phone,first_name,tags\n\
1,kid@example.com,+447700900123,Kid,teen\n\
2,pat@example.com,+447700900123,Pat,vip\n\
3,bo@example.com,+447700900456,Bo,vip\n";
    let ws = Ws::new();
    import(&ws, "people.csv", csv);
    news_to_everyone(&ws);
    assert!(indexes(&ws).contains(&"_values_tags".to_string()));
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("1", "minor"), ("2", "minor"), ("3", "-")])
    );
}
