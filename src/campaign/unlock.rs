//! Unlocking a blocked field for one campaign, with a written justification that is
//! audited and travels with the export (PRODUCT.md, "Privacy classes").

use rusqlite::Connection;

use super::{Campaign, CampaignError, Unlock};
use crate::campaign::store as campaigns;
use crate::fields::Field;
use crate::fields::change::closest;
use crate::fields::policy::{Usage, check_use};
use crate::workspace::{Workspace, audit, fields, now_rfc3339};

use crate::fields::policy::MIN_JUSTIFICATION_CHARS as MIN_REASON_CHARS;

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
///
/// Errors: unknown campaign or field; a field that is not blocked (nothing to unlock);
/// a protected trait in a housing, employment, credit or politics campaign (never
/// unlockable); a justification shorter than [`MIN_REASON_CHARS`].
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
    let Some(f) = fields::get(conn, field)? else {
        let names: Vec<String> = fields::list(conn)?.into_iter().map(|f| f.name).collect();
        return Err(CampaignError::Invalid(format!(
            "no field `{field}`{}",
            closest(field, &names)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        )));
    };
    if !f.class.is_blocked_by_default() {
        return Err(CampaignError::Invalid(format!(
            "field `{field}` is a {} field and is not blocked; there is nothing to unlock",
            f.class.label()
        )));
    }
    check_use(&f, Usage::Rule, Some(c.category), true)
        .map_err(|b| CampaignError::Invalid(b.message))?;
    let reason = reason.trim();
    if reason.chars().count() < MIN_REASON_CHARS {
        return Err(CampaignError::Invalid(format!(
            "write a justification of at least {MIN_REASON_CHARS} characters: why is `{field}` necessary for this campaign? It is logged and travels with the export"
        )));
    }
    let unlock = Unlock {
        field: f.name.clone(),
        reason: reason.to_string(),
        actor: actor.to_string(),
        at: now_rfc3339(),
    };
    Ok((unlock, f))
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
                "a long enough reason here",
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
            "a long enough reason here",
            "ana",
        )
        .unwrap_err();
        assert!(err.to_string().contains("not even with an unlock"), "{err}");
        assert!(audit::entries(housing.conn()).unwrap().is_empty());
    }
}
