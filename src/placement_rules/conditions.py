"""Rule conditions checked against the event model at load time and compiled into predicates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .events import DERIVED_FACTS, FACT_NAMES, Event
from .models import Condition
from .vocabulary import OP_WORDS

_ORDERING = frozenset({"lt", "le", "gt", "ge"})
_OP_SOURCE = {
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
    "in": "in",
    "not_in": "not in",
}


@dataclass(frozen=True, slots=True)
class CompiledCondition:
    """A validated condition: ``fact`` is a known fact and ``value`` fits it."""

    fact: str
    op: str
    value: Any

    def describe(self) -> str:
        shown = (
            ", ".join(self.value)
            if isinstance(self.value, (list, tuple, frozenset))
            else self.value
        )
        if isinstance(self.value, bool):
            shown = "yes" if self.value else "no"
        return f"{self.fact} {OP_WORDS[self.op]} {shown}"


@cache
def _adapter(fact: str) -> TypeAdapter[Any]:
    if fact in DERIVED_FACTS:
        return TypeAdapter(DERIVED_FACTS[fact])
    annotation: Any = Event.model_fields[fact].annotation
    return TypeAdapter(annotation)


def _check_value(fact: str, value: object) -> None:
    try:
        _adapter(fact).validate_python(value, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        from .loading import kind_of

        raise ValueError(
            f"the value ({kind_of(value)}) does not fit fact '{fact}': {first['msg']}"
        ) from None


def compile_condition(cond: Condition) -> CompiledCondition:
    """Check a condition against the event model, or raise ``ValueError`` saying what is wrong."""
    fact, op, value = cond.fact, cond.op, cond.value
    if fact not in FACT_NAMES:
        raise ValueError(f"unknown fact '{fact}' (known facts: {', '.join(sorted(FACT_NAMES))})")
    if op in ("in", "not_in"):
        if not isinstance(value, tuple) or not value:
            raise ValueError(f"operator '{op}' needs a non-empty list of values")
        for item in value:
            _check_value(fact, item)
        return CompiledCondition(fact, op, tuple(value))
    if isinstance(value, tuple):
        raise ValueError(f"operator '{op}' takes one value, not a list")
    _check_value(fact, value)
    if op in _ORDERING and (not isinstance(value, int) or isinstance(value, bool)):
        raise ValueError(f"operator '{op}' compares numbers; fact '{fact}' is not a number")
    return CompiledCondition(fact, op, value)


def compile_predicate(
    conditions: tuple[CompiledCondition, ...],
) -> Callable[[Mapping[str, Any]], bool]:
    """One function testing all ``conditions`` (a conjunction) on a facts mapping.

    The conditions were validated (facts are known field names, values fit them), so the
    function is generated as one expression; values are passed in as bound constants, never
    spliced into the source."""
    if not conditions:
        return _always
    namespace: dict[str, Any] = {}
    terms = []
    for i, cond in enumerate(conditions):
        if cond.fact not in FACT_NAMES:
            raise ValueError(f"unknown fact '{cond.fact}'")
        value = frozenset(cond.value) if cond.op in ("in", "not_in") else cond.value
        namespace[f"v{i}"] = value
        term = f"f[{cond.fact!r}] {_OP_SOURCE[cond.op]} v{i}"
        if cond.op in _ORDERING:
            term = f"(f[{cond.fact!r}] is not None and {term})"
        terms.append(term)
    source = f"lambda f: {' and '.join(terms)}"
    namespace["__builtins__"] = {}
    predicate: Callable[[Mapping[str, Any]], bool] = eval(source, namespace)
    return predicate


def _always(facts: Mapping[str, Any]) -> bool:
    return True
