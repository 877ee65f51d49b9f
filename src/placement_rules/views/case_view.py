"""``track`` for people: where each duty of a case stands, in Swedish (English on request).

Open duties with a vague deadline come first, with how long they have been open ("genast:
öppen sedan 107 dagar"), then the overdue (longest overdue first), the pending (earliest due
first), the met, and last the duties that are not followed up. Each says its status, what,
who, when it arose and was due or met, and its source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..i18n import DEFAULT_LANG, Lang, text
from . import sentences as say
from .terminal import Field, console, emit, show, when_short
from .urgency import party_of, urgency_key

if TYPE_CHECKING:
    from rich.console import Console

    from ..tracking.tracker import CaseReport, ObligationStatus

STATUS_ORDER: Final[tuple[str, ...]] = (
    "open",
    "overdue",
    "pending",
    "met_late",
    "met_on_time",
    "met",
    "untracked",
)
"""The order of the statuses in the track view (see the module docstring)."""


def status_key(item: ObligationStatus) -> tuple[Any, ...]:
    """Where a duty of a case comes in the track view."""
    group = STATUS_ORDER.index(item.status)
    if item.status == "open":
        within: tuple[Any, ...] = (urgency_key(item.obligation), item.incurred)
    elif item.status == "overdue":
        within = (-(item.days_overdue or 0), urgency_key(item.obligation))
    else:
        within = (urgency_key(item.obligation), item.incurred)
    return (group, *within, item.rule_id, item.incurred)


def status_words(item: ObligationStatus, as_of: Any, lang: Lang = DEFAULT_LANG) -> str:
    """The status in words: ``genast: öppen sedan 107 dagar``, ``försenad 7 dagar``, ``i tid``."""
    status = item.status
    if status == "open":
        days = (as_of - item.incurred).days
        words = text("people.status.open_since", lang, days=days)
        return f"{when_short(item.obligation, lang)}: {words}"
    if status == "overdue":
        return text("people.status.overdue_days", lang, days=item.days_overdue or 0)
    if status == "met_late":
        return text("people.status.met_late_days", lang, days=item.days_late or 0)
    return text(f"people.status.{status}", lang)


def case_fields(
    item: ObligationStatus, as_of: Any, lang: Lang = DEFAULT_LANG, *, verbose: bool = False
) -> tuple[Field, ...]:
    """One duty of a case for people: status, vad, vem, när, källa."""
    ob = item.obligation
    when = [
        text("people.track.incurred", lang, date=item.incurred, event=_kind(item.trigger, lang))
    ]
    if item.status != "open":
        when.append(when_short(ob, lang))
    if item.met_on is not None and item.met_by is not None:
        when.append(
            text("people.track.met", lang, date=item.met_on, event=_kind(item.met_by, lang))
        )
    source = say.citation_lines(ob, lang)
    if ob.source.quote and not verbose:
        source = source[:-1]
    fields = [
        Field(text("people.field.status", lang), (status_words(item, as_of, lang),), bold=True),
        Field(text("people.field.what", lang), (ob.title,)),
        Field(text("people.field.who", lang), (say.responsible_name(ob, lang),)),
        Field(text("people.field.when", lang), tuple(when)),
        Field(text("people.field.source", lang), source),
    ]
    if verbose:
        fields.append(Field(text("people.field.rule", lang), (ob.rule_id, item.status), dim=True))
    return tuple(fields)


def _kind(kind: str, lang: Lang) -> str:
    return say.value_words("kind", kind, lang)


def render_case(
    report: CaseReport,
    *,
    lang: Lang = DEFAULT_LANG,
    party: str | None = None,
    verbose: bool = False,
    out: Console | None = None,
) -> None:
    """Print the people view of a case's report."""
    out = out or console()
    region = say.region_name(report.region, lang)
    emit(
        out, text("people.track.head", lang, case=report.case_id, region=region, date=report.as_of)
    )
    later = report.events_after_as_of
    key = "people.track.events_later" if later else "people.track.events"
    emit(out, text(key, lang, count=report.events_considered, later=later), indent=2)
    for warning in report.warnings:
        said = warning if verbose else say.note_words(warning, (), lang)
        emit(out, text("people.head.warning", lang, warning=said), indent=2)
    items = report.obligations
    if party is not None:
        items = tuple(i for i in items if party_of(i.obligation) == party)
    counts = {s: sum(1 for i in items if i.status == s) for s in STATUS_ORDER}
    summary = ", ".join(f"{text(f'people.status.{s}', lang)} {n}" for s, n in counts.items() if n)
    emit(out, text("people.track.count", lang, count=len(items), summary=summary or "-"), indent=2)
    out.print("")
    ordered = sorted(items, key=status_key)
    followed = [i for i in ordered if verbose or i.status != "untracked"]
    rows = [case_fields(i, report.as_of, lang, verbose=verbose) for i in followed]
    show(out, rows, (3, 4, 3, 3, 3))
    untracked = [i for i in ordered if not verbose and i.status == "untracked"]
    if untracked:
        out.print("")
        heading = text("people.track.untracked", lang, count=len(untracked))
        out.print(heading, style="bold", markup=False)
        for i in untracked:
            who = say.party_name(party_of(i.obligation), lang)
            emit(out, f"{i.obligation.title} ({who})", indent=4, first="  - ")
    for note in report.unmatched:
        out.print("")
        line = text("people.track.unmatched", lang, event=_kind(note.kind, lang), date=note.date)
        if verbose:
            line += f" ({note.duty})"
        emit(out, line, indent=2)
