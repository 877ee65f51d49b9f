"""What an evaluation gives: obligations, conflicts, rules not applied, and their JSON.

Every type here is immutable. An :class:`Obligation` reads its rule-level facts from the compiled
rule, so building one costs little; the per-event values are the due date, the places that
resolve its parties, and the reasons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from .calendar import DueDate, iso
from .models import NOT_NAMED, Citation, CostBearer, Responsible, Source
from .ruleset import CompiledRule, LegalBasisEntry
from .validity import AgreementStatus


@dataclass(frozen=True, slots=True)
class ResolvedParty:
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
        return {
            "principal": self.principal,
            "unit": self.unit,
            "locus": self.locus,
            "resolved": self.resolved,
        }


class Places(NamedTuple):
    """The municipalities and regions an event names, to resolve a party's locus (the fields
    are named as the loci are: :data:`~placement_rules.vocabulary.Locus`)."""

    home_municipality: str
    placement_municipality: str | None
    home_region: str
    placement_region: str
    agreement_region: str

    def resolve(self, party: Responsible | CostBearer) -> ResolvedParty:
        locus = party.locus
        resolved = getattr(self, locus) if locus is not None else None
        unit = party.unit if isinstance(party, Responsible) else None
        return ResolvedParty(party.principal, unit, locus, resolved)


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
    event_date: dt.date | None = None
    """The event's date: the legal basis shown is the one in force on it."""

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
    def form(self) -> str:
        """``duty`` (an act of a named party) or ``requirement`` (no party is named)."""
        return self.compiled.rule.form

    @property
    def responsible(self) -> ResolvedParty | None:
        """The responsible party; None for a requirement (the text names no one)."""
        party = self.compiled.rule.responsible
        return self.places.resolve(party) if party is not None else None

    @property
    def responsible_text(self) -> str:
        """The responsible party in words, or that the text names none."""
        party = self.responsible
        return party.describe() if party is not None else NOT_NAMED

    @property
    def convener(self) -> ResolvedParty | None:
        convener = self.compiled.rule.convener
        return self.places.resolve(convener) if convener else None

    @property
    def cost_bearer(self) -> ResolvedParty | None:
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
    def vague_term(self) -> str | None:
        """The vague deadline's code (a :data:`~placement_rules.vocabulary.VagueTerm`: ``genast``,
        ``i_samband_med``, ...), or None when the deadline has no vague term."""
        deadline = self._deadline_rule().rule.deadline
        return deadline.vague if deadline else None

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
        """The legal basis in force on the event date (every entry when the date is unknown)."""
        if self.event_date is None:
            return tuple(e.label for e in self.compiled.legal_basis)
        return self.compiled.legal_basis_on(self.event_date)

    @property
    def legal_basis_all(self) -> tuple[LegalBasisEntry, ...]:
        """Every entry of the legal basis, with the days it is in force."""
        return self.compiled.legal_basis

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
        for what, lender in (
            ("deadline", self._deadline_rule()),
            ("cost bearer", self._cost_rule()),
        ):
            if lender is not self.compiled:
                parts.append(f"{what} from {lender.id}: this rule states none")
        deadline = self._deadline_rule().rule.deadline
        if deadline is not None and deadline.offset is not None and self.due_date is None:
            parts.append(f"due date unknown: the event gives no {deadline.anchor}")
        return tuple(parts)

    def to_dict(self) -> dict[str, Any]:
        convener, cost, responsible = self.convener, self.cost_bearer, self.responsible
        return {
            "rule_id": self.rule_id,
            "duty": self.duty,
            "origin": self.origin,
            "relation": self.relation,
            "form": self.form,
            "title": self.title,
            "action": self.action,
            "responsible": responsible.to_dict() if responsible else None,
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
            "legal_basis_all": [e.to_dict(self.event_date) for e in self.legal_basis_all],
            "source": source_dict(self),
            "because": list(self.because),
            "supersedes": list(self.supersedes),
        }


def source_dict(obligation: Obligation) -> dict[str, Any]:
    """An obligation's source as JSON: the document's id, the name citations use, its title
    and file, and the section and quote cited."""
    document, cited = obligation.source_document, obligation.source
    return {
        "document": cited.source,
        "name": document.name,
        "title": document.title,
        "file": document.file,
        "section": cited.section,
        "quote": cited.quote,
    }


class Conflict(NamedTuple):
    """A regional rule that the statute in force on the event date contradicts."""

    rule_id: str
    statute_rule_id: str
    message: str
    acknowledged: str | None = None
    """The rule file's reason when it records this contradiction on purpose (``acknowledged:``);
    the statute prevails all the same."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "statute_rule_id": self.statute_rule_id,
            "message": self.message,
            "acknowledged": self.acknowledged is not None,
            "reason": self.acknowledged,
        }


class NotApplied(NamedTuple):
    rule_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "reason": self.reason}


class ScopePartResult(NamedTuple):
    """Whether the event is inside one part of the agreement with a scope of its own."""

    part_id: str
    label: str
    in_scope: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "in_scope": self.in_scope, "reasons": list(self.reasons)}


class Evaluation(NamedTuple):
    """The result of evaluating one event. Immutable."""

    region: str
    event_kind: str
    event_date: dt.date
    law_in_force: str | None
    agreements: tuple[AgreementStatus, ...]
    in_scope: bool
    scope_reasons: tuple[str, ...]
    obligations: tuple[Obligation, ...]
    not_applied: tuple[NotApplied, ...]
    conflicts: tuple[Conflict, ...]
    warnings: tuple[str, ...] = ()
    scope_parts: tuple[ScopePartResult, ...] = ()
    """The agreement's parts with a scope of their own, and whether the event is inside each
    (``in_scope`` is about the agreement as a whole)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "event": {"kind": self.event_kind, "date": self.event_date.isoformat()},
            "law_in_force": self.law_in_force,
            "agreements": [a.to_dict() for a in self.agreements],
            "in_scope": self.in_scope,
            "scope_reasons": list(self.scope_reasons),
            "scope_parts": {p.part_id: p.to_dict() for p in self.scope_parts},
            "obligations": [o.to_dict() for o in self.obligations],
            "not_applied": [n.to_dict() for n in self.not_applied],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "warnings": list(self.warnings),
        }
