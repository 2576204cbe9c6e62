//! Classifier tests. Expected classes come from PRODUCT.md's class table and the
//! dictionary's documented decisions, worked out per case by hand.

use super::*;
use FieldType::{Boolean, Date, Integer, Text};
use PrivacyClass::{
    Consent, DirectIdentifier, Ordinary, Protected, QuasiIdentifier, SpecialCategory,
};

fn col(header: &str, ty: FieldType, values: &[&str]) -> Classification {
    let mut profile = ValueProfile::new();
    for v in values {
        profile.observe(v);
    }
    classify(header, "", ty, &profile)
}

fn header(header: &str, ty: FieldType) -> Classification {
    col(header, ty, &[])
}

fn kind(c: &Classification) -> &str {
    c.kind.as_deref().unwrap_or("-")
}

#[test]
fn words_inside_other_words_never_match() {
    for h in [
        "page",
        "Stage",
        "usage",
        "message",
        "Essex",
        "trace",
        "racetrack",
        "Homepage",
        "Storage",
        "Passage",
        "Average Order",
        "Mileage",
        "Product Name",
        "Ticket ID",
        "Order ID",
        "Segment",
        "Region",
        "default",
        "contact",
        "Annual_Income",
    ] {
        let c = header(h, Text);
        assert_eq!(
            (c.class, c.role),
            (Ordinary, Role::None),
            "{h}: {}",
            c.reason
        );
    }
}

#[test]
fn whole_words_match_in_any_case_style() {
    for h in [
        "age",
        "Customer Age",
        "customer_age",
        "customerAge",
        "AGE",
        "age-group",
    ] {
        assert_eq!(header(h, Integer).class, Protected, "{h}");
    }
    for h in [
        "sex",
        "Sex",
        "gender",
        "customerGender",
        "Race",
        "race_ethnicity",
    ] {
        assert!(header(h, Text).class <= Protected, "{h}");
    }
}

#[test]
fn each_language_has_its_words() {
    let cases = [
        ("Geburtsdatum", Date, "date_of_birth"),
        ("Geschlecht", Text, "gender"),
        ("Religion", Text, "religion"),
        ("Gesundheit", Text, "health"),
        ("PLZ", Text, "postcode"),
        ("Postleitzahl", Text, "postcode"),
        ("Straße", Text, "address"),
        ("Vorname", Text, "name"),
        ("Nachname", Text, "name"),
        ("Staatsangehörigkeit", Text, "nationality"),
        ("date de naissance", Date, "date_of_birth"),
        ("sexe", Text, "gender"),
        ("code postal", Text, "postcode"),
        ("Prénom", Text, "name"),
        ("rue", Text, "address"),
        ("religión", Text, "religion"),
        ("código postal", Text, "postcode"),
        ("fecha_de_nacimiento", Date, "date_of_birth"),
        ("Calle", Text, "address"),
        ("sesso", Text, "gender"),
        ("CAP", Text, "postcode"),
        ("Cognome", Text, "name"),
        ("Età", Integer, "age"),
        ("geslacht", Text, "gender"),
        ("postcode", Text, "postcode"),
        ("Achternaam", Text, "name"),
        ("data de nascimento", Date, "date_of_birth"),
        ("nascimento", Date, "date_of_birth"),
        ("Sobrenome", Text, "name"),
        ("zip", Text, "postcode"),
    ];
    for (h, ty, expected) in cases {
        let c = header(h, ty);
        assert_eq!(kind(&c), expected, "{h}: {}", c.reason);
    }
}

#[test]
fn special_category_headers() {
    for (h, expected) in [
        ("Health Condition", "health"),
        ("allergies", "health"),
        ("Ethnicity", "ethnicity"),
        ("Sexual Orientation", "sexual_orientation"),
        ("political_party", "political_opinion"),
        ("Gewerkschaft", "union_membership"),
        ("DNA test result", "genetic"),
        ("fingerprint_hash", "biometric"),
        ("SSN", "government_id"),
        ("Passport Number", "government_id"),
        ("Credit Card", "card_number"),
        ("IBAN", "financial_account"),
        ("latitude", "precise_geolocation"),
    ] {
        let c = header(h, Text);
        assert_eq!(
            (kind(&c), c.class),
            (expected, SpecialCategory),
            "{h}: {}",
            c.reason
        );
    }
}

#[test]
fn protected_traits_and_their_roles() {
    let dob = header("Date of Birth", Date);
    assert_eq!((dob.role, dob.class), (Role::DateOfBirth, Protected));
    let dob_text = header("dob", Text);
    assert_eq!((dob_text.role, dob_text.class), (Role::None, Protected));
    assert!(
        dob_text.reason.contains("not used as date of birth"),
        "{}",
        dob_text.reason
    );
    let year = header("Birth Year", Integer);
    assert_eq!((year.role, year.class), (Role::BirthYear, Protected));
    assert_eq!(header("Age", Integer).role, Role::Age);
    // Issue 10, item 10: ages and birth years written as text still feed the minor check.
    assert_eq!(header("Age", Text).role, Role::Age);
    assert_eq!(header("Year of Birth", Text).role, Role::BirthYear);
    // An age band is protected but is not a number of years for the minor check.
    let band = header("Age Group", Integer);
    assert_eq!((band.role, band.class), (Role::None, Protected));
    let senior = header("SeniorCitizen", Integer);
    assert_eq!(
        (kind(&senior), senior.role, senior.class),
        ("age", Role::None, Protected)
    );
    assert_eq!(kind(&header("marital", Text)), "marital_status");
    assert_eq!(kind(&header("Dependents", Boolean)), "family_status");
    assert_eq!(kind(&header("Partner", Boolean)), "family_status");
    assert_eq!(kind(&header("Nationality", Text)), "nationality");
}

#[test]
fn vocabularies_classify_whatever_the_header() {
    let genre = col(
        "Genre",
        Text,
        &["Male", "Female", "Female", "Male", "Female"],
    );
    assert_eq!((kind(&genre), genre.class), ("gender", Protected));
    assert!(
        genre
            .reason
            .starts_with("100% of values are gender terms (female, male)"),
        "{}",
        genre.reason
    );

    let diet = col("diet", Text, &["halal", "kosher", "vegan", "halal", "none"]);
    assert_eq!(
        (kind(&diet), diet.class),
        ("religion", SpecialCategory),
        "{}",
        diet.reason
    );

    let faith = col(
        "x",
        Text,
        &["Catholic", "Muslim", "Jewish", "Hindu", "Atheist"],
    );
    assert_eq!(kind(&faith), "religion");

    let orientation = col("q7", Text, &["Heterosexual", "Gay", "Bisexual", "Lesbian"]);
    assert_eq!(
        (kind(&orientation), orientation.class),
        ("sexual_orientation", SpecialCategory)
    );

    let ethnic = col(
        "group",
        Text,
        &["Asian", "Hispanic", "White", "Black", "White"],
    );
    assert_eq!(kind(&ethnic), "ethnicity");

    let marital = col(
        "civ",
        Text,
        &["married", "single", "divorced", "unknown", "married"],
    );
    assert_eq!(
        (kind(&marital), marital.class),
        ("marital_status", Protected)
    );

    let german = col("Anrede", Text, &["Herr", "Frau", "Frau", "Divers"]);
    assert_eq!(kind(&german), "gender");
}

#[test]
fn vocabularies_need_a_majority_and_two_distinct_terms() {
    // Colours: `black` and `white` are weak, so no ethnicity.
    assert_eq!(
        col("colour", Text, &["Black", "White", "Black"]).class,
        Ordinary
    );
    // Sizes: `m` alone is one gender term among many sizes.
    assert_eq!(
        col("size", Text, &["S", "M", "L", "XL", "M"]).class,
        Ordinary
    );
    // 3 of 5 gender terms is 60%, under the 80% bar.
    assert_eq!(
        col("mixed", Text, &["male", "female", "male", "blue", "red"]).class,
        Ordinary
    );
    // One distinct term only.
    assert_eq!(
        col("only", Text, &["female", "female", "female"]).class,
        Ordinary
    );
}

#[test]
fn card_numbers_by_luhn() {
    // Published test PANs (Visa, Mastercard, Amex, Discover).
    let pans = [
        "4111111111111111",
        "5555555555554444",
        "378282246310005",
        "6011111111111117",
    ];
    let c = col("payment ref", Text, &pans);
    assert_eq!((kind(&c), c.class), ("card_number", SpecialCategory));
    assert!(
        c.reason.starts_with("100% of values pass the Luhn check"),
        "{}",
        c.reason
    );

    // Same numbers with the last digit changed: none pass.
    let broken = [
        "4111111111111112",
        "5555555555554445",
        "378282246310006",
        "6011111111111118",
    ];
    assert_eq!(col("payment ref", Text, &broken).class, Ordinary);

    // A `Card Number` header whose values fail Luhn is a loyalty card, and the
    // reason says why it is not a payment card.
    let loyalty = col("Card Number", Text, &broken);
    assert_eq!(
        (kind(&loyalty), loyalty.class),
        ("loyalty_card", DirectIdentifier)
    );
    assert!(
        loyalty
            .reason
            .contains("only 0% of values pass the Luhn check"),
        "{}",
        loyalty.reason
    );
    let paying = col("Card Number", Text, &pans);
    assert_eq!(
        (kind(&paying), paying.class),
        ("card_number", SpecialCategory)
    );
}

#[test]
fn ibans_by_mod_97() {
    let valid = ["DE89370400440532013000", "GB82WEST12345698765432"];
    let c = col("Bankverbindung2", Text, &valid);
    assert_eq!((kind(&c), c.class), ("financial_account", SpecialCategory));
    let by_values = col("ref", Text, &valid);
    assert_eq!(kind(&by_values), "financial_account");
    let invalid = ["DE89370400440532013001", "GB82WEST12345698765433"];
    assert_eq!(col("ref", Text, &invalid).class, Ordinary);
}

#[test]
fn emails_and_phones() {
    let emails = ["a@example.com", "b@example.org", "C@Example.net"];
    let by_values = col("contact", Text, &emails);
    assert_eq!(
        (by_values.role, by_values.class),
        (Role::Email, DirectIdentifier)
    );
    assert!(
        by_values
            .reason
            .starts_with("100% of values look like e-mail addresses")
    );
    assert_eq!(col("Customer Email", Text, &emails).role, Role::Email);

    let phones = [
        "+49 351 1234567",
        "+33 1 42 68 53 00",
        "(555) 010-4477",
        "0171 2345678",
    ];
    let c = col("Phone", Text, &phones);
    assert_eq!((c.role, c.class), (Role::Phone, DirectIdentifier));
    assert_eq!(col("reach me at", Text, &phones).role, Role::Phone);
    // Telco's `PhoneService` is yes/no, not a phone number.
    assert_eq!(
        col("PhoneService", Text, &["Yes", "No", "Yes"]).role,
        Role::None
    );
}

#[test]
fn customer_ids_are_not_phones_but_contact_keys() {
    let ids = ["207119551", "207119552", "207119553", "207119554"];
    let c = col("Kundennummer", Text, &ids);
    assert_eq!((c.role, c.class), (Role::ContactKey, DirectIdentifier));
    assert_eq!(col("ref", Text, &ids).role, Role::None);
    let dashed = ["123-456-789", "123-456-790", "223-456-789"];
    assert_eq!(col("ref", Text, &dashed).role, Role::None);
    assert_eq!(header("customerID", Text).role, Role::ContactKey);
}

#[test]
fn names_addresses_and_quasi_identifiers() {
    assert_eq!(header("Customer Name", Text).role, Role::Name);
    assert_eq!(header("First Name", Text).role, Role::Name);
    assert_eq!(header("Product Name", Text).role, Role::None);
    assert_eq!(header("Address1", Text).role, Role::Address);
    assert_eq!(header("Email Address", Text).role, Role::Email);
    let zip = header("Postal Code", Integer);
    assert_eq!((zip.role, zip.class), (Role::Postcode, QuasiIdentifier));
    for h in [
        "City",
        "Province",
        "Country",
        "job",
        "Job Title",
        "Company",
        "education",
    ] {
        assert_eq!(header(h, Text).class, QuasiIdentifier, "{h}");
    }
    assert_eq!(kind(&header("Shipping Address City", Text)), "city");
}

#[test]
fn consent_columns_from_real_exports() {
    for (h, role) in [
        ("Accepts Email Marketing", Role::ConsentEmail),
        ("Accepts SMS Marketing", Role::ConsentSms),
        ("subscribed_to_emails", Role::ConsentEmail),
        ("Unsubscribed from all email", Role::ConsentEmail),
        ("email_opt_in", Role::ConsentEmail),
        ("marketing_consent", Role::ConsentEmail),
        ("Newsletter", Role::ConsentEmail),
        ("unsubscribed", Role::ConsentEmail),
        ("sms_opt_in", Role::ConsentSms),
    ] {
        let c = col(h, Boolean, &["true", "false"]);
        assert_eq!((c.role, c.class), (role, Consent), "{h}: {}", c.reason);
    }
    // A newsletter sign-up date is not a consent state.
    assert_eq!(header("newsletter_signup_date", Date).role, Role::None);
    assert_eq!(header("Tags", FieldType::List).role, Role::Tags);
    assert_eq!(header("labels", Text).class, Ordinary);
}

#[test]
fn special_category_beats_protected_beats_the_rest() {
    // A gender header whose values are religions: special category wins, both recorded.
    let c = col("Gender", Text, &["Catholic", "Muslim", "Jewish", "Muslim"]);
    assert_eq!((kind(&c), c.class), ("religion", SpecialCategory));
    assert!(
        c.reason.contains("also header token `gender`"),
        "{}",
        c.reason
    );
    // A health word beats an e-mail header.
    assert_eq!(header("health_email", Text).class, SpecialCategory);
    // Age beats a name.
    assert_eq!(header("Name Age", Integer).class, Protected);
    // Header and values both recorded for the same kind.
    let g = col("gender", Text, &["male", "female", "female"]);
    assert!(
        g.reason
            .starts_with("header token `gender` and 100% of values are gender terms"),
        "{}",
        g.reason
    );
    assert!(g.reason.contains("protected trait"), "{}", g.reason);
}

#[test]
fn nothing_matched_is_ordinary_with_a_reason() {
    let c = col("Total Spent", FieldType::Decimal, &["12.50", "99.00"]);
    assert_eq!(
        (c.role, c.class, c.kind.clone()),
        (Role::None, Ordinary, None)
    );
    assert!(!c.reason.is_empty());
}

#[test]
fn the_normalised_name_stands_in_for_a_blank_header() {
    let c = classify("", "email", Text, &ValueProfile::new());
    assert_eq!(c.role, Role::Email);
}
