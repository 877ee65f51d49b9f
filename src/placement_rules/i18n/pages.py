"""Labels of the pages, the calendar file and the web form: key -> (Swedish, English).
See placement_rules.i18n."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "pages.party.placement_municipality": (
        "vistelsekommunen",
        "the municipality where the child stays",
    ),
    # deadlines
    "pages.when.by": ("senast {date}", "by {date}"),
    "pages.when.limit": ("upphör senast {date}", "ends by {date}"),
    "pages.when.rolled": (
        "flyttad från {date} till närmaste vardag",
        "moved from {date} to the next working day",
    ),
    "pages.when.non_working": (
        "infaller på en helgdag: överenskommelsen flyttar inte dagen",
        "falls on a non-working day: the agreement does not move it",
    ),
    "pages.when.none": ("ingen frist angiven", "no deadline stated"),
    "pages.who.convener": ("{party} kallar", "{party} convenes"),
    "pages.statutory": ("frist enligt lag", "statutory deadline"),
    "pages.agreement": ("frist enligt överenskommelsen", "deadline set by the agreement"),
    # calendar
    "pages.ics.calendar": ("Skyldigheter vid placering", "Duties of a placement"),
    "pages.ics.when": ("När: {when}", "When: {when}"),
    "pages.ics.what": ("Vad: {what}", "What: {what}"),
    "pages.ics.who": ("Vem: {who}", "Who: {who}"),
    "pages.ics.why": ("Varför: {why}", "Why: {why}"),
    "pages.ics.status": ("Läge {date}: {status}", "Status on {date}: {status}"),
    "pages.ics.met_on": ("utförd {date}", "done on {date}"),
    "pages.status.met_on_time": ("i tid", "on time"),
    "pages.status.met_late": ("försenad", "late"),
    "pages.status.met": ("utförd", "done"),
    "pages.status.pending": ("väntar", "pending"),
    "pages.status.overdue": ("förfallen", "overdue"),
    "pages.status.open": ("öppen", "open"),
    "pages.status.untracked": ("följs inte upp", "not tracked"),
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
}
