"""Labels of the HTTP service and of the command line's problem objects (problem titles,
explanations). Key -> (Swedish, English). See placement_rules.i18n."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "service.problem.invalid_input": ("Ogiltig indata", "Invalid input"),
    "service.problem.invalid_json": ("Ogiltig JSON", "Invalid JSON"),
    "service.problem.unknown_region": ("Okänd region", "Unknown region"),
    "service.problem.tracking": ("Ärendet kan inte följas upp", "The case cannot be tracked"),
    "service.problem.too_large": ("Begäran är för stor", "Request too large"),
    "service.problem.too_many": ("För många poster i begäran", "Too many items in the request"),
    "service.problem.timeout": ("Begäran tog för lång tid", "Request took too long"),
    "service.problem.not_found": ("Finns inte", "Not found"),
    "service.problem.method": ("Metoden är inte tillåten", "Method not allowed"),
    "service.problem.media_type": ("Medietypen stöds inte", "Unsupported media type"),
    "service.problem.not_acceptable": ("Kan inte svara i det formatet", "Not acceptable"),
    "service.problem.internal": ("Internt fel", "Internal error"),
    "service.problem.not_ready": ("Tjänsten är inte redo", "Service not ready"),
    "service.problem.disabled": ("Avstängd", "Disabled"),
    "service.problem.error": ("Fel", "Error"),
    "service.problem.usage": ("Fel i kommandot", "Wrong command-line usage"),
    "service.problem.file": (
        "Filen kan inte läsas eller skrivas",
        "The file cannot be read or written",
    ),
    "service.problem.invalid_file": (
        "Filen kan inte läsas eller är felaktig",
        "The file cannot be read or is malformed",
    ),
    "service.problem.output": ("Utdata kan inte skrivas", "The output cannot be written"),
    "service.problem.interrupted": ("Avbruten", "Interrupted"),
    "service.empty.every_condition_unmet": (
        "Varje regel för händelsen har ett villkor som inte är uppfyllt (varje regels skäl står "
        "i why_not).",
        "Every rule for the event has a condition that is not met (each rule's reason is in "
        "why_not).",
    ),
    "service.empty.no_rule_applies": (
        "Ingen regel för händelsen gäller här (varje regels skäl står i why_not).",
        "No rule for the event applies here (each rule's reason is in why_not).",
    ),
}
