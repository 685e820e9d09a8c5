//! JSONL / NDJSON: one page per line. A bad line is reported as
//! `path:LINE: reason` and reading goes on with the next line.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::bounded::{read_line, Line};
use crate::document::read_failure;
use crate::error::Reason;
use crate::{InputError, Page, PageBody};

/// Streams the pages of one JSONL input, line by line.
pub(crate) struct JsonlPages {
    name: String,
    reader: Box<dyn BufRead + Send>,
    gzipped: bool,
    limit: usize,
    line_no: u64,
    line: Vec<u8>,
    done: bool,
}

impl JsonlPages {
    pub(crate) fn new(
        name: &str,
        reader: Box<dyn BufRead + Send>,
        gzipped: bool,
        limit: usize,
    ) -> Self {
        JsonlPages {
            name: name.to_string(),
            reader,
            gzipped,
            limit,
            line_no: 0,
            line: Vec::new(),
            done: false,
        }
    }

    fn origin(&self) -> String {
        format!("{}:{}", self.name, self.line_no)
    }
}

impl Iterator for JsonlPages {
    type Item = Result<Page, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line_no += 1;
            match read_line(&mut self.reader, &mut self.line, self.limit) {
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(size)) => {
                    let reason = Reason::TooLarge {
                        size,
                        limit: self.limit,
                    };
                    return Some(Err(reason.at(self.origin())));
                }
                Ok(Line::Complete) if self.line.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Line::Complete) => {
                    let origin = self.origin();
                    return Some(parse_line(&self.line, &origin).map_err(|r| r.at(origin)));
                }
                Err(err) => {
                    // The stream cannot be resynchronised after a read error.
                    self.done = true;
                    return Some(Err(read_failure(&err, self.gzipped).at(self.origin())));
                }
            }
        }
        None
    }
}

/// Turns one JSON line into a page. Unknown fields are ignored; `null`
/// counts as absent.
pub(crate) fn parse_line(line: &[u8], origin: &str) -> Result<Page, Reason> {
    let value: Value = serde_json::from_slice(line).map_err(|e| Reason::Json(e.to_string()))?;
    let Value::Object(fields) = value else {
        return Err(Reason::NotObject);
    };
    let id = page_id(&fields)?;
    let body = page_body(&fields)?;
    Ok(Page {
        id,
        url: string_field(&fields, "url")?,
        body,
        published: string_field(&fields, "published")?,
        fetched: either_field(&fields, "fetched", "scrape_time")?,
        site: either_field(&fields, "site", "publisher")?,
        author: author_field(&fields)?,
        origin: origin.to_string(),
    })
}

fn page_id(fields: &Map<String, Value>) -> Result<String, Reason> {
    match fields.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => Ok(id.clone()),
        Some(Value::Number(id)) => Ok(id.to_string()),
        None | Some(Value::Null) | Some(Value::String(_)) => Err(Reason::MissingId),
        Some(other) => Err(wrong_type("id", "a string or number", other)),
    }
}

/// `html` wins when both are present: it carries more (links, structure).
fn page_body(fields: &Map<String, Value>) -> Result<PageBody, Reason> {
    let body = match (string_field(fields, "html")?, string_field(fields, "text")?) {
        (Some(html), _) => PageBody::Html(html),
        (None, Some(text)) => PageBody::Text(paragraphs(&text)),
        (None, None) => return Err(Reason::MissingBody),
    };
    match &body {
        PageBody::Html(s) | PageBody::Text(s) if s.trim().is_empty() => Err(Reason::Empty),
        _ => Ok(body),
    }
}

/// Some corpora (the ArticleComparisons reprint sets) flatten paragraphs into
/// one line joined by ` ### `; restore them as blank-line-separated paragraphs.
fn paragraphs(text: &str) -> String {
    text.replace(" ### ", "\n\n")
}

fn string_field(fields: &Map<String, Value>, name: &'static str) -> Result<Option<String>, Reason> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(wrong_type(name, "a string", other)),
    }
}

/// The byline: `author`, `authors` or `byline`, as a string or a list of
/// names (joined with ", "); empty names are dropped.
fn author_field(fields: &Map<String, Value>) -> Result<Option<String>, Reason> {
    for name in ["author", "authors", "byline"] {
        let names: Vec<String> = match fields.get(name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.trim().to_string()),
                    other => Err(wrong_type(name, "a string or a list of strings", other)),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => return Err(wrong_type(name, "a string or a list of strings", other)),
        };
        let joined = names
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if !joined.is_empty() {
            return Ok(Some(joined));
        }
    }
    Ok(None)
}

/// `primary`, or `fallback` when `primary` is absent (`site` ← `publisher`).
fn either_field(
    fields: &Map<String, Value>,
    primary: &'static str,
    fallback: &'static str,
) -> Result<Option<String>, Reason> {
    match string_field(fields, primary)? {
        Some(value) => Ok(Some(value)),
        None => string_field(fields, fallback),
    }
}

fn wrong_type(field: &'static str, expected: &'static str, got: &Value) -> Reason {
    let got = match got {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Reason::WrongType {
        field,
        expected,
        got,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Page, String> {
        parse_line(line.as_bytes(), "f.jsonl:1").map_err(|r| r.to_string())
    }

    #[test]
    fn fields_and_fallbacks() {
        let page = parse(r#"{"id": 7, "publisher": "slate.com", "scrape_time": "2019", "text": "A ### B", "x": [1]}"#).unwrap();
        assert_eq!(page.id, "7");
        assert_eq!(page.site.as_deref(), Some("slate.com"));
        assert_eq!(page.fetched.as_deref(), Some("2019"));
        assert_eq!(page.body, PageBody::Text("A\n\nB".into()));
        let page = parse(r#"{"id": "a", "site": "s", "publisher": "p", "html": "<p>x", "text": "x", "url": null}"#).unwrap();
        assert_eq!((page.site.as_deref(), page.url), (Some("s"), None));
        assert_eq!(page.body, PageBody::Html("<p>x".into()));
    }

    #[test]
    fn author_as_string_or_list() {
        let page = parse(r#"{"id": 1, "text": "x", "author": " AP "}"#).unwrap();
        assert_eq!(page.author.as_deref(), Some("AP"));
        let page =
            parse(r#"{"id": 1, "text": "x", "authors": ["Ann Lee", "", "Bo Kim"]}"#).unwrap();
        assert_eq!(page.author.as_deref(), Some("Ann Lee, Bo Kim"));
        let page =
            parse(r#"{"id": 1, "text": "x", "author": "", "byline": "By Reuters Staff"}"#).unwrap();
        assert_eq!(page.author.as_deref(), Some("By Reuters Staff"));
        assert_eq!(
            parse(r#"{"id": 1, "text": "x", "author": null}"#)
                .unwrap()
                .author,
            None
        );
        assert_eq!(
            parse(r#"{"id": 1, "text": "x", "author": [1]}"#).unwrap_err(),
            "field `author` must be a string or a list of strings, got a number"
        );
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(parse("{oops").unwrap_err().starts_with("invalid JSON: "));
        assert_eq!(parse("[1, 2]").unwrap_err(), "line is not a JSON object");
        assert_eq!(parse(r#"{"text": "x"}"#).unwrap_err(), "missing field `id`");
        assert_eq!(
            parse(r#"{"id": "a"}"#).unwrap_err(),
            "missing field: one of `html` or `text` is required"
        );
        assert_eq!(
            parse(r#"{"id": true, "text": "x"}"#).unwrap_err(),
            "field `id` must be a string or number, got a boolean"
        );
        assert_eq!(
            parse(r#"{"id": "a", "text": 5}"#).unwrap_err(),
            "field `text` must be a string, got a number"
        );
        assert_eq!(
            parse(r#"{"id": "a", "text": "  "}"#).unwrap_err(),
            "empty page"
        );
    }
}
