"""The bounded JSON reader: its fast path (orjson, proved clean by counts over the bytes) and
the standard library's reader it falls back to give the same answer for every text, the same
data (same types, same key order) or the same :class:`YamlProblem` (message, line, column,
path). Differential: hypothesis writes JSON texts, valid and hostile, token by token."""

from __future__ import annotations

import json
import math
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from placement_rules import safe_yaml
from placement_rules.safe_yaml import (
    DATA_FILE_LIMITS,
    Limits,
    YamlProblem,
    decode,
    load_json,
)

ROOT = Path(__file__).resolve().parents[1]
REPRO = Path(os.environ.get("PLACEMENT_RULES_REPRO", "/work/shared/repro/reliability"))

pytestmark = pytest.mark.skipif(
    safe_yaml._orjson_loads is None, reason="orjson (extra [service]) is not installed"
)


# --- what a reader answers ----------------------------------------------------------------


def shape(value: Any) -> Any:
    """``value`` with its types and key order made part of equality (``1 == 1.0 == True`` and
    ``0.0 == -0.0`` in Python, and dicts compare without order)."""
    if isinstance(value, dict):
        return ("dict", tuple((key, shape(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("list", tuple(shape(item) for item in value))
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value.hex())
    return (type(value).__name__, value)


def texts_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(piece for item in value.values() for piece in texts_in(item))]
    if isinstance(value, list):
        return [piece for item in value for piece in texts_in(item)]
    return [value] if isinstance(value, str) else []


def answer(read: Any, text: str | bytes, limits: Limits) -> Any:
    try:
        return ("value", shape(read(text, limits)))
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column, exc.path)


def fast(text: str | bytes, limits: Limits) -> Any:
    return load_json(text, limits=limits)


def stdlib(text: str | bytes, limits: Limits) -> Any:
    """The reader without orjson: bytes decoded first, then the standard library's decoder."""
    return safe_yaml._stdlib_json(decode(text) if isinstance(text, bytes) else text, limits)


def same_answer(text: str, limits: Limits = DATA_FILE_LIMITS) -> Any:
    """The one answer of both readers for ``text``, given as text and as UTF-8 bytes."""
    expected = answer(stdlib, text, limits)
    assert answer(fast, text, limits) == expected
    raw = text.encode("utf-8", "surrogatepass")
    assert answer(fast, raw, limits) == answer(stdlib, raw, limits)
    return expected


def taken_fast(text: str | bytes, limits: Limits = DATA_FILE_LIMITS) -> bool:
    loads = safe_yaml._orjson_loads
    assert loads is not None
    return safe_yaml._fast_json(text, limits, loads) is not safe_yaml._UNDECIDED


# --- JSON texts, token by token -------------------------------------------------------------

WHITESPACE = st.sampled_from(["", "", "", " ", "\n", "\t", "\r\n", "  \n "])

_ESCAPES = ['\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0061", "\\u00e9"]
_SURROGATES = ["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\uD834\\uDD1E", "\\ud800\\u0061"]
STRING_PIECES = st.one_of(
    st.text(st.characters(exclude_characters='"\\', exclude_categories=["Cc", "Cs"]), max_size=6),
    st.sampled_from(_ESCAPES),
    st.sampled_from(_SURROGATES),
    st.sampled_from(['":', '": ', "{", "[", "]", "}", ":", ",", '\\":', "0123456789012345"]),
    st.integers(0, 0xFFFF).map(lambda c: f"\\u{c:04x}"),
)
STRINGS = st.lists(STRING_PIECES, max_size=4).map(lambda pieces: '"' + "".join(pieces) + '"')
KEYS = st.one_of(
    st.sampled_from(['"a"', '"\\u0061"', '"b"', '"a:"', '"{"', '"\\""', '""', '"kind"']),
    STRINGS,
)
NUMBERS = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["0", "-0", "-0.0", "0.0", "1e400", "-1e400", "1e-400", "5e-324", "1E2"]),
    st.sampled_from(["123456789012345678", "-123456789012345678", "1234567890123456789"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.from_regex(r"-?(0|[1-9][0-9]{0,44})(\.[0-9]{1,44})?([eE][-+]?[0-9]{1,4})?", fullmatch=True),
)
SCALARS = st.one_of(
    st.sampled_from(["null", "true", "false", "NaN", "Infinity", "-Infinity"]),
    NUMBERS,
    STRINGS,
)


def _array(items: list[tuple[str, str]]) -> str:
    return "[" + ",".join(f"{before}{item}" for before, item in items) + "]"


def _object(entries: list[tuple[str, str, str, str]]) -> str:
    return "{" + ",".join(f"{a}{key}{b}:{c}{value}" for a, key, b, c, value in entries) + "}"


def _collections(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.tuples(WHITESPACE, children), max_size=5).map(_array),
        st.lists(st.tuples(WHITESPACE, KEYS, WHITESPACE, WHITESPACE, children), max_size=5).map(
            lambda entries: _object([(a, k, b, c, v) for a, k, b, c, v in entries])
        ),
    )


VALUES = st.recursive(SCALARS, _collections, max_leaves=30)
DOCUMENTS = st.tuples(WHITESPACE, VALUES, WHITESPACE).map("".join)


def _mutate(text: str, where: int, what: str, how: str) -> str:
    at = where % (len(text) + 1)
    if how == "insert":
        return text[:at] + what + text[at:]
    if how == "replace":
        return text[:at] + what + text[at + 1 :]
    return text[:at]  # truncated


HOSTILE_DOCUMENTS = st.one_of(
    DOCUMENTS,
    st.builds(
        _mutate,
        DOCUMENTS,
        st.integers(0, 10_000),
        st.sampled_from(["\x00", "\x1f", "\x7f", "\ufeff", "\ud800", '"', "\\", ",", ":", "{"]),
        st.sampled_from(["insert", "replace", "truncate"]),
    ),
    DOCUMENTS.map(lambda text: "\ufeff" + text),
    st.integers(1, 30).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 30).map(lambda n: '{"a":' * n + "1" + "}" * n),
)
LIMITS = st.one_of(
    st.just(DATA_FILE_LIMITS),
    st.builds(Limits, st.integers(1, 300), st.integers(1, 10), st.integers(1, 40)),
)


# --- the property ---------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_DOCUMENTS, LIMITS)
@example('{"a": 1, "\\u0061": 2}', DATA_FILE_LIMITS)
@example('{"x": {"y": [{"k": 1, "k": 1}]}}', DATA_FILE_LIMITS)
@example('{"a\\":": 1, "a": 2, "a": 3}', DATA_FILE_LIMITS)
@example('[1, {"b": 2, "b" :3}]', DATA_FILE_LIMITS)
@example('{"a":"x:", "a":1}', DATA_FILE_LIMITS)
@example("[12345678901234567890123456789]", DATA_FILE_LIMITS)
@example("[1.00000000000000000000000000000000000001]", DATA_FILE_LIMITS)
@example('["1234567890123456789012345678901234567890123", 1.5]', DATA_FILE_LIMITS)
@example("[[[[[[[[1]]]]]]]]", DATA_FILE_LIMITS)
@example("[[[[[[[[[1]]]]]]]]]", DATA_FILE_LIMITS)
@example('[["[[[[[[[["]]', DATA_FILE_LIMITS)
@example("[1,2,3,4]", Limits(100, 8, 4))
@example("[1,2,3,4]", Limits(100, 8, 5))
@example('"\\ud800"', DATA_FILE_LIMITS)
@example('{"\\udc00": 1}', DATA_FILE_LIMITS)
def test_both_readers_answer_alike(text: str, limits: Limits) -> None:
    same_answer(text, limits)


CLEAN_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**18) + 1, 10**18 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
    ),
    lambda children: st.lists(children, max_size=6) | st.dictionaries(st.text(), children),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    CLEAN_VALUES,
    st.booleans(),
    st.sampled_from([None, 0, 2]),
    st.sampled_from([(",", ":"), (", ", ": "), (" ,\n", " : ")]),
)
def test_clean_documents_are_read_fast_as_written(
    value: Any, ascii_only: bool, indent: int | None, separators: tuple[str, str]
) -> None:
    """Documents as other programs write them (unique keys, numbers in range): read to the
    data that was written unless they nest too deep, and by the fast path unless a text in
    them holds a colon (the keys' count is uncertain) or a long run of digits."""
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent, separators=separators)
    found = same_answer(text)
    if found[0] == "value":
        assert found == ("value", shape(value))
        assert taken_fast(text) or any(
            ":" in piece or re.search("[0-9]{19}|[-+.0-9eE]{41}", piece)
            for piece in texts_in(value)
        )
    else:
        assert "nested more than" in found[1]


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS, st.binary(min_size=1, max_size=3), st.integers(0, 10_000))
def test_both_readers_answer_alike_for_bytes_that_may_not_be_utf8(
    text: str, junk: bytes, where: int
) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    at = where % (len(raw) + 1)
    raw = raw[:at] + junk + raw[at:]
    assert answer(fast, raw, DATA_FILE_LIMITS) == answer(stdlib, raw, DATA_FILE_LIMITS)


# --- named cases: what the answer is, not only that it is the same -------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ('{"kind": "x", "kind": "y"}', "a key appears twice"),
        ('{"a": {"b": [{"c": 1, "c": 2}]}}', "a key appears twice"),
        ('{"a": 1, "\\u0061": 2}', "a key appears twice"),
        ('{"a": 1, "a" : 2}', "a key appears twice"),
        ('{"t": "10:30", "a": 1, "a": 2}', "a key appears twice"),
        ("[1234567890123456789]", "not a number"),
        ("[-1234567890123456789]", "not a number"),
        ("[100000000000000000000000000000000]", "not a number"),
        ("[0.12345678901234567890123456789012345678901]", "not a number"),
        ("[-0.12345678901234567890123456789012345678]", "not a number"),  # 41 characters
        ("[1.234567890123456789012345678901234567e+1]", "not a number"),  # 41
        ("[1234567890.123456789012345678e-1234567890]", "not a number"),  # 41, no run of 19
        ("[1e-400000000000000000000000000000000000000]", "not a number"),
        ("[NaN]", "NaN"),
        ("[-Infinity]", "NaN"),
        ("[1e400]", "infinities"),  # too large for a float: it would be read as infinity
        ('{"a": -1e400}', "infinities"),
        ('"\\ud800"', "unpaired surrogate"),
        ('{"\\udfff": 1}', "unpaired surrogate"),
        ("[" * 9 + "]" * 9, "nested more than 8 levels"),
        ('{"a": "\x01"}', "JSON syntax"),
        ("\ufeff{}", "JSON syntax"),
        ("{} {}", "JSON syntax"),
        ("", "JSON syntax"),
    ],
)
def test_refused_alike(text: str, phrase: str) -> None:
    kind, message, *_ = same_answer(text)
    assert kind == "problem" and phrase in message
    assert not taken_fast(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-0", 0),
        ("-0.0", -0.0),
        ("1e-400", 0.0),
        ("[123456789012345678, -123456789012345678]", [123456789012345678, -123456789012345678]),
        ("[0.1234567890123456789012345678901234567]", [0.1234567890123456789012345678901234567]),
        ("[-0.1234567890123456789012345678901234567]", [-0.1234567890123456789012345678901234567]),
        ("[-1.2345678901234567890123456789012345e+1]", [-12.345678901234567890123456789012345]),
        ("[1234567890.12345678901234567e-1234567890]", [0.0]),  # 40 characters
        ("[0.0036149932585266744]", [0.0036149932585266744]),  # a run of 19 in a fraction
        ("[1234567890123456789.5]", [float("1234567890123456789.5")]),  # a float's whole part
        ("[1e-0000000000000000001, -2E+00000000000000000002]", [0.1, -200.0]),
        ('["2022-05-27 2023-01-01", 12345678, 1.5e-7]', ["2022-05-27 2023-01-01", 12345678, 15e-8]),
        ('"\\ud83d\\ude00"', "\U0001f600"),
        ('{"b": 1, "a": [true, null, 1.0]}', {"b": 1, "a": [True, None, 1.0]}),
        ('{"a\\":": "{[", "b": "\\":"}', {'a":': "{[", "b": '":'}),
        (' \t\r\n{"a" : 1 }\n', {"a": 1}),
        ("[" * 8 + "]" * 8, [[[[[[[[]]]]]]]]),
        ('"\x7f\u2028"', "\x7f\u2028"),
    ],
)
def test_read_alike(text: str, value: Any) -> None:
    assert same_answer(text) == ("value", shape(value))


def test_a_key_twice_is_found_where_it_is() -> None:
    """The slow reader, which alone answers for a refused text, still says where."""
    with pytest.raises(YamlProblem) as info:
        load_json('{"a": 1,\n "b": {"c": 2, "c": 3}}')
    assert (info.value.line, info.value.column) == (2, 16)
    assert info.value.message == "a key appears twice in one object"


# --- the fast path is taken where it should be ----------------------------------------------


def _event_mix() -> list[bytes]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_service import events_json
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return events_json(300)


def test_the_fast_path_reads_every_event_of_the_mix() -> None:
    """Every event of the benchmark's mix (every region, legal basis and form) is read by
    orjson and proved clean (else the speed would be the slow reader's, silently)."""
    bodies = _event_mix()
    for body in bodies:
        assert taken_fast(body) and taken_fast(body.decode("utf-8"))
        assert answer(fast, body, DATA_FILE_LIMITS) == answer(stdlib, body, DATA_FILE_LIMITS)
    batch = b"[" + b",".join(bodies) + b"]"
    limits = Limits(1 << 20, DATA_FILE_LIMITS.max_depth + 1, 300 * 64)
    assert taken_fast(batch, limits)
    assert load_json(batch, limits=limits) == [json.loads(body) for body in bodies]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.json")), ids=lambda p: p.name)
def test_the_examples_are_read_fast_and_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert same_answer(text)[0] == "value"
    assert taken_fast(text)


def test_without_orjson_the_standard_library_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the extra, ``load_json`` is the standard library's reader, bytes included."""
    texts = ['{"a": [1, 2.5, "x"]}', '{"a": 1, "a": 2}', '"\\ud800"', "[1e400]", "[" * 9 + "]" * 9]
    with_orjson = [answer(fast, text, DATA_FILE_LIMITS) for text in texts]
    monkeypatch.setattr(safe_yaml, "_orjson_loads", None)
    for text, expected in zip(texts, with_orjson, strict=True):
        assert answer(fast, text, DATA_FILE_LIMITS) == expected
        assert answer(fast, text.encode(), DATA_FILE_LIMITS) == expected
    assert answer(fast, b'{"a": "\xff"}', DATA_FILE_LIMITS)[1].startswith("not UTF-8 text")


# --- the reproducers of issue 15 ----------------------------------------------------------

_REBUILT = {
    "audit_bigint line": '{"case_id": "B", "acute": 1' + "0" * 5000 + "}",
    "audit_deep line": '{"case_id": "B", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "audit_surrogate line": '{"case_id": "A\\ud800", "kind": "report_of_concern"}',
    "event_home_region_echo": '{"kind": "placement_started", "home_region": "19121212-1212"}',
    "event_lax_coercion": '{"birth_date": "0", "acute": "yes"}',
    "track_9999": '{"events":[{"kind": "investigation_opened", "date": "9999-10-15"}]}',
}


@pytest.mark.parametrize("name", sorted(_REBUILT))
def test_the_reproducers_rebuilt(name: str) -> None:
    same_answer(_REBUILT[name])


def _repro_inputs() -> list[Path]:
    if not REPRO.is_dir():
        return []
    return sorted(p for p in REPRO.rglob("*") if p.is_file() and p.suffix != ".sh")


@pytest.mark.skipif(not REPRO.is_dir(), reason="the reproducers' folder is not on this machine")
@pytest.mark.parametrize("path", _repro_inputs(), ids=lambda p: str(p.relative_to(REPRO)))
def test_the_reproducers_as_they_are(path: Path) -> None:
    """Every input of ``run_all.sh``, whole and (JSON Lines) line by line, as bytes and text."""
    raw = path.read_bytes()
    pieces = [raw, *raw.split(b"\n")] if path.suffix == ".jsonl" else [raw]
    for piece in pieces:
        assert answer(fast, piece, DATA_FILE_LIMITS) == answer(stdlib, piece, DATA_FILE_LIMITS)
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            continue
        same_answer(text)


# --- the service's bodies -------------------------------------------------------------------


def _refusal(read: Any) -> tuple[int, str, str | None, tuple[str, ...]]:
    from placement_rules.service.problems import ProblemError

    with pytest.raises(ProblemError) as info:
        read()
    problem = info.value
    return problem.status, problem.code, problem.detail, tuple(e.code for e in problem.errors)


def test_service_bodies_read_as_bytes_or_text_alike() -> None:
    """ASCII bodies go to the reader as bytes, others as text: the same data, and a body
    that is not UTF-8 still gets the service's own answer."""
    from placement_rules.service.inputs import parse_json, parse_ndjson

    size = 1 << 20
    body = '{"home_municipality": "Borås", "kind": "x"}'.encode()
    assert parse_json(body, size) == {"home_municipality": "Borås", "kind": "x"}
    assert parse_json(b'{"a": [1]}', size) == {"a": [1]}
    bad = b'{"home_municipality": "Bor\xe5s"}'
    assert _refusal(lambda: parse_json(bad, size)) == (
        400,
        "invalid_json",
        "the body is not UTF-8",
        ("encoding",),
    )
    lines = b'{"a": 1}\n\n{"b": "\xc3\xa5"}\n{"c": 1, "c": 2}\n'
    assert _refusal(lambda: parse_ndjson(lines, size, 10)) == (
        400,
        "invalid_json",
        "line 4: a key appears twice in one object",
        ("invalid_json",),
    )
    assert parse_ndjson(lines.rsplit(b"\n", 2)[0], size, 10) == [{"a": 1}, {"b": "å"}]
    deep = b"[" + b"[" * 8 + b"]" * 8 + b"]"
    assert parse_json(deep, size, nesting=1, items=2) == [[[[[[[[[]]]]]]]]]
    assert _refusal(lambda: parse_json(deep, size))[2] == (
        "line 1, column 9: nested more than 8 levels deep"
    )
