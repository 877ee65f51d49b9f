"""The service's limits and privacy settings: batch and case sizes, CORS only when configured,
an access log of method, path, status and time only, reload only when enabled."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from placement_rules.service import ServiceSettings, create_app

EXAMPLES = Path(__file__).parents[2] / "examples"
EVENT = json.loads((EXAMPLES / "placement_started_lvu_familjehem.json").read_text("utf-8"))
CASE = json.loads((EXAMPLES / "case_vgr.json").read_text("utf-8"))
SECRET = "19121212-1212"


@pytest.fixture(scope="module")
def small() -> TestClient:
    settings = ServiceSettings(
        max_batch_events=2,
        max_case_events=3,
        max_body_bytes=4096,
        cors_origins=("https://case.example",),
        admin_reload=True,
    )
    return TestClient(create_app(settings=settings))


def test_a_batch_over_the_limit_is_refused_whole(small: TestClient) -> None:
    response = small.post("/v1/evaluate/batch", json=[EVENT] * 3)
    assert response.status_code == 413 and response.json()["code"] == "too_many"
    lines = "\n".join(json.dumps(EVENT) for _ in range(3))
    ndjson = small.post(
        "/v1/evaluate/batch", content=lines, headers={"Content-Type": "application/x-ndjson"}
    )
    assert ndjson.status_code == 413
    assert small.post("/v1/evaluate/batch", json=[EVENT] * 2).status_code == 200


def test_a_case_over_the_limit_is_refused(small: TestClient) -> None:
    response = small.post("/v1/track", params={"as_of": "2026-01-01"}, json=CASE)
    assert len(CASE["events"]) > 3
    assert response.status_code == 413


def test_a_body_over_the_limit_is_refused_by_its_length(small: TestClient) -> None:
    response = small.post("/v1/evaluate", content=b"{" + b" " * 5000 + b"}")
    assert response.status_code == 413 and response.json()["code"] == "too_large"


def test_cors_only_for_the_configured_origins(small: TestClient, client: TestClient) -> None:
    asked = {"Origin": "https://case.example"}
    assert (
        small.get("/v1/version", headers=asked).headers["access-control-allow-origin"]
        == "https://case.example"
    )
    other = small.get("/v1/version", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
    assert "access-control-allow-origin" not in client.get("/v1/version", headers=asked).headers


def test_reload_when_enabled_keeps_the_digest_of_unchanged_rules(small: TestClient) -> None:
    before = small.get("/v1/version").json()["rules_digest"]
    reloaded = small.post("/v1/admin/reload").json()
    assert reloaded == {"reloaded": True, "rules_digest": before}


def test_the_access_log_has_no_query_and_no_body(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="placement_rules.service.access"):
        client.post("/v1/evaluate", params={"detail": "compact"}, json={**EVENT, SECRET: 1})
        client.get("/v1/regions/vastra_gotaland/status", params={"on": "2025-01-01"})
    lines = [r.getMessage() for r in caplog.records if r.name.endswith(".access")]
    assert lines[0].startswith("POST /v1/evaluate 422 ")
    assert lines[1].startswith("GET /v1/regions/{region}/status 200 ")  # the route, not the path
    assert all(SECRET not in line and "?" not in line and "compact" not in line for line in lines)


def test_reload_picks_up_an_edited_rule_file(tmp_path: Path) -> None:
    import shutil

    from placement_rules.loading import bundled_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    app = TestClient(create_app(rules, settings=ServiceSettings(admin_reload=True)))
    before = app.post("/v1/evaluate", json=EVENT)
    target = rules / "vastra_gotaland.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("name: ", "name: Ändrad ", 1), "utf-8"
    )
    same = app.post("/v1/evaluate", json=EVENT)
    assert same.headers["x-rules-digest"] == before.headers["x-rules-digest"]  # loaded once
    app.post("/v1/admin/reload")
    after = app.post("/v1/evaluate", json=EVENT)
    assert after.headers["x-rules-digest"] != before.headers["x-rules-digest"]
    verify = app.post("/v1/verify", json={"answer": before.json(), "event": EVENT}).json()
    assert not verify["verified"]
    assert "rule file vastra_gotaland.yaml: changed" in verify["changes"]
