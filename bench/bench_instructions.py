"""Benchmark (not a test): instructions per audited case, counted by valgrind (callgrind).

    .venv/bin/python bench/bench_instructions.py [--engine python durable] [--cases 500 2000]

Timings on a shared machine vary by a third from one run to the next; the number of machine
instructions executed does not. This audits the two sizes of ``bench_audit.py``'s synthetic
input under ``valgrind --tool=callgrind`` and prints the difference divided by the difference
in cases: the instructions one more case costs, start-up and rule loading excluded. The sizes
are large enough for the evaluator's memo of decisions (a few hundred per rule set) to be
mostly warm, as it is in any real audit. It needs valgrind (``apt install valgrind``) and takes
one to three minutes per size and engine.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_audit import run, write_input


def count(path: Path, engine: str, out_dir: Path) -> int:
    """Instructions of one audit of ``path`` (a child process under callgrind, with string
    hashing fixed: random hash seeds move the count by a few per cent)."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--audit",
            str(path),
            "--engine",
            engine,
            "--out",
            str(out_dir),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--engine", nargs="+", default=["python", "durable"], choices=["python", "durable"]
    )
    parser.add_argument("--cases", type=int, nargs=2, default=[500, 2000])
    parser.add_argument("--audit", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit is not None:  # the child: one audit, counted from outside
        run(args.audit, args.engine[0], args.out)
        return
    small, large = sorted(args.cases)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = {n: folder / f"events_{n}.csv" for n in (small, large)}
        for n, path in paths.items():
            write_input(path, n)
        for engine in args.engine:
            low, high = (count(paths[n], engine, folder) for n in (small, large))
            print(f"  {engine:8} {(high - low) / (large - small):12,.0f} instructions per case")


if __name__ == "__main__":
    main()
