//! The merge plan's own check against the preview (trial 4, N1).

use super::*;

/// Two columns printing `x` and `y`: under one name the platform prints one value in
/// both places (trial 4, N1), and the check must refuse it.
fn plan(first: &str, second: &str) -> TemplatePlan {
    let column = |name: &str| MergeColumn {
        name: name.into(),
        expression: String::new(),
        kind: "piece",
        fields: Vec::new(),
        entries: vec![1],
    };
    let slots = vec![
        Slot::Constant {
            column: 0,
            text: "x".into(),
        },
        Slot::Text(" ".into()),
        Slot::Constant {
            column: 1,
            text: "y".into(),
        },
    ];
    TemplatePlan {
        platform: Platform::Mailchimp,
        columns: vec![column(first), column(second)],
        entries: vec![EntryPlan {
            segment: "all".into(),
            format: BodyFormat::Plain,
            subject: None,
            body: PartPlan {
                part: Part::Body,
                slots,
                whole_because: None,
            },
        }],
    }
}

#[test]
fn the_check_reads_tags_by_name_as_the_platform_does() {
    let record = Record::default();
    let ok = plan("TF_A", "TF_B").values(0, &record, None, "x y");
    assert_eq!(ok, Ok(vec!["x".to_string(), "y".to_string()]));
    let clash = plan("TF_A", "TF_A").values(0, &record, None, "x y");
    assert_eq!(
        clash,
        Err(Mismatch {
            entry: 0,
            part: Part::Body
        })
    );
}
