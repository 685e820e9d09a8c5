#!/usr/bin/env python3
"""Seeded generator of reprint families with ground truth (issue 4).

Builds a corpus of N pages from the real article texts in ../shared/data
(attribution */text/*.txt, quotes jsonl, reprints jsonl, extraction aeb
gold.jsonl), then expands it with synthetic articles whose sentences are
recombined from 3-4-word phrases of different real texts, so that unrelated
articles never share a 5-word shingle run by construction.

Reuse made (each with its provenance, so the truth is exact):
  whole copies, cuts (paragraphs dropped), inserts (new paragraphs), paragraph
  reorderings, word edits (~2% of words), and excerpts of 1-3 paragraphs
  (>= 50 words) placed inside unrelated host articles.
Not reuse: per-site furniture (a disclaimer/newsletter blurb on every page of
  a site; some blurbs are one template shared by many sites, like a cookie
  notice), and short shared quotes (<= 30 words) between unrelated articles.

Outputs (in OUT):
  pages.jsonl        {"id", "site", "text", "published"}   (ingest input)
  truth-pairs.jsonl  {"a", "b", "words", "kind": "reuse"|"borderline",
                      "a_spans": [[start, end], ...], "b_spans": [...]}
                     spans are character offsets (Python str indices =
                     Unicode scalar values) into each page's `text`.
                     "borderline" pairs share 35-49 words after edits: not
                     scored either way.
  truth-quotes.jsonl {"a", "b", "words"}: unrelated pages sharing a quote only
  stats.json         counts

Usage: gen.py --n 10000 --seed 1 --out DIR [--data ../shared/data]
Standard library only.
"""

import argparse
import glob
import json
import os
import random
import re
import sys

WORD = re.compile(r"[^\W_]+")
MARKUP = re.compile(r"[*_\[\]`#<>\\|~]")


def norm_para(p):
    p = MARKUP.sub("", p)
    p = " ".join(p.split())
    return p


def words(p):
    return len(WORD.findall(p))


def load_texts(data):
    """Real texts as lists of paragraphs (titles dropped)."""
    texts = []
    for path in sorted(glob.glob(os.path.join(data, "attribution", "*", "text", "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            paras = re.split(r"\n\s*\n", f.read())
        texts.append(paras[1:])
    qpath = os.path.join(data, "quotes", "ggt-98-articles.jsonl")
    if os.path.exists(qpath):
        for line in open(qpath, encoding="utf-8"):
            d = json.loads(line)
            texts.append(re.split(r"\n\s*\.\s*\n|\n\s*\n", d.get("articleBodyText", "")))
    for path in sorted(glob.glob(os.path.join(data, "reprints", "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            texts.append(d.get("text", "").split(" ### ")[1:])
    for path in sorted(glob.glob(os.path.join(data, "extraction", "*", "gold.jsonl"))):
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            if d.get("text"):
                texts.append(re.split(r"\n+", d["text"]))
    return texts


def dedup(texts):
    """Drops paragraphs sharing a word 8-gram with an earlier kept one, and
    texts that lose much (they are reprints of each other, or boilerplate)."""
    seen = set()
    kept = []
    for paras in texts:
        out = []
        lost = 0
        for p in paras:
            p = norm_para(p)
            toks = [t.lower() for t in WORD.findall(p)]
            if len(toks) < 6:
                continue
            grams = {hash(tuple(toks[i:i + 8])) for i in range(max(1, len(toks) - 7))}
            if grams & seen:
                lost += 1
                continue
            seen |= grams
            out.append(p)
        total = sum(words(p) for p in out)
        if len(out) >= 3 and total >= 150 and lost <= len(out) // 4:
            kept.append(out)
    return kept


class Gen:
    def __init__(self, n, seed, data):
        self.rng = random.Random(seed)
        real = dedup(load_texts(data))
        self.rng.shuffle(real)
        self.real = real
        self.n_real = len(real)
        # Phrase pool for synthetic text: 3-4-word pieces of real paragraphs.
        chunks = []
        for paras in real:
            for p in paras:
                ws = p.split()
                i = 0
                while i < len(ws):
                    k = self.rng.choice((3, 4))
                    chunks.append(ws[i:i + k])
                    i += k
        self.chunks = chunks
        self.vocab = [w for c in chunks[:200000] for w in c if w.isalpha() and len(w) > 3]
        self.n = n
        self.n_sites = max(20, n // 50)
        self.sites = []
        shared_templates = [self.synth_para(30, 45) for _ in range(3)]
        for s in range(self.n_sites):
            name = "site%05d.example" % s
            r = self.rng.random()
            if r < 0.45:
                furn = "%s: %s" % (name, self.synth_para(35, 70))  # own blurb
            elif r < 0.65:
                furn = self.rng.choice(shared_templates)  # cookie notice shared by many sites
            else:
                furn = None
            pos = self.rng.choice(("top", "bottom"))
            self.sites.append((name, furn, pos))
        self.uid = 0
        self.counter = 0
        self.quote_id = 0

    # -- text ---------------------------------------------------------------
    def synth_para(self, lo, hi):
        target = self.rng.randint(lo, hi)
        ws = []
        while len(ws) < target:
            ws.extend(self.rng.choice(self.chunks))
        ws = ws[:target]
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        s = " ".join(ws).rstrip(",;:")
        if not s.endswith((".", "?", "!")):
            s += "."
        return s

    def title(self):
        return self.synth_para(6, 10).rstrip(".?!")

    def fresh(self, allow_real=True):
        """A new article: list of (paragraph, tag); tag (uid, i) is its provenance."""
        self.uid += 1
        uid = self.uid
        p_real = self.n_real / max(1.0, 0.8 * self.n)
        if allow_real and self.real and self.rng.random() < p_real:
            paras = self.real.pop()
        else:
            paras = [self.synth_para(25, 110) for _ in range(self.rng.randint(4, 14))]
        return [(p, ("p", uid, i)) for i, p in enumerate(paras)]

    def edit_words(self, para, rate):
        ws = para.split()
        for i in range(len(ws)):
            if self.rng.random() < rate:
                ws[i] = self.rng.choice(self.vocab)
        return " ".join(ws)

    # -- transformations ------------------------------------------------------
    def copy_of(self, src):
        body = list(src)
        ops = self.rng.sample(["whole", "cut", "insert", "reorder", "edit"], self.rng.randint(1, 3))
        if "cut" in ops and len(body) > 3:
            keep = max(2, int(len(body) * self.rng.uniform(0.4, 0.85)))
            if self.rng.random() < 0.5:
                body = body[:keep]  # truncated
            else:
                idx = sorted(self.rng.sample(range(len(body)), keep))
                body = [body[i] for i in idx]
        if "insert" in ops:
            for _ in range(self.rng.randint(1, 3)):
                self.uid += 1
                body.insert(self.rng.randint(0, len(body)), (self.synth_para(20, 80), ("p", self.uid, 0)))
        if "reorder" in ops and len(body) > 2:
            for _ in range(self.rng.randint(1, 2)):
                p = body.pop(self.rng.randrange(len(body)))
                body.insert(self.rng.randint(0, len(body)), p)
        if "edit" in ops:
            body = [(self.edit_words(p, 0.02), t) if t[0] == "p" else (p, t) for p, t in body]
        return body, ops

    def excerpt_of(self, src, host):
        """1-3 consecutive paragraphs of src (>= 50 words) inside host."""
        content = [x for x in src if x[1][0] == "p"]
        for _ in range(10):
            k = self.rng.randint(1, 3)
            if len(content) < k:
                continue
            i = self.rng.randrange(len(content) - k + 1)
            part = content[i:i + k]
            if 50 <= sum(words(p) for p, _ in part) <= 400:
                at = self.rng.randint(1, max(1, len(host) - 1))
                return host[:at] + part + host[at:]
        return None

    # -- pages ----------------------------------------------------------------
    def page(self, body, site, day):
        name, furn, pos = self.sites[site]
        paras = [(self.title(), ("title",))]
        if furn and pos == "top":
            paras.append((furn, ("furn", site)))
        paras += body
        if furn and pos == "bottom":
            paras.append((furn, ("furn", site)))
        self.counter += 1
        pid = "g%07d" % self.counter
        text = ""
        spans = []
        for p, tag in paras:
            if text:
                text += "\n\n"
            spans.append((len(text), len(text) + len(p), tag, words(p)))
            text += p
        page = {"id": pid, "site": name, "text": text,
                "published": "2020-%02d-%02d" % (1 + day // 28 % 12, 1 + day % 28)}
        return page, spans

    def unit(self):
        """One generation unit: pages and their provenance."""
        r = self.rng.random()
        site = self.rng.randrange(self.n_sites)
        day = self.rng.randrange(300)
        if r < 0.09:  # a family: source, copies, maybe excerpt hosts
            src = self.fresh()
            out = [self.page(src, site, day)]
            kinds = ["source"]
            for _ in range(self.rng.choice((1, 1, 2, 2, 3, 4, 6))):
                body, ops = self.copy_of(src)
                s2 = site if self.rng.random() < 0.1 else self.rng.randrange(self.n_sites)
                out.append(self.page(body, s2, day + self.rng.randint(0, 3)))
                kinds.append("copy:" + "+".join(ops))
            for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
                host = self.excerpt_of(src, self.fresh())
                if host:
                    out.append(self.page(host, self.rng.randrange(self.n_sites), day + self.rng.randint(0, 5)))
                    kinds.append("excerpt")
            return out, kinds
        if r < 0.11:  # unrelated articles sharing a short quote
            self.quote_id += 1
            q = self.synth_para(12, 30)
            q = '"%s" said %s.' % (q.rstrip("."), self.rng.choice(self.vocab))
            out = []
            for _ in range(self.rng.randint(2, 4)):
                body = self.fresh()
                at = self.rng.randint(1, len(body))
                body.insert(at, (q, ("quote", self.quote_id)))
                out.append(self.page(body, self.rng.randrange(self.n_sites), day))
            return out, ["quote"] * len(out)
        return [self.page(self.fresh(), site, day)], ["single"]


def truth_pairs(unit_pages):
    """Pairs of one unit sharing provenance tags, with their spans."""
    by_tag = {}
    for k, (page, spans) in enumerate(unit_pages):
        for s, e, tag, w in spans:
            by_tag.setdefault(tag, []).append((k, s, e, w))
    pairs = {}
    quotes = {}
    for tag, hits in by_tag.items():
        if tag[0] not in ("p", "quote") or len(hits) < 2:
            continue
        for i in range(len(hits)):
            for j in range(i + 1, len(hits)):
                x, y = hits[i], hits[j]
                if x[0] == y[0]:
                    continue
                if x[0] > y[0]:
                    x, y = y, x
                if tag[0] == "quote":
                    quotes[(x[0], y[0])] = x[3]
                    continue
                d = pairs.setdefault((x[0], y[0]), {"words": 0, "a": [], "b": []})
                d["words"] += min(x[3], y[3])
                d["a"].append([x[1], x[2]])
                d["b"].append([y[1], y[2]])
    return pairs, quotes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    g = Gen(args.n, args.seed, args.data)
    pages_f = open(os.path.join(args.out, "pages.jsonl"), "w", encoding="utf-8")
    pairs_f = open(os.path.join(args.out, "truth-pairs.jsonl"), "w", encoding="utf-8")
    quotes_f = open(os.path.join(args.out, "truth-quotes.jsonl"), "w", encoding="utf-8")
    stats = {"pages": 0, "real_texts": g.n_real, "sites": g.n_sites, "reuse_pairs": 0,
             "borderline_pairs": 0, "quote_pairs": 0, "kinds": {}}
    buffer = []  # shuffle buffer: copies are not always next to their source
    emitted = 0

    def emit(page):
        pages_f.write(json.dumps(page, ensure_ascii=False) + "\n")

    while emitted < args.n:
        unit, kinds = g.unit()
        unit = unit[: args.n - emitted]
        emitted += len(unit)
        for k in kinds[: len(unit)]:
            stats["kinds"][k.split(":")[0]] = stats["kinds"].get(k.split(":")[0], 0) + 1
        pairs, quotes = truth_pairs(unit)
        for (i, j), d in sorted(pairs.items()):
            kind = "reuse" if d["words"] >= 50 else "borderline" if d["words"] >= 35 else None
            if kind is None:
                continue
            stats[kind + "_pairs"] += 1
            pairs_f.write(json.dumps({"a": unit[i][0]["id"], "b": unit[j][0]["id"], "words": d["words"],
                                      "kind": kind, "a_spans": d["a"], "b_spans": d["b"]}) + "\n")
        for (i, j), w in sorted(quotes.items()):
            if (i, j) not in pairs:
                stats["quote_pairs"] += 1
                quotes_f.write(json.dumps({"a": unit[i][0]["id"], "b": unit[j][0]["id"], "words": w}) + "\n")
        for page, _ in unit:
            buffer.append(page)
            if len(buffer) > 2000:
                emit(buffer.pop(g.rng.randrange(len(buffer))))
    g.rng.shuffle(buffer)
    for page in buffer:
        emit(page)
    stats["pages"] = emitted
    with open(os.path.join(args.out, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1)
    print(json.dumps(stats), file=sys.stderr)


if __name__ == "__main__":
    main()
