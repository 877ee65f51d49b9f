"""The one YAML and JSON reader of the library: restricted, bounded, one pass.

Rule files, event files, case files and scenarios are all read here. The reader walks the
parser's *events* (libyaml's when PyYAML has it) and builds dicts and lists with an explicit
stack, so nothing recurses, no alias is ever expanded and no PyYAML constructor runs. It also
records where each field path starts (line, column), for messages.

What the format never needs is refused, each with its line, column and field path and never
with the text found there:

- more values than the limit, counting a value an alias names each time it is used, and an
  alias inside the value it names: aliases are never expanded, so a bomb of nested aliases
  costs what its text costs;
- explicit tags other than the plain ones (``!!str``, ``!!int``, ``!!float``, ``!!bool``,
  ``!!null``, ``!!map``, ``!!seq``): no ``!!timestamp``, ``!!python/...``, ``!foo``;
- keys that are not text, and a key twice in one mapping;
- more than one document, nesting deeper than the limit;
- numbers of more than :data:`~placement_rules.limits.MAX_DIGITS` digits, numbers in forms the
  format never writes (``0x1f``, ``0o17``, ``1_000``, sexagesimal ``1:30``), NaN and infinities;
- dates with a time, impossible dates (``2025-02-30``);
- text that is not UTF-8, or that holds an unpaired surrogate.

Sizes are checked before parsing: :func:`read_limited` reads only regular files (not
``/dev/zero``, not a FIFO), refuses a symlink loop and a file over the limit, and stops reading at
the limit whatever the file claims.

Plain scalars are resolved as PyYAML's ``SafeLoader`` resolves them (YAML 1.1: ``yes``/``no``/
``on``/``off`` are booleans, so the strict models go on refusing them where text is meant), so
every bundled file loads to the same data as before.
"""

from __future__ import annotations

import datetime as dt
import errno
import itertools
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, Final, NamedTuple

import yaml

from .limits import DATA_FILE_MAX_DEPTH, MAX_DIGITS, MAX_FILE_BYTES, MAX_NODES, RULE_FILE_MAX_DEPTH

PathKey = tuple[str | int, ...]
Positions = dict[PathKey, tuple[int, int]]


class Limits(NamedTuple):
    max_bytes: int
    max_depth: int
    max_nodes: int


RULE_FILE_LIMITS: Final[Limits] = Limits(MAX_FILE_BYTES, RULE_FILE_MAX_DEPTH, MAX_NODES)
DATA_FILE_LIMITS: Final[Limits] = Limits(MAX_FILE_BYTES, DATA_FILE_MAX_DEPTH, MAX_NODES)


class YamlProblem(Exception):
    """Why a text cannot be read, and where: 1-based line and column (``None`` when unknown) and
    the field path reached. The message never holds text from the input."""

    def __init__(self, line: int | None, column: int | None, path: PathKey, message: str):
        self.line, self.column, self.path, self.message = line, column, path, message
        super().__init__(message)


# --- reading a file ---------------------------------------------------------------------------


def read_limited(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or :class:`YamlProblem`.

    Opened without following a FIFO's wait (``O_NONBLOCK``), checked with ``fstat`` on the open
    descriptor (no race between the check and the read), read up to one byte past the limit."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise YamlProblem(None, None, (), "no such file") from None
    except OSError as exc:
        raise YamlProblem(None, None, (), f"cannot read: {_os_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise YamlProblem(None, None, (), "a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(None, None, (), "not a regular file (a device, pipe or socket)")
        if info.st_size > max_bytes:
            raise YamlProblem(None, None, (), f"larger than {max_bytes:,} bytes")
        return _read_bounded(lambda n: os.read(fd, n), max_bytes)
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """At most ``max_bytes`` from a binary stream (standard input, a request body), read up to
    one byte past the limit, or :class:`YamlProblem`."""
    return _read_bounded(stream.read, max_bytes)


def _read_bounded(read: Callable[[int], bytes], max_bytes: int) -> bytes:
    """Chunks from ``read(n)`` until the end or one byte past ``max_bytes`` (then refused)."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        try:
            chunk = read(max_bytes + 1 - size)
        except OSError as exc:
            raise YamlProblem(None, None, (), f"cannot read: {_os_reason(exc)}") from None
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise YamlProblem(None, None, (), f"larger than {max_bytes:,} bytes")
    return b"".join(chunks)


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links (a loop?)"
    return (exc.strerror or type(exc).__name__).lower()


def decode(data: bytes) -> str:
    """UTF-8 text, or :class:`YamlProblem` giving the offset of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            None, None, (), f"not UTF-8 text (the first bad byte is at offset {exc.start})"
        ) from None


def check_text(text: str, max_bytes: int) -> None:
    """A text given directly (not read from a file) must be UTF-8-encodable and within the
    size limit."""
    if len(text) > max_bytes:
        raise YamlProblem(None, None, (), f"larger than {max_bytes:,} bytes")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise YamlProblem(
            None, None, (), f"not UTF-8 text (an unpaired surrogate at character {exc.start + 1})"
        ) from None
    if size > max_bytes:
        raise YamlProblem(None, None, (), f"larger than {max_bytes:,} bytes")


# --- plain scalars -----------------------------------------------------------------------------

_NULL: Final = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL: Final[dict[str, bool]] = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_INT: Final = re.compile(rf"[-+]?(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})", re.ASCII)
_INT_LIKE: Final = re.compile(
    # every other form PyYAML's YAML 1.1 resolver reads as an int (its regex): binary, octal,
    # underscores, hexadecimal, sexagesimal (1:30 = 90), and decimals of too many digits
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
    re.ASCII,
)
_FLOAT: Final = re.compile(
    r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?",
    re.ASCII,
)
_FLOAT_LIKE: Final = re.compile(
    r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*",
    re.ASCII,
)
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_TIMESTAMP: Final = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:|$)", re.ASCII
)
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_MAX_FLOAT_CHARS: Final[int] = 40

_TAG: Final[str] = "tag:yaml.org,2002:"
_SCALAR_TAGS: Final = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null"))

_NOT_A_NUMBER: Final[str] = (
    f"not a number this format reads (whole numbers of up to {MAX_DIGITS} digits, in "
    "decimal); quote it if it is text"
)


def _plain(value: str, mark: Any, path: PathKey, dates: bool) -> Any:
    """A plain (unquoted, untagged) scalar, resolved as YAML 1.1 resolves it."""
    if value in _NULL:
        return None
    found = _BOOL.get(value)
    if found is not None:
        return found
    first = value[0]
    if first.isdigit() or first in "+-.~":
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return _float(value, mark, path)
        if _DATE.fullmatch(value):
            return _date(value, mark, path) if dates else value
        if _TIMESTAMP.match(value):
            raise _problem(mark, path, "a date is written YYYY-MM-DD, without a time")
        if _INT_LIKE.fullmatch(value) or _FLOAT_LIKE.fullmatch(value):
            raise _problem(mark, path, _NOT_A_NUMBER)
    return value


def _float(value: str, mark: Any, path: PathKey) -> float:
    if len(value) > _MAX_FLOAT_CHARS:
        raise _problem(mark, path, _NOT_A_NUMBER)
    number = float(value.replace("_", ""))
    if number in (_INFINITY, -_INFINITY):  # 1.0e+400: too large for a float
        raise _problem(mark, path, _NOT_A_NUMBER)
    return number


def _date(value: str, mark: Any, path: PathKey) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _problem(mark, path, "not a calendar date (YYYY-MM-DD)") from None


def _tagged(tag: str, value: str, mark: Any, path: PathKey) -> Any:
    """A scalar with one of the plain tags: read as that type, or refused."""
    kind = tag[len(_TAG) :]
    if kind == "str":
        return value
    if kind == "int":
        if _INT.fullmatch(value):
            return int(value)
        raise _problem(mark, path, f"!!int: {_NOT_A_NUMBER}")
    if kind == "float":
        if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
            return _float(value, mark, path)
        raise _problem(mark, path, f"!!float: {_NOT_A_NUMBER}")
    if kind == "bool":
        found = _BOOL.get(value)
        if found is None:
            raise _problem(mark, path, "!!bool: not true or false")
        return found
    if value not in _NULL:
        raise _problem(mark, path, "!!null: not empty, ~ or null")
    return None


def _problem(mark: Any, path: PathKey, message: str) -> YamlProblem:
    if mark is None:
        return YamlProblem(None, None, path, message)
    return YamlProblem(mark.line + 1, mark.column + 1, path, message)


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


# --- the document --------------------------------------------------------------------------------

_Loader: Final[type[Any]] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (about 2x faster), else the pure-Python one;
only their parsers are used, never a constructor."""

_SCALAR = yaml.ScalarEvent
_MAP_START = yaml.MappingStartEvent
_SEQ_START = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SKIPPED = (yaml.StreamStartEvent, yaml.DocumentEndEvent)


class _Frame:
    __slots__ = ("anchor", "container", "height", "is_map", "key", "nodes_before", "path")

    def __init__(self, container: Any, path: PathKey, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.key: str | None = None
        self.height = 1
        """Levels of collections from this one down (1: only scalars inside)."""
        self.anchor: str | None = None
        self.nodes_before = 0


class _Anchored(NamedTuple):
    value: Any
    nodes: int
    """Values in it, counted again each time an alias uses it."""
    height: int


_PENDING: Final = _Anchored(None, 0, 0)
"""An anchor whose value is still being read: an alias to it would be a loop."""


def load_yaml(
    text: str,
    *,
    limits: Limits = RULE_FILE_LIMITS,
    dates: bool = True,
    positions: Positions | None = None,
) -> Any:
    """The one document in ``text`` (dicts with text keys, lists, text, int, float, bool,
    ``None`` and, when ``dates``, :class:`datetime.date` for plain ``YYYY-MM-DD``), or
    :class:`YamlProblem`. ``positions`` receives where each field path starts; a mapping
    entry's position is its key's.

    Anchors and aliases (which ``yaml.safe_dump`` writes for a value used twice) are read
    without being expanded: an alias shares its anchor's value, and counts all of that value's
    values again against ``max_nodes`` (and its nesting against ``max_depth``), so a bomb of
    nested aliases is refused at the limit, as cheaply as it was written. An alias inside the
    value it names (a loop) is refused."""
    check_text(text, limits.max_bytes)
    loader = _Loader(text)
    stack: list[_Frame] = []
    anchors: dict[str, _Anchored] = {}
    root: Any = None
    have_root = False
    nodes = 0
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    try:
        while True:
            event = _next_event(loader, stack)
            if event is None:
                break
            kind = type(event)
            if kind is _SCALAR:
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    _key(event, frame, positions)
                    nodes += 1
                    if nodes > max_nodes:
                        raise _problem(event.start_mark, frame.path, _too_many(max_nodes))
                    continue
                path = _child_path(frame)
                nodes += 1
                if nodes > max_nodes:
                    raise _problem(event.start_mark, path, _too_many(max_nodes))
                tag = event.tag
                if tag is None:
                    value = (
                        _plain(event.value, event.start_mark, path, dates)
                        if event.implicit[0]
                        else event.value
                    )
                elif tag in _SCALAR_TAGS:
                    value = _tagged(tag, event.value, event.start_mark, path)
                else:
                    raise _problem(event.start_mark, path, _TAG_MESSAGE)
                if type(value) is str and _SURROGATE.search(value):
                    raise _problem(event.start_mark, path, "text with an unpaired surrogate")
                if event.anchor is not None:
                    anchors[event.anchor] = _Anchored(value, 1, 0)
                if positions is not None:
                    positions.setdefault(path, _pos(event.start_mark))
                if frame is None:
                    root, have_root = value, True
                else:
                    _put(frame, value)
                continue
            if kind is _MAP_START or kind is _SEQ_START:
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    raise _problem(event.start_mark, frame.path, "a key must be text")
                path = _child_path(frame)
                nodes += 1
                if nodes > max_nodes:
                    raise _problem(event.start_mark, path, _too_many(max_nodes))
                is_map = kind is _MAP_START
                tag = event.tag
                if tag is not None and tag != _TAG + ("map" if is_map else "seq"):
                    raise _problem(event.start_mark, path, _TAG_MESSAGE)
                if len(stack) >= max_depth:
                    raise _problem(event.start_mark, path, _too_deep(max_depth))
                if positions is not None:
                    positions.setdefault(path, _pos(event.start_mark))
                new = _Frame({} if is_map else [], path, is_map)
                if event.anchor is not None:
                    new.anchor = event.anchor
                    new.nodes_before = nodes - 1
                    anchors[event.anchor] = _PENDING
                stack.append(new)
                continue
            if kind in _ENDS:
                done = stack.pop()
                if done.anchor is not None:
                    anchors[done.anchor] = _Anchored(
                        done.container, nodes - done.nodes_before, done.height
                    )
                if not stack:
                    root, have_root = done.container, True
                else:
                    parent = stack[-1]
                    parent.height = max(parent.height, done.height + 1)
                    _put(parent, done.container)
                continue
            if kind is yaml.AliasEvent:
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    raise _problem(event.start_mark, frame.path, "a key must be text")
                path = _child_path(frame)
                found = anchors.get(event.anchor)
                if found is None:
                    raise _problem(event.start_mark, path, "an alias (*name) to no anchor (&name)")
                if found is _PENDING:
                    raise _problem(
                        event.start_mark, path, "an alias (*name) inside the value it names"
                    )
                nodes += found.nodes
                if nodes > max_nodes:
                    raise _problem(event.start_mark, path, _too_many(max_nodes))
                if len(stack) + found.height > max_depth:
                    raise _problem(event.start_mark, path, _too_deep(max_depth))
                if positions is not None:
                    positions.setdefault(path, _pos(event.start_mark))
                if frame is None:
                    root, have_root = found.value, True
                else:
                    frame.height = max(frame.height, found.height + 1)
                    _put(frame, found.value)
                continue
            if kind is yaml.DocumentStartEvent:
                if have_root:
                    raise _problem(event.start_mark, (), "more than one YAML document")
                continue
            if kind is yaml.StreamEndEvent:
                break
            if kind not in _SKIPPED:  # pragma: no cover - the parser has no other events
                raise _problem(event.start_mark, (), "a YAML construct this format does not use")
    finally:
        loader.dispose()
    if not have_root or root is None:
        raise YamlProblem(1, 1, (), "the file is empty")
    return root


def _too_many(limit: int) -> str:
    return f"more than {limit:,} values (a value an alias names counts each time it is used)"


def _too_deep(limit: int) -> str:
    return f"nested more than {limit} levels deep"


_TAG_MESSAGE: Final[str] = (
    "a YAML tag this format does not use (only !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)"
)


def _next_event(loader: Any, stack: list[_Frame]) -> Any:
    try:
        return loader.get_event() if loader.check_event() else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # libyaml's problems are fixed phrases; the pure-Python scanner's can quote a
        # character, so quoted parts are dropped
        problem = re.sub(
            r"'[^']*'|\"[^\"]*\"|#x[0-9a-fA-F]+", "…", exc.problem or exc.context or ""
        )
        raise _problem(
            mark, stack[-1].path if stack else (), f"YAML syntax: {problem or 'syntax error'}"
        ) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(
            None,
            None,
            (),
            f"a character YAML does not allow (a control character?) at character "
            f"{exc.position + 1}",
        ) from None
    except yaml.YAMLError:
        raise YamlProblem(None, None, (), "YAML syntax error") from None


def _child_path(frame: _Frame | None) -> PathKey:
    if frame is None:
        return ()
    if frame.is_map:
        return (*frame.path, frame.key)  # type: ignore[arg-type]
    return (*frame.path, len(frame.container))


def _key(event: Any, frame: _Frame, positions: Positions | None) -> None:
    path = frame.path
    if event.anchor is not None:
        raise _problem(event.start_mark, path, "a key must be plain text (no anchor)")
    key = event.value
    tag = event.tag
    if tag is None:
        if event.implicit[0] and type(_plain(key, event.start_mark, path, False)) is not str:
            raise _problem(event.start_mark, path, "a key must be text")
    elif tag != _TAG + "str":
        raise _problem(event.start_mark, path, "a key must be text")
    if _SURROGATE.search(key):
        raise _problem(event.start_mark, path, "text with an unpaired surrogate")
    if key in frame.container:
        raise _problem(event.start_mark, (*path, key), "a key appears twice in one mapping")
    frame.key = key
    if positions is not None:
        positions[(*path, key)] = _pos(event.start_mark)


def _put(frame: _Frame, value: Any) -> None:
    if frame.is_map:
        frame.container[frame.key] = value
        frame.key = None
    else:
        frame.container.append(value)


# --- JSON --------------------------------------------------------------------------------------


class _JsonValue(ValueError):
    """A JSON value the hooks refuse, and a pattern that finds it in the text."""

    def __init__(self, message: str, pattern: str, nth: int = 0) -> None:
        super().__init__(message)
        self.pattern = pattern
        self.nth = nth


_INFINITE: Final = "NaN and infinities are not numbers this format reads"
_INFINITY: Final = float("inf")


def _refuse_constant(name: str) -> Any:
    raise _JsonValue(_INFINITE, r"(?<![\w\"])-?(?:NaN|Infinity)\b")


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _JsonValue(_NOT_A_NUMBER, rf"-?[0-9]{{{MAX_DIGITS + 1},}}")
    return int(text)


def _small_float(text: str) -> float:
    if len(text) > _MAX_FLOAT_CHARS:
        raise _JsonValue(_NOT_A_NUMBER, rf"-?[0-9.eE+-]{{{_MAX_FLOAT_CHARS + 1},}}")
    value = float(text)
    if value in (_INFINITY, -_INFINITY):  # 1e400: a literal too large for a float
        raise _JsonValue(_INFINITE, rf"(?<![\w.\"+-]){re.escape(text)}(?![\w.])")
    return value


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                pattern = re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:"
                raise _JsonValue("a key appears twice in one object", pattern, nth=1)
            seen.add(key)
    return out


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_JSON_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep_at(text: str, max_depth: int) -> int | None:
    """The offset of the first bracket nesting deeper than ``max_depth``, if any (strings
    skipped), found without parsing: the decoder would recurse a level per bracket."""
    if text.count("[") + text.count("{") <= max_depth:
        return None
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def load_json(text: str | bytes, *, limits: Limits = DATA_FILE_LIMITS) -> Any:
    """One JSON document under ``limits`` (numbers of at most 18 digits, no NaN, no key twice
    in an object, no unpaired surrogate), or :class:`YamlProblem` with the line and column.
    ``bytes`` are read as UTF-8 (as :func:`decode` reads them, then as text).

    With orjson installed (extra ``[service]``) a document that is clean is read by orjson
    and proved clean by a few counts over its bytes (:func:`_fast_json`); every other one,
    and every one without orjson, by the standard library's decoder under hooks
    (:func:`_stdlib_json`), which alone says why and where a document is refused. The
    answers are the same either way (tests/test_json_reader.py)."""
    if _orjson_loads is not None:
        data = _fast_json(text, limits, _orjson_loads)
        if data is not _UNDECIDED:
            return data
    return _stdlib_json(decode(text) if isinstance(text, bytes) else text, limits)


def _stdlib_json(text: str, limits: Limits) -> Any:
    """:func:`load_json` by the standard library's decoder: the authority on every refusal."""
    check_text(text, limits.max_bytes)
    deep = _too_deep_at(text, limits.max_depth)
    if deep is not None:
        raise YamlProblem(*_line_column(text, deep), (), _too_deep(limits.max_depth))
    try:
        data = json.loads(
            text,
            parse_int=_small_int,
            parse_float=_small_float,
            parse_constant=_refuse_constant,
            object_pairs_hook=_pairs,
        )
    except json.JSONDecodeError as exc:
        raise YamlProblem(exc.lineno, exc.colno, (), f"JSON syntax: {exc.msg}") from None
    except _JsonValue as exc:  # the hooks' messages are fixed phrases
        found = list(itertools.islice(re.finditer(exc.pattern, text), exc.nth + 1))
        at = found[-1].start() if found else None
        line, column = _line_column(text, at) if at is not None else (None, None)
        raise YamlProblem(line, column, (), str(exc)) from None
    except RecursionError:  # pragma: no cover - the depth is checked first
        raise YamlProblem(None, None, (), _too_deep(limits.max_depth)) from None
    check_tree(data, limits)
    return data


def _find_orjson() -> Callable[[bytes], Any] | None:
    try:
        import orjson
    except ImportError:  # pragma: no cover - the extra is not installed
        return None
    loads: Callable[[bytes], Any] = orjson.loads
    return loads


_orjson_loads: Final = _find_orjson()

_UNDECIDED: Final = object()
"""What :func:`_fast_json` answers when the standard library's reader must decide."""

_SKETCH: Final = bytes(0x30 if 0x30 <= c <= 0x39 else 0x7B if c == 0x5B else c for c in range(256))
_SKETCH_DROPS: Final = bytes(c for c in range(256) if c not in b"0123456789{[:,")
"""A document's sketch (``raw.translate(_SKETCH, _SKETCH_DROPS)``): each bracket that opens as
``{``, its colons and commas, and each digit as ``0``; a digit run in the sketch is at least
as long as the run of the text it comes from (two runs join where what parted them is
dropped)."""
_SUSPECT_RUN: Final[bytes] = b"0" * min(MAX_DIGITS + 1, _MAX_FLOAT_CHARS + 1 - 4)
"""No run of this many digits in the sketch, no number the hooks refuse: in the sketch a number
is one run of all its digits (its sign, point and exponent are dropped), a whole number of more
than ``MAX_DIGITS`` digits is a longer run, and a number of more than ``_MAX_FLOAT_CHARS``
characters has at most 4 that are not digits."""
_LONG_NUMBER: Final = re.compile(
    rb"(?<![-+.eE0-9])-?[0-9]{%d}(?![0-9]*[.eE])|[-+.0-9eE]{%d}"
    % (MAX_DIGITS + 1, _MAX_FLOAT_CHARS + 1)
)
"""Where a number the hooks refuse may be: a whole number of more than ``MAX_DIGITS`` digits
(a run that is not a fraction's, an exponent's or a float's whole part), or more than
``_MAX_FLOAT_CHARS`` characters that a number is written with. It matches inside strings too:
that only costs the slow reader."""
_KEY_END: Final = re.compile(rb'"[ \t\n\r]*:')
"""Where a key may end: at every key's closing quote, and wherever a string's opening quote or
an escaped quote in it is followed by a colon (never fewer matches than keys)."""


def _fast_json(text: str | bytes, limits: Limits, loads: Callable[[bytes], Any]) -> Any:
    """The document read by ``loads`` (orjson) when nothing the standard library's reader
    refuses can be in it, else :data:`_UNDECIDED`. orjson refuses by itself NaN and
    infinities (also ``1e400``, which the standard library reads as ``inf``), unpaired
    surrogates (escaped, or in the text) and text that is not UTF-8; what it reads and the
    hooks would refuse is ruled out by counts that can only err on the safe side:

    - nesting and values: walked over the collections only (:func:`_collections`);
    - a key twice: orjson keeps the last, so the entries of the objects are fewer than the
      keys written; the keys are at most the colons of the text (or the quotes before a
      colon, when strings hold colons), so equal counts prove there was no key twice;
    - numbers of too many digits or characters: no long run of digits anywhere, else
      :data:`_LONG_NUMBER` nowhere (orjson would read a long whole number as a float).
    """
    max_bytes = limits.max_bytes
    if isinstance(text, str):
        if len(text) > max_bytes:
            return _UNDECIDED
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:
            return _UNDECIDED
    else:
        raw = text
    if len(raw) > max_bytes:
        return _UNDECIDED
    try:
        data = loads(raw)
    except Exception:  # any refusal, whatever orjson calls it: the slow reader says why
        return _UNDECIDED
    sketch = raw.translate(_SKETCH, _SKETCH_DROPS)
    brackets = sketch.count(b"{")
    if brackets == 1 and type(data) is dict and limits.max_depth >= 1:
        entries = values = len(data)  # one object of scalars: nothing to walk
    else:
        shape = _collections(data, limits, brackets)
        if shape is None:
            return _UNDECIDED
        entries, values = shape
    if values >= limits.max_nodes:  # the values and the document itself
        return _UNDECIDED
    if entries != sketch.count(b":") and entries != len(_KEY_END.findall(raw)):
        return _UNDECIDED
    if sketch.find(_SUSPECT_RUN) >= 0 and _LONG_NUMBER.search(raw):
        return _UNDECIDED
    return data


def _collections(data: Any, limits: Limits, brackets: int) -> tuple[int, int] | None:
    """The entries of all objects in ``data`` and the values of all its collections, or
    ``None`` as soon as it is known to nest too deep or hold too many values. ``brackets``
    (the text's ``{`` and ``[``, some maybe in strings) bounds the collections: once that many
    are found, none is left below and the values need not be looked at."""
    if type(data) is not dict and type(data) is not list:
        return 0, 0
    level: list[Any] = [data]
    found = 1
    depth = entries = values = 0
    while level:
        depth += 1
        if depth > limits.max_depth:
            return None
        for box in level:
            size = len(box)
            values += size
            if type(box) is dict:
                entries += size
        if values >= limits.max_nodes:
            return None
        if found >= brackets:
            break
        below: list[Any] = []
        for box in level:
            for item in box.values() if type(box) is dict else box:
                kind = type(item)
                if kind is dict or kind is list:
                    below.append(item)
        found += len(below)
        level = below
    return entries, values


def check_tree(data: Any, limits: Limits, where: PathKey = ()) -> None:
    """Depth, count and text of a decoded JSON value, walked without recursion."""
    todo: list[tuple[Any, PathKey, int]] = [(data, where, 0)]
    nodes = 0
    while todo:
        value, path, depth = todo.pop()
        nodes += 1
        if nodes > limits.max_nodes:
            raise YamlProblem(None, None, path, f"more than {limits.max_nodes:,} values")
        if type(value) is str:
            if _SURROGATE.search(value):
                raise YamlProblem(None, None, path, "text with an unpaired surrogate")
            continue
        if isinstance(value, (dict, list)):
            if depth >= limits.max_depth:
                raise YamlProblem(
                    None, None, path, f"nested more than {limits.max_depth} levels deep"
                )
            if isinstance(value, dict):
                for key, item in value.items():
                    if _SURROGATE.search(key):
                        raise YamlProblem(None, None, path, "text with an unpaired surrogate")
                    todo.append((item, (*path, key), depth + 1))
            else:
                todo.extend((item, (*path, i), depth + 1) for i, item in enumerate(value))


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds an unpaired surrogate (undecodable bytes read with
    ``errors="surrogateescape"``, or a ``\\ud800`` escape decoded by JSON)."""
    return _SURROGATE.search(text) is not None
