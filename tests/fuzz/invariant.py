"""The invariant every fuzzed input must keep, and the classes a failure is counted in.

Per input:

- the run succeeds, or fails with a :class:`~placement_rules.errors.PlacementRulesError` (or
  reports a row or case :class:`~placement_rules.tracking.audit.Problem`) that names a place:
  a rule file's location has the file (and a line, but for whole-text problems such as the
  size), an event error starts with the place given, an audit problem has a line >= 1;
- no planted marker (:data:`MARKERS`: a personnummer and its digits) appears in any message, nor
  in any output except as the value of a free-text field the input legitimately gave
  (a municipality, a case id);
- it takes at most :data:`TIME_LIMIT_S` of CPU time (CPU, not wall-clock, so that other
  processes on the machine do not make an input "slow") and grows the process by at most
  :data:`RSS_LIMIT_KB` (in census mode the address space is capped too, so a bomb is a
  MemoryError).

Anything else is a failure, classed by exception type and the last ``placement_rules`` frame
(``ValueError at calendar.py:125``), or ``ECHO``, ``NO LOCATION``, ``SLOW``, ``MEMORY``.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from placement_rules.errors import (
    EventError,
    PlacementRulesError,
    RuleFileError,
    UnknownRegionError,
)

MARKER = "19121212-1212"
"""A personnummer planted in values and keys of hostile inputs."""
MARKERS = (MARKER, "191212121212", "1212121212")
RULE_MARKER = f"PNR {MARKER}"
"""The marker as rule files carry it: it cannot pass as an identifier (rule ids, duties and
source ids are shown to their authors by name)."""
TIME_LIMIT_S = 1.0
RSS_LIMIT_KB = 64 * 1024

WHOLE_TEXT = (
    "larger than",
    "not UTF-8",
    "a character YAML does not allow",
    "unpaired surrogate",
    "no such file",
    "cannot read",
)
"""Rule-file problems that concern the whole text, so have no line."""


@dataclass
class Result:
    """What one run produced: its messages (errors, problems, warnings) and outputs, and the
    free-text values the input legitimately gave (which outputs may repeat)."""

    messages: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    free_text: set[str] = field(default_factory=set)


class Failure(Exception):
    """A broken invariant, with its class."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


def has_marker(text: str) -> bool:
    return any(m in text for m in MARKERS)


def scrub(text: str, values: Iterable[str]) -> str:
    """``text`` without the given values, as written raw, in JSON and in CSV."""
    for value in sorted(values, key=len, reverse=True):
        if not value:
            continue
        for form in (value, json.dumps(value, ensure_ascii=False)[1:-1], value.replace('"', '""')):
            text = text.replace(form, "")
    return text


def located(exc: PlacementRulesError, where: str | None) -> bool:
    if isinstance(exc, RuleFileError):
        location = exc.location
        if not location.file:
            return False
        return (
            location.line is not None
            or bool(location.path)
            or any(p in exc.message for p in WHOLE_TEXT)
        )
    text = str(exc)
    if isinstance(exc, EventError) and where is not None:
        return text.startswith(f"{where}: ")
    if isinstance(exc, UnknownRegionError):
        return ": no rule file for this region" in text or "not a region id" in text
    return bool(text) and ": " in text


def classify(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "placement_rules" in f.filename]
    where = f"{os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


def _rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


last_elapsed = 0.0
"""The CPU time of the last input checked (for the census's slowest input)."""


def check(run: Callable[[], Result], where: str | None = None) -> str:
    """Run one input; return its outcome (``ok`` or ``refused``) or raise :class:`Failure`."""
    before = _rss_kb()
    gc.disable()  # the collector's passes over the fuzzer's own heap are not the input's cost
    started = time.process_time()
    outcome = "ok"
    result = Result()
    try:
        result = run()
    except PlacementRulesError as exc:
        outcome = "refused"
        text = str(exc)
        if has_marker(text):
            raise Failure(f"ECHO {type(exc).__name__}", text[:300]) from None
        if not located(exc, where):
            raise Failure(f"NO LOCATION {type(exc).__name__}", text[:300]) from None
        if "\n" in text:
            raise Failure(f"MULTI-LINE {type(exc).__name__}", text[:300]) from None
    except Failure:
        raise
    except (Exception, MemoryError, RecursionError) as exc:
        raise Failure(classify(exc), repr(exc)[:300]) from None
    finally:
        elapsed = time.process_time() - started
        gc.enable()
        global last_elapsed
        last_elapsed = elapsed
    if elapsed > TIME_LIMIT_S:
        raise Failure("SLOW", f"{elapsed:.2f} s of CPU")
    if _rss_kb() - before > RSS_LIMIT_KB:
        raise Failure("MEMORY", f"grew {(_rss_kb() - before) // 1024} MB")
    for message in result.messages:
        if has_marker(message):
            raise Failure("ECHO in a message", message[:300])
        if "\n" in message:
            raise Failure("MULTI-LINE message", message[:300])
    for output in result.outputs:
        if has_marker(scrub(output, result.free_text)):
            raise Failure("ECHO in an output", output[:300])
    return outcome
