"""Reading a rule file as it was at a git revision (``rules/national.yaml@HEAD~1``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import RevisionError
from ..loading import LoadedFile, read_rule_file


def split_revision(spec: str) -> tuple[str, str | None]:
    """``path@REV`` → (path, REV); a plain path (even one with an @ that exists) → (path, None)."""
    if Path(spec).exists() or "@" not in spec:
        return spec, None
    path, rev = spec.rsplit("@", 1)
    if not path or not rev:
        return spec, None
    return path, rev


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise RevisionError(f"git {' '.join(args)}: {message}")
    return done.stdout


def repository_path(path: Path | str) -> tuple[Path, str]:
    """The git repository holding ``path`` and the path inside it.

    A relative path is taken from the working folder when the file is there, else from the
    repository's top (so ``rules/x.yaml@REV`` works from any folder of the checkout).
    """
    given = Path(path)
    target = given.resolve()
    folder = target.parent
    while not folder.is_dir():
        folder = folder.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
    if not given.is_absolute() and not target.exists():
        return top, given.as_posix()
    try:
        return top, target.relative_to(top).as_posix()
    except ValueError:
        raise RevisionError(f"{path} is not inside the git repository {top}") from None


def working_copy(path: str) -> str:
    """The file a revision path names, as it is now (found from the repository's top if need be)."""
    if Path(path).exists():
        return path
    top, relative = repository_path(path)
    return str(top / relative)


def read_revision_text(path: Path | str, rev: str) -> str:
    """The text of ``path`` at git revision ``rev`` (``git show REV:PATH`` in its repository)."""
    top, relative = repository_path(path)
    return _git(["show", f"{rev}:{relative}"], top)


def load_side(spec: str, rev: str | None = None) -> LoadedFile:
    """Read one side of a diff: ``path``, ``path@REV``, or ``path`` at ``rev``."""
    path, at = split_revision(spec)
    at = at or rev
    if at is None:
        return read_rule_file(path)
    return read_rule_file(path, text=read_revision_text(path, at), name=f"{path}@{at}")
