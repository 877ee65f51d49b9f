"""The command line as a pipe: ``-`` reads the event or case from standard input, and one
output convention (``--format``, with ``--json`` as its alias) across commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from placement_rules.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EVENT = EXAMPLES / "placement_started_lvu_familjehem.json"
CASE = EXAMPLES / "case_vgr.json"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_evaluate_reads_standard_input_as_a_file_would_be_read() -> None:
    code, from_file, _ = run("evaluate", "--format", "json", str(EVENT))
    assert code == 0
    code, from_stdin, _ = run("evaluate", "--format", "json", "-", stdin=EVENT.read_bytes())
    assert code == 0
    assert json.loads(from_stdin) == json.loads(from_file)


def test_yaml_on_standard_input_gives_the_same_answer() -> None:
    import yaml

    as_yaml = yaml.safe_dump(json.loads(EVENT.read_text(encoding="utf-8"))).encode()
    code, out, _ = run("evaluate", "--json", "-", stdin=as_yaml)
    assert code == 0
    _, expected, _ = run("evaluate", "--json", str(EVENT))
    assert json.loads(out) == json.loads(expected)


def test_track_reads_standard_input() -> None:
    args = ("track", "--as-of", "2025-12-01", "--format", "json")
    code, from_file, _ = run(*args, str(CASE))
    assert code == 0
    code, from_stdin, _ = run(*args, "-", stdin=CASE.read_bytes())
    assert code == 0
    file_answer, stdin_answer = json.loads(from_file), json.loads(from_stdin)
    # the case id falls back to the file name when the case has none; this one names its own
    assert stdin_answer == file_answer


@pytest.mark.parametrize("command", [("evaluate",), ("track", "--as-of", "2025-12-01")])
def test_json_is_the_alias_of_format_json(command: tuple[str, ...]) -> None:
    path = str(EVENT if command[0] == "evaluate" else CASE)
    _, alias, _ = run(*command, "--json", path)
    _, long_form, _ = run(*command, "--format", "json", path)
    assert json.loads(alias) == json.loads(long_form)


def test_errors_on_standard_input_name_it_and_never_echo_the_input() -> None:
    secret = b'{"kind": "placement_start", "date": "2025-13-40", "child_name": "Hemlig Person"}'
    code, out, err = run("evaluate", "-", stdin=secret)
    assert code == 2
    assert err.startswith("error: <stdin>")
    assert "Hemlig" not in err + out and "2025-13-40" not in err + out


def test_oversized_standard_input_is_refused_before_parsing() -> None:
    from placement_rules.limits import MAX_FILE_BYTES

    code, _, err = run("evaluate", "-", stdin=b" " * (MAX_FILE_BYTES + 10))
    assert code == 2
    assert "<stdin>" in err and "larger than" in err


def test_binary_standard_input_is_refused() -> None:
    code, _, err = run("evaluate", "-", stdin=b"\xff\xfe\x00binary")
    assert code == 2
    assert "not UTF-8" in err


@pytest.mark.parametrize(
    "command",
    [
        ("coverage", "--region", "vastra_gotaland"),
        ("conformance", str(EXAMPLES / "local" / "boras.yaml")),
        ("status", "--region", "vastra_gotaland", "--on", "2025-09-01"),
    ],
)
def test_every_json_command_takes_format_json_and_its_alias(command: tuple[str, ...]) -> None:
    _, alias, _ = run(*command, "--json")
    _, long_form, _ = run(*command, "--format", "json")
    assert json.loads(alias) == json.loads(long_form)
