"""``evaluate`` and ``track`` with ``--format ics|html|pdf`` and ``-o FILE``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from placement_rules.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EVENT = str(ROOT / "examples" / "report_of_concern.json")
CASE = str(ROOT / "examples" / "case_vgr.json")
TRACK = ("track", CASE, "--as-of", "2025-10-01", "--engine", "python")


def _run(*args: str, input: str | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout_bytes, result.stderr


def _uids(data: bytes) -> list[str]:
    calendar = Calendar.from_ical(data)
    return [str(c["uid"]) for c in calendar.walk() if c.name in ("VEVENT", "VTODO")]


def test_evaluate_ics_has_the_json_answers_ids() -> None:
    code, out, _ = _run("evaluate", EVENT, "--format", "ics")
    assert code == 0
    answer = json.loads(_run("evaluate", EVENT, "--json")[1])
    ids = {o["id"] + "@placement-rules" for o in answer["obligations"]}
    assert set(_uids(out)) == ids and len(_uids(out)) == len(ids)


def test_evaluate_ics_of_one_party() -> None:
    answer = json.loads(_run("evaluate", EVENT, "--json")[1])
    kommun = [
        o for o in answer["obligations"] if (o["responsible"] or {}).get("principal") == "kommun"
    ]
    code, out, _ = _run("evaluate", EVENT, "--format", "ics", "--party", "kommun")
    assert code == 0 and len(_uids(out)) == len(kommun) > 0


def test_track_ics_gives_each_duty_of_the_case_once() -> None:
    code, out, _ = _run(*TRACK, "--format", "ics")
    assert code == 0
    report = json.loads(_run(*TRACK, "--json")[1])
    uids = _uids(out)
    assert len(uids) == len(set(uids)) == len(report["obligations"])
    assert b"vgr-example-1" not in out.replace(b"\r\n ", b"")  # no case id in a calendar


def test_html_to_a_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "sida.html"
    code, out, _ = _run("evaluate", EVENT, "--format", "html", "-o", str(target))
    assert code == 0 and out == b""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left beside it


def test_html_from_standard_input_in_english() -> None:
    code, out, _ = _run(
        "evaluate", "-", "--format", "html", "--lang", "en", input=Path(EVENT).read_text()
    )
    assert code == 0 and b'<html lang="en">' in out


def test_output_is_for_the_page_formats(tmp_path: Path) -> None:
    code, _, err = _run("evaluate", EVENT, "-o", str(tmp_path / "x.txt"))
    assert code == 2 and "--output is for --format ics, html or pdf" in err
    assert not (tmp_path / "x.txt").exists()


def test_pdf_without_chromium_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLACEMENT_RULES_CHROMIUM", "no-such-browser-here")
    target = tmp_path / "x.pdf"
    code, _, err = _run("evaluate", EVENT, "--format", "pdf", "-o", str(target))
    assert code == 2 and err.startswith("error: PDF needs headless Chromium")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no headless Chromium")
def test_track_pdf(tmp_path: Path) -> None:
    target = tmp_path / "ärendet.pdf"
    code, _, err = _run(*TRACK, "--format", "pdf", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")
