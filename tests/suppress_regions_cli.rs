//! A number written without its country code is read in every region the workspace's
//! imports used, not only the last `--region` (new-user trial, session 8: a GB
//! contact's `07911 123456` on a suppression list was read as German after a DE
//! import, and the GB contact was still texted).

mod review_support;

use review_support::{BOTH_GRANTED, SMS_EVERYONE, Ws, pairs};

/// A GB file (`--region GB`) then a DE file (`--region DE`), both granting SMS.
fn gb_then_de() -> Ws {
    let ws = Ws::new();
    let gb = ws.write("gb.csv", "email,phone\na@example.com,07911 123456\n");
    let de = ws.write("de.csv", "email,phone\nb@example.com,0151 23456789\n");
    for (file, region) in [(&gb, "GB"), (&de, "DE")] {
        let mut args = vec!["import", file.as_str(), "--region", region];
        args.extend(BOTH_GRANTED);
        ws.ok(&args);
    }
    ws
}

/// The trial's case: `07911 123456` read in GB is `+447911123456` (a's number), read in
/// DE `+497911123456` (a German area code 07911 number of possible length); both are
/// added, the line is counted as read in several regions, and a is suppressed while b
/// (`0151 23456789`, not on the list) is still texted.
#[test]
fn a_national_number_is_suppressed_in_every_region_the_imports_used() {
    let ws = gb_then_de();
    let list = ws.write("list.txt", "07911 123456\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(report["several_regions"]["count"], 1, "{report}");
    assert_eq!(report["several_regions"]["lines"], serde_json::json!([1]));
    // The workspace's region (DE, the last --region) first, then each import's.
    assert_eq!(report["regions"], serde_json::json!(["DE", "GB"]));
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("a@example.com", "suppressed"), ("b@example.com", "-")])
    );
    // The human report says the number was read in several regions.
    let again = ws.write("again.txt", "07911 123456\n");
    let said = ws.stdout(&["suppress", &again]);
    assert!(
        said.contains("1 phone number written without a country code was read in each region the workspace's imports used (DE, GB)"),
        "{said}"
    );
}

/// The regions of a country column count too: a workspace imported with no
/// `--region`, whose rows name GB and DE, reads a list's national number in both (it
/// used to need `--region` and suppress nothing).
#[test]
fn a_country_column_gives_its_regions() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,phone,country\na@example.com,07911 123456,GB\nb@example.com,0151 23456789,DE\n",
    );
    let mut args = vec!["import", file.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    let list = ws.write("list.txt", "07911 123456\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["needs_region"]["count"], 0, "{report}");
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("a@example.com", "suppressed"), ("b@example.com", "-")])
    );
}

/// `contact show` and `contact erase` find a contact by a national number read in the
/// region its import used, not only the workspace's last one: `07911 123456` is a's.
#[test]
fn a_contact_is_found_by_a_national_number_of_an_earlier_region() {
    let ws = gb_then_de();
    let shown = ws.json(&["contact", "show", "07911 123456"], 0);
    assert_eq!(shown["key"], "a@example.com", "{shown}");
    ws.ok(&["contact", "erase", "07911 123456"]);
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("b@example.com", "-")])
    );
}

/// An import with no `--region` reads national numbers in the workspace's region (DE,
/// the last one given), but a refusal of `07911 123456` may be the GB contact's: the
/// refusing row also puts its GB reading, +447911123456, on the suppression list, so a
/// is suppressed. The row itself keys a new contact by its DE reading,
/// +497911123456, declined. Before, a was still texted.
#[test]
fn a_refusal_imported_later_holds_in_every_region() {
    let ws = gb_then_de();
    let unsub = ws.write("unsub.csv", "phone,sms_consent\n07911 123456,no\n");
    ws.ok(&["import", &unsub]);
    let sms_all = SMS_EVERYONE.replace("email is not blank", "phone is not blank");
    assert_eq!(
        ws.outcome(&sms_all, "text"),
        pairs(&[
            ("+497911123456", "no_consent"),
            ("a@example.com", "suppressed"),
            ("b@example.com", "-")
        ])
    );
}

/// Session-9 trial: `tactful suppress` before any region is known (a fresh workspace:
/// no `--region`, no import, no country column) keeps `07911 123456` as written (added
/// 1, named on line 1) and it matches once the number arrives in any region: a
/// (`--region GB`: +447911123456) and b (`--region DE`: +497911123456) are suppressed;
/// c (+447911123457) is not. Before, the number was reported, not added (exit 0), and
/// a and b were sent to.
#[test]
fn a_number_listed_before_any_region_is_suppressed_in_every_region() {
    let ws = Ws::new();
    let list = ws.write("list.txt", "07911 123456\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["added"], 1, "{report}");
    assert_eq!(report["needs_region"]["count"], 1, "{report}");
    assert_eq!(report["needs_region"]["lines"], serde_json::json!([1]));
    let gb = ws.write(
        "gb.csv",
        "email,phone\na@example.com,07911 123456\nc@example.com,07911 123457\n",
    );
    let de = ws.write("de.csv", "email,phone\nb@example.com,07911 123456\n");
    for (file, region) in [(&gb, "GB"), (&de, "DE")] {
        let mut args = vec!["import", file.as_str(), "--region", region];
        args.extend(BOTH_GRANTED);
        ws.ok(&args);
    }
    assert_eq!(
        ws.outcome(review_support::EMAIL_EVERYONE, "news"),
        pairs(&[
            ("a@example.com", "suppressed"),
            ("b@example.com", "suppressed"),
            ("c@example.com", "-"),
        ])
    );
}
