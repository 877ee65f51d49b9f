"""Reading a rule file as it was at a git revision (``rules/national.yaml@HEAD~1``).

A revision is text from the command line, and git reads anything starting with ``-`` as an
option (``--output=FILE`` makes it write a file). So a revision must look like one
(:data:`REVISION`: no leading ``-``, no spaces, colons or control characters), is resolved to a
commit with ``--end-of-options`` before it, and the file is read from that commit's id with the
plumbing command ``cat-file`` (no textconv, no pager), as bytes, under the size limit.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ..errors import RevisionError
from ..limits import MAX_REVISION_BYTES
from ..loading import LoadedFile, read_rule_file

REVISION: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./~^@{}+-]{0,199}", re.ASCII)
"""What a revision may look like: a branch, tag, commit id or ``HEAD~2``-style expression."""
_COMMIT: Final = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?", re.ASCII)


def split_revision(spec: str) -> tuple[str, str | None]:
    """``path@REV`` → (path, REV); a plain path (even one with an @ that exists) → (path, None)."""
    if Path(spec).exists() or "@" not in spec:
        return spec, None
    path, rev = spec.rsplit("@", 1)
    if not path or not rev:
        return spec, None
    return path, rev


def check_revision(rev: str) -> str:
    """``rev`` if it looks like a git revision, else :class:`RevisionError`."""
    if ".." in rev or not REVISION.fullmatch(rev):
        raise RevisionError(
            "not a git revision (a branch, tag, commit id or HEAD~N; no leading '-', no spaces)"
        )
    return rev


def _run(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    except OSError as exc:
        raise RevisionError(f"cannot run git: {(exc.strerror or 'error').lower()}") from None
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"git {args[0]}: {(stderr or ['git failed'])[-1]}")
    return done.stdout


def _git(args: list[str], cwd: Path) -> str:
    return _run(args, cwd).decode("utf-8", "replace")


def resolve_commit(rev: str, cwd: Path) -> str:
    """The commit id ``rev`` names in the repository at ``cwd``."""
    check_revision(rev)
    try:
        out = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd
        )
    except RevisionError:
        raise RevisionError(f"git: no commit '{rev}' in the repository") from None
    sha = out.strip()
    if not _COMMIT.fullmatch(sha):  # pragma: no cover - git prints a commit id or fails
        raise RevisionError("git rev-parse: not a commit")
    return sha


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
    """The text of ``path`` at git revision ``rev`` in its repository (UTF-8, at most
    :data:`~placement_rules.limits.MAX_REVISION_BYTES`)."""
    check_revision(rev)
    top, relative = repository_path(path)
    sha = resolve_commit(rev, top)
    blob = f"{sha}:{relative}"
    size = _git(["cat-file", "-s", blob], top).strip()
    if not size.isdigit() or int(size) > MAX_REVISION_BYTES:
        raise RevisionError(f"{path}@{rev}: larger than {MAX_REVISION_BYTES:,} bytes")
    data = _run(["cat-file", "blob", blob], top)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RevisionError(
            f"{path}@{rev}: not UTF-8 text (the first bad byte is at offset {exc.start})"
        ) from None


def load_side(spec: str, rev: str | None = None) -> LoadedFile:
    """Read one side of a diff: ``path``, ``path@REV``, or ``path`` at ``rev``."""
    path, at = split_revision(spec)
    at = at or rev
    if at is None:
        return read_rule_file(path)
    check_revision(at)
    return read_rule_file(path, text=read_revision_text(path, at), name=f"{path}@{at}")


@dataclass(frozen=True, slots=True)
class Revision:
    """Where one side of a diff comes from in git: the commit that last changed the file at the
    revision asked for, its author and date."""

    spec: str
    """The revision as given (``HEAD~1``, ``main``)."""
    commit: str
    author: str
    date: str
    """The author date, ISO 8601."""

    def to_dict(self) -> dict[str, Any]:
        return {"rev": self.spec, "commit": self.commit, "author": self.author, "date": self.date}


def revision_of(spec: str, rev: str | None = None) -> Revision | None:
    """The git commit behind ``path@REV`` (or ``path`` at ``rev``): the last commit that changed
    the file up to that revision; None for a file read as it is now."""
    path, at = split_revision(spec)
    at = at or rev
    if at is None:
        return None
    top, relative = repository_path(path)
    sha = resolve_commit(at, top)
    out = _git(["log", "-1", "--format=%H%x00%an%x00%aI", sha, "--", relative], top).strip()
    parts = out.split("\x00")
    if len(parts) != 3 or not _COMMIT.fullmatch(parts[0]):
        raise RevisionError(f"{path}@{at}: no commit of the file at this revision")
    return Revision(at, parts[0], parts[1], parts[2])
