"""The placement event: what happened, to whom (without identifying them), and when.

An event carries no name and no personnummer: only the facts the agreements' rules depend on.
Rule conditions name these facts (``fact: acute``), and the loader checks each name and value
against this model, so a rule can never test a fact that an event cannot carry.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Hashable
from operator import attrgetter
from typing import Annotated, Any, Final, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from .errors import EventError, field_problems, format_pydantic_errors
from .limits import (
    BIRTH_DATE_MIN,
    EVENT_DATE_MAX,
    EVENT_DATE_MIN,
    MAX_REGION_ID_CHARS,
    MAX_TEXT_CHARS,
)
from .vocabulary import EventKind, LegalBasis, PlacementForm, Principal

DATE_FORMAT: Final = "YYYY-MM-DD (ÅÅÅÅ-MM-DD), e.g. 2025-11-15"
"""How messages name the date format (English, with the Swedish spelling beside it)."""
ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
REGION_ID: Final = re.compile(rf"[a-z][a-z0-9_]{{0,{MAX_REGION_ID_CHARS - 1}}}", re.ASCII)
"""What a region id looks like (the stem of a rule file: ``vastra_gotaland``)."""
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _strict_date(value: Any, low: dt.date, high: dt.date) -> dt.date:
    """A date only as a ``YYYY-MM-DD`` string (JSON, CSV, YAML read as text) or a
    :class:`datetime.date` (Python callers; not a datetime), within ``[low, high]``."""
    if type(value) is str and ISO_DATE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "date_value",
                "not a calendar date: write it as {format}",
                {"format": DATE_FORMAT},
            ) from None
    elif type(value) is dt.date:
        day = value
    else:
        raise PydanticCustomError(
            "date_form",
            "not a date written {format} (in JSON: a string)",
            {"format": DATE_FORMAT},
        )
    if not low <= day <= high:
        raise PydanticCustomError(
            "date_range",
            "a date must lie between {low} and {high}",
            {"low": low.isoformat(), "high": high.isoformat()},
        )
    return day


def _event_date(value: Any) -> dt.date:
    return _strict_date(value, EVENT_DATE_MIN, EVENT_DATE_MAX)


def _birth_date(value: Any) -> dt.date:
    return _strict_date(value, BIRTH_DATE_MIN, EVENT_DATE_MAX)


def _region_id(value: Any) -> Any:
    if type(value) is str and not REGION_ID.fullmatch(value):
        raise PydanticCustomError(
            "region_id", "not a region id (lower-case letters, digits and _, as in vastra_gotaland)"
        )
    return value


def _text(value: Any) -> Any:
    if type(value) is str and (len(value) > MAX_TEXT_CHARS or _CONTROL.search(value)):
        raise PydanticCustomError(
            "text_form",
            "text of at most {max} characters, without control characters or line breaks",
            {"max": MAX_TEXT_CHARS},
        )
    return value


EventDate = Annotated[dt.date, BeforeValidator(_event_date)]
"""An event's date: ``YYYY-MM-DD``, 2002-01-01 to 2090-12-31 (see :mod:`.limits`)."""
BirthDate = Annotated[dt.date, BeforeValidator(_birth_date)]
RegionId = Annotated[str, BeforeValidator(_region_id)]
PlaceName = Annotated[str, BeforeValidator(_text)]


class Event(BaseModel):
    """One dated event in a placement case. Immutable once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: EventKind = Field(description="What happened (see docs/events.md).")
    date: EventDate = Field(description="The date the event happened (ISO 8601).")
    birth_date: BirthDate = Field(
        description="The child's date of birth; age is counted on `date`."
    )
    legal_basis: LegalBasis | None = Field(
        default=None, description="SoL, LVU or LVM; may be absent before a decision on care."
    )
    placement_form: PlacementForm | None = Field(default=None)
    acute: bool = Field(
        strict=True, default=False, description="Akut placering (emergency placement)."
    )
    home_municipality: PlaceName = Field(
        min_length=1, description="Hemkommun: the placing municipality."
    )
    home_region: RegionId = Field(
        min_length=1, description="Hemregion: region id where registered."
    )
    placement_region: RegionId | None = Field(
        default=None, description="Region id where the child is placed; defaults to home_region."
    )
    placement_municipality: PlaceName | None = Field(default=None, min_length=1)
    placement_start: EventDate | None = Field(
        default=None, description="Start of the placement; for placement_started it is `date`."
    )
    ongoing_care: bool = Field(
        strict=True,
        default=False,
        description="The child has ongoing care from the region (pågående kontakt).",
    )
    health_examination_unnecessary: bool = Field(
        strict=True,
        default=False,
        description="Social services judged the health examination obehövlig.",
    )
    health_examination_done_before_placement: bool = Field(strict=True, default=False)
    needs_both_principals: bool = Field(
        strict=True,
        default=False,
        description="The child needs measures from both municipality and region.",
    )
    lss: bool = Field(strict=True, default=False, description="The child has rights under LSS.")
    new_sip_drawn_up: bool = Field(
        strict=True,
        default=False,
        description="A new SIP was drawn up before the move (VGR 3.5.2).",
    )
    special_need_of_protection: bool = Field(
        strict=True,
        default=False,
        description="Child judged in particular need of protection or support.",
    )
    noticed_by: Principal | None = Field(
        default=None,
        description="Which principal noticed the need for coordination (SIP), or the deviation in "
        "collaboration; VGR 2.2.2 makes school, social services and health care equal parties "
        "that each convene a SIP.",
    )
    treatment_moved_to_placement_region: bool | None = Field(
        strict=True,
        default=None,
        description="Placement in another region with ongoing care: the responsible clinician "
        "judged that the treatment is given by health care where the child is placed (true) or "
        "by the clinician in the home region (false); none = not judged yet (Jönköping).",
    )
    consulted: Principal | None = Field(
        default=None,
        description="consultation_requested: the principal social services consults (region: "
        "BVC, dental care, ongoing care contacts; skola: preschool, school, school health).",
    )
    requested_by_child_or_relative: bool = Field(
        strict=True,
        default=False,
        description="The SIP was asked for by the child or young person or a relative (VGR "
        "2.2.2); noticed_by is the principal that received the request.",
    )
    summoned: Principal | None = Field(
        default=None,
        description="sip_summons_received: the principal whose service was summoned.",
    )
    summoned_unit_not_competent: bool = Field(
        strict=True,
        default=False,
        description="The summoned service judges that it is not the right one (VGR 2.2.2).",
    )
    great_need_of_protection: bool = Field(
        strict=True,
        default=False,
        description="In an acute situation the child is judged to have a great need of "
        "protection (Jönköping: 'stort skyddsbehov'); not SoL's 'särskilt behov av stöd eller "
        "skydd' (special_need_of_protection).",
    )
    lvu_care_continues: bool = Field(
        strict=True,
        default=False,
        description="placement_ended under LVU: the child moves home while LVU care continues "
        "(LVU 13 § third paragraph), so care has not ended under LVU 21 §.",
    )
    reunification_pending: bool = Field(
        strict=True,
        default=False,
        description="LVU care ends and the reunification with the guardians needs preparing: "
        "the follow-up starts only once it has taken place (LVU 21 b §).",
    )

    @model_validator(mode="after")
    def _dates_are_consistent(self) -> Event:
        if self.birth_date > self.date:
            raise ValueError("birth_date is after the event date")
        if self.placement_start is not None and self.placement_start > self.date:
            raise ValueError("placement_start is after the event date")
        return self

    @property
    def age(self) -> int:
        """Whole years of age on the event date (a birthday counts from the day itself).

        A child born on 29 February reaches a new age on 1 March in common years."""
        day, born = self.date, self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def effective_placement_region(self) -> str:
        return self.placement_region or self.home_region

    @property
    def cross_region(self) -> bool:
        """True when the child is placed in another region than the home region."""
        return self.effective_placement_region != self.home_region

    @property
    def effective_placement_start(self) -> dt.date | None:
        if self.placement_start is not None:
            return self.placement_start
        return self.date if self.kind == "placement_started" else None


DERIVED_FACTS: Final[dict[str, type]] = {"age": int, "cross_region": bool}
"""Facts computed from the fields, with the type of their values."""

FACT_ATTRIBUTES: Final[dict[str, str]] = {
    "age": "age",
    "cross_region": "cross_region",
    "placement_region": "effective_placement_region",
    "placement_start": "effective_placement_start",
}
"""Facts not read straight from the field of their name: fact -> the :class:`Event` property
that gives it (a placement region defaults to the home region, a placement starts on the
``placement_started`` event's date)."""


FACT_NAMES: Final[frozenset[str]] = frozenset(Event.model_fields) | frozenset(DERIVED_FACTS)
"""Every fact a rule condition may name."""


_VALIDATE: Final[Callable[[object], Event]] = Event.__pydantic_validator__.validate_python
"""``Event.model_validate`` without its wrapper (events are validated by the million)."""


def parse_event(data: object, *, where: str | None = "event") -> Event:
    """Validate raw data (a dict from JSON) as an event, or raise :class:`EventError`.

    The message begins with ``where`` (``None``: the caller names the place itself) and names
    the field and what is wrong with it; it never repeats the input values, since events
    describe children under care.
    """
    if not isinstance(data, dict):
        raise EventError(
            f"{_prefix(where)}an event must be a JSON object, not {type(data).__name__}"
        )
    if "events" in data and "kind" not in data:
        raise EventError(
            f"{_prefix(where)}this is a case log (it has events), not one event: "
            "follow a case with placement-rules track FILE --as-of DATE"
        )
    try:
        return _VALIDATE(data)
    except ValidationError as exc:
        raise EventError(
            _prefix(where) + format_pydantic_errors(exc, hint=_hint), field_problems(exc, _hint)
        ) from None


def did_you_mean(given: object, known: Collection[str]) -> str | None:
    """The known name closest to ``given`` (difflib), if any is close: for a message to name
    instead of the input (which it never repeats)."""
    if not isinstance(given, str) or len(given) > 100:
        return None
    found = difflib.get_close_matches(given.lower(), sorted(known), n=1, cutoff=0.75)
    return found[0] if found else None


def _hint(error: ErrorDetails) -> str | None:
    """A better message for an event's error: the known value or field that was likely meant
    (never the input itself)."""
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden" and loc:
        near = did_you_mean(loc[-1], Event.model_fields)
        if near:
            return f"unknown field; did you mean {near}?"
        return "unknown field (docs/events.md lists the fields)"
    if kind != "literal_error" or not loc or loc[0] not in _CHOICES:
        return None
    choices = _CHOICES[str(loc[0])]
    near = did_you_mean(error.get("input"), choices)
    if loc[0] == "kind":
        if near:
            return f"not a known event kind; did you mean {near}?"
        return "not a known event kind (see docs/events.md)"
    listed = ", ".join(choices)
    return f"not one of {listed}" + (f"; did you mean {near}?" if near else "")


_CHOICES: Final[dict[str, tuple[str, ...]]] = {
    "kind": get_args(EventKind),
    "legal_basis": get_args(LegalBasis),
    "placement_form": get_args(PlacementForm),
    "noticed_by": get_args(Principal),
    "consulted": get_args(Principal),
    "summoned": get_args(Principal),
}


def _prefix(where: str | None) -> str:
    return f"{where}: " if where is not None else ""


def fact_getter(names: Collection[str]) -> Callable[[Event], Hashable]:
    """A function giving the values of the named facts of an event, as one hashable value
    (the same values :func:`~placement_rules.evaluation.event_facts` gives them)."""
    if not names:
        return _no_facts
    return attrgetter(*(FACT_ATTRIBUTES.get(name, name) for name in names))


def _no_facts(event: Event) -> Hashable:
    return ()
