#!/usr/bin/env bash
# Spark benchmark (issue 17): the same generated corpus through `reprint
# ingest` and through the Spark job in local[2] on this machine; wall, CPU
# (user+sys of the process and its children: the JVM and Python workers)
# and peak memory of each, their ratio, and whether the two agree exactly
# (bench/spark/agree.py).
#
#   VENV=/path/to/venv bench/spark/run.sh          # 10k and 100k
#   SIZES="10000" VENV=... bench/spark/run.sh
#   FORMAT=warc SIZES="10000" VENV=... bench/spark/run.sh   # the same pages as WARC.gz
#
# VENV must hold the reprint wheel (crates/python), pyspark, pyarrow and
# pandas<3; Java 17 on PATH. Outputs go to bench/out/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/bench/out
SIZES=${SIZES:-"10000 100000"}
SEED=${SEED:-1}
MASTER=${MASTER:-"local[2]"}
# jsonl: the generated pages.jsonl; warc: the same pages as WARC.gz files of
# 2000 records, one gzip member each (bench/spark/to_warc.py), as Common
# Crawl ships pages: HTML to extract, not text.
FORMAT=${FORMAT:-jsonl}
VENV=${VENV:?set VENV to a virtualenv with the reprint wheel, pyspark, pyarrow, pandas<3}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
# SKIP_BUILD=1 uses the reprint binary already built.
[ "${SKIP_BUILD:-0}" = 1 ] && [ -x "$CARGO_TARGET_DIR/release/reprint" ] || cargo build --release -q -p reprint-cli
BIN=$CARGO_TARGET_DIR/release/reprint

# CPU and memory of the whole process tree (the JVM and Python workers too).
timed() { local log=$1; shift; python3 bench/spark/treetime.py "$@" >"$log.out" 2>"$log"; }
secs() { awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
cpu() { awk -F": " '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$1"; }
mem() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }

echo "| pages ($FORMAT) | reprint ingest wall / CPU / peak | Spark $MASTER wall / CPU / peak | wall ratio | agree |"
echo "|---|---|---|---|---|"
for n in $SIZES; do
  name=g$((n / 1000))k
  [ -s "$OUT/$name/pages.jsonl" ] || python3 bench/matching/gen.py --n "$n" --seed "$SEED" --out "$OUT/$name"
  input=$OUT/$name/pages.jsonl
  if [ "$FORMAT" = warc ]; then
    [ -d "$OUT/$name/warc" ] || python3 bench/spark/to_warc.py "$input" "$OUT/$name/warc" >/dev/null
    input=$OUT/$name/warc
    name=$name-warc
  fi
  db=$OUT/$name.spark-bench.db
  # REUSE_CLI=1 keeps a previous run's reprint side (its times and exports).
  if [ "${REUSE_CLI:-0}" != 1 ] || [ ! -s "$OUT/$name.cli-stories.jsonl" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    timed "$OUT/$name.cli.time" "$BIN" --db "$db" ingest "$input"
    "$BIN" --db "$db" export --what pairs --include-partial -o "$OUT/$name.cli-pairs.jsonl"
    "$BIN" --db "$db" export --what stories -o "$OUT/$name.cli-stories.jsonl"
  fi
  rm -rf "$OUT/$name.spark"
  timed "$OUT/$name.spark.time" "$VENV/bin/python" -m reprint.spark --master "$MASTER" --json \
    --out "$OUT/$name.spark" "$input"
  agree=$("$VENV/bin/python" bench/spark/agree.py --spark "$OUT/$name.spark" \
    --pairs "$OUT/$name.cli-pairs.jsonl" --stories "$OUT/$name.cli-stories.jsonl" \
    --json "$OUT/$name.agree.json" >/dev/null && echo yes || echo "NO (see $OUT/$name.agree.json)")
  c=$(secs "$OUT/$name.cli.time"); s=$(secs "$OUT/$name.spark.time")
  ratio=$(python3 -c "print(f'{$s/$c:.2f}')")
  echo "| $n | ${c}s / $(cpu "$OUT/$name.cli.time")s / $(mem "$OUT/$name.cli.time") MB | ${s}s / $(cpu "$OUT/$name.spark.time")s / $(mem "$OUT/$name.spark.time") MB | $ratio | $agree |"
done
