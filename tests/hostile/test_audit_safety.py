"""Classes (e) and (g): an audit loses nothing. Bad rows and unjudgeable cases are skipped with
their line and a reason and the audit goes on (R13-R20), exiting 2 at the end with the counts
on its last line; outputs are checked before reading (R21) and written whole or not at all;
an interrupt says how far the audit got."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from placement_rules.tracking.audit import Problem, Row, read_csv, read_jsonl

from .conftest import CSV_HEADER, CSV_ROW, MARKER, TOOL, assert_no_marker, assert_refused, invoke

JSONL_A = json.dumps(
    {
        "case_id": "A",
        "kind": "report_of_concern",
        "date": "2025-05-26",
        "birth_date": "2011-03-10",
        "home_municipality": "B",
        "home_region": "vastra_gotaland",
    }
)


def audit_cli(tmp_path: Path, name: str, data: str | bytes, *extra: str) -> tuple[str, str]:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    result = invoke("audit", str(path), "--as-of", "2025-12-01", *extra)
    last = assert_refused(result)
    return last, result.stderr


def test_r13_a_quote_not_closed_skips_its_row_only(tmp_path: Path) -> None:
    rows = "".join(CSV_ROW.format(case=f"C{i}") for i in range(3000))
    text = CSV_HEADER + CSV_ROW.format(case="A") + 'B,"report_of_concern,2025-05-26\n' + rows
    last, stderr = audit_cli(tmp_path, "quote.csv", text)
    assert "line 3: skipped: a quoted cell is not closed on its line" in stderr
    assert last == "audited 3001 cases (3001 events); 1 bad rows and 0 cases skipped"


def test_a_quote_not_closed_swallows_nothing() -> None:
    text = (
        CSV_HEADER
        + CSV_ROW.format(case="A")
        + 'B,"report_of_concern,2025-05-26,2011-03-10,Borås,vastra_gotaland\n'
        + CSV_ROW.format(case="C")
        + CSV_ROW.format(case="D")
    )
    out = list(read_csv(io.StringIO(text), "in.csv"))
    assert [type(o).__name__ for o in out] == ["Row", "Problem", "Row", "Row"]
    assert [o.line for o in out] == [2, 3, 4, 5]


def test_r14_a_line_that_is_not_utf8(tmp_path: Path) -> None:
    data = (CSV_HEADER + CSV_ROW.format(case="A")).encode().replace("Borås".encode(), b"Bor\xe5s")
    data += CSV_ROW.format(case="B").encode()
    last, stderr = audit_cli(tmp_path, "latin1.csv", data)
    assert "line 2: skipped: not UTF-8 text" in stderr
    assert last == "audited 1 cases (1 events); 1 bad rows and 0 cases skipped"


@pytest.mark.parametrize(
    ("name", "line", "phrase"),
    [
        ("R16 5,000 digits", '{"case_id": "B", "acute": ' + "1" * 5000 + "}", "18 digits"),
        ("R17 nesting", '{"case_id": "B", "x": ' + "[" * 5000 + "]" * 5000 + "}", "nested"),
        (
            "R17 100k nesting",
            '{"case_id": "B", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "longer",
        ),
        ("NaN", '{"case_id": "B", "acute": NaN}', "NaN"),
        ("a key twice", '{"case_id": "B", "case_id": "C"}', "a key twice"),
        ("R18 lone surrogate", '{"case_id": "B\\ud800", "kind": "report_of_concern"}', "surrogate"),
        ("a list", '{"case_id": "B", "kind": ["report_of_concern"]}', "kind: not a known"),
        ("not an object", "[1, 2]", "a row must be a JSON object"),
        ("not JSON", "{'case_id': 'B'}", "not JSON"),
    ],
)
def test_jsonl_rows_that_cannot_be_read(tmp_path: Path, name: str, line: str, phrase: str) -> None:
    last, stderr = audit_cli(
        tmp_path, "rows.jsonl", f"{JSONL_A}\n{line}\n", "--out-cases", str(tmp_path / "cases.csv")
    )
    assert "line 2: skipped: " in stderr and phrase in stderr, stderr
    assert last == "audited 1 cases (1 events); 1 bad rows and 0 cases skipped"
    (tmp_path / "cases.csv").read_text(encoding="utf-8")  # valid UTF-8


def test_r18_the_surrogate_case_is_skipped_and_the_output_is_utf8(tmp_path: Path) -> None:
    line = JSONL_A.replace('"A"', '"A\\ud800"')
    last, _ = audit_cli(tmp_path, "s.jsonl", line + "\n", "--out-cases", str(tmp_path / "o.csv"))
    assert last == "audited 0 cases (0 events); 1 bad rows and 0 cases skipped"
    assert (tmp_path / "o.csv").read_text(encoding="utf-8").startswith("case_id,")


def test_a_line_without_an_end_costs_one_line_of_memory() -> None:
    stream = io.StringIO("x" * 3_000_000)
    tracemalloc.start()
    out = list(read_jsonl(stream, "in.jsonl"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.message for p in out if isinstance(p, Problem)] == [
        "a line longer than 65,536 characters"
    ]
    assert peak < 2 * 2**20


def test_r19_a_cut_off_last_row(tmp_path: Path) -> None:
    header = "case_id,kind,date,birth_date,home_municipality,home_region,legal_basis\n"
    text = header + CSV_ROW.format(case="A").replace("\n", ",\n")
    text += "B,placement_started,2025-08-18,2011-03-10,Borås,vastra_gotaland"
    last, stderr = audit_cli(tmp_path, "cut.csv", text)
    assert "line 3: skipped: 6 cells where the header has 7 (a row cut off?)" in stderr
    assert last.endswith("1 bad rows and 0 cases skipped")


def test_r20_a_repeated_row_is_counted_once(tmp_path: Path) -> None:
    text = CSV_HEADER + CSV_ROW.format(case="A") * 2
    last, stderr = audit_cli(tmp_path, "dup.csv", text, "--format", "json")
    assert "line 3: skipped: the same event as line 2 of its case; counted once" in stderr
    assert last == (
        "audited 1 cases (1 events); 1 bad rows (1 of them repeating an earlier row, counted "
        "once) and 0 cases skipped"
    )


def test_a_repeated_column(tmp_path: Path) -> None:
    text = (
        "case_id,kind,date,birth_date,home_municipality,home_region,home_region\n"
        "A,report_of_concern,2025-05-26,2011-03-10,Borås,vastra_gotaland,vastra_gotaland\n"
        "B,report_of_concern,2025-05-26,2011-03-10,Borås,vastra_gotaland,jonkoping\n"
    )
    out = list(read_csv(io.StringIO(text), "in.csv"))
    assert [(type(o).__name__, o.line) for o in out] == [("Problem", 1), ("Row", 2), ("Problem", 3)]
    assert "column home_region appears 2 times (columns 6, 7)" in out[0].message


def test_r21_an_output_naming_the_input(tmp_path: Path) -> None:
    path = tmp_path / "inplace.csv"
    before = CSV_HEADER + CSV_ROW.format(case="A")
    path.write_text(before, encoding="utf-8")
    for option in ("--out-cases", "--out-summary"):
        result = invoke("audit", str(path), "--as-of", "2025-12-01", option, str(path))
        assert_refused(result, f"{option} names the input file")
        assert path.read_text(encoding="utf-8") == before
    link = tmp_path / "link.csv"
    link.symlink_to(path)
    result = invoke("audit", str(path), "--as-of", "2025-12-01", "--out-cases", str(link))
    assert_refused(result, "names the input file")
    same = invoke(
        "audit",
        str(path),
        "--as-of",
        "2025-12-01",
        "--out-cases",
        str(tmp_path / "o"),
        "--out-summary",
        str(tmp_path / "o"),
    )
    assert_refused(same, "name the same file")


def test_an_unwritable_output_fails_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() == 0:
        target = Path("/proc/placement-rules-test/summary.json")  # not writable, even for root
    else:
        folder = tmp_path / "ro"
        folder.mkdir(mode=0o500)
        target = folder / "summary.json"
    path = tmp_path / "in.csv"
    path.write_text(CSV_HEADER + CSV_ROW.format(case="A"), encoding="utf-8")
    import placement_rules.tracking.audit as audit_module

    def never(*args: object) -> None:
        raise AssertionError("the input was read")

    monkeypatch.setattr(audit_module, "group_cases", never)
    result = invoke("audit", str(path), "--as-of", "2025-12-01", "--out-summary", str(target))
    assert_refused(result, str(target))


def test_outputs_complete_when_rows_were_skipped(tmp_path: Path) -> None:
    text = CSV_HEADER + CSV_ROW.format(case="A") + "B,report,2025-05-26,x,B,vastra_gotaland\n"
    cases, summary = tmp_path / "cases.csv", tmp_path / "summary.json"
    last, _ = audit_cli(
        tmp_path,
        "in.csv",
        text,
        "--out-cases",
        str(cases),
        "--out-summary",
        str(summary),
        "--format",
        "json",
    )
    assert last.endswith("1 bad rows and 0 cases skipped")
    assert json.loads(summary.read_text("utf-8"))["totals"]["bad_rows_skipped"] == 1
    assert [json.loads(x)["case_id"] for x in cases.read_text("utf-8").splitlines()] == ["A"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


@pytest.mark.parametrize(
    ("signum", "code", "name"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "SIGINT")]
)
def test_an_interrupt_leaves_no_partial_output(
    tmp_path: Path, signum: int, code: int, name: str
) -> None:
    if not TOOL.exists():
        pytest.skip("placement-rules script not installed beside the interpreter")
    path = tmp_path / "big.csv"
    path.write_text(
        CSV_HEADER + "".join(CSV_ROW.format(case=f"C{i}") for i in range(200_000)), encoding="utf-8"
    )
    cases, summary = tmp_path / "cases.csv", tmp_path / "summary.csv"
    cases.write_text("the previous audit\n", encoding="utf-8")
    process = subprocess.Popen(
        [
            str(TOOL),
            "audit",
            str(path),
            "--as-of",
            "2025-12-01",
            "--engine",
            "python",
            "--out-cases",
            str(cases),
            "--out-summary",
            str(summary),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # until cases are being written
        partial = [p for p in tmp_path.iterdir() if p.name.startswith(".cases.csv.")]
        if partial and partial[0].stat().st_size > 10_000:
            break
        time.sleep(0.02)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: interrupted by {name} after ") and "no output written" in last
    assert "(input read to line " in last and "Traceback" not in stderr
    assert cases.read_text(encoding="utf-8") == "the previous audit\n"  # the target untouched
    assert not summary.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "cases.csv"]


def test_rows_are_read_without_the_markers_in_any_message() -> None:
    text = CSV_HEADER + f"A,{MARKER},2025-05-26,{MARKER},{MARKER},{MARKER}\n"
    (row,) = list(read_csv(io.StringIO(text), "in.csv"))
    assert isinstance(row, Problem) and not isinstance(row, Row)
    assert_no_marker(row.describe(), row.message)
    assert sys.getrecursionlimit()  # (the readers never recurse)
