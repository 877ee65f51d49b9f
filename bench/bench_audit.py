"""Benchmark (not a test): batch audit throughput and memory.

    .venv/bin/python bench/bench_audit.py [--cases 10000 100000] [--engine python durable]
                                          [--rounds 3]

For each size, writes N synthetic cases (about 10 events each: report of concern, decision,
investigation, placement, health examination, SIP, investigation completed, placement end,
follow-up end; some acts missing or late) to a temporary CSV, then audits it exactly as
``placement-rules audit --out-cases`` does (streaming, per-case rows written to a file, summary
per region, municipality and duty). Prints cases per CPU-second (one core; the audit is
single-threaded) and per wall second and memory: peak RSS of the process and RSS sampled every
5,000 cases (about ten samples shown, so every 10,000 at 100,000 cases); a flat line shows
memory does not grow with N.

On a shared machine one run's speed can be off by a third. ``--rounds R`` audits each size R
times, the engines taking turns within each round (so a slow minute hits both), and ends with
each engine's median, lowest and highest cases per CPU-second. Asserts nothing.

    .venv/bin/python bench/bench_audit.py --jobs 1 2 --cases 200000 --rounds 5

``--jobs`` compares ``placement-rules audit --jobs N`` (a subprocess each, the same input, the
values taking turns within each round), checks that every run writes the same bytes, and
reports per value wall time (median, lowest, highest), the ratio to the first value, and CPU:
the total (the command and its workers, from ``wait4``), the main process's own and each
worker's (sampled from ``/proc`` every 20 ms, so a worker's last 20 ms may be missed), and the
load average. The machine may be shared, so it also reports the bound the load does not move:
the first value's median CPU over max(total CPU / cores, busiest process's CPU), the speed-up
on idle cores.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import filecmp
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from placement_rules.tracking.audit import CaseCsv, Summary, audit, read_csv

REGIONS = [
    ("vastra_gotaland", ["Borås", "Göteborg", "Skövde"]),
    ("jonkoping", ["Jönköping", "Värnamo"]),
    ("ostergotland", ["Linköping", "Norrköping"]),
    ("stockholm", ["Solna", "Södertälje", "Täby"]),
]
COLUMNS = [
    "case_id",
    "kind",
    "date",
    "birth_date",
    "home_municipality",
    "home_region",
    "legal_basis",
    "placement_form",
    "acute",
    "placement_start",
    "needs_both_principals",
]
AS_OF = dt.date(2026, 6, 1)
SAMPLE_EVERY = 5000
"""Cases between two RSS samples."""


def case_rows_for(n: int, rnd: random.Random) -> list[dict[str, str]]:
    """About ten events of one synthetic case."""
    region, towns = rnd.choice(REGIONS)
    start = dt.date(2024, 9, 1) + dt.timedelta(days=rnd.randrange(500))
    born = start - dt.timedelta(days=rnd.randrange(365, 17 * 365))
    acute = rnd.random() < 0.2
    base = {
        "case_id": f"c{n:07d}",
        "birth_date": born.isoformat(),
        "home_municipality": rnd.choice(towns),
        "home_region": region,
    }

    def at(days: int) -> str:
        return (start + dt.timedelta(days=days)).isoformat()

    placed = 20 + rnd.randrange(30)
    plan = [
        ("report_of_concern", 0, {}),
        ("investigation_decision_made", rnd.randrange(5, 20), {}),
        ("investigation_opened", rnd.randrange(5, 20), {}),
        (
            "placement_started",
            placed,
            {
                "legal_basis": "LVU",
                "placement_form": "familjehem",
                "acute": str(acute).lower(),
                "needs_both_principals": "true",
            },
        ),
        (
            "health_examination_initiated",
            placed + rnd.randrange(1, 10),
            {"legal_basis": "LVU", "placement_form": "familjehem", "placement_start": at(placed)},
        ),
        ("health_examination_offered", placed + rnd.randrange(10, 45), {}),
        ("sip_held", placed + rnd.randrange(2, 40), {}),
        ("investigation_completed", rnd.randrange(60, 160), {}),
        (
            "placement_ended",
            placed + rnd.randrange(100, 250),
            {"legal_basis": "SoL", "placement_form": "familjehem"},
        ),
        ("follow_up_ended", placed + rnd.randrange(260, 420), {}),
    ]
    rows = []
    for kind, days, extra in plan:
        if kind != "report_of_concern" and rnd.random() < 0.1:
            continue  # an act never logged: its obligation stays open or goes overdue
        rows.append({**base, "kind": kind, "date": at(days), **extra})
    return rows


def write_input(path: Path, cases: int, seed: int = 7) -> int:
    rnd = random.Random(seed)
    events = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        for n in range(cases):
            rows = case_rows_for(n, rnd)
            events += len(rows)
            writer.writerows(rows)
    return events


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def run(
    path: Path, engine: str, out_dir: Path, *, cases_file: bool = True
) -> tuple[int, float, float, list[float]]:
    summary = Summary(AS_OF)
    samples: list[float] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    with (
        path.open(encoding="utf-8", newline="") as stream,
        (out_dir / f"cases_{engine}.csv").open("w", encoding="utf-8", newline="") as out,
    ):
        rows = CaseCsv()
        out.write(rows.header())
        for report in audit(
            stream, str(path), AS_OF, reader=read_csv, engine=engine, on_problem=summary.problem
        ):
            summary.add(report)
            if cases_file:
                out.write(rows.rows(report))
            if summary.cases % SAMPLE_EVERY == 0:
                samples.append(rss_mib())
    return (
        summary.cases,
        time.perf_counter() - started,
        time.process_time() - cpu_started,
        samples,
    )


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def proc_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a live process, from /proc (``None`` once gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def proc_children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(x) for x in children.read().split()]
    except OSError:
        return []


class JobsRun:
    """One ``audit --jobs N`` run: wall seconds, total CPU, the main process's and the
    workers' CPU."""

    def __init__(self, wall: float, total: float, workers: list[float]) -> None:
        self.wall, self.total, self.workers = wall, total, workers
        self.main = total - sum(workers)

    def busiest(self) -> float:
        return max([self.main, *self.workers])


def run_jobs(path: Path, jobs: int, out_dir: Path) -> JobsRun:
    command = [
        sys.executable,
        "-c",
        "from placement_rules.cli import main; main()",
        "audit",
        str(path),
        "--as-of",
        AS_OF.isoformat(),
        "--engine",
        "python",
        "--format",
        "csv",
        "--out-cases",
        str(out_dir / f"cases_jobs{jobs}.csv"),
        "--out-summary",
        str(out_dir / f"summary_jobs{jobs}.csv"),
        "--jobs",
        str(jobs),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    workers: dict[int, float] = {}
    while os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        for child in proc_children(process.pid):
            cpu = proc_cpu(child)
            if cpu is not None:
                workers[child] = cpu
        time.sleep(0.02)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"audit --jobs {jobs} failed")
    return JobsRun(wall, usage.ru_utime + usage.ru_stime, sorted(workers.values(), reverse=True))


def compare_jobs(path: Path, cases: int, values: list[int], rounds: int, out_dir: Path) -> None:
    runs: dict[int, list[JobsRun]] = {jobs: [] for jobs in values}
    first = values[0]
    for round_number in range(1, rounds + 1):
        for jobs in values:
            found = run_jobs(path, jobs, out_dir)
            runs[jobs].append(found)
            for name in ("cases", "summary"):
                same = filecmp.cmp(
                    out_dir / f"{name}_jobs{first}.csv",
                    out_dir / f"{name}_jobs{jobs}.csv",
                    shallow=False,
                )
                if not same:
                    raise SystemExit(f"--jobs {jobs} wrote other {name} than --jobs {first}")
            shown = " ".join(f"{w:.1f}" for w in found.workers) or "-"
            print(
                f"  #{round_number} --jobs {jobs}: {found.wall:6.1f} s wall, CPU {found.total:6.1f}"
                f" s (main {found.main:.1f}, workers {shown}); load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    base = statistics.median(r.wall for r in runs[first])
    base_cpu = statistics.median(r.total for r in runs[first])
    cores = os.cpu_count() or 1
    for jobs, found in runs.items():
        walls = [r.wall for r in found]
        total = statistics.median(r.total for r in found)
        main_cpu = statistics.median(r.main for r in found)
        busiest = statistics.median(r.busiest() for r in found)
        ideal = statistics.median(base_cpu / max(r.total / cores, r.busiest()) for r in found)
        wall = statistics.median(walls)
        print(
            f"  --jobs {jobs}: wall median {wall:.1f} s (lowest {min(walls):.1f}, highest "
            f"{max(walls):.1f}), {base / wall:.2f}x --jobs {first}; CPU median {total:.1f} s "
            f"({total / base_cpu:.2f}x --jobs {first}; main process {main_cpu:.1f}, busiest "
            f"process {busiest:.1f}); "
            f"parallelism (total / busiest) {total / busiest:.2f}; bound on {cores} idle cores "
            f"{ideal:.2f}x; {cases / (total or 1):.0f} cases per CPU-second",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--engine", nargs="+", default=["python", "durable"], choices=["python", "durable"]
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="Audit each size this many times, engines taking turns (default 1).",
    )
    parser.add_argument(
        "--no-cases-file",
        action="store_true",
        help="Summary only (like audit without --out-cases).",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        nargs="+",
        default=None,
        help="Compare the audit command with these --jobs values instead (side by side).",
    )
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for cases in args.cases:
            path = folder / f"events_{cases}.csv"
            events = write_input(path, cases)
            print(
                f"{cases} cases, {events} events ({events / cases:.1f} per case), "
                f"{path.stat().st_size / 2**20:.1f} MiB CSV; load {os.getloadavg()[0]:.1f}"
            )
            if args.jobs:
                compare_jobs(path, cases, args.jobs, args.rounds, folder)
                continue
            rates: dict[str, list[float]] = {engine: [] for engine in args.engine}
            for round_number in range(1, args.rounds + 1):
                for engine in args.engine:
                    judged, seconds, cpu, samples = run(
                        path, engine, folder, cases_file=not args.no_cases_file
                    )
                    rates[engine].append(judged / cpu)
                    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                    step = max(1, len(samples) // 10)  # at most about ten samples shown
                    shown = ", ".join(f"{s:.0f}" for s in samples[::step])
                    label = f"{engine} #{round_number}" if args.rounds > 1 else engine
                    print(
                        f"  {label:11} {judged / cpu:6.0f} cases per CPU-second ({cpu:.1f} s "
                        f"CPU), {judged / seconds:6.0f} cases/s wall ({seconds:.1f} s); peak RSS "
                        f"{peak:.0f} MiB; RSS every {SAMPLE_EVERY * step:,} cases (MiB): {shown}",
                        flush=True,
                    )
            if args.rounds > 1:
                for engine, found in rates.items():
                    print(
                        f"  {engine:11} median {statistics.median(found):6.0f} cases per "
                        f"CPU-second over {len(found)} rounds (lowest {min(found):.0f}, "
                        f"highest {max(found):.0f})"
                    )


if __name__ == "__main__":
    main()
