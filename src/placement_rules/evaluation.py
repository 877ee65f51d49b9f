"""The evaluator: one validated event in, the obligations it creates out.

:func:`evaluate` is pure and deterministic: it reads only the immutable :class:`RuleSet` and the
frozen :class:`Event`, keeps no state between calls, and so may be called from many threads at
once. Conditions were compiled when the rules were loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, NamedTuple

from .calendar import DueDate, cached_due_date, iso
from .events import FACT_ATTRIBUTES, Event
from .models import Citation, CostBearer, Deadline, Responsible, Source
from .ruleset import AgreementsOn, CompiledRule, RuleSet
from .validity import AgreementStatus
from .vocabulary import EVENT_KIND_LABELS, VAGUE_URGENCY

NEW_SOL_START: Final[dt.date] = dt.date(2025, 7, 1)
_EVENT_LABELS: Final[dict[str, str]] = {k: f"event: {v}" for k, v in EVENT_KIND_LABELS.items()}


def law_in_force(day: dt.date) -> str:
    """The social services act in force on ``day``."""
    return "Socialtjänstlag (2025:400)" if day >= NEW_SOL_START else "Socialtjänstlag (2001:453)"


@dataclass(frozen=True, slots=True)
class Party:
    principal: str
    unit: str | None
    locus: str | None
    resolved: str | None
    """The municipality or region the locus points to for this event, when the event says."""

    def describe(self) -> str:
        text = self.principal
        if self.resolved:
            text += f" ({self.resolved})"
        if self.unit:
            text += f": {self.unit}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"principal": self.principal, "unit": self.unit, "locus": self.locus,
                "resolved": self.resolved}


class Places(NamedTuple):
    """The municipalities and regions an event names, to resolve a party's locus."""

    hemkommun: str
    vistelsekommun: str | None
    hemregion: str
    placeringsregion: str
    avtalsregion: str

    def resolve(self, party: Responsible | CostBearer) -> Party:
        locus = party.locus
        resolved = getattr(self, locus) if locus is not None else None
        unit = party.unit if isinstance(party, Responsible) else None
        return Party(party.principal, unit, locus, resolved)


class Obligation(NamedTuple):
    """One duty an event creates. Rule-level facts are read from the compiled rule, so building
    an obligation costs little; the per-event values are the due date, places and reasons.
    Immutable (a named tuple: the cheapest immutable object to build in CPython)."""

    compiled: CompiledRule
    due_date: DueDate | None
    places: Places
    event_label: str
    agreement_summary: str | None
    supersedes: tuple[str, ...]
    inherited: CompiledRule | None = None
    """The base rule this one replaces; it lends its deadline and cost bearer where this rule
    states none (the agreement only names the unit, say: the statute's deadline still binds)."""

    def _deadline_rule(self) -> CompiledRule:
        if self.compiled.rule.deadline is None and self.inherited is not None:
            return self.inherited
        return self.compiled

    def _cost_rule(self) -> CompiledRule:
        if self.compiled.rule.cost_bearer is None and self.inherited is not None:
            return self.inherited
        return self.compiled

    @property
    def rule_id(self) -> str:
        return self.compiled.rule.id

    @property
    def duty(self) -> str:
        return self.compiled.rule.duty

    @property
    def origin(self) -> str:
        return self.compiled.origin

    @property
    def relation(self) -> str:
        return self.compiled.rule.relation

    @property
    def title(self) -> str:
        return self.compiled.rule.title

    @property
    def action(self) -> str:
        return self.compiled.rule.action

    @property
    def responsible(self) -> Party:
        return self.places.resolve(self.compiled.rule.responsible)

    @property
    def convener(self) -> Party | None:
        convener = self.compiled.rule.convener
        return self.places.resolve(convener) if convener else None

    @property
    def cost_bearer(self) -> Party | None:
        cost = self._cost_rule().rule.cost_bearer
        return self.places.resolve(cost) if cost else None

    @property
    def cost_note(self) -> str | None:
        cost = self._cost_rule().rule.cost_bearer
        return cost.note if cost else None

    @property
    def due(self) -> dt.date | None:
        return self.due_date.date if self.due_date else None

    @property
    def vague(self) -> str | None:
        return self._deadline_rule().vague_label

    @property
    def deadline_text(self) -> str | None:
        return self._deadline_rule().deadline_text

    @property
    def statutory(self) -> bool | None:
        deadline = self._deadline_rule().rule.deadline
        return deadline.statutory if deadline else None

    @property
    def deadline_meaning(self) -> str | None:
        deadline = self._deadline_rule().rule.deadline
        return deadline.meaning if deadline else None

    @property
    def rolled_forward_from(self) -> dt.date | None:
        due = self.due_date
        return due.computed if due and due.rolled_forward else None

    @property
    def due_on_non_working_day(self) -> bool:
        return self.due_date.falls_on_non_working_day if self.due_date else False

    @property
    def deadline_policy(self) -> str | None:
        return self.due_date.policy if self.due_date else None

    @property
    def legal_basis(self) -> tuple[str, ...]:
        return tuple(self.compiled.rule.legal_basis)

    @property
    def source(self) -> Citation:
        return self.compiled.rule.source

    @property
    def source_name(self) -> str:
        """What citations call the source document: its short name, else its title."""
        return self.compiled.source_name

    @property
    def source_title(self) -> str:
        """The cited document's full title (its file is in :attr:`source_document`)."""
        return self.compiled.source_document.title

    @property
    def source_document(self) -> Source:
        """The cited document: title, file under the shared folder, issuer."""
        return self.compiled.source_document

    @property
    def because(self) -> tuple[str, ...]:
        """Why the obligation applies: the event, each condition met, dates, agreement."""
        parts = [self.event_label, *self.compiled.static_because]
        if self.agreement_summary:
            parts.append(self.agreement_summary)
        if self.supersedes:
            parts.append(f"takes the place of {', '.join(self.supersedes)} ({self.relation})")
        for what, lender in (("deadline", self._deadline_rule()), ("cost bearer", self._cost_rule())):
            if lender is not self.compiled:
                parts.append(f"{what} from {lender.id}: this rule states none")
        deadline = self._deadline_rule().rule.deadline
        if deadline is not None and deadline.offset is not None and self.due_date is None:
            parts.append(f"due date unknown: the event gives no {deadline.anchor}")
        return tuple(parts)

    def to_dict(self) -> dict[str, Any]:
        convener, cost = self.convener, self.cost_bearer
        return {
            "rule_id": self.rule_id,
            "duty": self.duty,
            "origin": self.origin,
            "relation": self.relation,
            "title": self.title,
            "action": self.action,
            "responsible": self.responsible.to_dict(),
            "convener": convener.to_dict() if convener else None,
            "due": self.due.isoformat() if self.due else None,
            "vague_deadline": self.vague,
            "deadline": self.deadline_text,
            "statutory": self.statutory,
            "deadline_meaning": self.deadline_meaning,
            "rolled_forward_from": iso(self.rolled_forward_from),
            "due_on_non_working_day": self.due_on_non_working_day,
            "deadline_policy": self.deadline_policy,
            "cost_bearer": cost.to_dict() if cost else None,
            "cost_note": self.cost_note,
            "legal_basis": list(self.legal_basis),
            "source": source_dict(self),
            "because": list(self.because),
            "supersedes": list(self.supersedes),
        }


def source_dict(obligation: Obligation) -> dict[str, Any]:
    """An obligation's source as JSON: the document's id, the name citations use, its title
    and file, and the section and quote cited."""
    document, cited = obligation.source_document, obligation.source
    return {"document": cited.source, "name": document.name, "title": document.title,
            "file": document.file, "section": cited.section, "quote": cited.quote}


class Conflict(NamedTuple):
    """A regional rule that the statute in force on the event date contradicts."""

    rule_id: str
    statute_rule_id: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "statute_rule_id": self.statute_rule_id,
                "message": self.message}


class NotApplied(NamedTuple):
    rule_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "reason": self.reason}


class Evaluation(NamedTuple):
    """The result of evaluating one event. Immutable."""

    region: str
    event_kind: str
    event_date: dt.date
    law_in_force: str
    agreements: tuple[AgreementStatus, ...]
    in_scope: bool
    scope_reasons: tuple[str, ...]
    obligations: tuple[Obligation, ...]
    not_applied: tuple[NotApplied, ...]
    conflicts: tuple[Conflict, ...]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "event": {"kind": self.event_kind, "date": self.event_date.isoformat()},
            "law_in_force": self.law_in_force,
            "agreements": [a.to_dict() for a in self.agreements],
            "in_scope": self.in_scope,
            "scope_reasons": list(self.scope_reasons),
            "obligations": [o.to_dict() for o in self.obligations],
            "not_applied": [n.to_dict() for n in self.not_applied],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "warnings": list(self.warnings),
        }


def event_facts(event: Event) -> dict[str, Any]:
    """The facts conditions test, computed once per evaluation."""
    facts = dict(event.__dict__)
    for fact, attribute in FACT_ATTRIBUTES.items():
        facts[fact] = getattr(event, attribute)
    return facts


def scope_check(rules: RuleSet, event: Event, facts: dict[str, Any]) -> tuple[bool, tuple[str, ...]]:
    """Whether the regional agreement covers the event, and if not, every reason why."""
    scope = rules.scope
    if scope is None:
        return True, ()
    reasons = []
    age = facts["age"]
    if not scope.age.min <= age < scope.age.below:
        reasons.append(f"age {age} is outside the agreement's ages "
                       f"{scope.age.min}-{scope.age.below - 1} ({_cite(rules, scope.citation)})")
    if event.legal_basis is not None and event.legal_basis not in scope.legal_bases:
        reasons.append(f"legal basis {event.legal_basis} is not covered "
                       f"(covers {', '.join(scope.legal_bases)}; {_cite(rules, scope.citation)})")
    if event.placement_form is not None and event.placement_form not in scope.placement_forms:
        reasons.append(f"placement form {event.placement_form} is not covered "
                       f"({_cite(rules, scope.citation)})")
    for exclusion in rules.exclusions:
        if exclusion.matches(facts):
            reasons.append(f"{exclusion.reason} ({_cite(rules, exclusion.citation)})")
    return not reasons, tuple(reasons)


def _cite(rules: RuleSet, citation: Citation) -> str:
    source = rules.sources.get(citation.source)
    name = source.name if source else citation.source
    return f"{name} {citation.section}"


class _DueRule(NamedTuple):
    """How to compute a dated deadline: from which anchor, and the arguments of
    :func:`~placement_rules.calendar.cached_due_date` after the anchor."""

    from_placement_start: bool
    args: tuple[int, int, int, int, bool, bool]


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


MAX_DECISIONS: Final[int] = 65536
"""Decisions memoised per rule set before the memo starts afresh (a few hundred in practice)."""


def evaluate(rules: RuleSet, event: Event) -> Evaluation:
    """The obligations ``event`` creates under ``rules``, with why each applies.

    Which rules fire, and which give way to which, depends on the event's kind, the period of
    rule in-force dates its date falls in, the agreements not in force on it and the facts the
    conditions test, not on the date itself: that decision is memoised per rule set under
    exactly those keys (a thread-safe dict of immutable values); due dates are computed for
    every event."""
    day = event.date
    agreements = rules.agreements_on(day)
    decision = _decide(rules, event, agreements)
    resolution = decision.resolution
    if resolution is None:
        resolution = _resolution(decision.fired, event)
    # Named tuples are built with tuple.__new__ and every field in order: calling the class
    # runs a Python-level __new__ (about 1,300 more instructions each; evaluate runs by the
    # million).
    new = tuple.__new__
    places = new(Places, (event.home_municipality, event.placement_municipality,
                          event.home_region, event.effective_placement_region, rules.region))
    label = _EVENT_LABELS[event.kind]
    summaries = agreements.summaries
    obligations = [new(Obligation, (compiled, _due_on(due_rule, event), places, label,
                                    summaries.get(agreement) if agreement else None,
                                    supersedes, inherited))
                   for compiled, due_rule, agreement, supersedes, inherited in resolution.planned]
    obligations.sort(key=_due_order)  # stable: duty and rule id order within a due date
    return new(Evaluation, (
        rules.region, event.kind, day, law_in_force(day), agreements.statuses,
        decision.in_scope, decision.scope_reasons, tuple(obligations), decision.not_applied,
        resolution.conflicts, agreements.warnings + resolution.warnings))


def _decide(rules: RuleSet, event: Event, agreements: AgreementsOn) -> _Decision:
    """The event's decision, from the rule set's memo or computed (see :func:`evaluate`)."""
    kind, day = event.kind, event.date
    key = (kind, rules.period(day), agreements.off, rules.decision_facts(kind)(event))
    memo = rules.decisions
    found: _Decision | None = memo.get(key)
    if found is None:
        found = _decision(rules, event, agreements)
        if len(memo) >= MAX_DECISIONS:
            memo.clear()
        memo[key] = found
    return found


def _decision(rules: RuleSet, event: Event, agreements: AgreementsOn) -> _Decision:
    facts = event_facts(event)
    not_in_force = agreements.not_in_force
    in_scope, reasons = scope_check(rules, event, facts)
    fired: list[CompiledRule] = []
    not_applied: list[NotApplied] = []
    for compiled in rules.candidates(event.kind, event.date):
        if not compiled.matches(facts):
            continue
        if compiled.level > 0:
            if not in_scope:
                not_applied.append(NotApplied(compiled.id, "event outside the agreement's scope"))
                continue
            if compiled.agreement is not None and compiled.agreement.id in not_in_force:
                not_applied.append(NotApplied(compiled.id, not_in_force[compiled.agreement.id]))
                continue
        fired.append(compiled)
    dated = any(loosens_whatever_the_date(w, base) is None for w, base in _contests(fired))
    return _Decision(in_scope, reasons, tuple(fired),
                     tuple(sorted(not_applied, key=lambda n: n.rule_id)),
                     None if dated else _resolution(fired, event))


def _resolution(fired: Sequence[CompiledRule], event: Event) -> _Resolution:
    kept, superseded_by, conflicts = _resolve(fired, event)
    planned = tuple(_plan(c, superseded_by.get(c.id, ()))
                    for c in sorted(kept, key=_duty_and_id))
    ordered = tuple(sorted(conflicts, key=lambda c: (c.rule_id, c.statute_rule_id)))
    return _Resolution(planned, ordered, tuple(sorted(c.message for c in conflicts)))


def _duty_and_id(compiled: CompiledRule) -> tuple[str, str]:
    return compiled.duty, compiled.id


def _due_order(o: Obligation) -> dt.date:
    due = o.due_date
    return due.date if due else dt.date.max


def _by_contested_duty(fired: Sequence[CompiledRule]
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


def _resolve(fired: Sequence[CompiledRule], event: Event
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
            conflicts.extend(_conflict(w, base) for w in contradicting)
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
    return cached_due_date(anchor, *due_rule.args) if anchor is not None else None


def loosens(candidate: CompiledRule, statute: CompiledRule, event: Event) -> bool:
    """Whether ``candidate``'s deadline contradicts ``statute``'s statutory deadline: a later
    dated deadline, another end for a limit, or a less urgent vague term (genast < utan dröjsmål)."""
    base = statute.rule.deadline
    mine_deadline = candidate.rule.deadline
    if base is None or not base.statutory or mine_deadline is None:
        return False
    mine = _computed_due(mine_deadline, event)
    theirs = _computed_due(base, event)
    if mine is not None and theirs is not None:
        if base.meaning == "limit":
            return mine.computed != theirs.computed
        return mine.computed > theirs.computed
    return _less_urgent(mine_deadline, base)


def _less_urgent(mine: Deadline, base: Deadline) -> bool:
    """Whether two vague-only deadlines rank ``mine`` less urgent (False when either has an
    offset: a dated deadline and a vague one are not compared)."""
    if mine.offset is not None or base.offset is not None:
        return False
    mine_rank = VAGUE_URGENCY.get(mine.vague or "")
    their_rank = VAGUE_URGENCY.get(base.vague or "")
    return mine_rank is not None and their_rank is not None and mine_rank > their_rank


def _conflict(rule: CompiledRule, statute: CompiledRule) -> Conflict:
    mine = rule.rule.deadline
    theirs = statute.rule.deadline
    mine_text = mine.describe() if mine else "no deadline"
    theirs_text = theirs.describe() if theirs else "no deadline"
    basis = "; ".join(statute.rule.legal_basis) or statute.rule.source.section
    return Conflict(
        rule_id=rule.id,
        statute_rule_id=statute.id,
        message=(
            f"{rule.id} ({rule.rule.source.section}) says {mine_text}, but {basis} in force on the "
            f"event date says {theirs_text}; the statute prevails and its obligation is kept"
        ),
    )


def _plan(compiled: CompiledRule, replaced: tuple[CompiledRule, ...]) -> _Planned:
    agreement = compiled.agreement.id if compiled.agreement is not None else None
    if not replaced:
        return _Planned(compiled, _due_rule(compiled.rule.deadline), agreement, (), None)
    inherited = replaced[0]
    deadline = compiled.rule.deadline
    if deadline is None:
        deadline = inherited.rule.deadline
    return _Planned(compiled, _due_rule(deadline), agreement, tuple([r.id for r in replaced]),
                    inherited)


def _due_rule(deadline: Deadline | None) -> _DueRule | None:
    if deadline is None or deadline.offset is None:
        return None
    period = deadline.offset
    return _DueRule(deadline.anchor == "placement_start",
                    (period.years, period.months, period.weeks, period.days,
                     deadline.statutory, deadline.meaning == "limit"))

