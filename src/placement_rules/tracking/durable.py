"""Case tracking correlation on the durable-rules engine (optional extra ``[tracking]``).

Same contract as the reference oracle :func:`placement_rules.tracking.oracle.correlate`: given a
case's obligation facts and fulfilment facts, which fulfilment met which obligation.

The oracle's rule (a fulfilment meets the earliest open obligation of its duty incurred on or
before its date, fulfilments taken in log order) is a queue per duty: the met obligations are
always a prefix of the duty's obligations in rank order, because their dates never decrease. The
Rete network holds each duty's obligations, one fact per act, whose ``id`` gives the duty's
number and the act's place in its queue (``o<d>.<idx>``), and the duty's fulfilments are
*offered* to it one at a time, in log order: an offer fact carries the fulfilment's day and, in
``q``, the id of the first open act. Two rules join an offer to that act by equality
(``o.id == p.q``) and compare their dates:

``match``  ``o.day <= p.day``: the act is met by the fulfilment; the next fulfilment is offered
           to the next act.
``skip``   ``o.day > p.day``: the fulfilment comes before anything open and stays unmatched;
           the next fulfilment is offered to the same act.

When the duty's acts are all met, or its fulfilments all offered, the walk ends: no offer
follows (it could name no act or no fulfilment), and the fulfilments left are unmatched.

durable-rules' traps, each wrapped here so none reaches a user:

- ``durable.lang`` keeps a process-global registry of rulesets: never imported. Rulesets are
  built as JSON definitions and registered on a private :class:`durable.engine.Host`.
- ``Host()`` starts two background timer threads that dispatch on their own: a private
  subclass (:class:`._durable_host.QuietHost`) makes ``_run`` a no-op, so no thread starts.
  The correlator dispatches itself, synchronously, on the ruleset's native handle: assert a
  case's facts, then start, run and complete each action in turn until none is left
  (``start_action_for_state`` / ``complete_and_start_action``), then delete the case's state.
  durable's own Python dispatch is not used: it builds a ``Closure`` and makes two JSON round
  trips per action, one of them of the whole state.
  The actions registered on the host are never run and raise if they are.
- The C engine is not thread-safe (concurrent calls crash the process): one process-wide lock
  is held around every call into it.
- An event is consumed by the first rule that fires, so everything is asserted as a *fact*.
- Facts that look the same are one fact to the engine: every fact gets a unique ``id``.
- ``$not`` conditions must come last in a rule; this ruleset needs none.
- A ``$and`` group whose *last* term is false makes ``reduceExpressionSequence`` step past the
  group's end marker and scan on through memory (segfaults that come and go with the heap's
  contents). Every join ends with a term that is always true (:data:`ALWAYS_TRUE`).
- Conditions with the same parent share one alpha node, and a shared condition that refers to
  another fact is then left out of the second rule's join (``findAlpha`` returns before
  ``GET_EXPRESSION``): each rule tests the fact type with its own operators
  (:data:`RULE_TAGS`), so no join condition is ever shared.
- A stored fact keeps pointers to its ``sid`` and ``id`` in the JSON text it was asserted
  from, and that text is the caller's: every text of a case is kept alive until the case's
  state is deleted.
- An exception is not raised by durable's own dispatch: it is stored as ``exception`` in the
  state. Any state that carries one, any result code other than success, any engine
  exception and any failure while handling an action become :class:`DurableEngineError`
  (the action is abandoned and the case's state deleted first).
- A state on which no action ever started cannot be deleted: ``deleteStateNode`` frees its
  action context, which ``createStateNode`` never initialised (the process aborts with
  ``free(): invalid pointer`` or segfaults), and neither can a state holding a fact the
  network refused. Every case's facts include an offer that joins its first act, so an action
  always starts; if one does not, or a fact is refused, the host is retired (its states and
  texts are kept, never deleted) and the next call gets a new host.
- The engine holds at most 1,024 open cases (sids) per ruleset: each case gets a fresh sid
  and its state is deleted as soon as it is judged, so one case is open at a time (the
  batches of :data:`BATCH_LIMIT` only bound how long the lock is held) and memory stays flat
  however many cases pass through. Actions never retract: each offer is a new fact, and a
  case's facts go all at once with its state.

One host per process, shared by every rule set: the definition (:func:`definition`) does not
depend on the rule set (each case's facts carry everything its matching needs), so the host is
keyed by the definition's digest (:data:`_HOSTS`) and created once, on first use. Loading a
rule set again costs durable-rules nothing: a host per loaded rule set kept about 100 KB of C
ruleset each (durable's ``delete_ruleset`` is itself a reported crash, so none is ever
deleted), 51 to 113 MB over 600 loads. A host retired after an engine fault is replaced and
stays allocated (:data:`_RETIRED`), with the fact texts its open state points into.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import itertools
import json
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any, Final, NamedTuple, NoReturn

from ..errors import DurableEngineError
from ..ruleset import RuleSet
from .oracle import CaseFacts, Matches, ObligationFact

INSTALL_HINT: Final[str] = "pip install 'placement-rules[tracking]'"
MAX_OPEN_CASES: Final[int] = 1024
"""durable-rules' hard limit of open states (MAX_STATE_INDEX_LENGTH in rete.h)."""
BATCH_LIMIT: Final[int] = 512
"""Cases judged per hold of the lock. One case's state is open at a time, well under the
engine's limit; the batch only bounds how long other threads wait."""

_LOCK = threading.RLock()
"""Held around every call into durable-rules (its C engine crashes under concurrent calls)."""
_HOSTS: dict[str, _Correlator] = {}
"""Digest of a durable definition -> the host holding it (one, since the definition is the
same for every rule set)."""
_RETIRED: list[_Correlator] = []
"""Hosts retired after an engine fault: kept, never deleted (their open state points into fact
texts they hold, and deleting it could crash the process)."""
_NAMES = itertools.count(1)
_SIDS = itertools.count(1)


def _engine() -> Any:
    """durable's engine module, imported lazily (never ``durable.lang``)."""
    try:
        return importlib.import_module("durable.engine")
    except ImportError:
        raise DurableEngineError(
            f"the durable tracking engine needs durable-rules: {INSTALL_HINT} "
            "(or use --engine python)"
        ) from None


def _host_module() -> Any:
    """:mod:`._durable_host` (durable's host class and the never-run action), imported only
    once durable-rules is known to be installed (:class:`DurableEngineError` otherwise)."""
    _engine()
    from . import _durable_host as durable_host

    return durable_host


def available() -> bool:
    """Whether durable-rules can be imported."""
    try:
        _engine()
    except DurableEngineError:
        return False
    return True


ALWAYS_TRUE: Final[dict[str, Any]] = {"sid": {"p": "sid"}}
"""Last term of every join: the facts of one state share their ``sid``. durable's
``reduceExpressionSequence`` skips past the end of a ``$and`` group when the group's *last*
term is false (it increments the index once too often and scans on through memory until it
happens to meet an end marker, or segfaults). A last term that is always true keeps every
false term away from the end of its group."""

OFFER: Final[int] = 1
OBLIGATION: Final[int] = 2
"""The values of a fact's type ``t``."""
RULE_TAGS: Final[dict[str, tuple[dict[str, Any], dict[str, Any]]]] = {
    "match": ({"t": OFFER}, {"t": OBLIGATION}),
    "skip": ({"$lt": {"t": OBLIGATION}}, {"$gt": {"t": OFFER}}),
}
"""Per rule, its tests of the fact type (offer, obligation). The two rules test the same type
with different operators, so durable builds each rule its own alpha nodes (it shares a node
only between tests of the same property with the same operator and value)."""

RESULT_OK: Final[frozenset[int]] = frozenset({0, 3})
"""durable's result codes that mean success (``RULES_OK``, ``ERR_EVENT_DEFERRED``); 1 (not
handled) and 2 (already observed) would mean a fact the network did not take."""


def definition(
    on_match: Callable[[Any], None] | None = None, on_skip: Callable[[Any], None] | None = None
) -> dict[str, Any]:
    """The ruleset as durable's JSON definition (what ``durable.lang`` would produce).

    An offer ``p`` joins the act it names by equality (``o.id == p.q``) and the day test
    compares the two. No ``$not`` is needed (see the module docstring).

    Each rule tests the fact type ``t`` with its own operators (:data:`RULE_TAGS`), never the
    same first condition as the other rule: durable shares an alpha node between conditions
    with the same parent, and a shared node whose condition refers to another fact is then
    missing from the second rule's join expressions (``findAlpha`` returns before
    ``GET_EXPRESSION``), which read past the end of the expression list and crashed the
    process.

    ``on_match`` and ``on_skip`` are what durable's own dispatch would run; the correlator
    never lets it run (it reads each action's message itself), so by default they are
    :func:`._durable_host.never_run`, which raises; the defaults need durable-rules installed
    (:class:`DurableEngineError` otherwise)."""
    if on_match is None or on_skip is None:
        never_run = _host_module().never_run
        on_match, on_skip = on_match or never_run, on_skip or never_run

    def rule(name: str, test: str, run: Callable[[Any], None]) -> dict[str, Any]:
        offer, obligation = RULE_TAGS[name]
        return {
            "all": [
                {"p": offer},
                {
                    "o": {
                        "$and": [
                            obligation,
                            {"id": {"p": "q"}},
                            {test: {"day": {"p": "day"}}},
                            ALWAYS_TRUE,
                        ]
                    }
                },
            ],
            "run": run,
        }

    return {"match": rule("match", "$lte", on_match), "skip": rule("skip", "$gt", on_skip)}


def obligation_text(sid: str, d: int, idx: int, day: int) -> str:
    """An act's obligation fact as JSON: its id ``o<d>.<idx>`` (duty number, place in the
    duty's queue), its type ``t`` and the day it was incurred. Every value is a number or a
    string of letters, digits and dots, so there is nothing to escape and the text is formatted
    directly. An action's message is read by the ids (see :func:`read_message`).

    The only equality join key is a string (``o.id == p.q``): durable hashes a join key for
    every fact that enters a join, an integer key through ``snprintf`` and a string directly.
    The day is an integer: the rules compare it with ``$lte``/``$gt``. Each property a fact
    carries costs the engine at every alpha node the fact passes, so a fact carries nothing the
    rules do not test."""
    return f'{{"id":"o{d}.{idx}","sid":"{sid}","t":{OBLIGATION},"day":{day}}}'


def offer_text(sid: str, d: int, obl: int, ful: int, day: int) -> str:
    """An offer: fulfilment ``ful`` of duty ``d``, dated ``day``, offered to act ``obl``, whose
    id is in ``q`` (``ful`` is only in the offer's own ``id``: no rule tests it)."""
    return f'{{"id":"p{d}.{obl}.{ful}","sid":"{sid}","t":{OFFER},"q":"o{d}.{obl}","day":{day}}}'


_FIRST = itemgetter(0)
"""An obligation fact's rank, a fulfilment fact's seq."""
_UNORDERED: Final[str] = (
    "obligation facts must be ranked in date order, and an act's obligations incurred on one day"
)


class CasePlan(NamedTuple):
    """One case as the engine sees it: the first facts' JSON text, and per duty number ``d``
    the ranks of each act's obligations (by ``idx``) and the seq and day of each fulfilment
    (in log order)."""

    text: str
    ranks: list[list[list[int]]]
    claims: list[list[tuple[int, int]]]


def case_plan(key: int, case: CaseFacts) -> CasePlan | None:
    """The facts of one case (state ``s<key>``), or ``None`` when it has none.

    Per duty with both obligations and fulfilments, numbered ``d``: one obligation fact per act
    (an act is one obligation, or the obligations of one group, see
    :mod:`.oracle`), numbered in order (``idx``), and the offer of its first
    fulfilment to its first act. Duties with only one side can match nothing and are left
    out. The join tests equal strings (an act's id) and compares integer days."""
    obligations, fulfilments = case
    claims: dict[str, list[tuple[int, int]]] = {}
    for seq, duty, day in sorted(fulfilments, key=_FIRST):
        if duty in claims:
            claims[duty].append((seq, day))
        else:
            claims[duty] = [(seq, day)]
    queues = _act_queues(obligations, claims)
    if not queues:
        return None
    sid = f"s{key}"
    texts: list[str] = []
    ranks: list[list[list[int]]] = []
    offered: list[list[tuple[int, int]]] = []
    for duty, duty_claims in claims.items():
        queue = queues.get(duty)
        if queue is None:
            continue
        d = len(ranks)
        duty_ranks = []
        for i, (day, act_ranks) in enumerate(queue):
            texts.append(obligation_text(sid, d, i, day))
            duty_ranks.append(act_ranks)
        texts.append(offer_text(sid, d, 0, 0, duty_claims[0][1]))
        ranks.append(duty_ranks)
        offered.append(duty_claims)
    return CasePlan(f"[{','.join(texts)}]", ranks, offered)


def _act_queues(
    obligations: Sequence[ObligationFact], claims: dict[str, list[tuple[int, int]]]
) -> dict[str, list[tuple[int, list[int]]]]:
    """Per duty that has claims, its acts in rank order: each act's day and the ranks of its
    obligations (one, or the members of a group, which the first member opens).

    Raises :class:`DurableEngineError` when the ranks do not follow the dates or a group's
    obligations were incurred on different days: the queue would not be a queue."""
    queues: dict[str, list[tuple[int, list[int]]]] = {}
    acts: dict[int, tuple[str, tuple[int, list[int]]]] = {}
    """An act's key (the rank of its first obligation) -> its duty and the act."""
    for rank, duty, day, group in sorted(obligations, key=_FIRST):
        if duty not in claims:
            continue
        opened = acts.get(group) if group is not None else None
        if opened is not None and opened[0] == duty:
            act_day, ranks = opened[1]
            if act_day != day:
                raise DurableEngineError(_UNORDERED)
            ranks.append(rank)
            continue
        act = (day, [rank])
        acts[rank if group is None else group] = (duty, act)
        queue = queues.get(duty)
        if queue is None:
            queues[duty] = [act]
        elif day < queue[-1][0]:
            raise DurableEngineError(_UNORDERED)
        else:
            queue.append(act)
    return queues


def case_facts(key: int, case: CaseFacts) -> list[dict[str, Any]]:
    """The facts of one case as objects (what :func:`case_plan`'s text says)."""
    plan = case_plan(key, case)
    return json.loads(plan.text) if plan is not None else []


def read_message(message: str) -> tuple[str, int, int, int]:
    """The rule and the joined facts of one action's message: ``(rule, d, obl, ful)`` after
    checking that the obligation is the act the offer names.

    durable's message is ``{"<rule>":{"p":<fact>,"o":<fact>}}`` with each fact's JSON text as
    it was asserted; the ids say everything needed, so the message is read by them rather than
    parsed whole. A message of another shape raises :class:`DurableEngineError`."""
    if message.startswith('{"match":'):
        rule = "match"
    elif message.startswith('{"skip":'):
        rule = "skip"
    else:
        raise DurableEngineError(f"durable-rules fired an unknown rule: {message[:20]!r}")
    start = message.find('"id":"p')
    if start < 0:
        raise DurableEngineError(f"durable-rules sent an action without an offer ({rule})")
    start += 7
    d, obl, ful = map(int, message[start : message.index('"', start)].split("."))
    if f'"id":"o{d}.{obl}"' not in message:
        raise DurableEngineError(f"durable-rules joined the wrong facts in rule '{rule}'")
    return rule, d, obl, ful


class _Correlator:
    """A private durable host holding one ruleset, dispatched by the caller; use only with
    ``_LOCK`` held."""

    def __init__(self, ruleset: dict[str, Any] | None = None) -> None:
        """Register ``ruleset`` (a durable definition; :func:`definition` unless given) on a
        new private host."""
        host_module = _host_module()  # outside the try: a missing extra is its own error
        self.name = f"placement_rules_tracking_{next(_NAMES)}"
        try:
            self._host = host_module.QuietHost()
            self._host.register_rulesets(
                {self.name: ruleset if ruleset is not None else definition()}
            )
        except Exception as exc:  # durable raises bare Exception subclasses
            raise DurableEngineError(
                f"durable-rules could not create the tracking ruleset: {type(exc).__name__}: {exc}"
            ) from None
        self._native = importlib.import_module("durable_rules_engine")
        self._handle: int = self._host.get_ruleset(self.name)._handle
        self.open_states = 0
        """States asserted and not yet deleted (0 between calls)."""
        self.broken = False
        """Set when the engine refused a fact or fired nothing: the host is then never used
        again."""
        self._kept: list[list[str]] = []
        """Fact texts of states that could not be deleted (the engine still points into
        them)."""

    def correlate(self, cases: Sequence[CaseFacts]) -> list[Matches]:
        out: list[Matches] = []
        for case in cases:
            key = next(_SIDS)
            plan = case_plan(key, case)
            out.append(self._judge(key, plan) if plan is not None else {})
        return out

    def _judge(self, key: int, plan: CasePlan) -> Matches:
        """Assert one case's facts, run its actions to quiescence, delete its state."""
        native, handle, sid = self._native, self._handle, f"s{key}"
        texts = [plan.text]  # the engine points into these until the state is deleted
        found: Matches = {}
        acting: int | None = None
        """The state's offset while one of its actions is started and not completed."""
        not_deleted: str | None = None
        self.open_states += 1
        try:
            try:
                code, offset = native.assert_facts(handle, plan.text)
                self._check(code)
                started = native.start_action_for_state(handle, offset)
                if started is None:  # a plan's first offer always joins: match or skip
                    self._retire("durable-rules fired no rule for a case")
                acting = offset
                if '"exception"' in started[0]:
                    raise DurableEngineError(
                        f"durable-rules action failed: {json.loads(started[0]).get('exception')}"
                    )
                messages: str | None = started[1]
                while messages:
                    offer = self._step(messages, plan, found, sid)
                    if offer is not None:
                        texts.append(offer)
                        code, _ = native.assert_fact(handle, offer)
                        self._check(code)
                    messages = native.complete_and_start_action(handle, offset)
                acting = None
            except DurableEngineError:
                self._abandon(acting)
                raise
            except Exception as exc:  # durable raises bare Exception subclasses
                self._abandon(acting)
                raise DurableEngineError(
                    f"durable-rules action failed: {type(exc).__name__}: {exc}"
                ) from None
            except BaseException:  # an interrupt (SIGINT, SIGTERM) between two engine calls
                self._abandon(acting)
                raise
        finally:
            if self.broken:  # deleting this state would crash the engine: keep it, and its texts
                self._kept.append(texts)
            else:
                try:
                    native.delete_state(handle, sid)
                except Exception as exc:
                    not_deleted = f"durable-rules could not delete a case's state: {exc}"
                self.open_states -= 1
            del texts  # only now may the fact texts be freed
        if not_deleted is not None:
            raise DurableEngineError(not_deleted)
        return found

    def _check(self, code: int) -> None:
        """A fact the network did not take retires this host."""
        if code not in RESULT_OK:
            self._retire(f"durable-rules did not take the case's facts (code {code})")

    def _retire(self, message: str) -> NoReturn:
        """Never use this host again (its open state cannot be deleted without crashing the
        process: see the module docstring) and raise."""
        self.broken = True
        raise DurableEngineError(message)

    def _abandon(self, offset: int | None) -> None:
        """Give up the action in progress, if any (abandoning when none is started crashes
        the engine: the offset may not name a state)."""
        if offset is not None:
            with contextlib.suppress(Exception):
                self._native.abandon_action(self._handle, offset)

    @staticmethod
    def _step(message: str, plan: CasePlan, found: Matches, sid: str) -> str | None:
        """Handle one action: record a match, and return the next offer's text, or ``None``
        when the duty has no act left open or no fulfilment left to offer."""
        rule, d, obl, ful = read_message(message)
        ranks, claims = plan.ranks[d], plan.claims[d]
        if rule == "match":
            seq = claims[ful][0]
            for rank in ranks[obl]:  # every obligation of the act
                found[rank] = seq
            obl += 1
        ful += 1
        if obl == len(ranks) or ful == len(claims):
            return None
        return offer_text(sid, d, obl, ful, claims[ful][1])


def _undefined_action(state: Any) -> None:  # pragma: no cover - never run
    raise AssertionError("a placeholder action, for the definition's digest")


@lru_cache(maxsize=1)
def definition_digest() -> str:
    """The digest of the durable definition's rules (the actions left out): the key of the host
    that holds it. The definition is the same for every rule set."""
    rules = definition(_undefined_action, _undefined_action)
    shape = {name: {k: v for k, v in rule.items() if k != "run"} for name, rule in rules.items()}
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


def _correlator(rules: RuleSet) -> _Correlator:
    """The host for ``rules``: the one shared host (a new one after a fault retired it)."""
    key = definition_digest()
    found = _HOSTS.get(key)
    if found is not None and not found.broken:
        return found
    if found is not None:
        _RETIRED.append(found)
    correlator = _HOSTS[key] = _Correlator()
    return correlator


def correlate_many(rules: RuleSet, cases: Sequence[CaseFacts]) -> list[Matches]:
    """The matches of each case (same contract as the oracle), judged on the rule set's host."""
    _engine()
    out: list[Matches] = []
    for start in range(0, len(cases), BATCH_LIMIT):
        chunk = cases[start : start + BATCH_LIMIT]
        with _LOCK:
            out.extend(_correlator(rules).correlate(chunk))
    return out


def correlate(rules: RuleSet, obligations: CaseFacts) -> Matches:
    """One case."""
    return correlate_many(rules, [obligations])[0]
