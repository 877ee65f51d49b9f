"""Reading an audit's input: CSV or JSON Lines rows as events, grouped into cases.

Each row is one event: ``case_id``, ``kind``, ``date`` and the event's facts (the fields of
:class:`~placement_rules.events.Event`; blank CSV cells mean the field's default), plus an
optional ``region`` naming the rule set. The rows of a case must be consecutive
(:func:`group_cases`); a row that cannot be read becomes a :class:`Problem` naming its line.

Every physical line is read with a bound (:data:`~placement_rules.limits.AUDIT_MAX_LINE_CHARS`)
and checked before it is parsed, so no input can stop the audit or make it hold more than a
line: a longer line, a line that is not UTF-8 (the input is read with
``errors="surrogateescape"``), a CSV row whose quote is not closed on its line (no event field
holds a line break, so the row ends there and the next line is read afresh), a cut-off row, a
cell over :data:`~placement_rules.limits.AUDIT_MAX_CELL_CHARS` characters, a JSON row with a
number of more than 18 digits, nesting, NaN, a key twice or an unpaired surrogate escape, and a
row repeating an earlier row of its case: each is a :class:`Problem` with its line, and the
audit goes on. No message holds a value or an unknown key of the input.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from operator import eq, itemgetter
from pathlib import Path
from typing import IO, Any, Final, NamedTuple

from ..errors import AuditInputError, EventError
from ..events import Event, parse_event
from ..limits import AUDIT_MAX_CELL_CHARS, AUDIT_MAX_LINE_CHARS, MAX_DIGITS
from ..safe_yaml import has_surrogate

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
    """``row`` (a bad row), ``duplicate`` (a row repeating an earlier row of its case) or
    ``case`` (a case that could not be judged)."""

    def describe(self) -> str:
        """Where and why, for standard error: the line, never the case id (a caller's key,
        which may be anything, a personnummer too; :meth:`to_dict` keeps it for the
        summary's problem list)."""
        where = (
            f"line {self.line}"
            if not self.last_line or self.last_line == self.line
            else f"lines {self.line}-{self.last_line}"
        )
        return f"{where}: skipped: {self.message}"

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
    if case_id is not None and type(case_id) not in (str, int):
        return Problem(line, "case_id: text expected")
    case_text = str(case_id).strip() if case_id is not None else ""
    if not case_text:
        return Problem(line, "no case_id")
    if len(case_text) > AUDIT_MAX_CELL_CHARS or has_surrogate(case_text):
        return Problem(line, f"case_id: text of at most {AUDIT_MAX_CELL_CHARS} characters expected")
    region_raw = record.pop("region", None)
    if region_raw is not None and type(region_raw) is not str:
        return Problem(line, "region: a region id (text) expected", case_text)
    region = region_raw.strip() if region_raw else None
    try:
        event = parse_event(record, where=None)  # the Problem names the line
    except EventError as exc:
        parts = str(exc).split("; ")
        message = "; ".join(
            _UNKNOWN_KIND if p.startswith("kind: Input should be") else p for p in parts
        )
        return Problem(line, message, case_text)
    return tuple.__new__(Row, (line, case_text, region or None, event))  # no Python __new__


_KNOWN_COLUMNS: Final[frozenset[str]] = frozenset(Event.model_fields) | frozenset(KEY_COLUMNS)
_BOOL_COLUMNS: Final[frozenset[str]] = frozenset(
    name
    for name, info in Event.model_fields.items()
    if info.annotation is bool or info.annotation == (bool | None)
)
_CSV_BOOL: Final[dict[str, bool]] = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
"""The CSV spellings of a boolean (spreadsheets write TRUE and FALSE); any other text in a
boolean column is refused with the expected form (``yes``, ``1`` and ``on`` included)."""


def _check_columns(columns: list[str], where: str) -> dict[str, list[int]]:
    """Refuse unknown and missing columns (naming positions, never unknown names); return the
    columns that appear more than once, with their positions."""
    unknown = [i + 1 for i, c in enumerate(columns) if c not in _KNOWN_COLUMNS]
    if unknown:
        raise AuditInputError(
            f"{where}: line 1: {len(unknown)} unknown column(s) (column "
            f"{', '.join(map(str, unknown[:10]))}{', ...' if len(unknown) > 10 else ''}; "
            "known: case_id, region and the event fields, see docs/events.md)"
        )
    missing = [c for c in ("case_id", "kind", "date") if c not in columns]
    if missing:
        raise AuditInputError(f"{where}: line 1: missing column(s) {', '.join(missing)}")
    seen: dict[str, list[int]] = {}
    for i, column in enumerate(columns):
        seen.setdefault(column, []).append(i)
    return {c: at for c, at in seen.items() if len(at) > 1}


_VALUE = itemgetter(1)
"""A (column, cell) pair's cell."""


class _Lines:
    """The physical lines of an input, each read with a bound and checked, as csv.reader's
    input: one line per record (a reader asking for a continuation line gets the end of the
    input instead, and ``cut`` says so; the next record starts on the next line).

    Lines it skips (too long, not UTF-8) go to ``problems``."""

    __slots__ = ("cut", "fed", "line", "problems", "start", "stream")

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.line = 0
        """Physical lines read so far."""
        self.start = 0
        """The line of the record last fed."""
        self.fed = False
        self.cut = False
        self.problems: list[Problem] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.fed:
            self.cut = True
            raise StopIteration
        while True:
            text = read_line(self.stream)
            if text is None:
                raise StopIteration
            self.line += 1
            if text is TOO_LONG:
                self.problems.append(Problem(self.line, LONG_LINE))
                continue
            if has_surrogate(text):
                self.problems.append(Problem(self.line, _NOT_UTF8))
                continue
            self.fed = True
            self.start = self.line
            return text

    def record(self, reader: Iterator[list[str]]) -> list[str] | None:
        """The next record (``None`` at the end); check ``cut`` and ``problems`` after."""
        self.fed = self.cut = False
        return next(reader, None)


TOO_LONG: Final[str] = "\0too long"
LONG_LINE: Final[str] = f"a line longer than {AUDIT_MAX_LINE_CHARS:,} characters"
_NOT_UTF8: Final[str] = "not UTF-8 text (save the file as UTF-8)"


def read_line(stream: IO[str]) -> str | None:
    """One physical line of at most :data:`~placement_rules.limits.AUDIT_MAX_LINE_CHARS`
    characters; a longer one is read to its end in pieces and given as :data:`TOO_LONG`;
    ``None`` at the end of the input."""
    text = stream.readline(AUDIT_MAX_LINE_CHARS + 1)
    if not text:
        return None
    if len(text) > AUDIT_MAX_LINE_CHARS and text[-1] not in "\r\n":
        while True:
            more = stream.readline(AUDIT_MAX_LINE_CHARS)
            if not more or more[-1] in "\r\n":
                break
        return TOO_LONG
    return text


def read_csv(stream: IO[str], name: str, first_line: int = 2) -> Iterator[Row | Problem]:
    """The rows of a CSV input; ``first_line``: the line number of the first row after the
    header (a block of a larger input, :func:`~placement_rules.tracking.audit.audit_block`)."""
    lines = _Lines(stream)
    reader = csv.reader(lines)
    try:
        header = lines.record(reader)
    except csv.Error:
        raise AuditInputError(f"{name}: line 1: the header cannot be read as CSV") from None
    if lines.problems or lines.cut:
        raise AuditInputError(f"{name}: line 1: the header cannot be read (see docs/tracking.md)")
    if header is None:
        return
    columns = [c.strip() for c in header]
    repeated = _check_columns(columns, name)
    for column, at in repeated.items():
        yield Problem(
            1,
            f"column {column} appears {len(at)} times (columns "
            f"{', '.join(str(i + 1) for i in at)}); rows whose cells there differ are skipped",
        )
    width = len(columns)
    bools = [c for c in dict.fromkeys(columns) if c in _BOOL_COLUMNS]
    lines.line = first_line - 1
    while True:
        try:
            cells = lines.record(reader)
        except csv.Error:  # csv's messages name no cell; the row is skipped, not the file
            lines.problems.append(Problem(lines.start, "cannot be read as CSV (a NUL character?)"))
            yield from _take(lines.problems)
            continue
        if lines.problems:
            yield from _take(lines.problems)
        if cells is None:
            if lines.cut:  # pragma: no cover - a cut record always has cells
                continue
            return
        line = lines.start
        if lines.cut:
            yield Problem(line, "a quoted cell is not closed on its line (a quote missing?)")
            continue
        if len(cells) > width:
            yield Problem(line, f"{len(cells)} cells, but the header has {width}")
            continue
        if not any(cells):
            continue
        if len(cells) < width:
            yield Problem(line, f"{len(cells)} cells where the header has {width} (a row cut off?)")
            continue
        if max(map(len, cells)) > AUDIT_MAX_CELL_CHARS:
            long_at = next(i for i, c in enumerate(cells) if len(c) > AUDIT_MAX_CELL_CHARS)
            yield Problem(
                line,
                f"a cell longer than {AUDIT_MAX_CELL_CHARS} characters (column {columns[long_at]})",
            )
            continue
        stripped = list(map(str.strip, cells))
        if repeated and _differs(stripped, repeated):
            yield Problem(line, "a repeated column has different cells in this row")
            continue
        # the non-empty cells by column, built in C (a comprehension is a Python frame a row)
        record: dict[str, Any] = dict(filter(_VALUE, zip(columns, stripped, strict=True)))
        for column in bools:
            value = record.get(column)
            if value is not None:
                record[column] = _CSV_BOOL.get(value, value)
        yield parse_record(record, line)


def _take(problems: list[Problem]) -> list[Problem]:
    taken = problems[:]
    problems.clear()
    return taken


def _differs(cells: list[str], repeated: dict[str, list[int]]) -> bool:
    return any(len({cells[i] for i in at}) > 1 for at in repeated.values())


def _refuse_constant(name: str) -> Any:
    raise ValueError("NaN or an infinity")


def _small_int(text: str) -> int:
    if len(text) > MAX_DIGITS + 1:
        raise ValueError(f"a number of more than {MAX_DIGITS} digits")
    return int(text)


def _small_float(text: str) -> float:
    if len(text) > 2 * MAX_DIGITS:
        raise ValueError(f"a number of more than {MAX_DIGITS} digits")
    return float(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a key twice in one object")
    return out


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
"""A JSON escape of a surrogate (``\\ud800``): a candidate for an unpaired one."""


def read_jsonl(stream: IO[str], name: str, first_line: int = 1) -> Iterator[Row | Problem]:
    """The rows of a JSON Lines input; ``first_line``: the line number of its first line."""
    known = _KNOWN_COLUMNS
    number = first_line - 1
    while True:
        text = read_line(stream)
        if text is None:
            return
        number += 1
        if text is TOO_LONG:
            yield Problem(number, LONG_LINE)
            continue
        if not text.strip():
            continue
        if has_surrogate(text):
            yield Problem(number, _NOT_UTF8)
            continue
        try:
            record = json.loads(
                text,
                parse_int=_small_int,
                parse_float=_small_float,
                parse_constant=_refuse_constant,
                object_pairs_hook=_pairs,
            )
        except json.JSONDecodeError as exc:
            yield Problem(number, f"not JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield Problem(number, "nested too deeply (a row is one flat JSON object)")
            continue
        except ValueError as exc:  # the hooks' messages: fixed phrases
            yield Problem(number, f"not JSON this format reads ({exc})")
            continue
        if not isinstance(record, dict):
            yield Problem(number, "a row must be a JSON object")
            continue
        if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(record):
            yield Problem(number, "text with an unpaired surrogate escape (\\ud800-\\udfff)")
            continue
        unknown = sum(1 for k in record if k not in known)
        if unknown:
            yield Problem(
                number,
                f"{unknown} unknown field(s) (not event fields, see docs/events.md)",
            )
            continue
        yield parse_record({k: v for k, v in record.items() if v is not None}, number)


def _has_lone_surrogate(record: dict[str, Any]) -> bool:
    return any(
        has_surrogate(key) or (type(value) is str and has_surrogate(value))
        for key, value in record.items()
    )


def reader_for(path: Path) -> Callable[[IO[str], str], Iterator[Row | Problem]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl
    raise AuditInputError(f"{path}: unknown input format '{suffix}' (use .csv or .jsonl)")


def digest(case_id: str) -> int:
    """A 64-bit digest of a case id (a collision would only raise a false grouping error)."""
    data = case_id.encode("utf-8", "surrogatepass")  # read_* refuse surrogates; callers may not
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


class SeenDigests:
    """A set of 64-bit digests at about 20 bytes each (measured: docs/engine.md), a fraction of
    a Python set of ints.

    Recent digests go into a small set; when it reaches a sixteenth of the rest (at least
    ``spill``), it is merged into one sorted ``array('Q')``, which membership tests search
    by bisection. Merges are geometric, so adding n digests costs O(n log n) in all; a merge
    walks the recent digests in Python and copies the runs of the array between them in C."""

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
        self._spill_if_full()

    def any_of(self, digests: array[int]) -> bool:
        """Whether any of ``digests`` is in the set (searched in C, no Python step a digest)."""
        if not self._recent.isdisjoint(digests):
            return True
        found = self._sorted
        if not found:
            return False
        last = len(found) - 1
        at = map(min, map(bisect_left, repeat(found), digests), repeat(last))
        return any(map(eq, map(found.__getitem__, at), digests))

    def add_new(self, digests: array[int]) -> None:
        """Add digests known to be distinct and not in the set (:meth:`any_of` said so)."""
        self._recent.update(digests)
        self._spill_if_full()

    def _spill_if_full(self) -> None:
        if len(self._recent) < max(self._spill, len(self._sorted) // 16):
            return
        old, recent = self._sorted, sorted(self._recent)
        self._recent.clear()
        if not old:
            self._sorted = array("Q", recent)
            return
        merged = array("Q")
        size = old.itemsize
        with memoryview(old).cast("B") as runs:  # the array's bytes, sliced without a copy
            start = 0
            for at, value in zip(map(bisect_left, repeat(old), recent), recent, strict=True):
                merged.frombytes(runs[start * size : at * size])
                merged.append(value)
                start = at
            merged.frombytes(runs[start * size :])
        self._sorted = merged


def group_cases(
    rows: Iterable[Row | Problem], on_problem: Callable[[Problem], None]
) -> Iterator[CaseRows]:
    """Consecutive rows of one case as a group; raise :class:`AuditInputError` when a case id
    comes back after another case (the input is not grouped).

    A row that repeats an earlier row of its case (the same event) is reported as a problem
    (``kind="duplicate"``) and counted once: it would double the case's obligations."""
    finished = SeenDigests()
    current: CaseRows | None = None
    current_digest = 0
    seen: dict[Event, int] = {}
    for row in rows:
        if isinstance(row, Problem):
            on_problem(row)
            continue
        if current is not None and row.case_id == current.case_id:
            first = seen.setdefault(row.event, row.line)
            if first != row.line:
                on_problem(
                    Problem(
                        row.line,
                        f"the same event as line {first} of its case; counted once",
                        row.case_id,
                        kind="duplicate",
                    )
                )
                continue
            current.events.append(row.event)
            current.last_line = row.line
            continue
        if current is not None:
            finished.add(current_digest)
            yield current
        current_digest = digest(row.case_id)
        if current_digest in finished:
            raise AuditInputError(
                f"line {row.line}: a case id appears again after other cases; the "
                "input must be sorted or grouped by case_id (all rows of a case together)"
            )
        current = CaseRows(row.case_id, row.region, row.line, row.line, [row.event])
        seen = {row.event: row.line}
    if current is not None:
        yield current
