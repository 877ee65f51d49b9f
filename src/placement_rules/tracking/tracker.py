"""Case tracking: the status, on a business date, of every obligation a case's events incurred.

A *case* is a log of dated :class:`~placement_rules.events.Event` objects about one child. Each
event is evaluated with :func:`~placement_rules.evaluation.evaluate`; each obligation it incurs is
then matched against the case's *fulfilment events*, which the rule files name in their
``fulfilment:`` sections (event kind -> duty keys, with optional conditions). The matching rule
(the reference oracle is :mod:`.oracle`; :mod:`.durable` does the same with the
durable-rules engine): a fulfilment event fulfils the earliest still-open obligation of each duty
it names that was incurred on or before its date.

Statuses as of ``as_of`` (a business date passed in, never the wall clock):

- ``met_on_time``: met on or before the due date (a statutory due date already rolled forward
  under Lag 1930:173 2 §); ``met_late``: met after it (``days_late``).
- ``met``: met, and the deadline is vague only (*skyndsamt*, *genast*...): no date to judge by.
- ``pending``: not met, due date not passed (``due``); ``overdue``: not met, due date passed
  (``days_overdue``).
- ``open``: not met and no fixed date (vague deadline, or the event lacks the anchor date).
- ``untracked``: no fulfilment entry names the duty (standing duties such as cost allocation):
  shown, never counted as done or missed.

``deadline_meaning: limit`` (a measure may last *at most* until the date, e.g. the follow-up after
a placement ends): the obligation is met by its fulfilment event (``follow_up_ended``) on or before
the date (``met_on_time``), ``met_late`` if the follow-up ended after it; without that event it
is ``open`` up to and including the date and ``overdue`` after it. A follow-up that was never
started therefore shows as overdue after the limit until a ``follow_up_ended`` event is logged:
the log must record the end (or the decision not to follow up) to close it.

Events dated after ``as_of`` have not happened yet on that date: they are left out and counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Final, Literal, NamedTuple, get_args

from ..calendar import iso
from ..errors import TrackingError
from ..evaluation import evaluate, event_facts
from ..events import Event
from ..results import Conflict, Evaluation, Obligation, source_dict
from ..ruleset import RuleSet
from .oracle import CaseFacts, FulfilmentFact, Matches, ObligationFact
from .oracle import correlate_many as oracle_correlate_many

Status = Literal["met_on_time", "met_late", "met", "pending", "overdue", "open", "untracked"]
STATUSES: Final[tuple[str, ...]] = get_args(Status)
TRACKED_STATUSES: Final[tuple[str, ...]] = tuple(s for s in STATUSES if s != "untracked")
Engine = Literal["auto", "durable", "python"]
"""``durable``: durable-rules correlates (extra ``[tracking]``); ``python``: the plain-Python
reference (:mod:`.oracle`); ``auto``: durable-rules when it is installed, else python.
Both give the same reports (tested on generated logs)."""
ENGINES: Final[tuple[str, ...]] = get_args(Engine)


class ObligationStatus(NamedTuple):
    """One obligation of a case and where it stands on the ``as_of`` date (a named tuple:
    immutable and cheap to build, since an audit builds millions)."""

    rank: int
    obligation: Obligation
    incurred: dt.date
    trigger: str
    """The kind of the event that incurred it."""
    status: Status
    met_on: dt.date | None = None
    met_by: str | None = None
    """The kind of the event that met it."""
    days_late: int | None = None
    days_overdue: int | None = None
    event: Event | None = None
    """The event that incurred it (the contract derives the obligation's id from it)."""

    @property
    def duty(self) -> str:
        return self.obligation.duty

    @property
    def rule_id(self) -> str:
        return self.obligation.rule_id

    @property
    def due(self) -> dt.date | None:
        return self.obligation.due

    @property
    def citation(self) -> str:
        """Where the duty comes from: document, section, and the legal basis."""
        return citation_of(self.obligation)

    def to_dict(self) -> dict[str, Any]:
        ob = self.obligation
        return {
            "rule_id": ob.rule_id,
            "duty": ob.duty,
            "title": ob.title,
            "origin": ob.origin,
            "trigger": self.trigger,
            "incurred": self.incurred.isoformat(),
            "due": iso(ob.due),
            "vague_deadline": ob.vague,
            "deadline": ob.deadline_text,
            "deadline_meaning": ob.deadline_meaning,
            "statutory": ob.statutory,
            "rolled_forward_from": iso(ob.rolled_forward_from),
            "status": self.status,
            "met_on": iso(self.met_on),
            "met_by": self.met_by,
            "days_late": self.days_late,
            "days_overdue": self.days_overdue,
            "responsible": ob.responsible_text,
            "citation": self.citation,
            "source": source_dict(ob),
        }


@dataclass(frozen=True, slots=True)
class UnmatchedFulfilment:
    """A fulfilment event that found no open obligation of a duty it names (a note, not an
    error: e.g. a second SIP meeting, or an act done before anything required it)."""

    kind: str
    date: dt.date
    duty: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date.isoformat(), "duty": self.duty}


@dataclass(frozen=True)
class CaseReport:
    case_id: str
    region: str
    home_municipality: str
    as_of: dt.date
    engine: str
    obligations: tuple[ObligationStatus, ...]
    unmatched: tuple[UnmatchedFulfilment, ...]
    events_considered: int
    events_after_as_of: int
    warnings: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        found: Counter[str] = Counter(o.status for o in self.obligations)
        return {status: found.get(status, 0) for status in STATUSES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "region": self.region,
            "home_municipality": self.home_municipality,
            "as_of": self.as_of.isoformat(),
            "engine": self.engine,
            "events_considered": self.events_considered,
            "events_after_as_of": self.events_after_as_of,
            "counts": self.counts(),
            "obligations": [o.to_dict() for o in self.obligations],
            "unmatched_fulfilments": [u.to_dict() for u in self.unmatched],
            "warnings": list(self.warnings),
        }


class _Incurred(NamedTuple):
    obligation: Obligation
    event: Event
    fact: ObligationFact | None
    """The fact a correlator sees; ``None`` when no fulfilment names the duty (untracked)."""


class _Claim(NamedTuple):
    fact: FulfilmentFact
    event: Event


@dataclass(frozen=True)
class PreparedCase:
    """A case evaluated and reduced to the facts a correlator needs."""

    case_id: str
    rules: RuleSet
    as_of: dt.date
    incurred: tuple[_Incurred, ...]
    claims: tuple[_Claim, ...]
    events_considered: int
    events_after_as_of: int
    home_municipality: str
    warnings: tuple[str, ...]

    def facts(self) -> CaseFacts:
        return (
            [i.fact for i in self.incurred if i.fact is not None],
            [c.fact for c in self.claims],
        )


def citation_of(obligation: Obligation) -> str:
    """An obligation's source document and section, with its legal basis."""
    text = f"{obligation.source_name} {obligation.source.section}"
    basis = "; ".join(obligation.legal_basis)
    return f"{text} ({basis})" if basis else text


def tracked_duties(rules: RuleSet) -> frozenset[str]:
    """The duties some fulfilment entry of the rule set names."""
    return frozenset(d for entries in rules.fulfilments.values() for e in entries for d in e.duties)


_DATE = attrgetter("date")
_new = tuple.__new__
"""Builds the hot paths' named tuples from every field in order: no Python-level ``__new__``,
which calling the class would run."""


def order_events(events: Iterable[Event]) -> list[Event]:
    """The log in date order; events on the same date keep their order in the input."""
    return sorted(events, key=_DATE)


def prepare(
    rules: RuleSet,
    case_events: Sequence[Event],
    as_of: dt.date,
    *,
    case_id: str = "",
    tracked: frozenset[str] | None = None,
) -> PreparedCase:
    """Evaluate a case's events up to ``as_of`` and collect its obligations and fulfilments."""
    if not case_events:
        raise TrackingError("the case has no events")  # never the case id: a caller's key
    _check_same_child(case_events, case_id)
    duties = tracked if tracked is not None else tracked_duties(rules)
    ordered = order_events(case_events)
    considered = [e for e in ordered if e.date <= as_of]
    incurred: list[_Incurred] = []
    claims: list[_Claim] = []
    warnings: dict[str, None] = {}
    triggers, fulfilments = rules.by_event, rules.fulfilments
    for event in considered:
        kind = event.kind
        if kind in triggers:
            result = evaluate(rules, event)
            if result.warnings:
                warnings.update(dict.fromkeys(result.warnings))
            _add_obligations(incurred, result, event, duties)
        if kind in fulfilments:
            day = event.date.toordinal()
            for duty in _claimed_duties(rules, event):
                claims.append(_new(_Claim, (_new(FulfilmentFact, (len(claims), duty, day)), event)))
    return PreparedCase(
        case_id=case_id,
        rules=rules,
        as_of=as_of,
        incurred=tuple(incurred),
        claims=tuple(claims),
        events_considered=len(considered),
        events_after_as_of=len(ordered) - len(considered),
        home_municipality=ordered[0].home_municipality,
        warnings=tuple(warnings),
    )


def _add_obligations(
    incurred: list[_Incurred], result: Evaluation, event: Event, duties: frozenset[str]
) -> None:
    """Append an evaluation's obligations, each with the fact a correlator sees when some
    fulfilment names its duty (ranked by its place in the case)."""
    day = event.date.toordinal()
    acts = _conflicting_rules(result.conflicts) if result.conflicts else None
    first_of_duty: dict[str, int] = {}
    for ob in result.obligations:
        compiled = ob.compiled
        duty = compiled.duty
        if duty not in duties:
            incurred.append(_new(_Incurred, (ob, event, None)))
            continue
        rank = len(incurred)
        group = first_of_duty.setdefault(duty, rank) if acts and compiled.id in acts else None
        incurred.append(
            _new(_Incurred, (ob, event, _new(ObligationFact, (rank, duty, day, group))))
        )


def _conflicting_rules(conflicts: Sequence[Conflict]) -> frozenset[str]:
    """The rules of an evaluation whose obligations are one act with two deadlines: a
    statute's rule kept beside the rule that would loosen it (see :mod:`.oracle`)."""
    return frozenset(c.rule_id for c in conflicts) | frozenset(c.statute_rule_id for c in conflicts)


def _check_same_child(events: Sequence[Event], case_id: str) -> None:
    births = {e.birth_date for e in events}
    if len(births) > 1:
        raise TrackingError(
            f"the case's events give {len(births)} different "
            "birth dates; a case is the log of one child"
        )


def _claimed_duties(rules: RuleSet, event: Event) -> list[str]:
    """The duties ``event`` fulfils under the rule set's fulfilment entries (each once)."""
    entries = rules.fulfilments.get(event.kind)
    if not entries:
        return []
    facts: dict[str, Any] | None = None
    duties: dict[str, None] = {}
    for entry in entries:
        if entry.conditions:
            facts = facts if facts is not None else event_facts(event)
            if not entry.matches(facts):
                continue
        duties.update(dict.fromkeys(entry.duties))
    return list(duties)


def classify(
    obligation: Obligation, met_on: dt.date | None, as_of: dt.date, tracked: bool
) -> tuple[Status, int | None, int | None]:
    """The status, days late and days overdue of one obligation (see the module docstring)."""
    due_date = obligation.due_date  # not the ``due`` property: one Python frame less a status
    due = due_date.date if due_date is not None else None
    if not tracked:
        return "untracked", None, None
    if met_on is not None:
        if due is None:
            return "met", None, None
        if met_on <= due:
            return "met_on_time", None, None
        return "met_late", (met_on - due).days, None
    if due is None:
        return "open", None, None
    if as_of <= due:
        return ("open" if obligation.deadline_meaning == "limit" else "pending"), None, None
    return "overdue", None, (as_of - due).days


def judge(case: PreparedCase, matches: Matches, engine: str) -> CaseReport:
    """Turn a prepared case and its matches into the report."""
    claims, as_of = case.claims, case.as_of  # a claim's seq is its place in the tuple
    statuses = []
    for rank, (obligation, event, fact) in enumerate(case.incurred):
        seq = matches.get(rank)
        met = claims[seq].event if seq is not None else None
        met_on = met.date if met is not None else None
        status, late, overdue = classify(obligation, met_on, as_of, fact is not None)
        statuses.append(
            _new(
                ObligationStatus,
                (
                    rank,
                    obligation,
                    event.date,
                    event.kind,
                    status,
                    met_on,
                    met.kind if met is not None else None,
                    late,
                    overdue,
                    event,
                ),
            )
        )
    used = set(matches.values())
    unmatched = tuple(
        UnmatchedFulfilment(c.event.kind, c.event.date, c.fact.duty)
        for c in claims
        if c.fact.seq not in used
    )
    return CaseReport(
        case_id=case.case_id,
        region=case.rules.region,
        home_municipality=case.home_municipality,
        as_of=as_of,
        engine=engine,
        obligations=tuple(statuses),
        unmatched=unmatched,
        events_considered=case.events_considered,
        events_after_as_of=case.events_after_as_of,
        warnings=case.warnings,
    )


def correlate_prepared(cases: Sequence[PreparedCase], engine: str) -> list[Matches]:
    """The matches of each case, by the chosen engine (see :func:`resolve_engine`)."""
    facts = [case.facts() for case in cases]
    if resolve_engine(engine) == "python":
        return oracle_correlate_many(facts)
    from .durable import correlate_many

    by_rules: dict[int, list[int]] = {}
    for i, case in enumerate(cases):
        by_rules.setdefault(id(case.rules), []).append(i)
    out: list[Matches] = [{} for _ in cases]
    for indexes in by_rules.values():
        found = correlate_many(cases[indexes[0]].rules, [facts[i] for i in indexes])
        for i, matches in zip(indexes, found, strict=True):
            out[i] = matches
    return out


def resolve_engine(engine: str) -> str:
    """The engine that will run: ``auto`` is durable-rules when installed, else python."""
    if engine not in ENGINES:
        raise TrackingError(f"unknown tracking engine '{engine}' (choose {', '.join(ENGINES)})")
    if engine == "auto":
        from .durable import available

        return "durable" if available() else "python"
    return engine


def track(
    rules: RuleSet,
    case_events: Sequence[Event],
    as_of: dt.date,
    *,
    engine: str = "auto",
    case_id: str = "",
) -> CaseReport:
    """The status on ``as_of`` of every obligation the case's events incurred."""
    engine = resolve_engine(engine)
    case = prepare(rules, case_events, as_of, case_id=case_id)
    return judge(case, correlate_prepared([case], engine)[0], engine)


def track_many(
    cases: Iterable[tuple[str, RuleSet, Sequence[Event]]],
    as_of: dt.date,
    *,
    engine: str = "auto",
    batch_size: int = 16,
) -> Iterator[CaseReport]:
    """Track many cases lazily, ``batch_size`` at a time (each batch is correlated in one call
    into the engine).

    The default batch is small because a batch's prepared cases stay alive until it is judged,
    and the more objects outlive the garbage collector's young generations, the more often it
    walks them."""
    engine = resolve_engine(engine)
    tracked: dict[int, tuple[RuleSet, frozenset[str]]] = {}
    batch: list[PreparedCase] = []
    for case_id, rules, events in cases:
        known = tracked.get(id(rules))
        if known is None or known[0] is not rules:
            known = tracked[id(rules)] = (rules, tracked_duties(rules))
        duties = known[1]
        batch.append(prepare(rules, events, as_of, case_id=case_id, tracked=duties))
        if len(batch) >= batch_size:
            yield from _judge_batch(batch, engine)
            batch = []
    if batch:
        yield from _judge_batch(batch, engine)


def _judge_batch(batch: list[PreparedCase], engine: str) -> Iterator[CaseReport]:
    for case, matches in zip(batch, correlate_prepared(batch, engine), strict=True):
        yield judge(case, matches, engine)


def status_counts(reports: Iterable[CaseReport]) -> Mapping[str, int]:
    """Total obligations per status over several reports."""
    total: Counter[str] = Counter()
    for report in reports:
        total.update(o.status for o in report.obligations)
    return {status: total.get(status, 0) for status in STATUSES}
