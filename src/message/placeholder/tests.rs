//! Which fallbacks and values are placeholders: each list worked out by hand.

use super::*;

#[test]
fn placeholders_from_the_issue_are_recognised() {
    for p in [
        "",
        " ",
        "...",
        "…",
        "TODO",
        "xxx",
        "[name]",
        "FNAME",
        "first_name",
    ] {
        assert!(is_placeholder(p, "first_name"), "{p:?}");
    }
}

#[test]
fn placeholder_shapes_beyond_the_list() {
    for p in [
        "\u{200b}",
        "\u{ad}\u{ad}",
        "---",
        "?",
        "<first name>",
        "{name}",
        "%FIRSTNAME%",
        "*|FNAME|*",
        "{{ first_name }}",
        "N/A",
        "n.a.",
        "XXX XX",
        "First Name",
        "city",
        "T O D O",
        "$first_name",
    ] {
        assert!(is_placeholder(p, "city"), "{p:?}");
    }
}

#[test]
fn real_fallbacks_are_not_placeholders() {
    for p in [
        "there",
        "friend",
        "valued customer",
        "Kunde",
        "cher client",
        "👋",
        "your city",
        "Max",
        "x",
        "$5 off",
    ] {
        assert!(!is_placeholder(p, "first_name"), "{p:?}");
    }
}

/// New-user trial 6, G16: what a merge field's cells hold where the name should be.
#[test]
fn placeholder_values_from_exports_are_recognised() {
    for v in [
        "n/a",
        "N/A",
        "-",
        ".",
        "?",
        "null",
        "NULL",
        "none",
        "0",
        "unknown",
        "xxx",
        "*|FNAME|*",
        "{{ first_name }}",
        "%FIRSTNAME%",
        "[Name]",
        "#N/A",
        "#VALUE!",
        "(none)",
        "\"null\"",
        "<unknown>",
        "NaN",
        "NA",
        "k.A.",
        "n.v.t.",
        "Unbekannt",
        "First Name",
        " n/a\u{200b} ",
    ] {
        assert!(is_placeholder_value(v, "first_name"), "{v:?}");
    }
}

#[test]
fn real_values_and_blanks_are_not_placeholder_values() {
    // `Na`, `Nan` and `Nil` are names; `Test` and `ABC` may be a contact's own.
    for v in [
        "", "  ", "Ann", "Na", "Nan", "Nil", "Test", "ABC", "O'Brien", "X", "00", "10", "(Bob)",
        "$5 off", "Zoë",
    ] {
        assert!(!is_placeholder_value(v, "first_name"), "{v:?}");
    }
}

/// New-user trial 9, L-G16: tags of other tools nobody replaced.
#[test]
fn other_tools_tags_are_placeholder_values() {
    for v in [
        "${first_name}",
        "#{first_name}",
        "@{first_name}",
        "{$first_name}",
        "((first_name))",
        "<%= first_name %>",
        "%FIRSTNAME%",
        "[First Name]",
    ] {
        assert!(is_placeholder_value(v, "first_name"), "{v:?}");
        assert!(is_placeholder(v, "first_name"), "{v:?}");
    }
    for v in ["$5 off", "(5)", "#1 fan"] {
        assert!(!is_placeholder_value(v, "first_name"), "{v:?}");
    }
}

/// New-user trial 9, R4: `Null`, `None`, `Void` written as names are names in a name
/// field; as programs write them, or in another field, they stand for nothing.
#[test]
fn nothing_words_written_as_names_are_names_in_a_name_field() {
    for field in ["last_name", "first_name", "Nachname", "full_name"] {
        for v in ["Null", "None", "Nil", "Void", "Na", "Blank"] {
            assert!(!is_placeholder_value(v, field), "{field}: {v:?}");
        }
        for v in [
            "NULL",
            "null",
            "none",
            "NONE",
            "n/a",
            "-",
            "*|LNAME|*",
            "unknown",
        ] {
            assert!(is_placeholder_value(v, field), "{field}: {v:?}");
        }
    }
    assert!(is_placeholder_value("None", "company"));
    assert!(is_placeholder_value("Null", "city"));
}
