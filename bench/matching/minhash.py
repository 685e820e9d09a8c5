#!/usr/bin/env python3
"""datasketch MinHashLSH on the generator's pages, for comparison.

Word 5-shingles (lower-cased alphanumeric words, as reprint), MinHash with
128 permutations, MinHashLSH at Jaccard threshold 0.2 (set with --threshold).
Candidates are reported as pairs without alignment or verification, which is
how MinHashLSH is used for near-duplicate detection. Writes pairs JSONL in
the shape eval.py reads (`a`, `b`, no passages).

Usage: minhash.py PAGES OUT [--threshold 0.2] [--perm 128]
"""

import argparse
import json
import re
import sys

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"[^\W_]+")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("out")
    ap.add_argument("--threshold", type=float, default=0.2)
    ap.add_argument("--perm", type=int, default=128)
    args = ap.parse_args()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.perm)
    pairs = set()
    for line in open(args.pages, encoding="utf-8"):
        d = json.loads(line)
        w = [t.lower() for t in WORD.findall(d["text"])]
        m = MinHash(num_perm=args.perm)
        m.update_batch([" ".join(w[i:i + 5]).encode("utf-8") for i in range(max(1, len(w) - 4))])
        for other in lsh.query(m):
            pairs.add(tuple(sorted((other, d["id"]))))
        lsh.insert(d["id"], m)
    with open(args.out, "w") as f:
        for a, b in sorted(pairs):
            f.write(json.dumps({"a": a, "b": b, "kind": "candidate"}) + "\n")
    print("%d candidate pairs" % len(pairs), file=sys.stderr)


if __name__ == "__main__":
    main()
