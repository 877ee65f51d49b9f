"""Class (c): region ids are looked up in the rules folder's closed set before any path is built
(R10 R11 R15), and git revisions are validated and passed after ``--end-of-options`` (R27)."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from placement_rules.errors import RevisionError, UnknownRegionError
from placement_rules.legal.revisions import check_revision, load_side
from placement_rules.regions import load_rule_set, resolve_region
from placement_rules.tracking.audit import audit, read_csv

from .conftest import (
    CSV_HEADER,
    CSV_ROW,
    EVENT,
    MARKER,
    ROOT,
    assert_no_marker,
    assert_refused,
    invoke,
    write_json,
)

TRAVERSAL = "../../../../../../../../{outside}/evil"


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    """A YAML file outside any rules folder whose region matches its stem (the old loader read
    it in full: evaluate --json printed region 'evil')."""
    outside = tmp_path / "outside"
    outside.mkdir()
    text = (ROOT / "rules" / "stockholm.yaml").read_text(encoding="utf-8")
    (outside / "evil.yaml").write_text(text.replace("region: stockholm", "region: evil"), "utf-8")
    return outside / "evil.yaml"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path the process opens while the test runs."""
    seen: list[str] = []
    real = os.open

    def recording(path: Any, *args: Any, **kwargs: Any) -> int:
        seen.append(os.fsdecode(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording)
    return seen


def test_r11_traversal_reads_nothing_outside(tmp_path: Path, evil: Path, opened: list[str]) -> None:
    region = TRAVERSAL.format(outside=str(evil.parent).lstrip("/"))
    event = write_json(tmp_path / "event.json", {**EVENT, "home_region": region})
    assert_refused(invoke("evaluate", "--json", str(event)), "home_region: not a region id")
    valid = write_json(tmp_path / "valid.json", {**EVENT, "home_region": "stockholm"})
    for args in (
        ("evaluate", "--region", region, str(valid)),
        ("status", "--region", region),
        ("coverage", "--region", region),
        ("compare", region),
    ):
        last = assert_refused(invoke(*args), "no rule file for this region (known:")
        assert "evil" not in last
    assert not [p for p in opened if "evil" in p or "outside" in p]


def test_the_closed_set_is_the_folder_listing(tmp_path: Path, evil: Path) -> None:
    with pytest.raises(UnknownRegionError, match=r"known: jonkoping, national"):
        resolve_region("evil", None)
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(ROOT / "rules" / "national.yaml", folder)
    shutil.copy(evil, folder)  # inside a folder given with --rules-dir it is a region
    assert load_rule_set("evil", folder).region == "evil"
    with pytest.raises(UnknownRegionError, match=r"\(known: evil, national\)"):
        load_rule_set("stockholm", folder)


def test_r15_a_long_region_cell_skips_only_its_case() -> None:
    text = (
        CSV_HEADER.replace("home_region", "home_region,region")
        + CSV_ROW.format(case="A").replace("\n", "," + "x" * 300 + "\n")
        + CSV_ROW.format(case="B").replace("\n", ",\n")
    )
    problems: list[Any] = []
    reports = list(
        audit(
            io.StringIO(text),
            "in.csv",
            dt.date(2025, 12, 1),
            reader=read_csv,
            engine="python",
            on_problem=problems.append,
        )
    )
    assert [r.case_id for r in reports] == ["B"]
    (problem,) = problems
    assert problem.kind == "row" and "a cell longer than 256 characters (column region)" in (
        problem.message
    )
    cell = CSV_HEADER.replace("home_region", "home_region,region") + CSV_ROW.format(
        case="A"
    ).replace("\n", f",{MARKER}\n")
    problems.clear()
    list(
        audit(
            io.StringIO(cell),
            "in.csv",
            dt.date(2025, 12, 1),
            reader=read_csv,
            engine="python",
            on_problem=problems.append,
        )
    )
    (problem,) = problems
    assert problem.kind == "case" and problem.message.startswith(
        "region (column region): no rule file for this region (known:"
    )
    assert_no_marker(problem.message)


def test_r15_cli(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        CSV_HEADER
        + CSV_ROW.format(case="A").replace("vastra_gotaland", "x" * 300)
        + CSV_ROW.format(case="B"),
        encoding="utf-8",
    )
    result = invoke("audit", str(path), "--as-of", "2025-12-01")
    last = assert_refused(result, "audited 1 cases (1 events); 1 bad rows and 0 cases skipped")
    assert "xxxx" not in result.stderr and last


def test_an_unknown_placement_region_is_refused(tmp_path: Path) -> None:
    event = write_json(
        tmp_path / "event.json",
        {**EVENT, "home_region": "vastra_gotaland", "placement_region": "atlantis"},
    )
    last = assert_refused(invoke("evaluate", str(event)), "placement_region: no rule file")
    assert "atlantis" not in last


# --- git ---------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "rules").mkdir(parents=True)
    shutil.copy(ROOT / "rules" / "national.yaml", root / "rules")
    (root / "rules" / "binary.yaml").write_bytes(b"format: 1\nname: \xff\xfe\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    for args in (("init", "-q"), ("add", "."), ("commit", "-q", "-m", "one")):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)
    return root


@pytest.mark.parametrize(
    "rev", ["--output=/tmp/x", "-p", "HEAD --output=x", "HEAD:rules", "a..b", "", "HEAD\n"]
)
def test_a_revision_must_look_like_one(rev: str) -> None:
    with pytest.raises(RevisionError, match="not a git revision"):
        check_revision(rev)


def test_r27_git_writes_no_file(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "inj"
    (tmp_path / "inj:rules").mkdir()
    result = invoke(
        "diff", f"rules/national.yaml@--output={target}", "rules/national.yaml", cwd=repo
    )
    assert_refused(result, "not a git revision")
    assert not list((tmp_path / "inj:rules").iterdir()) and not target.exists()
    for rev in ("HEAD", "HEAD~0", "HEAD^0"):  # real revisions still work
        same = invoke("diff", f"rules/national.yaml@{rev}", "rules/national.yaml", cwd=repo)
        assert same.exit_code == 0, same.output


def test_a_binary_blob_at_a_revision(repo: Path) -> None:
    with pytest.raises(RevisionError, match="not UTF-8 text"):
        load_side(f"{repo / 'rules' / 'binary.yaml'}@HEAD")
