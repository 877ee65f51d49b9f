"""The scenario format's expectations beyond obligations: what a failing one reports."""

from __future__ import annotations

from typing import Any

from placement_rules import load_rule_set
from placement_rules.scenarios import Scenario, check_scenario

AFTER_THE_END: dict[str, Any] = {
    "region": "vastra_gotaland",
    "title": "Orosanmälan 2026-01-01",
    "event": {
        "kind": "report_of_concern",
        "date": "2026-01-01",
        "birth_date": "2013-04-09",
        "home_municipality": "Trollhättan",
        "home_region": "vastra_gotaland",
    },
}


def problems(expect: dict[str, Any]) -> list[str]:
    scenario = Scenario.model_validate({**AFTER_THE_END, "expect": expect})
    return check_scenario(scenario, load_rule_set("vastra_gotaland"))


def test_not_applied_and_warnings_pass_when_met() -> None:
    assert not problems(
        {
            "not_applied": [
                {"rule": "vgr.investigation.open", "reason_contains": "after its one extension"}
            ],
            "warnings_contain": ["no agreement of vastra_gotaland in force on 2026-01-01"],
        }
    )


def test_not_applied_and_warnings_report_each_difference() -> None:
    found = problems(
        {
            "not_applied": [
                {"rule": "vgr.investigation.open", "reason_contains": "out of scope"},
                {"rule": "national.investigation.open.sol2025"},
            ],
            "warnings_contain": ["a warning nobody gives"],
        }
    )
    assert len(found) == 3
    assert "expected a reason with 'out of scope'" in found[0]
    assert found[1] == "national.investigation.open.sol2025 should be listed as not applied"
    assert found[2] == "no warning contains “a warning nobody gives”"
