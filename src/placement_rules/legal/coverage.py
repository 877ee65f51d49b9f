"""Coverage of a source text by rules: which rules encode each duty-creating section, and gaps.

A regional file lists the sections of its sources that create duties (``duty_sections``). A
rule counts for the most specific declared section its ``source`` or ``see_also`` citations fall
in (a rule citing 2.2.2 counts for "2.2.2", not for "2.2", when both are declared). A section is
a gap when no rule counts for it, the file gives no reason (``no_rule_reason``) and lists no
part of it as deliberately not encoded (``unencoded``, each with its reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Citation, DutySection, Rule, UnencodedPart
from ..ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class SectionCoverage:
    source: str
    section: str
    summary: str
    rules: tuple[str, ...]
    no_rule_reason: str | None
    unencoded: tuple[UnencodedPart, ...] = ()

    @property
    def is_gap(self) -> bool:
        return not self.rules and self.no_rule_reason is None and not self.unencoded

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "section": self.section,
            "summary": self.summary,
            "rules": list(self.rules),
            "no_rule_reason": self.no_rule_reason,
            "unencoded": [
                {"summary": u.summary, "quote": u.quote, "reason": u.reason} for u in self.unencoded
            ],
            "gap": self.is_gap,
        }


@dataclass(frozen=True, slots=True)
class RuleOrigin:
    rule_id: str
    duty: str
    origin: str
    relation: str
    citation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "duty": self.duty,
            "origin": self.origin,
            "relation": self.relation,
            "citation": self.citation,
        }


@dataclass(frozen=True, slots=True)
class CoverageReport:
    region: str
    sections: tuple[SectionCoverage, ...]
    rules: tuple[RuleOrigin, ...]
    """Every rule that applies in the region: its own, and the national ones it inherits."""

    @property
    def gaps(self) -> tuple[SectionCoverage, ...]:
        return tuple(s for s in self.sections if s.is_gap)

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "sections": [s.to_dict() for s in self.sections],
            "rules": [r.to_dict() for r in self.rules],
            "gaps": len(self.gaps),
        }


def cites(citation: Citation, source: str, section: str) -> bool:
    """Whether ``citation`` points at ``section`` of ``source`` or one of its sub-sections."""
    return citation.falls_in(source, section)


def most_specific(citation: Citation, sections: tuple[DutySection, ...]) -> DutySection | None:
    """The declared duty section a citation counts for: the longest one it falls in."""
    inside = [s for s in sections if cites(citation, s.source, s.section)]
    return max(inside, key=lambda s: len(s.section.strip()), default=None)


def counts_for(rule: Rule, section: DutySection, sections: tuple[DutySection, ...]) -> bool:
    """Whether a rule counts for ``section``: one of its citations' most specific section."""
    return any(most_specific(c, sections) is section for c in (rule.source, *rule.see_also))


def coverage(rules: RuleSet) -> CoverageReport:
    top = rules.top.model
    declared = top.duty_sections
    sections = []
    for duty_section in declared:
        encoded = tuple(rule.id for rule in top.rules if counts_for(rule, duty_section, declared))
        sections.append(
            SectionCoverage(
                duty_section.source,
                duty_section.section,
                duty_section.summary,
                encoded,
                duty_section.no_rule_reason,
                duty_section.unencoded,
            )
        )
    own_duties = {r.duty for r in top.rules}
    origins = []
    for compiled in rules.rules:
        rule = compiled.rule
        if compiled.file != rules.top.name and rule.duty in own_duties:
            continue  # a base rule this file replaces
        label = "regional" if compiled.origin != "national" else "national (inherited)"
        if compiled.origin == "local":
            label = "local"
        origins.append(
            RuleOrigin(
                rule.id,
                rule.duty,
                label,
                rule.relation,
                f"{compiled.source_name} {rule.source.section}",
            )
        )
    return CoverageReport(rules.region, tuple(sections), tuple(origins))
