"""Batch audit: stream a file of case events, track each case, summarise.

Input: CSV (header row) or JSON Lines (one object per line; ``.jsonl`` / ``.ndjson``). Each row is
one event: ``case_id``, ``kind``, ``date`` and the event's facts (the fields of
:class:`~placement_rules.events.Event`; blank CSV cells mean the field's default), plus an
optional ``region`` naming the rule set (default: the case's first ``home_region``).

**Requirement: the rows of a case are consecutive** (the file sorted or grouped by
``case_id``). Cases are read, judged and written one at a time, so memory does not grow with
the file; the reader remembers an 8-byte digest of every finished case id (about 20 bytes a
case in :class:`SeenDigests`, measured on 2,000,000 cases: 2 MB per 100,000 cases) to detect a
case id that comes back after another case, which stops the audit with an error naming the
line (a judgment of half a case would be wrong). Within a case, rows may come in any order.

A row that cannot be read (missing case id, unknown kind, bad date...) is reported with its line
number and skipped; the case is judged without it. A case that cannot be judged (events of two
children, no rule file for its region) is reported with its lines and skipped. The summary says
how many rows and cases were skipped: nothing is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import IO, Final, NamedTuple

from ..errors import AuditInputError, PlacementRulesError, TrackingError, UnknownRegionError
from ..events import Event
from ..limits import AUDIT_MAX_LINE_CHARS
from ..loading import LoadedFile
from ..regions import load_rule_set, region_files, unknown_region
from ..ruleset import RuleSet
from .audit_csv import CASE_COLUMNS, CaseCsv, csv_cells
from .audit_rows import (
    KEY_COLUMNS,
    LONG_LINE,
    TOO_LONG,
    CaseRows,
    Problem,
    Row,
    SeenDigests,
    digest,
    group_cases,
    parse_record,
    read_csv,
    read_jsonl,
    read_line,
    reader_for,
)
from .audit_summary import MAX_LISTED_PROBLEMS, SUMMARY_COLUMNS, Summary
from .tracker import CaseReport, track_many

__all__ = [
    "CASE_COLUMNS",
    "KEY_COLUMNS",
    "MAX_LISTED_PROBLEMS",
    "SUMMARY_COLUMNS",
    "Block",
    "BlockResult",
    "CaseCsv",
    "CaseRows",
    "Problem",
    "Row",
    "RuleSets",
    "SeenDigests",
    "Summary",
    "audit",
    "audit_block",
    "audit_block_into",
    "block_bytes",
    "blocks",
    "case_text",
    "csv_cells",
    "group_cases",
    "parse_record",
    "preload_rule_sets",
    "read_csv",
    "read_jsonl",
    "reader_for",
    "spans",
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


def case_text(report: CaseReport, fmt: str, rows: CaseCsv) -> str:
    """One case as the audit writes it: a JSON line (``fmt`` ``json``) or CSV rows."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False) + "\n"
    return rows.rows(report)


class Block(NamedTuple):
    """A run of whole cases of an input, with what auditing it needs: a pure function's
    argument (:func:`audit_block`), picklable, so blocks can go to other processes or machines.

    The block's lines are ``text``, or, when ``span`` is given, the bytes ``span`` of the file
    ``name`` (UTF-8, as the audit reads it: a byte-order mark at offset 0 is skipped, bytes
    that are not UTF-8 are kept as such): a worker reads its own part of the input."""

    name: str
    header: str
    """The CSV header line ('' for JSON Lines)."""
    first_line: int
    """The input line number of the block's first line."""
    text: str
    as_of: dt.date
    engine: str
    rules_dir: Path | None
    fmt: str
    """``json`` or ``csv`` case rows (:func:`case_text`); ``''``: none (a summary only)."""
    span: tuple[int, int] | None = None
    """(start, end) byte offsets of the block in the file ``name``, read instead of ``text``."""


class BlockResult(NamedTuple):
    """What :func:`audit_block` gives of a block, in input order."""

    cases: bytes
    """The block's cases as the audit writes them (:func:`case_text`), UTF-8."""
    summary: Summary
    """The summary of the block's judged cases, without problems and without the municipality
    cap (:meth:`Summary.merge` folds the blocks' summaries in input order into the whole)."""
    problems: list[Problem]
    digests: array[int]
    """The digest of every case id of the block (judged or skipped), an ``array('Q')``."""
    long_lines: bool
    """A line of the block was too long to read: its line count may differ from its newlines
    (the caller audits the input in one piece)."""


@cache
def _shared_rule_sets(rules_dir: Path | None) -> RuleSets:
    """The rule sets of one process, shared by the blocks it audits (loaded on first use;
    workers forked after :func:`preload_rule_sets` inherit them loaded)."""
    return RuleSets(rules_dir)


def preload_rule_sets(rules_dir: Path | None) -> None:
    """Load every region of the rules folder into this process's shared rule sets, so that
    processes forked from it audit blocks without loading them again. A rule file that does
    not load is left to the block that needs it (which raises as an audit in one piece would)."""
    shared = _shared_rule_sets(rules_dir)
    for region in sorted(shared.known):
        with suppress(PlacementRulesError):
            shared.get(region)


def _block_text(block: Block) -> str:
    if block.span is None:
        return block.text
    start, end = block.span
    with open(block.name, "rb") as stream:
        stream.seek(start)
        data = stream.read(end - start)
    return data.decode("utf-8-sig" if start == 0 else "utf-8", "surrogateescape")


def audit_block(block: Block, rule_sets: RuleSets | None = None) -> BlockResult:
    """Audit one block of whole cases: the same rows, summary counts and problems as that part
    of an audit of the whole input (line numbers included), given that no case of the block
    has rows outside it. Raises :class:`AuditInputError` as :func:`audit` does, and
    :class:`UnicodeEncodeError` where writing the audit's output would."""
    problems: list[Problem] = []
    reader = read_csv if block.header else read_jsonl
    first = block.first_line

    def read(stream: IO[str], name: str) -> Iterator[Row | Problem]:
        return reader(stream, name, first)

    def on_problem(problem: Problem) -> None:
        if block.header and first > 2 and problem.line == 1:
            return  # the header's problems are the first block's to report
        problems.append(problem)

    stream = io.StringIO(block.header + _block_text(block), newline="")
    write_cases = bool(block.fmt)
    rows = CaseCsv()
    texts: list[str] = []
    summary = Summary(block.as_of, municipality_cap=None)
    digests = array("Q")
    shared = rule_sets if rule_sets is not None else _shared_rule_sets(block.rules_dir)
    for report in audit(
        stream,
        block.name,
        block.as_of,
        reader=read,
        engine=block.engine,
        on_problem=on_problem,
        rule_sets=shared,
    ):
        if write_cases:
            texts.append(case_text(report, block.fmt, rows))
        summary.add(report)
        digests.append(digest(report.case_id))
    digests.extend(digest(p.case_id) for p in problems if p.kind == "case" and p.case_id)
    long_lines = any(p.message == LONG_LINE for p in problems)
    return BlockResult("".join(texts).encode("utf-8"), summary, problems, digests, long_lines)


def audit_block_into(block: Block, path: str) -> BlockResult:
    """:func:`audit_block` with this process's shared rule sets, the case rows written to a
    new file ``path`` (UTF-8) instead of returned: a worker hands back only the small part of
    its result, and the caller copies the file's bytes out without decoding them."""
    result = audit_block(block)
    with open(path, "xb") as out:
        out.write(result.cases)
    return result._replace(cases=b"")


BLOCK_LINES: Final[int] = 8192
"""Input lines a block holds at least (it ends with its last case)."""


def blocks(
    stream: IO[str],
    header: str,
    first_line: int,
    make: Callable[[str, int], Block],
    *,
    size: int = BLOCK_LINES,
) -> Iterator[Block]:
    """Cut an input (after its header; ``first_line``: the number of the line read next) into
    blocks of about ``size`` lines, each cut between two lines whose case ids both read and
    differ. ``make(text, first_line)`` builds each block. Raises :class:`ValueError` on a line
    longer than an audit reads (the caller audits the input in one piece)."""
    column = _case_column(header)
    lines: list[str] = []
    start, previous = first_line, None
    while True:
        text = read_line(stream)
        if text is None:
            break
        if text is TOO_LONG:
            raise ValueError("a line too long to cut the input at")
        case = _case_of(text, column)
        if len(lines) >= size and case is not None and previous is not None and case != previous:
            yield make("".join(lines), start)
            start += len(lines)
            lines = []
        lines.append(text)
        previous = case
    if lines:
        yield make("".join(lines), start)


BLOCK_BYTES: Final[int] = 1 << 20
"""The most input bytes a block of :func:`spans` starts with (it ends with its last case)."""
MIN_BLOCK_BYTES: Final[int] = 1 << 16
_LINE_BYTES: Final[int] = 4 * AUDIT_MAX_LINE_CHARS + 4
"""The most bytes of a line the audit reads whole (UTF-8: at most 4 bytes a character)."""


def block_bytes(total: int, jobs: int) -> int:
    """The size of :func:`spans` for an input of ``total`` bytes on ``jobs`` processes: about
    eight blocks a process, so that all stay busy to the end, within 64 KiB and 1 MiB."""
    return max(MIN_BLOCK_BYTES, min(BLOCK_BYTES, total // (8 * jobs)))


def spans(
    stream: IO[bytes], header: str, first_line: int, size: int = BLOCK_BYTES
) -> Iterator[tuple[int, int, int, int]]:
    """Cut a binary input from its position (after the header, ``''`` for JSON Lines;
    ``first_line``: the number of the line that starts there) into blocks of about ``size``
    bytes: ``(start, end, first_line, last_line)`` each, cut between two lines whose case ids
    both read and differ, as :func:`blocks` cuts. Lines are numbered as the audit numbers
    them (``\n``, ``\r`` and ``\r\n`` each end one); only the lines next to a cut are decoded."""
    column = _case_column(header)
    start, line = stream.tell(), first_line
    while True:
        data = stream.read(size)
        if not data:
            return
        chunk = [data]
        last = data[data.rfind(b"\n", 0, len(data) - 1) + 1 :]  # the last line, perhaps cut
        if not data.endswith(b"\n"):
            more = stream.readline(_LINE_BYTES)
            chunk.append(more)
            last += more
        previous = _case_of_bytes(last, column)
        whole = last.endswith(b"\n")
        while True:
            at = stream.tell()
            text = stream.readline(_LINE_BYTES)
            if not text:
                break
            case = _case_of_bytes(text, column) if whole else None  # not a line's continuation
            if case is not None and previous is not None and case != previous:
                stream.seek(at)
                break
            chunk.append(text)
            previous, whole = case, text.endswith(b"\n")
        block = b"".join(chunk)
        end, count = start + len(block), _line_count(block)
        ended = block.endswith((b"\n", b"\r"))  # else the input's last line, without an end
        yield start, end, line, line + count - (1 if ended else 0)
        line += count
        start = end


def _line_count(data: bytes) -> int:
    """The lines of ``data`` as a text stream with universal newlines reads them (``data``
    does not end between a ``\r`` and a ``\n``)."""
    returns = data.count(b"\r")
    feeds = data.count(b"\n")
    return feeds + returns - data.count(b"\r\n") if returns and feeds else feeds + returns


def _case_of_bytes(text: bytes, column: int | None) -> str | None:
    """:func:`_case_of` of one line read as bytes; ``None`` unless it is one whole line the
    audit reads as one (ended by ``\n``, no other ``\r`` in it, not too long)."""
    if not text.endswith(b"\n"):
        return None
    if b"\r" in text[: -2 if text.endswith(b"\r\n") else -1]:
        return None
    decoded = text.decode("utf-8", "surrogateescape")
    if len(decoded) > AUDIT_MAX_LINE_CHARS:
        return None
    return _case_of(decoded, column)


def _case_column(header: str) -> int | None:
    """The position of ``case_id`` in a CSV header; ``None`` for JSON Lines."""
    if not header:
        return None
    try:
        columns = [c.strip() for c in next(csv.reader([header]))]
    except (csv.Error, StopIteration):
        return -1
    return columns.index("case_id") if "case_id" in columns else -1


def _case_of(text: str, column: int | None) -> str | None:
    """The case id of one input line as the readers take it, or ``None`` when it does not
    read plainly (then no block is cut next to it)."""
    try:
        if column is None:
            value = json.loads(text).get("case_id") if text.strip() else None
        elif column < 0:
            return None
        elif column == 0 and not text.startswith('"'):  # an unquoted first cell, as csv reads it
            value = text.split(",", 1)[0]
        else:
            value = next(csv.reader([text]))[column]
    except (ValueError, csv.Error, IndexError, StopIteration, AttributeError, RecursionError):
        return None
    if type(value) is int:
        value = str(value)
    return value.strip() or None if type(value) is str else None
