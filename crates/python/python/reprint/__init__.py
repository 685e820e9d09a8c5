"""reprint: trace news text across the web, from Python.

The same Rust core as the ``reprint`` command: a page gives the same article,
a store the same stories, and an export the same bytes.

    >>> import reprint
    >>> art = reprint.extract("<html>...</html>", url="https://example.com/a")
    >>> store = reprint.Store("news.db")
    >>> store.ingest(["pages.jsonl"])
    >>> for story in store.stories(): ...

Bulk work over Arrow record batches (Spark's ``mapInArrow``, pandas, Polars)
is in :mod:`reprint.arrow`.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import _reprint
from ._reprint import FINGERPRINT_SCHEME, __version__

__all__ = [
    "Store",
    "extract",
    "extract_many",
    "read_pages",
    "fingerprints",
    "compare",
    "NoArticleError",
    "FINGERPRINT_SCHEME",
    "__version__",
]


class NoArticleError(ValueError):
    """A page on which extraction found no article. The message names the
    page and the reason."""


def _no_article(err: ValueError) -> NoArticleError:
    return NoArticleError(str(err))


def extract(
    body: str,
    url: Optional[str] = None,
    name: Optional[str] = None,
    fetched: Optional[str] = None,
    site: Optional[str] = None,
) -> Dict[str, Any]:
    """Extracts one page (HTML, or markdown/plain text) into its article.

    Returns ``{"id", "url", "article"}``; ``id`` is the page's name in ids and
    evidence (``name``, else its canonical or given URL). Raises
    :class:`NoArticleError` when the page holds no article.
    """
    try:
        return json.loads(_reprint.extract(body, url, name, fetched, site))
    except ValueError as err:
        raise _no_article(err) from None


def extract_many(
    bodies: Sequence[str],
    urls: Optional[Sequence[Optional[str]]] = None,
    names: Optional[Sequence[Optional[str]]] = None,
) -> List[Union[Dict[str, Any], NoArticleError]]:
    """Extracts many pages in parallel (the GIL is released). Each result is
    the article (as :func:`extract` returns it) or a :class:`NoArticleError`
    saying why there is none; one page's failure never stops the others."""
    n = len(bodies)
    urls = list(urls) if urls is not None else [None] * n
    names = list(names) if names is not None else [None] * n
    out: List[Union[Dict[str, Any], NoArticleError]] = []
    for ok, reason in _reprint.extract_many(list(bodies), urls, names):
        out.append(json.loads(ok) if ok is not None else NoArticleError(reason))
    return out


def read_pages(path_or_bytes: Union[str, os.PathLike, bytes], name: Optional[str] = None) -> Iterator[Tuple[str, Optional[str], Union[Dict[str, Any], NoArticleError]]]:
    """Reads every page of a file's bytes (HTML, text, JSONL or WARC, gzipped or
    not) and yields ``(id, url, article_or_error)``."""
    if isinstance(path_or_bytes, (str, os.PathLike)):
        with open(path_or_bytes, "rb") as f:
            data = f.read()
        name = name or os.fspath(path_or_bytes)
    else:
        data = bytes(path_or_bytes)
        name = name or "bytes"
    for page_id, url, ok, reason in _reprint.read_pages(data, name):
        yield page_id, url, json.loads(ok) if ok is not None else NoArticleError(reason)


def fingerprints(texts: Sequence[str]) -> List[List[int]]:
    """The winnowed fingerprints of each text: sorted, distinct unsigned 64-bit
    values, the same the store's index holds (:data:`FINGERPRINT_SCHEME`)."""
    return _reprint.fingerprints(list(texts))


def compare(pairs: Sequence[Tuple[str, str]]) -> List[Optional[Dict[str, Any]]]:
    """Aligns each pair of texts: the shared passages (character offsets in
    both), the shares and the verdict (``copy`` or ``partial``), or ``None``
    when they share no reuse."""
    return [json.loads(m) if m is not None else None for m in _reprint.compare(list(pairs))]


class Store:
    """A reprint store: one SQLite file, as ``reprint --db PATH`` uses.

    Raises :class:`OSError` (naming the file and the problem) when the file
    cannot be opened or is not a reprint store.
    """

    def __init__(self, path: Union[str, os.PathLike]):
        self._inner = _reprint.Store(os.fspath(path))
        self.path = os.fspath(path)

    def ingest(self, paths: Sequence[Union[str, os.PathLike]], batch: int = 512) -> Dict[str, Any]:
        """Ingests files or directories as ``reprint ingest`` does. Returns the
        summary (counts, and ``failures``: one line per page not read)."""
        return json.loads(self._inner.ingest([os.fspath(p) for p in paths], batch))

    def load_articles(self, ids: Sequence[str], urls: Sequence[Optional[str]], fetched: Sequence[Optional[str]], articles: Sequence[str], batch: int = 512) -> Dict[str, Any]:
        """Stores articles already extracted (``articles[i]``: the article JSON
        of page ``ids[i]``, as a Spark run's ``articles`` table holds it),
        matched and traced as :meth:`ingest` does pages. Returns the summary."""
        return json.loads(self._inner.load_articles(list(ids), list(urls), list(fetched), list(articles), batch))

    def export_parquet(self, out: Union[str, os.PathLike]) -> Dict[str, int]:
        """Writes the store as a Spark run writes its output: ``out/articles``,
        ``out/pairs`` (copies and partial reuse) and ``out/stories`` as Parquet
        with the same columns (:mod:`reprint.spark`'s schemas, less the
        columns only a run has), so notebooks read either the same way. The
        same files as ``reprint export --format parquet -o out``. Returns the
        row counts."""
        return json.loads(self._inner.export_parquet(os.fspath(out)))

    def export(self, what: str = "stories", format: str = "jsonl", include_partial: bool = False) -> str:
        """``reprint export``'s bytes: ``what`` is stories, articles or pairs;
        ``format`` is jsonl or csv."""
        return self._inner.export(what, format, include_partial)

    def _jsonl(self, what: str, include_partial: bool = False) -> List[Dict[str, Any]]:
        return [json.loads(line) for line in self.export(what, "jsonl", include_partial).splitlines() if line]

    def stories(self) -> List[Dict[str, Any]]:
        """Every story, largest first, in the versioned story JSON
        (``docs/story.schema.json``)."""
        return self._jsonl("stories")

    def articles(self) -> List[Dict[str, Any]]:
        """Every stored article, in storing order."""
        return self._jsonl("articles")

    def pairs(self, include_partial: bool = False) -> List[Dict[str, Any]]:
        """Matched pairs (copies; with ``include_partial`` also partial reuse)."""
        return self._jsonl("pairs", include_partial)

    def trace(self, body: str, url: Optional[str] = None, name: Optional[str] = None) -> Dict[str, Any]:
        """Traces a page that is not stored, as ``reprint trace --json``: its
        matches, the story it would join and its credit to that story's
        origin. Nothing is written."""
        try:
            return json.loads(self._inner.trace(body, url, name))
        except ValueError as err:
            raise _no_article(err) from None
