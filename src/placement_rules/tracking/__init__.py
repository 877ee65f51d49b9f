"""Case tracking: where each obligation of a case stands on a date, one case or a whole audit.

- :mod:`.tracker`: evaluate a case's events, match fulfilment events to obligations, judge;
- :mod:`.oracle`: the plain-Python matching rule (the reference);
- :mod:`.durable`: the same matching on the durable-rules engine (extra ``[tracking]``);
- :mod:`.audit` (with :mod:`.audit_rows`, :mod:`.audit_summary`, :mod:`.audit_csv`): many
  cases streamed from CSV or JSON Lines, summarised.
"""

from .tracker import (
    ENGINES,
    STATUSES,
    TRACKED_STATUSES,
    CaseReport,
    Engine,
    ObligationStatus,
    Status,
    UnmatchedFulfilment,
    status_counts,
    track,
    track_many,
)

__all__ = [
    "ENGINES",
    "STATUSES",
    "TRACKED_STATUSES",
    "CaseReport",
    "Engine",
    "ObligationStatus",
    "Status",
    "UnmatchedFulfilment",
    "status_counts",
    "track",
    "track_many",
]
