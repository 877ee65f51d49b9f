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
}
