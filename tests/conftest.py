"""Minimal test-suite configuration: the ``slow`` marker, skipped unless PLACEMENT_RULES_SLOW=1."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: minutes or the network (a real pip install); set PLACEMENT_RULES_SLOW=1"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("PLACEMENT_RULES_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: set PLACEMENT_RULES_SLOW=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
