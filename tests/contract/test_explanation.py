"""The answer's ``explanation`` (``explain=true``, ``evaluate --json --why-not``): every rule of
the event's kind that gave no obligation, with its reason as codes and a label in the language
asked for, and why the answer is empty; the answer still fits the contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from placement_rules.cli import cli
from placement_rules.contract import answer
from placement_rules.contract.models import CompactEvaluationAnswer, EvaluationAnswer
from placement_rules.evaluation import evaluate
from placement_rules.events import Event, parse_event
from placement_rules.explain import explain
from placement_rules.regions import load_all
from placement_rules.testing import events
from placement_rules.views.sentences import why_not_sentence

ROOT = Path(__file__).parents[2]
RULE_SETS = load_all()
DISCHARGE = {
    "kind": "inpatient_discharge",
    "date": "2025-09-01",
    "birth_date": "2012-05-14",
    "home_municipality": "Borås",
    "home_region": "vastra_gotaland",
}


def _answer(event: Event, **options: Any) -> dict[str, Any]:
    rules = RULE_SETS[event.home_region]
    return answer(rules, event, evaluate(rules, event), explain=True, **options)


def test_an_empty_answer_says_why_in_codes_and_words() -> None:
    event = parse_event(DISCHARGE)
    body = _answer(event)
    EvaluationAnswer.model_validate(body)
    assert body["obligations"] == []
    explained = body["explanation"]
    assert [r["code"] for r in explained["reasons"]] == ["every_condition_unmet"]
    assert "why_not" in explained["reasons"][0]["label"]
    (why,) = explained["why_not"]
    assert (why["rule_id"], why["code"], why["fact"]) == (
        "vgr.sip.convene_at_inpatient_discharge",
        "condition_unmet",
        "placement_start",
    )
    assert why["label"] == (
        "gäller när placeringens startdatum är känt; ingen placering har inletts"
    )
    english = _answer(event, lang="en")["explanation"]["why_not"][0]["label"]
    (library,) = explain(RULE_SETS["vastra_gotaland"], event).why_not
    assert english == why_not_sentence(library, "en") != why["label"]


def test_a_fact_that_removes_a_duty_and_a_replaced_rule_are_named() -> None:
    data = json.loads((ROOT / "examples" / "placement_started_lvu_familjehem.json").read_text())
    event = parse_event({**data, "health_examination_unnecessary": True})
    body = _answer(event)
    ids = {o["id"] for o in body["obligations"]}
    why_not = body["explanation"]["why_not"]
    removed = [w for w in why_not if w["removed_by_fact"]]
    assert removed and {w["fact"] for w in removed} == {"health_examination_unnecessary"}
    replaced = [w for w in why_not if w["code"] == "replaced"]
    assert replaced and all(w["replaced_by"] in ids for w in replaced)
    assert body["explanation"]["reasons"] == []


def test_a_region_without_rules_of_its_own_says_so() -> None:
    event = parse_event({**DISCHARGE, "home_region": "stockholm", "home_municipality": "Solna"})
    codes = [r["code"] for r in _answer(event)["explanation"]["reasons"]]
    assert "no_regional_rules" in codes


def test_without_explain_the_answer_has_no_explanation() -> None:
    event = parse_event(DISCHARGE)
    rules = RULE_SETS["vastra_gotaland"]
    assert "explanation" not in answer(rules, event, evaluate(rules, event))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_every_rule_of_the_kind_either_applies_or_is_explained(event: Event) -> None:
    rules = RULE_SETS.get(event.home_region)
    if rules is None:
        return
    result = evaluate(rules, event)
    for detail, model in (("full", EvaluationAnswer), ("compact", CompactEvaluationAnswer)):
        body = answer(rules, event, result, detail, explain=True)  # type: ignore[arg-type]
        model.model_validate(body)
    explained = body["explanation"]
    applied = {o["rule_id"] for o in body["obligations"]}
    kind = {r.id for r in rules.by_event.get(event.kind, ())}
    assert {w["rule_id"] for w in explained["why_not"]} == kind - applied
    assert all(w["label"] for w in explained["why_not"])
    ids = {o["id"] for o in body["obligations"]}
    assert all(w["replaced_by"] in ids for w in explained["why_not"] if w["replaced_by"])
    codes = [r["code"] for r in explained["reasons"]]
    assert codes == list(explain(rules, event, result).empty)
    empty_only = {"outside_scope", "no_rules_for_kind", "every_condition_unmet", "no_rule_applies"}
    if body["obligations"]:
        assert not set(codes) & empty_only
    else:  # an empty answer always says why
        assert codes


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_evaluate_json_why_not_writes_the_explanation(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(DISCHARGE), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "--json", "--why-not", "--lang", lang, str(path)])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["explanation"] == _answer(parse_event(DISCHARGE), lang=lang)["explanation"]
