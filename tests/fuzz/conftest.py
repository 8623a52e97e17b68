"""The fuzz run: long hypothesis runs and heavy inputs, kept out of the default test run.

Run it with `.venv/bin/pytest -m fuzz tests/fuzz --hypothesis-show-statistics`; the number of
examples each property tries is CLAIMS_FUZZ_EXAMPLES (default 2000). Any other run deselects
these tests, whatever -m expression it uses, unless that expression names `fuzz`.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: long hypothesis runs and heavy inputs (-m fuzz)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    fuzz = [item for item in items if item.get_closest_marker("fuzz")]
    if fuzz:
        config.hook.pytest_deselected(items=fuzz)
        items[:] = [item for item in items if not item.get_closest_marker("fuzz")]
