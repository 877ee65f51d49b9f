"""The duties × regions matrix: own rules, the inherited national baseline, duties only another
region has, rows in the order of the agreements' sections, Swedish HTML output."""

from __future__ import annotations

import datetime as dt
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from placement_rules.legal.compare import NATIONAL, compare_regions, section_order
from placement_rules.legal.reports import render
from placement_rules.regions import load_rule_set

from .conftest import beta
from .test_diff import write_yaml

AFTER_NEW_SOL = dt.date(2025, 8, 1)
BEFORE_NEW_SOL = dt.date(2025, 6, 1)
FOLLOW_UP = "follow_up_after_placement.limit"
OFFER = "health_examination.offer"


def test_columns_and_rows(rules_dir: Path) -> None:
    matrix = compare_regions([], AFTER_NEW_SOL, rules_dir)
    assert matrix.regions == ("national", "alpha", "beta")
    assert FOLLOW_UP in matrix.duties and OFFER in matrix.duties
    named = compare_regions(["beta", "alpha"], AFTER_NEW_SOL, rules_dir)
    assert named.regions == ("national", "beta", "alpha") and named.lead == "beta"


def test_rows_follow_the_lead_agreements_sections() -> None:
    """On the bundled rules: VGR (the most rules of its own) leads; its duties come first, in the
    order of its sections; duties only the statute has come last, in the national file's order."""
    matrix = compare_regions([], AFTER_NEW_SOL)
    assert matrix.lead == "vastra_gotaland"
    vgr = load_rule_set("vastra_gotaland")
    placed = [d for d in matrix.duties if (matrix.placed_by or {}).get(d) == "vastra_gotaland"]
    assert placed == list(matrix.duties[: len(placed)])
    first = {}
    for compiled in vgr.rules:
        if compiled.level > 0 and compiled.duty not in first:
            first[compiled.duty] = min(
                section_order(vgr, c) for c in vgr.rules if c.level > 0 and c.duty == compiled.duty
            )
    assert [first[d] for d in placed] == sorted(first[d] for d in placed)
    assert matrix.row_section(placed[0]) is not None
    assert matrix.row_section(placed[0]).startswith("VGR-överenskommelsen")  # type: ignore[union-attr]
    national_only = [d for d in matrix.duties if (matrix.placed_by or {}).get(d) is None]
    assert national_only == list(matrix.duties[len(matrix.duties) - len(national_only) :])
    jonkoping = compare_regions(["jonkoping"], AFTER_NEW_SOL)
    assert jonkoping.lead == "jonkoping"
    assert (jonkoping.placed_by or {})[jonkoping.duties[0]] == "jonkoping"


def test_own_inherited_and_national_cells(rules_dir: Path) -> None:
    matrix = compare_regions(["alpha", "beta"], AFTER_NEW_SOL, rules_dir)
    national = matrix.cell(FOLLOW_UP, "national")
    assert national.state == "national"
    assert national.entries[0].deadline == "ending at most 6 månader from the event date, statutory"
    own = matrix.cell(FOLLOW_UP, "alpha")
    assert own.state == "own" and own.differs
    assert own.entries[0].deadline == "ending at most 2 månader from the event date, statutory"
    assert own.entries[0].responsible == "kommun (home_municipality): socialtjänsten"
    inherited = matrix.cell(FOLLOW_UP, "beta")
    assert inherited.state == "inherited" and not inherited.differs
    assert inherited.entries[0].rule_id == "national.follow_up_after_placement.sol2025"
    assert matrix.row_differs(FOLLOW_UP)
    offer = matrix.cell(OFFER, "beta")
    assert offer.entries[0].convener == "kommun (home_municipality)"
    assert offer.entries[0].cost_bearer == "region (home_region)"
    assert matrix.cell(OFFER, "alpha").entries[0].convener is None


def test_on_date_picks_the_law_in_force(rules_dir: Path) -> None:
    matrix = compare_regions(["beta"], BEFORE_NEW_SOL, rules_dir)
    cell = matrix.cell(FOLLOW_UP, "beta")
    assert cell.entries[0].rule_id == "national.follow_up_after_placement.sol2001"
    assert cell.entries[0].deadline is not None and "2 månader" in cell.entries[0].deadline


def test_agreement_not_in_force_falls_back_to_national(rules_dir: Path) -> None:
    matrix = compare_regions(["alpha"], dt.date(2020, 6, 1), rules_dir)
    cell = matrix.cell(FOLLOW_UP, "alpha")
    assert cell.state == "inherited"
    assert cell.note is not None and "not in force" in cell.note


def test_gap_when_no_rule_at_all(rules_dir: Path) -> None:
    data = beta()
    data["rules"][0].update(id="beta.extra", duty="beta.only_here", relation="adds")
    write_yaml(rules_dir / "beta.yaml", data)
    matrix = compare_regions([], AFTER_NEW_SOL, rules_dir)
    assert matrix.cell("beta.only_here", "alpha").state == "gap"
    assert matrix.cell("beta.only_here", "national").state == "gap"
    assert matrix.cell("beta.only_here", "beta").state == "own"
    html = render(matrix, "html")
    parser = _Cells()
    parser.feed(html)
    _, text = parser.cells[("beta.only_here", "alpha")]
    assert text.startswith("nationell lag gäller – regionen lägger inte till något")
    assert "lagen har ingen särskild regel" in parser.cells[("beta.only_here", NATIONAL)][1]


class _Cells(HTMLParser):
    """Collects the matrix cells of an HTML report: (duty, region) → (attributes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], tuple[dict[str, str], str]] = {}
        self.headers: list[str] = []
        self._cell: dict[str, str] | None = None
        self._in_head = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "td" and "data-duty" in found:
            self._cell, self._text = found, []
        elif tag == "th" and found.get("scope") == "col":
            self._in_head, self._text = True, []
        elif tag == "br" and self._cell is not None:
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            key = (self._cell["data-duty"], self._cell["data-region"])
            self.cells[key] = (self._cell, "".join(self._text))
            self._cell = None
        elif tag == "th" and self._in_head:
            self.headers.append("".join(self._text))
            self._in_head = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None or self._in_head:
            self._text.append(data)


def test_html_report_contains_the_matrix(rules_dir: Path) -> None:
    matrix = compare_regions([], AFTER_NEW_SOL, rules_dir)
    html = render(matrix, "html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">') and "<style>" in html
    assert "<script" not in html and "http" not in html
    assert "table-layout:fixed" in html and "<caption " in html
    parser = _Cells()
    parser.feed(html)
    assert parser.headers == ["Skyldighet", "Nationell lag", "alpha", "beta"]
    assert len(parser.cells) == len(matrix.duties) * 3
    attrs, text = parser.cells[(FOLLOW_UP, "alpha")]
    assert attrs["data-state"] == "own" and "differs" in attrs["class"].split()
    lines = text.splitlines()
    assert "frist: längst 2 månader från händelsedagen – lagstadgad frist" in lines[1]
    assert any(line.startswith("källa: Alfa agreement ") for line in lines)
    assert attrs["data-label"] == "alpha"
    attrs, text = parser.cells[(FOLLOW_UP, "beta")]
    assert attrs["data-state"] == "inherited"
    assert text.splitlines()[0] == "nationell lag gäller"
    assert "6 månader" in text
    attrs, text = parser.cells[(OFFER, "beta")]
    assert "kallar: Kommunen: hemkommunen" in text.splitlines()
    assert '<th scope="row">' in html


def test_markdown_and_json_reports(rules_dir: Path) -> None:
    import json

    matrix = compare_regions([], AFTER_NEW_SOL, rules_dir)
    markdown = render(matrix, "markdown")
    assert "| Skyldighet | Nationell lag | alpha | beta |" in markdown
    row = next(line for line in markdown.splitlines() if f"(`{FOLLOW_UP}`)" in line)
    assert "**≠**" in row and "(nationell lag gäller)" in row
    data = json.loads(render(matrix, "json"))
    follow = next(d for d in data["duties"] if d["duty"] == FOLLOW_UP)
    assert follow["cells"]["beta"]["state"] == "inherited"
    assert follow["cells"]["alpha"]["entries"][0]["rule_id"] == "alpha.follow_up"
    assert follow["cells"]["alpha"]["entries"][0]["section"].startswith("Alfa agreement ")


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_html_report_renders_in_headless_chromium(rules_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "matrix.html"
    page.write_text(render(compare_regions([], AFTER_NEW_SOL, rules_dir), "html"), encoding="utf-8")
    done = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    parser = _Cells()
    parser.feed(done.stdout)
    assert parser.headers == ["Skyldighet", "Nationell lag", "alpha", "beta"]
    assert parser.cells[(FOLLOW_UP, "alpha")][0]["data-state"] == "own"
    assert "2 månader" in parser.cells[(FOLLOW_UP, "alpha")][1]


def test_english_on_request(rules_dir: Path) -> None:
    from click.testing import CliRunner

    from placement_rules.cli import cli

    english = compare_regions([], AFTER_NEW_SOL, rules_dir, "en")
    html = render(english, "html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "national law applies" in html and "nationell lag gäller" not in html
    result = CliRunner().invoke(
        cli, ["compare", "--rules-dir", str(rules_dir), "--format", "markdown", "--lang", "en"]
    )
    assert result.exit_code == 1 and "| Duty | National law | alpha | beta |" in result.output
    swedish = CliRunner().invoke(
        cli, ["compare", "--rules-dir", str(rules_dir), "--format", "html"]
    )
    assert '<html lang="sv">' in swedish.output
