//! A list of opt-outs is known by its name wherever the name stands (promise 1; README,
//! "Consent rules"). The third new-user trial (H2) granted `--consent email=granted`
//! to files in a folder `unsubscribed/`, to an archive `unsubscribed.zip` whose member
//! had a generic name, and to files named `blocked`, `removals`, `desinscritos`,
//! `cancellati`, `nomail`, `stop_list`, `gdpr_erasure_requests`, `deleted_contacts`,
//! `no_marketing`; for a ZIP member the error doubled the name and advised a `tactful
//! suppress` path that could not be read. It also refused innocent names (H14:
//! `bounce-house-rentals`, `spam-musubi-fans`, `complaints-resolved`,
//! `not-unsubscribed`, `dnc-cleared`).
//!
//! Expected by hand from the rule: a refused import exits 1, names the place and the
//! word, imports nobody, and the `tactful suppress` command it advises runs (exit 0) and
//! adds exactly the addresses of the opt-out files (one a file here). Main imported
//! every refused case below (or, for H14, refused the innocent ones).

mod review_support;

use std::io::Write;

use review_support::Ws;

/// Write the ZIP `name` in the workspace's folder with `members` (path, text).
fn zip(ws: &Ws, name: &str, members: &[(&str, &str)]) {
    let path = ws.dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut writer = zip::ZipWriter::new(file);
    for (member, text) in members {
        writer
            .start_file(*member, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
}

/// Write `text` to `rel` (folders made) under the workspace's folder.
fn write_in(ws: &Ws, rel: &str, text: &str) {
    let path = ws.dir.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `import FILE --consent email=granted` run in the workspace's folder: its stderr,
/// after checking it exits 1 and names every one of `parts`.
fn refused(ws: &Ws, file: &str, parts: &[&str]) -> String {
    let out = ws
        .cmd()
        .current_dir(ws.dir.path())
        .args(["import", file, "--consent", "email=granted"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for part in parts
        .iter()
        .chain(&["lists opt-outs", "nothing was imported"])
    {
        assert!(err.contains(part), "{file}: `{part}` not in {err}");
    }
    err
}

/// The argument of the `tactful suppress ARG` the error advises, as a shell reads it.
fn advised(err: &str) -> String {
    let start = err.find("`tactful suppress ").expect(err) + "`tactful suppress ".len();
    let word = &err[start..start + err[start..].find('`').unwrap()];
    match word.strip_prefix('\'') {
        Some(quoted) => quoted.trim_end_matches('\'').replace(r"'\''", "'"),
        None => word.to_string(),
    }
}

/// Run the advised command in the workspace's folder: `(added, total)`.
fn run_advice(ws: &Ws, err: &str) -> (u64, u64) {
    let out = ws
        .cmd()
        .current_dir(ws.dir.path())
        .args(["--json", "suppress", &advised(err)])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    (r["added"].as_u64().unwrap(), r["total"].as_u64().unwrap())
}

fn nobody_imported(ws: &Ws, key: &str) {
    ws.cmd().args(["contact", "show", key]).assert().failure();
}

/// H2: a folder named like an opt-out list (its own, or the one above), in several
/// languages: refused; the advice `tactful suppress unsubscribed/export.csv` adds its
/// one address.
#[test]
fn a_file_in_an_opt_out_folder_is_refused() {
    for (file, folder) in [
        ("unsubscribed/export.csv", "unsubscribed"),
        ("Abmeldungen/kontakte.csv", "Abmeldungen"),
        ("bajas/2026/contactos.csv", "bajas"),
        ("Do Not Contact/list.csv", "Do Not Contact"),
    ] {
        let ws = Ws::new();
        write_in(&ws, file, "email,first_name\nx@example.com,X\n");
        let err = refused(&ws, file, &[file, &format!("folder `{folder}`")]);
        nobody_imported(&ws, "x@example.com");
        assert_eq!(run_advice(&ws, &err), (1, 1), "{file}");
    }
}

/// H2: an archive named like an opt-out list (or in a folder so named) whose members
/// have generic names: refused; the advice `tactful suppress unsubscribed.zip` adds
/// both members' one address each (2).
#[test]
fn an_opt_out_archive_with_generic_members_is_refused() {
    for (name, place) in [
        ("unsubscribed.zip", "archive `unsubscribed.zip`"),
        ("désinscrits.zip", "archive `désinscrits.zip`"),
        ("Blocked Contacts.zip", "archive `Blocked Contacts.zip`"),
        ("Unsubscribed/export.zip", "folder `Unsubscribed`"),
    ] {
        let ws = Ws::new();
        let members = [
            ("members.csv", "email\nz1@example.com\n"),
            ("data/part2.csv", "email\nz2@example.com\n"),
        ];
        zip(&ws, name, &members);
        let err = refused(&ws, name, &[name, place]);
        nobody_imported(&ws, "z1@example.com");
        assert_eq!(run_advice(&ws, &err), (2, 2), "{name}");
    }
}

/// H2: a member named like an opt-out list, or in a folder so named, of an archive
/// with a customer file: refused, the member named once (not `x.zip/m.csv: x.zip/m.csv:
/// ...`); the advised `tactful suppress export.zip/MEMBER` adds that member's one
/// address and not the customer's (total 1). `tactful suppress export.zip` alone is
/// refused, naming the member's command.
#[test]
fn an_opt_out_member_of_an_archive_is_refused_with_advice_that_works() {
    for member in [
        "desinscritos.csv",
        "Blocked/list.csv",
        "exports/No Mail.csv",
    ] {
        let ws = Ws::new();
        zip(
            &ws,
            "export.zip",
            &[
                ("customers.csv", "email\nc1@example.com\n"),
                (member, "email\nu1@example.com\n"),
            ],
        );
        let shown = format!("export.zip/{member}");
        let err = refused(&ws, "export.zip", &[&shown]);
        assert_eq!(err.matches(&format!("{shown}:")).count(), 1, "{err}");
        nobody_imported(&ws, "c1@example.com");
        let whole = ws
            .cmd()
            .current_dir(ws.dir.path())
            .args(["suppress", "export.zip"])
            .assert()
            .code(1);
        let whole = String::from_utf8(whole.get_output().stderr.clone()).unwrap();
        assert!(whole.contains("`tactful suppress "), "{whole}");
        assert_eq!(advised(&whole), shown, "{whole}");
        assert_eq!(run_advice(&ws, &err), (1, 1), "{member}");
        // Imported without the option, the member's contact is suppressed and the
        // customer (not asked) is not sent to either.
        let archive = ws.dir.path().join("export.zip");
        ws.ok(&["import", archive.to_str().unwrap()]);
        ws.apply(review_support::EMAIL_EVERYONE);
        assert_eq!(
            ws.sorted_exclusions("news"),
            review_support::pairs(&[
                ("c1@example.com", "no_consent"),
                ("u1@example.com", "suppressed")
            ]),
            "{member}"
        );
    }
}

/// H2: names the trial found granted, and their counterparts in the other languages
/// of the dictionary: each refused.
#[test]
fn more_opt_out_names_are_refused() {
    for name in [
        "blocked.csv",
        "removals.csv",
        "desinscritos.csv",
        "cancellati.csv",
        "nomail.csv",
        "no-mail.csv",
        "stop_list.csv",
        "gdpr_erasure_requests.csv",
        "deleted_contacts.csv",
        "no_marketing.csv",
        "Gelöschte Kontakte.csv",
        "gesperrt.csv",
        "supprimés.csv",
        "bloqués.csv",
        "eliminados.csv",
        "bloccati.csv",
        "verwijderd.csv",
        "bel-me-niet.csv",
        "excluídos.csv",
        "do_not_call.csv",
    ] {
        let ws = Ws::new();
        ws.write(name, "email\nu2@example.com\n");
        refused(&ws, name, &[name, "the file's name", "tactful suppress"]);
        nobody_imported(&ws, "u2@example.com");
    }
}

/// H14: names that hold an opt-out word inside a compound (`bounce house`), after a
/// negation (`not`, `nicht`) or with a word saying the opt-outs were cleared or
/// resolved: each imports granted. The trial's real opt-out names still refuse.
#[test]
fn compounds_negations_and_cleared_names_import() {
    for name in [
        "bounce-house-rentals.csv",
        "spam-musubi-fans.csv",
        "complaints-resolved.csv",
        "not-unsubscribed.csv",
        "dnc-cleared.csv",
        "resubscribed.csv",
        "Bounce Castle Hire.csv",
        "cancelled-orders.csv",
        "never_unsubscribed.csv",
        "nicht-abgemeldet.csv",
        "Beschwerden erledigt.csv",
        "quejas-resueltas.csv",
        "stop-motion-club.csv",
    ] {
        let ws = Ws::new();
        let file = ws.write(name, "email\nc1@example.com\n");
        ws.ok(&["import", &file, "--consent", "email=granted"]);
        assert_eq!(
            ws.email_consent("c1@example.com")["state"],
            "granted",
            "{name}"
        );
    }
    for name in [
        "unsubscribes.csv",
        "do_not_email.csv",
        "dnc.csv",
        "DNC_list.csv",
        "opt_out_2026.csv",
        "abgemeldet.csv",
        "désabonnés.csv",
        "hard_bounces.csv",
        "complaints.csv",
        "bajas.csv",
        "spam.csv",
        "bounce_list.csv",
    ] {
        let ws = Ws::new();
        ws.write(name, "email\nu3@example.com\n");
        refused(&ws, name, &[name]);
    }
}
