#!/usr/bin/env bash
# Adding and tracing one article against a stored corpus (issue 4's 50 ms
# target), measured the way a service sees it: a running `reprint serve`
# over the store, one request at a time, client-side time per request.
#
#   bench/matching/latency.sh DB PAGES.jsonl [N]
#
# - trace: `POST /api/trace` with the text of a stored page with a sentence
#   of its own added (so it matches that page's story; nothing is stored);
# - add:   `POST /api/ingest` with one new JSONL page, the same kind of copy
#   under a new id: extracted, stored, matched and its story re-traced.
# Prints median and 90th percentile of N requests each (default 50).
# The store is changed by the `add` requests: use a copy you can throw away.
# Needs curl and python3; REPRINT_BIN names the binary (default: release build).
set -euo pipefail
DB=$1
PAGES=$2
N=${3:-50}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${REPRINT_BIN:-$ROOT/target/release/reprint}
PORT=$((20000 + RANDOM % 10000))
TOKEN=latency-bench-token-0123456789
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

# N pages spread over the corpus, each as a text body and as a new JSONL page.
# New ids each run (TAG), so that a second run on the same store adds pages
# rather than finding them unchanged.
TAG=${TAG:-latency$(date +%s)}
python3 - "$PAGES" "$N" "$WORK" "$TAG" <<'EOF'
import json, sys
path, n, work, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = []
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i % 997 == 0:
            lines.append(json.loads(line))
        if len(lines) >= n:
            break
for k, page in enumerate(lines):
    text = page["text"] + "\n\nA closing sentence this copy added on its own, number %d." % k
    with open(f"{work}/trace{k}.txt", "w", encoding="utf-8") as f:
        f.write(text)
    new = dict(page, id=f"{tag}-{k}-{page['id']}", text=text, site=f"{tag}{k}.example")
    with open(f"{work}/add{k}.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps(new) + "\n")
EOF
COUNT=$(ls "$WORK"/trace*.txt | wc -l)

"$BIN" --db "$DB" serve --bind 127.0.0.1:$PORT --ingest-token "$TOKEN" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/api/stories?limit=1" >/dev/null 2>&1 && break
  sleep 0.5
done

summary() { # label, file of seconds
  python3 - "$1" "$2" <<'EOF'
import sys
xs = sorted(float(x) * 1000 for x in open(sys.argv[2]) if x.strip())
p = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))]
print(f"{sys.argv[1]}: n={len(xs)} median {p(0.5):.1f} ms, p90 {p(0.9):.1f} ms, max {xs[-1]:.1f} ms")
EOF
}

for k in $(seq 0 $((COUNT - 1))); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'content-type: text/plain' \
    --data-binary @"$WORK/trace$k.txt" "http://127.0.0.1:$PORT/api/trace" >>"$WORK/trace.times"
done
for k in $(seq 0 $((COUNT - 1))); do
  curl -s -o /dev/null -w '%{time_total}\n' -H "authorization: Bearer $TOKEN" \
    --data-binary @"$WORK/add$k.jsonl" "http://127.0.0.1:$PORT/api/ingest" >>"$WORK/add.times"
done
summary "trace one page (POST /api/trace)" "$WORK/trace.times"
summary "add one page (POST /api/ingest: extract, store, match, re-trace)" "$WORK/add.times"
