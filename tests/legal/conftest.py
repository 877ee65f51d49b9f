"""Fixtures shared by the legal tools' tests: a rules folder of two regions on the national file."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from .test_diff import NATIONAL, REGIONAL, write_yaml


def beta() -> dict[str, Any]:
    """A second region: its own offer rule with a convener, no follow-up rule of its own."""
    data = copy.deepcopy(REGIONAL)
    data["region"] = "beta"
    data["name"] = "Beta-regionens överenskommelse"
    offer = data["rules"][0]
    offer.update(id="beta.offer")
    offer["deadline"] = {"offset": {"weeks": 2}, "anchor": "event_date", "statutory": False}
    offer["convener"] = {"principal": "kommun", "locus": "home_municipality"}
    data["rules"] = [offer]
    return data


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(NATIONAL, folder / "national.yaml")
    write_yaml(folder / "alpha.yaml", REGIONAL)
    write_yaml(folder / "beta.yaml", beta())
    return folder
