"""Class (b), values and keys echoed in messages (R9 in test_yaml, R10 here, and every other
place a message was built from input): a message says what kind of thing is wrong and where,
never the value, never an unknown key."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from placement_rules.errors import AuditInputError, EventError, RuleFileError, ScenarioError
from placement_rules.events import parse_event
from placement_rules.regions import load_file_rule_set
from placement_rules.scenarios import load_scenario
from placement_rules.tracking.audit import Problem, audit, read_csv, read_jsonl

from .conftest import (
    CSV_HEADER,
    EVENT,
    MARKER,
    TESTREG,
    assert_no_marker,
    assert_refused,
    invoke,
    rules_folder,
    write_json,
)

AS_OF = dt.date(2025, 10, 1)
BUNDLED_EVENT = {**EVENT, "home_region": "vastra_gotaland", "home_municipality": "Borås"}


def test_r10_an_unknown_home_region_is_not_echoed(tmp_path: Path) -> None:
    path = write_json(tmp_path / "event.json", {**BUNDLED_EVENT, "home_region": MARKER})
    assert_refused(invoke("evaluate", str(path)), "home_region: not a region id")
    path = write_json(tmp_path / "event.json", {**BUNDLED_EVENT, "home_region": "atlantis"})
    last = assert_refused(invoke("evaluate", str(path)), "no rule file for this region (known:")
    assert "atlantis" not in last


@pytest.mark.parametrize("key", [MARKER, f"x{MARKER}", "personnummer"])
def test_an_unknown_key_is_not_echoed(tmp_path: Path, key: str) -> None:
    with pytest.raises(EventError) as info:
        parse_event({**BUNDLED_EVENT, key: 1})
    assert "<unknown key>: unknown field" in str(info.value) and key not in str(info.value)
    path = write_json(tmp_path / "event.json", {**BUNDLED_EVENT, key: 1})
    assert key not in assert_refused(invoke("evaluate", str(path)), "<unknown key>")
    case = write_json(tmp_path / "case.json", {"events": [BUNDLED_EVENT], key: 1})
    last = assert_refused(invoke("track", str(case), "--as-of", "2025-10-01"), "unknown key")
    assert key not in last


def test_unknown_csv_columns_and_jsonl_fields_are_counted_not_named() -> None:
    header = CSV_HEADER.strip() + f",{MARKER}\n"
    with pytest.raises(AuditInputError) as info:
        list(read_csv(io.StringIO(header), "in.csv"))
    assert "1 unknown column(s) (column 7" in str(info.value)
    assert_no_marker(str(info.value))
    line = json.dumps({"case_id": "A", "kind": "report_of_concern", MARKER: 1}) + "\n"
    (problem,) = list(read_jsonl(io.StringIO(line), "in.jsonl"))
    assert "1 unknown field(s)" in problem.message
    assert_no_marker(problem.message, problem.describe())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", MARKER),
        ("birth_date", MARKER),
        ("acute", MARKER),
        ("legal_basis", MARKER),
        ("kind", MARKER),
        ("home_region", MARKER),
        ("placement_region", MARKER),
        ("home_municipality", "x" * 101 + MARKER),
        ("noticed_by", MARKER),
    ],
)
def test_a_wrong_value_is_described_not_shown(field: str, value: str) -> None:
    with pytest.raises(EventError) as info:
        parse_event({**BUNDLED_EVENT, field: value})
    assert str(info.value).startswith(f"event: {field}: ")
    assert_no_marker(str(info.value))


def test_audit_problem_lines_name_the_line_not_the_case_id() -> None:
    text = CSV_HEADER + f"{MARKER},report_of_concern,2025-02-30,2011-03-10,B,vastra_gotaland\n"
    problems: list[Problem] = []
    stream = io.StringIO(text)
    list(
        audit(stream, "in.csv", AS_OF, reader=read_csv, engine="python", on_problem=problems.append)
    )
    (problem,) = problems
    assert problem.describe().startswith("line 2: skipped: date: not a calendar date")
    assert_no_marker(problem.describe())
    assert problem.to_dict()["case_id"] == MARKER  # the summary's problem list keeps the key


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("format: 1", f'format: "PNR {MARKER}"'),
        ("kind: regional", f'kind: "PNR {MARKER}"'),
        ("principal: kommun", f'principal: "PNR {MARKER}"'),
        ("weeks: 2", f'weeks: "PNR {MARKER}"'),
        ("value: 18}", f'value: "PNR {MARKER}"}}'),
        ("- id: t.rule1", f'- id: "PNR {MARKER}"'),
        ("title: Do a thing", f'"PNR {MARKER}": 1\n    title: Do a thing'),
        ("start: 2020-01-01", f'start: "PNR {MARKER}"'),
    ],
)
def test_rule_file_messages_do_not_echo(tmp_path: Path, old: str, new: str) -> None:
    assert old in TESTREG
    folder = rules_folder(tmp_path, TESTREG.replace(old, new, 1))
    with pytest.raises(RuleFileError) as info:
        load_file_rule_set(folder / "testreg.yaml")
    assert info.value.location.line is not None
    assert_no_marker(str(info.value))


def test_scenario_errors_do_not_echo_their_inputs(tmp_path: Path) -> None:
    path = tmp_path / "x.scenario.yaml"
    path.write_text(
        f"region: vastra_gotaland\ntitle: t\nevent: {{kind: {MARKER}}}\nexpect: {{}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert_no_marker(str(info.value))


def test_tracking_errors_do_not_name_the_case() -> None:
    """Found by the fuzz suite: a case of two children said 'case <id>: ...'."""
    from placement_rules import load_rule_set
    from placement_rules.errors import TrackingError
    from placement_rules.tracking import track

    events = [
        parse_event(BUNDLED_EVENT),
        parse_event({**BUNDLED_EVENT, "birth_date": "2013-01-01"}),
    ]
    with pytest.raises(TrackingError) as info:
        track(load_rule_set("vastra_gotaland"), events, AS_OF, engine="python", case_id=MARKER)
    assert "2 different birth dates" in str(info.value)
    assert_no_marker(str(info.value))
