"""Per-article results cached on disk, keyed by the article's bytes and all that shapes results."""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from . import __version__
from .report import write_atomic
from .resources import models_dir
from .types import Article, ArticleResult

SCHEMA = "claims-cache/1"
# Libraries whose version changes what the pipeline extracts.
_LIBRARIES = ("spacy", "quantulum3", "pint", "charset-normalizer")


def default_cache_dir() -> Path:
    """$CLAIMS_CACHE_DIR, else the XDG cache folder (~/.cache/claims)."""
    if os.environ.get("CLAIMS_CACHE_DIR"):
        return Path(os.environ["CLAIMS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claims"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def _model_version(model: str) -> str:
    """The installed version of a pipeline package, found without loading it."""
    for dist in metadata.packages_distributions().get(model, []):
        return f"{dist}=={_version(dist)}"
    return f"{model}==unknown"  # a pipeline on disk: its path is part of the key via `model`


def pipeline_fingerprint(model: str, directory: Path | None = None) -> str:
    """A hash of everything that changes results: project and library versions, the base
    pipeline, every config and rule file in `models/`, and the package's own source."""
    h = hashlib.sha256()
    for part in (SCHEMA, __version__, model, _model_version(model),
                 *(f"{lib}=={_version(lib)}" for lib in _LIBRARIES)):
        h.update(part.encode() + b"\0")
    # the rule files, and the code itself: a fix to the extractor must not be hidden by old results
    package = Path(__file__).resolve().parent
    for root, pattern in ((directory or models_dir(), "*"), (package, "*.py")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


class Cache:
    """One JSON file per article result. Reads never trust an entry they cannot verify."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0

    def _key(self, article: Article) -> str:
        # The path is part of the key: claim ids and stories depend on it.
        text = f"{self.fingerprint}\0{article.path}\0{article.sha256}"
        return hashlib.sha256(text.encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleResult | None:
        """The cached result for this article as read now, or None (missing, corrupt, foreign)."""
        key = self._key(article)
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA or data.get("key") != key:
                raise ValueError("foreign entry")
            cached = ArticleResult.from_dict(data["result"])
            if cached.article.sha256 != article.sha256 or cached.article.path != article.path:
                raise ValueError("entry for another article")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        # what reading decided now (errors, duplicates, text) wins over what was cached; what
        # parsing noted ("parsed in 6 pieces") is kept, so a warm run reports what a cold one did
        article.warnings.extend(w for w in cached.article.warnings if w not in article.warnings)
        return ArticleResult(article, cached.claims, cached.mentions, cached.quotes)

    def put(self, result: ArticleResult) -> None:
        """Store a result; a cache that cannot be written only costs speed."""
        if result.article.errors:
            return  # reading problems are re-examined every run
        key = self._key(result.article)
        path = self._file(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            payload = {"schema": SCHEMA, "key": key, "result": result.to_dict()}
            write_atomic(path, json.dumps(payload, ensure_ascii=False))
        except OSError:
            pass
