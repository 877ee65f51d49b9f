"""The label catalogue: both languages for every key, the same placeholders in both."""

from __future__ import annotations

import string

import pytest

from placement_rules.i18n import DEFAULT_LANG, catalogue, lang_of, text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_label_has_both_languages_with_the_same_placeholders(key: str) -> None:
    sv, en = catalogue()[key]
    assert sv.strip() and en.strip()
    assert _fields(sv) == _fields(en)


def test_swedish_is_the_default() -> None:
    assert DEFAULT_LANG == "sv"
    assert text("lang.sv") == "svenska"
    assert text("lang.sv", "en") == "Swedish"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "sv"),
        ("", "sv"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
        ("en;q=0.5,sv;q=0.9", "sv"),
        ("de,fr", "sv"),
        ("en;q=abc", "sv"),
        ("*", "sv"),
    ],
)
def test_lang_of_reads_an_accept_language_header(header: str | None, lang: str) -> None:
    assert lang_of(header) == lang
