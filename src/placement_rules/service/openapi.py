"""The OpenAPI document: FastAPI's, with the request bodies' schemas (the service reads bodies
itself, under its limits) and the answers' schemas from the contract's models."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import models_json_schema

from ..events import Event
from .problems import Problem

__all__ = ["CaseLog", "VerifyRequest", "component_schemas", "openapi_document"]

REF = "#/components/schemas/{model}"


class CaseLog(BaseModel):
    """A case log to track: the events of one child, with the facts they share."""

    model_config = ConfigDict(extra="forbid")

    case_id: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, description="The rule set (default: home_region).")
    child: dict[str, Any] | None = Field(
        default=None, description="Facts shared by every event (any field of an event)."
    )
    events: list[Event] = Field(min_length=1)


class VerifyRequest(BaseModel):
    """A stored answer of ``/v1/evaluate`` and the event it was given for."""

    model_config = ConfigDict(extra="forbid")

    answer: dict[str, Any]
    event: Event


def component_schemas() -> dict[str, Any]:
    models: list[type[BaseModel]] = [Event, CaseLog, VerifyRequest, Problem]
    _, top = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    return schemas


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The document, built once per app."""
    if app.openapi_schema is None:
        document = get_openapi(
            title=app.title, version=app.version, summary=app.summary, routes=app.routes
        )
        components = document.setdefault("components", {}).setdefault("schemas", {})
        for name, schema in component_schemas().items():
            components.setdefault(name, schema)
        app.openapi_schema = document
    return app.openapi_schema
