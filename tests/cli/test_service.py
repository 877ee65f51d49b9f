"""``placement-rules serve``: the app it builds from its options, and a broken rules folder
refused in one line before anything is bound."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from placement_rules.cli import cli
from placement_rules.cli.service import app_from_environment
from placement_rules.service import ServiceSettings


@pytest.fixture(autouse=True)
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """uvicorn.run recorded, never run: no test binds a port."""
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    return calls


def test_serve_binds_loopback_by_default(no_server: list[dict[str, object]]) -> None:
    result = CliRunner().invoke(cli, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    (options,) = no_server
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert options["access_log"] is False and options["workers"] == 1


def test_a_missing_rules_folder_fails_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--rules-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1


def test_a_broken_rule_file_fails_before_binding(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("region: broken\nrules: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--rules-dir", str(tmp_path), "--port", "1"])
    assert result.exit_code == 2 and "broken.yaml" in result.output


def test_the_workers_build_the_app_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = ServiceSettings(cors_origins=("https://case.example",), admin_reload=True)
    monkeypatch.setenv("PLACEMENT_RULES_SERVICE_SETTINGS", settings.model_dump_json())
    monkeypatch.delenv("PLACEMENT_RULES_SERVICE_RULES_DIR", raising=False)
    client = TestClient(app_from_environment())  # type: ignore[arg-type]
    assert client.post("/v1/admin/reload").status_code == 200
    origin = {"Origin": "https://case.example"}
    assert client.get("/healthz", headers=origin).headers["access-control-allow-origin"]
    assert json.loads(client.get("/readyz").text)["status"] == "ready"
