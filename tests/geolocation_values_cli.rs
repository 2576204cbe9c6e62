//! New-user trial 6, G15, through the binary: precise geolocation written as a
//! coordinate pair in one column (`Location` = `51.5074, -0.1278`, `Geo` = WKT
//! `POINT(...)`, `Where` = degrees, minutes, seconds) was ordinary data, and `IP
//! Address` got the street-address role.
//!
//! Expected by hand from assets/privacy-dictionary.toml and
//! src/fields/classify/shapes.rs: every value below is a latitude, longitude pair with 3
//! or more decimals, a WKT point or DMS, so 100% pass the `coordinates` validator (90%
//! needed): special category, precise geolocation, whatever the header. `IP Address`
//! matches the two-word `ip address` phrase of the online identifier entry, which
//! covers more header words than `address`: quasi-identifier, role none. Counter
//! cases: `Prices` = `12.99, 15.49` (two decimals) and `Sizes` stay ordinary.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

#[test]
fn coordinate_pairs_are_precise_geolocation_and_an_ip_is_no_address() {
    let ws = Ws::new();
    let csv = "email,Accepts Email Marketing,Location,Last seen,Geo,Where,IP Address,Prices,Sizes\n\
        a@example.com,yes,\"51.5074,-0.1278\",\"51.50740, -0.12780\",POINT(-0.1278 51.5074),\"51°30'26\"\"N 0°7'39\"\"W\",81.2.69.160,\"12.99, 15.49\",\"10.5, 20.25\"\n\
        b@example.com,yes,\"48.8566,2.3522\",\"48.85660, 2.35220\",POINT(2.35 48.85),\"48°51'24\"\"N 2°21'8\"\"E\",8.8.8.8,\"3.50, 4.20\",\"1.5, 2.0\"\n\
        c@example.com,yes,\"40.7128,-74.0060\",\"40.71280, -74.00600\",POINT(-74.0 40.7),\"40°42'46\"\"N 74°0'22\"\"W\",2001:db8::1,\"9.99, 19.99\",\"8.0, 9.5\"\n";
    ws.ok(&["import", &ws.write("geo.csv", csv)]);
    for field in ["location", "last_seen", "geo", "where"] {
        let f = ws.field(field);
        assert_eq!(f["class"], "special_category", "{field}: {f}");
        assert_eq!(f["kind"], "precise_geolocation", "{field}");
    }
    let ip = ws.field("ip_address");
    assert_eq!(ip["class"], "quasi_identifier", "{ip}");
    assert_eq!(ip["role"], "none", "{ip}");
    for field in ["prices", "sizes"] {
        assert_eq!(ws.field(field)["class"], "ordinary", "{field}");
    }
    ws.cmd()
        .args(["reach", r#"location starts with "51.50""#])
        .assert()
        .code(1)
        .stderr(contains("field `location` is blocked in segment rules"));
}
