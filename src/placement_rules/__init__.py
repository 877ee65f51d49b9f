"""placement-rules: Swedish regional agreements on children placed outside the home, executable.

Typical use::

    from placement_rules import load_rule_set, parse_event, evaluate

    rules = load_rule_set("vastra_gotaland")          # once; immutable, share across threads
    event = parse_event({"kind": "placement_started", "date": "2025-09-01", ...})
    result = evaluate(rules, event)
    for obligation in result.obligations:
        print(obligation.due, obligation.title, obligation.responsible.describe())
"""

from .calendar import add_period, due_date, is_non_working, next_working_day
from .errors import EventError, Location, PlacementRulesError, RuleFileError, UnknownRegionError
from .evaluation import Conflict, Evaluation, NotApplied, Obligation, Party, evaluate, law_in_force
from .events import Event, parse_event
from .models import RuleFile, json_schema
from .ruleset import RuleSet, available_regions, load_all, load_file_rule_set, load_rule_set
from .tracking import CaseReport, track
from .validity import AgreementStatus, agreement_status

__all__ = [
    "AgreementStatus", "CaseReport", "Conflict", "Evaluation", "Event", "EventError", "Location", "NotApplied",
    "Obligation", "Party", "PlacementRulesError", "RuleFile", "RuleFileError", "RuleSet",
    "UnknownRegionError", "add_period", "agreement_status", "available_regions", "due_date",
    "evaluate", "is_non_working", "json_schema", "law_in_force", "load_all", "load_file_rule_set",
    "load_rule_set", "next_working_day", "parse_event", "track",
]
