"""What ``evaluate`` and ``track`` do with decoded input, shared by the command line and the
service: validate the event or case, pick the rule set, check the regions, run.

``where`` begins every message (a file name on the command line, ``body`` in the service);
no message repeats an input value.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from .errors import EventError, FieldProblem, TrackingError
from .evaluation import evaluate
from .events import parse_event
from .regions import check_event_regions
from .tracking.tracker import track

if TYPE_CHECKING:
    from .events import Event
    from .results import Evaluation
    from .ruleset import RuleSet
    from .tracking.audit import RuleSets
    from .tracking.tracker import CaseReport

__all__ = ["CASE_KEYS", "evaluate_data", "parse_case", "track_data"]

CASE_KEYS: Final = frozenset({"case_id", "region", "child", "events"})


def evaluate_data(
    data: object,
    where: str,
    region: str | None,
    rule_sets: RuleSets,
    *,
    region_name: str = "region",
) -> tuple[RuleSet, Event, Evaluation]:
    """Validate ``data`` as an event, load the rule set of ``region`` (else the event's home
    region) from ``rule_sets``, check the placement region and evaluate. ``region_name`` is
    what messages call ``region`` (``--region`` on the command line)."""
    event = parse_event(data, where=where)
    what = region_name if region else f"{where}: home_region"
    rules = rule_sets.get(region or event.home_region, what)
    check_event_regions(event, rule_sets.known, where=f"{where}: ")
    return rules, event, evaluate(rules, event)


def parse_case(data: object, where: str, *, default_id: str) -> tuple[str, str | None, list[Event]]:
    """A case: ``{"case_id", "region"?, "child"?: {facts shared by every event},
    "events": [...]}``, or a bare list of events. Returns (case id, region, events)."""

    if isinstance(data, list):
        data = {"events": data}
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise EventError(f"{where}: a case file is an object with an 'events' list")
    unknown = set(data) - CASE_KEYS
    if unknown:
        raise EventError(
            f"{where}: {len(unknown)} unknown key(s) at the top of the case file "
            f"(known: {', '.join(sorted(CASE_KEYS))})"
        )
    shared = data.get("child") or {}
    if not isinstance(shared, dict):
        raise EventError(f"{where}: 'child' must be an object of facts")
    for key in ("case_id", "region"):
        if data.get(key) is not None and type(data[key]) not in (str, int):
            raise EventError(f"{where}: {key}: text expected")
    events = [_case_event(shared, raw, where, i) for i, raw in enumerate(data["events"])]
    if not events:
        raise EventError(f"{where}: the case has no events")
    region = data.get("region")
    return str(data.get("case_id") or default_id), str(region) if region else None, events


def _case_event(shared: dict[str, Any], raw: object, where: str, index: int) -> Event:
    """One event of a case, the case's shared facts under its own; field errors located
    under ``events[index]``."""
    try:
        return parse_event(
            {**shared, **raw} if isinstance(raw, dict) else raw, where=f"{where}: events[{index}]"
        )
    except EventError as exc:
        fields = tuple(
            FieldProblem(
                f"events[{index}]" + ("" if f.location == "(top level)" else f".{f.location}"),
                f.code,
                f.message,
            )
            for f in exc.fields
        )
        raise EventError(str(exc), fields) from None


def track_data(
    data: Any,
    where: str,
    as_of: dt.date,
    engine: str,
    region: str | None,
    rule_sets: RuleSets,
    *,
    default_id: str,
    region_name: str = "region",
) -> CaseReport:
    """Read a case, load the rule set of ``region`` (else the case's, else the first event's
    home region), check every event's placement region and track."""
    case_id, case_region, events = parse_case(data, where, default_id=default_id)
    what = (
        region_name
        if region
        else f"{where}: region"
        if case_region
        else f"{where}: events[0].home_region"
    )
    rules = rule_sets.get(region or case_region or events[0].home_region, what)
    for i, event in enumerate(events):
        check_event_regions(event, rule_sets.known, where=f"{where}: events[{i}].")
    try:
        return track(rules, events, as_of, engine=engine, case_id=case_id)
    except TrackingError as exc:
        raise TrackingError(f"{where}: {exc}") from None
