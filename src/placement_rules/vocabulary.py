"""The controlled vocabulary of rule files and events.

Every closed set of words a rule file or an event may use is defined here once, as a ``Literal``
type, so that pydantic (strict mode), the JSON Schema and mypy all see the same list.

Glossary of the Swedish domain terms kept as they are in code and data:

- **kommun** / **socialtjänsten** / **socialnämnden**: the municipality and its social services.
- **hemkommun**: the home (placing) municipality; **vistelsekommun**: where the child now stays.
- **region**: the county health and dental care authority (formerly *landsting*);
  **hemregion**: where the child is registered; **placeringsregion**: where the child stays.
- **skola** / **elevhälsan**: school and school health services.
- **SoL**: Socialtjänstlagen (2001:453, replaced on 2025-07-01 by 2025:400), voluntary care.
- **LVU**: Lag (1990:52) med särskilda bestämmelser om vård av unga (compulsory care of young people).
- **LVM**: Lag (1988:870) om vård av missbrukare i vissa fall (compulsory care of substance abusers).
- **familjehem** (foster home), **jourhem** (emergency foster home), **HVB** (hem för vård eller
  boende, residential care), **SiS** (Statens institutionsstyrelse's special homes),
  **stödboende** (supported housing), **skyddat boende** (sheltered housing).
- **SIP**: samordnad individuell plan, the coordinated individual plan of municipality and region.
- **vårdcentral**: primary care centre; **Folktandvården**: public dental care; **BUM**: paediatrics.
- Vague deadlines: **genast** (immediately), **skyndsamt** (promptly), **snarast möjligt** (as soon
  as possible), **utan dröjsmål** (without delay), **före placering** (before the placement),
  **i samband med** (in connection with), **fortlöpande** (continuously).
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Principal = Literal["kommun", "region", "skola", "kommunalförbund", "statlig_myndighet"]
"""The public body (huvudman) that carries a duty."""

Locus = Literal["hemkommun", "vistelsekommun", "hemregion", "placeringsregion", "avtalsregion"]
"""Which municipality or region the principal is, resolved from the event's facts."""

LegalBasis = Literal["SoL", "LVU", "LVM"]
PlacementForm = Literal["familjehem", "jourhem", "hvb", "sis", "stodboende", "skyddat_boende"]

EventKind = Literal[
    "report_of_concern",
    "investigation_opened",
    "compulsory_care_application",
    "placement_started",
    "health_examination_initiated",
    "placement_changed",
    "placement_ended",
    "inpatient_discharge",
    "school_or_care_provider_changed",
    "care_need_arises",
    "unrequested_care_offered",
    "dispute_arises",
]
"""What happened. See docs/events.md for the meaning of each kind."""

EVENT_KINDS: Final[tuple[str, ...]] = get_args(EventKind)

EVENT_KIND_LABELS: Final[dict[str, str]] = {
    "report_of_concern": "orosanmälan har kommit in",
    "investigation_opened": "utredning har inletts",
    "compulsory_care_application": "ansökan om vård enligt LVU/LVM förbereds",
    "placement_started": "placering inleds",
    "health_examination_initiated": "hälsoundersökning har initierats av socialtjänsten",
    "placement_changed": "omplacering (byte av placering)",
    "placement_ended": "placeringen upphör (hemgång)",
    "inpatient_discharge": "utskrivning från slutenvård",
    "school_or_care_provider_changed": "byte av skola eller vårdgivare",
    "care_need_arises": "behov av hälso- och sjukvård uppkommer under placeringen",
    "unrequested_care_offered": "HVB erbjuder vård som ingen huvudman efterfrågat",
    "dispute_arises": "tvist mellan parterna om ansvar",
}

VagueTerm = Literal[
    "genast",
    "skyndsamt",
    "snarast_mojligt",
    "utan_drojsmal",
    "fore_placering",
    "i_samband_med",
    "fortlopande",
    "senast_vid_byte_eller_avslut",
    "fore_avslut",
    "fore_ansokan",
]

VAGUE_TERM_LABELS: Final[dict[str, str]] = {
    "genast": "genast (immediately)",
    "skyndsamt": "skyndsamt (promptly)",
    "snarast_mojligt": "snarast möjligt (as soon as possible)",
    "utan_drojsmal": "utan dröjsmål (without delay)",
    "fore_placering": "före placering (before the placement)",
    "i_samband_med": "i samband med (in connection with the event)",
    "fortlopande": "fortlöpande (continuously, for as long as needed)",
    "senast_vid_byte_eller_avslut": "senast vid byte eller avslut av placeringen "
    "(at the latest at a change or end of the placement)",
    "fore_avslut": "innan placeringen avslutas (before the placement ends)",
    "fore_ansokan": "innan ansökan om vård görs (before the application for care is made)",
}

Anchor = Literal["event_date", "placement_start"]
"""The date an offset deadline counts from: the event's own date, or the start of the placement."""

DeadlineMeaning = Literal["due", "limit"]
"""``due``: the act must be done by the date. ``limit``: a measure may last at most until the date."""

Relation = Literal["adds", "tightens", "names_unit", "restates"]
"""How a regional or local rule relates to the rule of its base file with the same duty."""

FileKind = Literal["national", "regional", "local"]

ConditionOp = Literal["eq", "ne", "in", "not_in", "lt", "le", "gt", "ge"]

OP_WORDS: Final[dict[str, str]] = {
    "eq": "is",
    "ne": "is not",
    "in": "is one of",
    "not_in": "is none of",
    "lt": "is below",
    "le": "is at most",
    "gt": "is above",
    "ge": "is at least",
}
