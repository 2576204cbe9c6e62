//! Exact sums of money amounts (trial 4, N4).
//!
//! Amounts are stored as SQLite REALs (binary floating point), and adding binary
//! fractions gives `0.1 + 0.2 = 0.30000000000000004` and `10.10 + 20.20 =
//! 30.299999999999997`: a message then prints the digits, and `order_total >= 30.3`
//! misses a customer who spent exactly 30.30. A [`MoneySum`] adds each amount as the
//! decimal it was written as (the shortest decimal that reads back as the same REAL,
//! which is the file's own text for amounts of up to 15 significant digits) in integer
//! arithmetic, and gives the REAL nearest the exact decimal total, the same REAL that a
//! rule's `30.3` parses to. So equal decimal amounts compare equal and order is kept.
//! Used by `import::orders` (an order's line amounts) and the workspace's
//! `tactful_money_sum` SQL aggregate (a contact's orders).

/// A running exact decimal sum: `units / 10^scale`, or a float sum once the decimals
/// outgrow 128-bit integers (amounts no shop has), and whether every amount was whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MoneySum {
    units: i128,
    scale: u32,
    /// Set once exact arithmetic overflowed: the float sum is all there is.
    float: Option<f64>,
    /// Every amount added was an integer (SQLite's `sum` then stays an integer).
    pub integers_only: bool,
    /// How many amounts were added.
    pub count: u64,
}

impl Default for MoneySum {
    fn default() -> Self {
        MoneySum {
            units: 0,
            scale: 0,
            float: None,
            integers_only: true,
            count: 0,
        }
    }
}

impl MoneySum {
    /// Add an integer amount.
    pub fn add_integer(&mut self, v: i64) {
        self.count += 1;
        self.push(i128::from(v), 0, v as f64);
    }

    /// Add a REAL amount as the decimal it was written as.
    pub fn add(&mut self, v: f64) {
        self.count += 1;
        self.integers_only = false;
        match decimal(v) {
            Some((units, scale)) => self.push(units, scale, v),
            None => self.float = Some(self.value() + v),
        }
    }

    fn push(&mut self, units: i128, scale: u32, v: f64) {
        if let Some(f) = self.float {
            self.float = Some(f + v);
            return;
        }
        let scale_to = self.scale.max(scale);
        let lift = |u: i128, s: u32| {
            10i128
                .checked_pow(scale_to - s)
                .and_then(|p| u.checked_mul(p))
        };
        match (lift(self.units, self.scale), lift(units, scale)) {
            (Some(a), Some(b)) if a.checked_add(b).is_some() => {
                self.units = a + b;
                self.scale = scale_to;
            }
            _ => self.float = Some(self.value() + v),
        }
    }

    /// The REAL nearest the exact total.
    pub fn value(&self) -> f64 {
        if let Some(f) = self.float {
            return f;
        }
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let digits = format!("{digits:0>width$}", width = scale + 1);
        let (whole, frac) = digits.split_at(digits.len() - scale);
        let sign = if self.units < 0 { "-" } else { "" };
        format!("{sign}{whole}.{frac}0").parse().unwrap_or(0.0)
    }
}

/// `v` as `units / 10^scale`, from its shortest round-trip decimal; `None` when not
/// finite or too long for 128-bit integers.
fn decimal(v: f64) -> Option<(i128, u32)> {
    if !v.is_finite() {
        return None;
    }
    let text = format!("{v}");
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if whole.len() + frac.len() > 36 {
        return None;
    }
    let units: i128 = format!("{whole}{frac}").parse().ok()?;
    Some((units, frac.len() as u32))
}

/// `a + b` through their decimals: the REAL nearest the exact decimal sum.
pub fn add(a: f64, b: f64) -> f64 {
    let mut sum = MoneySum::default();
    sum.add(a);
    sum.add(b);
    sum.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_amounts_add_up_exactly() {
        assert_eq!(add(0.1, 0.2), 0.3);
        assert_eq!(add(10.10, 20.20), 30.3);
        assert_eq!(add(-0.1, 0.1), 0.0);
        assert_eq!(add(1148.78, 0.0), 1148.78);
        let mut s = MoneySum::default();
        for v in [19.99, 0.01, 5.005, -2.5] {
            s.add(v);
        }
        assert_eq!(s.value(), 22.505);
        let mut whole = MoneySum::default();
        whole.add_integer(3);
        whole.add_integer(4);
        assert!(whole.integers_only);
        assert_eq!(whole.value(), 7.0);
    }
}
