"""A region's rules, resolved along their ``extends`` chain, checked across files and compiled.

A :class:`RuleSet` is immutable after loading and safe to share between threads.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .conditions import CompiledCondition, compile_condition, compile_predicate
from .errors import RuleFileError, UnknownRegionError
from .events import Event, fact_values
from .loading import LoadedFile, PathKey, bundled_rules_dir, check_citation, iter_rule_files, read_rule_file
from .models import Agreement, Citation, Condition, Exclusion, Fulfilment, Rule, Scope, Source
from .validity import AgreementStatus, agreement_status
from .vocabulary import VAGUE_TERM_LABELS

LEVELS: Mapping[str, int] = MappingProxyType({"national": 0, "regional": 1, "local": 2})


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    origin: str
    """``national``, ``regional`` or ``local``: the kind of file the rule is in."""
    level: int
    file: str
    line: int | None
    conditions: tuple[CompiledCondition, ...]
    agreement: Agreement | None
    static_because: tuple[str, ...]
    """The parts of 'why it applies' that do not depend on the event: conditions, dates."""
    deadline_text: str | None
    vague_label: str | None
    source_document: Source
    """The document or statute the rule cites."""
    first_day: dt.date
    last_day: dt.date
    matches: Callable[[Mapping[str, Any]], bool]
    """All trigger conditions as one compiled predicate over the event's facts."""
    id: str
    duty: str
    contested: bool = False
    """Whether files at more than one level of the chain have rules for this duty (only then
    can one rule take another's place)."""

    @property
    def source_name(self) -> str:
        """What citations call the rule's source (:attr:`Source.name`)."""
        return self.source_document.name

    def applies_on(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True, slots=True)
class CompiledExclusion:
    conditions: tuple[CompiledCondition, ...]
    reason: str
    citation: Citation
    matches: Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class CompiledFulfilment:
    """One ``fulfilment:`` entry: an event kind that, when its conditions hold, fulfils duties."""

    fulfilment: Fulfilment
    file: str
    line: int | None
    conditions: tuple[CompiledCondition, ...]
    matches: Callable[[Mapping[str, Any]], bool]
    """The conditions as one compiled predicate over the event's facts."""
    duties: tuple[str, ...]
    """The duties it fulfils."""

    @property
    def event(self) -> str:
        return self.fulfilment.event


@dataclass(frozen=True, slots=True)
class AgreementsOn:
    """The region's agreements on one date: statuses, one-line summaries, and which are off."""

    statuses: tuple[AgreementStatus, ...]
    summaries: Mapping[str, str]
    not_in_force: Mapping[str, str]
    """Agreement id -> why its rules do not apply on the date."""
    warnings: tuple[str, ...]
    off: tuple[tuple[str, str], ...]
    """``not_in_force`` as a sorted tuple (hashable: part of an evaluation's memo key)."""

    @classmethod
    def of(cls, statuses: tuple[AgreementStatus, ...]) -> AgreementsOn:
        off = {s.agreement_id: s.warning or s.describe() for s in statuses if not s.in_force}
        return cls(
            statuses=statuses,
            summaries=MappingProxyType(
                {s.agreement_id: f"agreement {s.agreement_id}: {s.describe()}" for s in statuses}),
            not_in_force=MappingProxyType(off),
            warnings=tuple(s.warning for s in statuses if s.warning),
            off=tuple(sorted(off.items())),
        )


@dataclass(frozen=True)
class RuleSet:
    """The rules that apply to one region (or local file): its own plus its base files'."""

    region: str
    name: str
    files: tuple[LoadedFile, ...]
    """The chain of files, base (national) first."""
    rules: tuple[CompiledRule, ...]
    by_event: Mapping[str, tuple[CompiledRule, ...]]
    sources: Mapping[str, Source]
    agreements: tuple[Agreement, ...]
    scope: Scope | None
    exclusions: tuple[CompiledExclusion, ...]
    fulfilments: Mapping[str, tuple[CompiledFulfilment, ...]] = field(
        default_factory=lambda: MappingProxyType({}))
    """Event kind -> the fulfilment entries of every file in the chain (case tracking)."""
    _status_cache: dict[dt.date, AgreementsOn] = field(
        default_factory=dict, repr=False, compare=False
    )
    _candidates: dict[tuple[str, int], tuple[CompiledRule, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _boundaries: tuple[dt.date, ...] = field(default=(), repr=False, compare=False)
    _fact_keys: dict[str, Callable[[Event], Hashable]] = field(
        default_factory=dict, repr=False, compare=False
    )
    decisions: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)
    """Memo of :func:`placement_rules.evaluation.evaluate`'s date-free decisions (which rules
    fire, which give way); owned and bounded by that module."""

    def __post_init__(self) -> None:
        days = {r.first_day for r in self.rules if r.first_day != dt.date.min}
        days |= {r.last_day + dt.timedelta(days=1) for r in self.rules if r.last_day != dt.date.max}
        object.__setattr__(self, "_boundaries", tuple(sorted(days)))

    def candidates(self, kind: str, day: dt.date) -> tuple[CompiledRule, ...]:
        """The rules an event of ``kind`` on ``day`` may trigger: right kind, in force on the day.

        Memoised per period between two rule in-force boundaries (a handful per rule set)."""
        key = (kind, self.period(day))
        found = self._candidates.get(key)
        if found is None:
            found = tuple(r for r in self.by_event.get(kind, ()) if r.first_day <= day <= r.last_day)
            self._candidates[key] = found
        return found

    def period(self, day: dt.date) -> int:
        """Which of the periods between two rule in-force boundaries ``day`` falls in (the
        rules in force are the same on every day of a period)."""
        return bisect_right(self._boundaries, day)

    def decision_facts(self, kind: str) -> Callable[[Event], Hashable]:
        """The values of every fact that can change which rules an event of ``kind`` fires:
        the facts its rules' conditions and the scope's exclusions test, and age, legal basis
        and placement form when the rule set has a scope. Memoised per kind."""
        found = self._fact_keys.get(kind)
        if found is None:
            names = {c.fact for r in self.by_event.get(kind, ()) for c in r.conditions}
            names |= {c.fact for ex in self.exclusions for c in ex.conditions}
            if self.scope is not None:
                names |= {"age", "legal_basis", "placement_form"}
            found = self._fact_keys[kind] = fact_values(sorted(names))
        return found

    @property
    def top(self) -> LoadedFile:
        return self.files[-1]

    def rule(self, rule_id: str) -> CompiledRule:
        for compiled in self.rules:
            if compiled.id == rule_id:
                return compiled
        raise KeyError(rule_id)

    def agreement_statuses(self, on: dt.date) -> tuple[AgreementStatus, ...]:
        """The status of each agreement on a date."""
        return self.agreements_on(on).statuses

    def agreements_on(self, on: dt.date) -> AgreementsOn:
        """Statuses and their summaries on a date, memoised (a pure function of the date)."""
        cached = self._status_cache.get(on)
        if cached is None:
            cached = AgreementsOn.of(tuple(agreement_status(a, on) for a in self.agreements))
            if len(self._status_cache) > 4096:
                self._status_cache.clear()
            self._status_cache[on] = cached
        return cached


def _compile_conditions(loaded: LoadedFile, conds: list[Condition], path: PathKey) -> tuple[CompiledCondition, ...]:
    out = []
    for i, cond in enumerate(conds):
        try:
            out.append(compile_condition(cond))
        except ValueError as exc:
            raise RuleFileError(loaded.locate(path + (i,)), str(exc)) from None
    return tuple(out)


def citations(loaded: LoadedFile) -> list[tuple[Citation, PathKey]]:
    model = loaded.model
    found: list[tuple[Citation, PathKey]] = []
    for i, agreement in enumerate(model.agreements):
        found.append((agreement.validity.citation, ("agreements", i, "validity", "citation")))
        if agreement.validity.renewal:
            found.append((agreement.validity.renewal.citation,
                          ("agreements", i, "validity", "renewal", "citation")))
    if model.scope:
        found.append((model.scope.citation, ("scope", "citation")))
        for j, exclusion in enumerate(model.scope.exclusions):
            found.append((exclusion.citation, ("scope", "exclusions", j, "citation")))
    for i, rule in enumerate(model.rules):
        found.append((rule.source, ("rules", i, "source")))
        for j, extra in enumerate(rule.see_also):
            found.append((extra, ("rules", i, "see_also", j)))
    for i, section in enumerate(model.duty_sections):
        found.append((Citation(source=section.source, section=section.section), ("duty_sections", i)))
    for i, entry in enumerate(model.fulfilment):
        if entry.citation is not None:
            found.append((entry.citation, ("fulfilment", i, "citation")))
    return found


def build_rule_set(chain: list[LoadedFile]) -> RuleSet:
    """Check a chain of files (base first) against each other and compile it."""
    sources: dict[str, Source] = {}
    compiled: list[CompiledRule] = []
    seen_ids: dict[str, str] = {}
    base_duties: set[str] = set()
    base_agreements: dict[str, Agreement] = {}
    for loaded in chain:
        _register_sources(loaded, sources)
        agreements = _file_agreements(loaded, set(sources))
        if loaded.model.kind == "local" and not agreements:
            agreements = base_agreements  # a local routine lives under its region's agreement
        base_agreements = agreements
        own = _compile_file_rules(loaded, agreements, sources, seen_ids, base_duties)
        compiled.extend(own)
        base_duties |= {c.rule.duty for c in own}
    top = chain[-1]
    scope_file = next((f for f in reversed(chain) if f.model.scope is not None), None)
    exclusions: tuple[CompiledExclusion, ...] = ()
    if scope_file is not None and scope_file.model.scope is not None:
        exclusions = tuple(
            _exclusion(scope_file, j, ex)
            for j, ex in enumerate(scope_file.model.scope.exclusions)
        )
    levels: dict[str, set[int]] = {}
    for one in compiled:
        levels.setdefault(one.duty, set()).add(one.level)
    compiled = [replace(one, contested=len(levels[one.duty]) > 1) for one in compiled]
    by_event: dict[str, list[CompiledRule]] = {}
    for one in compiled:
        by_event.setdefault(one.rule.trigger.event, []).append(one)
    all_agreements = tuple(a for f in chain for a in f.model.agreements)
    fulfilments = _compile_fulfilments(chain)
    return RuleSet(
        region=top.model.region,
        name=top.model.name,
        files=tuple(chain),
        rules=tuple(compiled),
        by_event=MappingProxyType({k: tuple(v) for k, v in by_event.items()}),
        sources=MappingProxyType(sources),
        agreements=all_agreements,
        scope=scope_file.model.scope if scope_file else None,
        exclusions=exclusions,
        fulfilments=fulfilments,
    )


def _compile_fulfilments(chain: list[LoadedFile]) -> Mapping[str, tuple[CompiledFulfilment, ...]]:
    """Check that every duty a ``fulfilment:`` entry names exists in its file or a base file,
    compile the entries' conditions, and index them by event kind (base files first)."""
    duties: set[str] = set()
    by_event: dict[str, list[CompiledFulfilment]] = {}
    for loaded in chain:
        duties |= {rule.duty for rule in loaded.model.rules}
        for i, entry in enumerate(loaded.model.fulfilment):
            for j, duty in enumerate(entry.fulfils):
                if duty not in duties:
                    raise RuleFileError(
                        loaded.locate(("fulfilment", i, "fulfils", j)),
                        f"fulfilment names duty '{duty}', which no rule of this file or its "
                        "base files has")
            conditions = _compile_conditions(loaded, entry.when, ("fulfilment", i, "when"))
            line = loaded.positions.get(("fulfilment", i), (None, None))[0]
            by_event.setdefault(entry.event, []).append(
                CompiledFulfilment(entry, str(loaded.path), line, conditions,
                                   compile_predicate(conditions), tuple(entry.fulfils)))
    return MappingProxyType({kind: tuple(entries) for kind, entries in by_event.items()})


def _exclusion(loaded: LoadedFile, index: int, exclusion: Exclusion) -> CompiledExclusion:
    conditions = _compile_conditions(loaded, exclusion.when, ("scope", "exclusions", index, "when"))
    return CompiledExclusion(conditions, exclusion.reason, exclusion.citation,
                             compile_predicate(conditions))


def _register_sources(loaded: LoadedFile, sources: dict[str, Source]) -> None:
    for i, source in enumerate(loaded.model.sources):
        if source.id in sources:
            raise RuleFileError(loaded.locate(("sources", i, "id")),
                                f"duplicate source id '{source.id}'")
        sources[source.id] = source
    known = set(sources)
    for citation, path in citations(loaded):
        check_citation(loaded, known, citation, path)


def _file_agreements(loaded: LoadedFile, known_sources: set[str]) -> dict[str, Agreement]:
    agreements: dict[str, Agreement] = {}
    for i, agreement in enumerate(loaded.model.agreements):
        if agreement.id in agreements:
            raise RuleFileError(loaded.locate(("agreements", i, "id")),
                                f"duplicate agreement id '{agreement.id}'")
        if agreement.source not in known_sources:
            raise RuleFileError(loaded.locate(("agreements", i, "source")),
                                f"agreement cites unknown source '{agreement.source}'")
        agreements[agreement.id] = agreement
    return agreements


def _compile_file_rules(loaded: LoadedFile, agreements: dict[str, Agreement],
                        sources: Mapping[str, Source], seen_ids: dict[str, str],
                        base_duties: set[str]) -> list[CompiledRule]:
    model = loaded.model
    out = []
    for i, rule in enumerate(model.rules):
        path: PathKey = ("rules", i)
        if rule.id in seen_ids:
            raise RuleFileError(loaded.locate(path + ("id",)),
                                f"duplicate rule id '{rule.id}' (first defined in {seen_ids[rule.id]})")
        seen_ids[rule.id] = loaded.name
        _check_relation(loaded, rule, path, base_duties)
        agreement = _rule_agreement(loaded, rule, path, agreements)
        conditions = _compile_conditions(loaded, rule.trigger.when, path + ("trigger", "when"))
        line = loaded.positions.get(path, (None, None))[0]
        out.append(_compiled_rule(rule, model.kind, LEVELS[model.kind], loaded.name, line,
                                  conditions, agreement, sources, model.valid_from))
    return out


def _compiled_rule(rule: Rule, kind: str, level: int, file: str, line: int | None,
                   conditions: tuple[CompiledCondition, ...], agreement: Agreement | None,
                   sources: Mapping[str, Source], valid_from: dt.date | None = None) -> CompiledRule:
    because = [c.describe() for c in conditions]
    if valid_from is not None:
        because.append(f"{kind} routine in force from {valid_from}")
    if rule.in_force is not None:
        because.append(f"rule in force {rule.in_force.start or '...'} to {rule.in_force.end or '...'}")
    deadline = rule.deadline
    source = sources[rule.source.source]
    return CompiledRule(
        rule=rule, origin=kind, level=level, file=file, line=line, conditions=conditions,
        agreement=agreement, static_because=tuple(because),
        deadline_text=deadline.describe() if deadline else None,
        vague_label=VAGUE_TERM_LABELS[deadline.vague] if deadline and deadline.vague else None,
        source_document=source,
        matches=compile_predicate(conditions),
        id=rule.id,
        duty=rule.duty,
        first_day=max((rule.in_force.start if rule.in_force else None) or dt.date.min,
                      valid_from or dt.date.min),
        last_day=(rule.in_force.end if rule.in_force else None) or dt.date.max,
    )


def _check_relation(loaded: LoadedFile, rule: Rule, path: PathKey, base_duties: set[str]) -> None:
    if loaded.model.kind == "national":
        if rule.relation != "adds":
            raise RuleFileError(loaded.locate(path + ("relation",)),
                                "national rules have no base rule to relate to; use 'adds'")
        return
    if rule.relation == "adds" and rule.duty in base_duties:
        raise RuleFileError(
            loaded.locate(path + ("duty",)),
            f"duty '{rule.duty}' exists in the base file: say how this rule relates to it "
            "(relation: tightens, names_unit or restates)",
        )
    if rule.relation != "adds" and rule.duty not in base_duties:
        raise RuleFileError(
            loaded.locate(path + ("duty",)),
            f"relation '{rule.relation}' refers to duty '{rule.duty}', which no base file has",
        )


def _rule_agreement(loaded: LoadedFile, rule: Rule, path: PathKey,
                    agreements: dict[str, Agreement]) -> Agreement | None:
    if rule.agreement is None:
        if len(agreements) > 1:
            raise RuleFileError(loaded.locate(path),
                                f"rule '{rule.id}' must name its agreement "
                                f"({', '.join(sorted(agreements))})")
        return next(iter(agreements.values()), None)
    if rule.agreement not in agreements:
        raise RuleFileError(loaded.locate(path + ("agreement",)),
                            f"unknown agreement '{rule.agreement}'")
    return agreements[rule.agreement]


def _find_file(name: str, folders: list[Path]) -> Path:
    for folder in folders:
        for suffix in (".yaml", ".yml"):
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    raise UnknownRegionError(
        f"no rule file '{name}.yaml' in {', '.join(str(f) for f in folders)}"
    )


def load_chain(path: Path, *, search: list[Path] | None = None,
               cache: dict[Path, LoadedFile] | None = None) -> list[LoadedFile]:
    """Read a file and the files it extends (looked up beside it, then in ``search``, then in
    the bundled rules), base first. ``cache`` lets several chains share their base files."""
    cache = {} if cache is None else cache
    chain: list[LoadedFile] = []
    current: Path | None = path.resolve()
    while current is not None:
        if current not in cache:
            cache[current] = read_rule_file(current)
        loaded = cache[current]
        if any(f is loaded for f in chain):
            raise RuleFileError(loaded.locate(("extends",)), "'extends' forms a cycle")
        chain.insert(0, loaded)
        parent = loaded.model.extends
        current = None
        if parent is not None:
            folders = [loaded.path.parent, *(search or [])]
            folders.append(bundled_rules_dir())
            try:
                current = _find_file(parent, folders).resolve()
            except UnknownRegionError as exc:
                raise RuleFileError(loaded.locate(("extends",)), str(exc)) from None
    for loaded in chain:
        if loaded.model.kind != "local" and loaded.path.stem != loaded.model.region:
            raise RuleFileError(loaded.locate(("region",)),
                                f"region '{loaded.model.region}' does not match the file name "
                                f"'{loaded.path.name}'")
    return chain


def load_file_rule_set(path: Path | str) -> RuleSet:
    return build_rule_set(load_chain(Path(path)))


def load_rule_set(region: str, rules_dir: Path | str | None = None, *,
                  cache: dict[Path, LoadedFile] | None = None) -> RuleSet:
    """Load one region's rules (with the national baseline) from ``rules_dir`` or the bundle;
    ``cache`` lets several regions share their base files (see :func:`load_chain`)."""
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    return build_rule_set(load_chain(_find_file(region, [folder]), cache=cache))


def available_regions(rules_dir: Path | str | None = None) -> list[str]:
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    return [p.stem for p in iter_rule_files(folder)]


def load_all(rules_dir: Path | str | None = None) -> dict[str, RuleSet]:
    """Every rule set in the folder, keyed by region id; base files are read once each."""
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    cache: dict[Path, LoadedFile] = {}
    out: dict[str, RuleSet] = {}
    for path in iter_rule_files(folder):
        chain = load_chain(path, search=[folder], cache=cache)
        out[chain[-1].model.region] = build_rule_set(chain)
    return out
