"""Scenario files: an event and the obligations a lawyer expects, worked out from the source text.

A scenario file (``*.scenario.yaml``) holds one scenario::

    region: vastra_gotaland
    title: Planerad LVU-placering i familjehem, 12 år
    event: {kind: placement_started, date: 2024-03-04, ...}
    expect:
      in_scope: true
      obligations:
        - rule: vgr.health_examination.offer_within_four_weeks
          responsible: region          # principal (optional)
          due: 2024-04-01              # or  vague: skyndsamt   (optional)
          cost_bearer: region          # optional
          why: "3.4.3.1: 'inom 4 veckor' from 2024-03-04 = 2024-04-01 (a Monday)"
      absent: [national.sip.draw_up.sol2001]
      conflicts: []                    # rule ids expected in conflict (optional)
      agreement_state: in_force        # optional, or a mapping agreement id -> state
      not_applied:                     # optional: rules listed as not applied, and why
        - {rule: vgr.sip.before_planned_placement, reason_contains: "after its one extension"}
      warnings_contain: ["no agreement of vastra_gotaland in force"]   # optional
      scope_parts: {section_3: false}  # optional: inside each scope part of the agreement?

Every expected obligation must carry ``why``: the hand computation with its citation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ScenarioError, format_pydantic_errors
from .evaluation import evaluate
from .events import Event
from .loading import read_yaml
from .results import Evaluation, Obligation
from .ruleset import RuleSet
from .vocabulary import VAGUE_TERM_LABELS, Principal, VagueTerm


class ExpectedObligation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str
    form: Literal["duty", "requirement"] | None = Field(
        default=None, description="requirement: the text names no responsible party."
    )
    responsible: Principal | None = None
    due: dt.date | None = None
    vague: VagueTerm | None = None
    cost_bearer: Principal | None = None
    convener: Principal | None = None
    legal_basis: list[str] | None = Field(
        default=None, description="The legal basis in force on the event date (as a set)."
    )
    why: str = Field(min_length=10, description="The hand computation and its citation.")


class ExpectedNotApplied(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str
    reason_contains: str | None = Field(
        default=None, description="A part of the reason the result gives."
    )


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    in_scope: bool | None = None
    obligations: list[ExpectedObligation] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    conflicts: list[str] | None = None
    agreement_state: str | dict[str, str] | None = None
    not_applied: list[ExpectedNotApplied] = Field(default_factory=list)
    warnings_contain: list[str] = Field(
        default_factory=list, description="Each must be part of some warning of the result."
    )
    scope_parts: dict[str, bool] = Field(
        default_factory=dict, description="Scope part id -> whether the event is inside it."
    )


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: str
    title: str
    description: str | None = None
    event: Event
    expect: Expectation


def load_scenario(path: Path) -> Scenario:
    data = read_yaml(path)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(f"{path}: {format_pydantic_errors(exc)}") from None


def check_scenario(scenario: Scenario, rules: RuleSet) -> list[str]:
    """Every way the evaluation differs from the scenario's expectation (empty: it passes)."""
    result = evaluate(rules, scenario.event)
    return _differences(scenario.expect, result)


def _differences(expect: Expectation, result: Evaluation) -> list[str]:
    problems: list[str] = []
    if expect.in_scope is not None and result.in_scope != expect.in_scope:
        problems.append(
            f"in_scope: expected {expect.in_scope}, got {result.in_scope} "
            f"({'; '.join(result.scope_reasons) or 'no reason given'})"
        )
    by_rule = {o.rule_id: o for o in result.obligations}
    for want in expect.obligations:
        got = by_rule.get(want.rule)
        if got is None:
            problems.append(
                f"missing obligation {want.rule} (got: {', '.join(sorted(by_rule)) or 'none'})"
            )
            continue
        checks: list[tuple[str, object, Callable[[Obligation], object]]] = [
            ("form", want.form, lambda o: o.form),
            (
                "responsible",
                want.responsible,
                lambda o: o.responsible.principal if o.responsible else None,
            ),
            ("due", want.due, lambda o: o.due),
            ("vague", VAGUE_TERM_LABELS[want.vague] if want.vague else None, lambda o: o.vague),
            (
                "cost_bearer",
                want.cost_bearer,
                lambda o: o.cost_bearer.principal if o.cost_bearer else None,
            ),
            ("convener", want.convener, lambda o: o.convener.principal if o.convener else None),
            (
                "legal_basis",
                sorted(want.legal_basis) if want.legal_basis is not None else None,
                lambda o: sorted(o.legal_basis),
            ),
        ]
        for name, expected, actual in checks:
            if expected is not None and actual(got) != expected:
                problems.append(f"{want.rule}.{name}: expected {expected}, got {actual(got)}")
    for rule_id in expect.absent:
        if rule_id in by_rule:
            problems.append(f"obligation {rule_id} should not apply")
    if expect.conflicts is not None:
        got_conflicts = sorted(c.rule_id for c in result.conflicts)
        if got_conflicts != sorted(expect.conflicts):
            problems.append(f"conflicts: expected {sorted(expect.conflicts)}, got {got_conflicts}")
    problems.extend(_state_differences(expect.agreement_state, result))
    problems.extend(_not_applied_differences(expect.not_applied, result))
    problems.extend(_scope_part_differences(expect.scope_parts, result))
    problems.extend(
        f"no warning contains “{text}”"
        for text in expect.warnings_contain
        if not any(text in warning for warning in result.warnings)
    )
    return problems


def _scope_part_differences(expected: dict[str, bool], result: Evaluation) -> list[str]:
    parts = {p.part_id: p for p in result.scope_parts}
    problems = []
    for part_id, inside in expected.items():
        part = parts.get(part_id)
        if part is None:
            problems.append(f"scope part {part_id}: expected {inside}, but there is no such part")
        elif part.in_scope != inside:
            why = f" ({'; '.join(part.reasons)})" if part.reasons else ""
            problems.append(f"scope part {part_id}: expected {inside}, got {part.in_scope}{why}")
    return problems


def _not_applied_differences(expected: list[ExpectedNotApplied], result: Evaluation) -> list[str]:
    reasons = {n.rule_id: n.reason for n in result.not_applied}
    problems = []
    for want in expected:
        reason = reasons.get(want.rule)
        if reason is None:
            problems.append(f"{want.rule} should be listed as not applied")
        elif want.reason_contains is not None and want.reason_contains not in reason:
            problems.append(
                f"{want.rule} not applied because {reason!r}, "
                f"expected a reason with {want.reason_contains!r}"
            )
    return problems


def _state_differences(expected: str | dict[str, str] | None, result: Evaluation) -> list[str]:
    if expected is None:
        return []
    states = {a.agreement_id: a.state for a in result.agreements}
    wanted = expected if isinstance(expected, dict) else dict.fromkeys(states, expected)
    return [
        f"agreement {k}: expected {v}, got {states.get(k)}"
        for k, v in wanted.items()
        if states.get(k) != v
    ]


def scenario_summary(scenario: Scenario) -> dict[str, Any]:
    return {"region": scenario.region, "title": scenario.title, "event": scenario.event.kind}
