"""Sentences for people: the conditions that made a duty apply, the parties, the citation.

Built from the compiled data (a condition's fact, operator and value; a rule's citation and
legal basis), never from the English ``because`` trail, which keeps its codes for ``--verbose``
and JSON. Every text comes from the catalogue (:mod:`placement_rules.i18n.people`), Swedish by
default.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Final

from ..conditions import CompiledCondition
from ..explain import WhyNot
from ..i18n import DEFAULT_LANG, Lang, has, text
from ..results import Obligation
from ..validity import AgreementStatus
from .urgency import NO_PARTY, party_of

BOOLEAN_FACTS: Final[frozenset[str]] = frozenset(
    {
        "acute",
        "cross_region",
        "ongoing_care",
        "health_examination_unnecessary",
        "health_examination_done_before_placement",
        "needs_both_principals",
        "lss",
        "new_sip_drawn_up",
        "special_need_of_protection",
        "treatment_moved_to_placement_region",
        "requested_by_child_or_relative",
        "summoned_unit_not_competent",
        "great_need_of_protection",
        "lvu_care_continues",
        "reunification_pending",
    }
)
"""Facts that are yes or no (one sentence for each answer)."""

CHOICE_FACTS: Final[frozenset[str]] = frozenset(
    {
        "legal_basis",
        "placement_form",
        "home_region",
        "placement_region",
        "noticed_by",
        "summoned",
        "consulted",
    }
)
"""Facts with one of several values (a sentence with the values in words)."""

_PARTY_FACTS: Final = frozenset({"noticed_by", "summoned", "consulted"})
_REGION_FACTS: Final = frozenset({"home_region", "placement_region"})
_NEGATIVE_OPS: Final = frozenset({"ne", "not_in"})


def party_name(party: str, lang: Lang = DEFAULT_LANG) -> str:
    """A principal (or :data:`~.urgency.NO_PARTY`) as people say it: ``kommunen``."""
    key = f"people.party.{party}"
    return text(key, lang) if has(key) else party


def party_heading(party: str, lang: Lang = DEFAULT_LANG) -> str:
    """A party as a group heading: ``Kommunen``."""
    key = f"people.party.heading.{party}"
    return text(key, lang) if has(key) else party


def responsible_name(obligation: Obligation, lang: Lang = DEFAULT_LANG) -> str:
    """Who carries the duty: the party, the place it resolves to, and the unit when named
    (``kommunen (Borås): socialtjänsten``); ``ingen namngiven`` for a requirement."""
    party = obligation.responsible
    if party is None:
        return party_name(NO_PARTY, lang)
    words = party_name(party_of(obligation), lang)
    if party.resolved:
        words += f" ({region_name(party.resolved, lang)})"
    if party.unit:
        words += f": {party.unit}"
    return words


def region_name(region: str, lang: Lang = DEFAULT_LANG) -> str:
    """A region id in words (``vastra_gotaland`` -> ``Västra Götaland``); a name that is no
    bundled region's id (a municipality) is returned as it is."""
    key = f"people.value.region.{region}"
    return text(key, lang) if has(key) else region


def value_words(fact: str, value: Any, lang: Lang = DEFAULT_LANG) -> str:
    """One value of a fact in words."""
    if value is None:
        return text("people.value.none", lang)
    if isinstance(value, bool):
        return text("people.fact_name.yes" if value else "people.fact_name.no", lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if fact == "kind":
        return text(f"people.kind.{value}", lang)
    if fact in _PARTY_FACTS:
        return party_name(str(value), lang)
    if fact in _REGION_FACTS:
        return region_name(str(value), lang)
    key = f"people.value.{fact}.{value}"
    return text(key, lang) if has(key) else str(value)


def join_or(words: Iterable[str], lang: Lang = DEFAULT_LANG) -> str:
    """``a``, ``a eller b``, ``a, b eller c``."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('people.or', lang)} {items[-1]}"


def condition_sentence(condition: CompiledCondition, lang: Lang = DEFAULT_LANG) -> str:
    """What a condition asks for, as a sentence: ``barnet är under 18 år``."""
    fact, op, value = condition.fact, condition.op, condition.value
    values = tuple(value) if isinstance(value, (tuple, list, frozenset)) else (value,)
    negative = op in _NEGATIVE_OPS
    if fact == "age" and isinstance(value, int):
        return text(f"people.fact.age.{op}", lang, n=value)
    if fact in BOOLEAN_FACTS and len(values) == 1 and isinstance(values[0], bool):
        return _yes_no(fact, values[0] != negative, lang)
    if fact == "placement_start" and value is None:
        return text(f"people.fact.placement_start.{'set' if negative else 'unset'}", lang)
    if fact in CHOICE_FACTS and None not in values:
        words = join_or((value_words(fact, v, lang) for v in values), lang)
        return text(f"people.fact.{fact}.{'neg' if negative else 'pos'}", lang, values=words)
    if values == (None,) and not negative and has(f"people.fact.{fact}.unset"):
        return text(f"people.fact.{fact}.unset", lang)
    return _generic(fact, op, values, lang)


def fact_sentence(fact: str, value: Any, lang: Lang = DEFAULT_LANG) -> str:
    """What the event says of a fact, as a sentence: ``barnet är 19 år``."""
    if fact == "age" and isinstance(value, int) and not isinstance(value, bool):
        return text("people.fact.age.eq", lang, n=value)
    if fact in BOOLEAN_FACTS and isinstance(value, bool):
        return _yes_no(fact, value, lang)
    if value is None and has(f"people.fact.{fact}.unset"):
        return text(f"people.fact.{fact}.unset", lang)
    if fact == "placement_start":
        return text("people.fact.placement_start.set", lang)
    if fact in CHOICE_FACTS:
        return text(f"people.fact.{fact}.pos", lang, values=value_words(fact, value, lang))
    return _generic(fact, "eq", (value,), lang)


def _yes_no(fact: str, answer: bool, lang: Lang) -> str:
    return text(f"people.fact.{fact}.{'true' if answer else 'false'}", lang)


def _generic(fact: str, op: str, values: tuple[Any, ...], lang: Lang) -> str:
    name_key = f"people.fact_name.{fact}"
    name = text(name_key, lang) if has(name_key) else fact.replace("_", " ")
    words = join_or((value_words(fact, v, lang) for v in values), lang)
    return text(
        "people.fact.other", lang, fact=name, op=text(f"people.op.{op}", lang), values=words
    )


def because_sentences(obligation: Obligation, lang: Lang = DEFAULT_LANG) -> tuple[str, ...]:
    """The conditions that made the duty apply, as sentences (its rule's own conditions; the
    event itself is said elsewhere)."""
    return tuple(condition_sentence(c, lang) for c in obligation.compiled.conditions)


def citation_lines(obligation: Obligation, lang: Lang = DEFAULT_LANG) -> tuple[str, ...]:
    """The law in force on the event date (when the rule names any) and the cited section of
    the source, with its quote: ``Lag: SoL (2025:400) 11 kap. 3 §``, ``Källa: VGR-... 3.4.6``,
    ``”Hen utses i samband med upprättandet av SIP.”``."""
    lines = []
    cited = obligation.source
    own = f"{obligation.source_name} {cited.section}"
    provisions = [p for p in obligation.legal_basis if p != own]
    if provisions:
        lines.append(text("people.cite.law", lang, provisions="; ".join(provisions)))
    lines.append(
        text("people.cite.source", lang, name=obligation.source_name, section=cited.section)
    )
    if cited.quote:
        lines.append(text("people.cite.quote", lang, quote=cited.quote))
    return tuple(lines)


def why_not_sentence(why: WhyNot, lang: Lang = DEFAULT_LANG) -> str:
    """Why one rule did not apply, in a sentence: ``gäller när barnet är under 18 år; barnet är
    19 år``."""
    if why.reason == "condition_unmet" and why.condition is not None:
        return text(
            "people.why_not.condition",
            lang,
            condition=condition_sentence(why.condition, lang),
            actual=fact_sentence(why.condition.fact, why.actual, lang),
        )
    if why.reason == "replaced" and why.replaced_by is not None:
        return text("people.why_not.replaced", lang, title=why.replaced_by.title)
    return text(f"people.why_not.{why.reason}", lang)


# --- the library's notes in words ----------------------------------------------------------
# Evaluation and the agreements' status state their notes in English with codes (for logs and
# --verbose); a people view says them in its language. A note not matched here is shown as
# written (an exclusion's reason is the rule file's own text).

_CITE = r"(?: \((?P<cite>.*)\))?$"
_SCOPE_AGE = re.compile(
    r"age (?P<age>\d+) is outside the agreement's ages (?P<low>\d+)-(?P<high>\d+)" + _CITE
)
_SCOPE_BASIS = re.compile(
    r"legal basis (?P<value>\S+) is not covered \(covers (?P<covers>[^;)]*)(?:; (?P<cite>.*))?\)$"
)
_SCOPE_FORM = re.compile(r"placement form (?P<value>\S+) is not covered" + _CITE)
_NO_AGREEMENT = re.compile(
    r"no agreement of (?P<region>\S+) in force on (?P<on>\S+) is known from the sources"
)
_MUNICIPALITY = re.compile(
    r"(?P<field>home_municipality|placement_municipality) is not one of the (?P<n>\d+) "
    r"municipalities of (?P<region>\S+) \((?P<source>.*)\); check the spelling and the region$"
)


def _cited(words: str, cite: str | None) -> str:
    return f"{words} ({cite})" if cite else words


def scope_reason_words(reason: str, lang: Lang = DEFAULT_LANG) -> str:
    """Why an event is outside the agreement's scope (or a part of it), in words."""
    if found := _SCOPE_AGE.match(reason):
        words = text(
            "people.scope.age", lang, age=found["age"], low=found["low"], high=found["high"]
        )
        return _cited(words, found["cite"])
    if found := _SCOPE_BASIS.match(reason):
        covers = join_or(
            (value_words("legal_basis", v, lang) for v in found["covers"].split(", ")), lang
        )
        value = value_words("legal_basis", found["value"], lang)
        return _cited(
            text("people.scope.legal_basis", lang, value=value, covers=covers), found["cite"]
        )
    if found := _SCOPE_FORM.match(reason):
        value = value_words("placement_form", found["value"], lang)
        return _cited(text("people.scope.placement_form", lang, value=value), found["cite"])
    return reason


def note_words(note: str, statuses: Iterable[AgreementStatus], lang: Lang = DEFAULT_LANG) -> str:
    """A warning of an evaluation or a case (an agreement not or no longer in force, no
    agreement known, a municipality not of its region), in words."""
    for status in statuses:
        if status.warning == note:
            key = (
                "people.note.not_yet_in_force"
                if status.state == "not_yet_in_force"
                else "people.note.ended"
            )
            return text(key, lang, title=status.title, start=status.term_start)
    if found := _NO_AGREEMENT.match(note):
        return text(
            "people.note.no_agreement",
            lang,
            region=region_name(found["region"], lang),
            on=found["on"],
        )
    if found := _MUNICIPALITY.match(note):
        region = region_name(found["region"], lang)
        key = f"people.note.{found['field']}"
        return text(key, lang, n=found["n"], region=region)
    return note


def empty_sentence(reason: str, kind: str, lang: Lang = DEFAULT_LANG) -> str:
    """Why an answer for an event of ``kind`` is empty (an ``EmptyReason``), in a sentence."""
    if reason == "no_rules_for_kind":
        return text(f"people.empty.{reason}", lang, event=value_words("kind", kind, lang))
    return text(f"people.empty.{reason}", lang)
