//! A file without a header row whose column beside the key holds yes/no (new-user
//! trial 11, F3): `ann@example.com,no` imported into a workspace where Ann had granted
//! consent exited 0, left Ann granted (the bare `no` read as a plain field), and warned
//! that e-mail campaigns would exclude these contacts, which was false. Expected by
//! hand from README, "Importing" and "Consent rules": yes/no alone never makes a
//! column consent, so nobody can tell which way this one goes; the import stops,
//! nothing written, and names the column (`column_2`: the field name of a header-less
//! file's second column) for `--map` or `--skip`. A file holding JSON is refused,
//! named, whatever its extension.

mod review_support;

use review_support::Ws;

/// Ann and Bob, granted e-mail consent by a file with a header.
fn granted() -> Ws {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        "email,first_name\nann@example.com,Ann\nbob@example.com,Bob\n",
        &["--consent", "email=granted"],
    );
    ws
}

/// What the workspace holds, to compare before and after a refused import: fields,
/// and Ann's and Bob's consent and batches.
fn state(ws: &Ws) -> String {
    let mut out = ws.json(&["fields"], 0).to_string();
    for key in ["ann@example.com", "bob@example.com"] {
        let shown = ws.json(&["contact", "show", key], 0);
        out.push_str(&shown["consent"].to_string());
        out.push_str(&shown["batches"].to_string());
    }
    out
}

/// `import FILE extra...`, expecting exit 1; stderr.
fn refused(ws: &Ws, name: &str, text: &str, extra: &[&str]) -> String {
    let file = ws.write(name, text);
    let out = ws
        .cmd()
        .arg("import")
        .arg(&file)
        .args(extra)
        .assert()
        .code(1);
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

#[test]
fn a_yes_no_column_without_a_header_stops_the_import_and_writes_nothing() {
    let files = [
        "ann@example.com,no\nbob@example.com,yes\n",
        // A blank first line.
        "\nann@example.com,no\nbob@example.com,no\n",
        "ann@example.com,NO\r\nbob@example.com,No\r\n",
        "ann@example.com;nein\nbob@example.com;ja\n",
        "ann@example.com,Ann,false\nbob@example.com,Bob,true\n",
        // 1/0: yes and no under a consent header (README, "Consent rules"), so
        // without one just as unsure (new-user trial 11, F4: Bob's 0 was mailed).
        "ann@example.com,Ann,1\nbob@example.com,Bob,0\n",
    ];
    for text in files {
        let ws = granted();
        let before = state(&ws);
        let stderr = refused(&ws, "list.csv", text, &[]);
        assert!(
            stderr.contains("the column has no header (the file has no header row")
                && stderr.contains("--map 'column_")
                && stderr.contains("nothing was imported"),
            "{text:?}: {stderr}"
        );
        assert_eq!(state(&ws), before, "{text:?}");
    }
    // Also into an empty workspace, and with a granting --consent.
    for extra in [&[][..], &["--consent", "email=granted"][..]] {
        let ws = Ws::new();
        let stderr = refused(&ws, "list.csv", "ann@example.com,no\n", extra);
        assert!(stderr.contains("column column_2"), "{stderr}");
        assert!(!ws.path.exists() || ws.json(&["fields"], 0) == serde_json::json!([]));
    }
}

/// Naming the column reads it: as an opt-in field, Ann's `no` withdraws her grant
/// (README, "Consent rules": a `no` withdraws a granted consent) and Bob's `yes` keeps
/// his; as an opt-out field, Bob's `yes` withdraws and Ann's `no` says nothing, so her
/// grant stands; skipped, nothing changes consent.
#[test]
fn naming_the_column_reads_it_the_way_named() {
    let text = "ann@example.com,no\nbob@example.com,yes\n";
    for (extra, ann, bob) in [
        (["--map", "column_2=email_opt_in"], "withdrawn", "granted"),
        (["--map", "column_2=email_opt_out"], "granted", "withdrawn"),
        (["--skip", "column_2"], "granted", "granted"),
    ] {
        let ws = granted();
        ws.import_csv("list.csv", text, &extra);
        assert_eq!(
            ws.email_consent("ann@example.com")["state"],
            ann,
            "{extra:?}"
        );
        assert_eq!(
            ws.email_consent("bob@example.com")["state"],
            bob,
            "{extra:?}"
        );
    }
}

/// The warning of a file with no consent column says what happens: the contact it
/// adds is not asked, the one it updates keeps its grant (it said every contact would
/// be excluded).
#[test]
fn the_warning_names_the_grants_that_stand() {
    let ws = granted();
    let report = ws.import_csv(
        "more.csv",
        "email,first_name\nann@example.com,Ann B\ncy@example.com,Cy\n",
        &[],
    );
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("1 contact added gets e-mail consent not asked, so e-mail campaigns exclude it; 1 contact already in the workspace kept the e-mail consent granted earlier, so e-mail campaigns may still send to it"),
        "{warnings}"
    );
    assert!(
        !warnings.contains("will exclude these contacts"),
        "{warnings}"
    );
    assert_eq!(ws.email_consent("ann@example.com")["state"], "granted");
    assert_eq!(ws.email_consent("cy@example.com")["state"], "not_asked");
}

#[test]
fn json_content_is_refused_and_named_whatever_the_extension() {
    for (text, start) in [
        ("[{\"email\":\"ann@example.com\",\"consent\":\"no\"}]", "[{"),
        (
            "\u{feff}  \n[\n  {\"email\": \"ann@example.com\"}\n]\n",
            "[{",
        ),
        ("{\"email\":\"ann@example.com\",\"consent\":\"no\"}\n", "{"),
        ("{\"contacts\": [{\"email\": \"ann@example.com\"}]}", "{"),
    ] {
        let ws = granted();
        let before = state(&ws);
        let stderr = refused(&ws, "export.csv", text, &[]);
        assert!(
            stderr.contains("export.csv holds JSON")
                && stderr.contains(&format!("starts with `{start}`")),
            "{text:?}: {stderr}"
        );
        assert_eq!(state(&ws), before, "{text:?}");
        let file = ws.write("export.csv", text);
        let out = ws.cmd().arg("suppress").arg(&file).assert().code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains("holds JSON"), "suppress {text:?}: {stderr}");
    }
}
