//! The project's shared cases and real data (`../shared`, beside the repository): a
//! path in it, or a skip said aloud; never a silent pass under `CI=true`. Included by
//! `common` (as `common::shared`) and by tests that do not include `common`.

#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared/<rel>` (the project's shared cases and real data) when it exists. When it
/// is absent the test fails under `CI=true` (CI always has the folder, so its absence
/// there is a broken setup, not a reason to pass) and otherwise says it skipped.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is absent, and CI=true needs it",
        path.display()
    );
    eprintln!("skipping: {} is absent", path.display());
    None
}
