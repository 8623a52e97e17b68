"""Shared fixtures: one real pipeline per test session (loading it takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from claims.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The CLI caches results; tests never touch the user's own cache."""
    import os

    old = os.environ.get("CLAIMS_CACHE_DIR")
    os.environ["CLAIMS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        del os.environ["CLAIMS_CACHE_DIR"]
    else:
        os.environ["CLAIMS_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The claims pipeline on the default base model, as `claims extract` builds it."""
    return load_pipeline()


@pytest.fixture(scope="session")
def corpus_result(nlp):
    """`extract_corpus` over the repository's corpus, computed once."""
    from claims.extract import extract_corpus

    return extract_corpus([CORPUS], nlp)
