//! The demo workspace: the bundled sample data imported, three example segments and one
//! campaign, so a new user has something real to look at in one command.
//!
//! The sample files are compiled into the binary (they are small), written next to the
//! demo workspace and imported like any user file, so the import batches point at files
//! the user can open. Called by `tactful demo`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::campaign::store as campaigns;
use crate::campaign::{BodyFormat, Campaign, Entry};
use crate::fields::Channel;
use crate::import::{self, ImportPlan, ImportReport};
use crate::message::{Message, MessageDraft, PolicyScope};
use crate::segment::{Scope, store as segments};
use crate::workspace::{Workspace, WorkspaceError, audit, fields};

/// The sample files, by name (see sample-data/README.md).
const FILES: [(&str, &[u8]); 3] = [
    (
        "shopify_customers.csv",
        include_bytes!("../sample-data/shopify_customers.csv"),
    ),
    (
        "loyalty_cards.csv",
        include_bytes!("../sample-data/loyalty_cards.csv"),
    ),
    (
        "suppression.csv",
        include_bytes!("../sample-data/suppression.csv"),
    ),
];

/// The date the demo campaign counts from: the sample data's last order dates lie in the
/// 400 days before it, so relative rules give the same reach on any day.
pub const AS_OF: (i32, u32, u32) = (2026, 11, 1);

/// The example segments: name, rule, description.
pub const SEGMENTS: [(&str, &str, &str); 3] = [
    (
        "vip",
        r#"tags has "vip" or loyalty_tier is "vip""#,
        "Best customers by tag or loyalty tier",
    ),
    (
        "lapsed",
        "last_order_date more than 90 days ago and total_orders >= 2",
        "Repeat customers who have not ordered for three months",
    ),
    (
        "newsletter",
        r#"tags has "newsletter""#,
        "Customers tagged as newsletter readers",
    ),
];

/// The demo campaign's name.
pub const CAMPAIGN: &str = "winter-thanks";

/// Errors while building the demo.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "{0} exists and is not a demo workspace; pass --workspace with a new path for the demo"
    )]
    NotADemo(PathBuf),
    // The causes below are part of their messages and deliberately not `#[source]`s,
    // so a printed error chain shows each once (as `ImportError::Io`).
    #[error("cannot write the sample files to {path}: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("importing sample file {file}: {cause}")]
    Import {
        file: String,
        cause: Box<import::ImportError>,
    },
    #[error("demo setup: {0}")]
    Setup(String),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// What [`build`] made.
#[derive(Debug)]
pub struct Demo {
    pub workspace: Workspace,
    pub imports: Vec<ImportReport>,
    pub suppressed: u64,
}

/// Build a fresh demo workspace at `path`, replacing an earlier demo there (never any
/// other workspace). The sample files go to `<path's directory>/demo-data/`.
///
/// Errors: [`DemoError::NotADemo`] when `path` holds a workspace that is not a demo;
/// I/O, import and workspace errors otherwise.
pub fn build(path: &Path) -> Result<Demo, DemoError> {
    if path.exists() {
        if !is_demo(path)? {
            return Err(DemoError::NotADemo(path.to_path_buf()));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            match fs::remove_file(&p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(DemoError::Io {
                        path: PathBuf::from(p),
                        cause: e,
                    });
                }
                _ => {}
            }
        }
    }
    let mut ws = Workspace::open(path)?;
    ws.write(|tx| {
        audit::append(
            tx,
            &crate::workspace::actor(),
            "demo",
            "workspace",
            &serde_json::json!({"note": "demo workspace built from the bundled sample data"}),
        )
    })?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("demo-data");
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |cause| DemoError::Io { path, cause }
    };
    create_private_dir(&dir).map_err(io(&dir))?;
    let mut files = Vec::new();
    for (name, bytes) in FILES {
        let file = dir.join(name);
        write_private(&file, bytes).map_err(io(&file))?;
        files.push(file);
    }
    let actor = crate::workspace::actor();
    let mut imports = Vec::new();
    for file in &files[..2] {
        let plan = ImportPlan::new(file, &actor);
        let report =
            import::run(&mut ws, &plan, &mut |_| {}).map_err(|cause| DemoError::Import {
                file: file.display().to_string(),
                cause: Box::new(cause),
            })?;
        imports.push(report);
    }
    let suppressed = import::suppress::suppress_file(&mut ws, &files[2], &actor)
        .map_err(|cause| DemoError::Import {
            file: files[2].display().to_string(),
            cause: Box::new(cause),
        })?
        .added;
    add_segments_and_campaign(&mut ws)?;
    Ok(Demo {
        workspace: ws,
        imports,
        suppressed,
    })
}

fn is_demo(path: &Path) -> Result<bool, DemoError> {
    let ws = Workspace::open(path)?;
    Ok(audit::entries(ws.conn())?
        .iter()
        .any(|e| e.action == "demo"))
}

fn as_of() -> NaiveDate {
    let (y, m, d) = AS_OF;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn add_segments_and_campaign(ws: &mut Workspace) -> Result<(), DemoError> {
    let all_fields = fields::list(ws.conn())?;
    let unlocked = BTreeSet::new();
    let held = crate::fields::held::HeldValues::load(ws.conn(), &all_fields)?;
    let scope = Scope {
        fields: &all_fields,
        category: None,
        unlocked: &unlocked,
        as_of: as_of(),
        held: &held,
    };
    for (name, rule, description) in SEGMENTS {
        segments::add(ws, name, rule, description, &scope)
            .map_err(|e| DemoError::Setup(format!("segment {name}: {e}")))?;
    }
    let mut campaign = Campaign::new(CAMPAIGN, Channel::Email);
    campaign.holdout_pct = 10.0;
    campaign.as_of = Some(as_of());
    let messages = [
        (
            "vip",
            "A thank-you for you, {{ first_name | default(\"friend\") }}",
            "Hi {{ first_name | default(\"there\") }},\n\nYou are one of our very best customers. As a thank-you, your next order ships free.\n\nWarm wishes,\nThe shop team",
        ),
        (
            "lapsed",
            "We miss you, {{ first_name | default(\"friend\") }}",
            "Hi {{ first_name | default(\"there\") }},\n\nIt has been a while since your last order on {{ last_order_date | date(\"%d %B %Y\") }}. Here is 10% off your next one.\n\nThe shop team",
        ),
        (
            "newsletter",
            "Winter news",
            "Hi {{ first_name | default(\"there\") }},\n\nOur winter collection is here. Thank you for reading our newsletter.\n\nThe shop team",
        ),
    ];
    let policy = PolicyScope {
        category: Some(campaign.category),
        unlocked: &unlocked,
    };
    for (segment, subject, body) in messages {
        let draft = MessageDraft {
            channel: Channel::Email,
            subject: Some(subject.to_string()),
            body: body.to_string(),
            format: BodyFormat::Plain,
        };
        Message::check(&draft, &all_fields, &policy)
            .map_err(|e| DemoError::Setup(format!("message for {segment}: {e}")))?;
        campaign.entries.push(Entry {
            segment: segment.to_string(),
            subject: draft.subject,
            body: draft.body,
            format: draft.format,
        });
    }
    campaign
        .validate()
        .map_err(|e| DemoError::Setup(e.to_string()))?;
    ws.write(|tx| campaigns::save(tx, &campaign))?;
    Ok(())
}

/// Create `dir` (and its parents) readable by the owner only (0700 on Unix), as the
/// workspace and export directories are: the sample files are contact data.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Write `bytes` to `file`, owner-only (0600 on Unix), replacing an earlier demo's copy
/// (whose permissions are tightened too).
fn write_private(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(file)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(bytes)
}
