"""The hostile-input fuzz suite (tests/fuzz): every input keeps the invariant of
:mod:`tests.fuzz.invariant` (a located PlacementRulesError or problem, no echoed marker, time
and memory bounds).

- By default: a property test per target, derandomised (the same inputs on every run),
  :data:`DEFAULT_EXAMPLES` inputs each; a failure stops and shrinks to a minimal input.
- ``PLACEMENT_RULES_FUZZ=N``: census mode over N inputs in all, split over the targets, on
  every core (``tests/fuzz/census.py``); every failure is counted by class and the test fails
  if any class is not zero. ``PLACEMENT_RULES_FUZZ_REPORT=FILE`` keeps the counts as JSON.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from .fuzz.census import run, summary
from .fuzz.invariant import Failure, check
from .fuzz.targets import TARGETS, call

DEFAULT_EXAMPLES = {"rules": 800, "events": 800, "audit": 800}
FUZZ = os.environ.get("PLACEMENT_RULES_FUZZ")


def _property(name: str) -> Any:
    target = TARGETS[name]

    @settings(
        max_examples=DEFAULT_EXAMPLES[name],
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.inputs)
    def keeps_the_invariant(value: Any) -> None:
        try:
            check(lambda: call(target, value), target.where(value))
        except Failure as failure:
            raise AssertionError(str(failure)) from None

    return keeps_the_invariant


test_rule_texts_keep_the_invariant = _property("rules")
test_event_documents_keep_the_invariant = _property("events")
test_audit_inputs_keep_the_invariant = _property("audit")


@pytest.mark.skipif(not FUZZ, reason="census mode: set PLACEMENT_RULES_FUZZ=N (e.g. 200000)")
def test_census() -> None:
    report = run(int(FUZZ or 0), sorted(TARGETS))
    out = os.environ.get("PLACEMENT_RULES_FUZZ_REPORT")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    print(summary(report))
    assert report["failures"] == 0, summary(report)
