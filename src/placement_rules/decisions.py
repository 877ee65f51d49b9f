"""Decision keys on bands: what an event's decision depends on, derived from the rule files.

A rule set's decision (scope, which rules fire, which give way to which) depends on the facts
its conditions test, but a numeric fact only through the thresholds those conditions and the
scopes' age ranges name: ``age lt 18`` and an agreement for ages 0-20 split ages into the bands
under 18, 18-20 and 21 and over. :func:`banded_key` builds, per event kind, a function giving
an event's decision key with each numeric fact replaced by the index of its band, so that every
event of a band shares one memoised decision (a few dozen keys instead of one per exact age).

A value outside a scope's age range is kept as it is: the reason the scope check gives names
the exact age, so those events cannot share a decision with their band.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from operator import attrgetter
from typing import Any

from .conditions import CompiledCondition
from .events import FACT_ATTRIBUTES, Event, fact_getter
from .models import AgeRange


def thresholds(conditions: Iterable[CompiledCondition]) -> dict[str, tuple[int, ...]]:
    """Per numeric fact, the values where some condition's answer changes, sorted: a value
    ``v`` is in band ``bisect_right(thresholds, v)``, and every value of one band gives every
    condition the same answer."""
    cuts: dict[str, set[int]] = {}
    for cond in conditions:
        values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if not numbers:
            continue
        found = cuts.setdefault(cond.fact, set())
        for v in numbers:
            if cond.op in ("lt", "ge"):
                found.add(v)
            elif cond.op in ("le", "gt"):
                found.add(v + 1)
            else:  # eq, ne, in, not_in: the value is a band of its own
                found.update((v, v + 1))
    return {fact: tuple(sorted(values)) for fact, values in cuts.items()}


def banded_key(
    names: Collection[str],
    cuts: Mapping[str, tuple[int, ...]],
    age_ranges: tuple[AgeRange, ...] = (),
) -> Callable[[Event], Hashable]:
    """The decision key of an event: the values of ``names`` (sorted), each numeric fact of
    ``cuts`` as its band; ``age_ranges`` are the scopes' ages (they split ages too, and an age
    outside one is kept exact)."""
    ordered = sorted(names)
    if not any(cuts.get(name) for name in ordered) and not ("age" in ordered and age_ranges):
        return fact_getter(ordered)  # nothing to band: the plain values, one C-level getter
    age_cuts = {r.min for r in age_ranges} | {r.below for r in age_ranges}
    parts: list[Callable[[Event], Any]] = []
    for name in ordered:
        getter = attrgetter(FACT_ATTRIBUTES.get(name, name))
        bounds = set(cuts.get(name, ()))
        if name == "age":
            bounds |= age_cuts
        if bounds:
            ranges = tuple((r.min, r.below) for r in age_ranges) if name == "age" else ()
            parts.append(_band(getter, tuple(sorted(bounds)), ranges))
        else:
            parts.append(getter)
    if len(parts) == 1:
        return parts[0]
    return _joined(tuple(parts))


def _band(
    getter: Callable[[Event], Any],
    bounds: tuple[int, ...],
    ranges: tuple[tuple[int, int], ...],
) -> Callable[[Event], Hashable]:
    def band(event: Event) -> Hashable:
        value = getter(event)
        if value is None:
            return None
        for low, below in ranges:
            if not low <= value < below:
                return ("exact", value)
        return bisect_right(bounds, value)

    return band


def _joined(parts: tuple[Callable[[Event], Any], ...]) -> Callable[[Event], Hashable]:
    def key(event: Event) -> Hashable:
        return tuple([part(event) for part in parts])

    return key
