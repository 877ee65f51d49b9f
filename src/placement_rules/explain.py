"""Why a rule did not apply to an event, and why an answer is empty: plain data for the views.

Read from the compiled rule set's public data (each rule's period, agreement, scope part and
conditions) and the evaluation's result; the evaluator itself is not re-entered. Every rule of
the event's kind that gave no obligation gets one :class:`WhyNot`: the first reason found, in
the order a person would check them (the rule's period, the agreement's, the scope, the
conditions, a rule of the same duty that took its place).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, Literal, NamedTuple

from .conditions import CompiledCondition, compile_predicate
from .evaluation import evaluate
from .events import FACT_ATTRIBUTES, Event
from .results import Evaluation, Obligation
from .ruleset import CompiledRule, RuleSet

Reason = Literal[
    "rule_not_in_force",
    "agreement_not_in_force",
    "outside_scope",
    "outside_scope_part",
    "condition_unmet",
    "replaced",
    "other",
]
"""Why one rule gave no obligation."""

EmptyReason = Literal[
    "national_law_only",
    "no_regional_rules",
    "agreement_not_in_force",
    "outside_scope",
    "no_rules_for_kind",
    "every_condition_unmet",
    "no_rule_applies",
]
"""Why a whole answer has no obligations (or, for the first three, has national law's only)."""

REMOVING_FACTS: Final[frozenset[str]] = frozenset(
    {
        name
        for name, field in Event.model_fields.items()
        if field.annotation is bool and field.default is False
    }
)
"""Yes-or-no facts that are no unless the event says yes: when a rule asks for no and the
event says yes, that fact removed the duty (``health_examination_unnecessary``, ``acute``)."""


class WhyNot(NamedTuple):
    """Why one rule of the event's kind gave no obligation."""

    rule: CompiledRule
    reason: Reason
    condition: CompiledCondition | None = None
    """The first condition that failed (``condition_unmet``)."""
    actual: Any = None
    """The event's value of that condition's fact."""
    replaced_by: Obligation | None = None
    """The obligation of the same duty that took its place (``replaced``)."""
    detail: str | None = None
    """The evaluator's own reason, in English (``other``; ``--verbose`` and JSON)."""

    @property
    def removed_by_fact(self) -> bool:
        """Whether a yes the event gives to a fact that is otherwise no removed the duty."""
        condition = self.condition
        return (
            self.reason == "condition_unmet"
            and condition is not None
            and condition.fact in REMOVING_FACTS
            and self.actual is True
        )


class Explanation(NamedTuple):
    """Why not, for every rule of the event's kind that gave no obligation, and why the answer
    is empty (or has the statutes' duties only)."""

    why_not: tuple[WhyNot, ...]
    empty: tuple[EmptyReason, ...]
    """For an answer without obligations: every reason that holds. For any answer: the
    ``national_law_only``, ``no_regional_rules`` and ``agreement_not_in_force`` notes."""

    @property
    def removed_by_facts(self) -> tuple[WhyNot, ...]:
        """The rules a yes-fact of the event removed (shown even without ``--why-not``)."""
        return tuple(w for w in self.why_not if w.removed_by_fact)


def fact_value(event: Event, fact: str) -> Any:
    """The value a condition on ``fact`` tests (a derived fact computed, a placement region
    defaulted to the home region)."""
    return getattr(event, FACT_ATTRIBUTES.get(fact, fact))


def first_failed(
    conditions: Iterable[CompiledCondition], event: Event
) -> tuple[CompiledCondition, Any] | None:
    """The first condition the event does not meet, with the event's value of its fact."""
    for condition in conditions:
        value = fact_value(event, condition.fact)
        if not compile_predicate((condition,))({condition.fact: value}):
            return condition, value
    return None


def explain(rules: RuleSet, event: Event, result: Evaluation | None = None) -> Explanation:
    """Why not, for the rules of ``event``'s kind that gave no obligation (``result`` is the
    evaluation of ``event`` on ``rules``; evaluated here when not given)."""
    result = result if result is not None else evaluate(rules, event)
    applied = {o.rule_id for o in result.obligations}
    by_duty = {o.duty: o for o in result.obligations}
    skipped = {n.rule_id: n.reason for n in result.not_applied}
    candidates = rules.by_event.get(event.kind, ())
    found = tuple(
        _why_not(rule, event, result, skipped, by_duty)
        for rule in candidates
        if rule.id not in applied
    )
    return Explanation(found, _empty_reasons(rules, event, result, candidates, found))


def _why_not(
    rule: CompiledRule,
    event: Event,
    result: Evaluation,
    skipped: dict[str, str],
    by_duty: dict[str, Obligation],
) -> WhyNot:
    if not rule.applies_on(event.date):
        return WhyNot(rule, "rule_not_in_force")
    if rule.id in skipped:
        return WhyNot(rule, _skip_reason(rule, result), detail=skipped[rule.id])
    if rule.level > 0:
        reason = _skip_reason(rule, result)
        if reason != "other":
            return WhyNot(rule, reason)
    failed = first_failed(rule.conditions, event)
    if failed is not None:
        return WhyNot(rule, "condition_unmet", failed[0], failed[1])
    other = by_duty.get(rule.duty)
    if other is not None:
        return WhyNot(rule, "replaced", replaced_by=other)
    return WhyNot(rule, "other")


def _skip_reason(rule: CompiledRule, result: Evaluation) -> Reason:
    agreement = rule.agreement
    if agreement is not None:
        status = next((s for s in result.agreements if s.agreement_id == agreement.id), None)
        if status is not None and not status.in_force and status.continued_by is None:
            return "agreement_not_in_force"
    if not result.in_scope:
        return "outside_scope"
    part = rule.scope_part
    if part is not None and any(p.part_id == part and not p.in_scope for p in result.scope_parts):
        return "outside_scope_part"
    return "other"


def _empty_reasons(
    rules: RuleSet,
    event: Event,
    result: Evaluation,
    candidates: tuple[CompiledRule, ...],
    found: tuple[WhyNot, ...],
) -> tuple[EmptyReason, ...]:
    reasons: list[EmptyReason] = []
    top = rules.files[-1].model
    if top.kind == "national":
        reasons.append("national_law_only")
    elif not top.rules:
        reasons.append("no_regional_rules")
    if result.agreements and not any(s.in_force for s in result.agreements):
        reasons.append("agreement_not_in_force")
    if result.obligations:
        return tuple(reasons)
    if not result.in_scope:
        reasons.append("outside_scope")
    if not candidates:
        reasons.append("no_rules_for_kind")
    elif all(w.reason in ("condition_unmet", "rule_not_in_force") for w in found):
        reasons.append("every_condition_unmet")
    if not reasons:
        reasons.append("no_rule_applies")
    return tuple(reasons)
