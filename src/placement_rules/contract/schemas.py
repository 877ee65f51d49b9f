"""The contract's JSON Schemas, generated from the models and committed under ``schema/``.

Regenerate after changing a model (tests/contract/test_schemas.py fails until they match)::

    python -m placement_rules.contract.schemas schema
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel

from ..events import Event
from .encode import SCHEMA_VERSION
from .models import (
    CompactEvaluationAnswer,
    EvaluationAnswer,
    Problem,
    TrackAnswer,
    VerifyAnswer,
)

__all__ = ["SCHEMA_FILES", "schema_documents", "write_schemas"]

_BASE_ID: Final = "https://placement-rules.invalid/schema/"


def _models() -> Mapping[str, type[BaseModel]]:
    return {
        "event.schema.json": Event,
        "evaluation.schema.json": EvaluationAnswer,
        "evaluation-compact.schema.json": CompactEvaluationAnswer,
        "tracking.schema.json": TrackAnswer,
        "verify.schema.json": VerifyAnswer,
        "error.schema.json": Problem,
    }


SCHEMA_FILES: Final[tuple[str, ...]] = (
    "event.schema.json",
    "evaluation.schema.json",
    "evaluation-compact.schema.json",
    "tracking.schema.json",
    "verify.schema.json",
    "error.schema.json",
)


def schema_documents() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema (draft 2020-12), each with the contract's version."""
    out: dict[str, dict[str, Any]] = {}
    for name, model in _models().items():
        if model is Event:  # what a client sends
            schema = model.model_json_schema(mode="validation")
        else:  # what the service answers: every field present
            schema = model.model_json_schema(mode="serialization")
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": _BASE_ID + SCHEMA_VERSION + "/" + name,
            "x-schema-version": SCHEMA_VERSION,
            **schema,
        }
    return out


def render(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in schema_documents().items():
        path = folder / name
        path.write_text(render(document), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - the regeneration command
    write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schema"))
