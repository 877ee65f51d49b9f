"""Rules said in sentences, Swedish or English: conditions, deadlines, parties, dates, terms.

Everything is built from the compiled rule's parts (a condition's fact, operator and value; a
deadline's period, anchor and vague term), never from the English strings of the engine, and
every word comes from the label catalogue (:mod:`placement_rules.i18n.rulebook`; conditions,
event kinds, vague terms and region names with the people views' words,
:mod:`placement_rules.views.sentences`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..calendar import subtract_period
from ..conditions import CompiledCondition
from ..i18n import Lang, text
from ..models import Agreement, CostBearer, Deadline, InForce, Period, Responsible
from ..validity import AgreementStatus, clause_end
from ..views.sentences import condition_sentence, region_name

__all__ = [
    "condition_sentence",
    "conditions_sentences",
    "date_span",
    "deadline_sentence",
    "event_words",
    "in_force_words",
    "join",
    "party_sentence",
    "period_words",
    "region_name",
    "status_sentence",
    "terms_sentences",
]


def join(items: Iterable[str], lang: Lang) -> str:
    """``a, b och c``."""
    parts = list(items)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {text('rulebook.and', lang)} {parts[-1]}"


def conditions_sentences(conditions: Iterable[CompiledCondition], lang: Lang) -> tuple[str, ...]:
    """Each condition as a clause (the people views' wording: "placeringen är akut")."""
    return tuple(condition_sentence(c, lang) for c in conditions)


def event_words(kind: str, lang: Lang) -> str:
    """What happened, for the trigger of a rule: "placering inleds"."""
    return text(f"people.kind.{kind}", lang)


def period_words(period: Period, lang: Lang) -> str:
    parts = []
    for n, unit in (
        (period.years, "year"),
        (period.months, "month"),
        (period.weeks, "week"),
        (period.days, "day"),
    ):
        if n:
            parts.append(text(f"rulebook.period.{unit}{'' if n == 1 else 's'}", lang, n=n))
    return join(parts, lang)


def deadline_sentence(deadline: Deadline | None, lang: Lang) -> str | None:
    """ "inom 4 veckor från placeringens början (frist enligt överenskommelsen)"."""
    if deadline is None:
        return None
    parts = []
    if deadline.offset is not None:
        period = period_words(deadline.offset, lang)
        if deadline.anchor is None:
            parts.append(text("rulebook.deadline.no_anchor", lang, period=period))
        else:
            anchor = text(f"rulebook.anchor.{deadline.anchor}", lang)
            key = (
                "rulebook.deadline.due" if deadline.meaning == "due" else "rulebook.deadline.limit"
            )
            parts.append(text(key, lang, period=period, anchor=anchor))
    if deadline.vague is not None:
        parts.append(text(f"people.term.{deadline.vague}", lang))
    kind = "statutory" if deadline.statutory else "agreement"
    if deadline.offset is None:
        kind += "_vague"
    return f"{', '.join(parts)} – {text(f'rulebook.deadline.{kind}', lang)}"


def party_sentence(party: Responsible | CostBearer | None, lang: Lang) -> str | None:
    """ "socialtjänsten (kommunen: hemkommunen)"; a cost bearer's note follows."""
    if party is None:
        return None
    principal = text(f"rulebook.principal.{party.principal}", lang)
    where = f"{principal}: {text(f'rulebook.locus.{party.locus}', lang)}" if party.locus else ""
    unit = party.unit if isinstance(party, Responsible) else None
    if unit:
        shown = f"{unit} ({where or principal})"
    else:
        shown = where or principal
        shown = shown[0].upper() + shown[1:]
    if isinstance(party, CostBearer) and party.note:
        shown += f" – {party.note}"
    return shown


def date_span(start: dt.date | None, end: dt.date | None, lang: Lang) -> str:
    def shown(day: dt.date | None) -> str | None:
        return None if day in (None, dt.date.min, dt.date.max) else str(day)

    first, last = shown(start), shown(end)
    if first and last:
        return text("rulebook.in_force.between", lang, start=first, end=last)
    if first:
        return text("rulebook.in_force.from", lang, start=first)
    if last:
        return text("rulebook.in_force.until", lang, end=last)
    return text("rulebook.in_force.always", lang)


def in_force_words(period: InForce | None, lang: Lang) -> str:
    return date_span(period.start if period else None, period.end if period else None, lang)


def terms_sentences(agreement: Agreement, lang: Lang) -> tuple[str, ...]:
    """The agreement's term, renewal clause and the parties' later decisions, in words."""
    validity = agreement.validity
    out = []
    if validity.end is None:
        out.append(text("rulebook.terms.open", lang, start=validity.start))
    else:
        out.append(text("rulebook.terms.stated", lang, start=validity.start, end=validity.end))
    renewal = validity.renewal
    if renewal is None:
        out.append(text("rulebook.terms.no_renewal", lang))
    elif validity.end is not None:
        fields = {
            "action": text(f"rulebook.terms.action.{renewal.notice_action}", lang),
            "notice": period_words(renewal.notice, lang),
            "day": subtract_period(validity.end, renewal.notice),
            "extension": period_words(renewal.extension, lang),
        }
        if renewal.times == "once":
            out.append(
                text("rulebook.terms.renewal.once", lang, until=clause_end(agreement), **fields)
            )
        else:
            out.append(text("rulebook.terms.renewal.each_time", lang, **fields))
    for decision in validity.later_decisions:
        cited = f"{decision.citation.source} {decision.citation.section}"
        if decision.kind == "extension":
            out.append(
                text("rulebook.terms.decision.extension", lang, until=decision.until, cited=cited)
            )
        else:
            out.append(
                text(
                    "rulebook.terms.decision.successor",
                    lang,
                    successor=decision.successor,
                    cited=cited,
                )
            )
    if not validity.later_decisions:
        out.append(text("rulebook.terms.no_decision", lang))
    return tuple(out)


def status_sentence(status: AgreementStatus, lang: Lang) -> str:
    """The agreement's status on a date (:func:`placement_rules.validity.agreement_status`)."""
    fields: dict[str, object] = {
        "on": status.on,
        "start": status.term_start,
        "end": status.term_end,
        "term": status.term,
        "decision": status.decision,
        "successor": status.replaced_by,
        "day": None if status.term_end is None else status.term_end + dt.timedelta(days=1),
    }
    sentence = text(f"rulebook.status.{status.state}", lang, **fields)
    if status.last_notice_day is not None and status.notice_action is not None:
        action = text(f"rulebook.status.notice.{status.notice_action}", lang)
        sentence += " " + text(
            "rulebook.status.notice_day", lang, action=action, day=status.last_notice_day
        )
    return sentence
