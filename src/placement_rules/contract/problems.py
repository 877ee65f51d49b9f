"""Errors as RFC 9457 problem details: the one mapping from the library's errors to a
:class:`~.models.Problem`, shared by the service (``application/problem+json``) and the command
line (``--format json`` writes the same object on standard error). No web framework is needed.

Every problem has a stable ``code`` (also the last part of ``type``), a ``title`` in the language
asked for (Swedish by default, English on request), a ``detail`` naming where and what, and the
fields at fault, each with its location, a code and a message. No value from the input, and no
key the formats do not know, ever appears in a problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ..errors import (
    EventError,
    FieldProblem,
    PlacementRulesError,
    RuleFileError,
    TrackingError,
    UnknownRegionError,
)
from ..i18n import Lang, text
from .models import FieldError, Problem

__all__ = ["TYPE_PREFIX", "ProblemError", "field_errors", "from_library_error"]

TYPE_PREFIX: Final = "urn:placement-rules:problem:"

_TITLES: Final[dict[str, str]] = {
    "invalid_input": "service.problem.invalid_input",
    "invalid_json": "service.problem.invalid_json",
    "unknown_region": "service.problem.unknown_region",
    "tracking": "service.problem.tracking",
    "too_large": "service.problem.too_large",
    "too_many": "service.problem.too_many",
    "timeout": "service.problem.timeout",
    "not_found": "service.problem.not_found",
    "method_not_allowed": "service.problem.method",
    "unsupported_media_type": "service.problem.media_type",
    "not_acceptable": "service.problem.not_acceptable",
    "internal": "service.problem.internal",
    "not_ready": "service.problem.not_ready",
    "disabled": "service.problem.disabled",
    "usage": "service.problem.usage",
    "invalid_file": "service.problem.invalid_file",
    "file": "service.problem.file",
    "output": "service.problem.output",
    "interrupted": "service.problem.interrupted",
}


class ProblemError(Exception):
    """A problem to answer with (raised inside the service; built by the command line)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str | None = None,
        errors: Iterable[FieldError] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = tuple(errors)
        self.headers = headers or {}

    def problem(self, lang: Lang, instance: str | None) -> Problem:
        return Problem(
            type=TYPE_PREFIX + self.code,
            title=text(_TITLES.get(self.code, "service.problem.error"), lang),
            status=self.status,
            code=self.code,
            detail=self.detail,
            instance=instance,
            errors=list(self.errors),
        )


def field_errors(fields: Iterable[FieldProblem], prefix: str) -> list[FieldError]:
    """The library's field problems located under ``prefix`` (``body``)."""
    out = []
    for f in fields:
        location = prefix if f.location == "(top level)" else f"{prefix}.{f.location}"
        out.append(FieldError(location=location.replace(".[", "["), code=f.code, message=f.message))
    return out


def from_library_error(exc: PlacementRulesError, where: str = "body") -> ProblemError:
    """A library error as its problem (422 for input the rules refuse, with the fields when
    validation named them; 400 for a document the JSON reader refuses)."""
    detail = str(exc).splitlines()[0] if str(exc) else None
    if isinstance(exc, UnknownRegionError):
        return ProblemError(422, "unknown_region", detail)
    if isinstance(exc, TrackingError):
        return ProblemError(422, "tracking", detail)
    if isinstance(exc, EventError):
        errors = field_errors(exc.fields, where)
        if not errors:
            message = _after_where(detail, where)
            errors = [FieldError(location=where, code="invalid", message=message)]
        return ProblemError(422, "invalid_input", detail, errors)
    if isinstance(exc, RuleFileError):  # a body refused by the JSON reader
        location = f"{where}.{exc.location.path}" if exc.location.path else where
        error = FieldError(location=location, code="invalid_json", message=exc.message)
        return ProblemError(400, "invalid_json", _after_where(detail, where), [error])
    return ProblemError(422, "invalid_input", detail)


def _after_where(detail: str | None, where: str) -> str:
    """A message without its leading ``body: `` (the location says where)."""
    if not detail:
        return "invalid"
    return detail.removeprefix(f"{where}: ").removeprefix(where)
