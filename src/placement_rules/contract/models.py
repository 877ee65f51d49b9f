"""The result contract as pydantic models: the source of the JSON Schemas under ``schema/``.

Answers are not built through these models (:mod:`.encode` writes them from fragments
serialized once per rule set); the tests validate every answer against them. Machine fields
hold codes, ids, numbers and dates only; every text for people is in a field named ``title``,
``label``, ``action``, ``summary``, ``because``, ``reason``, ``message``, ``note`` or
``quote`` (their wording may change without a new schema version).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..explain import EmptyReason, Reason
from ..tracking.tracker import Status
from ..validity import State
from ..vocabulary import Anchor, DeadlineMeaning, EventKind, Locus, Principal, Relation, VagueTerm

__all__ = [
    "AgreementInForce",
    "AgreementStatusOut",
    "CompactEvaluationAnswer",
    "CompactObligation",
    "ConflictOut",
    "Deadline",
    "DueDateOut",
    "EmptyReasonOut",
    "EvaluationAnswer",
    "EventRef",
    "ExplanationOut",
    "FieldError",
    "LegalBasisOut",
    "NotAppliedOut",
    "Obligation",
    "Party",
    "Problem",
    "Receipt",
    "RuleFileDigest",
    "ScopePartOut",
    "SourceOut",
    "SourceRef",
    "TrackAnswer",
    "TrackedObligation",
    "UnmatchedOut",
    "VerifyAnswer",
    "WhyNotOut",
]

Unit = Literal["days", "weeks", "months", "years"]
Policy = Literal["agreement", "statutory", "statutory_limit"]
Digest = str


class _Out(BaseModel):
    """An answer's part: no other field, every field always present (null when empty)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=True
    )


class Party(_Out):
    """Who carries a duty, convenes or bears a cost: the same shape in every answer."""

    principal: Principal
    locus: Locus | None = Field(description="Which one of the principal: the event's locus.")
    resolved: str | None = Field(
        description="The municipality or region the locus points to for this event (a region "
        "id, or a municipality's name as the event gives it)."
    )
    unit: str | None = Field(description="The unit the text names (text for people).")
    label: str = Field(description="The party in words.")


class Period(_Out):
    years: int = Field(ge=0)
    months: int = Field(ge=0)
    weeks: int = Field(ge=0)
    days: int = Field(ge=0)


class Deadline(_Out):
    """A rule's deadline as codes: a period from an anchor date, a vague term, or both."""

    kind: Literal["period", "vague", "period_and_vague"]
    amount: int | None = Field(description="The period in one unit (null: none, or several).")
    unit: Unit | None
    period: Period | None = Field(description="The period in every unit (null: no period).")
    from_: Anchor | None = Field(alias="from", description="The date the period runs from.")
    vague_term: VagueTerm | None
    meaning: DeadlineMeaning = Field(
        description="due: the last day for an act; limit: a measure may last at most until it."
    )
    statutory: bool = Field(description="A statute sets it (Lag 1930:173 2 § may move it).")
    label: str = Field(description="The deadline in words.")

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        json_schema_serialization_defaults_required=True,
    )


class CompactDeadline(_Out):
    kind: Literal["period", "vague", "period_and_vague"]
    amount: int | None
    unit: Unit | None
    period: Period | None
    from_: Anchor | None = Field(alias="from")
    vague_term: VagueTerm | None
    meaning: DeadlineMeaning
    statutory: bool

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        json_schema_serialization_defaults_required=True,
    )


class DueDateOut(_Out):
    """The due date computed for this event, and how."""

    date: dt.date
    computed: dt.date = Field(description="The date before any roll forward.")
    rolled_forward: bool
    on_non_working_day: bool
    policy: Policy
    label: str = Field(description="The counting policy in words.")


class CompactDueDate(_Out):
    date: dt.date
    computed: dt.date
    rolled_forward: bool
    on_non_working_day: bool
    policy: Policy


class LegalBasisOut(_Out):
    label: str = Field(description="The provision (SoL 11 kap. 10 §...).")
    start: dt.date | None
    end: dt.date | None
    note: str | None


class SourceRef(_Out):
    """Where the rule comes from: the document id and the section (resolve the document
    through ``/v1/regions/{region}/rules``)."""

    document: str
    section: str


class SourceOut(SourceRef):
    name: str = Field(description="What citations call the document.")
    title: str
    file: str | None
    quote: str | None = Field(description="The words the rule encodes, quoted.")


class Obligation(_Out):
    """One duty an event creates (``detail=full``)."""

    id: str = Field(description="Stable id: rule id, event identity and anchor date.")
    rule_id: str
    duty: str
    origin: Literal["national", "regional", "local"]
    relation: Relation
    form: Literal["duty", "requirement"]
    responsible: Party | None = Field(description="Null for a requirement (no party named).")
    convener: Party | None
    cost_bearer: Party | None
    due: dt.date | None
    due_date: DueDateOut | None
    deadline: Deadline | None
    legal_basis: list[str] = Field(description="The provisions in force on the event date.")
    legal_basis_all: list[LegalBasisOut]
    source: SourceOut
    supersedes: list[str] = Field(description="Rule ids this rule takes the place of.")
    title: str
    action: str
    cost_note: str | None
    because: list[str] = Field(description="Why it applies, in words.")


class CompactObligation(_Out):
    """One duty an event creates (``detail=compact``): codes, dates, parties, rule id and
    citation reference."""

    id: str
    rule_id: str
    duty: str
    form: Literal["duty", "requirement"]
    responsible: Party | None
    convener: Party | None
    cost_bearer: Party | None
    due: dt.date | None
    due_date: CompactDueDate | None
    deadline: CompactDeadline | None
    source: SourceRef
    supersedes: list[str]


class AgreementStatusOut(_Out):
    agreement_id: str
    on: dt.date
    state: State
    term: int | None
    term_start: dt.date | None
    term_end: dt.date | None
    last_notice_day: dt.date | None
    renewal_times: str | None
    extensions_used: int
    replaced_by: str | None
    continued_by: str | None
    title: str
    summary: str
    notice_action: str | None
    decision: str | None
    assumption: str | None
    warning: str | None


class AgreementInForce(_Out):
    agreement_id: str
    state: State
    term: int | None


class RuleFileDigest(_Out):
    file: str
    digest: Digest


class Receipt(_Out):
    """What produced the answer."""

    package_version: str
    region: str
    rule_files: list[RuleFileDigest] = Field(description="Each file of the chain, base first.")
    chain_digest: Digest
    agreements: list[AgreementInForce]
    law_in_force: str | None


class EventRef(_Out):
    kind: EventKind
    date: dt.date


class ScopePartOut(_Out):
    part_id: str
    in_scope: bool
    label: str
    reasons: list[str]


class ConflictOut(_Out):
    rule_id: str
    statute_rule_id: str
    acknowledged: bool
    message: str
    reason: str | None


class CompactConflict(_Out):
    rule_id: str
    statute_rule_id: str
    acknowledged: bool


class NotAppliedOut(_Out):
    rule_id: str
    reason: str


class WhyNotOut(_Out):
    """Why one rule of the event's kind gave no obligation (``explain=true``)."""

    rule_id: str
    duty: str
    code: Reason = Field(
        description="Why not: rule_not_in_force, agreement_not_in_force, outside_scope, "
        "outside_scope_part, condition_unmet (the first condition that failed), replaced (an "
        "obligation of the same duty took its place), other."
    )
    fact: str | None = Field(description="condition_unmet: the fact of the failed condition.")
    removed_by_fact: bool = Field(
        description="A yes the event gives to a fact that is otherwise no removed the duty "
        "(health_examination_unnecessary, acute)."
    )
    replaced_by: str | None = Field(
        description="replaced: the id of the obligation that took its place."
    )
    label: str = Field(description="The reason in words, in the language asked for.")


class EmptyReasonOut(_Out):
    """Why an answer has no obligations, or (the first three) a note on any answer."""

    code: EmptyReason = Field(
        description="national_law_only, no_regional_rules, agreement_not_in_force (notes on "
        "any answer); outside_scope, no_rules_for_kind, every_condition_unmet, no_rule_applies "
        "(an answer without obligations)."
    )
    label: str = Field(description="The reason in words, in the language asked for.")


class ExplanationOut(_Out):
    """Why not, for each rule of the event's kind that gave no obligation, and why the answer
    is empty (present only when asked for: ``explain=true``, ``evaluate --json --why-not``)."""

    why_not: list[WhyNotOut]
    reasons: list[EmptyReasonOut] = Field(
        description="Every reason that holds for an empty answer; for any answer, the notes."
    )


def _explanation_optional(schema: dict[str, Any]) -> None:
    """``explanation`` is left out unless asked for: not required, unlike every other field."""
    required = schema.get("required")
    if isinstance(required, list) and "explanation" in required:
        required.remove("explanation")


_ANSWER_CONFIG = ConfigDict(
    extra="forbid",
    frozen=True,
    json_schema_serialization_defaults_required=True,
    json_schema_extra=_explanation_optional,
)

_EXPLANATION = Field(
    default=None,
    description="Only with explain=true (the CLI: --why-not): why the other rules of the "
    "event's kind did not apply, and why the answer is empty.",
)


class EvaluationAnswer(_Out):
    """The answer for one event (``detail=full``)."""

    model_config = _ANSWER_CONFIG

    schema_version: str
    detail: Literal["full"]
    region: str
    event: EventRef
    in_scope: bool
    obligations: list[Obligation]
    conflicts: list[ConflictOut]
    not_applied: list[NotAppliedOut]
    agreements: list[AgreementStatusOut]
    scope_parts: list[ScopePartOut]
    law_in_force: str | None
    scope_reasons: list[str]
    warnings: list[str]
    explanation: ExplanationOut | None = _EXPLANATION
    receipt: Receipt


class CompactEvaluationAnswer(_Out):
    """The answer for one event (``detail=compact``)."""

    model_config = _ANSWER_CONFIG

    schema_version: str
    detail: Literal["compact"]
    region: str
    event: EventRef
    in_scope: bool
    obligations: list[CompactObligation]
    conflicts: list[CompactConflict]
    explanation: ExplanationOut | None = _EXPLANATION
    receipt: Receipt


class TrackedObligation(_Out):
    """One obligation of a case and where it stands on the ``as_of`` date."""

    id: str
    rule_id: str
    duty: str
    origin: Literal["national", "regional", "local"]
    form: Literal["duty", "requirement"]
    trigger: EventKind = Field(description="The kind of the event that incurred it.")
    incurred: dt.date
    status: Status
    met_on: dt.date | None
    met_by: EventKind | None
    days_late: int | None
    days_overdue: int | None
    due: dt.date | None
    due_date: DueDateOut | None
    deadline: Deadline | None
    responsible: Party | None
    source: SourceOut
    title: str
    citation: str = Field(description="Document, section and legal basis, in words.")


class UnmatchedOut(_Out):
    kind: EventKind
    date: dt.date
    duty: str


class TrackAnswer(_Out):
    """The status on a date of every obligation a case log incurred."""

    schema_version: str
    case_id: str
    region: str
    home_municipality: str
    as_of: dt.date
    engine: Literal["durable", "python"]
    events_considered: int
    events_after_as_of: int
    counts: dict[Status, int]
    obligations: list[TrackedObligation]
    unmatched_fulfilments: list[UnmatchedOut]
    warnings: list[str]
    receipt: Receipt


class VerifyAnswer(_Out):
    """Whether today's rules give a stored answer; if not, what changed (in words naming
    fields and rule ids)."""

    verified: bool
    changes: list[str]
    receipt: Receipt


class FieldError(_Out):
    """One field at fault: where (``body.events[2].date``, ``query.as_of``), a stable code and
    a message. Never the value."""

    location: str
    code: str
    message: str


class Problem(_Out):
    """RFC 9457 problem details, with the fields at fault."""

    type: str = Field(
        description="A URN naming the kind of problem: urn:placement-rules:problem:CODE"
    )
    title: str = Field(description="The kind of problem in words (Swedish or English).")
    status: int = Field(ge=400, le=599)
    code: str = Field(description="The kind of problem as a stable code.")
    detail: str | None = Field(default=None, description="What is wrong, in English.")
    instance: str | None = Field(
        default=None,
        description="The request path for routes without parameters (never its query); null"
        " where the path holds a value (a region, a date).",
    )
    errors: list[FieldError] = Field(default_factory=list)
