"""placement-rules: Swedish regional agreements on children placed outside the home, executable.

Typical use::

    from placement_rules import evaluate, load_rule_set, parse_event

    rules = load_rule_set("vastra_gotaland")          # once; immutable, share across threads
    event = parse_event({"kind": "placement_started", "date": "2025-09-01", ...})
    result = evaluate(rules, event)
    for obligation in result.obligations:
        print(obligation.due, obligation.title, obligation.responsible_text)

The layout: the core modules sit here (``models``, ``loading``, ``compiler``, ``regions``,
``ruleset``, ``events``, ``conditions``, ``calendar``, ``validity``, ``evaluation``, ``results``,
``errors``, ``vocabulary``, and the testing kit ``testing``, ``scenarios``, ``pytest_plugin``);
the tools for legal staff in :mod:`placement_rules.legal`, case tracking in
:mod:`placement_rules.tracking`, the command line in :mod:`placement_rules.cli`, what people
read in :mod:`placement_rules.views`.
"""

__version__ = "0.1.0"

from .calendar import add_period, due_date, is_non_working, next_working_day
from .errors import (
    AuditInputError,
    ConformanceError,
    DurableEngineError,
    EventError,
    Location,
    PlacementRulesError,
    PrintError,
    RevisionError,
    RuleFileError,
    ScenarioError,
    TrackingError,
    UnknownRegionError,
)
from .evaluation import evaluate, law_in_force
from .events import Event, parse_event
from .models import RuleFile, json_schema
from .regions import available_regions, load_all, load_file_rule_set, load_rule_set
from .results import Conflict, Evaluation, NotApplied, Obligation, ResolvedParty
from .ruleset import RuleSet
from .tracking import CaseReport, track
from .validity import AgreementStatus, agreement_status

__all__ = [
    "AgreementStatus",
    "AuditInputError",
    "CaseReport",
    "Conflict",
    "ConformanceError",
    "DurableEngineError",
    "Evaluation",
    "Event",
    "EventError",
    "Location",
    "NotApplied",
    "Obligation",
    "PlacementRulesError",
    "PrintError",
    "ResolvedParty",
    "RevisionError",
    "RuleFile",
    "RuleFileError",
    "RuleSet",
    "ScenarioError",
    "TrackingError",
    "UnknownRegionError",
    "__version__",
    "add_period",
    "agreement_status",
    "available_regions",
    "due_date",
    "evaluate",
    "is_non_working",
    "json_schema",
    "law_in_force",
    "load_all",
    "load_file_rule_set",
    "load_rule_set",
    "next_working_day",
    "parse_event",
    "track",
]
