"""Labels of the rulebook (``placement-rules rulebook``, ``/rulebook``) and the duty x region
matrix (``compare``): key -> (Swedish, English). See placement_rules.i18n.

Conditions, event kinds, vague terms and region names are said with the people views' labels
(:mod:`placement_rules.views.sentences`, :mod:`placement_rules.i18n.people`): one wording for
every page that says them.
"""

from __future__ import annotations

_PAGES: dict[str, tuple[str, str]] = {
    "rulebook.title": ("Regelbok", "Rulebook"),
    "rulebook.subtitle": (
        "Överenskommelserna om barn och unga som placeras utanför hemmet, med texten bredvid "
        "reglerna som kodar den",
        "The agreements on children and young people placed outside the home, with the text "
        "beside the rules that encode it",
    ),
    "rulebook.nav": ("Innehåll", "Contents"),
    "rulebook.skip": ("Hoppa till innehållet", "Skip to the content"),
    "rulebook.nav.home": ("Start", "Home"),
    "rulebook.nav.national": ("Nationell grund", "National baseline"),
    "rulebook.nav.matrix": ("Skyldigheter per region", "Duties by region"),
    "rulebook.nav.search": ("Sök", "Search"),
    "rulebook.lang.other": ("In English", "På svenska"),
    "rulebook.regions": ("Regionerna", "The regions"),
    "rulebook.built": (
        "Byggd från regelfilerna; status för överenskommelserna den {on}.",
        "Built from the rule files; the agreements' status on {on}.",
    ),
    "rulebook.region.rules": ("{count} egna regler", "{count} own rules"),
    "rulebook.region.sections": ("{count} avsnitt med skyldigheter", "{count} duty sections"),
    "rulebook.terms": ("Giltighet och förlängning", "Term and renewal"),
    "rulebook.sources": ("Källor", "Sources"),
    "rulebook.sections": ("Överenskommelsens avsnitt", "The agreement's sections"),
    "rulebook.sections.intro": (
        "Avsnitten i den ordning de står i källtexten. Varje avsnitt visar källtexten och "
        "reglerna som kodar det, eller regelfilens skäl till att ingen regel gör det.",
        "The sections in the order of the source text. Each shows the source text and the "
        "rules that encode it, or the rule file's reason why none does.",
    ),
    "rulebook.baseline_note": ("Där överenskommelsen tiger", "Where the agreement is silent"),
    "rulebook.section": ("Avsnitt {section}", "Section {section}"),
    "rulebook.section.source_text": ("Källtexten", "The source text"),
    "rulebook.section.source_text.lines": (
        "{file}, rad {first}–{last}",
        "{file}, lines {first}–{last}",
    ),
    "rulebook.section.no_text": (
        "Avsnittets text kunde inte avgränsas i källan; citaten vid reglerna är ordagranna.",
        "The section's text could not be delimited in the source; the quotes at the rules "
        "are verbatim.",
    ),
    "rulebook.section.no_source": (
        "Källtexten finns inte i den delade mappen ({folder}); citaten vid reglerna är ordagranna.",
        "The source text is not in the shared folder ({folder}); the quotes at the rules are "
        "verbatim.",
    ),
    "rulebook.section.rules": ("Regler som kodar avsnittet", "Rules that encode the section"),
    "rulebook.section.no_rule": ("Ingen regel kodar avsnittet.", "No rule encodes the section."),
    "rulebook.section.reason": ("Regelfilens skäl", "The rule file's reason"),
    "rulebook.section.unencoded": (
        "Delar som medvetet inte kodas",
        "Parts deliberately not encoded",
    ),
    "rulebook.section.gap": (
        "Lucka: ingen regel och inget skäl i regelfilen.",
        "Gap: no rule and no reason in the rule file.",
    ),
    "rulebook.section.undeclared": (
        "Rubrik i källtexten som regelfilen inte listar bland avsnitten med skyldigheter "
        "(bakgrund, rubrik för underavsnitt eller länklista).",
        "A heading of the source that the rule file does not list among the duty sections "
        "(background, a heading of sub-sections, or a list of links).",
    ),
    "rulebook.rule.event": ("Utlöses av", "Triggered by"),
    "rulebook.rule.conditions": ("Villkor", "Conditions"),
    "rulebook.rule.no_conditions": ("Inga ytterligare villkor.", "No further conditions."),
    "rulebook.rule.responsible": ("Ansvarig", "Responsible"),
    "rulebook.rule.not_named": ("Texten anger ingen ansvarig.", "The text names no one."),
    "rulebook.rule.convener": ("Kallar", "Convenes"),
    "rulebook.rule.deadline": ("Tidsfrist", "Deadline"),
    "rulebook.rule.no_deadline": ("Ingen tidsfrist.", "No deadline."),
    "rulebook.rule.cost_bearer": ("Betalar", "Pays"),
    "rulebook.rule.relation": ("I förhållande till lagen", "Against the statute"),
    "rulebook.rule.national": ("Nationell regel", "National rule"),
    "rulebook.rule.no_national": (
        "Ingen nationell regel för samma skyldighet.",
        "No national rule for the same duty.",
    ),
    "rulebook.rule.statute": ("Lagstöd", "Statute"),
    "rulebook.rule.no_statute": ("Inget lagstöd angivet.", "No statute given."),
    "rulebook.rule.quote": ("Citat", "Quote"),
    "rulebook.rule.no_quote": ("Inget citat: {reason}", "No quote: {reason}"),
    "rulebook.rule.see_also": ("Se även", "See also"),
    "rulebook.rule.in_force": ("Gäller", "In force"),
    "rulebook.rule.id": ("Regel-id", "Rule id"),
    "rulebook.rule.duty": ("Skyldighet", "Duty"),
    "rulebook.rule.requirement": (
        "Ett krav som texten ställer utan att ange vem som utför det.",
        "A requirement the text sets without naming who carries it out.",
    ),
    "rulebook.relation.adds": (
        "Lägger till en skyldighet som lagen inte har.",
        "Adds a duty the statute does not have.",
    ),
    "rulebook.relation.tightens": (
        "Skärper den nationella regeln för samma skyldighet.",
        "Tightens the national rule for the same duty.",
    ),
    "rulebook.relation.names_unit": (
        "Anger vilken enhet som utför den nationella skyldigheten.",
        "Names the unit that carries out the national duty.",
    ),
    "rulebook.relation.restates": (
        "Återger den nationella regeln.",
        "Restates the national rule.",
    ),
    "rulebook.relation.replaces": (
        "Ersätter när den tillämpas: {rules}.",
        "Takes the place, when it applies, of: {rules}.",
    ),
    "rulebook.in_force.between": ("{start} till och med {end}", "{start} to {end} inclusive"),
    "rulebook.in_force.from": ("från och med {start}", "from {start}"),
    "rulebook.in_force.until": ("till och med {end}", "until {end}"),
    "rulebook.in_force.always": (
        "inga datum angivna i regelfilen",
        "no dates given in the rule file",
    ),
    "rulebook.national.title": ("Nationell grund", "National baseline"),
    "rulebook.national.intro": (
        "Lagens skyldigheter som varje överenskommelse bygger på, var och en daterad. Där en "
        "region inte har en egen regel gäller den nationella.",
        "The statute's duties every agreement builds on, each dated. Where a region has no "
        "rule of its own the national one applies.",
    ),
    "rulebook.national.statutes": ("Lagarna", "The statutes"),
    "rulebook.national.statute": ("Lag", "Statute"),
    "rulebook.national.duties": ("Skyldigheterna", "The duties"),
    "rulebook.search.title": ("Sök i regelboken", "Search the rulebook"),
    "rulebook.search.label": ("Sökord", "Search terms"),
    "rulebook.search.intro": (
        "Alla regler och avsnitt, med region och avsnitt. Skriv ett sökord för att filtrera "
        "listan (kräver JavaScript); utan JavaScript går listan att söka med webbläsarens "
        "sökfunktion.",
        "Every rule and section, with region and section. Type a term to filter the list "
        "(needs JavaScript); without JavaScript the list can be searched with the browser's "
        "find function.",
    ),
    "rulebook.search.count": ("{count} träffar", "{count} matches"),
    "rulebook.search.kind.rule": ("regel", "rule"),
    "rulebook.search.kind.section": ("avsnitt", "section"),
    # --- agreement terms in words ------------------------------------------------------------
    "rulebook.terms.parties": ("Parter", "Parties"),
    "rulebook.terms.stated": (
        "Giltighetstid enligt texten: {start} till och med {end}.",
        "Term stated by the text: {start} to {end} inclusive.",
    ),
    "rulebook.terms.open": (
        "Gäller från {start}; texten anger inget slutdatum.",
        "In force from {start}; the text states no end date.",
    ),
    "rulebook.terms.renewal.once": (
        "Om ingen part {action} senast {notice} före giltighetstidens slut (senast {day}), "
        "förlängs överenskommelsen en gång med {extension}, till och med {until}.",
        "Unless a party {action} at least {notice} before the end of the term (by {day}), the "
        "agreement is extended once by {extension}, to {until}.",
    ),
    "rulebook.terms.renewal.each_time": (
        "Om ingen part {action} senast {notice} före en giltighetstids slut, förlängs "
        "överenskommelsen med {extension} i taget (första gången senast {day}).",
        "Unless a party {action} at least {notice} before the end of a term, the agreement is "
        "extended by {extension} at a time (the first time by {day}).",
    ),
    "rulebook.terms.action.termination": ("skriftligen sagt upp den", "gives written notice"),
    "rulebook.terms.action.negotiation": (
        "begärt omförhandling",
        "calls for renegotiation",
    ),
    "rulebook.terms.no_renewal": (
        "Texten har ingen förlängningsklausul.",
        "The text has no renewal clause.",
    ),
    "rulebook.terms.decision.extension": (
        "Parterna har beslutat att förlänga överenskommelsen till och med {until} ({cited}).",
        "The parties decided to extend the agreement to {until} ({cited}).",
    ),
    "rulebook.terms.decision.successor": (
        "Parterna har beslutat att överenskommelsen ersätts av {successor} ({cited}).",
        "The parties decided that the agreement is replaced by {successor} ({cited}).",
    ),
    "rulebook.terms.no_decision": (
        "Inget senare beslut av parterna är känt från källorna.",
        "No later decision of the parties is known from the sources.",
    ),
    "rulebook.status.in_force": (
        "Den {on} gäller överenskommelsen under den angivna giltighetstiden, {start} till och "
        "med {end}.",
        "On {on} the agreement is in force in its stated term, {start} to {end}.",
    ),
    "rulebook.status.notice_day": (
        "Sista dag för {action}: {day}.",
        "Last day to {action}: {day}.",
    ),
    "rulebook.status.notice.termination": ("uppsägning", "give notice of termination"),
    "rulebook.status.notice.negotiation": ("att begära omförhandling", "call for renegotiation"),
    "rulebook.status.in_force_by_renewal": (
        "Den {on} gäller överenskommelsen genom förlängning nummer {term}, {start} till och "
        "med {end}, under antagandet att ingen part sagt upp den i tid.",
        "On {on} the agreement is in force by extension number {term}, {start} to {end}, on "
        "the assumption that no party gave notice in time.",
    ),
    "rulebook.status.in_force_by_decision": (
        "Den {on} gäller överenskommelsen genom ett senare beslut av parterna ({decision}), "
        "{start} till och med {end}.",
        "On {on} the agreement is in force by a later decision of the parties ({decision}), "
        "{start} to {end}.",
    ),
    "rulebook.status.open_ended": (
        "Den {on} gäller överenskommelsen (sedan {start}, utan slutdatum).",
        "On {on} the agreement is in force (since {start}, no end date).",
    ),
    "rulebook.status.expired": (
        "Den {on} gäller överenskommelsen inte: den upphörde {end}, och inget senare beslut är "
        "känt. Dess regler tillämpas inte; nationell lag gäller.",
        "On {on} the agreement is not in force: it ended on {end}, and no later decision is "
        "known. Its rules are not applied; national law applies.",
    ),
    "rulebook.status.replaced": (
        "Den {on} är överenskommelsen ersatt av {successor} (från {day}).",
        "On {on} the agreement has been replaced by {successor} (from {day}).",
    ),
    "rulebook.status.not_yet_in_force": (
        "Den {on} gäller överenskommelsen ännu inte; den börjar gälla {start}.",
        "On {on} the agreement is not yet in force; it starts on {start}.",
    ),
    # --- deadlines, parties ------------------------------------------------------------------
    "rulebook.deadline.due": ("inom {period} från {anchor}", "within {period} of {anchor}"),
    "rulebook.deadline.limit": (
        "längst {period} från {anchor}",
        "lasting at most {period} from {anchor}",
    ),
    "rulebook.deadline.no_anchor": ("inom {period}", "within {period}"),
    "rulebook.deadline.statutory": (
        "lagstadgad frist (infaller den på en lördag, söndag eller helgdag flyttas den till "
        "nästa vardag, lag (1930:173) 2 §)",
        "statutory period (one ending on a Saturday, Sunday or public holiday moves to the "
        "next working day, Lag (1930:173) 2 §)",
    ),
    "rulebook.deadline.agreement": ("frist enligt överenskommelsen", "period set by the agreement"),
    "rulebook.deadline.statutory_vague": ("enligt lag", "set by statute"),
    "rulebook.deadline.agreement_vague": ("enligt överenskommelsen", "set by the agreement"),
    "rulebook.in_force.agreement": (
        "när överenskommelsen gäller",
        "while the agreement is in force",
    ),
    "rulebook.section.related": (
        "Regler som också hänvisar till avsnittet",
        "Rules that also refer to the section",
    ),
    "rulebook.section.other": ("Övriga regler", "Other rules"),
    "rulebook.section.other.summary": (
        "Regler vars citat inte faller i något av de listade avsnitten.",
        "Rules whose citations fall in none of the listed sections.",
    ),
    "rulebook.anchor.event_date": ("händelsedagen", "the day of the event"),
    "rulebook.anchor.placement_start": ("placeringens början", "the start of the placement"),
    "rulebook.period.years": ("{n} år", "{n} years"),
    "rulebook.period.year": ("{n} år", "{n} year"),
    "rulebook.period.months": ("{n} månader", "{n} months"),
    "rulebook.period.month": ("{n} månad", "{n} month"),
    "rulebook.period.weeks": ("{n} veckor", "{n} weeks"),
    "rulebook.period.week": ("{n} vecka", "{n} week"),
    "rulebook.period.days": ("{n} dagar", "{n} days"),
    "rulebook.period.day": ("{n} dag", "{n} day"),
    "rulebook.and": ("och", "and"),
    "rulebook.principal.kommun": ("kommunen", "the municipality"),
    "rulebook.principal.region": ("regionen", "the region"),
    "rulebook.principal.skola": ("skolan", "the school"),
    "rulebook.principal.kommunalforbund": ("kommunalförbundet", "the joint authority"),
    "rulebook.principal.statlig_myndighet": ("en statlig myndighet", "a state authority"),
    "rulebook.locus.home_municipality": ("hemkommunen", "the home municipality"),
    "rulebook.locus.placement_municipality": (
        "vistelsekommunen",
        "the municipality where the child stays",
    ),
    "rulebook.locus.home_region": ("hemregionen", "the home region"),
    "rulebook.locus.placement_region": (
        "regionen där barnet är placerat",
        "the region where the child is placed",
    ),
    "rulebook.locus.agreement_region": ("regionen i överenskommelsen", "the agreement's region"),
    # --- matrix ------------------------------------------------------------------------------
    "rulebook.matrix.title": ("Skyldigheter per region den {on}", "Duties by region on {on}"),
    "rulebook.matrix.intro": (
        "Raderna följer avsnitten i {lead}; skyldigheter som bara andra regioner eller lagen "
        "har kommer efter. Varje cell anger avsnittet den bygger på.",
        "The rows follow the sections of {lead}; duties that only other regions or the statute "
        "have come after. Each cell cites the section it rests on.",
    ),
    "rulebook.matrix.intro.national": (
        "Raderna följer lagens ordning. Varje cell anger avsnittet den bygger på.",
        "The rows follow the statute's order. Each cell cites the section it rests on.",
    ),
    "rulebook.matrix.duty": ("Skyldighet", "Duty"),
    "rulebook.matrix.national": ("Nationell lag", "National law"),
    "rulebook.matrix.own": ("egen regel", "own rule"),
    "rulebook.matrix.inherited": ("nationell lag gäller", "national law applies"),
    "rulebook.matrix.national_cell": ("lagens regel", "the statute's rule"),
    "rulebook.matrix.gap": (
        "lagen har ingen särskild regel om detta",
        "the statute has no specific rule on this",
    ),
    "rulebook.matrix.adds_nothing": (
        "nationell lag gäller – regionen lägger inte till något",
        "national law applies – the region adds nothing",
    ),
    "rulebook.matrix.differs": ("skiljer sig från lagen", "differs from the statute"),
    "rulebook.matrix.row_differs": ("regionerna skiljer sig åt", "the regions differ"),
    "rulebook.matrix.idle": (
        "regionens egen regel tillämpas inte: överenskommelsen gäller inte detta datum",
        "the region's own rule is not applied: its agreement is not in force on this date",
    ),
    "rulebook.matrix.deadline": ("frist: {value}", "deadline: {value}"),
    "rulebook.matrix.responsible": ("ansvarig: {value}", "responsible: {value}"),
    "rulebook.matrix.convener": ("kallar: {value}", "convenes: {value}"),
    "rulebook.matrix.cost_bearer": ("betalar: {value}", "pays: {value}"),
    "rulebook.matrix.when": ("när {value}", "when {value}"),
    "rulebook.matrix.section": ("källa: {value}", "source: {value}"),
    "rulebook.matrix.none": ("—", "—"),
    "rulebook.matrix.legend": ("Teckenförklaring", "Legend"),
}

LABELS: dict[str, tuple[str, str]] = _PAGES
