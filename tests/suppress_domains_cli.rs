//! Domain entries of a suppression list (new-user trial 6, G9): `*@example.com` was
//! stored as a literal address, reported as "1 address added", and suppressed nobody
//! at the domain. Expected by hand from README, "Suppression list": `*@example.com`,
//! `%@example.com` and `@example.com` suppress every address at exactly that domain,
//! in any case and either IDNA spelling, in any e-mail field of a contact; a domain
//! entry whose domain cannot be read is reported with its line and column, not added.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

const PEOPLE: &str = "Email,Work Email,First Name,Accepts Email Marketing\n\
eve@example.com,,Eve,yes\n\
Eve.Two@EXAMPLE.COM,,Eve2,yes\n\
ann@sub.example.com,,Ann,yes\n\
jo@bücher.de,,Jo,yes\n\
kim@home.org,kim@Example.com,Kim,yes\n\
zed@other.com,,Zed,yes\n";

#[test]
fn a_listed_domain_suppresses_every_address_at_it() {
    for (first, list) in [
        ("*@example.com", "%@xn--bcher-kva.de"),
        ("@EXAMPLE.com", "*@Bücher.DE"),
    ] {
        let ws = Ws::new();
        ws.import_csv("people.csv", PEOPLE, &[]);
        let text = format!("{first}\n{list}\n@nobody.org\n*@localhost\n");
        let file = ws.write("domains.txt", &text);
        // `*@localhost` cannot be read, so the list is refused whole (a list applied
        // in part would look done) until the rest is accepted with a reason.
        ws.cmd().args(["suppress", &file]).assert().code(1);
        let accept = [
            "--accept-unread",
            "--reason",
            "localhost is a test entry of ours",
        ];
        let mut args = vec!["suppress", file.as_str()];
        args.extend(accept);
        let report = ws.json(&args, 0);
        // Three domains added; `*@localhost` skipped on line 4, field 1.
        assert_eq!(report["added"], 3, "{report}");
        let skipped = report["skipped"].as_array().unwrap();
        assert_eq!(skipped.len(), 1, "{report}");
        assert_eq!(skipped[0]["line"], 4);
        assert_eq!(skipped[0]["column"], "field 1");
        assert!(
            skipped[0]["reason"].as_str().unwrap().contains("domain"),
            "{report}"
        );
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[
                ("ann@sub.example.com", "-"),
                ("eve.two@example.com", "suppressed"),
                ("eve@example.com", "suppressed"),
                ("jo@bücher.de", "suppressed"),
                ("kim@home.org", "suppressed"),
                ("zed@other.com", "-"),
            ]),
            "{first} / {list}"
        );
        let explained = ws.stdout(&["explain", "news", "eve@example.com"]);
        assert!(
            explained.contains("domain `example.com` is on the suppression list"),
            "{explained}"
        );
    }
}
