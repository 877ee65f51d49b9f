"""Where rule files are and how a region's rules are loaded: by region id, file or folder.

A region id names a rule file in a rules folder (the bundled one unless another is given); a
file's ``extends`` chain is looked up beside it, then in the folders searched, then in the
bundle.
"""

from __future__ import annotations

from pathlib import Path

from .compiler import build_rule_set
from .errors import RuleFileError, UnknownRegionError
from .loading import LoadedFile, bundled_rules_dir, iter_rule_files, read_rule_file
from .ruleset import RuleSet


def _find_file(name: str, folders: list[Path]) -> Path:
    for folder in folders:
        for suffix in (".yaml", ".yml"):
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    raise UnknownRegionError(f"no rule file '{name}.yaml' in {', '.join(str(f) for f in folders)}")


def load_chain(
    path: Path, *, search: list[Path] | None = None, cache: dict[Path, LoadedFile] | None = None
) -> list[LoadedFile]:
    """Read a file and the files it extends (looked up beside it, then in ``search``, then in
    the bundled rules), base first. ``cache`` lets several chains share their base files."""
    cache = {} if cache is None else cache
    chain: list[LoadedFile] = []
    current: Path | None = path.resolve()
    while current is not None:
        if current not in cache:
            cache[current] = read_rule_file(current)
        loaded = cache[current]
        if any(f is loaded for f in chain):
            raise RuleFileError(loaded.locate(("extends",)), "'extends' forms a cycle")
        chain.insert(0, loaded)
        parent = loaded.model.extends
        current = None
        if parent is not None:
            folders = [loaded.path.parent, *(search or [])]
            folders.append(bundled_rules_dir())
            try:
                current = _find_file(parent, folders).resolve()
            except UnknownRegionError as exc:
                raise RuleFileError(loaded.locate(("extends",)), str(exc)) from None
    for loaded in chain:
        if loaded.model.kind != "local" and loaded.path.stem != loaded.model.region:
            raise RuleFileError(
                loaded.locate(("region",)),
                f"region '{loaded.model.region}' does not match the file name '{loaded.path.name}'",
            )
    return chain


def load_file_rule_set(path: Path | str) -> RuleSet:
    return build_rule_set(load_chain(Path(path)))


def load_rule_set(
    region: str, rules_dir: Path | str | None = None, *, cache: dict[Path, LoadedFile] | None = None
) -> RuleSet:
    """Load one region's rules (with the national baseline) from ``rules_dir`` or the bundle;
    ``cache`` lets several regions share their base files (see :func:`load_chain`)."""
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    return build_rule_set(load_chain(_find_file(region, [folder]), cache=cache))


def available_regions(rules_dir: Path | str | None = None) -> list[str]:
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    return [p.stem for p in iter_rule_files(folder)]


def load_all(rules_dir: Path | str | None = None) -> dict[str, RuleSet]:
    """Every rule set in the folder, keyed by region id; base files are read once each."""
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    cache: dict[Path, LoadedFile] = {}
    out: dict[str, RuleSet] = {}
    for path in iter_rule_files(folder):
        chain = load_chain(path, search=[folder], cache=cache)
        out[chain[-1].model.region] = build_rule_set(chain)
    return out
