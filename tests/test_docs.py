"""Every code block in README.md and docs/*.md runs, so what a reader copies works.

A small collector finds the fenced blocks (```` ```lang ````) and the indented ones (four spaces
after a blank line; read as shell commands). Each block is run by its kind, from the
repository's root:

- ``python``: executed in a fresh namespace; must not raise;
- ``json``: parses; an event (an object with ``kind`` and ``date``) validates with
  ``parse_event``, a case file (an object with ``events``) event by event;
- ``yaml``: parses with ``yaml.safe_load``; a rule, a fulfilment section or a scenario
  validates as one; ``toml``: parses with ``tomllib``;
- shell (``sh``, ``bash``, ``console`` or indented): every command must be a ``placement-rules``
  command line; each runs in-process with click's ``CliRunner``, must exit 0 or 1 (never 2, a
  usage or input error) and show something. ``> FILE`` is read as the command's output, and
  files named by ``-o``/``--output``/``--out-cases``/``--out-summary`` are written to a
  temporary folder and must not be empty.

A block that cannot run (a set-up command, a ``git config`` line, sample output, a layout tree)
carries ``<!-- not run: the reason -->`` on the line before it (blank lines between are
allowed); every other block must run.
"""

from __future__ import annotations

import importlib
import json
import re
import shlex
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from placement_rules import parse_event

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

SHELL = {"", "sh", "bash", "shell", "console"}
RUNNABLE = {"python", "json", "yaml", "toml"} | SHELL
OUTPUT_OPTIONS = {"-o", "--output", "--out-cases", "--out-summary"}

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)\s*(?P<lang>[\w+-]*)")
_MARK = re.compile(r"^\s*<!--\s*not run:\s*(?P<reason>.*?)\s*-->\s*$")
_ANY_MARK = re.compile(r"<!--\s*not run\b")


@dataclass(frozen=True)
class Block:
    """One code block of a markdown file."""

    file: Path
    line: int
    """The line number of the block's first line (of its opening fence, if fenced)."""
    lang: str
    """The fence's language, lower-case; ``""`` for an indented block."""
    text: str
    """The block's lines, common indentation removed."""
    skip: str | None
    """The reason given in ``<!-- not run: ... -->``, if any."""

    @property
    def where(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"


def _dedent(lines: list[str]) -> str:
    width = min((len(s) - len(s.lstrip(" ")) for s in lines if s.strip()), default=0)
    return "\n".join(s[width:] for s in lines).strip("\n") + "\n"


def _unindent(line: str, width: int) -> str:
    """``line`` without up to ``width`` leading spaces (a fence's own indentation)."""
    return line[min(width, len(line) - len(line.lstrip(" "))) :]


def _mark_before(lines: list[str], start: int) -> str | None:
    """The reason of a ``not run`` mark on the nearest non-blank line before ``start``."""
    for i in range(start - 1, -1, -1):
        if lines[i].strip():
            found = _MARK.match(lines[i])
            return found.group("reason") if found else None
    return None


def collect(path: Path) -> list[Block]:
    """The code blocks of one markdown file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            marker, indent = fence.group("fence"), len(fence.group("indent"))
            end = i + 1
            while end < len(lines) and not (
                lines[end].strip().startswith(marker[0] * len(marker))
                and not lines[end].strip().strip(marker[0])
            ):
                end += 1
            body = [_unindent(s, indent) for s in lines[i + 1 : end]]
            lang = fence.group("lang").lower()
            text = "\n".join(body).strip("\n") + "\n"
            blocks.append(Block(path, i + 1, lang, text, _mark_before(lines, i)))
            i = end + 1
            continue
        if line.startswith("    ") and line.strip() and (i == 0 or not lines[i - 1].strip()):
            end = i
            while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
                end += 1
            blocks.append(Block(path, i + 1, "", _dedent(lines[i:end]), _mark_before(lines, i)))
            i = end
            continue
        i += 1
    return blocks


BLOCKS = [block for path in DOCUMENTS for block in collect(path)]


def commands(block: Block) -> list[str]:
    """The command lines of a shell block: continuation lines joined, comments and blank lines
    left out."""
    joined = re.sub(r"\\\n\s*", " ", block.text)
    return [line.strip() for line in joined.splitlines() if shlex.split(line, comments=True)]


def problems_of(block: Block) -> list[str]:
    """Why a block is neither runnable nor marked (empty when it is one or the other)."""
    if block.skip is not None:
        return [] if block.skip else ["the not-run mark gives no reason"]
    if block.lang not in RUNNABLE:
        return [f"no runner for {block.lang or 'plain'!r} blocks: mark it not run, with a reason"]
    if block.lang in SHELL:
        lines = commands(block)
        if not lines:
            return ["a shell block without a command: mark it not run, with a reason"]
        others = [s for s in lines if shlex.split(s, comments=True)[0] != "placement-rules"]
        if others:
            return [f"{others[0]!r} is not a placement-rules command: mark the block not run"]
    return []


def test_the_collector_finds_the_blocks(tmp_path: Path) -> None:
    readme = [b for b in BLOCKS if b.file.name == "README.md"]
    assert any(b.lang == "python" for b in readme)
    assert any(b.lang == "" and "placement-rules evaluate" in b.text for b in readme)
    assert {b.lang for b in BLOCKS} >= {"python", "json", "yaml", "toml", ""}
    doc = tmp_path / "doc.md"
    doc.write_text(
        "Text\n\n```python\nx = 1\n\n    y = 2\n```\n\n    $ indented\n\n"
        "<!-- not run: sample output -->\n\n    output\n\n1. item\n\n       in a list\n"
        "   continued\n",
        encoding="utf-8",
    )
    assert [(b.line, b.lang, b.text, b.skip) for b in collect(doc)] == [
        (3, "python", "x = 1\n\n    y = 2\n", None),
        (9, "", "$ indented\n", None),
        (13, "", "output\n", "sample output"),
        (17, "", "in a list\n", None),
    ]


def test_every_block_runs_or_says_why_not() -> None:
    found = [f"{b.where}: {p}" for b in BLOCKS for p in problems_of(b)]
    assert not found, "\n".join(found)


def test_every_not_run_mark_stands_before_a_block() -> None:
    marked = {(b.file, b.skip) for b in BLOCKS if b.skip is not None}
    for path in DOCUMENTS:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _ANY_MARK.search(line):
                found = _MARK.match(line)
                assert found, f"{path.relative_to(ROOT)}:{n}: write <!-- not run: reason -->"
                assert (path, found.group("reason")) in marked, (
                    f"{path.relative_to(ROOT)}:{n}: the mark is not followed by a code block"
                )


# --- running the blocks -----------------------------------------------------------------------


def _git_revision_problem(args: list[str]) -> str | None:
    """Why a command's git revisions cannot be read here (no git checkout, a shallow clone), or
    None when they can."""
    revisions = [a.split("@", 1)[1] for a in args if "@" in a and not a.startswith("-")]
    revisions += [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--rev"]
    if not revisions:
        return None
    try:
        top = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "git is not installed"
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != ROOT:
        return "the repository is not a git checkout here"
    for revision in revisions:
        check = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--verify", "-q", f"{revision}^{{commit}}"],
            capture_output=True,
            check=False,
        )
        if check.returncode != 0:
            return f"git revision {revision} is not in this checkout (a shallow clone?)"
    return None


def _audit_skipped_rows(args: list[str], result: Any) -> bool:
    """``audit`` ran to the end and exits 2 because it skipped rows (the bundled example plants
    two bad rows): its last stderr line counts them."""
    last = (result.stderr.strip().splitlines() or [""])[-1]
    return bool(
        args[:1] == ["audit"]
        and result.exit_code == 2
        and re.fullmatch(r"audited \d+ cases \(\d+ events\); [1-9]\d* bad rows.* skipped", last)
    )


def run_command(line: str, work: Path) -> None:
    from placement_rules.cli import cli

    args = shlex.split(line, comments=True)[1:]
    redirected = None
    if ">" in args:
        at = args.index(">")
        redirected = args[at + 1]
        del args[at : at + 2]
    assert "|" not in args, f"{line!r}: pipes are not run"
    written = []
    for i, arg in enumerate(args[:-1]):
        if arg in OUTPUT_OPTIONS:
            args[i + 1] = str(work / Path(args[i + 1]).name)
            written.append(Path(args[i + 1]))
    problem = _git_revision_problem(args)
    if problem:
        pytest.skip(f"{line!r}: {problem}")
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    finished = result.exit_code in (0, 1) or _audit_skipped_rows(args, result)
    assert finished, f"{line!r} exited {result.exit_code}: {result.output}"
    if redirected is not None:
        assert result.stdout.strip(), f"{line!r}: nothing for {redirected}"
    elif written:
        for path in written:
            assert path.is_file() and path.stat().st_size, f"{line!r}: {path.name} is empty"
    else:
        assert result.output.strip(), f"{line!r} printed nothing"


def check_json(block: Block) -> None:
    data = json.loads(block.text)
    if isinstance(data, dict) and "kind" in data and "date" in data:
        parse_event(data)
    if isinstance(data, dict) and "events" in data:
        shared = data.get("child", {})
        for raw in data["events"]:
            parse_event({**shared, **raw})


RUNS = [
    (block, line)
    for block in BLOCKS
    if block.skip is None and not problems_of(block)
    for line in (commands(block) if block.lang in SHELL else [None])
]
"""(block, command line) for each command of a shell block, (block, None) for other blocks."""


def _run_id(run: tuple[Block, str | None]) -> str:
    block, line = run
    return block.where if line is None else f"{block.where}#{commands(block).index(line) + 1}"


def check_yaml(block: Block) -> None:
    """Parses; a rule, a fulfilment section or a scenario also validates as one (a scenario of
    the example local routine ``boras`` also passes against it)."""
    from placement_rules.models import Fulfilment, Rule
    from placement_rules.regions import load_file_rule_set
    from placement_rules.scenarios import Scenario, check_scenario

    data = yaml.safe_load(block.text)
    assert data is not None
    if isinstance(data, list) and all(isinstance(item, dict) and "duty" in item for item in data):
        for item in data:
            Rule.model_validate(item)
    elif isinstance(data, dict) and "fulfilment" in data:
        for item in data["fulfilment"]:
            Fulfilment.model_validate(item)
    elif isinstance(data, dict) and {"region", "event", "expect"} <= set(data):
        scenario = Scenario.model_validate(data)
        if scenario.region == "boras":
            routine = load_file_rule_set(ROOT / "examples" / "local" / "boras.yaml")
            assert check_scenario(scenario, routine) == []


@pytest.mark.parametrize("run", RUNS, ids=_run_id)
def test_block_runs(
    run: tuple[Block, str | None], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    block, line = run
    monkeypatch.chdir(ROOT)
    if line is not None:
        run_command(line, tmp_path)
    elif block.lang == "python":
        from hypothesis import settings

        before = settings.default  # an example may load a hypothesis profile: put it back
        try:
            exec(compile(block.text, block.where, "exec"), {"__name__": "__doc_example__"})
        finally:
            settings.register_profile("_before_a_doc_example", parent=before)
            settings.load_profile("_before_a_doc_example")
    elif block.lang == "json":
        check_json(block)
    elif block.lang == "yaml":
        check_yaml(block)
    else:
        assert tomllib.loads(block.text)


# --- documented imports and names ---------------------------------------------------------------

_IMPORT = re.compile(r"^\s*from\s+(placement_rules[\w.]*)\s+import\s+(.+)$")
_DOTTED = re.compile(r"\bplacement_rules(?:\.[A-Za-z_]\w*)+")


def documented_imports() -> list[tuple[str, str, list[str]]]:
    """(where, module, names) of every ``from placement_rules... import ...`` line."""
    found = []
    for path in DOCUMENTS:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = _IMPORT.match(line)
            if match:
                names = match.group(2).split("#")[0].strip().strip("()").split(",")
                found.append(
                    (
                        f"{path.relative_to(ROOT)}:{n}",
                        match.group(1),
                        [n.split(" as ")[0].strip() for n in names if n.strip()],
                    )
                )
    return found


def test_documentation_shows_imports() -> None:
    assert len(documented_imports()) >= 5


@pytest.mark.parametrize(
    ("where", "module", "names"),
    documented_imports(),
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_documented_import_resolves(where: str, module: str, names: list[str]) -> None:
    imported = importlib.import_module(module)
    for name in names:
        assert hasattr(imported, name), f"{where}: {module} has no {name}"


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            if not hasattr(value, part):
                return False
            value = getattr(value, part)
        return True
    return False


def test_every_dotted_name_in_the_documentation_resolves() -> None:
    unresolved = []
    for path in [*DOCUMENTS, ROOT / "CONTRIBUTING.md"]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for dotted in _DOTTED.findall(line):
                if not _resolves(dotted.rstrip(".")):
                    unresolved.append(f"{path.relative_to(ROOT)}:{n}: {dotted}")
    assert not unresolved, "\n".join(unresolved)


# --- README's layout ------------------------------------------------------------------------------

_MODULE = re.compile(r"\b[\w]+\.py\b")


def layout_paths() -> tuple[list[Path], list[Path]]:
    """The paths README's layout tree names: its entries (a name at the start of a line, under
    the folder above it) and the modules its descriptions name (in the entry's folder)."""
    (block,) = [b for b in BLOCKS if b.file.name == "README.md" and b.skip == "the layout tree"]
    stack: list[tuple[int, Path]] = []
    entries: list[Path] = []
    mentioned: list[Path] = []
    context = ROOT
    for line in block.text.splitlines():
        indent = len(line) - len(line.lstrip())
        if not line.strip():
            continue
        description = line
        if indent < 20:
            name, _, description = line.strip().partition(" ")
            while stack and stack[-1][0] >= indent:
                stack.pop()
            path = (stack[-1][1] if stack else ROOT) / name.split("<")[0]
            entries.append(path)
            if name.endswith("/"):
                stack.append((indent, path))
            context = path if name.endswith("/") else path.parent
        mentioned += [context / m for m in _MODULE.findall(description)]
    return entries, mentioned


def test_the_layout_tree_names_only_what_exists() -> None:
    entries, mentioned = layout_paths()
    assert len(entries) > 30
    missing = [str(p.relative_to(ROOT)) for p in entries + mentioned if not p.exists()]
    assert not missing


def test_the_layout_tree_names_every_module() -> None:
    entries, mentioned = layout_paths()
    named = set(entries) | set(mentioned)
    package = ROOT / "src" / "placement_rules"
    modules = {p for p in package.rglob("*.py") if p.name != "__init__.py" or p.parent == package}
    assert not sorted(str(p.relative_to(ROOT)) for p in modules - named)
