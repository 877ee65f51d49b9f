"""The people view of evaluate: order, parties, no jargon, no split word, both languages."""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from placement_rules.cli import cli
from placement_rules.evaluation import evaluate
from placement_rules.events import parse_event
from placement_rules.i18n import text
from placement_rules.regions import load_all
from placement_rules.results import Evaluation
from placement_rules.testing import register_profiles
from placement_rules.views.urgency import group_by_party

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[2]
EVENTS = sorted(p for p in (ROOT / "examples").glob("*.json") if not p.name.startswith("case_"))
_TOKEN = re.compile(r"[\s│┃]+")


def _run(*args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@cache
def _result(path: Path) -> Evaluation:
    event = parse_event(json.loads(path.read_text(encoding="utf-8")))
    return evaluate(dict(load_all())[event.home_region], event)


def _tokens(text: str) -> set[str]:
    return {t.strip("”“") for t in _TOKEN.split(text)}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _event_file(tmp_path: Path, **fields: object) -> Path:
    event = {"date": "2025-09-01", "birth_date": "2012-05-14", **fields}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(EVENTS), st.integers(min_value=60, max_value=180))
def test_no_word_or_date_is_ever_split(path: Path, columns: int) -> None:
    out = _run("evaluate", str(path), columns=columns)
    tokens = _tokens(out)
    result = _result(path)
    for o in result.obligations:
        words = o.title.split() + (o.source.quote or "").split()
        missing = [w for w in words if w not in tokens]
        assert not missing, (columns, missing)
        if o.due is not None:
            assert o.due.isoformat() in tokens
    assert max(len(line) for line in out.splitlines()) <= columns


@pytest.mark.parametrize("path", EVENTS, ids=lambda p: p.stem)
def test_below_100_columns_a_list_and_at_120_a_table_when_it_fits(path: Path) -> None:
    narrow = _run("evaluate", str(path), columns=80)
    assert "┏" not in narrow and "när     " in narrow
    wide = _run("evaluate", str(path), columns=160)
    assert "┏" in wide


@pytest.mark.parametrize("path", EVENTS, ids=lambda p: p.stem)
def test_no_jargon_unless_verbose(path: Path) -> None:
    result = _result(path)
    out = _run("evaluate", str(path))
    for o in result.obligations:
        assert o.rule_id not in out
    for code in ("agreement", "statutory", "regional", "names_unit", "_"):
        assert code not in out.replace("ingen namngiven", ""), code
    verbose = _run("evaluate", str(path), "--verbose")
    assert all(o.rule_id in verbose for o in result.obligations)


@pytest.mark.parametrize("path", EVENTS, ids=lambda p: p.stem)
def test_duties_come_by_party_most_urgent_first(path: Path) -> None:
    out = _run("evaluate", str(path), columns=80)
    lines = out.splitlines()
    titles = [line[len("vad     ") :] for line in lines if line.startswith("vad     ")]
    expected = [
        o.title for _, members in group_by_party(_result(path).obligations) for o in members
    ]
    assert titles == [e[: len(t)] for e, t in zip(expected, titles, strict=True)]
    assert "Nästa steg" in out


def test_party_shows_one_partys_duties_only() -> None:
    path = ROOT / "examples" / "placement_started_lvu_familjehem.json"
    out = _run("evaluate", str(path), "--party", "region")
    assert "Regionen (" in out and "Kommunen (" not in out
    assert "vem     kommunen" not in out
    nothing = _run("evaluate", str(path), "--party", "skola")
    assert "Inga skyldigheter för skolan." in nothing


def test_english_on_request() -> None:
    path = ROOT / "examples" / "report_of_concern.json"
    out = _run("evaluate", str(path), "--lang", "en")
    assert out.startswith("Östergötland · a report of concern has come in on 2025-12-17")
    assert "Next steps" in out and "by 2026-01-02 (required by law)" in out
    assert "Nästa steg" not in out


def test_why_not_names_the_first_condition_that_failed() -> None:
    path = ROOT / "examples" / "placement_started_lvu_familjehem.json"
    out = _flat(_run("evaluate", str(path), "--why-not"))
    assert "Regler som inte gäller här" in out
    assert "gäller när placeringen är akut; placeringen är inte akut" in out
    assert "Regler som inte gäller här" not in _run("evaluate", str(path))


def test_an_empty_answer_says_why(tmp_path: Path) -> None:
    path = _event_file(
        tmp_path,
        kind="inpatient_discharge",
        home_municipality="Borås",
        home_region="vastra_gotaland",
    )
    out = _flat(_run("evaluate", str(path)))
    assert "Inga skyldigheter." in out
    assert "Varje regel för händelsen har ett villkor som inte är uppfyllt" in out
    assert "gäller när placeringens startdatum är känt; ingen placering har inletts" in out


def test_stockholm_says_only_national_law_applies(tmp_path: Path) -> None:
    path = _event_file(
        tmp_path,
        kind="placement_started",
        home_municipality="Solna",
        home_region="stockholm",
        health_examination_unnecessary=True,
    )
    out = _flat(_run("evaluate", str(path)))
    assert "inga egna regler här; bara lagens skyldigheter gäller" in out
    assert "Gäller inte eftersom socialtjänsten har bedömt hälsoundersökningen som obehövlig" in out


def test_a_rule_that_contradicts_the_statute_is_named_with_the_statutes_duty(
    tmp_path: Path,
) -> None:
    path = _event_file(
        tmp_path,
        kind="report_of_concern",
        date="2025-07-01",
        home_municipality="Trollhättan",
        home_region="vastra_gotaland",
    )
    assert _result(path).conflicts
    out = _flat(_run("evaluate", str(path)))
    assert "strider mot lagen; lagens krav gäller: ”Inleda utredning genast”." in out
    verbose = _run("evaluate", str(path), "--verbose")
    conflict = _result(path).conflicts[0]
    assert conflict.rule_id in verbose and conflict.statute_rule_id in verbose


_ENGLISH = re.compile(
    r"\b(the|is|not|of|agreement|covered|outside|ages|starts|expired|national|known|"
    r"municipalities|spelling|region)\b|[a-z]+_[a-z_]+"
)


@pytest.mark.parametrize(
    "fields",
    [
        # outside the agreement's ages and placement forms (scope reasons)
        {"kind": "referral_sent", "birth_date": "2003-01-01", "placement_form": "skyddat_boende"},
        # the agreement not yet in force (Östergötland's starts 2019-06-01)
        {"kind": "sip_summons_received", "date": "2019-01-02", "home_region": "ostergotland"},
        # no agreement in force known from the sources
        {"kind": "placement_started", "date": "2027-08-30", "placement_start": "2027-08-30"},
        # a municipality not of the home region
        {"kind": "report_of_concern", "home_municipality": "Kiruna"},
    ],
    ids=["scope", "not_yet", "no_agreement", "municipality"],
)
def test_the_header_has_no_english_library_strings(
    tmp_path: Path, fields: dict[str, object]
) -> None:
    event = {"home_municipality": "Borås", "home_region": "vastra_gotaland", **fields}
    out = _run("evaluate", str(_event_file(tmp_path, **event)), columns=200)
    header = (
        out.split("\n\n")[0]
        + "\n"
        + "\n".join(line for line in out.splitlines() if line.startswith(("Obs", "  - ")))
    )
    assert not _ENGLISH.findall(header), header


@pytest.mark.parametrize("columns", [160, 250])
def test_verbose_on_a_wide_terminal(columns: int) -> None:
    """--verbose adds the rule and trail columns: the table shares the width among all seven
    (it crashed when the table fit: five ratios for seven columns)."""
    path = ROOT / "examples" / "placement_started_lvu_familjehem.json"
    out = _run("evaluate", str(path), "--verbose", columns=columns)
    assert any(text("people.field.rule", "sv") in line and "┃" in line for line in out.splitlines())
    case = ROOT / "examples" / "case_vgr.json"
    assert "Traceback" not in _run(
        "track", str(case), "--as-of", "2025-10-01", "--verbose", columns=columns
    )


def test_no_duties_without_a_named_party_is_said_plainly() -> None:
    """``--party none`` on an answer without such duties ("Inga skyldigheter för ingen
    namngiven." before)."""
    path = str(ROOT / "examples" / "report_of_concern.json")
    assert "Inga skyldigheter utan namngiven ansvarig." in _run("evaluate", path, "--party", "none")
    english = _run("evaluate", path, "--party", "none", "--lang", "en")
    assert "No duties without a named responsible party." in english
