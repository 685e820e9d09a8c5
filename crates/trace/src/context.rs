//! One evidence context per story, computed once and read by every step
//! (origin, chains): the direction signals between members and each
//! member's dates.

use std::collections::BTreeMap;

use crate::dating::{dating, Dating};
use crate::direction::{directions, Direction};
use crate::member::TracedArticle;

/// What the members' own pages say about their order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evidence {
    /// Direction signals read off the copies' text.
    pub signals: Vec<Direction>,
    /// Each dated member's date evidence, by key.
    pub dates: BTreeMap<i64, Dating>,
}

impl Evidence {
    /// Reads the story's evidence once.
    pub fn of(group: &[&TracedArticle]) -> Evidence {
        Evidence {
            signals: directions(group),
            dates: group
                .iter()
                .filter_map(|m| Some((m.key, dating(m)?)))
                .collect(),
        }
    }

    /// A member's dates, when it has any.
    pub fn date(&self, key: i64) -> Option<&Dating> {
        self.dates.get(&key)
    }

    /// True when `a` is dated before `b` clearly, or by the calendar days
    /// the pages print (overlapping only through the zones' spread): good
    /// enough to say which of two pages sharing edits is upstream, not to
    /// accuse.
    pub fn dated_first(&self, a: i64, b: i64) -> bool {
        self.dated_before(a, b)
            || matches!(
                (self.date(a).and_then(|d| d.day), self.date(b).and_then(|d| d.day)),
                (Some(x), Some(y)) if x < y
            )
    }

    /// True when `a` is dated clearly before `b`.
    pub fn dated_before(&self, a: i64, b: i64) -> bool {
        match (self.date(a), self.date(b)) {
            (Some(x), Some(y)) => x.before(y),
            _ => false,
        }
    }
}
