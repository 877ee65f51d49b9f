"""Census mode: run many inputs per target, count every outcome by class, go on after a
failure (a property test stops at the first), and report the counts.

    python -m tests.fuzz.census N [--workers W] [--report FILE] [--targets rules,events,audit]

N inputs in all, split evenly over the targets and cut into chunks of :data:`CHUNK` (each chunk
a fresh hypothesis run with its own seed: hypothesis's memory grows with the examples of one
run); the chunks go to W worker processes (default: every core). Each worker caps its address
space (:data:`ADDRESS_SPACE`), so a bomb would be a MemoryError, counted, not the host's OOM;
every input is timed and its growth of the resident set checked, and one in
:data:`TRACE_EVERY` runs under tracemalloc with a peak bound of :data:`TRACE_PEAK`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import resource
import sys
import time
import tracemalloc
from collections import Counter
from typing import Any

CHUNK = 10_000
ADDRESS_SPACE = 2 << 30
TRACE_EVERY = 200
TRACE_PEAK = 32 << 20


def _chunk(job: tuple[str, int, int]) -> dict[str, Any]:
    """Run ``size`` inputs of one target with one seed; return the counts."""
    name, size, seed_value = job
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from . import invariant
    from .invariant import Failure, check
    from .targets import TARGETS, call

    target = TARGETS[name]
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    slowest = 0.0
    slowest_input = ""
    peak = 0
    seen = 0

    @seed(seed_value)
    @settings(
        max_examples=size,
        database=None,
        deadline=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.inputs)
    def one(value: Any) -> None:
        nonlocal slowest, slowest_input, peak, seen
        seen += 1
        traced = seen % TRACE_EVERY == 0
        if traced:
            tracemalloc.start()
        try:
            counts[check(lambda: call(target, value), target.where(value))] += 1
        except Failure as failure:
            counts[f"FAIL {failure.kind}"] += 1
            examples.setdefault(failure.kind, f"{failure} <- {value!r}"[:600])
        finally:
            spent = invariant.last_elapsed
            if spent > slowest:
                slowest, slowest_input = spent, repr(value)[:300]
            if traced:
                traced_peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                peak = max(peak, traced_peak)
                if traced_peak > TRACE_PEAK:
                    counts["FAIL MEMORY (traced)"] += 1
                    examples.setdefault("MEMORY (traced)", repr(value)[:600])

    one()
    return {
        "target": name,
        "counts": dict(counts),
        "examples": examples,
        "slowest": slowest,
        "slowest_input": slowest_input,
        "traced_peak": peak,
        "inputs": sum(counts.values()),
    }


def _init_worker() -> None:
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def jobs(total: int, targets: list[str], base_seed: int = 15) -> list[tuple[str, int, int]]:
    """The chunks, interleaved by target so every worker stays busy to the end."""
    per_target = -(-total // len(targets))
    out: list[tuple[str, int, int]] = []
    chunks = -(-per_target // CHUNK)
    for i in range(chunks):
        size = min(CHUNK, per_target - i * CHUNK)
        out.extend(
            (name, size, base_seed * 1_000_003 + i * 101 + j) for j, name in enumerate(targets)
        )
    return out


def run(total: int, targets: list[str], workers: int | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    work = jobs(total, targets)
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers or os.cpu_count() or 1, initializer=_init_worker) as pool:
        parts = pool.map(_chunk, work, chunksize=1)
    report: dict[str, Any] = {"total_inputs": 0, "targets": {}, "seconds": 0.0}
    for part in parts:
        entry = report["targets"].setdefault(
            part["target"],
            {"inputs": 0, "outcomes": Counter(), "failures": {}, "examples": {}, "slowest_s": 0.0,
             "traced_peak_bytes": 0},
        )  # fmt: skip
        entry["inputs"] += part["inputs"]
        entry["outcomes"].update(part["counts"])
        for kind, example in part["examples"].items():
            entry["examples"].setdefault(kind, example)
        if part["slowest"] >= entry["slowest_s"]:
            entry["slowest_s"], entry["slowest_input"] = part["slowest"], part["slowest_input"]
        entry["traced_peak_bytes"] = max(entry["traced_peak_bytes"], part["traced_peak"])
        report["total_inputs"] += part["inputs"]
    for entry in report["targets"].values():
        entry["failures"] = {
            k[5:]: v for k, v in entry["outcomes"].items() if k.startswith("FAIL ")
        }
        entry["outcomes"] = dict(entry["outcomes"])
    report["failures"] = sum(sum(e["failures"].values()) for e in report["targets"].values())
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["workers"] = workers or os.cpu_count()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.census", description=__doc__)
    parser.add_argument("total", type=int)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--report", default=None)
    parser.add_argument("--targets", default="rules,events,audit")
    options = parser.parse_args(argv)
    report = run(options.total, options.targets.split(","), options.workers)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if options.report:
        with open(options.report, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    print(summary(report))
    return 1 if report["failures"] else 0


def summary(report: dict[str, Any]) -> str:
    lines = [f"{report['total_inputs']:,} inputs in {report['seconds']} s on {report['workers']} "
             f"workers; {report['failures']} failures"]  # fmt: skip
    for name, entry in report["targets"].items():
        outcomes = ", ".join(f"{k} {v:,}" for k, v in sorted(entry["outcomes"].items()))
        lines.append(
            f"  {name}: {entry['inputs']:,} inputs ({outcomes}); failures by class: "
            f"{entry['failures'] or 'none'}; slowest input {entry['slowest_s']:.3f} s; largest "
            f"traced peak {entry['traced_peak_bytes'] / 2**20:.1f} MB"
        )
        for kind, example in entry["examples"].items():
            lines.append(f"    first {kind}: {example[:300]}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
