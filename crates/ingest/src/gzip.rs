//! Gzip handling. Compression is recognised by its magic bytes rather than
//! the file name, so `page.html` that is really gzipped still reads.
//!
//! WARC files need more than a decoder: Common Crawl stores each record as
//! its own gzip member, and an error message is only useful with the record's
//! offset in the *compressed* file (that is what `zcat`-free tools seek to).
//! [`Members`] decodes member by member and remembers where each began.

use std::io::{self, BufRead, BufReader, Cursor, Read};

use flate2::bufread::{GzDecoder, MultiGzDecoder};

/// A boxed byte stream; `Send` so page iterators can move between threads.
pub(crate) type Stream = Box<dyn Read + Send>;

const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Reads up to `n` bytes from the start of `reader` (fewer only at end of
/// input) and returns them with a stream that yields everything again.
pub(crate) fn peek(mut reader: Stream, n: usize) -> io::Result<(Vec<u8>, Stream)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    let again: Stream = Box::new(Cursor::new(head.clone()).chain(reader));
    Ok((head, again))
}

pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&MAGIC)
}

/// Wraps `reader` in a decoder of all its gzip members if it starts with the
/// gzip magic. Returns whether it did, to map read errors later.
pub(crate) fn maybe_decompress(reader: Stream) -> io::Result<(Stream, bool)> {
    let (head, reader) = peek(reader, MAGIC.len())?;
    if is_gzip(&head) {
        Ok((Box::new(MultiGzDecoder::new(BufReader::new(reader))), true))
    } else {
        Ok((reader, false))
    }
}

/// A buffered reader that counts the bytes consumed from it, which is the
/// exact position in the underlying stream (unlike bytes *read*, which
/// include what the buffer fetched ahead).
pub(crate) struct Counted<R> {
    inner: R,
    consumed: u64,
}

impl<R: BufRead> Counted<R> {
    pub(crate) fn new(inner: R) -> Self {
        Counted { inner, consumed: 0 }
    }

    pub(crate) fn position(&self) -> u64 {
        self.consumed
    }

    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), available.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.consumed += amt as u64;
    }
}

/// Decodes consecutive gzip members. A single `read` never spans two
/// members, so a buffer over this reader refills exactly at member starts.
pub(crate) struct Members<R> {
    state: MemberState<R>,
    /// Decompressed bytes returned so far.
    decompressed: u64,
    /// (decompressed, compressed) positions where the latest member began.
    member_start: (u64, u64),
}

enum MemberState<R> {
    Between(Counted<R>),
    Inside(GzDecoder<Counted<R>>),
    /// Only seen if a state transition was interrupted; reads as end of input.
    Done,
}

impl<R: BufRead> Members<R> {
    pub(crate) fn new(compressed: R) -> Self {
        Members {
            state: MemberState::Between(Counted::new(compressed)),
            decompressed: 0,
            member_start: (0, 0),
        }
    }

    /// The offset to report for data at decompressed position `pos`: the
    /// compressed offset of its member when `pos` is where that member
    /// begins, else `pos` itself (a record inside a whole-file gzip).
    pub(crate) fn offset_for(&self, pos: u64) -> u64 {
        match self.member_start {
            (start, compressed) if start == pos => compressed,
            _ => pos,
        }
    }

    /// (decompressed, compressed) positions where the latest member began.
    pub(crate) fn member_start(&self) -> (u64, u64) {
        self.member_start
    }

    fn step(&mut self, out: &mut [u8]) -> io::Result<Option<usize>> {
        match std::mem::replace(&mut self.state, MemberState::Done) {
            MemberState::Between(mut source) => {
                let at_end = match source.fill_buf() {
                    Ok(rest) => rest.is_empty(),
                    Err(err) => {
                        self.state = MemberState::Between(source);
                        return Err(err);
                    }
                };
                if at_end {
                    self.state = MemberState::Between(source);
                    return Ok(Some(0));
                }
                self.member_start = (self.decompressed, source.position());
                self.state = MemberState::Inside(GzDecoder::new(source));
                Ok(None)
            }
            MemberState::Inside(mut decoder) => match decoder.read(out) {
                Ok(0) => {
                    self.state = MemberState::Between(decoder.into_inner());
                    Ok(None)
                }
                Ok(n) => {
                    self.decompressed += n as u64;
                    self.state = MemberState::Inside(decoder);
                    Ok(Some(n))
                }
                Err(err) => {
                    self.state = MemberState::Inside(decoder);
                    Err(err)
                }
            },
            MemberState::Done => Ok(Some(0)),
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(n) = self.step(out)? {
                return Ok(n);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    pub(crate) fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn members_report_compressed_starts() {
        let first = gz(b"first member");
        let second = gz(b"second");
        let both = [first.clone(), second].concat();
        let mut members = Members::new(&both[..]);
        let mut buf = [0u8; 64];
        let n = members.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"first member");
        assert_eq!(members.offset_for(0), 0);
        let n = members.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"second");
        assert_eq!(members.offset_for(12), first.len() as u64);
        assert_eq!(members.read(&mut buf).unwrap(), 0);
        // Inside a member, the decompressed position is all we have.
        assert_eq!(members.offset_for(14), 14);
    }

    #[test]
    fn truncated_member_is_unexpected_eof() {
        let whole = gz(&[b'x'; 5000]);
        let cut = &whole[..whole.len() - 6];
        let mut out = Vec::new();
        let err = Members::new(cut).read_to_end(&mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn plain_streams_pass_through() {
        let (mut plain, gz_found) = maybe_decompress(Box::new(&b"<p>hi</p>"[..])).unwrap();
        let mut out = String::new();
        plain.read_to_string(&mut out).unwrap();
        assert_eq!((out.as_str(), gz_found), ("<p>hi</p>", false));
    }
}
