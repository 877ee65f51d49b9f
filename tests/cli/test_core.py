"""``evaluate --format json --detail compact|full``: the service's answer profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.contract.models import CompactEvaluationAnswer, EvaluationAnswer

ROOT = Path(__file__).resolve().parents[2]
EVENTS = sorted(
    p
    for p in (ROOT / "examples").glob("*.json")
    if "events" not in json.loads(p.read_text(encoding="utf-8"))
)


def _json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["evaluate", "--json", *args])
    assert result.exit_code == 0, result.output
    body: dict[str, object] = json.loads(result.stdout)
    return body


@pytest.mark.parametrize("path", EVENTS, ids=lambda p: p.name)
def test_compact_is_the_services_compact_answer(path: Path) -> None:
    compact = _json("--detail", "compact", str(path))
    CompactEvaluationAnswer.model_validate(compact)
    assert compact["detail"] == "compact"
    full = _json(str(path))
    assert _json("--detail", "full", str(path)) == full
    EvaluationAnswer.model_validate(full)
    ids = [o["id"] for o in full["obligations"]]  # type: ignore[attr-defined]
    assert [o["id"] for o in compact["obligations"]] == ids  # type: ignore[attr-defined]
    assert compact["receipt"] == full["receipt"]
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from placement_rules.service import create_app

    with TestClient(create_app()) as client:
        for detail, body in (("compact", compact), ("full", full)):
            served = client.post(
                "/v1/evaluate", params={"detail": detail}, content=path.read_bytes()
            )
            assert served.json() == body


def test_detail_is_refused_outside_json() -> None:
    result = CliRunner().invoke(
        cli, ["evaluate", "--detail", "compact", str(ROOT / "examples" / "report_of_concern.json")]
    )
    assert result.exit_code == 2
    assert "--detail applies to --format json only" in result.stderr
