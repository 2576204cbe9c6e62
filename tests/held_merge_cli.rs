//! A merge field of an ordinary field that holds sensitive values is refused when the
//! message is written, as a merge field of a special category field is (README,
//! "Privacy"; PRODUCT.md, "Privacy classes": special category data in message text is
//! blocked unless the campaign unlocks it with a written justification). The file
//! below gives `community` the value `muslim` (religion, GDPR Art. 9(1)) for one of
//! five contacts: the classifier leaves the field ordinary, so only its held values
//! can stop `{{ community }}` from printing Ana's religion into her message.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const PEOPLE: &str = "email,first_name,community\n\
ana@example.com,Ana,muslim\n\
bo@example.com,Bo,runners\n\
cy@example.com,Cy,gardeners\n\
dee@example.com,Dee,runners\n\
eve@example.com,Eve,gardeners\n";

fn workspace() -> Ws {
    let ws = Ws::new();
    let file = ws.dir.path().join("people.csv");
    std::fs::write(&file, PEOPLE).unwrap();
    ws.ok(&[
        "import",
        file.to_str().unwrap(),
        "--consent",
        "email=granted",
    ]);
    ws.ok(&["campaign", "new", "news", "--channel", "email"]);
    ws.ok(&["segment", "add", "everyone", "email is not blank"]);
    ws
}

fn add(ws: &Ws, subject: &str, body: &str) -> assert_cmd::assert::Assert {
    ws.cmd()
        .args([
            "campaign",
            "add",
            "news",
            "everyone",
            "--subject",
            subject,
            "--body",
            body,
        ])
        .assert()
}

#[test]
fn the_field_stays_ordinary_so_only_its_values_can_refuse_it() {
    let ws = workspace();
    let fields = ws.json(&["fields"], 0);
    let community = fields
        .as_array()
        .or_else(|| fields["fields"].as_array())
        .unwrap()
        .iter()
        .find(|f| f["name"] == "community")
        .unwrap()
        .clone();
    assert_eq!(community["class"], "ordinary", "{community:#}");
}

#[test]
fn merging_a_field_that_holds_religion_values_is_refused_when_written() {
    let ws = workspace();
    add(
        &ws,
        "News",
        "Hello {{ first_name }}, news for {{ community }}",
    )
    .code(1)
    .stderr(contains("community"))
    .stderr(contains("religion"))
    .stderr(contains(
        "tactful unlock CAMPAIGN community:religion --reason",
    ));
    // The subject is checked the same way.
    add(&ws, "For {{ community }}", "Hello")
        .code(1)
        .stderr(contains("subject"))
        .stderr(contains("community:religion"));
    // Nothing was saved: the campaign has no entry.
    let show = ws.json(&["campaign", "show", "news"], 0);
    assert_eq!(
        show["entries"].as_array().map_or(0, Vec::len),
        0,
        "{show:#}"
    );
}

#[test]
fn an_unlock_of_the_kind_with_a_reason_lets_the_merge_field_through() {
    let ws = workspace();
    ws.ok(&[
        "unlock",
        "news",
        "community:religion",
        "--reason",
        "community newsletter agreed with each member group",
    ]);
    add(&ws, "News", "Hello {{ first_name }} of {{ community }}").success();
    let p = ws.json(&["preview", "news", "--format", "json"], 0);
    let ana = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "ana@example.com")
        .unwrap();
    assert_eq!(ana["body"], "Hello Ana of muslim", "{ana:#}");
}

#[test]
fn other_merge_fields_of_the_same_workspace_are_not_refused() {
    let ws = workspace();
    add(&ws, "News", "Hello {{ first_name }}").success();
}

/// A first name that is also a religion word ("Christian", in the support-tickets
/// file) is a name: a name-role field's values never block `{{ first_name }}`, while
/// the same word in a describing field still blocks that field.
#[test]
fn a_first_name_that_spells_a_religion_is_a_name() {
    let ws = Ws::new();
    let file = ws.dir.path().join("names.csv");
    std::fs::write(
        &file,
        "email,first_name,community\n\
         ana@example.com,Christian,christian\n\
         bo@example.com,Bo,runners\n",
    )
    .unwrap();
    ws.ok(&[
        "import",
        file.to_str().unwrap(),
        "--consent",
        "email=granted",
    ]);
    ws.ok(&["campaign", "new", "news", "--channel", "email"]);
    ws.ok(&["segment", "add", "everyone", "email is not blank"]);
    add(&ws, "Hi {{ first_name }}", "Hello").success();
    ws.ok(&["campaign", "new", "other", "--channel", "email"]);
    ws.cmd()
        .args([
            "campaign",
            "add",
            "other",
            "everyone",
            "--subject",
            "Hi",
            "--body",
            "{{ community }}",
        ])
        .assert()
        .failure()
        .stderr(contains("community"));
}
