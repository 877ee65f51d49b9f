"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the service answers is a :class:`Problem` (the mapping from the library's errors is
:mod:`placement_rules.contract.problems`, shared with the command line): a stable ``code`` (also
the last part of ``type``), a ``title`` in the language the client asked for
(``Accept-Language``: Swedish by default, English on request), a ``detail`` naming where and
what, and the fields at fault, each with its location, a code and a message. No value from the
request, and no key the formats do not know, ever appears in a problem.
"""

from __future__ import annotations

from typing import Final

from ..contract.models import FieldError, Problem
from ..contract.problems import TYPE_PREFIX, ProblemError, field_errors, from_library_error
from .serialize import dumps

__all__ = [
    "PROBLEM_JSON",
    "TYPE_PREFIX",
    "FieldError",
    "Problem",
    "ProblemError",
    "field_errors",
    "from_library_error",
    "problem_bytes",
]

PROBLEM_JSON: Final = "application/problem+json"


def problem_bytes(problem: Problem) -> bytes:
    return dumps(problem.model_dump(mode="json"))
