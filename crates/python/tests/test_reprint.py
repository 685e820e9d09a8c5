"""pytest tests of the reprint Python package, on the repository's demo
corpus only (examples/corpus), so they run on a fresh clone.

Run (see README): maturin build the wheel, pip install it, then
``pytest crates/python/tests``.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

import reprint

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "examples" / "corpus"
SPUTNIK = CORPUS / "globalresearch-sputnik-belgium.txt"
WIRE = CORPUS / "wire-reprints.jsonl"


def wire_lines():
    return [json.loads(line) for line in WIRE.read_text().splitlines() if line.strip()]


def test_extract_reads_the_seed_page_provenance():
    art = reprint.extract(SPUTNIK.read_text(), name="seed")
    a = art["article"]
    assert art["id"] == "seed"
    assert "Belgium" in a["title"]["value"]
    assert len(a["paragraphs"]) >= 5
    assert any("Sputnik" in d["outlet"] for d in a["declared_sources"])


def test_extract_sends_the_clis_article_bytes(cli_binary):
    """Python's article is the wire shape `reprint extract --jsonl` sends
    (reprint_app's ArticleView), byte for byte, not the store's record."""
    if cli_binary is None:
        if os.environ.get("REPRINT_REQUIRE_ALL_TESTS") == "1":
            pytest.fail("no reprint binary built in this checkout (cargo build --release -p reprint-cli)")
        pytest.skip("no reprint binary built in this checkout to compare with")
    line = subprocess.run(
        [cli_binary, "extract", "--jsonl", str(SPUTNIK)], check=True, capture_output=True
    ).stdout.decode().strip()
    py = reprint._reprint.extract(SPUTNIK.read_text(), None, "seed", None, None)
    # Both are JSON objects with sorted keys, "article" first.
    cli_article = line[: line.index(',"author":')]
    py_article = py[: py.index(',"id":')]
    assert cli_article.startswith('{"article":{')
    assert py_article == cli_article


def test_a_page_without_an_article_raises_naming_the_page():
    with pytest.raises(reprint.NoArticleError) as err:
        reprint.extract("<html><body><nav>Home</nav></body></html>", name="empty.html")
    assert "empty.html" in str(err.value)
    assert "no article" in str(err.value)


def test_extract_many_keeps_going_past_a_bad_page_and_checks_lengths():
    out = reprint.extract_many(["<html><body></body></html>", SPUTNIK.read_text()], names=["bad", "good"])
    assert isinstance(out[0], reprint.NoArticleError) and "bad" in str(out[0])
    assert out[1]["id"] == "good"
    with pytest.raises(ValueError, match="equal lengths"):
        reprint._reprint.extract_many(["a"], [], [])


def test_read_pages_reads_jsonl_bytes_with_their_ids():
    pages = list(reprint.read_pages(WIRE))
    assert len(pages) == len(wire_lines())
    assert [p[0] for p in pages] == [line["id"] for line in wire_lines()]


def test_a_wire_copy_is_found_by_compare_and_fingerprints():
    lines = wire_lines()
    texts = {line["id"]: line["text"].replace(" ### ", "\n\n") for line in lines}
    fps = dict(zip(texts, reprint.fingerprints(list(texts.values()))))
    # Some two articles of the corpus share fingerprints and align as reuse.
    ids = list(texts)
    found = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if len(set(fps[a]) & set(fps[b])) >= 2:
                found.append((a, b))
    assert found
    verdicts = reprint.compare([(texts[a], texts[b]) for a, b in found])
    assert any(v is not None and v["kind"] == "copy" for v in verdicts)
    assert all(fp < 2**64 for fp in fps[ids[0]])


def test_store_ingest_gives_the_clis_bytes(tmp_path, cli_binary):
    store = reprint.Store(tmp_path / "py.db")
    summary = store.ingest([CORPUS])
    assert summary["added"] == 27 and summary["failures"] == []
    stories = store.stories()
    assert stories and all("schema_version" in s or "version" in s or "origin" in s for s in stories)
    binary = cli_binary
    if binary is None:
        if os.environ.get("REPRINT_REQUIRE_ALL_TESTS") == "1":
            pytest.fail("no reprint binary built in this checkout (cargo build --release -p reprint-cli)")
        pytest.skip("no reprint binary built in this checkout to compare with")
    db = tmp_path / "cli.db"
    subprocess.run([binary, "--db", str(db), "ingest", str(CORPUS)], check=True, capture_output=True)
    for what in ("stories", "pairs", "articles"):
        cli = subprocess.run(
            [binary, "--db", str(db), "export", "--what", what, "--format", "jsonl"],
            check=True,
            capture_output=True,
        ).stdout.decode()
        assert store.export(what) == cli, what


def test_trace_names_the_story_a_copy_would_join(tmp_path):
    store = reprint.Store(tmp_path / "t.db")
    store.ingest([WIRE])
    pairs = store.pairs()
    assert pairs
    copy_id = pairs[0]["a"]
    text = next(line["text"] for line in wire_lines() if line["id"] == copy_id).replace(" ### ", "\n\n")
    traced = store.trace(text, name="probe")
    assert traced["matches"], traced
    assert traced["story"] is not None


def test_a_file_that_is_not_a_store_raises_oserror_naming_it(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(OSError) as err:
        reprint.Store(bad)
    assert "notes.db" in str(err.value)
    assert bad.read_text().startswith("these are my notes")


def test_bad_export_arguments_raise_value_error(tmp_path):
    store = reprint.Store(tmp_path / "e.db")
    with pytest.raises(ValueError, match="unknown what"):
        store.export("everything")


pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")


def test_arrow_batches_extract_fingerprint_and_compare():
    from reprint import arrow

    lines = wire_lines()[:8]
    batch = pa.RecordBatch.from_pydict(
        {
            "id": [line["id"] for line in lines] + ["empty"],
            "body": [line["text"].replace(" ### ", "\n\n") for line in lines] + ["<html></html>"],
        }
    )
    arts = arrow.extract_batch(batch)
    assert arts.schema == arrow.ARTICLE_SCHEMA
    assert arts.num_rows == 9
    assert arts.column("error").to_pylist()[-1] is not None
    ok = arts.filter(pc.is_null(arts.column("error")))
    posts = arrow.fingerprint_batch(ok)
    assert posts.schema == arrow.POSTING_SCHEMA and posts.num_rows > 0
    texts = ok.column("text").to_pylist()
    ids = ok.column("id").to_pylist()
    cand = pa.RecordBatch.from_pydict(
        {
            "a": [ids[i] for i in range(len(ids)) for j in range(i + 1, len(ids))],
            "b": [ids[j] for i in range(len(ids)) for j in range(i + 1, len(ids))],
            "a_text": [texts[i] for i in range(len(ids)) for j in range(i + 1, len(ids))],
            "b_text": [texts[j] for i in range(len(ids)) for j in range(i + 1, len(ids))],
        }
    )
    pairs = arrow.compare_batch(cand)
    assert pairs.schema == arrow.PAIR_SCHEMA
    # The same verdicts as the list function.
    direct = reprint.compare(list(zip(cand.column("a_text").to_pylist(), cand.column("b_text").to_pylist())))
    assert pairs.num_rows == sum(v is not None for v in direct)
    for p in json.loads(pairs.column("passages").to_pylist()[0]) if pairs.num_rows else []:
        assert p["a"]["end"] > p["a"]["start"]
