"""A review of a change: verdicts (skärper, lättar, oförändrad verkan) from the deadline,
conditions and parties, against the old version and the national baseline; the scenario tests
whose outcome changes; the review page."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from placement_rules.legal.reports import render
from placement_rules.legal.review import (
    conditions_effect,
    deadline_effect,
    default_scenario_dirs,
    period_effect,
    review,
    rule_verdict,
)
from placement_rules.legal.revisions import load_side
from placement_rules.models import Condition, Deadline, Period, Rule
from placement_rules.scenarios import load_scenario

from .test_diff import REGIONAL, write_yaml

ROOT = Path(__file__).resolve().parents[2]
VGR = ROOT / "rules" / "vastra_gotaland.yaml"
FOUR_WEEKS = (
    "deadline: {offset: {weeks: 4}, anchor: event_date, vague: skyndsamt, statutory: false}"
)
OFFER = "vgr.health_examination.offer_within_four_weeks"


def period(**units: int) -> Period:
    return Period.model_validate(units)


def deadline(**fields: Any) -> Deadline:
    return Deadline.model_validate({"statutory": False, **fields})


def cond(fact: str, op: str, value: Any) -> Condition:
    return Condition.model_validate({"fact": fact, "op": op, "value": value})


def test_periods_compare_only_when_surely_shorter_or_longer() -> None:
    assert period_effect(period(weeks=4), period(weeks=6)) == 1
    assert period_effect(period(weeks=6), period(days=42)) == 0
    assert period_effect(period(months=1), period(days=21)) == -1  # 21 days < any month
    assert period_effect(period(months=1), period(days=30)) is None  # February or March?
    assert period_effect(period(months=2), period(months=6)) == 1
    assert period_effect(period(months=1, days=5), period(months=2)) == 1  # 56 days > 36
    assert period_effect(period(months=1, days=5), period(days=33)) is None


def test_deadlines_tighten_with_a_shorter_period_or_a_more_urgent_term() -> None:
    four = deadline(offset={"weeks": 4}, anchor="event_date")
    assert deadline_effect(four, deadline(offset={"weeks": 3}, anchor="event_date")) == -1
    assert deadline_effect(four, deadline(offset={"weeks": 5}, anchor="event_date")) == 1
    other_anchor = deadline(offset={"weeks": 3}, anchor="placement_start")
    assert deadline_effect(four, other_anchor) is None
    assert deadline_effect(deadline(vague="utan_drojsmal"), deadline(vague="genast")) == -1
    assert deadline_effect(deadline(vague="genast"), deadline(vague="skyndsamt")) == 1
    urgent = deadline(offset={"weeks": 4}, anchor="event_date", vague="skyndsamt")
    assert deadline_effect(four, urgent) == -1  # a vague term added beside the date
    assert deadline_effect(deadline(vague="skyndsamt"), four) == -1  # a date where none was
    assert deadline_effect(four, None) == 1 and deadline_effect(None, four) == -1
    assert (
        deadline_effect(four, deadline(offset={"weeks": 3}, anchor="event_date", vague="genast"))
        == -1
    )


def test_conditions_dropped_broaden_added_narrow() -> None:
    under_18, under_21 = [cond("age", "lt", 18)], [cond("age", "lt", 21)]
    assert conditions_effect(under_18, under_21) == -1
    assert conditions_effect(under_21, under_18) == 1
    assert conditions_effect(under_18, []) == -1
    assert conditions_effect([], under_18) == 1
    lvu = [cond("legal_basis", "in", ("LVU",))]
    both = [cond("legal_basis", "in", ("LVU", "SoL"))]
    assert conditions_effect(lvu, both) == -1 and conditions_effect(both, lvu) == 1
    assert conditions_effect(lvu, [cond("legal_basis", "eq", "SoL")]) is None


def regional_rule(**changes: Any) -> Rule:
    data = copy.deepcopy(REGIONAL["rules"][0])
    data.update(changes)
    return Rule.model_validate(data)


def test_rule_verdicts_combine_the_aspects() -> None:
    base = regional_rule()
    assert rule_verdict(base, regional_rule(title="Annan rubrik", notes=["ny"])) == "unchanged"
    sooner = regional_rule(
        deadline={"offset": {"weeks": 3}, "anchor": "event_date", "statutory": False}
    )
    later = regional_rule(
        deadline={"offset": {"weeks": 6}, "anchor": "event_date", "statutory": False}
    )
    assert rule_verdict(base, sooner) == "tightens" and rule_verdict(base, later) == "loosens"
    other = regional_rule(responsible={"principal": "kommun", "locus": "home_municipality"})
    assert rule_verdict(base, other) == "changes"
    narrower = copy.deepcopy(REGIONAL["rules"][0]["trigger"])
    narrower["when"] = [
        *narrower.get("when", []),
        {"fact": "legal_basis", "op": "eq", "value": "LVU"},
    ]
    mixed = regional_rule(trigger=narrower, deadline=sooner.deadline.model_dump(exclude_none=True))
    assert rule_verdict(base, mixed) == "changes"  # sooner, but for fewer children


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    text = VGR.read_text(encoding="utf-8")
    assert text.count(FOUR_WEEKS) == 1
    path = tmp_path / "vastra_gotaland.yaml"
    path.write_text(text.replace(FOUR_WEEKS, FOUR_WEEKS.replace("weeks: 4", "weeks: 6")), "utf-8")
    return path


def scenarios_expecting_the_offer() -> set[str]:
    """The VGR scenarios that expect the four-week offer with a due date (read on their own)."""
    found = set()
    for path in (ROOT / "tests" / "scenarios" / "vastra_gotaland").glob("*.scenario.yaml"):
        scenario = load_scenario(path)
        if any(o.rule == OFFER and o.due is not None for o in scenario.expect.obligations):
            found.add(path.name)
    return found


def test_a_later_deadline_loosens_and_breaks_the_scenarios_that_expect_it(planted: Path) -> None:
    result = review(
        load_side(str(VGR)), load_side(str(planted)), scenario_dirs=[ROOT / "tests" / "scenarios"]
    )
    (rule,) = result.rules
    assert rule.rule_id == OFFER and rule.kind == "changed"
    assert rule.verdict == "loosens" and rule.aspects == (("deadline", 1),)
    assert rule.quote_old == rule.quote_new and "inom 4 veckor" in (rule.quote_new or "")
    assert rule.title == "Vårdcentralen erbjuder tid för hälsoundersökning inom 4 veckor"
    assert {b.statute_rule for b in rule.baseline} >= {"national.health_examination.offer"}
    changed = {Path(s.path).name for s in result.scenarios}
    expected = scenarios_expecting_the_offer()
    assert expected and expected <= changed
    assert all(
        not s.passes_after and s.passed_before
        for s in result.scenarios
        if Path(s.path).name in expected
    )
    assert all("health_examination.offer" in s.duties for s in result.scenarios)
    assert result.scenarios_checked >= 40 and result.scenarios_unreadable == 0


def test_the_boras_proposal_tightens_and_fails_its_scenario() -> None:
    old = ROOT / "examples" / "local" / "boras.yaml"
    new = ROOT / "examples" / "review" / "boras_proposed.yaml"
    result = review(load_side(str(old)), load_side(str(new)), scenario_dirs=[ROOT / "examples"])
    (rule,) = result.rules
    assert rule.verdict == "tightens"
    assert dict(rule.aspects) == {"deadline": -1, "conditions": -1}
    assert [b.verdict for b in rule.baseline] == ["adds"]
    assert "inom en vecka" in (rule.quote_old or "") and "inom tre dagar" in (rule.quote_new or "")
    assert rule.conditions_added == ("barnet är under 21 år",)
    assert rule.conditions_removed == ("barnet är under 18 år",)
    (scenario,) = result.scenarios
    assert scenario.passed_before and not scenario.passes_after
    assert scenario.region == "boras" and scenario.path.endswith(
        "boras_notice_three_days.scenario.yaml"
    )


def test_the_review_page_is_swedish_and_escapes_the_file_text(tmp_path: Path) -> None:
    old = write_yaml(tmp_path / "old.yaml", REGIONAL)
    data = copy.deepcopy(REGIONAL)
    data["rules"][0]["title"] = "Erbjud <b>tid</b>"
    data["rules"][0]["deadline"]["offset"] = {"weeks": 3}
    new = write_yaml(tmp_path / "new.yaml", data)
    result = review(load_side(str(old)), load_side(str(new)))
    html = render(result, "html")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html
    assert "Erbjud &lt;b&gt;tid&lt;/b&gt;" in html and "<b>tid</b>" not in html
    assert 'data-verdict="tightens"' in html and ">skärper<" in html
    assert "mot förra versionen: skärper (frist: skärper)" in html
    assert "<script" not in html
    english = render(review(load_side(str(old)), load_side(str(new)), lang="en"), "html")
    assert '<html lang="en">' in english and "against the old version: tightens" in english


def test_default_scenario_folders_are_those_of_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "examples").mkdir()
    monkeypatch.chdir(tmp_path)
    assert default_scenario_dirs() == [tmp_path / "examples"]


def test_a_change_of_the_national_file_is_not_compared_with_itself(tmp_path: Path) -> None:
    national = ROOT / "rules" / "national.yaml"
    text = national.read_text(encoding="utf-8")
    old = "offset: {months: 6}"
    assert old in text
    changed = tmp_path / "national.yaml"
    changed.write_text(text.replace(old, "offset: {months: 4}", 1), encoding="utf-8")
    result = review(load_side(str(national)), load_side(str(changed)))
    (rule,) = result.rules
    assert rule.verdict == "tightens" and rule.baseline == ()
