"""Canonical text of a rule file (git ``textconv``): sorted, so only meaning shows in a diff."""

from __future__ import annotations

from ..models import RuleFile
from .aspects import (
    AGREEMENT_ASPECTS,
    DUTY_SECTION_ASPECTS,
    FILE_ASPECTS,
    FULFILMENT_ASPECTS,
    RULE_ASPECTS,
    RULE_ASPECTS_AFTER,
    SCOPE_ASPECTS,
    SOURCE_ASPECTS,
    describe_aspects,
    fulfilment_key,
    rule_lines,
)
from .wording import norm


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
    a.label
    for group in (
        RULE_ASPECTS,
        RULE_ASPECTS_AFTER,
        AGREEMENT_ASPECTS,
        SCOPE_ASPECTS,
        FULFILMENT_ASPECTS,
    )
    for a in group
    if a.members is not None
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
        out += _block(
            f"agreement {agreement.id}", describe_aspects(AGREEMENT_ASPECTS, agreement)[1:]
        )
    if model.scope is not None:
        out += _block("scope", describe_aspects(SCOPE_ASPECTS, model.scope))
    for section in sorted(model.duty_sections, key=lambda d: (d.source, d.section)):
        out += _block(
            f"duty section {section.source} {norm(section.section)}",
            describe_aspects(DUTY_SECTION_ASPECTS, section),
        )
    for entry in sorted(model.fulfilment, key=fulfilment_key):
        out += _block(
            f"fulfilment {fulfilment_key(entry)}", describe_aspects(FULFILMENT_ASPECTS, entry)
        )
    for rule in sorted(model.rules, key=lambda r: (r.duty, r.id)):
        out += _block(f"rule {rule.id}", rule_lines(rule)[1:])
    for review in sorted(model.reviewed, key=lambda r: (r.date, r.role)):
        out += _block(f"review {norm(review.role)} {review.date}", [("digest", [review.digest])])
    return "\n".join(out) + "\n"
