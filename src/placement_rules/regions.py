"""Where rule files are and how a region's rules are loaded: by region id, file or folder.

A region id names a rule file in a rules folder (the bundled one unless another is given). The
regions of a folder are a closed set, listed from the folder: a region id is looked up in that
list and the path comes from the listing, never from the id, so no id reaches outside the
folder (``../../tmp/x``) and an unknown one is refused naming the known ones, never itself. A
file's ``extends`` chain is looked up beside it, then in the folders searched, then in the
bundle.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .compiler import build_rule_set
from .errors import Location, RuleFileError, UnknownRegionError
from .events import REGION_ID, Event
from .loading import LoadedFile, bundled_rules_dir, display_path, iter_rule_files, read_rule_file
from .ruleset import RuleSet


def region_files(rules_dir: Path | str | None = None) -> dict[str, Path]:
    """The closed set of regions of a rules folder: region id -> its rule file (``*.yaml``,
    ``*.yml``; the first by name when both exist)."""
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    try:
        files = list(iter_rule_files(folder))
    except OSError as exc:
        raise UnknownRegionError(
            f"cannot list the rules folder {folder}: {(exc.strerror or 'error').lower()}"
        ) from None
    out: dict[str, Path] = {}
    for path in files:
        if REGION_ID.fullmatch(path.stem):
            out.setdefault(path.stem, path)
    return out


def unknown_region(what: str, known: Iterable[str], given: object = None) -> UnknownRegionError:
    """The error for a region id that is not one of ``known``: it names the known ones (not
    personal data) and, when ``given`` is close to one, that one; never the id given."""
    from .events import did_you_mean

    names = sorted(known)
    near = did_you_mean(given, names)
    hint = f"; did you mean {near}?" if near else ""
    return UnknownRegionError(
        f"{what}: no rule file for this region{hint} (known: {', '.join(names) or 'none'})"
    )


def resolve_region(
    region: object, rules_dir: Path | str | None = None, *, what: str = "region"
) -> Path:
    """The rule file of ``region`` in the folder's closed set, or :class:`UnknownRegionError`
    (``what`` names where the id came from: ``home_region``, ``--region``...)."""
    files = region_files(rules_dir)
    found = files.get(region) if isinstance(region, str) else None
    if found is None:
        raise unknown_region(what, files, region)
    return found


def check_event_regions(event: Event, known: Iterable[str], *, where: str = "") -> None:
    """Refuse an event whose ``placement_region`` is not a region of the rules folder (as an
    unknown ``home_region`` is refused when its rules are loaded)."""
    placed = event.placement_region
    if placed is not None and placed not in known:
        raise unknown_region(f"{where}placement_region", known, placed)


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
    current: Path | None = _resolved(path)
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


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError up to Python 3.12
        raise RuleFileError(
            Location(display_path(path)), "cannot read: too many levels of symbolic links (a loop?)"
        ) from None


def load_file_rule_set(path: Path | str) -> RuleSet:
    return build_rule_set(load_chain(Path(path)))


def load_rule_set(
    region: str,
    rules_dir: Path | str | None = None,
    *,
    cache: dict[Path, LoadedFile] | None = None,
    what: str = "region",
) -> RuleSet:
    """Load one region's rules (with the national baseline) from ``rules_dir`` or the bundle;
    ``cache`` lets several regions share their base files (see :func:`load_chain`). The
    region must be one of the folder's (:func:`resolve_region`)."""
    return build_rule_set(load_chain(resolve_region(region, rules_dir, what=what), cache=cache))


def available_regions(rules_dir: Path | str | None = None) -> list[str]:
    return list(region_files(rules_dir))


def load_all(rules_dir: Path | str | None = None) -> dict[str, RuleSet]:
    """Every rule set in the folder, keyed by region id; base files are read once each."""
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    cache: dict[Path, LoadedFile] = {}
    out: dict[str, RuleSet] = {}
    for path in iter_rule_files(folder):
        chain = load_chain(path, search=[folder], cache=cache)
        out[chain[-1].model.region] = build_rule_set(chain)
    return out
