#!/usr/bin/env bash
# Load benchmark for `reprint serve` (not a test): 200 concurrent connections
# for 30 s against loopback on a story page, the story API and search, with
# wrk (apt-get install -y wrk). Builds a database from the census and
# spotify reprints, starts a release server, prints requests/s, p50/p99 and
# errors (non-2xx and socket errors must be zero).
# Usage: bench/serve/run.sh [DURATION] [CONNECTIONS]
# REPRINT_BIN=path/to/reprint skips the build and measures that binary
# (e.g. an older build, for before/after figures on the same machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR="${1:-30s}"; CONN="${2:-200}"
PORT=18181
OUT=bench/out/serve; mkdir -p "$OUT"
DB="$OUT/bench.db"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target-serve}"
if [ -n "${REPRINT_BIN:-}" ]; then
    BIN="$REPRINT_BIN"
else
    cargo build --release -q -p reprint-cli
    BIN="$CARGO_TARGET_DIR/release/reprint"
fi
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN" --db "$DB" ingest ../shared/data/reprints/census.jsonl ../shared/data/reprints/spotify.jsonl >/dev/null 2>&1 || true
"$BIN" --db "$DB" serve --bind "127.0.0.1:$PORT" 2>"$OUT/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/stories" >/dev/null && break; sleep 0.2; done
STORY=$(curl -s "http://127.0.0.1:$PORT/api/stories?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
for path in "/stories/$STORY" "/api/stories/$STORY" "/api/search?q=census%20question" "/search?q=spotify"; do
    echo "== $path"
    wrk -t2 -c"$CONN" -d"$DUR" --latency --timeout 10s "http://127.0.0.1:$PORT$path" | tee "$OUT/wrk-$(echo "$path" | tr -c 'a-z0-9' '_').txt" \
        | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors|requests in"
done
kill "$SERVER" 2>/dev/null || true
