use super::*;
use crate::workspace::records::value_counts;

fn table(rows: &str) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(&format!(
        "CREATE TABLE contacts (_id INTEGER PRIMARY KEY, city TEXT, email TEXT,
           email2 TEXT, _consent_email TEXT);
         {rows}"
    ))
    .unwrap();
    conn
}

fn plan(conn: &Connection, sql: &str) -> String {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
}

const REFUSALS: [&str; 3] = ["declined", "withdrawn", "bounced"];

#[test]
fn the_index_counts_what_the_table_scan_counts() {
    // The rows of `records`' value_counts test: '' and NULL are blank, 'abcd' has 4
    // characters (over the limit of 3), 'é' is one character and sorts after ASCII.
    let conn = table(
        "INSERT INTO contacts (city) VALUES ('b'), ('a'), ('b'), (''), (NULL), ('é'), ('abcd');",
    );
    assert_eq!(
        value_counts_indexed(&conn, "city", 3, |_| true).unwrap(),
        None
    );
    ensure_value_index(&conn, "city").unwrap();
    assert!(has_value_index(&conn, "city").unwrap());
    let all = value_counts_indexed(&conn, "city", 3, |_| true).unwrap();
    assert_eq!(
        all,
        Some(vec![("a".into(), 1), ("b".into(), 2), ("é".into(), 1)])
    );
    // Values `wanted` turns away are not counted at all.
    let some = value_counts_indexed(&conn, "city", 3, |v| v != "b").unwrap();
    assert_eq!(some, Some(vec![("a".into(), 1), ("é".into(), 1)]));
    assert_eq!(value_indexed(&conn).unwrap(), vec!["city".to_string()]);
}

#[test]
fn past_the_seeks_the_rest_of_the_index_is_counted_in_one_pass() {
    // 300 distinct values (more than SEEKS = 256), value i held (i % 3) + 1 times:
    // 100 values each of 1, 2 and 3 holders, 600 contacts.
    let conn = table("");
    for i in 0..300 {
        for _ in 0..(i % 3) + 1 {
            conn.execute(
                "INSERT INTO contacts (city) VALUES (?1)",
                [format!("v{i:03}")],
            )
            .unwrap();
        }
    }
    let scanned = value_counts(&conn, &[("city", 10)]).unwrap().remove(0);
    ensure_value_index(&conn, "city").unwrap();
    let indexed = value_counts_indexed(&conn, "city", 10, |_| true)
        .unwrap()
        .unwrap();
    assert_eq!(indexed.len(), 300);
    assert_eq!(indexed.iter().map(|(_, n)| n).sum::<u64>(), 600);
    // 299 % 3 = 2: v299 is held 3 times.
    assert_eq!(indexed[299], ("v299".to_string(), 3));
    assert_eq!(indexed, scanned);
}

#[test]
fn the_reads_before_the_walk_use_the_indexes() {
    let conn = table("");
    ensure_value_index(&conn, "city").unwrap();
    ensure_refusers_index(&conn, "_consent_email", &REFUSALS, &["email".to_string()]).unwrap();
    let filter = refusal_filter("_consent_email", &REFUSALS).unwrap();
    let refusers = plan(
        &conn,
        &format!(
            "SELECT _id, \"_consent_email\", CAST(\"email\" AS TEXT) FROM contacts WHERE {filter}"
        ),
    );
    assert!(
        refusers.contains("COVERING INDEX _refusers__consent_email"),
        "{refusers}"
    );
    let seek = plan(
        &conn,
        "SELECT city FROM contacts WHERE city > 'a' ORDER BY city LIMIT 1",
    );
    assert!(seek.contains("COVERING INDEX _values_city"), "{seek}");
    assert!(!seek.contains("TEMP B-TREE"), "{seek}");
    let rest = plan(
        &conn,
        "SELECT city, count(*) FROM contacts WHERE city > 'a' GROUP BY city",
    );
    assert!(rest.contains("COVERING INDEX _values_city"), "{rest}");
    assert!(!rest.contains("TEMP B-TREE"), "{rest}");
}

#[test]
fn a_refusers_index_follows_its_columns_and_reads_refusers_only() {
    let conn = table(
        "INSERT INTO contacts (email, _consent_email) VALUES ('a@x', 'declined'),
           ('b@x', 'granted'), ('c@x', 'bounced');",
    );
    let email = vec!["email".to_string()];
    ensure_refusers_index(&conn, "_consent_email", &REFUSALS, &email).unwrap();
    let both = vec!["email".to_string(), "email2".to_string()];
    ensure_refusers_index(&conn, "_consent_email", &REFUSALS, &both).unwrap();
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_index_info('_refusers__consent_email')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(columns, ["_consent_email", "email", "email2"]);
    // Contacts 1 (declined) and 3 (bounced) refused; 2 granted.
    let filter = refusal_filter("_consent_email", &REFUSALS).unwrap();
    let ids: Vec<i64> = conn
        .prepare(&format!(
            "SELECT _id FROM contacts WHERE {filter} ORDER BY _id"
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids, [1, 3]);
    assert!(refusal_filter("_consent_email", &["declined'; --"]).is_err());
    assert!(refusal_filter("_consent_email", &[]).is_err());
}

#[test]
fn an_indexed_column_can_still_be_dropped() {
    let conn = table("");
    ensure_value_index(&conn, "city").unwrap();
    ensure_value_index(&conn, "email2").unwrap();
    ensure_refusers_index(&conn, "_consent_email", &REFUSALS, &["email".to_string()]).unwrap();
    // SQLite refuses to drop a column an index uses.
    assert!(
        conn.execute_batch("ALTER TABLE contacts DROP COLUMN email")
            .is_err()
    );
    drop_on_column(&conn, "email").unwrap();
    conn.execute_batch("ALTER TABLE contacts DROP COLUMN email")
        .unwrap();
    // Only the refusers index used `email`; the value indexes stay.
    assert_eq!(
        value_indexed(&conn).unwrap(),
        vec!["city".to_string(), "email2".to_string()]
    );
    drop_value_index(&conn, "city").unwrap();
    assert_eq!(value_indexed(&conn).unwrap(), vec!["email2".to_string()]);
}

#[test]
fn distinct_values_come_from_the_index_once_each() {
    let conn = table(
        "INSERT INTO contacts (city) VALUES ('b'), ('a'), ('b'), (''), (NULL), ('é'), ('a');",
    );
    let read = |conn: &Connection| {
        let mut seen: Vec<String> = Vec::new();
        let indexed = distinct_indexed(conn, "city", |v| {
            seen.push(v.as_str().unwrap().to_string());
            Ok(())
        })
        .unwrap();
        (indexed, seen)
    };
    // No index: nothing is read, the caller reads the table.
    assert_eq!(read(&conn), (false, vec![]));
    ensure_value_index(&conn, "city").unwrap();
    // By hand: '', 'a', 'b', 'é' in byte order, NULL left out, each once.
    assert_eq!(
        read(&conn),
        (true, ["", "a", "b", "é"].map(String::from).to_vec())
    );
    // Past the seeks (300 distinct values), the rest comes from one pass, once each.
    for i in 0..300 {
        conn.execute(
            "INSERT INTO contacts (city) VALUES (?1)",
            [format!("v{i:03}")],
        )
        .unwrap();
    }
    // By hand: '', 'a', 'b', then v000 to v299, then 'é' (0xC3 sorts after 'v').
    let (_, seen) = read(&conn);
    assert_eq!(seen.len(), 304);
    assert_eq!(seen[3], "v000");
    assert_eq!(seen[302], "v299");
    assert_eq!(seen[303], "é");
}
