//! Trial 8, H3: a template export marks its recipients with a value unique to the
//! export, so the platform segment the README sends to holds this export's recipients
//! and nobody an earlier export (or a platform sync) marked.
//!
//! The platform is simulated from its documented import behaviour, written here without
//! tactful's code: an upload adds or overwrites the values of the contacts in the file
//! and never touches anyone else; Mailchimp tags accumulate (a contact keeps every tag
//! it was given), Klaviyo and listmonk properties and Brevo attributes hold the last
//! value uploaded. The README's send step is "contacts whose segment column holds the
//! manifest's marker" (Mailchimp: "is tagged" with it).

mod review_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use review_support::*;

const PLATFORMS: [&str; 4] = ["mailchimp", "klaviyo", "brevo", "listmonk"];

/// Address and segment-column value of every row of an `audience.csv`.
fn marked(platform: &str, dir: &Path) -> Vec<(String, String)> {
    let text = String::from_utf8(read(&dir.join("audience.csv"))).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let (address, segment) = match platform {
                "mailchimp" => (&rec[col("Email Address")], rec[col("Tags")].to_string()),
                "klaviyo" => (&rec[col("Email")], rec[col("tactful_segment")].to_string()),
                "brevo" => (&rec[col("EMAIL")], rec[col("TACTFUL_SEGMENT")].to_string()),
                _ => {
                    let a: serde_json::Value =
                        serde_json::from_str(&rec[col("attributes")]).unwrap();
                    (
                        &rec[col("email")],
                        a["tactful_segment"].as_str().unwrap().to_string(),
                    )
                }
            };
            (address.to_string(), segment)
        })
        .collect()
}

/// The manifest's marker of entry 1.
fn marker_of(dir: &Path) -> String {
    let m: serde_json::Value = manifest_in(dir);
    let markers = m["profile"]["markers"].as_array().expect("profile.markers");
    assert_eq!(markers.len(), 1, "{markers:?}");
    assert_eq!(markers[0]["segment"], "gold");
    markers[0]["marker"].as_str().unwrap().to_string()
}

fn export(ws: &Ws, campaign: &str, platform: &str) -> std::path::PathBuf {
    let out = ws.out(&format!("{campaign}-{platform}"));
    ws.ok(&[
        "export",
        campaign,
        "--out",
        out.to_str().unwrap(),
        "--profile",
        platform,
        "--no-bom",
    ]);
    out
}

#[test]
fn the_send_marker_is_this_exports_own_and_misses_earlier_recipients() {
    let ws = Ws::new();
    ws.import_csv(
        "dec.csv",
        "Email,First Name,Accepts Email Marketing,Tier\n\
         ann@example.com,Ann,yes,gold\n\
         bob@example.com,Bob,yes,gold\n\
         cy@example.com,Cy,yes,gold\n",
        &[],
    );
    ws.ok(&["segment", "add", "gold", "tier is \"gold\""]);
    for c in ["dec", "jan"] {
        ws.ok(&["campaign", "new", c, "--channel", "email", "--k", "2"]);
    }
    ws.ok(&[
        "campaign",
        "add",
        "dec",
        "gold",
        "--subject",
        "December",
        "--body",
        "Hi {{ first_name }}",
    ]);
    let dec: Vec<_> = PLATFORMS.iter().map(|p| export(&ws, "dec", p)).collect();
    // Ann opts out in the shop; January's campaign leaves her out.
    ws.import_csv(
        "optout.csv",
        "Email,First Name,Accepts Email Marketing,Tier\nann@example.com,Ann,no,gold\n",
        &[],
    );
    ws.ok(&[
        "campaign",
        "add",
        "jan",
        "gold",
        "--subject",
        "January",
        "--body",
        "Hi {{ first_name }}",
    ]);
    for (platform, dec_dir) in PLATFORMS.iter().zip(&dec) {
        let jan_dir = export(&ws, "jan", platform);
        let (dec_marker, jan_marker) = (marker_of(dec_dir), marker_of(&jan_dir));
        assert!(dec_marker.starts_with("tactful-gold-"), "{dec_marker}");
        assert!(jan_marker.starts_with("tactful-gold-"), "{jan_marker}");
        assert_ne!(dec_marker, jan_marker, "{platform}");
        // Every row of each file carries its own export's marker.
        for (dir, marker) in [(dec_dir, &dec_marker), (&jan_dir, &jan_marker)] {
            for (address, value) in marked(platform, dir) {
                assert_eq!(&value, marker, "{platform} {address}");
            }
        }
        // The platform after both uploads, and the README's send step for January.
        let mut on_platform: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        // A platform sync already tagged everyone `gold` (the bare segment name).
        for who in ["ann@example.com", "bob@example.com", "cy@example.com"] {
            on_platform
                .entry(who.into())
                .or_default()
                .insert("gold".into());
        }
        for dir in [dec_dir, &jan_dir] {
            for (address, value) in marked(platform, dir) {
                let held = on_platform.entry(address).or_default();
                if *platform != "mailchimp" {
                    held.clear();
                }
                held.insert(value);
            }
        }
        let sent: Vec<&str> = on_platform
            .iter()
            .filter(|(_, held)| held.contains(&jan_marker))
            .map(|(who, _)| who.as_str())
            .collect();
        assert_eq!(sent, ["bob@example.com", "cy@example.com"], "{platform}");
    }
}
