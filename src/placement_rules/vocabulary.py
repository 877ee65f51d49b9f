"""The controlled vocabulary of rule files and events.

Every closed set of words a rule file or an event may use is defined here once, as a ``Literal``
type, so that pydantic (strict mode), the JSON Schema and mypy all see the same list.

Glossary of the Swedish domain terms kept as they are in code and data:

- **kommun** / **socialtjänsten** / **socialnämnden**: the municipality and its social services.
- **hemkommun** (event field and locus ``home_municipality``): the home (placing) municipality;
  **vistelsekommun** (``placement_municipality``): where the child now stays.
- **region**: the county health and dental care authority (formerly *landsting*);
  **hemregion** (``home_region``): where the child is registered; **placeringsregion**
  (``placement_region``): where the child stays.
- **kommunalförbund** (principal ``kommunalforbund``: vocabulary values are ASCII): a joint
  authority of municipalities (Kommunalförbundet Sjukvård och omsorg i Norrtälje).
- **skola** / **elevhälsan**: school and school health services.
- **SoL**: Socialtjänstlagen (2001:453, replaced on 2025-07-01 by 2025:400), voluntary care.
- **LVU**: Lag (1990:52) med särskilda bestämmelser om vård av unga (compulsory care of young
  people).
- **LVM**: Lag (1988:870) om vård av missbrukare i vissa fall (compulsory care of substance
  abusers).
- **familjehem** (foster home), **jourhem** (emergency foster home), **HVB** (hem för vård eller
  boende, residential care), **SiS** (Statens institutionsstyrelse's special homes),
  **stödboende** (supported housing), **skyddat boende** (sheltered housing).
- **SIP**: samordnad individuell plan, the coordinated individual plan of municipality and region.
- **vårdcentral**: primary care centre; **Folktandvården**: public dental care; **BUM**:
  paediatrics.
- Vague deadlines: **genast** (immediately), **skyndsamt** (promptly), **snarast möjligt** (as soon
  as possible), **utan dröjsmål** (without delay), **före placering** (before the placement),
  **i samband med** (in connection with), **fortlöpande** (continuously), **först när
  återföreningen har skett** (only once the child is reunited with the guardians, LVU 21 b §).
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Principal = Literal["kommun", "region", "skola", "kommunalforbund", "statlig_myndighet"]
"""The public body (huvudman) that carries a duty."""

Locus = Literal[
    "home_municipality",
    "placement_municipality",
    "home_region",
    "placement_region",
    "agreement_region",
]
"""Which municipality or region the principal is, named by the event field that gives it
(hemkommun, vistelsekommun, hemregion, placeringsregion), or ``agreement_region``: the region
whose agreement is applied."""

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
    "coordination_need_noticed",
    "collaboration_deviation",
    "consultation_requested",
    "sip_summons_received",
    "acute_protection_need",
    # Fulfilment events (case tracking): acts that show a duty done; rule files map them to duty
    # keys in their `fulfilment:` section.
    "health_examination_notice_sent",
    "health_examination_offered",
    "health_examination_held",
    "oral_examination_held",
    "medical_certificate_issued",
    "protection_assessment_made",
    "sip_held",
    "sip_followed_up",
    "investigation_decision_made",
    "investigation_completed",
    "follow_up_started",
    "follow_up_ended",
    "information_transferred",
    "care_units_notified",
    "dental_records_requested",
    "power_of_attorney_issued",
    "care_contact_appointed",
    "referral_sent",
    "temporary_allocation_agreed",
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
    "coordination_need_noticed": "behov av samordning (SIP) har uppmärksammats",
    "collaboration_deviation": "avvikelse i samverkan mellan huvudmännen har uppstått",
    "consultation_requested": "socialtjänsten konsulterar en annan verksamhet under utredningen",
    "sip_summons_received": "en verksamhet har fått kallelse till SIP-möte eller uppföljningsmöte",
    "acute_protection_need": "barnet bedöms i ett akut läge ha stort skyddsbehov",
    "health_examination_notice_sent": (
        "underrättelse om hälsoundersökning har skickats till regionen"
    ),
    "health_examination_offered": "hälsoundersökning har erbjudits",
    "health_examination_held": "hälsoundersökning har genomförts",
    "oral_examination_held": "munhälsobedömning (tandvårdsundersökning) har genomförts",
    "medical_certificate_issued": "läkarintyg har utfärdats",
    "protection_assessment_made": "skyddsbedömning har gjorts",
    "sip_held": "SIP-möte har hållits (planen har upprättats)",
    "sip_followed_up": "SIP har följts upp",
    "investigation_decision_made": "beslut om att inleda eller inte inleda utredning har fattats",
    "investigation_completed": "utredningen har slutförts",
    "follow_up_started": "uppföljningen efter avslutad vård har inletts",
    "follow_up_ended": "uppföljningen efter avslutad placering har avslutats",
    "information_transferred": "information har överförts till vården i placeringsregionen",
    "care_units_notified": "regionens vård har underrättat vårdenheterna på den nya orten",
    "dental_records_requested": (
        "tandvården har begärt underlag från den tidigare listningskliniken"
    ),
    "power_of_attorney_issued": "fullmakt har utfärdats",
    "care_contact_appointed": "fast vårdkontakt har utsetts",
    "referral_sent": "remiss har skickats",
    "temporary_allocation_agreed": "tillfällig ansvarsfördelning har överenskommits",
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
    "fore_undersokning",
    "omgaende",
    "efter_aterforening",
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
    "fore_undersokning": "inför undersökningen (before the examination takes place)",
    "omgaende": "omgående (at once)",
    "efter_aterforening": "först när återföreningen har skett "
    "(only once the reunification has taken place)",
}

VAGUE_URGENCY: Final[dict[str, int]] = {
    "genast": 0,
    "omgaende": 1,
    "utan_drojsmal": 2,
    "skyndsamt": 2,
    "snarast_mojligt": 2,
}
"""How urgent the vague terms that order are (lower: sooner). The new SoL (2025:400) replaced
"utan dröjsmål" with "genast" in several duties as a tightening (e.g. 10 kap. 8 §, 14 kap. 2 §),
so a regional "utan dröjsmål" loosens a statutory "genast". Terms not listed do not compare."""

Anchor = Literal["event_date", "placement_start"]
"""The date an offset deadline counts from: the event's own date, or the start of the placement."""

DeadlineMeaning = Literal["due", "limit"]
"""``due``: the act must be done by the date. ``limit``: a measure may last at most until the
date."""

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
