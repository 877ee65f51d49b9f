"""The library's own exception types, all here. Every error a user can cause is one of these,
and every one derives from :class:`PlacementRulesError`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError
from pydantic_core import ErrorDetails


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


@dataclass(frozen=True)
class FieldProblem:
    """One field of an input that fails validation: its path (as :func:`format_pydantic_errors`
    shows it, unknown keys as ``<unknown key>``), a stable code and a message. Never a value."""

    location: str
    code: str
    message: str


class EventError(PlacementRulesError):
    """An event is wrong (missing field, bad date, unknown kind...). ``fields``: the fields at
    fault, when validation names them (the service lists them in its problem details)."""

    def __init__(self, message: str, fields: tuple[FieldProblem, ...] = ()) -> None:
        super().__init__(message)
        self.fields = fields


class UnknownRegionError(PlacementRulesError):
    """No rule file for the region asked for."""


_MESSAGES = {
    "extra_forbidden": "unknown field (see the format's documentation for the fields)",
    "bool_type": "expected true or false (a JSON boolean; in CSV the text true or false)",
    "bool_parsing": "expected true or false (a JSON boolean; in CSV the text true or false)",
}


def format_pydantic_errors(
    exc: ValidationError,
    *,
    echo_input: bool = False,
    hint: Callable[[ErrorDetails], str | None] | None = None,
) -> str:
    """Render pydantic's errors as one part per error: ``field.path: message``.

    Never shows an input value, nor a key the format does not know (shown as
    ``<unknown key>``): events describe children under care. ``hint(error)`` may give a
    better message for one of pydantic's errors (it must not repeat the input either).
    ``echo_input`` is accepted for compatibility and ignored."""
    from .loading import format_path

    parts = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not _is_member_tag(p))
        path = format_path(loc) or "(top level)"
        better = hint(err) if hint is not None else None
        parts.append(f"{path}: {better or _MESSAGES.get(err['type'], err['msg'])}")
    return "; ".join(parts)


def field_problems(
    exc: ValidationError, hint: Callable[[ErrorDetails], str | None] | None = None
) -> tuple[FieldProblem, ...]:
    """pydantic's errors as :class:`FieldProblem` entries (never an input value, nor a key the
    format does not know; ``hint`` as in :func:`format_pydantic_errors`)."""
    from .loading import format_path

    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not _is_member_tag(p))
        better = hint(err) if hint is not None else None
        message = better or _MESSAGES.get(err["type"], err["msg"])
        out.append(FieldProblem(format_path(loc) or "(top level)", err["type"], message))
    return tuple(out)


def _is_member_tag(part: object) -> bool:
    # pydantic adds the member type to the location of errors inside unions and validators,
    # e.g. 'function-before[_region_id(), str]'.
    return isinstance(part, str) and ("[" in part or part in ("bool", "int", "str", "none"))


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


class PrintError(PlacementRulesError):
    """A page cannot be printed to PDF (headless Chromium is absent, fails or takes too long)."""
