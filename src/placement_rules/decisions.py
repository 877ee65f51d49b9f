"""Decision keys on bands: what an event's decision depends on, derived from the rule files.

A rule set's decision (scope, which rules fire, which give way to which) depends on the facts
its conditions test, but a numeric fact only through the thresholds those conditions and the
scopes' age ranges name: ``age lt 18`` and an agreement for ages 0-20 split ages into the bands
under 18, 18-20 and 21 and over. A text fact matters only through the values the conditions
name (``home_region eq vastra_gotaland``: that region, or any other) and the scopes' lists of
legal bases and placement forms. :func:`banded_key` builds, per event kind, one function giving
an event's decision key with each fact replaced by its band, so that every event of a band
shares one decision (see docs/engine.md).

A value the scope check rejects is kept as it is: the reason it gives names the exact value
(an age outside a scope's ages, a placement form it does not cover), so those events cannot
share a decision with their band.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from typing import Any, Final

from .conditions import _OP_SOURCE, _ORDERING, CompiledCondition
from .events import FACT_ATTRIBUTES, FACT_NAMES, Event, fact_getter
from .models import AgeRange

OTHER: Final[tuple[str]] = ("other",)
"""The band of a text value no condition names and every scope covers."""

INLINE_READS: Final[dict[str, str]] = {
    "age": "((_d := e.date).year - (_b := e.birth_date).year"
    " - ((_d.month, _d.day) < (_b.month, _b.day)))",
    "placement_region": "(e.placement_region or e.home_region)",
    "cross_region": "((e.placement_region or e.home_region) != e.home_region)",
    "placement_start": "(_s if (_s := e.placement_start) is not None"
    " else e.date if e.kind == 'placement_started' else None)",
}
"""The derived facts as expressions over an event ``e`` in generated code: the
:class:`~placement_rules.events.Event` properties that give them (``age``,
``effective_placement_region``, ``cross_region``, ``effective_placement_start``), without a
property call each (tests/test_decisions.py checks they agree)."""


def read(fact: str) -> str:
    """The source of an expression giving ``fact`` of an event ``e``."""
    return INLINE_READS.get(fact) or f"e.{FACT_ATTRIBUTES.get(fact, fact)}"


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


def named_values(conditions: Iterable[CompiledCondition]) -> dict[str, frozenset[str]]:
    """Per text fact, the values some condition names (``eq``, ``ne``, ``in``, ``not_in``):
    every other value gives every condition the same answer."""
    named: dict[str, set[str]] = {}
    for cond in conditions:
        values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
        texts = [v for v in values if isinstance(v, str)]
        if texts:
            named.setdefault(cond.fact, set()).update(texts)
    return {fact: frozenset(values) for fact, values in named.items()}


def text_bands(
    conditions: Iterable[CompiledCondition],
    lists: Mapping[str, Sequence[frozenset[str]]],
    facts: Iterable[str],
) -> dict[str, dict[str | None, int]]:
    """Per text fact of ``facts``, its values grouped by what they decide: every value a
    condition names, every value of a scope's list (``lists``: per fact, each scope's list)
    and ``None`` map to a band (a small int), and two values share one when every condition
    on the fact answers alike for them and every list lets both pass; a value some list
    rejects has a band of its own (the reason names it). Band 0 is any other value's: for a
    fact with lists such a value is rejected, so the key keeps it exact. A fact some
    condition orders (``lt``...) is left out (it is numeric: :func:`thresholds`)."""
    by_fact: dict[str, list[CompiledCondition]] = {}
    for cond in conditions:
        by_fact.setdefault(cond.fact, []).append(cond)
    out: dict[str, dict[str | None, int]] = {}
    for fact in sorted(set(facts)):
        tests = by_fact.get(fact, [])
        scopes = [found for found in lists.get(fact, ()) if found]
        if not (tests or scopes) or not all(_is_text_test(c) for c in tests):
            continue  # numeric, boolean or date: not a text fact
        values: set[str | None] = {None}
        for cond in tests:
            named = cond.value if isinstance(cond.value, tuple) else (cond.value,)
            values.update(v for v in named if isinstance(v, str) or v is None)
        for found in scopes:
            values.update(found)

        ids = {_signature(_UNNAMED, tests, scopes): 0}
        out[fact] = {
            v: ids.setdefault(_signature(v, tests, scopes), len(ids))
            for v in sorted(values, key=lambda v: (v is not None, v or ""))
        }
    return out


_TEXT_OPS: Final[frozenset[str]] = frozenset({"eq", "ne", "in", "not_in"})
_UNNAMED: Final[object] = object()
"""A value no condition names and no list holds (the band of every such value)."""


def _signature(
    value: object, tests: Sequence[CompiledCondition], scopes: Sequence[frozenset[str]]
) -> Hashable:
    """What ``value`` decides: each condition's answer, whether each list lets it pass, and
    the value itself when one does not (the reason names it)."""
    passes = tuple(value is None or value in found for found in scopes)
    answers = tuple(_text_answer(c, value) for c in tests)
    return (answers, passes, () if all(passes) else (value,))


def _is_text_test(cond: CompiledCondition) -> bool:
    values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
    return cond.op in _TEXT_OPS and all(isinstance(v, str) or v is None for v in values)


def _text_answer(cond: CompiledCondition, value: object) -> bool:
    """What ``cond`` (``eq``, ``ne``, ``in``, ``not_in``) answers for ``value``, as
    :func:`~placement_rules.conditions.compile_predicate`'s operators do."""
    if cond.op in ("in", "not_in"):
        listed = value in frozenset(cond.value)
        return listed if cond.op == "in" else not listed
    same = bool(value == cond.value)
    return same if cond.op == "eq" else not same


def banded_key(
    names: Collection[str],
    cuts: Mapping[str, tuple[int, ...]],
    age_ranges: tuple[AgeRange, ...] = (),
    named: Mapping[str, frozenset[str]] | None = None,
    covered: Mapping[str, frozenset[str]] | None = None,
    bands: Mapping[str, Mapping[str | None, int]] | None = None,
) -> Callable[[Event], Hashable]:
    """The decision key of an event: the values of ``names`` (sorted), each numeric fact of
    ``cuts`` as its band; ``age_ranges`` are the scopes' ages (they split ages too, and an age
    outside one is kept exact). A fact of ``named`` keeps the values named there (and
    ``None``); any other value is :data:`OTHER` when it is in ``covered[fact]`` (the values
    every scope covers) or the fact is not in ``covered``, and is kept exact otherwise. A fact
    of ``bands`` (:func:`text_bands`) is its value's band instead (a value it does not map:
    band 0, or the value itself, exact, when the fact is in ``covered``: a list rejects it)."""
    ordered = sorted(names)
    named = named or {}
    covered = covered or {}
    bands = bands or {}
    banded = [n for n in ordered if cuts.get(n) or n in named or n in covered or n in bands]
    if not banded and not ("age" in ordered and age_ranges):
        return fact_getter(ordered)  # nothing to band: the plain values, one C-level getter
    namespace: dict[str, Any] = {"_bisect": bisect_right, "_OTHER": OTHER}
    terms = []
    for i, name in enumerate(ordered):
        if name not in FACT_NAMES:
            raise ValueError(f"unknown fact '{name}'")
        attribute = read(name)
        bounds = set(cuts.get(name, ()))
        ranges = age_ranges if name == "age" else ()
        bounds |= {r.min for r in ranges} | {r.below for r in ranges}
        if bounds:
            namespace[f"c{i}"] = tuple(sorted(bounds))
            inside = ""
            if ranges:
                low, below = max(r.min for r in ranges), min(r.below for r in ranges)
                inside = f"({low} <= v{i} < {below}) and "
            terms.append(
                f"(None if (v{i} := {attribute}) is None else "
                f"_bisect(c{i}, v{i}) if {inside}True else ('exact', v{i}))"
            )
        elif name in bands:
            namespace[f"m{i}"] = dict(bands[name])
            if name in covered:  # a value no list holds is rejected: its reason names it
                terms.append(f"m{i}.get((v{i} := {attribute}), v{i})")
            else:
                terms.append(f"m{i}.get({attribute}, 0)")
        elif name in named or name in covered:
            namespace[f"k{i}"] = named.get(name, frozenset()) | {None}
            if name in covered:
                namespace[f"s{i}"] = covered[name]
                terms.append(
                    f"(v{i} if (v{i} := {attribute}) in k{i} or v{i} not in s{i} else _OTHER)"
                )
            else:
                terms.append(f"(v{i} if (v{i} := {attribute}) in k{i} else _OTHER)")
        else:
            terms.append(attribute)
    body = terms[0] if len(terms) == 1 else f"({', '.join(terms)},)"
    namespace["__builtins__"] = {}
    key: Callable[[Event], Hashable] = eval(f"lambda e: {body}", namespace)
    return key


def matcher(
    conjunctions: Sequence[tuple[CompiledCondition, ...]],
) -> Callable[[Event], tuple[bool, ...]]:
    """One function giving, for an event, whether each conjunction of conditions holds (in
    order): the answers of the rules' compiled predicates (``CompiledRule.matches`` on
    :func:`~placement_rules.evaluation.event_facts`), read straight from the event, each fact
    once, with the operators :func:`~placement_rules.conditions.compile_predicate` uses. Values
    are bound constants, never spliced into the source."""
    namespace: dict[str, Any] = {}
    reads: dict[str, str] = {}
    answers = []
    for i, conditions in enumerate(conjunctions):
        terms = []
        for j, cond in enumerate(conditions):
            if cond.fact not in FACT_NAMES:
                raise ValueError(f"unknown fact '{cond.fact}'")
            local = reads.setdefault(cond.fact, f"f{len(reads)}")
            value = frozenset(cond.value) if cond.op in ("in", "not_in") else cond.value
            namespace[f"v{i}_{j}"] = value
            term = f"{local} {_OP_SOURCE[cond.op]} v{i}_{j}"
            if cond.op in _ORDERING:
                term = f"({local} is not None and {term})"
            terms.append(term)
        answers.append(f"({' and '.join(terms)})" if terms else "True")
    lines = [f"    {local} = {read(fact)}" for fact, local in reads.items()]
    body = "\n".join([*lines, f"    return ({''.join(a + ', ' for a in answers)})"])
    namespace["__builtins__"] = {}
    exec(f"def match(e):\n{body}\n", namespace)
    match: Callable[[Event], tuple[bool, ...]] = namespace["match"]
    return match
