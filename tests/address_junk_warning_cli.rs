//! The import report says, by count and first lines, when e-mail values were no plain
//! address: the address inside other text (`ann@example.com/`, `Cy <cy@…>`,
//! `mailto:…`, `/eve@…`), read for keys, the suppression list and refusals but never
//! sent to (`no_address`), so the user learns it at import and not from the
//! preview's count (new-user trial 9, L-N8w); and when a second e-mail column holds a
//! look-alike address (`ann@cоrp.com`, Cyrillic `о`), which the suppression list
//! and refusals then read by its Latin reading, as for the first column (trial 9,
//! L-G18s). README, "Contacts, phone numbers and suppression lists". Driven through
//! the `tactful` binary; expected texts and outcomes by hand from the files below. On
//! main d4840f0 the report said nothing, and Ann's look-alike met no suppression.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs, warnings};

/// Lines 2, 4, 5 and 6 hold an address inside other text; line 3 is plain.
const PEOPLE: &str = "Email,First Name,Accepts Email Marketing\n\
                      ann@example.com/,Ann,yes\n\
                      bob@example.com,Bob,yes\n\
                      Cy <cy@example.com>,Cy,yes\n\
                      mailto:dee@example.com,Dee,yes\n\
                      /eve@example.com,Eve,yes\n";

/// One warning counts the four values and quotes the first three by line; the
/// preview's `no_address` count is the same four, and Bob, written plainly, is the
/// only recipient.
#[test]
fn values_with_text_around_the_address_are_reported_by_line() {
    let ws = Ws::new();
    let report = ws.import_csv("people.csv", PEOPLE, &[]);
    let found: Vec<String> = warnings(&report)
        .into_iter()
        .filter(|w| w.contains("no plain address"))
        .collect();
    assert_eq!(
        found,
        vec![
            "4 values in `Email` are no plain address: they hold the address inside other text (a name, `<…>`, quotes, `mailto:`, or a link's rest before or after it) or several addresses: line 2: `ann@example.com/`, line 4: `Cy <cy@example.com>`, line 5: `mailto:dee@example.com` and 1 more; each keys its contact and meets the suppression list and refusals by the address inside, but no message goes to a value written so (excluded as `no_address`): write one address plain"
                .to_string()
        ],
        "{report:#}"
    );
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "no_address"),
            ("bob@example.com", "-"),
            ("cy@example.com", "no_address"),
            ("dee@example.com", "no_address"),
            ("eve@example.com", "no_address"),
        ])
    );
}

/// A file of plain addresses (capitals are plain once lower-cased) says nothing of it.
#[test]
fn plain_addresses_say_nothing() {
    let ws = Ws::new();
    let file = "Email,First Name\nAnn@Example.com,Ann\nbob@example.com,Bob\n";
    let report = ws.import_csv("people.csv", file, &[]);
    assert!(
        !warnings(&report)
            .iter()
            .any(|w| w.contains("no plain address") || w.contains("two scripts")),
        "{report:#}"
    );
}

/// The trial's look-alike in a second column: one warning by line, and the list's
/// `ann@corp.com` suppresses Ann through it (on main: no warning, Ann mailed).
#[test]
fn a_look_alike_in_a_second_column_is_reported_and_matched() {
    let ws = Ws::new();
    let list = ws.write("list.txt", "ann@corp.com\n");
    ws.ok(&["suppress", &list]);
    let file = "Email,Secondary Email,First Name,Accepts Email Marketing\n\
                ann@example.com,ann@c\u{43e}rp.com,Ann,yes\n\
                bob@example.com,,Bob,yes\ncy@example.com,,Cy,yes\n";
    let report = ws.import_csv("people.csv", file, &[]);
    let found: Vec<String> = warnings(&report)
        .into_iter()
        .filter(|w| w.contains("two scripts"))
        .collect();
    assert_eq!(
        found,
        vec![
            "1 value in `Secondary Email` mixes letters of two scripts in one part of an address (a look-alike of another address, UTS #39): line 2: `ann@c\u{43e}rp.com`; no message goes to such a value, and the suppression list and refusals hold for its Latin reading: write it in one script"
                .to_string()
        ],
        "{report:#}"
    );
    assert_eq!(ws.field("secondary_email")["role"], "email");
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "suppressed"),
            ("bob@example.com", "-"),
            ("cy@example.com", "-"),
        ])
    );
}

/// A look-alike in a display-name form (`Ann <ann@cоrp.com>`) in a second column
/// later matched by a refusal of `ann@corp.com`, a contact of its own that said no:
/// Ann is excluded for it (`no_consent`).
#[test]
fn a_wrapped_look_alike_meets_the_refusal_of_its_latin_reading() {
    let ws = Ws::new();
    let file = "Email,Work Email,First Name,Accepts Email Marketing\n\
                ann@example.com,Ann <ann@c\u{43e}rp.com>,Ann,yes\n\
                ann@corp.com,,Annie,no\nbob@example.com,,Bob,yes\n";
    ws.import_csv("people.csv", file, &[]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "no_consent"),
            ("ann@corp.com", "no_consent"),
            ("bob@example.com", "-"),
        ])
    );
}
