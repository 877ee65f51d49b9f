"""The answers' JSON as UTF-8 bytes with orjson, for the service and the command line.

The same bytes as the standard library's text encoder (:mod:`.encode`, the fallback without
orjson and the oracle of the tests), in a fraction of the time: every part of an obligation
that a rule fixes is bytes built once per rule set; the parts an event decides are written on
first use and kept in bounded memos keyed on what they depend on (the engine hands out the same
objects for the same places, due dates and agreement statuses, so a look-up is a dict probe);
what is left per answer (the ids, the head, the lists of the full answer) is one ``orjson.dumps``
call and one ``bytes.join``.

A memo is a plain dict that starts afresh when full (:data:`MAX_MEMO` entries): thread-safe as
a dict is (two threads that write one entry store equal bytes), and bounded whatever the input.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

import orjson

from .encode import (
    SCHEMA_VERSION,
    RuleFragments,
    _iso,
    agreement_fields,
    conflict_fields,
    due_date_json,
    not_applied_fields,
    scope_part_fields,
)

if TYPE_CHECKING:
    from ..calendar import DueDate
    from ..events import Event
    from ..results import Evaluation, Obligation, Places
    from ..ruleset import CompiledRule
    from ..validity import AgreementStatus

__all__ = ["MAX_MEMO", "FastEncoder"]

MAX_MEMO: Final[int] = 4096
"""Entries one memo keeps before it starts afresh."""

_dumps: Final = orjson.dumps
_Fragment: Final = orjson.Fragment
"""Already-serialized JSON inside a value ``orjson.dumps`` writes (orjson 3.9 added it)."""

_NO_DUE: Final = b',"due":null,"due_date":null'
_EMPTY: Final = _Fragment(b"[]")

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


def _remember(memo: dict[K, V], key: K, value: V) -> V:
    if len(memo) >= MAX_MEMO:
        memo.clear()
    memo[key] = value
    return value


class _Variant:
    """One rule as one obligation shows it: its own fields, the deadline and cost bearer of
    the rule it replaces where it states none (``inherited``), and its memos."""

    __slots__ = (
        "basis",
        "basis_days",
        "basis_labels",
        "compiled",
        "cost_from",
        "deadline_from",
        "head_compact",
        "head_full",
        "inherited",
        "own",
        "parties_memo",
        "sha",
        "tail_memo",
    )

    def __init__(
        self,
        compiled: CompiledRule,
        inherited: CompiledRule | None,
        own: RuleFragments,
        lender: RuleFragments | None,
    ) -> None:
        self.compiled, self.inherited, self.own = compiled, inherited, own
        rule = compiled.rule
        deadline_from = own if lender is None or rule.deadline is not None else lender
        cost_from = own if lender is None or rule.cost_bearer is not None else lender
        self.deadline_from, self.cost_from = deadline_from, cost_from
        if lender is None:
            full, compact = own.head_full, own.head_compact
        else:
            full = (
                f'{{{own.full},"deadline":{deadline_from.deadline_full},'
                f'"cost_note":{cost_from.cost_note}'
            )
            compact = f'{{{own.compact},"deadline":{deadline_from.deadline_compact}'
        self.head_full = f'{full},"id":"obl_'.encode()
        self.head_compact = f'{compact},"id":"obl_'.encode()
        self.sha = hashlib.sha256(compiled.id.encode("utf-8"))
        """The hash of the id's constant prefix (the rule id), copied per obligation."""
        self.basis_days = own.basis_days
        self.basis = own.basis
        self.basis_labels = own.basis_labels
        self.parties_memo: dict[Places, bytes] = {}
        self.tail_memo: dict[tuple[Any, ...], bytes] = {}

    def parties(self, places: Places) -> bytes:
        """``","responsible":...,"convener":...,"cost_bearer":...`` for these places."""
        found = self.parties_memo.get(places)
        if found is not None:
            return found
        own, cost = self.own, self.cost_from.cost_bearer
        text = (
            f'","responsible":{own.responsible.json(places) if own.responsible else "null"},'
            f'"convener":{own.convener.json(places) if own.convener else "null"},'
            f'"cost_bearer":{cost.json(places) if cost else "null"}'
        )
        return _remember(self.parties_memo, places, text.encode("utf-8"))

    def tail(self, ob: Obligation, key: tuple[Any, ...]) -> bytes:
        """``,"supersedes":...`` to the end of the obligation; with the legal basis in force
        and the reasons when ``key`` is a full answer's: (supersedes, the stretch of the legal
        basis the event date is in or -1, and what the reasons depend on besides the rule)."""
        supersedes = ob.supersedes
        listed = _dumps(list(supersedes)).decode("utf-8") if supersedes else "[]"
        text = f',"supersedes":{listed}'
        if len(key) > 1:
            basis = self.basis_labels if key[1] == -1 else self.basis[key[1]]
            because = _dumps(list(ob.because)).decode("utf-8")
            text += f',"legal_basis":{basis},"because":{because}'
        return _remember(self.tail_memo, key, (text + "}").encode("utf-8"))


class FastEncoder:
    """The evaluation answers of :class:`.encode.AnswerEncoder` as bytes, with orjson (see
    the module docstring). Built by the answer encoder from its fragments."""

    __slots__ = (
        "_due_memo",
        "_fragments",
        "_heads",
        "_lists_memo",
        "_receipt_head",
        "_receipt_memo",
        "_region",
        "_region_json",
        "_variants",
        "_variants_memo",
    )

    def __init__(
        self,
        region: str,
        fragments: Mapping[int, tuple[CompiledRule, RuleFragments]],
        receipt_head: str,
        fragments_of: Callable[[CompiledRule], RuleFragments],
    ) -> None:
        self._region = region
        self._fragments = fragments_of
        self._variants: dict[int, _Variant] = {
            key: _Variant(compiled, None, own, None) for key, (compiled, own) in fragments.items()
        }
        self._variants_memo: dict[tuple[int, int], _Variant] = {}
        self._receipt_head = receipt_head.encode("utf-8")
        self._heads = {
            detail: f'{{"schema_version":"{SCHEMA_VERSION}","detail":"{detail}","region":'
            for detail in ("full", "compact")
        }
        self._region_json = _dumps(region).decode("utf-8")
        self._due_memo: dict[int, tuple[DueDate, bytes, bytes]] = {}
        self._lists_memo: dict[int, tuple[tuple[Any, ...], orjson.Fragment]] = {}
        self._receipt_memo: dict[
            tuple[int, str | None], tuple[tuple[AgreementStatus, ...], bytes]
        ] = {}

    # --- parts -----------------------------------------------------------------------------

    def _variant(self, ob: Obligation) -> _Variant:
        compiled, inherited = ob.compiled, ob.inherited
        if inherited is None:
            found = self._variants.get(id(compiled))
            if found is not None and found.compiled is compiled:
                return found
            return _Variant(compiled, None, self._fragments(compiled), None)
        key = (id(compiled), id(inherited))
        known = self._variants_memo.get(key)
        if known is not None and known.compiled is compiled and known.inherited is inherited:
            return known
        variant = _Variant(
            compiled, inherited, self._fragments(compiled), self._fragments(inherited)
        )
        if id(compiled) in self._variants and id(inherited) in self._variants:
            # both of this rule set: they live as long as the encoder, so their ids do
            _remember(self._variants_memo, key, variant)
        return variant

    def _due(self, due: DueDate) -> tuple[DueDate, bytes, bytes]:
        """``,"due":...,"due_date":...`` of the full and the compact answer."""
        day = _iso(due.date)
        return _remember(
            self._due_memo,
            id(due),
            (
                due,
                f',"due":{day},"due_date":{due_date_json(due, full=True)}'.encode(),
                f',"due":{day},"due_date":{due_date_json(due, full=False)}'.encode(),
            ),
        )

    def _receipt(self, statuses: tuple[AgreementStatus, ...], law: str | None) -> bytes:
        key = (id(statuses), law)
        found = self._receipt_memo.get(key)
        if found is not None and found[0] is statuses:
            return found[1]
        used = [
            {"agreement_id": a.agreement_id, "state": a.state, "term": a.term} for a in statuses
        ]
        text = b'%s"agreements":%s,"law_in_force":%s}' % (
            self._receipt_head,
            _dumps(used),
            _dumps(law),
        )
        return _remember(self._receipt_memo, key, (statuses, text))[1]

    def _listed(self, items: tuple[T, ...], shape: Callable[[T], object]) -> orjson.Fragment:
        """A list of the evaluation (the engine's memos hand out the same tuple for the same
        date or decision), each item as ``shape`` gives it."""
        if not items:
            return _EMPTY
        found = self._lists_memo.get(id(items))
        if found is not None and found[0] is items:
            return found[1]
        listed = _Fragment(_dumps([shape(item) for item in items]))
        return _remember(self._lists_memo, id(items), (items, listed))[1]

    # --- the answer ------------------------------------------------------------------------

    def evaluation(
        self,
        event: Event,
        result: Evaluation,
        full: bool,
        explanation: Mapping[str, Any] | None = None,
    ) -> bytes:
        date = event.date
        day = date.isoformat()
        anchor = event.effective_placement_start
        # what identifies the event (encode.event_key), each date written once
        key = "|".join(
            (
                "",
                event.kind,
                day,
                event.home_region,
                day if anchor is None or anchor is date else anchor.isoformat(),
            )
        ).encode("utf-8")
        region = result.region
        head = self._heads["full" if full else "compact"] + (
            self._region_json if region == self._region else _dumps(region).decode("utf-8")
        )
        event_day = result.event_date
        parts = [
            (
                f'{head},"event":{{"kind":"{result.event_kind}",'
                f'"date":"{day if event_day is date else event_day.isoformat()}"}},'
                f'"in_scope":{"true" if result.in_scope else "false"},"obligations":['
            ).encode()
        ]
        variants, due_memo = self._variants, self._due_memo
        comma = b""
        for ob in result.obligations:
            # the fields in Obligation's order (a named tuple: unpacking is the cheapest read)
            compiled, due, places, label, summary, supersedes, inherited, on = ob
            variant = variants.get(id(compiled)) if inherited is None else None
            if variant is None:
                variant = self._variant(ob)
            sha = variant.sha.copy()
            sha.update(key)
            parties = variant.parties_memo.get(places) or variant.parties(places)
            if due is None:
                dated = _NO_DUE
            else:
                known = due_memo.get(id(due))
                if known is None or known[0] is not due:
                    known = self._due(due)
                dated = known[1] if full else known[2]
            if full:
                stretch = -1 if on is None else bisect_right(variant.basis_days, on)
                tail_key: tuple[Any, ...] = (supersedes, stretch, label, summary, due is None)
            else:
                tail_key = (supersedes,)
            tail = variant.tail_memo.get(tail_key) or variant.tail(ob, tail_key)
            parts += (
                comma,
                variant.head_full if full else variant.head_compact,
                sha.hexdigest()[:24].encode("ascii"),
                parties,
                dated,
                tail,
            )
            comma = b","
        receipt = self._receipt(result.agreements, result.law_in_force)
        if not full and not result.conflicts and explanation is None:
            parts += (b'],"conflicts":[],"receipt":', receipt, b"}")
            return b"".join(parts)
        parts.append(b"],")
        rest: dict[str, Any] = {
            "conflicts": [conflict_fields(c, full=full) for c in result.conflicts]
        }
        if full:
            rest["not_applied"] = self._listed(result.not_applied, not_applied_fields)
            rest["agreements"] = self._listed(result.agreements, agreement_fields)
            rest["scope_parts"] = self._listed(result.scope_parts, scope_part_fields)
            rest["law_in_force"] = result.law_in_force
            rest["scope_reasons"] = result.scope_reasons
            rest["warnings"] = result.warnings
        if explanation is not None:
            rest["explanation"] = explanation
        rest["receipt"] = _Fragment(receipt)
        parts.append(_dumps(rest)[1:])
        return b"".join(parts)
