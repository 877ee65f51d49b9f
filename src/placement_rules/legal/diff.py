"""Semantic diff of two rule files: compared on the validated models, never on the text.

Rules pair up by id and then, across regions, by ``duty``; when several rules share a duty, the
pairs are chosen by best match of trigger event and conditions (deterministically, and the same
pairs whichever file is given first). Each changed field of a pair is reported once, in words
(:mod:`.aspects`). Key order, comments, quoting, flow or block style and the order of rules,
conditions and other unordered lists make no difference.

Either side may be read from a git revision (:mod:`.revisions`); :mod:`.textconv` renders a file
as sorted, human-readable text for git's ``textconv`` diff driver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..loading import LoadedFile
from ..models import Rule, RuleFile
from .aspects import FieldChange, file_changes, rule_changes
from .wording import condition_text, deadline_summary, in_force_text, norm


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
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "changes": [c.to_dict() for c in self.changes],
        }


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
        return FileDiff(
            self.new_name,
            self.old_name,
            tuple(c.reversed() for c in self.file_changes),
            self.removed,
            self.added,
            tuple(sorted((c.reversed() for c in self.changed), key=_change_key)),
            self.unchanged,
        )

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
    return (
        a.trigger.event == b.trigger.event,
        overlap,
        in_force_text(a.in_force) == in_force_text(b.in_force),
        deadline_summary(a.deadline) == deadline_summary(b.deadline),
    )


def pair_rules(
    old: Sequence[Rule], new: Sequence[Rule]
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
                key = (
                    -int(event),
                    -overlap,
                    -int(in_force),
                    -int(deadline),
                    min(a.id, b.id),
                    max(a.id, b.id),
                )
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
    return RuleRef(rule.id, rule.duty, norm(rule.title) or rule.id, line)


def diff_models(
    old: RuleFile,
    new: RuleFile,
    *,
    old_name: str = "old",
    new_name: str = "new",
    old_loaded: LoadedFile | None = None,
    new_loaded: LoadedFile | None = None,
) -> FileDiff:
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
    return diff_models(
        old.model,
        new.model,
        old_name=old.name or str(old.path),
        new_name=new.name or str(new.path),
        old_loaded=old,
        new_loaded=new,
    )
