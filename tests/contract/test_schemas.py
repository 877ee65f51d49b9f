"""The contract's JSON Schemas are current, and every answer fits its model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from placement_rules.contract import AnswerEncoder, obligation_id
from placement_rules.contract.models import (
    CompactEvaluationAnswer,
    EvaluationAnswer,
    TrackAnswer,
)
from placement_rules.contract.schemas import SCHEMA_FILES, render, schema_documents
from placement_rules.evaluation import evaluate
from placement_rules.events import Event
from placement_rules.regions import load_all
from placement_rules.testing import events

SCHEMA_DIR = Path(__file__).parents[2] / "schema"
RULE_SETS = load_all()
ENCODERS = {region: AnswerEncoder(rules) for region, rules in RULE_SETS.items()}
REFERENCES = {"section", "legal_basis", "resolved", "home_municipality", "file"}
"""Citations of a provision ("8 kap. 1 §"), places the event names, a source's file name."""
HUMAN_FIELDS = {
    "title",
    "label",
    "action",
    "summary",
    "because",
    "reason",
    "message",
    "note",
    "quote",
    "unit",
    "assumption",
    "warning",
    "warnings",
    "scope_reasons",
    "notice_action",
    "decision",
    "citation",
    "name",
    "law_in_force",
    "legal_basis",
}


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_the_committed_schema_is_current(name: str) -> None:
    path = SCHEMA_DIR / name
    assert path.exists(), f"no {path}: run python -m placement_rules.contract.schemas schema"
    assert path.read_text(encoding="utf-8") == render(schema_documents()[name]), (
        f"{name} is out of date: run python -m placement_rules.contract.schemas schema"
    )


def test_every_schema_names_the_contract_version() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(SCHEMA_FILES)
    for document in schema_documents().values():
        assert document["x-schema-version"] == "1.0"
        assert document["$id"].endswith(f"/1.0/{document['$id'].rsplit('/', 1)[1]}")


def _check(event: Event) -> None:
    rules = RULE_SETS[event.home_region]
    result = evaluate(rules, event)
    encoder = ENCODERS[event.home_region]
    full = EvaluationAnswer.model_validate_json(encoder.evaluation(event, result))
    compact = CompactEvaluationAnswer.model_validate_json(
        encoder.evaluation(event, result, "compact")
    )
    assert [o.id for o in full.obligations] == [o.id for o in compact.obligations]
    assert [o.id for o in full.obligations] == [obligation_id(o, event) for o in result.obligations]
    for ob, answer in zip(result.obligations, full.obligations, strict=True):
        assert answer.rule_id == ob.rule_id and answer.due == ob.due
        assert answer.legal_basis == list(ob.legal_basis)
        assert (answer.deadline.label if answer.deadline else None) == ob.deadline_text
        party = ob.responsible
        assert (answer.responsible.resolved if answer.responsible else None) == (
            party.resolved if party else None
        )
    assert full.receipt == compact.receipt
    assert full.receipt.chain_digest.startswith("sha256:")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_every_answer_fits_the_contract(event: Event) -> None:
    if event.home_region in RULE_SETS:
        _check(event)


def _machine_values(value: object, key: str = "") -> list[tuple[str, str]]:
    """(key, text) of every string in a machine field (not a field for people)."""
    if isinstance(value, dict):
        return [
            pair
            for k, v in value.items()
            if k not in HUMAN_FIELDS
            for pair in _machine_values(v, k)
        ]
    if isinstance(value, list):
        return [pair for v in value for pair in _machine_values(v, key)]
    return [(key, value)] if isinstance(value, str) else []


def test_machine_fields_hold_codes_and_dates_only() -> None:
    example = Path(__file__).parents[2] / "examples" / "placement_started_lvu_familjehem.json"
    event = Event.model_validate(json.loads(example.read_text(encoding="utf-8")))
    rules = RULE_SETS[event.home_region]
    body = json.loads(ENCODERS[event.home_region].evaluation(event, evaluate(rules, event)))
    values = _machine_values(body)
    assert values
    for key, text in values:
        if key in REFERENCES:
            continue
        assert " " not in text, f"{key}: words in a machine field"


def test_a_tracked_case_fits_the_contract() -> None:
    import datetime as dt

    from placement_rules.pipeline import track_data
    from placement_rules.tracking.audit import RuleSets

    case = Path(__file__).parents[2] / "examples" / "case_vgr.json"
    rule_sets = RuleSets(None)
    report = track_data(
        json.loads(case.read_text(encoding="utf-8")),
        "case",
        dt.date(2026, 1, 1),
        "python",
        None,
        rule_sets,
        default_id="case",
    )
    answer = TrackAnswer.model_validate_json(ENCODERS[report.region].track(report))
    assert answer.receipt.region == report.region
    assert len(answer.obligations) == len(report.obligations)
    assert all(o.id.startswith("obl_") for o in answer.obligations)
    parties = [o.responsible for o in answer.obligations if o.responsible is not None]
    assert parties and all(p.label for p in parties)
