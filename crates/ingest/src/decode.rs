//! Bytes → text, choosing the encoding the way browsers do (WHATWG): a BOM
//! wins; then the HTTP `Content-Type` charset; then a `<meta>` declaration
//! found by prescanning the head; then detection. Labels map through
//! `encoding_rs`, so `iso-8859-1` means windows-1252 as on the web.
//!
//! Two deliberate departures, because archived pages often lie about their
//! encoding and mojibake would corrupt every later comparison of text:
//! a declared legacy encoding is overridden when the bytes are valid UTF-8
//! with non-ASCII in them (the chance of that by accident is negligible),
//! and a declared UTF-8 is overridden by detection when the bytes are
//! mostly invalid as UTF-8.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

use crate::kind::starts_with_ignore_case;

/// How far into an HTML document to look for `<meta charset>`. WHATWG says
/// 1024 bytes; real pages often put long scripts first, so look further.
const PRESCAN_BYTES: usize = 4096;

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes an HTML document. `http_charset` is the `charset` parameter of
/// the HTTP `Content-Type` header, if any; `url` gives detection a TLD hint.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>, url: Option<&str>) -> Decoded {
    if let Some(decoded) = decode_with_bom(bytes) {
        return decoded;
    }
    let declared = http_charset
        .and_then(encoding_for_label)
        .or_else(|| prescan_meta(bytes).and_then(|label| encoding_for_label(&label)))
        .or_else(|| xml_declaration(bytes).and_then(|label| encoding_for_label(&label)));
    let encoding = match declared {
        Some(declared) => check_declared(declared, bytes, url),
        None => undeclared(bytes, url),
    };
    decode_as(bytes, encoding)
}

/// Decodes a plain-text or markdown document: BOM, else UTF-8, else detection.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    if let Some(decoded) = decode_with_bom(bytes) {
        return decoded;
    }
    decode_as(bytes, undeclared(bytes, None))
}

fn decode_with_bom(bytes: &[u8]) -> Option<Decoded> {
    let (encoding, bom_len) = Encoding::for_bom(bytes)?;
    let rest = bytes.get(bom_len..).unwrap_or_default();
    let (text, _) = encoding.decode_without_bom_handling(rest);
    Some(Decoded {
        text: text.into_owned(),
        encoding,
    })
}

fn decode_as(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
    }
}

/// Maps a charset label to an encoding as an HTML parser would: a declared
/// UTF-16 in `<meta>` must mean UTF-8 (the bytes parsed as ASCII-compatible
/// to find it), and `replacement` would only destroy the page, so drop it.
fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    match Encoding::for_label(label.as_bytes())? {
        enc if enc == UTF_16BE || enc == UTF_16LE => Some(UTF_8),
        enc if enc == X_USER_DEFINED => Some(WINDOWS_1252),
        enc if enc == REPLACEMENT => None,
        enc => Some(enc),
    }
}

/// Second-guesses a declared encoding only when the bytes clearly disagree.
fn check_declared(
    declared: &'static Encoding,
    bytes: &[u8],
    url: Option<&str>,
) -> &'static Encoding {
    let stats = Utf8Stats::of(bytes);
    if declared == UTF_8 {
        if stats.invalid > stats.multibyte {
            return detect(bytes, url, Utf8Detection::Deny);
        }
        return UTF_8;
    }
    if stats.invalid == 0 && stats.multibyte > 0 {
        return UTF_8;
    }
    declared
}

fn undeclared(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    detect(bytes, url, Utf8Detection::Allow)
}

fn detect(bytes: &[u8], url: Option<&str>, utf8: Utf8Detection) -> &'static Encoding {
    // Browsers refuse ISO-2022-JP for script safety; we never run scripts.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    detector.guess(tld.as_deref().map(str::as_bytes), utf8)
}

/// The rightmost label of the URL's host, lower-case, if it is a plain
/// ASCII label (chardetng panics on anything else).
fn top_level_domain(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let label = host
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .to_ascii_lowercase();
    let plain = !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    plain.then_some(label)
}

/// Counts of well-formed multi-byte characters and invalid sequences.
struct Utf8Stats {
    multibyte: usize,
    invalid: usize,
}

impl Utf8Stats {
    fn of(mut bytes: &[u8]) -> Utf8Stats {
        let mut stats = Utf8Stats {
            multibyte: 0,
            invalid: 0,
        };
        loop {
            match std::str::from_utf8(bytes) {
                Ok(valid) => {
                    stats.count_multibyte(valid);
                    return stats;
                }
                Err(err) => {
                    let (valid, rest) = bytes.split_at(err.valid_up_to());
                    stats.count_multibyte(std::str::from_utf8(valid).unwrap_or_default());
                    stats.invalid += 1;
                    let skip = err.error_len().unwrap_or(rest.len());
                    bytes = rest.get(skip..).unwrap_or_default();
                }
            }
        }
    }

    fn count_multibyte(&mut self, text: &str) {
        self.multibyte += text.chars().filter(|c| !c.is_ascii()).count();
    }
}

/// The charset label from the first `<meta charset>` or
/// `<meta http-equiv="content-type" content="…; charset=…">` in the head,
/// skipping comments and other tags (a simplified WHATWG prescan).
fn prescan_meta(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..PRESCAN_BYTES).unwrap_or(bytes);
    let mut pos = 0;
    while let Some(offset) = head.get(pos..)?.iter().position(|&b| b == b'<') {
        pos += offset;
        let rest = head.get(pos..)?;
        if rest.starts_with(b"<!--") {
            pos += find(rest, b"-->")? + 3;
        } else if starts_with_ignore_case(rest, b"<meta")
            && matches!(
                rest.get(5),
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
            )
        {
            let (attrs, end) = attributes(rest.get(5..)?);
            if let Some(label) = meta_charset(&attrs) {
                return Some(label);
            }
            pos += 5 + end;
        } else {
            pos += 1;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn meta_charset(attrs: &[(String, String)]) -> Option<String> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(charset) = get("charset") {
        return Some(charset.to_string());
    }
    let is_content_type = get("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
    if is_content_type {
        return get("content").and_then(charset_param);
    }
    None
}

/// The `charset` parameter of a `Content-Type` value, e.g.
/// `text/html; charset="utf-8"` → `utf-8`.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower.get(at + "charset".len()..)?.trim_start();
    let value = rest.strip_prefix('=')?.trim_start();
    let value = match value.strip_prefix(['"', '\'']) {
        Some(quoted) => quoted.split(['"', '\'']).next()?,
        None => value.split([';', ' ', '\t', ',']).next()?,
    };
    (!value.is_empty()).then(|| value.to_string())
}

/// Parses tag attributes from just after the tag name up to `>`. Returns
/// lower-cased names with raw values, and the bytes consumed.
fn attributes(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut pos = 0;
    let is_space = |b: u8| b.is_ascii_whitespace() || b == b'/';
    loop {
        while bytes.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        match bytes.get(pos) {
            None | Some(b'>') => return (attrs, pos + 1),
            Some(_) => {}
        }
        let name_start = pos;
        while bytes
            .get(pos)
            .is_some_and(|&b| !is_space(b) && b != b'=' && b != b'>')
        {
            pos += 1;
        }
        let name = String::from_utf8_lossy(bytes.get(name_start..pos).unwrap_or_default())
            .to_ascii_lowercase();
        while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
            pos += 1;
        }
        let mut value = String::new();
        if bytes.get(pos) == Some(&b'=') {
            pos += 1;
            while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
                pos += 1;
            }
            let (raw, used) = attribute_value(bytes.get(pos..).unwrap_or_default());
            value = String::from_utf8_lossy(raw).into_owned();
            pos += used;
        }
        attrs.push((name, value));
    }
}

/// A quoted or unquoted attribute value and the bytes it took.
fn attribute_value(bytes: &[u8]) -> (&[u8], usize) {
    match bytes.first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let body = bytes.get(1..).unwrap_or_default();
            let len = body.iter().position(|&b| b == quote).unwrap_or(body.len());
            (body.get(..len).unwrap_or_default(), len + 2)
        }
        _ => {
            let len = bytes
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>')
                .unwrap_or(bytes.len());
            (bytes.get(..len).unwrap_or_default(), len)
        }
    }
}

/// The `encoding` of an `<?xml …?>` declaration at the very start (XHTML).
fn xml_declaration(bytes: &[u8]) -> Option<String> {
    if !bytes.starts_with(b"<?xml") {
        return None;
    }
    let decl = bytes.get(..find(bytes.get(..200).unwrap_or(bytes), b"?>")?)?;
    let text = String::from_utf8_lossy(decl);
    let at = text.find("encoding")?;
    let rest = text
        .get(at + "encoding".len()..)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let (value, _) = attribute_value(rest.as_bytes());
    Some(String::from_utf8_lossy(value).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(bytes: &[u8]) -> (String, &'static str) {
        let d = decode_html(bytes, None, None);
        (d.text, d.encoding.name())
    }

    #[test]
    fn bom_wins_over_everything() {
        let bytes = b"\xEF\xBB\xBF<meta charset=latin1>caf\xC3\xA9";
        let d = decode_html(bytes, Some("koi8-r"), None);
        assert_eq!(d.text, "<meta charset=latin1>café");
        let utf16 = b"\xFF\xFEh\0i\0";
        assert_eq!(decode_text(utf16).text, "hi");
    }

    #[test]
    fn http_charset_beats_meta() {
        let bytes = b"<meta charset=utf-8><p>\xE9t\xE9 \xE0 Paris</p>";
        let d = decode_html(bytes, Some("ISO-8859-1"), None);
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(d.text.contains("été à Paris"));
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        let koi =
            b"<html><head><meta charset=\"koi8-r\"></head><body>\xF0\xD2\xC9\xD7\xC5\xD4</body>";
        assert!(html(koi).0.contains("Привет"));
        let equiv = b"<!-- <meta charset=utf-8> --><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1250'>\x9Alu\x9Dou\xE8k\xFD";
        let (text, name) = html(equiv);
        assert_eq!(name, "windows-1250");
        assert!(text.ends_with("šluťoučký"), "{text}");
    }

    #[test]
    fn meta_utf16_means_utf8() {
        let (text, name) = html(b"<meta charset=utf-16><p>caf\xC3\xA9");
        assert_eq!((text.ends_with("café"), name), (true, "UTF-8"));
    }

    #[test]
    fn undeclared_utf8_and_detection() {
        assert_eq!(html("<p>naïve café</p>".as_bytes()).1, "UTF-8");
        let latin =
            b"<p>Les \xE9l\xE8ves de l'\xE9cole fran\xE7aise ont \xE9t\xE9 f\xE9licit\xE9s.</p>";
        let (text, name) = html(latin);
        assert_eq!(name, "windows-1252");
        assert!(text.contains("élèves"), "{text}");
    }

    #[test]
    fn lying_declarations_are_overridden() {
        // Declared latin-1 but really UTF-8: decoding as declared would give "cafÃ©".
        let (text, _) = html(b"<meta charset=iso-8859-1><p>caf\xC3\xA9 cr\xC3\xA8me</p>");
        assert!(text.contains("café crème"), "{text}");
        // Declared UTF-8 but really windows-1252.
        let (text, _) =
            html(b"<meta charset=utf-8><p>Les \xE9l\xE8ves de l'\xE9cole fran\xE7aise</p>");
        assert!(text.contains("élèves"), "{text}");
    }

    #[test]
    fn tld_hint() {
        assert_eq!(
            top_level_domain("https://www.Example.CO.UK:8080/x?y").as_deref(),
            Some("uk")
        );
        assert_eq!(top_level_domain("http://user@host.ru./"), Some("ru".into()));
        assert_eq!(top_level_domain("http://例え.テスト/"), None);
        // Must not panic on odd input.
        let _ = decode_html(b"\xE9\xE8", None, Some("http://EXAMPLE.DE/"));
    }

    #[test]
    fn charset_params() {
        assert_eq!(
            charset_param("text/html; Charset=\"UTF-8\""),
            Some("utf-8".into())
        );
        assert_eq!(
            charset_param("text/html;charset=gbk;x=y"),
            Some("gbk".into())
        );
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn xml_declaration_is_a_fallback() {
        let (_, name) = html(b"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html>\xB1</html>");
        assert_eq!(name, "ISO-8859-2");
    }
}
