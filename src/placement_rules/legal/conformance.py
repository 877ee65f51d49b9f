"""Conformance of local routines: a local rule file may tighten or add, never loosen.

A municipality writes its own routine as a rule file of ``kind: local`` that ``extends`` a
regional agreement (or another file). Each local rule either ``adds`` a duty of its own, or
re-encodes a duty of its base files (``tightens``, ``names_unit``, ``restates``). For the
re-encoded duties, :func:`check_file` compares every local rule with every base rule of the same
duty that can apply to the same event, and reports a :class:`ConformanceFinding` when the local
routine

- ``later_deadline``: gives a later due date (or a later end of a limit) than the base rule, on
  any of a range of anchor dates 2019-2027 (month ends, the days around them, and both versions of
  Socialtjänstlagen, each base rule on the days it is in force);
- ``vague_replaces_dated``: keeps only a vague term (``skyndsamt``...) where the base gives a date;
- ``deadline_dropped``: has no deadline where the base has one;
- ``immediate_replaced``: gives a dated deadline where the base says *genast* or *before* the
  placement, application or end (a number of days after the event is later than that);
- ``other_principal``: makes another principal (or another municipality or region: the locus)
  responsible than the most specific base rule that fires with it (an agreement may reassign a
  statutory duty; a local routine may not reassign the agreement's); ``other_cost_bearer`` and
  ``other_convener`` likewise for cost and convening;
- ``dropped_duty``: together, the local rules of a duty do not fire for some event where a base
  rule of that duty fires (narrower conditions, another trigger) on a day the local rules are in
  force: the routine, read on its own, leaves those children without the duty;
- ``relation_misuse``: ``adds`` for a duty the base has, another relation for a duty it has not,
  ``restates`` or ``names_unit`` with a changed deadline, ``names_unit`` without a unit, or a
  ``due`` deadline for a base ``limit`` (or the reverse).

Events are probed, not proved: each fact a condition of the compared rules tests takes the values
around its thresholds (every legal basis and placement form, both values of a flag, ages around
each limit), on the in-force boundaries of the rules and on days of both law versions. Scope and
agreement status are not applied: a local routine must honour the agreement's terms whether or
not they are in force on a given day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, get_args

from dateutil.relativedelta import relativedelta
from pydantic import ValidationError

from ..calendar import due_date
from ..compiler import build_rule_set
from ..errors import ConformanceError
from ..evaluation import event_facts
from ..events import Event
from ..i18n import DEFAULT_LANG, Lang, text
from ..loading import LoadedFile
from ..models import Deadline, Rule, RuleFile
from ..regions import load_chain
from ..ruleset import CompiledRule
from ..vocabulary import LegalBasis, PlacementForm

FindingKind = Literal[
    "later_deadline",
    "vague_replaces_dated",
    "deadline_dropped",
    "immediate_replaced",
    "other_principal",
    "other_cost_bearer",
    "other_convener",
    "dropped_duty",
    "relation_misuse",
]

FIRST_YEAR: Final[int] = 2019
LAST_YEAR: Final[int] = 2027
MAX_PROBES: Final[int] = 60_000
"""Upper bound on the probe events per duty (the product of the fact values is cut there)."""

IMMEDIATE: Final[frozenset[str]] = frozenset(
    {"genast", "fore_placering", "fore_ansokan", "fore_avslut"}
)
"""Vague terms that no number of days after the event can be shown to meet."""

_LEGAL_BASES: Final[tuple[str | None, ...]] = (None, *get_args(LegalBasis))
_FORMS: Final[tuple[str | None, ...]] = (None, *get_args(PlacementForm))
_PLACE_FACTS: Final[frozenset[str]] = frozenset(
    {"home_region", "placement_region", "home_municipality", "placement_municipality"}
)
_ELSEWHERE: Final[str] = "annan_ort"


@dataclass(frozen=True, slots=True)
class ConformanceFinding:
    """One way a local rule loosens its base."""

    kind: FindingKind
    rule_id: str
    base_rule_id: str | None
    message: str
    line: int | None = None

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        where = text("conformance.line", lang, line=self.line) if self.line is not None else ""
        against = (
            text("conformance.against", lang, rule=self.base_rule_id) if self.base_rule_id else ""
        )
        return f"{self.kind}: {self.rule_id}{where}{against}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule_id": self.rule_id,
            "base_rule_id": self.base_rule_id,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class ConformanceReport:
    """The outcome of checking one local file."""

    file: str
    region: str
    extends: str
    local_rules: int
    compared_pairs: int
    anchor_days: int
    probe_events: int
    findings: tuple[ConformanceFinding, ...]
    lang: Lang = DEFAULT_LANG
    """The language of the messages and the summary."""

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        if self.ok:
            return text(
                "conformance.ok",
                self.lang,
                file=self.file,
                rules=self.local_rules,
                extends=self.extends,
                pairs=self.compared_pairs,
                days=self.anchor_days,
                events=self.probe_events,
            )
        return text(
            "conformance.fail",
            self.lang,
            file=self.file,
            n=len(self.findings),
            extends=self.extends,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "region": self.region,
            "extends": self.extends,
            "ok": self.ok,
            "local_rules": self.local_rules,
            "compared_pairs": self.compared_pairs,
            "anchor_days": self.anchor_days,
            "probe_events": self.probe_events,
            "findings": [f.to_dict() for f in self.findings],
        }


# --- dates ------------------------------------------------------------------------------------


def anchor_days(
    first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR, law_changes: Iterable[dt.date] = ()
) -> tuple[dt.date, ...]:
    """Days to count deadlines from: the 1st, 15th and the last four days of every month, and
    the last day of each law version with the first of the next (``law_changes``: the days one
    social services act replaced another, :attr:`~placement_rules.ruleset.RuleSet.law_changes`)."""
    days: set[dt.date] = {
        d for change in law_changes for d in (change - dt.timedelta(days=1), change)
    }
    for year in range(first_year, last_year + 1):
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            last = first + relativedelta(months=1, days=-1)
            days.update({first, dt.date(year, month, 15)})
            days.update(last - dt.timedelta(days=k) for k in range(4))
    return tuple(sorted(days))


def _due(deadline: Deadline, day: dt.date, start: dt.date) -> dt.date | None:
    if deadline.offset is None:
        return None
    anchor = start if deadline.anchor == "placement_start" else day
    return due_date(anchor, deadline.offset, statutory=deadline.statutory).date


def first_later_due(
    local: Rule, base: Rule, days: Iterable[dt.date]
) -> tuple[dt.date, dt.date, dt.date] | None:
    """The first (event day, local due, base due) where ``local`` is due after ``base``.

    Each day is tried with the placement starting that day and ten days before.
    """
    mine, theirs = local.deadline, base.deadline
    if mine is None or theirs is None or mine.offset is None or theirs.offset is None:
        return None
    for day in days:
        if not (_in_force(local, day) and _in_force(base, day)):
            continue
        for start in (day, day - dt.timedelta(days=10)):
            a, b = _due(mine, day, start), _due(theirs, day, start)
            if a is not None and b is not None and a > b:
                return day, a, b
    return None


def _in_force(rule: Rule, day: dt.date) -> bool:
    return rule.in_force is None or rule.in_force.covers(day)


# --- static comparisons of one local rule with one base rule ----------------------------------


def _same_deadline(a: Deadline | None, b: Deadline | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.offset, a.anchor, a.vague, a.meaning) == (b.offset, b.anchor, b.vague, b.meaning)


def deadline_findings(
    local: Rule, base: Rule, days: Sequence[dt.date], lang: Lang = DEFAULT_LANG
) -> list[tuple[FindingKind, str]]:
    """Ways the local deadline is looser than the base deadline."""
    mine, theirs = local.deadline, base.deadline
    if theirs is None:
        return []
    if mine is None:
        return [("deadline_dropped", text("conformance.deadline_dropped", lang))]
    out: list[tuple[FindingKind, str]] = []
    if mine.meaning != theirs.meaning:
        out.append(
            (
                "relation_misuse",
                text("conformance.meaning_differs", lang, mine=mine.meaning, theirs=theirs.meaning),
            )
        )
    if theirs.offset is not None and mine.offset is None:
        out.append(
            (
                "vague_replaces_dated",
                text(
                    "conformance.vague_replaces_dated",
                    lang,
                    vague=mine.vague,
                    period=theirs.offset.words(),
                ),
            )
        )
    if theirs.vague in IMMEDIATE and mine.vague != theirs.vague and mine.offset is not None:
        out.append(
            (
                "immediate_replaced",
                text(
                    "conformance.immediate_replaced",
                    lang,
                    period=mine.offset.words(),
                    vague=theirs.vague,
                ),
            )
        )
    later = first_later_due(local, base, days)
    if later is not None:
        day, a, b = later
        key = "conformance.later_limit" if theirs.meaning == "limit" else "conformance.later_due"
        out.append(("later_deadline", text(key, lang, day=day, mine=a, theirs=b)))
    return out


def party_findings(
    local: Rule, base: Rule, lang: Lang = DEFAULT_LANG
) -> list[tuple[FindingKind, str]]:
    """Another principal (or locus) responsible, bearing the cost, or convening."""
    out: list[tuple[FindingKind, str]] = []
    mine, theirs = local.responsible, base.responsible
    if mine is None or theirs is None:
        if mine is None and theirs is not None:
            out.append(
                (
                    "other_principal",
                    text("conformance.no_responsible", lang, theirs=theirs.principal),
                )
            )
    elif mine.principal != theirs.principal:
        out.append(
            (
                "other_principal",
                text(
                    "conformance.other_principal",
                    lang,
                    mine=mine.principal,
                    theirs=theirs.principal,
                ),
            )
        )
    elif mine.locus and theirs.locus and mine.locus != theirs.locus:
        out.append(
            (
                "other_principal",
                text("conformance.other_locus", lang, mine=mine.locus, theirs=theirs.locus),
            )
        )
    if base.cost_bearer is not None:
        cost = local.cost_bearer
        if cost is None:
            out.append(
                (
                    "other_cost_bearer",
                    text("conformance.no_cost", lang, theirs=base.cost_bearer.principal),
                )
            )
        elif cost.principal != base.cost_bearer.principal or (
            cost.locus and base.cost_bearer.locus and cost.locus != base.cost_bearer.locus
        ):
            out.append(
                (
                    "other_cost_bearer",
                    text(
                        "conformance.other_cost_bearer",
                        lang,
                        mine=cost.principal,
                        mine_locus=cost.locus or text("conformance.unspecified", lang),
                        theirs=base.cost_bearer.principal,
                        theirs_locus=base.cost_bearer.locus
                        or text("conformance.unspecified", lang),
                    ),
                )
            )
    if base.convener is not None:
        conv = local.convener
        if conv is None or conv.principal != base.convener.principal:
            out.append(
                (
                    "other_convener",
                    text(
                        "conformance.other_convener",
                        lang,
                        mine=conv.principal if conv else text("conformance.not_named", lang),
                        theirs=base.convener.principal,
                    ),
                )
            )
    return out


def restatement_findings(
    local: Rule, base: Rule, lang: Lang = DEFAULT_LANG
) -> list[tuple[FindingKind, str]]:
    """A ``restates`` or ``names_unit`` rule must not change the deadline."""
    if local.relation in ("restates", "names_unit") and not _same_deadline(
        local.deadline, base.deadline
    ):
        return [
            (
                "relation_misuse",
                text("conformance.restatement_differs", lang, relation=local.relation),
            )
        ]
    return []


def relation_findings(
    model: RuleFile, base_duties: frozenset[str], lang: Lang = DEFAULT_LANG
) -> list[tuple[Rule, str]]:
    """Local rules whose relation does not fit the base files' duties (the loader rejects them)."""
    out: list[tuple[Rule, str]] = []
    for rule in model.rules:
        if rule.relation == "adds" and rule.duty in base_duties:
            out.append(
                (
                    rule,
                    text("conformance.adds_existing", lang, duty=rule.duty),
                )
            )
        elif rule.relation != "adds" and rule.duty not in base_duties:
            out.append(
                (
                    rule,
                    text("conformance.unknown_duty", lang, relation=rule.relation, duty=rule.duty),
                )
            )
        elif rule.relation == "names_unit" and (
            rule.responsible is None or rule.responsible.unit is None
        ):
            out.append((rule, text("conformance.names_no_unit", lang)))
    return out


# --- probe events -------------------------------------------------------------------------------


def _mentioned(rules: Iterable[CompiledRule], fact: str) -> list[Any]:
    values: list[Any] = []
    for compiled in rules:
        for cond in compiled.conditions:
            if cond.fact != fact:
                continue
            items = cond.value if isinstance(cond.value, tuple) else (cond.value,)
            values.extend(v for v in items if v not in values)
    return values


def probe_values(fact: str, rules: Sequence[CompiledRule]) -> list[Any]:
    """The values a probe event takes for ``fact``: both sides of every threshold the rules use."""
    mentioned = _mentioned(rules, fact)
    if fact == "age":
        ages = {0, 10, 17, 18, 20, 21, 22}
        for value in mentioned:
            if isinstance(value, int):
                ages.update(a for a in (value - 1, value, value + 1) if a >= 0)
        return sorted(ages)
    if fact == "legal_basis":
        return list(_LEGAL_BASES)
    if fact == "placement_form":
        return list(_FORMS)
    if fact in _PLACE_FACTS:
        return [*sorted(str(v) for v in mentioned), _ELSEWHERE]
    field = Event.model_fields.get(fact)
    if fact == "cross_region" or (field is not None and field.annotation is bool):
        return [False, True]
    return mentioned


def _event_values(
    day: dt.date, kind: str, home_region: str, facts: dict[str, Any]
) -> dict[str, Any]:
    age = int(facts.get("age", 10))
    values: dict[str, Any] = {
        "kind": kind,
        "date": day,
        "birth_date": day - relativedelta(years=age, days=100),
        "home_municipality": "kommun",
        "home_region": home_region,
        "legal_basis": "LVU",
        "placement_form": "familjehem",
    }
    if kind != "placement_started":
        values["placement_start"] = max(values["birth_date"], day - dt.timedelta(days=30))
    for fact, value in facts.items():
        if fact == "age":
            continue
        if fact == "cross_region":
            if "placement_region" not in facts:
                values["placement_region"] = _ELSEWHERE if value else None
            continue
        values[fact] = value
    return values


def probe_days(
    rules: Iterable[CompiledRule], law_changes: Iterable[dt.date] = ()
) -> tuple[dt.date, ...]:
    """Days of both law versions (and the days around each law change) plus the in-force
    boundaries of ``rules``."""
    days = {dt.date(2020, 3, 2), dt.date(2024, 6, 3), dt.date(2026, 3, 2)}
    days |= {d for change in law_changes for d in (change - dt.timedelta(days=1), change)}
    for compiled in rules:
        in_force = compiled.rule.in_force
        if in_force is None:
            continue
        for edge in (in_force.start, in_force.end):
            if edge is not None:
                days.update({edge - dt.timedelta(days=1), edge, edge + dt.timedelta(days=1)})
    return tuple(sorted(d for d in days if FIRST_YEAR <= d.year <= LAST_YEAR))


def probe_events(
    rules: Sequence[CompiledRule], home_region: str, law_changes: Iterable[dt.date] = ()
) -> Iterator[Event]:
    """Events varying every fact the rules' conditions test, on every probe day."""
    kinds = sorted({c.rule.trigger.event for c in rules})
    facts = sorted({cond.fact for c in rules for cond in c.conditions} - {"kind", "date"})
    choices = [probe_values(f, rules) for f in facts]
    combos = itertools.product(probe_days(rules, law_changes), kinds, *choices)
    for day, kind, *values in itertools.islice(combos, MAX_PROBES):
        try:
            yield Event.model_validate(
                _event_values(day, kind, home_region, dict(zip(facts, values, strict=True)))
            )
        except ValidationError:
            continue


def fires(compiled: CompiledRule, event: Event, facts: dict[str, Any]) -> bool:
    """Whether the rule's trigger, in-force dates and conditions hold (scope not applied)."""
    return (
        compiled.rule.trigger.event == event.kind
        and compiled.applies_on(event.date)
        and compiled.matches(facts)
    )


def _describe_event(event: Event, facts: Sequence[str], lang: Lang = DEFAULT_LANG) -> str:
    values = event_facts(event)
    shown = ", ".join(f"{f}={values[f]}" for f in facts if f in values)
    said = text("conformance.event_on", lang, kind=event.kind, date=event.date)
    return said + (f" ({shown})" if shown else "")


@dataclass(frozen=True)
class _DutyProbe:
    pairs: dict[tuple[str, str], Event]
    """Local and base rule ids that fire for the same event (with the first such event)."""
    top_pairs: frozenset[tuple[str, str]]
    """The pairs whose base rule is of the most specific base file among those that fired."""
    uncovered: Event | None
    uncovered_count: int
    events: int


def probe_duty(
    local: Sequence[CompiledRule],
    base: Sequence[CompiledRule],
    home_region: str,
    valid_from: dt.date | None,
    law_changes: Iterable[dt.date] = (),
) -> _DutyProbe:
    """Which (local, base) rule pairs fire together, and an event the local rules miss."""
    pairs: dict[tuple[str, str], Event] = {}
    top_pairs: set[tuple[str, str]] = set()
    uncovered: Event | None = None
    missed = 0
    count = 0
    for event in probe_events([*local, *base], home_region, law_changes):
        count += 1
        facts = event_facts(event)
        fired_base = [b for b in base if fires(b, event, facts)]
        if not fired_base:
            continue
        fired_local = [lo for lo in local if fires(lo, event, facts)]
        top = max(b.level for b in fired_base)
        for lo in fired_local:
            for b in fired_base:
                pairs.setdefault((lo.id, b.id), event)
                if b.level == top:
                    top_pairs.add((lo.id, b.id))
        routine_in_force = any(lo.applies_on(event.date) for lo in local) and (
            valid_from is None or event.date >= valid_from
        )
        if not fired_local and routine_in_force:
            missed += 1
            uncovered = uncovered or event
    return _DutyProbe(pairs, frozenset(top_pairs), uncovered, missed, count)


# --- the check -----------------------------------------------------------------------------------


def _rule_lines(loaded: LoadedFile) -> dict[str, int]:
    lines: dict[str, int] = {}
    for i, rule in enumerate(loaded.model.rules):
        pos = loaded.positions.get(("rules", i))
        if pos is not None:
            lines[rule.id] = pos[0]
    return lines


def check_chain(
    chain: Sequence[LoadedFile],
    *,
    days: Sequence[dt.date] | None = None,
    lang: Lang = DEFAULT_LANG,
) -> ConformanceReport:
    """Check the last file of ``chain`` (base first) against the files before it."""
    if len(chain) < 2:
        raise ConformanceError(f"{chain[-1].path}: a local file must extend another file")
    local_file = chain[-1]
    if local_file.model.kind != "local":
        raise ConformanceError(
            f"{local_file.path}: conformance checks local routines; this is a "
            f"{local_file.model.kind} file"
        )
    base_set = build_rule_set(list(chain[:-1]))
    grid = tuple(days) if days is not None else anchor_days(law_changes=base_set.law_changes)
    base_duties = frozenset(c.rule.duty for c in base_set.rules)
    lines = _rule_lines(local_file)
    findings: list[ConformanceFinding] = [
        ConformanceFinding("relation_misuse", rule.id, None, message, lines.get(rule.id))
        for rule, message in relation_findings(local_file.model, base_duties, lang)
    ]
    misused = {f.rule_id for f in findings}
    usable = [r for r in local_file.model.rules if r.id not in misused]
    trimmed = dataclasses.replace(
        local_file, model=local_file.model.model_copy(update={"rules": usable})
    )
    full = build_rule_set([*chain[:-1], trimmed])
    own_ids = {r.id for r in usable}
    local_rules = [c for c in full.rules if c.id in own_ids]
    home_region = next(
        (f.model.region for f in chain if f.model.kind == "regional"), local_file.model.region
    )
    pairs_checked = 0
    events_checked = 0
    for duty in sorted({c.rule.duty for c in local_rules if c.rule.relation != "adds"}):
        mine = [c for c in local_rules if c.rule.duty == duty]
        theirs = [c for c in base_set.rules if c.rule.duty == duty]
        probe = probe_duty(
            mine, theirs, home_region, local_file.model.valid_from, base_set.law_changes
        )
        events_checked += probe.events
        facts = sorted({cond.fact for c in [*mine, *theirs] for cond in c.conditions})
        if probe.uncovered is not None:
            first = mine[0]
            findings.append(
                ConformanceFinding(
                    "dropped_duty",
                    first.id,
                    None,
                    text(
                        "conformance.dropped_duty",
                        lang,
                        duty=duty,
                        n=probe.uncovered_count,
                        event=_describe_event(probe.uncovered, facts, lang),
                    ),
                    lines.get(first.id),
                )
            )
        by_id = {c.id: c for c in [*mine, *theirs]}
        for local_id, base_id in sorted(probe.pairs):
            pairs_checked += 1
            local_rule, base_rule = by_id[local_id].rule, by_id[base_id].rule
            found = deadline_findings(local_rule, base_rule, grid, lang)
            if (local_id, base_id) in probe.top_pairs:
                found += [
                    *party_findings(local_rule, base_rule, lang),
                    *restatement_findings(local_rule, base_rule, lang),
                ]
            findings.extend(
                ConformanceFinding(kind, local_id, base_id, message, lines.get(local_id))
                for kind, message in found
            )
    return ConformanceReport(
        file=local_file.name or str(local_file.path),
        region=local_file.model.region,
        extends=local_file.model.extends or "",
        local_rules=len(local_file.model.rules),
        compared_pairs=pairs_checked,
        anchor_days=len(grid),
        probe_events=events_checked,
        findings=tuple(findings),
        lang=lang,
    )


def check_file(
    path: Path | str, *, days: Sequence[dt.date] | None = None, lang: Lang = DEFAULT_LANG
) -> ConformanceReport:
    """Load a local rule file with the files it extends and check it against them.

    Raises :class:`~placement_rules.errors.PlacementRulesError` when a file cannot be loaded or
    the file is not a local routine.
    """
    return check_chain(load_chain(Path(path)), days=days, lang=lang)


__all__ = [
    "ConformanceError",
    "ConformanceFinding",
    "ConformanceReport",
    "FindingKind",
    "anchor_days",
    "check_chain",
    "check_file",
]
