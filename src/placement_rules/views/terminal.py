"""What the terminal views share: the console, the layout rule, deadlines in words, and the two
layouts (a table at 100 columns or more, one block per duty below).

No word or date is ever split: rich wraps text at spaces, and a table whose columns cannot
hold their longest words at the terminal's width is shown as blocks instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..i18n import DEFAULT_LANG, Lang, text
from ..results import Obligation

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

TABLE_MIN_WIDTH = 100
"""Below this many columns the views use the list layout."""


def console(width: int | None = None) -> Console:
    """A console for the views: colour on a terminal, plain text when piped (140 columns
    unless ``COLUMNS`` says otherwise), or ``width`` columns."""
    from rich.console import Console

    if width is not None:
        return Console(highlight=False, soft_wrap=False, width=width)
    out = Console(highlight=False, soft_wrap=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out = Console(highlight=False, soft_wrap=False, width=140)
    return out


def when_lines(obligation: Obligation, lang: Lang = DEFAULT_LANG) -> tuple[str, ...]:
    """When the duty is due, in words: the vague term and the date, whether the law or the
    agreement sets it, and a date moved past a holiday (or falling on one)."""
    parts = []
    term = obligation.vague_term
    if term is not None:
        parts.append(text(f"people.term.{term}", lang))
    due = obligation.due
    if due is not None:
        key = "people.due.limit" if obligation.deadline_meaning == "limit" else "people.due.by"
        parts.append(text(key, lang, date=due.isoformat()))
    elif term is None and obligation.deadline_meaning is not None:
        parts.append(text("people.due.unknown", lang))
    if not parts:
        return (text("people.due.none", lang),)
    if obligation.statutory:
        basis = "people.due.statutory"
    elif obligation.origin != "national":
        basis = "people.due.agreement"
    else:
        basis = "people.due.guidance"
    lines = [f"{', '.join(parts)} ({text(basis, lang)})"]
    moved = obligation.rolled_forward_from
    if moved is not None:
        lines.append(text("people.due.rolled", lang, date=moved.isoformat()))
    elif obligation.due_on_non_working_day:
        lines.append(text("people.due.non_working", lang))
    return tuple(lines)


def when_short(obligation: Obligation, lang: Lang = DEFAULT_LANG) -> str:
    """The deadline in one line ("Nästa steg", the track view)."""
    return when_lines(obligation, lang)[0]


def wrap(line: str, width: int, indent: int = 0, first: str = "") -> list[str]:
    """``line`` wrapped at spaces to ``width`` columns (a word longer than the width is left
    whole), the first line after ``first`` and the others indented by ``indent`` spaces."""
    import textwrap

    return textwrap.wrap(
        line,
        width=max(width, indent + 10),
        initial_indent=first,
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def emit(out: Console, line: str, *, indent: int = 0, first: str = "", style: str = "") -> None:
    """Print ``line`` wrapped at spaces (:func:`wrap`), never splitting a word or a date."""
    from rich.text import Text

    for part in wrap(line, out.width, indent, first):
        out.print(Text(part, style=style), soft_wrap=True)


class Field(NamedTuple):
    """One labelled part of a duty: ``när``, ``vad``, ... (several lines, the first may be
    bold)."""

    label: str
    lines: tuple[str, ...]
    bold: bool = False
    dim: bool = False


def _cell(field: Field) -> Text:
    from rich.text import Text

    cell = Text()
    for i, line in enumerate(field.lines):
        if i:
            cell.append("\n")
        style = "bold" if field.bold and i == 0 else "dim" if field.dim else ""
        cell.append(line, style=style)
    return cell


def blocks(out: Console, rows: Sequence[Sequence[Field]]) -> None:
    """The list layout: one block per row, its fields as ``label  value`` lines (the value
    wrapped at spaces under itself), a blank line between blocks."""
    from rich.text import Text

    width = max((len(f.label) for row in rows for f in row), default=0) + 2
    for i, row in enumerate(rows):
        if i:
            out.print("")
        for field in row:
            if not field.lines:
                continue
            first = field.label.ljust(width)
            for j, line in enumerate(field.lines):
                style = "bold" if field.bold and j == 0 else "dim" if field.dim else ""
                for k, part in enumerate(wrap(line, out.width, width, first)):
                    label, value = part[:width], part[width:]
                    shown = Text(label, style="dim" if k == 0 and j == 0 else "")
                    shown.append(value, style=style)
                    out.print(shown, soft_wrap=True)
                first = " " * width


def _longest_word(fields: Sequence[Field]) -> int:
    return max((len(w) for f in fields for line in f.lines for w in line.split()), default=1)


def _minimums(rows: Sequence[Sequence[Field]]) -> list[int]:
    """Each column's longest word (or its label)."""
    return [
        max(_longest_word([row[i] for row in rows]), len(rows[0][i].label))
        for i in range(len(rows[0]))
    ]


def column_widths(
    rows: Sequence[Sequence[Field]], ratios: Sequence[int], width: int
) -> list[int] | None:
    """The columns' text widths in a table ``width`` columns wide (each column has two spaces
    of padding and a border): at least its longest word, the rest shared by ``ratios``; None
    when the longest words do not fit."""
    minimums = _minimums(rows)
    spare = width - (3 * len(minimums) + 1) - sum(minimums)
    if spare < 0:
        return None
    shares = [spare * r // sum(ratios) for r in ratios]
    shares[-1] += spare - sum(shares)
    return [m + extra for m, extra in zip(minimums, shares, strict=True)]


def table(rows: Sequence[Sequence[Field]], widths: Sequence[int]) -> Table:
    """The table layout: a column per field (headed by its label), a row per duty."""
    from rich.table import Table

    grid = Table(show_lines=True)
    for field, width in zip(rows[0], widths, strict=True):
        grid.add_column(field.label, width=width, overflow="fold")
    for row in rows:
        grid.add_row(*(_cell(f) for f in row))
    return grid


def show(out: Console, rows: Sequence[Sequence[Field]], ratios: Sequence[int]) -> None:
    """The table when the terminal is wide enough for it and its longest words, else blocks."""
    if not rows:
        return
    extra = len(rows[0]) - len(ratios)  # --verbose's columns (rule, trail) share like the last
    ratios = (*ratios, *(ratios[-1],) * extra) if extra > 0 else ratios[: len(rows[0])]
    widths = column_widths(rows, ratios, out.width) if out.width >= TABLE_MIN_WIDTH else None
    if widths is not None:
        out.print(table(rows, widths))
        return
    blocks(out, rows)
