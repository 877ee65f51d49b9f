"""The command line's errors for people: dates, case files given to evaluate."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from placement_rules.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CASE = str(ROOT / "examples" / "case_vgr.json")


@pytest.mark.parametrize("day", ["20251115", "15/11/2025", "2025-11-5"])
def test_track_refuses_a_date_not_written_iso_and_names_the_format(day: str) -> None:
    result = CliRunner().invoke(cli, ["track", CASE, "--as-of", day])
    assert result.exit_code == 2
    assert "YYYY-MM-DD (ÅÅÅÅ-MM-DD)" in result.output
    assert day not in result.output


def test_evaluate_given_a_case_file_says_to_use_track() -> None:
    result = CliRunner().invoke(cli, ["evaluate", CASE])
    assert result.exit_code == 2
    assert "placement-rules track" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
