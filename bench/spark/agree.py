#!/usr/bin/env python3
"""Whether a Spark run's Parquet output and a store's exports agree: the
same pairs (kind, shares to the export's three decimals, shared words,
passages; sides ordered by id) and the same stories (members, and the
versioned JSON apart from `id`, which a store gives by arrival).

    agree.py --spark OUT --pairs pairs.jsonl --stories stories.jsonl [--json F]

`pairs.jsonl` is `reprint export --what pairs --include-partial`,
`stories.jsonl` `reprint export --what stories`. Used by
crates/python/tests/test_spark.py and bench/spark/run.sh. Exit 1 when they
differ.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from reprint.parquet import oriented, story_members


def _r(x):
    # Half away from zero, as the export rounds (Rust's f64::round); Python's
    # round() would take 0.8125 to 0.812.
    return math.floor(float(x) * 1000 + 0.5) / 1000


def cli_pair(p):
    """A CLI pair with the smaller id as side A (the store orders by key)."""
    a, b, sa, sb, ps = oriented(p)
    return (a, b), (p["kind"], _r(sa), _r(sb), p["words"], json.dumps(ps, sort_keys=True))


def spark_pair(row):
    d = json.loads(row["pair"])
    return (row["a"], row["b"]), (
        row["kind"],
        _r(row["shared_a"]),
        _r(row["shared_b"]),
        row["words"],
        json.dumps(d["passages"], sort_keys=True),
    )


def without_id(story):
    s = dict(story)
    s.pop("id", None)
    return s


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def agree(spark_out, cli_pairs, cli_stories):
    """Counts and the first differences (empty lists when they agree)."""
    import pyarrow.parquet as pq

    out = Path(spark_out)
    got_pairs = dict(spark_pair(r) for r in pq.read_table(out / "pairs").to_pylist())
    want_pairs = dict(cli_pair(p) for p in cli_pairs)
    rows = pq.read_table(out / "stories").to_pylist()
    got_stories = {}
    errors = [r["error"] for r in rows if r["error"]]
    for r in rows:
        if r["json"]:
            s = json.loads(r["json"])
            got_stories[tuple(story_members(s))] = without_id(s)
    want_stories = {tuple(story_members(s)): without_id(s) for s in cli_stories}
    return {
        "pairs": len(want_pairs),
        "spark_pairs": len(got_pairs),
        "pairs_only_spark": sorted(set(got_pairs) - set(want_pairs)),
        "pairs_only_cli": sorted(set(want_pairs) - set(got_pairs)),
        "pairs_differ": [k for k in want_pairs if k in got_pairs and got_pairs[k] != want_pairs[k]],
        "stories": len(want_stories),
        "spark_stories": len(got_stories),
        "stories_only_spark": sorted(set(got_stories) - set(want_stories)),
        "stories_only_cli": sorted(set(want_stories) - set(got_stories)),
        "stories_differ": [k for k in want_stories if k in got_stories and got_stories[k] != want_stories[k]],
        "story_errors": errors,
        "_got_stories": got_stories,
        "_want_stories": want_stories,
    }


def same(result) -> bool:
    return not any(result[k] for k in result if k.startswith(("pairs_only", "pairs_differ", "stories_only", "stories_differ", "story_errors")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--spark", required=True)
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--stories", required=True)
    ap.add_argument("--json")
    args = ap.parse_args()
    r = agree(args.spark, read_jsonl(args.pairs), read_jsonl(args.stories))
    report = {k: (len(v) if isinstance(v, list) else v) for k, v in r.items() if not k.startswith("_")}
    report["agree"] = same(r)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    print(json.dumps(report))
    sys.exit(0 if report["agree"] else 1)


if __name__ == "__main__":
    main()
