"""Conditions, parties and citations as sentences for people, from the real rule files."""

from __future__ import annotations

from functools import cache

import pytest

from placement_rules.conditions import CompiledCondition
from placement_rules.events import FACT_NAMES, Event
from placement_rules.i18n import LANGS, Lang
from placement_rules.regions import load_all
from placement_rules.ruleset import RuleSet
from placement_rules.views.sentences import (
    condition_sentence,
    fact_sentence,
    party_name,
)
from placement_rules.vocabulary import Principal


@cache
def _rule_sets() -> dict[str, RuleSet]:
    return dict(load_all())


def _every_condition() -> list[CompiledCondition]:
    found = {c for rules in _rule_sets().values() for r in rules.rules for c in r.conditions}
    return sorted(found, key=repr)


@pytest.mark.parametrize("lang", LANGS)
def test_every_condition_of_the_rule_files_reads_without_codes(lang: Lang) -> None:
    for condition in _every_condition():
        sentence = condition_sentence(condition, lang)
        assert condition.fact not in sentence
        assert "_" not in sentence, sentence
        assert sentence == sentence.strip() and sentence


@pytest.mark.parametrize(
    ("fact", "op", "value", "sv", "en"),
    [
        ("age", "lt", 18, "barnet är under 18 år", "the child is under 18"),
        ("acute", "eq", True, "placeringen är akut", "the placement is an emergency"),
        ("acute", "eq", False, "placeringen är inte akut", "the placement is not an emergency"),
        ("acute", "ne", True, "placeringen är inte akut", "the placement is not an emergency"),
        ("legal_basis", "in", ("LVU", "LVM"), "vården ges enligt LVU eller LVM", None),
        (
            "placement_form",
            "in",
            ("familjehem", "hvb", "sis"),
            "placeringen är i familjehem, HVB eller SiS särskilda ungdomshem",
            None,
        ),
        ("home_region", "eq", "vastra_gotaland", "hemregionen är Västra Götaland", None),
        ("noticed_by", "eq", "skola", "behovet uppmärksammades av skolan", None),
        ("placement_start", "ne", None, "placeringens startdatum är känt", None),
    ],
)
def test_condition_sentences(fact: str, op: str, value: object, sv: str, en: str | None) -> None:
    condition = CompiledCondition(fact, op, value)
    assert condition_sentence(condition) == sv
    if en is not None:
        assert condition_sentence(condition, "en") == en


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_of_an_event_reads_as_a_sentence(lang: Lang) -> None:
    event = Event.model_validate(
        {
            "kind": "placement_started",
            "date": "2025-09-01",
            "birth_date": "2012-05-14",
            "home_municipality": "Borås",
            "home_region": "vastra_gotaland",
        }
    )
    for fact in FACT_NAMES:
        value = getattr(event, fact)
        sentence = fact_sentence(fact, value, lang)
        assert sentence and "_" not in sentence, sentence
    assert fact_sentence("age", 19) == "barnet är 19 år"


def test_every_principal_has_a_name_for_people() -> None:
    from typing import get_args

    names = {party_name(p) for p in get_args(Principal)}
    assert len(names) == len(get_args(Principal))
    assert party_name("kommun") == "kommunen"
    assert party_name("none") == "ingen namngiven"
    assert party_name("region", "en") == "the region"


def test_every_code_the_views_show_has_words_in_both_languages() -> None:
    from typing import get_args

    from placement_rules.i18n import has
    from placement_rules.tracking.tracker import STATUSES
    from placement_rules.views.urgency import PARTIES
    from placement_rules.vocabulary import EVENT_KINDS, VagueTerm

    keys = [f"people.term.{t}" for t in get_args(VagueTerm)]
    keys += [f"people.status.{s}" for s in STATUSES]
    keys += [f"people.kind.{k}" for k in EVENT_KINDS]
    keys += [f"people.party.{p}" for p in PARTIES] + [f"people.party.heading.{p}" for p in PARTIES]
    assert [k for k in keys if not has(k)] == []
