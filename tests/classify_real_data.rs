//! The classifier on real public exports in /work/shared/real-data (read-only, never
//! copied here) and on the invented files in sample-data/. Expected classes are worked
//! out by hand from each file's header and SOURCE.txt / bank-additional-names.txt /
//! sample-data/README.md against PRODUCT.md's class table. The real-data tests are
//! skipped with a message when the directory is absent, and fail when it is absent
//! under `CI=true`.
//!
//! The held-out layout of issue 10 (Kaggle "Customer Personality Analysis",
//! marketing_campaign.csv: `ID;Year_Birth;Education;Marital_Status;Income;Kidhome;...`)
//! is not in ../shared/real-data; its test below classifies the file's exact header
//! with rows written by hand in the file's value vocabularies.

mod shared_folder;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tactful::fields::classify::{Classification, ValueProfile, classify};
use tactful::fields::{FieldType, PrivacyClass, Role};

use PrivacyClass::{
    Consent, DirectIdentifier, Ordinary, Protected, QuasiIdentifier, SpecialCategory,
};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

fn real_data() -> Option<PathBuf> {
    shared_folder::shared("real-data")
}

/// A type as the importer would infer it from every value: the few cases these files need.
fn infer(values: &[String]) -> FieldType {
    let all = |f: fn(&str) -> bool| !values.is_empty() && values.iter().all(|v| f(v));
    if all(|v| v.parse::<i64>().is_ok()) {
        FieldType::Integer
    } else if all(|v| v.parse::<f64>().is_ok()) {
        FieldType::Decimal
    } else if all(|v| {
        matches!(
            v.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false"
        )
    }) {
        FieldType::Boolean
    } else if all(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()) {
        FieldType::Date
    } else {
        FieldType::Text
    }
}

/// Classify every column of `file`, keyed by header.
fn classify_file(file: &Path, delimiter: u8) -> Vec<(String, Classification)> {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    classify_csv(&file.display().to_string(), bytes.as_slice(), delimiter)
}

/// Classify every column of a CSV read from `input`, keyed by header.
fn classify_csv(label: &str, input: impl Read, delimiter: u8) -> Vec<(String, Classification)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    for record in reader.records() {
        let record = record.unwrap();
        for (i, value) in record.iter().enumerate().take(headers.len()) {
            let value = value.trim();
            if !value.is_empty() {
                columns[i].push(value.to_string());
            }
        }
    }
    headers
        .into_iter()
        .zip(columns)
        .map(|(header, values)| {
            let mut profile = ValueProfile::new();
            values.iter().for_each(|v| profile.observe(v));
            let c = classify(&header, &header.to_lowercase(), infer(&values), &profile);
            eprintln!(
                "{label}: {header:?} -> {} / {}: {}",
                c.class, c.role, c.reason
            );
            (header, c)
        })
        .collect()
}

/// A file of ../shared/real-data and its delimiter, classified at most once per run:
/// its own test and [`real_headers_gain_no_special_category_by_accident`] read the same
/// classification (classifying the five files twice was half this binary's CPU time).
struct RealFile {
    path: &'static str,
    delimiter: u8,
    classified: OnceLock<Vec<(String, Classification)>>,
}

impl RealFile {
    const fn new(path: &'static str, delimiter: u8) -> RealFile {
        RealFile {
            path,
            delimiter,
            classified: OnceLock::new(),
        }
    }

    /// Every column of the file under `dir` (the real-data folder), keyed by header.
    fn columns(&self, dir: &Path) -> &[(String, Classification)] {
        self.classified
            .get_or_init(|| classify_file(&dir.join(self.path), self.delimiter))
    }
}

static TELCO: RealFile = RealFile::new("telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv", b',');
static BANK: RealFile = RealFile::new("bank-marketing-uci/bank-additional-full.csv", b';');
static TICKETS: RealFile = RealFile::new("support-tickets/customer_support_tickets.csv", b',');
static MALL: RealFile = RealFile::new("mall-customers/Mall_Customers.csv", b',');
static SUPERSTORE: RealFile = RealFile::new("superstore/Sample - Superstore.csv", b',');

fn check(columns: &[(String, Classification)], expected: &[(&str, PrivacyClass, Role)]) {
    for (header, class, role) in expected {
        let Some((_, c)) = columns.iter().find(|(h, _)| h == header) else {
            panic!("no column {header}");
        };
        assert_eq!((c.class, c.role), (*class, *role), "{header}: {}", c.reason);
    }
}

#[test]
fn telco_churn() {
    let Some(dir) = real_data() else { return };
    let cols = TELCO.columns(&dir);
    check(
        cols,
        &[
            ("customerID", DirectIdentifier, Role::ContactKey),
            ("gender", Protected, Role::None),
            // 0/1 flag for age 65+: age-related, but not an age in years.
            ("SeniorCitizen", Protected, Role::None),
            ("Partner", Protected, Role::None),
            ("Dependents", Protected, Role::None),
            ("PhoneService", Ordinary, Role::None),
            ("tenure", Ordinary, Role::None),
            ("PaymentMethod", Ordinary, Role::None),
        ],
    );
}

#[test]
fn bank_marketing() {
    let Some(dir) = real_data() else { return };
    let cols = BANK.columns(&dir);
    check(
        cols,
        &[
            ("age", Protected, Role::Age),
            ("marital", Protected, Role::None),
            ("job", QuasiIdentifier, Role::None),
            ("education", QuasiIdentifier, Role::None),
            // Credit default is not special category data (GDPR Art. 9(1) lists no
            // financial data); see the dictionary's decisions.
            ("default", Ordinary, Role::None),
            ("housing", Ordinary, Role::None),
            ("contact", Ordinary, Role::None),
            ("y", Ordinary, Role::None),
        ],
    );
}

#[test]
fn support_tickets() {
    let Some(dir) = real_data() else { return };
    let cols = TICKETS.columns(&dir);
    check(
        cols,
        &[
            ("Customer Name", DirectIdentifier, Role::Name),
            ("Customer Email", DirectIdentifier, Role::Email),
            ("Customer Age", Protected, Role::Age),
            ("Customer Gender", Protected, Role::None),
            ("Ticket ID", Ordinary, Role::None),
            ("Product Purchased", Ordinary, Role::None),
            ("Date of Purchase", Ordinary, Role::None),
            ("Ticket Description", Ordinary, Role::None),
        ],
    );
    let gender = &cols.iter().find(|(h, _)| h == "Customer Gender").unwrap().1;
    assert!(
        gender.reason.contains("of values are gender terms"),
        "{}",
        gender.reason
    );
}

#[test]
fn mall_customers() {
    let Some(dir) = real_data() else { return };
    let cols = MALL.columns(&dir);
    check(
        cols,
        &[
            ("CustomerID", DirectIdentifier, Role::ContactKey),
            ("Genre", Protected, Role::None),
            ("Age", Protected, Role::Age),
            ("Annual_Income", Ordinary, Role::None),
            ("Spending_Score", Ordinary, Role::None),
        ],
    );
    let genre = &cols.iter().find(|(h, _)| h == "Genre").unwrap().1;
    assert_eq!(genre.kind.as_deref(), Some("gender"));
}

#[test]
fn ghost_members() {
    let Some(dir) = real_data() else { return };
    let cols = classify_file(&dir.join("ghost-members/valid-members-import.csv"), b',');
    check(
        &cols,
        &[
            ("email", DirectIdentifier, Role::Email),
            ("name", DirectIdentifier, Role::Name),
            ("note", Ordinary, Role::None),
            ("subscribed_to_emails", Consent, Role::ConsentEmail),
            ("labels", Ordinary, Role::Tags),
            ("created_at", Ordinary, Role::None),
        ],
    );
}

#[test]
fn superstore() {
    let Some(dir) = real_data() else { return };
    let cols = SUPERSTORE.columns(&dir);
    check(
        cols,
        &[
            ("Row ID", Ordinary, Role::None),
            ("Order ID", Ordinary, Role::None),
            ("Customer ID", DirectIdentifier, Role::ContactKey),
            ("Customer Name", DirectIdentifier, Role::Name),
            ("Country", QuasiIdentifier, Role::None),
            ("City", QuasiIdentifier, Role::None),
            ("State", QuasiIdentifier, Role::None),
            ("Postal Code", QuasiIdentifier, Role::Postcode),
            ("Product Name", Ordinary, Role::None),
            ("Sales", Ordinary, Role::None),
        ],
    );
}

#[test]
fn sample_shopify_customers() {
    let cols = classify_file(&sample("shopify_customers.csv"), b',');
    check(
        &cols,
        &[
            ("Customer ID", DirectIdentifier, Role::ContactKey),
            ("First Name", DirectIdentifier, Role::Name),
            ("Last Name", DirectIdentifier, Role::Name),
            ("Email", DirectIdentifier, Role::Email),
            ("Accepts Email Marketing", Consent, Role::ConsentEmail),
            ("Company", QuasiIdentifier, Role::None),
            ("Address1", DirectIdentifier, Role::Address),
            ("City", QuasiIdentifier, Role::None),
            ("Province", QuasiIdentifier, Role::None),
            ("Country", QuasiIdentifier, Role::None),
            ("Zip", QuasiIdentifier, Role::Postcode),
            ("Phone", DirectIdentifier, Role::Phone),
            ("Accepts SMS Marketing", Consent, Role::ConsentSms),
            ("Total Spent", Ordinary, Role::None),
            ("Total Orders", Ordinary, Role::None),
            ("Tags", Ordinary, Role::Tags),
            ("Note", Ordinary, Role::None),
            ("Date of Birth", Protected, Role::DateOfBirth),
            ("Gender", Protected, Role::None),
            ("Loyalty Tier", Ordinary, Role::None),
            ("Last Order Date", Ordinary, Role::None),
        ],
    );
}

#[test]
fn sample_loyalty_cards_are_not_payment_cards() {
    let bytes = std::fs::read(sample("loyalty_cards.csv")).unwrap();
    let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(!had_errors);
    let cols = classify_csv("loyalty_cards.csv", text.as_bytes(), b';');
    check(
        &cols,
        &[
            ("Email", DirectIdentifier, Role::Email),
            ("Name", DirectIdentifier, Role::Name),
            ("Card Number", DirectIdentifier, Role::None),
            ("Points", Ordinary, Role::None),
            ("Member Since", Ordinary, Role::None),
            ("Newsletter", Consent, Role::ConsentEmail),
        ],
    );
    let card = &cols.iter().find(|(h, _)| h == "Card Number").unwrap().1;
    assert_eq!(card.kind.as_deref(), Some("loyalty_card"));
    assert!(
        card.reason
            .contains("only 0% of values pass the Luhn check"),
        "{}",
        card.reason
    );
}

#[test]
fn sample_suppression_list() {
    let cols = classify_file(&sample("suppression.csv"), b',');
    check(&cols, &[("email", DirectIdentifier, Role::Email)]);
}

/// Issue 10's held-out layout: the header of the Kaggle "Customer Personality Analysis"
/// file (marketing_campaign.csv, `;`-separated in the copies seen), rows written by hand
/// with the file's values (Education: Graduation, PhD, Master, Basic, 2n Cycle;
/// Marital_Status: Single, Together, Married, Divorced, Widow, Alone, Absurd, YOLO).
///
/// Expected, by hand: `Year_Birth` is a birth year (protected, role birth_year, so the
/// minor check sees it); `Marital_Status` protected; `Kidhome` and `Teenhome` (children
/// and teenagers at home) family status, protected; `Education` a quasi-identifier: it
/// is neither special category data (GDPR Art. 9(1) does not list it) nor a trait that
/// EU equality directives or ECOA protect, but a level of education narrows small
/// cells; `ID` the contact key; income and the spend and purchase counts ordinary
/// (financial data is not special category, see the dictionary's decisions).
#[test]
fn customer_personality_analysis_layout() {
    let csv = "ID;Year_Birth;Education;Marital_Status;Income;Kidhome;Teenhome;Dt_Customer;Recency;\
MntWines;MntFruits;MntMeatProducts;MntFishProducts;MntSweetProducts;MntGoldProds;NumDealsPurchases;\
NumWebPurchases;NumCatalogPurchases;NumStorePurchases;NumWebVisitsMonth;AcceptedCmp3;AcceptedCmp4;\
AcceptedCmp5;AcceptedCmp1;AcceptedCmp2;Complain;Z_CostContact;Z_Revenue;Response
1001;1961;Graduation;Single;48000;0;1;2013-04-02;12;300;20;150;30;10;25;2;5;2;6;5;0;0;0;0;0;0;3;11;0
1002;1975;PhD;Together;61500;1;0;2012-11-19;40;510;3;80;0;4;11;1;7;3;9;4;0;1;0;0;0;0;3;11;1
1003;1988;Master;Married;;1;1;2014-01-30;71;20;1;9;2;0;6;3;2;0;3;8;0;0;0;0;0;0;3;11;0
1004;1950;Basic;Divorced;23000;0;0;2013-08-08;5;4;0;3;0;1;2;1;1;0;2;7;0;0;0;0;0;1;3;11;0
1005;1993;2n Cycle;Widow;39750;2;0;2012-09-14;88;61;9;40;15;6;30;2;3;1;4;6;1;0;0;0;0;0;3;11;0
1006;1968;Graduation;YOLO;75200;0;1;2014-05-21;33;800;50;420;60;45;70;1;6;5;10;2;0;0;1;1;0;0;3;11;1
";
    let cols = classify_csv("marketing_campaign layout", csv.as_bytes(), b';');
    check(
        &cols,
        &[
            ("ID", DirectIdentifier, Role::ContactKey),
            ("Year_Birth", Protected, Role::BirthYear),
            ("Education", QuasiIdentifier, Role::None),
            ("Marital_Status", Protected, Role::None),
            ("Income", Ordinary, Role::None),
            ("Kidhome", Protected, Role::None),
            ("Teenhome", Protected, Role::None),
            ("Dt_Customer", Ordinary, Role::None),
            ("Recency", Ordinary, Role::None),
            ("MntWines", Ordinary, Role::None),
            ("MntGoldProds", Ordinary, Role::None),
            ("NumWebVisitsMonth", Ordinary, Role::None),
            ("AcceptedCmp3", Ordinary, Role::None),
            ("Complain", Ordinary, Role::None),
            ("Z_CostContact", Ordinary, Role::None),
            ("Response", Ordinary, Role::None),
        ],
    );
    let kind = |h: &str| {
        cols.iter()
            .find(|(c, _)| c == h)
            .and_then(|(_, c)| c.kind.clone())
    };
    assert_eq!(kind("Year_Birth").as_deref(), Some("birth_year"));
    assert_eq!(kind("Kidhome").as_deref(), Some("family_status"));
    assert_eq!(kind("Teenhome").as_deref(), Some("family_status"));
    assert_eq!(kind("Marital_Status").as_deref(), Some("marital_status"));
}

/// Issue 10's headers in the real files: telco's `Dependents` and `Partner` stay family
/// status; none of the real headers becomes special category data by accident.
#[test]
fn real_headers_gain_no_special_category_by_accident() {
    let Some(dir) = real_data() else { return };
    for file in [&TELCO, &BANK, &TICKETS, &MALL, &SUPERSTORE] {
        for (header, c) in file.columns(&dir) {
            let path = file.path;
            assert_ne!(c.class, SpecialCategory, "{path}: {header}: {}", c.reason);
        }
    }
}
