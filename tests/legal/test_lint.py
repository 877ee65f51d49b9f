"""Lint: contradictions with the national rule in force, citation quotes, deadline anchors."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from placement_rules.errors import PlacementRulesError
from placement_rules.legal import lint
from placement_rules.legal.lint import (
    LintFinding,
    collapse,
    default_shared_dir,
    join_hyphenated,
    lint_paths,
)

from .test_diff import NATIONAL, REGIONAL, write_yaml

ROOT = Path(__file__).resolve().parents[2]
REAL_SHARED = default_shared_dir()
VGR_SEED = "seeds/004_f0a4dc14411f756f.txt"


def vgr() -> dict[str, Any]:
    """A crafted Västra Götaland file with the VGR 3.5.2 two-month follow-up rule."""
    data = copy.deepcopy(REGIONAL)
    data.update(region="vastra_gotaland", name="VGR (test)")
    data["sources"][0].update(id="vgr_agreement", file=VGR_SEED)
    data["agreements"][0]["source"] = "vgr_agreement"
    for citation in (
        data["agreements"][0]["validity"]["citation"],
        data["agreements"][0]["validity"]["renewal"]["citation"],
        data["scope"]["citation"],
    ):
        citation["source"] = "vgr_agreement"
    follow_up = data["rules"][1]
    follow_up.update(id="vgr.follow_up_after_placement")
    follow_up["trigger"]["when"] = [
        {"fact": "age", "op": "lt", "value": 18},
        {"fact": "legal_basis", "op": "eq", "value": "SoL"},
    ]
    follow_up["source"]["source"] = "vgr_agreement"
    data["rules"] = [follow_up]
    return data


def write_dir(tmp_path: Path, data: dict[str, Any]) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    shutil.copy(NATIONAL, folder / "national.yaml")
    return write_yaml(folder / f"{data['region']}.yaml", data)


def lint_en(paths: list[Path], **options: Any) -> lint.LintReport:
    """Lint with English messages (the tests read them)."""
    return lint_paths(paths, lang="en", **options)


def codes(findings: tuple[LintFinding, ...]) -> list[tuple[str, str | None]]:
    return [(f.code, f.rule_id) for f in findings]


def test_finds_vgr_two_months_against_sol_2025_six_months(tmp_path: Path) -> None:
    path = write_dir(tmp_path, vgr())
    report = lint_en([path], shared=tmp_path / "absent")
    found = [f for f in report.findings if f.code == "contradicts-statute"]
    assert len(found) == 1, report.findings
    finding = found[0]
    assert finding.severity == "error" and finding.rule_id == "vgr.follow_up_after_placement"
    assert finding.file.endswith("vastra_gotaland.yaml")
    deadline_line = next(
        i
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if line.strip().startswith("deadline:")
    )
    assert finding.line == deadline_line
    assert finding.where == f"{finding.file}:{deadline_line}"
    for part in (
        "time limit contradicts the statute",
        "Alfa agreement 3.5.2 says",
        "Socialtjänstlag (2025:400) 23 kap. 5 §",
        "from 2025-07-01",
        "2 månader",
        "6 månader",
        "national.follow_up_after_placement.sol2025",
        "placeringen upphör",
    ):
        assert part in finding.message
    assert "sol2001" not in finding.message
    assert report.failed()


def test_on_date_before_the_new_law_finds_no_contradiction(tmp_path: Path) -> None:
    path = write_dir(tmp_path, vgr())
    before = lint_en([path], shared=tmp_path / "absent", on=dt.date(2025, 6, 30))
    assert "contradicts-statute" not in [f.code for f in before.findings]
    after = lint_en([path], shared=tmp_path / "absent", on=dt.date(2025, 7, 1))
    assert "contradicts-statute" in [f.code for f in after.findings]


def test_rule_in_force_only_before_the_new_law_is_fine(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["in_force"] = {"end": dt.date(2025, 6, 30)}
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")
    assert "contradicts-statute" not in [f.code for f in report.findings]


def test_exclusive_conditions_are_not_compared(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["trigger"]["when"][1]["value"] = "LVU"
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")
    assert "contradicts-statute" not in [f.code for f in report.findings]


def test_longer_due_deadline_and_other_cost_bearer(tmp_path: Path) -> None:
    data = vgr()
    rule = data["rules"][0]
    rule.update(id="vgr.decide", duty="investigation.decide_whether_to_open", relation="restates")
    rule["trigger"] = {"event": "report_of_concern"}
    rule["deadline"] = {"offset": {"days": 21}, "anchor": "event_date", "statutory": True}
    rule["cost_bearer"] = {"principal": "region"}
    cost = copy.deepcopy(rule)
    cost.update(id="vgr.cost", duty="cost.health_care", relation="restates")
    cost["trigger"] = {"event": "placement_started"}
    cost["cost_bearer"] = {"principal": "kommun", "locus": "home_municipality"}
    cost.pop("deadline")
    data["rules"] = [rule, cost]
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")
    found = {(f.code, f.rule_id): f for f in report.findings}
    late = found[("contradicts-statute", "vgr.decide")]
    assert "later than the statute" in late.message and "21 dagar" in late.message
    assert "14 dagar" in late.message
    assert found[("cost-bearer-differs", "vgr.cost")].severity == "warning"
    assert "kommun (home_municipality)" in found[("cost-bearer-differs", "vgr.cost")].message


def test_quote_checks(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "seeds").mkdir(parents=True)
    (shared / VGR_SEED).write_text(
        "3.5.2 Uppföljning\n\nUppfölj-\nningen ska i sådana \n fall avslutas inom två må-\n"
        "nader. \n\n3.4 Inom fyra veckor erbjuds tid.\n",
        encoding="utf-8",
    )
    data = vgr()
    offer = copy.deepcopy(REGIONAL["rules"][0])
    offer["source"] = {"source": "vgr_agreement", "section": "3.4", "quote": "inom fyra veckor"}
    no_quote = copy.deepcopy(REGIONAL["rules"][0])
    no_quote.update(id="vgr.no_quote", duty="power_of_attorney", relation="adds")
    no_quote["deadline"] = {"vague": "i_samband_med", "statutory": False}
    no_quote["source"] = {"source": "vgr_agreement", "section": "3.4.7"}
    data["rules"] += [offer, no_quote]
    report = lint_en([write_dir(tmp_path, data)], shared=shared)
    assert report.shared == str(shared)
    got = codes(report.findings)
    assert ("quote-not-found", "vgr.follow_up_after_placement") not in got  # hyphen and spaces
    assert ("quote-not-found", "alpha.offer") in got  # "Inom" is capitalised in the text
    assert ("missing-quote", "vgr.no_quote") in got
    assert ("deadline-without-anchor", "vgr.no_quote") in got
    severities = {(f.code): f.severity for f in report.findings}
    assert severities["quote-not-found"] == "error"
    assert severities["missing-quote"] == "warning"
    assert severities["deadline-without-anchor"] == "info"


def test_missing_shared_folder_skips_the_quote_check(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["in_force"] = {"end": dt.date(2025, 6, 30)}
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "nowhere")
    assert report.shared is None
    assert codes(report.findings) == [("quote-check-skipped", None)]
    assert "skipped" in report.findings[0].message
    assert not report.failed() and report.failed(strict=True)


def test_shared_folder_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLACEMENT_RULES_SHARED", str(tmp_path))
    assert default_shared_dir() == tmp_path
    monkeypatch.delenv("PLACEMENT_RULES_SHARED")
    assert default_shared_dir() == ROOT.parent / "shared"


def test_shared_folder_of_an_installed_package_is_beside_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PLACEMENT_RULES_SHARED", raising=False)
    installed = tmp_path / "venv" / "lib" / "site-packages" / "placement_rules" / "lint.py"
    monkeypatch.setattr(lint, "__file__", str(installed))
    clone = tmp_path / "clone"
    clone.mkdir()
    monkeypatch.chdir(clone)
    assert default_shared_dir() == tmp_path / "shared"


def test_whitespace_and_hyphen_normalisation() -> None:
    assert collapse(" a \n\t b ") == "a b"
    assert (
        join_hyphenated("ut-\n  redning och hälso- och sjuk-\nvård")
        == "utredning och hälso- och sjukvård"
    )


@pytest.mark.skipif(not (REAL_SHARED / "law").is_dir(), reason="shared source texts not present")
def test_national_quotes_occur_in_the_statutes() -> None:
    report = lint_en([NATIONAL], shared=REAL_SHARED)
    assert [f for f in report.findings if f.severity != "info"] == []


@pytest.mark.skipif(not (REAL_SHARED / "seeds").is_dir(), reason="shared source texts not present")
def test_crafted_vgr_quote_is_found_in_the_real_seed(tmp_path: Path) -> None:
    report = lint_en([write_dir(tmp_path, vgr())], shared=REAL_SHARED)
    assert "quote-not-found" not in [f.code for f in report.findings]


def test_real_vgr_file_contradiction() -> None:
    path = ROOT / "rules" / "vastra_gotaland.yaml"
    if not path.exists():
        pytest.skip("rules/vastra_gotaland.yaml not written yet")
    try:
        report = lint_en([path], shared=REAL_SHARED)
    except PlacementRulesError as exc:
        pytest.skip(f"rules/vastra_gotaland.yaml does not load yet: {exc}")
    found = [
        f
        for f in report.findings
        if f.code == "acknowledged-contradiction"
        and "6 månader" in f.message
        and "2025-07-01" in f.message
    ]
    assert found, [f.message for f in report.findings]
    assert all(f.file.endswith("vastra_gotaland.yaml") and f.line for f in found)
    assert all(f.severity == "noted" for f in found)
    assert not [f for f in report.findings if f.severity == "error"]


def test_quotes_only_from_source_texts(tmp_path: Path) -> None:
    """DOMAIN.md is a project note, not a source: a source naming it and a quote from it are
    errors; only files under seeds/ and law/ count as sources."""
    shared = tmp_path / "shared"
    (shared / "seeds").mkdir(parents=True)
    (shared / "DOMAIN.md").write_text("the region pays for health care\n", encoding="utf-8")
    data = vgr()
    data["sources"].append(
        {"id": "project_note", "kind": "decision", "title": "Notes", "file": "DOMAIN.md"}
    )
    quoted = copy.deepcopy(REGIONAL["rules"][0])
    quoted.update(id="vgr.quotes_a_note", duty="quotes_a_note", relation="adds")
    quoted["source"] = {
        "source": "project_note",
        "section": "Cost",
        "quote": "the region pays for health care",
    }
    data["rules"] = [quoted]
    report = lint_en([write_dir(tmp_path, data)], shared=shared)
    found = {f.code: f for f in report.findings if f.severity == "error"}
    assert set(found) == {"quote-from-non-source", "source-file-not-a-source"}
    assert found["quote-from-non-source"].rule_id == "vgr.quotes_a_note"
    assert "DOMAIN.md" in found["source-file-not-a-source"].message
    assert found["source-file-not-a-source"].line is not None


def test_a_citation_without_quote_may_say_why(tmp_path: Path) -> None:
    data = vgr()
    data["sources"].append({"id": "circular", "kind": "recommendation", "title": "Cirkulär"})
    noted = copy.deepcopy(REGIONAL["rules"][0])
    noted.update(id="vgr.circular", duty="circular", relation="adds")
    noted["source"] = {"source": "circular", "section": "1", "no_quote_reason": "text not here"}
    data["rules"] = [noted]
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")
    (finding,) = [f for f in report.findings if f.code == "missing-quote"]
    assert finding.severity == "info" and finding.message.endswith(": text not here")
    both = copy.deepcopy(noted)
    both["source"]["quote"] = "a quote"
    data["rules"] = [both]
    with pytest.raises(PlacementRulesError, match="needs no no_quote_reason"):
        lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")


@pytest.mark.skipif(not (REAL_SHARED / "law").is_dir(), reason="shared source texts not present")
def test_no_bundled_rule_quotes_a_non_source() -> None:
    report = lint_en([], shared=REAL_SHARED)
    assert not [
        f
        for f in report.findings
        if f.code in ("quote-from-non-source", "source-file-not-a-source")
    ]


def test_a_legal_basis_out_of_force_while_the_rule_is_in_force_is_noted(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["legal_basis"] = [{"source": "sol_2001_453", "section": "11 kap. 4 c §"}]
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")
    (finding,) = [f for f in report.findings if f.code == "legal-basis-not-in-force"]
    assert finding.severity == "info"
    assert "no legal-basis entry is in force from 2025-07-01 while the rule is" in finding.message
    data["rules"][0]["legal_basis"].append({"source": "sol_2025_400", "section": "23 kap. 5 §"})
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")
    assert "legal-basis-not-in-force" not in [f.code for f in report.findings]


ACK = {
    "statute_rule": "national.follow_up_after_placement.sol2025",
    "reason": "3.5.2 restates the old two months on purpose",
    "citation": {
        "source": "sol_2025_400",
        "section": "23 kap. 5 §",
        "quote": "ska avslutas senast sex månader från det att utredningen som gäller ett barns "
        "behov av skydd eller stöd har avslutats eller placeringen har upphört",
    },
}


def test_an_acknowledged_contradiction_is_noted_not_an_error(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["acknowledged"] = [ACK]
    report = lint_en([write_dir(tmp_path, data)], shared=REAL_SHARED)
    (noted,) = [f for f in report.findings if f.code == "acknowledged-contradiction"]
    assert noted.severity == "noted" and noted.message.startswith("recorded on purpose:")
    assert noted.message.endswith(
        "The file's reason: 3.5.2 restates the old two months on purpose "
        "(against Socialtjänstlag (2025:400) 23 kap. 5 §)"
    )
    assert "contradicts-statute" not in [f.code for f in report.findings]
    assert not [f for f in report.findings if f.code == "quote-not-found"]


def test_an_acknowledgement_that_matches_nothing_is_stale(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["deadline"]["offset"] = {"months": 6}  # now as the statute says
    data["rules"][0]["acknowledged"] = [ACK]
    report = lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")
    (stale,) = [f for f in report.findings if f.code == "stale-acknowledgement"]
    assert stale.severity == "warning" and "does not arise on any date" in stale.message
    on_one_day = lint_en(
        [write_dir(tmp_path, data)], shared=tmp_path / "absent", on=dt.date(2024, 1, 1)
    )
    assert "stale-acknowledgement" not in [f.code for f in on_one_day.findings]


def test_an_acknowledgement_names_a_base_rule_of_the_duty(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["acknowledged"] = [{**ACK, "statute_rule": "national.sip.draw_up.sol2025"}]
    with pytest.raises(PlacementRulesError, match="no rule of a base file for duty"):
        lint_en([write_dir(tmp_path, data)], shared=tmp_path / "absent")


@pytest.mark.skipif(not (REAL_SHARED / "seeds").is_dir(), reason="shared source texts not present")
def test_bundled_rules_have_no_errors_and_note_the_three_deliberate_contradictions() -> None:
    report = lint_en([], shared=REAL_SHARED)
    assert not report.failed(), [f.message for f in report.findings if f.severity != "info"]
    noted = sorted(
        f.rule_id or "" for f in report.findings if f.code == "acknowledged-contradiction"
    )
    assert noted == [
        "vgr.follow_up_after_placement.limit",
        "vgr.investigation.open",
        "vgr.sip.after_acute_placement",
    ]


def test_a_quote_of_a_part_not_encoded_is_checked(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "seeds").mkdir(parents=True)
    (shared / VGR_SEED).write_text(
        "4.2 Varje verksamhet ska ha ledningssystem.\n", encoding="utf-8"
    )
    data = vgr()
    data["duty_sections"] = [
        {
            "source": "vgr_agreement",
            "section": "4.2",
            "summary": "Avvikelser",
            "unencoded": [
                {"summary": "Ledningssystem", "quote": "ska ha ledningssystem", "reason": "x"},
                {"summary": "Rapport", "quote": "årlig rapport till VVG", "reason": "y"},
            ],
        }
    ]
    report = lint_en([write_dir(tmp_path, data)], shared=shared)
    (missing,) = [f for f in report.findings if f.code == "quote-not-found" and f.rule_id is None]
    assert "årlig rapport till VVG" in missing.message and missing.line is not None


SECTIONED = (
    "Innehåll\n3.4 Hälsoundersökning ........ 4\n3.5 Avslut ........ 9\n\n"
    "3.4 Hälsoundersökning\nRegionen erbjuder en undersökning.\n"
    "3.4.1 Rutin\nInom fyra veckor erbjuds tid.\n"
    "3.5 finns särskilt angivet vad som gäller\n"
    "3.5 Avslut\nUppföljningen ska avslutas inom två månader.\n"
)


def test_section_texts_find_the_text_under_a_numbered_heading() -> None:
    under = lint.section_texts(SECTIONED, "3.4")
    assert len(under) == 2  # the table of contents and the section itself
    assert "Inom fyra veckor" in under[1] and "avslutas" not in under[1]
    (rutin,) = lint.section_texts(SECTIONED, "3.4.1")
    assert rutin.startswith("3.4.1 Rutin") and "3.5 Avslut" not in rutin
    # a line that starts with a number but lower case is no heading: 3.5 runs on past it
    assert any("avslutas inom två månader" in t for t in lint.section_texts(SECTIONED, "3.5"))
    assert lint.section_texts(SECTIONED, "3.6") == []


def test_section_texts_of_statutes_and_named_sections() -> None:
    statute = (
        "## 11 kap. 4 b §\nVid en uppföljning. Lag (2012:776). 4 c § Uppföljningen ska avslutas "
        "senast två månader. Lag (2012:776). 5 § Handläggning ska dokumenteras.\n"
        "## 11 kap. 6 §\nAnnat.\n## 12 kap. 1 §\nÄnnu annat.\n"
    )
    (inline,) = lint.section_texts(statute, "11 kap. 4 c §")
    assert "senast två månader" in inline and "dokumenteras" not in inline
    run_in = (
        "## 2 kap. 7 §\nPlanen. Lag (2019:909). 2 a kap. Om ansvaret 1 § Kommunen. 4 § En "
        "kommun behåller ansvaret. 5 § Annat.\n## 3 kap. 1 §\nX.\n"
    )
    (chapter_run_in,) = lint.section_texts(run_in, "2 a kap. 4 §")
    assert chapter_run_in.startswith("4 § En kommun behåller") and "Annat" not in chapter_run_in
    (whole,) = lint.section_texts(statute, "11 kap. 6 §")
    assert whole == "## 11 kap. 6 §\nAnnat."
    named = "Gemensamt ansvar\nInnan placering\nPlanera vården.\nUnder placering\nFölj upp.\n"
    (before,) = lint.section_texts(named, "Gemensamt ansvar – Innan placering")
    assert before.startswith("Innan placering")
    assert lint.section_texts(named, "Innan placeringen") == []


def test_a_quote_under_another_section_is_an_error(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "seeds").mkdir(parents=True)
    (shared / VGR_SEED).write_text(SECTIONED, encoding="utf-8")
    data = vgr()
    data["rules"][0]["source"].update(section="3.4", quote="avslutas inom två månader")
    report = lint_en([write_dir(tmp_path, data)], shared=shared)
    found = {f.code: f for f in report.findings}
    assert "quote-not-found" not in found
    outside = found["quote-outside-section"]
    assert outside.severity == "error" and outside.rule_id == "vgr.follow_up_after_placement"
    assert "not under Alfa agreement 3.4" in outside.message
    data["rules"][0]["source"].update(section="3.5")
    assert "quote-outside-section" not in [
        f.code for f in lint_en([write_dir(tmp_path, data)], shared=shared).findings
    ]
    data["rules"][0]["source"].update(section="7.1")
    (unlocated,) = [
        f
        for f in lint_en([write_dir(tmp_path, data)], shared=shared).findings
        if f.code == "section-not-located"
    ]
    assert unlocated.severity == "info" and "Alfa agreement 7.1" in unlocated.message


@pytest.mark.skipif(not (REAL_SHARED / "law").is_dir(), reason="shared source texts not present")
def test_every_shipped_quote_stands_under_its_cited_section() -> None:
    report = lint_paths([], shared=REAL_SHARED)
    assert "quote-outside-section" not in [f.code for f in report.findings]
    assert "quote-not-found" not in [f.code for f in report.findings]


def test_messages_are_swedish_by_default_with_the_full_statute_name(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["source"].pop("quote")
    path = write_dir(tmp_path, data)
    report = lint_paths([path], shared=tmp_path / "absent")
    messages = " ".join(f.message for f in report.findings)
    assert "strider mot lagen" in messages and "lagen har företräde" in messages
    assert "saknar citat" in messages
    (skipped,) = [f for f in report.findings if f.code == "quote-check-skipped"]
    assert skipped.message.startswith("citaten kontrollerades inte")
    english = lint_en([path], shared=tmp_path / "absent")
    assert "contradicts the statute" in " ".join(f.message for f in english.findings)


def test_a_long_statute_title_is_cut_after_its_number_never_before() -> None:
    from placement_rules.models import Source

    long = Source(
        id="lag_2017_209",
        kind="statute",
        title="Lag (2017:209) om hälsoundersökning av barn och unga som vårdas utanför det "
        "egna hemmet",
    )
    assert lint._source_name(long) == "Lag (2017:209)"
    agreement = Source(id="a", kind="agreement", title="Överenskommelse " * 6, short="Ök")
    assert lint._source_name(agreement) == "Ök"


def test_noted_findings_never_fail_lint_not_even_strict(tmp_path: Path) -> None:
    data = vgr()
    data["rules"][0]["acknowledged"] = [ACK]
    report = lint_en([write_dir(tmp_path, data)], shared=REAL_SHARED)
    noted = [f for f in report.findings if f.severity == "noted"]
    assert noted and not report.failed()
    only_noted = lint.LintReport(report.files, tuple(noted), report.shared)
    assert not only_noted.failed(strict=True)
    assert only_noted.counts() == {"error": 0, "warning": 0, "noted": len(noted), "info": 0}


def test_a_review_signs_the_content_and_a_later_edit_shows_as_unreviewed(tmp_path: Path) -> None:
    from placement_rules.loading import read_rule_file

    path = write_dir(tmp_path, vgr())
    digest = lint.review_digest(read_rule_file(path))
    data = vgr()
    data["reviewed"] = [
        {"role": "jurist, regionens rättsenhet", "date": dt.date(2025, 9, 1), "digest": digest}
    ]
    path = write_dir(tmp_path, data)
    assert lint.review_digest(read_rule_file(path)) == digest  # the entry itself is not signed
    (signed,) = [f for f in lint_en([path], shared=tmp_path / "x").findings if "review" in f.code]
    assert signed.code == "reviewed" and signed.severity == "info"
    assert "jurist, regionens rättsenhet on 2025-09-01" in signed.message
    # comments and layout are not content: still reviewed
    path.write_text("# a comment\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert "unreviewed-edit" not in [
        f.code for f in lint_en([path], shared=tmp_path / "x").findings
    ]
    data["rules"][0]["title"] = "Ny titel"
    path = write_dir(tmp_path, data)
    report = lint_paths([path], shared=tmp_path / "x")
    (edited,) = [f for f in report.findings if f.code == "unreviewed-edit"]
    assert edited.severity == "warning" and report.failed()
    assert "ändrad sedan granskningen av jurist, regionens rättsenhet 2025-09-01" in edited.message
    assert lint.review_digest(read_rule_file(path)) in edited.message
    assert dict(report.digests)[edited.file] == lint.review_digest(read_rule_file(path))
    assert edited.line is not None


def test_a_review_digest_must_look_like_one(tmp_path: Path) -> None:
    data = vgr()
    data["reviewed"] = [{"role": "jurist", "date": dt.date(2025, 9, 1), "digest": "abc"}]
    with pytest.raises(PlacementRulesError, match="reviewed"):
        lint_en([write_dir(tmp_path, data)], shared=tmp_path / "x")
