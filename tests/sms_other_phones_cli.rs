//! A number that opted out anywhere never gets an SMS through another phone field
//! (session 12, promise 1): a contact with a `mobile` and a `phone` column is sent to
//! the first, and a refusal another contact recorded for the number in its second
//! field (in any writing: national, `0044`, `+44 (0)`, dashes; or as the second number
//! of a cell holding two) refuses it too, as a refusal of the sending number does.
//! UK numbers in Ofcom's drama range; expected values worked out by hand. README,
//! "Contacts, phone numbers and suppression lists".

mod review_support;

use review_support::*;

#[test]
fn a_refused_number_in_another_phone_field_refuses_the_sms() {
    // By hand, with --region GB:
    // - Ann texts on +447700900111; her `phone` +447700900222 is Bo's number, which Bo
    //   declined (written 07700 900222): no_consent.
    // - Cy texts on +447700900333; his `phone` cell holds +447700900444 and, second,
    //   07700 900555, Dee's number (written +44 (0)7700-900-555), which Dee declined.
    // - Eve's numbers nobody refused: she is sent to.
    let csv = "email,mobile,phone,Accepts SMS Marketing\n\
        ann@example.com,+44 7700 900111,0044 7700 900222,yes\n\
        bo@example.com,07700 900222,,no\n\
        cy@example.com,+44 7700 900333,07700 900444 / 07700 900555,yes\n\
        dee@example.com,+44 (0)7700-900-555,,no\n\
        eve@example.com,+44 7700 900666,+44 7700 900777,yes\n";
    let (email, sms) = outcomes(csv, &["--region", "GB"]);
    assert_eq!(
        sms,
        pairs(&[
            ("ann@example.com", "no_consent"),
            ("bo@example.com", "no_consent"),
            ("cy@example.com", "no_consent"),
            ("dee@example.com", "no_consent"),
            ("eve@example.com", "-"),
        ])
    );
    // An SMS refusal says nothing of e-mail.
    assert!(email.iter().all(|(_, e)| e == "-"), "{email:?}");
}
