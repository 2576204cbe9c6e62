//! Minor signals a new-user trial found unread: a generation label (`Gen Alpha`, born
//! 2010 and later) in an age-group column, a filled parent's or guardian's e-mail
//! column, and age tags written `14 years`, `14 yrs`, `aged 14`, `14 ans`, `14 Jahre`.
//! Each child was a recipient. Expected exclusions worked out by hand from
//! assets/age-groups.toml (ages of 2026), src/campaign/guardian.rs and
//! src/campaign/tag_forms.rs, with the default minor age of 16.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

fn exclusions(csv: &str) -> Vec<(String, String)> {
    let ws = Ws::new();
    ws.import_csv("people.csv", csv, &["--consent", "email=granted"]);
    ws.apply(EMAIL_EVERYONE);
    ws.exclusions("news")
}

/// Gen Alpha is 0 to 17 and Gen Z 13 to 29: minors (youngest under 16); a Millennial
/// (29 to 46) and a Gen X (45 to 62) are adults.
#[test]
fn generation_labels_are_read_as_ages() {
    let csv = "email,first_name,age_group\n\
        a@example.com,Ann,Gen Alpha\n\
        b@example.com,Bo,Millennial\n\
        c@example.com,Cy,Generation Z\n\
        d@example.com,Dee,Gen X\n";
    assert_eq!(
        exclusions(csv),
        pairs(&[
            ("a@example.com", "minor"),
            ("b@example.com", "-"),
            ("c@example.com", "minor"),
            ("d@example.com", "-"),
        ])
    );
}

/// A filled guardian or parent e-mail marks a child's record (0 to 17); a blank one
/// says nothing.
#[test]
fn a_filled_guardian_email_marks_a_child() {
    for header in ["Guardian email", "Parent email", "Parent's e-mail"] {
        let csv = format!(
            "email,first_name,{header}\n\
             a@example.com,Ann,mum@example.org\n\
             b@example.com,Bo,\n"
        );
        assert_eq!(
            exclusions(&csv),
            pairs(&[("a@example.com", "minor"), ("b@example.com", "-")]),
            "{header}"
        );
    }
}

/// `14 years` and kin are 14; `20 years` (a tenure or an adult age) says nothing.
#[test]
fn age_tags_with_years_are_read() {
    let csv = "email,first_name,tags\n\
        a@example.com,Ann,14 years\n\
        b@example.com,Bo,\"vip, 14 yrs\"\n\
        c@example.com,Cy,aged 14\n\
        d@example.com,Dee,14 ans\n\
        e@example.com,Eve,14 Jahre\n\
        f@example.com,Fay,\"vip, 20 years\"\n";
    assert_eq!(
        exclusions(csv),
        pairs(&[
            ("a@example.com", "minor"),
            ("b@example.com", "minor"),
            ("c@example.com", "minor"),
            ("d@example.com", "minor"),
            ("e@example.com", "minor"),
            ("f@example.com", "-"),
        ])
    );
}
