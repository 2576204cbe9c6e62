//! Writes the invented demo files in `sample-data/`: a Shopify customers export, a
//! loyalty-card file from another system (semicolons, Windows-1252) and a suppression
//! list. Run with `cargo run --example generate_sample_data`.
//!
//! Every person, address, phone and e-mail is invented; e-mails use only the reserved
//! domains example.com/.org/.net (RFC 2606). A fixed-seed SplitMix64 makes the output
//! byte-identical on every run, so the committed files can be regenerated and diffed.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use chrono::{Days, NaiveDate};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, seedable, good enough for demo data.
struct Rng(u64);

impl Rng {
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
    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

struct Country {
    name: &'static str,
    dial: &'static str,
    /// (city, province, postcode)
    cities: &'static [(&'static str, &'static str, &'static str)],
    streets: &'static [&'static str],
    first: &'static [&'static str],
    last: &'static [&'static str],
    /// Street before the house number ("Hauptstraße 5") or after ("5 High Street").
    street_first: bool,
}

#[rustfmt::skip]
const COUNTRIES: &[Country] = &[
    Country {
        name: "Germany", dial: "49", street_first: true,
        cities: &[("Dresden", "Sachsen", "01067"), ("Leipzig", "Sachsen", "04109"),
            ("Berlin", "Berlin", "10115"), ("München", "Bayern", "80331"),
            ("Hamburg", "Hamburg", "20095"), ("Köln", "Nordrhein-Westfalen", "50667")],
        streets: &["Hauptstraße", "Schillerstraße", "Am Markt", "Gartenweg", "Lindenallee"],
        first: &["Anna", "Lukas", "Jürgen", "Lena", "Maximilian", "Sophie", "Jonas", "Mia",
            "Björn", "Zoë"],
        last: &["Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Köhler", "Becker"],
    },
    Country {
        name: "France", dial: "33", street_first: false,
        cities: &[("Paris", "Île-de-France", "75011"), ("Lyon", "Auvergne-Rhône-Alpes", "69002"),
            ("Marseille", "Provence-Alpes-Côte d'Azur", "13001"), ("Lille", "Hauts-de-France", "59000"),
            ("Toulouse", "Occitanie", "31000")],
        streets: &["rue de la Paix", "avenue Victor Hugo", "rue des Lilas", "boulevard Voltaire"],
        first: &["Chloé", "Émilie", "François", "Inès", "Hélène", "Louis", "Camille", "Théo"],
        last: &["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau"],
    },
    Country {
        name: "Spain", dial: "34", street_first: true,
        cities: &[("Madrid", "Madrid", "28013"), ("Barcelona", "Cataluña", "08001"),
            ("Valencia", "Valencia", "46001"), ("Sevilla", "Andalucía", "41001")],
        streets: &["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Sol"],
        first: &["José", "Lucía", "Sofía", "Mateo", "Ángel", "Marta", "Pablo", "Nuria"],
        last: &["García", "Fernández", "López", "Martínez", "Sánchez", "Núñez", "Ortega"],
    },
    Country {
        name: "Italy", dial: "39", street_first: true,
        cities: &[("Roma", "Lazio", "00184"), ("Milano", "Lombardia", "20121"),
            ("Napoli", "Campania", "80121"), ("Bologna", "Emilia-Romagna", "40121")],
        streets: &["Via Roma", "Via Garibaldi", "Corso Italia", "Via dei Mille"],
        first: &["Giulia", "Lorenzo", "Francesca", "Niccolò", "Chiara", "Matteo", "Giorgia"],
        last: &["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo"],
    },
    Country {
        name: "Netherlands", dial: "31", street_first: true,
        cities: &[("Amsterdam", "Noord-Holland", "1012 AB"), ("Rotterdam", "Zuid-Holland", "3011 AA"),
            ("Utrecht", "Utrecht", "3511 AB"), ("Den Haag", "Zuid-Holland", "2511 CV")],
        streets: &["Kerkstraat", "Prinsengracht", "Dorpsstraat", "Stationsweg"],
        first: &["Daan", "Sanne", "Joost", "Fleur", "Sem", "Lotte", "Bram"],
        last: &["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser"],
    },
    Country {
        name: "United Kingdom", dial: "44", street_first: false,
        cities: &[("London", "England", "SW1A 1AA"), ("Manchester", "England", "M1 1AE"),
            ("Edinburgh", "Scotland", "EH1 1YZ"), ("Bristol", "England", "BS1 4DJ"),
            ("Cardiff", "Wales", "CF10 1EP")],
        streets: &["High Street", "Station Road", "Church Lane", "Victoria Road"],
        first: &["Oliver", "Amelia", "Niamh", "Siobhán", "Harry", "Isla", "George", "Freya"],
        last: &["Smith", "Jones", "Taylor", "O'Brien", "Williams", "Evans", "Patel"],
    },
    Country {
        name: "United States", dial: "1", street_first: false,
        cities: &[("New York", "New York", "10001"), ("Boston", "Massachusetts", "02108"),
            ("Chicago", "Illinois", "60601"), ("San Francisco", "California", "94103"),
            ("Austin", "Texas", "78701")],
        streets: &["Main Street", "Oak Avenue", "Maple Drive", "Elm Street", "Park Place"],
        first: &["Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Łukasz", "Małgorzata",
            "Søren", "Fatima", "Yusuf"],
        last: &["Johnson", "Brown", "Miller", "Davis", "Nowak", "Kowalczyk", "Nguyen"],
    },
];

/// A couple of CJK names, with the romanisation their e-mail uses.
const CJK: &[(&str, &str, &str)] = &[("芳", "王", "fang.wang"), ("花子", "佐藤", "hanako.sato")];

#[rustfmt::skip]
const COMPANIES: &[&str] = &["Bäckerei Sonnenschein GmbH", "Atelier Lumière SARL",
    "Tapas y Más S.L.", "Smith, Jones & Co", "Studio Verde S.r.l.", "Fietsen van Dijk B.V."];
#[rustfmt::skip]
const TAGS: &[&str] = &["newsletter", "returning", "wholesale", "sale-hunter", "eco", "gift-buyer"];
const NOTES: &[&str] = &[
    "Prefers \"express\" shipping, call before 6pm",
    "Asked for invoices in the name \"Müller & Söhne\", not her own",
    "Gift wrap every order.\nLeave parcels with the neighbour at no. 12",
    "Returned two items, size too small",
];
const DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];
const GENDERS: &[(&str, u64)] = &[("Female", 46), ("Male", 44), ("Non-binary", 2), ("", 8)];
const TIERS: &[(&str, u64)] = &[("bronze", 50), ("silver", 30), ("gold", 15), ("vip", 5)];
#[rustfmt::skip]
const HEADER: &[&str] = &["Customer ID", "First Name", "Last Name", "Email",
    "Accepts Email Marketing", "Company", "Address1", "City", "Province", "Country", "Zip",
    "Phone", "Accepts SMS Marketing", "Total Spent", "Total Orders", "Tags", "Note",
    "Date of Birth", "Gender", "Loyalty Tier", "Last Order Date"];

fn weighted(rng: &mut Rng, items: &[(&'static str, u64)]) -> &'static str {
    let mut roll = rng.below(items.iter().map(|(_, w)| w).sum());
    for (item, weight) in items {
        if roll < *weight {
            return item;
        }
        roll -= weight;
    }
    items[0].0
}

/// ASCII for an e-mail local part: accents dropped, spaces and apostrophes removed.
fn ascii(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let mapped = match c {
            'à' | 'á' | 'â' | 'ä' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'í' | 'ì' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ö' | 'ø' => "o",
            'ù' | 'ú' | 'ü' => "u",
            'ß' => "ss",
            'ł' => "l",
            'ń' => "n",
            'ś' => "s",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "",
        };
        out.push_str(mapped);
    }
    out
}

struct Contact {
    first: String,
    last: String,
    email: String,
}

fn phone(rng: &mut Rng, c: &Country) -> String {
    // National significant numbers: 10 digits in NANP, DE and GB; 9 elsewhere here.
    let len = if matches!(c.dial, "1" | "44" | "49") {
        10
    } else {
        9
    };
    let first = char::from(b'2' + rng.below(8) as u8);
    let rest = (1..len).map(|_| char::from(b'0' + rng.below(10) as u8));
    let number: String = std::iter::once(first).chain(rest).collect();
    match rng.below(3) {
        0 => format!("+{}{number}", c.dial),
        1 => format!("+{} {} {}", c.dial, &number[..3], &number[3..]),
        _ if c.dial == "1" => format!("({}) {}-{}", &number[..3], &number[3..6], &number[6..]),
        _ => format!("0{} {}", &number[..3], &number[3..]),
    }
}

fn shopify(rng: &mut Rng, as_of: NaiveDate) -> (String, Vec<Contact>) {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(HEADER).expect("in-memory write");
    let mut contacts: Vec<Contact> = Vec::new();
    let mut seen = HashSet::new();
    for i in 0..2000u64 {
        let country = rng.pick(COUNTRIES);
        let (mut first, last, slug) = if i % 997 == 400 {
            let (f, l, s) = CJK[(i / 997) as usize % CJK.len()];
            (f.to_string(), l.to_string(), s.to_string())
        } else {
            let (f, l) = (*rng.pick(country.first), *rng.pick(country.last));
            (
                f.to_string(),
                l.to_string(),
                format!("{}.{}", ascii(f), ascii(l)),
            )
        };
        let mut email = format!("{slug}@{}", rng.pick(DOMAINS));
        let mut n = 2;
        while !seen.insert(email.clone()) {
            email = format!("{slug}{n}@{}", rng.pick(DOMAINS));
            n += 1;
        }
        // A few duplicates of an earlier contact's address in another letter case,
        // as when a customer signs up twice.
        if i % 499 == 250
            && let Some(earlier) = contacts.get((i / 3) as usize)
        {
            email = earlier.email.to_uppercase();
        }
        let (city, province, zip) = *rng.pick(country.cities);
        let mut zip = zip.to_string();
        if zip.len() == 5 && zip.bytes().all(|b| b.is_ascii_digit()) {
            let base: u32 = zip.parse().unwrap_or(0);
            zip = format!("{:05}", base + rng.below(9) as u32);
        }
        let street = rng.pick(country.streets);
        let house = 1 + rng.below(180);
        let address = if country.street_first {
            format!("{street} {house}")
        } else {
            format!("{house} {street}")
        };
        let mut phone = if rng.chance(80) {
            phone(rng, country)
        } else {
            String::new()
        };
        // Excel damage: long numbers turned into scientific notation, zips losing a zero.
        if i % 401 == 7 {
            phone = format!("4.477009{:05}E+11", rng.below(100_000));
        }
        if i % 331 == 5 && zip.starts_with('0') {
            zip = zip.trim_start_matches('0').to_string();
        }
        if i % 149 == 3 {
            first.clear();
        }
        let accepts_email = if rng.chance(70) { "yes" } else { "no" };
        let accepts_sms = if !phone.is_empty() && rng.chance(42) {
            "yes"
        } else {
            "no"
        };
        let orders = 1 + rng.below(12) + if rng.chance(10) { rng.below(30) } else { 0 };
        let spent = format!("{}.{:02}", orders * (15 + rng.below(120)), rng.below(100));
        let tier = weighted(rng, TIERS);
        let mut tags: Vec<&str> = Vec::new();
        if tier == "vip" {
            tags.push("vip");
        }
        for _ in 0..rng.below(3) {
            let tag = *rng.pick(TAGS);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let note = match i {
            9 => NOTES[0],
            420 => NOTES[1],
            877 => NOTES[2],
            1300 => NOTES[3],
            _ => "",
        };
        // A few known minors: aged 13 to 15, and under 13 (PRODUCT.md, the minor check).
        let (years, minor) = match i % 400 {
            17 | 101 => (13 + rng.below(3), true),
            55 => (9 + rng.below(4), true),
            _ => (17 + rng.below(68), false),
        };
        let dob = if minor || rng.chance(75) {
            let born = as_of - Days::new(years * 365 + rng.below(365));
            born.format("%Y-%m-%d").to_string()
        } else {
            String::new()
        };
        let last_order = as_of - Days::new(1 + rng.below(400));
        let company = if rng.chance(8) {
            *rng.pick(COMPANIES)
        } else {
            ""
        };
        let id = format!("{}", 7_012_345_000_000 + i * 7919 + rng.below(7000));
        out.write_record([
            id.as_str(),
            &first,
            &last,
            &email,
            accepts_email,
            company,
            &address,
            city,
            province,
            country.name,
            &zip,
            &phone,
            accepts_sms,
            &spent,
            &orders.to_string(),
            &tags.join(", "),
            note,
            &dob,
            weighted(rng, GENDERS),
            tier,
            &last_order.format("%Y-%m-%d").to_string(),
        ])
        .expect("in-memory write");
        contacts.push(Contact { first, last, email });
    }
    let bytes = out.into_inner().expect("in-memory flush");
    (
        String::from_utf8(bytes).expect("all inputs are UTF-8"),
        contacts,
    )
}

/// A 16-digit loyalty card number whose check digit is deliberately not the Luhn digit,
/// so it can never be mistaken for a payment card.
fn loyalty_card(rng: &mut Rng) -> String {
    let body: Vec<u32> = std::iter::once(9)
        .chain((0..14).map(|_| rng.below(10) as u32))
        .collect();
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    let luhn = (10 - sum % 10) % 10;
    let digits: String = body
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect();
    format!("{digits}{}", (luhn + 1 + rng.below(9) as u32) % 10)
}

fn loyalty(rng: &mut Rng, contacts: &[Contact]) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record([
        "Email",
        "Name",
        "Card Number",
        "Points",
        "Member Since",
        "Newsletter",
    ])
    .expect("in-memory write");
    let cp1252 = |s: &str| !encoding_rs::WINDOWS_1252.encode(s).2;
    let mut written = 0;
    let mut i = 0usize;
    while written < 300 {
        let (email, name) = if written % 5 == 4 {
            let c = rng.pick(&COUNTRIES[..3]);
            let (f, l) = (*rng.pick(c.first), *rng.pick(c.last));
            (
                format!(
                    "{}.{}.loyal{written}@{}",
                    ascii(f),
                    ascii(l),
                    rng.pick(DOMAINS)
                ),
                format!("{f} {l}"),
            )
        } else {
            i = (i + 1 + rng.below(7) as usize) % contacts.len();
            let c = &contacts[i];
            let name = format!("{} {}", c.first, c.last).trim().to_string();
            if !cp1252(&name) {
                continue;
            }
            let email = match rng.below(4) {
                0 => c.email.to_uppercase(),
                1 => c.email[..1].to_uppercase() + &c.email[1..],
                _ => c.email.clone(),
            };
            (email, name)
        };
        let since =
            NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default() + Days::new(rng.below(3900));
        out.write_record([
            email.as_str(),
            &name,
            &loyalty_card(rng),
            &rng.below(5000).to_string(),
            &since.format("%d.%m.%Y").to_string(),
            if rng.chance(60) { "ja" } else { "nein" },
        ])
        .expect("in-memory write");
        written += 1;
    }
    let text = String::from_utf8(out.into_inner().expect("in-memory flush")).expect("UTF-8");
    encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
}

fn suppression(rng: &mut Rng, contacts: &[Contact]) -> String {
    let mut out = String::from("email\r\n");
    for n in 0..25 {
        let line = if n % 5 == 3 {
            format!("complaint{n}@{}", rng.pick(DOMAINS))
        } else {
            let email = &contacts[rng.below(contacts.len() as u64) as usize].email;
            if n % 2 == 0 {
                email.to_uppercase()
            } else {
                email.clone()
            }
        };
        out += &line;
        out += "\r\n";
    }
    out
}

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    fs::create_dir_all(&dir)?;
    let mut rng = Rng(0x7AC7_F011_2026_1101);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let (customers, contacts) = shopify(&mut rng, as_of);
    fs::write(dir.join("shopify_customers.csv"), customers)?;
    fs::write(dir.join("loyalty_cards.csv"), loyalty(&mut rng, &contacts))?;
    fs::write(
        dir.join("suppression.csv"),
        suppression(&mut rng, &contacts),
    )?;
    println!(
        "wrote {} contacts and 2 more files to {}",
        contacts.len(),
        dir.display()
    );
    Ok(())
}
