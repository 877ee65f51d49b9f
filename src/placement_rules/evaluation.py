"""The evaluator: one validated event in, the obligations it creates out.

:func:`evaluate` is pure and deterministic: it reads the immutable :class:`RuleSet` and the frozen
:class:`Event` and so may be called from many threads at once. Conditions were compiled when the
rules were loaded. What it remembers between calls is a cache, never state: per rule set, one
private :class:`_Memo` (owned by this module, bounded, thread-safe) holding, per date, the
agreements' statuses and the decision tables of the date's class, and per class and event kind
the decisions by banded facts (:mod:`placement_rules.decisions`) and by outcome; a stored
decision is the one a fresh computation gives (docs/engine.md says how it is built).
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any, Final, NamedTuple

from .calendar import DueDate, DueDates, due_dates
from .decisions import matcher
from .events import FACT_ATTRIBUTES, Event
from .models import Citation, Deadline, Scope, ScopePart
from .municipalities import municipality_warnings
from .results import Conflict, Evaluation, NotApplied, Obligation, Places, ScopePartResult
from .ruleset import AgreementsOn, CompiledRule, RuleSet
from .validity import moved
from .vocabulary import EVENT_KIND_LABELS, EVENT_KINDS, VAGUE_URGENCY

_DUE: Final = attrgetter("due_date.date")
"""The due date of a dated obligation (the sort key of the dated obligations)."""
_EVENT_LABELS: Final[dict[str, str]] = {k: f"event: {v}" for k, v in EVENT_KIND_LABELS.items()}


def law_in_force(rules: RuleSet, day: dt.date) -> str | None:
    """The social services act in force on ``day``, as the rule set's national file names it."""
    return rules.law_in_force(day)


def event_facts(event: Event) -> dict[str, Any]:
    """The facts conditions test, computed once per evaluation."""
    facts = dict(event.__dict__)
    for fact, attribute in FACT_ATTRIBUTES.items():
        facts[fact] = getattr(event, attribute)
    return facts


def scope_check(
    rules: RuleSet, event: Event, facts: dict[str, Any]
) -> tuple[bool, tuple[str, ...]]:
    """Whether the regional agreement covers the event, and if not, every reason why."""
    scope = rules.scope
    if scope is None:
        return True, ()
    reasons = list(_coverage_gaps(scope, event, facts["age"], _cite(rules, scope.citation)))
    for exclusion in rules.exclusions:
        if exclusion.matches(facts):
            reasons.append(f"{exclusion.reason} ({_cite(rules, exclusion.citation)})")
    return not reasons, tuple(reasons)


# --- scope per part of the agreement (scope.parts) -------------------------------------------


def scope_part_checks(
    rules: RuleSet, event: Event, facts: dict[str, Any]
) -> tuple[ScopePartResult, ...]:
    """Whether the event is inside each part of the agreement with a scope of its own."""
    out = []
    for compiled in rules.scope_parts:
        part = compiled.part
        reasons = list(_coverage_gaps(part, event, facts["age"], None))
        for exclusion in compiled.exclusions:
            if exclusion.matches(facts):
                reasons.append(f"{exclusion.reason} ({_cite(rules, exclusion.citation)})")
        out.append(ScopePartResult(part.id, part.label, not reasons, tuple(reasons)))
    return tuple(out)


def _outside_part(rules: RuleSet, part: ScopePartResult) -> str:
    """Why a rule of a part the event is outside is not applied."""
    (compiled,) = [p for p in rules.scope_parts if p.id == part.part_id]
    where = _cite(rules, compiled.part.citation)
    return f"outside {part.label} of the agreement ({where}): {'; '.join(part.reasons)}"


def _coverage_gaps(
    scope: Scope | ScopePart, event: Event, age: int, where: str | None
) -> Iterator[str]:
    """How the event falls outside a scope's ages, legal bases and placement forms (an empty
    list covers every value, and an event without the value passes); ``where`` cites the scope
    in each reason (a part's reasons are cited once, by :func:`_outside_part`)."""
    cite = f" ({where})" if where else ""
    ages = scope.age
    if ages is not None and not ages.min <= age < ages.below:
        yield f"age {age} is outside the agreement's ages {ages.min}-{ages.below - 1}{cite}"
    bases = scope.legal_bases
    if bases and event.legal_basis is not None and event.legal_basis not in bases:
        covers = f"covers {', '.join(bases)}" + (f"; {where}" if where else "")
        yield f"legal basis {event.legal_basis} is not covered ({covers})"
    forms = scope.placement_forms
    if forms and event.placement_form is not None and event.placement_form not in forms:
        yield f"placement form {event.placement_form} is not covered{cite}"


def _cite(rules: RuleSet, citation: Citation) -> str:
    source = rules.sources.get(citation.source)
    name = source.name if source else citation.source
    return f"{name} {citation.section}"


class _DueRule(NamedTuple):
    """How to compute a dated deadline: from which anchor, and the deadline's due dates by
    anchor (:func:`~placement_rules.calendar.due_dates`)."""

    from_placement_start: bool
    dates: DueDates


class _Planned(NamedTuple):
    """A rule that gives an obligation, with what precedence decided for it."""

    compiled: CompiledRule
    due_rule: _DueRule | None
    """From its own deadline, or the one of the base rule it replaces when it states none;
    ``None`` when that deadline has no offset (vague only) or there is none."""
    agreement_id: str | None
    supersedes: tuple[str, ...]
    inherited: CompiledRule | None


class _Resolution(NamedTuple):
    """The rules that give obligations (in duty and rule id order) and the conflicts."""

    planned: tuple[_Planned, ...]
    conflicts: tuple[Conflict, ...]
    warnings: tuple[str, ...]


class _Decision(NamedTuple):
    """What an event decides apart from its dates: scope, which rules fire, which do not and
    why, and (when no conflict check compares dates) which give way to which."""

    in_scope: bool
    scope_reasons: tuple[str, ...]
    fired: tuple[CompiledRule, ...]
    not_applied: tuple[NotApplied, ...]
    resolution: _Resolution | None
    """``None`` when a conflict check compares due dates: resolved per event."""
    scope_parts: tuple[ScopePartResult, ...] = ()
    agreement_off: tuple[tuple[int, str], ...] = ()
    """(index in ``not_applied``, agreement id) of the rules not applied because their
    agreement is not in force: the reason names the date, so it is filled in per event."""


MAX_DECISIONS: Final[int] = 65536
"""Decisions memoised per table (one per kind, period and agreements off) before the table
starts afresh (a few hundred in practice)."""
MAX_DATES: Final[int] = 16384
"""Dates whose agreement statuses are memoised per rule set before that memo starts afresh
(about 45 years of days)."""

MAX_PLACES: Final[int] = 65536
"""Combinations of municipalities and regions whose places are memoised per rule set."""

_Table = dict[Hashable, _Decision]


class _Day(NamedTuple):
    """What evaluation needs of one date: the agreements' statuses, the act in force, and per
    event kind the decision tables of the date's class (period and agreements not in force):
    by banded facts, and by what the facts decide (:func:`_decide`)."""

    agreements: AgreementsOn
    law: str | None
    tables: Mapping[str, _Table]
    by_outcome: Mapping[str, _Table]
    period: int


class _Span(NamedTuple):
    """A span of days on which everything evaluation reads of a date is the same but for the
    day the agreements' statuses name (:meth:`RuleSet.unchanged_around`): a new date inside
    it costs a bisect and its statuses moved to it, not their computation."""

    first: dt.date
    last: dt.date
    day: _Day


def _first(span: _Span) -> dt.date:
    return span.first


class _Tables:
    """Every decision table of one rule set, keyed by (period, agreements off): per event kind,
    the decisions by banded facts. Emptied in place, so the days that share a table keep it."""

    __slots__ = ("_by_class", "_by_outcome")

    def __init__(self) -> None:
        self._by_class: dict[Hashable, dict[str, _Table]] = {}
        self._by_outcome: dict[Hashable, dict[str, _Table]] = {}

    def of(
        self, period: int, off: tuple[tuple[str, str | None], ...]
    ) -> tuple[dict[str, _Table], dict[str, _Table]]:
        """The tables of one class (the period, and the agreements not in force with the
        reasons that do not name the date): by banded facts, and by outcome."""
        key = (period, off)
        found = self._by_class.get(key)
        if found is None:
            self._by_outcome.setdefault(key, {k: {} for k in EVENT_KINDS})
            found = self._by_class.setdefault(key, {k: {} for k in EVENT_KINDS})
        return found, self._by_outcome[key]

    def __len__(self) -> int:
        """The decisions stored by banded facts."""
        return sum(len(t) for tables in self._by_class.values() for t in tables.values())

    def clear(self) -> None:
        for by in (self._by_class, self._by_outcome):
            for tables in list(by.values()):
                for table in tables.values():
                    table.clear()


class _Memo:
    """Evaluation's caches for one rule set: per date what evaluation needs of it, and the
    decision tables.

    Bounded (a full cache is emptied and starts afresh) and thread-safe without a lock: a dict's
    ``get`` and item assignment are atomic, and the values are immutable, so two threads that
    compute the same entry at once store equal values."""

    __slots__ = (
        "_lock",
        "days",
        "decisions",
        "keys",
        "matchers",
        "places",
        "plans",
        "scopes",
        "spans",
    )

    def __init__(self, keys: Mapping[str, Callable[[Event], Hashable]] | None = None) -> None:
        self.keys: dict[str, Callable[[Event], Hashable]] = dict(keys or {})
        """The rule set's banded key function per event kind (a plain dict: read per event)."""
        self.plans: dict[Hashable, _Planned] = {}
        """Per rule id (and the ids of the rules it replaces): how it gives its obligation
        (:func:`_plan`); bounded by the rule set's rules and their supersessions."""
        self.matchers: dict[
            tuple[str, int],
            tuple[tuple[CompiledRule, ...], Callable[[Event], tuple[bool, ...]]],
        ] = {}
        """Per event kind and period: the candidate rules and whether each one's conditions
        hold (:func:`~placement_rules.decisions.matcher`)."""
        self.decisions = _Tables()
        self.scopes: dict[Hashable, _ScopeAnswers] = {}
        """The scope's answers by the rule set's scope facts (:func:`_scope_answers`)."""
        self.days: dict[dt.date, _Day] = {}
        self.spans: list[_Span] = []
        """The spans of days met so far, sorted and disjoint (:class:`_Span`); bounded as
        ``days`` is."""
        self._lock = threading.Lock()
        """Held to add a span (a list insert and its bisect must not interleave)."""
        self.places: dict[tuple[str, str | None, str, str], tuple[Places, tuple[str, ...]]] = {}
        """Per (home municipality, placement municipality, home region, placement region):
        the event's :class:`Places` and the municipality warnings (both pure in those four):
        one shared object for every event of the same places."""

    def places_of(self, rules: RuleSet, event: Event) -> tuple[Places, tuple[str, ...]]:
        """The places of ``event`` and its municipality warnings, memoised (bounded)."""
        home, placed = event.home_municipality, event.placement_municipality
        region, placement_region = event.home_region, event.effective_placement_region
        key = (home, placed, region, placement_region)
        found = self.places.get(key)
        if found is None:
            places = Places(home, placed, region, placement_region, rules.region)
            found = (places, municipality_warnings(region, home, placement_region, placed))
            if len(self.places) >= MAX_PLACES:
                self.places.clear()
            self.places[key] = found
        return found

    def day(self, rules: RuleSet, day: dt.date) -> _Day:
        found = self.days.get(day)
        if found is None:
            found = self._in_span(rules, day)
            if len(self.days) >= MAX_DATES:
                self.days.clear()
            self.days[day] = found
        return found

    def _in_span(self, rules: RuleSet, day: dt.date) -> _Day:
        """What evaluation needs of a date: from the span of days it falls in (its statuses
        moved to the date), or computed, with its span, for a date outside every known span."""
        spans = self.spans  # only ever grows, or is replaced whole (so an index stays valid)
        i = bisect_right(spans, day, key=_first) - 1
        if i >= 0:
            span = spans[i]
            if span.first <= day <= span.last:
                known = span.day
                statuses = tuple(
                    moved(s, a, day)
                    for s, a in zip(known.agreements.statuses, rules.agreements, strict=True)
                )
                agreements = known.agreements.on_day(statuses, rules.agreements_region)
                return known._replace(agreements=agreements)
        agreements = rules.agreements_on(day)
        period = rules.period(day)
        tables, by_outcome = self.decisions.of(period, agreements.fixed_off)
        found = _Day(agreements, rules.law_in_force(day), tables, by_outcome, period)
        first, last = rules.unchanged_around(day, agreements.statuses)
        with self._lock:
            spans = self.spans
            if len(spans) >= MAX_DATES:
                # a new list, not cleared in place: a reader may hold an index into the old one
                spans = self.spans = []
            i = bisect_right(spans, day, key=_first)
            if not (i and spans[i - 1].last >= day):
                spans.insert(i, _Span(first, last, found))
        return found


_ScopeAnswers = tuple[bool, tuple[str, ...], tuple[ScopePartResult, ...]]


def _scope_answers(
    scopes: dict[Hashable, _ScopeAnswers], rules: RuleSet, event: Event
) -> tuple[Hashable, _ScopeAnswers]:
    """The event's scope key (the banded values of the rule set's scope facts; ``None``: no
    key) and whether the agreement and each of its parts cover the event, and why not:
    memoised by that key (bounded)."""
    key_of = rules.scope_facts
    key = key_of(event) if key_of is not None else None
    found = scopes.get(key) if key is not None else None
    if found is None:
        facts = event_facts(event)
        in_scope, reasons = scope_check(rules, event, facts)
        found = (in_scope, reasons, scope_part_checks(rules, event, facts))
        if key is not None:
            if len(scopes) >= MAX_DECISIONS:
                scopes.clear()
            scopes[key] = found
    return key, found


def _decide(
    table: _Table,
    key: Hashable,
    rules: RuleSet,
    event: Event,
    day: _Day,
    memo: _Memo,
) -> _Decision:
    """The decision for banded facts ``key`` not yet in ``table``: taken from the class's
    table by outcome (the scope's answers and which candidate rules' conditions hold: many
    combinations of facts share one) or computed, and stored in both (bounded)."""
    kind = event.kind
    scoped = _scope_answers(memo.scopes, rules, event)[1]
    which = (kind, day.period)
    found_match = memo.matchers.get(which)
    if found_match is None:
        candidates = rules.by_period.get(which, ())
        found_match = (candidates, matcher([c.conditions for c in candidates]))
        found_match = memo.matchers.setdefault(which, found_match)
    candidates, match = found_match
    matched = match(event)
    outcome = (scoped, matched)  # the answers, not the key: many scope keys answer alike
    by_outcome = day.by_outcome[kind]
    found = by_outcome.get(outcome)
    if found is None:
        fired = [c for c, hit in zip(candidates, matched, strict=True) if hit]
        found = _decision(rules, event, day.agreements, scoped, fired, memo.plans)
        _store(by_outcome, outcome, found)
    _store(table, key, found)
    return found


def _store(table: _Table, key: Hashable, decision: _Decision) -> None:
    if len(table) >= MAX_DECISIONS:
        table.clear()
    table[key] = decision


class _Memos:
    """One :class:`_Memo` per live rule set, dropped when the rule set is garbage-collected."""

    def __init__(self) -> None:
        self.by_rules: dict[int, tuple[weakref.ref[RuleSet], _Memo]] = {}
        """id of a rule set -> (a weak reference to it, its memo); read by :func:`evaluate`
        without a call (a hit), written under the lock by :meth:`of`."""
        self._lock = threading.Lock()

    def of(self, rules: RuleSet) -> _Memo:
        entry = self.by_rules.get(id(rules))
        if entry is not None and entry[0]() is rules:
            return entry[1]
        with self._lock:
            entry = self.by_rules.get(id(rules))
            if entry is not None and entry[0]() is rules:
                return entry[1]
            memo = _Memo(rules.decision_facts_by_kind)
            key = id(rules)
            self.by_rules[key] = (weakref.ref(rules, lambda _: self._forget(key)), memo)
            return memo

    def _forget(self, key: int) -> None:
        with self._lock:
            entry = self.by_rules.get(key)
            if entry is not None and entry[0]() is None:
                del self.by_rules[key]


_MEMOS: Final[_Memos] = _Memos()


def evaluate(rules: RuleSet, event: Event) -> Evaluation:
    """The obligations ``event`` creates under ``rules``, with why each applies.

    Which rules fire, and which give way to which, depends on the event's kind, the period of
    rule in-force dates its date falls in, the agreements not in force on it and the bands of
    the facts the conditions test, not on the date itself or the exact values: that decision
    is taken once per such class and kept in a table (see docs/engine.md); due dates and the
    output are computed for every event."""
    day = event.date
    entry = _MEMOS.by_rules.get(id(rules))
    memo = entry[1] if entry is not None and entry[0]() is rules else _MEMOS.of(rules)
    found = memo.days.get(day)
    if found is None:
        found = memo.day(rules, day)
    agreements, law, tables, _, _ = found
    kind = event.kind
    key = memo.keys[kind](event)
    table = tables[kind]
    decision = table.get(key)
    if decision is None:
        decision = _decide(table, key, rules, event, found, memo)
    # one unpacking, not seven named-tuple attribute reads
    in_scope, scope_reasons, fired, not_applied, resolution, scope_parts, off = decision
    if resolution is None:
        resolution = _resolution(fired, event, memo.plans)
    if off:
        not_applied = _with_agreement_reasons(not_applied, off, agreements)
    # Named tuples are built with tuple.__new__ and every field in order: calling the class
    # runs a Python-level __new__ (evaluate runs by the million).
    new = tuple.__new__
    home_region = event.home_region
    places_key = (
        event.home_municipality,
        event.placement_municipality,
        home_region,
        event.placement_region or home_region,  # Event.effective_placement_region
    )
    known = memo.places.get(places_key)
    if known is None:
        known = memo.places_of(rules, event)
    places, place_warnings = known
    label = _EVENT_LABELS[kind]
    summaries = agreements.summaries
    start = event.placement_start  # Event.effective_placement_start
    if start is None and kind == "placement_started":
        start = day
    dated: list[Obligation] = []
    undated: list[Obligation] = []
    for compiled, due_rule, agreement, supersedes, inherited in resolution.planned:
        due = None
        if due_rule is not None:
            from_start, dates = due_rule
            anchor = start if from_start else day
            if anchor is not None:
                due = dates[anchor]
        obligation = new(
            Obligation,
            (
                compiled,
                due,
                places,
                label,
                summaries.get(agreement) if agreement else None,
                supersedes,
                inherited,
                day,
            ),
        )
        (undated if due is None else dated).append(obligation)
    if len(dated) > 1:
        dated.sort(key=_DUE)  # stable: duty and rule id order within a due date
    # the undated sort last (as if due on date.max), in duty and rule id order
    return new(
        Evaluation,
        (
            rules.region,
            kind,
            day,
            law,
            agreements.statuses,
            in_scope,
            scope_reasons,
            tuple(dated + undated) if undated and dated else tuple(dated or undated),
            not_applied,
            resolution.conflicts,
            agreements.warnings + resolution.warnings + place_warnings,
            scope_parts,
        ),
    )


def _with_agreement_reasons(
    not_applied: tuple[NotApplied, ...],
    positions: tuple[tuple[int, str], ...],
    agreements: AgreementsOn,
) -> tuple[NotApplied, ...]:
    """``not_applied`` with the reason each rule's agreement is not in force on the date."""
    out = list(not_applied)
    reasons = agreements.not_in_force
    new = tuple.__new__
    for index, agreement in positions:
        out[index] = new(NotApplied, (out[index][0], reasons[agreement]))
    return tuple(out)


def _decision(
    rules: RuleSet,
    event: Event,
    agreements: AgreementsOn,
    scoped: _ScopeAnswers,
    matching: Sequence[CompiledRule],
    plans: dict[Hashable, _Planned] | None = None,
) -> _Decision:
    """The decision for an event whose scope answers are ``scoped`` and whose candidate rules
    with conditions that hold are ``matching`` (in candidate order)."""
    not_in_force = agreements.not_in_force
    fixed = dict(agreements.fixed_off)  # the reasons every day of the decision's class shares
    in_scope, reasons, parts = scoped
    # why a rule of a part the event is outside is not applied: one text per part
    outside = {p.part_id: _outside_part(rules, p) for p in parts if not p.in_scope}
    fired: list[CompiledRule] = []
    not_applied: list[NotApplied] = []
    off: set[str] = set()  # rules whose agreement is off: the reason is the date's, per event
    for compiled in matching:
        if compiled.level > 0:
            if not in_scope:
                not_applied.append(NotApplied(compiled.id, "event outside the agreement's scope"))
                continue
            outside_part = outside.get(compiled.scope_part or "")
            if outside_part is not None:
                not_applied.append(NotApplied(compiled.id, outside_part))
                continue
            if compiled.agreement is not None and compiled.agreement.id in not_in_force:
                reason = fixed.get(compiled.agreement.id)
                if reason is None:  # it names the date: filled in per event
                    off.add(compiled.id)
                    reason = compiled.agreement.id
                not_applied.append(NotApplied(compiled.id, reason))
                continue
        fired.append(compiled)
    dated = any(loosens_whatever_the_date(w, base) is None for w, base in _contests(fired))
    ordered = sorted(not_applied, key=lambda n: n.rule_id)
    return _Decision(
        in_scope,
        reasons,
        tuple(fired),
        tuple(ordered),
        None if dated else _resolution(fired, event, plans),
        parts,
        tuple((i, n.reason) for i, n in enumerate(ordered) if n.rule_id in off),
    )


def _resolution(
    fired: Sequence[CompiledRule], event: Event, plans: dict[Hashable, _Planned] | None = None
) -> _Resolution:
    """Which rules give obligations and the conflicts; ``plans`` keeps each rule's plan (by
    the rule and the rules it replaces: the same for every event) across decisions."""
    kept, superseded_by, conflicts = _resolve(fired, event)
    planned = []
    for compiled in sorted(kept, key=_duty_and_id):
        replaced = superseded_by.get(compiled.id, ())
        if plans is None:
            planned.append(_plan(compiled, replaced))
            continue
        key = (compiled.id, tuple([r.id for r in replaced])) if replaced else compiled.id
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = _plan(compiled, replaced)
        planned.append(plan)
    ordered = tuple(sorted(conflicts, key=lambda c: (c.rule_id, c.statute_rule_id)))
    return _Resolution(tuple(planned), ordered, tuple(sorted(c.message for c in conflicts)))


def _duty_and_id(compiled: CompiledRule) -> tuple[str, str]:
    return compiled.duty, compiled.id


def _by_contested_duty(
    fired: Sequence[CompiledRule],
) -> tuple[list[CompiledRule], list[list[CompiledRule]]]:
    """The fired rules whose duty no other level has, and the others grouped by duty."""
    alone: list[CompiledRule] = []
    by_duty: dict[str, list[CompiledRule]] = {}
    for compiled in fired:
        if compiled.contested:
            by_duty.setdefault(compiled.duty, []).append(compiled)
        else:
            alone.append(compiled)
    return alone, list(by_duty.values())


def _contests(fired: Sequence[CompiledRule]) -> Iterator[tuple[CompiledRule, CompiledRule]]:
    """Each (winner, base) pair :func:`_resolve` tests with :func:`loosens`: per contested
    duty, every rule of the top level against every rule of a lower one."""
    for group in _by_contested_duty(fired)[1]:
        top = max(c.level for c in group)
        for base in group:
            if base.level != top:
                yield from ((w, base) for w in group if w.level == top)


def loosens_whatever_the_date(candidate: CompiledRule, statute: CompiledRule) -> bool | None:
    """What :func:`loosens` answers on every event, when that does not depend on the event's
    dates; otherwise ``None`` (then each event is judged on its own due dates).

    A period adds its years and months first, then its weeks and days. From the same anchor
    (the event's date: a placement start may be missing on one event and not on another), with
    the same number of months the due dates differ by the days alone; with different months
    and no days, more months is always a later date (a month-end clipped to a shorter month is
    still later)."""
    base, mine = statute.rule.deadline, candidate.rule.deadline
    if base is None or not base.statutory or mine is None:
        return False
    if drops_vague_term(mine, base):
        return True
    if mine.offset is None or base.offset is None:
        return _less_urgent(mine, base)
    if base.anchor != "event_date" or mine.anchor != "event_date":
        return None
    ours, theirs = mine.offset, base.offset
    our_months, their_months = ours.years * 12 + ours.months, theirs.years * 12 + theirs.months
    our_days, their_days = ours.weeks * 7 + ours.days, theirs.weeks * 7 + theirs.days
    if our_months == their_months:
        later, differ = our_days > their_days, our_days != their_days
    elif our_days == their_days == 0:
        later, differ = our_months > their_months, True
    else:
        return None
    return differ if base.meaning == "limit" else later


def _resolve(
    fired: Sequence[CompiledRule], event: Event
) -> tuple[list[CompiledRule], dict[str, tuple[CompiledRule, ...]], list[Conflict]]:
    """Let the most specific file's rules for a duty take the place of the base files' rules.

    A base rule with a statutory deadline stays, and a conflict is reported, when the rule that
    would replace it loosens that deadline (a later due date, another limit, a less urgent term).
    """
    kept, groups = _by_contested_duty(fired)
    superseded: dict[str, tuple[CompiledRule, ...]] = {}
    conflicts: list[Conflict] = []
    for group in groups:
        if len(group) == 1:
            kept.append(group[0])
            continue
        top = max(c.level for c in group)
        winners = [c for c in group if c.level == top]
        kept.extend(winners)
        replaced: dict[str, list[CompiledRule]] = {}
        for base in group:
            if base.level == top:
                continue
            contradicting = [w for w in winners if loosens(w, base, event)]
            conflicts.extend(_conflict(w, base, event.date) for w in contradicting)
            if contradicting:
                kept.append(base)
            for winner in winners:
                # identity, not ==: comparing compiled rules compares their pydantic models
                if not any(w is winner for w in contradicting):
                    replaced.setdefault(winner.id, []).append(base)
        for winner_id, bases in replaced.items():
            superseded[winner_id] = tuple(sorted(bases, key=lambda c: (c.level, c.id)))
    return kept, superseded, conflicts


def _computed_due(deadline: Deadline | None, event: Event) -> DueDate | None:
    return _due_on(_due_rule(deadline), event)


def _due_on(due_rule: _DueRule | None, event: Event) -> DueDate | None:
    """The due date from the deadline's anchor on ``event``; ``None`` without an offset or
    when the event lacks the anchor date."""
    if due_rule is None:
        return None
    anchor = event.effective_placement_start if due_rule.from_placement_start else event.date
    return due_rule.dates[anchor] if anchor is not None else None


def loosens(candidate: CompiledRule, statute: CompiledRule, event: Event) -> bool:
    """Whether ``candidate``'s deadline contradicts ``statute``'s statutory deadline: a later
    dated deadline, another end for a limit, a less urgent vague term (genast before utan
    dröjsmål), or a dated deadline without the statute's vague term beside its date."""
    base = statute.rule.deadline
    mine_deadline = candidate.rule.deadline
    if base is None or not base.statutory or mine_deadline is None:
        return False
    if drops_vague_term(mine_deadline, base):
        return True
    mine = _computed_due(mine_deadline, event)
    theirs = _computed_due(base, event)
    if mine is not None and theirs is not None:
        if base.meaning == "limit":
            return mine.computed != theirs.computed
        return mine.computed > theirs.computed
    return _less_urgent(mine_deadline, base)


# --- a statutory vague term dropped by a replacing rule ----------------------------------------


def drops_vague_term(mine: Deadline, base: Deadline) -> bool:
    """Whether a dated deadline leaves out the statute's vague term next to its date, or puts a
    less urgent one there ("skyndsamt och senast inom fyra månader" restated as "inom fyra
    månader"): the statute's term binds as well as its date, so that loosens it whatever the
    dates (a term the urgency scale does not rank is compared only when it is left out)."""
    if base.offset is None or base.vague is None or mine.offset is None:
        return False
    if mine.vague is None:
        return True
    mine_rank, their_rank = VAGUE_URGENCY.get(mine.vague), VAGUE_URGENCY.get(base.vague)
    return mine_rank is not None and their_rank is not None and mine_rank > their_rank


def _less_urgent(mine: Deadline, base: Deadline) -> bool:
    """Whether two vague-only deadlines rank ``mine`` less urgent (False when either has an
    offset: a dated deadline and a vague one are not compared)."""
    if mine.offset is not None or base.offset is not None:
        return False
    mine_rank = VAGUE_URGENCY.get(mine.vague or "")
    their_rank = VAGUE_URGENCY.get(base.vague or "")
    return mine_rank is not None and their_rank is not None and mine_rank > their_rank


def _conflict(rule: CompiledRule, statute: CompiledRule, day: dt.date) -> Conflict:
    mine = rule.rule.deadline
    theirs = statute.rule.deadline
    mine_text = mine.describe() if mine else "no deadline"
    theirs_text = theirs.describe() if theirs else "no deadline"
    basis = "; ".join(statute.legal_basis_on(day)) or statute.rule.source.section
    reason = next((a.reason for a in rule.rule.acknowledged if a.statute_rule == statute.id), None)
    return Conflict(
        rule_id=rule.id,
        statute_rule_id=statute.id,
        message=(
            f"{rule.id} ({rule.rule.source.section}) says {mine_text}, but {basis} in force on the "
            f"event date says {theirs_text}; the statute prevails and its obligation is kept"
            + ("; the rule file records this contradiction on purpose" if reason else "")
        ),
        acknowledged=reason,
    )


def _plan(compiled: CompiledRule, replaced: tuple[CompiledRule, ...]) -> _Planned:
    agreement = compiled.agreement.id if compiled.agreement is not None else None
    if not replaced:
        return _Planned(compiled, _due_rule(compiled.rule.deadline), agreement, (), None)
    inherited = replaced[0]
    deadline = compiled.rule.deadline
    if deadline is None:
        deadline = inherited.rule.deadline
    return _Planned(
        compiled, _due_rule(deadline), agreement, tuple([r.id for r in replaced]), inherited
    )


def _due_rule(deadline: Deadline | None) -> _DueRule | None:
    if deadline is None or deadline.offset is None:
        return None
    period = deadline.offset
    return _DueRule(
        deadline.anchor == "placement_start",
        due_dates(
            period.years,
            period.months,
            period.weeks,
            period.days,
            deadline.statutory,
            deadline.meaning == "limit",
        ),
    )
