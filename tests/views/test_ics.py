"""The calendar file: parsed back with icalendar, one entry per duty, stable UIDs (the contract's
obligation ids), dated duties as all-day events, the rest as tasks, no personal data."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from icalendar import Calendar, Todo
from icalendar import Event as VEvent

from placement_rules import evaluate, load_rule_set
from placement_rules.cli.core import evaluate_parts
from placement_rules.cli.tracking import read_case
from placement_rules.contract import answer
from placement_rules.events import Event
from placement_rules.results import Evaluation
from placement_rules.ruleset import RuleSet
from placement_rules.testing import events
from placement_rules.tracking import track
from placement_rules.tracking.audit import RuleSets
from placement_rules.views.ics import UID_DOMAIN, case_calendar, evaluation_calendar
from placement_rules.views.urgency import sort_obligations

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STAMP = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _example(name: str) -> tuple[RuleSet, Event, Evaluation]:
    return evaluate_parts(EXAMPLES / name, None, RuleSets(None))


def _entries(data: bytes) -> list[VEvent | Todo]:
    calendar = Calendar.from_ical(data)
    return [c for c in calendar.walk() if isinstance(c, VEvent | Todo)]


def test_one_entry_per_obligation_with_the_contracts_ids() -> None:
    rules, event, result = _example("placement_started_lvu_familjehem.json")
    entries = _entries(evaluation_calendar(result, event, stamp=STAMP))
    ids = [o["id"] for o in answer(rules, event, result)["obligations"]]
    assert sorted(str(e["uid"]) for e in entries) == sorted(f"{i}@{UID_DOMAIN}" for i in ids)
    assert len(set(ids)) == len(ids) == len(entries)
    by_id = dict(zip(ids, result.obligations, strict=True))
    in_order = [by_id[str(e["uid"]).split("@")[0]] for e in entries]
    assert in_order == list(sort_obligations(result.obligations))  # most urgent first


def test_dated_duties_are_all_day_events_on_the_due_date() -> None:
    _, event, result = _example("report_of_concern.json")
    entries = _entries(evaluation_calendar(result, event, stamp=STAMP))
    dated = [o for o in sort_obligations(result.obligations) if o.due is not None]
    assert dated, "the example has dated duties"
    events_ = [e for e in entries if isinstance(e, VEvent)]
    assert len(events_) == len(dated)
    for entry, obligation in zip(events_, dated, strict=True):
        start, end = entry.decoded("dtstart"), entry.decoded("dtend")
        assert type(start) is dt.date and start == obligation.due
        assert end == obligation.due + dt.timedelta(days=1)
        assert str(entry["summary"]) == obligation.title
        assert str(entry["transp"]) == "TRANSPARENT"
        assert entry.decoded("dtstamp") == STAMP


def test_undated_duties_are_tasks_without_a_date() -> None:
    _, event, result = _example("placement_started_lvu_familjehem.json")
    entries = _entries(evaluation_calendar(result, event, stamp=STAMP))
    undated = [o for o in result.obligations if o.due is None]
    todos = [e for e in entries if isinstance(e, Todo)]
    assert len(todos) == len(undated) > 0
    for todo in todos:
        assert "due" not in todo and "dtstart" not in todo
        assert str(todo["status"]) == "NEEDS-ACTION"
    priorities = [int(t["priority"]) for t in todos]
    assert priorities == sorted(priorities) and set(priorities) <= set(range(1, 10))
    for todo, obligation in zip(todos, sort_obligations(undated), strict=True):
        # the summary says the title and when, in words: "... (utan dröjsmål (lagkrav))"
        summary = str(todo["summary"])
        if obligation.vague is None:
            assert summary == obligation.title
        else:
            assert summary.startswith(f"{obligation.title} (") and summary.endswith(")")
            assert "('" not in summary and "',)" not in summary
    genast = [t for t in todos if "(genast" in str(t["summary"])]
    assert all(int(t["priority"]) == 1 for t in genast)


def test_uids_are_stable_across_runs_and_stamps() -> None:
    _, event, result = _example("placement_started_lvu_familjehem.json")
    first = _entries(evaluation_calendar(result, event, stamp=STAMP))
    _, event_again, result_again = _example("placement_started_lvu_familjehem.json")
    later = _entries(evaluation_calendar(result_again, event_again))
    assert [e["uid"] for e in first] == [e["uid"] for e in later]


def test_swedish_by_default_english_on_request() -> None:
    _, event, result = _example("placement_started_lvu_familjehem.json")
    sv = _entries(evaluation_calendar(result, event, stamp=STAMP))
    en = _entries(evaluation_calendar(result, event, lang="en", stamp=STAMP))
    assert all(str(e["description"]).startswith("När: ") for e in sv)
    assert all(str(e["description"]).startswith("When: ") for e in en)
    assert {str(e["summary"].params["LANGUAGE"]) for e in en} == {"en"}
    assert "Vem: kommunen (Borås): socialtjänsten" in {
        line for e in sv for line in str(e["description"]).splitlines()
    }


def test_no_personal_data_in_the_calendar() -> None:
    case_id, region, case_events = read_case(EXAMPLES / "case_vgr.json")
    rules = load_rule_set(region or "vastra_gotaland")
    report = track(rules, case_events, dt.date(2025, 10, 1), engine="python", case_id=case_id)
    data = case_calendar(report, case_events, stamp=STAMP).decode("utf-8")
    flat = data.replace("\r\n ", "")  # unfolded lines
    assert case_id not in flat
    for event in case_events:
        assert event.birth_date.isoformat() not in flat
        assert event.birth_date.strftime("%Y%m%d") not in flat
        if event.placement_municipality:
            assert event.placement_municipality not in flat
    assert "Borås" in flat  # the placing municipality is who acts: it stays


def test_a_tracked_case_marks_what_is_done() -> None:
    case_id, region, case_events = read_case(EXAMPLES / "case_vgr.json")
    rules = load_rule_set(region or "vastra_gotaland")
    as_of = dt.date(2025, 10, 1)
    report = track(rules, case_events, as_of, engine="python", case_id=case_id)
    entries = _entries(case_calendar(report, case_events, stamp=STAMP))
    assert len(entries) == len(report.obligations)
    by_uid = {str(e["uid"]): e for e in entries}
    assert len(by_uid) == len(entries)
    met_vague = [s for s in report.obligations if s.status == "met"]
    assert met_vague, "the example case has a vague duty met"
    for entry in entries:
        assert f"Läge {as_of}: " in str(entry["description"])
    completed = [e for e in entries if isinstance(e, Todo) and str(e["status"]) == "COMPLETED"]
    assert len(completed) == len(met_vague)
    # the same obligation evaluated on its own event has the same UID
    sip = next(e for e in case_events if e.kind == "placement_started")
    own = evaluate(rules, sip)
    own_uids = {str(e["uid"]) for e in _entries(evaluation_calendar(own, sip, stamp=STAMP))}
    assert own_uids and own_uids <= set(by_uid)


@cache
def _rules(region: str) -> RuleSet:
    return load_rule_set(region)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(kind=["placement_started", "placement_changed", "inpatient_discharge"]))
def test_every_evaluation_round_trips(event: Event) -> None:
    result = evaluate(_rules(event.home_region), event)
    entries = _entries(evaluation_calendar(result, event, stamp=STAMP))
    assert len(entries) == len(result.obligations)
    assert len({e["uid"] for e in entries}) == len(entries)
    dated = sorted(o.due for o in result.obligations if o.due is not None)
    assert sorted(e.decoded("dtstart") for e in entries if isinstance(e, VEvent)) == dated
    priorities = [int(e["priority"]) for e in entries if isinstance(e, Todo)]
    assert priorities == sorted(priorities)  # the tasks keep the urgency order
