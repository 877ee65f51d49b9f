"""The answer encoder: orjson and the standard library write the same text, and a party is
the same whichever path builds it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placement_rules.contract import encode

orjson = pytest.importorskip("orjson")

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(VALUES)
def test_orjson_and_the_standard_library_write_the_same_text(value: object) -> None:
    assert encode._fast_json()(value) == encode._std_json()(value)


@given(
    st.sampled_from(["kommun", "region", "skola"]),
    st.none() | st.text(min_size=1, max_size=30),
    st.text(min_size=1, max_size=30),
)
def test_a_spliced_party_is_the_party_encoded_whole(
    principal: str, unit: str | None, resolved: str
) -> None:
    from placement_rules.models import Responsible
    from placement_rules.results import Places

    party = Responsible(principal=principal, unit=unit, locus="home_municipality")  # type: ignore[arg-type]
    shape = encode._shape(party)
    assert shape is not None
    places = Places(resolved, None, "r", "r", "r")
    expected = encode._party_json(principal, unit, "home_municipality", resolved)
    assert shape.json(places) == expected
    assert json.loads(expected)["label"].startswith(principal)
