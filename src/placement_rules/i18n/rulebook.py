"""Labels: key -> (Swedish, English). See placement_rules.i18n."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {}
