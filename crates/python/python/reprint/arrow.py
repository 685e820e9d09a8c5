"""Arrow record-batch functions for bulk work: Spark's ``mapInArrow`` and
``applyInArrow``, pandas (``pa.RecordBatch.from_pandas``) and Polars.

Each takes and returns ``pyarrow.RecordBatch``es with the columns named
below; the work is done by the Rust core on all cores with the GIL
released.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

import pyarrow as pa

from . import _reprint

#: Columns of :func:`extract_batch`'s output.
ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("site", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("text", pa.string()),
        ("article", pa.string()),  # the whole article, JSON
        ("error", pa.string()),  # why the page has no article, else null
    ]
)

#: Columns of :func:`fingerprint_batch`'s output: one row per posting.
POSTING_SCHEMA = pa.schema([("id", pa.string()), ("fp", pa.uint64()), ("count", pa.int32())])

#: Columns of :func:`compare_batch`'s output.
PAIR_SCHEMA = pa.schema(
    [
        ("a", pa.string()),
        ("b", pa.string()),
        ("kind", pa.string()),
        ("shared_a", pa.float32()),
        ("shared_b", pa.float32()),
        ("shared_words", pa.int64()),
        ("passages", pa.string()),  # JSON list of passages with character offsets
    ]
)


def _column(batch: pa.RecordBatch, name: str, default=None) -> list:
    if name in batch.schema.names:
        return batch.column(name).to_pylist()
    return [default] * batch.num_rows


def extract_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Pages → articles. Input columns: ``html`` (or ``body``), optional ``url``
    and ``id``. A page without an article keeps its row with ``error`` set."""
    bodies = _column(batch, "html") if "html" in batch.schema.names else _column(batch, "body")
    if any(b is None for b in bodies):
        bodies = [b or "" for b in bodies]
    urls = _column(batch, "url")
    ids = _column(batch, "id")
    rows = {name: [] for name in ARTICLE_SCHEMA.names}
    results = _reprint.extract_many(bodies, urls, ids)
    for page_id, url, (ok, reason) in zip(ids, urls, results):
        if ok is None:
            for name in ARTICLE_SCHEMA.names:
                rows[name].append(None)
            rows["id"][-1] = page_id
            rows["url"][-1] = url
            rows["error"][-1] = reason
            continue
        record = json.loads(ok)
        art = record["article"]
        rows["id"].append(record["id"])
        rows["url"].append(record.get("url"))
        rows["site"].append((art.get("site") or {}).get("value"))
        rows["title"].append((art.get("title") or {}).get("value"))
        rows["published"].append((art.get("published") or {}).get("value"))
        rows["text"].append("\n\n".join(art.get("paragraphs") or []))
        rows["article"].append(ok)
        rows["error"].append(None)
    return pa.RecordBatch.from_pydict(rows, schema=ARTICLE_SCHEMA)


def fingerprint_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Articles → postings: one row ``(id, fp, count)`` per fingerprint of each
    ``text`` (``count``: the article's number of fingerprints)."""
    ids = _column(batch, "id")
    texts = [t or "" for t in _column(batch, "text")]
    out_id, out_fp, out_count = [], [], []
    for page_id, fps in zip(ids, _reprint.fingerprints(texts)):
        out_id.extend([page_id] * len(fps))
        out_fp.extend(fps)
        out_count.extend([len(fps)] * len(fps))
    return pa.RecordBatch.from_pydict({"id": out_id, "fp": out_fp, "count": out_count}, schema=POSTING_SCHEMA)


def compare_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Candidate pairs → verified pairs. Input columns ``a``, ``b`` (ids),
    ``a_text``, ``b_text``; only pairs that share reuse are returned."""
    a_ids, b_ids = _column(batch, "a"), _column(batch, "b")
    texts = list(zip([t or "" for t in _column(batch, "a_text")], [t or "" for t in _column(batch, "b_text")]))
    rows = {name: [] for name in PAIR_SCHEMA.names}
    for a, b, m in zip(a_ids, b_ids, _reprint.compare(texts)):
        if m is None:
            continue
        d = json.loads(m)
        rows["a"].append(a)
        rows["b"].append(b)
        rows["kind"].append(d["kind"])
        rows["shared_a"].append(d["shared_a"])
        rows["shared_b"].append(d["shared_b"])
        rows["shared_words"].append(d["shared_words"])
        rows["passages"].append(json.dumps(d["passages"]))
    return pa.RecordBatch.from_pydict(rows, schema=PAIR_SCHEMA)


def map_batches(fn, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Applies a batch function over an iterator, as ``mapInArrow`` calls it."""
    for batch in batches:
        yield fn(batch)
