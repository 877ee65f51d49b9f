"""``--format ics|html|pdf`` of ``evaluate`` and ``track``: the calendar file, the printable page
and its PDF (:mod:`placement_rules.views.ics`, :mod:`placement_rules.views.html`), written to
standard output or, with ``-o FILE``, to a file written whole or not at all."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from ._common import create_temporary, same_file

if TYPE_CHECKING:
    from ..events import Event
    from ..i18n import Lang
    from ..results import Evaluation
    from ..ruleset import RuleSet
    from ..tracking.tracker import CaseReport

PAGE_FORMATS: Final = ("ics", "html", "pdf")
"""The formats this module writes (the commands' ``text`` and ``json`` are their own)."""

OUTPUT_OPTION = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the ics, html or pdf output to this file (default: standard output).",
)


def emit_evaluation(
    fmt: str,
    rules: RuleSet,
    event: Event,
    result: Evaluation,
    *,
    lang: Lang,
    party: str | None,
    why_not: bool,
    output: Path | None,
) -> None:
    """``evaluate --format ics|html|pdf`` (``why_not``: the page also lists the rules that do
    not apply; the calendar has duties only)."""
    from ..views.html import evaluation_html, html_to_pdf
    from ..views.ics import evaluation_calendar

    if fmt == "ics":
        data = evaluation_calendar(result, event, lang=lang, party=party)
    else:
        page = evaluation_html(result, rules, event, lang=lang, party=party, why_not=why_not)
        data = html_to_pdf(page) if fmt == "pdf" else page.encode("utf-8")
    write(data, output)


def emit_case(
    fmt: str, report: CaseReport, *, lang: Lang, party: str | None, output: Path | None
) -> None:
    """``track --format ics|html|pdf``."""
    from ..views.html import case_html, html_to_pdf
    from ..views.ics import case_calendar

    if fmt == "ics":
        data = case_calendar(report, lang=lang, party=party)
    else:
        page = case_html(report, lang=lang, party=party)
        data = html_to_pdf(page) if fmt == "pdf" else page.encode("utf-8")
    write(data, output)


def check_output(fmt: str, output: Path | None, source: Path | None = None) -> None:
    """``-o`` is for the page formats, names a regular file (or a new one), never the input
    ``source``; a PDF is not written to a terminal."""
    if output is not None and fmt not in PAGE_FORMATS:
        raise click.UsageError("--output is for --format ics, html or pdf")
    if output is not None:
        _check_target(output, source)
    if output is None and fmt == "pdf" and sys.stdout.isatty():
        raise click.UsageError("a PDF is not written to a terminal: give -o FILE or redirect")


def _check_target(output: Path, source: Path | None) -> None:
    """The page is written beside ``output`` and renamed over it: a device, pipe or symbolic
    link to one (``/dev/stdout``) would be replaced by a regular file, the input lost."""
    try:
        mode = output.stat().st_mode
    except OSError:
        return  # a new file (a missing folder is reported when writing)
    if not stat.S_ISREG(mode):
        raise click.UsageError(
            "--output is not a regular file (leave -o out to write to standard output)"
        )
    if source is not None and str(source) != "-" and same_file(output, source):
        raise click.UsageError("--output names the input file; write it elsewhere")


def write(data: bytes, output: Path | None) -> None:
    """``data`` to standard output, or to ``output`` through a temporary file beside it that
    takes its place only once complete."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    fd, temp = create_temporary(output)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, output)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
