//! Addresses hidden from spam robots with bracketed markers (`ann(at)example.com`,
//! `bo [at] example [dot] com`) are read as the address they hide on every side: the
//! contact key, the suppression list, refusals; never sent to as written (new-user
//! trial: the row was keyed by its phone number, and a list holding
//! `ann(at)example.com` met nobody). Expected outcomes worked out by hand.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Ws, pairs, warnings};

const PEOPLE: &str = "email,first_name,phone\n\
    ann(at)example.com,Ann,07700 900111\n\
    bo [at] example [dot] com,Bo,\n\
    cy@example.com,Cy,\n";

fn import(ws: &Ws, csv: &str) -> serde_json::Value {
    let mut args = vec!["--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.import_csv("people.csv", csv, &args)
}

#[test]
fn an_obfuscated_address_keys_its_contact_and_is_never_sent_to() {
    let ws = Ws::new();
    let report = import(&ws, PEOPLE);
    assert_eq!(report["keyed_by_phone"], 0, "{report}");
    assert_eq!(report["contacts_added"], 3, "{report}");
    let warned = warnings(&report);
    let w = warned
        .iter()
        .find(|w| w.starts_with("2 values in `email` write the address with `(at)` or `[dot]` markers: line 2: `ann(at)example.com`, line 3: `bo [at] example [dot] com`;"))
        .unwrap_or_else(|| panic!("{warned:#?}"));
    assert!(w.contains("excluded as `no_address`"), "{w}");
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "no_address"),
            ("bo@example.com", "no_address"),
            ("cy@example.com", "-"),
        ])
    );
    // A later file writing Ann plainly updates the same contact.
    let again = import(&ws, "email,first_name\nann@example.com,Ann\n");
    assert_eq!(again["contacts_added"], 0, "{again}");
    assert_eq!(again["contacts_updated"], 1, "{again}");
}

/// The list holds the markers, the contact the plain address, and the other way round:
/// both meet.
#[test]
fn the_suppression_list_reads_the_markers_as_the_import_does() {
    let ws = Ws::new();
    import(
        &ws,
        "email,first_name\nann@example.com,Ann\nbo@example.com,Bo\n",
    );
    let list = ws.write(
        "list.txt",
        "ann(at)example.com\nbo [at] example [dot] com\n",
    );
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["added"], 2, "{report}");
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "suppressed"),
            ("bo@example.com", "suppressed"),
        ])
    );

    let ws = Ws::new();
    import(&ws, PEOPLE);
    let list = ws.write("list.txt", "ann@example.com\n");
    ws.json(&["suppress", &list], 0);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news")[0],
        ("ann@example.com".into(), "suppressed".into())
    );
}
