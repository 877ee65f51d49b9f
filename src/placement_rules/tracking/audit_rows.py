"""Reading an audit's input: CSV or JSON Lines rows as events, grouped into cases.

Each row is one event: ``case_id``, ``kind``, ``date`` and the event's facts (the fields of
:class:`~placement_rules.events.Event`; blank CSV cells mean the field's default), plus an
optional ``region`` naming the rule set. The rows of a case must be consecutive
(:func:`group_cases`); a row that cannot be read becomes a :class:`Problem` naming its line.
"""

from __future__ import annotations

import csv
import hashlib
import json
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from heapq import merge
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Final, NamedTuple

from ..errors import AuditInputError, EventError
from ..events import Event, parse_event

KEY_COLUMNS: Final[tuple[str, ...]] = ("case_id", "region")

_UNKNOWN_KIND: Final[str] = "kind: not a known event kind (see docs/events.md)"


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
        where = (
            f"line {self.line}"
            if not self.last_line or self.last_line == self.line
            else f"lines {self.line}-{self.last_line}"
        )
        case = f" (case {self.case_id})" if self.case_id else ""
        return f"{where}{case}: skipped: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "line": self.line,
            "last_line": self.last_line,
            "case_id": self.case_id,
            "message": self.message,
        }


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
        message = "; ".join(
            _UNKNOWN_KIND if p.startswith("kind: Input should be") else p for p in parts
        )
        return Problem(line, message, case_text)
    return tuple.__new__(Row, (line, case_text, region, event))  # no Python-level __new__


def _check_columns(columns: Iterable[str], where: str) -> None:
    known = set(Event.model_fields) | set(KEY_COLUMNS)
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise AuditInputError(
            f"{where}: unknown column(s) {', '.join(unknown)} "
            f"(known: case_id, region and the event fields)"
        )
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
        yield parse_record(
            dict(filter(_VALUE, zip(columns, map(str.strip, cells), strict=False))), line
        )


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
            yield Problem(
                number,
                f"unknown field(s) {', '.join(unknown)}",
                str(record.get("case_id") or "") or None,
            )
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
    """A set of 64-bit digests at under 30 bytes each, a fraction of a Python set of ints.

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


def group_cases(
    rows: Iterable[Row | Problem], on_problem: Callable[[Problem], None]
) -> Iterator[CaseRows]:
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
                "input must be sorted or grouped by case_id (all rows of a case together)"
            )
        current = CaseRows(row.case_id, row.region, row.line, row.line, [row.event])
    if current is not None:
        yield current
