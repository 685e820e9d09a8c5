"""The Spark job gives the same pairs and stories as ``reprint ingest``.

On the demo corpus (always), ``../shared/data/reprints`` (when present) and a
generated corpus of a few thousand pages (``bench/matching/gen.py``), the
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


def _r(x):
    return round(float(x) * 1000) / 1000


def _flip_passages(passages):
    return [dict(p, a=p["b"], b=p["a"]) for p in passages]


def norm_cli_pair(p):
    """A CLI pair with the smaller id as side A (the store orders by key)."""
    a, b, sa, sb, ps = p["a"], p["b"], p["shared_a"], p["shared_b"], p["passages"]
    if b < a:
        a, b, sa, sb, ps = b, a, sb, sa, _flip_passages(ps)
    return (a, b), (p["kind"], _r(sa), _r(sb), p["words"], json.dumps(ps, sort_keys=True))


def norm_spark_pair(row):
    d = json.loads(row["pair"])
    return (row["a"], row["b"]), (
        row["kind"],
        _r(row["shared_a"]),
        _r(row["shared_b"]),
        row["words"],
        json.dumps(d["passages"], sort_keys=True),
    )


def members_of(story):
    ids = {c["article"]["id"] for c in story["copies"]}
    art = story["origin"].get("article")
    if art:
        ids.add(art["id"])
    return tuple(sorted(ids))


def without_id(story):
    s = dict(story)
    s.pop("id", None)
    return s


def compare(inputs, tmp: Path, spark):
    import pyarrow.parquet as pq

    from reprint.spark import run

    cli_pairs, cli_stories = cli_exports(inputs, tmp)
    out = tmp / "spark-out"
    summary = run(spark, [str(p) for p in inputs], str(out), log=lambda m: None)
    rows = pq.read_table(out / "pairs").to_pylist()
    spark_pairs = dict(norm_spark_pair(r) for r in rows)
    want_pairs = dict(norm_cli_pair(p) for p in cli_pairs)
    assert set(spark_pairs) == set(want_pairs), (
        f"pairs only in Spark: {sorted(set(spark_pairs) - set(want_pairs))[:5]}; "
        f"only in the CLI: {sorted(set(want_pairs) - set(spark_pairs))[:5]}"
    )
    differ = [k for k in want_pairs if spark_pairs[k] != want_pairs[k]]
    assert not differ, f"{len(differ)} pairs differ, e.g. {differ[0]}: {spark_pairs[differ[0]]} vs {want_pairs[differ[0]]}"

    srows = pq.read_table(out / "stories").to_pylist()
    errors = [r["error"] for r in srows if r["error"]]
    assert not errors, errors[:3]
    spark_stories = {}
    for r in srows:
        s = json.loads(r["json"])
        spark_stories[members_of(s)] = without_id(s)
    want_stories = {members_of(s): without_id(s) for s in cli_stories}
    assert set(spark_stories) == set(want_stories), (
        f"stories only in Spark: {sorted(set(spark_stories) - set(want_stories))[:3]}; "
        f"only in the CLI: {sorted(set(want_stories) - set(spark_stories))[:3]}"
    )
    differ = [k for k in want_stories if spark_stories[k] != want_stories[k]]
    assert not differ, (
        f"{len(differ)} of {len(want_stories)} stories differ, e.g. {differ[0]}:\n"
        f"spark {json.dumps(spark_stories[differ[0]])[:1500]}\ncli   {json.dumps(want_stories[differ[0]])[:1500]}"
    )
    return summary, len(want_pairs), len(want_stories)


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
