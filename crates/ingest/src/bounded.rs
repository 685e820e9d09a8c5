//! Reads that stop at a size limit, so no input — a gzip bomb, a WARC record
//! with a huge body, a JSONL file without newlines — can make memory grow
//! past the page limit.

use std::io::{self, BufRead, Read};

/// Reads `reader` to its end, or returns `None` as soon as it yields more
/// than `limit` bytes (having read at most `limit + 1`).
pub(crate) fn read_to_limit(reader: impl Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut buf)?;
    Ok((buf.len() <= limit).then_some(buf))
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq)]
pub(crate) enum Line {
    /// No more input.
    Eof,
    /// A line is in the buffer, without its `\n` or `\r\n`.
    Complete,
    /// The line had this many bytes, more than the limit; it was skipped.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes;
/// a longer line is consumed to its end but not kept.
pub(crate) fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut overflow = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let newline = chunk.iter().position(|&b| b == b'\n');
        let take = newline.map_or(chunk.len(), |at| at + 1);
        let part = chunk.get(..take).unwrap_or_default();
        // Room for the line ending too: it is stripped below.
        if !overflow && buf.len() + part.len() <= limit.saturating_add(2) {
            buf.extend_from_slice(part);
        } else {
            overflow = true;
            buf.clear();
        }
        total += take as u64;
        reader.consume(take);
        if newline.is_some() {
            break;
        }
    }
    if total == 0 {
        return Ok(Line::Eof);
    }
    strip_line_ending(buf);
    if overflow || buf.len() > limit {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    Ok(Line::Complete)
}

fn strip_line_ending(buf: &mut Vec<u8>) {
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_to_limit_stops() {
        assert_eq!(
            read_to_limit(&b"abc"[..], 3).unwrap(),
            Some(b"abc".to_vec())
        );
        assert_eq!(read_to_limit(&b"abcd"[..], 3).unwrap(), None);
        // An endless reader must stop at the limit.
        assert_eq!(read_to_limit(io::repeat(b'x'), 1000).unwrap(), None);
    }

    #[test]
    fn lines_are_split_and_bounded() {
        let mut input = io::BufReader::with_capacity(4, &b"one\r\ntwo\nlooooong\nlast"[..]);
        let mut buf = Vec::new();
        let mut next = || {
            let found = read_line(&mut input, &mut buf, 5).unwrap();
            (found, String::from_utf8_lossy(&buf).into_owned())
        };
        assert_eq!(next(), (Line::Complete, "one".into()));
        assert_eq!(next(), (Line::Complete, "two".into()));
        assert_eq!(next(), (Line::TooLong(9), String::new()));
        assert_eq!(next(), (Line::Complete, "last".into()));
        assert_eq!(next(), (Line::Eof, String::new()));
    }
}
