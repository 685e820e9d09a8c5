"""Helpers for reading the Parquet tables a Spark run (:mod:`reprint.spark`)
or ``reprint export --format parquet`` writes (``articles/``, ``pairs/``,
``stories/``), and for comparing them with a store's exports.

The tables themselves are written by the Rust core
(``reprint_app::export::parquet``; :meth:`reprint.Store.export_parquet`):
pairs have their sides ordered by id as a run orders them.
"""

from __future__ import annotations


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
