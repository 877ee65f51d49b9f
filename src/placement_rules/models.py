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
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal, TypeVar

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


SOURCE_FOLDERS: tuple[str, ...] = ("seeds", "law")
"""The folders of the shared folder whose files are sources (agreement texts, statutes); any
other file there (DOMAIN.md, notes) is not, and nothing may be quoted from it."""


def is_source_file(file: str) -> bool:
    """Whether ``file`` (a path under the shared folder) is a source text: under seeds/ or law/."""
    parts = PurePosixPath(file.replace("\\", "/")).parts
    return len(parts) > 1 and parts[0] in SOURCE_FOLDERS and ".." not in parts


def source_text_path(shared: Path, file: str) -> Path | None:
    """Where the source text ``file`` lies under ``shared``, or None when it is not a source
    file (see ``is_source_file``) or resolves outside the shared folder (an absolute path, a
    symbolic link out): a rule file never makes the tools read or show another file."""
    if not is_source_file(file):
        return None
    try:
        root = shared.resolve()
        path = (root / file).resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop
        return None
    return path if path.is_relative_to(root) else None


class Citation(_Strict):
    """Where a rule comes from: a source id, its section, and a short verbatim quote (or why
    there is none: the document's text is not among the sources)."""

    source: Identifier
    section: Text
    quote: Text | None = None
    no_quote_reason: Text | None = Field(
        default=None,
        description="Why the citation has no quote, e.g. the document's text is not among the "
        "shared sources (then lint notes the missing quote instead of warning).",
    )

    @model_validator(mode="after")
    def _quote_or_reason(self) -> Citation:
        if self.quote is not None and self.no_quote_reason is not None:
            raise ValueError("a citation with a quote needs no no_quote_reason")
        return self

    def falls_in(self, source: str, section: str) -> bool:
        """Whether it cites ``section`` of ``source`` or one of its sub-sections ("3" covers
        "3", "3.4" and "3.4.1"; "Gemensamt ansvar" covers "Gemensamt ansvar – Innan placering")."""
        if self.source != source:
            return False
        cited = self.section.strip()
        return cited == section or cited.startswith((section + ".", section + " "))


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


class LegalBasisRef(_Strict):
    """One entry of a rule's legal basis, dated: a provision of a registered source (a statute:
    its in-force days are the entry's unless it gives its own), or free text for an act that is
    not a registered source. Results show the entries in force on the event date."""

    source: Identifier | None = Field(default=None, description="A registered source (statute).")
    section: Text | None = Field(default=None, description="The provision, e.g. '10 kap. 8 §'.")
    text: Text | None = Field(
        default=None, description="The label itself, for an act that is not a registered source."
    )
    in_force: InForce | None = Field(
        default=None, description="When the provision is law; default: the source's in_force."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> LegalBasisRef:
        if self.source is None and self.text is None:
            raise ValueError("a legal-basis entry names a source (with its section) or a text")
        if self.section is not None and self.source is None:
            raise ValueError("a legal-basis section belongs to a source: give 'source'")
        return self


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
    """A renewal clause: extended by ``extension`` unless notice is given ``notice`` ahead, once
    or each time (``times``: every clause must be read, so there is no default)."""

    extension: Period
    notice: Period
    notice_action: str = Field(
        pattern=r"^(termination|negotiation)$",
        description="What the notice is: a written termination or a call for negotiation.",
    )
    times: Literal["once", "each_time"] = Field(
        description="'once': the clause extends the stated term one time (\"förlängs med "
        'ytterligare två år"); \'each_time\': it extends every term again ("två år i taget").'
    )
    citation: Citation


class LaterDecision(_Strict):
    """A documented decision of the parties about the term, after the text's own clauses: an
    extension to a new last day, or a successor agreement that replaces this one."""

    kind: Literal["extension", "successor"]
    decided: dt.date | None = Field(
        default=None, description="The date of the decision, when the document gives it."
    )
    until: dt.date | None = Field(
        default=None, description="extension: the new last day of the agreement (required)."
    )
    successor: Identifier | None = Field(
        default=None,
        description="successor: the id of the agreements[] entry that replaces this one "
        "(required); it replaces it from its own start date.",
    )
    citation: Citation = Field(
        description="The decision's own source (a decision or agreement document), section and "
        "verbatim quote."
    )
    notes: Items[Text] = Field(default=())

    @model_validator(mode="after")
    def _complete(self) -> LaterDecision:
        if self.kind == "extension" and (self.until is None or self.successor is not None):
            raise ValueError("an extension gives 'until' (the new last day) and no 'successor'")
        if self.kind == "successor" and (self.successor is None or self.until is not None):
            raise ValueError("a successor decision gives 'successor' (an agreement id), no 'until'")
        return self


class Validity(_Strict):
    start: RuleDate
    end: RuleDate | None = Field(
        default=None, description="Last day of the stated term; none = open"
    )
    renewal: Renewal | None = None
    citation: Citation
    later_decisions: Items[LaterDecision] = Field(
        default=(),
        description="Documented decisions of the parties after the text's own clauses "
        "(extensions, successor agreements), each with its own citation.",
    )

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
    continues: Identifier | None = Field(
        default=None,
        description="A successor whose text keeps an earlier agreement's clauses: the id of that "
        "agreement, whose rules then apply while this one is in force (cite the successor's "
        "sentence that says so in its notes or validity citation).",
    )
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


class Acknowledged(_Strict):
    """A contradiction with the statute the file records on purpose: the rule encodes the text
    as it is written although the statute in force says otherwise (the statute still prevails:
    its obligation is kept and the conflict reported, as "acknowledged")."""

    statute_rule: Identifier = Field(
        description="The base-file rule of the same duty whose statutory deadline it contradicts."
    )
    reason: Text = Field(description="Why the text is encoded as it is written.")
    citation: Citation = Field(description="The statute's provision that the text contradicts.")


NOT_NAMED: str = "not named by the text"
"""How results show the responsible party of a requirement (``form: requirement``)."""


class Rule(_Strict):
    id: Identifier
    duty: Identifier = Field(description="Stable key of the duty, shared across regions.")
    relation: Relation = "adds"
    form: Literal["duty", "requirement"] = Field(
        default="duty",
        description="'duty': an act of a named party; 'requirement': something the text "
        'requires without naming who must meet it ("krävs vårdnadshavarens samtycke"): no '
        "responsible party, and case tracking does not track it.",
    )
    agreement: Identifier | None = Field(
        default=None, description="Agreement id (regional files with several agreements)."
    )
    title: Text
    action: Text
    trigger: Trigger
    responsible: Responsible | None = Field(
        default=None,
        description="Who carries the duty: required for a duty, none for a requirement.",
    )
    convener: Responsible | None = Field(default=None, description="Who convenes (kallar) a SIP.")
    deadline: Deadline | None = None
    cost_bearer: CostBearer | None = None
    legal_basis: Items[Text | LegalBasisRef] = Field(
        default=(),
        description="The statutes the duty rests on: plain text (undated), or entries naming a "
        "source and section with the days they are in force.",
    )
    source: Citation
    see_also: Items[Citation] = Field(
        default=(), description="Further passages the rule also encodes."
    )
    in_force: InForce | None = None
    scope_part: Identifier | None = Field(
        default=None,
        description="The scope part the rule falls in, when not the one its source section "
        "gives (regional and local files).",
    )
    acknowledged: Items[Acknowledged] = Field(
        default=(),
        description="Contradictions with the statute the file records on purpose, each with its "
        "reason and the statute's provision.",
    )
    notes: Items[Text] = Field(default=())

    @model_validator(mode="after")
    def _party_fits_form(self) -> Rule:
        if self.form == "duty" and self.responsible is None:
            raise ValueError("a duty names its responsible party (or say form: requirement)")
        if self.form == "requirement" and (self.responsible or self.convener):
            raise ValueError(
                "a requirement names no responsible party or convener: the text names none"
            )
        return self


class UnencodedPart(_Strict):
    """A part of a duty section that no rule encodes on purpose, quoted, with the reason."""

    summary: Text
    quote: Text = Field(description="Verbatim from the section's source; lint checks it.")
    reason: Text = Field(description="Why no rule can or should encode it.")


class DutySection(_Strict):
    """A section of a source document that creates duties; coverage checks each has a rule."""

    source: Identifier
    section: Text
    summary: Text
    no_rule_reason: Text | None = Field(
        default=None,
        description="Why no rule encodes it (e.g. left to the national baseline); else a gap.",
    )
    unencoded: Items[UnencodedPart] = Field(
        default=(),
        description="Parts of the section that are deliberately not encoded, each quoted with "
        "its reason (coverage lists them as not encodable).",
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


class ScopePart(_Strict):
    """Who one part of an agreement covers, when it differs from the agreement as a whole (VGR:
    section 3 treats placed children in the forms 1.4 lists; sections 2 and 4 cover every child
    of the target group). A regional rule whose ``source`` cites one of ``sections`` (or a
    sub-section) is applied only inside this part's scope as well as the file's."""

    id: Identifier
    source: Identifier = Field(description="The source whose sections the part covers.")
    sections: Items[Text] = Field(
        min_length=1, description='"3" covers 3, 3.x and 3.x.y of the source.'
    )
    age: AgeRange | None = None
    legal_bases: Items[LegalBasis] = Field(
        default=(), description="Empty: any (an event without a legal basis passes)."
    )
    placement_forms: Items[PlacementForm] = Field(
        default=(), description="Empty: any (an event without a placement form passes)."
    )
    exclusions: Items[Exclusion] = Field(default=())
    citation: Citation
    notes: Items[Text] = Field(default=())

    @property
    def label(self) -> str:
        """How results name it: "section 3", "sections 2, 4"."""
        plural = "s" if len(self.sections) > 1 else ""
        return f"section{plural} {', '.join(self.sections)}"


class Scope(_Strict):
    age: AgeRange
    legal_bases: Items[LegalBasis] = Field(
        default=(), description="Empty: any (an event without a legal basis passes)."
    )
    placement_forms: Items[PlacementForm] = Field(
        default=(), description="Empty: any (an event without a placement form passes)."
    )
    exclusions: Items[Exclusion] = Field(default=())
    citation: Citation
    notes: Items[Text] = Field(default=())
    parts: Items[ScopePart] = Field(
        default=(), description="Parts of the agreement with a scope of their own."
    )

    @model_validator(mode="after")
    def _parts_unique(self) -> Scope:
        ids = [p.id for p in self.parts]
        if len(ids) != len(set(ids)):
            raise ValueError("scope part ids must be unique")
        return self


class Review(_Strict):
    """A sign-off of the file as it stands: who reviewed it (a role, never a person's name), on
    which day, and the digest of the content they saw. Lint checks the digest against the
    current content, so a later edit shows as unreviewed."""

    role: Text = Field(description='The reviewer\'s role, e.g. "jurist, regionens rättsenhet".')
    date: RuleDate
    digest: str = Field(
        pattern=r"^sha256:[0-9a-f]{64}$",
        description="placement_rules.legal.lint.review_digest of the file: the digest of its "
        "canonical content without its reviewed entries (`placement-rules lint` shows it).",
    )


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
    reviewed: Items[Review] = Field(
        default=(), description="Sign-offs of the file's content (role, date, digest)."
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
