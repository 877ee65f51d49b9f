"""Audits over case blocks: ``audit --jobs N`` and the block-level function a distributed run
maps (:func:`placement_rules.tracking.audit.audit_block`) give what one process gives."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.cli import tracking as cli_tracking
from placement_rules.tracking.audit import (
    BLOCK_LINES,
    Block,
    CaseCsv,
    RuleSets,
    Summary,
    audit,
    audit_block,
    blocks,
    case_text,
    read_csv,
)

HEADER = "case_id,kind,date,birth_date,home_municipality,home_region,legal_basis,acute\r\n"
REGIONS = [("vastra_gotaland", "Borås"), ("ostergotland", "Linköping"), ("stockholm", "Solna")]
AS_OF = dt.date(2026, 6, 1)


def case_lines(number: int, rnd: random.Random) -> list[str]:
    region, town = rnd.choice(REGIONS)
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(900))  # across 2025-07-01
    born = start - dt.timedelta(days=rnd.randrange(365, 20 * 365))
    acute = rnd.choice(["true", "false"])
    kinds = ["report_of_concern", "investigation_opened", "placement_started", "placement_ended"]
    out = []
    for i, kind in enumerate(kinds[: rnd.randrange(1, 5)]):
        day = start + dt.timedelta(days=9 * i)
        out.append(f"c{number:06d},{kind},{day},{born},{town},{region},LVU,{acute}\r\n")
    if number % 97 == 0:
        out.append(out[0])  # a duplicate row: a problem, counted once
    if number % 89 == 0:
        out.append(f"c{number:06d},no_such_kind,{start},{born},{town},{region},LVU,false\r\n")
    return out


def input_text(lines: int, seed: int = 3) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    number = 0
    while len(out) < lines:
        out.extend(case_lines(number, rnd))
        number += 1
    return HEADER + "".join(out)


def audited(path: Path, tmp_path: Path, jobs: int) -> tuple[int, bytes, bytes, str]:
    cases, summary = tmp_path / f"cases{jobs}.csv", tmp_path / f"summary{jobs}.json"
    result = CliRunner().invoke(
        cli,
        [
            "audit",
            str(path),
            "--as-of",
            AS_OF.isoformat(),
            "--engine",
            "python",
            "--format",
            "csv",
            "--out-cases",
            str(cases),
            "--out-summary",
            str(summary),
            "--jobs",
            str(jobs),
        ],
    )
    written = cases.read_bytes() if cases.exists() else b""
    totals = summary.read_bytes() if summary.exists() else b""
    return result.exit_code, written, totals, result.output


def test_jobs_2_writes_byte_for_byte_what_jobs_1_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.csv"
    path.write_text(input_text(BLOCK_LINES * 2 + 500), encoding="utf-8", newline="")
    one = audited(path, tmp_path, 1)
    in_blocks = cli_tracking._audit_in_blocks
    answers: list[bool] = []

    def spy(*args: Any) -> bool:
        answers.append(in_blocks(*args))
        return answers[-1]

    monkeypatch.setattr(cli_tracking, "_audit_in_blocks", spy)
    two = audited(path, tmp_path, 2)
    assert answers == [True]  # audited in blocks, not again in one process
    assert one[0] == 2  # the bad and duplicate rows are reported
    assert one[1].count(b"\r\n") > BLOCK_LINES
    assert one[:3] == two[:3]
    assert sorted(one[3].splitlines()) == sorted(two[3].splitlines())


def test_a_case_id_in_two_blocks_gives_the_error_jobs_1_gives(tmp_path: Path) -> None:
    text = input_text(BLOCK_LINES + 200)
    first_case = text.splitlines(keepends=True)[1]
    path = tmp_path / "events.csv"
    path.write_text(text + first_case, encoding="utf-8", newline="")  # not grouped
    one, two = audited(path, tmp_path, 1), audited(path, tmp_path, 2)
    assert one[0] == two[0] == 2
    assert "a case id appears again" in one[3]
    assert one[:3] == two[:3] == (2, b"", b"")


def test_blocks_end_with_whole_cases_and_cover_the_input() -> None:
    text = input_text(3000)
    body = text[len(HEADER) :]
    found = list(
        blocks(io.StringIO(body, newline=""), HEADER, 2, lambda t, n: (t, n), size=500)  # type: ignore[arg-type,return-value]
    )
    assert "".join(t for t, _ in found) == body
    assert len(found) > 3
    for (text_a, line_a), (_, line_b) in itertools.pairwise(found):
        assert line_b == line_a + text_a.count("\n")
    for (a, _), (b, _) in itertools.pairwise(found):
        assert a.splitlines()[-1].split(",")[0] != b.splitlines()[0].split(",")[0]


def test_the_block_function_a_distributed_run_maps_gives_the_whole_audit() -> None:
    """Map audit_block over the blocks (as Dask or Spark would over partitions), reduce in
    input order: the same case rows, summary and problems as one audit of the whole input."""
    text = input_text(2500)
    rule_sets = RuleSets(None)

    def block(part: str, first_line: int) -> Block:
        return Block("events.csv", HEADER, first_line, part, AS_OF, "python", None, "csv")

    parts = list(blocks(io.StringIO(text[len(HEADER) :], newline=""), HEADER, 2, block, size=400))
    results = [audit_block(b, rule_sets) for b in parts]
    mapped = Summary(AS_OF)
    for result in results:
        for problem in result.problems:
            mapped.problem(problem)
        for counts in result.counts:
            mapped.add_counts(counts)

    whole = Summary(AS_OF)
    rows = CaseCsv()
    texts = [
        case_text(report, "csv", rows)
        for report in audit(
            io.StringIO(text, newline=""),
            "events.csv",
            AS_OF,
            reader=read_csv,
            engine="python",
            on_problem=whole.problem,
            rule_sets=rule_sets,
        )
        if whole.add(report) is None
    ]
    assert len(parts) > 3
    assert "".join(r.cases for r in results) == "".join(texts)
    assert mapped.totals() == whole.totals()
    assert mapped.rows() == whole.rows()
    assert mapped.problems == whole.problems
    assert whole.bad_rows > 0


def test_case_rows_cite_the_legal_basis_in_force_on_each_event_date() -> None:
    """The CSV writer quotes a rule's citation once per stretch of days its legal basis holds:
    a case after the 2025-07-01 law change does not lend its citation to one before it."""
    text = HEADER + "".join(
        f"{case},investigation_opened,{day},2015-03-01,Borås,vastra_gotaland,LVU,false\r\n"
        for case, day in (("after", "2025-08-01"), ("before", "2025-01-18"))
    )
    rows = CaseCsv()
    cited = {
        report.case_id: [
            line
            for line in case_text(report, "csv", rows).splitlines()
            if "vgr.investigation.complete" in line
        ]
        for report in audit(
            io.StringIO(text, newline=""), "events.csv", AS_OF, reader=read_csv, engine="python"
        )
    }
    assert cited["after"] and all("SoL (2025:400)" in line for line in cited["after"])
    assert cited["before"] and all("SoL (2001:453)" in line for line in cited["before"])
