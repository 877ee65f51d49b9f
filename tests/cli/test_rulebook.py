"""``placement-rules rulebook -o DIR``: the site written, errors as one line, exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from placement_rules.cli import cli


def test_rulebook_writes_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["rulebook", "-o", str(out), "--on", "2025-09-01"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "index.html" in names and "vastra_gotaland.html" in names and "matrix.html" in names
    assert result.output.strip() == f"{len(names)} pages written to {out}"
    assert '<html lang="sv">' in (out / "index.html").read_text(encoding="utf-8")
    english = CliRunner().invoke(cli, ["rulebook", "-o", str(out), "--lang", "en"])
    assert english.exit_code == 0
    assert '<html lang="en">' in (out / "index.html").read_text(encoding="utf-8")


def test_rulebook_errors_are_one_line(tmp_path: Path) -> None:
    bad_date = CliRunner().invoke(cli, ["rulebook", "-o", str(tmp_path), "--on", "May"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["rulebook", "-o", str(blocked / "site")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    missing = CliRunner().invoke(cli, ["rulebook", "--rules-dir", str(tmp_path / "none")])
    assert missing.exit_code == 2
