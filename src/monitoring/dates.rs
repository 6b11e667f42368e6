//! Calendar arithmetic for due dates, and the injectable notion of "today".

use chrono::{Months, NaiveDate};

/// Adds calendar months; a day that does not exist in the target month becomes its last day
/// (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year). Saturates at the end of chrono's range.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// Adds years as 12 months each: Feb 29 + 1 year = Feb 28.
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    add_months(date, years.saturating_mul(12))
}

pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The day by which something due `hours` after `day` must be done: an incident discovered on a day is counted
/// from the end of that day, so 24 hours fall due the next day and 36 hours the day after.
pub fn add_hours_as_days(day: NaiveDate, hours: u32) -> NaiveDate {
    add_days(day, hours.div_ceil(24))
}

/// Whose "today" obligations are computed for: the system's date (UTC), or a fixed one (tests, `--as-of`,
/// `EQUIPCHECK_TODAY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::System => chrono::Utc::now().date_naive(),
            Clock::Fixed(day) => day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_ends_clamp() {
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2028, 1, 31), 1), d(2028, 2, 29));
        assert_eq!(add_months(d(2026, 3, 31), 1), d(2026, 4, 30));
        assert_eq!(add_months(d(2026, 8, 31), 6), d(2027, 2, 28));
        assert_eq!(add_months(d(2026, 12, 15), 1), d(2027, 1, 15));
    }

    #[test]
    fn leap_days_plus_years() {
        assert_eq!(add_years(d(2028, 2, 29), 1), d(2029, 2, 28));
        assert_eq!(add_years(d(2028, 2, 29), 4), d(2032, 2, 29));
        assert_eq!(add_days(d(2028, 2, 28), 1), d(2028, 2, 29));
        assert_eq!(add_days(d(2027, 12, 1), 90), d(2028, 2, 29));
    }

    #[test]
    fn hours_count_from_the_end_of_the_day() {
        assert_eq!(add_hours_as_days(d(2026, 2, 28), 24), d(2026, 3, 1));
        assert_eq!(add_hours_as_days(d(2028, 2, 28), 24), d(2028, 2, 29));
        assert_eq!(add_hours_as_days(d(2026, 1, 1), 72), d(2026, 1, 4));
        assert_eq!(add_hours_as_days(d(2026, 1, 1), 36), d(2026, 1, 3));
    }

    #[test]
    fn a_fixed_clock_is_fixed() {
        assert_eq!(Clock::Fixed(d(2026, 11, 22)).today(), d(2026, 11, 22));
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
    }
}
