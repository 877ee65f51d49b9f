"""The entry points of issues 17-19 attacked as an outsider would: a rule file naming a text
outside the shared folder (rulebook, lint), impact's outputs naming its inputs, and the
service's path segments (problem ``instance``, access log)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.models import source_text_path

from .conftest import MARKER, ROOT

SECRET = "SECRETLINE outside the shared folder"


def _rules_naming(tmp_path: Path, file: str) -> Path:
    """A copy of the bundled VGR and national files whose VGR sources name ``file``."""
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(ROOT / "rules" / "national.yaml", folder)
    text = (ROOT / "rules" / "vastra_gotaland.yaml").read_text(encoding="utf-8")
    (folder / "vastra_gotaland.yaml").write_text(
        re.sub(r"file: seeds/\S+", f"file: {file}", text), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("form", ["absolute", "dotdot", "symlink"])
def test_the_rulebook_never_shows_a_text_outside_the_shared_folder(
    tmp_path: Path, form: str
) -> None:
    secret = tmp_path / "secret.txt"
    headings = ("1.4 Ansvar", "1.6 Samverkan", "3.4.1 Hälsa", "3.5 I samband med placering")
    secret.write_text("".join(f"{h}\n{SECRET}\n" for h in headings), encoding="utf-8")
    shared = tmp_path / "shared"
    (shared / "seeds").mkdir(parents=True)
    (shared / "seeds" / "link.txt").symlink_to(secret)
    file = {
        "absolute": str(secret),
        "dotdot": "seeds/../../secret.txt",
        "symlink": "seeds/link.txt",
    }[form]
    out = tmp_path / "site"
    rules = _rules_naming(tmp_path, file)
    result = CliRunner().invoke(
        cli, ["rulebook", "-o", str(out), "--rules-dir", str(rules), "--shared", str(shared)]
    )
    assert result.exit_code == 0, result.output
    pages = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    assert SECRET not in pages


def test_a_source_text_path_stays_inside_the_shared_folder(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "seeds" / "out.txt").symlink_to("/etc/hostname")
    assert source_text_path(tmp_path, "seeds/a.txt") == (tmp_path / "seeds" / "a.txt").resolve()
    for bad in ("/etc/hostname", "seeds/../../etc/hostname", "seeds/out.txt", "DOMAIN.md"):
        assert source_text_path(tmp_path, bad) is None, bad


def _impact(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["impact", *args, "--as-of", "2025-10-01"])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


@pytest.mark.parametrize("target", ["old", "new", "old@rev"])
@pytest.mark.parametrize("option", ["-o", "--html"])
def test_impact_never_writes_over_a_rule_file_it_reads(
    tmp_path: Path, target: str, option: str
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = (ROOT / "rules" / "vastra_gotaland.yaml").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("weeks: 4", "weeks: 6"), encoding="utf-8")
    cases = ROOT / "examples" / "audit_small.csv"
    before = old.read_bytes(), new.read_bytes()
    old_arg = f"{old}@HEAD" if target == "old@rev" else str(old)
    aim = new if target == "new" else old
    code, stderr = _impact(old_arg, str(new), str(cases), option, str(aim))
    assert code == 2
    assert "rule file" in stderr.strip().splitlines()[-1]
    assert (old.read_bytes(), new.read_bytes()) == before


def test_impact_refuses_one_file_for_both_outputs(tmp_path: Path) -> None:
    rule = str(ROOT / "rules" / "vastra_gotaland.yaml")
    cases = str(ROOT / "examples" / "audit_small.csv")
    out = str(tmp_path / "both")
    code, stderr = _impact(rule, rule, cases, "-o", out, "--html", out)
    assert code == 2 and "--html" in stderr
    assert not (tmp_path / "both").exists()


def test_the_service_never_echoes_a_path_segment(caplog: pytest.LogCaptureFixture) -> None:
    from fastapi.testclient import TestClient

    from placement_rules.service.app import create_app

    client = TestClient(create_app(), raise_server_exceptions=False)
    paths = (
        f"/v1/regions/x{MARKER}/status?on=2025-01-01",
        f"/v1/regions/x{MARKER}/rules",
        f"/v1/schemas/x{MARKER}",
        f"/rulebook/x{MARKER}",
        f"/x{MARKER}",
    )
    with caplog.at_level(logging.INFO, logger="placement_rules.service"):
        for path in paths:
            answer = client.get(path)
            assert answer.status_code in (404, 422), path
            assert MARKER not in answer.text, answer.text
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("placement_rules")]
    assert len(lines) >= len(paths)
    assert not any(MARKER in line for line in lines), lines


@pytest.mark.parametrize("command", ["evaluate", "track"])
def test_a_page_never_replaces_its_input(tmp_path: Path, command: str) -> None:
    name = "report_of_concern.json" if command == "evaluate" else "case_vgr.json"
    source = tmp_path / name
    source.write_bytes((ROOT / "examples" / name).read_bytes())
    before = source.read_bytes()
    extra = ("--as-of", "2025-10-01") if command == "track" else ()
    for fmt in ("html", "ics"):
        result = CliRunner().invoke(
            cli, [command, str(source), *extra, "--format", fmt, "-o", str(source)]
        )
        assert result.exit_code == 2, result.output
        assert "input" in result.stderr.strip().splitlines()[-1]
    assert source.read_bytes() == before


def test_a_page_is_never_renamed_over_a_device_or_pipe(tmp_path: Path) -> None:
    """``-o /dev/stdout`` or ``-o /dev/full`` run as root replaced the device node with a
    regular file (the page is written beside the target and renamed over it)."""
    import os
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link"
    link.symlink_to(pipe)
    event = str(ROOT / "examples" / "report_of_concern.json")
    for target in (pipe, link):
        result = CliRunner().invoke(cli, ["evaluate", event, "--format", "ics", "-o", str(target)])
        assert result.exit_code == 2, result.output
        assert "not a regular file" in result.stderr
        assert "Traceback" not in result.output
    assert stat.S_ISFIFO(pipe.stat().st_mode) and link.is_symlink()


@pytest.mark.parametrize(
    "args",
    [
        (
            "audit",
            str(ROOT / "examples" / "audit_small.csv"),
            "--as-of",
            "2025-10-01",
            "--out-cases",
        ),
        (
            "impact",
            str(ROOT / "rules" / "vastra_gotaland.yaml"),
            str(ROOT / "rules" / "vastra_gotaland.yaml"),
            str(ROOT / "examples" / "audit_small.csv"),
            "--as-of",
            "2025-10-01",
            "--html",
        ),
        ("lint", str(ROOT / "rules" / "national.yaml"), "--format", "html", "-o"),
    ],
    ids=["audit", "impact", "lint"],
)
def test_no_output_file_is_renamed_over_a_pipe(tmp_path: Path, args: tuple[str, ...]) -> None:
    import os
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = CliRunner().invoke(cli, [*args, str(pipe)])
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.stderr.strip().splitlines()[-1]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def _stored_answer() -> tuple[dict[str, object], dict[str, object]]:
    import json

    from fastapi.testclient import TestClient

    from placement_rules.service.app import create_app

    event = json.loads((ROOT / "examples" / "report_of_concern.json").read_text(encoding="utf-8"))
    client = TestClient(create_app(), raise_server_exceptions=False)
    return client.post("/v1/evaluate", json=event).json(), event


@pytest.mark.parametrize(
    "tamper",
    [
        lambda a: a["obligations"][0].update(id={MARKER: 1}),
        lambda a: a["obligations"][0].update(id=[MARKER]),
        lambda a: a["obligations"][0].update(id="obl_x", rule_id=f"x{MARKER}"),
        lambda a: a["obligations"][0].update(id="obl_x", rule_id={MARKER: 1}),
        lambda a: a["obligations"][0].update(id=f"x{MARKER}"),
        lambda a: a.update(receipt=f"x{MARKER}"),
        lambda a: a["receipt"].update(chain_digest="x", rule_files=[{"file": {MARKER: 1}}]),
        lambda a: a["receipt"].update(chain_digest="x", rule_files=f"x{MARKER}"),
        lambda a: a.update(obligations=f"x{MARKER}"),
        lambda a: a.update(obligations=[f"x{MARKER}"]),
    ],
    ids=[
        "id-dict",
        "id-list",
        "rule_id",
        "rule_id-dict",
        "id",
        "receipt",
        "file",
        "files",
        "obls",
        "obl",
    ],
)
def test_verify_a_tampered_answer_without_a_500_or_an_echo(tamper: object) -> None:
    """A stored answer is input too: any shape is compared without a crash, and what it
    holds is named only when it is one of today's rule ids or a well-formed obligation id."""
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from placement_rules.service.app import create_app

    answer, event = _stored_answer()
    assert callable(tamper)
    cast_tamper: Callable[[dict[str, object]], None] = tamper
    cast_tamper(answer)
    client = TestClient(create_app(), raise_server_exceptions=False)
    result = client.post("/v1/verify", json={"answer": answer, "event": event})
    assert result.status_code in (200, 422), result.text
    assert MARKER not in result.text
