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
from ..regions import load_rule_set
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
    """Rule sets loaded on first use, by region."""

    def __init__(self, rules_dir: Path | None) -> None:
        self._dir = rules_dir
        self._loaded: dict[str, RuleSet] = {}
        self._files: dict[Path, LoadedFile] = {}
        """Files read so far: the national file is read once for all regions."""

    def get(self, region: str) -> RuleSet:
        found = self._loaded.get(region)
        if found is None:
            found = self._loaded[region] = load_rule_set(region, self._dir, cache=self._files)
        return found


def _with_rules(
    groups: Iterable[CaseRows], rule_sets: RuleSets, on_problem: Callable[[Problem], None]
) -> Iterator[tuple[str, RuleSet, list[Event]]]:
    for group in groups:
        region = group.region or group.events[0].home_region
        try:
            rules = rule_sets.get(region)
        except UnknownRegionError:
            on_problem(
                Problem(
                    group.first_line,
                    f"no rule file for region '{region}'",
                    group.case_id,
                    group.last_line,
                    "case",
                )
            )
            continue
        births = {e.birth_date for e in group.events}
        if len(births) > 1:
            on_problem(
                Problem(
                    group.first_line,
                    "rows give different birth dates; a case is the log of one child",
                    group.case_id,
                    group.last_line,
                    "case",
                )
            )
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
) -> Iterator[CaseReport]:
    """Stream the reports of the cases in ``stream``; problems go to ``on_problem``."""
    report_problem = on_problem or (lambda p: None)
    groups = group_cases(reader(stream, name), report_problem)
    cases = _with_rules(groups, RuleSets(rules_dir), report_problem)
    try:
        yield from track_many(cases, as_of, engine=engine)
    except TrackingError as exc:  # pragma: no cover - cases are checked above
        raise AuditInputError(str(exc)) from None
