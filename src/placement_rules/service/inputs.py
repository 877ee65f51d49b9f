"""Request bodies read under the service's limits: size (413) before anything is parsed, then
the library's bounded JSON reader (depth, values, digits; 400 with line and column)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from ..safe_yaml import DATA_FILE_LIMITS, Limits, YamlProblem, load_json
from .problems import FieldError, ProblemError

__all__ = ["parse_json", "parse_ndjson", "read_body"]

_VALUES_PER_EVENT = 64
"""Values an event may hold in a batch (an event has 29 fields)."""
_DEFAULT_MAX_BYTES = DATA_FILE_LIMITS.max_bytes


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The body, or 413 as soon as it is known to exceed ``max_bytes`` (by its
    Content-Length, else while it is read)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise too_large(max_bytes)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise too_large(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(max_bytes: int) -> ProblemError:
    return ProblemError(413, "too_large", f"the body is larger than {max_bytes:,} bytes")


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProblemError(
            400,
            "invalid_json",
            "the body is not UTF-8",
            [FieldError(location="body", code="encoding", message="not UTF-8")],
        ) from None


def parse_json(
    body: bytes, max_bytes: int, *, line: int | None = None, nesting: int = 0, items: int = 1
) -> Any:
    """One JSON document under the data-file limits (depth 8, 50,000 values), ``nesting``
    levels deeper and ``items`` times the values for a document that holds many (a batch)."""
    if not body.strip():
        raise ProblemError(
            400,
            "invalid_json",
            "the body is empty",
            [FieldError(location="body", code="missing", message="a JSON body is required")],
        )
    return _read(body, _limits(max_bytes, nesting, items), line)


def _limits(max_bytes: int, nesting: int, items: int) -> Limits:
    if nesting == 0 and items == 1 and max_bytes == _DEFAULT_MAX_BYTES:
        return DATA_FILE_LIMITS  # one event under the default limits: no new tuple
    return Limits(
        max_bytes,
        DATA_FILE_LIMITS.max_depth + nesting,
        max(DATA_FILE_LIMITS.max_nodes, items * _VALUES_PER_EVENT),
    )


def _read(body: bytes, limits: Limits, line: int | None) -> Any:
    """The document of a non-empty ``body``, or 400. ASCII bytes go to the reader as they are
    (UTF-8 already, so they cannot fail to decode); any other body is decoded here first, so
    that a body that is not UTF-8 gets this module's answer."""
    try:
        return load_json(body if body.isascii() else _text(body), limits=limits)
    except YamlProblem as exc:
        where = _where(exc, line)
        message = exc.message if not where else f"{where}: {exc.message}"
        raise ProblemError(
            400,
            "invalid_json",
            message,
            [FieldError(location="body", code="invalid_json", message=message)],
        ) from None


def _where(exc: YamlProblem, line: int | None) -> str:
    if line is not None:
        return f"line {line}"
    if exc.line is not None:
        return f"line {exc.line}, column {exc.column}"
    return ""


def parse_ndjson(body: bytes, max_bytes: int, max_items: int) -> list[Any]:
    """JSON Lines: one document a line (blank lines skipped), at most ``max_items``."""
    items: list[Any] = []
    limits = _limits(max_bytes, 0, 1)
    for number, raw in enumerate(body.split(b"\n"), start=1):
        if not raw.strip():
            continue
        if len(items) >= max_items:
            raise too_many(max_items)
        items.append(_read(raw, limits, number))
    return items


def too_many(max_items: int) -> ProblemError:
    return ProblemError(413, "too_many", f"more than {max_items:,} items in one request")
