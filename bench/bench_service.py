"""Benchmark (not a test): the HTTP service under a real load generator, beside the in-process
rate of the same work, so the HTTP overhead shows as a ratio.

    .venv/bin/python bench/bench_service.py [--seconds 3] [--quick] [--json OUT.json]

Starts ``placement-rules serve`` on 127.0.0.1 (a free port) with 1 and then 2 workers and drives
it with autocannon (``npx autocannon@8.0.0``, from the npm registry): requests/s and p50/p99
latency for single events and batches of 100, at 1, 8 and 32 concurrent connections, in
``detail=compact`` and ``full``. In process, on one core: events/s from JSON bytes in to JSON
bytes out (the service's own reader, pipeline and encoder), compact and full, and the previous
path (``Evaluation.to_dict`` and ``json.dumps``) for reference; also the encoders alone (orjson
against the standard library's). Prints a Markdown table; asserts nothing.

Rates are per CPU second (in process: this thread's CPU time; the service: the CPU time of
uvicorn and its workers, from /proc), so the ratio holds on a machine shared with other work;
requests/s and latency are wall-clock, as a client sees them. The event mix is
bench/bench.py's (every region, 2019-2027, all legal bases and forms). The service's
single-event runs send one event of the mix over and over (autocannon sends a fixed body); the
batches and the in-process rates use the first 100 events of the mix.
"""

from __future__ import annotations

import argparse
import contextlib
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
from placement_rules.contract import AnswerEncoder, encode
from placement_rules.pipeline import evaluate_data
from placement_rules.safe_yaml import load_json
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


def rate(work: Callable[[], int], seconds: float) -> float:
    """Items per CPU second of ``work`` (which returns how many it did), over several rounds:
    CPU time, not wall time, so that other work on a shared machine does not count."""
    work()  # warm up
    done, spent, deadline = 0, 0.0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.process_time()
        done += work()
        spent += time.process_time() - start
    return done / spent


def in_process(bodies: list[bytes], seconds: float) -> dict[str, float]:
    rule_sets = RuleSets(None)
    encoders = {region: AnswerEncoder(rule_sets.get(region)) for region in rule_sets.known}

    def pipeline(detail: str | None) -> Callable[[], int]:
        def work() -> int:
            for body in bodies:
                data = load_json(body.decode("utf-8"))
                rules, event, result = evaluate_data(data, "body", None, rule_sets)
                if detail == "legacy":
                    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
                elif detail is not None:
                    encoders[rules.region].evaluation(event, result, detail).encode("utf-8")  # type: ignore[arg-type]
            return len(bodies)

        return work

    evaluated = [evaluate_data(load_json(b.decode()), "b", None, rule_sets) for b in bodies]

    def encoder_only(function: Callable[[object], str]) -> float:
        """Events/s of the encoder alone, its per-event JSON written by ``function``."""
        previous = encode._j
        encode._j = function  # type: ignore[misc]
        try:
            fresh = {r: AnswerEncoder(rule_sets.get(r)) for r in rule_sets.known}

            def work() -> int:
                for rules, event, result in evaluated:
                    fresh[rules.region].evaluation(event, result).encode("utf-8")
                return len(evaluated)

            return rate(work, seconds)
        finally:
            encode._j = previous  # type: ignore[misc]

    return {
        "parse+evaluate": rate(pipeline(None), seconds),
        "compact": rate(pipeline("compact"), seconds),
        "full": rate(pipeline("full"), seconds),
        "legacy to_dict+json.dumps": rate(pipeline("legacy"), seconds),
        "encoder (full), json": encoder_only(encode._std_json()),
        "encoder (full), orjson": encoder_only(encode._fast_json()),
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
    args = parser.parse_args()

    bodies = events_json(100)
    local = in_process(bodies, args.seconds)
    print("In process, one thread (events per CPU second, JSON bytes in to JSON bytes out):\n")
    print("| path | events/CPU-s |\n| --- | ---: |")
    for name, value in local.items():
        print(f"| {name} | {value:,.0f} |")
    print()
    print(
        f"full / legacy: {local['full'] / local['legacy to_dict+json.dumps']:.1f}x; "
        "orjson / stdlib (encoder alone): "
        f"{local['encoder (full), orjson'] / local['encoder (full), json']:.2f}x\n"
    )
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
        row["ratio"] = f"{row['events_per_cpu_s'] / local[row['detail']]:.2f}"
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
