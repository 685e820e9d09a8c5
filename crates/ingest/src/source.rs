//! Opens one input — a file found by the walk, or a caller's stream — as an
//! iterator of its pages, according to its kind.

use std::fs::File;
use std::io::{BufReader, Read};
use std::iter;

use crate::document::read_document;
use crate::error::Reason;
use crate::gzip::{is_gzip, maybe_decompress, peek, Stream};
use crate::jsonl::JsonlPages;
use crate::kind::InputKind;
use crate::walk::{display, Found};
use crate::warc::{record_stream, WarcPages};
use crate::{InputError, Page, ReadOptions};

/// The pages of one input.
pub(crate) type Source = Box<dyn Iterator<Item = Result<Page, InputError>> + Send>;

/// How many raw bytes to look at when guessing a stream's kind: enough to
/// hold a gzip member with the first record or line of most inputs.
const SNIFF_RAW_BYTES: usize = 64 * 1024;
const SNIFF_TEXT_BYTES: usize = 1024;

pub(crate) fn open_file(found: Found, opts: &ReadOptions) -> Source {
    let name = display(&found.path);
    match File::open(&found.path) {
        Ok(file) => open_stream(&name, Box::new(file), found.kind, opts, Some(found.size)),
        Err(err) => failed(Reason::from_io(&err).at(name)),
    }
}

/// `known_size` is the stream's size on disk, when it has one.
pub(crate) fn open_stream(
    name: &str,
    stream: Stream,
    kind: InputKind,
    opts: &ReadOptions,
    known_size: Option<u64>,
) -> Source {
    let limit = opts.max_page_bytes;
    match kind {
        InputKind::Html | InputKind::Text => {
            let (name, opts) = (name.to_string(), opts.clone());
            Box::new(iter::once_with(move || {
                read_document(&name, stream, kind, &opts, known_size)
            }))
        }
        InputKind::Jsonl => match maybe_decompress(stream) {
            Ok((reader, gzipped)) => Box::new(JsonlPages::new(
                name,
                Box::new(BufReader::new(reader)),
                gzipped,
                limit,
            )),
            Err(err) => failed(Reason::from_io(&err).at(name)),
        },
        InputKind::Warc => match peek(stream, 2) {
            Ok((head, stream)) => {
                let gzipped = is_gzip(&head);
                Box::new(WarcPages::new(
                    name,
                    record_stream(stream, gzipped),
                    gzipped,
                    limit,
                ))
            }
            Err(err) => failed(Reason::from_io(&err).at(name)),
        },
    }
}

/// Guesses the kind of an unnamed stream from its first bytes, looking
/// inside gzip, and returns it with a stream that yields everything again.
pub(crate) fn sniff_stream(stream: Stream) -> std::io::Result<(InputKind, Stream)> {
    let (head, stream) = peek(stream, SNIFF_RAW_BYTES)?;
    let kind = if is_gzip(&head) {
        // Decompress only the prefix we hold; a cut-off member still yields its start.
        let mut text = Vec::new();
        let _ = flate2::read::MultiGzDecoder::new(&head[..])
            .take(SNIFF_TEXT_BYTES as u64)
            .read_to_end(&mut text);
        InputKind::sniff(&text)
    } else {
        InputKind::sniff(&head)
    };
    Ok((kind, stream))
}

pub(crate) fn failed(err: InputError) -> Source {
    Box::new(iter::once(Err(err)))
}
