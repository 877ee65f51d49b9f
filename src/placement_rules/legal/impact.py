"""Impact of a change on open cases: run each case under the old and the new rules, list the
cases whose duties, parties or due dates differ.

``placement-rules impact OLD NEW CASES --as-of DATE``: OLD and NEW are versions of one rule file
(paths, or ``PATH@REV`` for a git revision); CASES is the audit's input (CSV or JSON Lines, read
by :mod:`placement_rules.tracking.audit_rows` with its hostile-input limits: every line bounded,
bad rows reported with their line and skipped). Each case is tracked on the ``as_of`` date
(:func:`placement_rules.tracking.tracker.track`) under both versions; a case differs when the
multiset of its obligations, each as (duty, responsible party, cost bearer, due date or vague
term), is not the same under both.

Which rules a case gets (:class:`SideRules`): the rule set of its region (the ``region`` cell,
else its first ``home_region``) from the rules folder, with the changed file put in the place of
the file of its region in that chain (so a change of ``national.yaml`` reaches every region, a
change of ``vastra_gotaland.yaml`` that region's cases only). A case whose chain holds neither
version is the same under both and is not tracked twice.

The input is streamed case by case (its rows must be grouped by case, as for ``audit``);
what is kept grows with the number of duties and municipalities (at most
:data:`~placement_rules.tracking.audit_summary.MAX_MUNICIPALITY_KEYS` names), and by the
audit reader's 8-byte digest of each finished case id (to refuse an input that is not
grouped), never by a case's events once it is judged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NamedTuple

from ..compiler import build_rule_set
from ..errors import UnknownRegionError
from ..events import Event
from ..loading import LoadedFile, bundled_rules_dir
from ..regions import load_chain, region_files
from ..results import Obligation
from ..ruleset import RuleSet
from ..tracking.audit_rows import CaseRows, Problem, Row, group_cases
from ..tracking.audit_summary import MAX_MUNICIPALITY_KEYS, OTHER_MUNICIPALITIES
from ..tracking.tracker import ObligationStatus, track

IMPACT_COLUMNS: Final[tuple[str, ...]] = (
    "case_id",
    "region",
    "home_municipality",
    "duty",
    "change",
    "old_due",
    "new_due",
    "old_responsible",
    "new_responsible",
    "old_cost_bearer",
    "new_cost_bearer",
    "old_status",
    "new_status",
)
"""The per-case CSV: one row per duty whose obligations differ in an affected case."""


class ObligationKey(NamedTuple):
    """What a case's reader cares about in one obligation: the duty, who carries it, who pays,
    and when it is due (a date, else the vague term)."""

    duty: str
    responsible: str
    cost_bearer: str
    due: str


def obligation_key(obligation: Obligation) -> ObligationKey:
    cost = obligation.cost_bearer
    due = obligation.due.isoformat() if obligation.due else (obligation.vague or "")
    return ObligationKey(
        obligation.duty, obligation.responsible_text, cost.describe() if cost else "", due
    )


def outcome(obligations: Iterable[Obligation]) -> Counter[ObligationKey]:
    """The obligations as a multiset of keys (two of one duty with the same key count twice)."""
    return Counter(obligation_key(o) for o in obligations)


# --- the rules of each side ---------------------------------------------------------------------


def _find_base(name: str, folders: Sequence[Path]) -> Path:
    for folder in [*folders, bundled_rules_dir()]:
        for suffix in (".yaml", ".yml"):
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    raise UnknownRegionError(f"no rule file '{name}.yaml' beside the changed file or bundled")


class SideRules:
    """The rule sets of one side of a change: each region's chain from the rules folder, with
    the side's file in the place of the file of its region (built on first use, per region)."""

    def __init__(
        self,
        side: LoadedFile,
        rules_dir: Path | None = None,
        cache: dict[Path, LoadedFile] | None = None,
    ) -> None:
        self.side = side
        self._dir = rules_dir
        self._cache: dict[Path, LoadedFile] = {} if cache is None else cache
        self._sets: dict[str, RuleSet | None] = {}
        self._files: dict[str, Path] | None = None

    def _region_files(self) -> dict[str, Path]:
        if self._files is None:
            self._files = region_files(self._dir)
        return self._files

    def _own_chain(self) -> list[LoadedFile]:
        extends = self.side.model.extends
        if extends is None:
            return [self.side]
        folders = [self.side.path.parent, *([self._dir] if self._dir else [])]
        return [*load_chain(_find_base(extends, folders), cache=self._cache), self.side]

    def for_region(self, region: str) -> RuleSet | None:
        """The region's rule set with the side's file in it; None when the region's chain does
        not hold the side's file (the change cannot reach its cases) or the folder has no such
        region."""
        if region not in self._sets:
            self._sets[region] = self._build(region)
        return self._sets[region]

    def _build(self, region: str) -> RuleSet | None:
        mine = self.side.model.region
        if region == mine:
            return build_rule_set(self._own_chain())
        path = self._region_files().get(region)
        if path is None:
            return None
        chain = load_chain(path, cache=self._cache)
        at = next((i for i, f in enumerate(chain) if f.model.region == mine), None)
        if at is None:
            return None
        return build_rule_set([*chain[:at], self.side, *chain[at + 1 :]])

    def plain(self, region: str) -> RuleSet | None:
        """The region's rule set from the folder as it is (for the side that lacks the region)."""
        path = self._region_files().get(region)
        return None if path is None else build_rule_set(load_chain(path, cache=self._cache))


# --- one case -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DutyDifference:
    """One duty of a case whose obligations differ: each side's obligations of the duty."""

    duty: str
    old: tuple[ObligationStatus, ...]
    new: tuple[ObligationStatus, ...]

    @property
    def change(self) -> str:
        """``added`` (only under the new rules), ``removed`` or ``changed``."""
        if not self.old:
            return "added"
        return "removed" if not self.new else "changed"


@dataclass(frozen=True, slots=True)
class CaseImpact:
    case_id: str
    region: str
    home_municipality: str
    differences: tuple[DutyDifference, ...]
    evaluated: bool = True
    """False when the change cannot reach the case (its chain holds neither version)."""

    @property
    def affected(self) -> bool:
        return bool(self.differences)


def compare_case(
    old: RuleSet, new: RuleSet, events: Sequence[Event], as_of: dt.date, case_id: str = ""
) -> tuple[DutyDifference, ...]:
    """The duties whose obligations (duty, parties, due date) differ between the two rule sets,
    for one case tracked on ``as_of``."""
    before = track(old, events, as_of, engine="python", case_id=case_id).obligations
    after = track(new, events, as_of, engine="python", case_id=case_id).obligations
    by_duty: dict[str, tuple[list[ObligationStatus], list[ObligationStatus]]] = {}
    for side, statuses in ((0, before), (1, after)):
        for status in statuses:
            by_duty.setdefault(status.duty, ([], []))[side].append(status)
    out = []
    for duty in sorted(by_duty):
        a, b = by_duty[duty]
        if outcome(s.obligation for s in a) != outcome(s.obligation for s in b):
            out.append(DutyDifference(duty, tuple(a), tuple(b)))
    return tuple(out)


def _region_of(group: CaseRows) -> str:
    return group.region or group.events[0].home_region


def impact(
    rows: Iterable[Row | Problem],
    as_of: dt.date,
    old: SideRules,
    new: SideRules,
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[CaseImpact]:
    """Each case of ``rows`` (grouped by case) with the duties that differ between the two
    sides; problems (bad rows, a case that cannot be judged) go to ``on_problem``."""
    report = on_problem or (lambda p: None)
    for group in group_cases(rows, report):
        region = _region_of(group)
        municipality = group.events[0].home_municipality
        try:
            before, after = old.for_region(region), new.for_region(region)
            if before is None and after is None:
                yield CaseImpact(group.case_id, region, municipality, (), evaluated=False)
                continue
            before = before if before is not None else old.plain(region)
            after = after if after is not None else new.plain(region)
        except UnknownRegionError as exc:
            report(Problem(group.first_line, str(exc), group.case_id, group.last_line, "case"))
            continue
        if before is None or after is None:
            message = "no rule file for the case's region in the rules folder"
            report(Problem(group.first_line, message, group.case_id, group.last_line, "case"))
            continue
        if len({e.birth_date for e in group.events}) > 1:
            message = "rows give different birth dates; a case is the log of one child"
            report(Problem(group.first_line, message, group.case_id, group.last_line, "case"))
            continue
        differences = compare_case(before, after, group.events, as_of, group.case_id)
        yield CaseImpact(group.case_id, region, municipality, differences)


# --- the summary ----------------------------------------------------------------------------------


@dataclass
class ImpactSummary:
    """Counts over every case: how many were judged and affected, per duty and municipality."""

    as_of: dt.date
    old_name: str
    new_name: str
    cases: int = 0
    not_reached: int = 0
    """Cases whose rules neither version is part of (not tracked)."""
    affected: int = 0
    problems: int = 0
    per_duty: Counter[str] = field(default_factory=Counter)
    """Affected cases per duty that differs."""
    per_change: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Affected cases per (duty, added/removed/changed)."""
    per_municipality: Counter[str] = field(default_factory=Counter)
    """Affected cases per home municipality."""

    def add(self, case: CaseImpact) -> None:
        self.cases += 1
        if not case.evaluated:
            self.not_reached += 1
            return
        if not case.affected:
            return
        self.affected += 1
        for difference in case.differences:
            self.per_duty[difference.duty] += 1
            self.per_change[(difference.duty, difference.change)] += 1
        name = case.home_municipality
        if (
            name not in self.per_municipality
            and len(self.per_municipality) >= MAX_MUNICIPALITY_KEYS
        ):
            name = OTHER_MUNICIPALITIES
        self.per_municipality[name] += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "old": self.old_name,
            "new": self.new_name,
            "cases": self.cases,
            "not_reached": self.not_reached,
            "affected": self.affected,
            "problems": self.problems,
            "per_duty": [
                {
                    "duty": duty,
                    "cases": n,
                    "added": self.per_change[(duty, "added")],
                    "removed": self.per_change[(duty, "removed")],
                    "changed": self.per_change[(duty, "changed")],
                }
                for duty, n in sorted(self.per_duty.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "per_municipality": [
                {"municipality": name, "cases": n}
                for name, n in sorted(self.per_municipality.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        }


def _side_cells(statuses: Sequence[ObligationStatus]) -> tuple[str, str, str, str]:
    """Due dates, responsible parties, cost bearers and statuses of one side, ``;``-joined."""
    keys = [obligation_key(s.obligation) for s in statuses]
    return (
        "; ".join(k.due for k in keys),
        "; ".join(k.responsible for k in keys),
        "; ".join(k.cost_bearer for k in keys),
        "; ".join(s.status for s in statuses),
    )


def csv_rows(case: CaseImpact) -> Iterator[list[str]]:
    """The per-case CSV rows of an affected case, in the order of :data:`IMPACT_COLUMNS`."""
    for d in case.differences:
        old_due, old_resp, old_cost, old_status = _side_cells(d.old)
        new_due, new_resp, new_cost, new_status = _side_cells(d.new)
        yield [
            case.case_id,
            case.region,
            case.home_municipality,
            d.duty,
            d.change,
            old_due,
            new_due,
            old_resp,
            new_resp,
            old_cost,
            new_cost,
            old_status,
            new_status,
        ]
