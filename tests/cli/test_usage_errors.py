"""click's own usage errors (found while parsing the command line) never repeat what was
typed: a refused value, an unknown option's or command's name, extra arguments. They name what
is known instead (the choices, the range, the close option, the commands) and exit with 2.
A command line can carry personal data as easily as an event can."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from placement_rules.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "report_of_concern.json")
AUDIT = str(ROOT / "examples" / "audit_small.csv")
SECRET = "Svensson19121212"


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["evaluate", EXAMPLE, "--format", SECRET], "not one of text, json, ics, html, pdf"),
        (["evaluate", EXAMPLE, "--json", "--format", SECRET], "not one of text, json"),
        (["audit", AUDIT, "--as-of", "2025-10-01", "--jobs", SECRET], "not a whole number"),
        (["audit", AUDIT, "--as-of", "2025-10-01", "--jobs", "0"], "from 1 to 256"),
        (["evaluate", EXAMPLE, f"--{SECRET}"], "no such option (see --help)"),
        (["evaluate", EXAMPLE, "--formt", "json"], "no such option; did you mean --format?"),
        ([f"--{SECRET}"], "no such option"),
        ([SECRET], "no such command (commands: audit, compare,"),
        (["evaluate", EXAMPLE, SECRET], "unexpected extra argument(s) (see --help)"),
        (["track", EXAMPLE, "--as-of", SECRET], "not a date: write it as YYYY-MM-DD"),
    ],
)
def test_a_usage_error_names_what_is_known_not_what_was_typed(args: list[str], says: str) -> None:
    result = _run(args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_path_is_a_location_and_is_still_named() -> None:
    result = _run(["evaluate", str(ROOT / "no-such-file.json")])
    assert result.exit_code == 2 and "no-such-file.json" in result.stderr


@settings(max_examples=60, deadline=None)
@given(tail=st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö0123456789", min_size=4, max_size=20))
def test_no_refused_option_value_is_repeated(tail: str) -> None:
    typed = "Xq" + tail  # a prefix no message holds, so a find is a repeat
    for args in (
        ["evaluate", EXAMPLE, "--format", typed],
        ["evaluate", EXAMPLE, "--detail", typed],
        ["audit", AUDIT, "--as-of", "2025-10-01", "--jobs", typed],
    ):
        result = _run(args)
        assert result.exit_code == 2
        assert typed not in result.stderr
