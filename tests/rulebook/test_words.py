"""Rules in sentences: built from the compiled conditions, deadlines and parties, both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placement_rules.conditions import CompiledCondition
from placement_rules.models import Deadline, Period
from placement_rules.rulebook.words import (
    condition_sentence,
    conditions_sentences,
    deadline_sentence,
    event_words,
    party_sentence,
    period_words,
    status_sentence,
    terms_sentences,
)
from placement_rules.ruleset import RuleSet

CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
"""A code word (``special_need_of_protection``) that must not reach a sentence."""


def _conditions(rule_sets: dict[str, RuleSet]) -> list[CompiledCondition]:
    return [c for rs in rule_sets.values() for r in rs.rules for c in r.conditions]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_condition_of_the_bundled_rules_reads_without_code(
    rule_sets: dict[str, RuleSet], lang: str
) -> None:
    conditions = _conditions(rule_sets)
    assert len(conditions) > 100
    for cond in conditions:
        sentence = condition_sentence(cond, lang)  # type: ignore[arg-type]
        assert not CODE.search(sentence), (cond, sentence)
        assert " is yes" not in sentence and " är ja" not in sentence


def test_conditions_are_said_with_the_people_views_words(rule_sets: dict[str, RuleSet]) -> None:
    rule = rule_sets["vastra_gotaland"].rule("vgr.sip.convene.kommun")
    assert conditions_sentences(rule.conditions, "sv") == ("behovet uppmärksammades av kommunen",)
    assert event_words(rule.rule.trigger.event, "sv") == (
        "behov av samordning (SIP) har uppmärksammats"
    )


@given(
    years=st.integers(0, 3),
    months=st.integers(0, 13),
    weeks=st.integers(0, 5),
    days=st.integers(0, 40),
)
def test_period_words_name_every_part(years: int, months: int, weeks: int, days: int) -> None:
    if not (years or months or weeks or days):
        return
    period = Period(years=years, months=months, weeks=weeks, days=days)
    sv, en = period_words(period, "sv"), period_words(period, "en")
    for n in (years, months, weeks, days):
        if n:
            assert str(n) in sv and str(n) in en
    assert "veck" not in sv or weeks
    assert ("månad" in sv) == bool(months)


def test_deadlines_in_both_languages() -> None:
    weeks = Deadline(offset=Period(weeks=4), anchor="event_date", statutory=False)
    assert deadline_sentence(weeks, "sv") == (
        "inom 4 veckor från händelsedagen – frist enligt överenskommelsen"
    )
    assert deadline_sentence(weeks, "en") == (
        "within 4 weeks of the day of the event – period set by the agreement"
    )
    vague = Deadline(vague="skyndsamt", statutory=True)
    assert deadline_sentence(vague, "sv") == "skyndsamt – enligt lag"
    assert deadline_sentence(None, "sv") is None


def test_parties_name_unit_principal_and_locus(rule_sets: dict[str, RuleSet]) -> None:
    rule = rule_sets["vastra_gotaland"].rule("vgr.sip.convene.kommun").rule
    assert party_sentence(rule.responsible, "sv") == "socialtjänsten (kommunen: hemkommunen)"
    assert party_sentence(rule.responsible, "en") == (
        "socialtjänsten (the municipality: the home municipality)"
    )


def test_agreement_terms_and_status_in_words(rule_sets: dict[str, RuleSet]) -> None:
    vgr = rule_sets["vastra_gotaland"]
    agreement = vgr.agreements[0]
    terms = terms_sentences(agreement, "sv")
    assert terms[0] == "Giltighetstid enligt texten: 2021-01-01 till och med 2023-12-31."
    assert "senast 9 månader" in terms[1] and "(senast 2023-03-31)" in terms[1]
    assert "en gång med 2 år, till och med 2025-12-31" in terms[1]
    (during,) = vgr.agreement_statuses(dt.date(2022, 5, 1))
    assert "Sista dag för uppsägning: 2023-03-31." in status_sentence(during, "sv")
    (renewed,) = vgr.agreement_statuses(dt.date(2025, 9, 1))
    assert "förlängning nummer 1, 2024-01-01 till och med 2025-12-31" in status_sentence(
        renewed, "sv"
    )
    (ended,) = vgr.agreement_statuses(dt.date(2026, 3, 1))
    sentence = status_sentence(ended, "sv")
    assert "upphörde 2025-12-31" in sentence and "nationell lag gäller" in sentence
    assert "national law applies" in status_sentence(ended, "en")
