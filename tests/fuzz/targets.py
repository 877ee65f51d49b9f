"""The fuzz targets: a name, a strategy of inputs, and a runner that feeds one input through the
path the command line takes and returns what it said (:class:`.invariant.Result`).

To add the HTTP service's request bodies later: a target whose strategy draws bodies (these
strategies' documents, plus oversize bodies, wrong content types, gzip bombs, truncated
JSON) and whose runner posts each to the service in-process and returns the status and body as
a message; the invariant is the same (4xx with a located problem, no marker)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from placement_rules.cli.core import evaluate_file
from placement_rules.cli.tracking import track_file
from placement_rules.compiler import build_rule_set
from placement_rules.evaluation import evaluate
from placement_rules.events import parse_event
from placement_rules.limits import EVENT_DATE_MAX
from placement_rules.loading import bundled_rules_dir, read_rule_file
from placement_rules.tracking.audit import (
    CaseCsv,
    Problem,
    RuleSets,
    Summary,
    audit,
    read_csv,
    read_jsonl,
)

from .invariant import Result
from .strategies import audit_inputs, event_documents, rule_texts

NATIONAL = read_rule_file(bundled_rules_dir() / "national.yaml")
RULE_SETS = RuleSets(None)
"""Rule sets loaded once for every input (a load costs 20-50 ms); region look-ups still run."""
for _region in sorted(RULE_SETS.known):  # loaded before any input is timed
    RULE_SETS.get(_region)
AS_OF = dt.date(2025, 12, 1)
_WORK = Path(
    tempfile.mkdtemp(
        prefix="placement-rules-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
    )
)


def run_rule_text(text: str) -> Result:
    """Read and compile a rule file (``read_rule_file(text=...)``, as git revisions and a
    service pass it); a rule set that loads must then evaluate the events its rules trigger on
    (both bases, the first and last day of the event range): R6 and R7 validated and crashed
    evaluation."""
    loaded = read_rule_file("fuzz.yaml", text=text, name="fuzz.yaml")
    rules = build_rule_set([NATIONAL, loaded])
    kinds = sorted({c.rule.trigger.event for c in rules.rules if c.file == "fuzz.yaml"})
    for kind in kinds:
        for basis in ("SoL", "LVU"):
            for day in (dt.date(2002, 1, 1), dt.date(2025, 9, 1), EVENT_DATE_MAX):
                event = parse_event(
                    {
                        "kind": kind,
                        "date": day,
                        "birth_date": day.replace(year=day.year - 12),
                        "home_municipality": "Borås",
                        "home_region": "vastra_gotaland",
                        "legal_basis": basis,
                        "placement_form": "familjehem",
                        "placement_start": day,
                    }
                )
                evaluate(rules, event)
    rules.agreement_statuses(EVENT_DATE_MAX)  # renewals counted to the end of the range
    return Result()


def run_event_document(kind: str, suffix: str, text: str) -> Result:
    """An event file through ``evaluate``'s path, or a case file through ``track``'s (the
    command line's own functions, on the shared rule sets)."""
    path = _WORK / f"input.{suffix}"
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as handle:
        handle.write(text)
    result = Result()
    if kind == "event":
        evaluation = evaluate_file(path, None, RULE_SETS)
        result.messages.extend(evaluation.warnings)
        result.outputs.append(json.dumps(evaluation.to_dict(), ensure_ascii=False))
        result.free_text.update(_places(evaluation.obligations))
        return result
    report = track_file(path, AS_OF, "python", None, RULE_SETS)
    result.messages.extend(report.warnings)
    result.outputs.append(json.dumps(report.to_dict(), ensure_ascii=False))
    result.free_text.add(report.case_id)
    result.free_text.add(report.home_municipality)
    result.free_text.update(_places(s.obligation for s in report.obligations))
    return result


def _places(obligations: Iterable[Any]) -> set[str]:
    out: set[str] = set()
    for obligation in obligations:
        places = obligation.places
        out.update(p for p in (places.home_municipality, places.placement_municipality) if p)
    return out


def run_audit(fmt: str, data: bytes) -> Result:
    """An audit input through ``audit``'s path (read as the CLI reads it: UTF-8 with a BOM
    allowed, undecodable bytes kept as surrogates for the reader to report)."""
    stream = io.TextIOWrapper(
        io.BytesIO(data), encoding="utf-8-sig", errors="surrogateescape", newline=""
    )
    problems: list[Problem] = []
    summary = Summary(AS_OF)
    writer = CaseCsv()
    result = Result()
    reader = read_csv if fmt == "csv" else read_jsonl
    for report in audit(
        stream,
        f"in.{fmt}",
        AS_OF,
        reader=reader,
        engine="python",
        on_problem=problems.append,
        rule_sets=RULE_SETS,
    ):
        summary.add(report)
        result.outputs.append(writer.rows(report))
        result.outputs.append(json.dumps(report.to_dict(), ensure_ascii=False))
        result.free_text.update((report.case_id, report.home_municipality))
        result.free_text.update(_places(s.obligation for s in report.obligations))
        result.messages.extend(report.warnings)
    for problem in problems:
        summary.problem(problem)
        if problem.line < 1:
            raise AssertionError(f"a problem without a line: {problem}")
        result.messages.append(problem.describe())
        if problem.case_id:
            result.free_text.add(problem.case_id)
    result.outputs.append(json.dumps(summary.to_dict(), ensure_ascii=False))
    return result


@dataclass(frozen=True)
class Target:
    name: str
    inputs: st.SearchStrategy[Any]
    run: Callable[..., Result]
    where: Callable[[Any], str | None]
    """The place an event error must start with, for this input."""


TARGETS: dict[str, Target] = {
    "rules": Target("rules", rule_texts(), run_rule_text, lambda text: None),
    "events": Target(
        "events", event_documents(), run_event_document, lambda doc: str(_WORK / f"input.{doc[1]}")
    ),
    "audit": Target("audit", audit_inputs(), run_audit, lambda doc: None),
}


def call(target: Target, value: Any) -> Result:
    return target.run(*value) if isinstance(value, tuple) else target.run(value)
