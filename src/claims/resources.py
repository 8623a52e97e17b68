"""Where the rule files and pipeline config in `models/` live, installed or in a checkout."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def models_dir() -> Path:
    """The `models/` folder: shipped inside the wheel as `claims/models`, else the checkout's."""
    packaged = Path(str(resources.files("claims"))) / "models"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"claims: rule files not found (looked in {packaged} and {checkout}); reinstall the package"
    )


def load_json(name: str, directory: Path | None = None) -> Any:
    """Load one JSON rule file from `models/` (or `directory`)."""
    path = (directory or models_dir()) / name
    with path.open(encoding="utf-8") as f:
        return json.load(f)
