"""Duties as a printable HTML page (Jinja2 templates in ``views/templates``, autoescaped), and
as PDF printed from it by headless Chromium.

The page is for people: Swedish by default (``lang="sv"``), English on request; the duties most
urgent first (:mod:`.urgency`), grouped by the party that carries them, each with when, what,
who, why and the source (:mod:`.page_model`); a short "Nästa steg" at the top. One
self-contained file (its CSS inline, no script, no remote resource), with print CSS (A4, no
navigation, no duty split across pages). The web form's answer page
(:mod:`placement_rules.web`) is the same page with its buttons added.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ..errors import PrintError
from ..explain import explain
from ..i18n import Lang, text
from .case_view import status_key, status_words
from .evaluation_view import NEXT_STEPS, header_lines, no_duties_sentence, rule_party
from .page_model import DutyView, duty_view
from .sentences import (
    fact_sentence,
    note_words,
    party_heading,
    party_name,
    region_name,
    value_words,
    why_not_sentence,
)
from .terminal import when_short
from .urgency import PARTIES, next_steps, party_of, sort_obligations

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..events import Event
    from ..results import Evaluation, Obligation
    from ..ruleset import RuleSet
    from ..tracking.tracker import CaseReport, ObligationStatus

PRINT_TIMEOUT_SECONDS: Final = 60
"""How long Chromium may take to print one page."""

__all__ = [
    "PRINT_TIMEOUT_SECONDS",
    "case_html",
    "environment",
    "evaluation_html",
    "html_to_pdf",
]


class _Item(NamedTuple):
    id: str
    view: DutyView
    status: _Status | None


class _Status(NamedTuple):
    code: str
    words: str


class _Group(NamedTuple):
    party: str
    heading: str
    duties: tuple[_Item, ...]


class _Step(NamedTuple):
    when: str
    title: str
    who: str


@cache
def environment(packages: tuple[str, ...] = ()) -> Environment:
    """The templates' environment: the ``templates/`` of ``packages`` (the web form's, say),
    then the views' own; autoescaped, strict about names a template uses but is not given.
    Built once per set of packages; Jinja2 environments are safe to share once configured."""
    from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

    loaders = [PackageLoader(p) for p in (*packages, "placement_rules.views")]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def translator(lang: Lang) -> Callable[..., str]:
    """The templates' ``t(key, **fields)``: a catalogue label in ``lang``."""

    def t(key: str, **fields: object) -> str:
        return text(key, lang, **fields)

    return t


def render(template: str, lang: Lang, *, packages: tuple[str, ...] = (), **context: Any) -> str:
    """A template rendered with ``t``, ``lang`` and the version (``packages``: see
    :func:`environment`)."""
    from .. import __version__

    page = environment(packages).get_template(template)
    return page.render(lang=lang, t=translator(lang), version=__version__, **context)


def evaluation_html(
    evaluation: Evaluation,
    rules: RuleSet,
    event: Event,
    *,
    lang: Lang = "sv",
    party: str | None = None,
    why_not: bool = False,
) -> str:
    """The printable page of ``event`` evaluated on ``rules``; ``party`` (``kommun``,
    ``region``, ...): that party's duties only; ``why_not``: also the rules of the event's
    kind that do not apply and why (always said when no duty applies)."""
    context = evaluation_context(evaluation, rules, event, lang, party, why_not=why_not)
    return render("page.html", lang, **context)


def evaluation_context(
    evaluation: Evaluation,
    rules: RuleSet,
    event: Event,
    lang: Lang,
    party: str | None,
    *,
    why_not: bool = False,
) -> dict[str, Any]:
    """What the page template is given for an evaluation (the web form adds its buttons): the
    terminal's header, why an answer is empty or a duty removed (:mod:`placement_rules.explain`),
    "Nästa steg", the duties by party."""
    kind = value_words("kind", evaluation.event_kind, lang)
    explained = explain(rules, event, evaluation)
    if party is not None:  # as the terminal: one party's rules only
        kept = tuple(w for w in explained.why_not if rule_party(w.rule) == party)
        explained = explained._replace(why_not=kept)
    notices = [text(f"people.empty.{reason}", lang, event=kind) for reason in explained.empty]
    for w in explained.removed_by_facts:
        if w.condition is not None:
            fact = fact_sentence(w.condition.fact, w.actual, lang)
            removed = text("people.head.removed", lang, fact=fact)
            notices.append(f"{removed} {w.rule.rule.title}")
    chosen = [o for o in evaluation.obligations if party is None or party_of(o) == party]
    heading = text("pages.html.heading", lang, kind=kind)
    not_applying = [
        f"{w.rule.rule.title}: {why_not_sentence(w, lang)}"
        for w in explained.why_not
        if w.reason != "rule_not_in_force" and (why_not or not chosen)
    ]
    return {
        "title": heading,
        "heading": heading,
        "facts": list(header_lines(evaluation, lang)),
        "notices": notices + _party_notice(party, lang),
        "next_steps": _next_steps(chosen, lang),
        "groups": _groups([(o, None) for o in sort_obligations(chosen)], lang),
        "empty_reasons": [no_duties_sentence(party, lang)],
        "why_not": not_applying,
    }


def case_html(report: CaseReport, *, lang: Lang = "sv", party: str | None = None) -> str:
    """The printable page of a tracked case: every duty with its status on the report's date,
    in the order of the terminal's track view (:func:`.case_view.status_key`: open duties
    first), grouped by party."""
    statuses = sorted(
        (s for s in report.obligations if party is None or party_of(s.obligation) == party),
        key=status_key,
    )
    heading = text("pages.html.case_heading", lang, date=report.as_of.isoformat())
    region = region_name(report.region, lang)
    later = report.events_after_as_of
    facts = [
        text("people.track.head", lang, case=report.case_id, region=region, date=report.as_of),
        text(
            "people.track.events_later" if later else "people.track.events",
            lang,
            count=report.events_considered,
            later=later,
        ),
        *(
            text("people.head.warning", lang, warning=note_words(w, (), lang))
            for w in report.warnings
        ),
    ]
    open_ = [s.obligation for s in statuses if s.status in ("pending", "overdue", "open")]
    items = [(s.obligation, _status(s, report.as_of, lang)) for s in statuses]
    return render(
        "page.html",
        lang,
        title=heading,
        heading=heading,
        facts=facts,
        notices=_party_notice(party, lang),
        next_steps=_next_steps(open_, lang),
        groups=_groups(items, lang),
        empty_reasons=[no_duties_sentence(party, lang)],
        why_not=[],
    )


def _status(status: ObligationStatus, as_of: dt.date, lang: Lang) -> _Status:
    words = status_words(status, as_of, lang)
    if status.met_on is not None and status.met_by is not None:
        kind = value_words("kind", status.met_by, lang)
        words += ", " + text("people.track.met", lang, date=status.met_on.isoformat(), event=kind)
    return _Status(status.status, words)


def _party_notice(party: str | None, lang: Lang) -> list[str]:
    return [text("pages.html.only_party", lang, party=party_name(party, lang))] if party else []


def _next_steps(obligations: Iterable[Obligation], lang: Lang) -> list[_Step]:
    return [
        _Step(when_short(o, lang), o.title, party_name(party_of(o), lang))
        for o in next_steps(obligations, NEXT_STEPS)
    ]


def _groups(items: Sequence[tuple[Obligation, _Status | None]], lang: Lang) -> list[_Group]:
    """The duties grouped by party (in :data:`~.urgency.PARTIES` order), keeping the order
    they come in within each group."""
    groups, number = [], 0
    for party in PARTIES:
        members = []
        for obligation, status in items:
            if party_of(obligation) == party:
                number += 1
                members.append(_Item(f"duty-{number}", duty_view(obligation, lang), status))
        if members:
            groups.append(_Group(party, party_heading(party, lang), tuple(members)))
    return groups


def find_chromium() -> str | None:
    """The headless browser that prints: ``$PLACEMENT_RULES_CHROMIUM``, else ``chromium`` or
    ``chromium-browser`` on the PATH."""
    configured = os.environ.get("PLACEMENT_RULES_CHROMIUM")
    if configured:
        return shutil.which(configured)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def html_to_pdf(
    page: str, *, chromium: str | None = None, timeout: float = PRINT_TIMEOUT_SECONDS
) -> bytes:
    """The page printed to PDF by headless Chromium (its print CSS applies: A4, no navigation).

    Raises :class:`~placement_rules.errors.PrintError` when no Chromium is found, when it
    fails or takes longer than ``timeout`` seconds. The page is written to a private temporary
    folder, opened as a file with the network off, and removed afterwards."""
    browser = chromium or find_chromium()
    if browser is None:
        raise PrintError(
            "PDF needs headless Chromium: install it (apt install chromium) or set "
            "PLACEMENT_RULES_CHROMIUM to its path; --format html gives the page to print"
        )
    with tempfile.TemporaryDirectory(prefix="placement-rules-pdf-") as folder:
        source, target = Path(folder, "page.html"), Path(folder, "page.pdf")
        source.write_text(page, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--proxy-server=127.0.0.1:9",  # nothing is fetched: the page is self-contained
            f"--user-data-dir={Path(folder, 'profile')}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PrintError(f"Chromium did not print the page within {timeout:g} s") from None
        except OSError as exc:
            raise PrintError(f"Chromium could not be started: {exc.strerror}") from None
        with contextlib.suppress(OSError):
            data = target.read_bytes()
            if done.returncode == 0 and data.startswith(b"%PDF"):
                return data
        raise PrintError(f"Chromium did not print the page (exit code {done.returncode})")
