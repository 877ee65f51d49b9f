"""Event errors for people: what was likely meant, the date format, never the input itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from placement_rules.errors import EventError, UnknownRegionError
from placement_rules.events import did_you_mean, parse_event
from placement_rules.regions import load_rule_set

ROOT = Path(__file__).resolve().parents[1]
EVENT: dict[str, Any] = json.loads(
    (ROOT / "examples" / "placement_started_lvu_familjehem.json").read_text(encoding="utf-8")
)


def _message(**changes: Any) -> str:
    data = {**EVENT, **changes}
    with pytest.raises(EventError) as caught:
        parse_event(data, where="event.json")
    return str(caught.value)


def test_a_misspelled_kind_names_the_known_kind_meant() -> None:
    message = _message(kind="placment_started")
    assert "did you mean placement_started?" in message
    assert "placment_started" not in message.replace("placement_started", "")
    assert "report_of_concern" not in message  # not the list of all kinds


def test_a_kind_like_none_says_where_the_kinds_are_listed() -> None:
    message = _message(kind="qqqq")
    assert "not a known event kind" in message and "docs/events.md" in message
    assert "qqqq" not in message and "did you mean" not in message


def test_a_misspelled_choice_names_the_choices() -> None:
    message = _message(placement_form="familjhem")
    assert "did you mean familjehem?" in message
    assert "familjhem" not in message.replace("familjehem", "")


def test_a_misspelled_field_name_names_the_known_field() -> None:
    data = {**EVENT, "acutee": True}
    del data["acute"]
    with pytest.raises(EventError) as caught:
        parse_event(data, where="event.json")
    message = str(caught.value)
    assert "did you mean acute?" in message and "acutee" not in message


@pytest.mark.parametrize("date", ["15/11/2025", "20251115", 20251115, "2025-11-15T00:00"])
def test_a_date_not_written_iso_names_the_format(date: object) -> None:
    message = _message(date=date)
    assert "YYYY-MM-DD (ÅÅÅÅ-MM-DD)" in message
    assert "15/11" not in message and "20251115" not in message


def test_an_impossible_day_names_the_format() -> None:
    message = _message(date="2025-02-30")
    assert "not a calendar date" in message and "ÅÅÅÅ-MM-DD" in message


def test_a_case_log_given_as_an_event_says_to_track_it() -> None:
    case = json.loads((ROOT / "examples" / "case_vgr.json").read_text(encoding="utf-8"))
    with pytest.raises(EventError, match="placement-rules track"):
        parse_event(case, where="case_vgr.json")


def test_an_unknown_region_lists_the_known_ones_and_the_one_meant() -> None:
    with pytest.raises(UnknownRegionError) as caught:
        load_rule_set("vastra_gotalnd", what="--region")
    message = str(caught.value)
    assert "did you mean vastra_gotaland?" in message
    assert "known: jonkoping, national, ostergotland, stockholm, vastra_gotaland" in message
    assert "gotalnd" not in message


def test_did_you_mean_needs_a_close_name() -> None:
    assert did_you_mean("stockhlm", ["stockholm", "jonkoping"]) == "stockholm"
    assert did_you_mean("x", ["stockholm"]) is None
    assert did_you_mean(3, ["stockholm"]) is None
