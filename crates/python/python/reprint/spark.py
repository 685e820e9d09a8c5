"""reprint as a Spark job: the single-machine pipeline, stage for stage, with
Spark moving the postings and pairs between stages and the Rust core making
every decision.

Stages (each a Spark job named ``reprint: …`` in Spark's UI):

1. **read + extract** (``mapInArrow``): input files (HTML, text, JSONL, WARC,
   gzipped or not; a directory is read recursively) or Parquet tables of
   pages → one row per article with its text and fingerprints, exactly as
   ``reprint ingest`` prepares a page.
2. **common text** (SQL): a fingerprint held by more than ``max_postings``
   articles makes no candidate and counts as no reuse.
3. **furniture** (SQL, then one grouped call per site): a fingerprint that
   three mutually unrelated pages of one site carry is that site's chrome.
   SQL keeps only fingerprints with three carriers on a site; the rule
   itself (``reprint_match::furniture_of_site``) runs per site.
4. **candidates** (SQL): pairs of articles sharing at least
   ``min_shared_fingerprints`` fingerprints that are neither common nor
   furniture of either one's site (a self-join of the postings on the
   fingerprint).
5. **alignment** (``mapInArrow``): each candidate's texts aligned, with the
   common and furniture fingerprints broadcast, as the matcher compares.
6. **stories**: connected components of the copy pairs, by label
   propagation in Spark (no graph package).
7. **trace** (``mapInArrow`` over one row per story): origin, credit
   verdicts, changes and chains: the versioned story JSON
   (``docs/story.schema.json``).

Output (Parquet, under ``out``): ``articles/``, ``pairs/`` (every pair,
copies and partial reuse, with passages) and ``stories/`` (id, size,
members, the story JSON). The pairs and stories are the ones ``reprint
ingest`` finds on the same pages (``spark/tests`` checks it); a story's
``id`` is a stable number derived from its smallest member id, where a store
numbers stories by arrival.

Run locally: ``python -m reprint.spark --master 'local[2]' --out OUT INPUT…``
(or ``spark-submit spark/reprint_job.py …``); load a run into a store for
``reprint serve`` with ``python -m reprint.spark load OUT --db news.db``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Dict, Iterator, List, Optional, Sequence

import pyarrow as pa

from . import _reprint

#: The matcher's caps (the single-machine matcher's defaults).
PARAMS: Dict[str, float] = dict(_reprint.match_params())

#: Extensions ``reprint ingest`` reads (others are skipped in directories).
KNOWN = (".html", ".htm", ".xhtml", ".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".warc")

ARTICLES = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("fetched", pa.string()),
        ("site", pa.string()),
        ("site_key", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("text", pa.string()),
        ("article", pa.string()),
        ("words", pa.int64()),
        ("fingerprints", pa.list_(pa.int64())),
        ("error", pa.string()),
    ]
)

PAIRS = pa.schema(
    [
        ("a", pa.string()),
        ("b", pa.string()),
        ("kind", pa.string()),
        ("shared_a", pa.float32()),
        ("shared_b", pa.float32()),
        ("words", pa.int64()),
        ("pair", pa.string()),  # the whole pair, JSON (passages with offsets)
    ]
)

STORIES = pa.schema(
    [
        ("story", pa.string()),  # the component's smallest member id
        ("id", pa.int64()),
        ("size", pa.int64()),
        ("json", pa.string()),
        ("error", pa.string()),
    ]
)


def ddl(schema: pa.Schema) -> str:
    """A pyarrow schema as Spark DDL (the types used here only)."""
    names = {
        pa.string(): "string",
        pa.int64(): "bigint",
        pa.float32(): "float",
        pa.list_(pa.int64()): "array<bigint>",
    }
    return ", ".join(f"`{f.name}` {names[f.type]}" for f in schema)


def known_input(path: str) -> bool:
    """Whether ``reprint ingest`` reads a file met in a directory: not hidden,
    of a known kind (``.gz`` of one too)."""
    name = os.path.basename(path).lower()
    if name.startswith("."):
        return False
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(KNOWN)


def local_name(path: str) -> str:
    """A file's name as ``reprint ingest`` names pages read from it: a local
    path without Spark's ``file:`` scheme."""
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


# --- stage functions (run on executors; pure functions of their batches) ---


def _prepare_files(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        paths = batch.column("path").to_pylist()
        contents = batch.column("content").to_pylist()
        for path, content in zip(paths, contents):
            cols = _reprint.prepare_file(content, local_name(path))
            yield pa.RecordBatch.from_pydict(cols, schema=ARTICLES)


def _prepare_lines(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        lines = batch.column("line").to_pylist()
        names = [local_name(f) for f in batch.column("file").to_pylist()]
        cols = _reprint.prepare_lines(lines, names)
        yield pa.RecordBatch.from_pydict(cols, schema=ARTICLES)


def _prepare_rows(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        names = batch.schema.names

        def col(*options):
            for name in options:
                if name in names:
                    return [None if v is None else str(v) for v in batch.column(name).to_pylist()]
            return None

        bodies = col("html", "body", "text", "content") or [None] * batch.num_rows
        ids = col("id") or [None] * batch.num_rows
        urls = col("url") or [None] * batch.num_rows
        cols = _reprint.prepare_pages(
            ids,
            urls,
            bodies,
            col("fetched", "scrape_time", "fetch_time"),
            col("site", "publisher"),
            col("published", "date"),
            col("author", "byline"),
        )
        yield pa.RecordBatch.from_pydict(cols, schema=ARTICLES)


def _furniture(table: pa.Table) -> pa.Table:
    site = table.column("site_key")[0].as_py() if table.num_rows else None
    fps = _reprint.furniture_of_site(table.column("fingerprints").to_pylist())
    return pa.table({"site_key": [site] * len(fps), "fp": fps}, schema=pa.schema([("site_key", pa.string()), ("fp", pa.int64())]))


def _aligner(common: Sequence[int], furniture: Sequence[tuple]):
    return _reprint.Aligner(list(common), [f for f, _ in furniture], [s for _, s in furniture])


def _align(aligner_source):
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        aligner = aligner_source()
        for batch in batches:
            c = {name: batch.column(name).to_pylist() for name in batch.schema.names}
            out = aligner.align(c["a"], c["a_text"], c["a_site"], c["b"], c["b_text"], c["b_site"])
            rows = {name: [] for name in PAIRS.names}
            for pair in out:
                if pair is None:
                    continue
                d = json.loads(pair)
                rows["a"].append(d["a"])
                rows["b"].append(d["b"])
                rows["kind"].append(d["kind"])
                rows["shared_a"].append(d["shared_a"])
                rows["shared_b"].append(d["shared_b"])
                rows["words"].append(d["shared_words"])
                rows["pair"].append(pair)
            yield pa.RecordBatch.from_pydict(rows, schema=PAIRS)

    return run


def _trace(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        stories = batch.column("story").to_pylist()
        ids = batch.column("id").to_pylist()
        members = [
            [(m["id"], m["url"], m["fetched"], m["article"], m["words"]) for m in ms]
            for ms in batch.column("members").to_pylist()
        ]
        links = [[(l["a"], l["b"], l["pair"]) for l in (ls or [])] for ls in batch.column("links").to_pylist()]
        traced = _reprint.trace_stories(ids, members, links)
        yield pa.RecordBatch.from_pydict(
            {
                "story": stories,
                "id": ids,
                "size": [len(m) for m in members],
                "json": [j for j, _ in traced],
                "error": [e for _, e in traced],
            },
            schema=STORIES,
        )


# --- the job ---


def read_articles(spark, inputs: Sequence[str]):
    """Stage 1: every input → one row per page (``ARTICLES``).

    JSONL files are read as lines by Spark's text reader (split across tasks,
    however large the file) and each line is read as ``reprint ingest``
    reads it; other files (HTML, text, WARC) are read whole, one row per
    file, where they lie: Spark packs small files into one task, a large one
    (a WARC) is a task of its own whose pages the core extracts on all the
    task's cores."""
    from pyspark.sql import functions as F

    frames = []
    for path in inputs:
        if path.rstrip("/").endswith(".parquet") or _is_parquet_dir(path):
            pages = spark.read.parquet(path)
            frames.append(pages.mapInArrow(_prepare_rows, ddl(ARTICLES)))
            continue
        files = sorted(f for f in _list_files(spark, path) if known_input(f))
        jsonl = [f for f in files if _is_jsonl(f)]
        whole = [f for f in files if not _is_jsonl(f)]
        if jsonl:
            lines = spark.read.text(jsonl).select(
                F.col("value").alias("line"), F.input_file_name().alias("file")
            )
            frames.append(lines.mapInArrow(_prepare_lines, ddl(ARTICLES)))
        if whole:
            blobs = spark.read.format("binaryFile").load(whole).select("path", "content")
            frames.append(blobs.mapInArrow(_prepare_files, ddl(ARTICLES)))
    if not frames:
        raise ValueError(f"no input of a known kind under {', '.join(inputs)}")
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out


def _list_files(spark, path: str) -> List[str]:
    """Every file under `path` (itself, if a file), recursively, as full
    Hadoop paths: listed by the file system (local, HDFS, S3, GCS alike),
    without reading any file's bytes."""
    sc = spark.sparkContext
    jvm = sc._jvm
    root = jvm.org.apache.hadoop.fs.Path(path)
    fs = root.getFileSystem(sc._jsc.hadoopConfiguration())
    if not fs.exists(root):
        raise FileNotFoundError(f"{path}: no such file or directory")
    prefix = fs.makeQualified(root).toString().rstrip("/")
    found = fs.listFiles(root, True)
    out = []
    while found.hasNext():
        full = found.next().getPath().toString()
        # Hidden entries inside a directory are skipped, as `reprint ingest`
        # skips them (a file named explicitly is read).
        inside = full[len(prefix) :].split("/")[:-1] if full.startswith(prefix) else []
        if not any(part.startswith(".") for part in inside if part):
            out.append(full)
    return out


def _is_jsonl(path: str) -> bool:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith((".jsonl", ".ndjson"))


def _is_parquet_dir(path: str) -> bool:
    local = local_name(path)
    return os.path.isdir(local) and any(n.endswith(".parquet") for n in os.listdir(local))


def run(spark, inputs: Sequence[str], out: str, log=print) -> Dict[str, float]:
    """Runs the whole job; writes ``out/{articles,pairs,stories}`` as Parquet
    and returns counts and stage times."""
    from pyspark.sql import functions as F
    from pyspark.storagelevel import StorageLevel

    sc = spark.sparkContext
    max_postings = int(PARAMS["max_postings"])
    carriers = int(PARAMS["furniture_carriers"])
    min_shared = int(PARAMS["min_shared_fingerprints"])
    times: Dict[str, float] = {}
    started = time.time()

    current = []

    def stage(name):
        now = time.time()
        if current:
            times[current[-1]] = round(now - times[current[-1]], 1)
        current.append(name)
        sc.setJobDescription(f"reprint: {name}")
        log(f"reprint: {name}")
        times[name] = now

    stage("read and extract")
    pages = read_articles(spark, inputs)
    articles_path = os.path.join(out, "articles")
    # Extraction runs once: its rows are kept (memory, else disk) for the
    # articles and the failures written from them.
    pages = pages.persist(StorageLevel.MEMORY_AND_DISK)
    ok = pages.where(F.col("error").isNull())
    dups = ok.groupBy("id").count().where(F.col("count") > 1).limit(1).count()
    if dups:
        # One id read twice: one row is kept, the one with the smallest
        # article JSON (deterministic; `reprint ingest` keeps the last read).
        from pyspark.sql import Window

        first = Window.partitionBy("id").orderBy("article")
        ok = ok.withColumn("_n", F.row_number().over(first)).where(F.col("_n") == 1).drop("_n")
    ok.write.mode("overwrite").parquet(articles_path)
    failures = pages.where(F.col("error").isNotNull()).select("id", "url", "error")
    failures.write.mode("overwrite").parquet(os.path.join(out, "failures"))
    pages.unpersist()
    articles = spark.read.parquet(articles_path)

    stage("postings and common text")
    postings = articles.select("id", "site_key", F.explode("fingerprints").alias("fp"))
    postings = postings.persist(StorageLevel.MEMORY_AND_DISK)
    counts = postings.groupBy("fp").count()
    common = counts.where(F.col("count") > max_postings).select("fp")
    common_list = [r.fp for r in common.collect()]

    stage("furniture")
    sited = postings.where(F.col("site_key").isNotNull()).join(F.broadcast(common), "fp", "left_anti")
    site_fp = sited.groupBy("site_key", "fp").count().where(F.col("count") >= carriers).select("site_key", "fp")
    carrier_pages = sited.join(site_fp, ["site_key", "fp"]).select("site_key", "id").distinct()
    prints = carrier_pages.join(articles.select("id", "fingerprints"), "id")
    furniture = prints.groupBy("site_key").applyInArrow(
        _furniture, "site_key string, fp long"
    ) if hasattr(prints.groupBy("site_key"), "applyInArrow") else prints.groupBy("site_key").applyInPandas(
        lambda pdf: _furniture(pa.Table.from_pandas(pdf)).to_pandas(), "site_key string, fp long"
    )
    furniture_list = [(r.fp, r.site_key) for r in furniture.collect()]

    stage("candidates")
    live = postings.join(F.broadcast(common), "fp", "left_anti")
    fur = spark.createDataFrame(furniture_list, "fp long, site_key string") if furniture_list else None
    x = live.select(F.col("fp"), F.col("id").alias("a"), F.col("site_key").alias("a_site"))
    y = live.select(F.col("fp"), F.col("id").alias("b"), F.col("site_key").alias("b_site"))
    shared = x.join(y, "fp").where(F.col("a") < F.col("b"))
    if fur is not None:
        fa = F.broadcast(fur.select("fp", F.col("site_key").alias("a_site")))
        fb = F.broadcast(fur.select("fp", F.col("site_key").alias("b_site")))
        shared = shared.join(fa, ["fp", "a_site"], "left_anti").join(fb, ["fp", "b_site"], "left_anti")
    candidates = shared.groupBy("a", "b").count().where(F.col("count") >= min_shared).select("a", "b")

    stage("alignment")
    texts = articles.select("id", "text", "site_key")
    cand = (
        candidates.join(texts.select(F.col("id").alias("a"), F.col("text").alias("a_text"), F.col("site_key").alias("a_site")), "a")
        .join(texts.select(F.col("id").alias("b"), F.col("text").alias("b_text"), F.col("site_key").alias("b_site")), "b")
    )
    common_b = sc.broadcast(common_list)
    furniture_b = sc.broadcast(furniture_list)
    pairs = cand.mapInArrow(_align(lambda: _aligner(common_b.value, furniture_b.value)), ddl(PAIRS))
    pairs_path = os.path.join(out, "pairs")
    pairs.write.mode("overwrite").parquet(pairs_path)
    pairs = spark.read.parquet(pairs_path)

    stage("stories")
    copies = pairs.where(F.col("kind") == "copy").select("a", "b")
    labels = components(spark, copies)

    stage("trace")
    members = labels.join(articles.select("id", "url", "fetched", "article", "words"), "id")
    member_lists = members.groupBy("story").agg(
        F.sort_array(F.collect_list(F.struct("id", "url", "fetched", "article", "words"))).alias("members")
    )
    links = (
        pairs.where(F.col("kind") == "copy")
        .join(labels.select(F.col("id").alias("a"), "story"), "a")
        .groupBy("story")
        .agg(F.sort_array(F.collect_list(F.struct("a", "b", "pair"))).alias("links"))
    )
    groups = member_lists.join(links, "story", "left").withColumn(
        "id", F.xxhash64("story").bitwiseAND(F.lit((1 << 53) - 1))
    )
    stories = groups.select("story", "id", "members", "links").mapInArrow(_trace, ddl(STORIES))
    stories.write.mode("overwrite").parquet(os.path.join(out, "stories"))

    stage("summary")
    summary = spark.read.parquet(os.path.join(out, "stories"))
    result = {
        "articles": articles.count(),
        "failures": spark.read.parquet(os.path.join(out, "failures")).count(),
        "pairs": pairs.count(),
        "copies": pairs.where(F.col("kind") == "copy").count(),
        "stories": summary.count(),
        "story_errors": summary.where(F.col("error").isNotNull()).count(),
        "common": len(common_list),
        "furniture": len(furniture_list),
        "seconds": time.time() - started,
    }
    times.pop("summary", None)
    result["stage_seconds"] = times
    result["fingerprints_per_article"] = round(
        articles.select(F.avg(F.size("fingerprints"))).first()[0] or 0.0, 1
    )
    result["stage_metrics"] = stage_metrics(spark)
    postings.unpersist()
    return result


def stage_metrics(spark) -> Dict[str, Dict[str, float]]:
    """Per reprint stage (job description), what Spark's status API says its
    tasks did: shuffle written, input and output bytes, executor run and CPU
    seconds. The figures the 100M-page estimate scales from. Empty when the
    UI is off."""
    import urllib.request

    sc = spark.sparkContext
    if not sc.uiWebUrl:
        return {}
    url = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/stages?status=complete"
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            stages = json.load(r)
    except OSError:
        return {}
    out: Dict[str, Dict[str, float]] = {}
    for st in stages:
        name = (st.get("description") or st.get("name") or "?").replace("reprint: ", "")
        m = out.setdefault(name, {"shuffle_write_mb": 0.0, "input_mb": 0.0, "output_mb": 0.0, "run_s": 0.0, "cpu_s": 0.0})
        m["shuffle_write_mb"] += st.get("shuffleWriteBytes", 0) / 1e6
        m["input_mb"] += st.get("inputBytes", 0) / 1e6
        m["output_mb"] += st.get("outputBytes", 0) / 1e6
        m["run_s"] += st.get("executorRunTime", 0) / 1e3
        m["cpu_s"] += st.get("executorCpuTime", 0) / 1e9
    return {k: {n: round(v, 1) for n, v in m.items()} for k, m in out.items()}


def components(spark, edges):
    """Connected components of an undirected graph given as ``(a, b)`` rows:
    ``(id, story)`` with ``story`` the component's smallest id. Min-label
    propagation, each round checkpointed so lineage stays short; rounds are
    bounded by the largest component's diameter (a story's copies are
    mostly joined to each other directly: a few rounds)."""
    from pyspark.sql import functions as F

    both = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).union(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst"))
    ).localCheckpoint()
    labels = both.groupBy("src").agg(F.least(F.min("dst"), F.first("src")).alias("story")).select(
        F.col("src").alias("id"), "story"
    ).localCheckpoint()
    while True:
        spread = both.join(labels.select(F.col("id").alias("src"), "story"), "src").select(
            F.col("dst").alias("id"), "story"
        )
        new = labels.union(spread).groupBy("id").agg(F.min("story").alias("story")).localCheckpoint()
        changed = new.join(labels.withColumnRenamed("story", "old"), "id").where(F.col("story") != F.col("old")).count()
        labels = new
        if changed == 0:
            return labels


def session(master: Optional[str] = None, app: str = "reprint"):
    """A SparkSession with Arrow on (local runs: ``master='local[2]'``)."""
    from pyspark.sql import SparkSession

    # Local workers run this interpreter (with the wheel), not `python3`.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    b = SparkSession.builder.appName(app)
    if master:
        b = b.master(master)
    if (master or "").startswith("local"):
        # In local mode the executors live in the driver's JVM, whose 1 GB
        # default cannot hold a WARC file's bytes.
        b = b.config("spark.driver.memory", os.environ.get("REPRINT_SPARK_MEMORY", "4g"))
    b = b.config("spark.sql.execution.arrow.pyspark.enabled", "true")
    b = b.config("spark.sql.shuffle.partitions", os.environ.get("REPRINT_SHUFFLE_PARTITIONS", "8"))
    b = b.config("spark.ui.showConsoleProgress", "false")
    return b.getOrCreate()


def load(out: str, db: str, chunk: int = 50_000, log=print) -> Dict[str, int]:
    """Loads a run's ``articles`` into a reprint store for ``reprint serve``
    and the CLI: the articles as extracted (no page is read again), matched
    and traced by the store as ``reprint ingest`` does, which gives the
    run's pairs and stories (the agreement test checks it). This is one
    machine's work (about 25 minutes per million articles on 2 cores): load
    what one store should hold, not a whole crawl."""
    import pyarrow.dataset as ds

    from . import Store

    store = Store(db)
    articles = ds.dataset(os.path.join(local_name(out), "articles"), format="parquet")
    total = {"articles": 0, "pairs_in_db": 0, "stories_in_db": 0}
    for batch in articles.to_batches(columns=["id", "url", "fetched", "article"], batch_size=chunk):
        c = batch.to_pydict()
        summary = store.load_articles(c["id"], c["url"], c["fetched"], c["article"])
        total["articles"] += batch.num_rows
        total["pairs_in_db"] = summary["pairs_in_db"]
        total["stories_in_db"] = summary["stories_in_db"]
        log(f"reprint: loaded {total['articles']} articles into {db}")
    return total


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["load"]:
        lp = argparse.ArgumentParser(prog="reprint.spark load", description="Load a run's output into a reprint store (for reprint serve).")
        lp.add_argument("out", help="the run's output directory")
        lp.add_argument("--db", required=True, help="the store to create or add to")
        a = lp.parse_args(argv[1:])
        print(json.dumps(load(a.out, a.db)))
        return 0
    ap = argparse.ArgumentParser(prog="reprint.spark", description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="files, directories or Parquet tables (any Hadoop path)")
    ap.add_argument("--out", required=True, help="output directory (Parquet: articles, pairs, stories)")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args(argv)
    spark = session(args.master)
    log = (lambda m: print(m, file=sys.stderr)) if args.json else print
    summary = run(spark, args.inputs, args.out, log=log)
    if args.json:
        print(json.dumps(summary))
    else:
        for k, v in summary.items():
            print(f"{k:>14}: {v:.1f}" if isinstance(v, float) else f"{k:>14}: {v}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
