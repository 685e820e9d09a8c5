//! The parsed document as a flat, index-addressed arena.
//!
//! Every later pass (boilerplate marking, scoring, paragraph output, metadata)
//! walks this arena with loops over indices instead of recursion, so a page of
//! 10,000 nested `<div>`s cannot overflow the stack. Nodes are stored in
//! document (pre-)order: a parent always has a smaller index than its
//! descendants, so a reverse index loop visits children before parents, and
//! the subtree of `i` is the index range `i..end`.
//!
//! html5ever builds it through our own [`TreeSink`]: no crate builds this
//! layout, and going through a general DOM (scraper's `ego_tree`) first cost a
//! second tree, a copy into this one and dropping the first.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, Attribute, LocalName, QualName};

pub type NodeIx = usize;

pub struct Dom {
    pub nodes: Vec<DomNode>,
}

pub struct DomNode {
    pub parent: Option<NodeIx>,
    /// One past the last descendant: the subtree of `i` is `i..end`.
    pub end: NodeIx,
    pub data: NodeData,
}

pub enum NodeData {
    /// The document, and a `<template>`'s contents (its only child).
    Document,
    Element(Element),
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: they keep their place
    /// in document order but carry no article text.
    Other,
}

pub struct Element {
    /// Local name lower-case for HTML elements (`div`, `p`…), and the
    /// namespace the tree builder asks for.
    name: QualName,
    attrs: Vec<Attribute>,
    /// `class` and `id` joined by a space and lower-cased, computed once:
    /// every pass reads hints from it. Usually the `class` value itself,
    /// shared rather than copied.
    class_id: StrTendril,
    /// A bit per [`WATCHED`] attribute the element has.
    watched: u8,
}

/// Attributes that passes look up on nearly every element and that most
/// elements lack: their absence is answered from a bit mask without
/// scanning the attributes (html5ever lower-cases attribute names, so the
/// exact names match).
static WATCHED: [LocalName; 6] = [
    local_name!("hidden"),
    local_name!("aria-hidden"),
    local_name!("style"),
    local_name!("role"),
    local_name!("itemprop"),
    local_name!("rel"),
];

/// The bit of a watched attribute, 0 for others.
fn watched_bit(name: &str) -> u8 {
    WATCHED
        .iter()
        .position(|w| **w == *name)
        .map_or(0, |k| 1 << k)
}

impl Element {
    /// Built as html5ever creates the element, while its attributes are
    /// still in cache.
    fn new(name: QualName, attrs: Vec<Attribute>) -> Element {
        let mut el = Element {
            name,
            attrs,
            class_id: StrTendril::new(),
            watched: 0,
        };
        el.index_attrs();
        el
    }

    fn index_attrs(&mut self) {
        self.watched = self
            .attrs
            .iter()
            .filter_map(|a| WATCHED.iter().position(|w| *w == a.name.local))
            .fold(0, |bits, k| bits | 1 << k);
        let value = |key: LocalName| {
            self.attrs
                .iter()
                .find(|a| a.name.local == key)
                .map(|a| &a.value)
        };
        let is_lower = |v: &StrTendril| !v.bytes().any(|b| b.is_ascii_uppercase());
        self.class_id = match (value(local_name!("class")), value(local_name!("id"))) {
            (None, None) => StrTendril::new(),
            (Some(one), None) | (None, Some(one)) if is_lower(one) => one.clone(),
            (class, id) => {
                let mut joined = [class, id]
                    .into_iter()
                    .flatten()
                    .map(|v| &**v)
                    .collect::<Vec<_>>()
                    .join(" ");
                joined.make_ascii_lowercase();
                StrTendril::from_slice(&joined)
            }
        };
    }

    pub fn tag(&self) -> &str {
        &self.name.local
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        let bit = watched_bit(name);
        if bit != 0 && self.watched & bit == 0 {
            return None;
        }
        self.attrs
            .iter()
            .find(|a| str::eq_ignore_ascii_case(&a.name.local, name))
            .map(|a| &*a.value)
    }

    /// `class` and `id` joined, lower-cased: what class/id hints are read from.
    pub fn class_and_id(&self) -> &str {
        &self.class_id
    }
}

impl Dom {
    /// Parses a whole document with html5ever (the browsers' algorithm:
    /// implied tags, misnested formatting, foster-parented table content).
    pub fn parse(html: &str) -> Dom {
        html5ever::parse_document(Sink::default(), html5ever::ParseOpts::default()).one(html)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Never true for a parsed document, which has at least its root.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn element(&self, ix: NodeIx) -> Option<&Element> {
        match &self.nodes[ix].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag name of an element, `""` for other nodes.
    pub fn tag(&self, ix: NodeIx) -> &str {
        match &self.nodes[ix].data {
            NodeData::Element(e) => e.tag(),
            _ => "",
        }
    }

    pub fn attr(&self, ix: NodeIx, name: &str) -> Option<&str> {
        self.element(ix).and_then(|e| e.attr(name))
    }

    /// The text of a text node.
    pub fn text_node(&self, ix: NodeIx) -> Option<&str> {
        match &self.nodes[ix].data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Indices of the elements with this tag name, in document order.
    pub fn elements_named<'s>(&'s self, tag: &'s str) -> impl Iterator<Item = NodeIx> + 's {
        (0..self.len()).filter(move |&i| self.tag(i) == tag)
    }

    /// The children of `ix` in order: each child's subtree ends where its
    /// next sibling starts.
    pub fn children(&self, ix: NodeIx) -> impl Iterator<Item = NodeIx> + '_ {
        let end = self.nodes[ix].end;
        std::iter::successors(Some(ix + 1).filter(|&c| c < end), move |&c| {
            Some(self.nodes[c].end).filter(|&n| n < end)
        })
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
        self.push_text_of(ix, skip, &mut out);
        out
    }

    /// Plain text of `ix` with nothing skipped.
    pub fn text(&self, ix: NodeIx) -> String {
        self.text_of(ix, |_| false)
    }

    /// [`Dom::text`] into a buffer that is reused, for loops that compare
    /// many elements' text.
    pub fn text_into(&self, ix: NodeIx, out: &mut String) {
        out.clear();
        self.push_text_of(ix, |_| false, out);
    }

    /// Writes the text of `ix` into the empty `out`.
    fn push_text_of(&self, ix: NodeIx, skip: impl Fn(NodeIx) -> bool, out: &mut String) {
        let mut i = ix;
        while i < self.nodes[ix].end {
            if i != ix && skip(i) {
                i = self.nodes[i].end;
                continue;
            }
            if let NodeData::Text(t) = &self.nodes[i].data {
                push_collapsed(out, t);
            } else if matches!(self.tag(i), "br" | "p" | "div" | "li" | "td" | "th") {
                push_collapsed(out, " ");
            }
            i += 1;
        }
        out.truncate(out.trim_end().len());
    }
}

/// Appends `text` to `out`, turning every run of whitespace into one space and
/// never starting `out` with a space.
fn push_collapsed(out: &mut String, text: &str) {
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

/// "No node" in the sink's links.
const NONE: usize = usize::MAX;
const DOCUMENT: usize = 0;

/// A node while html5ever builds the tree: the tree builder moves nodes
/// (adoption agency, foster parenting, reparenting), so they are linked
/// here and laid out in document order only when parsing is done.
struct SinkNode {
    parent: usize,
    first_child: usize,
    last_child: usize,
    prev_sibling: usize,
    next_sibling: usize,
    data: SinkData,
}

enum SinkData {
    Document,
    Element {
        el: Element,
        template_contents: usize,
        mathml_html_integration_point: bool,
    },
    Text(StrTendril),
    Other,
}

struct Sink {
    nodes: RefCell<Vec<SinkNode>>,
    /// What `elem_name` answers for a handle that is not an element (the
    /// tree builder promises never to ask), instead of panicking.
    no_name: RefCell<QualName>,
}

impl Default for Sink {
    fn default() -> Sink {
        let sink = Sink {
            nodes: RefCell::new(Vec::new()),
            no_name: RefCell::new(QualName::new(None, Default::default(), LocalName::from(""))),
        };
        sink.new_node(SinkData::Document);
        sink
    }
}

impl Sink {
    fn new_node(&self, data: SinkData) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(SinkNode {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            data,
        });
        nodes.len() - 1
    }
}

fn detach(nodes: &mut [SinkNode], n: usize) {
    let SinkNode {
        parent,
        prev_sibling: prev,
        next_sibling: next,
        ..
    } = nodes[n];
    if parent == NONE {
        return;
    }
    if prev == NONE {
        nodes[parent].first_child = next;
    } else {
        nodes[prev].next_sibling = next;
    }
    if next == NONE {
        nodes[parent].last_child = prev;
    } else {
        nodes[next].prev_sibling = prev;
    }
    let node = &mut nodes[n];
    node.parent = NONE;
    node.prev_sibling = NONE;
    node.next_sibling = NONE;
}

fn append_child(nodes: &mut [SinkNode], parent: usize, child: usize) {
    detach(nodes, child);
    let last = nodes[parent].last_child;
    if last == NONE {
        nodes[parent].first_child = child;
    } else {
        nodes[last].next_sibling = child;
    }
    nodes[parent].last_child = child;
    let c = &mut nodes[child];
    c.parent = parent;
    c.prev_sibling = last;
}

/// Puts `new` just before `sibling`, which has a parent.
fn insert_before(nodes: &mut [SinkNode], sibling: usize, new: usize) {
    detach(nodes, new);
    let parent = nodes[sibling].parent;
    let prev = nodes[sibling].prev_sibling;
    if prev == NONE {
        nodes[parent].first_child = new;
    } else {
        nodes[prev].next_sibling = new;
    }
    nodes[sibling].prev_sibling = new;
    let n = &mut nodes[new];
    n.parent = parent;
    n.prev_sibling = prev;
    n.next_sibling = sibling;
}

/// Appends to a text node at `at`, if there is one: the tree builder asks
/// for adjacent text to be merged.
fn merge_text(nodes: &mut [SinkNode], at: usize, text: &StrTendril) -> bool {
    match nodes.get_mut(at).map(|n| &mut n.data) {
        Some(SinkData::Text(t)) => {
            t.push_tendril(text);
            true
        }
        _ => false,
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        flatten(self.nodes.into_inner())
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::filter_map(self.nodes.borrow(), |nodes| match nodes.get(*target) {
            Some(SinkNode {
                data: SinkData::Element { el, .. },
                ..
            }) => Some(&el.name),
            _ => None,
        })
        .unwrap_or_else(|_| self.no_name.borrow())
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let el = self.new_node(SinkData::Element {
            el: Element::new(name, attrs),
            template_contents: NONE,
            mathml_html_integration_point: flags.mathml_annotation_xml_integration_point,
        });
        if flags.template {
            // The contents hang under the template as its only child (as in
            // scraper, whose trees the extraction rules were tuned on).
            let contents = self.new_node(SinkData::Document);
            let mut nodes = self.nodes.borrow_mut();
            append_child(&mut nodes, el, contents);
            if let SinkData::Element {
                template_contents, ..
            } = &mut nodes[el].data
            {
                *template_contents = contents;
            }
        }
        el
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.new_node(SinkData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.new_node(SinkData::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        let child = match child {
            NodeOrText::AppendNode(n) => n,
            NodeOrText::AppendText(text) => {
                let last = self.nodes.borrow()[*parent].last_child;
                if merge_text(&mut self.nodes.borrow_mut(), last, &text) {
                    return;
                }
                self.new_node(SinkData::Text(text))
            }
        };
        append_child(&mut self.nodes.borrow_mut(), *parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        if self.nodes.borrow()[*element].parent != NONE {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let doctype = self.new_node(SinkData::Other);
        append_child(&mut self.nodes.borrow_mut(), DOCUMENT, doctype);
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        match self.nodes.borrow()[*target].data {
            SinkData::Element {
                template_contents, ..
            } if template_contents != NONE => template_contents,
            // Never asked of anything but a template; its own children
            // are the next best place.
            _ => *target,
        }
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeOrText::AppendNode(n) = new_node {
            detach(&mut nodes, n);
        }
        if nodes[*sibling].parent == NONE {
            return;
        }
        let new = match new_node {
            NodeOrText::AppendNode(n) => n,
            NodeOrText::AppendText(text) => {
                let prev = nodes[*sibling].prev_sibling;
                if merge_text(&mut nodes, prev, &text) {
                    return;
                }
                drop(nodes);
                let n = self.new_node(SinkData::Text(text));
                nodes = self.nodes.borrow_mut();
                n
            }
        };
        insert_before(&mut nodes, *sibling, new);
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        if let SinkData::Element { el, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in attrs {
                if !el.attrs.iter().any(|e| e.name == a.name) {
                    el.attrs.push(a);
                }
            }
            el.index_attrs();
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node].first_child;
        while child != NONE {
            let next = nodes[child].next_sibling;
            append_child(&mut nodes, *new_parent, child);
            child = next;
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &usize) -> bool {
        matches!(
            self.nodes.borrow()[*handle].data,
            SinkData::Element {
                mathml_html_integration_point: true,
                ..
            }
        )
    }
}

/// Lays the linked tree out in document order, walking it by first-child /
/// next-sibling / parent links with a stack of open arena indices. Nodes
/// left detached (removed by the tree builder) are dropped.
fn flatten(mut src: Vec<SinkNode>) -> Dom {
    let mut nodes: Vec<DomNode> = Vec::with_capacity(src.len());
    let mut open: Vec<NodeIx> = Vec::new();
    let mut cur = DOCUMENT;
    'walk: loop {
        let ix = nodes.len();
        let data = match std::mem::replace(&mut src[cur].data, SinkData::Other) {
            SinkData::Document => NodeData::Document,
            SinkData::Element { el, .. } => NodeData::Element(el),
            SinkData::Text(t) => NodeData::Text(t),
            SinkData::Other => NodeData::Other,
        };
        nodes.push(DomNode {
            parent: open.last().copied(),
            end: ix + 1,
            data,
        });
        if src[cur].first_child != NONE {
            open.push(ix);
            cur = src[cur].first_child;
            continue;
        }
        // A leaf: close it and every ancestor without a next sibling.
        let mut n = cur;
        loop {
            if n == DOCUMENT {
                break 'walk;
            }
            if src[n].next_sibling != NONE {
                cur = src[n].next_sibling;
                continue 'walk;
            }
            n = src[n].parent;
            let Some(closed) = open.pop() else {
                break 'walk;
            };
            nodes[closed].end = nodes.len();
        }
    }
    Dom { nodes }
}

/// Tags laid out as blocks: text on either side of them is a separate paragraph.
pub fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_builds_without_recursion() {
        let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        let dom = Dom::parse(&html);
        assert!(dom.len() > 10_000);
        assert_eq!(dom.text(0), "deep");
    }

    #[test]
    fn subtree_ranges_cover_descendants() {
        let dom = Dom::parse("<div id=a><p>x<b>y</b></p></div><p>z</p>");
        let a = (0..dom.len())
            .find(|&i| dom.attr(i, "id") == Some("a"))
            .unwrap();
        assert_eq!(dom.text(a), "xy");
        assert_eq!(dom.nodes[a].end, a + 5);
        let body = dom.elements_named("body").next().unwrap();
        let kids: Vec<&str> = dom.children(body).map(|c| dom.tag(c)).collect();
        assert_eq!(kids, ["div", "p"]);
    }

    /// Lays out the tree as tags and text, checking every node's `end` and
    /// `parent` against the nesting it prints.
    fn outline(dom: &Dom) -> String {
        let mut out = String::new();
        let mut open: Vec<NodeIx> = Vec::new();
        for i in 0..dom.len() {
            while open.last().is_some_and(|&o| dom.nodes[o].end <= i) {
                out.push(')');
                open.pop();
            }
            assert_eq!(dom.nodes[i].parent, open.last().copied());
            match &dom.nodes[i].data {
                NodeData::Element(e) => out.push_str(&format!("({}", e.tag())),
                NodeData::Text(t) => {
                    out.push_str(&format!("{:?}", &**t));
                    continue;
                }
                NodeData::Document => out.push_str("(#doc"),
                NodeData::Other => out.push_str("(#other"),
            }
            open.push(i);
        }
        out.extend(open.iter().map(|_| ')'));
        out.replace("(#other)", "")
    }

    #[test]
    fn tree_builder_moves_land_in_document_order() {
        // Misnested formatting: the adoption agency clones <b> into <p>.
        let dom = Dom::parse("<b>1<p>2</b>3</p>");
        assert_eq!(
            outline(&dom),
            r#"(#doc(html(head)(body(b"1")(p(b"2")"3"))))"#
        );
        // Foster parenting: text and elements in a table move before it.
        let dom = Dom::parse("<table>a<tr><td>c</td></tr><div>b</div></table>");
        assert_eq!(
            outline(&dom),
            r#"(#doc(html(head)(body"a"(div"b")(table(tbody(tr(td"c")))))))"#
        );
        // Template contents under the template; an <html> tag's attributes
        // merged into the one already open.
        let dom = Dom::parse("<template><p>t</p></template><html lang=de><p>x<!-- c -->y</p>");
        assert_eq!(
            outline(&dom),
            r#"(#doc(html(head(template(#doc(p"t"))))(body(p"x""y"))))"#
        );
        assert_eq!(dom.attr(1, "lang"), Some("de"));
    }

    #[test]
    fn class_and_id_are_joined_lower_case() {
        let dom = Dom::parse(r#"<div ID="Main" Class="Story Body">x</div>"#);
        let div = dom.elements_named("div").next().unwrap();
        assert_eq!(dom.element(div).unwrap().class_and_id(), "story body main");
        assert_eq!(dom.attr(div, "class"), Some("Story Body"));
        let dom = Dom::parse(r#"<p class="lead intro">x</p><p id=Top>y</p>"#);
        let classes: Vec<&str> = dom
            .elements_named("p")
            .map(|p| dom.element(p).unwrap().class_and_id())
            .collect();
        assert_eq!(classes, ["lead intro", "top"]);
    }
}
