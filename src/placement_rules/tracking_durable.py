"""Case tracking correlation on the durable-rules engine (optional extra ``[tracking]``).

Same contract as the reference oracle :func:`placement_rules.tracking_oracle.correlate`: given a
case's obligation facts and fulfilment facts, which fulfilment met which obligation.

The oracle's rule (a fulfilment meets the earliest open obligation of its duty incurred on or
before its date, fulfilments taken in log order) is a queue per duty: the met obligations are
always a prefix of the duty's obligations in rank order, because their dates never decrease. The
Rete network walks that queue. Per duty it holds the obligations and fulfilments numbered in
order (``idx``), a sentinel obligation dated after every real date closing the queue, and a
*pointer* fact naming the first open obligation and the next fulfilment. Two rules join the
pointer to both by equality and compare their dates:

``match``  ``o.day <= f.day``: record (o, f); assert the next pointer (both advance).
``skip``   ``o.day > f.day``: f comes before anything open; assert the next pointer (only the
           fulfilment advances, f stays unmatched).

durable-rules' traps, each wrapped here so none reaches a user:

- ``durable.lang`` keeps a process-global registry of rulesets: never imported. Rulesets are
  built as JSON definitions and registered on :class:`durable.engine.Host` directly.
- ``Host()`` starts two background timer threads that dispatch on their own: a private
  subclass makes ``_run`` a no-op, so no thread starts; every call is dispatched synchronously
  by the caller (``assert_facts`` runs the actions to quiescence before returning).
- The C engine is not thread-safe (concurrent calls crash the process): one process-wide lock
  is held around every call into it.
- An event is consumed by the first rule that fires, so everything is asserted as a *fact*.
- Facts that look the same are one fact to the engine: every fact gets a unique ``id``.
- ``$not`` conditions must come last in a rule; this ruleset needs none.
- A ``$and`` group whose *last* term is false makes ``reduceExpressionSequence`` step past the
  group's end marker and scan on through memory (segfaults that come and go with the heap's
  contents; found by the property test, located with gdb). Every join ends with a term that is
  always true (:data:`ALWAYS_TRUE`).
- Conditions with the same parent share one alpha node, and a shared condition that refers to
  another fact is then left out of the second rule's join (``findAlpha`` returns before
  ``GET_EXPRESSION``): each rule tests its own fact tags (:data:`RULE_TAGS`), so no join
  condition is ever shared.
- A stored fact keeps pointers to its ``sid`` and ``id`` in the JSON text it was asserted from,
  which ``engine.Ruleset`` frees as soon as the call returns: the texts are kept alive until the
  case's state is deleted (see ``_keep_texts_alive``). Actions never read ``sid`` or ``id``.
- An exception inside an action is not raised: durable stores it as ``exception`` in the state
  it returns. Any such state, and any engine exception, becomes :class:`DurableEngineError`.
- The engine holds at most 1,024 open cases (sids) per ruleset: cases go in batches of at most
  :data:`BATCH_LIMIT`, each with a fresh sid, and every sid is deleted once its case is judged,
  so memory stays flat however many cases pass through. Actions never retract: each pointer is
  a new fact, and a case's facts go all at once with its state.

One private host per loaded :class:`~placement_rules.ruleset.RuleSet`, created on first use and
dropped when the rule set is garbage-collected (see :func:`_forget`).
"""

from __future__ import annotations

import importlib
import itertools
import json
import threading
import weakref
from collections.abc import Callable, Sequence
from typing import Any, Final

from .errors import PlacementRulesError
from .ruleset import RuleSet
from .tracking_oracle import CaseFacts, Matches

INSTALL_HINT: Final[str] = "pip install 'placement-rules[tracking]'"
MAX_OPEN_CASES: Final[int] = 1024
"""durable-rules' hard limit of open states (MAX_STATE_INDEX_LENGTH in rete.h)."""
BATCH_LIMIT: Final[int] = 512
"""Cases judged per pass: half the engine's limit."""

_LOCK = threading.RLock()
"""Held around every call into durable-rules (its C engine crashes under concurrent calls)."""
_HOSTS: dict[int, tuple[weakref.ref[RuleSet], _Correlator]] = {}
"""id(rule set) -> (the rule set, weakly, and its private host)."""
_NAMES = itertools.count(1)
_SIDS = itertools.count(1)


class DurableEngineError(PlacementRulesError):
    """durable-rules failed or is not installed."""


def _engine() -> Any:
    """durable's engine module, imported lazily (never ``durable.lang``)."""
    try:
        return importlib.import_module("durable.engine")
    except ImportError:
        raise DurableEngineError(
            f"the durable tracking engine needs durable-rules: {INSTALL_HINT} "
            "(or use --engine python)") from None


def available() -> bool:
    """Whether durable-rules can be imported."""
    try:
        _engine()
    except DurableEngineError:
        return False
    return True


NEVER: Final[int] = 10**9
"""Day of the sentinel obligation that closes each duty's queue (later than any real date)."""


ALWAYS_TRUE: Final[dict[str, Any]] = {"k": {"p": "k"}}
"""Last term of every join: every fact has ``k: 1``. durable's ``reduceExpressionSequence``
skips past the end of a ``$and`` group when the group's *last* term is false (it increments the
index once too often and scans on through memory until it happens to meet an end marker, or
segfaults: measured, ``i=5359`` on a 5-term group). A last term that is always true keeps every
false term away from the end of its group."""

RULE_TAGS: Final[dict[str, tuple[str, str, str]]] = {
    "match": ("mp", "mf", "mo"), "skip": ("sp", "sf", "so")}
"""Per rule, the tag each kind of fact carries for it (pointer, fulfilment, obligation)."""


def definition(on_match: Callable[[Any], None],
               on_skip: Callable[[Any], None]) -> dict[str, Any]:
    """The ruleset as durable's JSON definition (what ``durable.lang`` would produce).

    Per duty, a pointer fact ``p`` names the first open obligation (``next_obl``) and the next
    fulfilment to place (``next_ful``); both join by equality, and the day test compares the
    two joined facts. No ``$not`` is needed (see the module docstring).

    Each rule tests its own tags (``mp``/``sp``...), never the same first condition as the
    other rule: durable shares an alpha node between conditions with the same parent, and a
    shared node whose condition refers to another fact is then missing from the second rule's
    join expressions (``findAlpha`` returns before ``GET_EXPRESSION``), which read past the
    end of the expression list and crashed the process."""

    def rule(name: str, test: str, run: Callable[[Any], None]) -> dict[str, Any]:
        ptr, ful, obl = RULE_TAGS[name]
        return {"all": [
            {"p": {ptr: 1}},
            {"f": {"$and": [{ful: 1}, {"d": {"p": "d"}}, {"idx": {"p": "next_ful"}},
                            ALWAYS_TRUE]}},
            {"o": {"$and": [{obl: 1}, {"d": {"p": "d"}}, {"idx": {"p": "next_obl"}},
                            {test: {"day": {"f": "day"}}}, ALWAYS_TRUE]}},
        ], "run": run}

    return {"match": rule("match", "$lte", on_match), "skip": rule("skip", "$gt", on_skip)}


class _Correlator:
    """A private durable host holding one ruleset; use only with ``_LOCK`` held."""

    def __init__(self) -> None:
        engine = _engine()

        class QuietHost(engine.Host):  # type: ignore[misc, name-defined]
            def _run(self) -> None:
                """No background dispatch threads: the caller dispatches."""

        self.name = f"placement_rules_tracking_{next(_NAMES)}"
        self._found: dict[int, Matches] = {}
        self._texts: dict[str, list[str]] = {}
        self._host = QuietHost()
        self._host.register_rulesets({self.name: definition(self._on_match, self._on_skip)})
        self._keep_texts_alive(self._host.get_ruleset(self.name))

    def _keep_texts_alive(self, ruleset: Any) -> None:
        """durable keeps pointers into the JSON text of every asserted fact (its ``sid`` and
        ``id``) after the call returns, but ``Ruleset.assert_fact(s)`` pass a temporary string:
        the stored facts then point into freed memory (measured: segfaults and garbage sids).
        Route both through versions that keep each text until the case's state is deleted."""
        native = importlib.import_module("durable_rules_engine")
        texts = self._texts

        def assert_fact(fact: dict[str, Any]) -> Any:
            text = json.dumps(fact, ensure_ascii=False)
            texts.setdefault(str(fact["sid"]), []).append(text)
            return ruleset._handle_result(native.assert_fact(ruleset._handle, text), fact)

        def assert_facts(facts: list[dict[str, Any]]) -> Any:
            text = json.dumps(facts, ensure_ascii=False)
            texts.setdefault(str(facts[0]["sid"]), []).append(text)
            return ruleset._handle_result(native.assert_facts(ruleset._handle, text), facts)

        ruleset.assert_fact = assert_fact
        ruleset.assert_facts = assert_facts

    def _on_match(self, c: Any) -> None:
        """The first open obligation of the duty meets the next fulfilment: record, advance."""
        self._found.setdefault(int(c.p.case), {})[int(c.o.rank)] = int(c.f.seq)
        self._advance(c, 1)

    def _on_skip(self, c: Any) -> None:
        """The next fulfilment comes before the first open obligation: it stays unmatched."""
        self._advance(c, 0)

    @staticmethod
    def _advance(c: Any, obligations: int) -> None:
        p = c.p
        case, duty = int(p.case), int(p.d)
        next_obl, next_ful = int(p.next_obl) + obligations, int(p.next_ful) + 1
        c.assert_fact({"id": f"p{duty}.{next_obl}.{next_ful}", "sid": f"s{case}", "case": case,
                       "mp": 1, "sp": 1, "k": 1, "d": duty,
                       "next_obl": next_obl, "next_ful": next_ful})

    def correlate(self, cases: Sequence[CaseFacts]) -> list[Matches]:
        keys = [next(_SIDS) for _ in cases]
        asserted: list[int] = []
        try:
            for key, case in zip(keys, cases):
                facts = case_facts(key, case)
                if facts:
                    asserted.append(key)
                    self._assert(facts)
            return [self._found.get(key, {}) for key in keys]
        finally:
            for key in asserted:
                self._found.pop(key, None)
                self._delete(f"s{key}")

    def _assert(self, facts: list[dict[str, Any]]) -> None:
        try:
            state = self._host.assert_facts(self.name, facts)
        except Exception as exc:  # durable raises bare Exception subclasses
            raise DurableEngineError(f"durable-rules failed: {type(exc).__name__}") from None
        if isinstance(state, dict) and "exception" in state:
            raise DurableEngineError(f"durable-rules action failed: {state['exception']}")

    def _delete(self, sid: str) -> None:
        try:
            self._host.delete_state(self.name, sid)
        finally:
            self._texts.pop(sid, None)  # only now may the fact texts be freed


def case_facts(key: int, case: CaseFacts) -> list[dict[str, Any]]:
    """The facts of one case (state ``s<key>``): per duty with both obligations and
    fulfilments, numbered ``d``, its obligations and fulfilments numbered in order (``idx``), a
    sentinel obligation closing the queue, and a pointer at the start. Duties with only one
    side can match nothing and are left out. Joins compare integers only."""
    obligations, fulfilments = case
    by_duty: dict[str, list[Any]] = {}
    for o in sorted(obligations, key=lambda o: o.rank):
        by_duty.setdefault(o.duty, []).append(o)
    claims: dict[str, list[Any]] = {}
    for f in sorted(fulfilments, key=lambda f: f.seq):
        if f.duty in by_duty:
            claims.setdefault(f.duty, []).append(f)
    sid = f"s{key}"
    facts: list[dict[str, Any]] = []
    for d, (duty, duty_claims) in enumerate(claims.items()):
        queue = by_duty[duty]
        if any(a.day > b.day for a, b in zip(queue, queue[1:])):
            raise DurableEngineError("obligation facts must be ranked in date order")
        facts += [{"id": f"o{o.rank}", "sid": sid, "mo": 1, "so": 1, "k": 1, "d": d, "idx": i,
                   "rank": o.rank, "day": o.day} for i, o in enumerate(queue)]
        facts.append({"id": f"end{d}", "sid": sid, "mo": 1, "so": 1, "k": 1, "d": d,
                      "idx": len(queue), "rank": -1, "day": NEVER})
        facts += [{"id": f"f{f.seq}", "sid": sid, "mf": 1, "sf": 1, "k": 1, "d": d, "idx": i,
                   "seq": f.seq, "day": f.day} for i, f in enumerate(duty_claims)]
        facts.append({"id": f"p{d}.0.0", "sid": sid, "case": key, "mp": 1, "sp": 1, "k": 1, "d": d,
                      "next_obl": 0, "next_ful": 0})
    return facts


def _forget(key: int, correlator: _Correlator) -> None:
    """Finalizer of a rule set: drop its host. It may run at any allocation, even inside a
    call into the engine, so it only touches a dict and never calls durable-rules; the C
    ruleset is not deleted (durable's delete_ruleset is itself a reported crash) and stays as
    a small fixed leak per rule set loaded."""
    found = _HOSTS.get(key)
    if found is not None and found[1] is correlator:
        _HOSTS.pop(key, None)


def _correlator(rules: RuleSet) -> _Correlator:
    key = id(rules)
    found = _HOSTS.get(key)
    if found is not None and found[0]() is rules:
        return found[1]
    correlator = _Correlator()
    _HOSTS[key] = (weakref.ref(rules), correlator)
    weakref.finalize(rules, _forget, key, correlator)
    return correlator


def correlate_many(rules: RuleSet, cases: Sequence[CaseFacts]) -> list[Matches]:
    """The matches of each case (same contract as the oracle), judged on the rule set's host."""
    _engine()
    out: list[Matches] = []
    for start in range(0, len(cases), BATCH_LIMIT):
        chunk = cases[start:start + BATCH_LIMIT]
        with _LOCK:
            out.extend(_correlator(rules).correlate(chunk))
    return out


def correlate(rules: RuleSet, obligations: CaseFacts) -> Matches:
    """One case."""
    return correlate_many(rules, [obligations])[0]
