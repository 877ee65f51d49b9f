"""The result contract: a versioned JSON answer with a receipt and stable obligation ids.

An answer carries ``schema_version``, ``detail`` (``full`` or ``compact``), a ``receipt``
(package version, a digest of each rule file's canonical content and of the whole chain, the
agreements and terms used, the law in force) and an ``id`` for each obligation, derived from the
rule id, the event's identity and the anchor date, so a client can store it and match it in a
later answer. Machine fields hold codes and dates; texts for people are in labelled fields. The
shapes are the models of :mod:`.models` (JSON Schemas under ``schema/``); the text is written
by :class:`.encode.AnswerEncoder` from fragments serialized once per rule set.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from .encode import SCHEMA_VERSION, AnswerEncoder, Detail, obligation_id
from .explanation import explanation

if TYPE_CHECKING:
    from ..events import Event
    from ..i18n import Lang
    from ..loading import LoadedFile
    from ..results import Evaluation
    from ..ruleset import RuleSet
    from ..tracking.tracker import CaseReport

__all__ = [
    "SCHEMA_VERSION",
    "AnswerEncoder",
    "Detail",
    "answer",
    "chain_digest",
    "differences",
    "digest_of",
    "explanation",
    "file_digest",
    "obligation_id",
    "receipt",
    "track_answer",
    "verify_answer",
]


def digest_of(data: object) -> str:
    """``sha256:`` and the hex digest of ``data`` as canonical JSON (keys sorted)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(loaded: LoadedFile) -> str:
    """A digest of a rule file's canonical content (its validated model, keys sorted), so
    comments, layout and key order do not change it; nor do its ``reviewed`` sign-offs, which
    sign this digest."""
    return digest_of(loaded.model.model_dump(mode="json", exclude={"reviewed"}))


def chain_digest(rules: RuleSet) -> str:
    """A digest of the whole chain of rule files, in order."""
    return digest_of([file_digest(f) for f in rules.files])


def receipt(rules: RuleSet, evaluation: Evaluation) -> dict[str, Any]:
    """What produced an answer: package version, rule-file and chain digests, the agreements
    and terms used, the law in force."""
    text = AnswerEncoder(rules).receipt(evaluation.agreements, evaluation.law_in_force)
    body: dict[str, Any] = json.loads(text)
    return body


def answer(
    rules: RuleSet,
    event: Event,
    evaluation: Evaluation,
    detail: Detail = "full",
    *,
    encoder: AnswerEncoder | None = None,
    explain: bool = False,
    lang: Lang = "sv",
) -> dict[str, Any]:
    """The contract's answer for one evaluated event (``encoder``: one built for ``rules``
    already, else one is built; ``explain``: with the ``explanation``, its labels in
    ``lang``)."""
    encoder = encoder or AnswerEncoder(rules)
    explained = explanation(rules, event, evaluation, lang) if explain else None
    body: dict[str, Any] = json.loads(
        encoder.evaluation_bytes(event, evaluation, detail, explained)
    )
    return body


def track_answer(
    rules: RuleSet, report: CaseReport, *, encoder: AnswerEncoder | None = None
) -> dict[str, Any]:
    """The contract's answer for one tracked case."""
    encoder = encoder or AnswerEncoder(rules)
    body: dict[str, Any] = json.loads(encoder.track_bytes(report))
    return body


def verify_answer(
    stored: dict[str, Any],
    rules: RuleSet,
    event: Event,
    evaluation: Evaluation,
    *,
    encoder: AnswerEncoder | None = None,
) -> list[str]:
    """What changed between a stored answer and today's for the same event (empty: the same),
    compared at the stored answer's ``detail``."""
    detail: Detail = "compact" if stored.get("detail") == "compact" else "full"
    fresh = answer(rules, event, evaluation, detail, encoder=encoder)
    return differences(stored, fresh, known_rules=frozenset(r.id for r in rules.rules))


def _entries(value: object, key: str) -> dict[str, dict[str, Any]]:
    """The objects of a stored answer's list by their text ``key``; anything else (the stored
    answer is input: any shape) is left out."""
    items = value if isinstance(value, list) else []
    return {o[key]: o for o in items if isinstance(o, dict) and isinstance(o.get(key), str)}


_OBLIGATION_ID = re.compile(r"obl_[0-9a-f]{24}")


def differences(
    stored: dict[str, Any], fresh: dict[str, Any], *, known_rules: Collection[str] = ()
) -> list[str]:
    """What changed between a stored answer and today's, in lines naming field and rule ids
    (never an event value): the chain digest, each rule file's digest, obligations added,
    removed or changed. An obligation only the stored answer has is named by its rule id when
    that is one of ``known_rules``, else by its id when well formed (the stored answer is
    input: never echoed)."""
    changes: list[str] = []
    old_receipt, new_receipt = stored.get("receipt"), fresh["receipt"]
    old_receipt = old_receipt if isinstance(old_receipt, dict) else {}
    if old_receipt.get("chain_digest") != new_receipt["chain_digest"]:
        changes.append("receipt.chain_digest: the rule files are not the same")
        old_files = {
            name: f.get("digest")
            for name, f in _entries(old_receipt.get("rule_files"), "file").items()
        }
        for entry in new_receipt["rule_files"]:
            if old_files.get(entry["file"]) != entry["digest"]:
                changes.append(f"rule file {entry['file']}: changed")
    if old_receipt.get("package_version") != new_receipt["package_version"]:
        changes.append("receipt.package_version: another version of placement-rules")
    old = _entries(stored.get("obligations"), "id")
    new = {o["id"]: o for o in fresh["obligations"]}
    for key, obligation in new.items():
        if key not in old:
            changes.append(f"obligation {obligation['rule_id']}: new")
        elif old[key] != obligation:
            fields = sorted(k for k in obligation if old[key].get(k) != obligation[k])
            changes.append(f"obligation {obligation['rule_id']}: {', '.join(fields)} changed")
    for key, obligation in old.items():
        if key not in new:
            rule = obligation.get("rule_id")
            if isinstance(rule, str) and rule in known_rules:
                changes.append(f"obligation {rule}: no longer given")
            elif _OBLIGATION_ID.fullmatch(key):
                changes.append(f"obligation {key}: no longer given")
            else:
                changes.append("an obligation of the stored answer: no longer given")
    return changes
