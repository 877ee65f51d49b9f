"""pytest plugin (entry point ``pytest11``): runs scenario files and offers loaded agreements.

Installing placement-rules gives any project:

- collection of ``*.scenario.yaml`` files in the folders pytest is pointed at, each run as a test
  against the bundled rule files (or ``--placement-rules-dir DIR``);
- the fixture ``placement_rule_sets``: every loaded rule set, keyed by region id.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .errors import PlacementRulesError
from .ruleset import RuleSet, load_all
from .scenarios import check_scenario, load_scenario

_CACHE: dict[str, dict[str, RuleSet]] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("placement-rules")
    group.addoption("--placement-rules-dir", default=None,
                    help="folder of rule files for scenarios (default: the bundled rules)")


def _rule_sets(config: pytest.Config) -> dict[str, RuleSet]:
    folder = config.getoption("--placement-rules-dir")
    key = str(folder)
    if key not in _CACHE:
        _CACHE[key] = load_all(folder)
    return _CACHE[key]


@pytest.fixture(scope="session")
def placement_rule_sets(request: pytest.FixtureRequest) -> dict[str, RuleSet]:
    """Every rule set (national, regions, ...) loaded once per session, keyed by region id."""
    return _rule_sets(request.config)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.name.endswith(".scenario.yaml"):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        yield ScenarioItem.from_parent(self, name=self.path.name.removesuffix(".scenario.yaml"))


class ScenarioFailure(Exception):
    pass


class ScenarioItem(pytest.Item):
    def runtest(self) -> None:
        try:
            scenario = load_scenario(self.path)
            rule_sets = _rule_sets(self.config)
        except PlacementRulesError as exc:
            raise ScenarioFailure(str(exc)) from None
        if scenario.region not in rule_sets:
            raise ScenarioFailure(f"no rule file for region '{scenario.region}'")
        problems = check_scenario(scenario, rule_sets[scenario.region])
        if problems:
            raise ScenarioFailure(f"{scenario.title}:\n  - " + "\n  - ".join(problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.name}"
