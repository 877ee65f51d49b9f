"""The orjson encoder (contract/fast.py) writes the same bytes as the standard library's text
encoder (its oracle, contract/encode.py), on every scenario event and on a few thousand
generated ones, in both profiles, with and without the explanation, with its memos cold and
warm and after they start afresh."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest

from placement_rules.contract import AnswerEncoder, Detail, answer, explanation
from placement_rules.errors import PlacementRulesError
from placement_rules.evaluation import evaluate
from placement_rules.events import Event
from placement_rules.pipeline import evaluate_data
from placement_rules.results import Evaluation
from placement_rules.ruleset import RuleSet
from placement_rules.scenarios import load_scenario
from placement_rules.tracking.audit import RuleSets
from placement_rules.vocabulary import EVENT_KINDS, LegalBasis, PlacementForm, Principal

pytest.importorskip("orjson")
from placement_rules.contract import fast

SCENARIOS = Path(__file__).parents[1] / "scenarios"
DETAILS: tuple[Detail, ...] = ("full", "compact")

# names a client may send: quotes, backslashes, non-Latin-1 letters and an emoji exercise the
# escaping of the parties' resolved names, which the fast encoder keeps in memos
MUNICIPALITIES = ("Kommun", "Åre", 'Kommun "Norr"', "Back\\slash", "Łódź – 東京 😀", "Ö")


@pytest.fixture(scope="module")
def rule_sets() -> RuleSets:
    return RuleSets(None)


@pytest.fixture(scope="module")
def encoders(rule_sets: RuleSets) -> dict[str, tuple[AnswerEncoder, AnswerEncoder]]:
    """Per region: the fast encoder and the oracle."""
    pairs = {}
    for region in rule_sets.known:
        rules = rule_sets.get(region)
        fast_one, oracle = AnswerEncoder(rules), AnswerEncoder(rules, fast=False)
        assert fast_one.is_fast and not oracle.is_fast
        pairs[region] = (fast_one, oracle)
    return pairs


def _same(
    pair: tuple[AnswerEncoder, AnswerEncoder],
    rules: RuleSet,
    event: Event,
    result: Evaluation,
    explain: bool,
) -> None:
    fast_one, oracle = pair
    explained = explanation(rules, event, result, "sv") if explain else None
    for detail in DETAILS:
        expected = oracle.evaluation_text(event, result, detail, explained).encode("utf-8")
        assert oracle.evaluation_bytes(event, result, detail, explained) == expected
        for _ in range(2):  # the memos cold, then warm
            assert fast_one.evaluation_bytes(event, result, detail, explained) == expected


def _scenario_events() -> list[Path]:
    return sorted(SCENARIOS.glob("*/*.scenario.yaml"))


@pytest.mark.parametrize("path", _scenario_events(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_scenario_answers_are_the_oracles_bytes(
    path: Path,
    rule_sets: RuleSets,
    encoders: dict[str, tuple[AnswerEncoder, AnswerEncoder]],
) -> None:
    scenario = load_scenario(path)
    rules, event = rule_sets.get(scenario.region), scenario.event
    result = evaluate(rules, event)  # as the scenario tests do: other regions are allowed
    for explain in (False, True):
        _same(encoders[rules.region], rules, event, result, explain)


def _generated(count: int, regions: list[str], seed: int) -> Iterator[dict[str, Any]]:
    """Events of a wide mix: every kind, legal basis and form, 2002-2030, ages 0-25, other
    regions and municipalities, placement starts before the event, the flags of the model."""
    rnd = random.Random(seed)
    flags = [
        name
        for name, field in Event.model_fields.items()
        if field.annotation in (bool, "bool") and name != "acute"
    ]
    principals = list(get_args(Principal))
    for _ in range(count):
        day = dt.date(2002, 1, 1) + dt.timedelta(days=rnd.randrange(29 * 365))
        home = rnd.choice(regions)
        data: dict[str, Any] = {
            "kind": rnd.choice(EVENT_KINDS),
            "date": day.isoformat(),
            "birth_date": (day - dt.timedelta(days=rnd.randrange(26 * 365))).isoformat(),
            "home_municipality": rnd.choice(MUNICIPALITIES),
            "home_region": home,
            "acute": rnd.random() < 0.3,
        }
        if rnd.random() < 0.9:
            data["legal_basis"] = rnd.choice(get_args(LegalBasis))
        if rnd.random() < 0.9:
            data["placement_form"] = rnd.choice(get_args(PlacementForm))
        if rnd.random() < 0.2:
            data["placement_region"] = rnd.choice(regions)
        if rnd.random() < 0.3:
            data["placement_municipality"] = rnd.choice(MUNICIPALITIES)
        if rnd.random() < 0.3:
            data["placement_start"] = (day - dt.timedelta(days=rnd.randrange(400))).isoformat()
        for name in flags:
            if rnd.random() < 0.15:
                data[name] = True
        for name in ("noticed_by", "consulted", "summoned"):
            if rnd.random() < 0.1:
                data[name] = rnd.choice(principals)
        yield data


def test_generated_answers_are_the_oracles_bytes(
    rule_sets: RuleSets, encoders: dict[str, tuple[AnswerEncoder, AnswerEncoder]]
) -> None:
    evaluated = 0
    for index, data in enumerate(_generated(3000, sorted(rule_sets.known), seed=17)):
        try:
            rules, event, result = evaluate_data(data, "generated", None, rule_sets)
        except PlacementRulesError:
            continue  # an event the model refuses (a date before birth, say)
        evaluated += 1
        _same(encoders[rules.region], rules, event, result, explain=index % 10 == 0)
    assert evaluated > 2000


def test_the_memos_are_bounded_and_start_afresh(
    monkeypatch: pytest.MonkeyPatch, rule_sets: RuleSets
) -> None:
    monkeypatch.setattr(fast, "MAX_MEMO", 3)
    rules = rule_sets.get("stockholm")
    fast_one, oracle = AnswerEncoder(rules), AnswerEncoder(rules, fast=False)
    for data in _generated(300, ["stockholm"], seed=3):
        try:
            _, event, result = evaluate_data(data, "generated", None, rule_sets)
        except PlacementRulesError:
            continue
        for detail in DETAILS:
            expected = oracle.evaluation_bytes(event, result, detail)
            assert fast_one.evaluation_bytes(event, result, detail) == expected
    memos = [
        fast_one._fast._due_memo,  # type: ignore[union-attr]
        fast_one._fast._receipt_memo,  # type: ignore[union-attr]
        fast_one._fast._lists_memo,  # type: ignore[union-attr]
        *(v.parties_memo for v in fast_one._fast._variants.values()),  # type: ignore[union-attr]
        *(v.tail_memo for v in fast_one._fast._variants.values()),  # type: ignore[union-attr]
    ]
    assert max(len(m) for m in memos) <= 3


def test_the_library_answer_is_the_same_either_way(rule_sets: RuleSets) -> None:
    data = next(_generated(1, ["vastra_gotaland"], seed=5))
    data.update(kind="placement_started", legal_basis="LVU", placement_form="familjehem")
    rules, event, result = evaluate_data(data, "generated", None, rule_sets)
    for detail in DETAILS:
        fast_answer = answer(rules, event, result, detail, encoder=AnswerEncoder(rules))
        oracle = answer(rules, event, result, detail, encoder=AnswerEncoder(rules, fast=False))
        assert fast_answer == oracle
        assert fast_answer["obligations"]
