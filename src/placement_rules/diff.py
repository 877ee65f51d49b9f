"""Semantic diff of two rule files: compared on the validated models, never on the text.

Rules pair up by id and then, across regions, by ``duty``; when several rules share a duty, the
pairs are chosen by best match of trigger event and conditions (deterministically, and the same
pairs whichever file is given first). Each changed field of a pair is reported once, in words.
Key order, comments, quoting, flow or block style and the order of rules, conditions and other
unordered lists make no difference.

Either side may be read from a git revision (``rules/national.yaml@HEAD~1``); :func:`canonical_text`
renders a file as sorted, human-readable text for git's ``textconv`` diff driver.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Generic, TypeVar

from .errors import PlacementRulesError
from .loading import LoadedFile, read_rule_file
from .models import (
    Agreement,
    Citation,
    Condition,
    CostBearer,
    Deadline,
    DutySection,
    Exclusion,
    Fulfilment,
    InForce,
    Period,
    Renewal,
    Responsible,
    Rule,
    RuleFile,
    Scope,
    Source,
)
from .vocabulary import EVENT_KIND_LABELS, OP_WORDS, VAGUE_TERM_LABELS

T = TypeVar("T")

ANCHOR_WORDS = {"event_date": "the event date", "placement_start": "the placement start"}
MEANING_WORDS = {"due": "due date", "limit": "time limit"}


class RevisionError(PlacementRulesError):
    """A file could not be read from a git revision."""


# --- values and aspects -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shown:
    """A value as compared (``key``) and as shown to a reader (``text``)."""

    key: object
    text: str


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
        return self.template.format(field=self.field, old=self.old or "none", new=self.new or "none")

    def reversed(self) -> FieldChange:
        return FieldChange(self.field, self.new, self.old, self.removed, self.added, self.template)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "text": self.text}
        if self.is_set:
            out.update(added=list(self.added), removed=list(self.removed))
        else:
            out.update(old=self.old, new=self.new)
        return out


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _text(text: str | None) -> Shown | None:
    normal = _norm(text)
    return None if normal is None else Shown(normal, normal)


def _word(value: object, words: dict[str, str] | None = None) -> Shown | None:
    if value is None:
        return None
    shown = str(value)
    return Shown(value, words.get(shown, shown) if words else shown)


def compare_aspects(aspects: Sequence[Aspect[T]], old: T, new: T, prefix: str = "") -> list[FieldChange]:
    """The aspects whose value differs between ``old`` and ``new``, one change each."""
    changes: list[FieldChange] = []
    for aspect in aspects:
        label = prefix + aspect.label
        if aspect.members is not None:
            before, after = aspect.members(old), aspect.members(new)
            if before != after:
                changes.append(FieldChange(label, added=tuple(sorted(after - before)),
                                           removed=tuple(sorted(before - after))))
        elif aspect.value is not None:
            a, b = aspect.value(old), aspect.value(new)
            if (a.key if a else None) != (b.key if b else None):
                changes.append(FieldChange(label, a.text if a else None, b.text if b else None,
                                           template=aspect.template))
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


# --- how each part of a rule file is said ---------------------------------------------------


def period_key(period: Period) -> tuple[int, int]:
    """A period as (months, days): 1 år = 12 månader and 2 veckor = 14 dagar mean the same."""
    return period.years * 12 + period.months, period.weeks * 7 + period.days


def condition_text(cond: Condition) -> str:
    value = cond.value
    if isinstance(value, list):
        shown = ", ".join(sorted(value))
    elif isinstance(value, bool):
        shown = "yes" if value else "no"
    else:
        shown = "none" if value is None else str(value)
    return f"{cond.fact} {OP_WORDS[cond.op]} {shown}"


def party_text(party: Responsible | CostBearer | None) -> Shown | None:
    if party is None:
        return None
    unit = party.unit if isinstance(party, Responsible) else None
    text = party.principal + (f" ({party.locus})" if party.locus else "") + (f": {unit}" if unit else "")
    return Shown((party.principal, party.locus, _norm(unit)), text)


def citation_text(cite: Citation) -> Shown:
    return Shown((cite.source, _norm(cite.section)), f"{cite.source} {_norm(cite.section)}")


def citation_full(cite: Citation) -> str:
    quote = f" “{_norm(cite.quote)}”" if cite.quote else ""
    return f"{cite.source} {_norm(cite.section)}{quote}"


def citation_quoted(cite: Citation | None) -> Shown | None:
    """A citation with its quote, as one value (for the file-level citations)."""
    if cite is None:
        return None
    return Shown((cite.source, _norm(cite.section), _norm(cite.quote)), citation_full(cite))


def in_force_text(period: InForce | None) -> Shown | None:
    if period is None or (period.start is None and period.end is None):
        return None
    if period.start and period.end:
        text = f"{period.start} to {period.end}"
    elif period.start:
        text = f"from {period.start}"
    else:
        text = f"until {period.end}"
    return Shown((period.start, period.end), text)


def vague_text(deadline: Deadline) -> Shown | None:
    if deadline.vague is None:
        return None
    return Shown(deadline.vague, VAGUE_TERM_LABELS[deadline.vague].split(" (")[0])


def deadline_summary(deadline: Deadline | None) -> Shown | None:
    """A whole deadline in one phrase (used when one side has none, and in tables)."""
    if deadline is None:
        return None
    parts = []
    if deadline.offset is not None:
        word = "within" if deadline.meaning == "due" else "ending at most"
        anchor = ANCHOR_WORDS[deadline.anchor] if deadline.anchor else "no anchor"
        parts.append(f"{word} {deadline.offset.words()} from {anchor}")
    vague = vague_text(deadline)
    if vague is not None:
        parts.append(vague.text)
    parts.append("statutory" if deadline.statutory else "agreement")
    key = (period_key(deadline.offset) if deadline.offset else None, deadline.anchor,
           deadline.vague, deadline.statutory, deadline.meaning)
    return Shown(key, ", ".join(parts))


def _offset(d: Deadline) -> Shown | None:
    return Shown(period_key(d.offset), d.offset.words()) if d.offset else None


DEADLINE_ASPECTS: tuple[Aspect[Deadline], ...] = (
    Aspect("deadline", _offset),
    Aspect("anchor", lambda d: _word(d.anchor, ANCHOR_WORDS)),
    Aspect("vague deadline", vague_text),
    Aspect("deadline basis", lambda d: Shown(d.statutory, "statutory" if d.statutory else "agreement"),
           template="{old} → {new} deadline"),
    Aspect("deadline meaning", lambda d: _word(d.meaning, MEANING_WORDS)),
)


def _trigger(rule: Rule) -> Shown:
    event = rule.trigger.event
    return Shown(event, f"{event} ({EVENT_KIND_LABELS[event]})")


def _cost_note(rule: Rule) -> Shown | None:
    return _text(rule.cost_bearer.note) if rule.cost_bearer else None


RULE_ASPECTS: tuple[Aspect[Rule], ...] = (
    Aspect("id", lambda r: _word(r.id)),
    Aspect("duty", lambda r: _word(r.duty)),
    Aspect("relation", lambda r: _word(r.relation)),
    Aspect("agreement", lambda r: _word(r.agreement)),
    Aspect("title", lambda r: _text(r.title)),
    Aspect("action", lambda r: _text(r.action)),
    Aspect("trigger", _trigger),
    Aspect("conditions", members=lambda r: frozenset(condition_text(c) for c in r.trigger.when)),
    Aspect("responsible", lambda r: party_text(r.responsible)),
    Aspect("convener", lambda r: party_text(r.convener)),
)
"""The aspects of a rule said before its deadline."""

RULE_ASPECTS_AFTER: tuple[Aspect[Rule], ...] = (
    Aspect("cost bearer", lambda r: party_text(r.cost_bearer)),
    Aspect("cost note", _cost_note),
    Aspect("legal basis", members=lambda r: frozenset(" ".join(b.split()) for b in r.legal_basis)),
    Aspect("citation", lambda r: citation_text(r.source)),
    Aspect("quote", lambda r: _text(r.source.quote)),
    Aspect("see also", members=lambda r: frozenset(citation_full(c) for c in r.see_also)),
    Aspect("in force", lambda r: in_force_text(r.in_force)),
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
    return (compare_aspects(RULE_ASPECTS, old, new)
            + deadline_changes(old.deadline, new.deadline)
            + compare_aspects(RULE_ASPECTS_AFTER, old, new))


def rule_lines(rule: Rule) -> list[tuple[str, list[str]]]:
    """A rule's canonical view: every field that has a value, deadline included."""
    deadline = describe_aspects(DEADLINE_ASPECTS, rule.deadline) if rule.deadline else []
    return (describe_aspects(RULE_ASPECTS, rule) + deadline
            + describe_aspects(RULE_ASPECTS_AFTER, rule))


def _renewal(renewal: Renewal | None) -> Shown | None:
    if renewal is None:
        return None
    again = "each time" if renewal.repeats else "once"
    text = (f"extended by {renewal.extension.words()} {again} unless {renewal.notice_action} "
            f"notice is given {renewal.notice.words()} ahead")
    key = (period_key(renewal.extension), period_key(renewal.notice), renewal.notice_action,
           renewal.repeats)
    return Shown(key, text)


def _term(agreement: Agreement) -> Shown:
    v = agreement.validity
    text = f"{v.start} to {v.end}" if v.end else f"from {v.start}, no end date"
    return Shown((v.start, v.end), text)


AGREEMENT_ASPECTS: tuple[Aspect[Agreement], ...] = (
    Aspect("id", lambda a: _word(a.id)),
    Aspect("title", lambda a: _text(a.title)),
    Aspect("source", lambda a: _word(a.source)),
    Aspect("parties", members=lambda a: frozenset(f"{_norm(p.name)} ({p.principal})" for p in a.parties)),
    Aspect("term", _term),
    Aspect("renewal", lambda a: _renewal(a.validity.renewal)),
    Aspect("term citation", lambda a: citation_quoted(a.validity.citation)),
    Aspect("renewal citation",
           lambda a: citation_quoted(a.validity.renewal.citation) if a.validity.renewal else None),
    Aspect("notes", members=lambda a: frozenset(" ".join(n.split()) for n in a.notes)),
)

SOURCE_ASPECTS: tuple[Aspect[Source], ...] = (
    Aspect("kind", lambda s: _word(s.kind)),
    Aspect("title", lambda s: _text(s.title)),
    Aspect("short name", lambda s: _text(s.short)),
    Aspect("file", lambda s: _word(s.file)),
    Aspect("issuer", lambda s: _text(s.issuer)),
)


def _exclusion(ex: Exclusion) -> str:
    when = " and ".join(sorted(condition_text(c) for c in ex.when))
    return f"when {when}: {_norm(ex.reason)} ({citation_full(ex.citation)})"


SCOPE_ASPECTS: tuple[Aspect[Scope], ...] = (
    Aspect("ages", lambda s: Shown((s.age.min, s.age.below), f"{s.age.min}–{s.age.below - 1} years")),
    Aspect("legal bases", members=lambda s: frozenset(s.legal_bases)),
    Aspect("placement forms", members=lambda s: frozenset(s.placement_forms)),
    Aspect("exclusions", members=lambda s: frozenset(_exclusion(e) for e in s.exclusions)),
    Aspect("citation", lambda s: citation_quoted(s.citation)),
    Aspect("notes", members=lambda s: frozenset(" ".join(n.split()) for n in s.notes)),
)

DUTY_SECTION_ASPECTS: tuple[Aspect[DutySection], ...] = (
    Aspect("summary", lambda d: _text(d.summary)),
    Aspect("no rule because", lambda d: _text(d.no_rule_reason)),
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


FILE_ASPECTS: tuple[Aspect[RuleFile], ...] = (
    Aspect("format", lambda f: _word(f.format)),
    Aspect("kind", lambda f: _word(f.kind)),
    Aspect("region", lambda f: _word(f.region)),
    Aspect("name", lambda f: _text(f.name)),
    Aspect("extends", lambda f: _word(f.extends)),
    Aspect("valid from", lambda f: _word(f.valid_from)),
    Aspect("baseline note", lambda f: _text(f.baseline_note)),
)


# --- the diff -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleRef:
    id: str
    duty: str
    title: str
    line: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "duty": self.duty, "title": self.title, "line": self.line}


@dataclass(frozen=True, slots=True)
class RuleChange:
    old: RuleRef
    new: RuleRef
    changes: tuple[FieldChange, ...]

    @property
    def label(self) -> str:
        if self.old.id == self.new.id:
            return self.new.id
        return f"{self.old.id} → {self.new.id}"

    def reversed(self) -> RuleChange:
        return RuleChange(self.new, self.old, tuple(c.reversed() for c in self.changes))

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old.to_dict(), "new": self.new.to_dict(),
                "changes": [c.to_dict() for c in self.changes]}


@dataclass(frozen=True)
class FileDiff:
    """What differs between two rule files, by meaning."""

    old_name: str
    new_name: str
    file_changes: tuple[FieldChange, ...] = ()
    added: tuple[RuleRef, ...] = ()
    removed: tuple[RuleRef, ...] = ()
    changed: tuple[RuleChange, ...] = ()
    unchanged: int = field(default=0)

    @property
    def same(self) -> bool:
        return not (self.file_changes or self.added or self.removed or self.changed)

    def reversed(self) -> FileDiff:
        return FileDiff(self.new_name, self.old_name,
                        tuple(c.reversed() for c in self.file_changes), self.removed, self.added,
                        tuple(sorted((c.reversed() for c in self.changed), key=_change_key)),
                        self.unchanged)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_name,
            "new": self.new_name,
            "same": self.same,
            "file_changes": [c.to_dict() for c in self.file_changes],
            "added": [r.to_dict() for r in self.added],
            "removed": [r.to_dict() for r in self.removed],
            "changed": [c.to_dict() for c in self.changed],
            "unchanged": self.unchanged,
        }


def _change_key(change: RuleChange) -> tuple[str, str, str]:
    return change.new.duty, change.old.id, change.new.id


def _match_score(a: Rule, b: Rule) -> tuple[bool, Fraction, bool, bool]:
    """How well two rules of the same duty match: event, conditions, then in_force and deadline."""
    ca = {condition_text(c) for c in a.trigger.when}
    cb = {condition_text(c) for c in b.trigger.when}
    union = ca | cb
    overlap = Fraction(len(ca & cb), len(union)) if union else Fraction(1)
    return (a.trigger.event == b.trigger.event, overlap,
            in_force_text(a.in_force) == in_force_text(b.in_force),
            deadline_summary(a.deadline) == deadline_summary(b.deadline))


def pair_rules(old: Sequence[Rule], new: Sequence[Rule]
               ) -> tuple[list[tuple[Rule, Rule]], list[Rule], list[Rule]]:
    """Pairs (by id, then by duty and best match), the rules only in ``new``, only in ``old``.

    Symmetric: swapping the arguments swaps the pairs' sides and the added and removed lists.
    """
    new_by_id = {r.id: r for r in new}
    pairs = [(r, new_by_id[r.id]) for r in old if r.id in new_by_id]
    paired_ids = {r.id for r, _ in pairs}
    rest_old = [r for r in old if r.id not in paired_ids]
    rest_new = [r for r in new if r.id not in paired_ids]
    candidates = []
    for a in rest_old:
        for b in rest_new:
            if a.duty == b.duty:
                event, overlap, in_force, deadline = _match_score(a, b)
                key = (-int(event), -overlap, -int(in_force), -int(deadline),
                       min(a.id, b.id), max(a.id, b.id))
                candidates.append((key, a, b))
    candidates.sort(key=lambda c: c[0])
    used_old: set[str] = set()
    used_new: set[str] = set()
    for _, a, b in candidates:
        if a.id in used_old or b.id in used_new:
            continue
        used_old.add(a.id)
        used_new.add(b.id)
        pairs.append((a, b))
    added = [b for b in rest_new if b.id not in used_new]
    removed = [a for a in rest_old if a.id not in used_old]
    return pairs, added, removed


def _ref(rule: Rule, loaded: LoadedFile | None) -> RuleRef:
    line = None
    if loaded is not None:
        index = next(i for i, r in enumerate(loaded.model.rules) if r is rule)
        line = loaded.positions.get(("rules", index), (None, None))[0]
    return RuleRef(rule.id, rule.duty, _norm(rule.title) or rule.id, line)




def keyed_changes(label: str, aspects: Sequence[Aspect[T]], old: Iterable[T], new: Iterable[T],
                  key: Callable[[T], str], summary: Callable[[T], str],
                  pair_single: bool = False) -> list[FieldChange]:
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
    changes = [FieldChange(f"{label} {k}", None, summary(after[k]), template="{field}: added ({new})")
               for k in only_new]
    changes += [FieldChange(f"{label} {k}", summary(before[k]), None,
                            template="{field}: removed (was {old})") for k in only_old]
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
    return "; ".join(f"{label}: {', '.join(lines)}" for label, lines in describe_aspects(SCOPE_ASPECTS, scope))


def file_changes(old: RuleFile, new: RuleFile) -> list[FieldChange]:
    """Changes to everything in a file but its rules."""
    changes = compare_aspects(FILE_ASPECTS, old, new)
    changes += keyed_changes("source", SOURCE_ASPECTS, old.sources, new.sources,
                             lambda s: s.id, lambda s: f"{s.kind}: {_norm(s.title)}")
    changes += keyed_changes("agreement", AGREEMENT_ASPECTS, old.agreements, new.agreements,
                             lambda a: a.id, lambda a: f"{_norm(a.title)}, {_term(a).text}",
                             pair_single=True)
    changes += _scope_changes(old.scope, new.scope)
    changes += keyed_changes("duty section", DUTY_SECTION_ASPECTS, old.duty_sections,
                             new.duty_sections, lambda d: f"{d.source} {_norm(d.section)}",
                             lambda d: _norm(d.summary) or "")
    changes += keyed_changes("fulfilment", FULFILMENT_ASPECTS, old.fulfilment, new.fulfilment,
                             fulfilment_key, lambda f: "fulfils " + ", ".join(sorted(f.fulfils)))
    return changes


def diff_models(old: RuleFile, new: RuleFile, *, old_name: str = "old", new_name: str = "new",
                old_loaded: LoadedFile | None = None, new_loaded: LoadedFile | None = None) -> FileDiff:
    """The semantic difference between two validated rule files."""
    pairs, added, removed = pair_rules(old.rules, new.rules)
    changed = []
    unchanged = 0
    for a, b in pairs:
        changes = rule_changes(a, b)
        if changes:
            changed.append(RuleChange(_ref(a, old_loaded), _ref(b, new_loaded), tuple(changes)))
        else:
            unchanged += 1
    order: Callable[[RuleRef], tuple[str, str]] = lambda r: (r.duty, r.id)  # noqa: E731
    return FileDiff(
        old_name=old_name,
        new_name=new_name,
        file_changes=tuple(file_changes(old, new)),
        added=tuple(sorted((_ref(r, new_loaded) for r in added), key=order)),
        removed=tuple(sorted((_ref(r, old_loaded) for r in removed), key=order)),
        changed=tuple(sorted(changed, key=_change_key)),
        unchanged=unchanged,
    )


def diff_files(old: LoadedFile, new: LoadedFile) -> FileDiff:
    return diff_models(old.model, new.model, old_name=old.name or str(old.path),
                       new_name=new.name or str(new.path),
                       old_loaded=old, new_loaded=new)


# --- reading a side: a file or a git revision -------------------------------------------------


def split_revision(spec: str) -> tuple[str, str | None]:
    """``path@REV`` → (path, REV); a plain path (even one containing @ that exists) → (path, None)."""
    if Path(spec).exists() or "@" not in spec:
        return spec, None
    path, rev = spec.rsplit("@", 1)
    if not path or not rev:
        return spec, None
    return path, rev


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise RevisionError(f"git {' '.join(args)}: {message}")
    return done.stdout


def repository_path(path: Path | str) -> tuple[Path, str]:
    """The git repository holding ``path`` and the path inside it.

    A relative path is taken from the working folder when the file is there, else from the
    repository's top (so ``rules/x.yaml@REV`` works from any folder of the checkout).
    """
    given = Path(path)
    target = given.resolve()
    folder = target.parent
    while not folder.is_dir():
        folder = folder.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
    if not given.is_absolute() and not target.exists():
        return top, given.as_posix()
    try:
        return top, target.relative_to(top).as_posix()
    except ValueError:
        raise RevisionError(f"{path} is not inside the git repository {top}") from None


def working_copy(path: str) -> str:
    """The file a revision path names, as it is now (found from the repository's top if need be)."""
    if Path(path).exists():
        return path
    top, relative = repository_path(path)
    return str(top / relative)


def read_revision_text(path: Path | str, rev: str) -> str:
    """The text of ``path`` at git revision ``rev`` (``git show REV:PATH`` in its repository)."""
    top, relative = repository_path(path)
    return _git(["show", f"{rev}:{relative}"], top)


def load_side(spec: str, rev: str | None = None) -> LoadedFile:
    """Read one side of a diff: ``path``, ``path@REV``, or ``path`` at ``rev``."""
    path, at = split_revision(spec)
    at = at or rev
    if at is None:
        return read_rule_file(path)
    return read_rule_file(path, text=read_revision_text(path, at), name=f"{path}@{at}")


# --- canonical text (git textconv) ----------------------------------------------------------


def _block(title: str, lines: list[tuple[str, list[str]]]) -> list[str]:
    out = [title]
    for label, values in lines:
        if len(values) == 1 and label not in _SET_LABELS:
            out.append(f"  {label}: {values[0]}")
        else:
            out.append(f"  {label}:")
            out.extend(f"    - {v}" for v in values)
    return out


_SET_LABELS = frozenset(
    a.label for group in (RULE_ASPECTS, RULE_ASPECTS_AFTER, AGREEMENT_ASPECTS, SCOPE_ASPECTS,
                          FULFILMENT_ASPECTS)
    for a in group if a.members is not None
)


def canonical_text(model: RuleFile) -> str:
    """A sorted, human-readable rendering of a rule file in which only meaning shows.

    Two files that differ only in key order, comments, quoting, style or the order of rules
    render identically, so git's ``textconv`` diff of this text is a diff of meaning.
    """
    out = _block("file", describe_aspects(FILE_ASPECTS, model))
    for source in sorted(model.sources, key=lambda s: s.id):
        out += _block(f"source {source.id}", describe_aspects(SOURCE_ASPECTS, source))
    for agreement in sorted(model.agreements, key=lambda a: a.id):
        out += _block(f"agreement {agreement.id}", describe_aspects(AGREEMENT_ASPECTS, agreement)[1:])
    if model.scope is not None:
        out += _block("scope", describe_aspects(SCOPE_ASPECTS, model.scope))
    for section in sorted(model.duty_sections, key=lambda d: (d.source, d.section)):
        out += _block(f"duty section {section.source} {_norm(section.section)}",
                      describe_aspects(DUTY_SECTION_ASPECTS, section))
    for entry in sorted(model.fulfilment, key=fulfilment_key):
        out += _block(f"fulfilment {fulfilment_key(entry)}", describe_aspects(FULFILMENT_ASPECTS, entry))
    for rule in sorted(model.rules, key=lambda r: (r.duty, r.id)):
        out += _block(f"rule {rule.id}", rule_lines(rule)[1:])
    return "\n".join(out) + "\n"
