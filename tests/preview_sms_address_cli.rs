//! `preview --format csv` of an SMS campaign carries the number texted in E.164, the
//! form sending platforms take (and the `sms` and `upload` exports write), not the
//! cell as imported (new-user trial: `07911 123456` and a cell of two numbers were
//! written as typed). E-mail campaigns keep the address as stored (their golden
//! digests in tests/preview_golden.rs are unchanged). UK numbers: 07911 123456 a
//! mobile, 07700 900xxx Ofcom's drama range, 020 7946 0018 a London fixed line.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, SMS_EVERYONE, Ws};

/// Four spellings of mobile numbers, a cell of two, a fixed line, and a contact with
/// no phone.
const PEOPLE: &str = "email,first_name,phone\n\
    a@example.com,Ana,07911 123456\n\
    b@example.com,Bo,+44 (0)7700 900222\n\
    c@example.com,Cy,0044 7700-900.333\n\
    d@example.com,Dee,07700 900444 / 07700 900445\n\
    e@example.com,Eve,020 7946 0018\n\
    F@Example.com,Fay,\n";

fn workspace() -> Ws {
    let ws = Ws::new();
    let file = ws.write("people.csv", PEOPLE);
    let mut args = vec!["import", file.as_str(), "--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    ws
}

/// `(key, address, excluded)` of every CSV row.
fn rows(csv: &str) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["key", "address", "segment", "subject", "body", "excluded"]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[5].to_string())
        })
        .collect()
}

/// By hand: a, b, c are texted on their numbers in E.164; d on the first number of
/// its cell (the one the export writes); e's fixed line cannot take an SMS
/// (`no_address`) and shows as written, so the row says why; f has no number.
#[test]
fn an_sms_preview_csv_writes_the_number_texted_in_e164() {
    let ws = workspace();
    ws.apply(SMS_EVERYONE);
    let csv = ws.stdout(&["preview", "text", "--format", "csv"]);
    let expected = [
        ("a@example.com", "+447911123456", ""),
        ("b@example.com", "+447700900222", ""),
        ("c@example.com", "+447700900333", ""),
        ("d@example.com", "+447700900444", ""),
        ("e@example.com", "020 7946 0018", "no_address"),
        ("f@example.com", "", "no_address"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(k, a, e)| (k.to_string(), a.to_string(), e.to_string()))
        .collect();
    assert_eq!(rows(&csv), expected);
}

/// An e-mail campaign's CSV keeps the address as stored: `F@Example.com`.
#[test]
fn an_email_preview_csv_keeps_the_address_as_stored() {
    let ws = workspace();
    ws.apply(EMAIL_EVERYONE);
    let csv = ws.stdout(&["preview", "news", "--format", "csv"]);
    let addresses: Vec<String> = rows(&csv).into_iter().map(|(_, a, _)| a).collect();
    assert_eq!(
        addresses,
        [
            "a@example.com",
            "b@example.com",
            "c@example.com",
            "d@example.com",
            "e@example.com",
            "F@Example.com"
        ]
    );
}
