"""Class (h): a standard output that cannot be written (R23 /dev/full, a closed fd 1, a pipe
closed early) is one line on stderr and exit 2, never a traceback and never exit 0 with the
output lost; and textconv on a binary file (R22) keeps ``git diff`` working."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from placement_rules.cli import _Commands, cli

from .conftest import CSV_HEADER, CSV_ROW, ROOT, TOOL, invoke, run_tool


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    return lines[0]


def test_r23_schema_to_a_full_disk() -> None:
    with open("/dev/full", "w") as full:
        done = run_tool("schema", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert one_error_line(done.stderr) == (
        "error: cannot write to standard output: no space left on device"
    )


def test_a_closed_standard_output(tmp_path: Path) -> None:
    event = ROOT / "examples" / "placement_started_lvu_familjehem.json"
    done = subprocess.run(
        f"'{TOOL}' evaluate '{event}' >&-", shell=True, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert one_error_line(done.stderr).startswith("error: cannot write to standard output")
    rows = tmp_path / "in.csv"
    rows.write_text(CSV_HEADER + CSV_ROW.format(case="A"), encoding="utf-8")
    files_only = (
        f"'{TOOL}' audit '{rows}' --as-of 2025-12-01 --out-summary '{tmp_path / 's.csv'}' "
        f"--out-cases '{tmp_path / 'c.csv'}' >&-"
    )
    done = subprocess.run(files_only, shell=True, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr  # writes files only: nothing lost
    assert (tmp_path / "s.csv").stat().st_size and (tmp_path / "c.csv").stat().st_size


def test_a_pipe_closed_early() -> None:
    read, write = os.pipe()
    process = subprocess.Popen(
        [str(TOOL), "schema"], stdout=write, stderr=subprocess.PIPE, text=True
    )
    os.close(write)
    os.close(read)  # the reader is gone before the command writes: its writes fail (EPIPE)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 2
    assert one_error_line(stderr) == "error: cannot write to standard output: broken pipe"


def test_every_command_runs_under_the_one_policy() -> None:
    assert isinstance(cli, _Commands)
    assert {"schema", "conformance", "git-diff", "audit", "textconv"} <= set(cli.commands)


def test_r22_textconv_on_a_binary_file_exits_0_and_shows_it_as_written(tmp_path: Path) -> None:
    data = bytes(range(256)) * 12
    path = tmp_path / "bin.yaml"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["textconv", str(path)])
    assert result.exit_code == 0
    assert result.stdout_bytes == data
    assert result.stderr.strip() == f"note: {path}: not UTF-8 text; shown as written"


def test_git_diff_reports_an_unreadable_file_in_one_line(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.yaml")
    result = invoke("git-diff", "rules/x.yaml", missing, "0", "100644", missing, "0", "100644")
    assert result.exit_code == 0
    assert result.output.startswith("placement-rules: cannot compare rules/x.yaml by meaning: ")
    assert len(result.output.strip().splitlines()) == 1
