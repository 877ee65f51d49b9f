"""Renewal once or each time, and the parties' later decisions (extension, successor) in a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement_rules import evaluate, load_file_rule_set, parse_event
from placement_rules.errors import RuleFileError
from placement_rules.ruleset import RuleSet

from .rulefile_texts import VALID_REGIONAL

ONCE = VALID_REGIONAL.replace("times: each_time", "times: once").replace(
    """    title: Test agreement
""",
    """    title: Test agreement
  - id: test_decision
    kind: decision
    title: Beslut om förlängning
""",
    1,
)
DECISION = """      later_decisions:
        - kind: extension
          until: 2027-12-31
          decided: 2025-11-20
          citation: {source: test_decision, section: "§ 1", quote: förlängs till 2027-12-31}
"""
WITH_DECISION = ONCE.replace("scope:\n", DECISION + "scope:\n", 1)


def rules_of(tmp_path: Path, text: str) -> RuleSet:
    path = tmp_path / "testregion.yaml"
    path.write_text(text, encoding="utf-8")
    return load_file_rule_set(path)


def started(day: str) -> object:
    return parse_event(
        {
            "kind": "placement_started",
            "date": day,
            "birth_date": "2012-05-14",
            "legal_basis": "LVU",
            "placement_form": "familjehem",
            "home_municipality": "Testby",
            "home_region": "testregion",
        }
    )


def test_after_the_one_extension_the_rules_are_not_applied(tmp_path: Path) -> None:
    result = evaluate(rules_of(tmp_path, ONCE), started("2026-01-02"))  # type: ignore[arg-type]
    assert [a.state for a in result.agreements] == ["expired"]
    assert "test.power_of_attorney" not in {o.rule_id for o in result.obligations}
    (reason,) = [n.reason for n in result.not_applied if n.rule_id == "test.power_of_attorney"]
    assert "ended 2025-12-31 after its one extension" in reason
    assert any(
        w.startswith("no agreement of testregion in force on 2026-01-02 is known from the sources")
        for w in result.warnings
    )


def test_an_extension_decision_brings_the_rules_back(tmp_path: Path) -> None:
    result = evaluate(rules_of(tmp_path, WITH_DECISION), started("2026-01-02"))  # type: ignore[arg-type]
    (status,) = result.agreements
    assert (status.state, str(status.term_start), str(status.term_end)) == (
        "in_force_by_decision",
        "2026-01-01",
        "2027-12-31",
    )
    assert status.decision == "test_decision § 1"
    assert "test.power_of_attorney" in {o.rule_id for o in result.obligations}
    assert not any("no agreement of" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("until: 2027-12-31", "until: 2025-06-30", "until", "does not end after 2025-12-31"),
        (
            "source: test_decision, section",
            "source: sol_2025_400, section",
            "source",
            "cites a statute",
        ),
        (
            "kind: extension\n          until: 2027-12-31",
            "kind: successor\n          successor: nowhere",
            "successor",
            "not another agreement",
        ),
    ],
)
def test_a_later_decision_is_checked(
    tmp_path: Path, old: str, new: str, field: str, message: str
) -> None:
    path = tmp_path / "testregion.yaml"
    path.write_text(WITH_DECISION.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=message) as info:
        load_file_rule_set(path)
    assert info.value.location.path.endswith(field)
    assert info.value.location.line is not None


def test_continues_names_another_agreement(tmp_path: Path) -> None:
    text = ONCE.replace("    validity:\n", "    continues: elsewhere\n    validity:\n", 1)
    path = tmp_path / "testregion.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError, match="continues 'elsewhere'"):
        load_file_rule_set(path)


SUCCESSOR = ONCE.replace(
    "scope:\n",
    """      later_decisions:
        - kind: successor
          successor: test_agreement_2026
          citation: {source: test_decision, section: "§ 2", quote: ersätts av överenskommelsen 2026}
  - id: test_agreement_2026
    title: Test agreement 2026
    source: test_agreement
    continues: test2021
    parties:
      - {name: Testregionen, principal: region}
    validity:
      start: 2026-03-01
      citation: {source: test_agreement, section: "1.6"}
scope:
""",
    1,
)


def test_a_successor_that_keeps_the_text_carries_the_rules(tmp_path: Path) -> None:
    assert "id: test2021" in VALID_REGIONAL
    rules = rules_of(tmp_path, SUCCESSOR)
    gap = evaluate(rules, started("2026-02-02"))  # type: ignore[arg-type]
    assert "test.power_of_attorney" not in {o.rule_id for o in gap.obligations}
    later = evaluate(rules, started("2026-03-02"))  # type: ignore[arg-type]
    states = {a.agreement_id: a.state for a in later.agreements}
    assert states == {"test2021": "replaced", "test_agreement_2026": "open_ended"}
    assert "test.power_of_attorney" in {o.rule_id for o in later.obligations}
    assert not later.warnings
