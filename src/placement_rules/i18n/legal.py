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
        "{files} filer granskade: {errors} fel, {warnings} varningar, {noted} noterade, "
        "{infos} info",
        "{files} files linted: {errors} errors, {warnings} warnings, {noted} noted, {infos} infos",
    ),
    "lint.hidden": ("({hidden} mindre allvarliga visas inte)", "({hidden} less severe not shown)"),
    "lint.title": ("Granskning av regelfiler", "Rule lint"),
    "lint.no_findings": ("Inga anmärkningar.", "No findings."),
    "lint.col.severity": ("allvarlighet", "severity"),
    "lint.col.rule": ("regel", "rule"),
    "lint.col.where": ("var", "where"),
    "lint.col.message": ("meddelande", "message"),
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
