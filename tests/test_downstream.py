"""A throwaway downstream project: what a municipality's or region's own repository gets by
installing placement-rules (scenario collection, the fixture, the strategies, conformance).

The fast test runs the project in a pytest subprocess with this environment's installed package
(the entry point is what loads the plugin there). The slow one installs the package with pip into
a fresh virtual environment first (needs the network; PLACEMENT_RULES_SLOW=1).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .venvs import new_venv_with

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]

PYPROJECT = """\
[project]
name = "testort-rutiner"
version = "0"

[tool.pytest.ini_options]
testpaths = ["tests"]
placement_rules_scenarios = ["scenarios"]
placement_rules_dir = "rules"
"""

LOCAL_RULES = """\
format: 1
kind: local
region: testort
name: Testort - lokal rutin
extends: national
sources:
  - {id: testort_routine, kind: decision, title: Lokal rutin för orosanmälningar}
rules:
  - id: testort.decide.ten_days
    duty: investigation.decide_whether_to_open
    relation: tightens
    title: Beslut om utredning inom tio dagar
    action: Beslut om att inleda eller inte inleda utredning fattas inom tio dagar.
    trigger:
      event: report_of_concern
      when: [{fact: age, op: lt, value: 21}]
    responsible: {principal: kommun, unit: socialnämnden, locus: home_municipality}
    deadline: {offset: {days: 10}, anchor: event_date, statutory: false}
    source: {source: testort_routine, section: "1"}
"""

SCENARIO_LOCAL = """\
region: testort
title: Orosanmälan, lokal frist tio dagar
event: {kind: report_of_concern, date: 2025-07-01, birth_date: 2015-03-02,
        home_municipality: Testort, home_region: vastra_gotaland}
expect:
  obligations:
    - rule: testort.decide.ten_days
      responsible: kommun
      due: 2025-07-11
      why: "Rutin 1: tio dagar från tisdag 2025-07-01 = fredag 2025-07-11"
  absent: [national.investigation.decide_whether_to_open.sol2025]
"""

SCENARIO_NATIONAL = """\
region: national
title: Orosanmälan före lagbytet, fjorton dagar enligt SoL (2001:453)
event: {kind: report_of_concern, date: 2025-06-17, birth_date: 2012-01-01,
        home_municipality: Testort, home_region: vastra_gotaland}
expect:
  obligations:
    - rule: national.investigation.decide_whether_to_open.sol2001
      due: 2025-07-01
      why: "SoL (2001:453) 11 kap. 1 a §: fjorton dagar från 2025-06-17 = 2025-07-01"
"""

TEST_MODULE = """\
import datetime as dt

from hypothesis import given, settings

from placement_rules.evaluation import evaluate
from placement_rules.testing import events


def test_fixture_has_our_routine_and_the_bundle(placement_rule_sets):
    assert {"national", "testort"} <= set(placement_rule_sets)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(event=events(kind="report_of_concern", max_age=20))
def test_our_deadline_is_never_later_than_the_statute(placement_rule_sets, event):
    ours = evaluate(placement_rule_sets["testort"], event)
    law = evaluate(placement_rule_sets["national"], event)
    mine = {o.duty: o.due for o in ours.obligations if o.due}
    for o in law.obligations:
        if o.due and o.duty in mine:
            assert mine[o.duty] <= o.due
"""


def make_project(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for rel, text in {
        "rules/testort.yaml": LOCAL_RULES,
        "scenarios/testort/ten_days.scenario.yaml": SCENARIO_LOCAL,
        "scenarios/national/before_law_change.scenario.yaml": SCENARIO_NATIONAL,
        "tests/test_routine.py": TEST_MODULE,
    }.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_downstream_project_runs_its_scenarios_and_properties(pytester: pytest.Pytester) -> None:
    make_project(pytester.path)
    result = pytester.runpytest_subprocess("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines_random(
        [
            "*ten_days PASSED*",
            "*before_law_change PASSED*",
            "*test_fixture_has_our_routine_and_the_bundle PASSED*",
            "*test_our_deadline_is_never_later_than_the_statute PASSED*",
        ]
    )


def test_downstream_routine_passes_conformance(pytester: pytest.Pytester) -> None:
    make_project(pytester.path)
    result = pytester.run(
        sys.executable,
        "-c",
        "from placement_rules.cli import main; main()",
        "conformance",
        str(pytester.path / "rules" / "testort.yaml"),
    )
    assert result.ret == 0, result.stdout.str() + result.stderr.str()
    result.stdout.fnmatch_lines(["ok *testort.yaml*"])


def test_downstream_broken_scenario_fails_the_run(pytester: pytest.Pytester) -> None:
    make_project(pytester.path)
    path = pytester.path / "scenarios" / "testort" / "ten_days.scenario.yaml"
    path.write_text(SCENARIO_LOCAL.replace("2025-07-11", "2025-07-14"), encoding="utf-8")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*due: expected 2025-07-14, got 2025-07-11*"])


@pytest.mark.slow
def test_fresh_virtualenv_with_pip_install(tmp_path: Path) -> None:
    """pip install placement-rules[test] from this checkout into a new venv, then run pytest."""
    env_dir = tmp_path / "venv"
    python = new_venv_with(env_dir, f"{ROOT}[test]")
    project = tmp_path / "project"
    make_project(project)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PYTHONPATH"))}
    run = subprocess.run(
        [str(python), "-m", "pytest", "-v", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 passed" in run.stdout
    example = subprocess.run(
        [
            str(env_dir / "bin" / "placement-rules"),
            "conformance",
            str(project / "rules" / "testort.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert example.returncode == 0, example.stdout + example.stderr
    bundled = subprocess.run(
        [
            str(python),
            "-c",
            textwrap.dedent("""\
        from placement_rules.regions import load_all
        print(sorted(load_all()))"""),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "national" in bundled.stdout, bundled.stderr


def documented_example() -> str:
    """The Python block under 'Example to copy' in docs/testing-kit.md."""
    text = (ROOT / "docs" / "testing-kit.md").read_text(encoding="utf-8")
    section = text.split("### Example to copy", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.skipif(
    not (ROOT / "rules" / "vastra_gotaland.yaml").exists(),
    reason="the documented example extends rules/vastra_gotaland.yaml",
)
def test_the_documented_example_runs(pytester: pytest.Pytester) -> None:
    make_project(pytester.path)
    example = ROOT / "examples" / "local"
    (pytester.path / "rules" / "boras.yaml").write_text(
        (example / "boras.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for scenario in (example / "scenarios").glob("*.scenario.yaml"):
        (pytester.path / "scenarios" / scenario.name).write_text(
            scenario.read_text(encoding="utf-8"), encoding="utf-8"
        )
    (pytester.path / "tests" / "test_documented.py").write_text(
        documented_example(), encoding="utf-8"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=7)
