"""Properties of the evaluator over every bundled rule set, with events drawn by
:mod:`placement_rules.testing`.

The hypothesis profile is ``ci`` (derandomized, see
:func:`placement_rules.testing.register_profiles`) unless ``HYPOTHESIS_PROFILE`` names another
(``dev``, ``thorough``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import os
import random
from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from placement_rules import evaluation as evaluation_module
from placement_rules.calendar import due_date, is_non_working
from placement_rules.compiler import build_rule_set
from placement_rules.evaluation import evaluate, loosens, loosens_whatever_the_date
from placement_rules.events import Event
from placement_rules.loading import LoadedFile, bundled_rules_dir, iter_rule_files, read_rule_file
from placement_rules.models import Condition, Deadline, Rule, RuleFile, Scope, ScopePart
from placement_rules.regions import load_all
from placement_rules.results import Evaluation
from placement_rules.ruleset import LEVELS, CompiledRule, RuleSet
from placement_rules.testing import events, register_profiles
from placement_rules.validity import agreement_status
from placement_rules.vocabulary import Principal

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LAW_CHANGE = dt.date(2025, 7, 1)
NOTIFY = "health_examination.notify_region"
SKYDDAT_BOENDE_FROM = dt.date(2024, 4, 1)
"""SoL (2001:453) 11 kap. 3 a § covers skyddat boende from Lag (2024:85), in force 2024-04-01."""


@cache
def rule_sets() -> dict[str, RuleSet]:
    return load_all()


def shifted(event: Event, days: int) -> Event:
    """The same event ``days`` later: the child as old (birth date shifted too) and the
    placement started as long before."""
    step = dt.timedelta(days=days)
    start = event.placement_start + step if event.placement_start else None
    return event.model_copy(
        update={
            "date": event.date + step,
            "birth_date": event.birth_date + step,
            "placement_start": start,
        }
    )


def fired_rule_ids(result: Evaluation) -> set[str]:
    """Every rule that fired: those kept as obligations and those they took the place of."""
    ids = {o.rule_id for o in result.obligations}
    for o in result.obligations:
        ids.update(o.supersedes)
    return ids


def each_region(event: Event) -> list[tuple[str, RuleSet, Evaluation]]:
    """The event evaluated under every bundled rule set (region id, rule set, result)."""
    return [(region, rules, evaluate(rules, event)) for region, rules in rule_sets().items()]


# --- robustness and determinism -------------------------------------------------------------------


@given(event=events())
def test_valid_event_never_raises_in_any_region(event: Event) -> None:
    each_region(event)


@given(event=events())
def test_evaluation_is_deterministic(event: Event) -> None:
    twin = Event.model_validate(event.model_dump())
    for region, rules, result in each_region(event):
        assert result.to_dict() == evaluate(rules, twin).to_dict(), region


def memo_of(rules: RuleSet) -> Any:
    """Evaluation's private memo of one rule set (white box: its decisions are counted)."""
    return evaluation_module._MEMOS.of(rules)


@cache
def unmemoised_rule_sets() -> dict[str, RuleSet]:
    """A second copy of the rule sets, whose decision memo is emptied before every use."""
    return load_all()


def evaluated_afresh(region: str, event: Event) -> Evaluation:
    rules = unmemoised_rule_sets()[region]
    memo_of(rules).decisions.clear()
    return evaluate(rules, event)


@given(first=events(), event=events(), days=st.integers(-400, 400))
def test_a_memoised_decision_gives_what_evaluating_afresh_gives(
    first: Event, event: Event, days: int
) -> None:
    """evaluate() memoises which rules fire per kind, rule period, agreements off and tested
    facts: after other events (the same one moved in time, or another drawn one) filled the
    memo, an event's result is the one an empty memo gives."""
    later = shifted(event, days)
    for region, rules in rule_sets().items():
        evaluate(rules, first)
        evaluate(rules, later)
        assert evaluate(rules, event).to_dict() == evaluated_afresh(region, event).to_dict(), region


@cache
def contested_pairs() -> list[tuple[CompiledRule, CompiledRule]]:
    """Every (rule, base rule of the same duty at a lower level) pair of the bundled sets."""
    return [
        (rule, base)
        for rules in rule_sets().values()
        for rule in rules.rules
        for base in rules.rules
        if base.duty == rule.duty and base.level < rule.level
    ]


def test_some_contested_pairs_are_known_whatever_the_date() -> None:
    known = [loosens_whatever_the_date(r, b) for r, b in contested_pairs()]
    assert True in known and False in known


@given(event=events())
def test_a_conflict_known_whatever_the_date_is_the_one_each_event_gives(event: Event) -> None:
    """The decision memo keeps a precedence result across dates only where
    loosens_whatever_the_date says the dates cannot change it."""
    for rule, base in contested_pairs():
        known = loosens_whatever_the_date(rule, base)
        if known is not None:
            assert loosens(rule, base, event) is known, (rule.id, base.id)


def test_the_decision_memo_is_shared_by_events_that_differ_only_in_date() -> None:
    rules = unmemoised_rule_sets()["vastra_gotaland"]
    memo_of(rules).decisions.clear()
    base = {
        "kind": "report_of_concern",
        "birth_date": "2015-03-01",
        "legal_basis": "LVU",
        "placement_form": "familjehem",
        "home_municipality": "Borås",
        "home_region": "vastra_gotaland",
    }
    first = evaluate(rules, Event.model_validate({**base, "date": "2026-02-02"}))
    second = evaluate(rules, Event.model_validate({**base, "date": "2026-02-09"}))
    assert len(memo_of(rules).decisions) == 1
    assert [o.rule_id for o in first.obligations] == [o.rule_id for o in second.obligations]
    assert first.obligations[0].due == dt.date(2026, 2, 16)  # two weeks, each from its date
    assert second.obligations[0].due == dt.date(2026, 2, 23)


# --- due dates ------------------------------------------------------------------------------------


@given(event=events())
def test_no_due_date_precedes_the_event(event: Event) -> None:
    for region, _, result in each_region(event):
        for o in result.obligations:
            if o.due is not None:
                assert o.due >= event.date, (region, o.rule_id, o.due)


@given(event=events())
def test_statutory_due_date_is_a_working_day(event: Event) -> None:
    """Lag (1930:173) 2 §: the last day of a statutory period moves to the next weekday.
    A statutory maximum duration (``meaning: limit``) is not a last day for an act: not moved."""
    for region, _, result in each_region(event):
        for o in result.obligations:
            if o.due is None or not o.statutory or o.deadline_meaning == "limit":
                continue
            computed = o.rolled_forward_from or o.due
            assert not is_non_working(o.due), (region, o.rule_id, o.due)
            assert computed <= o.due, (region, o.rule_id, computed, o.due)
            assert all(
                is_non_working(computed + dt.timedelta(days=k))
                for k in range((o.due - computed).days)
            ), (region, o.rule_id, o.due)


@given(event=events(), days=st.integers(1, 800))
def test_due_date_is_monotone_in_the_event_date(event: Event, days: int) -> None:
    later = shifted(event, days)
    for region, rules, result in each_region(event):
        before = {o.rule_id: o.due for o in result.obligations if o.due}
        after = {o.rule_id: o.due for o in evaluate(rules, later).obligations if o.due}
        for rule_id in before.keys() & after.keys():
            assert after[rule_id] >= before[rule_id], (region, rule_id, before[rule_id])


@cache
def bundled_deadlines() -> list[Deadline]:
    found = {
        c.rule.deadline
        for rs in rule_sets().values()
        for c in rs.rules
        if c.rule.deadline is not None and c.rule.deadline.offset is not None
    }
    return sorted(found, key=repr)


def test_every_bundled_deadline_is_monotone_in_its_anchor() -> None:
    """Per deadline of every bundled rule, anchor by anchor over 2019-2027: the next day's due
    date is never earlier (month ends clamp, Lag 1930:173 1 §; roll-forward only moves later)."""
    day, last = dt.date(2019, 1, 1), dt.date(2027, 12, 31)
    deadlines = bundled_deadlines()
    previous = {d: _due(d, day) for d in deadlines}
    while day < last:
        day += dt.timedelta(days=1)
        for deadline in deadlines:
            due = _due(deadline, day)
            assert due >= previous[deadline], (deadline.offset, day, due, previous[deadline])
            previous[deadline] = due


def _due(deadline: Deadline, anchor: dt.date) -> dt.date:
    assert deadline.offset is not None
    return due_date(
        anchor, deadline.offset, statutory=deadline.statutory, limit=deadline.meaning == "limit"
    ).date


# --- who and why ----------------------------------------------------------------------------------


@given(event=events())
def test_every_obligation_names_a_responsible_party_and_a_source(event: Event) -> None:
    for region, rules, result in each_region(event):
        for o in result.obligations:
            if o.form == "requirement":  # the text names no one: neither does the result
                assert o.responsible is None, (region, o.rule_id)
            else:
                assert o.responsible is not None, (region, o.rule_id)
                assert o.responsible.principal in get_args(Principal), (region, o.rule_id)
            assert o.source.source in rules.sources, (region, o.rule_id)
            assert o.source.section.strip() and o.source_name.strip(), (region, o.rule_id)


# --- the law --------------------------------------------------------------------------------------


@given(event=events(kind="placement_started", max_age=20, health_examination_unnecessary=False))
def test_placed_under_21_always_gets_the_health_examination_notice(event: Event) -> None:
    if event.placement_form == "skyddat_boende" and event.date < SKYDDAT_BOENDE_FROM:
        return  # not covered before Lag (2024:85)
    for region, _, result in each_region(event):
        assert [o for o in result.obligations if o.duty == NOTIFY], (
            f"{region}: no {NOTIFY} (in scope: {result.in_scope}, age {event.age})"
        )


@given(event=events(kind="placement_started", health_examination_unnecessary=True))
def test_no_notice_when_the_examination_is_unnecessary(event: Event) -> None:
    for region, _, result in each_region(event):
        assert not [o.rule_id for o in result.obligations if o.duty == NOTIFY], region


@given(event=events())
def test_out_of_scope_events_get_only_national_duties(event: Event) -> None:
    for region, _, result in each_region(event):
        if not result.in_scope:
            assert {o.origin for o in result.obligations} <= {"national"}, region


@given(event=events())
def test_the_most_specific_rule_for_a_duty_takes_the_place_of_base_rules(event: Event) -> None:
    """A base rule stays beside a more specific rule of its duty only when the statute
    prevails over it, and then a conflict names the pair."""
    for region, _, result in each_region(event):
        conflicts = {(c.rule_id, c.statute_rule_id) for c in result.conflicts}
        for base in result.obligations:
            for other in result.obligations:
                if other.duty == base.duty and LEVELS[other.origin] > LEVELS[base.origin]:
                    assert (other.rule_id, base.rule_id) in conflicts, (
                        region,
                        other.rule_id,
                        base.rule_id,
                    )


@given(event=events())
def test_one_version_of_a_statutory_duty_applies(event: Event) -> None:
    """National rules of one duty are versions (old and new law, variants): at most one fires."""
    for region, rules, result in each_region(event):
        national = {c.id: c.rule.duty for c in rules.rules if c.origin == "national"}
        fired = [national[i] for i in fired_rule_ids(result) if i in national]
        assert len(fired) == len(set(fired)), (region, sorted(fired))


# An independent oracle of which rules apply: written from the rule-file model, not from the
# evaluator's compiled conditions, so that a bug in one is not mirrored in the other.

_ORDER = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}


def holds(condition: Condition, facts: dict[str, Any]) -> bool:
    value, wanted = facts[condition.fact], condition.value
    if condition.op == "eq":
        return bool(value == wanted)
    if condition.op == "ne":
        return bool(value != wanted)
    if condition.op in ("in", "not_in"):
        assert isinstance(wanted, tuple)
        return (value in wanted) == (condition.op == "in")
    assert isinstance(wanted, int)
    return value is not None and bool(_ORDER[condition.op](value, wanted))


def oracle_facts(event: Event) -> dict[str, Any]:
    day, born = event.date, event.birth_date
    # docs/events.md: whole years; born 29 February, a year older on 1 March in common years
    age = day.year - born.year - (1 if (day.month, day.day) < (born.month, born.day) else 0)
    return {
        **event.model_dump(),
        "age": age,
        "cross_region": (event.placement_region or event.home_region) != event.home_region,
        "placement_region": event.placement_region or event.home_region,
        "placement_start": event.placement_start
        or (event.date if event.kind == "placement_started" else None),
    }


def oracle_covers(scope: Scope | ScopePart, facts: dict[str, Any]) -> bool:
    """Whether a scope (or a part of one) covers the facts: an empty list covers any value."""
    return (
        (scope.age is None or scope.age.min <= facts["age"] < scope.age.below)
        and (not scope.legal_bases or facts["legal_basis"] in (None, *scope.legal_bases))
        and (not scope.placement_forms or facts["placement_form"] in (None, *scope.placement_forms))
        and not any(all(holds(c, facts) for c in ex.when) for ex in scope.exclusions)
    )


def oracle_in_scope(rules: RuleSet, facts: dict[str, Any]) -> bool:
    return rules.scope is None or oracle_covers(rules.scope, facts)


def oracle_part(rules: RuleSet, rule: Rule) -> ScopePart | None:
    """The scope part a regional rule falls in: named, else the longest part section that its
    source section equals or starts (followed by a dot or a space)."""
    parts = rules.scope.parts if rules.scope is not None else ()
    if rule.scope_part is not None:
        return next(p for p in parts if p.id == rule.scope_part)
    best: tuple[int, ScopePart] | None = None
    for part in parts:
        for section in part.sections:
            cited = rule.source.section.strip()
            inside = cited == section or cited[: len(section) + 1] in (section + ".", section + " ")
            if (
                rule.source.source == part.source
                and inside
                and (best is None or len(section) > best[0])
            ):
                best = (len(section), part)
    return best[1] if best else None


def oracle_applicable(rules: RuleSet, event: Event) -> tuple[bool, set[str]]:
    """Whether the event is in scope, and the ids of every rule that applies to it."""
    facts = oracle_facts(event)
    in_scope = oracle_in_scope(rules, facts)
    out = set()
    for compiled in rules.rules:
        rule = compiled.rule
        if rule.trigger.event != event.kind:
            continue
        if rule.in_force is not None and not rule.in_force.covers(event.date):
            continue
        if not all(holds(c, facts) for c in rule.trigger.when):
            continue
        if compiled.level > 0 and not in_scope:
            continue
        part = oracle_part(rules, rule) if compiled.level > 0 else None
        if part is not None and not oracle_covers(part, facts):
            continue
        agreement = compiled.agreement
        if (
            compiled.level > 0
            and agreement
            and not agreement_status(agreement, event.date).in_force
        ):
            continue
        out.add(rule.id)
    return in_scope, out


@given(event=events())
def test_every_applicable_rule_is_kept_or_replaced(event: Event) -> None:
    """Each rule whose trigger, dates, conditions, scope and agreement fit the event is in the
    result: as an obligation, or named as replaced by a more specific rule. No other rule is."""
    for region, rules, result in each_region(event):
        in_scope, expected = oracle_applicable(rules, event)
        assert result.in_scope == in_scope, region
        got = fired_rule_ids(result)
        assert got == expected, (
            region,
            "missing",
            sorted(expected - got),
            "unexpected",
            sorted(got - expected),
        )


@given(event=events())
def test_the_most_specific_applicable_rule_of_each_duty_is_kept(event: Event) -> None:
    """Among the rules of one duty that apply, those of the deepest file (local, then regional,
    then national) are always obligations: the agreement takes the statute's place."""
    for region, rules, result in each_region(event):
        _, applicable = oracle_applicable(rules, event)
        top: dict[str, int] = {}
        for compiled in rules.rules:
            if compiled.id in applicable:
                top[compiled.rule.duty] = max(top.get(compiled.rule.duty, -1), compiled.level)
        deepest = {c.id for c in rules.rules if c.id in applicable and c.level == top[c.rule.duty]}
        kept = {o.rule_id for o in result.obligations}
        assert deepest <= kept, (region, sorted(deepest - kept))


LOOSER_AGREEMENT = """\
format: 1
kind: regional
region: looser
name: A synthetic agreement that loosens two statutory deadlines
extends: national
sources: [{id: looser_text, kind: agreement, title: Synthetic}]
agreements:
  - id: looser_agreement
    title: Synthetic
    source: looser_text
    parties: [{name: Region, principal: region}, {name: Kommunerna, principal: kommun}]
    validity: {start: 2015-01-01, citation: {source: looser_text, section: "1"}}
scope:
  age: {below: 21}
  legal_bases: [SoL, LVU, LVM]
  placement_forms: [familjehem, jourhem, hvb, sis, stodboende, skyddat_boende]
  citation: {source: looser_text, section: "1"}
rules:
  - id: looser.decide.three_weeks
    duty: investigation.decide_whether_to_open
    relation: tightens
    title: Beslut inom tre veckor
    action: Beslut om utredning inom tre veckor.
    trigger: {event: report_of_concern}
    responsible: {principal: kommun, locus: home_municipality}
    deadline: {offset: {weeks: 3}, anchor: event_date, statutory: false}
    source: {source: looser_text, section: "2"}
  - id: looser.complete.five_months
    duty: investigation.complete
    relation: tightens
    title: Utredning inom fem månader
    action: Utredningen slutförs inom fem månader.
    trigger: {event: investigation_opened}
    responsible: {principal: kommun, locus: home_municipality}
    deadline: {offset: {months: 5}, anchor: event_date, statutory: false}
    source: {source: looser_text, section: "3"}
"""


@cache
def looser_rule_set() -> RuleSet:
    """National law plus a synthetic agreement whose deadlines are later than the statute's."""
    national = rule_sets()["national"].files[0]
    return build_rule_set([national, read_rule_file(Path("looser.yaml"), text=LOOSER_AGREEMENT)])


def test_a_conflict_that_depends_on_the_date_is_judged_per_event() -> None:
    """Three months and 30 days against the statute's four months: later than the statute
    from 3 November (3 Feb + 30 days = 5 March, after 3 March), earlier from 1 October (31
    January, before 1 February). One memoised decision serves both, resolved per event. The
    rule keeps the statute's "skyndsamt" (without it, it would loosen the statute on any date)."""
    national = rule_sets()["national"].files[0]
    text = LOOSER_AGREEMENT.replace(
        "{months: 5}, anchor: event_date, statutory: false",
        "{months: 3, days: 30}, anchor: event_date, vague: skyndsamt, statutory: false",
    )
    rules = build_rule_set([national, read_rule_file(Path("looser.yaml"), text=text)])
    base = {
        "kind": "investigation_opened",
        "birth_date": "2015-03-01",
        "home_municipality": "Linköping",
        "home_region": "looser",
    }
    november = evaluate(rules, Event.model_validate({**base, "date": "2025-11-03"}))
    october = evaluate(rules, Event.model_validate({**base, "date": "2025-10-01"}))
    assert [c.statute_rule_id for c in november.conflicts] == [
        "national.investigation.complete.sol2025"
    ]
    assert not october.conflicts
    assert {o.rule_id for o in october.obligations if o.duty == "investigation.complete"} == {
        "looser.complete.five_months"
    }
    assert len(memo_of(rules).decisions) == 1


def statutory_due(rule: Rule, facts: dict[str, Any]) -> dt.date | None:
    deadline = rule.deadline
    if deadline is None or not deadline.statutory or deadline.offset is None:
        return None
    anchor = facts["placement_start"] if deadline.anchor == "placement_start" else facts["date"]
    return None if anchor is None else _due(deadline, anchor)


@given(
    event=events(
        kind=st.sampled_from(
            ["report_of_concern", "investigation_opened", "placement_started", "placement_ended"]
        ),
        max_age=20,
    )
    | events()
)
def test_the_statute_prevails_over_a_later_agreement_deadline(event: Event) -> None:
    """An agreement's later due date never replaces a statutory one in force: the statutory
    obligation stays, and a conflict names the pair (checked on a synthetic looser agreement
    too, since no bundled agreement loosens the statute)."""
    facts = oracle_facts(event)
    results = [(region, rules, result) for region, rules, result in each_region(event)]
    results.append(("looser", looser_rule_set(), evaluate(looser_rule_set(), event)))
    for region, rules, result in results:
        _, applicable = oracle_applicable(rules, event)
        kept = {o.rule_id for o in result.obligations}
        conflicts = {(c.rule_id, c.statute_rule_id) for c in result.conflicts}
        for statute in rules.rules:
            due = statutory_due(statute.rule, facts)
            if statute.level != 0 or statute.id not in applicable or due is None:
                continue
            limit = statute.rule.deadline is not None and statute.rule.deadline.meaning == "limit"
            for o in result.obligations:
                if o.duty != statute.rule.duty or o.rule_id == statute.id or o.due is None:
                    continue
                if (o.due != due) if limit else (o.due > due):
                    assert statute.id in kept and (o.rule_id, statute.id) in conflicts, (
                        region,
                        o.rule_id,
                        o.due,
                        statute.id,
                        due,
                    )


@cache
def _national_window() -> tuple[frozenset[str], dt.date, dt.date]:
    """National rules changing on 2025-07-01, and the dates between which no other rule changes."""
    national = rule_sets()["national"].rules
    boundary = frozenset(
        c.id
        for c in national
        if c.rule.in_force is not None
        and (
            c.rule.in_force.start == LAW_CHANGE
            or c.rule.in_force.end == LAW_CHANGE - dt.timedelta(days=1)
        )
    )
    edges = set()
    for c in national:
        if c.id in boundary or c.rule.in_force is None:
            continue
        if c.rule.in_force.start is not None:
            edges.add(c.rule.in_force.start)
        if c.rule.in_force.end is not None:
            edges.add(c.rule.in_force.end + dt.timedelta(days=1))
    low = max((e for e in edges if e < LAW_CHANGE), default=dt.date(2019, 1, 1))
    high = max(LAW_CHANGE, min((e for e in edges if e > LAW_CHANGE), default=dt.date(2027, 12, 31)))
    return boundary, max(low, dt.date(2019, 1, 1)), high - dt.timedelta(days=1)


def test_the_law_change_window_is_not_empty() -> None:
    boundary, low, high = _national_window()
    assert boundary and low < LAW_CHANGE <= high


@given(data=st.data())
def test_crossing_the_law_change_changes_only_rules_dated_on_it(data: st.DataObject) -> None:
    boundary, low, high = _national_window()
    event = data.draw(events(min_date=low, max_date=LAW_CHANGE - dt.timedelta(days=1)), "event")
    days = data.draw(st.integers((LAW_CHANGE - event.date).days, (high - event.date).days), "days")
    later = shifted(event, days)
    assume(later.age == event.age)
    for region, rules, result in each_region(event):
        national = {c.id for c in rules.rules if c.origin == "national"}
        before = fired_rule_ids(result) & national
        after = fired_rule_ids(evaluate(rules, later)) & national
        assert before ^ after <= boundary, (region, sorted((before ^ after) - boundary))


# --- the rule files -------------------------------------------------------------------------------


@cache
def shuffled(region: str, seed: int) -> RuleSet:
    """The region's rule set rebuilt with every file's rules in a random order."""
    rng = random.Random(seed)
    chain: list[LoadedFile] = []
    for loaded in rule_sets()[region].files:
        order = list(loaded.model.rules)
        rng.shuffle(order)
        chain.append(
            dataclasses.replace(loaded, model=loaded.model.model_copy(update={"rules": order}))
        )
    return build_rule_set(chain)


def canonical(result: Evaluation) -> dict[str, Any]:
    """The result with the lists that follow file order (not_applied, conflicts, warnings,
    supersedes) sorted: obligations are already sorted by the evaluator."""
    data = result.to_dict()
    data["not_applied"] = sorted(data["not_applied"], key=lambda n: n["rule_id"])
    data["conflicts"] = sorted(
        data["conflicts"], key=lambda c: (c["rule_id"], c["statute_rule_id"])
    )
    data["warnings"] = sorted(data["warnings"])
    for obligation in data["obligations"]:
        obligation["supersedes"] = sorted(obligation["supersedes"])
    return data


@given(event=events(), seed=st.integers(0, 7))
def test_evaluation_does_not_depend_on_rule_order(event: Event, seed: int) -> None:
    for region, _, result in each_region(event):
        assert canonical(result) == canonical(evaluate(shuffled(region, seed), event)), region


@pytest.mark.parametrize("path", list(iter_rule_files(bundled_rules_dir())), ids=lambda p: p.name)
def test_rule_file_round_trips_through_the_model(path: Path) -> None:
    model = read_rule_file(path).model
    assert RuleFile.model_validate(model.model_dump()) == model
    assert RuleFile.model_validate_json(model.model_dump_json()) == model
