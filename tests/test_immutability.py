"""A loaded rule set cannot be changed through its public attributes, however deep.

Every bundled rule set (and the example local routine) is walked from the :class:`RuleSet`
through every public attribute: dataclass fields, pydantic model fields, tuple and mapping items.
At each value the test tries the ways Python code changes things (assignment and deletion of
attributes, item assignment and deletion, the mutating methods of lists, dicts and sets) and
asserts that each one raises; and it asserts that every value reached is of an immutable kind,
so a list, dict or set slipped in anywhere fails here even if no attempt below would touch it.

Out of reach of this test by design: private and dunder attributes (``vars(obj)``,
``model_fields_set``), and the compiled predicates (``matches``), which are Python functions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Callable, Iterator
from pathlib import PurePath
from types import BuiltinFunctionType, FunctionType, MappingProxyType
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from placement_rules import RuleSet
from placement_rules.regions import load_all, load_file_rule_set
from placement_rules.ruleset import CompiledRule

from .snapshots import ROOT

REFUSED = (TypeError, AttributeError, ValidationError)
"""What an attempt to change something raises: ``TypeError`` (tuple, read-only mapping),
``AttributeError`` (frozen dataclass: ``FrozenInstanceError``; a method the type lacks) or
pydantic's ``ValidationError`` (frozen model)."""

ATOMS = (str, int, float, bool, type(None), dt.date, PurePath)
"""Immutable values (``dt.date`` covers ``dt.datetime``)."""

CALLABLES = (FunctionType, BuiltinFunctionType, operator.attrgetter, operator.itemgetter)
"""Compiled predicates and fact getters: called, not walked."""

MUTATORS = (
    "append",
    "extend",
    "insert",
    "pop",
    "popitem",
    "remove",
    "clear",
    "update",
    "setdefault",
    "add",
    "discard",
    "sort",
    "reverse",
)
"""The mutating methods of list, dict and set: none may exist on a container reached."""


def rule_sets() -> list[RuleSet]:
    found = list(load_all().values())
    found.append(load_file_rule_set(ROOT / "examples" / "local" / "boras.yaml"))
    return found


RULE_SETS = rule_sets()
VGR = next(r for r in RULE_SETS if r.region == "vastra_gotaland")


def conditioned(rules: RuleSet) -> CompiledRule:
    """The first rule with a condition."""
    return next(r for r in rules.rules if r.conditions)


def public_attributes(value: object) -> Iterator[tuple[str, Any]]:
    """(name, value) of the public attributes that hold the data of a dataclass or model."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield field.name, getattr(value, field.name)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield name, getattr(value, name)


def walk(value: object, path: str, seen: set[int]) -> Iterator[tuple[str, object]]:
    """Every value reachable from ``value`` through public attributes and items, once each."""
    if isinstance(value, ATOMS) or id(value) in seen:
        return
    seen.add(id(value))
    yield path, value
    for name, child in public_attributes(value):
        yield from walk(child, f"{path}.{name}", seen)
    if isinstance(value, (tuple, frozenset)):
        for i, item in enumerate(value):
            yield from walk(item, f"{path}[{i}]", seen)
    elif isinstance(value, MappingProxyType):
        for key, item in value.items():
            yield from walk(key, f"{path} key {key!r}", seen)
            yield from walk(item, f"{path}[{key!r}]", seen)


def is_immutable_kind(value: object) -> bool:
    if isinstance(value, (tuple, frozenset, MappingProxyType, *CALLABLES)):
        return True
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return bool(type(value).__dataclass_params__.frozen)  # type: ignore[attr-defined]
    if isinstance(value, BaseModel):
        return bool(type(value).model_config.get("frozen"))
    return False


def attempts(value: object) -> Iterator[tuple[str, Callable[[], object]]]:
    """(description, attempt) for each way of changing ``value`` that applies to it."""
    for name, current in public_attributes(value):
        yield f"assign .{name}", lambda name=name, current=current: setattr(value, name, current)
        yield f"delete .{name}", lambda name=name: delattr(value, name)
    if isinstance(value, BaseModel) or (
        dataclasses.is_dataclass(value) and not isinstance(value, type)
    ):
        yield "add an attribute", lambda: setattr(value, "added_by_a_test", 1)
    if isinstance(value, tuple) and value:
        yield "assign [0]", lambda: operator.setitem(value, 0, value[0])
        yield "delete [0]", lambda: operator.delitem(value, 0)
    if isinstance(value, MappingProxyType) and value:
        key = next(iter(value))
        yield "assign [key]", lambda: operator.setitem(value, key, value[key])
        yield "delete [key]", lambda: operator.delitem(value, key)
        yield "add [key]", lambda: operator.setitem(value, ("added", "by a test"), ())
        yield "|= {}", lambda: operator.ior(value, {})
    if isinstance(value, (tuple, frozenset, MappingProxyType)):
        for method in MUTATORS:
            yield f".{method}(...)", lambda method=method: getattr(value, method)


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda r: r.region)
def test_every_value_reachable_from_a_rule_set_is_immutable(rules: RuleSet) -> None:
    mutable = [
        f"{path}: {type(value).__name__}"
        for path, value in walk(rules, "rules", set())
        if not is_immutable_kind(value)
    ]
    assert not mutable


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda r: r.region)
def test_every_attempt_to_change_a_rule_set_raises(rules: RuleSet) -> None:
    before = [loaded.model.model_dump_json() for loaded in rules.files]
    ids = [compiled.id for compiled in rules.rules]
    tried = 0
    changed = []
    for path, value in walk(rules, "rules", set()):
        for description, attempt in attempts(value):
            tried += 1
            try:
                attempt()
            except REFUSED:
                continue
            changed.append(f"{path}: {description}")
    assert not changed
    assert tried > 1000  # the walk reached the rules, agreements, sources and scope
    assert [loaded.model.model_dump_json() for loaded in rules.files] == before
    assert [compiled.id for compiled in rules.rules] == ids


def test_the_walk_reaches_every_kind_of_object_a_rule_set_holds() -> None:
    reached: set[str] = set()
    paths: set[str] = set()
    for rules in RULE_SETS:
        for path, value in walk(rules, "rules", set()):
            reached.add(type(value).__name__)
            paths.add(path)
    assert reached >= {
        # the files as loaded
        "LoadedFile", "RuleFile", "Source", "InForce", "Agreement", "AgreementParty",
        "Validity", "Renewal", "Period", "Scope", "AgeRange", "Exclusion", "DutySection",
        "Rule", "Trigger", "Condition", "Responsible", "CostBearer", "Deadline", "Citation",
        "Fulfilment",
        # what the compiler made of them
        "CompiledRule", "CompiledCondition", "CompiledExclusion", "CompiledFulfilment",
        "ActInForce", "mappingproxy", "tuple",
    }  # fmt: skip
    assert {"rules.files[0].positions", "rules.files[1].positions"} <= paths


@pytest.mark.parametrize(
    ("description", "attempt"),
    [
        ("append a note", lambda r: r.rules[0].rule.notes.append("x")),
        ("replace the rules", lambda r: setattr(r, "rules", ())),
        ("add a rule", lambda r: r.by_event.setdefault("sip_held", ())),
        ("drop a source", lambda r: r.sources.pop("national")),
        ("item assignment", lambda r: r.sources.__setitem__("x", None)),
        ("change a deadline", lambda r: setattr(r.rules[0].rule, "deadline", None)),
        ("change a party", lambda r: setattr(r.agreements[0].parties[0], "name", "x")),
        ("widen the scope", lambda r: setattr(r.scope.age, "below", 99)),
        ("add a legal basis", lambda r: r.scope.legal_bases.append("LVM")),
        ("move a position", lambda r: r.files[-1].positions.__setitem__((), (1, 1))),
        ("swap a file", lambda r: setattr(r.files[-1], "model", None)),
        ("condition value", lambda r: setattr(conditioned(r).conditions[0], "value", 0)),
        ("condition values", lambda r: conditioned(r).rule.trigger.when.append(None)),
    ],
)
def test_the_ways_a_caller_would_try(
    description: str, attempt: Callable[[RuleSet], object]
) -> None:
    with pytest.raises(REFUSED):
        attempt(VGR)
