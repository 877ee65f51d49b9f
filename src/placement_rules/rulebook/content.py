"""What the rulebook shows, as plain data: a region's sections in source order with the rules
that encode them, its agreements' terms in words, and the dated national baseline.

Built from a :class:`~placement_rules.ruleset.RuleSet` and the coverage report
(:func:`placement_rules.legal.coverage.coverage`: which rule counts for which duty section), in
one language. The templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..i18n import Lang, text
from ..legal.coverage import SectionCoverage, coverage, most_specific
from ..models import Citation, Source, UnencodedPart, source_text_path
from ..ruleset import CompiledRule, RuleSet
from .sources import SectionText, SourceText, inside
from .words import (
    conditions_sentences,
    date_span,
    deadline_sentence,
    event_words,
    in_force_words,
    party_sentence,
    status_sentence,
    terms_sentences,
)


@dataclass(frozen=True, slots=True)
class RuleView:
    id: str
    duty: str
    title: str
    action: str
    event: str
    conditions: tuple[str, ...]
    responsible: str | None
    convener: str | None
    deadline: str | None
    cost_bearer: str | None
    relation: str | None
    national: tuple[str, ...]
    """The national rules of the same duty it takes the place of (title and citation)."""
    statutes: tuple[str, ...]
    quote: str | None
    no_quote: str | None
    cited: str
    see_also: tuple[str, ...]
    in_force: str
    requirement: bool


@dataclass(frozen=True, slots=True)
class SectionView:
    source: str
    """The source's name (short name or title)."""
    number: str
    summary: str | None
    anchor: str
    text: SectionText | None
    file: str | None
    rules: tuple[RuleView, ...]
    reason: str | None
    unencoded: tuple[UnencodedPart, ...]
    declared: bool
    """Listed in the file's ``duty_sections``; False: a heading of the source the file does not
    list (background, a heading of sub-sections)."""
    related: tuple[tuple[str, str, str], ...] = ()
    """Rules that cite the section in their ``see_also`` only: (id, title, the section where
    the rule is shown in full)."""

    @property
    def encoded_by(self) -> int:
        return len(self.rules) + len(self.related)

    @property
    def is_gap(self) -> bool:
        return self.declared and not self.encoded_by and self.reason is None and not self.unencoded


@dataclass(frozen=True, slots=True)
class AgreementView:
    id: str
    title: str
    parties: tuple[str, ...]
    terms: tuple[str, ...]
    status: str
    clause_quotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RegionBook:
    region: str
    name: str
    agreements: tuple[AgreementView, ...]
    sources: tuple[Source, ...]
    sections: tuple[SectionView, ...]
    baseline_note: str | None
    own_rules: int


@dataclass(frozen=True, slots=True)
class StatuteView:
    id: str
    title: str
    in_force: str


@dataclass(frozen=True, slots=True)
class NationalBook:
    name: str
    statutes: tuple[StatuteView, ...]
    duties: tuple[tuple[str, tuple[RuleView, ...]], ...]
    """Duty key -> its rules, in file order, each dated."""


def anchor_of(number: str) -> str:
    return "s-" + (re.sub(r"[^0-9A-Za-z]+", "-", number).strip("-").lower() or "x")


def _cite(rules: RuleSet, cite: Citation) -> str:
    source = rules.sources.get(cite.source)
    return f"{source.name if source else cite.source} {cite.section}"


def rule_view(rules: RuleSet, compiled: CompiledRule, lang: Lang) -> RuleView:
    rule = compiled.rule
    national = tuple(
        f"{c.rule.title} ({_cite(rules, c.rule.source)}; {in_force_words(c.rule.in_force, lang)})"
        for c in rules.rules
        if c.level == 0 and compiled.level > 0 and c.duty == rule.duty
    )
    statutes = tuple(
        f"{e.label} ({date_span(e.start, e.end, lang)})" if (e.start or e.end) else e.label
        for e in compiled.legal_basis
    )
    relation = None if compiled.level == 0 else text(f"rulebook.relation.{rule.relation}", lang)
    return RuleView(
        id=rule.id,
        duty=rule.duty,
        title=rule.title,
        action=" ".join(rule.action.split()),
        event=event_words(rule.trigger.event, lang),
        conditions=conditions_sentences(compiled.conditions, lang),
        responsible=party_sentence(rule.responsible, lang),
        convener=party_sentence(rule.convener, lang),
        deadline=deadline_sentence(rule.deadline, lang),
        cost_bearer=party_sentence(rule.cost_bearer, lang),
        relation=relation,
        national=national,
        statutes=statutes,
        quote=" ".join(rule.source.quote.split()) if rule.source.quote else None,
        no_quote=rule.source.no_quote_reason,
        cited=_cite(rules, rule.source),
        see_also=tuple(
            _cite(rules, c) + (f": ”{' '.join(c.quote.split())}”" if c.quote else "")
            for c in rule.see_also
        ),
        in_force=(
            text("rulebook.in_force.agreement", lang)
            if rule.in_force is None and compiled.agreement is not None
            else in_force_words(rule.in_force, lang)
        ),
        requirement=rule.form == "requirement",
    )


def claimed(name: str) -> tuple[str, ...]:
    """The heading numbers a section named by words names ("8. Samverkan – SIP": 8; "2.
    Bakgrund och 3. Syfte och mål": 2 and 3); a plain number names itself."""
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", name.strip()):
        return (name.strip(),)
    return tuple(re.findall(r"(?:^|\s)(\d{1,2}(?:\.\d{1,2})*)\.\s", name))


def _section_key(number: str) -> tuple[object, ...]:
    """Natural order of section numbers ("3.4.10" after "3.4.9"), words after numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]+", number))


class Texts:
    """The source texts of one shared folder, each read once."""

    def __init__(self, shared: Path | None) -> None:
        self.shared = shared
        self._texts: dict[str, SourceText | None] = {}

    def get(self, source: Source | None) -> SourceText | None:
        if source is None or source.file is None or self.shared is None:
            return None
        if source.file not in self._texts:
            path = source_text_path(self.shared, source.file)
            self._texts[source.file] = None if path is None else SourceText.read(path)
        return self._texts[source.file]


def _declared_view(
    rules: RuleSet,
    cov: SectionCoverage,
    by_id: Mapping[str, CompiledRule],
    home: Mapping[str, str],
    titled: tuple[str, ...],
    texts: Texts,
    stops: frozenset[str],
    lang: Lang,
) -> tuple[tuple[int, int, tuple[object, ...]], SectionView]:
    source = rules.sources.get(cov.source)
    doc = texts.get(source)
    section = None
    if doc is not None:
        numbers = claimed(cov.section)
        wanted = numbers[0] if len(numbers) == 1 and doc.heading(cov.section) is None else None
        section = doc.section(wanted or cov.section, stops)
        if section is None and len(numbers) > 1:  # "2. Bakgrund och 3. Syfte och mål"
            first, last = doc.section(numbers[0]), doc.section(numbers[-1])
            if first is not None and last is not None and first.first <= last.first:
                body = "\n".join(doc.lines[first.first - 1 : last.last])
                section = SectionText(first.first, last.last, body)
        if section is None and not numbers:
            named = [s for s in titled if s != cov.section]
            section = doc.titled(cov.section, named)
    primary = [r for r in cov.rules if home[r] == cov.section]
    views = tuple(rule_view(rules, by_id[r], lang) for r in primary)
    related = tuple((r, by_id[r].rule.title, home[r]) for r in cov.rules if home[r] != cov.section)
    lines = [section.first - 1] if section else []
    if doc is not None and not lines:
        quotes = [v.quote for v in views if v.quote] + [u.quote for u in cov.unencoded]
        lines = [n for n in (doc.line_of(q) for q in quotes) if n is not None]
    order = min(lines) if lines else 10**9
    view = SectionView(
        source=source.name if source else cov.source,
        number=cov.section,
        summary=cov.summary,
        anchor=anchor_of(cov.section),
        text=section,
        file=source.file if source else None,
        rules=views,
        reason=cov.no_rule_reason,
        unencoded=cov.unencoded,
        declared=True,
        related=related,
    )
    doc_index = [s.id for s in rules.top.model.sources].index(cov.source)
    return (doc_index, order, _section_key(cov.section)), view


def _homes(rules: RuleSet, sections: tuple[SectionCoverage, ...]) -> dict[str, str]:
    """Rule id -> the section it is shown in full under: the one its own ``source`` counts for,
    else the first that lists it (through ``see_also``)."""
    declared = rules.top.model.duty_sections
    home: dict[str, str] = {}
    for rule in rules.top.model.rules:
        found = most_specific(rule.source, declared)
        if found is not None and any(
            rule.id in s.rules for s in sections if s.section == found.section
        ):
            home[rule.id] = found.section
    for s in sections:
        for r in s.rules:
            home.setdefault(r, s.section)
    return home


def region_book(rules: RuleSet, on: dt.date, lang: Lang, texts: Texts) -> RegionBook:
    """The region's page: its sections in source order, its agreements' terms on ``on``."""
    top = rules.top.model
    cov = coverage(rules)
    by_id = {c.id: c for c in rules.rules}
    declared = frozenset(s.section for s in cov.sections)
    home = _homes(rules, cov.sections)
    keyed = [
        _declared_view(
            rules,
            s,
            by_id,
            home,
            tuple(o.section for o in cov.sections if o.source == s.source),
            texts,
            declared,
            lang,
        )
        for s in cov.sections
    ]
    for i, source in enumerate(top.sources):
        doc = texts.get(source)
        if doc is None:
            continue
        mine = {n for s in cov.sections if s.source == source.id for n in claimed(s.section)}
        for h in doc.headings:
            if h.number in mine or any(inside(h.number, m) for m in mine):
                continue  # a declared section, or a sub-section shown with it
            keyed.append(
                (
                    (i, h.line, _section_key(h.number)),
                    SectionView(
                        source.name,
                        h.number,
                        h.title,
                        anchor_of(h.number),
                        None,
                        source.file,
                        (),
                        None,
                        (),
                        declared=False,
                    ),
                )
            )
    keyed.sort(key=lambda kv: kv[0])
    counted = set(home)
    others = tuple(rule_view(rules, by_id[r.id], lang) for r in top.rules if r.id not in counted)
    if others:
        keyed.append(
            (
                (len(top.sources), 0, ()),
                SectionView(
                    text("rulebook.section.other", lang),
                    "–",
                    text("rulebook.section.other.summary", lang),
                    "s-other",
                    None,
                    None,
                    others,
                    None,
                    (),
                    declared=True,
                ),
            )
        )
    statuses = {s.agreement_id: s for s in rules.agreement_statuses(on)}
    agreements = tuple(
        AgreementView(
            a.id,
            a.title,
            tuple(p.name for p in a.parties),
            terms_sentences(a, lang),
            status_sentence(statuses[a.id], lang),
            tuple(
                f"{_cite(rules, c)}: ”{' '.join(c.quote.split())}”"
                for c in (
                    a.validity.citation,
                    a.validity.renewal.citation if a.validity.renewal else None,
                )
                if c is not None and c.quote
            ),
        )
        for a in top.agreements
    )
    return RegionBook(
        region=rules.region,
        name=top.name,
        agreements=agreements,
        sources=top.sources,
        sections=tuple(v for _, v in keyed),
        baseline_note=" ".join(top.baseline_note.split()) if top.baseline_note else None,
        own_rules=len(top.rules),
    )


def national_book(rules: RuleSet, lang: Lang) -> NationalBook:
    """The national baseline: each statute with its days in force, each duty's dated rules."""
    top = rules.top.model
    statutes = tuple(
        StatuteView(s.id, s.title, in_force_words(s.in_force, lang))
        for s in top.sources
        if s.kind == "statute"
    )
    duties: dict[str, list[RuleView]] = {}
    for compiled in rules.rules:
        if compiled.level == 0:
            duties.setdefault(compiled.duty, []).append(rule_view(rules, compiled, lang))
    return NationalBook(top.name, statutes, tuple((d, tuple(v)) for d, v in duties.items()))
