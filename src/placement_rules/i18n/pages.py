"""Labels of the pages, the calendar file and the web form: key -> (Swedish, English).
See placement_rules.i18n."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "pages.party.placement_municipality": (
        "vistelsekommunen",
        "the municipality where the child stays",
    ),
    # calendar
    "pages.ics.calendar": ("Skyldigheter vid placering", "Duties of a placement"),
    "pages.ics.when": ("När: {when}", "When: {when}"),
    "pages.ics.what": ("Vad: {what}", "What: {what}"),
    "pages.ics.who": ("Vem: {who}", "Who: {who}"),
    "pages.ics.why": ("Varför: {why}", "Why: {why}"),
    "pages.ics.status": ("Läge {date}: {status}", "Status on {date}: {status}"),
    "pages.ics.met_on": ("utförd {date}", "done on {date}"),
    # the printable page
    "pages.html.skip": ("Hoppa till innehållet", "Skip to the content"),
    "pages.html.footer": (
        "Skapad med placement-rules {version} ur överenskommelsernas och lagarnas texter. "
        "Kontrollera mot källan innan du agerar.",
        "Made with placement-rules {version} from the texts of the agreements and statutes. "
        "Check against the source before acting.",
    ),
    "pages.html.heading": ("Skyldigheter när {kind}", "Duties when {kind}"),
    "pages.html.case_heading": ("Ärendets skyldigheter den {date}", "The case's duties on {date}"),
    "pages.html.date": ("Händelsens datum: {date}", "Date of the event: {date}"),
    "pages.html.region": ("Region: {region}", "Region: {region}"),
    "pages.html.events": ("Händelser i ärendet: {n}", "Events in the case: {n}"),
    "pages.html.law": ("Lag i kraft: {law}", "Law in force: {law}"),
    "pages.html.agreement": ("Överenskommelse: {title}", "Agreement: {title}"),
    "pages.html.no_agreement": (
        "Ingen regional överenskommelse gäller detta datum: bara lagen",
        "No regional agreement in force on this date: the statutes only",
    ),
    "pages.html.only_party": (
        "Visar bara det som {party} ska göra.",
        "Showing only what {party} must do.",
    ),
    "pages.html.notices": ("Observera", "Note"),
    "pages.html.next": ("Nästa steg", "Next steps"),
    "pages.html.count": ("{n} st.", "{n}"),
    "pages.html.none": ("Inga skyldigheter", "No duties"),
    "pages.html.no_duties": (
        "Ingen regel i överenskommelsen eller lagen gäller för den här händelsen med de "
        "uppgifter som angetts.",
        "No rule of the agreement or the statutes applies to this event with the facts given.",
    ),
    "pages.html.out_of_scope": (
        "Händelsen ligger utanför överenskommelsens tillämpningsområde; bara lagen gäller.",
        "The event is outside the agreement's scope; only the statutes apply.",
    ),
    "pages.html.national_only": (
        "Regionen har ingen överenskommelse i kraft detta datum; bara lagen gäller.",
        "The region has no agreement in force on this date; only the statutes apply.",
    ),
    "pages.html.case_empty": (
        "Ärendets händelser ger inga skyldigheter.",
        "The case's events give no duties.",
    ),
    "pages.html.when": ("När", "When"),
    "pages.html.status": ("Läge", "Status"),
    "pages.html.what": ("Vad", "What"),
    "pages.html.who": ("Vem", "Who"),
    "pages.html.why": ("Varför", "Why"),
    "pages.html.source": ("Lag och källa", "Law and source"),
    "pages.html.days_overdue": ("{n} dagar efter sista dagen", "{n} days past the last day"),
    "pages.html.actions": ("Spara och skriv ut", "Save and print"),
    "pages.html.filter": ("Visa en parts skyldigheter", "Show one party's duties"),
    # the web form
    "pages.form.title": ("Vilka skyldigheter ger händelsen?", "What duties does the event create?"),
    "pages.form.intro": (
        "Ange vad som har hänt och de uppgifter reglerna frågar efter. Ange inga namn eller "
        "personnummer: de behövs inte och sparas inte.",
        "Enter what happened and the facts the rules ask about. Enter no names or personal "
        "identity numbers: they are not needed and nothing is stored.",
    ),
    "pages.form.submit": ("Visa skyldigheterna", "Show the duties"),
    "pages.form.required": ("(måste fyllas i)", "(required)"),
    "pages.form.errors": ("{n} uppgifter behöver rättas", "{n} fields need correcting"),
    "pages.form.legend.event": ("Händelsen", "The event"),
    "pages.form.legend.child": ("Barnet", "The child"),
    "pages.form.legend.place": ("Kommun och region", "Municipality and region"),
    "pages.form.legend.care": ("Vården och placeringen", "The care and the placement"),
    "pages.form.legend.parties": ("Vilken verksamhet", "Which service"),
    "pages.form.legend.facts": ("Omständigheter", "Circumstances"),
    "pages.form.legend.other": ("Övrigt", "Other"),
    "pages.form.field.kind": ("Vad har hänt?", "What happened?"),
    "pages.form.field.date": ("Händelsens datum", "Date of the event"),
    "pages.form.field.birth_date": ("Barnets födelsedatum", "The child's date of birth"),
    "pages.form.field.legal_basis": ("Lag som vården ges enligt", "Law the care is given under"),
    "pages.form.field.placement_form": ("Placeringsform", "Form of placement"),
    "pages.form.field.home_municipality": ("Hemkommun", "Home municipality"),
    "pages.form.field.home_region": ("Hemregion", "Home region"),
    "pages.form.field.placement_region": ("Region där barnet placeras", "Region of the placement"),
    "pages.form.field.placement_municipality": (
        "Kommun där barnet vistas",
        "Municipality where the child stays",
    ),
    "pages.form.field.placement_start": ("Placeringens startdatum", "Start of the placement"),
    "pages.form.field.noticed_by": (
        "Vem uppmärksammade behovet?",
        "Who noticed the need?",
    ),
    "pages.form.field.consulted": ("Vem konsulteras?", "Who is consulted?"),
    "pages.form.field.summoned": ("Vem kallades?", "Who was summoned?"),
    "pages.form.field.treatment_moved_to_placement_region": (
        "Var ges behandlingen?",
        "Where is the treatment given?",
    ),
    "pages.form.hint.date": (
        "Skriv ÅÅÅÅ-MM-DD, till exempel 2025-09-01.",
        "Write YYYY-MM-DD, for example 2025-09-01.",
    ),
    "pages.form.hint.birth_date": (
        "Åldern räknas på händelsens datum. Skriv ÅÅÅÅ-MM-DD.",
        "Age is counted on the event's date. Write YYYY-MM-DD.",
    ),
    "pages.form.hint.placement_start": (
        "Om placeringen började före händelsen. Skriv ÅÅÅÅ-MM-DD.",
        "If the placement began before the event. Write YYYY-MM-DD.",
    ),
    "pages.form.hint.home_municipality": (
        "Den placerande kommunen.",
        "The placing municipality.",
    ),
    "pages.form.empty.legal_basis": ("inte beslutat än", "not decided yet"),
    "pages.form.empty.placement_form": ("ingen placering", "no placement"),
    "pages.form.empty.placement_region": ("samma som hemregionen", "the same as the home region"),
    "pages.form.empty.noticed_by": ("inte aktuellt", "not relevant"),
    "pages.form.empty.consulted": ("inte aktuellt", "not relevant"),
    "pages.form.empty.summoned": ("inte aktuellt", "not relevant"),
    "pages.form.error.missing": ("Fyll i uppgiften.", "Fill this in."),
    "pages.form.error.date": (
        "Skriv ett datum som ÅÅÅÅ-MM-DD, mellan {low} och {high}.",
        "Write a date as YYYY-MM-DD, between {low} and {high}.",
    ),
    "pages.form.error.choice": ("Välj ett av alternativen i listan.", "Choose one of the options."),
    "pages.form.error.text": (
        "Skriv högst 200 tecken, utan radbrytningar.",
        "Write at most 200 characters, without line breaks.",
    ),
    "pages.form.error.other": ("Uppgiften kan inte användas.", "This value cannot be used."),
    "pages.form.error.after_birth_date": (
        "Födelsedatumet är efter händelsens datum.",
        "The date of birth is after the event's date.",
    ),
    "pages.form.error.after_placement_start": (
        "Placeringen börjar efter händelsens datum.",
        "The placement starts after the event's date.",
    ),
    "pages.form.too_large": ("Formuläret är för stort.", "The form is too large."),
    "pages.form.back": ("Tillbaka till formuläret", "Back to the form"),
    "pages.form.ics": ("Ladda ner kalenderfil (.ics)", "Download calendar file (.ics)"),
    "pages.form.print": ("Utskriftsvänlig sida", "Print view"),
    "pages.form.edit": ("Ändra händelsen", "Change the event"),
    "pages.form.party_button": ("{party} ({n})", "{party} ({n})"),
    "pages.form.all_parties": ("Alla ({n})", "All ({n})"),
    "pages.form.value.legal_basis.SoL": (
        "SoL – socialtjänstlagen (frivillig vård)",
        "SoL – the Social Services Act (voluntary care)",
    ),
    "pages.form.value.legal_basis.LVU": (
        "LVU – lagen om vård av unga (tvångsvård)",
        "LVU – the Care of Young Persons Act (compulsory care)",
    ),
    "pages.form.value.legal_basis.LVM": (
        "LVM – lagen om vård av missbrukare",
        "LVM – the Care of Abusers Act (compulsory care)",
    ),
}
