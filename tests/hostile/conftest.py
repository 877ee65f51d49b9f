"""The reproducers of issue 15 (``../shared/repro/reliability``), rebuilt here from their intent
with today's names (``locus: home_municipality``, was ``hemkommun``): each test writes its input
and checks the promise: one clear error (exit 2) or a skipped row with its line, never a
traceback, never an echoed value, nothing read outside the rules folder, nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from placement_rules.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MARKER = "19121212-1212"
"""A personnummer planted as a value or a key: it must never appear in any message."""
MARKER_FORMS = (MARKER, "191212121212", "1212121212")

TESTREG = """\
format: 1
kind: regional
region: testreg
name: Test region
extends: national
sources:
  - id: t_src
    kind: agreement
    title: Test agreement
agreements:
  - id: t_agr
    title: Test agreement
    source: t_src
    parties:
      - name: Region Test
        principal: region
    validity:
      start: 2020-01-01
      citation:
        source: t_src
        section: "1"
rules:
  - id: t.rule1
    duty: t.duty1
    title: Do a thing
    action: Do it
    trigger:
      event: placement_started
      when:
        - {fact: age, op: lt, value: 18}
    responsible:
      principal: kommun
      locus: home_municipality
    deadline:
      offset: {weeks: 2}
      anchor: event_date
      statutory: false
    source:
      source: t_src
      section: "2"
"""
"""The reproducers' rule file (R1-R7, R26), valid as it stands."""

EVENT: dict[str, Any] = {
    "kind": "placement_started",
    "date": "2025-09-01",
    "birth_date": "2012-05-14",
    "home_municipality": "X",
    "home_region": "testreg",
}

CSV_HEADER = "case_id,kind,date,birth_date,home_municipality,home_region\n"
CSV_ROW = "{case},report_of_concern,2025-05-26,2011-03-10,Borås,vastra_gotaland\n"


def rules_folder(tmp_path: Path, text: str = TESTREG, name: str = "testreg.yaml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "national.yaml").write_text(
        (ROOT / "rules" / "national.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def invoke(*args: str, cwd: Path | None = None) -> Result:
    """The CLI in this process (as CliRunner runs it), the exceptions it lets through kept."""
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(old)


def assert_refused(result: Result, *phrases: str) -> str:
    """Exit 2, no traceback, no marker, the phrases in the last stderr line; returns that line."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 2, result.output
    stderr = result.stderr
    assert "Traceback" not in stderr
    assert not any(form in result.output for form in MARKER_FORMS), result.output
    last = stderr.strip().splitlines()[-1]
    for phrase in phrases:
        assert phrase in last, (phrase, last)
    return last


def assert_no_marker(*texts: str) -> None:
    for text in texts:
        assert not any(form in text for form in MARKER_FORMS), text


TOOL = Path(sys.executable).parent / "placement-rules"


def run_tool(*args: str, timeout: float = 30, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The installed command in a fresh process (for what CliRunner cannot show: a closed
    standard output, /dev/full, signals)."""
    if not TOOL.exists():
        pytest.skip("placement-rules script not installed beside the interpreter")
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([str(TOOL), *args], text=True, timeout=timeout, check=False, **streams)
