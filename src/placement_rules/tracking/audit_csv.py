"""An audit's per-case output: one CSV row per obligation, quoted as csv.writer quotes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from bisect import bisect_right
from typing import Final

from ..results import Obligation
from ..ruleset import CompiledRule
from .tracker import CaseReport, citation_of

CASE_COLUMNS: Final[tuple[str, ...]] = (
    "case_id",
    "region",
    "home_municipality",
    "rule_id",
    "duty",
    "trigger",
    "incurred",
    "due",
    "vague_deadline",
    "deadline_meaning",
    "status",
    "met_on",
    "met_by",
    "days_late",
    "days_overdue",
    "citation",
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


_Quoted = tuple[CompiledRule, str, str, str, tuple[dt.date, ...], dict[int, str]]
"""A rule's pre-quoted cells: the rule, (id, duty), (deadline), the citation ('' when it
depends on the date), the days its legal basis changes, and the citation per stretch between."""


class CaseCsv:
    """Per-case statuses as CSV text, one row per obligation in the order of
    :data:`CASE_COLUMNS`; the same bytes :func:`csv.writer` writes (excel dialect).

    An audit writes millions of rows, so the cells that may need quoting are quoted once: the
    rule's (id, duty, deadline, citation) once per compiled rule and writer, the case's (id,
    region, municipality) once per case. The other cells are dates, numbers, event kinds and
    statuses, which never need quoting (a test checks every kind and status)."""

    def __init__(self) -> None:
        self._rules: dict[int, _Quoted] = {}
        """id(compiled rule) -> its quoted cells (:data:`_Quoted`; the rule is kept so the id
        is not reused)."""

    @staticmethod
    def header() -> str:
        return csv_cells(*CASE_COLUMNS) + "\r\n"

    def _rule(self, obligation: Obligation) -> _Quoted:
        """Quote the rule's cells and remember them (``rows`` looks them up first)."""
        compiled = obligation.compiled
        days = tuple(sorted(compiled.legal_basis_days))
        found = self._rules[id(compiled)] = (
            compiled,
            csv_cells(obligation.rule_id, obligation.duty),
            csv_cells(obligation.vague or "", obligation.deadline_meaning or ""),
            "" if days else csv_cells(citation_of(obligation)),
            days,
            {},
        )
        return found

    @staticmethod
    def _dated_citation(found: _Quoted, obligation: Obligation) -> str:
        """The citation with the legal basis in force on the obligation's event date, quoted
        once per stretch of days between two changes of the rule's legal basis."""
        day = obligation.event_date
        if day is None:
            return csv_cells(citation_of(obligation))
        stretch = bisect_right(found[4], day)
        cited = found[5].get(stretch)
        if cited is None:
            cited = found[5][stretch] = csv_cells(citation_of(obligation))
        return cited

    def rows(self, report: CaseReport) -> str:
        """The rows of one case, each ended by ``\\r\\n``."""
        case = csv_cells(report.case_id, report.region, report.home_municipality)
        lines = []
        known = self._rules
        for (
            _,
            obligation,
            incurred,
            trigger,
            status,
            met_on,
            met_by,
            late,
            overdue,
            _,
        ) in report.obligations:  # ObligationStatus's fields, in order
            compiled, due_date = obligation.compiled, obligation.due_date
            found = known.get(id(compiled))
            if found is None or found[0] is not compiled:
                found = self._rule(obligation)
            rule, deadline, citation = found[1], found[2], found[3]
            if not citation:  # the legal basis shown is the one in force on the event's date
                citation = self._dated_citation(found, obligation)
            lines.append(
                f"{case},{rule},{trigger},{incurred.isoformat()},"
                f"{due_date.date.isoformat() if due_date else ''},{deadline},{status},"
                f"{met_on.isoformat() if met_on else ''},{met_by or ''},"
                f"{'' if late is None else late},{'' if overdue is None else overdue},"
                f"{citation}\r\n"
            )
        return "".join(lines)
