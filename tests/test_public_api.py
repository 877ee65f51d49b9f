"""The names ``placement_rules`` exports, pinned: adding, removing or renaming one is a change of
the public API and must show up here (and in CHANGELOG.md)."""

from __future__ import annotations

import importlib.metadata

import placement_rules

PUBLIC_API = [
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


def test_the_pinned_list_is_sorted_and_has_no_duplicates() -> None:
    assert sorted(set(PUBLIC_API)) == PUBLIC_API


def test_all_is_the_pinned_list() -> None:
    assert list(placement_rules.__all__) == PUBLIC_API


def test_every_exported_name_resolves() -> None:
    for name in placement_rules.__all__:
        assert getattr(placement_rules, name, None) is not None, name


def test_star_import_gives_exactly_the_exported_names() -> None:
    namespace: dict[str, object] = {}
    exec("from placement_rules import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == PUBLIC_API


def test_every_exported_error_derives_from_placement_rules_error() -> None:
    for name in PUBLIC_API:
        value = getattr(placement_rules, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, placement_rules.PlacementRulesError), name


def test_version_is_the_installed_distributions() -> None:
    assert placement_rules.__version__ == importlib.metadata.version("placement-rules")
