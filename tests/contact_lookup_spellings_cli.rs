//! `contact show` and `contact erase` find a person however the request writes their
//! address or number (new-user trial 11, F9): `Dee <dee@example.com>`,
//! `/dee@example.com`, `mailto:dee@example.com`, an address inside a sentence, and a
//! national number (`07700 900123`) for a number stored in E.164 (`+447700900123`)
//! each answered "no contact with key ... and no trace", for a person the workspace
//! held. Expected by hand: the import keyed Dee by the address its reader takes out of
//! such a value (README, "Contacts, phone numbers and suppression lists"), and the
//! UK national number 07700 900123 is +44 7700 900123 (Ofcom's drama range); with no
//! region known, a national number is read in the country of each stored number, as a
//! suppression list read without a region matches.

mod review_support;

use review_support::Ws;

/// Dee (e-mail key, UK mobile in international form) and Eli, imported with no
/// `--region`, so the workspace knows no region.
fn workspace() -> Ws {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        "email,first_name,phone\n\
         dee@example.com,Dee,+447700900123\n\
         eli@example.com,Eli,+447700900456\n",
        &["--consent", "email=granted"],
    );
    ws
}

const SPELLINGS: [&str; 8] = [
    "Dee <dee@example.com>",
    "/dee@example.com",
    "mailto:dee@example.com",
    "please erase dee@example.com, thanks",
    "<DEE@EXAMPLE.COM>;",
    "dee@example.com/",
    "07700 900123",
    "+44 (0)7700 900123",
];

#[test]
fn show_finds_the_contact_in_every_spelling() {
    let ws = workspace();
    for asked in SPELLINGS {
        let shown = ws.json(&["contact", "show", asked], 0);
        assert_eq!(shown["key"], "dee@example.com", "{asked}: {shown}");
        assert_eq!(shown["erased"], false, "{asked}");
    }
}

/// Erasing by a wrapped spelling deletes Dee and puts her on the suppression list by
/// key, address and number: the same file imported again skips her, and `contact show`
/// by the plain address and by the number reports the erasure.
#[test]
fn erase_by_a_written_spelling_erases_and_suppresses_the_person() {
    for asked in [
        "Dee <dee@example.com>",
        "mailto:dee@example.com",
        "07700 900123",
    ] {
        let ws = workspace();
        let erased = ws.json(&["contact", "erase", asked], 0);
        assert_eq!(erased["already_erased"], false, "{asked}: {erased}");
        // key, e-mail and phone entries.
        assert_eq!(erased["suppression_entries"], 3, "{asked}: {erased}");
        for after in ["dee@example.com", "+447700900123", "Dee <dee@example.com>"] {
            let shown = ws.json(&["contact", "show", after], 0);
            assert_eq!(shown["erased"], true, "{asked} then {after}: {shown}");
        }
        let again = ws.import_csv(
            "again.csv",
            "email,first_name,phone\ndee@example.com,Dee,+447700900123\ngil@example.com,Gil,\n",
            &["--consent", "email=granted"],
        );
        assert_eq!(again["rows_skipped_erased"], 1, "{asked}: {again}");
        // Erasing again by another spelling finds the erasure, not "no trace".
        let twice = ws.json(&["contact", "erase", "/dee@example.com"], 0);
        assert_eq!(twice["already_erased"], true, "{asked}: {twice}");
    }
}

/// A national number two contacts hold is no one contact: the command says so and
/// lists both keys, and erases nothing.
#[test]
fn a_number_two_contacts_hold_lists_them_and_erases_nothing() {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        "email,first_name,phone\n\
         dee@example.com,Dee,+447700900123\n\
         fay@example.com,Fay,+44 7700 900123\n",
        &["--consent", "email=granted"],
    );
    for command in ["show", "erase"] {
        let out = ws
            .cmd()
            .args(["contact", command, "07700 900123"])
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            stderr.contains("does not name one contact for sure")
                && stderr.contains("dee@example.com, fay@example.com"),
            "{command}: {stderr}"
        );
        assert!(!stderr.contains("no trace"), "{command}: {stderr}");
    }
    for key in ["dee@example.com", "fay@example.com"] {
        assert_eq!(ws.json(&["contact", "show", key], 0)["erased"], false);
    }
}

/// A contact keyed by its number (an SMS list, no region known) is found, shown and
/// erased by the national spelling, `tel:` link included.
#[test]
fn a_phone_keyed_contact_is_found_by_its_national_number() {
    let ws = Ws::new();
    ws.import_csv(
        "texts.csv",
        "phone,first_name\n+447700900789,Gus\n",
        &["--consent", "sms=granted"],
    );
    let shown = ws.json(&["contact", "show", "07700 900789"], 0);
    assert_eq!(shown["key"], "+447700900789", "{shown}");
    let erased = ws.json(&["contact", "erase", "tel:07700 900789"], 0);
    assert_eq!(erased["already_erased"], false, "{erased}");
    assert_eq!(
        ws.json(&["contact", "show", "+447700900789"], 0)["erased"],
        true
    );
}

/// A display name that is itself an address names nobody: `"bob@x.com" <ann@x.com>`
/// is Ann's row (RFC 5322 `name-addr`), keyed, shown and erased as Ann.
#[test]
fn a_display_name_that_looks_like_an_address_is_only_a_name() {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        "email,first_name\n\"\"\"bob@example.com\"\" <ann@example.com>\",Ann\nbob@example.com,Bob\n",
        &["--consent", "email=granted"],
    );
    let shown = ws.json(&["contact", "show", "ann@example.com"], 0);
    assert_eq!(shown["key"], "ann@example.com", "{shown}");
    let first_name = shown["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "first_name")
        .unwrap()["value"]
        .clone();
    assert_eq!(first_name, "Ann", "{shown}");
    // Bob keeps his own row and name.
    let bob = ws.json(&["contact", "show", "bob@example.com"], 0);
    assert_eq!(bob["key"], "bob@example.com");
    let asked = "\"bob@example.com\" <ann@example.com>";
    assert_eq!(
        ws.json(&["contact", "show", asked], 0)["key"],
        "ann@example.com"
    );
}
