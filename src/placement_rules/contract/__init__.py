"""The result contract: a versioned JSON answer with a receipt and stable obligation ids.

The answer keeps :meth:`~placement_rules.results.Evaluation.to_dict`'s fields and adds
``schema_version``, a ``receipt`` (package version, a digest of each rule file's canonical
content and of the whole chain, the agreements and terms used, the law in force) and an ``id``
for each obligation, derived from the rule id, the event's identity and the anchor date, so a
client can store it and match it in a later answer.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from ..events import Event
    from ..loading import LoadedFile
    from ..results import Evaluation, Obligation
    from ..ruleset import RuleSet

SCHEMA_VERSION: Final = "1.0"

__all__ = [
    "SCHEMA_VERSION",
    "answer",
    "chain_digest",
    "digest_of",
    "file_digest",
    "obligation_id",
    "receipt",
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
    from .. import __version__

    return {
        "package_version": __version__,
        "region": rules.region,
        "rule_files": [{"file": f.path.name, "digest": file_digest(f)} for f in rules.files],
        "chain_digest": chain_digest(rules),
        "agreements": [
            {"agreement_id": a.agreement_id, "state": a.state, "term": a.term}
            for a in evaluation.agreements
        ],
        "law_in_force": evaluation.law_in_force,
    }


def obligation_id(obligation: Obligation, event: Event) -> str:
    """A stable id: the rule id, the event's identity (kind, date, home region) and the
    anchor date (the placement start when the event gives one, else the event date)."""
    anchor = event.effective_placement_start or event.date
    key = "|".join(
        (obligation.rule_id, event.kind, event.date.isoformat(), event.home_region, str(anchor))
    )
    return "obl_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def answer(rules: RuleSet, event: Event, evaluation: Evaluation) -> dict[str, Any]:
    """The contract's answer for one evaluated event."""
    body = evaluation.to_dict()
    for entry, obligation in zip(body["obligations"], evaluation.obligations, strict=True):
        entry["id"] = obligation_id(obligation, event)
    return {"schema_version": SCHEMA_VERSION, **body, "receipt": receipt(rules, evaluation)}


def differences(stored: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """What changed between a stored answer and today's, in lines naming field and rule ids
    (never an event value): the chain digest, each rule file's digest, obligations added,
    removed or changed."""
    changes: list[str] = []
    old_receipt, new_receipt = stored.get("receipt") or {}, fresh["receipt"]
    if old_receipt.get("chain_digest") != new_receipt["chain_digest"]:
        changes.append("receipt.chain_digest: the rule files are not the same")
        old_files = {
            f.get("file"): f.get("digest")
            for f in old_receipt.get("rule_files") or []
            if isinstance(f, dict)
        }
        for entry in new_receipt["rule_files"]:
            if old_files.get(entry["file"]) != entry["digest"]:
                changes.append(f"rule file {entry['file']}: changed")
    if old_receipt.get("package_version") != new_receipt["package_version"]:
        changes.append("receipt.package_version: another version of placement-rules")
    old = {o.get("id"): o for o in stored.get("obligations") or [] if isinstance(o, dict)}
    new = {o["id"]: o for o in fresh["obligations"]}
    for key, obligation in new.items():
        if key not in old:
            changes.append(f"obligation {obligation['rule_id']}: new")
        elif old[key] != obligation:
            fields = sorted(k for k in obligation if old[key].get(k) != obligation[k])
            changes.append(f"obligation {obligation['rule_id']}: {', '.join(fields)} changed")
    for key, obligation in old.items():
        if key not in new:
            changes.append(f"obligation {obligation.get('rule_id')}: no longer given")
    return changes
