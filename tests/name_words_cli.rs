//! New-user trial 9, R4 and L-G16, through the binary: the surnames `Null` and `None`
//! were read as placeholders ("Hi Ann [last_name missing]" and a `merge_field_blank`
//! blocker), while another tool's unreplaced tag `${first_name}` printed as a name.
//!
//! Expected by hand from src/message/placeholder.rs: in the name field `last_name`,
//! `Null`, `None`, `Void`, `Na` written as names are names; `NULL` (as SQL writes it)
//! still stands for nothing and takes the fallback. In `first_name`, `${first_name}`,
//! `#{first_name}`, `((first_name))` and `{$first_name}` are tags nobody replaced and
//! take the fallback `there`.

mod review_support;

use review_support::*;

fn campaign(csv: &str, subject: &str) -> Ws {
    let ws = Ws::new();
    ws.import_csv("people.csv", csv, &["--consent", "email=granted"]);
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        subject,
        "--body",
        "Thanks.",
    ]);
    ws
}

fn subjects(ws: &Ws) -> Vec<(String, String)> {
    let mut got = ws.preview_column("c", "subject");
    got.sort();
    got
}

#[test]
fn surnames_that_mean_nothing_elsewhere_are_names() {
    let ws = campaign(
        "Email,First Name,Last Name\n\
         a@example.com,Ann,Null\n\
         b@example.com,Bob,None\n\
         c@example.com,Cy,Void\n\
         d@example.com,Di,Na\n\
         e@example.com,Eve,NULL\n",
        "Hi {{ first_name }} {{ last_name | default(\"friend\") }}",
    );
    let want: Vec<(String, String)> = [
        ("a@example.com", "Hi Ann Null"),
        ("b@example.com", "Hi Bob None"),
        ("c@example.com", "Hi Cy Void"),
        ("d@example.com", "Hi Di Na"),
        ("e@example.com", "Hi Eve friend"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(subjects(&ws), want);
}

#[test]
fn other_tools_unreplaced_tags_take_the_fallback() {
    let ws = campaign(
        "Email,First Name\n\
         a@example.com,Ann\n\
         b@example.com,${first_name}\n\
         c@example.com,#{first_name}\n\
         d@example.com,((first_name))\n\
         e@example.com,{$first_name}\n",
        "Hi {{ first_name | default(\"there\") }}",
    );
    let want: Vec<(String, String)> = [
        ("a@example.com", "Hi Ann"),
        ("b@example.com", "Hi there"),
        ("c@example.com", "Hi there"),
        ("d@example.com", "Hi there"),
        ("e@example.com", "Hi there"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(subjects(&ws), want);
    let review = ws.json(&["review", "c"], 0);
    assert!(!has_code(&review, "merge_field_blank"), "{review}");
}
