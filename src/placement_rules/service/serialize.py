"""What a region's answers share, serialized once when the rules are loaded: the answer
encoder (:class:`~placement_rules.contract.AnswerEncoder`) and the rules document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..contract import AnswerEncoder, file_digest
from ..ruleset import RuleSet

__all__ = ["RuleViews", "dumps", "rule_views"]


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class RuleViews:
    """One region's answers' static part, built once."""

    encoder: AnswerEncoder
    rules_document: bytes
    """``GET /v1/regions/{region}/rules``: every rule file of the chain, validated content."""


def rule_views(rules: RuleSet) -> RuleViews:
    document = {
        "region": rules.region,
        "name": rules.name,
        "files": [
            {
                "file": f.path.name,
                "digest": file_digest(f),
                "content": f.model.model_dump(mode="json", exclude_none=True),
            }
            for f in rules.files
        ],
    }
    return RuleViews(encoder=AnswerEncoder(rules), rules_document=dumps(document))
