"""The library's own exception types. Every error a user can cause is one of these."""

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


class DurableEngineError(PlacementRulesError):
    """durable-rules (the case tracker's optional engine) failed or is not installed."""
