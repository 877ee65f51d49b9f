"""An audit's summary: counts per region, municipality and duty, with shares of the tracked."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

from .audit_rows import Problem
from .tracker import STATUSES, TRACKED_STATUSES, CaseReport

MAX_LISTED_PROBLEMS: Final[int] = 1000
"""Problems kept in the summary (all are counted, and all are passed to ``on_problem``)."""
MAX_MUNICIPALITY_KEYS: Final[int] = 10_000
"""Distinct municipality names counted on their own; the cases of any further names are
counted under :data:`OTHER_MUNICIPALITIES` (so a file of unique names cannot grow the summary
without bound)."""
OTHER_MUNICIPALITIES: Final[str] = "(other municipalities)"


@dataclass
class Summary:
    """Counts per region, municipality and duty, with shares of the tracked obligations."""

    as_of: dt.date
    cases: int = 0
    events: int = 0
    events_after_as_of: int = 0
    unmatched_fulfilments: int = 0
    bad_rows: int = 0
    duplicate_rows: int = 0
    """Rows repeating an earlier row of their case (counted among the bad rows too)."""
    skipped_cases: int = 0
    problems: list[Problem] = field(default_factory=list)
    duty_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Obligations per (duty, status)."""
    place_counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    """Obligations per status, per (``region`` or ``municipality``, its name)."""
    case_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Cases per (``region`` or ``municipality``, its name)."""
    duty_cases: Counter[str] = field(default_factory=Counter)
    """Cases that incurred each duty."""
    municipality_cap: int | None = MAX_MUNICIPALITY_KEYS
    """Distinct municipalities counted on their own (``None``: all, as a block's summary
    counts them before :meth:`merge` applies the cap of the whole)."""
    _municipalities: int = field(default=0, repr=False)

    def add(self, report: CaseReport) -> None:
        """Count one judged case."""
        pairs = [(ob.obligation.compiled.duty, ob.status) for ob in report.obligations]
        self.cases += 1
        self.events += report.events_considered + report.events_after_as_of
        self.events_after_as_of += report.events_after_as_of
        self.unmatched_fulfilments += len(report.unmatched)
        self.duty_counts.update(pairs)  # Counter.update of a list counts it in C
        self.duty_cases.update({duty for duty, _ in pairs})
        statuses = [status for _, status in pairs]
        municipality = ("municipality", report.home_municipality)
        if municipality not in self.case_counts:
            municipality = self._new_municipality(municipality)
        for place in (("region", report.region), municipality):
            self.case_counts[place] += 1
            found = self.place_counts.get(place)
            if found is None:
                found = self.place_counts[place] = Counter()
            found.update(statuses)

    def _new_municipality(self, place: tuple[str, str]) -> tuple[str, str]:
        """Where the cases of a municipality not counted yet go: its own key while the cap
        allows, else :data:`OTHER_MUNICIPALITIES`."""
        cap = self.municipality_cap
        if cap is not None and self._municipalities >= cap:
            return ("municipality", OTHER_MUNICIPALITIES)
        self._municipalities += 1
        return place

    def merge(self, block: Summary) -> None:
        """Add the counts of a later part of the input (a block's summary, counted without the
        municipality cap): the counts adding that part's cases one by one would give. Problems
        are not merged (:meth:`problem` takes each, in input order)."""
        self.cases += block.cases
        self.events += block.events
        self.events_after_as_of += block.events_after_as_of
        self.unmatched_fulfilments += block.unmatched_fulfilments
        self.duty_counts.update(block.duty_counts)
        self.duty_cases.update(block.duty_cases)
        for place, cases in block.case_counts.items():  # in the order the block first saw each
            into = place
            if place[0] == "municipality" and place not in self.case_counts:
                into = self._new_municipality(place)
            self.case_counts[into] += cases
            found = self.place_counts.get(into)
            if found is None:
                found = self.place_counts[into] = Counter()
            found.update(block.place_counts[place])

    def groups(self) -> dict[tuple[str, str], Counter[str]]:
        """Obligations per status for each (dimension, key) that has a case (a region whose
        cases incurred nothing has a group with no counts)."""
        out = {place: Counter(counts) for place, counts in self.place_counts.items()}
        for (duty, status), count in self.duty_counts.items():
            out.setdefault(("duty", duty), Counter())[status] += count
        return out

    def cases_in(self, dimension: str, key: str) -> int:
        return self.duty_cases[key] if dimension == "duty" else self.case_counts[(dimension, key)]

    def problem(self, problem: Problem) -> None:
        if problem.kind == "case":
            self.skipped_cases += 1
        else:
            self.bad_rows += 1
            if problem.kind == "duplicate":
                self.duplicate_rows += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)

    def rows(self) -> list[dict[str, Any]]:
        """One row per (dimension, key): counts per status and shares of tracked obligations."""
        out = []
        for (dimension, key), counts in sorted(self.groups().items()):
            tracked = sum(counts[s] for s in TRACKED_STATUSES)
            row: dict[str, Any] = {
                "dimension": dimension,
                "key": key,
                "cases": self.cases_in(dimension, key),
                "obligations": sum(counts.values()),
                "tracked": tracked,
            }
            row.update({s: counts[s] for s in STATUSES})
            row.update(
                {
                    f"share_{s}": round(counts[s] / tracked, 4) if tracked else None
                    for s in TRACKED_STATUSES
                }
            )
            out.append(row)
        return out

    def totals(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "cases": self.cases,
            "events": self.events,
            "events_after_as_of": self.events_after_as_of,
            "unmatched_fulfilments": self.unmatched_fulfilments,
            "bad_rows_skipped": self.bad_rows,
            "duplicate_rows": self.duplicate_rows,
            "cases_skipped": self.skipped_cases,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "totals": self.totals(),
            "groups": self.rows(),
            "problems": [p.to_dict() for p in self.problems],
            "problems_listed": len(self.problems),
        }


SUMMARY_COLUMNS: Final[tuple[str, ...]] = (
    "dimension",
    "key",
    "cases",
    "obligations",
    "tracked",
    *STATUSES,
    *(f"share_{s}" for s in TRACKED_STATUSES),
)
