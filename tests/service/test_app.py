"""The service's endpoints on the bundled rules and examples: answers, headers, problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from placement_rules import __version__
from placement_rules.contract import chain_digest
from placement_rules.regions import load_rule_set

EXAMPLES = Path(__file__).parents[2] / "examples"
EVENT = (EXAMPLES / "placement_started_lvu_familjehem.json").read_bytes()
SECRET = "19121212-1212"


def test_health_and_version(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["regions"] >= 2
    version = client.get("/v1/version")
    assert version.json()["package_version"] == __version__
    assert version.headers["x-placement-rules-version"] == __version__


def test_evaluate_answers_with_the_region_digest(client: TestClient) -> None:
    response = client.post("/v1/evaluate", content=EVENT)
    assert response.status_code == 200
    body = response.json()
    assert body["schema_version"] == "1.0" and body["obligations"]
    expected = chain_digest(load_rule_set(json.loads(EVENT)["home_region"]))
    assert response.headers["x-rules-digest"] == expected == body["receipt"]["chain_digest"]


def test_an_unknown_field_is_refused_without_its_name_or_value(client: TestClient) -> None:
    event = {**json.loads(EVENT), SECRET: SECRET}
    response = client.post("/v1/evaluate", json=event, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Invalid input" and problem["code"] == "invalid_input"
    assert problem["errors"] == [
        {
            "location": "body.<unknown key>",
            "code": "extra_forbidden",
            "message": problem["errors"][0]["message"],
        }
    ]
    assert SECRET not in response.text


def test_problem_titles_are_swedish_by_default(client: TestClient) -> None:
    response = client.post("/v1/evaluate", content=b"{")
    assert response.status_code == 400
    assert response.json()["title"] == "Ogiltig JSON"
    assert response.headers["content-language"] == "sv"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[" * 20 + b"]" * 20, 400),
        (b" " * (2 << 20), 413),
        (b"", 400),
        (b"\xff\xfe", 400),
    ],
)
def test_hostile_bodies_are_refused_early(client: TestClient, body: bytes, status: int) -> None:
    response = client.post("/v1/evaluate", content=body)
    assert response.status_code == status
    assert response.json()["status"] == status


def test_batch_streams_one_line_per_event(client: TestClient) -> None:
    event = json.loads(EVENT)
    batch = [event, {"kind": "placement_started", SECRET: 1}, event]
    response = client.post("/v1/evaluate/batch", json=batch)
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["index"] for line in lines] == [0, 1, 2]
    assert lines[1]["problem"]["status"] == 422 and lines[2]["answer"]["obligations"]
    assert lines[1]["problem"]["title"] == "Ogiltig indata"
    assert {e["location"] for e in lines[1]["problem"]["errors"]} >= {"body[1].date"}
    assert SECRET not in response.text
    ndjson = b"\n".join([EVENT.replace(b"\n", b"")] * 3)
    streamed = client.post(
        "/v1/evaluate/batch", content=ndjson, headers={"Content-Type": "application/x-ndjson"}
    )
    assert len(streamed.text.splitlines()) == 3


def test_track_and_region_endpoints(client: TestClient) -> None:
    case = (EXAMPLES / "case_vgr.json").read_bytes()
    tracked = client.post("/v1/track", params={"as_of": "2026-01-01"}, content=case)
    assert tracked.status_code == 200 and tracked.json()["obligations"]
    regions = {r["region"] for r in client.get("/v1/regions").json()}
    assert "vastra_gotaland" in regions
    status = client.get("/v1/regions/vastra_gotaland/status", params={"on": "2025-01-01"})
    assert status.status_code == 200 and status.json()["agreements"]
    rules = client.get("/v1/regions/vastra_gotaland/rules").json()
    assert rules["files"][-1]["content"]["region"] == "vastra_gotaland"
    assert client.get("/v1/regions/atlantis/rules").status_code == 404


def test_admin_reload_is_off_by_default(client: TestClient) -> None:
    assert client.post("/v1/admin/reload").status_code == 404


def test_compact_and_full_answers_share_ids_and_receipt(client: TestClient) -> None:
    full = client.post("/v1/evaluate", content=EVENT).json()
    compact = client.post("/v1/evaluate", params={"detail": "compact"}, content=EVENT).json()
    assert compact["detail"] == "compact" and full["detail"] == "full"
    assert [o["id"] for o in compact["obligations"]] == [o["id"] for o in full["obligations"]]
    assert compact["receipt"] == full["receipt"]
    assert "title" not in compact["obligations"][0]


def test_verify_as_an_endpoint(client: TestClient) -> None:
    stored = client.post("/v1/evaluate", content=EVENT).json()
    event = json.loads(EVENT)
    same = client.post("/v1/verify", json={"answer": stored, "event": event}).json()
    assert same["verified"] is True and same["changes"] == []
    stored["obligations"] = stored["obligations"][1:]
    changed = client.post("/v1/verify", json={"answer": stored, "event": event}).json()
    assert changed["verified"] is False
    assert any(c.endswith(": new") for c in changed["changes"])


def test_schemas_are_served(client: TestClient) -> None:
    names = client.get("/v1/schemas").json()["schemas"]
    assert {"event", "evaluation", "tracking", "error", "rule-file"} <= set(names)
    event = client.get("/v1/schemas/event").json()
    assert event["x-schema-version"] == "1.0" and "kind" in event["properties"]
    assert client.get("/v1/schemas/nothing").status_code == 404


def test_an_unknown_query_parameter_is_refused_without_its_name(client: TestClient) -> None:
    response = client.post("/v1/evaluate", params={SECRET: "x", "detail": "full"}, content=EVENT)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "query.<unknown key>"
    assert SECRET not in response.text
    assert "(known: detail" in response.json()["detail"]
    bare = client.get("/v1/regions", params={"q": SECRET})
    assert bare.status_code == 422 and SECRET not in bare.text
    assert "(this path takes none)" in bare.json()["detail"]
    assert client.get("/healthz", params={"q": SECRET}).status_code == 422


def test_explain_adds_the_reasons_in_the_language_asked_for(client: TestClient) -> None:
    from placement_rules.contract.models import CompactEvaluationAnswer, EvaluationAnswer

    event = {
        "kind": "inpatient_discharge",
        "date": "2025-09-01",
        "birth_date": "2012-05-14",
        "home_municipality": "Borås",
        "home_region": "vastra_gotaland",
    }
    plain = client.post("/v1/evaluate", json=event).json()
    assert "explanation" not in plain
    swedish = client.post("/v1/evaluate", params={"explain": "true"}, json=event).json()
    EvaluationAnswer.model_validate(swedish)
    english = client.post(
        "/v1/evaluate",
        params={"explain": "true", "detail": "compact"},
        headers={"Accept-Language": "en"},
        json=event,
    ).json()
    CompactEvaluationAnswer.model_validate(english)
    for body in (swedish, english):
        assert [r["code"] for r in body["explanation"]["reasons"]] == ["every_condition_unmet"]
        assert [w["fact"] for w in body["explanation"]["why_not"]] == ["placement_start"]
    assert swedish["explanation"]["why_not"][0]["label"].startswith("gäller när")
    assert english["explanation"]["why_not"][0]["label"].startswith("applies when")
    assert {k: v for k, v in swedish.items() if k != "explanation"} == plain


def test_a_batch_explains_each_answer_when_asked(client: TestClient) -> None:
    import json as json_

    event = {
        "kind": "inpatient_discharge",
        "date": "2025-09-01",
        "birth_date": "2012-05-14",
        "home_municipality": "Borås",
        "home_region": "vastra_gotaland",
    }
    single = client.post("/v1/evaluate", params={"explain": "true"}, json=event).json()
    lines = client.post(
        "/v1/evaluate/batch", params={"explain": "true"}, json=[event, {"kind": "x"}]
    ).text.splitlines()
    first, second = (json_.loads(line) for line in lines)
    assert first["answer"] == single
    assert "problem" in second
    plain = client.post("/v1/evaluate/batch", json=[event]).text
    assert "explanation" not in json_.loads(plain)["answer"]
