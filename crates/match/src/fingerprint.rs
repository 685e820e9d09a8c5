//! Tokens, word shingles and winnowed fingerprints of one text.
//!
//! The hash is written here rather than taken from `std` or a crate because
//! fingerprints are stored in the database and compared across runs: the
//! values must never change with a Rust release, a crate update or the
//! platform's endianness. FNV-1a over UTF-8 bytes, combined per shingle and
//! finished with the SplitMix64 mixer, is fully specified and pinned by a test.

/// Words per shingle. Five words are rare enough that unrelated texts seldom
/// share one by chance, yet short enough that light edits leave most intact.
pub const SHINGLE_WORDS: usize = 5;

/// Winnowing window, in shingles: every run of `WINNOW_WINDOW` consecutive
/// shingles contributes its minimum hash, so any passage of at least
/// `WINNOW_WINDOW + SHINGLE_WORDS - 1` (= 14) shared words is guaranteed to
/// share a fingerprint.
pub const WINNOW_WINDOW: usize = 10;

/// Names the fingerprint scheme. A store records it and refuses to mix
/// fingerprints made under another scheme.
pub const SCHEME: &str = "reprint-fp/1 fnv1a64+splitmix64 lower-alnum shingle=5 winnow=10";

/// One word of a text: byte offsets into the text and the hash of its
/// lower-cased form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// SplitMix64 finaliser: spreads FNV's weak low bits so that "minimum hash in
/// a window" picks uniformly among shingles.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One byte into a running FNV-1a hash.
#[inline]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// Splits text into words: maximal runs of alphanumeric characters, compared
/// lower-cased. Punctuation, quotes and markup differences between copies
/// therefore do not break shingles.
///
/// A word's hash is FNV-1a over the UTF-8 bytes of its lower-cased form,
/// computed as the characters go by (FNV-1a is a byte stream, so this is the
/// same value as hashing the lower-cased string), with ASCII handled without
/// Unicode tables.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut start: Option<usize> = None;
    let mut h = FNV_OFFSET;
    for (i, c) in text.char_indices() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            if start.is_none() {
                start = Some(i);
                h = FNV_OFFSET;
            }
            if c.is_ascii() {
                h = fnv_step(h, c.to_ascii_lowercase() as u8);
            } else {
                let mut buf = [0u8; 4];
                for l in c.to_lowercase() {
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        h = fnv_step(h, b);
                    }
                }
            }
        } else if let Some(s) = start.take() {
            tokens.push(Token {
                start: s,
                end: i,
                hash: h,
            });
        }
    }
    if let Some(s) = start {
        tokens.push(Token {
            start: s,
            end: text.len(),
            hash: h,
        });
    }
    tokens
}

/// Hash of every run of [`SHINGLE_WORDS`] consecutive tokens; shingle `i`
/// covers tokens `i .. i + SHINGLE_WORDS`. A text shorter than one shingle has
/// none.
pub fn shingles(tokens: &[Token]) -> Vec<u64> {
    tokens
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let h = w
                .iter()
                .fold(FNV_OFFSET, |acc, t| (acc ^ t.hash).wrapping_mul(FNV_PRIME));
            mix64(h)
        })
        .collect()
}

/// Winnowing (Schleimer, Wilkerson & Aiken 2003): the minimum hash of each
/// window of `window` shingles — a local MinHash. Returns the distinct selected
/// values, sorted. Texts shorter than one window contribute their minimum.
pub fn winnow(shingles: &[u64], window: usize) -> Vec<u64> {
    let mut out: Vec<u64> = if shingles.len() <= window {
        shingles.iter().min().copied().into_iter().collect()
    } else {
        shingles
            .windows(window)
            .filter_map(|w| w.iter().min().copied())
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Everything matching needs to know about one text.
#[derive(Debug, Clone, Default)]
pub struct TextPrint {
    pub tokens: Vec<Token>,
    pub shingles: Vec<u64>,
    /// Distinct winnowed fingerprints, sorted: the keys of the candidate index.
    pub fingerprints: Vec<u64>,
}

impl TextPrint {
    pub fn of(text: &str) -> TextPrint {
        let tokens = tokenize(text);
        let shingles = shingles(&tokens);
        let fingerprints = winnow(&shingles, WINNOW_WINDOW);
        TextPrint {
            tokens,
            shingles,
            fingerprints,
        }
    }

    pub fn words(&self) -> usize {
        self.tokens.len()
    }
}

/// Stores keep fingerprints in SQLite's signed 64-bit integers.
pub fn to_stored(h: u64) -> i64 {
    h as i64
}

pub fn from_stored(v: i64) -> u64 {
    v as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// These values are written into every store. If this test fails, the
    /// scheme changed: bump [`SCHEME`] so old stores are refused, never edit
    /// the expected numbers to make it pass.
    #[test]
    fn hash_values_are_pinned() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        // Cross-checked against an independent Python implementation.
        assert_eq!(fnv1a(b"reprint"), 0x8f71_a1a3_dd65_96d7);
        assert_eq!(mix64(1), 0x5692_161d_100b_05e5);
        let p = TextPrint::of("The quick brown fox jumps over the lazy dog");
        assert_eq!(p.tokens.len(), 9);
        assert_eq!(p.shingles.len(), 5);
        assert_eq!(p.shingles[0], 0x6e0f_0184_5d95_8104);
    }

    /// The streaming hash equals FNV-1a over the lower-cased word.
    #[test]
    fn token_hashes_are_fnv1a_of_the_lowercased_word() {
        let text = "İstanbul ÆSIR straße Σίσυφος ΣΑΣ DŽungla ǅ e\u{301}te 42nd x";
        let tokens = tokenize(text);
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(tokens.len(), words.len());
        for (t, w) in tokens.iter().zip(&words) {
            assert_eq!(&text[t.start..t.end], *w);
            let lowered: String = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(t.hash, fnv1a(lowered.as_bytes()), "{w}");
        }
    }

    #[test]
    fn tokens_ignore_case_and_punctuation() {
        let a = TextPrint::of("“Belgium’s exit,” he said.");
        let b = TextPrint::of("\"BELGIUM'S EXIT\" HE SAID");
        let ha: Vec<u64> = a.tokens.iter().map(|t| t.hash).collect();
        let hb: Vec<u64> = b.tokens.iter().map(|t| t.hash).collect();
        assert_eq!(ha, hb);
        assert_eq!(
            &"“Belgium’s exit,” he said."[a.tokens[0].start..a.tokens[0].end],
            "Belgium"
        );
    }

    #[test]
    fn shared_passage_shares_a_fingerprint() {
        let passage =
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        let a = TextPrint::of(&format!("alpha beta gamma delta {passage} epsilon zeta"));
        let b = TextPrint::of(&format!(
            "completely different words lead in here {passage}"
        ));
        assert!(a
            .fingerprints
            .iter()
            .any(|h| b.fingerprints.binary_search(h).is_ok()));
    }

    #[test]
    fn short_texts_have_no_shingles() {
        assert!(TextPrint::of("too short").shingles.is_empty());
        assert!(TextPrint::of("").fingerprints.is_empty());
    }
}
