"""The library's own exception types, all here. Every error a user can cause is one of these,
and every one derives from :class:`PlacementRulesError`."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError


class PlacementRulesError(Exception):
    """Base class of every error the library raises on purpose."""


@dataclass(frozen=True)
class Location:
    """Where in a rule file something is: file, 1-based line and column, and field path."""

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.path}" if self.path else where


class RuleFileError(PlacementRulesError):
    """A rule file is wrong: syntax, unknown field, wrong type, dangling reference, duplicate id."""

    def __init__(self, location: Location, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


class EventError(PlacementRulesError):
    """An event is wrong (missing field, bad date, unknown kind...)."""


class UnknownRegionError(PlacementRulesError):
    """No rule file for the region asked for."""


def format_pydantic_errors(exc: ValidationError, *, echo_input: bool) -> str:
    """Render pydantic's errors as one line per error: ``field.path: message``."""
    parts = []
    for err in exc.errors():
        path = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"]
        if echo_input and err["type"] not in ("missing",):
            msg += f" (got {err['input']!r})"
        parts.append(f"{path}: {msg}")
    return "; ".join(parts)


class ScenarioError(PlacementRulesError):
    """A scenario file is malformed."""


class RevisionError(PlacementRulesError):
    """A file could not be read from a git revision."""


class ConformanceError(PlacementRulesError):
    """A file cannot be checked for conformance (for example, it is not a local file)."""


class TrackingError(PlacementRulesError):
    """A case log cannot be tracked (events of different children, an unknown engine...)."""


class AuditInputError(PlacementRulesError):
    """The input file cannot be audited (unknown columns, cases not grouped, unknown format)."""


class DurableEngineError(PlacementRulesError):
    """durable-rules (the case tracker's optional engine) failed or is not installed."""
