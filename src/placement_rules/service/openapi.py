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
    events: list[Event] = Field(min_length=1)


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
        app.openapi_schema = document
    return app.openapi_schema
