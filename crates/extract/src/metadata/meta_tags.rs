//! `<meta>` tags by name: OpenGraph (`property`), standard and vendor names
//! (`name`), microdata (`itemprop`) and `http-equiv`.

use std::collections::HashMap;

use crate::dom::Dom;

#[derive(Default)]
pub struct MetaTags {
    /// Lower-cased key → values in document order.
    values: HashMap<String, Vec<String>>,
}

impl MetaTags {
    pub fn read(dom: &Dom) -> MetaTags {
        let mut tags = MetaTags::default();
        for i in dom.elements_named("meta") {
            let Some(content) = dom.attr(i, "content") else {
                continue;
            };
            let content = content.split_whitespace().collect::<Vec<_>>().join(" ");
            if content.is_empty() {
                continue;
            }
            for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = dom.attr(i, key_attr) {
                    tags.values
                        .entry(key.trim().to_ascii_lowercase())
                        .or_default()
                        .push(content.clone());
                }
            }
        }
        tags
    }

    /// The first value of the first key present.
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.values.get(*k).and_then(|v| v.first()))
            .map(String::as_str)
    }

    /// The first key present, with the key, for recording where it came from.
    pub fn first_with_key<'k>(&self, keys: &[&'k str]) -> Option<(&'k str, &str)> {
        keys.iter().find_map(|k| {
            self.values
                .get(*k)
                .and_then(|v| v.first())
                .map(|v| (*k, v.as_str()))
        })
    }

    pub fn all(&self, key: &str) -> &[String] {
        self.values.get(key).map(Vec::as_slice).unwrap_or(&[])
    }
}
