"""The compiled decision equals a naive reference evaluation, on random events of every region.

The reference below reads the rule files' models and decides condition by condition, rule by
rule, on each event afresh: no bands, no tables, no memo, and no function of the engine
(:mod:`placement_rules.evaluation`, :mod:`placement_rules.decisions`, the compiled predicates).
It uses only data the compiler stores on each rule (level, agreement, scope part, first and last
day in force), the agreements' statuses on the date and the calendar's due dates.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, NamedTuple

from hypothesis import given, settings

from placement_rules.calendar import due_date
from placement_rules.evaluation import evaluate
from placement_rules.events import Event
from placement_rules.models import Condition, Deadline, Scope, ScopePart
from placement_rules.regions import load_all
from placement_rules.ruleset import CompiledRule, RuleSet
from placement_rules.testing import events, register_profiles
from placement_rules.vocabulary import VAGUE_URGENCY

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RULE_SETS = load_all()


class Expected(NamedTuple):
    obligations: list[tuple[str, tuple[Any, ...], dt.date | None]]
    """(rule id, (principal, unit, locus), due date) in the order results list them."""
    not_applied: list[str]
    conflicts: list[tuple[str, str]]
    in_scope: bool


def facts_of(event: Event) -> dict[str, Any]:
    day, born = event.date, event.birth_date
    facts = dict(event.model_dump())
    facts["age"] = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    facts["placement_region"] = event.placement_region or event.home_region
    facts["cross_region"] = facts["placement_region"] != event.home_region
    start = event.placement_start
    if start is None and event.kind == "placement_started":
        start = day
    facts["placement_start"] = start
    return facts


def holds(condition: Condition, facts: dict[str, Any]) -> bool:
    value, wanted, op = facts[condition.fact], condition.value, condition.op
    if op == "eq":
        return bool(value == wanted)
    if op == "ne":
        return bool(value != wanted)
    if op == "in":
        return value in wanted
    if op == "not_in":
        return value not in wanted
    if value is None:
        return False
    return {"lt": value < wanted, "le": value <= wanted, "gt": value > wanted}.get(
        op, value >= wanted
    )


def inside(scope: Scope | ScopePart, facts: dict[str, Any]) -> bool:
    age = scope.age
    if age is not None and not (age.min <= facts["age"] < age.below):
        return False
    basis, form = facts["legal_basis"], facts["placement_form"]
    if scope.legal_bases and basis is not None and basis not in scope.legal_bases:
        return False
    if scope.placement_forms and form is not None and form not in scope.placement_forms:
        return False
    return not any(all(holds(c, facts) for c in ex.when) for ex in scope.exclusions)


def anchor_of(deadline: Deadline, facts: dict[str, Any]) -> dt.date | None:
    if deadline.anchor == "placement_start":
        start: dt.date | None = facts["placement_start"]
        return start
    day: dt.date = facts["date"]
    return day


def due_of(deadline: Deadline | None, facts: dict[str, Any]) -> Any:
    if deadline is None or deadline.offset is None:
        return None
    anchor = anchor_of(deadline, facts)
    if anchor is None:
        return None
    return due_date(
        anchor, deadline.offset, statutory=deadline.statutory, limit=deadline.meaning == "limit"
    )


def rank(term: str | None) -> int | None:
    return VAGUE_URGENCY.get(term or "")


def contradicts(mine: Deadline | None, base: Deadline | None, facts: dict[str, Any]) -> bool:
    """Whether a replacing rule's deadline loosens the base rule's statutory one."""
    if base is None or not base.statutory or mine is None:
        return False
    if base.offset is not None and base.vague is not None and mine.offset is not None:
        if mine.vague is None:
            return True
        mine_rank, their_rank = rank(mine.vague), rank(base.vague)
        if mine_rank is not None and their_rank is not None and mine_rank > their_rank:
            return True
    ours, theirs = due_of(mine, facts), due_of(base, facts)
    if ours is not None and theirs is not None:
        if base.meaning == "limit":
            return bool(ours.computed != theirs.computed)
        return bool(ours.computed > theirs.computed)
    if mine.offset is not None or base.offset is not None:
        return False
    mine_rank, their_rank = rank(mine.vague), rank(base.vague)
    return mine_rank is not None and their_rank is not None and mine_rank > their_rank


def reference(rules: RuleSet, event: Event) -> Expected:
    facts = facts_of(event)
    day = event.date
    scope = rules.scope
    in_scope = scope is None or inside(scope, facts)
    parts = {p.part.id: inside(p.part, facts) for p in rules.scope_parts}
    statuses = rules.agreement_statuses(day)
    on = {s.agreement_id for s in statuses if s.in_force}
    off = {s.agreement_id for s in statuses if not s.in_force and s.continued_by not in on}
    levels_of_duty: dict[str, set[int]] = {}
    for compiled in rules.rules:
        levels_of_duty.setdefault(compiled.rule.duty, set()).add(compiled.level)
    fired: list[CompiledRule] = []
    not_applied: list[str] = []
    for compiled in rules.rules:
        rule = compiled.rule
        if rule.trigger.event != event.kind:
            continue
        if not (compiled.first_day <= day <= compiled.last_day):
            continue
        if not all(holds(c, facts) for c in rule.trigger.when):
            continue
        if compiled.level > 0:
            part_ok = compiled.scope_part is None or parts[compiled.scope_part]
            agreement_ok = compiled.agreement is None or compiled.agreement.id not in off
            if not (in_scope and part_ok and agreement_ok):
                not_applied.append(rule.id)
                continue
        fired.append(compiled)
    kept: list[CompiledRule] = []
    replaced: dict[str, list[CompiledRule]] = {}
    conflicts: list[tuple[str, str]] = []
    for compiled in fired:
        duty = compiled.rule.duty
        same = [c for c in fired if c.rule.duty == duty]
        top = max(c.level for c in same)
        if len(levels_of_duty[duty]) < 2 or compiled.level == top:
            kept.append(compiled)
            continue
        winners = [c for c in same if c.level == top]
        loosening = [
            w for w in winners if contradicts(w.rule.deadline, compiled.rule.deadline, facts)
        ]
        conflicts.extend((w.rule.id, compiled.rule.id) for w in loosening)
        if loosening:
            kept.append(compiled)
        for winner in winners:
            if winner not in loosening:
                replaced.setdefault(winner.rule.id, []).append(compiled)
    kept.sort(key=lambda c: (c.rule.duty, c.rule.id))
    rows = []
    for compiled in kept:
        deadline = compiled.rule.deadline
        bases = sorted(replaced.get(compiled.rule.id, []), key=lambda c: (c.level, c.rule.id))
        if deadline is None and bases:
            deadline = bases[0].rule.deadline
        due = due_of(deadline, facts)
        party = compiled.rule.responsible
        who = (party.principal, party.unit, party.locus) if party is not None else ()
        rows.append((compiled.rule.id, who, due.date if due is not None else None))
    rows.sort(key=lambda row: row[2] or dt.date.max)
    return Expected(rows, sorted(not_applied), sorted(conflicts), in_scope)


def compiled(rules: RuleSet, event: Event) -> Expected:
    result = evaluate(rules, event)
    rows = []
    for o in result.obligations:
        party = o.compiled.rule.responsible
        who = (party.principal, party.unit, party.locus) if party is not None else ()
        rows.append((o.rule_id, who, o.due_date.date if o.due_date is not None else None))
    return Expected(
        rows,
        [n.rule_id for n in result.not_applied],
        sorted((c.rule_id, c.statute_rule_id) for c in result.conflicts),
        result.in_scope,
    )


@given(events())
def test_the_compiled_decision_equals_the_reference(event: Event) -> None:
    for region, rules in RULE_SETS.items():
        assert compiled(rules, event) == reference(rules, event), region


@given(events(kind=["placement_started", "placement_ended", "investigation_opened"]))
def test_the_reference_agrees_on_events_sharing_a_warm_table(event: Event) -> None:
    """The same event twice, and its twin a week later: the second answer comes from the
    decision tables and still equals the reference."""
    later = event.model_copy(update={"date": event.date + dt.timedelta(days=7)})
    for region, rules in RULE_SETS.items():
        evaluate(rules, event)
        assert compiled(rules, event) == reference(rules, event), region
        if later.date <= dt.date(2090, 12, 31):
            assert compiled(rules, later) == reference(rules, later), region


@given(events(min_age=17, max_age=22))
def test_the_reference_agrees_at_the_age_limits(event: Event) -> None:
    """Ages around the bands the rules and scopes cut (18, 21)."""
    for region, rules in RULE_SETS.items():
        assert compiled(rules, event) == reference(rules, event), region
