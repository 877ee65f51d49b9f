"""Decisions keyed on bands (:mod:`placement_rules.decisions`) give the answers a fresh
computation gives, on every bundled region."""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import given, settings

from placement_rules import evaluation as evaluation_module
from placement_rules.conditions import CompiledCondition
from placement_rules.decisions import banded_key, named_values, thresholds
from placement_rules.evaluation import evaluate
from placement_rules.events import Event
from placement_rules.models import AgeRange
from placement_rules.regions import load_all
from placement_rules.testing import events, register_profiles

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RULE_SETS = load_all()


def test_thresholds_split_where_conditions_change() -> None:
    cuts = thresholds(
        [
            CompiledCondition("age", "lt", 18),
            CompiledCondition("age", "le", 20),
            CompiledCondition("age", "eq", 3),
            CompiledCondition("acute", "eq", True),
        ]
    )
    assert cuts == {"age": (3, 4, 18, 21)}


def _event(age: int) -> Event:
    day = dt.date(2025, 8, 1)
    return Event(
        kind="placement_started",
        date=day,
        birth_date=dt.date(day.year - age, 1, 1),
        home_municipality="Kommun",
        home_region="vastra_gotaland",
    )


def test_banded_key_shares_a_band_and_keeps_ages_outside_a_scope() -> None:
    key = banded_key(["age"], {"age": (18,)}, (AgeRange(min=0, below=21),))
    assert key(_event(3)) == key(_event(17)) == 1
    assert key(_event(18)) == key(_event(20)) == 2
    assert key(_event(21)) == ("exact", 21) != key(_event(22))


@given(events())
def test_banded_memo_equals_a_fresh_decision(event: Event) -> None:
    """The memo is keyed on bands: an answer taken from it (warmed by another event of the
    same bands) equals the one computed afresh for this event."""
    rules = RULE_SETS[event.home_region]
    warm = evaluate(rules, event).to_dict()
    evaluation_module._MEMOS.of(rules).decisions.clear()
    fresh = evaluate(rules, event).to_dict()
    assert warm == fresh


def test_a_text_fact_is_banded_by_the_values_conditions_name_and_scopes_cover() -> None:
    cuts = named_values([CompiledCondition("home_region", "eq", "vastra_gotaland")])
    key = banded_key(
        ["home_region", "placement_form"],
        {},
        (),
        {**cuts, "placement_form": frozenset()},
        {"placement_form": frozenset({"familjehem", "hvb"})},
    )

    def event(region: str, form: str | None) -> Event:
        return _event(5).model_copy(update={"home_region": region, "placement_form": form})

    assert key(event("stockholm", "hvb")) == key(event("jonkoping", "familjehem"))
    assert key(event("vastra_gotaland", "hvb")) != key(event("stockholm", "hvb"))
    assert key(event("stockholm", "sis")) != key(event("stockholm", "hvb"))  # outside: exact
    assert key(event("stockholm", None)) != key(event("stockholm", "hvb"))


@given(events())
def test_the_generated_matcher_answers_as_each_rules_compiled_predicate(event: Event) -> None:
    """decisions.matcher reads the facts straight from the event with generated code: for every
    rule set and every event kind its answers are those of the rules' own predicates."""
    from placement_rules.decisions import matcher
    from placement_rules.evaluation import event_facts

    facts = event_facts(event)
    for rules in RULE_SETS.values():
        candidates = [r for r in rules.rules if r.rule.trigger.event == event.kind]
        match = matcher([c.conditions for c in candidates])
        assert match(event) == tuple(c.matches(facts) for c in candidates)


@given(events())
def test_the_inlined_derived_facts_are_the_events_properties(event: Event) -> None:
    """Generated keys and matchers read derived facts by expressions of their own
    (decisions.INLINE_READS): they give what the Event properties give."""
    from placement_rules.decisions import INLINE_READS, read
    from placement_rules.events import FACT_ATTRIBUTES

    for fact in INLINE_READS:
        reader = eval(f"lambda e: {read(fact)}", {"__builtins__": {}})
        assert reader(event) == getattr(event, FACT_ATTRIBUTES[fact]), fact


def test_text_values_share_a_band_only_when_they_decide_alike() -> None:
    from placement_rules.decisions import text_bands

    conditions = [
        CompiledCondition("placement_form", "in", ("familjehem", "hvb", "sis")),
        CompiledCondition("placement_form", "ne", "skyddat_boende"),
        CompiledCondition("home_region", "eq", "vastra_gotaland"),
        CompiledCondition("acute", "eq", True),
    ]
    lists = {"placement_form": [frozenset({"familjehem", "hvb", "sis", "jourhem"})]}
    bands = text_bands(conditions, lists, ["placement_form", "home_region", "acute"])
    form = bands["placement_form"]
    assert form["familjehem"] == form["hvb"] == form["sis"]
    assert form["jourhem"] == form[None]  # no condition names either, the list lets both pass
    assert len({form["familjehem"], form["jourhem"], form["skyddat_boende"]}) == 3
    assert bands["home_region"][None] == 0 != bands["home_region"]["vastra_gotaland"]
    assert "acute" not in bands  # a boolean, not a text fact
    key = banded_key(["placement_form"], {}, (), {"placement_form": frozenset()}, lists, bands)

    def event(form: str | None) -> Event:
        return _event(5).model_copy(update={"placement_form": form})

    assert key(event("hvb")) == key(event("sis")) != key(event("stodboende"))
    assert key(event("stodboende")) == "stodboende"  # no list holds it: kept exact
    assert key(event("skyddat_boende")) == form["skyddat_boende"]
