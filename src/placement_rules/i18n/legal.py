"""Labels: key -> (Swedish, English). See placement_rules.i18n."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "lint.quote_period_mismatch": (
        "citatet anger {quoted} men regeln kodar fristen {encoded}: "
        "rätta fristen eller citatet ({cited})",
        "the quote says {quoted} but the rule encodes the period {encoded}: "
        "correct the period or the quote ({cited})",
    ),
    "lint.quote_vague_mismatch": (
        "citatet säger ”{quoted}” men regeln kodar den vaga termen ”{encoded}” ({cited})",
        "the quote says “{quoted}” but the rule encodes the vague term “{encoded}” ({cited})",
    ),
    "lint.or": ("eller", "or"),
    "lint.none": ("ingen", "none"),
    "lint.span.between": ("från {start} till {end}", "from {start} to {end}"),
    "lint.span.from": ("från {start}", "from {start}"),
    "lint.span.until": ("till {end}", "until {end}"),
    "lint.span.always": ("oavsett datum", "at any date"),
    "lint.when": ("för {event} {span}", "for {event} {span}"),
    "lint.kind.vague": (
        "fristen (utan lagens vaga term, eller med en mindre brådskande)",
        "deadline (without the statute's vague term, or a less urgent one)",
    ),
    "lint.kind.limit": ("tidsgränsen", "time limit"),
    "lint.kind.later": ("fristen (senare än lagens)", "deadline (later than the statute's)"),
    "lint.contradicts_statute": (
        "{kind} strider mot lagen {when}: {mine} säger {ours}, {theirs} (nationell regel "
        "{statute_rule}) säger {statute}; lagen har företräde",
        "{kind} contradicts the statute {when}: {mine} says {ours}, {theirs} (national rule "
        "{statute_rule}) says {statute}; the statute prevails",
    ),
    "lint.acknowledged": (
        "avsiktligt kodad: {message}. Filens skäl: {reason} (mot {cited})",
        "recorded on purpose: {message}. The file's reason: {reason} (against {cited})",
    ),
    "lint.cost_bearer_differs": (
        "kostnadsansvaret skiljer sig från den nationella regeln {when}: {mine} säger {ours}, "
        "{theirs} (nationell regel {statute_rule}) säger {statute}",
        "cost bearer differs from the national rule {when}: {mine} says {ours}, {theirs} "
        "(national rule {statute_rule}) says {statute}",
    ),
    "lint.stale_acknowledgement": (
        "noterar en motsägelse mot {statute_rule} som inte uppstår på något datum: ta bort "
        "noteringen, eller kontrollera regeln",
        "acknowledges a contradiction with {statute_rule} that does not arise on any date: "
        "remove the acknowledgement, or check the rule",
    ),
    "lint.legal_basis_gap": (
        "ingen rättslig grund gäller {span} medan regeln gäller: resultaten visar då ingen "
        "rättslig grund",
        "no legal-basis entry is in force {span} while the rule is: results show no legal basis "
        "for events then",
    ),
    "lint.deadline_without_anchor": (
        "fristen ”{deadline}” har ingen startdag: inget förfallodatum kan räknas ut",
        "deadline “{deadline}” has no anchor date: no due date can be computed",
    ),
    "lint.missing_quote": (
        "hänvisningen till {cited} saknar citat",
        "the citation {cited} has no quote",
    ),
    "lint.source_file_not_a_source": (
        "källan ”{source}” anger filen {file}, som inte är en källtext (bara filer under "
        "{folders} i den delade mappen är det)",
        "source '{source}' names the file {file}, which is not a source text (only files under "
        "{folders} of the shared folder are)",
    ),
    "lint.quote_from_non_source": (
        "citerar {file}, som inte är en källtext (ett citat ska komma ur en överenskommelse "
        "eller en lag under seeds/ eller law/)",
        "quotes {file}, which is not a source text (a quote must come from an agreement text "
        "or a statute under seeds/ or law/)",
    ),
    "lint.source_text_missing": (
        "källtexten {file} finns inte under {shared}",
        "source text {file} not found under {shared}",
    ),
    "lint.quote_not_found": (
        "citatet finns inte i {file}: ”{quote}”",
        "quote not found in {file}: “{quote}”",
    ),
    "lint.quote_outside_section": (
        "citatet står i källtexten men inte under {cited}: ”{quote}”",
        "the quote is in the source text but not under {cited}: “{quote}”",
    ),
    "lint.section_not_located": (
        "rubriken för {cited} hittades inte i {file}: citatet är bara kontrollerat mot hela texten",
        "the heading of {cited} was not found in {file}: the quote is checked against the "
        "whole text only",
    ),
    "lint.quote_check_skipped": (
        "citaten kontrollerades inte: den delade mappen {folder} finns inte (ange --shared "
        "MAPP eller {env})",
        "quote check skipped: shared folder {folder} not found (use --shared DIR or {env})",
    ),
    "lint.reviewed": (
        "granskad av {role} {date}: innehållet är oförändrat sedan dess",
        "reviewed by {role} on {date}: the content is unchanged since",
    ),
    "lint.unreviewed_edit": (
        "ändrad sedan granskningen av {role} {date}: ändringen är inte granskad (innehållets "
        "digest nu: {digest})",
        "edited since the review by {role} on {date}: the change is unreviewed (the content's "
        "digest now: {digest})",
    ),
    "lint.severity.error": ("fel", "error"),
    "lint.severity.warning": ("varning", "warning"),
    "lint.severity.noted": ("noterad", "noted"),
    "lint.severity.info": ("info", "info"),
    "lint.summary": (
        "{files}: {errors} fel, {warnings} varningar, {noted} noterade, {infos} info",
        "{files}: {errors} errors, {warnings} warnings, {noted} noted, {infos} infos",
    ),
    "lint.files.one": ("1 fil granskad", "1 file linted"),
    "lint.files.many": ("{n} filer granskade", "{n} files linted"),
    "lint.hidden": ("({hidden} mindre allvarliga visas inte)", "({hidden} less severe not shown)"),
    "lint.title": ("Granskning av regelfiler", "Rule lint"),
    "lint.no_findings": ("Inga anmärkningar.", "No findings."),
    "lint.col.severity": ("allvarlighet", "severity"),
    "lint.col.rule": ("regel", "rule"),
    "lint.col.where": ("var", "where"),
    "lint.col.message": ("meddelande", "message"),
    "conformance.deadline_dropped": (
        "har ingen frist; basregeln har en",
        "has no deadline; the base rule has one",
    ),
    "conformance.meaning_differs": (
        "fristens betydelse är ”{mine}” där basregelns är ”{theirs}”",
        "deadline meaning '{mine}' where the base rule's is '{theirs}'",
    ),
    "conformance.vague_replaces_dated": (
        "bara ”{vague}” där basregeln anger {period}",
        "only '{vague}' where the base rule gives {period}",
    ),
    "conformance.immediate_replaced": (
        "{period} där basregeln säger ”{vague}”",
        "{period} where the base rule says '{vague}'",
    ),
    "conformance.later_due": (
        "för en händelse {day} förfaller den {mine}, basregeln {theirs}",
        "for an event on {day} it is due {mine}, the base rule {theirs}",
    ),
    "conformance.later_limit": (
        "för en händelse {day} slutar den {mine}, basregeln {theirs}",
        "for an event on {day} it ends {mine}, the base rule {theirs}",
    ),
    "conformance.no_responsible": (
        "anger ingen ansvarig; basregeln gör {theirs} ansvarig",
        "names no responsible party; the base rule makes {theirs} responsible",
    ),
    "conformance.other_principal": (
        "gör {mine} ansvarig; basregeln gör {theirs} ansvarig",
        "makes {mine} responsible; the base rule makes {theirs} responsible",
    ),
    "conformance.other_locus": (
        "gör {mine} ansvarig; basregeln {theirs}",
        "makes the {mine} responsible; the base rule the {theirs}",
    ),
    "conformance.no_cost": (
        "säger inget om kostnaden; basregeln lägger den på {theirs}",
        "says nothing of the cost; the base rule puts it on {theirs}",
    ),
    "conformance.other_cost_bearer": (
        "lägger kostnaden på {mine} ({mine_locus}); basregeln på {theirs} ({theirs_locus})",
        "puts the cost on {mine} ({mine_locus}); the base rule on {theirs} ({theirs_locus})",
    ),
    "conformance.unspecified": ("ej angivet", "unspecified"),
    "conformance.other_convener": (
        "sammankallande {mine}; basregeln anger {theirs}",
        "convener {mine}; the base rule names {theirs}",
    ),
    "conformance.not_named": ("inte angiven", "not named"),
    "conformance.restatement_differs": (
        "relationen ”{relation}” men fristen skiljer sig från basregelns (skriv ”tightens” om "
        "den är strängare)",
        "relation '{relation}' but the deadline differs from the base rule's (say 'tightens' if "
        "it is stricter)",
    ),
    "conformance.adds_existing": (
        "”adds” en plikt som basen redan har (”{duty}”): ange hur den förhåller sig (tightens, "
        "names_unit eller restates)",
        "'adds' a duty the base already has ('{duty}'): say how it relates (tightens, "
        "names_unit or restates)",
    ),
    "conformance.unknown_duty": (
        "”{relation}” avser plikten ”{duty}”, som ingen basfil har",
        "'{relation}' refers to duty '{duty}', which no base file has",
    ),
    "conformance.names_no_unit": (
        "”names_unit” men responsible.unit saknas",
        "'names_unit' but responsible.unit is not given",
    ),
    "conformance.dropped_duty": (
        "ingen lokal regel för plikten ”{duty}” gäller för {n} provhändelse(r) där basens plikt "
        "gör det, t.ex. {event}",
        "no local rule for duty '{duty}' fires for {n} probe event(s) where the base duty does, "
        "e.g. {event}",
    ),
    "conformance.event_on": ("{kind} {date}", "{kind} on {date}"),
    "conformance.line": (" (rad {line})", " (line {line})"),
    "conformance.against": (" mot {rule}", " vs {rule}"),
    "conformance.ok": (
        "ok  {file}: {rules} lokala regler följer ”{extends}” ({pairs} regelpar över {days} "
        "startdagar, {events} provhändelser)",
        "ok  {file}: {rules} local rules conform to '{extends}' ({pairs} rule pairs over {days} "
        "anchor days, {events} probe events)",
    ),
    "conformance.fail": (
        "FEL  {file}: {n} anmärkning(ar): den lokala rutinen lättar ”{extends}” eller lagen",
        "FAIL  {file}: {n} finding(s): the local routine loosens '{extends}' or the statute",
    ),
    "coverage.ok": ("ok", "ok"),
    "coverage.gap": ("LUCKA", "GAP"),
    "coverage.no_rule": ("ingen regel: {reason}", "no rule: {reason}"),
    "coverage.not_encoded": (
        "inte kodat: {summary} – {reason}",
        "not encoded: {summary} – {reason}",
    ),
    "coverage.rules_heading": ("regler som gäller för regionen:", "rules in force for the region:"),
    "coverage.origin.regional": ("regional", "regional"),
    "coverage.origin.national": ("nationell (ärvd)", "national (inherited)"),
    "coverage.origin.local": ("lokal", "local"),
    "coverage.summary": (
        "{sections} avsnitt med plikter, {gaps} luckor",
        "{sections} duty sections, {gaps} gaps",
    ),
    "impact.title": ("Ändringens påverkan på öppna ärenden", "Impact of the change on open cases"),
    "impact.versions": (
        "{old} → {new}, ärendena som de står {as_of}",
        "{old} → {new}, the cases as they stand on {as_of}",
    ),
    "impact.counts": (
        "Lästa ärenden: {cases}. Får andra plikter, parter eller förfallodagar: {affected}; "
        "nås inte av ändringen: {not_reached}; överhoppade rader eller ärenden: {problems}",
        "{cases} cases read: {affected} get other duties, parties or due dates; {not_reached} "
        "are not reached by the change; {problems} rows or cases skipped",
    ),
    "impact.none": (
        "Inget ärende får andra plikter, parter eller förfallodagar.",
        "No case gets other duties, parties or due dates.",
    ),
    "impact.per_duty": ("Påverkade ärenden per plikt", "Affected cases per duty"),
    "impact.per_municipality": ("Påverkade ärenden per kommun", "Affected cases per municipality"),
    "impact.duty_detail": (
        "(ny {added}, borttagen {removed}, ändrad {changed})",
        "(added {added}, removed {removed}, changed {changed})",
    ),
    "impact.skipped": (
        "Överhoppade rader eller ärenden: {n} (se ovan); utfallet gäller resten",
        "{n} rows or cases skipped (see above): the outcome holds for the rest",
    ),
    "impact.col.duty": ("plikt", "duty"),
    "impact.col.cases": ("ärenden", "cases"),
    "impact.col.added": ("ny", "added"),
    "impact.col.removed": ("borttagen", "removed"),
    "impact.col.changed": ("ändrad", "changed"),
    "impact.col.municipality": ("kommun", "municipality"),
    "impact.how": (
        "Varje ärende följs upp per dagen ovan med båda versionerna av reglerna; ett ärende "
        "räknas som påverkat när dess plikter (plikt, ansvarig, kostnadsansvarig, förfallodag "
        "eller vag frist) inte är desamma.",
        "Each case is tracked on the day above under both versions of the rules; a case counts "
        "as affected when its obligations (duty, responsible party, cost bearer, due date or "
        "vague term) are not the same.",
    ),
    "diff.field.action": ("åtgärd", "action"),
    "diff.field.anchor": ("startdag", "anchor"),
    "diff.field.citation": ("hänvisning", "citation"),
    "diff.field.conditions": ("villkor", "conditions"),
    "diff.field.convener": ("sammankallande", "convener"),
    "diff.field.cost bearer": ("kostnadsansvar", "cost bearer"),
    "diff.field.cost note": ("om kostnaden", "cost note"),
    "diff.field.deadline": ("frist", "deadline"),
    "diff.field.deadline meaning": ("fristens betydelse", "deadline meaning"),
    "diff.field.duty": ("plikt", "duty"),
    "diff.field.in force": ("gäller", "in force"),
    "diff.field.legal basis": ("rättslig grund", "legal basis"),
    "diff.field.notes": ("anteckningar", "notes"),
    "diff.field.quote": ("citat", "quote"),
    "diff.field.relation": ("relation", "relation"),
    "diff.field.responsible": ("ansvarig", "responsible"),
    "diff.field.scope part": ("del av tillämpningsområdet", "scope part"),
    "diff.field.see also": ("se även", "see also"),
    "diff.field.source": ("källa", "source"),
    "diff.field.title": ("rubrik", "title"),
    "diff.field.trigger": ("händelse", "trigger"),
    "diff.field.vague deadline": ("vag frist", "vague deadline"),
    "diff.field.acknowledged": ("noterade motsägelser", "acknowledged"),
    "diff.field.form": ("form", "form"),
    "diff.field.agreement": ("överenskommelse", "agreement"),
    "diff.field.name": ("namn", "name"),
    "diff.field.region": ("region", "region"),
    "diff.field.kind": ("slag", "kind"),
    "diff.field.extends": ("bygger på", "extends"),
    "diff.field.valid from": ("gäller från", "valid from"),
    "diff.field.baseline note": ("om grunden", "baseline note"),
    "diff.set_added": ("tillagt {items}", "added {items}"),
    "diff.set_removed": ("borttaget {items}", "removed {items}"),
    "diff.template.changed": ("{field}: {old} → {new}", "{field}: {old} → {new}"),
    "diff.template.added": ("{field}: tillagd ({new})", "{field}: added ({new})"),
    "diff.template.removed": ("{field}: borttagen (var {old})", "{field}: removed (was {old})"),
    "diff.template.basis": ("frist enligt {old} → {new}", "{old} → {new} deadline"),
    "diff.title": ("Granskning av en ändring", "Review of a change"),
    "diff.sides": ("{old} → {new}", "{old} → {new}"),
    "diff.revision": (
        "{side}: commit {commit}, {author}, {date}",
        "{side}: commit {commit}, {author}, {date}",
    ),
    "diff.working_copy": ("{side}: filen som den är nu", "{side}: the file as it is now"),
    "diff.side.old": ("före", "old"),
    "diff.side.new": ("efter", "new"),
    "diff.summary": (
        "{added} nya, {removed} borttagna, {changed} ändrade och {unchanged} oförändrade regler; "
        "{file} ändringar på filnivå",
        "{added} added, {removed} removed, {changed} changed, {unchanged} unchanged rules; "
        "{file} file-level changes",
    ),
    "diff.same": (
        "Ingen skillnad i betydelse ({n} regler jämförda).",
        "No differences in meaning ({n} rules compared).",
    ),
    "diff.file": ("Filen", "File"),
    "diff.rules": ("Regler", "Rules"),
    "diff.kind.added": ("Ny regel", "Added rule"),
    "diff.kind.removed": ("Borttagen regel", "Removed rule"),
    "diff.kind.changed": ("Ändrad regel", "Changed rule"),
    "diff.verdict.tightens": ("skärper", "tightens"),
    "diff.verdict.loosens": ("lättar", "loosens"),
    "diff.verdict.unchanged": ("oförändrad verkan", "no change in effect"),
    "diff.verdict.changes": (
        "ändrar verkan (varken bara skärper eller bara lättar)",
        "changes the effect (neither only tightens nor only loosens)",
    ),
    "diff.verdict.adds": (
        "lägger till en plikt som lagen inte har",
        "adds a duty the statute does not have",
    ),
    "diff.against_old": ("mot förra versionen: {verdict}", "against the old version: {verdict}"),
    "diff.against_instead": (
        "mot det som gällde i stället: {verdict}",
        "against what applied instead: {verdict}",
    ),
    "diff.against_baseline": (
        "mot den nationella grunden ({rule}): {verdict}",
        "against the national baseline ({rule}): {verdict}",
    ),
    "diff.against_baseline_none": (
        "mot den nationella grunden: {verdict}",
        "against the national baseline: {verdict}",
    ),
    "diff.aspects": ("{aspects}", "{aspects}"),
    "diff.aspect.deadline": ("frist", "deadline"),
    "diff.aspect.conditions": ("villkor", "conditions"),
    "diff.aspect.trigger": ("händelse", "trigger"),
    "diff.aspect.form": ("form", "form"),
    "diff.aspect.responsible": ("ansvarig", "responsible"),
    "diff.aspect.convener": ("sammankallande", "convener"),
    "diff.aspect.cost_bearer": ("kostnadsansvar", "cost bearer"),
    "diff.aspect.in_force": ("giltighet", "in force"),
    "diff.effect.tightens": ("skärper", "tightens"),
    "diff.effect.loosens": ("lättar", "loosens"),
    "diff.effect.other": ("ändras", "changes"),
    "diff.quote_old": ("citat före", "old quote"),
    "diff.quote_new": ("citat efter", "new quote"),
    "diff.quote": ("citat", "quote"),
    "diff.changes": ("ändringar", "changes"),
    "diff.scenarios": (
        "Scenariotester vars utfall ändras: {n} av {checked} som ändringen når",
        "Scenario tests whose outcome changes: {n} of {checked} the change reaches",
    ),
    "diff.scenarios_unreadable": (
        "{n} scenariofiler kunde inte läsas eller köras",
        "{n} scenario files could not be read or run",
    ),
    "diff.scenario": (
        "{title} ({path}): {before} → {after}; plikter som ändras: {duties}",
        "{title} ({path}): {before} → {after}; duties that change: {duties}",
    ),
    "diff.pass": ("godkänt", "passes"),
    "diff.fail": ("underkänt", "fails"),
    "diff.no_baseline": (
        "basfilerna kunde inte läsas: ingen jämförelse med den nationella grunden",
        "the base files could not be read: no comparison with the national baseline",
    ),
    "wording.within": ("inom {period} från {anchor}", "within {period} from {anchor}"),
    "wording.at_most": (
        "som längst {period} från {anchor}",
        "ending at most {period} from {anchor}",
    ),
    "wording.anchor.event_date": ("händelsedagen", "the event date"),
    "wording.anchor.placement_start": ("placeringens början", "the placement start"),
    "wording.anchor.none": ("ingen startdag", "no anchor"),
    "wording.statutory": ("lagstadgad", "statutory"),
    "wording.agreement": ("överenskommelse", "agreement"),
}
