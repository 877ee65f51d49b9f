"""Typed model of a rule file (pydantic v2, strict, unknown fields forbidden).

A rule file encodes one agreement (or the national baseline, or a local routine)::

    format: 1
    kind: regional            # national | regional | local
    region: vastra_gotaland
    extends: national         # the file whose rules this one builds on
    sources: [...]            # documents and statutes the rules cite
    agreements: [...]         # the agreement texts with their terms and renewal clauses
    scope: {...}              # who the agreement covers
    rules: [...]              # the duties

How a regional rule builds on the national baseline: every rule names the ``duty`` it encodes
(a stable key such as ``health_examination.notify_region``). A regional rule with the same duty as
a national rule states its ``relation`` to it: ``tightens`` (shorter deadline or narrower
conditions), ``names_unit`` (says which unit does it), or ``restates``. When such a regional rule
applies to an event it takes the national rule's place in the result; when none applies, the
national rule stands. ``adds`` marks a duty the statute does not have. Where a regional deadline
loosens a statutory one in force on the event date, the evaluator reports a conflict and keeps the
statutory obligation (the statute prevails).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

from .limits import MAX_PERIOD_YEARS, RULE_DATE_MAX, RULE_DATE_MIN
from .vocabulary import (
    VAGUE_TERM_LABELS,
    Anchor,
    ConditionOp,
    DeadlineMeaning,
    EventKind,
    FileKind,
    LegalBasis,
    Locus,
    PlacementForm,
    Principal,
    Relation,
    VagueTerm,
)

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", min_length=1)]
Text = Annotated[str, StringConstraints(min_length=1)]


def _in_rule_range(day: dt.date) -> dt.date:
    if not RULE_DATE_MIN <= day <= RULE_DATE_MAX:
        raise ValueError(f"a date in a rule file lies between {RULE_DATE_MIN} and {RULE_DATE_MAX}")
    return day


RuleDate = Annotated[dt.date, AfterValidator(_in_rule_range)]
"""A date written in a rule file (see :mod:`.limits`)."""

T = TypeVar("T")


Items = Annotated[tuple[T, ...], Strict(False)]
"""A sequence field: written as a list, kept as a tuple, so a loaded model cannot be changed
through it (deep immutability). Only the sequence itself is read laxly (a list becomes a tuple);
its items are validated strictly."""


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Citation(_Strict):
    """Where a rule comes from: a source id, its section, and a short verbatim quote."""

    source: Identifier
    section: Text
    quote: Text | None = None


class AgreementParty(_Strict):
    """A party that signed an agreement: its name and which kind of principal it is."""

    name: Text
    principal: Principal


class Period(_Strict):
    """A length of time in whole days, weeks, months or years (Lag 1930:173 1 §)."""

    days: int = Field(default=0, ge=0)
    weeks: int = Field(default=0, ge=0)
    months: int = Field(default=0, ge=0)
    years: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _not_empty(self) -> Period:
        if not (self.days or self.weeks or self.months or self.years):
            raise ValueError("a period needs at least one of days, weeks, months, years above 0")
        if not _within_limit(self):
            raise ValueError(
                f"a period is at most {MAX_PERIOD_YEARS} years in total (no agreement or statute "
                "the format encodes uses a longer one)"
            )
        return self

    def words(self) -> str:
        parts = []
        for n, one, many in (
            (self.years, "år", "år"),
            (self.months, "månad", "månader"),
            (self.weeks, "vecka", "veckor"),
            (self.days, "dag", "dagar"),
        ):
            if n:
                parts.append(f"{n} {one if n == 1 else many}")
        return " ".join(parts)


def _within_limit(period: Period) -> bool:
    """At most :data:`~placement_rules.limits.MAX_PERIOD_YEARS` years in total, counted from
    2000-01-01 (each unit is checked first, so no huge number reaches the calendar)."""
    years = MAX_PERIOD_YEARS
    if (
        period.years > years
        or period.months > 12 * years
        or period.weeks > 53 * years
        or period.days > 366 * years
    ):
        return False
    month = period.months + 12 * period.years
    end = dt.date(2000 + month // 12, month % 12 + 1, 1)
    limit = dt.date(2000 + years, 1, 1)
    return end <= limit and (limit - end).days >= 7 * period.weeks + period.days


class InForce(_Strict):
    """The dates between which a rule is law (both inclusive); open ends allowed."""

    start: RuleDate | None = None
    end: RuleDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> InForce:
        if self.start and self.end and self.end < self.start:
            raise ValueError("in_force.end is before in_force.start")
        return self

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Source(_Strict):
    """A document or statute that rules cite."""

    id: Identifier
    kind: str = Field(pattern=r"^(agreement|decision|recommendation|statute)$")
    title: Text
    short: Text | None = Field(
        default=None,
        description="A short name for citations in tables and reports (default: the title).",
    )
    file: str | None = Field(
        default=None, description="Source text file (seeds/... or law/...) under the shared folder."
    )
    issuer: str | None = None
    in_force: InForce | None = Field(
        default=None, description="Statutes: the days the act is in force (both inclusive)."
    )
    replaces: Identifier | None = Field(
        default=None,
        description="Statutes: the source id of the act this one replaced (the social services "
        "act's line of succession: evaluation reports the act in force on the event date).",
    )

    @property
    def name(self) -> str:
        """What a citation calls the source: its short name, else its title."""
        return self.short or self.title


class Renewal(_Strict):
    """A renewal clause: extended by `extension` at a time unless notice is given `notice` ahead."""

    extension: Period
    notice: Period
    notice_action: str = Field(
        pattern=r"^(termination|negotiation)$",
        description="What the notice is: a written termination or a call for negotiation.",
    )
    repeats: bool = True
    citation: Citation


class Validity(_Strict):
    start: RuleDate
    end: RuleDate | None = Field(
        default=None, description="Last day of the stated term; none = open"
    )
    renewal: Renewal | None = None
    citation: Citation

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        if self.end is not None and self.end < self.start:
            raise ValueError("validity.end is before validity.start")
        if self.renewal is not None and self.end is None:
            raise ValueError("a renewal clause needs an end date for the first term")
        return self


class Agreement(_Strict):
    """One agreement text with its own term. A region may have several (Östergötland)."""

    id: Identifier
    title: Text
    source: Identifier
    parties: Items[AgreementParty] = Field(min_length=1)
    validity: Validity
    notes: Items[Text] = Field(default=())


class Condition(_Strict):
    """A test on one fact of the event, e.g. ``{fact: age, op: lt, value: 18}``."""

    fact: Identifier
    op: ConditionOp = "eq"
    value: bool | int | str | Items[str] | None


class Trigger(_Strict):
    event: EventKind
    when: Items[Condition] = Field(default=())


class Responsible(_Strict):
    """Who carries a duty: the principal, and where known the unit and which one of them."""

    principal: Principal
    unit: Text | None = None
    locus: Locus | None = None


class CostBearer(_Strict):
    principal: Principal
    locus: Locus | None = None
    note: Text | None = None


class Deadline(_Strict):
    """An offset from an anchor date, or a vague term kept as written, or both."""

    offset: Period | None = None
    anchor: Anchor | None = None
    vague: VagueTerm | None = None
    statutory: bool = Field(
        description="True when a statute sets the deadline: Lag (1930:173) 2 § roll-forward "
        "applies."
    )
    meaning: DeadlineMeaning = "due"

    @model_validator(mode="after")
    def _complete(self) -> Deadline:
        if self.offset is None and self.vague is None:
            raise ValueError("a deadline needs an offset or a vague term")
        if self.offset is not None and self.anchor is None:
            raise ValueError("an offset deadline needs an anchor")
        return self

    def describe(self) -> str:
        """The deadline in words, e.g. ``within 4 veckor from the event date; skyndsamt``."""
        parts = []
        if self.offset is not None:
            anchor = "the event date" if self.anchor == "event_date" else "the placement start"
            word = "within" if self.meaning == "due" else "ending at most"
            parts.append(f"{word} {self.offset.words()} from {anchor}")
        if self.vague is not None:
            parts.append(VAGUE_TERM_LABELS[self.vague])
        return "; ".join(parts)


class Rule(_Strict):
    id: Identifier
    duty: Identifier = Field(description="Stable key of the duty, shared across regions.")
    relation: Relation = "adds"
    agreement: Identifier | None = Field(
        default=None, description="Agreement id (regional files with several agreements)."
    )
    title: Text
    action: Text
    trigger: Trigger
    responsible: Responsible
    convener: Responsible | None = Field(default=None, description="Who convenes (kallar) a SIP.")
    deadline: Deadline | None = None
    cost_bearer: CostBearer | None = None
    legal_basis: Items[Text] = Field(default=())
    source: Citation
    see_also: Items[Citation] = Field(
        default=(), description="Further passages the rule also encodes."
    )
    in_force: InForce | None = None
    notes: Items[Text] = Field(default=())


class DutySection(_Strict):
    """A section of a source document that creates duties; coverage checks each has a rule."""

    source: Identifier
    section: Text
    summary: Text
    no_rule_reason: Text | None = Field(
        default=None,
        description="Why no rule encodes it (e.g. left to the national baseline); else a gap.",
    )


class Fulfilment(_Strict):
    """Which later event of a case fulfils which duties (case tracking).

    ``fulfils`` names duty keys of this file or its base files; a regional rule that replaces a
    national one keeps its duty key, so one mapping serves every region."""

    event: EventKind
    fulfils: Items[Identifier] = Field(min_length=1)
    when: Items[Condition] = Field(default=())
    citation: Citation | None = None
    notes: Items[Text] = Field(default=())


class AgeRange(_Strict):
    min: int = Field(default=0, ge=0)
    below: int = Field(gt=0, description="First age no longer covered (21 = up to 20 inclusive).")


class Exclusion(_Strict):
    when: Items[Condition] = Field(min_length=1)
    reason: Text
    citation: Citation


class Scope(_Strict):
    age: AgeRange
    legal_bases: Items[LegalBasis] = Field(min_length=1)
    placement_forms: Items[PlacementForm] = Field(min_length=1)
    exclusions: Items[Exclusion] = Field(default=())
    citation: Citation
    notes: Items[Text] = Field(default=())


class RuleFile(_Strict):
    format: int = Field(ge=1, le=1)
    kind: FileKind
    region: Identifier
    name: Text
    extends: Identifier | None = None
    valid_from: RuleDate | None = Field(default=None, description="Local files: date in force.")
    sources: Items[Source] = Field(default=())
    agreements: Items[Agreement] = Field(default=())
    scope: Scope | None = None
    baseline_note: Text | None = Field(
        default=None, description="What the file leaves to the base file (say so when silent)."
    )
    duty_sections: Items[DutySection] = Field(default=())
    rules: Items[Rule] = Field(default=())
    fulfilment: Items[Fulfilment] = Field(
        default=(), description="Events that fulfil duties, for case tracking."
    )

    @model_validator(mode="after")
    def _kind_fits(self) -> RuleFile:
        if self.kind == "national" and self.extends is not None:
            raise ValueError("the national file extends nothing")
        if self.kind != "national" and self.extends is None:
            raise ValueError(f"a {self.kind} file must name the file it extends")
        if self.kind == "regional" and not self.agreements:
            raise ValueError("a regional file needs at least one agreement")
        return self


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the rule-file format, for editors validating YAML as it is typed."""
    schema = RuleFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "placement-rules rule file"
    return schema
