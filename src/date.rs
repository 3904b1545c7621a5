//! Calendar dates as day numbers, so that coverage math is integer arithmetic.

use std::fmt;

/// A proleptic Gregorian calendar day, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub i32);

impl Date {
    /// A validated date; `None` for an impossible one such as 2023-02-29 or year 10000.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(0..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            text.get(r.clone())
                .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|s| s.parse().ok())
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        Date::from_ymd(year, digits(5..7)?, digits(8..10)?)
    }

    /// Whether `text` has the shape of a date, valid or not (`dddd-dd-dd`).
    pub fn looks_like(text: &str) -> bool {
        let b = text.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms (public domain), for years 0..=9999 only.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn validates_the_calendar() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-04-31").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("0000-01-01").is_some());
        assert!(Date::parse("9999-12-31").is_some());
        assert!(Date::parse("2024-1-01").is_none());
    }

    #[test]
    fn follows_the_century_leap_rule() {
        // Divisible by 4 but not by 100, or by 400.
        for (year, leap) in
            [(1900, false), (2100, false), (2000, true), (1600, true), (2024, true), (2023, false)]
        {
            let feb29 = format!("{year}-02-29");
            assert_eq!(Date::parse(&feb29).is_some(), leap, "{feb29}");
            assert_eq!(super::days_in_month(year, 2), if leap { 29 } else { 28 }, "{year}");
        }
        // The day after 28 February is 1 March in a common century year.
        let feb28 = Date::parse("1900-02-28").unwrap();
        assert_eq!(Date(feb28.0 + 1).to_string(), "1900-03-01");
        assert_eq!(Date(Date::parse("2000-02-28").unwrap().0 + 1).to_string(), "2000-02-29");
    }

    #[test]
    fn knows_the_length_of_every_month() {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (month, &days) in (1..=12).zip(&lengths) {
            assert!(Date::from_ymd(2023, month, days).is_some(), "2023-{month}-{days}");
            assert!(Date::from_ymd(2023, month, days + 1).is_none(), "2023-{month}-{}", days + 1);
        }
        assert!(Date::from_ymd(2023, 1, 0).is_none());
        assert!(Date::from_ymd(2023, 0, 1).is_none());
        assert!(Date::from_ymd(-1, 1, 1).is_none());
        assert!(Date::from_ymd(10_000, 1, 1).is_none());
    }

    #[test]
    fn parses_only_the_exact_shape() {
        for bad in [
            "",
            "2024",
            "2024-01-1",
            "2024-01-011",
            "224-01-01",
            "2024/01/01",
            "2024-01/01",
            "2024_01-01",
            "+202-01-01",
            "2024-+1-01",
            "2024-01-+1",
            "２０２４-01-01",
            "2024-01-0a",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Date::parse("2024-03-01").map(|d| d.ymd()), Some((2024, 3, 1)));
    }

    #[test]
    fn tells_the_shape_of_a_date_from_its_validity() {
        assert!(Date::looks_like("2023-02-29"));
        assert!(Date::looks_like("9999-99-99"));
        for not in
            ["2023-02-2", "2023-02-290", "2023/02/29", "2023-02/29", "2023-0a-29", "a023-02-29"]
        {
            assert!(!Date::looks_like(not), "{not}");
        }
    }

    #[test]
    fn round_trips_every_day_of_a_long_span() {
        let start = Date::parse("1899-12-25").unwrap();
        for n in 0..200_000 {
            let d = Date(start.0 + n);
            assert_eq!(Date::parse(&d.to_string()), Some(d));
        }
        assert_eq!(Date::parse("1970-01-01"), Some(Date(0)));
    }
}
