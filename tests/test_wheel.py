"""The installed wheel works from any directory: its console script runs and finds its rule files."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_console_script_runs_from_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True,
    )
    wheel = next(dist.glob("claims-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for rule_file in ("claims/models/pipeline.cfg", "claims/models/units.json",
                      "claims/models/quantities.json", "claims/models/boilerplate.json",
                      "claims/models/quotes.json", "claims/models/concepts.json"):
        assert rule_file in names
    assert any(n.endswith("entry_points.txt") for n in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
    )
    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_text("Police arrested 42 people and seized 3 kilograms of heroin.\n")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [str(target / "bin" / "claims"), "extract", str(article.parent), "--format", "csv"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "42 people" in done.stdout
    assert "3 kilograms" in done.stdout
    # the script ran the wheel's code, not the checkout's
    probe = subprocess.run(
        [sys.executable, "-c", "import claims.resources as r; print(r.models_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == str(target / "claims" / "models")
