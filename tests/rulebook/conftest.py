"""Fixtures of the rulebook's tests: the bundled rules, the shared source texts, built sites."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from placement_rules.legal.lint import default_shared_dir
from placement_rules.regions import load_all
from placement_rules.rulebook.site import build_pages
from placement_rules.ruleset import RuleSet

SHARED = default_shared_dir()
HAS_SOURCES = (SHARED / "seeds").is_dir()
needs_sources = pytest.mark.skipif(not HAS_SOURCES, reason="shared source texts not present")
ON = dt.date(2025, 9, 1)
VGR_SEED = "seeds/004_f0a4dc14411f756f.txt"


@pytest.fixture(scope="session")
def rule_sets() -> dict[str, RuleSet]:
    return load_all()


@pytest.fixture(scope="session")
def pages_sv(rule_sets: dict[str, RuleSet]) -> dict[str, str]:
    return build_pages(rule_sets, ON, "sv", SHARED)


@pytest.fixture(scope="session")
def pages_en(rule_sets: dict[str, RuleSet]) -> dict[str, str]:
    return build_pages(rule_sets, ON, "en", SHARED)


@pytest.fixture(scope="session")
def site_dir(pages_sv: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from placement_rules.rulebook.site import write_site

    out = tmp_path_factory.mktemp("rulebook")
    write_site(pages_sv, out)
    return out
