"""The pytest plugin (entry point pytest11): scenario collection, the ini options, the fixture.

Each test runs pytest inside pytest with ``pytester`` in a fresh folder; the plugin is loaded the
way a downstream project gets it, through the installed package's entry point.
"""

from __future__ import annotations

import textwrap

import pytest

pytest_plugins = ["pytester"]

PASSING = """\
region: national
title: Orosanmälan 2025-07-01, beslut om utredning inom fjorton dagar
event:
  kind: report_of_concern
  date: 2025-07-01
  birth_date: 2015-03-02
  home_municipality: Borås
  home_region: vastra_gotaland
expect:
  obligations:
    - rule: national.investigation.decide_whether_to_open.sol2025
      responsible: kommun
      due: 2025-07-15
      why: "SoL (2025:400) 20 kap. 2 §: fjorton dagar från 2025-07-01 = 2025-07-15, en tisdag"
  absent: [national.investigation.decide_whether_to_open.sol2001]
"""

FAILING = PASSING.replace("due: 2025-07-15", "due: 2025-07-16")

LOCAL_RULES = """\
format: 1
kind: local
region: testort
name: Testort (plugin test)
extends: national
sources:
  - {id: testort_routine, kind: decision, title: Lokal rutin}
rules:
  - id: testort.decide.ten_days
    duty: investigation.decide_whether_to_open
    relation: tightens
    title: Beslut inom tio dagar
    action: Beslut om att inleda utredning fattas inom tio dagar.
    trigger: {event: report_of_concern}
    responsible: {principal: kommun, locus: home_municipality}
    deadline: {offset: {days: 10}, anchor: event_date, statutory: false}
    source: {source: testort_routine, section: "1"}
"""

LOCAL_SCENARIO = """\
region: testort
title: Lokal rutin skärper fristen till tio dagar
event: {kind: report_of_concern, date: 2025-07-01, birth_date: 2015-03-02,
        home_municipality: Testort, home_region: vastra_gotaland}
expect:
  obligations:
    - {rule: testort.decide.ten_days, due: 2025-07-11, why: "rutin 1: tio dagar från 2025-07-01"}
  absent: [national.investigation.decide_whether_to_open.sol2025]
"""


def test_scenarios_in_a_named_folder_are_collected_and_run(pytester: pytest.Pytester) -> None:
    pytester.makefile(".scenario.yaml", **{"scenarios/national/report": PASSING})
    result = pytester.runpytest("scenarios", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*report PASSED*"])


def test_yml_suffix_is_collected_too(pytester: pytest.Pytester) -> None:
    pytester.makefile(".scenario.yml", **{"scenarios/report": PASSING})
    pytester.runpytest("scenarios").assert_outcomes(passed=1)


def test_other_yaml_files_are_left_alone(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", **{"scenarios/notes": "just: data\n"})
    result = pytester.runpytest("scenarios")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_failing_scenario_lists_the_differences(pytester: pytest.Pytester) -> None:
    pytester.makefile(".scenario.yaml", **{"scenarios/report": FAILING})
    result = pytester.runpytest("scenarios")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*.due: expected 2025-07-16, got 2025-07-15*"])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_a_malformed_scenario_fails_with_one_message(pytester: pytest.Pytester) -> None:
    pytester.makefile(".scenario.yaml", **{"scenarios/bad": "region: national\ntitle: x\n"})
    result = pytester.runpytest("scenarios")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*event*"])


def test_testpaths_finds_scenarios(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestpaths = agreements\n")
    pytester.makefile(".scenario.yaml", **{"agreements/report": PASSING})
    pytester.runpytest().assert_outcomes(passed=1)


def test_ini_option_adds_a_scenario_folder(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml(
        textwrap.dedent("""\
        [tool.pytest.ini_options]
        testpaths = ["tests"]
        placement_rules_scenarios = ["agreements/scenarios"]
        """)
    )
    pytester.makepyfile(**{"tests/test_one": "def test_one():\n    pass\n"})
    pytester.makefile(".scenario.yaml", **{"agreements/scenarios/report": PASSING})
    pytester.runpytest().assert_outcomes(passed=2)
    # explicit paths win: only what was asked for runs
    pytester.runpytest("tests").assert_outcomes(passed=1)


def test_ini_option_does_not_collect_twice(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestpaths = tests\nplacement_rules_scenarios = tests/scenarios\n")
    pytester.makefile(".scenario.yaml", **{"tests/scenarios/report": PASSING})
    pytester.runpytest().assert_outcomes(passed=1)


def test_ini_option_naming_a_missing_folder_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nplacement_rules_scenarios = nowhere\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*placement_rules_scenarios*nowhere*"])


def test_fixture_holds_every_bundled_rule_set(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        textwrap.dedent("""\
        from placement_rules.ruleset import RuleSet

        def test_rule_sets(placement_rule_sets):
            assert "national" in placement_rule_sets
            assert all(isinstance(r, RuleSet) for r in placement_rule_sets.values())
            assert all(key == r.region for key, r in placement_rule_sets.items())

        def test_same_object_for_the_session(placement_rule_sets, request):
            assert request.getfixturevalue("placement_rule_sets") is placement_rule_sets
        """)
    )
    pytester.runpytest().assert_outcomes(passed=2)


def test_rules_dir_adds_local_routines_to_fixture_and_scenarios(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", **{"rules/testort": LOCAL_RULES})
    pytester.makefile(
        ".scenario.yaml", **{"scenarios/local": LOCAL_SCENARIO, "scenarios/national": PASSING}
    )
    pytester.makepyfile(
        textwrap.dedent("""\
        def test_both(placement_rule_sets):
            assert {"national", "testort"} <= set(placement_rule_sets)
        """)
    )
    pytester.runpytest(
        "--placement-rules-dir",
        "rules",
        "scenarios",
        "test_rules_dir_adds_local_routines_to_fixture_and_scenarios.py",
    ).assert_outcomes(passed=3)
    # the same through the ini option
    pytester.makeini("[pytest]\nplacement_rules_dir = rules\n")
    pytester.runpytest("scenarios").assert_outcomes(passed=2)
    # and without it the local region is unknown
    pytester.makeini("[pytest]\n")
    result = pytester.runpytest("scenarios")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*no rule file for region 'testort'*"])
