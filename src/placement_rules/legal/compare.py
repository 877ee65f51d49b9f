"""A matrix of duties × regions: who does what, by when, and who pays, region by region.

Each cell shows the deadline, responsible party, convener and cost bearer of the rules for one
duty in one region on a date, and the section each rests on. A region without its own rule in
force for a duty inherits the national rule; such cells are marked as coming from the national
baseline. A duty that neither the region nor the statute has (one that another region adds) is a
``gap`` cell: national law applies there, the region adds nothing.

Rows follow the agreements' sections: the duties of the lead region (the first region named,
else the one with the most rules of its own) in the order of its sections, then those of the
next region that the lead has not, and so on; duties only the statute has come last, in the
national file's order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..i18n import DEFAULT_LANG, Lang
from ..models import NOT_NAMED, DutySection
from ..regions import available_regions, load_all, load_rule_set
from ..ruleset import CompiledRule, RuleSet
from .coverage import most_specific
from .wording import condition_text, deadline_summary, party_text

NATIONAL = "national"

CellState = Literal["own", "inherited", "national", "gap"]
"""``own``: the region's own rule; ``inherited``: the national rule stands; ``national``: the
national column itself; ``gap``: no rule for the duty at all."""


@dataclass(frozen=True, slots=True)
class CellEntry:
    """One rule's answer to: by when, who does it, who convenes, who pays."""

    rule_id: str
    deadline: str | None
    responsible: str
    convener: str | None
    cost_bearer: str | None
    conditions: tuple[str, ...]
    key: tuple[object, ...]
    compiled: CompiledRule | None = None
    """The rule itself (for renderings in other words than these English ones)."""
    section: str = ""
    """The source and section the rule rests on, as citations name them."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "section": self.section,
            "deadline": self.deadline,
            "responsible": self.responsible,
            "convener": self.convener,
            "cost_bearer": self.cost_bearer,
            "conditions": list(self.conditions),
        }


@dataclass(frozen=True, slots=True)
class Cell:
    duty: str
    region: str
    state: CellState
    entries: tuple[CellEntry, ...]
    differs: bool
    """An own rule whose deadline or parties differ from the national baseline's."""
    note: str | None = None

    @property
    def keys(self) -> frozenset[tuple[object, ...]]:
        return frozenset(e.key for e in self.entries)

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "differs_from_national": self.differs,
            "note": self.note,
            "entries": [e.to_dict() for e in self.entries],
        }


@dataclass(frozen=True)
class Matrix:
    on: dt.date
    regions: tuple[str, ...]
    """Columns, the national baseline first."""
    duties: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]
    lead: str | None = None
    """The region whose sections order the rows (None: the statute's order)."""
    placed_by: Mapping[str, str | None] | None = None
    """Duty -> the region whose section placed its row (None: the statute)."""
    lang: Lang = DEFAULT_LANG
    """The language its renderings speak (JSON keeps its English keys and codes)."""
    placed_rule: Mapping[str, CompiledRule] | None = None
    """Duty -> the rule whose section placed its row."""

    def title(self, duty: str) -> str:
        """The duty in words: the title of the rule that placed its row."""
        rule = (self.placed_rule or {}).get(duty)
        return rule.rule.title if rule is not None else duty

    def row_section(self, duty: str) -> str | None:
        """The section of the lead region's rule that placed the row, if a region's did."""
        rule = (self.placed_rule or {}).get(duty)
        if rule is None or (self.placed_by or {}).get(duty) is None:
            return None
        return f"{rule.source_name} {rule.rule.source.section}"

    def cell(self, duty: str, region: str) -> Cell:
        return self.cells[(duty, region)]

    def row_differs(self, duty: str) -> bool:
        """Whether the regions answer the duty differently (or some have no rule at all)."""
        return len({self.cell(duty, r).keys for r in self.regions}) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "regions": list(self.regions),
            "lead": self.lead,
            "duties": [
                {
                    "duty": duty,
                    "differs": self.row_differs(duty),
                    "cells": {r: self.cell(duty, r).to_dict() for r in self.regions},
                }
                for duty in self.duties
            ],
        }


def entry(compiled: CompiledRule) -> CellEntry:
    rule = compiled.rule
    deadline = deadline_summary(rule.deadline)
    responsible = party_text(rule.responsible)
    convener = party_text(rule.convener)
    cost = party_text(rule.cost_bearer)
    key = tuple(s.key if s else None for s in (deadline, responsible, convener, cost))
    return CellEntry(
        rule_id=rule.id,
        deadline=deadline.text if deadline else None,
        responsible=responsible.text if responsible else NOT_NAMED,
        convener=convener.text if convener else None,
        cost_bearer=cost.text if cost else None,
        conditions=tuple(sorted(condition_text(c) for c in rule.trigger.when)),
        key=key,
        compiled=compiled,
        section=f"{compiled.source_name} {rule.source.section}",
    )


def rules_in_force(rules: RuleSet, on: dt.date) -> tuple[list[CompiledRule], list[CompiledRule]]:
    """The rules that apply on ``on``, and the region's own rules set aside because their
    agreement is not in force on that day."""
    in_force = {s.agreement_id: s.in_force for s in rules.agreement_statuses(on)}
    applying: list[CompiledRule] = []
    idle: list[CompiledRule] = []
    for compiled in rules.rules:
        if not compiled.applies_on(on):
            continue
        if (
            compiled.level > 0
            and compiled.agreement is not None
            and not in_force.get(compiled.agreement.id, True)
        ):
            idle.append(compiled)
        else:
            applying.append(compiled)
    return applying, idle


def _cell(
    duty: str,
    region: str,
    rules: list[CompiledRule],
    idle: list[CompiledRule],
    national: frozenset[tuple[object, ...]],
) -> Cell:
    mine = [c for c in rules if c.rule.duty == duty]
    note = None
    if any(c.rule.duty == duty for c in idle):
        note = "the region's own rule is not applied: its agreement is not in force on this date"
    if not mine:
        return Cell(duty, region, "gap", (), False, note)
    top = max(c.level for c in mine)
    entries = tuple(sorted((entry(c) for c in mine if c.level == top), key=lambda e: e.rule_id))
    if top == 0:
        state: CellState = "national" if region == NATIONAL else "inherited"
        return Cell(duty, region, state, entries, False, note)
    keys = frozenset(e.key for e in entries)
    return Cell(duty, region, "own", entries, keys != national, note)


def _numbers(section: str) -> tuple[int, ...]:
    """The leading section number as integers ("3.4.10 Rutin" -> (3, 4, 10)); () for words."""
    match = re.match(r"\s*(\d+(?:\.\d+)*)", section)
    return tuple(int(p) for p in match.group(1).split(".")) if match else ()


def section_order(rules: RuleSet, compiled: CompiledRule) -> tuple[object, ...]:
    """Where a rule stands in its file's sources: the duty section it counts for (by section
    number, else by the file's order of duty sections), then its own cited section."""
    declared: tuple[DutySection, ...] = rules.top.model.duty_sections
    cite = compiled.rule.source
    found = most_specific(cite, declared)
    index = declared.index(found) if found is not None else len(declared)
    number = _numbers(found.section) if found is not None else _numbers(cite.section)
    return (number or (10**6,), index, _numbers(cite.section), cite.section)


def lead_order(rule_sets: Mapping[str, RuleSet], named: Sequence[str] = ()) -> tuple[str, ...]:
    """The regions whose sections order the rows: those named first, in that order, then the
    others by the number of rules of their own (most first), then by name."""
    rest = [r for r in rule_sets if r != NATIONAL and r not in named]
    rest.sort(key=lambda r: (-len(rule_sets[r].top.model.rules), r))
    return tuple(r for r in named if r in rule_sets and r != NATIONAL) + tuple(rest)


Placed = tuple[str, str | None, CompiledRule | None]
"""A row: the duty, the region whose section placed it (None: the statute's order) and the rule
that did."""


def duty_order(
    rule_sets: Mapping[str, RuleSet], duties: set[str], leads: Sequence[str]
) -> tuple[Placed, ...]:
    """The duties in row order: by the lead's sections, then the rules' order in its file;
    the duties the leads have not by the statute's order."""
    placed: dict[str, tuple[int, tuple[object, ...], int]] = {}
    lead_of: dict[str, tuple[str | None, CompiledRule | None]] = {}
    for rank, region in enumerate(leads):
        rules = rule_sets[region]
        for index, compiled in enumerate(rules.rules):
            if compiled.level == 0 or compiled.duty not in duties:
                continue
            key = (rank, section_order(rules, compiled), index)
            if compiled.duty not in placed or key < placed[compiled.duty]:
                placed[compiled.duty], lead_of[compiled.duty] = key, (region, compiled)
    national = rule_sets.get(NATIONAL)
    if national is not None:
        for index, compiled in enumerate(national.rules):
            if compiled.duty in duties and compiled.duty not in placed:
                placed[compiled.duty] = (len(leads), (), index)
                lead_of[compiled.duty] = (None, compiled)
    for duty in sorted(duties - set(placed)):
        placed[duty], lead_of[duty] = (len(leads) + 1, (), 0), (None, None)
    ordered = sorted(duties, key=lambda d: (placed[d], d))
    return tuple((d, *lead_of[d]) for d in ordered)


def build_matrix(
    rule_sets: Mapping[str, RuleSet],
    on: dt.date,
    named: Sequence[str] = (),
    lang: Lang = DEFAULT_LANG,
) -> Matrix:
    """The matrix of the given rule sets (keyed by region; ``national`` is the first column,
    then the regions named, then the others by name); rows in the order of the lead
    region's sections (:func:`lead_order`)."""
    regions = [NATIONAL] if NATIONAL in rule_sets else []
    regions += [r for r in named if r in rule_sets and r != NATIONAL]
    regions += sorted(r for r in rule_sets if r not in regions)
    in_force = {r: rules_in_force(rule_sets[r], on) for r in regions}
    found = {c.rule.duty for applying, _ in in_force.values() for c in applying} | {
        c.rule.duty for _, idle in in_force.values() for c in idle
    }
    leads = lead_order(rule_sets, named)
    order = duty_order(rule_sets, found, leads)
    duties = [d for d, _, _ in order]
    cells: dict[tuple[str, str], Cell] = {}
    for duty in duties:
        baseline = frozenset(
            entry(c).key
            for r in regions
            for c in in_force[r][0]
            if c.level == 0 and c.rule.duty == duty
        )
        for region in regions:
            applying, idle = in_force[region]
            cells[(duty, region)] = _cell(duty, region, applying, idle, baseline)
    return Matrix(
        on,
        tuple(regions),
        tuple(duties),
        cells,
        leads[0] if leads else None,
        {d: region for d, region, _ in order},
        lang,
        {d: rule for d, _, rule in order if rule is not None},
    )


def load_rule_sets(
    regions: Sequence[str], rules_dir: Path | str | None = None
) -> dict[str, RuleSet]:
    """The named regions' rule sets plus the national baseline (all regions when none named)."""
    if not regions:
        return load_all(rules_dir)
    wanted = [NATIONAL, *(r for r in regions if r != NATIONAL)]
    return {r: load_rule_set(r, rules_dir) for r in wanted}


def compare_regions(
    regions: Sequence[str],
    on: dt.date,
    rules_dir: Path | str | None = None,
    lang: Lang = DEFAULT_LANG,
) -> Matrix:
    rule_sets = load_rule_sets(regions, rules_dir)
    if NATIONAL not in rule_sets and NATIONAL in available_regions(rules_dir):
        rule_sets[NATIONAL] = load_rule_set(NATIONAL, rules_dir)
    return build_matrix(rule_sets, on, regions, lang)
