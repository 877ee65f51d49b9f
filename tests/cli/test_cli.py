"""The command line: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from placement_rules.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args))
    return result.exit_code, result.output


def national_event(tmp_path: Path, **overrides: object) -> Path:
    data: dict[str, object] = {
        "kind": "report_of_concern",
        "date": "2025-12-17",
        "birth_date": "2015-06-01",
        "home_municipality": "Testby",
        "home_region": "national",
    }
    data.update(overrides)
    path = tmp_path / "event.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_evaluate_json(tmp_path: Path) -> None:
    code, out = run("evaluate", "--json", str(national_event(tmp_path)))
    assert code == 0, out
    data = json.loads(out)
    decide = next(
        o
        for o in data["obligations"]
        if o["rule_id"] == "national.investigation.decide_whether_to_open.sol2025"
    )
    # 14 days from 2025-12-17 is nyårsafton; nyårsdagen follows: Friday 2026-01-02
    assert decide["due"] == "2026-01-02"
    assert decide["due_date"]["computed"] == "2025-12-31" and decide["due_date"]["rolled_forward"]
    assert data["law_in_force"] == "Socialtjänstlag (2025:400)"


def test_evaluate_table(tmp_path: Path) -> None:
    code, out = run("evaluate", str(national_event(tmp_path)))
    assert code == 0, out
    assert "2026-01-02" in out and "flyttad från 2025-12-31" in out
    assert "Förhandsbedömning inom fjorton dagar" in out
    code, out = run("evaluate", str(national_event(tmp_path)), "--lang", "en")
    assert code == 0 and "moved from 2025-12-31" in out


def test_evaluate_bad_event_exits_2_without_echoing(tmp_path: Path) -> None:
    path = national_event(tmp_path, personnummer="20150601-1234", date="2025-02-30")
    code, out = run("evaluate", str(path))
    assert code == 2
    assert out.startswith("error: ") and len(out.strip().splitlines()) == 1
    assert "<unknown key>" in out and "date" in out
    assert "personnummer" not in out and "20150601-1234" not in out  # neither key nor value


def test_evaluate_event_file_not_json(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text("{kind: [", encoding="utf-8")
    code, out = run("evaluate", str(path))
    assert code == 2 and "event.json:1:2: JSON syntax" in out and "Traceback" not in out


def test_evaluate_unknown_region(tmp_path: Path) -> None:
    code, out = run("evaluate", "--region", "atlantis", str(national_event(tmp_path)))
    assert code == 2 and "--region: no rule file for this region (known: jonkoping," in out
    assert "atlantis" not in out


def test_status_and_regions() -> None:
    code, out = run("status", "--region", "jonkoping", "--on", "2026-11-25")
    assert code == 0 and "no end date stated" in out
    code, out = run("status", "--region", "jonkoping", "--on", "2026-11-25", "--json")
    assert json.loads(out)[0]["state"] == "open_ended"
    code, out = run("regions")
    assert code == 0 and "national" in out


def test_status_after_the_vgr_agreement_ended() -> None:
    # 1.6: 2021-01-01 - 2023-12-31, "förlängs ... med ytterligare två år": once, to 2025-12-31
    code, out = run("status", "--region", "vastra_gotaland", "--on", "2026-11-22")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == (
        "vgr_samverkan_barn_unga_2021: ended 2025-12-31 after its one extension (stated term "
        "2021-01-01 to 2023-12-31, extended once by 2 år under 1.6)"
    )
    assert "  note: assumes no party gave notice of termination by 2023-03-31" in out
    assert lines[-1].startswith(
        "warning: no agreement of vastra_gotaland in force on 2026-11-22 is known from the sources"
    )
    code, out = run("status", "--region", "vastra_gotaland", "--on", "2026-11-22", "--json")
    (status,) = json.loads(out)
    assert (status["state"], status["term"], status["term_end"]) == ("expired", None, "2025-12-31")
    assert (status["renewal_times"], status["extensions_used"]) == ("once", 1)


def test_status_bad_date() -> None:
    code, out = run("status", "--region", "jonkoping", "--on", "2026-13-01")
    assert code == 2 and "not a date" in out


def test_schema_is_json_schema() -> None:
    code, out = run("schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "placement-rules rule file"
    assert "rules" in schema["properties"] and "Rule" in schema["$defs"]


def test_every_example_event_evaluates() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        if json.loads(path.read_text(encoding="utf-8")).get("kind") is None:
            continue  # not an event (case logs and the like)
        code, out = run("evaluate", "--json", str(path))
        assert code == 0, (path.name, out)
        assert json.loads(out)["obligations"], path.name
