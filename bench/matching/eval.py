#!/usr/bin/env python3
"""Scores reprint's pairs against the generator's truth (issue 4).

Inputs: the generator's pages.jsonl and truth-pairs.jsonl / truth-quotes.jsonl,
`reprint export --what pairs --include-partial` (JSONL, with `passages`) and
`reprint export --what articles` (JSONL: the stored text of each article, as
extraction left it). Only pages present in the store are scored, so a store
made from a prefix of pages.jsonl is scored fairly.

Pair precision/recall: a reported pair (copy or partial) is right when the
truth says the two pages reuse >= 50 words; "borderline" truth pairs (35-49
shared words after edits) are not scored either way.

Passage boundaries: character F1 over word characters. Reported passages
(offsets in the stored text) are mapped onto the input text through the word
tokens both share; truth spans are in input offsets. For every scored pair,
both sides count: true positives are word characters inside both a truth and
a reported span; missed pairs count all their truth characters as missed,
false pairs all their reported characters as false.

With --boundary-sample N, boundaries are scored on N of those pairs, spread
evenly over them in key order (a million-page corpus has ~600k pairs; holding
every page's tokens at once would take tens of GB): pair P/R stay exact.

Usage: eval.py --gen DIR --pairs pairs.jsonl --articles articles.jsonl
               [--json OUT] [--boundary-sample N]
Prints one JSON object (and a short table on stderr).
"""

import argparse
import json
import re
import sys

WORD = re.compile(r"[^\W_]+")


def tokens(text):
    return [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]


def stored_text(article):
    return "\n\n".join(article.get("paragraphs") or [])


def map_tokens(stored, source):
    """For each stored token, the index of the same token in source (or None):
    a forward greedy walk that accepts a match when the next 2 tokens agree."""
    out = [None] * len(stored)
    j = 0
    n = len(source)
    for i, (_, _, w) in enumerate(stored):
        k = j
        limit = min(n, j + 400)
        while k < limit:
            if source[k][2] == w and all(
                i + d >= len(stored) or k + d >= n or stored[i + d][2] == source[k + d][2]
                for d in (1, 2)
            ):
                break
            k += 1
        if k < limit:
            out[i] = k
            j = k + 1
    return out


class Doc:
    def __init__(self, text, stored):
        self.src = tokens(text)
        self.sto = tokens(stored)
        self.map = map_tokens(self.sto, self.src)
        self.src_starts = [t[0] for t in self.src]
        self.sto_starts = [t[0] for t in self.sto]

    def src_tokens_in(self, spans):
        """Source token indices inside character spans of the source text."""
        out = set()
        for s, e in spans:
            for k, (a, b, _) in enumerate(self.src):
                if a >= s and b <= e:
                    out.add(k)
        return out

    def src_tokens_of_stored(self, spans):
        out = set()
        for s, e in spans:
            for i, (a, b, _) in enumerate(self.sto):
                if a >= s and b <= e and self.map[i] is not None:
                    out.add(self.map[i])
        return out

    def chars(self, toks):
        return sum(self.src[k][1] - self.src[k][0] for k in toks)


def char_index(text):
    """Code-point offsets (the store's unit) equal Python str offsets."""
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen", required=True)
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--articles", required=True)
    ap.add_argument("--json")
    ap.add_argument("--no-boundaries", action="store_true")
    ap.add_argument("--boundary-sample", type=int, default=0)
    args = ap.parse_args()

    # Ids first; texts later, only of the pages boundaries are scored on.
    present = set()
    for line in open(args.articles, encoding="utf-8"):
        present.add(json.loads(line)["id"])

    truth, borderline = {}, set()
    for line in open(args.gen + "/truth-pairs.jsonl", encoding="utf-8"):
        d = json.loads(line)
        if d["a"] in present and d["b"] in present:
            key = tuple(sorted((d["a"], d["b"])))
            if d["kind"] == "borderline":
                borderline.add(key)
            else:
                if key[0] != d["a"]:
                    d["a_spans"], d["b_spans"] = d["b_spans"], d["a_spans"]
                truth[key] = d
    quotes = set()
    for line in open(args.gen + "/truth-quotes.jsonl", encoding="utf-8"):
        d = json.loads(line)
        if d["a"] in present and d["b"] in present:
            quotes.add(tuple(sorted((d["a"], d["b"]))))

    pred = {}
    for line in open(args.pairs, encoding="utf-8"):
        d = json.loads(line)
        key = tuple(sorted((d["a"], d["b"])))
        spans_a = [[p["a"]["start"], p["a"]["end"]] for p in d.get("passages", [])]
        spans_b = [[p["b"]["start"], p["b"]["end"]] for p in d.get("passages", [])]
        if key[0] != d["a"]:
            spans_a, spans_b = spans_b, spans_a
        pred[key] = (spans_a, spans_b, d.get("kind"))

    scored_pred = {k for k in pred if k not in borderline}
    tp = scored_pred & set(truth)
    fp = scored_pred - set(truth)
    fn = set(truth) - scored_pred
    precision = len(tp) / max(1, len(scored_pred))
    recall = len(tp) / max(1, len(truth))

    scored = sorted(tp | fp | fn)
    if args.boundary_sample and len(scored) > args.boundary_sample:
        step = len(scored) / args.boundary_sample
        scored = [scored[int(i * step)] for i in range(args.boundary_sample)]
    pages = {}
    need = set()
    if not args.no_boundaries:
        for k in scored:
            need.update(k)
    site = {}
    for line in open(args.gen + "/pages.jsonl", encoding="utf-8"):
        d = json.loads(line)
        site[d["id"]] = d["site"]
        if d["id"] in need:
            pages[d["id"]] = d["text"]

    fp_kinds = {"same-site": 0, "shared-quote": 0, "other": 0}
    for a, b in fp:
        if (a, b) in quotes:
            fp_kinds["shared-quote"] += 1
        elif site.get(a) == site.get(b):
            fp_kinds["same-site"] += 1
        else:
            fp_kinds["other"] += 1

    result = {
        "pages": len(present), "truth_pairs": len(truth), "borderline_ignored": len(borderline),
        "reported": len(pred), "tp": len(tp), "fp": len(fp), "fn": len(fn),
        "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * precision * recall / max(1e-9, precision + recall), 4),
        "fp_kinds": fp_kinds, "quote_pairs": len(quotes),
        "quote_pairs_reported": len(quotes & set(pred)),
    }
    fn_words = sorted(truth[k]["words"] for k in fn)
    result["fn_words_sample"] = fn_words[:20]

    if not args.no_boundaries:
        stored = {}
        for line in open(args.articles, encoding="utf-8"):
            d = json.loads(line)
            if d["id"] in need:
                stored[d["id"]] = stored_text(d.get("article", {}))
        docs = {}

        def doc(i):
            if i not in docs:
                docs[i] = Doc(pages[i], stored[i])
            return docs[i]

        tpc = fpc = fnc = 0
        for k in scored:
            t = truth.get(k)
            p = pred.get(k)
            for side, pid in ((0, k[0]), (1, k[1])):
                d = doc(pid)
                ts = d.src_tokens_in(t["a_spans" if side == 0 else "b_spans"]) if t else set()
                ps = d.src_tokens_of_stored(p[side]) if p else set()
                tpc += d.chars(ts & ps)
                fpc += d.chars(ps - ts)
                fnc += d.chars(ts - ps)
        bp = tpc / max(1, tpc + fpc)
        br = tpc / max(1, tpc + fnc)
        result["boundary_precision"] = round(bp, 4)
        result["boundary_recall"] = round(br, 4)
        result["boundary_f1"] = round(2 * bp * br / max(1e-9, bp + br), 4)
        result["boundary_pairs"] = len(scored)

    print(json.dumps(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    print("pairs P %.4f R %.4f (tp %d fp %d fn %d; fp by kind %s); boundary F1 %s"
          % (precision, recall, len(tp), len(fp), len(fn), fp_kinds, result.get("boundary_f1")),
          file=sys.stderr)


if __name__ == "__main__":
    main()
