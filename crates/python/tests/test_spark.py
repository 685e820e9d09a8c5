"""The Spark job gives the same pairs and stories as ``reprint ingest``.

On the demo corpus (always, as files and as WARC.gz), ``../shared/data/reprints``
(when present) and a generated corpus of a few thousand pages (``bench/matching/gen.py``), the
job runs in ``local[2]`` and its Parquet output is compared with the CLI's
exports of a store built from the same inputs:
- every pair, copies and partial reuse, with its kind, shares (to the
  export's three decimals), shared words and passages;
- every story: the same members and the same versioned JSON apart from its
  ``id`` (a store numbers stories by arrival, the job by their smallest
  member id).

Skips, saying why, without pyspark, Java or a built ``reprint`` binary;
``.ci/run`` installs them and makes the test required.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "bench" / "spark"))
from agree import agree  # noqa: E402  (the comparison bench/spark/run.sh uses too)


def _cli():
    for profile in ("release", "debug"):
        path = REPO / "target" / profile / "reprint"
        if path.exists():
            return str(path)
    return shutil.which("reprint")


def _why_not():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install pyspark; .ci/run does)"
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (apt install openjdk-17-jre-headless; .ci/run does)"
    if not _cli():
        return "no reprint binary (cargo build --release -p reprint-cli)"
    return None


REQUIRED = os.environ.get("REPRINT_REQUIRE_ALL_TESTS") == "1"
REASON = _why_not()
if REASON:
    print(f"test_spark: skipped: {REASON}", file=sys.stderr)
# In CI (.ci/run) nothing may be skipped: a missing prerequisite fails.
pytestmark = pytest.mark.skipif(REASON is not None and not REQUIRED, reason=REASON or "")


def need_shared(path: Path):
    if not path.exists():
        if REQUIRED:
            pytest.fail(f"{path} is missing (required in CI)")
        pytest.skip(f"{path} is not present")


@pytest.fixture(scope="module")
def spark():
    from reprint.spark import session

    s = session("local[2]", app="reprint-agreement-test")
    yield s
    s.stop()


def cli_exports(inputs, tmp: Path):
    db = tmp / "cli.db"
    cli = _cli()
    subprocess.run([cli, "--db", str(db), "ingest", *map(str, inputs)], check=True, capture_output=True)

    def export(*args):
        out = subprocess.run([cli, "--db", str(db), "export", *args], check=True, capture_output=True, text=True)
        return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]

    return export("--what", "pairs", "--include-partial"), export("--what", "stories")


def compare(inputs, tmp: Path, spark):
    from reprint.spark import run

    cli_pairs, cli_stories = cli_exports(inputs, tmp)
    out = tmp / "spark-out"
    summary = run(spark, [str(p) for p in inputs], str(out), log=lambda m: None)
    r = agree(out, cli_pairs, cli_stories)
    assert not r["pairs_only_spark"] and not r["pairs_only_cli"], (
        f"pairs only in Spark: {r['pairs_only_spark'][:5]}; only in the CLI: {r['pairs_only_cli'][:5]}"
    )
    assert not r["pairs_differ"], f"{len(r['pairs_differ'])} pairs differ, e.g. {r['pairs_differ'][0]}"
    assert not r["story_errors"], r["story_errors"][:3]
    assert not r["stories_only_spark"] and not r["stories_only_cli"], (
        f"stories only in Spark: {r['stories_only_spark'][:3]}; only in the CLI: {r['stories_only_cli'][:3]}"
    )
    if r["stories_differ"]:
        k = r["stories_differ"][0]
        pytest.fail(
            f"{len(r['stories_differ'])} of {r['stories']} stories differ, e.g. {k}:\n"
            f"spark {json.dumps(r['_got_stories'][k])[:1500]}\ncli   {json.dumps(r['_want_stories'][k])[:1500]}"
        )
    assert r["pairs"] == r["spark_pairs"] and r["stories"] == r["spark_stories"]
    return summary, r["pairs"], r["stories"]


def test_a_run_loads_into_a_store_and_a_store_exports_the_run_shape(spark, tmp_path):
    """`reprint.spark load` gives a store with the run's pairs and stories;
    `Store.export_parquet` writes a store in the run's shape."""
    import pyarrow.parquet as pq

    import reprint
    from reprint.spark import load, run

    corpus = REPO / "examples" / "corpus"
    cli_pairs, cli_stories = cli_exports([corpus], tmp_path)
    out = tmp_path / "run"
    run(spark, [str(corpus)], str(out), log=lambda m: None)
    loaded = load(str(out), str(tmp_path / "loaded.db"), log=lambda m: None)
    assert loaded["articles"] == 27
    store = reprint.Store(tmp_path / "loaded.db")
    r = agree(out, store.pairs(include_partial=True), store.stories())
    assert not any(r[k] for k in ("pairs_only_spark", "pairs_only_cli", "pairs_differ", "stories_only_spark", "stories_only_cli", "stories_differ"))
    assert r["pairs"] == len(cli_pairs) and r["stories"] == len(cli_stories)

    shape = tmp_path / "shape"
    counts = reprint.Store(tmp_path / "loaded.db").export_parquet(shape)
    assert counts == {"articles": 27, "pairs": len(cli_pairs), "stories": len(cli_stories)}
    mine = pq.read_table(shape / "pairs")
    theirs = pq.read_table(out / "pairs")
    assert [(f.name, f.type) for f in mine.schema] == [(f.name, f.type) for f in theirs.schema]
    # The same pairs, row for row: sides, kind, shares (the matcher's f32),
    # words and the whole pair JSON with its passages.
    by_sides = lambda t: {(r["a"], r["b"]): r for r in t.to_pylist()}  # noqa: E731
    mine_rows, their_rows = by_sides(mine), by_sides(theirs)
    assert mine_rows.keys() == their_rows.keys()
    for k, r in mine_rows.items():
        t = their_rows[k]
        assert (r["kind"], r["shared_a"], r["shared_b"], r["words"]) == (t["kind"], t["shared_a"], t["shared_b"], t["words"])
        assert r["pair"] == t["pair"]  # byte for byte
    # The same stories, named by their smallest member, the same JSON but
    # for the id (a store numbers stories by arrival).
    def stories_of(path):
        t = pq.read_table(path / "stories")
        assert [(f.name, f.type) for f in t.schema] == [(f.name, f.type) for f in pq.read_table(out / "stories").schema]
        return {r["story"]: {k: v for k, v in json.loads(r["json"]).items() if k != "id"} for r in t.to_pylist()}

    assert stories_of(shape) == stories_of(out)
    run_articles = {(f.name, f.type) for f in pq.read_table(out / "articles").schema}
    assert {(f.name, f.type) for f in pq.read_table(shape / "articles").schema} <= run_articles


def test_demo_corpus_agrees(spark, tmp_path):
    summary, pairs, stories = compare([REPO / "examples" / "corpus"], tmp_path, spark)
    assert pairs > 0 and stories > 0
    assert summary["articles"] == 27


def test_shared_reprints_agree(spark, tmp_path):
    need_shared(SHARED / "data" / "reprints")
    _, pairs, stories = compare([SHARED / "data" / "reprints"], tmp_path, spark)
    assert pairs > 20 and stories > 5


def test_generated_corpus_agrees(spark, tmp_path):
    need_shared(SHARED / "data")  # the generator's source texts
    gen = tmp_path / "gen"
    n = int(os.environ.get("REPRINT_SPARK_TEST_PAGES", "3000"))
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "matching" / "gen.py"), "--n", str(n), "--seed", "7", "--out", str(gen)],
        check=True,
        capture_output=True,
    )
    _, pairs, stories = compare([gen / "pages.jsonl"], tmp_path, spark)
    assert pairs > 100 and stories > 20


def test_warc_gz_agrees(spark, tmp_path):
    """WARC.gz input as Common Crawl ships it (one gzip member per record,
    several files): the demo corpus's wire pages written as `response`
    records (bench/spark/to_warc.py)."""
    sys.path.insert(0, str(REPO / "bench" / "spark"))
    from to_warc import convert

    warc = tmp_path / "warc"
    n = convert(REPO / "examples" / "corpus" / "wire-reprints.jsonl", warc, per_file=10)
    assert len(list(warc.glob("*.warc.gz"))) == 3
    summary, pairs, stories = compare([warc], tmp_path, spark)
    assert summary["articles"] == n and pairs > 0 and stories > 0
