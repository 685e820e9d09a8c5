//! Filter dates read once, at the edge: `reprint stories --from/--to` and
//! `/api/stories?from=&to=` (and the web UI's form) give a year, a month or
//! a day as text; each front end reads it here with reprint-time's one
//! parser into a [`Timestamp`], and the store's query layer
//! (`reprint_store::StoryFilter`) takes that type, never a string.
//!
//! Why here: the API checked its dates with a rule of its own and passed
//! the string on, so the store compared whatever text reached it, and a
//! second front end would have needed the rule again. A bad value is
//! refused with one message naming the parameter and the value, the same
//! from every front end.

use reprint_time::{Precision, Timestamp};
use thiserror::Error;

/// A filter date that is not a year, a month or a day.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{param}: {value:?} is not a date (dates are YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct BadDate {
    /// The parameter as the front end names it (`--from`, `from`).
    pub param: String,
    /// The value given.
    pub value: String,
}

/// Reads parameter `param`'s value `value` as a filter date: a year, a
/// month or a calendar day, written exactly so (`2019`, `2019-05`,
/// `2019-05-31`; not `2019-5-31`). A day that is no day (`2019-02-30`) is refused rather
/// than compared as text, and so is a time: the store's `to` admits the
/// whole period named, which a time does not name.
pub fn date_param(param: &str, value: &str) -> Result<Timestamp, BadDate> {
    // The store compares the text with stored ISO dates, so only the
    // canonical form will do: chrono reads "2019-5-31" as a day, but as
    // text it sorts after "2019-12-01".
    let canonical = |t: &Timestamp| match t.precision() {
        Precision::Day => t
            .day()
            .is_some_and(|d| d.format("%Y-%m-%d").to_string() == value),
        Precision::Year | Precision::Month => t.as_str() == value,
        _ => false,
    };
    match Timestamp::parse(value) {
        Some(t) if canonical(&t) => Ok(t),
        _ => Err(BadDate {
            param: param.to_string(),
            value: value.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_months_and_days_are_read() {
        for good in ["2019", "2019-05", "2019-05-31", "2020-02-29"] {
            let t = date_param("from", good).unwrap();
            assert_eq!(t.as_str(), good);
        }
    }

    #[test]
    fn a_bad_date_names_the_parameter_and_the_value() {
        for bad in [
            "2019-02-30",
            "2019-13",
            "yesterday",
            "",
            " 2019",
            "2019-05-31T10:00:00Z",
            "2019-5-31",
        ] {
            let e = date_param("--to", bad).unwrap_err();
            assert_eq!(e.param, "--to");
            assert_eq!(e.value, bad);
        }
        assert_eq!(
            date_param("from", "2019-02-30").unwrap_err().to_string(),
            "from: \"2019-02-30\" is not a date (dates are YYYY, YYYY-MM or YYYY-MM-DD)"
        );
    }
}
