//! `campaign::recipients::step` on case BR-15 (`tui_campaign_support`): by hand, entry
//! Gold gets Ana and Cy (Ana is in Lyon too; Gold comes first), entry Lyon gets Bo, and
//! Dee matches no segment.

mod tui_campaign_support;

use tactful::campaign::recipients::{Step, step};
use tactful::campaign::store as campaigns;
use tui_campaign_support::{as_of, br15};

fn key(found: Option<tactful::campaign::recipients::Recipient>) -> Option<String> {
    found.map(|r| r.key)
}

#[test]
fn steps_go_through_one_entrys_recipients_in_id_order() {
    let ws = br15();
    let c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    let first = step(&ws, &c, as_of(), 0, Step::First).unwrap().unwrap();
    assert_eq!(first.key, "ana@example.com");
    let next = step(&ws, &c, as_of(), 0, Step::After(first.id))
        .unwrap()
        .unwrap();
    assert_eq!(next.key, "cy@example.com");
    assert_eq!(
        key(step(&ws, &c, as_of(), 0, Step::After(next.id)).unwrap()),
        None
    );
    assert_eq!(
        key(step(&ws, &c, as_of(), 0, Step::Before(next.id)).unwrap()),
        Some("ana@example.com".into())
    );
    assert_eq!(
        key(step(&ws, &c, as_of(), 0, Step::Before(first.id)).unwrap()),
        None
    );
    assert_eq!(
        key(step(&ws, &c, as_of(), 1, Step::First).unwrap()),
        Some("bo@example.com".into())
    );
    assert_eq!(key(step(&ws, &c, as_of(), 2, Step::First).unwrap()), None);
}

#[test]
fn a_message_that_does_not_check_does_not_stop_the_sample() {
    let ws = br15();
    let mut c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    c.entries[1].body = "{{ frist_name".into();
    assert_eq!(
        key(step(&ws, &c, as_of(), 1, Step::First).unwrap()),
        Some("bo@example.com".into())
    );
}
