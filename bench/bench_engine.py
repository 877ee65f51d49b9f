"""Benchmark (not a test): the engine on events it has never seen, side by side with zen-engine
and a plain-Python ceiling, in one run.

    .venv/bin/python bench/bench_engine.py [--rounds 7] [--events 5000] [--region vastra_gotaland]

Needs the ``[bench]`` extra (zen-engine). Per round, in turn (so a slow minute of a shared
machine hits every contestant):

- ``never seen``: a fresh batch of distinct events, never evaluated before in the process;
- ``repeat``: half of the batch new, half events evaluated in an earlier round (a service asked
  again about the same case);
- ``warm``: the never-seen batch once more;
- each round the best of ``--tries`` such batches (each batch new), since a shared machine's
  other load only ever slows a run down;
- each of those as objects only (:func:`evaluate`) and as full JSON (``to_dict`` + ``json.dumps``,
  and the contract's answer as the CLI and the service write it, full and compact);
- zen-engine ``engine.evaluate`` on a preloaded decision, and the plain-Python ceiling, on the
  never-seen batch (objects, and zen's JSON output dumped).

The zen decision and the ceiling are both GENERATED from the compiled rule set (rule by rule:
conditions, in-force dates, the scope and its parts, the days each agreement is off, which rule
replaces which, inherited deadlines, due dates), so they cannot drift from the rules. Every
event of every never-seen batch is checked: zen, the ceiling and the engine give the same
obligations (rule id, responsible party, due date). zen has no holiday calendar: the ceiling and
the check roll zen's statutory due dates forward with the project's calendar (Lag 1930:173),
outside zen's timing. The ceiling is what plain Python does for these rules: one function per
event kind, an ``if`` per rule, a tuple per obligation. Prints medians, min, max and ratios;
asserts nothing but the equivalence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from placement_rules import Event, evaluate, load_rule_set
from placement_rules.calendar import cached_due_date, next_working_day
from placement_rules.conditions import CompiledCondition
from placement_rules.contract.encode import AnswerEncoder
from placement_rules.evaluation import loosens_whatever_the_date
from placement_rules.models import Deadline, Scope, ScopePart
from placement_rules.ruleset import CompiledRule, RuleSet

FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2027, 12, 31)
KINDS = {
    "placement_started": 40,
    "health_examination_initiated": 15,
    "placement_ended": 15,
    "report_of_concern": 10,
    "investigation_opened": 5,
    "placement_changed": 5,
    "compulsory_care_application": 5,
}
OTHER_REGIONS = ["stockholm", "jonkoping", "ostergotland", "skane"]


# --- events --------------------------------------------------------------------------------


def batch(n: int, region: str, rnd: random.Random, seen: set[tuple[Any, ...]]) -> list[Event]:
    """``n`` realistic events, distinct from each other and from ``seen`` (which grows)."""
    kinds, weights = list(KINDS), list(KINDS.values())
    out: list[Event] = []
    while len(out) < n:
        day = FIRST_DAY + dt.timedelta(days=rnd.randrange((LAST_DAY - FIRST_DAY).days))
        birth = day - dt.timedelta(days=rnd.randrange(23 * 365))
        kind = rnd.choices(kinds, weights)[0]
        start = None
        if kind != "placement_started" and rnd.random() < 0.6:
            start = day - dt.timedelta(days=rnd.randrange(0, min(400, (day - birth).days + 1)))
        event = Event.model_validate(
            {
                "kind": kind,
                "date": day,
                "birth_date": birth,
                "legal_basis": rnd.choice(["SoL", "LVU", "LVM", None]),
                "placement_form": rnd.choice(
                    ["familjehem", "jourhem", "hvb", "sis", "stodboende", "skyddat_boende", None]
                ),
                "acute": rnd.random() < 0.3,
                "home_municipality": "Borås",
                "home_region": region,
                "placement_region": rnd.choice(OTHER_REGIONS) if rnd.random() < 0.15 else None,
                "placement_start": start,
                "ongoing_care": rnd.random() < 0.4,
                "needs_both_principals": rnd.random() < 0.5,
                "health_examination_unnecessary": rnd.random() < 0.1,
                "health_examination_done_before_placement": rnd.random() < 0.1,
                "lvu_care_continues": rnd.random() < 0.1,
                "reunification_pending": rnd.random() < 0.1,
            }
        )
        key = tuple(event.model_dump().values())
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def request_of(event: Event) -> dict[str, Any]:
    """The event as zen reads it: JSON values, every field present (zen's null is not false)."""
    return event.model_dump(mode="json")


# --- the decision, rule by rule, rendered for zen and for plain Python ----------------------


class Unsupported(Exception):
    """The rule set needs what the generated decision cannot express (a conflict that depends
    on the event's dates)."""


def _value(value: Any, zen: bool) -> str:
    if value is None:
        return "null" if zen else "None"
    if isinstance(value, bool):
        return ("true" if value else "false") if zen else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if zen else repr(value)
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat()) if zen else repr(value)
    return str(value)


FACTS_ZEN = {"placement_region": "pr", "placement_start": "ps"}
FACTS_PY = {"age": "age", "placement_region": "pr", "placement_start": "ps", "cross": "cross"}


def _fact(name: str, zen: bool) -> str:
    if zen:
        return FACTS_ZEN.get(name, name)
    if name == "cross_region":
        return "cross"
    return FACTS_PY.get(name, f"e.{name}")


def _condition(cond: CompiledCondition, zen: bool) -> str:
    fact, op, value = _fact(cond.fact, zen), cond.op, cond.value
    if op in ("in", "not_in"):
        items = ", ".join(_value(v, zen) for v in value)
        test = f"{fact} in [{items}]" if zen else f"{fact} in ({items},)"
        return f"not ({test})" if op == "not_in" else test
    symbol = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}[op]
    if value is None and not zen:
        symbol = "is" if op == "eq" else "is not"
    test = f"{fact} {symbol} {_value(value, zen)}"
    if op in ("lt", "le", "gt", "ge"):
        test = f"({fact} != null and {test})" if zen else f"({fact} is not None and {test})"
    return test


def _all(terms: Iterable[str], zen: bool) -> str:
    found = [f"({t})" for t in terms if t]
    return " and ".join(found) if found else ("true" if zen else "True")


def _any(terms: Iterable[str], zen: bool) -> str:
    found = [f"({t})" for t in terms if t]
    return " or ".join(found) if found else ("false" if zen else "False")


def _day(day: dt.date, zen: bool) -> str:
    return str(day.year * 10000 + day.month * 100 + day.day) if zen else repr(day)


def _between(first: dt.date, last: dt.date, zen: bool) -> str:
    where = "ymd" if zen else "day"
    terms = []
    if first > dt.date.min:
        terms.append(f"{where} >= {_day(first, zen)}")
    if last < dt.date.max:
        terms.append(f"{where} <= {_day(last, zen)}")
    return _all(terms, zen)


def _inside(scope: Scope | ScopePart, exclusions: Iterable[Any], zen: bool) -> str:
    terms = []
    if scope.age is not None:
        terms.append(f"age >= {scope.age.min} and age < {scope.age.below}")
    null = "null" if zen else "None"
    for fact, values in (
        ("legal_basis", scope.legal_bases),
        ("placement_form", scope.placement_forms),
    ):
        if values:
            name = _fact(fact, zen)
            items = ", ".join(_value(v, zen) for v in values)
            listed = f"{name} in [{items}]" if zen else f"{name} in ({items},)"
            terms.append(f"{name} == {null} or {listed}" if zen else f"{name} is None or {listed}")
    for exclusion in exclusions:
        terms.append(f"not ({_all((_condition(c, zen) for c in exclusion.conditions), zen)})")
    return _all(terms, zen)


def _off_days(rules: RuleSet) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """Per agreement, the runs of days in the benchmark's range on which it is not in force."""
    runs: dict[str, list[tuple[dt.date, dt.date]]] = {}
    day = FIRST_DAY
    while day <= LAST_DAY:
        for agreement in rules.agreements_on(day).not_in_force:
            found = runs.setdefault(agreement, [])
            if found and found[-1][1] == day - dt.timedelta(days=1):
                found[-1] = (found[-1][0], day)
            else:
                found.append((day, day))
        day += dt.timedelta(days=1)
    return runs


def _due(deadline: Deadline | None, zen: bool) -> str:
    null = "null" if zen else "None"
    if deadline is None or deadline.offset is None:
        return null
    p = deadline.offset
    anchor = "ps" if deadline.anchor == "placement_start" else ("date" if zen else "day")
    if zen:
        text = f"d({anchor})"
        months, days = p.years * 12 + p.months, p.weeks * 7 + p.days
        if months:
            text += f'.add({months}, "M")'
        if days:
            text += f'.add({days}, "d")'
        return f'({anchor} == null ? null : {text}.format("%Y-%m-%d"))'
    limit = deadline.meaning == "limit"
    args = f"{p.years}, {p.months}, {p.weeks}, {p.days}, {deadline.statutory}, {limit}"
    return f"(None if {anchor} is None else _due({anchor}, {args}).date)"


def _rolls(deadline: Deadline | None) -> bool:
    return bool(deadline and deadline.offset and deadline.statutory and deadline.meaning == "due")


def _party(rule: CompiledRule) -> str:
    who = rule.rule.responsible
    return "|".join(str(x) for x in ((who.principal, who.unit, who.locus) if who else ()))


def decision(rules: RuleSet, zen: bool) -> dict[str, list[tuple[str, str]]]:
    """Per event kind, (name, expression) in evaluation order: the scope, each rule's firing,
    and the obligations kept (id, party, due date, whether to roll) as the last entry."""
    scope = _inside(rules.scope, rules.exclusions, zen) if rules.scope else _all((), zen)
    parts = {p.id: _inside(p.part, p.exclusions, zen) for p in rules.scope_parts}
    off = _off_days(rules)
    levels: dict[str, set[int]] = {}
    for one in rules.rules:
        levels.setdefault(one.duty, set()).add(one.level)
    out: dict[str, list[tuple[str, str]]] = {}
    for kind, candidates in rules.by_event.items():
        exprs: list[tuple[str, str]] = [("in_scope", scope)]
        exprs += [(f"part_{i}", text) for i, text in enumerate(parts.values())]
        part_index = {pid: i for i, pid in enumerate(parts)}
        ref = "$." if zen else ""  # an earlier key of the same expression node
        name = {r.id: f"{ref}f{i}" for i, r in enumerate(candidates)}
        for r in candidates:
            terms = [_between(r.first_day, r.last_day, zen)]
            terms += [_condition(c, zen) for c in r.conditions]
            if r.level > 0:
                terms.append(f"{ref}in_scope")
                if r.scope_part is not None:
                    terms.append(f"{ref}part_{part_index[r.scope_part]}")
                if r.agreement is not None and r.agreement.id in off:
                    runs = off[r.agreement.id]
                    terms.append(f"not ({_any((_between(a, b, zen) for a, b in runs), zen)})")
            exprs.append((name[r.id].removeprefix(ref), _all(terms, zen)))
        items = []
        for r in candidates:
            same = [w for w in candidates if w.duty == r.duty and w is not r]

            def higher(level: int, same: list[CompiledRule] = same) -> list[CompiledRule]:
                return [w for w in same if w.level > level]

            def replaces(w: CompiledRule, base: CompiledRule) -> bool:
                known = loosens_whatever_the_date(w, base)
                if known is None:
                    raise Unsupported(f"{w.id} against {base.id} depends on the dates")
                return not known

            keep = [name[r.id]]
            if len(levels[r.duty]) > 1:
                for w in higher(r.level):
                    if replaces(w, r):
                        above = _any((name[x.id] for x in higher(w.level)), zen)
                        keep.append(f"not ({name[w.id]} and not ({above}))")
            due = _due(r.rule.deadline, zen)
            rolls = _rolls(r.rule.deadline)
            if r.rule.deadline is None and len(levels[r.duty]) > 1:
                above = _any((name[x.id] for x in higher(r.level)), zen)
                bases = sorted(
                    (b for b in same if b.level < r.level and replaces(r, b)),
                    key=lambda b: (b.level, b.id),
                )
                due = "null" if zen else "None"
                for b in reversed(bases):  # the first base replaced lends its deadline
                    test = f"{name[b.id]} and not ({above})"
                    due = (
                        f"({test}) ? {_due(b.rule.deadline, zen)} : {due}"
                        if zen
                        else (f"({_due(b.rule.deadline, zen)} if ({test}) else {due})")
                    )
                    rolls = rolls or _rolls(b.rule.deadline)
            label = _value(f"{r.id}|{_party(r)}", zen)
            roll = _value(rolls, zen)
            items.append(
                (
                    _all(keep, zen),
                    f"[{label}, {due}, {roll}]" if zen else f"({label}, {due}, {roll})",
                )
            )
        if zen:
            listed = ", ".join(f"(({test}) ? {item} : null)" for test, item in items)
            # the kept list is a node of its own, reading the rule node's keys as fields
            exprs.append(("out", f"filter([{listed}], # != null)".replace("$.", "")))
        else:
            exprs.append(
                ("out", "\n".join(f"{item} if ({test}) else None" for test, item in items))
            )
        out[kind] = exprs
    return out


def jdm(rules: RuleSet) -> dict[str, Any]:
    """The zen decision: derived facts, a switch on the kind, one expression node per kind."""
    facts = [
        ("dd", "d(date)"),
        ("bd", "d(birth_date)"),
        ("ymd", "$.dd.year() * 10000 + $.dd.month() * 100 + $.dd.day()"),
        (
            "age",
            "$.dd.year() - $.bd.year() - (($.dd.month() * 100 + $.dd.day()) < "
            "($.bd.month() * 100 + $.bd.day()) ? 1 : 0)",
        ),
        ("pr", "placement_region ?? home_region"),
        ("cross_region", "$.pr != home_region"),
        ("ps", 'placement_start ?? (kind == "placement_started" ? date : null)'),
    ]
    position = {"x": 0, "y": 0}

    def node(nid: str, kind: str, **content: Any) -> dict[str, Any]:
        found: dict[str, Any] = {"id": nid, "type": kind, "name": nid, "position": position}
        if content:
            found["content"] = content
        return found

    def expressions(pairs: list[tuple[str, str]], through: bool) -> dict[str, Any]:
        listed = [{"id": f"x{i}", "key": k, "value": v} for i, (k, v) in enumerate(pairs)]
        return {"expressions": listed, "passThrough": through}

    per_kind = decision(rules, zen=True)
    nodes = [
        node("request", "inputNode"),
        node("facts", "expressionNode", **expressions(facts, True)),
        node(
            "kind",
            "switchNode",
            hitPolicy="first",
            statements=[
                {"id": f"s{i}", "condition": f"kind == {json.dumps(k)}"}
                for i, k in enumerate(per_kind)
            ],
        ),
        node("response", "outputNode"),
    ]
    edges = [
        {"id": "e0", "sourceId": "request", "targetId": "facts", "type": "edge"},
        {"id": "e1", "sourceId": "facts", "targetId": "kind", "type": "edge"},
    ]
    for i, pairs in enumerate(per_kind.values()):
        inner, last = pairs[:-1], pairs[-1]
        nodes.append(node(f"k{i}", "expressionNode", **expressions(inner, True)))
        nodes.append(node(f"o{i}", "expressionNode", **expressions([last], False)))
        edges.append(
            {
                "id": f"ek{i}",
                "sourceId": "kind",
                "targetId": f"k{i}",
                "sourceHandle": f"s{i}",
                "type": "edge",
            }
        )
        edges.append({"id": f"eo{i}", "sourceId": f"k{i}", "targetId": f"o{i}", "type": "edge"})
        edges.append({"id": f"er{i}", "sourceId": f"o{i}", "targetId": "response", "type": "edge"})
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


def ceiling(rules: RuleSet) -> Callable[[Event], list[tuple[str, dt.date | None, bool]]]:
    """The same decision as plain Python: one function per kind, an ``if`` per rule."""
    source = []
    for i, (kind, pairs) in enumerate(decision(rules, zen=False).items()):
        body = [f"    {k} = {v}" for k, v in pairs[:-1]]
        items = pairs[-1][1].split("\n")
        source.append(
            f"def k{i}(e, day, age, pr, cross, ps):\n" + "\n".join(body) + "\n"
            f"    return [x for x in ({', '.join(items)},) if x is not None]\n"
            f"KINDS[{kind!r}] = k{i}\n"
        )
    namespace: dict[str, Any] = {"KINDS": {}, "_due": cached_due_date, "datetime": dt}
    exec("\n".join(source), namespace)  # generated from the compiled rules, not from input
    kinds: dict[str, Callable[..., list[tuple[str, dt.date | None, bool]]]] = namespace["KINDS"]

    def run(e: Event) -> list[tuple[str, dt.date | None, bool]]:
        day, born = e.date, e.birth_date
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        pr = e.placement_region or e.home_region
        ps = e.placement_start or (day if e.kind == "placement_started" else None)
        found = kinds.get(e.kind)
        return found(e, day, age, pr, pr != e.home_region, ps) if found else []

    return run


# --- equivalence ------------------------------------------------------------------------------


def engine_answer(rules: RuleSet, event: Event) -> list[tuple[str, dt.date | None]]:
    out = []
    for o in evaluate(rules, event).obligations:
        who = o.compiled.rule.responsible
        party = "|".join(str(x) for x in ((who.principal, who.unit, who.locus) if who else ()))
        out.append((f"{o.rule_id}|{party}", o.due_date.date if o.due_date else None))
    return sorted(out, key=str)


def zen_answer(result: dict[str, Any]) -> list[tuple[str, dt.date | None]]:
    out = []
    for label, due, roll in result.get("result", {}).get("out", []):
        day = dt.date.fromisoformat(due) if due else None
        if day is not None and roll:
            day = next_working_day(day)  # zen has no holiday calendar (Lag 1930:173 2 §)
        out.append((label, day))
    return sorted(out, key=str)


def ceiling_answer(found: list[tuple[str, dt.date | None, bool]]) -> list[tuple[str, Any]]:
    return sorted(((label, due) for label, due, _ in found), key=str)


# --- the run ----------------------------------------------------------------------------------


def timed(work: Callable[[], object], n: int) -> float:
    """Events per CPU-second of ``work`` (CPU time: other sessions' load on the shared machine
    does not count). The garbage the setup left (new batches, the last contestant's results) is
    collected first, so a collection it triggers does not land in the next contestant's time;
    the collector stays on: what a contestant allocates, it pays for."""
    gc.collect()
    start = time.process_time()
    work()
    return n / (time.process_time() - start)


def round_work(
    rules: RuleSet,
    engine: Any,
    plain: Callable[[Event], object],
    peer: Any,
    batches: tuple[list[Event], list[dict[str, Any]], list[Event], list[Event], list[Any]],
) -> dict[str, Callable[[], object]]:
    """One round's contestants, in the order they run."""
    events, requests, repeat, fresh, fresh_requests = batches
    encoder = AnswerEncoder(rules)
    work: dict[str, Callable[[], object]] = {
        "never seen, objects": lambda: [evaluate(rules, e) for e in events],
        "zen, objects": lambda: [engine.evaluate("d", r) for r in requests],
        "ceiling, objects": lambda: [plain(e) for e in events],
    }
    if peer is not None:
        work["zen, peer's hand-made table"] = lambda: [peer.evaluate("d", r) for r in requests]
    work |= {
        "warm, objects": lambda: [evaluate(rules, e) for e in events],
        "repeat, objects": lambda: [evaluate(rules, e) for e in repeat],
        "never seen, JSON": lambda: [json.dumps(evaluate(rules, e).to_dict()) for e in fresh],
        "zen, JSON": lambda: [
            json.dumps(engine.evaluate("d", r)["result"]) for r in fresh_requests
        ],
        "warm, JSON": lambda: [json.dumps(evaluate(rules, e).to_dict()) for e in fresh],
        # the answer the CLI and the service write (placement_rules.contract), full and compact
        "warm, contract JSON": lambda: [
            encoder.evaluation(e, evaluate(rules, e), "full") for e in fresh
        ],
        "warm, contract JSON compact": lambda: [
            encoder.evaluation(e, evaluate(rules, e), "compact") for e in fresh
        ],
    }
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--tries", type=int, default=3, help="Batches per round; the best counts.")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--region", default="vastra_gotaland")
    parser.add_argument("--write-jdm", type=Path, default=None, help="Also save the zen decision.")
    parser.add_argument(
        "--peer-jdm",
        type=Path,
        default=None,
        help="Also time this zen decision (a hand-made table; not checked, for reference).",
    )
    args = parser.parse_args()
    try:
        import zen
    except ImportError:
        sys.exit("zen-engine is not installed: pip install -e '.[bench]'")

    rules = load_rule_set(args.region)
    graph = json.dumps(jdm(rules))
    if args.write_jdm:
        args.write_jdm.write_text(graph)
    # zen's static loader holds the parsed decision (a callback loader parses it per call)
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"d": json.loads(graph)}}})
    peer = None
    if args.peer_jdm is not None:
        content = {"d": json.loads(args.peer_jdm.read_text(encoding="utf-8"))}
        peer = zen.ZenEngine({"loader": {"type": "static", "content": content}})
    plain = ceiling(rules)
    rnd = random.Random(20)
    seen: set[tuple[Any, ...]] = set()
    n = args.events
    first = batch(n, args.region, rnd, seen)
    evaluate(load_rule_set(args.region), first[0])  # the modules evaluation imports on first use
    cold = timed(lambda: [evaluate(rules, e) for e in first], n)
    history = list(first)
    rates: dict[str, list[float]] = {}
    checked = 0
    for _ in range(args.rounds):
        best: dict[str, float] = {}
        for _ in range(args.tries):  # the best of a few batches: other load only slows a run
            events = batch(n, args.region, rnd, seen)
            requests = [request_of(e) for e in events]
            repeat = batch(n // 2, args.region, rnd, seen) + rnd.sample(history, n - n // 2)
            rnd.shuffle(repeat)
            history.extend(events)
            fresh = batch(n, args.region, rnd, seen)
            fresh_requests = [request_of(e) for e in fresh]
            history.extend(fresh)
            work = round_work(
                rules, engine, plain, peer, (events, requests, repeat, fresh, fresh_requests)
            )
            for name, job in work.items():
                best[name] = max(best.get(name, 0.0), timed(job, n))
            for event, request in zip(events + fresh, requests + fresh_requests, strict=True):
                expected = engine_answer(rules, event)
                assert zen_answer(engine.evaluate("d", request)) == expected, event
                assert ceiling_answer(plain(event)) == expected, event
                checked += 1
        for name, rate in best.items():
            rates.setdefault(name, []).append(rate)

    zen_median = statistics.median(rates["zen, objects"])
    ceiling_median = statistics.median(rates["ceiling, objects"])
    print(
        f"{args.region}: {len(rules.rules)} rules; {args.rounds} rounds, each the best of "
        f"{args.tries} batches of {n:,} events; "
        f"equivalence (rule id, party, due date) checked on {checked:,} events: all the same"
    )
    print(
        f"first {n:,} events after loading the rules (empty tables, every date new): {cold:,.0f}/s"
    )
    print("| work | median/s | min | max | x zen | x ceiling |")
    print("|---|---|---|---|---|---|")
    for name, found in rates.items():
        median = statistics.median(found)
        against = zen_median if "objects" in name else statistics.median(rates["zen, JSON"])
        print(
            f"| {name} | {median:,.0f} | {min(found):,.0f} | {max(found):,.0f} | "
            f"{median / against:.1f} | {median / ceiling_median:.2f} |"
        )


if __name__ == "__main__":
    main()
