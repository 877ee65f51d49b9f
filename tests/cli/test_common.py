"""The error policy in JSON mode: a command given ``--format json`` (or ``--json``) writes its
error as one RFC 9457 problem object on standard error, the service's shape, with the exit
code of text mode; text mode is unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placement_rules.cli import cli
from placement_rules.contract.models import Problem

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "report_of_concern.json"
CASE = str(ROOT / "examples" / "case_vgr.json")
ERROR_SCHEMA = json.loads((ROOT / "schema" / "error.schema.json").read_text(encoding="utf-8"))


def _run(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, args, input=stdin)


def _problem(result: Result) -> dict[str, Any]:
    """The one problem line on stderr, checked against the committed schema and the model."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    body: dict[str, Any] = json.loads(lines[0])
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    jsonschema_rs.validator_for(ERROR_SCHEMA).validate(body)
    Problem.model_validate(body)
    assert body["type"] == "urn:placement-rules:problem:" + body["code"]
    assert result.stdout == ""
    return body


def _event(**changes: Any) -> str:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize("flag", [["--json"], ["--format", "json"]])
def test_an_invalid_event_is_a_problem_with_its_fields(flag: list[str]) -> None:
    result = _run(["evaluate", *flag, "-"], _event(date="2025-02-30"))
    assert result.exit_code == 2
    body = _problem(result)
    assert (body["status"], body["code"], body["title"]) == (422, "invalid_input", "Ogiltig indata")
    assert [e["location"] for e in body["errors"]] == ["input.date"]
    assert "2025-02-30" not in result.stderr


def test_text_mode_is_unchanged() -> None:
    result = _run(["evaluate", "-"], _event(date="2025-02-30"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: <stdin>: date")
    assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stderr)


def test_the_title_follows_lang_and_the_detail_is_the_text_modes_message() -> None:
    text = _run(["evaluate", "--region", "vastra_gotalnd", str(EXAMPLE)])
    result = _run(
        ["evaluate", "--json", "--lang", "en", "--region", "vastra_gotalnd", str(EXAMPLE)]
    )
    assert result.exit_code == text.exit_code == 2
    body = _problem(result)
    assert (body["code"], body["title"]) == ("unknown_region", "Unknown region")
    assert text.stderr.strip() == f"error: {body['detail']}"
    assert "vastra_gotalnd" not in body["detail"]


def test_an_unknown_key_and_its_value_never_appear() -> None:
    result = _run(["evaluate", "--json", "-"], _event(child_name_zq17="Selma Lagerlöf-zq17"))
    body = _problem(result)
    assert "zq17" not in result.stderr
    assert [(e["location"], e["code"]) for e in body["errors"]] == [
        ("input.<unknown key>", "extra_forbidden")
    ]


def test_a_document_that_cannot_be_read_is_invalid_file_with_its_place() -> None:
    body = _problem(_run(["evaluate", "--json", "-"], '{"kind": "report_of_concern",'))
    assert (body["status"], body["code"]) == (400, "invalid_file")
    assert [e["location"] for e in body["errors"]] == ["<stdin>:1:30"]
    missing = _problem(_run(["track", "--json", "no-such-case.json", "--as-of", "2025-10-01"]))
    assert missing["code"] == "invalid_file"
    assert missing["errors"][0]["location"] == "no-such-case.json"


def test_a_broken_rule_file_is_named_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "ostergotland.yaml").write_text("rules: [1\n", encoding="utf-8")
    args = ["evaluate", "--json", "--rules-dir", str(tmp_path), str(EXAMPLE)]
    body = _problem(_run(args))
    assert body["code"] == "invalid_file"
    assert body["errors"][0]["location"].startswith(str(tmp_path / "ostergotland.yaml"))


def test_a_usage_error_the_command_raises_is_a_problem_in_json_mode_only() -> None:
    args = ["status", "-r", "vastra_gotalndd", "--on", "15/11/2025"]
    result = _run([*args, "--json"])
    assert result.exit_code == 2
    body = _problem(result)
    assert (body["status"], body["code"]) == (400, "usage")
    assert [e["location"] for e in body["errors"]] == ["option.--on"]
    assert "15/11/2025" not in result.stderr
    text = _run(args)
    assert text.exit_code == 2 and "Usage:" in text.stderr


def test_track_in_json_mode_writes_problems_too() -> None:
    result = _run(["track", "--json", CASE, "--as-of", "2025-10-01", "--region", "nowhere"])
    assert result.exit_code == 2
    assert _problem(result)["code"] == "unknown_region"


def test_a_file_that_cannot_be_written_is_a_problem(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.html"
    result = _run(["evaluate", "--format", "html", "-o", str(target), str(EXAMPLE)])
    assert result.exit_code == 2 and result.stderr.startswith("error: ")  # not JSON mode


def test_a_command_without_json_output_keeps_text() -> None:
    result = _run(["verify", str(EXAMPLE), str(EXAMPLE)])
    assert result.exit_code == 2 and result.stderr.startswith("error: ")


_SECRET = st.text(alphabet="qxzj", min_size=6, max_size=12).map(lambda s: "zq" + s)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.dictionaries(
        _SECRET, st.one_of(_SECRET, st.integers(10**6, 10**9), st.booleans()), max_size=4
    ),
    st.sampled_from(["kind", "date", "birth_date", "home_region", "acute"]),
    _SECRET,
)
def test_no_value_or_unknown_key_ever_appears_in_a_problem(
    extra: dict[str, Any], field: str, value: str
) -> None:
    document = {**json.loads(_event()), **extra, field: value}
    result = _run(["evaluate", "--json", "-"], json.dumps(document))
    assert result.exit_code == 2
    body = _problem(result)
    assert body["code"] in ("invalid_input", "unknown_region")  # a well-formed region id
    assert bool(body["errors"]) == (body["code"] == "invalid_input")
    for secret in [value, *extra, *(str(v) for v in extra.values() if not isinstance(v, bool))]:
        assert secret not in result.stderr


RULES = ROOT / "rules"


@pytest.mark.parametrize(
    "args",
    [
        ["diff", str(RULES / "vastra_gotaland.yaml"), "no-such-rules.yaml", "--format", "json"],
        ["coverage", "--region", "nowhere", "--json"],
        ["conformance", "--json", "no-such-rules.yaml"],
        ["impact", str(RULES / "national.yaml"), str(RULES / "national.yaml"), "none.csv"]
        + ["--as-of", "2025-01-01", "--json"],
    ],
    ids=["diff", "coverage", "conformance", "impact"],
)
def test_the_legal_tools_json_options_give_problems_too(args: list[str]) -> None:
    result = _run(args)
    assert result.exit_code == 2
    assert _problem(result)["code"] in ("invalid_file", "file", "unknown_region")
    text = _run([a for a in args if a not in ("--json", "json", "--format")])
    assert text.exit_code == 2 and text.stderr.startswith("error: ")


@pytest.mark.parametrize(
    ("raised", "code", "exit_code"),
    [(KeyboardInterrupt(), "interrupted", 130), (OSError(13, "Permission denied"), "output", 2)],
    ids=["sigint", "os-error"],
)
def test_an_interrupt_or_failed_output_is_a_problem_with_its_exit_code(
    monkeypatch: pytest.MonkeyPatch, raised: BaseException, code: str, exit_code: int
) -> None:
    from placement_rules.cli import _common, core

    monkeypatch.setattr(_common, "silence_stdout", lambda: None)  # never the test's own fd 1

    def interrupted(*args: object, **kwargs: object) -> None:
        raise raised

    monkeypatch.setattr(core, "evaluate_parts", interrupted)
    result = _run(["evaluate", "--json", str(EXAMPLE)])
    assert result.exit_code == exit_code
    assert _problem(result)["code"] == code
    text = _run(["evaluate", str(EXAMPLE)])
    assert text.exit_code == exit_code and text.stderr.startswith("error: ")
