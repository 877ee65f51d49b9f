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
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, Final, NamedTuple

from ..errors import AuditInputError, TrackingError, UnknownRegionError
from ..events import Event
from ..loading import LoadedFile
from ..regions import load_rule_set, region_files, unknown_region
from ..ruleset import RuleSet
from .audit_csv import CASE_COLUMNS, CaseCsv, csv_cells
from .audit_rows import (
    KEY_COLUMNS,
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
from .audit_summary import MAX_LISTED_PROBLEMS, SUMMARY_COLUMNS, CaseCounts, Summary, counts_of
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
    "blocks",
    "case_text",
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


def case_text(report: CaseReport, fmt: str, rows: CaseCsv) -> str:
    """One case as the audit writes it: a JSON line (``fmt`` ``json``) or CSV rows."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False) + "\n"
    return rows.rows(report)


class Block(NamedTuple):
    """A run of whole cases of an input, with what auditing it needs: a pure function's
    argument (:func:`audit_block`), picklable, so blocks can go to other processes or machines."""

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


class BlockResult(NamedTuple):
    """What :func:`audit_block` gives of a block, in input order."""

    cases: str
    """The block's cases as the audit writes them (:func:`case_text`)."""
    counts: list[CaseCounts]
    """What the summary counts of each case (:meth:`Summary.add_counts`)."""
    problems: list[Problem]
    digests: list[int]
    """The digest of every case id of the block (judged or skipped)."""


@cache
def _shared_rule_sets(rules_dir: Path | None) -> RuleSets:
    """The rule sets of one process, shared by the blocks it audits (loaded on first use)."""
    return RuleSets(rules_dir)


def audit_block(block: Block, rule_sets: RuleSets | None = None) -> BlockResult:
    """Audit one block of whole cases: the same rows, summary counts and problems as that part
    of an audit of the whole input (line numbers included), given that no case of the block
    has rows outside it. Raises :class:`AuditInputError` as :func:`audit` does."""
    problems: list[Problem] = []
    reader = read_csv if block.header else read_jsonl
    first = block.first_line

    def read(stream: IO[str], name: str) -> Iterator[Row | Problem]:
        return reader(stream, name, first)

    def on_problem(problem: Problem) -> None:
        if block.header and first > 2 and problem.line == 1:
            return  # the header's problems are the first block's to report
        problems.append(problem)

    stream = io.StringIO(block.header + block.text, newline="")
    rows = CaseCsv()
    texts: list[str] = []
    counts: list[CaseCounts] = []
    digests: list[int] = []
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
        texts.append(case_text(report, block.fmt, rows))
        counts.append(counts_of(report))
        digests.append(digest(report.case_id))
    digests.extend(digest(p.case_id) for p in problems if p.kind == "case" and p.case_id)
    return BlockResult("".join(texts), counts, problems, digests)


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
