"""The municipalities of each region, each list with its source: an event whose home or
placement municipality is not one of its region's gets a warning (never a refusal, and never
naming the municipality given).

Sources:

- ``ostergotland``: the agreement itself, ``seeds/001_78302f6fb1ca2761.txt``, "1. Avtalsparter"
  (line 7: "Region Östergötland och de 13 kommunerna i Östergötland"; the 13 named on lines
  13-37, and again in the signature block, lines 588-642). Also the parties of
  ``rules/ostergotland.yaml``'s agreement ``ogl.samverkan_barn_och_unga.2020``.
- ``vastra_gotaland`` (49), ``jonkoping`` (13) and ``stockholm`` (26): the seeds name none of
  them (Västra Götaland's agreement gives only the count, "samtliga 49 kommuner",
  ``seeds/004_f0a4dc14411f756f.txt`` line 268, which the list below matches). They are from
  Statistics Sweden's register of municipality codes (SCB, "Kommuner i Sverige / Län och
  kommuner i kodnummerordning", län 14, 06 and 01), a public register that is not in the shared
  folder: no quote can be checked against it, so each list says so (``quoted = False``).

A region without a list (``national``, a rules folder's own regions) is not checked.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final


@dataclass(frozen=True)
class MunicipalityList:
    region: str
    names: frozenset[str]
    source: str
    """Where the list comes from, as a citation."""
    quoted: bool
    """Whether the source text is in the shared folder (so the list can be checked against it)."""


_SCB: Final[str] = "SCB's register of municipality codes, län {code}"

LISTS: Final[dict[str, MunicipalityList]] = {
    m.region: m
    for m in (
        MunicipalityList(
            "ostergotland",
            frozenset(
                [
                    "Boxholm",
                    "Finspång",
                    "Kinda",
                    "Linköping",
                    "Mjölby",
                    "Motala",
                    "Norrköping",
                    "Söderköping",
                    "Vadstena",
                    "Valdemarsvik",
                    "Ydre",
                    "Åtvidaberg",
                    "Ödeshög",
                ]
            ),
            "seeds/001_78302f6fb1ca2761.txt, 1. Avtalsparter",
            True,
        ),
        MunicipalityList(
            "vastra_gotaland",
            frozenset(
                [
                    "Ale",
                    "Alingsås",
                    "Bengtsfors",
                    "Bollebygd",
                    "Borås",
                    "Dals-Ed",
                    "Essunga",
                    "Falköping",
                    "Färgelanda",
                    "Grästorp",
                    "Gullspång",
                    "Göteborg",
                    "Götene",
                    "Herrljunga",
                    "Hjo",
                    "Härryda",
                    "Karlsborg",
                    "Kungälv",
                    "Lerum",
                    "Lidköping",
                    "Lilla Edet",
                    "Lysekil",
                    "Mariestad",
                    "Mark",
                    "Mellerud",
                    "Munkedal",
                    "Mölndal",
                    "Orust",
                    "Partille",
                    "Skara",
                    "Skövde",
                    "Sotenäs",
                    "Stenungsund",
                    "Strömstad",
                    "Svenljunga",
                    "Tanum",
                    "Tibro",
                    "Tidaholm",
                    "Tjörn",
                    "Tranemo",
                    "Trollhättan",
                    "Töreboda",
                    "Uddevalla",
                    "Ulricehamn",
                    "Vara",
                    "Vårgårda",
                    "Vänersborg",
                    "Åmål",
                    "Öckerö",
                ]
            ),
            _SCB.format(code=14),
            False,
        ),
        MunicipalityList(
            "jonkoping",
            frozenset(
                [
                    "Aneby",
                    "Eksjö",
                    "Gislaved",
                    "Gnosjö",
                    "Habo",
                    "Jönköping",
                    "Mullsjö",
                    "Nässjö",
                    "Sävsjö",
                    "Tranås",
                    "Vaggeryd",
                    "Vetlanda",
                    "Värnamo",
                ]
            ),
            _SCB.format(code="06"),
            False,
        ),
        MunicipalityList(
            "stockholm",
            frozenset(
                [
                    "Botkyrka",
                    "Danderyd",
                    "Ekerö",
                    "Haninge",
                    "Huddinge",
                    "Järfälla",
                    "Lidingö",
                    "Nacka",
                    "Norrtälje",
                    "Nykvarn",
                    "Nynäshamn",
                    "Salem",
                    "Sigtuna",
                    "Sollentuna",
                    "Solna",
                    "Stockholm",
                    "Sundbyberg",
                    "Södertälje",
                    "Tyresö",
                    "Täby",
                    "Upplands Väsby",
                    "Upplands-Bro",
                    "Vallentuna",
                    "Vaxholm",
                    "Värmdö",
                    "Österåker",
                ]
            ),
            _SCB.format(code="01"),
            False,
        ),
    )
}


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


_KEYS: Final[dict[str, frozenset[str]]] = {
    region: frozenset(_key(n) for n in m.names) for region, m in LISTS.items()
}
_SUFFIXES: Final[tuple[str, ...]] = (" kommun", " stad")


def is_known(region: str, name: str) -> bool | None:
    """Whether ``name`` is one of ``region``'s municipalities (``Linköping``, ``Linköpings
    kommun``, ``Göteborgs stad``; case and spacing aside), or ``None`` when the region has no
    list."""
    keys = _KEYS.get(region)
    if keys is None:
        return None
    key = _key(name)
    if key in keys:
        return True
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            stem = key[: -len(suffix)]
            return stem in keys or (stem.endswith("s") and stem[:-1] in keys)
    return False


@lru_cache(maxsize=4096)
def municipality_warnings(
    home_region: str,
    home_municipality: str,
    placement_region: str,
    placement_municipality: str | None,
) -> tuple[str, ...]:
    """Warnings for municipalities unknown to their region (the home municipality in the home
    region, the placement municipality in the placement region); none for a region without a
    list. The warnings name the field and the list's source, never the name given."""
    out = []
    for field, region, name in (
        ("home_municipality", home_region, home_municipality),
        ("placement_municipality", placement_region, placement_municipality),
    ):
        if name is not None and is_known(region, name) is False:
            listed = LISTS[region]
            out.append(
                f"{field} is not one of the {len(listed.names)} municipalities of {region} "
                f"({listed.source}); check the spelling and the region"
            )
    return tuple(out)
