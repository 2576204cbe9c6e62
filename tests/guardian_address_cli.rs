//! A guardian's contact field on a child's record (`Guardian email`, `Parent email`)
//! holds the parent's address, not the child's: the parent's own contact is no minor's
//! inbox (new-user trial 11). The minor status follows a known minor's own addresses
//! (README "The minor check"); before, it followed every e-mail field of the child's
//! record, so a junior club's parents were excluded as `minor` from their own mail.
//! Expected by hand on the as-of date 2026-11-01: Kid, born 2014-05-01, is 12, under
//! the default 16; Tim has no date of birth but a filled guardian field, read as 0 to
//! 17 (a child's record); Par and Ann are adults (46) holding no minor's address.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

#[test]
fn a_parent_named_on_a_childs_record_is_not_a_minor() {
    for header in ["Guardian email", "Parent Email", "Eltern E-Mail"] {
        let ws = Ws::new();
        ws.import_csv(
            "club.csv",
            &format!(
                "Email,{header},First Name,Date of Birth,Accepts Email Marketing\n\
                 kid@example.com,par@example.com,Kid,2014-05-01,yes\n\
                 tim@example.com,Par <PAR@example.com>,Tim,,yes\n\
                 par@example.com,,Par,1980-01-01,yes\n\
                 ann@example.com,,Ann,1980-01-01,yes\n"
            ),
            &[],
        );
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[
                ("ann@example.com", "-"),
                ("kid@example.com", "minor"),
                ("par@example.com", "-"),
                ("tim@example.com", "minor"),
            ]),
            "{header}"
        );
    }
}
