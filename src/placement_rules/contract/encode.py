"""The contract's answers as JSON text, written from fragments serialized once per rule set.

An :class:`AnswerEncoder` is built when a rule set is loaded (the service builds one per region
at start; the command line one per run). It serializes the static part of every rule's output
(ids, titles, actions, sources, quotes, legal basis, deadlines, the fixed part of each party)
and of the receipt (package version, rule-file and chain digests) once; an answer then adds only
what the event decides: the obligation ids, dates, resolved parties, legal basis in force and
reasons. Immutable after it is built: one encoder serves any number of threads.

The text here is written with the standard library's encoder: the fallback when orjson (extra
``[service]``) is missing, and the oracle of the tests for :mod:`.fast`, which writes the same
bytes with orjson and memos (what the service and the command line use when it is installed).

The shapes are :mod:`.models` (the tests check every answer against them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from .. import __version__
from ..calendar import (
    AGREEMENT_DEADLINE_POLICY,
    STATUTORY_DEADLINE_POLICY,
    STATUTORY_LIMIT_POLICY,
    DueDate,
)
from ..models import CostBearer, Deadline, Responsible
from ..ruleset import CompiledRule, RuleSet

if TYPE_CHECKING:
    from ..events import Event
    from ..results import Conflict, Evaluation, NotApplied, Obligation, Places, ScopePartResult
    from ..tracking.tracker import CaseReport
    from ..validity import AgreementStatus
    from .fast import FastEncoder

__all__ = ["SCHEMA_VERSION", "AnswerEncoder", "Detail", "obligation_id"]

SCHEMA_VERSION: Final = "1.0"
Detail = Literal["full", "compact"]


def _std_json() -> Callable[[object], str]:
    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _fast_json() -> Callable[[object], str]:
    """orjson when installed (extra ``[service]``): the same text as the standard library's
    encoder for every value an answer holds (no floats; tests/contract/test_encode.py), which
    :mod:`.fast` relies on."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - the extra is not installed
        return _std_json()
    dumps = orjson.dumps

    def encode(value: object) -> str:
        return dumps(value).decode("utf-8")

    return encode


_j: Final[Callable[[object], str]] = _std_json()
"""Compact JSON text of one value (the standard library's: this module is the oracle)."""

_POLICIES: Final[dict[str, tuple[str, str]]] = {
    AGREEMENT_DEADLINE_POLICY: ("agreement", _j(AGREEMENT_DEADLINE_POLICY)),
    STATUTORY_DEADLINE_POLICY: ("statutory", _j(STATUTORY_DEADLINE_POLICY)),
    STATUTORY_LIMIT_POLICY: ("statutory_limit", _j(STATUTORY_LIMIT_POLICY)),
}
_UNITS: Final = ("years", "months", "weeks", "days")


def event_key(event: Event) -> str:
    """What identifies an event for its obligations' ids: kind, date, home region and the
    anchor date (the placement start when the event gives one, else the event date)."""
    anchor = event.effective_placement_start or event.date
    return f"|{event.kind}|{event.date.isoformat()}|{event.home_region}|{anchor}"


def obligation_id(obligation: Obligation, event: Event) -> str:
    """A stable id: the rule id and the event's identity (:func:`event_key`)."""
    return _id(obligation.rule_id, event_key(event))


def _id(rule_id: str, key: str) -> str:
    return "obl_" + hashlib.sha256((rule_id + key).encode("utf-8")).hexdigest()[:24]


def _iso(day: dt.date | None) -> str:
    return "null" if day is None else f'"{day.isoformat()}"'


def _bool(value: bool) -> str:
    return "true" if value else "false"


def deadline_json(deadline: Deadline | None, label: str | None, *, full: bool) -> str:
    """A rule's deadline as the contract's object (codes; ``label`` in full only)."""
    if deadline is None:
        return "null"
    period = deadline.offset
    amount: int | None = None
    unit: str | None = None
    periods = None
    if period is not None:
        values = {u: getattr(period, u) for u in _UNITS}
        used = [u for u in _UNITS if values[u]]
        if len(used) == 1:
            unit, amount = used[0], values[used[0]]
        periods = values
    kind = (
        "period_and_vague"
        if period is not None and deadline.vague is not None
        else "period"
        if period is not None
        else "vague"
    )
    body: dict[str, object] = {
        "kind": kind,
        "amount": amount,
        "unit": unit,
        "period": periods,
        "from": deadline.anchor if period is not None else None,
        "vague_term": deadline.vague,
        "meaning": deadline.meaning,
        "statutory": deadline.statutory,
    }
    if full:
        body["label"] = label or deadline.describe()
    return _j(body)


def due_date_json(due: DueDate | None, *, full: bool) -> str:
    if due is None:
        return "null"
    code, label = _POLICIES[due.policy]
    text = (
        f'{{"date":"{due.date.isoformat()}","computed":"{due.computed.isoformat()}",'
        f'"rolled_forward":{_bool(due.rolled_forward)},'
        f'"on_non_working_day":{_bool(due.falls_on_non_working_day)},"policy":"{code}"'
    )
    return text + (f',"label":{label}}}' if full else "}")


@dataclass(frozen=True, slots=True)
class _PartyShape:
    """A party's JSON around the place the event resolves its locus to (JSON string escaping
    is compositional: the resolved text is encoded once and spliced into both fields)."""

    locus: str | None
    unresolved: str
    """The whole party when its locus resolves to nothing (or it has none)."""
    head: str
    """``{"principal":...,"locus":...,"unit":...,"resolved":`` (then the resolved text)."""
    label_head: str
    label_tail: str

    def json(self, places: Places) -> str:
        locus = self.locus
        resolved = getattr(places, locus) if locus is not None else None
        if not resolved:
            return self.unresolved
        text = _j(resolved)
        return f"{self.head}{text},{self.label_head}{text[1:-1]}{self.label_tail}"


def _party_json(principal: str, unit: str | None, locus: str | None, resolved: str | None) -> str:
    label = principal
    if resolved:
        label += f" ({resolved})"
    if unit:
        label += f": {unit}"
    return _j(
        {
            "principal": principal,
            "locus": locus,
            "unit": unit,
            "resolved": resolved,
            "label": label,
        }
    )


def _shape(party: Responsible | CostBearer | None) -> _PartyShape | None:
    if party is None:
        return None
    unit = party.unit if isinstance(party, Responsible) else None
    principal, locus = party.principal, party.locus
    head = f'{{"principal":{_j(principal)},"locus":{_j(locus)},"unit":{_j(unit)},"resolved":'
    label_head = _j(f"{principal} (")[:-1]
    label_tail = _j(f"): {unit}" if unit else ")")[1:]
    return _PartyShape(
        locus,
        _party_json(principal, unit, locus, None),
        head,
        '"label":' + label_head,
        label_tail + "}",
    )


@dataclass(frozen=True, slots=True)
class RuleFragments:
    """One compiled rule's output, serialized once."""

    full: str
    """``"rule_id":...,"title":...,"source":{...},"legal_basis_all":[...]`` (no braces)."""
    compact: str
    source: str
    """The source object (document, section, name, title, file, quote)."""
    deadline_full: str
    deadline_compact: str
    cost_note: str
    responsible: _PartyShape | None
    convener: _PartyShape | None
    cost_bearer: _PartyShape | None
    basis_days: tuple[dt.date, ...]
    """The days the provisions in force change; :attr:`basis` has one more entry."""
    basis: tuple[str, ...]
    """The legal basis in force (JSON list of labels) in each stretch between the days."""
    basis_labels: str
    """Every entry's label (the legal basis when the date is unknown)."""
    head_full: str = ""
    """``{`` and every static field of the full obligation, its own deadline and cost note
    included (what an obligation that inherits nothing starts with)."""
    head_compact: str = ""

    def legal_basis(self, day: dt.date | None) -> str:
        if day is None:
            return self.basis_labels
        return self.basis[bisect_right(self.basis_days, day)]


def rule_fragments(compiled: CompiledRule) -> RuleFragments:
    rule, document = compiled.rule, compiled.source_document
    source = {
        "document": rule.source.source,
        "section": rule.source.section,
        "name": document.name,
        "title": document.title,
        "file": document.file,
        "quote": rule.source.quote,
    }
    basis_all = [
        {"label": e.label, "start": _date(e.start), "end": _date(e.end), "note": e.note}
        for e in compiled.legal_basis
    ]
    source_json = _j(source)
    full = (
        f'"rule_id":{_j(compiled.id)},"duty":{_j(compiled.duty)},"origin":{_j(compiled.origin)},'
        f'"relation":{_j(rule.relation)},"form":{_j(rule.form)},"title":{_j(rule.title)},'
        f'"action":{_j(rule.action)},"source":{source_json},"legal_basis_all":{_j(basis_all)}'
    )
    compact = (
        f'"rule_id":{_j(compiled.id)},"duty":{_j(compiled.duty)},"form":{_j(rule.form)},'
        f'"source":{_j({"document": rule.source.source, "section": rule.source.section})}'
    )
    days = tuple(sorted(compiled.legal_basis_days))
    stretches = [dt.date.min, *days]
    basis = tuple(_j(list(compiled.legal_basis_on(day))) for day in stretches)
    cost = rule.cost_bearer
    deadline_full = deadline_json(rule.deadline, compiled.deadline_text, full=True)
    deadline_compact = deadline_json(rule.deadline, None, full=False)
    cost_note = _j(cost.note if cost else None)
    return RuleFragments(
        head_full=f'{{{full},"deadline":{deadline_full},"cost_note":{cost_note}',
        head_compact=f'{{{compact},"deadline":{deadline_compact}',
        full=full,
        compact=compact,
        source=source_json,
        deadline_full=deadline_full,
        deadline_compact=deadline_compact,
        cost_note=cost_note,
        responsible=_shape(rule.responsible),
        convener=_shape(rule.convener),
        cost_bearer=_shape(cost),
        basis_days=days,
        basis=basis,
        basis_labels=_j([e.label for e in compiled.legal_basis]),
    )


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def agreement_fields(status: AgreementStatus) -> dict[str, Any]:
    """An agreement's status in an answer (both encoders write this shape)."""
    return {
        "agreement_id": status.agreement_id,
        "on": status.on.isoformat(),
        "state": status.state,
        "term": status.term,
        "term_start": _date(status.term_start),
        "term_end": _date(status.term_end),
        "last_notice_day": _date(status.last_notice_day),
        "renewal_times": status.renewal_times,
        "extensions_used": status.extensions_used,
        "replaced_by": status.replaced_by,
        "continued_by": status.continued_by,
        "title": status.title,
        "summary": status.summary,
        "notice_action": status.notice_action,
        "decision": status.decision,
        "assumption": status.assumption,
        "warning": status.warning,
    }


def agreement_json(status: AgreementStatus) -> str:
    return _j(agreement_fields(status))


def conflict_fields(conflict: Conflict, *, full: bool) -> dict[str, Any]:
    """A conflict between a rule and the statute in an answer (both encoders)."""
    fields: dict[str, Any] = {
        "rule_id": conflict.rule_id,
        "statute_rule_id": conflict.statute_rule_id,
        "acknowledged": conflict.acknowledged is not None,
    }
    if full:
        fields["message"] = conflict.message
        fields["reason"] = conflict.acknowledged
    return fields


def not_applied_fields(item: NotApplied) -> dict[str, Any]:
    return {"rule_id": item.rule_id, "reason": item.reason}


def scope_part_fields(part: ScopePartResult) -> dict[str, Any]:
    return {
        "part_id": part.part_id,
        "in_scope": part.in_scope,
        "label": part.label,
        "reasons": list(part.reasons),
    }


def _fast_encoder(encoder: AnswerEncoder) -> FastEncoder | None:
    """The orjson encoder over ``encoder``'s fragments, or None without orjson."""
    try:
        from .fast import FastEncoder
    except ImportError:  # pragma: no cover - the extra is not installed
        return None
    rules = encoder.rules
    return FastEncoder(
        rules.region,
        {id(c): (c, encoder.fragments(c)) for c in rules.rules},
        encoder.receipt_head,
        encoder.fragments,
    )


class AnswerEncoder:
    """Writes the contract's answers for one rule set (see the module docstring).

    ``fast``: write evaluation answers with :mod:`.fast` (orjson and memos) when orjson is
    installed (None, the default), or never (False: the standard library's text, what the
    tests compare the fast bytes with)."""

    __slots__ = ("_fast", "_fragments", "receipt_head", "rules")

    def __init__(self, rules: RuleSet, *, fast: bool | None = None) -> None:
        from . import chain_digest, file_digest

        self.rules = rules
        self._fragments: dict[int, RuleFragments] = {id(c): rule_fragments(c) for c in rules.rules}
        files = [{"file": f.path.name, "digest": file_digest(f)} for f in rules.files]
        self.receipt_head = (
            f'{{"package_version":{_j(__version__)},"region":{_j(rules.region)},'
            f'"rule_files":{_j(files)},"chain_digest":{_j(chain_digest(rules))},'
        )
        """The receipt's static part: ``{`` to the chain digest and a comma."""
        self._fast = _fast_encoder(self) if fast is not False else None
        if fast and self._fast is None:  # pragma: no cover - the extra is not installed
            raise ImportError("fast=True needs orjson (the extra [service])")

    @property
    def is_fast(self) -> bool:
        """Whether evaluation answers are written with orjson (:mod:`.fast`)."""
        return self._fast is not None

    def fragments(self, compiled: CompiledRule) -> RuleFragments:
        found = self._fragments.get(id(compiled))
        return found if found is not None else rule_fragments(compiled)

    def receipt(self, agreements: Sequence[AgreementStatus], law_in_force: str | None) -> str:
        used = [
            {"agreement_id": a.agreement_id, "state": a.state, "term": a.term} for a in agreements
        ]
        return f'{self.receipt_head}"agreements":{_j(used)},"law_in_force":{_j(law_in_force)}}}'

    # --- one obligation ------------------------------------------------------------------

    def obligation(self, ob: Obligation, event: Event, *, full: bool = True) -> str:
        """One obligation's JSON object."""
        return self._obligation(ob, event_key(event), full)

    def _obligation(self, ob: Obligation, key: str, full: bool) -> str:
        compiled = ob.compiled
        own = self.fragments(compiled)
        inherited = ob.inherited
        cost_from = own
        if inherited is None:
            head = own.head_full if full else own.head_compact
        else:
            lender = self.fragments(inherited)
            rule = compiled.rule
            deadline_from = lender if rule.deadline is None else own
            cost_from = lender if rule.cost_bearer is None else own
            if full:
                head = (
                    f'{{{own.full},"deadline":{deadline_from.deadline_full},'
                    f'"cost_note":{cost_from.cost_note}'
                )
            else:
                head = f'{{{own.compact},"deadline":{deadline_from.deadline_compact}'
        places, due, supersedes = ob.places, ob.due_date, ob.supersedes
        responsible, convener, cost = own.responsible, own.convener, cost_from.cost_bearer
        text = (
            f'{head},"id":"{_id(compiled.id, key)}",'
            f'"responsible":{responsible.json(places) if responsible else "null"},'
            f'"convener":{convener.json(places) if convener else "null"},'
            f'"cost_bearer":{cost.json(places) if cost else "null"},'
            f'"due":{_iso(due.date) if due else "null"},'
            f'"due_date":{due_date_json(due, full=full)},'
            f'"supersedes":{_j(list(supersedes)) if supersedes else "[]"}'
        )
        if not full:
            return text + "}"
        return (
            f'{text},"legal_basis":{own.legal_basis(ob.event_date)},'
            f'"because":{_j(list(ob.because))}}}'
        )

    # --- one evaluation ------------------------------------------------------------------

    def evaluation_bytes(
        self,
        event: Event,
        result: Evaluation,
        detail: Detail = "full",
        explanation: Mapping[str, Any] | None = None,
    ) -> bytes:
        """The answer for one evaluated event, as UTF-8 JSON (``explanation``: the data of
        :func:`.explanation.explanation`, written before the receipt when given)."""
        fast = self._fast
        if fast is not None:
            return fast.evaluation(event, result, detail == "full", explanation)
        return self.evaluation_text(event, result, detail, explanation).encode("utf-8")

    def evaluation(
        self,
        event: Event,
        result: Evaluation,
        detail: Detail = "full",
        explanation: Mapping[str, Any] | None = None,
    ) -> str:
        """:meth:`evaluation_bytes` as text."""
        return self.evaluation_bytes(event, result, detail, explanation).decode("utf-8")

    def evaluation_text(
        self,
        event: Event,
        result: Evaluation,
        detail: Detail = "full",
        explanation: Mapping[str, Any] | None = None,
    ) -> str:
        """:meth:`evaluation_bytes` written with the standard library's encoder, whether or
        not orjson is installed (the tests' oracle)."""
        full = detail == "full"
        key = event_key(event)
        obligations = ",".join(self._obligation(o, key, full) for o in result.obligations)
        head = (
            f'{{"schema_version":"{SCHEMA_VERSION}","detail":"{detail}",'
            f'"region":{_j(result.region)},'
            f'"event":{{"kind":"{result.event_kind}","date":"{result.event_date.isoformat()}"}},'
            f'"in_scope":{_bool(result.in_scope)},"obligations":[{obligations}],'
        )
        receipt = self.receipt(result.agreements, result.law_in_force)
        explained = "" if explanation is None else f'"explanation":{_j(explanation)},'
        conflicts = [conflict_fields(c, full=full) for c in result.conflicts]
        if not full:
            return f'{head}"conflicts":{_j(conflicts)},{explained}"receipt":{receipt}}}'
        not_applied = [not_applied_fields(n) for n in result.not_applied]
        parts = [scope_part_fields(p) for p in result.scope_parts]
        agreements = ",".join(agreement_json(a) for a in result.agreements)
        return (
            f'{head}"conflicts":{_j(conflicts)},"not_applied":{_j(not_applied)},'
            f'"agreements":[{agreements}],"scope_parts":{_j(parts)},'
            f'"law_in_force":{_j(result.law_in_force)},'
            f'"scope_reasons":{_j(list(result.scope_reasons))},'
            f'"warnings":{_j(list(result.warnings))},{explained}"receipt":{receipt}}}'
        )

    # --- one tracked case ----------------------------------------------------------------

    def track_bytes(self, report: CaseReport) -> bytes:
        """The answer for one tracked case, as UTF-8 JSON."""
        return self.track(report).encode("utf-8")

    def track(self, report: CaseReport) -> str:
        """The answer for one tracked case, as JSON text (the receipt: the agreements and law
        in force on the ``as_of`` date)."""
        from ..tracking.tracker import citation_of

        items = []
        for status in report.obligations:
            ob = status.obligation
            own = self.fragments(ob.compiled)
            inherited = ob.inherited
            lender = self.fragments(inherited) if inherited is not None else own
            deadline_from = lender if ob.compiled.rule.deadline is None and inherited else own
            event = status.event
            ident = obligation_id(ob, event) if event is not None else ""
            rule = ob.compiled.rule
            items.append(
                f'{{"id":"{ident}","rule_id":{_j(ob.rule_id)},"duty":{_j(ob.duty)},'
                f'"origin":"{ob.origin}","form":"{rule.form}","trigger":"{status.trigger}",'
                f'"incurred":"{status.incurred.isoformat()}","status":"{status.status}",'
                f'"met_on":{_iso(status.met_on)},"met_by":{_j(status.met_by)},'
                f'"days_late":{_j(status.days_late)},"days_overdue":{_j(status.days_overdue)},'
                f'"due":{_iso(ob.due)},"due_date":{due_date_json(ob.due_date, full=True)},'
                f'"deadline":{deadline_from.deadline_full},'
                f'"responsible":{own.responsible.json(ob.places) if own.responsible else "null"},'
                f'"source":{own.source},'
                f'"title":{_j(ob.title)},"citation":{_j(citation_of(ob))}}}'
            )
        found = self.rules.agreements_on(report.as_of)
        receipt = self.receipt(found.statuses, self.rules.law_in_force(report.as_of))
        unmatched = [
            {"kind": u.kind, "date": u.date.isoformat(), "duty": u.duty} for u in report.unmatched
        ]
        return (
            f'{{"schema_version":"{SCHEMA_VERSION}","case_id":{_j(report.case_id)},'
            f'"region":{_j(report.region)},"home_municipality":{_j(report.home_municipality)},'
            f'"as_of":"{report.as_of.isoformat()}","engine":{_j(report.engine)},'
            f'"events_considered":{report.events_considered},'
            f'"events_after_as_of":{report.events_after_as_of},'
            f'"counts":{_j(report.counts())},"obligations":[{",".join(items)}],'
            f'"unmatched_fulfilments":{_j(unmatched)},"warnings":{_j(list(report.warnings))},'
            f'"receipt":{receipt}}}'
        )
