//! A second e-mail column keeps its e-mail role whenever the address reader reads an
//! address from its values: a display name (`Ann <ann@corp.com>`, `"Ann Lee"
//! <ann@corp.com>`), the rest of a link after the domain (`ann@corp.com/`,
//! `…?subject=hi`) or before the local part (`/ann@corp.com`), `mailto:`, guillemets
//! (new-user trial 9, F-N4b; README, "Contacts, phone numbers and suppression
//! lists"). The classifier's e-mail share and the reader follow one rule
//! (`fields::address_read`), so the column's suppressed and opted-out addresses
//! exclude its contact. Driven through the `tactful` binary; expected outcomes by hand
//! from PRODUCT.md's assignment order (suppressed, then consent) and the files
//! below. On main d4840f0 the first two tests fail: a column holding only
//! `Ann <ann@corp.com>` or `ann@corp.com/` got role none ("only 0% of values look
//! like e-mail addresses") and Ann was mailed.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// Ann's work address as written in the second column, CSV-quoted where needed.
const SPELLINGS: [&str; 7] = [
    "Ann <ann@corp.com>",
    r#""""Ann Lee"" <ann@corp.com>""#,
    "ann@corp.com/",
    "ann@corp.com?subject=hi",
    "/ann@corp.com",
    "mailto:ann@corp.com",
    "«ann@corp.com»",
];

/// Headers a platform gives a second address.
const HEADERS: [&str; 3] = ["Secondary Email", "Work E-mail", "Email 2"];

/// Ann with `work` under `header`; Bob and Cy with none; all saying yes.
fn people(header: &str, work: &str) -> String {
    format!(
        "Email,{header},First Name,Accepts Email Marketing\n\
         ann@example.com,{work},Ann,yes\nbob@example.com,,Bob,yes\ncy@example.com,,Cy,yes\n"
    )
}

/// The trial's route: ann@corp.com is on the list; the file's only second-column
/// value is Ann's, written one way or another. The column is an e-mail field and
/// Ann is suppressed; Bob and Cy are recipients.
#[test]
fn a_second_column_the_reader_reads_keeps_its_role_and_suppresses() {
    for header in HEADERS {
        for work in SPELLINGS {
            let ws = Ws::new();
            let list = ws.write("list.txt", "ann@corp.com\n");
            ws.ok(&["suppress", &list]);
            ws.import_csv("people.csv", &people(header, work), &[]);
            let name = ws.field_names()[1].clone();
            assert_eq!(ws.field(&name)["role"], "email", "{header} {work}");
            ws.apply(EMAIL_EVERYONE);
            assert_eq!(
                ws.exclusions("news"),
                pairs(&[
                    ("ann@example.com", "suppressed"),
                    ("bob@example.com", "-"),
                    ("cy@example.com", "-"),
                ]),
                "{header} {work}"
            );
        }
    }
}

/// Refusal route: ann@corp.com is a contact of its own that said no; Ann holds it as
/// `Ann <ann@corp.com>` in her second column. Its refusal holds for Ann too
/// (`no_consent`), and the re-import route gives the same: the column arrives in a
/// later file.
#[test]
fn an_opted_out_address_in_a_display_name_form_holds() {
    let ws = Ws::new();
    let file = "Email,Secondary Email,First Name,Accepts Email Marketing\n\
                ann@example.com,Ann <ann@corp.com>,Ann,yes\n\
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

    let ws = Ws::new();
    let first = "Email,First Name,Accepts Email Marketing\n\
                 ann@example.com,Ann,yes\nann@corp.com,Annie,no\nbob@example.com,Bob,yes\n";
    ws.import_csv("first.csv", first, &[]);
    let second = "Email,Work Email\nann@example.com,ann@corp.com/\n";
    ws.import_csv("second.csv", second, &[]);
    assert_eq!(ws.field("work_email")["role"], "email");
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

/// A column of notes holding no address stays ordinary: `n/a`, a domain alone, a
/// host with no dot (the reader reads none of them).
#[test]
fn values_the_reader_reads_no_address_from_do_not_count() {
    let ws = Ws::new();
    let file = "Email,Secondary Email,First Name\n\
                ann@example.com,n/a,Ann\nbob@example.com,@corp.com,Bob\ncy@example.com,cy@localhost,Cy\n";
    ws.import_csv("people.csv", file, &[]);
    assert_eq!(ws.field("secondary_email")["role"], "none");
}
