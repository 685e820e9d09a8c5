#!/usr/bin/env bash
# Extraction benchmark: reprint and its peers over AEB and tfe-dev, one table.
#
# usage: bench/extraction/run.sh            (from anywhere; output in bench/out/extraction)
# env:   SHARED=../shared   PEERS="trafilatura" (default; also readability_lxml resiliparse
#        goose3 justext boilerpy3)   VENV (peers' venv, default ../venv-bench beside the repo)
#        SKIP_PEERS=1 (reprint only)   REUSE_PEERS=1 (keep peer outputs already in OUT)
#        CARGO_TARGET_DIR (default: target)   REPRINT_BIN (use this binary, no build)
#
# reprint runs as `reprint extract --jsonl DIR/html` with RAYON_NUM_THREADS=1
# (one core); its MB/s is the pages' decompressed bytes over the wall time of
# that command (gzip, decode, parse, extract, metadata, JSON out). Peers run
# through shared/bench/peer_extract.py, whose .stats.json gives their
# extraction-only seconds. Everything is scored by shared/bench/score_extraction.py.
#
# `reprint-profile` is `reprint extract --site-profile` (CLI mode only): the
# set is read twice, and text a site repeats across its pages is cut.
#
# tfe-dev is scored whole and in its two fixed halves (reprint_prerequisites::split,
# listed by `cargo run -p reprint-prerequisites --example split`): rules are written
# on the tune half only; the held-out half is the reported figure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
DATA=$SHARED/data/extraction
OUT=$ROOT/bench/out/extraction
VENV=${VENV:-$(cd "$ROOT/.." && pwd)/venv-bench}
PEERS=${PEERS:-"trafilatura"}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
mkdir -p "$OUT"

# reprint: the CLI (`reprint extract --jsonl`), or, when the workspace's binary
# does not build (another crate mid-change) or USE_EXAMPLE=1, the extractor
# crate's bench_extract example (same extractor, same fields, one thread).
MODE=cli
if [ -n "${REPRINT_BIN:-}" ]; then
  REPRINT=$REPRINT_BIN
elif [ -z "${USE_EXAMPLE:-}" ] && (cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release --bin reprint -q); then
  REPRINT=$TARGET/release/reprint
else
  echo "note: using crates/extract/examples/bench_extract instead of the reprint binary" >&2
  (cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release -q -p reprint-extract --example bench_extract)
  MODE=example
fi
for bench in aeb tfe-dev; do
  echo "reprint ($MODE) on $bench…" >&2
  if [ "$MODE" = cli ]; then
    python3 "$ROOT/bench/extraction/timed.py" "$OUT/$bench.reprint.jsonl" \
      env RAYON_NUM_THREADS=1 "$REPRINT" extract --jsonl "$DATA/$bench/html"
    # The same over the whole set with a site profile (two passes: what each
    # site repeats across its pages is cut as chrome; reprint_extract::site).
    python3 "$ROOT/bench/extraction/timed.py" "$OUT/$bench.reprint-profile.jsonl" \
      env RAYON_NUM_THREADS=1 "$REPRINT" extract --jsonl --site-profile "$DATA/$bench/html"
  else
    python3 "$ROOT/bench/extraction/timed.py" "$OUT/$bench.reprint.log" \
      "$TARGET/release/examples/bench_extract" "$DATA/$bench" "$OUT/$bench.reprint.jsonl"
    mv "$OUT/$bench.reprint.log.stats.json" "$OUT/$bench.reprint.jsonl.stats.json"
  fi
done

if [ -z "${SKIP_PEERS:-}" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  pkgs="lxml_html_clean"
  for peer in $PEERS; do
    case $peer in readability_lxml) pkgs="$pkgs readability-lxml" ;; *) pkgs="$pkgs $peer" ;; esac
  done
  for pkg in $pkgs; do
    "$VENV/bin/python" -c "import importlib.metadata as m, sys; m.version(sys.argv[1])" "$pkg" 2>/dev/null \
      || "$VENV/bin/pip" install -q "$pkg" >&2 || echo "pip install $pkg failed; skipping" >&2
  done
  for bench in aeb tfe-dev; do
    for peer in $PEERS; do
      if [ -n "${REUSE_PEERS:-}" ] && [ -s "$OUT/$bench.$peer.jsonl.stats.json" ]; then
        continue
      fi
      echo "$peer on $bench…" >&2
      "$VENV/bin/python" "$SHARED/bench/peer_extract.py" "$peer" "$DATA/$bench/html" \
        "$OUT/$bench.$peer.jsonl" >"$OUT/$bench.$peer.log" 2>&1 \
        || echo "$peer failed on $bench (see $OUT/$bench.$peer.log)" >&2
    done
  done
else
  PEERS=""
fi

# The halves' gold files, then every output scored whole and per half.
SPLIT=$OUT/split
mkdir -p "$SPLIT/tfe-tune" "$SPLIT/tfe-heldout"
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo run -q -p reprint-prerequisites --example split -- \
  "$DATA/tfe-dev/manifest.jsonl") >"$SPLIT/tfe-dev.tsv"
python3 - "$SPLIT" "$DATA/tfe-dev/gold.jsonl" <<'PY'
import json, sys
split, gold = sys.argv[1], sys.argv[2]
half = dict(l.rstrip("\n").split("\t") for l in open(f"{split}/tfe-dev.tsv") if l.strip())
outs = {h: open(f"{split}/tfe-{h}/gold.jsonl", "w") for h in ("tune", "heldout")}
for line in open(gold, encoding="utf-8"):
    if line.strip():
        outs[half[json.loads(line)["id"]]].write(line)
PY
for f in "$OUT"/*.jsonl; do
  case "$f" in *.stats.json) continue ;; esac
  bench=$(basename "$f" | sed 's/\..*//')
  python3 "$SHARED/bench/score_extraction.py" "$DATA/$bench" "$f" \
    --json "$f.score.json" --per-page "$f.per-page.tsv" >/dev/null 2>&1 || true
  if [ "$bench" = tfe-dev ]; then
    for h in tune heldout; do
      python3 "$SHARED/bench/score_extraction.py" "$SPLIT/tfe-$h" "$f" \
        --json "$f.$h.score.json" --per-page "$f.$h.per-page.tsv" >/dev/null 2>&1 || true
    done
  fi
done
PROFILED=""
[ "$MODE" = cli ] && PROFILED=reprint-profile
python3 "$ROOT/bench/extraction/table.py" "$OUT" "$DATA" reprint $PROFILED $PEERS | tee "$OUT/table.md"

# Bounded time on hostile pages (release only; the test suite is not timed):
# a 50 MB page of paragraphs and a page 10,000 <div>s deep.
BIG=$OUT/hostile
mkdir -p "$BIG"
python3 - "$BIG" <<'PY'
import sys
d = sys.argv[1]
para = "<p>" + "A sentence of the article, with a comma, and more words to read. " * 8 + "</p>\n"
with open(f"{d}/huge-50mb.html", "w") as f:
    f.write("<html><head><title>Huge</title></head><body><article><h1>Huge page</h1>")
    n = 0
    while n < 50_000_000:
        f.write(para); n += len(para)
    f.write("</article></body></html>")
with open(f"{d}/deep-10000.html", "w") as f:
    f.write("<html><body>" + "<div>" * 10_000 + "Deep text, with a comma." + "</div>" * 10_000 + "</body></html>")
PY
# `reprint extract` refuses pages over its size limit, so the extractor itself
# (crates/extract/examples/extract_page) is timed on them.
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release -q -p reprint-extract --example extract_page)
for page in huge-50mb deep-10000; do
  python3 "$ROOT/bench/extraction/timed.py" "$BIG/$page.json" \
    "$TARGET/release/examples/extract_page" "$BIG/$page.html"
  python3 "$ROOT/bench/extraction/timed.py" --show \
    "$BIG/$page.json.stats.json" "$page" | tee -a "$OUT/table.md"
done
