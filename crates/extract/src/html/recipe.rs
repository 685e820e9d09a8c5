//! A recipe's ingredients and steps, found where the page's structured data
//! says they are. Recipe templates put the intro, the ingredient list and
//! the steps in boxes of their own (a column each, a print card), so the
//! scoring picks one of them and the others were lost (backen.de, tfe-dev
//! t0135; bettycrocker.com, t0509). schema.org names them: `itemprop=
//! recipeIngredient` / `recipeInstructions` on the elements (microdata), or
//! the same strings in a JSON-LD `Recipe`, which are looked up in the page.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::hints;
use super::scoring::TextStats;
use crate::dom::{Dom, NodeIx};
use crate::metadata::json_ld;

/// At most this many declared strings are looked up (a recipe has tens).
const MAX_DECLARED: usize = 200;
/// Elements longer than this are not one ingredient or one step.
const MAX_ITEM_CHARS: u32 = 1500;
/// A part's box holds at least this share of the part's matched items...
const ITEMS_SHARE: f32 = 2.0 / 3.0;
/// ...and little else: its text is at most this many times theirs (plus
/// [`SLACK_CHARS`] for headings and amounts), so a page wrapper never counts.
const BOX_TEXT_FACTOR: u32 = 3;
const SLACK_CHARS: u32 = 600;

/// The ingredient and step boxes that are not already inside `roots`, in
/// document order.
pub fn recipe_parts(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    roots: &[NodeIx],
) -> Vec<NodeIx> {
    let declared = declared_parts(dom);
    let mut parts = Vec::new();
    for (prop, strings) in [
        ("recipeingredient", &declared.ingredients),
        ("recipeinstructions", &declared.steps),
    ] {
        let mut items: Vec<NodeIx> = (0..dom.len())
            .filter(|&i| {
                !removed[i]
                    && dom
                        .attr(i, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case(prop))
            })
            .collect();
        if items.len() < 2 {
            items = matching_elements(dom, removed, stats, strings);
        }
        let Some(part) = common_box(dom, stats, &items) else {
            continue;
        };
        let inside_roots = roots.iter().any(|&r| dom.is_within(part, r));
        let around_roots = roots.iter().any(|&r| dom.is_within(r, part));
        if !removed[part] && !inside_roots && !around_roots && !parts.contains(&part) {
            parts.push(part);
        }
    }
    // One box may hold the other (steps inside the ingredient card).
    let all = parts.clone();
    parts.retain(|&p| !all.iter().any(|&q| q != p && dom.is_within(p, q)));
    parts.sort_unstable();
    parts
}

#[derive(Default)]
struct Declared {
    ingredients: Vec<String>,
    steps: Vec<String>,
}

/// `recipeIngredient` (or the older `ingredients`) and the text of
/// `recipeInstructions` (strings, `HowToStep`s, `HowToSection`s) of the
/// page's JSON-LD recipes.
fn declared_parts(dom: &Dom) -> Declared {
    let mut out = Declared::default();
    for o in json_ld::objects(dom) {
        if !json_ld::types(&o).iter().any(|t| t == "Recipe") {
            continue;
        }
        for key in ["recipeIngredient", "ingredients"] {
            if let Some(v) = o.get(key) {
                strings_in(v, &mut out.ingredients);
            }
        }
        if let Some(v) = o.get("recipeInstructions") {
            strings_in(v, &mut out.steps);
        }
    }
    out.ingredients.truncate(MAX_DECLARED);
    out.steps.truncate(MAX_DECLARED);
    out
}

/// Strings, and the `text` of objects, in a JSON-LD value, iteratively.
fn strings_in(v: &Value, out: &mut Vec<String>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        if out.len() >= MAX_DECLARED {
            return;
        }
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(o) => {
                if let Some(t) = o.get("text") {
                    stack.push(t);
                } else if let Some(items) = o.get("itemListElement") {
                    stack.push(items);
                }
            }
            _ => {}
        }
    }
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Leaf blocks whose words cover half of a declared string's (or the
/// string covers half of theirs, for a name set apart from its amount),
/// sharing at least one word of three letters that is not a number.
fn matching_elements(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    strings: &[String],
) -> Vec<NodeIx> {
    if strings.is_empty() {
        return Vec::new();
    }
    let declared: Vec<HashSet<String>> = strings.iter().map(|s| words(s)).collect();
    let vocabulary: HashSet<&String> = declared.iter().flatten().collect();
    let mut out = Vec::new();
    for (i, &cut) in removed.iter().enumerate() {
        if cut
            || stats.has_block[i]
            || !hints::is_block_tag(dom.tag(i))
            || !(3..=MAX_ITEM_CHARS).contains(&stats.chars[i])
        {
            continue;
        }
        let own = words(&dom.text(i));
        if !own.iter().any(|w| vocabulary.contains(w)) {
            continue;
        }
        let matches = declared.iter().any(|d| {
            let shared: Vec<&String> = own.intersection(d).collect();
            let smaller = own.len().min(d.len()).max(1);
            shared.len() * 2 >= smaller
                && shared
                    .iter()
                    .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        });
        if matches {
            out.push(i);
        }
    }
    out
}

/// The innermost element holding two thirds of `items` (at least two) and
/// not much else.
fn common_box(dom: &Dom, stats: &TextStats, items: &[NodeIx]) -> Option<NodeIx> {
    if items.len() < 2 {
        return None;
    }
    let mut counts: HashMap<NodeIx, usize> = HashMap::new();
    for &i in items {
        for a in std::iter::once(i).chain(dom.ancestors(i)) {
            *counts.entry(a).or_default() += 1;
        }
    }
    let need = ((items.len() as f32 * ITEMS_SHARE).ceil() as usize).max(2);
    // Two disjoint elements cannot both hold more than half of the items,
    // so those holding enough are nested: the innermost has the largest
    // index.
    let part = counts
        .into_iter()
        .filter(|&(_, n)| n >= need)
        .map(|(a, _)| a)
        .max()?;
    let items_chars: u32 = items
        .iter()
        .filter(|&&i| dom.is_within(i, part))
        .map(|&i| stats.chars[i])
        .sum();
    (!matches!(dom.tag(part), "body" | "html" | "")
        && stats.chars[part] <= BOX_TEXT_FACTOR * items_chars + SLACK_CHARS)
        .then_some(part)
}

#[cfg(test)]
mod tests {
    use crate::html::extract;

    #[test]
    fn json_ld_ingredients_in_a_column_of_their_own_are_kept() {
        // The layout of backen.de (tfe-dev t0135): the steps win the
        // scoring, the ingredients sit in a column beside them.
        let steps = "<p>Fette den Boden der Springform ein, damit sich der Kuchen gut löst, und heize vor.</p>".repeat(5);
        let html = format!(
            r#"<html><head><script type="application/ld+json">
            {{"@type": "Recipe", "name": "Kuchen",
              "recipeIngredient": ["135 g Butter", "150 g Weizenmehl", "4 Eier (Größe M)"]}}
            </script></head><body>
            <div class="col"><ul><li><span>135 g</span> <a href="/butter">Butter</a></li>
              <li><span>150 g</span> <a href="/mehl">Weizenmehl</a></li>
              <li><span>4</span> <a href="/eier">Eier (Größe M)</a></li></ul></div>
            <div class="col"><div class="steps">{steps}</div></div>
            <div class="menu"><a href="/butter">Butter</a> <a href="/x">Home</a></div></body></html>"#
        );
        let a = extract(&html, None, None);
        let ingredient = a.paragraphs.iter().position(|p| p.contains("Weizenmehl"));
        let step = a.paragraphs.iter().position(|p| p.contains("Springform"));
        assert!(
            ingredient.is_some_and(|i| step.is_some_and(|s| i < s)),
            "{:?}",
            a.paragraphs
        );
        assert!(!a.paragraphs.iter().any(|p| p.contains("Home")));
    }

    #[test]
    fn microdata_ingredients_are_kept() {
        // bettycrocker.com (tfe-dev t0509): `itemprop=recipeIngredient`.
        let intro =
            "This classic cake boasts all the fruity, gooey goodness, and it is quick to make. "
                .repeat(3);
        let html = format!(
            r#"<body><div class="desc"><p>{intro}</p></div>
            <div class="ingredients"><div itemprop="recipeIngredient">1 can pineapple slices in juice</div>
            <div itemprop="recipeIngredient">1 box yellow cake mix</div></div></body>"#
        );
        let a = extract(&html, None, None);
        assert!(
            a.paragraphs.iter().any(|p| p.contains("pineapple slices")),
            "{:?}",
            a.paragraphs
        );
    }
}
