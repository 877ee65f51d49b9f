"""Batch audit: stream a file of case events, track each case, summarise.

Input: CSV (header row) or JSON Lines (one object per line; ``.jsonl`` / ``.ndjson``). Each row is
one event: ``case_id``, ``kind``, ``date`` and the event's facts (the fields of
:class:`~placement_rules.events.Event`; blank CSV cells mean the field's default), plus an
optional ``region`` naming the rule set (default: the case's first ``home_region``).

**Requirement: the rows of a case are consecutive** (the file sorted or grouped by
``case_id``). Cases are read, judged and written one at a time, so memory does not grow with
the file; the reader remembers an 8-byte digest of every finished case id (about 10 bytes a
case in :class:`SeenDigests`: 1 MB per 100,000 cases) to detect a case id that comes back after
another case, which stops the audit with an error naming the line (a judgment of half a case
would be wrong). Within a case, rows may come in any order.

A row that cannot be read (missing case id, unknown kind, bad date...) is reported with its line
number and skipped; the case is judged without it. A case that cannot be judged (events of two
children, no rule file for its region) is reported with its lines and skipped. The summary says
how many rows and cases were skipped: nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import AuditInputError, TrackingError, UnknownRegionError
from ..events import Event
from ..loading import LoadedFile
from ..regions import load_rule_set, region_files, unknown_region
from ..ruleset import RuleSet
from .audit_csv import CASE_COLUMNS, CaseCsv, csv_cells
from .audit_rows import (
    KEY_COLUMNS,
    CaseRows,
    Problem,
    Row,
    SeenDigests,
    group_cases,
    parse_record,
    read_csv,
    read_jsonl,
    reader_for,
)
from .audit_summary import MAX_LISTED_PROBLEMS, SUMMARY_COLUMNS, Summary
from .tracker import CaseReport, track_many

__all__ = [
    "CASE_COLUMNS",
    "KEY_COLUMNS",
    "MAX_LISTED_PROBLEMS",
    "SUMMARY_COLUMNS",
    "CaseCsv",
    "CaseRows",
    "Problem",
    "Row",
    "RuleSets",
    "SeenDigests",
    "Summary",
    "audit",
    "csv_cells",
    "group_cases",
    "parse_record",
    "read_csv",
    "read_jsonl",
    "reader_for",
]


class RuleSets:
    """Rule sets loaded on first use, by region: only the regions of the rules folder (a
    closed set, listed once), so a cell naming anything else costs one dictionary look-up."""

    def __init__(self, rules_dir: Path | None) -> None:
        self._dir = rules_dir
        self._loaded: dict[str, RuleSet] = {}
        self._files: dict[Path, LoadedFile] = {}
        """Files read so far: the national file is read once for all regions."""
        self._known: frozenset[str] | None = None

    @property
    def known(self) -> frozenset[str]:
        """The region ids of the rules folder."""
        if self._known is None:
            self._known = frozenset(region_files(self._dir))
        return self._known

    def get(self, region: str, what: str = "region") -> RuleSet:
        found = self._loaded.get(region)
        if found is None:
            if region not in self.known:
                raise unknown_region(what, self.known, region)
            found = self._loaded[region] = load_rule_set(region, self._dir, cache=self._files)
        return found


def _with_rules(
    groups: Iterable[CaseRows], rule_sets: RuleSets, on_problem: Callable[[Problem], None]
) -> Iterator[tuple[str, RuleSet, list[Event]]]:
    def skip(group: CaseRows, message: str) -> None:
        on_problem(Problem(group.first_line, message, group.case_id, group.last_line, "case"))

    for group in groups:
        try:
            if group.region:
                rules = rule_sets.get(group.region, "region (column region)")
            else:
                rules = rule_sets.get(group.events[0].home_region, "home_region (no region cell)")
        except UnknownRegionError as exc:
            skip(group, str(exc))
            continue
        known = rule_sets.known
        if any(
            e.placement_region is not None and e.placement_region not in known for e in group.events
        ):
            skip(group, str(unknown_region("placement_region", known)))
            continue
        births = {e.birth_date for e in group.events}
        if len(births) > 1:
            skip(group, "rows give different birth dates; a case is the log of one child")
            continue
        yield group.case_id, rules, group.events


def audit(
    stream: IO[str],
    name: str,
    as_of: dt.date,
    *,
    reader: Callable[[IO[str], str], Iterator[Row | Problem]],
    rules_dir: Path | None = None,
    engine: str = "auto",
    on_problem: Callable[[Problem], None] | None = None,
    rule_sets: RuleSets | None = None,
) -> Iterator[CaseReport]:
    """Stream the reports of the cases in ``stream``; problems go to ``on_problem``.

    ``rule_sets`` lets several audits share the rule sets they load (a long-running caller,
    such as a service, loads each region once); by default each audit loads its own from
    ``rules_dir``."""
    report_problem = on_problem or (lambda p: None)
    groups = group_cases(reader(stream, name), report_problem)
    shared = rule_sets if rule_sets is not None else RuleSets(rules_dir)
    cases = _with_rules(groups, shared, report_problem)
    try:
        yield from track_many(cases, as_of, engine=engine)
    except TrackingError as exc:  # pragma: no cover - cases are checked above
        raise AuditInputError(str(exc)) from None
