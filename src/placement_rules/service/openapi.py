"""The OpenAPI document: FastAPI's, with the request bodies' schemas (the service reads bodies
itself, under its limits) and the answers' schemas from the contract's models."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from ..contract import models as contract
from ..events import Event

__all__ = [
    "CaseLog",
    "Health",
    "Ready",
    "RegionInfo",
    "RegionStatus",
    "Reloaded",
    "RulesDocument",
    "SchemaList",
    "VerifyRequest",
    "VersionInfo",
    "openapi_document",
    "ref",
]

REF = "#/components/schemas/{model}"

EXAMPLE_EVENT: dict[str, Any] = {
    "kind": "placement_started",
    "date": "2025-09-01",
    "birth_date": "2012-05-14",
    "legal_basis": "LVU",
    "placement_form": "familjehem",
    "home_municipality": "Borås",
    "home_region": "vastra_gotaland",
    "needs_both_principals": True,
}
"""An invented event (examples/placement_started_lvu_familjehem.json), shown in the docs."""
EXAMPLE_CASE: dict[str, Any] = {
    "case_id": "example-1",
    "child": {
        "birth_date": "2011-03-10",
        "home_municipality": "Borås",
        "home_region": "vastra_gotaland",
    },
    "events": [
        {"kind": "report_of_concern", "date": "2025-05-26"},
        {"kind": "investigation_opened", "date": "2025-06-04"},
    ],
}


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=True
    )


class CaseLog(_In):
    """A case log to track: the events of one child, with the facts they share."""

    case_id: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, description="The rule set (default: home_region).")
    child: dict[str, Any] | None = Field(
        default=None, description="Facts shared by every event (any field of an event)."
    )
    events: list[dict[str, Any]] = Field(
        min_length=1,
        description="The events: each, with the child's facts under it, is an Event.",
    )


class VerifyRequest(_In):
    """A stored answer of ``/v1/evaluate`` and the event it was given for."""

    answer: dict[str, Any]
    event: Event


class Health(_Out):
    status: Literal["ok"]


class Ready(_Out):
    status: Literal["ready"]
    regions: int
    rules_digest: str


class VersionInfo(_Out):
    package_version: str
    schema_version: str
    rules_digest: str
    loaded_at: dt.datetime


class RegionInfo(_Out):
    region: str
    name: str
    kind: Literal["national", "regional", "local"]
    rules: int
    chain_digest: str


class RegionStatus(_Out):
    region: str
    on: dt.date
    law_in_force: str | None
    agreements: list[contract.AgreementStatusOut]
    warnings: list[str]


class RuleFileContent(_Out):
    file: str
    digest: str
    content: dict[str, Any] = Field(description="The file's validated content (rule-file schema).")


class RulesDocument(_Out):
    region: str
    name: str
    files: list[RuleFileContent]


class SchemaList(_Out):
    schema_version: str
    schemas: list[str]


class Reloaded(_Out):
    reloaded: bool
    rules_digest: str


_INPUTS: tuple[type[BaseModel], ...] = (Event, CaseLog, VerifyRequest)
_OUTPUTS: tuple[type[BaseModel], ...] = (
    contract.EvaluationAnswer,
    contract.CompactEvaluationAnswer,
    contract.TrackAnswer,
    contract.VerifyAnswer,
    contract.Problem,
    Health,
    Ready,
    VersionInfo,
    RegionInfo,
    RegionStatus,
    RulesDocument,
    SchemaList,
    Reloaded,
)


def component_schemas() -> dict[str, Any]:
    pairs: list[tuple[type[BaseModel], JsonSchemaMode]] = [(m, "validation") for m in _INPUTS]
    pairs += [(m, "serialization") for m in _OUTPUTS]
    _, top = models_json_schema(pairs, ref_template=REF)
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    facts = {k: v for k, v in schemas["Event"].items() if k != "required"}
    facts["title"] = "EventFacts"
    facts["description"] = "Some fields of an event (a case's shared facts, or one event of it)."
    schemas["EventFacts"] = facts
    case = schemas["CaseLog"]["properties"]
    case["child"] = {
        "anyOf": [ref("EventFacts"), {"type": "null"}],
        "description": case["child"]["description"],
    }
    case["events"] = {**case["events"], "items": ref("EventFacts")}
    for name in ("VerifyRequest",):
        schemas[name]["examples"] = [
            {"answer": {"region": "vastra_gotaland"}, "event": EXAMPLE_EVENT}
        ]
    schemas["Event"]["examples"] = [EXAMPLE_EVENT]
    schemas["CaseLog"]["examples"] = [EXAMPLE_CASE]
    return schemas


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The document, built once per app: FastAPI's paths, the contract's schemas, and every
    error answered as ``application/problem+json`` (not FastAPI's validation error)."""
    if app.openapi_schema is None:
        document = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
        )
        components = document.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        components.update(component_schemas())
        for path in document.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for status, response in list(responses.items()):
                    if status.startswith(("4", "5")):
                        response["content"] = {
                            "application/problem+json": {"schema": ref("Problem")}
                        }
                        response.setdefault("description", "A problem (RFC 9457).")
                responses.setdefault(
                    "default",
                    {
                        "description": "A problem (RFC 9457).",
                        "content": {"application/problem+json": {"schema": ref("Problem")}},
                    },
                )
        loaded = app.state.loaded
        _narrow(document, sorted(loaded.regions), list(loaded.schemas))
        app.openapi_schema = document
    return app.openapi_schema


def _narrow(document: dict[str, Any], regions: list[str], schema_names: list[str]) -> None:
    """What this deployment accepts, beyond the models: its region ids and schema names (an
    enum, so a client and the contract tests see the closed set), dates as ``format: date``."""
    region = {"type": "string", "enum": regions}
    schemas = document["components"]["schemas"]
    event = schemas["Event"]["properties"]
    event["home_region"] = {**event["home_region"], **region}
    event["home_region"].pop("minLength", None)
    event["placement_region"] = {
        "anyOf": [region, {"type": "null"}],
        "description": event["placement_region"].get("description", ""),
    }
    schemas["CaseLog"]["properties"]["region"] = {
        "anyOf": [region, {"type": "null"}],
        "description": "The rule set (default: the first event's home_region).",
    }
    for path in document.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter["name"] == "region":
                    if "anyOf" in schema:
                        parameter["schema"] = {"anyOf": [region, {"type": "null"}]}
                    else:
                        parameter["schema"] = region
                elif parameter["name"] == "name":
                    parameter["schema"] = {"type": "string", "enum": schema_names}
                elif parameter["name"] in ("on", "as_of"):
                    parameter["schema"] = {"type": "string", "format": "date"}
