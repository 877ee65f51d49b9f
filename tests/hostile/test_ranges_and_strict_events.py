"""Classes (d) and (f): the range of every date and period is the format's own and is checked at
validation with one message (R6 R7 R8), and events are parsed strictly (R12)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, get_args

import pytest

from placement_rules import evaluate, load_all
from placement_rules.errors import EventError
from placement_rules.events import parse_event
from placement_rules.limits import EVENT_DATE_MAX, EVENT_DATE_MIN
from placement_rules.tracking.audit import audit, read_csv
from placement_rules.validity import agreement_status
from placement_rules.vocabulary import EventKind

from .conftest import (
    CSV_HEADER,
    EVENT,
    TESTREG,
    assert_refused,
    invoke,
    rules_folder,
    write_json,
)

TEN_YEARS = "a period is at most 10 years in total"


@pytest.mark.parametrize(
    "offset", ["{weeks: 999999999999999999}", "{years: 8000}", "{years: 10, days: 1}"]
)
def test_r6_r7_an_absurd_period_is_refused_at_validation(tmp_path: Path, offset: str) -> None:
    folder = rules_folder(tmp_path, TESTREG.replace("offset: {weeks: 2}", f"offset: {offset}"))
    last = assert_refused(invoke("validate", str(folder / "testreg.yaml")), TEN_YEARS)
    assert "rules[0].deadline.offset" in last and "testreg.yaml:35:" in last
    event = write_json(tmp_path / "event.json", EVENT)
    assert_refused(invoke("evaluate", "--rules-dir", str(folder), str(event)), TEN_YEARS)


def test_r6_thirty_digits_are_not_a_number_at_all(tmp_path: Path) -> None:
    text = TESTREG.replace("offset: {weeks: 2}", "offset: {weeks: 1000000000000000000000000000000}")
    folder = rules_folder(tmp_path, text)
    assert_refused(invoke("validate", str(folder / "testreg.yaml")), "not a number")


def test_ten_years_is_allowed_and_evaluates_to_the_last_day(tmp_path: Path) -> None:
    folder = rules_folder(tmp_path, TESTREG.replace("offset: {weeks: 2}", "offset: {years: 10}"))
    event = write_json(
        tmp_path / "event.json", {**EVENT, "date": "2090-12-31", "birth_date": "2080-05-14"}
    )
    result = invoke("evaluate", "--json", "--rules-dir", str(folder), str(event))
    assert result.exit_code == 0, result.output
    assert '"due": "2100-12-31"' in result.stdout


R8_EVENT = {**EVENT, "home_region": "vastra_gotaland", "kind": "investigation_opened"}


def test_r8_an_event_in_9999(tmp_path: Path) -> None:
    for date, born in (("9999-10-15", "9990-01-01"), ("9999-12-31", "9990-01-01")):
        event = write_json(tmp_path / "e.json", {**R8_EVENT, "date": date, "birth_date": born})
        assert_refused(
            invoke("evaluate", str(event)),
            "date: a date must lie between 2002-01-01 and 2090-12-31",
        )
    case = write_json(
        tmp_path / "case.json",
        {"events": [{**R8_EVENT, "date": "9999-10-15", "birth_date": "9990-01-01"}]},
    )
    assert_refused(invoke("track", str(case), "--as-of", "2025-12-01"), "events[0]: date:")


@pytest.mark.parametrize(
    "args",
    [
        ("lint", "--on", "9999-12-31"),
        ("status", "--region", "jonkoping", "--on", "1999-12-31"),
        ("compare", "--on", "0001-01-01"),
        ("track", "case.json", "--as-of", "9999-12-31"),
        ("audit", "in.csv", "--as-of", "2025-1-1"),
    ],
)
def test_command_line_dates_are_bounded(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "in.csv").write_text(CSV_HEADER, encoding="utf-8")
    write_json(tmp_path / "case.json", {"events": [R8_EVENT]})
    assert_refused(invoke(*args, cwd=tmp_path), "between 2002-01-01 and 2100-12-31")


def test_r8_one_row_in_9999_skips_only_itself() -> None:
    text = (
        CSV_HEADER
        + "C1,investigation_opened,9999-10-15,9990-01-01,Borås,vastra_gotaland\n"
        + "C2,report_of_concern,2025-01-01,2012-01-01,Borås,vastra_gotaland\n"
    )
    problems: list[Any] = []
    reports = list(
        audit(
            io.StringIO(text),
            "in.csv",
            dt.date(2100, 12, 31),
            reader=read_csv,
            engine="python",
            on_problem=problems.append,
        )
    )
    assert [r.case_id for r in reports] == ["C2"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(2, "date")]


def test_every_region_evaluates_every_kind_at_the_ends_of_the_range() -> None:
    """The range is closed under evaluation: at 2002-01-01 and 2090-12-31, for every bundled
    region and every event kind, evaluate returns, and every due date stays within the holiday
    calendar (to 2100) plus a roll-forward."""
    kinds = get_args(EventKind)
    for region, rules in load_all().items():
        for day in (EVENT_DATE_MIN, EVENT_DATE_MAX):
            for basis in ("SoL", "LVU"):
                for kind in kinds:
                    event = parse_event(
                        {
                            "kind": kind,
                            "date": day,
                            "birth_date": day.replace(year=day.year - 12),
                            "legal_basis": basis,
                            "placement_form": "familjehem",
                            "placement_start": day,
                            "home_municipality": "Borås",
                            "home_region": region,
                        }
                    )
                    for obligation in evaluate(rules, event).obligations:
                        due = obligation.due
                        assert due is None or due <= dt.date(2101, 1, 31), (region, kind, due)
        for agreement in rules.agreements:
            agreement_status(agreement, dt.date(2100, 12, 31))


# --- (f) strict events ------------------------------------------------------------------------

BASE = {**EVENT, "home_region": "vastra_gotaland", "home_municipality": "Borås"}


def test_r12_lax_coercion_is_refused_naming_the_expected_forms(tmp_path: Path) -> None:
    path = write_json(tmp_path / "lax.json", {**BASE, "birth_date": "0", "acute": "yes"})
    last = assert_refused(invoke("evaluate", "--json", str(path)))
    assert "birth_date: not a date written YYYY-MM-DD" in last
    assert "acute: expected true or false" in last


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "0", "not a date written YYYY-MM-DD"),
        ("date", 1756684800, "not a date written YYYY-MM-DD"),
        ("date", "1756684800", "not a date written YYYY-MM-DD"),
        ("date", "2025-08-18T00:00", "not a date written YYYY-MM-DD"),
        ("date", dt.datetime(2025, 8, 18), "not a date written YYYY-MM-DD"),
        ("date", "2025-02-30", "not a calendar date"),
        ("date", "٢٠٢٥-٠٩-٠١", "not a date written YYYY-MM-DD"),
        ("date", "9999-10-15", "between 2002-01-01 and 2090-12-31"),
        ("date", "2001-12-31", "between 2002-01-01 and 2090-12-31"),
        ("birth_date", "1899-12-31", "between 1900-01-01"),
        ("placement_start", "2091-01-01", "between 2002-01-01 and 2090-12-31"),
        ("acute", "yes", "expected true or false"),
        ("acute", "on", "expected true or false"),
        ("acute", 1, "expected true or false"),
        ("acute", "true", "expected true or false"),
        ("treatment_moved_to_placement_region", "false", "expected true or false"),
        ("home_municipality", "a\nb", "without control characters"),
        ("home_municipality", "x" * 101, "at most 100 characters"),
    ],
)
def test_strict_fields(field: str, value: object, message: str) -> None:
    with pytest.raises(EventError) as info:
        parse_event({**BASE, field: value})
    assert f"{field}: {message}" in str(info.value) or message in str(info.value)


def test_the_accepted_forms() -> None:
    event = parse_event({**BASE, "date": dt.date(2025, 9, 1), "acute": True, "lss": False})
    assert event.date == dt.date(2025, 9, 1) and event.acute is True


@pytest.mark.parametrize(
    ("cell", "accepted"),
    [("true", True), ("TRUE", True), ("false", True), ("yes", False), ("1", False), ("on", False)],
)
def test_csv_booleans(cell: str, accepted: bool) -> None:
    text = (
        "case_id,kind,date,birth_date,home_municipality,home_region,acute\n"
        f"A,report_of_concern,2025-05-26,2011-03-10,Borås,vastra_gotaland,{cell}\n"
    )
    rows = list(read_csv(io.StringIO(text), "in.csv"))
    assert (type(rows[0]).__name__ == "Row") is accepted, rows
    if not accepted:
        assert "acute: expected true or false" in rows[0].message
