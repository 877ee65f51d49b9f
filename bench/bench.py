"""Benchmark (not a test): evaluations per second, file loading time, CLI cold start.

    .venv/bin/python bench/bench.py [--seconds 3]

Prints figures; asserts nothing. The event mix is realistic: mostly placements (planned and
acute, every legal basis and form), health examinations, placement ends, reports of concern,
dates 2019-2027 across the 2025-07-01 law change, ages 0-22, some cross-region placements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from placement_rules import Event, evaluate, load_all
from placement_rules.vocabulary import EVENT_KINDS

REGIONS = ["ostergotland", "stockholm", "jonkoping", "vastra_gotaland"]
KIND_WEIGHTS = {
    "placement_started": 40,
    "health_examination_initiated": 15,
    "placement_ended": 15,
    "report_of_concern": 10,
    "investigation_opened": 5,
    "placement_changed": 5,
    "compulsory_care_application": 5,
}


def mix(n: int, regions: list[str], seed: int = 1) -> list[tuple[str, Event]]:
    rnd = random.Random(seed)
    kinds = [k for k in KIND_WEIGHTS if k in EVENT_KINDS]
    weights = [KIND_WEIGHTS[k] for k in kinds]
    out = []
    for _ in range(n):
        region = rnd.choice(regions)
        date = dt.date(2019, 1, 1) + dt.timedelta(days=rnd.randrange(9 * 365))
        birth = date - dt.timedelta(days=rnd.randrange(23 * 365))
        other = rnd.random() < 0.15
        event = Event(
            kind=rnd.choices(kinds, weights)[0],  # type: ignore[arg-type]
            date=date,
            birth_date=birth,
            legal_basis=rnd.choice(["SoL", "LVU", "LVM"]),
            placement_form=rnd.choice(
                ["familjehem", "jourhem", "hvb", "sis", "stodboende", "skyddat_boende"]
            ),
            acute=rnd.random() < 0.3,
            home_municipality="Kommun",
            home_region=region,
            placement_region=rnd.choice(regions) if other else region,
            ongoing_care=rnd.random() < 0.4,
            needs_both_principals=rnd.random() < 0.5,
        )
        out.append((region, event))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    load_times = []
    for _ in range(5):
        start = time.perf_counter()
        rule_sets = load_all()
        load_times.append(time.perf_counter() - start)
    regions = [r for r in REGIONS if r in rule_sets] or ["national"]
    print(
        f"rule files: {len(rule_sets)} rule sets ({', '.join(sorted(rule_sets))}), "
        f"{sum(len(rs.top.model.rules) for rs in rule_sets.values())} rules"
    )
    print(
        f"load + validate all files: median {statistics.median(load_times) * 1000:.0f} ms "
        f"(first {load_times[0] * 1000:.0f} ms)"
    )

    events = mix(20_000, regions)
    rates, obligations, total = [], 0, 0
    deadline = time.perf_counter() + args.seconds
    while time.perf_counter() < deadline or len(rates) < 3:
        start = time.perf_counter()
        for region, event in events:
            obligations += len(evaluate(rule_sets[region], event).obligations)
        rates.append(len(events) / (time.perf_counter() - start))
        total += len(events)
    best, median = max(rates), statistics.median(rates)
    print(
        f"evaluate, one core: best {best:,.0f} evaluations/s ({1e6 / best:.1f} µs each), "
        f"median {median:,.0f}/s over {len(rates)} rounds of {len(events):,} events; "
        f"{obligations / total:.1f} obligations on average"
    )

    example = (
        Path(__file__).resolve().parents[1] / "examples" / "placement_started_lvu_familjehem.json"
    )
    exe = Path(sys.executable).with_name("placement-rules")
    colds = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "evaluate", "--json", str(example)], check=True, capture_output=True
        )
        colds.append(time.perf_counter() - start)
    print(
        f"CLI cold start, `evaluate --json` on an example: median {statistics.median(colds):.2f} s"
    )


if __name__ == "__main__":
    main()
