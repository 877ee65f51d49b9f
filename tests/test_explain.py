"""Why a rule did not apply, and why an answer is empty, on the real rule files."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from hypothesis import given, settings

from placement_rules.evaluation import evaluate
from placement_rules.events import Event, parse_event
from placement_rules.explain import explain, fact_value, first_failed
from placement_rules.regions import load_all
from placement_rules.ruleset import RuleSet
from placement_rules.testing import events, register_profiles

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BORÅS: dict[str, Any] = {
    "kind": "placement_started",
    "date": "2025-09-01",
    "birth_date": "2012-05-14",
    "legal_basis": "LVU",
    "placement_form": "familjehem",
    "home_municipality": "Borås",
    "home_region": "vastra_gotaland",
    "needs_both_principals": True,
}


@cache
def _rule_sets() -> dict[str, RuleSet]:
    return dict(load_all())


def _explain(region: str, **fields: Any) -> Any:
    event = parse_event({**BORÅS, "home_region": region, **fields})
    rules = _rule_sets()[region]
    return explain(rules, event), evaluate(rules, event)


def test_a_rule_for_acute_placements_fails_on_its_first_condition() -> None:
    explained, _ = _explain("vastra_gotaland")
    acute = [w for w in explained.why_not if w.rule.id == "vgr.sip.after_acute_placement"]
    assert len(acute) == 1
    assert acute[0].reason == "condition_unmet"
    assert acute[0].condition is not None and acute[0].condition.fact == "acute"
    assert acute[0].actual is False


def test_a_national_rule_replaced_by_the_agreement_says_by_which() -> None:
    explained, result = _explain("vastra_gotaland")
    replaced = {w.rule.id: w for w in explained.why_not if w.reason == "replaced"}
    assert "national.sip.draw_up.sol2025" in replaced
    by = replaced["national.sip.draw_up.sol2025"].replaced_by
    assert by is not None and by in result.obligations and by.duty == "sip.draw_up"


def test_health_examination_unnecessary_removes_the_duty_and_says_so() -> None:
    explained, result = _explain("stockholm", health_examination_unnecessary=True)
    removed = explained.removed_by_facts
    assert removed and {w.condition.fact for w in removed if w.condition} == {
        "health_examination_unnecessary"
    }
    assert all(w.rule.duty not in {o.duty for o in result.obligations} for w in removed)
    plain, _ = _explain("stockholm")
    assert not plain.removed_by_facts


def test_stockholm_has_national_law_only_and_says_so() -> None:
    explained, result = _explain("stockholm")
    assert result.obligations
    assert explained.empty == ("no_regional_rules",)


def test_inpatient_discharge_without_a_placement_says_every_condition_is_unmet() -> None:
    explained, result = _explain("vastra_gotaland", kind="inpatient_discharge")
    assert not result.obligations
    assert explained.empty == ("every_condition_unmet",)
    (why,) = explained.why_not
    assert why.condition is not None and why.condition.fact == "placement_start"
    assert why.actual is None


def test_an_expired_agreement_is_named_as_the_reason() -> None:
    explained, result = _explain("vastra_gotaland", date="2026-03-02", kind="inpatient_discharge")
    assert "agreement_not_in_force" in explained.empty
    assert not result.obligations
    assert {w.reason for w in explained.why_not} == {"agreement_not_in_force"}


def test_a_fulfilment_event_has_no_rules_of_its_kind() -> None:
    explained, result = _explain("vastra_gotaland", kind="sip_held")
    assert not result.obligations
    assert "no_rules_for_kind" in explained.empty


def test_an_event_outside_the_scope_says_so() -> None:
    explained, result = _explain("vastra_gotaland", birth_date="2000-01-01")
    assert not result.in_scope
    assert "outside_scope" in explained.empty or result.obligations


@given(events(kind=["placement_started", "placement_ended", "report_of_concern"]))
def test_every_rule_of_the_kind_either_applied_or_has_a_reason(event: Event) -> None:
    rules = _rule_sets()[event.home_region]
    result = evaluate(rules, event)
    explained = explain(rules, event, result)
    applied = {o.rule_id for o in result.obligations}
    explained_ids = [w.rule.id for w in explained.why_not]
    kind_rules = {r.id for r in rules.by_event.get(event.kind, ())}
    assert set(explained_ids) | applied == kind_rules
    assert not set(explained_ids) & applied
    for why in explained.why_not:
        assert why.reason != "other", why
        if why.reason == "condition_unmet":
            assert why.condition is not None
            assert why.actual == fact_value(event, why.condition.fact)
            assert first_failed(why.rule.conditions, event) == (why.condition, why.actual)
    if not result.obligations:
        assert explained.empty
