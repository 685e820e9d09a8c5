//! One whole document (an HTML or text file, or a stream of one): reading it
//! within the size limit, refusing what is not a page (binary, empty,
//! undecodable), and decoding it.

use crate::bounded::read_to_limit;
use crate::decode::{decode_html, decode_text, Decoded};
use crate::error::Reason;
use crate::gzip::{maybe_decompress, Stream};
use crate::kind::InputKind;
use crate::{InputError, Page, PageBody, ReadOptions};

/// Signatures of common binary formats that end up misnamed as pages.
const BINARY_MAGIC: [&[u8]; 9] = [
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"RIFF",
    b"\x00asm",
    b"\x7FELF",
];

/// How many leading bytes to inspect for NULs: text never has them.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Reads all of `reader` as one page named `name` (its id and origin).
/// `known_size` is the file size, used to report how far over the limit it is.
pub(crate) fn read_document(
    name: &str,
    reader: Stream,
    kind: InputKind,
    opts: &ReadOptions,
    known_size: Option<u64>,
) -> Result<Page, InputError> {
    let (reader, gzipped) = maybe_decompress(reader).map_err(|e| Reason::from_io(&e).at(name))?;
    let bytes = read_to_limit(reader, opts.max_page_bytes)
        .map_err(|e| read_failure(&e, gzipped).at(name))?
        .ok_or_else(|| too_large(gzipped, known_size, opts.max_page_bytes).at(name))?;
    let body = match kind {
        InputKind::Html => PageBody::Html(html_text(&bytes, None, None).map_err(|r| r.at(name))?),
        _ => PageBody::Text(plain_text(&bytes).map_err(|r| r.at(name))?),
    };
    Ok(Page {
        id: name.to_string(),
        url: None,
        body,
        published: None,
        fetched: None,
        site: None,
        author: None,
        origin: name.to_string(),
    })
}

/// An I/O error while reading a possibly-gzipped stream, in plain words.
pub(crate) fn read_failure(err: &std::io::Error, gzipped: bool) -> Reason {
    if gzipped {
        Reason::from_gzip_io(err)
    } else {
        Reason::from_io(err)
    }
}

fn too_large(gzipped: bool, known_size: Option<u64>, limit: usize) -> Reason {
    match known_size {
        Some(size) if !gzipped => Reason::TooLarge { size, limit },
        _ => Reason::TooLargeUnknown { limit },
    }
}

/// Checks and decodes the bytes of an HTML page.
pub(crate) fn html_text(
    bytes: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
) -> Result<String, Reason> {
    check_bytes(bytes)?;
    checked(decode_html(bytes, http_charset, url))
}

/// Checks and decodes the bytes of a text or markdown page.
pub(crate) fn plain_text(bytes: &[u8]) -> Result<String, Reason> {
    check_bytes(bytes)?;
    checked(decode_text(bytes))
}

fn check_bytes(bytes: &[u8]) -> Result<(), Reason> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Reason::Empty);
    }
    if is_binary(bytes) {
        return Err(Reason::Binary);
    }
    Ok(())
}

/// Binary: a known binary signature, or a NUL byte early on — unless a
/// UTF-16 BOM explains the NULs.
fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let head = bytes.get(..BINARY_SNIFF_BYTES).unwrap_or(bytes);
    BINARY_MAGIC.iter().any(|magic| bytes.starts_with(magic)) || head.contains(&0)
}

/// Refuses decoded text that is mostly replacement characters or control
/// codes: no encoding made sense of it, and matching on it would be noise.
fn checked(decoded: Decoded) -> Result<String, Reason> {
    let total = decoded.text.chars().count();
    let bad = decoded.text.chars().filter(|&c| is_garbage(c)).count();
    if bad * 50 > total {
        return Err(Reason::Undecodable {
            bad,
            total,
            encoding: decoded.encoding.name(),
        });
    }
    if decoded.text.trim().is_empty() {
        return Err(Reason::Empty);
    }
    Ok(decoded.text)
}

fn is_garbage(c: char) -> bool {
    c == char::REPLACEMENT_CHARACTER
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals() {
        assert_eq!(html_text(b" \n\t ", None, None), Err(Reason::Empty));
        assert_eq!(html_text(b"", None, None), Err(Reason::Empty));
        assert_eq!(
            html_text(b"\x89PNG\r\n\x1a\n....", None, None),
            Err(Reason::Binary)
        );
        assert_eq!(plain_text(b"abc\0def"), Err(Reason::Binary));
        let bad = [b"\xEF\xBB\xBFok ".as_slice(), &b"\xC3\x28".repeat(20)].concat();
        assert!(matches!(plain_text(&bad), Err(Reason::Undecodable { .. })));
        // UTF-16 has NULs but is text.
        assert_eq!(plain_text(b"\xFF\xFEh\0i\0").as_deref(), Ok("hi"));
        // A UTF-16 BOM with only spaces is still empty.
        assert_eq!(plain_text(b"\xFF\xFE \0"), Err(Reason::Empty));
    }
}
