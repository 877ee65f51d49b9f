"""Coverage: the most specific declared section counts a rule, unencoded parts, gaps."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from placement_rules import load_file_rule_set, load_rule_set
from placement_rules.cli import cli
from placement_rules.legal.coverage import coverage

from ..rulefile_texts import VALID_REGIONAL

SECTIONS = """duty_sections:
  - {source: test_agreement, section: "3.4", summary: Placering}
  - {source: test_agreement, section: "3.4.7", summary: Fullmakt}
  - source: test_agreement
    section: "3.6"
    summary: Uppföljning av överenskommelsen
    unencoded:
      - summary: Årlig rapport
        quote: rapport årligen
        reason: No case event represents it.
  - {source: test_agreement, section: "9", summary: Utan regel}
"""


def test_a_rule_counts_for_the_most_specific_declared_section(tmp_path: Path) -> None:
    path = tmp_path / "testregion.yaml"
    path.write_text(VALID_REGIONAL.replace("rules:\n", SECTIONS + "rules:\n", 1), encoding="utf-8")
    report = coverage(load_file_rule_set(path))
    by_section = {s.section: s for s in report.sections}
    assert by_section["3.4"].rules == ("test.offer_within_four_weeks",)  # cites 3.4.3.1
    assert by_section["3.4.7"].rules == ("test.power_of_attorney",)  # not under 3.4 as well
    unencoded = by_section["3.6"]
    assert not unencoded.rules and not unencoded.is_gap
    assert unencoded.to_dict()["unencoded"] == [
        {
            "summary": "Årlig rapport",
            "quote": "rapport årligen",
            "reason": "No case event represents it.",
        }
    ]
    assert [s.section for s in report.gaps] == ["9"]


def test_vastra_gotaland_lists_2_2_and_4_2() -> None:
    report = coverage(load_rule_set("vastra_gotaland"))
    by_section = {s.section: s for s in report.sections}
    assert set(by_section["2.2"].rules) == {
        "vgr.collaboration.collaborate.kommun",
        "vgr.collaboration.collaborate.region",
        "vgr.collaboration.collaborate.skola",
    }
    assert "vgr.sip.convene.kommun" in by_section["2.2.2"].rules
    assert "vgr.sip.convene.kommun" not in by_section["2.2"].rules
    four_two = by_section["4.2"]
    assert set(four_two.rules) == {
        f"vgr.deviation.report.{p}" for p in ("kommun", "region", "skola")
    }
    assert len(four_two.unencoded) == 5
    assert not report.gaps


def test_coverage_command_prints_the_parts_not_encoded() -> None:
    result = CliRunner().invoke(cli, ["coverage", "--region", "vastra_gotaland", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index(
        next(line for line in lines if line.startswith("ok  vgr_samverkan_barn_unga 4.2:"))
    )
    block = lines[start + 1 : start + 9]
    assert "      vgr.deviation.report.kommun" in block
    assert any(line.startswith("      not encoded: Årlig rapport till VVG. – ") for line in block)
    assert lines[-1] == "28 duty sections, 0 gaps"
    swedish = CliRunner().invoke(cli, ["coverage", "--region", "vastra_gotaland"]).output
    assert "      inte kodat: Årlig rapport till VVG. – " in swedish
    assert "regler som gäller för regionen:" in swedish
    assert swedish.splitlines()[-1] == "28 avsnitt med plikter, 0 luckor"
    data = json.loads(
        CliRunner().invoke(cli, ["coverage", "--region", "vastra_gotaland", "--json"]).output
    )
    (two_two,) = [s for s in data["sections"] if s["section"] == "2.2"]
    assert two_two["unencoded"][0]["summary"] == "Samverkan på alla nivåer."
