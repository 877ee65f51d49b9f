"""The rules the service answers from: loaded once at start, replaced whole on reload.

A :class:`Loaded` is immutable; the app holds one at a time (``app.state.loaded``) and a reload
(SIGHUP, or the admin endpoint when enabled) builds a new one and swaps the reference, so a
request sees one set of rules from start to end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..contract import chain_digest, digest_of
from ..ruleset import RuleSet
from ..tracking.audit import RuleSets
from .serialize import RuleViews, rule_views

__all__ = ["Loaded", "load"]


@dataclass(frozen=True)
class Loaded:
    rules_dir: Path | None
    rule_sets: RuleSets
    """Every region of the folder, loaded (nothing is loaded on a request)."""
    regions: Mapping[str, RuleSet]
    digests: Mapping[str, str]
    """Region -> the digest of its chain of rule files (the receipt's ``chain_digest``)."""
    views: Mapping[str, RuleViews]
    """Region -> its rules serialized once (the static part of every answer)."""
    all_digest: str
    """A digest of every region's chain digest: which rules the whole service answers from."""
    schemas: Mapping[str, bytes]
    """Name -> the contract's JSON Schema (``/v1/schemas/{name}``)."""
    loaded_at: dt.datetime

    def region(self, region: str, what: str = "region") -> RuleSet:
        return self.rule_sets.get(region, what)


def load(rules_dir: Path | None) -> Loaded:
    """Load every region of ``rules_dir`` (default: the bundled rules) and serialize the
    static part of their answers."""
    rule_sets = RuleSets(rules_dir)
    regions = {region: rule_sets.get(region) for region in sorted(rule_sets.known)}
    views = {r: rule_views(rules) for r, rules in regions.items()}
    for region, rules in regions.items():
        _warm(rules, views[region])
    digests = {r: chain_digest(rules) for r, rules in regions.items()}
    return Loaded(
        rules_dir=rules_dir,
        rule_sets=rule_sets,
        regions=MappingProxyType(regions),
        digests=MappingProxyType(digests),
        views=MappingProxyType(views),
        all_digest=digest_of(sorted(digests.items())),
        schemas=MappingProxyType(_schemas()),
        loaded_at=dt.datetime.now(dt.UTC),
    )


def _schemas() -> dict[str, bytes]:
    from ..contract.schemas import render, schema_documents
    from ..models import json_schema

    documents = {
        name.removesuffix(".schema.json"): render(document).encode("utf-8")
        for name, document in schema_documents().items()
    }
    documents["rule-file"] = render(json_schema()).encode("utf-8")
    return documents


def _warm(rules: RuleSet, views: RuleViews) -> None:
    """Evaluate and encode one event per region before the first request (the first
    evaluation imports and builds what later ones reuse), so readiness means speed too."""
    from ..evaluation import evaluate
    from ..events import Event

    event = Event(
        kind="placement_started",
        date=dt.date(2025, 9, 1),
        birth_date=dt.date(2015, 1, 1),
        home_municipality="-",
        home_region=rules.region if rules.top.model.kind != "local" else "national",
    )
    views.encoder.evaluation(event, evaluate(rules, event))
