"""The legal-staff commands: output formats and exit codes (0 same, 1 differences, 2 error)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from placement_rules.cli import cli
from placement_rules.cli.legal import register

from .test_diff import NATIONAL, REGIONAL, _git, _set, changed, git_repo, write_yaml
from .test_lint import vgr, write_dir

ANSI = re.compile(r"\x1b\[")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_line_error(result: Result) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert "Traceback" not in result.output


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = write_yaml(tmp_path / "old.yaml", REGIONAL)
    new = write_yaml(tmp_path / "new.yaml", changed(_set("deadline.offset", {"weeks": 3})))
    return old, new


def test_register_adds_the_commands() -> None:
    group = click.Group()
    register(group)
    assert {"diff", "textconv", "git-diff", "compare", "lint"} <= set(group.commands)


def test_diff_same_exits_0() -> None:
    result = run("diff", str(NATIONAL), str(NATIONAL), "--lang", "en")
    assert result.exit_code == 0
    assert "No differences in meaning" in result.stdout
    swedish = run("diff", str(NATIONAL), str(NATIONAL))
    assert swedish.exit_code == 0 and "Ingen skillnad i betydelse" in swedish.stdout


def test_diff_terminal_plain_when_piped(pair: tuple[Path, Path]) -> None:
    result = run("diff", str(pair[0]), str(pair[1]), "--lang", "en")
    assert result.exit_code == 1
    assert "deadline: 4 veckor → 3 veckor" in result.stdout
    assert "against the old version: tightens (deadline: tightens)" in result.stdout
    assert "alpha.offer" in result.stdout
    assert not ANSI.search(result.stdout)


def test_diff_formats(pair: tuple[Path, Path], tmp_path: Path) -> None:
    data = json.loads(run("diff", "--format", "json", str(pair[0]), str(pair[1])).stdout)
    assert data["changed"][0]["changes"] == [
        {
            "field": "deadline",
            "text": "deadline: 4 veckor → 3 veckor",
            "old": "4 veckor",
            "new": "3 veckor",
        }
    ]
    assert data["rules"][0]["verdict"] == "tightens"
    en = ("--lang", "en")
    markdown = run("diff", "--format", "markdown", str(pair[0]), str(pair[1]), *en).stdout
    assert "### Changed rule alpha.offer" in markdown
    assert "- deadline: 4 veckor → 3 veckor" in markdown
    out = tmp_path / "diff.html"
    result = run("diff", "--format", "html", "-o", str(out), str(pair[0]), str(pair[1]), *en)
    assert result.exit_code == 1 and result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "deadline: 4 veckor → 3 veckor" in html and "<script" not in html


def test_diff_errors_are_one_line(pair: tuple[Path, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nkind: [\n", encoding="utf-8")
    one_line_error(CliRunner().invoke(cli, ["diff", str(pair[0]), str(broken)]))
    one_line_error(CliRunner().invoke(cli, ["diff", str(pair[0]), str(tmp_path / "none.yaml")]))
    usage = CliRunner().invoke(cli, ["diff", str(pair[0])])
    assert usage.exit_code == 2 and "--rev" in usage.stderr


def test_diff_git_revisions(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    path = repo / "rules" / "alpha.yaml"
    write_yaml(path, changed(_set("cost_bearer", {"principal": "kommun"})))
    _git(repo, "commit", "-q", "-am", "two")
    result = run("diff", f"{path}@HEAD~1", f"{path}@HEAD", "--lang", "en")
    assert result.exit_code == 1
    assert "cost bearer: region (home_region) → kommun" in result.stdout
    assert f"{path}@HEAD~1" in result.stdout
    head = _git(repo, "rev-parse", "HEAD").strip()
    assert re.search(rf"new: commit {head[:12]}, .+, \d{{4}}-\d\d-\d\dT", result.stdout)
    assert "old: commit " in result.stdout
    swedish = run("diff", f"{path}@HEAD~1", f"{path}@HEAD")
    assert f"efter: commit {head[:12]}" in swedish.stdout
    assert "kostnadsansvar: region (home_region) → kommun" in swedish.stdout
    assert run("diff", "--rev", "HEAD", str(path)).exit_code == 0
    assert run("diff", "--rev", "HEAD~1", str(path)).exit_code == 1
    assert run("diff", f"{path}@HEAD~1").exit_code == 1
    one_line_error(CliRunner().invoke(cli, ["diff", "--rev", "no-such-rev", str(path)]))


def test_textconv(tmp_path: Path) -> None:
    result = run("textconv", str(NATIONAL))
    assert result.exit_code == 0
    assert "rule national.follow_up_after_placement.sol2025" in result.stdout
    assert "  deadline: 6 månader" in result.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nkind: nonsense\n", encoding="utf-8")
    shown = run("textconv", str(broken))
    assert shown.exit_code == 0
    assert shown.stdout.startswith("# not a valid rule file") and "kind: nonsense" in shown.stdout


def test_git_diff_driver(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = run(
        "git-diff", "rules/alpha.yaml", str(old), "abc", "100644", str(new), "def", "100644"
    )
    assert result.exit_code == 0
    assert "frist: 4 veckor → 3 veckor" in result.stdout
    assert "mot förra versionen: skärper (frist: skärper)" in result.stdout
    added = run("git-diff", "rules/alpha.yaml", "/dev/null", ".", ".", str(new), "def", "100644")
    assert added.exit_code == 0 and added.stdout.startswith("new file rules/alpha.yaml")
    broken = old.with_name("broken.yaml")
    broken.write_text("format: 1\n", encoding="utf-8")
    bad = run("git-diff", "rules/alpha.yaml", str(old), ".", ".", str(broken), ".", ".")
    assert bad.exit_code == 0 and "cannot compare rules/alpha.yaml by meaning" in bad.stdout


def test_compare_formats_and_exit_codes(rules_dir: Path) -> None:
    terminal = run("compare", "--rules-dir", str(rules_dir), "--on", "2025-08-01")
    assert terminal.exit_code == 1
    assert "follow_up_after_placement.limit" in terminal.stdout
    assert "(nationell lag gäller)" in terminal.stdout and not ANSI.search(terminal.stdout)
    data = json.loads(
        run(
            "compare",
            "alpha",
            "--rules-dir",
            str(rules_dir),
            "--on",
            "2025-08-01",
            "--format",
            "json",
        ).stdout
    )
    assert data["regions"] == ["national", "alpha"]
    html = run("compare", "--rules-dir", str(rules_dir), "--format", "html").stdout
    assert '<table class="matrix">' in html
    same = run("compare", "national", "--rules-dir", str(rules_dir))
    assert same.exit_code == 0


def test_compare_errors(rules_dir: Path) -> None:
    one_line_error(CliRunner().invoke(cli, ["compare", "nowhere", "--rules-dir", str(rules_dir)]))
    bad_date = CliRunner().invoke(cli, ["compare", "--rules-dir", str(rules_dir), "--on", "May"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr


def test_lint_command(tmp_path: Path) -> None:
    path = write_dir(tmp_path, vgr())
    result = run("lint", str(path), "--shared", str(tmp_path / "absent"), "--lang", "en")
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "vgr.follow_up_after_placement" in x)
    assert line.startswith("error") and re.search(r"vastra_gotaland\.yaml:\d+ ", line)
    assert "quote check skipped" in result.stdout
    data = json.loads(
        run("lint", str(path), "--shared", str(tmp_path / "absent"), "--format", "json").stdout
    )
    assert data["counts"]["error"] == 1 and data["shared"] is None
    markdown = run(
        "lint", str(path), "--shared", str(tmp_path / "x"), "--format", "markdown", "--lang", "en"
    ).stdout
    assert "| error | vgr.follow_up_after_placement |" in markdown
    html = run("lint", str(path), "--shared", str(tmp_path / "x"), "--format", "html").stdout
    assert 'data-code="contradicts-statute"' in html
    assert '<html lang="sv">' in html and "Granskning av regelfiler" in html
    assert ">fel<" in html and "strider mot lagen" in html


def test_lint_exit_codes_without_findings(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["in_force"] = {"end": dt.date(2025, 6, 30)}
    path = write_dir(tmp_path, data)
    clean = run("lint", str(path), "--shared", str(tmp_path / "absent"))
    assert clean.exit_code == 0, clean.stdout
    assert run("lint", "--strict", str(path), "--shared", str(tmp_path / "absent")).exit_code == 1
    missing = CliRunner().invoke(cli, ["lint", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2


ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def shared_folder() -> Path:
    """The source texts: $PLACEMENT_RULES_SHARED, else the folder beside the checkout."""
    from placement_rules.legal.lint import default_shared_dir

    return default_shared_dir()


def test_lint_exits_0_on_the_shipped_rules_listing_the_acknowledged_ones() -> None:
    shared = shared_folder()
    if not (shared / "seeds").is_dir():
        pytest.skip("shared source texts not present")
    result = run("lint", "--shared", str(shared), "--format", "json")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    noted = sorted(f["rule_id"] for f in data["findings"] if f["severity"] == "noted")
    assert noted == [
        "vgr.follow_up_after_placement.limit",
        "vgr.investigation.open",
        "vgr.sip.after_acute_placement",
    ]
    assert data["counts"]["error"] == data["counts"]["warning"] == 0
    terminal = run("lint", "--shared", str(shared))
    lines = [line for line in terminal.stdout.splitlines() if line.startswith("noterad")]
    assert len(lines) == 3 and all("Filens skäl:" in line for line in lines)
    assert "Socialtjänstlag (2025:400) 23 kap. 5 §" in terminal.stdout
    assert re.search(r"0 fel, 0 varningar, 3 noterade", terminal.stdout)


def test_lint_exits_1_on_a_copy_whose_period_no_longer_matches_its_quote(tmp_path: Path) -> None:
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    vgr_file = rules / "vastra_gotaland.yaml"
    text = vgr_file.read_text(encoding="utf-8")
    old = "deadline: {offset: {months: 2}, anchor: event_date, statutory: true, meaning: limit}"
    assert text.count(old) == 1
    vgr_file.write_text(text.replace(old, old.replace("months: 2", "months: 3")), "utf-8")
    result = run("lint", str(vgr_file), "--shared", str(shared_folder()))
    assert result.exit_code == 1
    errors = [x for x in result.stdout.splitlines() if x.startswith("fel")]
    (line,) = [x for x in errors if "citatet anger" in x]
    assert "vgr.follow_up_after_placement.limit" in line
    assert "citatet anger “två månader” men regeln kodar fristen 3 månader" in line
    english = run("lint", str(vgr_file), "--lang", "en", "--shared", str(shared_folder()))
    assert english.exit_code == 1 and "the quote says “två månader”" in english.stdout
