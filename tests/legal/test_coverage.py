"""Section coverage (``placement_rules.legal.coverage`` and ``placement-rules coverage``).

A regional file lists the sections of its sources that create duties; each must be cited by a
rule of the file (``source`` or ``see_also``, the section itself or a sub-section of it) or give
a ``no_rule_reason``. Otherwise it is a gap, and the command exits 1.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.legal.coverage import cites, coverage
from placement_rules.models import Citation
from placement_rules.regions import available_regions, load_rule_set
from placement_rules.ruleset import RuleSet

from .test_diff import NATIONAL, REGIONAL, ROOT

RULES = ROOT / "rules"
REGIONS = [r for r in available_regions() if r != "national"]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

COUNTS = {
    "jonkoping": (11, 24, 2),
    "ostergotland": (13, 3, 11),
    "stockholm": (5, 0, 5),
    "vastra_gotaland": (28, 89, 8),
}
"""Per region: duty sections, (section, citing rule) pairs, sections left with a reason. A
citation removed from a rule, a rule removed, a duty section dropped or a reason added changes
these: if the change is meant, read the report (``placement-rules coverage --region R``) and
update the figures."""


@functools.cache
def bundled(region: str) -> RuleSet:
    return load_rule_set(region)


@functools.cache
def _text_data(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def read_data(path: Path) -> Any:
    """A rule file's YAML data, a fresh copy each call."""
    return copy.deepcopy(_text_data(path))


def write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.dump(data, Dumper=_DUMPER, allow_unicode=True), encoding="utf-8")


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(cli, ["coverage", "--lang", "en", *args])


def within(cited: str, section: str) -> bool:
    """The section names ``section`` or one of its sub-sections: its parts (split at dots and
    spaces) begin with all of ``section``'s parts (written apart from coverage.cites)."""
    parts = [p for p in re.split(r"[.\s]+", section.strip()) if p]
    return [p for p in re.split(r"[.\s]+", cited.strip()) if p][: len(parts)] == parts


def expected_sections(region: str, rules_dir: Path = RULES) -> list[dict[str, Any]]:
    """The coverage of a file worked out from its YAML text alone: a rule counts for the most
    specific declared section (the one with the most parts) that one of its citations falls in."""
    data = read_data(rules_dir / f"{region}.yaml")
    declared = data.get("duty_sections", [])

    def home(citation: dict[str, Any]) -> int | None:
        inside = [
            (len([p for p in re.split(r"[.\s]+", str(s["section"]).strip()) if p]), i)
            for i, s in enumerate(declared)
            if s["source"] == citation["source"]
            and within(str(citation["section"]), str(s["section"]))
        ]
        return max(inside)[1] if inside else None

    out = []
    for index, section in enumerate(declared):
        citing = [
            rule["id"]
            for rule in data.get("rules", [])
            if any(home(c) == index for c in [rule["source"], *rule.get("see_also", [])])
        ]
        unencoded = [
            {"summary": u["summary"], "quote": u.get("quote"), "reason": u["reason"]}
            for u in section.get("unencoded", [])
        ]
        out.append(
            {
                "source": section["source"],
                "section": str(section["section"]),
                "summary": section["summary"],
                "rules": citing,
                "no_rule_reason": section.get("no_rule_reason"),
                "unencoded": unencoded,
                "gap": not citing and section.get("no_rule_reason") is None and not unencoded,
            }
        )
    return out


def planted(tmp_path: Path, region: str) -> tuple[Path, dict[str, Any]]:
    """A rules folder with copies of the national file and ``region``'s, and the region's data
    to change (written back with :func:`write_yaml`)."""
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(NATIONAL, folder / "national.yaml")
    return folder, read_data(RULES / f"{region}.yaml")


def uncite(data: dict[str, Any], source: str, section: str) -> list[str]:
    """Remove every citation of ``section`` (and its sub-sections) from the file's rules: a
    ``source`` citation is pointed at a section no duty section names, a ``see_also`` entry is
    dropped. Returns the ids of the rules changed."""
    changed = []
    for rule in data["rules"]:
        touched = False
        if rule["source"]["source"] == source and within(rule["source"]["section"], section):
            rule["source"]["section"] = "99.99 (planted: no duty section)"
            touched = True
        kept = [
            c
            for c in rule.get("see_also", [])
            if not (c["source"] == source and within(str(c["section"]), section))
        ]
        if len(kept) != len(rule.get("see_also", [])):
            rule["see_also"] = kept
            touched = True
        if touched:
            changed.append(rule["id"])
    return changed


# --- the bundled files ------------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_report_lists_each_duty_section_with_the_rules_that_cite_it(region: str) -> None:
    report = coverage(bundled(region))
    assert [s.to_dict() for s in report.sections] == expected_sections(region)
    assert report.region == region


@pytest.mark.parametrize("region", REGIONS)
def test_the_coverage_of_each_region_is_pinned(region: str) -> None:
    report = coverage(bundled(region))
    found = (
        len(report.sections),
        sum(len(s.rules) for s in report.sections),
        sum(1 for s in report.sections if s.no_rule_reason is not None),
    )
    assert found == COUNTS[region], "\n".join(
        f"{s.section}: {', '.join(s.rules) or s.no_rule_reason}" for s in report.sections
    )


def test_every_bundled_region_is_pinned() -> None:
    assert sorted(COUNTS) == sorted(REGIONS)


@pytest.mark.parametrize("region", REGIONS)
def test_the_shipped_files_have_no_gaps(region: str) -> None:
    report = coverage(bundled(region))
    assert report.sections
    assert report.gaps == ()
    result = run_cli("--region", region)
    assert result.exit_code == 0, result.output
    assert "GAP" not in result.output
    assert result.output.rstrip().endswith(f"{len(report.sections)} duty sections, 0 gaps")


@pytest.mark.parametrize("region", REGIONS)
def test_text_output_shows_each_section_its_rules_or_its_reason(region: str) -> None:
    report = coverage(bundled(region))
    lines = run_cli("--region", region).output.splitlines()
    for section in report.sections:
        head = f"ok  {section.source} {section.section}: {section.summary}"
        at = lines.index(head)
        shown = []
        for line in lines[at + 1 :]:
            if not line.startswith("      "):
                break
            shown.append(line.strip())
        expected = list(section.rules)
        if section.no_rule_reason:
            expected.append(f"no rule: {section.no_rule_reason}")
        expected += [f"not encoded: {u.summary} – {u.reason}" for u in section.unencoded]
        assert shown == expected, section.section


def test_the_national_file_has_no_duty_sections() -> None:
    report = coverage(bundled("national"))
    assert report.sections == ()
    assert report.gaps == ()
    assert run_cli("--region", "national").exit_code == 0


# --- planted changes ---------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["vastra_gotaland", "jonkoping"])
def test_a_section_whose_citations_are_removed_is_a_gap(tmp_path: Path, region: str) -> None:
    folder, data = planted(tmp_path, region)
    target = next(
        s for s in data["duty_sections"] if "no_rule_reason" not in s and "unencoded" not in s
    )
    changed = uncite(data, target["source"], str(target["section"]))
    assert changed
    write_yaml(folder / f"{region}.yaml", data)

    report = coverage(load_rule_set(region, folder))
    (gap,) = report.gaps
    assert (gap.source, gap.section, gap.rules) == (target["source"], str(target["section"]), ())
    assert [s.to_dict() for s in report.sections] == expected_sections(region, folder)

    result = run_cli("--region", region, "--rules-dir", str(folder))
    assert result.exit_code == 1
    assert f"GAP {target['source']} {target['section']}: " in result.output
    assert result.output.rstrip().endswith(f"{len(report.sections)} duty sections, 1 gaps")
    shown = json.loads(run_cli("--region", region, "--rules-dir", str(folder), "--json").output)
    assert shown["gaps"] == 1
    assert [s["section"] for s in shown["sections"] if s["gap"]] == [str(target["section"])]


def test_a_section_whose_reason_is_dropped_is_a_gap(tmp_path: Path) -> None:
    folder, data = planted(tmp_path, "jonkoping")
    uncovered = [s for s in expected_sections("jonkoping") if not s["rules"]]
    target = next(s for s in data["duty_sections"] if s["section"] == uncovered[0]["section"])
    del target["no_rule_reason"]
    write_yaml(folder / "jonkoping.yaml", data)

    report = coverage(load_rule_set("jonkoping", folder))
    assert [g.section for g in report.gaps] == [target["section"]]
    assert report.gaps[0].no_rule_reason is None
    result = run_cli("--region", "jonkoping", "--rules-dir", str(folder))
    assert result.exit_code == 1
    assert f"GAP jkp_overenskommelse {target['section']}: " in result.output


def test_a_section_left_to_a_reason_is_no_gap_when_its_rules_go(tmp_path: Path) -> None:
    folder, data = planted(tmp_path, "jonkoping")
    target = next(
        s for s in data["duty_sections"] if "no_rule_reason" not in s and "unencoded" not in s
    )
    uncite(data, target["source"], str(target["section"]))
    target["no_rule_reason"] = "Planted: left to the national baseline."
    write_yaml(folder / "jonkoping.yaml", data)
    (section,) = [
        s
        for s in coverage(load_rule_set("jonkoping", folder)).sections
        if s.section == target["section"]
    ]
    assert section.rules == ()
    assert not section.is_gap
    assert run_cli("--region", "jonkoping", "--rules-dir", str(folder)).exit_code == 0


# --- sub-sections --------------------------------------------------------------------------------


def citation(section: str, source: str = "alpha_agreement") -> Citation:
    return Citation(source=source, section=section)


@pytest.mark.parametrize(
    ("cited", "section", "covers"),
    [
        ("3.4", "3.4", True),
        ("3.4.1", "3.4", True),
        ("3.4.1.2", "3.4", True),
        (" 3.4.1 ", "3.4", True),
        ("3.4 andra stycket", "3.4", True),
        ("3.40", "3.4", False),
        ("3.4", "3.4.1", False),
        ("3", "3.4", False),
        ("Placering i annat län – Utgångspunkter", "Placering i annat län", True),
        ("Placering i annat länsdel", "Placering i annat län", False),
    ],
)
def test_a_sub_section_citation_counts(cited: str, section: str, covers: bool) -> None:
    assert cites(citation(cited), "alpha_agreement", section) is covers
    assert cites(citation(cited, "other"), "alpha_agreement", section) is False


def test_a_sub_section_citation_covers_its_section_in_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(NATIONAL, folder / "national.yaml")
    data = copy.deepcopy(REGIONAL)
    data["duty_sections"] = [
        {"source": "alpha_agreement", "section": "3.4", "summary": "Hälsoundersökning."},
        {"source": "alpha_agreement", "section": "3.5", "summary": "Uppföljning."},
    ]
    data["rules"][0]["source"] = {"source": "alpha_agreement", "section": "3.4.1"}
    for rule in data["rules"][1:]:
        rule["source"] = {"source": "alpha_agreement", "section": "3.50"}
        rule.pop("see_also", None)
    write_yaml(folder / "alpha.yaml", data)

    report = coverage(load_rule_set("alpha", folder))
    first, second = report.sections
    assert first.rules == (data["rules"][0]["id"],)
    assert not first.is_gap
    assert second.rules == ()  # 3.50 is not a sub-section of 3.5
    assert second.is_gap
    result = run_cli("--region", "alpha", "--rules-dir", str(folder))
    assert result.exit_code == 1
    assert "ok  alpha_agreement 3.4: " in result.output
    assert "GAP alpha_agreement 3.5: " in result.output


def test_vgr_3_3_2_is_covered_only_through_its_sub_section() -> None:
    (section,) = [s for s in coverage(bundled("vastra_gotaland")).sections if s.section == "3.3.2"]
    assert section.rules
    cited = {
        c.section
        for r in bundled("vastra_gotaland").top.model.rules
        if r.id in section.rules
        for c in (r.source, *r.see_also)
    }
    assert "3.3.2" not in cited
    assert "3.3.2.1" in cited


# --- JSON and the rules in force ------------------------------------------------------------------


def test_json_output_shape() -> None:
    result = run_cli("--region", "vastra_gotaland", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"region", "sections", "rules", "gaps"}
    assert data["region"] == "vastra_gotaland"
    assert data["gaps"] == sum(1 for s in data["sections"] if s["gap"]) == 0
    for section in data["sections"]:
        assert set(section) == {
            "source",
            "section",
            "summary",
            "rules",
            "no_rule_reason",
            "unencoded",
            "gap",
        }
        assert isinstance(section["rules"], list)
        assert all(isinstance(r, str) for r in section["rules"])
        assert section["gap"] is (
            not section["rules"] and section["no_rule_reason"] is None and not section["unencoded"]
        )
    assert data["sections"] == expected_sections("vastra_gotaland")
    for rule in data["rules"]:
        assert set(rule) == {"rule_id", "duty", "origin", "relation", "citation"}
        assert rule["origin"] in {"regional", "national (inherited)"}
    assert data == coverage(bundled("vastra_gotaland")).to_dict()


def test_the_rules_in_force_are_the_regions_own_and_the_national_ones_it_keeps() -> None:
    rules = bundled("vastra_gotaland")
    report = coverage(rules)
    own = {r.id for r in rules.top.model.rules}
    own_duties = {r.duty for r in rules.top.model.rules}
    listed = {o.rule_id: o for o in report.rules}
    assert own <= set(listed)
    for origin in report.rules:
        if origin.rule_id in own:
            assert origin.origin == "regional"
        else:
            assert origin.origin == "national (inherited)"
            assert origin.duty not in own_duties  # a national rule the region replaces is left out
    assert len(listed) == len(report.rules)


def test_an_unknown_region_is_an_error() -> None:
    result = run_cli("--region", "nowhere")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
