"""Benchmark (not a test): the bounded JSON reader, orjson's fast path against the standard
library's reader it falls back to, on the service's event mix.

    .venv/bin/python bench/bench_reader.py [--events 5000] [--rounds 15] [--json OUT.json]

The 5,000 events of bench/bench_service.py's mix (``events_json``: the JSON bodies a client
sends, every region, 2019-2027), read as the service reads them (bytes) and as the CLI reads
them (text), one event at a time; also as one NDJSON batch (``parse_ndjson``, one line an
event) and as one JSON batch of 100 events (``parse_json``). Each round runs every reader once
over the events, in turn, so that load on a shared machine falls on all of them alike; the
time is this process's CPU time. Prints µs per event (median, min, max over the rounds) and the
ratio of the medians; asserts only that both readers return the same data.
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
from placement_rules.safe_yaml import DATA_FILE_LIMITS, load_json
from placement_rules.service.inputs import parse_json, parse_ndjson

MAX_BYTES = 1 << 20


def stdlib(body: bytes | str) -> Any:
    """The reader as it was: the standard library's decoder under the hooks, then the tree."""
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    return safe_yaml._stdlib_json(text, DATA_FILE_LIMITS)


def per_event(read: Callable[[Any], Any], bodies: list[Any]) -> Callable[[], int]:
    def work() -> int:
        for body in bodies:
            read(body)
        return len(bodies)

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
    for body, text in zip(bodies, texts, strict=True):
        assert load_json(body) == load_json(text) == stdlib(body)
    assert parse_ndjson(ndjson, MAX_BYTES, len(bodies)) == [stdlib(b) for b in bodies]

    def batch_json(body: bytes) -> Any:
        return parse_json(body, MAX_BYTES, nesting=1, items=100)

    def old_batch_json(body: bytes) -> Any:
        limits = safe_yaml.Limits(MAX_BYTES, DATA_FILE_LIMITS.max_depth + 1, 50_000)
        return safe_yaml._stdlib_json(body.decode("utf-8"), limits)

    def old_ndjson() -> int:
        for line in ndjson.split(b"\n"):
            stdlib(line)
        return len(bodies)

    def batches_of(read: Callable[[bytes], Any]) -> Callable[[], int]:
        def work() -> int:
            for body in batches:
                read(body)
            return len(bodies)

        return work

    readers: dict[str, Callable[[], int]] = {
        "bytes, fast": per_event(load_json, bodies),
        "bytes, stdlib": per_event(stdlib, bodies),
        "text, fast": per_event(load_json, texts),
        "text, stdlib": per_event(stdlib, texts),
        "service single (parse_json), fast": per_event(lambda b: parse_json(b, MAX_BYTES), bodies),
        "NDJSON batch (parse_ndjson), fast": lambda: len(
            parse_ndjson(ndjson, MAX_BYTES, len(bodies))
        ),
        "NDJSON batch, stdlib": old_ndjson,
        "JSON batch of 100 (parse_json), fast": batches_of(batch_json),
        "JSON batch of 100, stdlib": batches_of(old_batch_json),
        "json.loads alone": per_event(json.loads, bodies),
        "orjson.loads alone": per_event(safe_yaml._orjson_loads, bodies),
    }
    times: dict[str, list[float]] = {name: [] for name in readers}
    for work in readers.values():
        work()  # warm up
    for _ in range(args.rounds):
        for name, work in readers.items():
            start = time.process_time()
            done = work()
            times[name].append((time.process_time() - start) / done * 1e6)

    medians = {name: statistics.median(spent) for name, spent in times.items()}
    pairs = {
        "bytes, fast": "bytes, stdlib",
        "text, fast": "text, stdlib",
        "NDJSON batch (parse_ndjson), fast": "NDJSON batch, stdlib",
        "JSON batch of 100 (parse_json), fast": "JSON batch of 100, stdlib",
    }
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
