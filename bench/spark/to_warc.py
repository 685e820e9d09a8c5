"""Writes JSONL pages as WARC.gz files, the way Common Crawl ships pages: one
gzip member per record, a `response` record per page with an HTTP header and
the HTML, so the Spark job and `reprint ingest` can be compared on WARC input
(issue 17).

    python3 bench/spark/to_warc.py pages.jsonl OUTDIR [--per-file 2000]

A line's `html` is the body when it has one; a line with `text` becomes a
plain HTML page (title, then one <p> per blank-line-separated paragraph), the
text escaped. The target URI is the line's `url`, else
`https://SITE/ID` (SITE from `site`, `publisher` or `example.org`), so each
page keeps a distinct, stable name. `WARC-Date` comes from `fetched` or
`scrape_time` when given.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import uuid
from pathlib import Path
from urllib.parse import quote


def page_html(line: dict) -> str:
    if line.get("html"):
        return line["html"]
    paras = [p.strip() for p in (line.get("text") or "").split("\n\n") if p.strip()]
    title = line.get("title") or (paras[0][:120] if paras else "")
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
    date = line.get("published")
    meta = f'<meta property="article:published_time" content="{html.escape(date)}">' if date else ""
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>{meta}</head>"
        f"<body><article>\n{body}</article></body></html>"
    )


def target(line: dict) -> str:
    if line.get("url"):
        return line["url"]
    site = line.get("site") or line.get("publisher") or "example.org"
    host = site.split("/")[0]
    return f"https://{host}/{quote(str(line.get('id', uuid.uuid4())), safe='')}"


def record(line: dict) -> bytes:
    body = page_html(line).encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    date = line.get("fetched") or line.get("scrape_time") or "2019-05-31T12:00:00Z"
    # A stable record id (uuid5 of the target), so reruns write the same bytes.
    rid = uuid.uuid5(uuid.NAMESPACE_URL, target(line))
    head = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Target-URI: {target(line)}\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{rid}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode("utf-8")
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)


def convert(pages: Path, out: Path, per_file: int = 2000) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n, f = 0, None
    with open(pages, encoding="utf-8") as src:
        for raw in src:
            if not raw.strip():
                continue
            if n % per_file == 0:
                if f:
                    f.close()
                f = open(out / f"part-{n // per_file:05d}.warc.gz", "wb")
            f.write(record(json.loads(raw)))
            n += 1
    if f:
        f.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages")
    ap.add_argument("out")
    ap.add_argument("--per-file", type=int, default=2000)
    a = ap.parse_args()
    print(convert(Path(a.pages), Path(a.out), a.per_file))


if __name__ == "__main__":
    main()
