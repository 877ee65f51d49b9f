"""A review of a change: for each changed rule its title, old and new quote, whether the change
tightens or loosens (against the old version and against the national baseline), the scenario
tests whose outcome changes, and where each side comes from in git.

**Verdicts** (:data:`Verdict`) are derived from what binds: the deadline, the conditions that
make the rule apply, the parties (responsible, convener, cost bearer), the form, the trigger and
the days in force. Each aspect that differs is judged on its own:

- a deadline is *stricter* (``-1``) when it is due sooner from the same anchor with the same
  meaning: a shorter period (compared when one period is surely shorter whatever the month:
  more months and not fewer days, or the same months and fewer days, or fewer days than the
  other's shortest possible length), an offset where there was only a vague term, a vague term
  added beside a date or a more urgent one (``vocabulary.VAGUE_URGENCY``: genast before omgående
  before utan dröjsmål, skyndsamt, snarast möjligt); *looser* (``+1``) the other way round; a
  deadline removed loosens, one added tightens;
- conditions: a condition dropped makes the rule apply more broadly (the duty binds in more
  cases: ``-1``), one added narrows it (``+1``); a numeric bound moved (``age lt 18`` to ``age lt
  21``) and a set of values grown or shrunk count the same way;
- any other difference in what binds (another responsible party, convener or cost bearer,
  another trigger, form or days in force, a bound that cannot be ordered) is neither: ``None``.

Then: no aspect differs (only titles, quotes, citations, notes...) gives ``unchanged`` (oförändrad
verkan); all that differ tighten: ``tightens`` (skärper); all loosen: ``loosens`` (lättar); a mix,
or any ``None``: ``changes`` (ändrar verkan: read the change). A rule without a deadline or cost
bearer that replaces a national rule inherits the national one, so that is no difference
against the baseline. A rule whose duty the national file does not have is ``adds``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import PlacementRulesError
from ..evaluation import evaluate
from ..i18n import DEFAULT_LANG, Lang
from ..loading import LoadedFile, display_path
from ..models import Condition, Deadline, Period, Rule
from ..ruleset import CompiledRule, RuleSet
from ..scenarios import check_scenario, load_scenario
from ..vocabulary import VAGUE_URGENCY
from .aspects import FieldChange
from .diff import FileDiff, diff_files
from .impact import SideRules, outcome
from .lint import _overlap, may_fire_together
from .revisions import Revision
from .wording import condition_text, norm, period_key

Verdict = Literal["tightens", "loosens", "unchanged", "changes", "adds"]
VERDICTS: tuple[Verdict, ...] = ("tightens", "loosens", "unchanged", "changes", "adds")
SCENARIO_GLOB = "*.scenario.yaml"


# --- verdicts -------------------------------------------------------------------------------------


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def period_effect(old: Period, new: Period) -> int | None:
    """-1 when ``new`` is surely shorter than ``old``, +1 when surely longer, 0 when equal,
    None when it depends on the month (1 månad against 30 dagar)."""
    (om, od), (nm, nd) = period_key(old), period_key(new)
    if (om, od) == (nm, nd):
        return 0
    if (nm <= om and nd <= od) or (nm >= om and nd >= od):
        return -1 if nm <= om and nd <= od else 1
    shortest_old, longest_old = om * 28 + od, om * 31 + od
    shortest_new, longest_new = nm * 28 + nd, nm * 31 + nd
    if longest_new < shortest_old:
        return -1
    if shortest_new > longest_old:
        return 1
    return None


def _vague_effect(old: str | None, new: str | None) -> int | None:
    if old == new:
        return 0
    if old is None:
        return -1  # a vague term added beside a date: more urgent
    if new is None:
        return 1
    a, b = VAGUE_URGENCY.get(old), VAGUE_URGENCY.get(new)
    return None if a is None or b is None else _sign(b - a)


def deadline_effect(old: Deadline | None, new: Deadline | None) -> int | None:
    """How ``new`` binds against ``old``: -1 stricter, +1 looser, 0 the same, None neither."""
    if old is None or new is None:
        return 0 if old is new else (1 if new is None else -1)
    if old.meaning != new.meaning:
        return None
    effects: list[int | None] = []
    if old.offset is not None and new.offset is not None:
        effects.append(period_effect(old.offset, new.offset) if old.anchor == new.anchor else None)
        effects.append(_vague_effect(old.vague, new.vague))
    elif old.offset is None and new.offset is None:
        effects.append(_vague_effect(old.vague, new.vague))
    else:
        effects.append(-1 if new.offset is not None else 1)
    return _combine_effects(effects)


def _combine_effects(effects: Iterable[int | None]) -> int | None:
    seen = set(effects) - {0}
    if not seen:
        return 0
    return seen.pop() if len(seen) == 1 and None not in seen else None


def _bound_effect(old: Condition, new: Condition) -> int | None:
    """A condition moved: -1 when ``new`` lets more events through, +1 fewer."""
    if old.op != new.op:
        return None
    if old.op in ("lt", "le", "gt", "ge"):
        a, b = old.value, new.value
        if not isinstance(a, int | float) or not isinstance(b, int | float):
            return None
        wider = b > a if old.op in ("lt", "le") else b < a
        return -1 if wider else 1
    if old.op in ("in", "not_in") and isinstance(old.value, tuple):
        before, after = set(old.value), set(new.value) if isinstance(new.value, tuple) else set()
        if before < after:
            return -1 if old.op == "in" else 1
        if after < before:
            return 1 if old.op == "in" else -1
    return None


def conditions_effect(old: Sequence[Condition], new: Sequence[Condition]) -> int | None:
    """-1 when the rule applies more broadly, +1 more narrowly, 0 the same, None neither."""
    by_fact_old: dict[str, list[Condition]] = {}
    by_fact_new: dict[str, list[Condition]] = {}
    for cond in old:
        by_fact_old.setdefault(cond.fact, []).append(cond)
    for cond in new:
        by_fact_new.setdefault(cond.fact, []).append(cond)
    effects: list[int | None] = []
    for fact in sorted(set(by_fact_old) | set(by_fact_new)):
        a, b = by_fact_old.get(fact, []), by_fact_new.get(fact, [])
        if a == b:
            continue
        if not b:
            effects.append(-1)
        elif not a:
            effects.append(1)
        elif len(a) == 1 and len(b) == 1:
            effects.append(_bound_effect(a[0], b[0]))
        else:
            effects.append(None)
    return _combine_effects(effects)


def _same(a: object, b: object) -> int | None:
    return 0 if a == b else None


ASPECTS: tuple[str, ...] = (
    "deadline",
    "conditions",
    "trigger",
    "form",
    "responsible",
    "convener",
    "cost_bearer",
    "in_force",
)
"""The aspects that bind, in the order :func:`rule_effects` judges them."""


def rule_effects(old: Rule, new: Rule, *, inherits: bool = False) -> list[int | None]:
    """The effect of each aspect that binds (``inherits``: a missing deadline or cost bearer of
    ``new`` is ``old``'s, as a regional rule inherits the national one's)."""
    deadline = new.deadline if new.deadline is not None or not inherits else old.deadline
    cost = new.cost_bearer if new.cost_bearer is not None or not inherits else old.cost_bearer
    convener = new.convener if new.convener is not None or not inherits else old.convener
    return [
        deadline_effect(old.deadline, deadline),
        conditions_effect(old.trigger.when, new.trigger.when),
        _same(old.trigger.event, new.trigger.event),
        _same(old.form, new.form),
        _same(_party(old, inherits), _party(new, inherits)),
        _same(old.convener, convener),
        _same(old.cost_bearer, cost),
        0 if inherits else _same(old.in_force, new.in_force),
    ]


def _party(rule: Rule, principal_only: bool) -> object:
    """Who carries the duty; against the baseline the principal and locus only (a rule that
    names the unit within the same principal carries the same duty)."""
    party = rule.responsible
    if party is None or not principal_only:
        return party
    return party.principal, party.locus


def differing(effects: Sequence[int | None]) -> tuple[tuple[str, int | None], ...]:
    """The aspects that differ, each with its effect (-1 tightens, +1 loosens, None neither)."""
    return tuple((name, e) for name, e in zip(ASPECTS, effects, strict=True) if e != 0)


def verdict_of(effects: Iterable[int | None]) -> Verdict:
    seen = set(effects) - {0}
    if not seen:
        return "unchanged"
    if seen == {-1}:
        return "tightens"
    if seen == {1}:
        return "loosens"
    return "changes"


def rule_verdict(old: Rule, new: Rule, *, inherits: bool = False) -> Verdict:
    """Whether ``new`` tightens, loosens or leaves unchanged what ``old`` binds (see the module
    docstring)."""
    return verdict_of(rule_effects(old, new, inherits=inherits))


@dataclass(frozen=True, slots=True)
class BaselineVerdict:
    statute_rule: str
    """The national rule compared with (empty: the national file has no rule of the duty)."""
    verdict: Verdict
    aspects: tuple[tuple[str, int | None], ...] = ()
    """The aspects that differ from the national rule, with their effect."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "statute_rule": self.statute_rule or None,
            "verdict": self.verdict,
            "aspects": dict(self.aspects),
        }


def _judged(
    old: Rule, new: Rule, *, inherits: bool = False
) -> tuple[Verdict, tuple[tuple[str, int | None], ...]]:
    effects = rule_effects(old, new, inherits=inherits)
    return verdict_of(effects), differing(effects)


def baseline_verdicts(
    rule: CompiledRule | None, national: Sequence[CompiledRule]
) -> tuple[BaselineVerdict, ...]:
    """``rule`` against each national rule of its duty that one event could trigger with it
    while both are in force (``adds`` when there is none)."""
    if rule is None or rule.origin == "national":
        return ()  # a national rule is the baseline itself
    found = [
        BaselineVerdict(base.id, *_judged(base.rule, rule.rule, inherits=True))
        for base in national
        if base.rule.duty == rule.rule.duty
        and may_fire_together(rule, base)
        and _overlap(rule.rule.in_force, base.rule.in_force) is not None
    ]
    return tuple(found) or (BaselineVerdict("", "adds"),)


# --- the review -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleReview:
    """One rule added, removed or changed, with what a reviewer reads."""

    kind: Literal["added", "removed", "changed"]
    rule_id: str
    duty: str
    title_old: str | None
    title_new: str | None
    citation_old: str | None
    citation_new: str | None
    quote_old: str | None
    quote_new: str | None
    verdict: Verdict
    """Against the old version (for an added or removed rule: against what applies instead)."""
    baseline: tuple[BaselineVerdict, ...]
    """The new rule (a removed one: the old) against the national baseline."""
    changes: tuple[FieldChange, ...] = ()
    aspects: tuple[tuple[str, int | None], ...] = ()
    """The aspects that differ from the old version, with their effect."""
    conditions_added: tuple[str, ...] = ()
    """The conditions the new version adds, as sentences in the review's language."""
    conditions_removed: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.title_new or self.title_old or self.rule_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule_id": self.rule_id,
            "duty": self.duty,
            "title": {"old": self.title_old, "new": self.title_new},
            "citation": {"old": self.citation_old, "new": self.citation_new},
            "quote": {"old": self.quote_old, "new": self.quote_new},
            "verdict": self.verdict,
            "aspects": dict(self.aspects),
            "baseline": [b.to_dict() for b in self.baseline],
            "changes": [c.to_dict() for c in self.changes],
        }


def condition_changes(
    old: Sequence[Condition], new: Sequence[Condition], lang: Lang
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The conditions added and removed, each as a sentence ("barnet är under 21 år")."""
    from ..conditions import compile_condition
    from ..views.sentences import condition_sentence

    before = {condition_text(c): c for c in old}
    after = {condition_text(c): c for c in new}

    def said(conditions: dict[str, Condition], keys: set[str]) -> tuple[str, ...]:
        return tuple(
            condition_sentence(compile_condition(conditions[k]), lang) for k in sorted(keys)
        )

    return said(after, set(after) - set(before)), said(before, set(before) - set(after))


@dataclass(frozen=True, slots=True)
class ScenarioEffect:
    """A scenario test whose outcome (its obligations, or whether it passes) changes."""

    path: str
    title: str
    region: str
    passed_before: bool
    passes_after: bool
    duties: tuple[str, ...]
    """The duties whose obligations differ."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "region": self.region,
            "passed_before": self.passed_before,
            "passes_after": self.passes_after,
            "duties": list(self.duties),
        }


@dataclass(frozen=True)
class Review:
    """What a reviewer of a change reads: the diff, each rule's verdicts, the scenario tests
    whose outcome changes, and the git commits of the sides."""

    diff: FileDiff
    rules: tuple[RuleReview, ...]
    scenarios: tuple[ScenarioEffect, ...] = ()
    scenarios_checked: int = 0
    scenarios_unreadable: int = 0
    old_revision: Revision | None = None
    new_revision: Revision | None = None
    lang: Lang = DEFAULT_LANG
    notes: tuple[str, ...] = field(default=())
    """Codes of what could not be checked (``no-baseline``: the base files did not load)."""

    @property
    def same(self) -> bool:
        return self.diff.same

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.diff.to_dict(),
            "revisions": {
                "old": self.old_revision.to_dict() if self.old_revision else None,
                "new": self.new_revision.to_dict() if self.new_revision else None,
            },
            "rules": [r.to_dict() for r in self.rules],
            "scenarios": {
                "checked": self.scenarios_checked,
                "unreadable": self.scenarios_unreadable,
                "changed": [s.to_dict() for s in self.scenarios],
            },
            "notes": list(self.notes),
        }


def _compiled(rules: RuleSet | None, rule_id: str) -> CompiledRule | None:
    if rules is None:
        return None
    return next((c for c in rules.rules if c.id == rule_id), None)


def _national(rules: RuleSet | None) -> list[CompiledRule]:
    return [] if rules is None else [c for c in rules.rules if c.origin == "national"]


def _safe_rules(side: SideRules, region: str) -> RuleSet | None:
    try:
        return side.for_region(region)
    except PlacementRulesError:
        return None


def _instead(rule: Rule, national: Sequence[CompiledRule], rules: RuleSet | None) -> Rule | None:
    """The national rule that applies in ``rule``'s place when it is not there (one event could
    trigger both), if any."""
    mine = _compiled(rules, rule.id)
    if mine is not None and mine.origin == "national":
        return None  # nothing stands in for the national file's own rules
    for base in national:
        if base.id == rule.id or base.rule.duty != rule.duty:
            continue
        if mine is None or may_fire_together(mine, base):
            return base.rule
    return None


def _rule_reviews(
    diff: FileDiff,
    old: LoadedFile,
    new: LoadedFile,
    old_rules: RuleSet | None,
    new_rules: RuleSet | None,
    lang: Lang = DEFAULT_LANG,
) -> list[RuleReview]:
    by_id_old = {r.id: r for r in old.model.rules}
    by_id_new = {r.id: r for r in new.model.rules}
    national_new, national_old = _national(new_rules), _national(old_rules)
    out = []
    for change in diff.changed:
        a, b = by_id_old[change.old.id], by_id_new[change.new.id]
        judged = _judged(a, b)
        added, removed = condition_changes(a.trigger.when, b.trigger.when, lang)
        out.append(
            RuleReview(
                "changed",
                change.label,
                b.duty,
                norm(a.title),
                norm(b.title),
                f"{a.source.source} {norm(a.source.section)}",
                f"{b.source.source} {norm(b.source.section)}",
                norm(a.source.quote),
                norm(b.source.quote),
                judged[0],
                baseline_verdicts(_compiled(new_rules, b.id), national_new),
                change.changes,
                judged[1],
                added,
                removed,
            )
        )
    for ref in diff.added:
        b = by_id_new[ref.id]
        before = _instead(b, national_new, new_rules)
        verdict, aspects = _judged(before, b, inherits=True) if before else ("tightens", ())
        out.append(
            RuleReview(
                "added",
                b.id,
                b.duty,
                None,
                norm(b.title),
                None,
                f"{b.source.source} {norm(b.source.section)}",
                None,
                norm(b.source.quote),
                verdict,
                baseline_verdicts(_compiled(new_rules, b.id), national_new),
                (),
                aspects,
            )
        )
    for ref in diff.removed:
        a = by_id_old[ref.id]
        after = _instead(a, national_old, old_rules)
        verdict, aspects = _judged(a, after) if after is not None else ("loosens", ())
        out.append(
            RuleReview(
                "removed",
                a.id,
                a.duty,
                norm(a.title),
                None,
                f"{a.source.source} {norm(a.source.section)}",
                None,
                norm(a.source.quote),
                None,
                verdict,
                baseline_verdicts(_compiled(old_rules, a.id), national_old),
                (),
                aspects,
            )
        )
    return out


def scenario_files(folders: Iterable[Path]) -> Iterator[Path]:
    """Every ``*.scenario.yaml`` under the folders, in name order."""
    for folder in folders:
        if folder.is_dir():
            yield from sorted(folder.rglob(SCENARIO_GLOB))


def scenario_effects(
    paths: Iterable[Path], old: SideRules, new: SideRules
) -> tuple[list[ScenarioEffect], int, int]:
    """The scenarios whose obligations or pass state differ between the sides; with how many
    scenarios the change reaches (checked) and how many could not be read or run."""
    effects: list[ScenarioEffect] = []
    checked = unreadable = 0
    for path in paths:
        try:
            scenario = load_scenario(path)
            before, after = old.for_region(scenario.region), new.for_region(scenario.region)
            if before is None and after is None:
                continue
            before = before or old.plain(scenario.region)
            after = after or new.plain(scenario.region)
            if before is None or after is None:
                continue
            checked += 1
            was = outcome(evaluate(before, scenario.event).obligations)
            now = outcome(evaluate(after, scenario.event).obligations)
            passed, passes = (
                not check_scenario(scenario, before),
                not check_scenario(scenario, after),
            )
        except PlacementRulesError:
            unreadable += 1
            continue
        if was == now and passed == passes:
            continue
        duties = sorted({k.duty for k in (was - now) + (now - was)})
        effects.append(
            ScenarioEffect(
                display_path(path), scenario.title, scenario.region, passed, passes, tuple(duties)
            )
        )
    return effects, checked, unreadable


def review(
    old: LoadedFile,
    new: LoadedFile,
    *,
    scenario_dirs: Sequence[Path] = (),
    rules_dir: Path | None = None,
    old_revision: Revision | None = None,
    new_revision: Revision | None = None,
    lang: Lang = DEFAULT_LANG,
) -> Review:
    """The review of changing ``old`` into ``new``."""
    diff = diff_files(old, new)
    cache: dict[Path, LoadedFile] = {}
    old_side, new_side = SideRules(old, rules_dir, cache), SideRules(new, rules_dir, cache)
    old_rules = _safe_rules(old_side, old.model.region)
    new_rules = _safe_rules(new_side, new.model.region)
    notes = () if old_rules is not None and new_rules is not None else ("no-baseline",)
    rules = _rule_reviews(diff, old, new, old_rules, new_rules, lang)
    effects: list[ScenarioEffect] = []
    checked = unreadable = 0
    if not diff.same and scenario_dirs:
        effects, checked, unreadable = scenario_effects(
            scenario_files(scenario_dirs), old_side, new_side
        )
    return Review(
        diff,
        tuple(rules),
        tuple(effects),
        checked,
        unreadable,
        old_revision,
        new_revision,
        lang,
        notes,
    )


def default_scenario_dirs(root: Path | None = None) -> list[Path]:
    """``tests/scenarios`` and ``examples`` of the working folder (those that exist)."""
    base = root or Path.cwd()
    return [p for p in (base / "tests" / "scenarios", base / "examples") if p.is_dir()]


__all__ = [
    "VERDICTS",
    "BaselineVerdict",
    "Review",
    "RuleReview",
    "ScenarioEffect",
    "Verdict",
    "baseline_verdicts",
    "conditions_effect",
    "deadline_effect",
    "default_scenario_dirs",
    "period_effect",
    "review",
    "rule_verdict",
    "scenario_effects",
]
