"""Property-based contract tests of every endpoint with schemathesis, against the app in
process: no 5xx, every answer valid against its schema in /openapi.json, every status and
content type documented. (.ci/service-check runs the schemathesis CLI against a real uvicorn.)"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from placement_rules.service import create_app  # noqa: E402

APP = create_app()
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
]


@SCHEMA.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_endpoint_keeps_its_contract(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


def test_every_endpoint_is_tested() -> None:
    operations = {f"{op.ok().method.upper()} {op.ok().path}" for op in SCHEMA.get_all_operations()}
    assert {
        "POST /v1/evaluate",
        "POST /v1/evaluate/batch",
        "POST /v1/track",
        "POST /v1/verify",
        "GET /v1/regions",
        "GET /v1/regions/{region}/status",
        "GET /v1/regions/{region}/rules",
        "GET /v1/schemas",
        "GET /v1/schemas/{name}",
        "GET /v1/version",
        "GET /healthz",
        "GET /readyz",
    } <= operations
