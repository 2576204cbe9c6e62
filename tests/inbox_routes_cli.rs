//! Routes around promise 1 that a new-user trial (session 10) found, each through the
//! binary: the same Gmail inbox written another way (F9), numbers written in another
//! script's digits (F14), a today set in the future (F11), a known minor forgotten by
//! `import undo` (F15). README: "One inbox, many spellings", the phone reading, the
//! scripting contract's `TACTFUL_TODAY`, "A known minor outlives an undo". Expected
//! values worked out by hand from the files below.

mod review_support;

use review_support::*;

/// Four contacts keyed by e-mail: three spellings of the one inbox ana@gmail.com
/// (dots and googlemail.com are Gmail's own equivalences, `+news` a sub-address) and
/// Bo.
const ANA_SPELLINGS: &str = "email,first_name\n\
    a.n.a@gmail.com,A\n\
    ana+news@gmail.com,B\n\
    ana@googlemail.com,C\n\
    bo@example.com,Bo\n";

#[test]
fn a_listed_inbox_suppresses_its_other_spellings() {
    let ws = Ws::new();
    ws.import_csv("g.csv", ANA_SPELLINGS, &["--consent", "email=granted"]);
    let list = ws.write("s.txt", "ana@gmail.com\n");
    ws.ok(&["suppress", &list]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("a.n.a@gmail.com", "suppressed"),
            ("ana+news@gmail.com", "suppressed"),
            ("ana@googlemail.com", "suppressed"),
            ("bo@example.com", "-"),
        ])
    );
}

#[test]
fn a_listed_sub_address_suppresses_the_inbox() {
    let ws = Ws::new();
    let people = "email,first_name\nana@gmail.com,A\nbo@example.org,Bo\ncy@example.org,Cy\n";
    ws.import_csv("p.csv", people, &["--consent", "email=granted"]);
    let list = ws.write("s.txt", "A.na+shop@googlemail.com\nbo+x@example.org\n");
    ws.ok(&["suppress", &list]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ana@gmail.com", "suppressed"),
            ("bo@example.org", "suppressed"),
            ("cy@example.org", "-"),
        ])
    );
}

/// One contact refused as `ana+shop@gmail.com`; another holds `a.n.a@gmail.com` with
/// a grant; a third `ana@gmail.com` is granted by the file's option. Both are the
/// person who refused.
#[test]
fn a_refusal_holds_for_every_spelling_of_the_inbox() {
    let ws = Ws::new();
    let people = "id,email,first_name,email_opt_in\n\
        1,ana+shop@gmail.com,A,no\n\
        2,a.n.a@gmail.com,B,yes\n\
        3,ana@gmail.com,C,yes\n\
        4,bo@example.com,Bo,yes\n";
    ws.import_csv("p.csv", people, &["--key", "id"]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("1", "no_consent"),
            ("2", "no_consent"),
            ("3", "no_consent"),
            ("4", "-"),
        ])
    );
}

/// The trial's child: born 2013 (13 on 2026-11-01), and the same inbox twice more.
#[test]
fn a_known_minors_inbox_is_a_minors_in_every_spelling() {
    let ws = Ws::new();
    let people = "email,first_name,dob\n\
        kid@gmail.com,Kid,2013-01-01\n\
        k.i.d@gmail.com,Kid2,\n\
        kid+shop@googlemail.com,Kid3,\n\
        mom@gmail.com,Mom,1980-01-01\n";
    ws.import_csv("k.csv", people, &["--consent", "email=granted"]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("k.i.d@gmail.com", "minor"),
            ("kid+shop@googlemail.com", "minor"),
            ("kid@gmail.com", "minor"),
            ("mom@gmail.com", "-"),
        ])
    );
}

/// Erasing `ana+x@gmail.com` keeps its inbox out: a later file with `a.n.a@gmail.com`
/// gets no message (it is not imported, or it is suppressed).
#[test]
fn an_erased_sub_address_keeps_the_inbox_out() {
    let ws = Ws::new();
    ws.import_csv(
        "a.csv",
        "email,first_name\nana+x@gmail.com,A\nbo@example.com,Bo\n",
        &["--consent", "email=granted"],
    );
    ws.ok(&["contact", "erase", "ana+x@gmail.com"]);
    ws.import_csv(
        "b.csv",
        "email,first_name\na.n.a@gmail.com,A\n",
        &["--consent", "email=granted"],
    );
    let outcome = ws.outcome(EMAIL_EVERYONE, "news");
    assert!(
        !outcome.contains(&("a.n.a@gmail.com".to_string(), "-".to_string())),
        "{outcome:?}"
    );
    assert!(outcome.contains(&("bo@example.com".to_string(), "-".to_string())));
}

/// Trial F14: a list exported from an Arabic- or Persian-locale system writes its
/// numbers in that script's digits. Line 1 (Arabic-Indic `+٤٤…`) is an opt-out, not a
/// header; line 2 is in Extended Arabic-Indic (Persian) digits, line 3 in full-width
/// digits. A contact whose phone cell is written in Persian digits is the ASCII
/// number the list names. Every one of b, e, f, h is suppressed; g is texted.
#[test]
fn numbers_in_other_scripts_digits_are_read_as_digits() {
    let ws = Ws::new();
    let people = "email,phone,first_name\n\
        b@example.com,+447700900002,B\n\
        e@example.com,+971501234567,E\n\
        f@example.com,+447700900003,F\n\
        g@example.com,+447700900004,G\n\
        h@example.com,+۴۴۷۷۰۰۹۰۰۰۰۵,H\n";
    ws.import_csv("p.csv", people, &BOTH_GRANTED);
    let list = ws.write(
        "s.txt",
        "+٤٤٧٧٠٠٩٠٠٠٠٢\n+۹۷۱۵۰۱۲۳۴۵۶۷\n＋４４７７００９００００３\n+447700900005\n",
    );
    let r = ws.json(&["suppress", &list], 0);
    assert_eq!(r["added"], 4, "{r}");
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[
            ("b@example.com", "suppressed"),
            ("e@example.com", "suppressed"),
            ("f@example.com", "suppressed"),
            ("g@example.com", "-"),
            ("h@example.com", "suppressed"),
        ])
    );
}

/// Trial F11: `TACTFUL_TODAY` set in the future aged every child into an adult. The
/// child here is 10 on the clock's date (born ten years before it); with today set
/// to 2099-01-01 and no as-of date (the campaign runs as of "today") it would be 82.
/// The check reads ages on the clock's date instead, and the preview and the export
/// manifest say which date that was.
#[test]
fn a_today_set_in_the_future_does_not_age_children() {
    let clock = chrono::Local::now().date_naive();
    let born = clock.checked_sub_months(chrono::Months::new(120)).unwrap();
    let ws = Ws::undated();
    let future = |args: &[&str], code: i32| {
        let out = ws
            .cmd()
            .env("TACTFUL_TODAY", "2099-01-01")
            .arg("--json")
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<serde_json::Value>(&out).unwrap()
    };
    let file = ws.write(
        "a.csv",
        &format!(
            "email,first_name,dob\nkid@example.com,Kid,{born}\nad@example.com,Ad,1980-01-01\n"
        ),
    );
    future(&["import", &file, "--consent", "email=granted"], 0);
    ws.apply(
        "name = \"c\"\nchannel = \"email\"\n\n[[entry]]\nsegment = \"all\"\n\
         rule = \"first_name is not blank\"\nsubject = \"s\"\nbody = \"b\"\n",
    );
    let preview = future(&["preview", "c", "--format", "json"], 0);
    let rows: Vec<(String, String)> = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (s(&r["key"]), s(&r["excluded"]))
        })
        .collect();
    assert_eq!(
        rows,
        pairs(&[("kid@example.com", "minor"), ("ad@example.com", "-")])
    );
    let on = clock.to_string();
    assert_eq!(preview["summary"]["minor_check"]["read_on"], on.as_str());
    let out = ws.out("o");
    let review = future(&["review", "c"], 0);
    assert!(
        has_code(&review, "as_of_far"),
        "an as-of date in 2099 is far from today: {review}"
    );
    future(&["export", "c", "--out", out.to_str().unwrap()], 0);
    let manifest: serde_json::Value = manifest_in(&out);
    assert_eq!(manifest["minor_check"]["read_on"], on.as_str());
    assert_eq!(manifest["minor_check"]["today"], on.as_str());
    let recipients = String::from_utf8(read(&out.join("recipients.csv"))).unwrap();
    assert!(!recipients.contains("kid@example.com"), "{recipients}");
}

/// Trial F15: undoing the loyalty file that brought the child's date of birth kept
/// nothing of it, and the child was mailed. Kid (born 2013-05-05) is 13 on 2026-11-01;
/// Ad (1980) is an adult. After the undo the age field is gone, yet Kid stays a known
/// minor, also when a later file (keyed by a new ID column, with a different spelling
/// of the same Gmail inbox) brings Kid back; Ad stays a recipient.
#[test]
fn an_undo_keeps_a_known_minor() {
    let ws = Ws::new();
    ws.import_csv(
        "shop.csv",
        "email,first_name\nkid@gmail.com,Kid\nad@example.com,Ad\n",
        &["--consent", "email=granted"],
    );
    ws.import_csv(
        "loyal.csv",
        "email,loyalty_points,Date of Birth\nkid@gmail.com,10,2013-05-05\nad@example.com,20,1980-01-01\n",
        &[],
    );
    let campaign = "name = \"c\"\nchannel = \"email\"\nas_of = \"2026-11-01\"\n\n[[entry]]\n\
        segment = \"all\"\nrule = \"first_name is not blank\"\nsubject = \"s\"\nbody = \"b\"\n";
    assert_eq!(
        ws.outcome(campaign, "c"),
        pairs(&[("ad@example.com", "-"), ("kid@gmail.com", "minor")])
    );
    let undo = ws.json(&["import", "undo"], 0);
    assert_eq!(
        ws.sorted_exclusions("c"),
        pairs(&[("ad@example.com", "-"), ("kid@gmail.com", "minor")])
    );
    assert_eq!(undo["minors_on_record"], 1, "{undo}");
    let detail = ws.explain_step("c", "kid@gmail.com", 2);
    assert!(detail.contains("kept on record"), "{detail}");
    // Every contact goes; a later file brings Kid back as k.i.d@gmail.com.
    ws.ok(&["import", "undo"]);
    ws.import_csv(
        "again.csv",
        "email,first_name\nk.i.d@gmail.com,Kid\nad@example.com,Ad\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(
        ws.sorted_exclusions("c"),
        pairs(&[("ad@example.com", "-"), ("k.i.d@gmail.com", "minor")])
    );
}

/// Trial F13: a ragged row (an unquoted comma in `Kid, Jr`) holding a child's date of
/// birth (2013-05-05: 13 on 2026-11-01) was dropped with a note, so a later file with
/// the same address mailed the child. Such a row now stops the import, naming the line
/// and the column, and nothing is imported; a ragged row whose only date makes an
/// adult (1980-01-01: 46) is listed and dropped as before.
#[test]
fn a_rejected_row_holding_a_minors_age_stops_the_import() {
    let ws = Ws::new();
    let file = ws.write(
        "r.csv",
        "email,first_name,DOB\nkid2@example.com,Kid, Jr,2013-05-05\nad2@example.com,Ad,1980-01-01\n",
    );
    let out = ws
        .cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("`2013-05-05`"), "{err}");
    assert!(err.contains("column `DOB`"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    // Nothing imported: no batch to undo.
    ws.cmd().args(["import", "undo"]).assert().code(1);

    let adult = ws.write(
        "a.csv",
        "email,first_name,DOB\nad3@example.com,Ad, Sr,1980-01-01\nad4@example.com,Bo,1981-02-02\n",
    );
    let report = ws.json(&["import", &adult, "--consent", "email=granted"], 0);
    assert_eq!(report["rows_rejected"][0]["line"], 2, "{report}");
    assert_eq!(report["rows_imported"], 1, "{report}");
}

/// Trial F5: minor flags and ages under form-question headers, each with a child (p1)
/// and another contact (p2): a yes under `Are you under 18?` is under 18, under
/// `Under13` under 13; 12 under `How old are you?` (and its German, Spanish and Dutch
/// forms) is 12; a yes under a negated adult flag (`Not an adult`, `Non maggiorenne`,
/// `Niet meerderjarig`) is under 18: p1 is a minor under the default minor age 16. p2
/// (no, or 40) is a recipient, except under `Under13`, where a no says 13 or older: the
/// youngest plausible age, 13, is under 16, so p2 is a minor too.
#[test]
fn form_question_minor_flags_and_ages_are_read() {
    for (header, child, other, other_is) in [
        ("Are you under 18?", "yes", "no", "-"),
        ("Are you under 16?", "yes", "no", "-"),
        ("Under13", "yes", "no", "minor"),
        ("Student under 16", "yes", "no", "-"),
        ("How old are you?", "12", "40", "-"),
        ("Wie alt bist du?", "12", "40", "-"),
        ("¿Cuántos años tienes?", "12", "40", "-"),
        ("Hoe oud ben je?", "12", "40", "-"),
        ("Not an adult", "yes", "no", "-"),
        ("Non maggiorenne", "yes", "no", "-"),
        ("Niet meerderjarig", "yes", "no", "-"),
    ] {
        let ws = Ws::new();
        let csv = format!(
            "email,first_name,\"{header}\"\np1@example.com,P1,{child}\np2@example.com,P2,{other}\n"
        );
        ws.import_csv("f.csv", &csv, &["--consent", "email=granted"]);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("p1@example.com", "minor"), ("p2@example.com", other_is)]),
            "{header}"
        );
    }
}

/// Trial F17: a tag that names a minor age group makes the contact a known minor:
/// `minor`, `kid` (children, 0 to 17), `teen` (13 to 19), `u16` and `under-18` (under
/// 16, under 18), `age:14` (14). All are under 16 at their youngest. `vip` alone, and
/// `junior` (also a job level), say nothing about age; `adult` says 18 or older.
#[test]
fn a_tag_naming_a_minor_age_group_excludes_as_minor() {
    let ws = Ws::new();
    let csv = "email,first_name,tags\n\
        t1@example.com,T1,\"vip,minor\"\n\
        t2@example.com,T2,\"vip,u16\"\n\
        t3@example.com,T3,\"vip,age:14\"\n\
        t4@example.com,T4,\"vip,teen\"\n\
        t5@example.com,T5,\"vip,kid\"\n\
        t6@example.com,T6,\"vip,under-18\"\n\
        t7@example.com,T7,vip\n\
        t8@example.com,T8,\"vip,junior\"\n\
        t9@example.com,T9,\"vip,adult\"\n";
    ws.import_csv("t.csv", csv, &["--consent", "email=granted"]);
    assert_eq!(ws.field("tags")["role"], "tags");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("t1@example.com", "minor"),
            ("t2@example.com", "minor"),
            ("t3@example.com", "minor"),
            ("t4@example.com", "minor"),
            ("t5@example.com", "minor"),
            ("t6@example.com", "minor"),
            ("t7@example.com", "-"),
            ("t8@example.com", "-"),
            ("t9@example.com", "-"),
        ])
    );
}
