#!/usr/bin/env bash
# Matching benchmark (issue 4): generates seeded corpora, ingests them with
# reprint, runs datasketch's MinHashLSH on the same pages, scores both against
# the generator's truth, and prints time / peak memory / quality tables.
#
#   bench/matching/run.sh            # 10k (reprint + datasketch) and 100k (reprint)
#   SIZES="10000" bench/matching/run.sh
#   SIZES="10000 100000 1000000" MINHASH_SIZES="10000" bench/matching/run.sh
#
# Outputs go to bench/out/ (gitignored). Needs python3 and network access to
# PyPI once (datasketch goes into bench/out/venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/bench/out
SIZES=${SIZES:-"10000 100000"}
MINHASH_SIZES=${MINHASH_SIZES:-"10000"}
THRESHOLD=${THRESHOLD:-0.2}
SEED=${SEED:-1}
# Passage boundaries are scored on at most this many pairs (spread evenly):
# all of them at 10k, a sample beyond (eval.py holds each page's tokens).
BOUNDARY_SAMPLE=${BOUNDARY_SAMPLE:-30000}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target-match}
cargo build --release -q -p reprint-cli
BIN=$CARGO_TARGET_DIR/release/reprint
if [ ! -x "$OUT/venv/bin/python" ]; then
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q datasketch
fi

timed() { # LOG CMD... : runs CMD under /usr/bin/time -v, logs to LOG
  local log=$1; shift
  /usr/bin/time -v "$@" >"$log.out" 2>"$log"
}
secs() { awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
mem() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d.get(sys.argv[2], '-'))" "$1" "$2"; }

ROWS=()
for n in $SIZES; do
  name=g$((n / 1000))k
  [ -s "$OUT/$name/pages.jsonl" ] || python3 bench/matching/gen.py --n "$n" --seed "$SEED" --out "$OUT/$name"
  rm -f "$OUT/$name.db" "$OUT/$name.db-wal" "$OUT/$name.db-shm"
  timed "$OUT/$name.ingest.time" "$BIN" --db "$OUT/$name.db" ingest "$OUT/$name/pages.jsonl"
  timed "$OUT/$name.extract.time" "$BIN" extract --jsonl "$OUT/$name/pages.jsonl"
  rm -f "$OUT/$name.extract.time.out"
  "$BIN" --db "$OUT/$name.db" export --what pairs --include-partial -o "$OUT/$name.pairs.jsonl"
  "$BIN" --db "$OUT/$name.db" export --what articles -o "$OUT/$name.articles.jsonl"
  python3 bench/matching/eval.py --gen "$OUT/$name" --pairs "$OUT/$name.pairs.jsonl" \
    --articles "$OUT/$name.articles.jsonl" --boundary-sample "$BOUNDARY_SAMPLE" \
    --json "$OUT/$name.eval.json" >/dev/null
  # Adding and tracing one article against the full store (a copy of one of
  # its pages, not stored): median of 5 runs.
  python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['text'])" \
    "$OUT/$name/pages.jsonl" >"$OUT/$name.page.txt"
  trace_ms=$(for i in 1 2 3 4 5; do
    s=$(date +%s%N); "$BIN" --db "$OUT/$name.db" trace "$OUT/$name.page.txt" >/dev/null; e=$(date +%s%N)
    echo $(((e - s) / 1000000)); done | sort -n | sed -n 3p)
  ROWS+=("| reprint | $n | $(secs "$OUT/$name.ingest.time") | $(secs "$OUT/$name.extract.time") | $(mem "$OUT/$name.ingest.time") | $(field "$OUT/$name.eval.json" precision) | $(field "$OUT/$name.eval.json" recall) | $(field "$OUT/$name.eval.json" boundary_f1) | $trace_ms |")
  if [[ " $MINHASH_SIZES " == *" $n "* ]]; then
    timed "$OUT/$name.minhash.time" "$OUT/venv/bin/python" bench/matching/minhash.py \
      "$OUT/$name/pages.jsonl" "$OUT/$name.minhash.jsonl" --threshold "$THRESHOLD"
    python3 bench/matching/eval.py --gen "$OUT/$name" --pairs "$OUT/$name.minhash.jsonl" \
      --articles "$OUT/$name.articles.jsonl" --no-boundaries --json "$OUT/$name.minhash.eval.json" >/dev/null
    ROWS+=("| datasketch MinHashLSH (J≥$THRESHOLD, 128 perm, no alignment) | $n | $(secs "$OUT/$name.minhash.time") | - | $(mem "$OUT/$name.minhash.time") | $(field "$OUT/$name.minhash.eval.json" precision) | $(field "$OUT/$name.minhash.eval.json" recall) | - | - |")
  fi
done

echo
echo "| tool | articles | ingest+match s (wall) | of which extraction alone s | peak MB | pair P | pair R | passage char F1 | trace one page ms |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
