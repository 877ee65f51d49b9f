"""The urgency order (docs/people.md): explicit, total, deterministic, on the real rule files."""

from __future__ import annotations

import datetime as dt
import os
import random
from functools import cache
from itertools import pairwise
from typing import get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from placement_rules.evaluation import evaluate
from placement_rules.events import Event
from placement_rules.regions import load_all
from placement_rules.results import Obligation
from placement_rules.ruleset import RuleSet
from placement_rules.testing import events, register_profiles
from placement_rules.views.urgency import (
    NO_PARTY,
    PARTIES,
    TERM_ORDER,
    TIER_DATED,
    TIER_IMMEDIATE,
    TIER_NONE,
    for_party,
    group_by_party,
    next_steps,
    party_of,
    sort_obligations,
    tier,
    urgency_key,
)
from placement_rules.vocabulary import Principal, VagueTerm

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@cache
def _rule_sets() -> dict[str, RuleSet]:
    return dict(load_all())


def _obligations(event: Event) -> tuple[Obligation, ...]:
    rules = _rule_sets()[event.home_region]
    return evaluate(rules, event).obligations


def test_the_ranking_names_every_vague_term_once() -> None:
    assert sorted(TERM_ORDER) == sorted(get_args(VagueTerm))
    assert len(set(TERM_ORDER)) == len(TERM_ORDER) == 13
    assert TERM_ORDER[:5] == ("genast", "omgaende", "utan_drojsmal", "skyndsamt", "snarast_mojligt")
    assert TERM_ORDER[-1] == "fortlopande"


def test_the_parties_are_the_principals_and_none() -> None:
    assert set(PARTIES) == set(get_args(Principal)) | {NO_PARTY}


def _has_obligations(event: Event) -> bool:
    return bool(_obligations(event))


@given(events(kind=["placement_started", "placement_ended", "report_of_concern"]), st.randoms())
def test_the_order_is_total_and_does_not_depend_on_the_input_order(
    event: Event, rnd: random.Random
) -> None:
    found = _obligations(event)
    ordered = sort_obligations(found)
    keys = [urgency_key(o) for o in ordered]
    assert len(set(keys)) == len(keys), "two duties with the same key: the order is not total"
    assert keys == sorted(keys)
    shuffled = list(found)
    rnd.shuffle(shuffled)
    assert sort_obligations(shuffled) == ordered
    assert sort_obligations(ordered) == ordered


@given(events(kind=["placement_started", "placement_ended", "inpatient_discharge"]))
def test_tiers_never_go_back_and_dated_duties_come_by_date(event: Event) -> None:
    ordered = sort_obligations(_obligations(event))
    tiers = [tier(o) for o in ordered]
    assert tiers == sorted(tiers)
    dates = [o.due for o in ordered if tier(o) == TIER_DATED and o.due is not None]
    assert dates == sorted(dates)
    for o in ordered:
        if o.vague_term in TERM_ORDER[:5]:
            assert tier(o) == TIER_IMMEDIATE
        if o.vague_term is None and o.deadline_meaning is None:
            assert tier(o) == TIER_NONE


@given(events(kind=["placement_started", "coordination_need_noticed"]))
def test_at_equal_urgency_statutory_comes_before_agreement(event: Event) -> None:
    ordered = sort_obligations(_obligations(event))
    for first, second in pairwise(ordered):
        same = urgency_key(first)[:3] == urgency_key(second)[:3]
        if same and first.statutory is False:
            assert second.statutory is not True


@given(events(kind=["placement_started", "placement_changed"]))
def test_groups_partition_the_duties_in_party_order(event: Event) -> None:
    found = _obligations(event)
    groups = group_by_party(found)
    assert sum(len(members) for _, members in groups) == len(found)
    assert [p for p, _ in groups] == [p for p in PARTIES if p in {party_of(o) for o in found}]
    for party, members in groups:
        assert members == for_party(found, party)
        assert all(party_of(o) == party for o in members)
    assert all(tier(o) < 3 for o in next_steps(found, 5))


def test_the_borås_placement_puts_the_statutory_immediate_duty_first() -> None:
    event = Event.model_validate(
        {
            "kind": "placement_started",
            "date": dt.date(2025, 9, 1),
            "birth_date": dt.date(2012, 5, 14),
            "legal_basis": "LVU",
            "placement_form": "familjehem",
            "home_municipality": "Borås",
            "home_region": "vastra_gotaland",
            "needs_both_principals": True,
        }
    )
    ordered = sort_obligations(_obligations(event))
    first = ordered[0]
    assert first.vague_term in TERM_ORDER[:5]
    assert first.statutory is True
    assert tier(ordered[-1]) == TIER_NONE
    assert [o.vague_term for o in ordered if o.vague_term == "fortlopande"]
