"""Batch audit: streaming input, bad rows with line numbers, grouping check, summaries, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from placement_rules.cli import cli
from placement_rules.errors import AuditInputError
from placement_rules.tracking import STATUSES
from placement_rules.tracking.audit import (
    CASE_COLUMNS,
    CaseCsv,
    Problem,
    RuleSets,
    SeenDigests,
    Summary,
    audit,
    csv_cells,
    read_csv,
    read_jsonl,
)
from placement_rules.vocabulary import EventKind

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "rules"
HEADER = "case_id,kind,date,birth_date,home_municipality,home_region,legal_basis,placement_form\n"
AS_OF = dt.date(2025, 11, 1)


def row(
    case: str,
    kind: str,
    date: str,
    region: str = "stockholm",
    town: str = "Solna",
    born: str = "2012-05-14",
    basis: str = "",
    form: str = "",
) -> str:
    return f"{case},{kind},{date},{born},{town},{region},{basis},{form}\n"


def run(text: str, reader=read_csv) -> tuple[list, list[Problem]]:  # type: ignore[no-untyped-def]
    problems: list[Problem] = []
    reports = list(
        audit(
            io.StringIO(text),
            "in.csv",
            AS_OF,
            reader=reader,
            rules_dir=RULES_DIR,
            on_problem=problems.append,
        )
    )
    return reports, problems


def test_bad_rows_are_reported_with_line_numbers_and_skipped() -> None:
    text = (
        HEADER
        + row("a", "report_of_concern", "2025-09-01")
        + row("a", "investigation_decision_made", "2025-13-01")  # line 3: bad date
        + row("", "report_of_concern", "2025-09-01")  # line 4: no case id
        + row("b", "no_such_kind", "2025-09-01")  # line 5: bad kind
        + row("b", "report_of_concern", "2025-09-02")
    )
    reports, problems = run(text)
    assert [(p.line, p.case_id) for p in problems] == [(3, "a"), (4, None), (5, "b")]
    assert "date" in problems[0].message and "2025-13-01" not in problems[0].message
    assert problems[2].message == "kind: not a known event kind (see docs/events.md)"
    assert [r.case_id for r in reports] == ["a", "b"]
    assert reports[0].events_considered == 1
    summary = Summary(AS_OF)
    for problem in problems:
        summary.problem(problem)
    for report in reports:
        summary.add(report)
    assert summary.totals()["bad_rows_skipped"] == 3 and summary.totals()["cases"] == 2


def test_input_must_be_grouped_by_case() -> None:
    text = (
        HEADER
        + row("a", "report_of_concern", "2025-09-01")
        + row("b", "report_of_concern", "2025-09-01")
        + row("a", "investigation_opened", "2025-09-03")
    )
    with pytest.raises(AuditInputError, match="line 4: a case id appears again"):
        run(text)


def test_rows_of_a_case_may_come_in_any_order() -> None:
    text = (
        HEADER
        + row("a", "investigation_decision_made", "2025-09-20")
        + row("a", "report_of_concern", "2025-09-01")
    )
    reports, problems = run(text)
    assert not problems
    decide = [o for o in reports[0].obligations if o.duty == "investigation.decide_whether_to_open"]
    assert decide[0].status == "met_late" and decide[0].days_late == 5


def test_unknown_and_missing_columns() -> None:
    with pytest.raises(AuditInputError, match="unknown column"):
        run("case_id,kind,date,colour\n")
    with pytest.raises(AuditInputError, match="missing column"):
        run("case_id,kind\n")


def test_case_level_problems_skip_the_case() -> None:
    text = (
        HEADER
        + row("a", "report_of_concern", "2025-09-01", region="atlantis")
        + row("b", "report_of_concern", "2025-09-01")
        + row("b", "investigation_opened", "2025-09-02", born="2001-01-01")
        + row("c", "report_of_concern", "2025-09-01")
    )
    reports, problems = run(text)
    assert [r.case_id for r in reports] == ["c"]
    assert [(p.kind, p.line, p.last_line, p.case_id) for p in problems] == [
        ("case", 2, 2, "a"),
        ("case", 3, 4, "b"),
    ]
    assert "atlantis" not in problems[0].message  # never echoed; the known regions are named
    assert "no rule file for this region (known: jonkoping," in problems[0].message


def test_region_column_chooses_the_rule_set() -> None:
    text = (
        "case_id,region,kind,date,birth_date,home_municipality,home_region\n"
        "a,national,report_of_concern,2025-09-01,2012-01-01,Solna,stockholm\n"
    )
    reports, _ = run(text)
    assert reports[0].region == "national"


def test_jsonl_input() -> None:
    good = {
        "case_id": "j1",
        "kind": "report_of_concern",
        "date": "2025-09-01",
        "birth_date": "2012-01-01",
        "home_municipality": "Solna",
        "home_region": "stockholm",
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps([1]),
        "",
        json.dumps({**good, "colour": "red"}),
        json.dumps({**good, "kind": "sip_held"}),
    ]
    reports, problems = run("\n".join(lines) + "\n", reader=read_jsonl)
    assert [p.line for p in problems] == [2, 3, 5]
    assert len(reports) == 1 and reports[0].events_considered == 2


def test_summary_shares() -> None:
    text = (
        HEADER
        + row("a", "report_of_concern", "2025-09-01")
        + row("a", "investigation_decision_made", "2025-09-10")
        + row("b", "report_of_concern", "2025-09-01", town="Sundbyberg")
    )
    reports, _ = run(text)
    summary = Summary(AS_OF)
    for report in reports:
        summary.add(report)
    rows = {(r["dimension"], r["key"]): r for r in summary.rows()}
    duty = rows[("duty", "investigation.decide_whether_to_open")]
    assert (duty["cases"], duty["met_on_time"], duty["overdue"]) == (2, 1, 1)
    assert duty["share_met_on_time"] == 0.5 and duty["share_overdue"] == 0.5
    assert rows[("municipality", "Solna")]["cases"] == 1
    assert rows[("region", "stockholm")]["cases"] == 2


def test_regions_of_one_audit_share_the_national_file() -> None:
    rule_sets = RuleSets(RULES_DIR)
    first, second = rule_sets.get("jonkoping"), rule_sets.get("stockholm")
    assert first.files[0] is second.files[0] and first.files[0].model.kind == "national"
    assert rule_sets.get("jonkoping") is first


def test_a_case_that_incurred_nothing_is_still_counted() -> None:
    """Its only event comes after the as-of date: no obligation, but the case counts."""
    reports, _ = run(HEADER + row("a", "report_of_concern", "2025-12-01", town="Täby"))
    summary = Summary(AS_OF)
    summary.add(reports[0])
    rows = {(r["dimension"], r["key"]): r for r in summary.rows()}
    assert set(rows) == {("region", "stockholm"), ("municipality", "Täby")}
    town = rows[("municipality", "Täby")]
    assert (town["cases"], town["obligations"], town["tracked"]) == (1, 0, 0)
    assert town["share_overdue"] is None


@settings(max_examples=100, derandomize=True, database=None)
@given(
    steps=st.lists(
        st.tuples(st.booleans(), st.integers(0, 2**64 - 1) | st.integers(0, 40)), max_size=300
    )
)
def test_seen_digests_behave_as_a_set(steps: list[tuple[bool, int]]) -> None:
    """Adds and membership tests agree with a plain set across merges into the sorted array."""
    seen, reference = SeenDigests(spill=4), set()
    for add, digest in steps:
        if add:
            seen.add(digest)
            reference.add(digest)
        assert (digest in seen) == (digest in reference)
        assert len(seen) == len(reference)
    assert all(d in seen for d in reference)


def test_seen_digests_stay_small() -> None:
    import tracemalloc

    tracemalloc.start()
    seen = SeenDigests()
    for n in range(100_000):
        seen.add(n * 2654435761 % 2**64)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(seen) == 100_000 and size < 2_500_000  # under 25 bytes a digest


def test_case_csv_is_what_csv_writer_writes() -> None:
    """The fast per-case CSV equals csv.writer's rows, with ids and towns that need quoting."""
    text = (
        HEADER
        + row('a,"1"', "report_of_concern", "2025-09-01", town="Borås, norra")
        + row('a,"1"', "investigation_decision_made", "2025-09-10", town="Borås, norra")
        + row("b", "placement_started", "2025-08-01", basis="LVU", form="familjehem")
        + row("b", "sip_held", "2025-08-20", basis="LVU", form="familjehem")
    )
    text = text.replace('a,"1"', '"a,""1"""').replace("Borås, norra", '"Borås, norra"')
    reports, problems = run(text)
    assert problems == [] and len(reports) == 2
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(CASE_COLUMNS)
    for report in reports:
        for ob in report.obligations:
            o = ob.obligation
            writer.writerow(
                [
                    report.case_id,
                    report.region,
                    report.home_municipality,
                    o.rule_id,
                    o.duty,
                    ob.trigger,
                    ob.incurred.isoformat(),
                    o.due.isoformat() if o.due else "",
                    o.vague or "",
                    o.deadline_meaning or "",
                    ob.status,
                    ob.met_on.isoformat() if ob.met_on else "",
                    ob.met_by or "",
                    "" if ob.days_late is None else ob.days_late,
                    "" if ob.days_overdue is None else ob.days_overdue,
                    ob.citation,
                ]
            )
    fast = CaseCsv()
    got = fast.header() + "".join(fast.rows(r) for r in reports)
    assert got == expected.getvalue()
    parsed = list(csv.reader(io.StringIO(got)))
    assert {r[0] for r in parsed[1:]} == {'a,"1"', "b"} and parsed[1][2] == "Borås, norra"
    assert any(ob.status == "met_on_time" for r in reports for ob in r.obligations)


@settings(max_examples=300, derandomize=True, database=None)
@given(
    values=st.lists(
        st.text(
            alphabet=st.sampled_from(["a", "å", " ", ",", '"', "\r", "\n", "'", ";", "\t"]),
            max_size=4,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_csv_cells_quote_as_csv_writer_does(values: list[str]) -> None:
    expected = io.StringIO()
    csv.writer(expected, lineterminator="").writerow(values)
    assert csv_cells(*values) == expected.getvalue()


def test_cells_written_unquoted_never_need_quoting() -> None:
    from typing import get_args

    for value in (*get_args(EventKind), *STATUSES):
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([value])
        assert out.getvalue() == value


# --- the command line ----------------------------------------------------------------------


def test_cli_audit_example(tmp_path: Path) -> None:
    cases, summary = tmp_path / "cases.csv", tmp_path / "summary.json"
    result = CliRunner().invoke(
        cli,
        [
            "audit",
            str(ROOT / "examples" / "audit_small.csv"),
            "--as-of",
            "2025-11-01",
            "--out-cases",
            str(cases),
            "--out-summary",
            str(summary),
            "--format",
            "json",
        ],
    )
    # the example plants two bad rows: they are skipped, the rest audited, and the exit code 2
    # says rows were skipped (outputs complete for the rest)
    assert result.exit_code == 2, result.output
    assert "line 12: skipped" in result.stderr and "line 17: skipped" in result.stderr
    assert "B-2" not in result.stderr and "D-4" not in result.stderr  # lines, not case ids
    assert result.stderr.splitlines()[-1] == (
        "audited 4 cases (15 events); 2 bad rows and 0 cases skipped"
    )
    data = json.loads(summary.read_text("utf-8"))
    assert data["totals"]["bad_rows_skipped"] == 2 and data["totals"]["cases"] == 4
    reports = [json.loads(line) for line in cases.read_text("utf-8").splitlines()]
    assert [r["case_id"] for r in reports] == ["A-1", "B-2", "C-3", "D-4"]


def test_cli_audit_csv_and_table(tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    result = CliRunner().invoke(
        cli,
        [
            "audit",
            str(ROOT / "examples" / "audit_small.csv"),
            "--as-of",
            "2025-11-01",
            "--out-cases",
            str(cases),
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 2, result.output  # the example's two bad rows
    summary = list(csv.DictReader(io.StringIO(result.stdout)))
    totals = {r["key"]: r["count"] for r in summary if r["dimension"] == "total"}
    assert totals["bad_rows_skipped"] == "2"
    rows = list(csv.DictReader(cases.open(encoding="utf-8")))
    assert {"case_id", "duty", "status", "due", "citation"} <= set(rows[0])
    table = CliRunner().invoke(
        cli, ["audit", str(ROOT / "examples" / "audit_small.csv"), "--as-of", "2025-11-01"]
    )
    assert table.exit_code == 2 and "per duty" in table.stdout and "2 bad rows" in table.stdout


def test_cli_audit_not_grouped_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        HEADER
        + row("a", "report_of_concern", "2025-09-01")
        + row("b", "report_of_concern", "2025-09-01")
        + row("a", "investigation_opened", "2025-09-03"),
        "utf-8",
    )
    result = CliRunner().invoke(cli, ["audit", str(path), "--as-of", "2025-11-01"])
    assert result.exit_code == 2
    assert "line 4" in result.stderr and "Traceback" not in result.output


def test_cli_track_example() -> None:
    result = CliRunner().invoke(
        cli, ["track", str(ROOT / "examples" / "case_vgr.json"), "--as-of", "2025-11-01", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    statuses = {(o["duty"], o["status"]) for o in data["obligations"]}
    assert ("sip.draw_up", "met_late") in statuses
    assert ("investigation.decide_whether_to_open", "met_on_time") in statuses
    text = CliRunner().invoke(
        cli, ["track", str(ROOT / "examples" / "case_vgr.json"), "--as-of", "2025-11-01"]
    )
    assert text.exit_code == 0 and "försenad 7 dagar" in text.stdout


def test_cli_track_bad_case_file(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"events": [{"kind": "report_of_concern"}]}), "utf-8")
    result = CliRunner().invoke(cli, ["track", str(path), "--as-of", "2025-11-01"])
    assert result.exit_code == 2 and "events[0]" in result.stderr
    bad_date = CliRunner().invoke(cli, ["track", str(path), "--as-of", "soon"])
    assert bad_date.exit_code == 2
