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
from placement_rules.tracking import audit as audit_module
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
    spans,
)
from placement_rules.tracking.audit_summary import OTHER_MUNICIPALITIES

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


def audited(
    path: Path, tmp_path: Path, jobs: int, fmt: str = "csv"
) -> tuple[int, bytes, bytes, str]:
    cases, summary = tmp_path / f"cases{jobs}.{fmt}", tmp_path / f"summary{jobs}.{fmt}"
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
            fmt,
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
    monkeypatch.setattr(audit_module, "MIN_BLOCK_BYTES", 4096)  # many blocks, two per worker
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
        mapped.merge(result.summary)

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
    assert b"".join(r.cases for r in results) == "".join(texts).encode("utf-8")
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


def in_blocks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record whether each ``--jobs`` audit took the blocks' results (``True``) or audited
    the input again in one process (``False``)."""
    answers: list[bool] = []
    original = cli_tracking._audit_in_blocks

    def spy(*args: Any) -> bool:
        answers.append(original(*args))
        return answers[-1]

    monkeypatch.setattr(cli_tracking, "_audit_in_blocks", spy)
    return answers


def jsonl_of(text: str) -> str:
    """The CSV input ``text`` as JSON Lines, line for line."""
    import csv
    import json

    rows = csv.DictReader(io.StringIO(text, newline=""))
    out = []
    for row in rows:
        record: dict[str, Any] = {k: v for k, v in row.items() if v}
        if "acute" in record:
            record["acute"] = record["acute"] == "true"
        out.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(out)


@pytest.mark.parametrize("block", [1, 700, 5000, 1 << 20])
@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_every_block_size_and_format_gives_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, fmt: str
) -> None:
    monkeypatch.setattr(audit_module, "MIN_BLOCK_BYTES", block)
    monkeypatch.setattr(audit_module, "BLOCK_BYTES", block)
    path = tmp_path / "events.csv"
    path.write_text(input_text(1200, seed=block), encoding="utf-8", newline="")
    one = audited(path, tmp_path, 1, fmt)
    answers = in_blocks(monkeypatch)
    two = audited(path, tmp_path, 2, fmt)
    assert answers == [True]
    assert one[0] == 2 and one[1]
    assert one[:3] == two[:3]
    assert one[3].splitlines() == two[3].splitlines()  # the problems, in input order


@pytest.mark.parametrize("block", [1, 900])
def test_json_lines_with_a_byte_order_mark_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(audit_module, "MIN_BLOCK_BYTES", block)
    path = tmp_path / "events.jsonl"
    body = jsonl_of(input_text(800, seed=5))
    path.write_bytes(b"\xef\xbb\xbf" + body.replace("\n", "\r\n", 40).encode("utf-8"))
    one = audited(path, tmp_path, 1, "json")
    answers = in_blocks(monkeypatch)
    two = audited(path, tmp_path, 2, "json")
    assert answers == [True]
    assert one[1].count(b"\n") > 100
    assert one[:3] == two[:3]
    assert one[3].splitlines() == two[3].splitlines()


@pytest.mark.parametrize(
    "body",
    [
        "",
        "c1,report_of_concern,2025-03-01,2015-01-01,Borås,vastra_gotaland,LVU,false\r\n",
        "c1,report_of_concern,2025-03-01,2015-01-01,Borås,vastra_gotaland,LVU,false",
        "\r\n\r\n",
    ],
    ids=["empty", "one case", "one case without a line end", "blank lines"],
)
def test_tiny_inputs_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    monkeypatch.setattr(audit_module, "MIN_BLOCK_BYTES", 1)
    path = tmp_path / "events.csv"
    path.write_text(HEADER + body, encoding="utf-8", newline="")
    one, two = audited(path, tmp_path, 1), audited(path, tmp_path, 2)
    assert one[0] == 0
    assert one[:3] == two[:3]
    assert one[3] == two[3]


def test_bad_rows_and_cases_at_every_block_edge_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of one line each: every case ends a block; a bad row, a duplicate row, a case of
    two children and an unknown region at the edges are reported with the same lines."""
    monkeypatch.setattr(audit_module, "MIN_BLOCK_BYTES", 1)
    monkeypatch.setattr(audit_module, "BLOCK_BYTES", 1)
    row = "{},placement_started,2025-03-0{},{},Borås,{},LVU,false\r\n"
    lines = [
        row.format("a", 1, "2015-01-01", "vastra_gotaland"),
        row.format("b", 1, "2015-01-01", "vastra_gotaland"),
        "b,no_such_kind,2025-03-02,2015-01-01,Borås,vastra_gotaland,LVU,false\r\n",
        row.format("b", 1, "2015-01-01", "vastra_gotaland"),  # a duplicate of line 3
        row.format("c", 1, "2015-01-01", "vastra_gotaland"),
        row.format("c", 2, "2016-01-01", "vastra_gotaland"),  # another child: case skipped
        row.format("d", 1, "2015-01-01", "no_such_region"),
        ",placement_started,2025-03-01,2015-01-01,Borås,vastra_gotaland,LVU,false\r\n",
        row.format("e", 1, "2015-01-01", "vastra_gotaland"),
    ]
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8", newline="")
    one = audited(path, tmp_path, 1)
    answers = in_blocks(monkeypatch)
    two = audited(path, tmp_path, 2)
    assert answers == [True]
    assert one[0] == 2
    assert "lines 6-7" in one[3] and "line 5" in one[3]
    assert one[:3] == two[:3]
    assert one[3].splitlines() == two[3].splitlines()


def test_a_case_cut_by_a_bad_row_is_audited_again_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A case whose rows are split by an unreadable row (a cut there puts the case in two
    blocks): the blocks cannot give one process's answer, so it is audited again in one."""
    monkeypatch.setattr(audit_module, "MIN_BLOCK_BYTES", 1)
    monkeypatch.setattr(audit_module, "BLOCK_BYTES", 1)
    row = "a,{},2025-03-0{},2015-01-01,Borås,vastra_gotaland,LVU,false\r\n"
    text = HEADER + row.format("report_of_concern", 1) + "b,x\r\n"
    text += row.format("investigation_opened", 2)
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8", newline="")
    one = audited(path, tmp_path, 1)
    answers = in_blocks(monkeypatch)
    two = audited(path, tmp_path, 2)
    assert answers == [False]
    assert one[0] == 2
    assert one[:3] == two[:3]
    assert one[3] == two[3]  # the bad row is reported once, as one process reports it


def test_an_error_in_a_late_block_gives_the_error_and_messages_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_module, "MIN_BLOCK_BYTES", 2000)
    monkeypatch.setattr(audit_module, "BLOCK_BYTES", 2000)
    text = input_text(1500)
    lines = text.splitlines(keepends=True)
    path = tmp_path / "events.csv"
    path.write_text("".join([*lines, lines[1], *lines[1:40]]), encoding="utf-8", newline="")
    one = audited(path, tmp_path, 1)
    answers = in_blocks(monkeypatch)
    two = audited(path, tmp_path, 2)
    assert answers == [False]
    assert one[0] == 2 and "a case id appears again" in one[3]
    assert one[:3] == two[:3] == (2, b"", b"")
    assert one[3] == two[3]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_spans_cut_whole_cases_and_number_lines_as_the_audit_does(ending: str) -> None:
    text = input_text(900, seed=11).replace("\r\n", ending)
    data = text.encode("utf-8")
    stream = io.BytesIO(data)
    header = stream.readline() if ending != "\r" else b""
    if ending == "\r":
        stream.seek(0)
    found = list(spans(stream, header.decode(), 2, 600))
    assert b"".join(data[a:b] for a, b, _, _ in found) == data[len(header) :]
    if ending == "\r":  # no line feed to cut at: one block
        assert len(found) == 1
        return
    assert len(found) > 5
    for (_, end, _, last), (start, _, line, _) in itertools.pairwise(found):
        assert start == end and line == last + 1
        assert data[:start].decode().count(ending) + 1 == line
        before, after = data[:start].splitlines()[-1], data[start:].splitlines()[0]
        assert before.split(b",")[0] != after.split(b",")[0]


def test_merged_block_summaries_keep_the_municipality_cap_of_one_summary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Blocks count every municipality; merged in order, the first names up to the cap keep
    their own key and later names go to the other municipalities, as adding case by case."""
    text = HEADER + "".join(
        f"c{i},placement_started,2025-03-01,2015-01-01,Town{i % 7},vastra_gotaland,LVU,false\r\n"
        for i in range(60)
    )
    rule_sets = RuleSets(None)
    whole = Summary(AS_OF, municipality_cap=4)
    for report in audit(
        io.StringIO(text, newline=""), "e.csv", AS_OF, reader=read_csv, engine="python",
        rule_sets=rule_sets,
    ):  # fmt: skip
        whole.add(report)

    def block(part: str, first_line: int) -> Block:
        return Block("e.csv", HEADER, first_line, part, AS_OF, "python", None, "")

    mapped = Summary(AS_OF, municipality_cap=4)
    parts = list(blocks(io.StringIO(text[len(HEADER) :], newline=""), HEADER, 2, block, size=3))
    for part in parts:
        result = audit_block(part, rule_sets)
        assert result.cases == b""  # no case rows asked for
        mapped.merge(result.summary)
    assert len(parts) > 10
    assert ("municipality", OTHER_MUNICIPALITIES) in whole.case_counts
    assert mapped.rows() == whole.rows()
    assert mapped.totals() == whole.totals()
