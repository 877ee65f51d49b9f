"""pytest plugin (entry point ``pytest11``): runs scenario files and offers loaded agreements.

Installing placement-rules gives any project:

- collection of ``*.scenario.yaml`` (and ``*.scenario.yml``) files in the folders pytest is
  pointed at (its arguments, or ``testpaths``), each run as a test against the rule sets below;
- the ini option ``placement_rules_scenarios``: more files or folders of scenarios, collected
  whenever pytest runs without explicit paths (relative to the ini file)::

      [tool.pytest.ini_options]
      placement_rules_scenarios = ["agreements/scenarios"]

- the fixture ``placement_rule_sets``: every loaded rule set, keyed by region id (loaded once
  per session): the bundled rule files, plus (overriding by region id) the rule files in
  ``--placement-rules-dir DIR`` or the ini option ``placement_rules_dir``, where a downstream
  project keeps its own local routine files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest

from .errors import PlacementRulesError
from .regions import load_all
from .ruleset import RuleSet
from .scenarios import check_scenario, load_scenario

SCENARIO_SUFFIXES = (".scenario.yaml", ".scenario.yml")

_PATHS: Final = "paths"

_RULE_SETS = pytest.StashKey[dict[str, RuleSet]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("placement-rules")
    group.addoption(
        "--placement-rules-dir",
        default=None,
        help="folder of extra rule files for scenarios and the placement_rule_sets "
        "fixture (they override bundled files with the same region id)",
    )
    parser.addini(
        "placement_rules_scenarios",
        type=_PATHS,
        default=[],
        help="files or folders of *.scenario.yaml files to collect when pytest is "
        "run without paths",
    )
    parser.addini(
        "placement_rules_dir",
        type=_PATHS,
        default=[],
        help="folder of extra rule files (like --placement-rules-dir)",
    )


def _covered(path: Path, args: list[Path]) -> bool:
    return any(path == arg or arg in path.parents for arg in args)


def pytest_configure(config: pytest.Config) -> None:
    """Add the ini option's scenario folders to what pytest collects, unless paths were given."""
    wanted: list[Path] = list(config.getini("placement_rules_scenarios"))
    if not wanted or config.args_source == pytest.Config.ArgsSource.ARGS:
        return
    base = config.invocation_params.dir
    current = [(base / arg).resolve() for arg in config.args]
    for path in wanted:
        resolved = path.resolve()
        if not resolved.exists():
            raise pytest.UsageError(f"placement_rules_scenarios: no such file or folder: {path}")
        if not _covered(resolved, current):
            config.args.append(str(resolved))
            current.append(resolved)


def _rules_dir(config: pytest.Config) -> Path | None:
    option = config.getoption("--placement-rules-dir")
    if option is not None:
        return Path(option)
    folders: list[Path] = list(config.getini("placement_rules_dir"))
    if len(folders) > 1:
        raise pytest.UsageError("placement_rules_dir names one folder")
    return folders[0] if folders else None


def _rule_sets(config: pytest.Config) -> dict[str, RuleSet]:
    """The bundled rule sets, overridden and extended by the configured folder (cached)."""
    cached = config.stash.get(_RULE_SETS, None)
    if cached is None:
        cached = dict(load_all())
        folder = _rules_dir(config)
        if folder is not None:
            cached.update(load_all(folder))
        config.stash[_RULE_SETS] = cached
    return cached


@pytest.fixture(scope="session")
def placement_rule_sets(request: pytest.FixtureRequest) -> dict[str, RuleSet]:
    """Every rule set (national, regions, local routines...) loaded once, keyed by region id."""
    return _rule_sets(request.config)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.name.endswith(SCENARIO_SUFFIXES):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        name = self.path.name
        for suffix in SCENARIO_SUFFIXES:
            name = name.removesuffix(suffix)
        yield ScenarioItem.from_parent(self, name=name)


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
