"""Benchmark (not a test): the bounded JSON reader, orjson's fast path against the standard
library's reader it falls back to, on the service's event mix.

    .venv/bin/python bench/bench_reader.py [--events 5000] [--rounds 15] [--json OUT.json]

The 5,000 events of bench/bench_service.py's mix (``events_json``: the JSON bodies a client
sends, every region, 2019-2027), read as the service reads them (bytes) and as the CLI reads
them (text), one event at a time; also as one NDJSON batch (``parse_ndjson``, one line an
event) and as one JSON batch of 100 events (``parse_json``). Each round runs every reader once
over the events, in turn, so that load on a shared machine falls on all of them alike; the
time is this process's CPU time. Prints µs per event (median, min, max over the rounds) and the
ratio of the medians. The "stdlib" rows are the same calls with orjson hidden from the reader
(the reader as it was before its fast path, and as it is without the extra). Asserts only that
both read the mix as ``json.loads`` does.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_service import events_json
from placement_rules import safe_yaml
from placement_rules.safe_yaml import load_json
from placement_rules.service.inputs import parse_json, parse_ndjson

MAX_BYTES = 1 << 20


def without_orjson(work: Callable[[], int]) -> Callable[[], int]:
    """``work`` with the reader as it is without orjson: the standard library's reader alone,
    which is what it was before the fast path (bytes decoded first)."""

    def slow() -> int:
        loads = safe_yaml._orjson_loads
        safe_yaml._orjson_loads = None  # type: ignore[misc]
        try:
            return work()
        finally:
            safe_yaml._orjson_loads = loads  # type: ignore[misc]

    return slow


def per_event(read: Callable[[Any], Any], bodies: list[Any]) -> Callable[[], int]:
    """Each body read in turn, its data kept (as a batch keeps it) until the round ends."""

    def work() -> int:
        return len([read(body) for body in bodies])

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if safe_yaml._orjson_loads is None:
        sys.exit("orjson is not installed (extra [service]): there is no fast path to measure")

    bodies = events_json(args.events)
    texts = [body.decode("utf-8") for body in bodies]
    ndjson = b"\n".join(bodies)
    batches = [b"[" + b",".join(bodies[i : i + 100]) + b"]" for i in range(0, len(bodies), 100)]

    def single(body: bytes) -> Any:
        return parse_json(body, MAX_BYTES)

    def lines() -> int:
        return len(parse_ndjson(ndjson, MAX_BYTES, len(bodies)))

    def batch(body: bytes) -> Any:
        return parse_json(body, MAX_BYTES, nesting=1, items=100)

    def in_batches() -> int:
        return sum(len(batch(body)) for body in batches)

    cases: dict[str, Callable[[], int]] = {
        "load_json(bytes)": per_event(load_json, bodies),
        "load_json(text)": per_event(load_json, texts),
        "service, one event (parse_json)": per_event(single, bodies),
        "service, NDJSON batch (parse_ndjson)": lines,
        "service, JSON batch of 100 (parse_json)": in_batches,
    }

    def same_data() -> int:
        for body, text in zip(bodies, texts, strict=True):
            assert load_json(body) == load_json(text) == json.loads(body)
        assert parse_ndjson(ndjson, MAX_BYTES, len(bodies)) == [json.loads(b) for b in bodies]
        return len(bodies)

    same_data()
    without_orjson(same_data)()

    readers: dict[str, Callable[[], int]] = {}
    for name, fast in cases.items():
        readers[f"{name}, fast"] = fast
        readers[f"{name}, stdlib"] = without_orjson(fast)
    readers["json.loads alone"] = per_event(json.loads, bodies)
    readers["orjson.loads alone"] = per_event(safe_yaml._orjson_loads, bodies)
    times: dict[str, list[float]] = {name: [] for name in readers}
    for work in readers.values():
        work()  # warm up
    for _ in range(args.rounds):
        for name, work in readers.items():
            start = time.process_time()
            done = work()
            times[name].append((time.process_time() - start) / done * 1e6)

    medians = {name: statistics.median(spent) for name, spent in times.items()}
    pairs = {f"{name}, fast": f"{name}, stdlib" for name in cases}
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"{len(bodies):,} events, {args.rounds} rounds, CPU time; load average {load}\n")
    print("| reader | µs/event median | min | max | stdlib / fast |")
    print("|---|---:|---:|---:|---:|")
    for name, spent in times.items():
        ratio = f"{medians[pairs[name]] / medians[name]:.1f}x" if name in pairs else ""
        print(f"| {name} | {medians[name]:.2f} | {min(spent):.2f} | {max(spent):.2f} | {ratio} |")
    if args.json:
        figures = {"load": load, "medians_us": medians, "rounds_us": times}
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
