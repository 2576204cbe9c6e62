//! New-user trial 9, F-G15b and R2, through the binary: locations written as a map
//! link, a `geo:` URI, with a decimal comma, with hemisphere letters, as plus codes or
//! geohashes were ordinary data (usable in rules and subjects), and a map link was even
//! read as a minor's age group (`-74.0060` as "under 74"); conversely any column of
//! 4-decimal pairs was precise geolocation (exchange rates, ranges, dimensions).
//!
//! Expected by hand from src/fields/classify/coords.rs and the dictionary's
//! `[coordinates]` table:
//! - `Location` (map links with `?q=` and `/@lat,lng,15z`), `Pin` (`geo:`), `Memo`
//!   (`51.5074N, 0.1278W`), `Grid` (full plus codes: first two characters in range)
//!   are locations written as places: 100% under any header, special category;
//! - `Standort` (`51,5074 -0,1278`, `;` file, German `ja`) and `Punkt` (`51,5074;
//!   -0,1278`) are bare pairs with significant decimals, not both within ±2: 100%;
//! - `Position` (geohashes) and `Where` (short plus codes with a town) are places
//!   only under a place word, which both headers are; the same geohashes under `Code`
//!   (no place word) stay ordinary;
//! - `Exchange rates` (`1.1234, 0.8765`: both within ±2), `Range` (`12.5000, 15.0000`:
//!   1 significant decimal) and `Dimensions` (`51.5074,12.1278`: a measure header)
//!   stay ordinary, as does `Reading` holding the same rates (weak, no place word).

mod review_support;

use predicates::str::contains;
use review_support::Ws;

#[test]
fn locations_in_links_uris_commas_letters_and_codes_are_precise_geolocation() {
    let ws = Ws::new();
    let csv = "email,Accepts Email Marketing,Location,Pin,Memo,Grid,Punkt,Position,Where,Code\n\
        p1@example.com,yes,\"https://maps.google.com/?q=51.5074,-0.1278\",\"geo:51.5074,-0.1278\",\"51.5074N, 0.1278W\",9C3XGV4C+XV,\"51,5074; -0,1278\",gcpvj0duq,GV4C+XV London,gcpvj0duq\n\
        p2@example.com,yes,\"https://www.google.com/maps/@48.8566,2.3522,15z\",\"geo:48.8566,2.3522;u=35\",\"48.8566N, 2.3522E\",8FW4V75V+8Q,\"48,8566; 2,3522\",u09tunqu9,V75V+8Q Paris,u09tunqu9\n\
        p3@example.com,yes,\"https://maps.google.com/?q=40.7128,-74.0060\",\"geo:40.7128,-74.0060\",\"40.7128N, 74.0060W\",87G7PX7V+4H,\"40,7128; -74,0060\",dr5regw3p,PX7V+4H New York,dr5regw3p\n";
    ws.ok(&["import", &ws.write("geo.csv", csv)]);
    for field in [
        "location", "pin", "memo", "grid", "punkt", "position", "where",
    ] {
        let f = ws.field(field);
        assert_eq!(f["class"], "special_category", "{field}: {f}");
        assert_eq!(f["kind"], "precise_geolocation", "{field}: {f}");
        assert_eq!(f["role"], "none", "{field}: {f}");
    }
    assert_eq!(ws.field("code")["class"], "ordinary");
    for rule in [
        r#"location starts with "https""#,
        r#"pin starts with "geo:51""#,
        r#"position is "gcpvj0duq""#,
    ] {
        ws.cmd()
            .args(["reach", rule])
            .assert()
            .code(1)
            .stderr(contains("is blocked in segment rules"));
    }
    // The map link to New York is no age group: p3 is a recipient, not a known minor.
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        "s",
        "--body",
        "b",
    ]);
    let preview = ws.stdout(&["preview", "c", "--format", "csv"]);
    assert!(preview.contains("p3@example.com,"), "{preview}");
}

#[test]
fn decimal_comma_pairs_in_a_semicolon_file_are_precise_geolocation() {
    let ws = Ws::new();
    let csv = "email;Accepts Email Marketing;Standort\n\
        p1@example.com;ja;51,5074 -0,1278\n\
        p2@example.com;ja;48,8566 2,3522\n\
        p3@example.com;ja;40,7128 -74,0060\n";
    ws.ok(&["import", &ws.write("g15d.csv", csv)]);
    let f = ws.field("standort");
    assert_eq!(f["class"], "special_category", "{f}");
    assert_eq!(f["kind"], "precise_geolocation", "{f}");
    ws.cmd()
        .args(["reach", r#"standort starts with "51,50""#])
        .assert()
        .code(1)
        .stderr(contains("field `standort` is blocked in segment rules"));
}

#[test]
fn rates_ranges_and_dimensions_are_no_locations() {
    let ws = Ws::new();
    let csv = "email,Accepts Email Marketing,Exchange rates,Range,Dimensions,Reading\n\
        p1@example.com,yes,\"1.1234, 0.8765\",\"12.5000, 15.0000\",\"51.5074,12.1278\",\"1.1234, 0.8765\"\n\
        p2@example.com,yes,\"1.2345, 0.8100\",\"13.5000, 16.0000\",\"48.8566,22.3522\",\"1.2345, 0.8100\"\n\
        p3@example.com,yes,\"1.0987, 0.9100\",\"12.2500, 15.7500\",\"40.7128,14.0060\",\"1.0987, 0.9100\"\n";
    ws.ok(&["import", &ws.write("fx.csv", csv)]);
    for field in ["exchange_rates", "range", "dimensions", "reading"] {
        let f = ws.field(field);
        assert_eq!(f["class"], "ordinary", "{field}: {f}");
    }
    ws.ok(&["reach", r#"exchange_rates starts with "1.1""#]);
}

/// New-user trial 11, F7: degrees and decimal minutes as GPS receivers write them, and
/// a pair inside a sentence, were ordinary. Expected by hand from
/// src/fields/classify/coords_gps.rs: `Waypoint` values each have a hemisphere letter
/// per group, whole degrees in range and minutes with decimals (written places);
/// `Notes` values each hold a bare pair with 4 decimals, not both within ±2, inside a
/// sentence (100% of values, over the 90% bar under a header with no place word);
/// `Remarks` holds rates within ±2, versions and times in sentences: ordinary.
#[test]
fn gps_receiver_forms_and_pairs_in_notes_are_precise_geolocation() {
    let ws = Ws::new();
    let csv = "email,Accepts Email Marketing,Waypoint,Notes,Remarks\n\
        p1@example.com,yes,\"51 30.443 N, 0 7.665 W\",\"Meet at 51.5074, -0.1278 by the gate\",\"EUR/USD moved 1.1234, 0.8765 today\"\n\
        p2@example.com,yes,N48 51.396 E2 21.132,Drop-off at 48.8566 2.3522 please,Upgraded from 10.123 to 12.456\n\
        p3@example.com,yes,N40 42.768 W74 0.360,\"Leave it at 40.7128, -74.0060 (back door)\",Open 10 30.5 hours a week\n";
    ws.ok(&["import", &ws.write("gps.csv", csv)]);
    for field in ["waypoint", "notes"] {
        let f = ws.field(field);
        assert_eq!(f["class"], "special_category", "{field}: {f}");
        assert_eq!(f["kind"], "precise_geolocation", "{field}: {f}");
    }
    assert_eq!(ws.field("remarks")["class"], "ordinary");
    ws.cmd()
        .args(["reach", r#"notes contains "51.50""#])
        .assert()
        .code(1)
        .stderr(contains("field `notes` is blocked in segment rules"));
}
