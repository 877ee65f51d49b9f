"""A region's rules, resolved along their ``extends`` chain and compiled: plain immutable data.

A :class:`RuleSet` is built by :func:`placement_rules.compiler.build_rule_set` (through
:func:`placement_rules.regions.load_rule_set` and friends) and never changes afterwards: every
attribute is a tuple, a read-only mapping or a frozen model, so one rule set may be shared by
any number of threads. Evaluation keeps its own caches (:mod:`placement_rules.evaluation`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .conditions import CompiledCondition
from .events import Event
from .loading import LoadedFile
from .models import Agreement, Citation, Fulfilment, Rule, Scope, ScopePart, Source
from .validity import (
    ENDED_STATES,
    NAMES_THE_DAY,
    AgreementStatus,
    agreement_status,
    change_days,
    unchanged_around,
)

LEVELS: Mapping[str, int] = MappingProxyType({"national": 0, "regional": 1, "local": 2})


@dataclass(frozen=True, slots=True)
class LegalBasisEntry:
    """One entry of a rule's legal basis as results show it: its label and the days it is in
    force (both inclusive; None: open)."""

    label: str
    start: dt.date | None
    end: dt.date | None
    note: str | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_dict(self, day: dt.date | None = None) -> dict[str, Any]:
        return {
            "label": self.label,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "note": self.note,
            "in_force_on_event_date": self.covers(day) if day is not None else None,
        }


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    origin: str
    """``national``, ``regional`` or ``local``: the kind of file the rule is in."""
    level: int
    file: str
    line: int | None
    conditions: tuple[CompiledCondition, ...]
    agreement: Agreement | None
    static_because: tuple[str, ...]
    """The parts of 'why it applies' that do not depend on the event: conditions, dates."""
    deadline_text: str | None
    vague_label: str | None
    source_document: Source
    """The document or statute the rule cites."""
    first_day: dt.date
    last_day: dt.date
    matches: Callable[[Mapping[str, Any]], bool]
    """All trigger conditions as one compiled predicate over the event's facts."""
    id: str
    duty: str
    contested: bool = False
    """Whether files at more than one level of the chain have rules for this duty (only then
    can one rule take another's place)."""
    legal_basis: tuple[LegalBasisEntry, ...] = ()
    """The rule's legal basis, each entry with the days it is in force."""
    scope_part: str | None = None
    """The id of the scope part (:class:`CompiledScopePart`) the rule is applied inside, as well
    as the file's scope; None: the file's scope only (and national rules)."""

    @property
    def source_name(self) -> str:
        """What citations call the rule's source (:attr:`Source.name`)."""
        return self.source_document.name

    def applies_on(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def legal_basis_on(self, day: dt.date) -> tuple[str, ...]:
        """The labels of the legal-basis entries in force on ``day``."""
        return tuple(e.label for e in self.legal_basis if e.covers(day))

    @property
    def legal_basis_days(self) -> frozenset[dt.date]:
        """The days on which the set of legal-basis entries in force changes."""
        days = {e.start for e in self.legal_basis if e.start is not None}
        days |= {e.end + dt.timedelta(days=1) for e in self.legal_basis if e.end is not None}
        return frozenset(days)


@dataclass(frozen=True, slots=True)
class CompiledExclusion:
    conditions: tuple[CompiledCondition, ...]
    reason: str
    citation: Citation
    matches: Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class CompiledScopePart:
    """One part of an agreement with a scope of its own, its exclusions compiled."""

    part: ScopePart
    exclusions: tuple[CompiledExclusion, ...]

    @property
    def id(self) -> str:
        return self.part.id


@dataclass(frozen=True, slots=True)
class CompiledFulfilment:
    """One ``fulfilment:`` entry: an event kind that, when its conditions hold, fulfils duties."""

    fulfilment: Fulfilment
    file: str
    line: int | None
    conditions: tuple[CompiledCondition, ...]
    matches: Callable[[Mapping[str, Any]], bool]
    """The conditions as one compiled predicate over the event's facts."""
    duties: tuple[str, ...]
    """The duties it fulfils."""

    @property
    def event(self) -> str:
        return self.fulfilment.event


@dataclass(frozen=True, slots=True)
class ActInForce:
    """One statute of a line of succession (the social services act: SoL 2001:453, replaced by
    SoL 2025:400), with the days it was in force, as the national file states them."""

    source: str
    title: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class AgreementsOn:
    """The region's agreements on one date: statuses, one-line summaries, and which are off."""

    statuses: tuple[AgreementStatus, ...]
    summaries: Mapping[str, str]
    not_in_force: Mapping[str, str]
    """Agreement id -> why its rules do not apply on the date."""
    warnings: tuple[str, ...]
    off: tuple[tuple[str, str], ...]
    """``not_in_force`` as a sorted tuple (hashable: part of an evaluation's memo key)."""
    fixed_off: tuple[tuple[str, str | None], ...] = ()
    """``off`` with each reason that names the date as ``None``: what every day of a span of
    one status (:meth:`RuleSet.unchanged_around`) shares, so a decision may keep the other
    reasons as they are."""
    names_the_day: bool = False
    """Whether a warning or a reason names the date (then another day's texts differ)."""

    def on_day(self, statuses: tuple[AgreementStatus, ...], region: str | None) -> AgreementsOn:
        """The answers on another day whose ``statuses`` are these but for the day: the same
        texts, unless some name the date (then made afresh)."""
        if self.names_the_day:
            return AgreementsOn.of(statuses, region)
        return AgreementsOn(
            statuses,
            self.summaries,
            self.not_in_force,
            self.warnings,
            self.off,
            self.fixed_off,
            False,
        )

    @classmethod
    def of(cls, statuses: tuple[AgreementStatus, ...], region: str | None = None) -> AgreementsOn:
        """The statuses on one date. An agreement replaced by a successor that keeps its clauses
        (``continues``) is off only when that successor is off too; when no agreement of
        ``region`` is in force and one has ended, a warning says national law applies."""
        on = {s.agreement_id for s in statuses if s.in_force}
        off = {
            s.agreement_id: s.warning or s.describe()
            for s in statuses
            if not s.in_force and s.continued_by not in on
        }
        warnings = [s.warning for s in statuses if s.warning]
        ended = any(s.state in ENDED_STATES for s in statuses)
        dated = {s.agreement_id for s in statuses if s.state in NAMES_THE_DAY}
        names_the_day = bool(dated)
        if region is not None and statuses and len(off) == len(statuses) and ended:
            names_the_day = True
            warnings.append(
                f"no agreement of {region} in force on {statuses[0].on} is known from the "
                "sources (no later decision of the parties and no successor agreement is "
                "recorded): the agreement's rules are not applied; national law applies"
            )
        return cls(
            statuses=statuses,
            summaries=MappingProxyType(
                {s.agreement_id: f"agreement {s.agreement_id}: {s.describe()}" for s in statuses}
            ),
            not_in_force=MappingProxyType(off),
            warnings=tuple(warnings),
            off=tuple(sorted(off.items())),
            fixed_off=tuple(sorted((a, None if a in dated else r) for a, r in off.items())),
            names_the_day=names_the_day,
        )


@dataclass(frozen=True, eq=False)
class RuleSet:
    """The rules that apply to one region (or local file): its own plus its base files'.

    Compared by identity: two loads of the same files are two rule sets."""

    region: str
    name: str
    files: tuple[LoadedFile, ...]
    """The chain of files, base (national) first."""
    rules: tuple[CompiledRule, ...]
    by_event: Mapping[str, tuple[CompiledRule, ...]]
    sources: Mapping[str, Source]
    agreements: tuple[Agreement, ...]
    scope: Scope | None
    exclusions: tuple[CompiledExclusion, ...]
    fulfilments: Mapping[str, tuple[CompiledFulfilment, ...]]
    """Event kind -> the fulfilment entries of every file in the chain (case tracking)."""
    acts: tuple[ActInForce, ...]
    """The social services act's line of succession, oldest first (empty when the national
    file records none)."""
    boundaries: tuple[dt.date, ...]
    """The days on which some rule comes into or goes out of force, sorted."""
    by_period: Mapping[tuple[str, int], tuple[CompiledRule, ...]]
    """(event kind, period) -> the rules of that kind in force in the period (see
    :meth:`period`)."""
    decision_facts_by_kind: Mapping[str, Callable[[Event], Hashable]]
    """Event kind -> the values of every fact that can change which rules it fires."""
    scope_parts: tuple[CompiledScopePart, ...] = ()
    """The parts of the agreement with a scope of their own (``scope.parts``)."""
    scope_facts: Callable[[Event], Hashable] | None = None
    """The banded values of the facts the scope check and its parts' checks read: events with
    equal values get the same scope answers and reasons (``None``: no such key, check each)."""

    def period(self, day: dt.date) -> int:
        """Which of the periods between two rule in-force boundaries ``day`` falls in (the
        rules in force are the same on every day of a period)."""
        return bisect_right(self.boundaries, day)

    def candidates(self, kind: str, day: dt.date) -> tuple[CompiledRule, ...]:
        """The rules an event of ``kind`` on ``day`` may trigger: of its kind, in force that day."""
        return self.by_period.get((kind, self.period(day)), ())

    def decision_facts(self, kind: str) -> Callable[[Event], Hashable]:
        """The values of every fact that can change which rules an event of ``kind`` fires:
        the facts its rules' conditions and the scope's exclusions test, and age, legal basis
        and placement form when the rule set has a scope."""
        return self.decision_facts_by_kind.get(kind, _no_facts)

    @property
    def top(self) -> LoadedFile:
        return self.files[-1]

    def rule(self, rule_id: str) -> CompiledRule:
        for compiled in self.rules:
            if compiled.id == rule_id:
                return compiled
        raise KeyError(rule_id)

    def agreement_statuses(self, on: dt.date) -> tuple[AgreementStatus, ...]:
        """The status of each agreement on a date."""
        return tuple(agreement_status(a, on, self.agreements) for a in self.agreements)

    @property
    def agreements_region(self) -> str:
        """The region whose agreements these are: the region of the last file of the chain that
        has agreements (a local routine lives under its region's agreement)."""
        return next(
            (f.model.region for f in reversed(self.files) if f.model.agreements), self.region
        )

    def agreements_on(self, on: dt.date) -> AgreementsOn:
        """Statuses and their summaries on a date."""
        return AgreementsOn.of(self.agreement_statuses(on), self.agreements_region)

    def unchanged_around(
        self, day: dt.date, statuses: tuple[AgreementStatus, ...]
    ) -> tuple[dt.date, dt.date]:
        """The first and last day of the span around ``day`` on which the rule period, the act
        in force and every agreement's status (``statuses``: those on ``day``) are the ones of
        ``day``, but for the day the statuses name (:func:`~placement_rules.validity.moved`)."""
        cuts = (
            self.boundaries,
            sorted({d for a in self.acts for d in _act_changes(a)}),
        )
        first, last = dt.date.min, dt.date.max
        for changes in cuts:
            i = bisect_right(changes, day)
            if i:
                first = max(first, changes[i - 1])
            if i < len(changes):
                last = min(last, changes[i] - dt.timedelta(days=1))
        for agreement, status in zip(self.agreements, statuses, strict=True):
            low, high = unchanged_around(status, change_days(agreement, self.agreements))
            first, last = max(first, low), min(last, high)
        return first, last

    def law_in_force(self, day: dt.date) -> str | None:
        """The title of the social services act in force on ``day``, as the national file
        names it (``None`` when the file records no act in force that day)."""
        for act in self.acts:
            if act.covers(day):
                return act.title
        return None

    @property
    def law_changes(self) -> tuple[dt.date, ...]:
        """The days on which one social services act replaced another."""
        return tuple(act.start for act in self.acts[1:] if act.start is not None)


def _act_changes(act: ActInForce) -> tuple[dt.date, ...]:
    """The days on which ``act`` comes into force and the day after it goes out of it."""
    found = [act.start] if act.start is not None else []
    if act.end is not None and act.end < dt.date.max:
        found.append(act.end + dt.timedelta(days=1))
    return tuple(found)


def _no_facts(event: Event) -> Hashable:
    return ()
