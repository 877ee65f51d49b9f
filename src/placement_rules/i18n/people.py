"""Labels of the people views (evaluate, track; reused by the calendar and the printable page):
parties, conditions as sentences, deadlines, headings. Key -> (Swedish, English). See
placement_rules.i18n."""

from __future__ import annotations

from ..vocabulary import EVENT_KIND_LABELS

_KINDS_EN: dict[str, str] = {
    "report_of_concern": "a report of concern has come in",
    "investigation_opened": "an investigation has been opened",
    "compulsory_care_application": "an application for care under LVU/LVM is being prepared",
    "placement_started": "a placement starts",
    "health_examination_initiated": "social services have initiated a health examination",
    "placement_changed": "the placement changes",
    "placement_ended": "the placement ends (the child moves home)",
    "inpatient_discharge": "discharge from inpatient care",
    "school_or_care_provider_changed": "a change of school or care provider",
    "care_need_arises": "a need for health care arises during the placement",
    "unrequested_care_offered": "an HVB offers care no principal asked for",
    "dispute_arises": "the parties disagree about responsibility",
    "coordination_need_noticed": "a need for coordination (SIP) has been noticed",
    "collaboration_deviation": "a deviation in the collaboration between the principals",
    "consultation_requested": "social services consult another service during the investigation",
    "sip_summons_received": "a service has been summoned to a SIP or follow-up meeting",
    "acute_protection_need": "the child is judged to have a great need of protection, acutely",
    "health_examination_notice_sent": "notice of a health examination has been sent to the region",
    "health_examination_offered": "a health examination has been offered",
    "health_examination_held": "the health examination has been held",
    "oral_examination_held": "the oral health examination has been held",
    "medical_certificate_issued": "a medical certificate has been issued",
    "protection_assessment_made": "a protection assessment has been made",
    "sip_held": "the SIP meeting has been held (the plan is drawn up)",
    "sip_followed_up": "the SIP has been followed up",
    "investigation_decision_made": "the decision whether to open an investigation has been made",
    "investigation_completed": "the investigation has been completed",
    "follow_up_started": "the follow-up after care has started",
    "follow_up_ended": "the follow-up after the placement has ended",
    "information_transferred": "information has been passed to health care in the new region",
    "care_units_notified": "the region's care has notified the care units in the new place",
    "dental_records_requested": "dental care has asked the previous clinic for records",
    "power_of_attorney_issued": "a power of attorney has been issued",
    "care_contact_appointed": "a fixed care contact has been appointed",
    "referral_sent": "a referral has been sent",
    "temporary_allocation_agreed": "a temporary division of responsibility has been agreed",
}

_KINDS: dict[str, tuple[str, str]] = {
    f"people.kind.{kind}": (sv, _KINDS_EN[kind]) for kind, sv in EVENT_KIND_LABELS.items()
}

_PARTIES: dict[str, tuple[str, str]] = {
    "people.party.kommun": ("kommunen", "the municipality"),
    "people.party.region": ("regionen", "the region"),
    "people.party.skola": ("skolan", "the school"),
    "people.party.kommunalforbund": ("kommunalförbundet", "the joint municipal authority"),
    "people.party.statlig_myndighet": ("den statliga myndigheten", "the state agency"),
    "people.party.none": ("ingen namngiven", "no one named"),
    "people.party.heading.kommun": ("Kommunen", "The municipality"),
    "people.party.heading.region": ("Regionen", "The region"),
    "people.party.heading.skola": ("Skolan", "The school"),
    "people.party.heading.kommunalforbund": ("Kommunalförbundet", "The joint municipal authority"),
    "people.party.heading.statlig_myndighet": ("Den statliga myndigheten", "The state agency"),
    "people.party.heading.none": (
        "Krav utan namngiven ansvarig",
        "Requirements that name no one responsible",
    ),
}

_VALUES: dict[str, tuple[str, str]] = {
    "people.value.placement_form.familjehem": ("familjehem", "a foster home (familjehem)"),
    "people.value.placement_form.jourhem": ("jourhem", "an emergency foster home (jourhem)"),
    "people.value.placement_form.hvb": ("HVB", "residential care (HVB)"),
    "people.value.placement_form.sis": ("SiS särskilda ungdomshem", "a SiS special home"),
    "people.value.placement_form.stodboende": ("stödboende", "supported housing (stödboende)"),
    "people.value.placement_form.skyddat_boende": (
        "skyddat boende",
        "sheltered housing (skyddat boende)",
    ),
    "people.value.region.vastra_gotaland": ("Västra Götaland", "Västra Götaland"),
    "people.value.region.jonkoping": ("Jönköpings län", "Jönköping county"),
    "people.value.region.ostergotland": ("Östergötland", "Östergötland"),
    "people.value.region.stockholm": ("Stockholms län", "Stockholm county"),
    "people.value.region.national": ("Nationell lag", "National law"),
    "people.value.none": ("inget angivet", "none given"),
    "people.or": ("eller", "or"),
}

_FACTS: dict[str, tuple[str, str]] = {
    # numbers
    "people.fact.age.lt": ("barnet är under {n} år", "the child is under {n}"),
    "people.fact.age.le": ("barnet är högst {n} år", "the child is at most {n}"),
    "people.fact.age.gt": ("barnet är över {n} år", "the child is over {n}"),
    "people.fact.age.ge": ("barnet är minst {n} år", "the child is at least {n}"),
    "people.fact.age.eq": ("barnet är {n} år", "the child is {n}"),
    "people.fact.age.ne": ("barnet är inte {n} år", "the child is not {n}"),
    # one of several values: {values} joined with "or"
    "people.fact.legal_basis.pos": ("vården ges enligt {values}", "care is given under {values}"),
    "people.fact.legal_basis.neg": (
        "vården ges inte enligt {values}",
        "care is not given under {values}",
    ),
    "people.fact.legal_basis.unset": (
        "inget lagstöd för vården är angivet",
        "no legal basis for care is given",
    ),
    "people.fact.placement_form.pos": (
        "placeringen är i {values}",
        "the placement is in {values}",
    ),
    "people.fact.placement_form.neg": (
        "placeringen är inte i {values}",
        "the placement is not in {values}",
    ),
    "people.fact.placement_form.unset": (
        "ingen placeringsform är angiven",
        "no form of placement is given",
    ),
    "people.fact.home_region.pos": ("hemregionen är {values}", "the home region is {values}"),
    "people.fact.home_region.neg": (
        "hemregionen är inte {values}",
        "the home region is not {values}",
    ),
    "people.fact.home_region.unset": ("ingen hemregion är angiven", "no home region is given"),
    "people.fact.placement_region.pos": (
        "barnet är placerat i {values}",
        "the child is placed in {values}",
    ),
    "people.fact.placement_region.neg": (
        "barnet är inte placerat i {values}",
        "the child is not placed in {values}",
    ),
    "people.fact.placement_region.unset": (
        "ingen placeringsregion är angiven",
        "no placement region is given",
    ),
    "people.fact.noticed_by.pos": (
        "behovet uppmärksammades av {values}",
        "the need was noticed by {values}",
    ),
    "people.fact.noticed_by.neg": (
        "behovet uppmärksammades inte av {values}",
        "the need was not noticed by {values}",
    ),
    "people.fact.noticed_by.unset": (
        "det är inte angivet vem som uppmärksammade behovet",
        "who noticed the need is not given",
    ),
    "people.fact.summoned.pos": ("kallelsen gäller {values}", "the summons is to {values}"),
    "people.fact.summoned.neg": (
        "kallelsen gäller inte {values}",
        "the summons is not to {values}",
    ),
    "people.fact.summoned.unset": (
        "det är inte angivet vem kallelsen gäller",
        "whom the summons is to is not given",
    ),
    "people.fact.consulted.pos": (
        "socialtjänsten konsulterar {values}",
        "social services consult {values}",
    ),
    "people.fact.consulted.neg": (
        "socialtjänsten konsulterar inte {values}",
        "social services do not consult {values}",
    ),
    "people.fact.consulted.unset": (
        "det är inte angivet vem socialtjänsten konsulterar",
        "whom social services consult is not given",
    ),
    "people.fact.placement_start.set": (
        "placeringens startdatum är känt",
        "the placement's start date is known",
    ),
    "people.fact.placement_start.unset": (
        "ingen placering har inletts",
        "no placement has started",
    ),
    # yes or no
    "people.fact.acute.true": ("placeringen är akut", "the placement is an emergency"),
    "people.fact.acute.false": ("placeringen är inte akut", "the placement is not an emergency"),
    "people.fact.cross_region.true": (
        "barnet är placerat i en annan region än hemregionen",
        "the child is placed in another region than the home region",
    ),
    "people.fact.cross_region.false": (
        "barnet är placerat i hemregionen",
        "the child is placed in the home region",
    ),
    "people.fact.ongoing_care.true": (
        "barnet har pågående kontakt med regionens vård",
        "the child has ongoing care from the region",
    ),
    "people.fact.ongoing_care.false": (
        "barnet har ingen pågående kontakt med regionens vård",
        "the child has no ongoing care from the region",
    ),
    "people.fact.health_examination_unnecessary.true": (
        "socialtjänsten har bedömt hälsoundersökningen som obehövlig",
        "social services judged the health examination unnecessary",
    ),
    "people.fact.health_examination_unnecessary.false": (
        "hälsoundersökningen har inte bedömts som obehövlig",
        "the health examination has not been judged unnecessary",
    ),
    "people.fact.health_examination_done_before_placement.true": (
        "en hälsoundersökning gjordes före placeringen",
        "a health examination was done before the placement",
    ),
    "people.fact.health_examination_done_before_placement.false": (
        "ingen hälsoundersökning gjordes före placeringen",
        "no health examination was done before the placement",
    ),
    "people.fact.needs_both_principals.true": (
        "barnet behöver insatser från både kommunen och regionen",
        "the child needs measures from both the municipality and the region",
    ),
    "people.fact.needs_both_principals.false": (
        "barnet behöver inte insatser från både kommunen och regionen",
        "the child does not need measures from both the municipality and the region",
    ),
    "people.fact.lss.true": (
        "barnet har rätt till insatser enligt LSS",
        "the child has rights under LSS",
    ),
    "people.fact.lss.false": (
        "barnet har inga insatser enligt LSS",
        "the child has no rights under LSS",
    ),
    "people.fact.new_sip_drawn_up.true": (
        "en ny SIP upprättades före flytten",
        "a new SIP was drawn up before the move",
    ),
    "people.fact.new_sip_drawn_up.false": (
        "ingen ny SIP upprättades före flytten",
        "no new SIP was drawn up before the move",
    ),
    "people.fact.special_need_of_protection.true": (
        "barnet bedöms ha särskilt behov av stöd eller skydd",
        "the child is judged to need particular support or protection",
    ),
    "people.fact.special_need_of_protection.false": (
        "barnet bedöms inte ha särskilt behov av stöd eller skydd",
        "the child is not judged to need particular support or protection",
    ),
    "people.fact.treatment_moved_to_placement_region.true": (
        "behandlingen ges av vården där barnet är placerat",
        "treatment is given by health care where the child is placed",
    ),
    "people.fact.treatment_moved_to_placement_region.false": (
        "behandlingen ges kvar av vården i hemregionen",
        "treatment stays with health care in the home region",
    ),
    "people.fact.treatment_moved_to_placement_region.unset": (
        "det är inte bedömt var behandlingen ska ges",
        "where treatment is given has not been judged",
    ),
    "people.fact.requested_by_child_or_relative.true": (
        "barnet eller en närstående har begärt SIP",
        "the child or a relative asked for a SIP",
    ),
    "people.fact.requested_by_child_or_relative.false": (
        "SIP har inte begärts av barnet eller en närstående",
        "no SIP was asked for by the child or a relative",
    ),
    "people.fact.summoned_unit_not_competent.true": (
        "den kallade verksamheten bedömer att den inte är rätt verksamhet",
        "the summoned service judges that it is not the right one",
    ),
    "people.fact.summoned_unit_not_competent.false": (
        "den kallade verksamheten har inte bedömt att den är fel verksamhet",
        "the summoned service has not judged that it is the wrong one",
    ),
    "people.fact.great_need_of_protection.true": (
        "barnet bedöms i ett akut läge ha stort skyddsbehov",
        "the child is judged in an acute situation to have a great need of protection",
    ),
    "people.fact.great_need_of_protection.false": (
        "barnet bedöms inte ha stort skyddsbehov",
        "the child is not judged to have a great need of protection",
    ),
    "people.fact.lvu_care_continues.true": (
        "vården enligt LVU fortsätter efter hemflytten",
        "care under LVU continues after the move home",
    ),
    "people.fact.lvu_care_continues.false": (
        "vården enligt LVU fortsätter inte",
        "care under LVU does not continue",
    ),
    "people.fact.reunification_pending.true": (
        "återföreningen med vårdnadshavarna ska förberedas",
        "the reunification with the guardians is to be prepared",
    ),
    "people.fact.reunification_pending.false": (
        "ingen återförening med vårdnadshavarna förbereds",
        "no reunification with the guardians is being prepared",
    ),
    # any other fact: its name in words and the condition's operator
    "people.fact.other": ("{fact} {op} {values}", "{fact} {op} {values}"),
    "people.op.eq": ("är", "is"),
    "people.op.ne": ("är inte", "is not"),
    "people.op.in": ("är", "is"),
    "people.op.not_in": ("är inte", "is not"),
    "people.op.lt": ("är under", "is below"),
    "people.op.le": ("är högst", "is at most"),
    "people.op.gt": ("är över", "is above"),
    "people.op.ge": ("är minst", "is at least"),
    "people.fact_name.kind": ("händelsen", "the event"),
    "people.fact_name.date": ("händelsens datum", "the event's date"),
    "people.fact_name.birth_date": ("födelsedatumet", "the date of birth"),
    "people.fact_name.home_municipality": ("hemkommunen", "the home municipality"),
    "people.fact_name.placement_municipality": ("vistelsekommunen", "the placement municipality"),
    "people.fact_name.yes": ("ja", "yes"),
    "people.fact_name.no": ("nej", "no"),
}

_CITATIONS: dict[str, tuple[str, str]] = {
    "people.cite.law": ("Lag: {provisions}", "Law: {provisions}"),
    "people.cite.source": ("{name} {section}", "{name} {section}"),
    "people.cite.quote": ("”{quote}”", "“{quote}”"),
}

_DEADLINES: dict[str, tuple[str, str]] = {
    "people.term.genast": ("genast", "immediately"),
    "people.term.omgaende": ("omgående", "at once"),
    "people.term.utan_drojsmal": ("utan dröjsmål", "without delay"),
    "people.term.skyndsamt": ("skyndsamt", "promptly"),
    "people.term.snarast_mojligt": ("snarast möjligt", "as soon as possible"),
    "people.term.fore_placering": ("före placeringen", "before the placement"),
    "people.term.fore_ansokan": ("innan ansökan om vård görs", "before care is applied for"),
    "people.term.fore_undersokning": ("inför undersökningen", "before the examination"),
    "people.term.fore_avslut": ("innan placeringen avslutas", "before the placement ends"),
    "people.term.i_samband_med": ("i samband med händelsen", "in connection with the event"),
    "people.term.senast_vid_byte_eller_avslut": (
        "senast vid byte eller avslut av placeringen",
        "at the latest when the placement changes or ends",
    ),
    "people.term.efter_aterforening": (
        "först när återföreningen har skett",
        "only once the child is reunited",
    ),
    "people.term.fortlopande": ("fortlöpande", "continuously"),
    "people.due.by": ("senast {date}", "by {date}"),
    "people.due.limit": ("längst till {date}", "until {date} at most"),
    "people.due.rolled": (
        "flyttad från {date} (lördag, söndag eller helgdag)",
        "moved from {date} (a Saturday, Sunday or public holiday)",
    ),
    "people.due.non_working": (
        "infaller på en lördag, söndag eller helgdag",
        "falls on a Saturday, Sunday or public holiday",
    ),
    "people.due.unknown": (
        "datum okänt: placeringens startdatum saknas",
        "date unknown: the placement's start date is missing",
    ),
    "people.due.none": ("ingen frist", "no deadline"),
    "people.due.statutory": ("lagkrav", "required by law"),
    "people.due.agreement": ("enligt överenskommelsen", "under the agreement"),
    "people.due.guidance": ("ej lagkrav", "not required by law"),
}

_VIEW: dict[str, tuple[str, str]] = {
    "people.head.event": ("{event} {date}", "{event} on {date}"),
    "people.head.region": ("{region}", "{region}"),
    "people.head.law": ("Gällande lag: {law}", "Law in force: {law}"),
    "people.head.agreement_in_force": (
        "Överenskommelsen gäller: {title}",
        "The agreement is in force: {title}",
    ),
    "people.head.agreement_in_force_until": (
        "Överenskommelsen gäller till {end}: {title}",
        "The agreement is in force until {end}: {title}",
    ),
    "people.head.agreement_not_in_force": (
        "Överenskommelsen gäller inte {date}: {title}",
        "The agreement is not in force on {date}: {title}",
    ),
    "people.head.next_steps": ("Nästa steg", "Next steps"),
    "people.head.party": ("{party} ({count})", "{party} ({count})"),
    "people.head.removed": (
        "Gäller inte eftersom {fact}:",
        "Does not apply because {fact}:",
    ),
    "people.head.why_not": ("Regler som inte gäller här", "Rules that do not apply here"),
    "people.head.none": ("Inga skyldigheter.", "No duties."),
    "people.head.none_for_party": (
        "Inga skyldigheter för {party}.",
        "No duties for {party}.",
    ),
    "people.head.none_unnamed": (
        "Inga skyldigheter utan namngiven ansvarig.",
        "No duties without a named responsible party.",
    ),
    "people.head.conflict": (
        "Överenskommelsens ”{title}” strider mot lagen; lagens krav gäller: ”{statute}”.",
        "The agreement's “{title}” contradicts the statute; the statute prevails: “{statute}”.",
    ),
    "people.head.warning": ("Obs: {warning}", "Note: {warning}"),
    "people.head.outside_scope": (
        "Händelsen ligger utanför överenskommelsens tillämpningsområde:",
        "The event is outside the agreement's scope:",
    ),
    "people.head.outside_part": (
        "Utanför överenskommelsens del {part}:",
        "Outside the agreement's part {part}:",
    ),
    "people.field.when": ("när", "when"),
    "people.field.what": ("vad", "what"),
    "people.field.who": ("vem", "who"),
    "people.field.why": ("varför", "why"),
    "people.field.source": ("källa", "source"),
    "people.field.status": ("status", "status"),
    "people.field.rule": ("regel", "rule"),
    "people.field.trail": ("spår", "trail"),
    "people.who.convenes": ("sammankallar: {party}", "convenes: {party}"),
    "people.who.pays": ("betalar: {party}", "pays: {party}"),
    "people.why.event": ("{event}", "{event}"),
    "people.empty.national_law_only": (
        "Bara lagen: ingen regional överenskommelse är vald.",
        "National law only: no regional agreement is chosen.",
    ),
    "people.empty.no_regional_rules": (
        "Regionens överenskommelse har inga egna regler här; bara lagens skyldigheter gäller.",
        "The region's agreement has no rules of its own here; only the statutes' duties apply.",
    ),
    "people.empty.agreement_not_in_force": (
        "Överenskommelsen gäller inte på händelsens datum; bara lagens skyldigheter gäller.",
        "The agreement is not in force on the event's date; only the statutes' duties apply.",
    ),
    "people.empty.outside_scope": (
        "Händelsen ligger utanför överenskommelsens tillämpningsområde.",
        "The event is outside the agreement's scope.",
    ),
    "people.empty.no_rules_for_kind": (
        "Ingen regel gäller för händelsen {event}.",
        "No rule applies to the event {event}.",
    ),
    "people.empty.every_condition_unmet": (
        "Varje regel för händelsen har ett villkor som inte är uppfyllt (se nedan).",
        "Every rule for the event has a condition that is not met (see below).",
    ),
    "people.empty.no_rule_applies": (
        "Ingen regel för händelsen gäller här (se nedan varför).",
        "No rule for the event applies here (see below why).",
    ),
    "people.why_not.condition": (
        "gäller när {condition}; {actual}",
        "applies when {condition}; {actual}",
    ),
    "people.why_not.rule_not_in_force": (
        "gäller inte på händelsens datum",
        "not in force on the event's date",
    ),
    "people.why_not.agreement_not_in_force": (
        "överenskommelsen gäller inte på händelsens datum",
        "the agreement is not in force on the event's date",
    ),
    "people.why_not.outside_scope": (
        "händelsen ligger utanför överenskommelsens tillämpningsområde",
        "the event is outside the agreement's scope",
    ),
    "people.why_not.outside_scope_part": (
        "händelsen ligger utanför den del av överenskommelsen som regeln hör till",
        "the event is outside the part of the agreement the rule belongs to",
    ),
    "people.why_not.replaced": (
        "ersätts av: {title}",
        "replaced by: {title}",
    ),
    "people.why_not.other": ("gäller inte här", "does not apply here"),
    "people.verbose.rule": ("{rule} ({origin}, {relation})", "{rule} ({origin}, {relation})"),
}

_NOTES: dict[str, tuple[str, str]] = {
    # the library's notes (evaluation's scope reasons, the agreements' warnings) in words
    "people.scope.age": (
        "barnet är {age} år; överenskommelsen gäller barn som är {low}–{high} år",
        "the child is {age}; the agreement covers children aged {low}–{high}",
    ),
    "people.scope.legal_basis": (
        "vård enligt {value} omfattas inte (överenskommelsen gäller {covers})",
        "care under {value} is not covered (the agreement covers {covers})",
    ),
    "people.scope.placement_form": (
        "placering i {value} omfattas inte",
        "a placement in {value} is not covered",
    ),
    "people.note.not_yet_in_force": (
        "{title} gäller först från {start}.",
        "{title} is in force only from {start}.",
    ),
    "people.note.ended": (
        "{title} gäller inte längre: dess egna regler tillämpas inte, men lagen och andra "
        "överenskommelser som gäller tillämpas fortfarande.",
        "{title} is no longer in force: its own rules do not apply, but national law and any "
        "other agreement in force still do.",
    ),
    "people.note.no_agreement": (
        "Ingen överenskommelse för {region} som gäller {on} är känd ur källorna (inget senare "
        "beslut av parterna och ingen efterträdare): överenskommelsens regler tillämpas inte, "
        "lagen gäller.",
        "No agreement of {region} in force on {on} is known from the sources (no later decision "
        "of the parties and no successor): the agreement's rules are not applied, national law "
        "applies.",
    ),
    "people.note.home_municipality": (
        "Hemkommunen är inte en av de {n} kommunerna i {region}; kontrollera stavningen "
        "och regionen.",
        "The home municipality is not one of the {n} municipalities of {region}; check the "
        "spelling and the region.",
    ),
    "people.note.placement_municipality": (
        "Vistelsekommunen är inte en av de {n} kommunerna i {region}; kontrollera stavningen "
        "och regionen.",
        "The placement municipality is not one of the {n} municipalities of {region}; "
        "check the spelling and the region.",
    ),
}

_TRACK: dict[str, tuple[str, str]] = {
    "people.status.met_on_time": ("i tid", "on time"),
    "people.status.met_late": ("försenad", "late"),
    "people.status.met": ("gjord", "done"),
    "people.status.pending": ("väntar", "pending"),
    "people.status.overdue": ("förfallen", "overdue"),
    "people.status.open": ("öppen", "open"),
    "people.status.untracked": ("följs inte upp", "not followed up"),
    "people.status.open_since": ("öppen sedan {days} dagar", "open for {days} days"),
    "people.status.overdue_days": ("förfallen sedan {days} dagar", "overdue by {days} days"),
    "people.status.met_late_days": ("försenad {days} dagar", "{days} days late"),
    "people.track.head": (
        "Ärende {case} · {region} · läget {date}",
        "Case {case} · {region} · as of {date}",
    ),
    "people.track.events": ("{count} händelser", "{count} events"),
    "people.track.events_later": (
        "{count} händelser ({later} efter datumet är inte med)",
        "{count} events ({later} after the date left out)",
    ),
    "people.track.count": ("{count} skyldigheter: {summary}", "{count} duties: {summary}"),
    "people.track.incurred": ("uppkom {date} ({event})", "arose {date} ({event})"),
    "people.track.met": ("gjord {date} ({event})", "done {date} ({event})"),
    "people.track.untracked": (
        "Följs inte upp ({count}): inget i ärendets händelser visar att de är gjorda",
        "Not followed up ({count}): no event of the case shows them done",
    ),
    "people.track.unmatched": (
        "Obs: {event} {date} hittade ingen öppen skyldighet att uppfylla.",
        "Note: {event} on {date} found no open duty to fulfil.",
    ),
}

LABELS: dict[str, tuple[str, str]] = {
    **_KINDS,
    **_PARTIES,
    **_DEADLINES,
    **_VIEW,
    **_TRACK,
    **_NOTES,
    **_VALUES,
    **_FACTS,
    **_CITATIONS,
}
