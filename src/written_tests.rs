use super::*;

#[test]
fn invisible_characters_do_not_count() {
    // Twenty zero-width spaces, then twenty soft hyphens: issue 10's attack.
    let zw = "\u{200b}".repeat(20);
    assert_eq!(measure(&zw), Measure { chars: 0, words: 0 });
    assert!(matches!(
        check_justification("the reason", &zw),
        Err(WrittenError::Blank { .. })
    ));
    assert!(check_present("the note", &"\u{ad}".repeat(20)).is_err());
    // Mixed invisible characters around two short words: "ok ok" is 5 visible.
    let padded = "\u{feff}o\u{200d}k\u{2060} \u{180e}\u{3164}ok\u{e0041}\u{fe0f}";
    assert_eq!(measure(padded), Measure { chars: 5, words: 2 });
}

#[test]
fn whitespace_folds_and_words_need_letters_or_digits() {
    assert_eq!(visible("  a \u{a0}\u{3000}\t b\n"), "a b");
    // 22 letters, one word.
    assert_eq!(
        check_justification("the reason", "aaaaaaaaaaaaaaaaaaaaaa"),
        Err(WrittenError::TooShort {
            what: "the reason".into(),
            chars: 22,
            words: 1
        })
    );
    // 21 visible characters, but the dots are not words.
    assert_eq!(
        measure("... ... ... ... ... x"),
        Measure {
            chars: 21,
            words: 1
        }
    );
    // "menu choice only, no belief implied": 35 characters, 6 words.
    assert_eq!(
        measure("menu choice only, no belief implied"),
        Measure {
            chars: 35,
            words: 6
        }
    );
    assert!(check_justification("the reason", "menu choice only, no belief implied").is_ok());
    // Exactly 20 visible: "abcdefghi abc defghij" (9 + 1 + 3 + 1 + 6), three words.
    assert!(check_justification("r", "abcdefghi abc defghij").is_ok());
    assert!(check_justification("r", "abcdefghi abc defgh").is_err());
}

#[test]
fn blank_rendering_characters_and_lone_marks_do_not_count() {
    // 21 Braille blanks then "a 1": only "a 1" is seen, 3 characters in 2 words.
    let braille = format!("{}a 1", "\u{2800}".repeat(21));
    assert_eq!(measure(&braille), Measure { chars: 3, words: 2 });
    assert!(check_justification("the justification", &braille).is_err());
    // "a" with 20 combining acute accents is one character; "a b" is 3.
    let accents = format!("a{} b", "\u{301}".repeat(20));
    assert_eq!(measure(&accents), Measure { chars: 3, words: 2 });
    assert!(check_justification("the reason", &accents).is_err());
    // Each Hangul filler and the Braille blank alone is blank, as a name or a note.
    for blank in ["\u{2800}", "\u{3164}", "\u{115f}", "\u{1160}", "\u{ffa0}"] {
        assert!(
            matches!(
                check_present("the note", blank),
                Err(WrittenError::Blank { .. })
            ),
            "{blank:?}"
        );
    }
    // Accents on a blank or on a space decorate nothing.
    assert_eq!(
        measure("\u{2800}\u{301}\u{301} \u{301}"),
        Measure { chars: 0, words: 0 }
    );
    // Accented letters still count once each: "café crème" is 10, in 2 words (both
    // precomposed and decomposed spellings).
    assert_eq!(
        measure("café crème"),
        Measure {
            chars: 10,
            words: 2
        }
    );
    assert_eq!(
        measure("cafe\u{301} cre\u{300}me"),
        Measure {
            chars: 10,
            words: 2
        }
    );
    // 20 visible graphemes in 3 words pass even with blanks between them:
    // "abcdefghi" (9) + space + "abc" (3) + space + "defghij" (6).
    assert!(check_justification("r", "abcdefghi\u{2800}\u{3164} abc defghij").is_ok());
}

#[test]
fn repeated_words_are_no_sentence() {
    // The session 9 trial's justification: 19 visible characters, one word 4 times.
    assert!(matches!(
        check_justification("the justification", "test test test test"),
        Err(WrittenError::TooShort { .. })
    ));
    // 24 characters, still one word: repetitive.
    assert_eq!(
        check_justification("the justification", "test test test test test"),
        Err(WrittenError::Repetitive {
            what: "the justification".into(),
            distinct: 1,
            words: 5,
            most: "test".into(),
            times: 5
        })
    );
    // Case does not make a word new; two different words are too few.
    assert!(check_justification("r", "Test TEST test tEsT ok ok").is_err());
    // Three different words, but `test` is 4 of 6 words, more than half.
    assert!(check_justification("r", "test test test test the shop").is_err());
    // A real sentence passes, whatever it repeats.
    assert!(check_justification("r", "the shop sells to the shop's regulars").is_ok());
}

#[test]
fn an_unlock_justification_must_say_more_than_its_subject() {
    let only = check_justification_about(
        "the justification",
        "religion for the tags religion",
        "tags:religion",
    );
    assert_eq!(
        only,
        Err(WrittenError::OnlySubject {
            what: "the justification".into(),
            named: "tags, religion".into()
        })
    );
    assert!(
        check_justification_about(
            "the justification",
            "Eid greetings for customers who asked for them",
            "tags:religion"
        )
        .is_ok()
    );
}

#[test]
fn names_and_notes_only_need_visible_text() {
    assert!(check_present("the name", "Ana").is_ok());
    assert!(check_present("the note", "ok").is_ok());
    assert!(check_present("the name", " \u{200b}\u{200c}\t").is_err());
    assert!(check_present("the name", "\x1b\x07").is_err());
}
