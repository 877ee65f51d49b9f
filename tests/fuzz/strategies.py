"""Hostile inputs, built from valid ones: each strategy starts from a valid rule file, event or
audit row and breaks it in one of the ways an outsider would (a wrong value, a planted key, a
YAML construct the format does not use, a bomb, a range's far end, a truncation...). Every
hostile value carries the marker, so the invariant can tell whether it was echoed.

Strategies are built once at import (a strategy built inside a draw is validated anew every
time, which halved the rate)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import yaml
from hypothesis import strategies as st

from placement_rules.events import Event
from placement_rules.testing import event_dicts

from ..rulefile_texts import VALID_REGIONAL
from .invariant import MARKER, RULE_MARKER

# --- hostile values ------------------------------------------------------------------------

_WORDS = [
    "0", "yes", "on", "no", "1", "true", "TRUE", "1756684800", "9999-12-31", "0001-01-01",
    "2025-02-30", "2025-08-18T10:00", "2001-12-31", "2091-01-01", "", " ", "\ud800", "\x00",
    "../../../../tmp/evil", "/etc/passwd", "x" * 300, "NaN", "-1", "1e400", "0x1f", "\u2028",
]  # fmt: skip


def hostile(marker: str = MARKER) -> st.SearchStrategy[Any]:
    """A value that is wrong for most fields; the texts carry ``marker``."""
    return st.one_of(
        st.just(marker),
        st.just(int(MARKER.replace("-", ""))),
        st.sampled_from(_WORDS).map(lambda w: w + marker),
        st.sampled_from(_WORDS),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
        st.text(max_size=12).map(lambda s: s + marker),
        st.just([marker]),
        st.just({marker: marker}),
        st.dates(min_value=dt.date(1, 1, 1)),
    )


HOSTILE = hostile()
HOSTILE_IN_RULES = hostile(RULE_MARKER)


# --- rule-file texts ------------------------------------------------------------------------

BASE_RULES: dict[str, Any] = yaml.safe_load(VALID_REGIONAL)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


ALL_PATHS = _paths(BASE_RULES)[1:]
KEY_PATHS = [p for p in ALL_PATHS if isinstance(p[-1], str)]


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


MAPPING_PATHS = [()] + [p for p in ALL_PATHS if isinstance(_get(BASE_RULES, p), dict)]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _set(copy[head], rest, value)
    return copy


YAML_SNIPPETS = [
    "&a ", "*a", "!!int ", "!!timestamp ", "!!python/object ", "!", "!!str ", "!!binary ", "[",
    "]", "{", "}", "? ", ": ", "- ", '"', "'", "\t", "\n", "#", "%YAML 1.1\n", "---\n", "...\n",
    "\x00", "\ud800", "\ufeff", "<<: ", "|", ">", "0x", "1:30", "~", "\x85", "\u2028",
]  # fmt: skip
"""Spliced into a rule file's text anywhere (and then, once and last, the marker: see
:func:`rule_texts`)."""

PERIODS = st.one_of(
    st.integers(0, 20_000), st.just(10**30), st.just(8000), st.just(10**18 - 1), st.just(-1)
)


def _date_token(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"@@{value.isoformat()}@@"
    return str(value)


def _dump(data: Any, block: bool) -> str:
    """YAML text of ``data``: block style (libyaml's emitter, about 1.5 ms) or flow style (JSON
    with dates unquoted, ten times cheaper; JSON is YAML too)."""
    if not block:
        text = json.dumps(data, ensure_ascii=False, default=_date_token)
        return text.replace('"@@', "").replace('@@"', "")
    try:
        return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    except (UnicodeEncodeError, yaml.YAMLError):  # libyaml cannot emit a lone surrogate
        return yaml.safe_dump(data, allow_unicode=False, sort_keys=False)


def _bomb(levels: int) -> str:
    names = "abcdefghijk"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{names[i]}: &{names[i]} [{','.join([f'*{names[i - 1]}'] * 9)}]" for i in range(1, levels)
    ]
    return "\n".join(lines) + "\n"


@st.composite
def rule_texts(draw: st.DrawFn) -> str:
    """A rule-file text: the valid test file with one hostile change."""
    how = draw(
        st.sampled_from(
            ["value", "unknown_key", "delete", "period", "date", "splice", "bomb", "deep",
             "shared", "truncate"]
        )
    )  # fmt: skip
    data: Any = BASE_RULES
    if how == "value":
        data = _set(data, draw(st.sampled_from(ALL_PATHS)), draw(HOSTILE_IN_RULES))
    elif how == "unknown_key":
        path = draw(st.sampled_from(MAPPING_PATHS))
        key = draw(st.sampled_from([RULE_MARKER, f"x{MARKER}", MARKER, "ab" + MARKER]))
        # (an unknown key is never shown, identifier or not)
        data = _set(data, path, {**_get(data, path), key: draw(HOSTILE_IN_RULES)})
    elif how == "delete":
        path = draw(st.sampled_from(KEY_PATHS))
        parent = dict(_get(data, path[:-1]))
        parent.pop(path[-1])
        data = _set(data, path[:-1], parent)
    elif how == "period":
        rule = draw(st.integers(0, len(data["rules"]) - 1))
        if data["rules"][rule].get("deadline", {}).get("offset") is not None:
            units = draw(st.sets(st.sampled_from(["days", "weeks", "months", "years"]), min_size=1))
            data = _set(
                data, ("rules", rule, "deadline", "offset"), {u: draw(PERIODS) for u in units}
            )
        else:
            data = _set(data, ("agreements", 0, "validity", "renewal", "extension"),
                        {draw(st.sampled_from(["days", "months"])): draw(PERIODS)})  # fmt: skip
    elif how == "date":
        where = draw(
            st.sampled_from(
                [("agreements", 0, "validity", "end"), ("agreements", 0, "validity", "start")]
            )
        )
        data = _set(data, where, draw(st.dates(min_value=dt.date(1, 1, 1))))
    elif how == "shared":  # one value used twice: safe_dump writes an anchor and aliases
        citation = {"source": "test_agreement", "section": draw(st.sampled_from(["1.6", "x"]))}
        data = _set(data, ("agreements", 0, "validity", "citation"), citation)
        data = _set(data, ("scope", "citation"), citation)
    text = _dump(data, block=how in ("splice", "truncate") or draw(st.integers(0, 3)) == 0)
    if how == "splice":
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(YAML_SNIPPETS)) + text[at:]
        # then the marker, once and last, in its rule-file form after a space: names that are
        # valid identifiers (rule ids, duties, sources, facts) are shown to their authors by
        # design, and nothing spliced before or after can make this text one (``&PNR 1912...``
        # would anchor 'PNR' and leave an identifier)
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + " " + RULE_MARKER + text[at:]
    elif how == "bomb":
        text += _bomb(draw(st.integers(2, 9)))
    elif how == "deep":
        n = draw(st.sampled_from([15, 16, 17, 50, 999, 1500, 100_000]))
        flow = draw(st.booleans())
        text += (
            f"x{MARKER}: " + "[" * n + "]" * n + "\n"
            if flow
            else "".join(f"{'  ' * i}k{i}:\n" for i in range(min(n, 400)))
            + "  " * min(n, 400)
            + "v\n"
        )
    elif how == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    return text


# --- event documents ------------------------------------------------------------------------

EVENT_DICTS = event_dicts(region="vastra_gotaland")
_EVENT_FIELDS = sorted(Event.model_fields)
_DATES = st.one_of(
    st.sampled_from(["0", "1756684800", "9999-10-15", "0001-01-01", MARKER, "2002-01-01",
                     "2090-12-31", "2001-12-31", "2091-01-01", "1900-01-01", "2025-8-1"]),
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
    st.integers(-(10**12), 10**12),
)  # fmt: skip
_REGIONS = st.sampled_from(
    [MARKER, "../../../../tmp/" + MARKER, "x" * 300 + MARKER, "\x00" + MARKER, "skane",
     "national", "ostergotland", "Vastra_Gotaland", "vastra_gotaland/../national", ""]
)  # fmt: skip
_MUNICIPALITY_VALUES = st.sampled_from(
    ["Boras", "Jönköping", "Borås", "Göteborgs stad", MARKER, "x" * 101, "a\nb" + MARKER]
)


def _serialise(draw: st.DrawFn, doc: Any) -> tuple[str, str]:
    as_yaml = draw(st.booleans())
    if as_yaml:
        try:
            text = yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True)
        except (UnicodeEncodeError, yaml.YAMLError):
            text = yaml.safe_dump(doc, allow_unicode=False)
        trap = draw(st.integers(0, 7))
        if trap == 0:
            text = text.replace(MARKER, f"!!int {MARKER}", 1)
        elif trap == 1:
            text = text.replace(MARKER, f"!!timestamp {MARKER}", 1)
        elif trap == 2:
            text += f"x{MARKER}: &a [*a]\n"
        return "yaml", text
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()), default=str)
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return "json", text


@st.composite
def event_documents(draw: st.DrawFn) -> tuple[str, str, str]:
    """(``event`` or ``case``, ``json`` or ``yaml``, the text)."""
    doc: dict[str, Any] = dict(draw(EVENT_DICTS))
    how = draw(st.sampled_from(["value", "unknown_key", "dates", "bools", "region", "place",
                                "valid"]))  # fmt: skip
    if how == "value":
        doc[draw(st.sampled_from(_EVENT_FIELDS))] = draw(HOSTILE)
    elif how == "unknown_key":
        doc[draw(st.sampled_from([MARKER, "x" + MARKER, "\ud800" + MARKER, "date " + MARKER]))] = (
            draw(HOSTILE)
        )
    elif how == "dates":
        doc[draw(st.sampled_from(["date", "birth_date", "placement_start"]))] = draw(_DATES)
    elif how == "bools":
        doc[draw(st.sampled_from(["acute", "lss", "ongoing_care"]))] = draw(
            st.sampled_from(["yes", "on", "true", 1, 0, "1", MARKER, None, [True]])
        )
    elif how == "region":
        doc[draw(st.sampled_from(["home_region", "placement_region"]))] = draw(_REGIONS)
    elif how == "place":
        doc[draw(st.sampled_from(["home_municipality", "placement_municipality"]))] = draw(
            _MUNICIPALITY_VALUES
        )
    if draw(st.integers(0, 3)) == 0:
        case: dict[str, Any] = {"events": [doc, dict(draw(EVENT_DICTS))]}
        if draw(st.booleans()):
            case["case_id"] = draw(st.sampled_from([MARKER, "C1", 7, [MARKER]]))
        if draw(st.booleans()):
            case["region"] = draw(_REGIONS)
        if draw(st.integers(0, 4)) == 0:
            case[draw(st.sampled_from([MARKER, "child", "x" + MARKER]))] = draw(HOSTILE)
        return ("case", *_serialise(draw, case))
    return ("event", *_serialise(draw, doc))


# --- audit inputs ---------------------------------------------------------------------------

COLUMNS = ["case_id", "kind", "date", "birth_date", "home_municipality", "home_region", "acute",
           "legal_basis", "placement_form", "region", "placement_region"]  # fmt: skip
GOOD_ROW = ["A", "placement_started", "2025-08-18", "2011-03-10", "Borås", "vastra_gotaland",
            "", "LVU", "familjehem", "", ""]  # fmt: skip
_CELLS = st.one_of(
    HOSTILE.map(str),
    st.sampled_from(['a"b', '"open', "x" * 300, "\r", "1" * 30, "true", "TRUE", "yes"]),
)
_JSON_VALUES = st.one_of(
    HOSTILE,
    st.sampled_from([[[[]]], {"a": MARKER}, True, 1.5, None, "9" * 30]),
)


@st.composite
def audit_inputs(draw: st.DrawFn) -> tuple[str, bytes]:
    """(``csv`` or ``jsonl``, the input's bytes)."""
    rows = [list(GOOD_ROW) for _ in range(draw(st.integers(1, 4)))]
    for i, row in enumerate(rows):
        row[0] = draw(st.sampled_from([f"C{i}", f"C{i}", MARKER + str(i)]))
    for _ in range(draw(st.integers(0, 3))):
        rows[draw(st.integers(0, len(rows) - 1))][draw(st.integers(1, len(COLUMNS) - 1))] = draw(
            _CELLS
        )
    if draw(st.integers(0, 6)) == 0:
        rows.append(list(rows[-1]))  # a repeated row
    header = list(COLUMNS)
    extra = draw(st.integers(0, 9))
    if extra == 0:
        header.append(MARKER)
        for row in rows:
            row.append("x")
    elif extra == 1:
        header.append("home_region")
        for row in rows:
            row.append(draw(st.sampled_from(["vastra_gotaland", "jonkoping"])))
    if draw(st.booleans()):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        text = out.getvalue()
        if draw(st.integers(0, 4)) == 0:
            text = text[: draw(st.integers(0, len(text)))]
        if draw(st.integers(0, 9)) == 0:
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(['"', "\x00", "\r", "\ufeff"])) + text[at:]
        return "csv", _encode(draw, text)
    lines = []
    for row in rows:
        record: dict[str, Any] = {k: v for k, v in zip(header, row, strict=True) if v != ""}
        if draw(st.integers(0, 4)) == 0:
            record[draw(st.sampled_from(COLUMNS[1:]))] = draw(_JSON_VALUES)
        try:
            line = json.dumps(record, ensure_ascii=draw(st.booleans()), default=str)
        except ValueError:
            line = json.dumps(record, default=str)
        trap = draw(st.integers(0, 11))
        if trap == 0:
            line = line.replace('"case_id": "', '"case_id": "\\ud800', 1)
        elif trap == 1:
            line = line.replace('"2025', "9" * 5000, 1)
        elif trap == 2:
            line = line.replace("}", ', "x": ' + "[" * 3000 + "]" * 3000 + "}", 1)
        elif trap == 3:
            line = line.replace("}", ', "acute": NaN}', 1)
        elif trap == 4:
            line = line.replace("{", '{"case_id": "dup", ', 1)
        lines.append(line)
    if draw(st.integers(0, 19)) == 0:
        lines.append("x" * 70_000)
    return "jsonl", _encode(draw, "\n".join(lines) + "\n")


def _encode(draw: st.DrawFn, text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = (
            data[:at]
            + draw(st.sampled_from([b"\xe5", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80"]))
            + data[at:]
        )
    return data
