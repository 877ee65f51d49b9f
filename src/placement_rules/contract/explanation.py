"""The ``explanation`` of an answer (``explain=true`` in the service, ``evaluate --json
--why-not``): for each rule of the event's kind that gave no obligation, the reason as codes and
a label; and why the answer is empty, as codes and labels. Read from
:func:`placement_rules.explain.explain`; the labels are the people view's sentences, in the
language asked for (Swedish by default). The shape is :class:`.models.ExplanationOut`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..i18n import text
from .encode import obligation_id

if TYPE_CHECKING:
    from ..events import Event
    from ..i18n import Lang
    from ..results import Evaluation
    from ..ruleset import RuleSet

__all__ = ["explanation"]

_POINTING_AT_WHY_NOT: Final = frozenset({"every_condition_unmet", "no_rule_applies"})
"""Reasons whose people-view sentence says "see below": here they point at ``why_not``."""


def explanation(
    rules: RuleSet, event: Event, result: Evaluation, lang: Lang = "sv"
) -> dict[str, Any]:
    """The explanation of ``result`` (the evaluation of ``event`` on ``rules``) as JSON data."""
    from ..explain import explain
    from ..views.sentences import empty_sentence, why_not_sentence

    explained = explain(rules, event, result)
    why_not = [
        {
            "rule_id": w.rule.id,
            "duty": w.rule.duty,
            "code": w.reason,
            "fact": w.condition.fact if w.condition is not None else None,
            "removed_by_fact": w.removed_by_fact,
            "replaced_by": (
                obligation_id(w.replaced_by, event) if w.replaced_by is not None else None
            ),
            "label": why_not_sentence(w, lang),
        }
        for w in explained.why_not
    ]
    reasons = [
        {
            "code": code,
            "label": (
                text(f"service.empty.{code}", lang)
                if code in _POINTING_AT_WHY_NOT
                else empty_sentence(code, event.kind, lang)
            ),
        }
        for code in explained.empty
    ]
    return {"why_not": why_not, "reasons": reasons}
