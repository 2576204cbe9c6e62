//! An e-mail address past RFC 5321 §4.5.3.1's limits (local part 64 octets, domain
//! 255, address 254; a label 63, RFC 1035) is no address (new-user trial: a 65-octet
//! local part was imported, keyed its contact and was exported). Lengths by hand:
//! `"a".repeat(65)` is 65 octets.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Ws, warnings};

fn local(n: usize) -> String {
    "a".repeat(n)
}

/// Ana's local part is 64 octets (the limit), Bo's 65 (with a phone), Cy's 65 in a
/// second e-mail field beside a good first one, Dee's domain label 64 (no phone).
fn people() -> String {
    format!(
        "email,first_name,phone,other_email\n\
         {a64}@example.com,Ana,,ana@example.org\n\
         {a65}@example.com,Bo,07700 900222,\n\
         cy@example.com,Cy,,{a65}@example.org\n\
         dee@{label}.com,Dee,,\n",
        a64 = local(64),
        a65 = local(65),
        label = "b".repeat(64),
    )
}

#[test]
fn an_over_long_address_is_no_address_and_the_report_says_so() {
    let ws = Ws::new();
    let report = ws.import_csv("people.csv", &people(), &{
        let mut a = vec!["--region", "GB"];
        a.extend(BOTH_GRANTED);
        a
    });
    // Bo is keyed by his phone; Dee, with no phone, is rejected with the reason.
    assert_eq!(report["keyed_by_phone"], 1, "{report}");
    let rejected = report["rows_rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{report}");
    assert_eq!(rejected[0]["line"], 5);
    let reason = rejected[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("a domain label of 64 octets, over the 63 RFC 1035 §2.3.4 allows"),
        "{reason}"
    );
    // The report counts the values past the limits per column, with their lines.
    let warned = warnings(&report);
    let email = warned
        .iter()
        .find(|w| w.starts_with("2 values in `email` are longer than an e-mail address may be"))
        .unwrap_or_else(|| panic!("{warned:#?}"));
    assert!(
        email.contains("line 3: `") && email.contains("line 5: `"),
        "{email}"
    );
    assert!(
        warned
            .iter()
            .any(|w| w.starts_with("1 value in `other_email` is longer than")),
        "{warned:#?}"
    );

    // An e-mail campaign sends to Ana (64 octets) and Cy's first address only; the
    // export holds no 65-octet local part.
    ws.apply(EMAIL_EVERYONE);
    let mut outcome = ws.exclusions("news");
    outcome.sort();
    let mut expected = vec![
        (format!("{}@example.com", local(64)), "-".to_string()),
        ("+447700900222".to_string(), "no_address".to_string()),
        ("cy@example.com".to_string(), "-".to_string()),
    ];
    expected.sort();
    assert_eq!(outcome, expected);
    let out = ws.out("x");
    ws.ok(&["export", "news", "--out", out.to_str().unwrap()]);
    let file = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert!(!file.contains(&local(65)), "{file}");
}

/// A suppression list reads the same limits: a 65-octet local part is reported by
/// line, never counted as added.
#[test]
fn a_suppression_list_reports_an_over_long_address() {
    let ws = Ws::new();
    let list = ws.write(
        "list.txt",
        &format!("{}@example.com\nok@example.com\n", local(65)),
    );
    ws.cmd()
        .args(["suppress", &list])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "a local part (before the @) of 65 octets, over the 64 RFC 5321 §4.5.3.1.1 allows",
        ));
}
