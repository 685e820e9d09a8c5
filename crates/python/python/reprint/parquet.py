"""A store written as Parquet in the shape of a Spark run's output
(:mod:`reprint.spark`), so notebooks read a single-machine store and a
distributed run the same way: ``articles/``, ``pairs/``, ``stories/``, one
``part-0.parquet`` each.

The columns are the Spark run's, less those only a run has (``site_key``,
``fingerprints``, ``error``); pairs have their sides ordered by id as a run
orders them, with the export's three-decimal shares.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, Union

import pyarrow as pa
import pyarrow.parquet as pq

ARTICLES = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("fetched", pa.string()),
        ("site", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("text", pa.string()),
        ("article", pa.string()),
        ("words", pa.int64()),
    ]
)


def _write(table: pa.Table, out: Path, name: str) -> None:
    d = out / name
    d.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, d / "part-0.parquet")


def story_members(story: dict) -> list:
    """The input ids of a story's members (its copies and origin article),
    sorted: what names a story across runs whose story ids differ."""
    ids = {c["article"]["id"] for c in story["copies"]}
    if story["origin"].get("article"):
        ids.add(story["origin"]["article"]["id"])
    return sorted(ids)


def oriented(pair: dict):
    """An exported pair (`reprint export --what pairs`) with its sides in id
    order, as a run orders them (a store orders them by key): `(a, b,
    shared_a, shared_b, passages)`."""
    a, b, sa, sb, passages = pair["a"], pair["b"], pair["shared_a"], pair["shared_b"], pair["passages"]
    if b < a:
        return b, a, sb, sa, [dict(x, a=x["b"], b=x["a"]) for x in passages]
    return a, b, sa, sb, passages


def export_store(store, out: Union[str, os.PathLike]) -> Dict[str, int]:
    """Writes ``store`` (a :class:`reprint.Store`) under ``out``; returns the
    row counts."""
    from .spark import PAIRS, STORIES

    out = Path(out)
    rows = {n: [] for n in ARTICLES.names}
    for a in store.articles():
        art = a["article"]
        rows["id"].append(a["id"])
        rows["url"].append(a["url"])
        rows["fetched"].append(a["fetched"])
        rows["site"].append(a["site"])
        rows["title"].append(a["title"])
        rows["published"].append(a["published"])
        rows["text"].append("\n\n".join(art.get("paragraphs") or []))
        rows["article"].append(json.dumps(art, separators=(",", ":")))
        rows["words"].append(a["words"])
    _write(pa.table(rows, schema=ARTICLES), out, "articles")

    pairs = {n: [] for n in PAIRS.names}
    for p in store.pairs(include_partial=True):
        a, b, sa, sb, passages = oriented(p)
        pair = {"kind": p["kind"], "shared_a": sa, "shared_b": sb, "shared_words": p["words"], "passages": passages, "a": a, "b": b}
        for k, v in (("a", a), ("b", b), ("kind", p["kind"]), ("shared_a", sa), ("shared_b", sb), ("words", p["words"])):
            pairs[k].append(v)
        pairs["pair"].append(json.dumps(pair, separators=(",", ":")))
    _write(pa.table(pairs, schema=PAIRS), out, "pairs")

    stories = {n: [] for n in STORIES.names}
    for s in store.stories():
        stories["story"].append(story_members(s)[0])
        stories["id"].append(s["id"])
        stories["size"].append(s["size"])
        stories["json"].append(json.dumps(s, separators=(",", ":")))
        stories["error"].append(None)
    _write(pa.table(stories, schema=STORIES), out, "stories")
    return {"articles": len(rows["id"]), "pairs": len(pairs["a"]), "stories": len(stories["id"])}
