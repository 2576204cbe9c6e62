//! Unit tests of [`super::tier`]: every form of the module doc, and the shapes that
//! are no place (expected by hand from the rules there).

use super::*;

/// New-user trial 6, G15 and trial 9, F-G15b and R2.
#[test]
fn locations_in_one_value_by_tier() {
    for v in [
        "POINT(-0.1278 51.5074)",
        "POINT (2.35 48.85)",
        "51°30'26\"N 0°7'39\"W",
        "51°30′26″N 0°7′39″W",
        "N51.5074 W0.1278",
        "51.5074N, 0.1278W",
        "51.5074° N, 0.1278° W",
        "S33.8688 E151.2093",
        "{\"lat\": 51.5074, \"lng\": -0.1278}",
        "lat=51.5074&lng=-0.1278",
        "https://maps.google.com/?q=51.5074,-0.1278",
        "https://www.google.com/maps/place/Big+Ben/@51.5007,-0.1246,17z",
        "https://www.google.com/maps/@51.5,-0.12,15z",
        "https://www.openstreetmap.org/#map=15/51.5074/-0.1278",
        "https://maps.google.com/?q=51.5074%2C-0.1278",
        "https://example.com/where?lat=51.5074&lon=-0.1278",
        "geo:51.5074,-0.1278",
        "geo:48.8566,2.3522;u=35",
        "9C3XGV4C+XV",
        "///filled.count.soap",
    ] {
        assert_eq!(tier(v), Some(Tier::Marked), "{v}");
    }
    for v in [
        "51.5074,-0.1278",
        "51.50740, -0.12780",
        "40.7128, -74.0060",
        "(48.8566, 2.3522)",
        "[48.8566; 2.3522]",
        "-33.8688 151.2093",
        "51,5074 -0,1278",
        "51,5074; -0,1278",
        "48,8566 2,3522",
        "51.5074,12.1278",
    ] {
        assert_eq!(tier(v), Some(Tier::Bare), "{v}");
    }
    for v in [
        "1.1234, 0.8765",
        "12.5000, 15.0000",
        "12.2500, 15.7500",
        "gcpvj0duq",
        "GV4C+XV",
        "GV4C+XV London",
        "filled.count.soap",
    ] {
        assert_eq!(tier(v), Some(Tier::Weak), "{v}");
    }
    for v in [
        "12.99, 15.49",
        "51.50, -0.12",
        "1.5, 2.0",
        "123.456, 200.123",
        "51.5074",
        "E11.9",
        "10 x 20",
        "POINT(200.0 100.0)",
        "51°N",
        "10,5 20,25",
        "https://shop.example.com/v1.2/3.4",
        "https://shop.example.com/p?price=12.99,15.49",
        "v1.2",
        "London",
        "N51.5 W0.1",
        "DX-100",
        "2024-12-01",
        "gcpvj",
        "abcdefgh",
    ] {
        assert_eq!(tier(v), None, "{v}");
    }
}

/// New-user trial 10, F7: map links without their scheme are links; a pair written
/// with a `/` or a dotted word before one is no host.
#[test]
fn map_links_without_a_scheme_are_links() {
    for v in [
        "maps.google.com/?q=51.5074,-0.1278",
        "maps.apple.com/?ll=48.8566,2.3522",
        "google.com/maps/@40.7128,-74.006,15z",
    ] {
        assert_eq!(tier(v), Some(Tier::Marked), "{v}");
    }
    assert!(link::is_bare_link("maps.google.com/?q=1"));
    assert!(link::is_bare_link("goo.gl/maps/x"));
    assert!(!link::is_bare_link("51.5074/-0.1278"));
    assert!(!link::is_bare_link("size 1.5/2"));
    assert!(!link::is_bare_link("example.com"));
    assert!(!link::is_bare_link("a.b1/x"));
}

/// New-user trial 11, F7: degrees and decimal minutes as GPS receivers write them,
/// degrees, minutes and seconds, and a pair inside a sentence are places; times,
/// rates, sizes, versions and whole minutes are not (coords_gps.rs).
#[test]
fn gps_receiver_forms_and_pairs_in_sentences() {
    for v in [
        // Degrees and decimal minutes: hemisphere letter after or before each group.
        "51 30.443 N, 0 7.665 W",
        "N51 30.443 W0 7.665",
        "N 51 30.443 W 000 07.665",
        "S33 52.128 E151 12.558",
        "51°30.443'N 0°07.665'W",
        "N 51° 30.443 W 000° 07.665",
        // Degrees, minutes and seconds, with and without marks.
        "51°30'26\"N 0°7'39\"W",
        "51 30 26 N 0 7 39 W",
        // Marked forms inside a sentence.
        "Meet at N51 30.443 W0 7.665 by the gate",
        "Pin: 51°30'26\"N 0°7'39\"W, ring twice",
        "see https://maps.google.com/?q=51.5074,-0.1278 for the door",
    ] {
        assert_eq!(tier(v), Some(Tier::Marked), "{v}");
    }
    for v in [
        // A bare pair inside a sentence: 4 decimals each, not both within ±2.
        "Meet at 51.5074, -0.1278 by the gate",
        "Drop-off (48.8566, 2.3522) at noon.",
        "last seen 40.7128 -74.0060",
    ] {
        assert_eq!(tier(v), Some(Tier::Bare), "{v}");
    }
    for v in [
        // Whole minutes are 1.85 km: not precise.
        "51 30 N, 0 7 W",
        // No hemisphere letter: a time, a size.
        "10 30.5",
        "51 30.443, 0 7.665",
        // Minutes of 60 or more, latitude over 90.
        "51 75.443 N, 0 7.665 W",
        "95 30.443 N, 0 7.665 W",
        // Two latitudes.
        "51 30.443 N, 48 7.665 S",
        // Rates within ±2, dimensions, versions, times in sentences.
        "EUR/USD moved 1.1234, 0.8765 today",
        "Box 51.500 x 12.125 cm, heavy",
        "Upgraded from 10.123 to 12.456 last week",
        "Open 10 30.5 hours a week",
        "Delivered at 10:30, signed by Ana",
        "12 High Street, London",
    ] {
        assert_eq!(tier(v), None, "{v}");
    }
}

/// The byte check before [`tokens`] (a shortcut for the import's first pass): the
/// import's usual values with a digit are refused by hand-read rules (a whole part of
/// more than 3 digits, a byte no token holds), pairs pass on to [`tokens`], and every
/// string of a small alphabet it refuses, [`tokens`] refuses too.
#[test]
fn byte_check_refuses_only_what_tokens_refuses() {
    for v in [
        "+49 585 0504425",
        "5000000000",
        "2023-05-24",
        "1055.16",
        "paul.novak.0@example.com",
        "07911 123456",
        "a_b 12",
        "12/34",
    ] {
        assert!(!may_be_tokens(v), "{v}");
        assert_eq!(tokens(v).map(|t| t.len()), None, "{v}");
    }
    for v in [
        "51.5074, -0.1278",
        "51,5074 -0,1278",
        "lat=51.5074&lng=-0.1278",
        "51.5074° n, 0.1278° w",
        "−33.8688 151.2093",
        "55.16",
    ] {
        assert!(may_be_tokens(v), "{v}");
    }
    let alphabet = ['1', '2', '.', ',', '-', ' ', 'n', '@', '°', '−', '\u{b}'];
    let mut strings = vec![String::new()];
    for _ in 0..5 {
        let longer: Vec<String> = (strings.iter())
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        for s in &longer {
            if !may_be_tokens(s) {
                assert!(tokens(s).is_none(), "{s:?}");
            }
        }
        strings = longer;
    }
}

/// Values of digits, spaces, signs, points and commas take a shortcut in [`tier`]:
/// a pair, a plus code of digits and the import's usual values read as before
/// (expected by hand from the module doc).
#[test]
fn letterless_values_read_as_before() {
    assert_eq!(tier("51.5074, -0.1278"), Some(Tier::Bare));
    assert_eq!(tier("51,5074 -0,1278"), Some(Tier::Bare));
    assert_eq!(tier("1.1234, 0.8765"), Some(Tier::Weak));
    assert_eq!(tier("2345+67"), Some(Tier::Weak));
    assert_eq!(tier("22222222+22"), Some(Tier::Marked));
    for v in [
        "+49 901 6148379",
        "5000000000",
        "2022-03-19",
        "2123.33",
        "-74.0060",
    ] {
        assert_eq!(tier(v), None, "{v}");
    }
}
