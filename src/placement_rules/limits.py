"""The limits on what an input may cost, in one place (docs/hostile-input.md quotes them).

Every input the library reads from outside (a rule file, an event, a case file, a scenario, an
audit row, a command-line date, a request body) is checked against these before it is
parsed or used, and refused with one :class:`~placement_rules.errors.PlacementRulesError`
naming where, never the value.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

MAX_FILE_BYTES: Final[int] = 1 << 20
"""A rule, event, case or scenario file (1 MiB; the largest bundled rule file is 82 KB)."""
MAX_SOURCE_TEXT_BYTES: Final[int] = 16 << 20
"""A source text that ``lint`` checks quotes against (16 MiB; the largest law text is 0.3 MB)."""
MAX_REVISION_BYTES: Final[int] = MAX_FILE_BYTES
"""A rule file read from a git revision."""
MAX_TEXTCONV_BYTES: Final[int] = 16 << 20
"""``textconv`` passes a larger file through unread (git shows it as it is)."""

RULE_FILE_MAX_DEPTH: Final[int] = 16
"""Nesting of collections in a rule file (the bundled files nest 7 deep)."""
DATA_FILE_MAX_DEPTH: Final[int] = 8
"""Nesting in an event, case or scenario file (a case file nests 3 deep, a scenario 4)."""
MAX_NODES: Final[int] = 50_000
"""Values (scalars and collections) in one YAML or JSON document (the bundled maximum is
3,660, ``vastra_gotaland.yaml``)."""
MAX_DIGITS: Final[int] = 18
"""Digits of a number in YAML or JSON (no field is a number beyond an age or a period)."""

EVENT_DATE_MIN: Final[dt.date] = dt.date(2002, 1, 1)
"""No event before SoL (2001:453) took effect: the library has no law for earlier dates."""
EVENT_DATE_MAX: Final[dt.date] = dt.date(2090, 12, 31)
"""The last event date: a due date may run ten years past it (:data:`MAX_PERIOD_YEARS`) and
stay inside the holiday calendar (Sweden to 2100 in the pinned ``holidays`` package)."""
BIRTH_DATE_MIN: Final[dt.date] = dt.date(1900, 1, 1)
"""The earliest birth date (and a birth date is never after the event date)."""
COMMAND_DATE_MIN: Final[dt.date] = EVENT_DATE_MIN
COMMAND_DATE_MAX: Final[dt.date] = dt.date(2100, 12, 31)
"""``--on`` and ``--as-of`` dates: law in force from 2002, holidays known to 2100."""
RULE_DATE_MIN: Final[dt.date] = dt.date(1990, 1, 1)
RULE_DATE_MAX: Final[dt.date] = dt.date(2100, 12, 31)
"""Dates written in rule files (terms, in-force dates; the bundled files use 2002-2027)."""

MAX_PERIOD_YEARS: Final[int] = 10
"""A deadline, renewal or notice period is at most ten years in total."""

MAX_TEXT_CHARS: Final[int] = 100
"""An event's text fields (municipality names: the longest Swedish one has 14 letters)."""
MAX_REGION_ID_CHARS: Final[int] = 64

AUDIT_MAX_LINE_CHARS: Final[int] = 65_536
"""One physical line of an audit input (CSV or JSON Lines); a longer line is skipped."""
AUDIT_MAX_CELL_CHARS: Final[int] = 256
"""One CSV cell; a row with a longer cell is skipped."""
AUDIT_BATCH: Final[int] = 16
"""Cases correlated per call into the engine (:func:`~placement_rules.tracking.track_many`)."""

SERVICE_MAX_BODY_BYTES: Final[int] = MAX_FILE_BYTES
SERVICE_MAX_CASES: Final[int] = 1_000
SERVICE_MAX_EVENTS: Final[int] = 10_000
"""The HTTP service's defaults (:class:`~placement_rules.service.ServiceSettings`): a request
body, the events of one case log to track, and the events of one batch request."""
