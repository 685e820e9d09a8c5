//! `reprint stories --from/--to` on the demo corpus (`examples/corpus`, so
//! no `../shared`): dates are read once at the edge into reprint-time's
//! type (`reprint_app::filter::date_param`), `--to` includes the whole
//! period it names, and a bad date is refused naming the option and the
//! value before the store is read.

mod common;

use common::*;

/// The listed stories' (id, date) pairs, largest first.
fn listed(db: &std::path::Path, filter: &[&str]) -> Vec<(i64, String)> {
    let mut args = vec!["--json", "stories"];
    args.extend_from_slice(filter);
    let json: serde_json::Value = serde_json::from_str(&ok(reprint(db, &args))).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().unwrap(),
                s["date"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn stories_are_filtered_by_year_month_and_whole_day() {
    let (_dir, db) = demo_db();
    let all = listed(&db, &[]);
    assert!(all.len() >= 4, "{all:?}");
    for (filter, keep) in [
        (
            &["--from", "2019"][..],
            &(|d: &str| d >= "2019") as &dyn Fn(&str) -> bool,
        ),
        (&["--to", "2018-12"], &|d: &str| {
            d.get(..7).unwrap_or(d) <= "2018-12"
        }),
        // A day includes its times: a story dated 2018-05-31T.. is kept.
        (
            &["--from", "2018-05-31", "--to", "2018-05-31"],
            &|d: &str| d.starts_with("2018-05-31"),
        ),
    ] {
        let want: Vec<_> = all.iter().filter(|(_, d)| keep(d)).cloned().collect();
        assert!(!want.is_empty() && want.len() < all.len(), "{filter:?}");
        assert_eq!(listed(&db, filter), want, "{filter:?}");
    }
    // --limit still cuts the filtered list, largest first.
    let two = listed(&db, &["--from", "2018", "--limit", "2"]);
    assert_eq!(two, all[..2].to_vec());
}

#[test]
fn a_bad_date_is_refused_naming_the_option_and_the_value() {
    let (_dir, db) = demo_db();
    for (option, value) in [
        ("--from", "2019-02-30"),
        ("--to", "2019-13"),
        ("--from", "yesterday"),
        ("--to", "2019-05-31T10:00:00Z"),
    ] {
        let out = reprint(&db, &["stories", option, value]);
        assert!(!out.status.success(), "{option} {value}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{option}: \"{value}\" is not a date")),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
