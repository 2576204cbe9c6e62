//! `import --aggregate`: a contact's other fields follow its latest order, not the
//! file's last row (trial 4: Superstore's `CG-12520` kept Dallas from a 2015 order over
//! Houston from 2017, because the file is sorted by row id). Every expected value is
//! worked out by hand from the rows below.

mod review_support;

use review_support::*;

/// `(city, product, phone)` of contact `key` as `contact show --json` gives them
/// (`-` for a field with no value).
fn held(ws: &Ws, key: &str) -> (String, String, String) {
    let shown = ws.json(&["contact", "show", key], 0);
    let value = |name: &str| {
        let field = shown["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name);
        match field.map(|f| &f["value"]) {
            Some(serde_json::Value::String(s)) => s.clone(),
            _ => "-".to_string(),
        }
    };
    (value("city"), value("product"), value("phone"))
}

fn triple(city: &str, product: &str, phone: &str) -> (String, String, String) {
    (city.into(), product.into(), phone.into())
}

/// Rows out of date order. Ana: the 2017 order (Houston, Desk) comes before the 2015
/// one. Bo: 2016-01 gives a city, 2016-06 a product, and the file's last row is his
/// oldest order (2015-01), so city Austin and product Lamp. Cy: two lines of one
/// order of one date: the later line wins, as without `--aggregate`.
const ORDERS: &str = "order_id,email,city,product,phone,order_date,amount\n\
    1,ana@example.com,Houston,Desk,+44 7700 900001,2017-05-01,10\n\
    2,ana@example.com,Dallas,Chair,+44 7700 900002,2015-03-01,20\n\
    3,bo@example.com,Austin,,,2016-01-01,5\n\
    4,bo@example.com,,Lamp,,2016-06-01,5\n\
    5,bo@example.com,Waco,Rug,,2015-01-01,5\n\
    6,cy@example.com,Reno,Pen,,2020-01-01,1\n\
    6,cy@example.com,Elko,Ink,,2020-01-01,1\n";

#[test]
fn fields_follow_the_latest_order_whatever_the_row_order() {
    let ws = Ws::new();
    ws.import_csv("orders.csv", ORDERS, &["--aggregate"]);
    assert_eq!(
        held(&ws, "ana@example.com"),
        triple("Houston", "Desk", "+44 7700 900001")
    );
    assert_eq!(held(&ws, "bo@example.com"), triple("Austin", "Lamp", "-"));
    assert_eq!(held(&ws, "cy@example.com"), triple("Elko", "Ink", "-"));
}

#[test]
fn an_older_export_imported_later_does_not_bring_back_old_values() {
    let ws = Ws::new();
    ws.import_csv("orders.csv", ORDERS, &["--aggregate"]);
    // Ana's 2016 order is older than her 2017 one on record: nothing of it is taken.
    // Bo's 2019 order is his latest: its city replaces Austin; its blank product keeps
    // Lamp.
    let older = "order_id,email,city,product,phone,order_date,amount\n\
        7,ana@example.com,San Antonio,Lamp,+44 7700 900003,2016-01-01,3\n\
        9,bo@example.com,Tyler,,,2019-01-01,4\n";
    let report = ws.import_csv("more.csv", older, &["--aggregate"]);
    assert_eq!(report["contacts_updated"], 2);
    assert_eq!(
        held(&ws, "ana@example.com"),
        triple("Houston", "Desk", "+44 7700 900001")
    );
    assert_eq!(held(&ws, "bo@example.com"), triple("Tyler", "Lamp", "-"));
    // Undo puts back what the first file left.
    ws.ok(&["import", "undo"]);
    assert_eq!(held(&ws, "bo@example.com"), triple("Austin", "Lamp", "-"));
}

#[test]
fn datetimes_compare_as_instants_and_a_date_by_its_day() {
    let ws = Ws::new();
    // Shopify-style datetimes: the 09:00 order is later than the 08:30 one below it.
    let csv = "order_id,email,city,order_date,amount\n\
        1,dee@example.com,Lyon,2024-03-01T09:00:00Z,1\n\
        2,dee@example.com,Nice,2024-03-01T08:30:00Z,1\n";
    ws.import_csv("orders.csv", csv, &["--aggregate"]);
    assert_eq!(held(&ws, "dee@example.com").0, "Lyon");
    // A file of dates: its order of the same day is no earlier, so it is taken.
    let dates = "order_id,email,city,order_date,amount\n\
        3,dee@example.com,Metz,2024-03-01,1\n";
    ws.import_csv("dates.csv", dates, &["--aggregate"]);
    assert_eq!(held(&ws, "dee@example.com").0, "Metz");
}
