//! The benchmark's input: a deterministic, invented customer export in the Shopify
//! layout, 16 columns, any number of rows (1,000,000 rows is about 160 MB).
//!
//! Owns only data generation; the bench binary (`benches/import.rs`) decides where the
//! file goes and what runs on it. The same seed gives byte-identical files on every
//! machine (SplitMix64, no platform randomness), so figures from different runs compare.
//! Names and addresses are invented; e-mail domains are example.com / example.org /
//! example.net (RFC 2606).

use std::io::{self, Write};

/// The header row: what a Shopify customers export holds, plus the dates small shops add.
pub const HEADER: &str = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Company,City,Province,Country,Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Tags,Last Order Date";

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same everywhere.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloé", "David", "Emma", "Finn", "Greta", "Hugo", "Ines", "Jonas", "Katrin",
    "Luca", "Mia", "Noah", "Olga", "Paul", "Rosa", "Sami", "Tereza", "Umar", "Vera", "Willem",
    "Yara", "Zoë",
];
const LAST: &[&str] = &[
    "Schmidt", "Dupont", "García", "Rossi", "de Vries", "Silva", "Novak", "Jensen", "Müller",
    "Martin", "López", "Bianchi", "Jansen", "Costa", "Kowalski", "Nielsen", "O'Brien", "Weber",
];
const COMPANY: &[&str] = &[
    "",
    "",
    "",
    "Acme GmbH",
    "Blue Fern Ltd",
    "Café Lumière SARL",
];
const CITY: &[(&str, &str, &str)] = &[
    ("Berlin", "BE", "DE"),
    ("Lyon", "ARA", "FR"),
    ("Porto", "13", "PT"),
    ("Gent", "VOV", "BE"),
    ("Milano", "MI", "IT"),
    ("Utrecht", "UT", "NL"),
    ("Sevilla", "SE", "ES"),
    ("Leeds", "ENG", "GB"),
    ("Boston", "MA", "US"),
];
const DOMAIN: &[&str] = &["example.com", "example.org", "example.net"];
const TAGS: &[&str] = &[
    "vip",
    "newsletter",
    "wholesale",
    "returning",
    "sale",
    "gift",
];

/// Write a header and `rows` data rows to `out`, generated from `seed`.
pub fn write_customers(out: &mut impl Write, rows: u64, seed: u64) -> io::Result<()> {
    let mut rng = SplitMix64(seed);
    let mut line = String::with_capacity(256);
    writeln!(out, "{HEADER}")?;
    for i in 0..rows {
        line.clear();
        customer(&mut rng, i, &mut line);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One CSV line (with its LF) for customer number `i`.
fn customer(rng: &mut SplitMix64, i: u64, line: &mut String) {
    use std::fmt::Write as _;
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let (city, province, country) = CITY[rng.below(CITY.len() as u64) as usize];
    let ascii = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let email = format!("{}.{}.{i}@{}", ascii(first), ascii(last), rng.pick(DOMAIN));
    let accepts_email = if rng.chance(60) { "yes" } else { "no" };
    let accepts_sms = if rng.chance(25) { "yes" } else { "no" };
    // Postcodes keep their leading zeros (01067 Dresden style).
    let zip = format!("{:05}", rng.below(100_000));
    let phone = if rng.chance(10) {
        String::new()
    } else {
        format!(
            "+49 {:03} {:07}",
            100 + rng.below(900),
            rng.below(10_000_000)
        )
    };
    let orders = rng.below(40);
    let spent = if orders == 0 { 0 } else { rng.below(500_000) };
    let mut tags: Vec<&str> = TAGS.iter().copied().filter(|_| rng.chance(20)).collect();
    tags.dedup();
    let last_order = if orders == 0 {
        String::new()
    } else {
        format!(
            "20{:02}-{:02}-{:02}",
            18 + rng.below(8),
            1 + rng.below(12),
            1 + rng.below(28)
        )
    };
    let company = rng.pick(COMPANY);
    let _ = writeln!(
        line,
        "{id},{first},{last},{email},{accepts_email},{company},{city},{province},{country},{zip},{phone},{accepts_sms},{spent_whole}.{spent_cents:02},{orders},{tags},{last_order}",
        id = 5_000_000_000u64 + i * 7,
        last = quote(last),
        company = quote(company),
        spent_whole = spent / 100,
        spent_cents = spent % 100,
        tags = quote(&tags.join(", ")),
    );
}

/// RFC 4180 quoting, only where the value needs it.
fn quote(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}
