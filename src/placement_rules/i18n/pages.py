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
}
