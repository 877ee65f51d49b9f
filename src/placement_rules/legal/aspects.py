"""The aspects of each part of a rule file a reader cares about, compared and described.

An :class:`Aspect` names one thing in an item (a rule's deadline, an agreement's term) and how
its value is said (:mod:`.wording`). :func:`compare_aspects` lists what changed between two
versions of an item, once each, in words; :func:`describe_aspects` gives an item's canonical
view (for :mod:`.textconv`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..i18n import Lang, has, text
from ..models import (
    Acknowledged,
    Agreement,
    Deadline,
    DutySection,
    Exclusion,
    Fulfilment,
    LaterDecision,
    LegalBasisRef,
    Renewal,
    Review,
    Rule,
    RuleFile,
    Scope,
    ScopePart,
    Source,
)
from ..vocabulary import EVENT_KIND_LABELS
from .wording import (
    ANCHOR_WORDS,
    MEANING_WORDS,
    Shown,
    citation_full,
    citation_quoted,
    citation_text,
    condition_text,
    deadline_summary,
    in_force_text,
    norm,
    party_text,
    period_key,
    text_value,
    vague_text,
    word_value,
)

T = TypeVar("T")

_TEMPLATE_KEYS: dict[str, str] = {
    "{field}: {old} → {new}": "diff.template.changed",
    "{field}: added ({new})": "diff.template.added",
    "{field}: removed (was {old})": "diff.template.removed",
    "{old} → {new} deadline": "diff.template.basis",
}
"""The templates of :class:`FieldChange`, by their key in the label catalogue."""


@dataclass(frozen=True)
class Aspect(Generic[T]):
    """One thing a reader cares about in an item: a single value or an unordered set of values."""

    label: str
    value: Callable[[T], Shown | None] | None = None
    members: Callable[[T], frozenset[str]] | None = None
    template: str = "{field}: {old} → {new}"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field, said in words: ``deadline: 4 veckor → 3 veckor``."""

    field: str
    old: str | None = None
    new: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    template: str = "{field}: {old} → {new}"

    @property
    def is_set(self) -> bool:
        return bool(self.added or self.removed)

    @property
    def text(self) -> str:
        if self.is_set:
            parts = []
            if self.added:
                parts.append("added " + "; ".join(f"“{a}”" for a in self.added))
            if self.removed:
                parts.append("removed " + "; ".join(f"“{r}”" for r in self.removed))
            return f"{self.field}: " + ", ".join(parts)
        return self.template.format(
            field=self.field, old=self.old or "none", new=self.new or "none"
        )

    def say(self, lang: Lang) -> str:
        """:attr:`text` in ``lang``: the field's name and the connecting words translated (the
        values are the file's own words)."""
        if lang == "en":
            return self.text
        name = (
            text(f"diff.field.{self.field}", lang)
            if has(f"diff.field.{self.field}")
            else self.field
        )
        if self.is_set:
            parts = []
            if self.added:
                parts.append(
                    text("diff.set_added", lang, items="; ".join(f"”{a}”" for a in self.added))
                )
            if self.removed:
                parts.append(
                    text("diff.set_removed", lang, items="; ".join(f"”{r}”" for r in self.removed))
                )
            return f"{name}: " + ", ".join(parts)
        none = text("lint.none", lang)
        key = _TEMPLATE_KEYS.get(self.template, "diff.template.changed")
        return text(key, lang, field=name, old=self.old or none, new=self.new or none)

    def reversed(self) -> FieldChange:
        return FieldChange(self.field, self.new, self.old, self.removed, self.added, self.template)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "text": self.text}
        if self.is_set:
            out.update(added=list(self.added), removed=list(self.removed))
        else:
            out.update(old=self.old, new=self.new)
        return out


def compare_aspects(
    aspects: Sequence[Aspect[T]], old: T, new: T, prefix: str = ""
) -> list[FieldChange]:
    """The aspects whose value differs between ``old`` and ``new``, one change each."""
    changes: list[FieldChange] = []
    for aspect in aspects:
        label = prefix + aspect.label
        if aspect.members is not None:
            before, after = aspect.members(old), aspect.members(new)
            if before != after:
                changes.append(
                    FieldChange(
                        label,
                        added=tuple(sorted(after - before)),
                        removed=tuple(sorted(before - after)),
                    )
                )
        elif aspect.value is not None:
            a, b = aspect.value(old), aspect.value(new)
            if (a.key if a else None) != (b.key if b else None):
                changes.append(
                    FieldChange(
                        label,
                        a.text if a else None,
                        b.text if b else None,
                        template=aspect.template,
                    )
                )
    return changes


def describe_aspects(aspects: Sequence[Aspect[T]], item: T) -> list[tuple[str, list[str]]]:
    """Every aspect that has a value, as (label, lines): the canonical view of an item."""
    out: list[tuple[str, list[str]]] = []
    for aspect in aspects:
        if aspect.members is not None:
            members = sorted(aspect.members(item))
            if members:
                out.append((aspect.label, members))
        elif aspect.value is not None:
            shown = aspect.value(item)
            if shown is not None:
                out.append((aspect.label, [shown.text]))
    return out


def _offset(d: Deadline) -> Shown | None:
    return Shown(period_key(d.offset), d.offset.words()) if d.offset else None


DEADLINE_ASPECTS: tuple[Aspect[Deadline], ...] = (
    Aspect("deadline", _offset),
    Aspect("anchor", lambda d: word_value(d.anchor, ANCHOR_WORDS)),
    Aspect("vague deadline", vague_text),
    Aspect(
        "deadline basis",
        lambda d: Shown(d.statutory, "statutory" if d.statutory else "agreement"),
        template="{old} → {new} deadline",
    ),
    Aspect("deadline meaning", lambda d: word_value(d.meaning, MEANING_WORDS)),
)


def _trigger(rule: Rule) -> Shown:
    event = rule.trigger.event
    return Shown(event, f"{event} ({EVENT_KIND_LABELS[event]})")


def _basis_text(entry: str | LegalBasisRef) -> str:
    """A legal-basis entry in one line: its text or source and section, and its dates."""
    if isinstance(entry, str):
        return norm(entry) or ""
    name = entry.text or " ".join(p for p in (entry.source, entry.section) if p)
    dated = in_force_text(entry.in_force)
    note = f"; {norm(entry.note)}" if entry.note else ""
    return (norm(name) or "") + (f" ({dated.text})" if dated else "") + note


def _acknowledged(ack: Acknowledged) -> str:
    cited = citation_full(ack.citation)
    return f"contradicts {ack.statute_rule} on purpose: {norm(ack.reason)} ({cited})"


def _cost_note(rule: Rule) -> Shown | None:
    return text_value(rule.cost_bearer.note) if rule.cost_bearer else None


RULE_ASPECTS: tuple[Aspect[Rule], ...] = (
    Aspect("id", lambda r: word_value(r.id)),
    Aspect("duty", lambda r: word_value(r.duty)),
    Aspect("relation", lambda r: word_value(r.relation)),
    Aspect(
        "form",
        lambda r: (
            Shown(r.form, "requirement (no party named)") if r.form == "requirement" else None
        ),
    ),
    Aspect("agreement", lambda r: word_value(r.agreement)),
    Aspect("title", lambda r: text_value(r.title)),
    Aspect("action", lambda r: text_value(r.action)),
    Aspect("trigger", _trigger),
    Aspect("conditions", members=lambda r: frozenset(condition_text(c) for c in r.trigger.when)),
    Aspect("responsible", lambda r: party_text(r.responsible)),
    Aspect("convener", lambda r: party_text(r.convener)),
)
"""The aspects of a rule said before its deadline."""

RULE_ASPECTS_AFTER: tuple[Aspect[Rule], ...] = (
    Aspect("cost bearer", lambda r: party_text(r.cost_bearer)),
    Aspect("cost note", _cost_note),
    Aspect("legal basis", members=lambda r: frozenset(_basis_text(b) for b in r.legal_basis)),
    Aspect("citation", lambda r: citation_text(r.source)),
    Aspect("quote", lambda r: text_value(r.source.quote)),
    Aspect("no quote because", lambda r: text_value(r.source.no_quote_reason)),
    Aspect("see also", members=lambda r: frozenset(citation_full(c) for c in r.see_also)),
    Aspect("in force", lambda r: in_force_text(r.in_force)),
    Aspect("scope part", lambda r: word_value(r.scope_part)),
    Aspect("acknowledged", members=lambda r: frozenset(_acknowledged(a) for a in r.acknowledged)),
    Aspect("notes", members=lambda r: frozenset(" ".join(n.split()) for n in r.notes)),
)
"""The aspects of a rule said after its deadline."""


def deadline_changes(old: Deadline | None, new: Deadline | None) -> list[FieldChange]:
    """Each changed part of a deadline; a deadline added or removed is one change."""
    if old is not None and new is not None:
        return compare_aspects(DEADLINE_ASPECTS, old, new)
    a, b = deadline_summary(old), deadline_summary(new)
    if a == b:
        return []
    return [FieldChange("deadline", a.text if a else None, b.text if b else None)]


def rule_changes(old: Rule, new: Rule) -> list[FieldChange]:
    """Every changed field of a rule pair, once each, in words."""
    return (
        compare_aspects(RULE_ASPECTS, old, new)
        + deadline_changes(old.deadline, new.deadline)
        + compare_aspects(RULE_ASPECTS_AFTER, old, new)
    )


def rule_lines(rule: Rule) -> list[tuple[str, list[str]]]:
    """A rule's canonical view: every field that has a value, deadline included."""
    deadline = describe_aspects(DEADLINE_ASPECTS, rule.deadline) if rule.deadline else []
    return (
        describe_aspects(RULE_ASPECTS, rule) + deadline + describe_aspects(RULE_ASPECTS_AFTER, rule)
    )


def _renewal(renewal: Renewal | None) -> Shown | None:
    if renewal is None:
        return None
    again = "each time" if renewal.times == "each_time" else "once"
    text = (
        f"extended by {renewal.extension.words()} {again} unless {renewal.notice_action} "
        f"notice is given {renewal.notice.words()} ahead"
    )
    key = (
        period_key(renewal.extension),
        period_key(renewal.notice),
        renewal.notice_action,
        renewal.times,
    )
    return Shown(key, text)


def _decision(decision: LaterDecision) -> str:
    """A later decision of the parties in one line: what, when, and its citation."""
    what = (
        f"extension until {decision.until}"
        if decision.kind == "extension"
        else f"successor {decision.successor}"
    )
    decided = f", decided {decision.decided}" if decision.decided else ""
    notes = "".join(f"; {norm(n)}" for n in decision.notes)
    return f"{what}{decided} ({citation_full(decision.citation)}){notes}"


def _term(agreement: Agreement) -> Shown:
    v = agreement.validity
    text = f"{v.start} to {v.end}" if v.end else f"from {v.start}, no end date"
    return Shown((v.start, v.end), text)


AGREEMENT_ASPECTS: tuple[Aspect[Agreement], ...] = (
    Aspect("id", lambda a: word_value(a.id)),
    Aspect("title", lambda a: text_value(a.title)),
    Aspect("source", lambda a: word_value(a.source)),
    Aspect(
        "parties", members=lambda a: frozenset(f"{norm(p.name)} ({p.principal})" for p in a.parties)
    ),
    Aspect("term", _term),
    Aspect("renewal", lambda a: _renewal(a.validity.renewal)),
    Aspect("term citation", lambda a: citation_quoted(a.validity.citation)),
    Aspect(
        "renewal citation",
        lambda a: citation_quoted(a.validity.renewal.citation) if a.validity.renewal else None,
    ),
    Aspect(
        "later decisions",
        members=lambda a: frozenset(_decision(d) for d in a.validity.later_decisions),
    ),
    Aspect("continues", lambda a: word_value(a.continues)),
    Aspect("notes", members=lambda a: frozenset(" ".join(n.split()) for n in a.notes)),
)

SOURCE_ASPECTS: tuple[Aspect[Source], ...] = (
    Aspect("kind", lambda s: word_value(s.kind)),
    Aspect("title", lambda s: text_value(s.title)),
    Aspect("short name", lambda s: text_value(s.short)),
    Aspect("file", lambda s: word_value(s.file)),
    Aspect("issuer", lambda s: text_value(s.issuer)),
    Aspect("in force", lambda s: in_force_text(s.in_force)),
    Aspect("replaces", lambda s: word_value(s.replaces)),
)


def _exclusion(ex: Exclusion) -> str:
    when = " and ".join(sorted(condition_text(c) for c in ex.when))
    return f"when {when}: {norm(ex.reason)} ({citation_full(ex.citation)})"


def _scope_part(part: ScopePart) -> str:
    """A scope part in one line: its sections and whom it covers, with its citation."""
    covers = [f"{part.id}: {part.label} of {part.source}"]
    if part.age is not None:
        covers.append(f"{part.age.min}–{part.age.below - 1} years")
    if part.legal_bases:
        covers.append("legal bases " + ", ".join(sorted(part.legal_bases)))
    if part.placement_forms:
        covers.append("placement forms " + ", ".join(sorted(part.placement_forms)))
    covers += [_exclusion(e) for e in part.exclusions]
    covers.append(citation_full(part.citation))
    covers += [norm(n) or "" for n in part.notes]
    return "; ".join(covers)


SCOPE_ASPECTS: tuple[Aspect[Scope], ...] = (
    Aspect(
        "ages", lambda s: Shown((s.age.min, s.age.below), f"{s.age.min}–{s.age.below - 1} years")
    ),
    Aspect("legal bases", members=lambda s: frozenset(s.legal_bases)),
    Aspect("placement forms", members=lambda s: frozenset(s.placement_forms)),
    Aspect("exclusions", members=lambda s: frozenset(_exclusion(e) for e in s.exclusions)),
    Aspect("citation", lambda s: citation_quoted(s.citation)),
    Aspect("notes", members=lambda s: frozenset(" ".join(n.split()) for n in s.notes)),
    Aspect("parts", members=lambda s: frozenset(_scope_part(p) for p in s.parts)),
)

DUTY_SECTION_ASPECTS: tuple[Aspect[DutySection], ...] = (
    Aspect("summary", lambda d: text_value(d.summary)),
    Aspect("no rule because", lambda d: text_value(d.no_rule_reason)),
    Aspect(
        "not encoded",
        members=lambda d: frozenset(
            f"{norm(u.summary)} “{norm(u.quote)}”: {norm(u.reason)}" for u in d.unencoded
        ),
    ),
)

FULFILMENT_ASPECTS: tuple[Aspect[Fulfilment], ...] = (
    Aspect("fulfils", members=lambda f: frozenset(f.fulfils)),
    Aspect("citation", lambda f: citation_quoted(f.citation)),
    Aspect("notes", members=lambda f: frozenset(" ".join(n.split()) for n in f.notes)),
)


def fulfilment_key(f: Fulfilment) -> str:
    """A fulfilment entry is known by its event and conditions."""
    when = " and ".join(sorted(condition_text(c) for c in f.when))
    return f.event + (f" when {when}" if when else "")


REVIEW_ASPECTS: tuple[Aspect[Review], ...] = (Aspect("digest", lambda r: word_value(r.digest)),)

FILE_ASPECTS: tuple[Aspect[RuleFile], ...] = (
    Aspect("format", lambda f: word_value(f.format)),
    Aspect("kind", lambda f: word_value(f.kind)),
    Aspect("region", lambda f: word_value(f.region)),
    Aspect("name", lambda f: text_value(f.name)),
    Aspect("extends", lambda f: word_value(f.extends)),
    Aspect("valid from", lambda f: word_value(f.valid_from)),
    Aspect("baseline note", lambda f: text_value(f.baseline_note)),
)


def keyed_changes(
    label: str,
    aspects: Sequence[Aspect[T]],
    old: Iterable[T],
    new: Iterable[T],
    key: Callable[[T], str],
    summary: Callable[[T], str],
    pair_single: bool = False,
) -> list[FieldChange]:
    """Changes to a collection of items with ids (sources, agreements): added, removed, changed.

    With ``pair_single``, a lone unmatched item on each side is taken as the same item renamed.
    """
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    only_old = sorted(set(before) - set(after))
    only_new = sorted(set(after) - set(before))
    pairs = [(k, before[k], after[k]) for k in sorted(set(before) & set(after))]
    if pair_single and len(only_old) == 1 and len(only_new) == 1:
        pairs.append((f"{only_old[0]} → {only_new[0]}", before[only_old[0]], after[only_new[0]]))
        only_old, only_new = [], []
    changes = [
        FieldChange(f"{label} {k}", None, summary(after[k]), template="{field}: added ({new})")
        for k in only_new
    ]
    changes += [
        FieldChange(
            f"{label} {k}", summary(before[k]), None, template="{field}: removed (was {old})"
        )
        for k in only_old
    ]
    for name, a, b in pairs:
        changes += compare_aspects(aspects, a, b, prefix=f"{label} {name} ")
    return changes


def _scope_changes(old: Scope | None, new: Scope | None) -> list[FieldChange]:
    if old is not None and new is not None:
        return compare_aspects(SCOPE_ASPECTS, old, new, prefix="scope ")
    if old is None and new is None:
        return []
    a = _scope_summary(old)
    b = _scope_summary(new)
    return [FieldChange("scope", a, b)]


def _scope_summary(scope: Scope | None) -> str | None:
    if scope is None:
        return None
    return "; ".join(
        f"{label}: {', '.join(lines)}" for label, lines in describe_aspects(SCOPE_ASPECTS, scope)
    )


def file_changes(old: RuleFile, new: RuleFile) -> list[FieldChange]:
    """Changes to everything in a file but its rules."""
    changes = compare_aspects(FILE_ASPECTS, old, new)
    changes += keyed_changes(
        "source",
        SOURCE_ASPECTS,
        old.sources,
        new.sources,
        lambda s: s.id,
        lambda s: f"{s.kind}: {norm(s.title)}",
    )
    changes += keyed_changes(
        "agreement",
        AGREEMENT_ASPECTS,
        old.agreements,
        new.agreements,
        lambda a: a.id,
        lambda a: f"{norm(a.title)}, {_term(a).text}",
        pair_single=True,
    )
    changes += _scope_changes(old.scope, new.scope)
    changes += keyed_changes(
        "duty section",
        DUTY_SECTION_ASPECTS,
        old.duty_sections,
        new.duty_sections,
        lambda d: f"{d.source} {norm(d.section)}",
        lambda d: norm(d.summary) or "",
    )
    changes += keyed_changes(
        "fulfilment",
        FULFILMENT_ASPECTS,
        old.fulfilment,
        new.fulfilment,
        fulfilment_key,
        lambda f: "fulfils " + ", ".join(sorted(f.fulfils)),
    )
    changes += keyed_changes(
        "review",
        REVIEW_ASPECTS,
        old.reviewed,
        new.reviewed,
        lambda r: f"{norm(r.role)} {r.date}",
        lambda r: r.digest,
    )
    return changes
