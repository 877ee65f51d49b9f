"""Read one rule file: safe YAML with positions, strict validation (checks across the files of
a chain are :mod:`.compiler`'s).

Every problem raises :class:`~placement_rules.errors.RuleFileError` naming the file, the line
and column, and the field path (``rules[3].deadline.offset``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import Location, RuleFileError, UnknownRegionError
from .models import Citation, RuleFile

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
    except (ValueError, OSError):
        return str(path)


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def locate(file: str, positions: Mapping[PathKey, tuple[int, int]], path: PathKey) -> Location:
    """The position of the longest prefix of ``path`` that the file has."""
    for cut in range(len(path), -1, -1):
        pos = positions.get(path[:cut])
        if pos is not None:
            return Location(file, pos[0], pos[1], format_path(path))
    return Location(file, None, None, format_path(path))


# libyaml's parser when PyYAML was built with it (much faster), else the pure-Python one; both
# are the *safe* loaders: no arbitrary Python objects.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_error(exc: yaml.YAMLError, file: str, prefix: str) -> RuleFileError:
    """A YAML parser error as the library's error, at the line and column the parser marked."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        return RuleFileError(
            Location(file, line, col), f"{prefix}: {exc.problem or exc.context or 'syntax error'}"
        )
    return RuleFileError(Location(file), f"{prefix}: {exc}")


def _read_text(path: Path, file: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(Location(file), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(Location(file), f"cannot read: {exc}") from None


def _compose(text: str, file: str) -> tuple[Any, dict[PathKey, tuple[int, int]]]:
    loader = _SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _yaml_error(exc, file, "YAML syntax") from None
        if root is None:
            raise RuleFileError(Location(file, 1, 1), "the file is empty")
        positions: dict[PathKey, tuple[int, int]] = {}
        return _build(loader, root, (), positions, file), positions
    finally:
        loader.dispose()


_PLAIN_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(
    loader: Any,
    node: yaml.Node,
    path: PathKey,
    positions: dict[PathKey, tuple[int, int]],
    file: str,
) -> Any:
    """Construct the value of ``node``, recording where each field path starts.

    A mapping entry's position is its key's; a list item's is the item's."""
    positions.setdefault(path, _mark(node))
    expected_tag = _PLAIN_TAGS.get(type(node))
    if expected_tag is not None and node.tag != expected_tag:
        raise RuleFileError(
            Location(file, *_mark(node), format_path(path)), f"unsupported YAML tag {node.tag!r}"
        )
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _build(loader, key_node, path, {}, file)
            if not isinstance(key, str):
                key = str(key)
            key_path = path + (key,)
            if key in out:
                raise RuleFileError(
                    Location(file, *_mark(key_node), format_path(key_path)),
                    f"duplicate key '{key}'",
                )
            positions[key_path] = _mark(key_node)
            out[key] = _build(loader, value_node, key_path, positions, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, path + (i,), positions, file) for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleFileError(
            Location(file, *_mark(node), format_path(path)), f"bad value {node.value!r}: {problem}"
        ) from None


def _pydantic_error(
    file: str, positions: Mapping[PathKey, tuple[int, int]], data: Any, exc: ValidationError
) -> RuleFileError:
    err = exc.errors()[0]
    loc: PathKey = tuple(p for p in err["loc"] if not _is_union_tag(p))
    where = locate(file, positions, loc)
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        message = f"unknown field '{loc[-1]}'"
    elif err["type"] == "missing":
        message = f"required field '{loc[-1]}' is missing"
    elif "input" in err and not isinstance(err["input"], (dict, list)):
        message += f" (got {err['input']!r})"
    message += _rule_hint(data, loc)
    more = len(exc.errors()) - 1
    if more:
        message += f" [and {more} more error{'s' if more > 1 else ''} in this file]"
    return RuleFileError(where, message)


def _is_union_tag(part: object) -> bool:
    # pydantic adds the member type to the location of errors inside unions, e.g. 'list[str]'.
    return isinstance(part, str) and ("[" in part or part in ("bool", "int", "str", "none"))


def _rule_hint(data: Any, loc: PathKey) -> str:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        try:
            rule_id = data["rules"][loc[1]].get("id")
        except (KeyError, IndexError, TypeError, AttributeError):
            return ""
        if isinstance(rule_id, str):
            return f" (in rule '{rule_id}')"
    return ""


def read_rule_file(
    path: Path | str, *, text: str | None = None, name: str | None = None
) -> LoadedFile:
    """Parse and validate one rule file (no cross-file checks)."""
    path = Path(path)
    file = name or display_path(path)
    if text is None:
        text = _read_text(path, file)
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
    """Safe-load a plain YAML or JSON data file (events, scenarios), errors naming the place."""
    file = str(path)
    text = _read_text(Path(path), file)
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, file, "syntax") from None
    except ValueError as exc:
        raise RuleFileError(Location(file), f"syntax: {exc}") from None
