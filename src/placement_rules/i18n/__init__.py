"""Texts for people, in Swedish (the default) and English.

Machine JSON keeps stable English keys and codes; everything a person reads (tables, status
words, explanations, HTML, calendar entries, service problem titles) comes from one catalogue of
labels keyed by a dotted code, each with both languages. The catalogue is split by concern into
modules (``core``, ``people``, ``pages``, ``legal``, ``rulebook``, ``service``) that each define
``LABELS``; they are merged here and a key may be defined once only (``tests/i18n`` checks
that none is missing a language and that both languages use the same ``{placeholders}``).

A typed table serves better than gettext here: two languages, both maintained by the same people
who write the code, checked completely by a test; no compiled catalogues to keep in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from . import core, legal, pages, people, rulebook, service

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")
DEFAULT_LANG: Lang = "sv"

__all__ = ["DEFAULT_LANG", "LANGS", "Lang", "catalogue", "has", "lang_of", "text"]


def _merge(*modules: Mapping[str, tuple[str, str]]) -> Mapping[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for labels in modules:
        for key, pair in labels.items():
            if key in merged:
                raise RuntimeError(f"label {key!r} is defined twice in placement_rules.i18n")
            merged[key] = pair
    return MappingProxyType(merged)


_CATALOGUE = _merge(
    core.LABELS, people.LABELS, pages.LABELS, legal.LABELS, rulebook.LABELS, service.LABELS
)


def catalogue() -> Mapping[str, tuple[str, str]]:
    """Every label: key -> (Swedish, English). Read-only."""
    return _CATALOGUE


def has(key: str) -> bool:
    return key in _CATALOGUE


def text(key: str, lang: Lang = DEFAULT_LANG, /, **fields: object) -> str:
    """The label ``key`` in ``lang``, its ``{placeholders}`` filled from ``fields``.

    An unknown key is a programming error (KeyError): every key is checked by the tests."""
    sv, en = _CATALOGUE[key]
    template = sv if lang == "sv" else en
    return template.format(**fields) if fields else template


def lang_of(value: str | None) -> Lang:
    """The language asked for by ``--lang`` or an ``Accept-Language`` header: ``en`` when English
    is preferred over Swedish, else Swedish. Never fails: anything unreadable means Swedish."""
    if not value:
        return DEFAULT_LANG
    best: Lang | None = None
    best_quality = 0.0
    for item in value[:200].split(",")[:20]:
        tag, _, params = item.partition(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        if primary == "sv" and quality > best_quality:
            best, best_quality = "sv", quality
        elif primary == "en" and quality > best_quality:
            best, best_quality = "en", quality
    return best if best is not None else DEFAULT_LANG
