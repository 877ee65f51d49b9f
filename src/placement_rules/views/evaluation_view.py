"""``evaluate`` for people: what to do first, by when and why, in Swedish (English on request).

The duties come most urgent first (:mod:`.urgency`), grouped by the party that carries them,
after a short "Nästa steg"; each says when, what, who, why (the conditions as sentences) and its
source (the law in force on the event date, the agreement's section and quote). Rule ids, fact
names and origin codes appear only with ``verbose``. An answer without duties always says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..explain import Explanation, explain
from ..i18n import DEFAULT_LANG, Lang, text
from ..results import Evaluation, Obligation
from . import sentences as say
from .terminal import Field, console, emit, show, when_lines, when_short
from .urgency import NO_PARTY, group_by_party, next_steps, party_of

if TYPE_CHECKING:
    from rich.console import Console

    from ..events import Event
    from ..ruleset import CompiledRule, RuleSet
    from ..validity import AgreementStatus

NEXT_STEPS = 3
"""How many duties "Nästa steg" names."""


def duty_fields(
    obligation: Obligation, lang: Lang = DEFAULT_LANG, *, verbose: bool = False
) -> tuple[Field, ...]:
    """One duty's parts for people: när, vad, vem, varför, källa (and the rule and its trail
    with ``verbose``)."""
    who = [say.responsible_name(obligation, lang)]
    convener, responsible = obligation.convener, obligation.responsible
    if convener is not None and convener != responsible:
        who.append(
            text("people.who.convenes", lang, party=say.party_name(convener.principal, lang))
        )
    cost = obligation.cost_bearer
    if cost is not None:
        who.append(text("people.who.pays", lang, party=say.party_name(cost.principal, lang)))
    why = say.because_sentences(obligation, lang)
    fields = [
        Field(text("people.field.when", lang), when_lines(obligation, lang)),
        Field(text("people.field.what", lang), (obligation.title,), bold=True),
        Field(text("people.field.who", lang), tuple(who)),
        Field(text("people.field.why", lang), ("; ".join(why),) if why else ()),
        Field(text("people.field.source", lang), say.citation_lines(obligation, lang)),
    ]
    if verbose:
        rule = f"{obligation.rule_id} ({obligation.origin}, {obligation.relation})"
        fields.append(Field(text("people.field.rule", lang), (rule,), dim=True))
        fields.append(Field(text("people.field.trail", lang), obligation.because, dim=True))
    return tuple(fields)


def render_evaluation(
    result: Evaluation,
    rules: RuleSet,
    event: Event,
    *,
    lang: Lang = DEFAULT_LANG,
    party: str | None = None,
    verbose: bool = False,
    why_not: bool = False,
    out: Console | None = None,
) -> None:
    """Print the people view of ``result`` (``event`` evaluated on ``rules``)."""
    out = out or console()
    explained = explain(rules, event, result)
    for line in header_lines(result, lang, verbose=verbose):
        emit(out, line, indent=2)
    for reason in explained.empty:
        emit(out, say.empty_sentence(reason, event.kind, lang), indent=2)
    chosen = result.obligations
    if party is not None:
        chosen = tuple(o for o in chosen if party_of(o) == party)
    if not chosen:
        out.print("")
        out.print(no_duties_sentence(party, lang), style="bold")
    else:
        _next_steps(out, chosen, lang)
        for group, members in group_by_party(chosen):
            out.print("")
            heading = say.party_heading(group, lang)
            title = text("people.head.party", lang, party=heading, count=len(members))
            out.print(title, style="bold", markup=False)
            out.print("─" * len(title), style="dim")
            rows = [duty_fields(o, lang, verbose=verbose) for o in members]
            show(out, rows, (2, 3, 3, 3, 4))
    _conflicts(out, result, rules, lang, verbose=verbose)
    if party is not None:
        kept = tuple(w for w in explained.why_not if rule_party(w.rule) == party)
        explained = explained._replace(why_not=kept)
    _removed(out, explained, lang)
    if why_not or not chosen:
        _why_not(out, explained, lang, verbose=verbose)


def no_duties_sentence(party: str | None, lang: Lang = DEFAULT_LANG) -> str:
    """What an answer without duties (of ``party``, when chosen) says: "Inga skyldigheter."."""
    key = "people.head.none_for_party" if party is not None else "people.head.none"
    key = "people.head.none_unnamed" if party == NO_PARTY else key
    return text(key, lang, party=say.party_name(party or "", lang))


def rule_party(rule: CompiledRule) -> str:
    """The party a rule puts its duty on (:data:`~.urgency.NO_PARTY` for a requirement)."""
    responsible = rule.rule.responsible
    return responsible.principal if responsible is not None else NO_PARTY


def header_lines(result: Evaluation, lang: Lang, *, verbose: bool = False) -> Iterator[str]:
    """Where and what: the region, the event and its date, the law and the agreements."""
    event = say.value_words("kind", result.event_kind, lang)
    region = say.region_name(result.region, lang)
    yield f"{region} · {text('people.head.event', lang, event=event, date=result.event_date)}"
    if result.law_in_force:
        yield text("people.head.law", lang, law=result.law_in_force)
    in_force = [s for s in result.agreements if s.in_force]
    shown = result.agreements if verbose or not in_force else tuple(in_force)
    hidden = [s.agreement_id for s in result.agreements if s not in shown]
    for status in shown:
        yield _agreement(status, lang)
        if verbose:
            yield f"  {status.describe()}"
    words = (lambda note: note) if verbose else (lambda note: say.scope_reason_words(note, lang))
    if not result.in_scope:
        yield text("people.head.outside_scope", lang)
        yield from (f"  - {words(reason)}" for reason in result.scope_reasons)
    for part in result.scope_parts:
        if not part.in_scope:
            yield text("people.head.outside_part", lang, part=part.label)
            yield from (f"  - {words(reason)}" for reason in part.reasons)
    conflicts = () if verbose else tuple(c.message for c in result.conflicts)  # said below
    for warning in result.warnings:
        if any(message in warning for message in conflicts):
            continue
        if not any(f"'{agreement}'" in warning for agreement in hidden):
            note = warning if verbose else say.note_words(warning, result.agreements, lang)
            yield text("people.head.warning", lang, warning=note)


def _agreement(status: AgreementStatus, lang: Lang) -> str:
    if not status.in_force:
        return text("people.head.agreement_not_in_force", lang, date=status.on, title=status.title)
    if status.term_end is not None:
        return text(
            "people.head.agreement_in_force_until", lang, end=status.term_end, title=status.title
        )
    return text("people.head.agreement_in_force", lang, title=status.title)


def _next_steps(out: Console, obligations: tuple[Obligation, ...], lang: Lang) -> None:
    steps = next_steps(obligations, NEXT_STEPS)
    if not steps:
        return
    out.print("")
    out.print(text("people.head.next_steps", lang), style="bold")
    for i, o in enumerate(steps, 1):
        who = say.party_name(party_of(o), lang)
        emit(out, f"{when_short(o, lang)}: {o.title} ({who})", indent=3, first=f"{i}. ")


def _conflicts(
    out: Console, result: Evaluation, rules: RuleSet, lang: Lang, *, verbose: bool
) -> None:
    titles = {r.id: r.rule.title for r in rules.rules}
    for conflict in result.conflicts:
        title = titles.get(conflict.rule_id, conflict.rule_id)
        statute = titles.get(conflict.statute_rule_id, conflict.statute_rule_id)
        out.print("")
        emit(out, text("people.head.conflict", lang, title=title, statute=statute), indent=2)
        if verbose:
            emit(out, f"{conflict.rule_id}: {conflict.message}", indent=2, first="  ", style="dim")


def _removed(out: Console, explained: Explanation, lang: Lang) -> None:
    by_fact: dict[str, list[str]] = {}
    for w in explained.removed_by_facts:
        assert w.condition is not None
        sentence = say.fact_sentence(w.condition.fact, w.actual, lang)
        by_fact.setdefault(sentence, []).append(w.rule.rule.title)
    for sentence, titles in by_fact.items():
        out.print("")
        emit(out, text("people.head.removed", lang, fact=sentence), indent=2)
        for title in titles:
            emit(out, title, indent=4, first="  - ")


def _why_not(out: Console, explained: Explanation, lang: Lang, *, verbose: bool) -> None:
    shown = [w for w in explained.why_not if verbose or w.reason != "rule_not_in_force"]
    if not shown:
        return
    out.print("")
    out.print(text("people.head.why_not", lang), style="bold")
    for w in shown:
        line = f"{w.rule.rule.title}: {say.why_not_sentence(w, lang)}"
        if verbose:
            line += f" [{w.rule.id}]"
        emit(out, line, indent=2, first="- ")
