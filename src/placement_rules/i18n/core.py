"""Labels shared by every view: parties, languages. Key -> (Swedish, English)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "lang.sv": ("svenska", "Swedish"),
    "lang.en": ("engelska", "English"),
}
