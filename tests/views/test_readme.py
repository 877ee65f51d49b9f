"""README's first example shows what the command prints (the Swedish view, a dated duty)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from click.testing import CliRunner

from placement_rules.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_shows_the_first_examples_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"placement-rules (evaluate examples/\S+\.json)", readme)
    assert command is not None
    shown = re.search(r"```text\n(.*?)```", readme, re.S)
    assert shown is not None and shown.start() > command.start()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, command.group(1).split(), env={"COLUMNS": "80"})
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0
    assert result.stdout == shown.group(1)
    assert "Nästa steg" in shown.group(1)
    assert re.search(r"senast \d{4}-\d{2}-\d{2}", shown.group(1)), "no dated duty shown"
