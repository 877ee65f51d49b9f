"""The private durable-rules host of the case tracker (:mod:`.durable`).

These are the objects durable-rules itself calls or inspects (it reads an action's
``__code__`` to count its arguments). A module of their own because the host class derives from
durable's: it is imported only once durable-rules is known to be installed (the rest of the
library works without it).
"""

from __future__ import annotations

from typing import Any

from durable.engine import Host

from ..errors import DurableEngineError


class QuietHost(Host):  # type: ignore[misc]
    """A ``Host`` whose two background timer threads never start: ``Host.__init__`` calls
    ``_run`` to start them, and here it does nothing. The correlator dispatches itself."""

    def _run(self) -> None:
        """No background dispatch."""


def never_run(c: Any) -> None:
    """The action registered for each rule: the correlator reads every action's message
    itself, so durable's own dispatch must never run one."""
    raise DurableEngineError(
        "durable-rules ran an action on its own: the correlator dispatches every action itself"
    )
