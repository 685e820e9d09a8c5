//! A flat, index-addressed copy of the parsed document.
//!
//! Every later pass (boilerplate marking, scoring, paragraph output, metadata)
//! walks this arena with loops over indices instead of recursion, so a page of
//! 10,000 nested `<div>`s cannot overflow the stack. Nodes are stored in
//! document (pre-)order: a parent always has a smaller index than its
//! descendants, so a reverse index loop visits children before parents.

use scraper::{Html, Node};

pub type NodeIx = usize;

pub struct Dom<'a> {
    pub nodes: Vec<DomNode<'a>>,
}

pub struct DomNode<'a> {
    pub parent: Option<NodeIx>,
    pub children: Vec<NodeIx>,
    /// One past the last descendant: the subtree of `i` is `i..end`.
    pub end: NodeIx,
    pub data: NodeData<'a>,
}

pub enum NodeData<'a> {
    Document,
    Element(Element<'a>),
    Text(&'a str),
}

pub struct Element<'a> {
    /// Lower-case local name (`div`, `p`…).
    pub tag: &'a str,
    attrs: Vec<(&'a str, &'a str)>,
    /// `class` and `id` joined and lower-cased, computed once: every pass
    /// reads hints from it.
    class_id: String,
}

impl<'a> Element<'a> {
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    fn new(tag: &'a str, attrs: Vec<(&'a str, &'a str)>) -> Element<'a> {
        let mut class_id = String::new();
        for (k, v) in &attrs {
            if k.eq_ignore_ascii_case("class") || k.eq_ignore_ascii_case("id") {
                class_id.push_str(v);
                class_id.push(' ');
            }
        }
        class_id.make_ascii_lowercase();
        Element {
            tag,
            attrs,
            class_id,
        }
    }

    /// `class` and `id` joined, lower-cased: what class/id hints are read from.
    pub fn class_and_id(&self) -> &str {
        &self.class_id
    }
}

impl<'a> Dom<'a> {
    pub fn from_html(html: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<DomNode<'a>> = Vec::new();
        // Walk html5ever's tree by first-child / next-sibling / parent links,
        // keeping our own stack of open arena indices.
        let mut stack: Vec<NodeIx> = Vec::new();
        let root = html.tree.root();
        let mut cur = Some(root);
        while let Some(node) = cur {
            let ix = nodes.len();
            let parent = stack.last().copied();
            if let Some(p) = parent {
                nodes[p].children.push(ix);
            }
            nodes.push(DomNode {
                parent,
                children: Vec::new(),
                end: ix + 1,
                data: node_data(node.value()),
            });
            stack.push(ix);
            if let Some(child) = node.first_child() {
                cur = Some(child);
                continue;
            }
            // No children: close this node and every ancestor that has no
            // next sibling, then move to the next sibling.
            let mut up = Some(node);
            cur = None;
            while let Some(n) = up {
                if let Some(open) = stack.pop() {
                    nodes[open].end = nodes.len();
                }
                if n.id() == root.id() {
                    break;
                }
                if let Some(next) = n.next_sibling() {
                    cur = Some(next);
                    break;
                }
                up = n.parent();
            }
        }
        Dom { nodes }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn element(&self, ix: NodeIx) -> Option<&Element<'a>> {
        match &self.nodes[ix].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn tag(&self, ix: NodeIx) -> &'a str {
        match &self.nodes[ix].data {
            NodeData::Element(e) => e.tag,
            _ => "",
        }
    }

    pub fn attr(&self, ix: NodeIx, name: &str) -> Option<&'a str> {
        self.element(ix).and_then(|e| e.attr(name))
    }

    /// Indices of the elements with this tag name, in document order.
    pub fn elements_named<'s>(&'s self, tag: &'s str) -> impl Iterator<Item = NodeIx> + 's {
        (0..self.len()).filter(move |&i| self.tag(i) == tag)
    }

    /// Is `ix` inside (or equal to) `ancestor`?
    pub fn is_within(&self, ix: NodeIx, ancestor: NodeIx) -> bool {
        ix >= ancestor && ix < self.nodes[ancestor].end
    }

    pub fn ancestors(&self, ix: NodeIx) -> impl Iterator<Item = NodeIx> + '_ {
        std::iter::successors(self.nodes[ix].parent, move |&p| self.nodes[p].parent)
    }

    /// All text under `ix` with whitespace collapsed to single spaces; `skip`
    /// tells which subtrees to leave out (e.g. boilerplate already marked).
    pub fn text_of(&self, ix: NodeIx, skip: impl Fn(NodeIx) -> bool) -> String {
        let mut out = String::new();
        let mut i = ix;
        while i < self.nodes[ix].end {
            if i != ix && skip(i) {
                i = self.nodes[i].end;
                continue;
            }
            if let NodeData::Text(t) = self.nodes[i].data {
                push_collapsed(&mut out, t);
            } else if matches!(self.tag(i), "br" | "p" | "div" | "li" | "td" | "th") {
                push_collapsed(&mut out, " ");
            }
            i += 1;
        }
        out.trim().to_string()
    }

    /// Plain text of `ix` with nothing skipped.
    pub fn text(&self, ix: NodeIx) -> String {
        self.text_of(ix, |_| false)
    }
}

fn node_data(node: &Node) -> NodeData<'_> {
    match node {
        Node::Document | Node::Fragment => NodeData::Document,
        Node::Element(e) => NodeData::Element(Element::new(e.name(), e.attrs().collect())),
        Node::Text(t) => NodeData::Text(t),
        // Comments, doctypes, processing instructions carry no article text.
        _ => NodeData::Text(""),
    }
}

/// Appends `text` to `out`, turning every run of whitespace into one space and
/// never starting `out` with a space.
pub fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_builds_without_recursion() {
        let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        let doc = Html::parse_document(&html);
        let dom = Dom::from_html(&doc);
        assert!(dom.len() > 10_000);
        assert_eq!(dom.text(0), "deep");
    }

    #[test]
    fn subtree_ranges_cover_descendants() {
        let doc = Html::parse_document("<div id=a><p>x<b>y</b></p></div><p>z</p>");
        let dom = Dom::from_html(&doc);
        let a = (0..dom.len())
            .find(|&i| dom.attr(i, "id") == Some("a"))
            .unwrap();
        assert_eq!(dom.text(a), "x y".replace(' ', ""));
    }
}
