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

import csv
import datetime as dt
import hashlib
import io
import json
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from heapq import merge
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Final, NamedTuple

from .errors import EventError, PlacementRulesError, UnknownRegionError
from .events import Event, parse_event
from .loading import LoadedFile
from .ruleset import RuleSet, load_rule_set
from .evaluation import Obligation
from .ruleset import CompiledRule
from .tracking import (
    STATUSES,
    TRACKED_STATUSES,
    CaseReport,
    TrackingError,
    citation_of,
    track_many,
)

KEY_COLUMNS: Final[tuple[str, ...]] = ("case_id", "region")
MAX_LISTED_PROBLEMS: Final[int] = 1000
"""Problems kept in the summary (all are counted, and all are passed to ``on_problem``)."""


_UNKNOWN_KIND: Final[str] = "kind: not a known event kind (see docs/events.md)"


class AuditInputError(PlacementRulesError):
    """The input file cannot be audited (unknown columns, cases not grouped, unknown format)."""


class Row(NamedTuple):
    """One event row of the input."""

    line: int
    case_id: str
    region: str | None
    event: Event


@dataclass(frozen=True, slots=True)
class Problem:
    """A skipped row or case: where (first and last line), which case, and why."""

    line: int
    message: str
    case_id: str | None = None
    last_line: int | None = None
    kind: str = "row"
    """``row`` (a bad row) or ``case`` (a case that could not be judged)."""

    def describe(self) -> str:
        where = f"line {self.line}" if not self.last_line or self.last_line == self.line \
            else f"lines {self.line}-{self.last_line}"
        case = f" (case {self.case_id})" if self.case_id else ""
        return f"{where}{case}: skipped: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "last_line": self.last_line,
                "case_id": self.case_id, "message": self.message}


@dataclass
class CaseRows:
    case_id: str
    region: str | None
    first_line: int
    last_line: int
    events: list[Event] = field(default_factory=list)


def parse_record(record: dict[str, Any], line: int) -> Row | Problem:
    """One input record (a CSV row as strings, or a JSON object without null values) as an
    event row. The record is consumed: its key columns are taken out of it."""
    case_id = record.pop("case_id", None)
    case_text = str(case_id).strip() if case_id is not None else ""
    if not case_text:
        return Problem(line, "no case_id")
    region_raw = record.pop("region", None)
    region = str(region_raw).strip() if region_raw not in (None, "") else None
    try:
        event = parse_event(record, where=None)  # the Problem names the line
    except EventError as exc:
        parts = str(exc).split("; ")
        message = "; ".join(_UNKNOWN_KIND if p.startswith("kind: Input should be") else p
                            for p in parts)
        return Problem(line, message, case_text)
    return tuple.__new__(Row, (line, case_text, region, event))  # no Python-level __new__


def _check_columns(columns: Iterable[str], where: str) -> None:
    known = set(Event.model_fields) | set(KEY_COLUMNS)
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise AuditInputError(f"{where}: unknown column(s) {', '.join(unknown)} "
                              f"(known: case_id, region and the event fields)")
    missing = [c for c in ("case_id", "kind", "date") if c not in columns]
    if missing:
        raise AuditInputError(f"{where}: missing column(s) {', '.join(missing)}")


_VALUE = itemgetter(1)
"""A (column, cell) pair's cell."""


def read_csv(stream: IO[str], name: str) -> Iterator[Row | Problem]:
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        return
    columns = [c.strip() for c in header]
    _check_columns(columns, name)
    width = len(columns)
    for cells in reader:
        line = reader.line_num
        if len(cells) > width:
            yield Problem(line, f"{len(cells)} cells, but the header has {width}")
            continue
        if not any(cells):
            continue
        # the non-empty cells by column, built in C (a comprehension is a Python frame a row)
        yield parse_record(dict(filter(_VALUE, zip(columns, map(str.strip, cells)))), line)


def read_jsonl(stream: IO[str], name: str) -> Iterator[Row | Problem]:
    known = set(Event.model_fields) | set(KEY_COLUMNS)
    for number, text in enumerate(stream, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Problem(number, f"not JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Problem(number, "a row must be a JSON object")
            continue
        unknown = [k for k in record if k not in known]
        if unknown:
            yield Problem(number, f"unknown field(s) {', '.join(unknown)}",
                          str(record.get("case_id") or "") or None)
            continue
        yield parse_record({k: v for k, v in record.items() if v is not None}, number)


def reader_for(path: Path) -> Callable[[IO[str], str], Iterator[Row | Problem]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl
    raise AuditInputError(f"{path}: unknown input format '{suffix}' (use .csv or .jsonl)")


def _digest(case_id: str) -> int:
    """A 64-bit digest of a case id (a collision would only raise a false grouping error)."""
    return int.from_bytes(hashlib.blake2b(case_id.encode(), digest_size=8).digest(), "big")


class SeenDigests:
    """A set of 64-bit digests at under 30 bytes each (a Python set of ints costs ~80).

    Recent digests go into a small set; when it reaches a quarter of the rest (at least
    ``spill``), it is merged into one sorted ``array('Q')``, which membership tests search
    by bisection. Merges are geometric, so adding n digests costs O(n log n) in all."""

    def __init__(self, spill: int = 4096) -> None:
        self._sorted = array("Q")
        self._recent: set[int] = set()
        self._spill = spill

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def __contains__(self, digest: int) -> bool:
        if digest in self._recent:
            return True
        i = bisect_left(self._sorted, digest)
        return i < len(self._sorted) and self._sorted[i] == digest

    def add(self, digest: int) -> None:
        if digest in self:
            return
        self._recent.add(digest)
        if len(self._recent) >= max(self._spill, len(self._sorted) // 4):
            self._sorted = array("Q", merge(self._sorted, sorted(self._recent)))
            self._recent.clear()


def group_cases(rows: Iterable[Row | Problem],
                on_problem: Callable[[Problem], None]) -> Iterator[CaseRows]:
    """Consecutive rows of one case as a group; raise :class:`AuditInputError` when a case id
    comes back after another case (the input is not grouped)."""
    finished = SeenDigests()
    current: CaseRows | None = None
    current_digest = 0
    for row in rows:
        if isinstance(row, Problem):
            on_problem(row)
            continue
        if current is not None and row.case_id == current.case_id:
            current.events.append(row.event)
            current.last_line = row.line
            continue
        if current is not None:
            finished.add(current_digest)
            yield current
        current_digest = _digest(row.case_id)
        if current_digest in finished:
            raise AuditInputError(
                f"line {row.line}: case {row.case_id} appears again after other cases; the "
                "input must be sorted or grouped by case_id (all rows of a case together)")
        current = CaseRows(row.case_id, row.region, row.line, row.line, [row.event])
    if current is not None:
        yield current


@dataclass
class Summary:
    """Counts per region, municipality and duty, with shares of the tracked obligations."""

    as_of: dt.date
    cases: int = 0
    events: int = 0
    events_after_as_of: int = 0
    unmatched_fulfilments: int = 0
    bad_rows: int = 0
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

    def add(self, report: CaseReport) -> None:
        self.cases += 1
        self.events += report.events_considered + report.events_after_as_of
        self.events_after_as_of += report.events_after_as_of
        self.unmatched_fulfilments += len(report.unmatched)
        pairs = [(ob.obligation.compiled.duty, ob.status) for ob in report.obligations]
        self.duty_counts.update(pairs)  # Counter.update of a list counts it in C
        self.duty_cases.update({duty for duty, _ in pairs})
        statuses = [status for _, status in pairs]
        for place in (("region", report.region), ("municipality", report.home_municipality)):
            self.case_counts[place] += 1
            found = self.place_counts.get(place)
            if found is None:
                found = self.place_counts[place] = Counter()
            found.update(statuses)

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
        if problem.kind == "row":
            self.bad_rows += 1
        else:
            self.skipped_cases += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)

    def rows(self) -> list[dict[str, Any]]:
        """One row per (dimension, key): counts per status and shares of tracked obligations."""
        out = []
        for (dimension, key), counts in sorted(self.groups().items()):
            tracked = sum(counts[s] for s in TRACKED_STATUSES)
            row: dict[str, Any] = {"dimension": dimension, "key": key,
                                   "cases": self.cases_in(dimension, key),
                                   "obligations": sum(counts.values()), "tracked": tracked}
            row.update({s: counts[s] for s in STATUSES})
            row.update({f"share_{s}": round(counts[s] / tracked, 4) if tracked else None
                        for s in TRACKED_STATUSES})
            out.append(row)
        return out

    def totals(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "cases": self.cases, "events": self.events,
                "events_after_as_of": self.events_after_as_of,
                "unmatched_fulfilments": self.unmatched_fulfilments,
                "bad_rows_skipped": self.bad_rows, "cases_skipped": self.skipped_cases}

    def to_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "groups": self.rows(),
                "problems": [p.to_dict() for p in self.problems],
                "problems_listed": len(self.problems)}


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


def _with_rules(groups: Iterable[CaseRows], rule_sets: RuleSets,
                on_problem: Callable[[Problem], None]
                ) -> Iterator[tuple[str, RuleSet, list[Event]]]:
    for group in groups:
        region = group.region or group.events[0].home_region
        try:
            rules = rule_sets.get(region)
        except UnknownRegionError:
            on_problem(Problem(group.first_line, f"no rule file for region '{region}'",
                               group.case_id, group.last_line, "case"))
            continue
        births = {e.birth_date for e in group.events}
        if len(births) > 1:
            on_problem(Problem(group.first_line, "rows give different birth dates; a case is "
                               "the log of one child", group.case_id, group.last_line, "case"))
            continue
        yield group.case_id, rules, group.events


def audit(stream: IO[str], name: str, as_of: dt.date, *, reader: Callable[
              [IO[str], str], Iterator[Row | Problem]],
          rules_dir: Path | None = None, engine: str = "auto",
          on_problem: Callable[[Problem], None] | None = None) -> Iterator[CaseReport]:
    """Stream the reports of the cases in ``stream``; problems go to ``on_problem``."""
    report_problem = on_problem or (lambda p: None)
    groups = group_cases(reader(stream, name), report_problem)
    cases = _with_rules(groups, RuleSets(rules_dir), report_problem)
    try:
        yield from track_many(cases, as_of, engine=engine)
    except TrackingError as exc:  # pragma: no cover - cases are checked above
        raise AuditInputError(str(exc)) from None


CASE_COLUMNS: Final[tuple[str, ...]] = (
    "case_id", "region", "home_municipality", "rule_id", "duty", "trigger", "incurred", "due",
    "vague_deadline", "deadline_meaning", "status", "met_on", "met_by", "days_late",
    "days_overdue", "citation",
)


def csv_cells(*values: str) -> str:
    """Cells joined as one CSV fragment, quoted exactly as :func:`csv.writer` quotes them
    (excel dialect, minimal quoting).

    Cells without a comma, quote or line break are written as they are, unless the fragment is
    one empty cell (``""``); only the others go through :func:`csv.writer`."""
    text = ",".join(values)
    if text.count(",") == len(values) - 1 and text and not _NEEDS_QUOTES.search(text):
        return text
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(values)
    return out.getvalue()


_NEEDS_QUOTES: Final = re.compile('["\r\n]')


class CaseCsv:
    """Per-case statuses as CSV text, one row per obligation in the order of
    :data:`CASE_COLUMNS`; the same bytes :func:`csv.writer` writes (excel dialect).

    An audit writes millions of rows, so the cells that may need quoting are quoted once: the
    rule's (id, duty, deadline, citation) once per compiled rule and writer, the case's (id,
    region, municipality) once per case. The other cells are dates, numbers, event kinds and
    statuses, which never need quoting (a test checks every kind and status)."""

    def __init__(self) -> None:
        self._rules: dict[int, tuple[CompiledRule, str, str, str]] = {}
        """id(compiled rule) -> (the rule, kept so the id is not reused, and its three
        pre-quoted fragments)."""

    @staticmethod
    def header() -> str:
        return csv_cells(*CASE_COLUMNS) + "\r\n"

    def _rule(self, obligation: Obligation) -> tuple[CompiledRule, str, str, str]:
        """Quote the rule's cells and remember them (``rows`` looks them up first)."""
        compiled = obligation.compiled
        found = self._rules[id(compiled)] = (
            compiled, csv_cells(obligation.rule_id, obligation.duty),
            csv_cells(obligation.vague or "", obligation.deadline_meaning or ""),
            csv_cells(citation_of(obligation)))
        return found

    def rows(self, report: CaseReport) -> str:
        """The rows of one case, each ended by ``\\r\\n``."""
        case = csv_cells(report.case_id, report.region, report.home_municipality)
        lines = []
        known = self._rules
        for _, obligation, incurred, trigger, status, met_on, met_by, late, overdue \
                in report.obligations:  # ObligationStatus's fields, in order
            compiled, due_date = obligation.compiled, obligation.due_date
            found = known.get(id(compiled))
            if found is None or found[0] is not compiled:
                found = self._rule(obligation)
            _, rule, deadline, citation = found
            lines.append(
                f"{case},{rule},{trigger},{incurred.isoformat()},"
                f"{due_date.date.isoformat() if due_date else ''},{deadline},{status},"
                f"{met_on.isoformat() if met_on else ''},{met_by or ''},"
                f"{'' if late is None else late},{'' if overdue is None else overdue},"
                f"{citation}\r\n")
        return "".join(lines)


SUMMARY_COLUMNS: Final[tuple[str, ...]] = (
    "dimension", "key", "cases", "obligations", "tracked", *STATUSES,
    *(f"share_{s}" for s in TRACKED_STATUSES),
)
