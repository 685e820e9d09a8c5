#!/usr/bin/env python3
"""Print one markdown table from the scored runs in OUT_DIR (stdlib only).

usage: table.py OUT_DIR DATA_DIR NAME...
Reads OUT_DIR/{aeb,tfe-dev}.NAME.jsonl.score.json and .stats.json, and tfe-dev's
halves (tfe-dev.NAME.jsonl.{tune,heldout}.score.json, see run.sh); metadata columns
are the held-out half's. MB/s is the benchmark's total decompressed HTML bytes
(manifest "bytes", else the files) over the recorded seconds, AEB and tfe-dev together.
"""
import gzip
import json
import os
import sys
from pathlib import Path

out, data, names = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]


def total_bytes(bench):
    n = 0
    for line in open(data / bench / "manifest.jsonl", encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        if r.get("bytes"):
            n += int(r["bytes"])
        else:
            with gzip.open(data / bench / r["file"]) as f:
                n += len(f.read())
    return n


BYTES = {b: total_bytes(b) for b in ("aeb", "tfe-dev")}


def load(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None


def seconds(stats):
    if not stats:
        return None
    for k in ("seconds", "extract_seconds", "secs", "elapsed"):
        if isinstance(stats.get(k), (int, float)):
            return stats[k]
    vals = [v for v in stats.values() if isinstance(v, (int, float))]
    return vals[0] if vals else None


def f3(x):
    return "–" if x is None else f"{x:.3f}"


rows = []
for name in names:
    aeb = load(out / f"aeb.{name}.jsonl.score.json")
    tfe = load(out / f"tfe-dev.{name}.jsonl.score.json")
    if not aeb and not tfe:
        continue
    tune = load(out / f"tfe-dev.{name}.jsonl.tune.score.json")
    held = load(out / f"tfe-dev.{name}.jsonl.heldout.score.json")
    meta = (held or {}).get("metadata", {})
    secs, mb = 0.0, 0.0
    for b in ("aeb", "tfe-dev"):
        s = seconds(load(out / f"{b}.{name}.jsonl.stats.json"))
        if s:
            secs += s
            mb += BYTES[b] / 1e6
    rows.append([
        name,
        f3(((aeb or {}).get("body") or {}).get("f1")),
        f3(((tfe or {}).get("snippets") or {}).get("f1")),
        f3(((tune or {}).get("snippets") or {}).get("f1")),
        f3(((held or {}).get("snippets") or {}).get("f1")),
        f3((meta.get("title") or {}).get("exact")),
        f3((meta.get("author") or {}).get("exact")),
        f3((meta.get("date") or {}).get("exact")),
        f3((meta.get("tags") or {}).get("f1")),
        f"{mb / secs:.1f}" if secs else "–",
    ])
head = ["extractor", "AEB F1", "tfe F1 (all)", "tfe F1 tune", "tfe F1 held-out",
        "title (held-out)", "author", "date", "tags F1", "MB/s (1 core)"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for r in rows:
    print("| " + " | ".join(r) + " |")
