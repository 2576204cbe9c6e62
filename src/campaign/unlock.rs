//! Unlocking a blocked field for one campaign, with a written justification that is
//! audited and travels with the export (PRODUCT.md, "Privacy classes").
//!
//! A sensitive value of an ordinary field (the tag `muslim`) is unlocked by its kind on
//! that field: `tactful unlock CAMPAIGN tags:religion --reason ...` opens every religion
//! value of `tags` for the campaign, and nothing else (see
//! [`crate::fields::policy::check_value_use`]).

use rusqlite::Connection;

use super::{Campaign, CampaignError, Unlock};
use crate::campaign::store as campaigns;
use crate::fields::Field;
use crate::fields::change::closest;
use crate::fields::classify::{sensitive_kind, sensitive_kinds};
use crate::fields::policy::{Category, Usage, check_use, value_unlock_key};
use crate::workspace::{Workspace, audit, fields, now_rfc3339};
use crate::written;

/// Load a campaign or fail with a did-you-mean hint.
pub fn load(ws: &Workspace, name: &str) -> Result<Campaign, CampaignError> {
    if let Some(c) = campaigns::load(ws.conn(), name)? {
        return Ok(c);
    }
    let names = campaigns::names(ws.conn())?;
    Err(CampaignError::Unknown {
        name: name.to_string(),
        hint: closest(name, &names)
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default(),
    })
}

/// Unlock `field` for `campaign` with `reason`, audited in the same transaction.
/// `field` is a field name, or `FIELD:KIND` for the sensitive values of one kind in an
/// ordinary field (`tags:religion`).
///
/// Errors: unknown campaign or field; a field that is not blocked (nothing to unlock);
/// an unknown or non-sensitive kind, or a kind on a field that is itself blocked;
/// a protected trait or special category data in a housing, employment, credit or
/// politics campaign (never unlockable); a justification
/// [`written::check_justification_about`] refuses (20 visible characters, at least three
/// different words, none more than half of them, three of them not the words of
/// `field` itself).
pub fn unlock(
    ws: &mut Workspace,
    campaign: &str,
    field: &str,
    reason: &str,
    actor: &str,
) -> Result<Unlock, CampaignError> {
    let c = load(ws, campaign)?;
    let (unlock, f) = checked(ws.conn(), &c, field, reason, actor)?;
    ws.write(|tx| record(tx, &c.name, &unlock, &f))?;
    Ok(unlock)
}

/// Check that `field` may be unlocked for `campaign` (which need not be saved yet) and
/// build the unlock, dated now. Errors: as [`unlock`].
pub fn checked(
    conn: &Connection,
    c: &Campaign,
    field: &str,
    reason: &str,
    actor: &str,
) -> Result<(Unlock, Field), CampaignError> {
    let (name, kind) = match field.split_once(':') {
        Some((name, kind)) => (name.trim(), Some(kind.trim())),
        None => (field, None),
    };
    let Some(f) = fields::get(conn, name)? else {
        let names: Vec<String> = fields::list(conn)?.into_iter().map(|f| f.name).collect();
        return Err(CampaignError::Invalid(format!(
            "no field `{name}`{}",
            closest(name, &names)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        )));
    };
    let f = match kind {
        Some(kind) => value_kind(f, kind)?,
        None => f,
    };
    if !f.class.is_blocked_by_default() {
        return Err(CampaignError::Invalid(format!(
            "field `{field}` is a {} field and is not blocked; there is nothing to unlock",
            f.class.label()
        )));
    }
    if let Some(why) = never_unlockable(&f, c.category) {
        return Err(CampaignError::Invalid(why));
    }
    let reason = reason.trim();
    written::check_justification_about("the justification", reason, field).map_err(|e| {
        CampaignError::Invalid(format!(
            "{e}: why is `{field}` necessary for this campaign? It is logged and travels with the export"
        ))
    })?;
    let unlock = Unlock {
        field: f.name.clone(),
        reason: reason.to_string(),
        actor: actor.to_string(),
        at: now_rfc3339(),
    };
    Ok((unlock, f))
}

/// Why field `f` can never be unlocked in a campaign of `category`: a protected trait
/// or special category data in a special ad category (housing, employment, credit,
/// politics; `fields::policy::check_use`), where not even an unlock allows it. `None`
/// when an unlock could open it. The sentence is the one [`unlock`] refuses with, so
/// the TUI can say it before a justification is typed.
pub fn never_unlockable(f: &Field, category: Category) -> Option<String> {
    check_use(f, Usage::Rule, Some(category), true)
        .err()
        .map(|b| b.message)
}

/// The stand-in field that the unlock of `kind` values in `f` opens: named by its
/// unlock key, of the kind's class.
fn value_kind(f: Field, kind: &str) -> Result<Field, CampaignError> {
    if f.class.is_blocked_by_default() {
        return Err(CampaignError::Invalid(format!(
            "field `{}` is itself a {} field: unlock the field (tactful unlock CAMPAIGN {} --reason \"...\"), not one kind of its values",
            f.name,
            f.class.label(),
            f.name
        )));
    }
    let Some(class) = sensitive_kind(kind) else {
        return Err(CampaignError::Invalid(format!(
            "`{kind}` is not a kind of sensitive value; unlock one of: {}",
            sensitive_kinds().join(", ")
        )));
    };
    Ok(Field {
        name: value_unlock_key(&f.name, kind),
        class,
        kind: Some(kind.to_string()),
        ..f
    })
}

/// Store `unlock` for campaign `name` and append it to the audit log, inside the
/// caller's transaction.
pub fn record(
    tx: &Connection,
    name: &str,
    unlock: &Unlock,
    f: &Field,
) -> Result<(), CampaignError> {
    campaigns::add_unlock(tx, name, unlock)?;
    audit::append(
        tx,
        &unlock.actor,
        "unlock",
        name,
        &serde_json::json!({"field": f.name, "class": f.class, "kind": f.kind, "reason": unlock.reason}),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::policy::Category;
    use crate::fields::{Channel, FieldType, PrivacyClass, Role};

    fn setup(category: Category) -> Workspace {
        let mut ws = Workspace::open_in_memory().unwrap();
        let mut c = Campaign::new("spring", Channel::Email);
        c.category = category;
        ws.write(|tx| {
            for (name, class) in [
                ("age", PrivacyClass::Protected),
                ("city", PrivacyClass::QuasiIdentifier),
                ("tags", PrivacyClass::Ordinary),
            ] {
                let f = Field {
                    name: name.into(),
                    header: name.into(),
                    ty: FieldType::Text,
                    role: Role::None,
                    class,
                    reason: String::new(),
                    kind: None,
                };
                fields::add(tx, &f, "test", None)?;
            }
            campaigns::save(tx, &c)
        })
        .unwrap();
        ws
    }

    #[test]
    fn unlock_is_stored_and_audited() {
        let mut ws = setup(Category::General);
        let why = "age-appropriate product range for over-60s";
        unlock(&mut ws, "spring", "age", why, "ana").unwrap();
        let c = load(&ws, "spring").unwrap();
        assert_eq!(c.unlocks.len(), 1);
        assert_eq!(c.unlocks[0].reason, why);
        let log = audit::entries(ws.conn()).unwrap();
        assert_eq!(log[0].action, "unlock");
        assert_eq!(log[0].detail["reason"], why);
    }

    #[test]
    fn unlock_refuses_short_reasons_ordinary_fields_and_special_ad_categories() {
        let mut ws = setup(Category::General);
        assert!(unlock(&mut ws, "spring", "age", "because", "ana").is_err());
        assert!(
            unlock(
                &mut ws,
                "spring",
                "city",
                "renewal reminders need the stated preference",
                "ana"
            )
            .is_err()
        );
        assert_eq!(
            unlock(&mut ws, "sprung", "age", "x", "ana")
                .unwrap_err()
                .to_string(),
            "no campaign `sprung`; did you mean `spring`?"
        );
        let mut housing = setup(Category::Housing);
        let err = unlock(
            &mut housing,
            "spring",
            "age",
            "renewal reminders need the stated preference",
            "ana",
        )
        .unwrap_err();
        assert!(err.to_string().contains("not even with an unlock"), "{err}");
        assert!(audit::entries(housing.conn()).unwrap().is_empty());
    }

    #[test]
    fn special_category_data_is_never_unlocked_in_a_special_ad_category() {
        // Issue 10, item 4: religion in a credit campaign is refused like age.
        let mut ws = setup(Category::Credit);
        ws.write(|tx| {
            let f = Field {
                name: "religion".into(),
                header: "Religion".into(),
                ty: FieldType::Text,
                role: Role::None,
                class: PrivacyClass::SpecialCategory,
                reason: String::new(),
                kind: Some("religion".into()),
            };
            fields::add(tx, &f, "test", None)
        })
        .unwrap();
        let err = unlock(
            &mut ws,
            "spring",
            "religion",
            "renewal reminders need the stated preference",
            "ana",
        )
        .unwrap_err();
        assert!(err.to_string().contains("not even with an unlock"), "{err}");
        assert!(load(&ws, "spring").unwrap().unlocks.is_empty());
    }

    #[test]
    fn invisible_justifications_are_refused() {
        let mut ws = setup(Category::General);
        let err = unlock(&mut ws, "spring", "age", &"\u{200b}".repeat(25), "ana").unwrap_err();
        assert!(err.to_string().contains("no visible text"), "{err}");
        assert!(unlock(&mut ws, "spring", "age", "aaaaaaaaaaaaaaaaaaaaaaaa", "ana").is_err());
    }

    #[test]
    fn a_kind_of_values_unlocks_on_its_field() {
        let mut ws = setup(Category::General);
        let why = "Eid greetings for customers who asked for them";
        let u = unlock(&mut ws, "spring", "tags:religion", why, "ana").unwrap();
        assert_eq!(u.field, "tags:religion");
        assert!(
            load(&ws, "spring")
                .unwrap()
                .unlocked()
                .contains("tags:religion")
        );
        let log = audit::entries(ws.conn()).unwrap();
        assert_eq!(log[0].detail["class"], "special_category");
        assert_eq!(log[0].detail["kind"], "religion");
        // Not a sensitive kind; a kind on a field that is itself blocked; a protected
        // kind in a housing campaign.
        let e = unlock(&mut ws, "spring", "tags:email", why, "ana").unwrap_err();
        assert!(
            e.to_string().contains("not a kind of sensitive value"),
            "{e}"
        );
        let e = unlock(&mut ws, "spring", "age:religion", why, "ana").unwrap_err();
        assert!(e.to_string().contains("unlock the field"), "{e}");
        let mut housing = setup(Category::Housing);
        let e = unlock(&mut housing, "spring", "tags:gender", why, "ana").unwrap_err();
        assert!(e.to_string().contains("not even with an unlock"), "{e}");
    }
}
