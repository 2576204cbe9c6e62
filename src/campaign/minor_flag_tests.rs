//! Unit tests of [`super`]: flags, adult flags and the tag memo, expected readings
//! worked out by hand.

use super::*;

/// By hand: under 18, yes is 0 to 17 years old, no 18 to 120.
#[test]
fn a_flag_reads_yes_and_no() {
    let minor = AgeReading::Years {
        youngest: 0,
        oldest: 17,
    };
    let adult = AgeReading::Years {
        youngest: 18,
        oldest: MAX_PLAUSIBLE_AGE,
    };
    for yes in [
        Value::Boolean(true),
        Value::Integer(1),
        Value::Text("X".into()),
        Value::Text(" y ".into()),
    ] {
        assert_eq!(read(18, &yes), minor, "{yes:?}");
    }
    for no in [
        Value::Boolean(false),
        Value::Integer(0),
        Value::Text("No".into()),
    ] {
        assert_eq!(read(18, &no), adult, "{no:?}");
    }
    assert_eq!(read(18, &Value::Text(String::new())), AgeReading::Blank);
    assert_eq!(
        read(18, &Value::Text("maybe".into())),
        AgeReading::Unreadable(Unreadable::NotAnAge)
    );
    assert_eq!(
        read(18, &Value::Integer(7)),
        read(18, &Value::Text("7".into()))
    );
}

/// The memo reads each cell as `read_stored_tags` does, found again or not, and
/// turns itself off (still reading) when cells do not repeat.
#[test]
fn tag_cells_read_as_the_stored_tags_read() {
    let mut cells = TagCells::default();
    for cell in ["vip, teen", "vip", "", " u16 ,gift", "vip, teen", "age:14"] {
        assert_eq!(cells.read(cell), read_stored_tags(cell), "{cell}");
    }
    // By hand: `teen` is 13 to 19, `u16` 0 to 15, `age:14` 14.
    assert_eq!(
        cells.read("vip, teen"),
        AgeReading::Years {
            youngest: 13,
            oldest: 19
        }
    );
    assert_eq!(cells.read("vip"), AgeReading::Blank);
    let mut unique = TagCells::default();
    for i in 0..5000 {
        let cell = format!("order-{i}, teen");
        assert_eq!(unique.read(&cell), read_stored_tags(&cell));
    }
    assert!(unique.off && unique.seen.is_empty());
}

/// By hand: an adult flag from 18 reads yes as 18 to 120 and no as 0 to 17 (a
/// known minor); from 16, no is 0 to 15; blank says nothing, `maybe` is unreadable.
#[test]
fn an_adult_flag_reads_yes_and_no_the_other_way() {
    let adult = AgeReading::Years {
        youngest: 18,
        oldest: MAX_PLAUSIBLE_AGE,
    };
    let minor = AgeReading::Years {
        youngest: 0,
        oldest: 17,
    };
    for yes in ["yes", "True", "1", "x", "ja", "oui", "sí"] {
        assert_eq!(read_adult(18, &Value::Text(yes.into())), adult, "{yes}");
    }
    assert_eq!(read_adult(18, &Value::Boolean(true)), adult);
    assert_eq!(read_adult(18, &Value::Integer(1)), adult);
    for no in ["no", "FALSE", "0", "n", "nein", "non"] {
        assert_eq!(read_adult(18, &Value::Text(no.into())), minor, "{no}");
    }
    assert_eq!(read_adult(18, &Value::Boolean(false)), minor);
    assert_eq!(read_adult(18, &Value::Integer(0)), minor);
    assert_eq!(
        read_adult(16, &Value::Text("no".into())),
        AgeReading::Years {
            youngest: 0,
            oldest: 15
        }
    );
    assert_eq!(read_adult(18, &Value::Null), AgeReading::Blank);
    assert_eq!(read_adult(18, &Value::Text(" ".into())), AgeReading::Blank);
    assert_eq!(
        read_adult(18, &Value::Text("maybe".into())),
        AgeReading::Unreadable(Unreadable::NotAnAge)
    );
    assert_eq!(
        read_adult(18, &Value::Integer(2)),
        AgeReading::Unreadable(Unreadable::NotAnAge)
    );
}
