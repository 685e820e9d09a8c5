//! Printing dates the many ways news sites do: days in words or numbers,
//! times with a zone label or an offset, local times without a zone, ISO
//! forms for JSON-LD and meta tags.

use crate::scenario::{civil, weekday, DAYS, MONTHS};

/// Offsets from UTC (minutes) a site may publish in.
pub const OFFSETS: &[i32] = &[-480, -420, -360, -300, 0, 60, 120, 330, 540, 600];

/// Short month names as sites abbreviate them.
const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// AP-style month abbreviations.
const MONTHS_AP: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// Local calendar and clock of `t` at `offset_minutes`.
#[derive(Debug, Clone, Copy)]
pub struct Local {
    pub year: i64,
    pub month: usize,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    pub weekday: usize,
}

impl Local {
    pub fn of(t: i64, offset_minutes: i32) -> Local {
        let l = t + i64::from(offset_minutes) * 60;
        let (year, month, day) = civil(l);
        let s = l.rem_euclid(86_400);
        Local {
            year,
            month,
            day,
            hour: s / 3600,
            minute: (s % 3600) / 60,
            weekday: weekday(l),
        }
    }

    fn clock12(&self, dotted: bool) -> String {
        let h = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        let am = self.hour < 12;
        let suffix = match (dotted, am) {
            (true, true) => "a.m.",
            (true, false) => "p.m.",
            (false, true) => "AM",
            (false, false) => "PM",
        };
        format!("{h}:{:02} {suffix}", self.minute)
    }

    fn clock24(&self, sep: char) -> String {
        format!("{:02}{sep}{:02}", self.hour, self.minute)
    }
}

/// A zone label for an offset, as sites print it (no daylight saving: the
/// label names the offset).
pub fn zone_label(offset_minutes: i32, numeric: bool) -> String {
    if numeric {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let m = offset_minutes.abs();
        return format!("UTC{sign}{:02}:{:02}", m / 60, m % 60);
    }
    match offset_minutes {
        -480 => "PST",
        -420 => "MST",
        -360 => "CST",
        -300 => "EST",
        0 => "GMT",
        60 => "CET",
        120 => "EET",
        330 => "IST",
        540 => "JST",
        600 => "AEST",
        _ => "UTC",
    }
    .to_string()
}

/// The number of day formats [`day`] knows.
pub const DAY_FORMATS: usize = 8;

/// A day in words or numbers (format `f`); numeric day-month forms are used
/// only when the day cannot be read as a month.
pub fn day(f: usize, l: &Local) -> String {
    let (y, m, d) = (l.year, l.month, l.day);
    match f % DAY_FORMATS {
        0 => format!("{} {d}, {y}", MONTHS[m]),
        1 => format!("{} {d}, {y}", MONTHS_AP[m]),
        2 => format!("{d} {} {y}", MONTHS[m]),
        3 => format!("{}, {} {d}, {y}", DAYS[l.weekday], MONTHS[m]),
        4 => format!("{y}-{:02}-{d:02}", m + 1),
        5 if d > 12 => format!("{:02}/{d:02}/{y}", m + 1),
        6 if d > 12 => format!("{d:02}.{:02}.{y}", m + 1),
        7 => format!("{} {d} {} {y}", &DAYS[l.weekday][..3], MONTHS_SHORT[m]),
        _ => format!("{} {d}, {y}", MONTHS_SHORT[m]),
    }
}

/// The number of time formats [`instant`] knows.
pub const TIME_FORMATS: usize = 6;

/// A day and time (format `f`), followed by `zone` when given.
pub fn instant(f: usize, l: &Local, zone: Option<&str>) -> String {
    let z = zone.map(|z| format!(" {z}")).unwrap_or_default();
    let (y, m, d) = (l.year, l.month, l.day);
    match f % TIME_FORMATS {
        0 => format!("{} {d}, {y} {}{z}", MONTHS[m], l.clock12(false)),
        1 => format!("{}{z} {} {d}, {y}", l.clock12(true), MONTHS_AP[m]),
        2 => format!(
            "{} {d} {} {y} {}{z}",
            &DAYS[l.weekday][..3],
            MONTHS_SHORT[m],
            l.clock24('.')
        ),
        3 => format!("{y}-{:02}-{d:02} {}{z}", m + 1, l.clock24(':')),
        4 => format!(
            "{}, {} {d}, {y}{z}",
            l.clock12(false).to_lowercase(),
            MONTHS_SHORT[m]
        ),
        _ => format!("{d:02} {} {y}, {}{z}", MONTHS_SHORT[m], l.clock24(':')),
    }
}

/// ISO 8601 with the site's offset (`2016-03-02T15:45:00-05:00`), or in
/// UTC (`…Z`) when `utc`.
pub fn iso_instant(t: i64, offset_minutes: i32, utc: bool) -> String {
    if utc {
        return crate::scenario::rfc3339(t);
    }
    let l = Local::of(t, offset_minutes);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let o = offset_minutes.abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:00{sign}{:02}:{:02}",
        l.year,
        l.month + 1,
        l.day,
        l.hour,
        l.minute,
        o / 60,
        o % 60
    )
}

/// ISO 8601 local time without an offset.
pub fn iso_local(t: i64, offset_minutes: i32) -> String {
    let l = Local::of(t, offset_minutes);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:00",
        l.year,
        l.month + 1,
        l.day,
        l.hour,
        l.minute
    )
}

/// ISO 8601 day in the site's calendar.
pub fn iso_day(t: i64, offset_minutes: i32) -> String {
    let l = Local::of(t, offset_minutes);
    format!("{:04}-{:02}-{:02}", l.year, l.month + 1, l.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_and_iso_forms() {
        // 2016-03-03T02:30:00Z is still March 2 in New York.
        let t = 1_456_972_200;
        let l = Local::of(t, -300);
        assert_eq!((l.month, l.day, l.hour, l.minute), (2, 2, 21, 30));
        assert_eq!(iso_instant(t, -300, false), "2016-03-02T21:30:00-05:00");
        assert_eq!(iso_instant(t, 330, false), "2016-03-03T08:00:00+05:30");
        assert_eq!(iso_local(t, -300), "2016-03-02T21:30:00");
        assert_eq!(iso_day(t, 600), "2016-03-03");
        assert_eq!(instant(0, &l, Some("EST")), "March 2, 2016 9:30 PM EST");
        assert_eq!(day(5, &l), "Mar 2, 2016", "no 03/02 that reads as Feb 3");
    }
}
