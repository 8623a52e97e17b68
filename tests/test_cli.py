"""The CLI through typer's CliRunner: formats, -o, exit codes, errors a user sees."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

runner = CliRunner()


@pytest.fixture(scope="module")
def json_run(nlp):
    result = runner.invoke(app, ["extract", str(CORPUS), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_follows_the_contract(json_run):
    doc = json_run
    assert doc["schema"] == "claims/1"
    assert [a["path"] for a in doc["articles"]] == [
        "operation-spector/doj-release-reworded.txt",
        "operation-spector/texas-border-business.txt",
        "operation-spector/the-stream.txt",
    ]
    assert all(a["errors"] == [] for a in doc["articles"])
    keys = {"id", "article", "start", "end", "text", "sentence", "value", "low", "high",
            "qualifier", "unit", "normalized", "what", "scope", "entities"}
    for claim in doc["claims"]:
        assert keys <= claim.keys()
        assert set(claim["normalized"]) == {"value", "low", "high", "unit"}
        assert claim["qualifier"] in ("exact", "approximately", "more_than", "at_least",
                                      "less_than", "at_most", "range")
    assert len({c["id"] for c in doc["claims"]}) == len(doc["claims"])


def test_every_claim_text_is_the_decoded_text_at_its_offsets(json_run):
    texts = {}
    for claim in json_run["claims"]:
        path = claim["article"]
        if path not in texts:
            texts[path] = (CORPUS / path).read_text(encoding="utf-8")
        assert texts[path][claim["start"] : claim["end"]] == claim["text"]


def test_ids_and_order_are_the_same_on_a_second_run(json_run):
    again = runner.invoke(app, ["extract", str(CORPUS), "--format", "json"])
    assert json.loads(again.stdout) == json_run


def test_jsonl_has_one_typed_record_a_line(json_run):
    result = runner.invoke(app, ["extract", str(CORPUS), "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [r["type"] for r in records]
    assert kinds.count("article") == 3
    assert kinds.count("claim") == len(json_run["claims"])
    assert kinds.count("entity") == len(json_run["entities"])


def test_csv_has_a_row_per_claim(json_run):
    result = runner.invoke(app, ["extract", str(CORPUS), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(json_run["claims"])
    first = rows[0]
    claim = json_run["claims"][0]
    assert (first["id"], first["text"], first["unit"]) == (claim["id"], claim["text"], claim["unit"] or "")


def test_table_names_each_article_and_its_claims():
    result = runner.invoke(app, ["extract", str(CORPUS)])
    assert result.exit_code == 0
    out = result.stdout
    for name in ("doj-release-reworded.txt", "texas-border-business.txt", "the-stream.txt"):
        assert f"operation-spector/{name}" in out
    assert "288 arrests" in out
    assert "about 152 pounds" in out
    assert "\x1b[" not in out  # piped: nothing decorative


def test_output_file_is_written(tmp_path):
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(CORPUS), "--format", "json", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text())["schema"] == "claims/1"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_missing_pipeline_says_how_to_install_it():
    result = runner.invoke(app, ["extract", str(CORPUS), "--model", "xx_no_such_pipeline"])
    assert result.exit_code == 2
    assert "spaCy pipeline 'xx_no_such_pipeline' is not installed" in result.stderr
    assert "pip install" in result.stderr


def test_missing_path_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_a_broken_article_is_reported_and_the_others_still_processed(tmp_path):
    shutil.copy(CORPUS / "operation-spector" / "the-stream.txt", tmp_path / "good.txt")
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    errors = {a["path"]: a["errors"] for a in doc["articles"]}
    assert errors["good.txt"] == []
    assert errors["broken.txt"] == ["broken.txt: binary file"]
    assert {c["article"] for c in doc["claims"]} == {"good.txt"}
    assert "error: broken.txt: binary file" in result.stderr
    assert "1 of 2 articles failed" in result.stderr


def test_help_lists_the_options():
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--output", "--model", "--quiet"):
        assert option in result.stdout


@pytest.mark.slow
def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """Python randomises set order per process; no result may depend on it."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "claims", "extract", str(CORPUS), "-f", "json",
                        "-o", str(out), "--no-cache"], env=env, check=True, timeout=600)
        outputs.append(json.loads(out.read_text()))
    assert outputs[0] == outputs[1]
