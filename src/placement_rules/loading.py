"""Read one rule file: safe YAML with positions, strict validation (checks across the files of
a chain are :mod:`.compiler`'s).

Every problem raises :class:`~placement_rules.errors.RuleFileError` naming the file, the line
and column, and the field path (``rules[3].deadline.offset``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

from pydantic import ValidationError

from .errors import Location, RuleFileError, UnknownRegionError
from .limits import MAX_FILE_BYTES
from .models import Citation, RuleFile
from .safe_yaml import (
    DATA_FILE_LIMITS,
    RULE_FILE_LIMITS,
    YamlProblem,
    decode,
    load_json,
    load_yaml,
    read_limited,
    read_stream,
)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedFile:
    """A validated rule file, with where each of its fields was written."""

    path: Path
    model: RuleFile
    positions: Mapping[PathKey, tuple[int, int]] = field(repr=False, compare=False)
    name: str = ""
    """How messages name the file (relative to the working folder where possible)."""

    def locate(self, path: PathKey) -> Location:
        return locate(self.name or str(self.path), self.positions, path)


def bundled_rules_dir() -> Path:
    """The rule files shipped with the package (or, in a source checkout, the repo's rules/)."""
    packaged = Path(str(resources.files("placement_rules"))) / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise UnknownRegionError("no bundled rules folder found; pass rules_dir explicitly")


def display_path(path: Path) -> str:
    """A path as a user should read it: relative to the working folder when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return str(path)


_UNKNOWN_KEY = "<unknown key>"


@lru_cache(maxsize=1)
def known_keys() -> frozenset[str]:
    """Every key the formats know: the fields of the rule-file, event and scenario models and
    the keys of a case file. Only these are ever shown in a field path; any other key (which
    may be anything, a personnummer too) is shown as ``<unknown key>``."""
    from pydantic import BaseModel

    from . import events, models, scenarios

    names = {"case_id", "region", "child", "events"}
    for module in (models, events, scenarios):
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
                names.update(obj.model_fields)
    return frozenset(names)


def format_path(path: PathKey) -> str:
    """A field path as messages show it (``rules[3].deadline.offset``); a key the formats do
    not know is shown as ``<unknown key>``, never as written."""
    known = known_keys()
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if part in known else _UNKNOWN_KEY
        out += f".{name}" if out else name
    return out


def locate(file: str, positions: Mapping[PathKey, tuple[int, int]], path: PathKey) -> Location:
    """The position of the longest prefix of ``path`` that the file has."""
    for cut in range(len(path), -1, -1):
        pos = positions.get(path[:cut])
        if pos is not None:
            return Location(file, pos[0], pos[1], format_path(path))
    return Location(file, None, None, format_path(path))


def _problem_error(problem: YamlProblem, file: str) -> RuleFileError:
    return RuleFileError(
        Location(file, problem.line, problem.column, format_path(problem.path)), problem.message
    )


def read_bytes(path: Path, file: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file under the size limit (:func:`.safe_yaml.read_limited`), or
    :class:`RuleFileError` naming ``file``."""
    try:
        return read_limited(path, max_bytes)
    except YamlProblem as exc:
        raise _problem_error(exc, file) from None


def read_text(path: Path, file: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A regular file under the size limit as UTF-8 text, or :class:`RuleFileError`."""
    try:
        return decode(read_limited(path, max_bytes))
    except YamlProblem as exc:
        raise _problem_error(exc, file) from None


def _compose(text: str, file: str) -> tuple[Any, dict[PathKey, tuple[int, int]]]:
    positions: dict[PathKey, tuple[int, int]] = {}
    try:
        return load_yaml(text, limits=RULE_FILE_LIMITS, positions=positions), positions
    except YamlProblem as exc:
        raise _problem_error(exc, file) from None


def _pydantic_error(
    file: str, positions: Mapping[PathKey, tuple[int, int]], data: Any, exc: ValidationError
) -> RuleFileError:
    err = exc.errors()[0]
    loc: PathKey = tuple(p for p in err["loc"] if not _is_union_tag(p))
    where = locate(file, positions, loc)
    if err["type"] == "extra_forbidden":
        message = "unknown field (not in the rule-file format, see docs/rule-format.md)"
    elif err["type"] == "missing" and loc:
        message = f"required field '{format_path(loc[-1:])}' is missing"
    else:
        message = err["msg"]
        if "input" in err:
            message += f" (got {kind_of(err['input'])})"
    message += _rule_hint(data, loc)
    more = len(exc.errors()) - 1
    if more:
        message += f" [and {more} more error{'s' if more > 1 else ''} in this file]"
    return RuleFileError(where, message)


def kind_of(value: object) -> str:
    """What kind of value was found, for messages that never show the value itself."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text" if value else "empty text"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value of another kind"


def _is_union_tag(part: object) -> bool:
    # pydantic adds the member type to the location of errors inside unions, e.g. 'list[str]'.
    return isinstance(part, str) and ("[" in part or part in ("bool", "int", "str", "none"))


_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9_.\-]*", re.ASCII)


def _rule_hint(data: Any, loc: PathKey) -> str:
    """Which rule an error is in, by its id when that id is a valid identifier (ids are the
    author's names for rules; anything else found there is not shown)."""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        try:
            rule_id = data["rules"][loc[1]].get("id")
        except (KeyError, IndexError, TypeError, AttributeError):
            return ""
        if isinstance(rule_id, str) and len(rule_id) <= 200 and _IDENTIFIER.fullmatch(rule_id):
            return f" (in rule '{rule_id}')"
    return ""


def read_rule_file(
    path: Path | str, *, text: str | None = None, name: str | None = None
) -> LoadedFile:
    """Parse and validate one rule file (no cross-file checks)."""
    path = Path(path)
    file = name or display_path(path)
    if text is None:
        text = read_text(path, file)
    data, positions = _compose(text, file)
    if not isinstance(data, dict):
        raise RuleFileError(Location(file, 1, 1), "a rule file must be a mapping at the top level")
    try:
        model = RuleFile.model_validate(data)
    except ValidationError as exc:
        raise _pydantic_error(file, positions, data, exc) from None
    return LoadedFile(
        path if text is not None and name else path.resolve(),
        model,
        MappingProxyType(positions),
        file,
    )


def iter_rule_files(folder: Path) -> Iterator[Path]:
    yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def check_citation(
    loaded: LoadedFile, known_sources: set[str], citation: Citation, path: PathKey
) -> None:
    if citation.source not in known_sources:
        raise RuleFileError(
            loaded.locate(path + ("source",)),
            f"cites unknown source '{citation.source}' (known: {', '.join(sorted(known_sources))})",
        )


def read_yaml(path: Path | str) -> Any:
    """Read a data file (an event, a case log, a scenario) through the restricted reader:
    JSON when it ends in ``.json``, else YAML (dates stay text: the event model parses them
    strictly), each under :data:`~placement_rules.safe_yaml.DATA_FILE_LIMITS`. Errors are
    :class:`RuleFileError` naming the place, never the text found there."""
    path = Path(path)
    file = str(path)
    return parse_data(read_text(path, file), file, as_json=path.suffix.lower() == ".json")


def read_data_stream(stream: BinaryIO, file: str) -> Any:
    """A data document read from a binary stream (standard input), under the limits of
    :func:`read_yaml`; JSON or YAML as :func:`parse_data` tells them apart."""
    try:
        text = decode(read_stream(stream))
    except YamlProblem as exc:
        raise _problem_error(exc, file) from None
    return parse_data(text, file)


def parse_data(text: str, file: str, *, as_json: bool | None = None) -> Any:
    """A data document given as text (standard input, a request body), read as
    :func:`read_yaml` reads a file: JSON when ``as_json`` (``None``: when the text starts with
    ``{`` or ``[``, as a JSON document does), else YAML. ``file`` names it in errors."""
    if as_json is None:
        as_json = text.lstrip()[:1] in ("{", "[")
    try:
        if as_json:
            return load_json(text, limits=DATA_FILE_LIMITS)
        return load_yaml(text, limits=DATA_FILE_LIMITS, dates=False)
    except YamlProblem as exc:
        raise _problem_error(exc, file) from None
