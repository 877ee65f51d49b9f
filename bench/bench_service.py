"""Benchmark (not a test): the HTTP service under a real load generator, beside the in-process
rate of the same work, so the HTTP overhead shows as a ratio.

    .venv/bin/python bench/bench_service.py [--seconds 3] [--quick] [--json OUT.json]
        [--events 5000] [--in-process-only]

Starts ``placement-rules serve`` on 127.0.0.1 (a free port) with 1 and then 2 workers and drives
it with autocannon (``npx autocannon@8.0.0``, from the npm registry): requests/s and p50/p99
latency for single events and batches of 100, at 1, 8 and 32 concurrent connections, in
``detail=compact`` and ``full``. In process, on one core: events/s from JSON bytes in to JSON
bytes out (the service's own reader ``parse_json``, ``evaluate_data`` and the encoder's
``evaluation_bytes``), compact and full; beside them the same with the standard library's
encoder (the fallback without orjson), the previous path (``Evaluation.to_dict`` and
``json.dumps``) for reference, the reader alone, and the encoders alone. Prints Markdown tables;
asserts nothing.

Rates are per CPU second (in process: this thread's CPU time, the paths in alternating rounds,
median, min and max over the rounds; the service: the CPU time of uvicorn and its workers, from
/proc), so the ratio holds on a machine shared with other work; requests/s and latency are
wall-clock, as a client sees them. The event mix is bench/bench.py's (every region, 2019-2027,
all legal bases and forms). The service's single-event runs send one event of the mix over and
over (autocannon sends a fixed body); the batches use the first 100 events of the mix, the
in-process rates the first ``--events``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench import REGIONS, mix
from placement_rules.contract import AnswerEncoder
from placement_rules.pipeline import evaluate_data
from placement_rules.service.inputs import parse_json
from placement_rules.service.settings import ServiceSettings
from placement_rules.tracking.audit import RuleSets

AUTOCANNON = "autocannon@8.0.0"
ROOT = Path(__file__).resolve().parents[1]


def events_json(n: int) -> list[bytes]:
    """The first ``n`` events of the mix, as the JSON bodies a client sends."""
    return [
        event.model_dump_json(exclude_defaults=True).encode("utf-8")
        for _, event in mix(n, REGIONS, seed=17)
    ]


# --- in process ----------------------------------------------------------------------------


def cpu_per_item(work: Callable[[], int]) -> float:
    """CPU seconds per item of one run of ``work`` (which returns how many it did): this
    thread's CPU time, not wall time, so that other work on a shared machine does not count."""
    start = time.process_time()
    done = work()
    return (time.process_time() - start) / done


def in_process(bodies: list[bytes], seconds: float) -> dict[str, dict[str, float]]:
    """Events per CPU second of each path, from JSON bytes in to JSON bytes out: the service's
    reader (``parse_json``), ``evaluate_data`` and the encoder's bytes. The paths run in
    alternating rounds (each round runs every path once over ``bodies``) until ``seconds`` per
    path are spent; per path: the median, min and max rate over the rounds."""
    rule_sets = RuleSets(None)
    known = rule_sets.known
    fast = {region: AnswerEncoder(rule_sets.get(region)) for region in known}
    oracle = {region: AnswerEncoder(rule_sets.get(region), fast=False) for region in known}
    limit = ServiceSettings().max_body_bytes

    def pipeline(detail: str | None, encoders: dict[str, AnswerEncoder]) -> Callable[[], int]:
        def work() -> int:
            for body in bodies:
                data = parse_json(body, limit)
                rules, event, result = evaluate_data(data, "body", None, rule_sets)
                if detail == "legacy":
                    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
                elif detail is not None:
                    encoders[rules.region].evaluation_bytes(event, result, detail)  # type: ignore[arg-type]
            return len(bodies)

        return work

    evaluated = [evaluate_data(parse_json(b, limit), "b", None, rule_sets) for b in bodies]
    # as the service does once it has loaded (service/app.py, _long_lived_heap): what lives
    # from here on (rules, encoders, the benchmark's own inputs) is out of the collector's way
    gc.collect()
    gc.freeze()

    def encoder_only(detail: str, encoders: dict[str, AnswerEncoder]) -> Callable[[], int]:
        def work() -> int:
            for rules, event, result in evaluated:
                encoders[rules.region].evaluation_bytes(event, result, detail)  # type: ignore[arg-type]
            return len(evaluated)

        return work

    def read_only() -> int:
        for body in bodies:
            parse_json(body, limit)
        return len(bodies)

    paths: dict[str, Callable[[], int]] = {
        "read (parse_json)": read_only,
        "read+evaluate": pipeline(None, fast),
        "compact": pipeline("compact", fast),
        "full": pipeline("full", fast),
        "full, stdlib encoder (no orjson)": pipeline("full", oracle),
        "legacy to_dict+json.dumps": pipeline("legacy", fast),
        "encoder alone (compact), orjson": encoder_only("compact", fast),
        "encoder alone (compact), stdlib": encoder_only("compact", oracle),
        "encoder alone (full), orjson": encoder_only("full", fast),
        "encoder alone (full), stdlib": encoder_only("full", oracle),
    }
    for work in paths.values():
        work()  # warm up: the memos of the engine and the encoder
    spent = dict.fromkeys(paths, 0.0)
    rounds: dict[str, list[float]] = {name: [] for name in paths}
    while min(spent.values()) < seconds or min(len(r) for r in rounds.values()) < 5:
        for name, work in paths.items():
            start = time.process_time()
            per = cpu_per_item(work)
            spent[name] += time.process_time() - start
            rounds[name].append(1 / per)
    return {
        name: {
            "median": statistics.median(rates),
            "min": min(rates),
            "max": max(rates),
            "rounds": len(rates),
        }
        for name, rates in rounds.items()
    }


# --- over HTTP -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children (uvicorn's workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    todo = [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
    return total


@contextlib.contextmanager
def service(workers: int) -> Iterator[tuple[str, int]]:
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from placement_rules.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(url + "/readyz", timeout=1).read()
                break
            if process.poll() is not None:
                raise RuntimeError(f"the service exited: {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
            time.sleep(0.2)
        yield url, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def autocannon(
    url: str, body_file: Path, connections: int, seconds: float, content_type: str
) -> dict[str, Any]:
    command = [
        "npx",
        "--yes",
        AUTOCANNON,
        "--json",
        "--connections",
        str(connections),
        "--duration",
        str(max(1, round(seconds))),
        "--method",
        "POST",
        "--headers",
        f"content-type={content_type}",
        "--input",
        str(body_file),
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def http_runs(
    bodies: list[bytes], seconds: float, workers_list: list[int], concurrency: list[int]
) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        single = Path(folder) / "event.json"
        single.write_bytes(bodies[0])
        batch = Path(folder) / "batch.ndjson"
        batch.write_bytes(b"\n".join(bodies[:100]))
        for workers in workers_list:
            with service(workers) as (url, pid):
                for detail in ("compact", "full"):
                    for shape, path, per, media, endpoint in (
                        ("single", single, 1, "application/json", "/v1/evaluate"),
                        ("batch of 100", batch, 100, "application/x-ndjson", "/v1/evaluate/batch"),
                    ):
                        for connections in concurrency:
                            cpu_before = cpu_seconds(pid)
                            report = autocannon(
                                f"{url}{endpoint}?detail={detail}",
                                path,
                                connections,
                                seconds,
                                media,
                            )
                            cpu = cpu_seconds(pid) - cpu_before
                            ok = report["2xx"]
                            rps = ok / report["duration"]
                            rows.append(
                                {
                                    "workers": workers,
                                    "detail": detail,
                                    "shape": shape,
                                    "connections": connections,
                                    "requests_per_s": rps,
                                    "events_per_s": rps * per,
                                    "events_per_cpu_s": ok * per / cpu if cpu else 0.0,
                                    "p50_ms": report["latency"]["p50"],
                                    "p99_ms": report["latency"]["p99"],
                                    "errors": report["errors"] + report["non2xx"],
                                }
                            )
                            print(_row(rows[-1]), flush=True)
    return rows


def _row(r: dict[str, Any]) -> str:
    return (
        f"| {r['workers']} | {r['detail']} | {r['shape']} | {r['connections']} | "
        f"{r['requests_per_s']:,.0f} | {r['events_per_s']:,.0f} | {r['p50_ms']:.0f} | "
        f"{r['p99_ms']:.0f} | {r['events_per_cpu_s']:,.0f} | {r.get('ratio', '')} | "
        f"{r['errors']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0, help="per measurement")
    parser.add_argument("--quick", action="store_true", help="1 worker, 1 and 32 connections")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--events", type=int, default=5000, help="events of the mix in process (default 5000)"
    )
    parser.add_argument(
        "--in-process-only", action="store_true", help="skip the service (no autocannon)"
    )
    args = parser.parse_args()

    bodies = events_json(max(100, args.events))
    local = in_process(bodies[: args.events], args.seconds)
    print(
        f"In process, one thread, {args.events:,} events of the mix, {args.seconds:g} CPU-s a "
        "path in alternating rounds (events per CPU second, JSON bytes in to JSON bytes out; "
        "median, min and max over the rounds):\n"
    )
    print("| path | events/CPU-s | min | max | µs/event |\n| --- | ---: | ---: | ---: | ---: |")
    for name, value in local.items():
        print(
            f"| {name} | {value['median']:,.0f} | {value['min']:,.0f} | {value['max']:,.0f} | "
            f"{1e6 / value['median']:.1f} |"
        )
    print()
    rates = {name: value["median"] for name, value in local.items()}

    def ratio(a: str, b: str) -> str:
        return f"{rates[a] / rates[b]:.2f}x"

    print(
        f"full / legacy: {ratio('full', 'legacy to_dict+json.dumps')}; full / full with the "
        f"stdlib encoder: {ratio('full', 'full, stdlib encoder (no orjson)')}; encoder alone, "
        "orjson / stdlib: compact "
        f"{ratio('encoder alone (compact), orjson', 'encoder alone (compact), stdlib')}, full "
        f"{ratio('encoder alone (full), orjson', 'encoder alone (full), stdlib')}\n"
    )
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    if args.in_process_only:
        if args.json is not None:
            args.json.write_text(
                json.dumps({"in_process": local, "cpus": os.cpu_count()}, indent=2),
                encoding="utf-8",
            )
        return
    workers = [1] if args.quick else [1, 2]
    concurrency = [1, 32] if args.quick else [1, 8, 32]
    print(
        "Over HTTP (autocannon on 127.0.0.1; events/CPU-s: events over the service's CPU time, "
        "workers included; ratio: that over the in-process rate):\n"
    )
    header = (
        "| workers | detail | request | connections | req/s | events/s | p50 ms | p99 ms | "
        "events/CPU-s | ratio | errors |\n"
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    print(header)
    rows = http_runs(bodies, args.seconds, workers, concurrency)
    print("\nWith ratios:\n")
    print(header)
    for row in rows:
        row["ratio"] = f"{row['events_per_cpu_s'] / rates[row['detail']]:.2f}"
        print(_row(row))
    if args.json is not None:
        args.json.write_text(
            json.dumps({"in_process": local, "http": rows, "cpus": os.cpu_count()}, indent=2),
            encoding="utf-8",
        )
    print(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"(median p99 over the runs: {statistics.median(r['p99_ms'] for r in rows):.1f} ms)")


if __name__ == "__main__":
    main()
