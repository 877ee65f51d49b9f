"""The rule compiler: checks a chain of rule files against each other and builds a RuleSet.

Cross-file checks (unknown sources, duplicate ids, relations to duties the base files lack,
agreements, fulfilment entries naming unknown duties) raise
:class:`~placement_rules.errors.RuleFileError` at the place in the file. Conditions are checked
against the event model and compiled into predicates; what evaluation looks up per event (the
rules in force per period, the facts a decision depends on) is computed here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from .conditions import CompiledCondition, compile_condition, compile_predicate
from .decisions import banded_key, named_values, text_bands, thresholds
from .errors import RuleFileError
from .events import Event
from .loading import LoadedFile, PathKey, check_citation
from .models import (
    AgeRange,
    Agreement,
    Citation,
    Condition,
    Exclusion,
    LegalBasisRef,
    Rule,
    Scope,
    ScopePart,
    Source,
)
from .ruleset import (
    LEVELS,
    ActInForce,
    CompiledExclusion,
    CompiledFulfilment,
    CompiledRule,
    CompiledScopePart,
    LegalBasisEntry,
    RuleSet,
)
from .validity import clause_end
from .vocabulary import EVENT_KINDS, VAGUE_TERM_LABELS


def _compile_conditions(
    loaded: LoadedFile, conds: Sequence[Condition], path: PathKey
) -> tuple[CompiledCondition, ...]:
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
            found.append(
                (
                    agreement.validity.renewal.citation,
                    ("agreements", i, "validity", "renewal", "citation"),
                )
            )
        for j, decision in enumerate(agreement.validity.later_decisions):
            found.append(
                (decision.citation, ("agreements", i, "validity", "later_decisions", j, "citation"))
            )
    if model.scope:
        found.append((model.scope.citation, ("scope", "citation")))
        for j, exclusion in enumerate(model.scope.exclusions):
            found.append((exclusion.citation, ("scope", "exclusions", j, "citation")))
        for j, part in enumerate(model.scope.parts):
            found.append((part.citation, ("scope", "parts", j, "citation")))
            for k, exclusion in enumerate(part.exclusions):
                where = ("scope", "parts", j, "exclusions", k, "citation")
                found.append((exclusion.citation, where))
    for i, rule in enumerate(model.rules):
        found.append((rule.source, ("rules", i, "source")))
        for j, extra in enumerate(rule.see_also):
            found.append((extra, ("rules", i, "see_also", j)))
        for j, ack in enumerate(rule.acknowledged):
            found.append((ack.citation, ("rules", i, "acknowledged", j, "citation")))
    for i, section in enumerate(model.duty_sections):
        found.append(
            (Citation(source=section.source, section=section.section), ("duty_sections", i))
        )
        for j, unencoded in enumerate(section.unencoded):
            quote = unencoded.quote
            cited = Citation(source=section.source, section=section.section, quote=quote)
            found.append((cited, ("duty_sections", i, "unencoded", j)))
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
    scope_file = next((f for f in reversed(chain) if f.model.scope is not None), None)
    scope = scope_file.model.scope if scope_file else None
    parts = scope.parts if scope is not None else ()
    for loaded in chain:
        _register_sources(loaded, sources)
        agreements = _file_agreements(loaded, sources)
        if loaded.model.kind == "local" and not agreements:
            agreements = base_agreements  # a local routine lives under its region's agreement
        base_agreements = agreements
        own = _compile_file_rules(loaded, agreements, sources, seen_ids, base_duties, parts)
        compiled.extend(own)
        base_duties |= {c.rule.duty for c in own}
    top = chain[-1]
    exclusions: tuple[CompiledExclusion, ...] = ()
    scope_parts: tuple[CompiledScopePart, ...] = ()
    if scope_file is not None and scope is not None:
        exclusions = tuple(
            _exclusion(scope_file, ("scope", "exclusions", j), ex)
            for j, ex in enumerate(scope.exclusions)
        )
        scope_parts = tuple(
            _scope_part(scope_file, j, part, sources) for j, part in enumerate(parts)
        )
    levels: dict[str, set[int]] = {}
    for one in compiled:
        levels.setdefault(one.duty, set()).add(one.level)
    compiled = [replace(one, contested=len(levels[one.duty]) > 1) for one in compiled]
    _check_acknowledged(chain, {c.id: c for c in compiled})
    by_event: dict[str, list[CompiledRule]] = {}
    for one in compiled:
        by_event.setdefault(one.rule.trigger.event, []).append(one)
    all_agreements = tuple(a for f in chain for a in f.model.agreements)
    fulfilments = _compile_fulfilments(chain)
    rules = tuple(compiled)
    boundaries = _boundaries(rules)
    part_exclusions = tuple(ex for part in scope_parts for ex in part.exclusions)
    by_kind, scope_key = _decision_facts(by_event, exclusions + part_exclusions, scope, scope_parts)
    return RuleSet(
        region=top.model.region,
        name=top.model.name,
        files=tuple(chain),
        rules=rules,
        by_event=MappingProxyType({k: tuple(v) for k, v in by_event.items()}),
        sources=MappingProxyType(sources),
        agreements=all_agreements,
        scope=scope,
        exclusions=exclusions,
        fulfilments=fulfilments,
        acts=_acts(chain, sources),
        boundaries=boundaries,
        by_period=_by_period(by_event, boundaries),
        decision_facts_by_kind=by_kind,
        scope_parts=scope_parts,
        scope_facts=scope_key,
    )


def _scope_part(
    loaded: LoadedFile, index: int, part: ScopePart, sources: Mapping[str, Source]
) -> CompiledScopePart:
    if part.source not in sources:
        raise RuleFileError(
            loaded.locate(("scope", "parts", index, "source")),
            f"scope part '{part.id}' names unknown source '{part.source}'",
        )
    exclusions = tuple(
        _exclusion(loaded, ("scope", "parts", index, "exclusions", k), ex)
        for k, ex in enumerate(part.exclusions)
    )
    return CompiledScopePart(part, exclusions)


def _part_of(
    loaded: LoadedFile, rule: Rule, path: PathKey, parts: Sequence[ScopePart]
) -> str | None:
    """The scope part a regional or local rule is applied inside: the one it names, else the
    most specific part whose sections its source citation falls in; None: none."""
    if rule.scope_part is not None:
        if rule.scope_part not in {p.id for p in parts}:
            raise RuleFileError(
                loaded.locate(path + ("scope_part",)),
                f"unknown scope part '{rule.scope_part}' "
                f"(known: {', '.join(p.id for p in parts) or 'none'})",
            )
        return rule.scope_part
    matches = [
        (len(section), part.id)
        for part in parts
        for section in part.sections
        if rule.source.falls_in(part.source, section)
    ]
    return max(matches)[1] if matches else None


def _boundaries(rules: tuple[CompiledRule, ...]) -> tuple[dt.date, ...]:
    """The days on which some rule comes into force, or the day after one goes out of it."""
    days = {r.first_day for r in rules if r.first_day != dt.date.min}
    days |= {r.last_day + dt.timedelta(days=1) for r in rules if r.last_day != dt.date.max}
    for rule in rules:  # the legal basis shown (and a conflict's message) follow the date too
        days |= rule.legal_basis_days
    return tuple(sorted(days))


def _by_period(
    by_event: Mapping[str, list[CompiledRule]], boundaries: tuple[dt.date, ...]
) -> Mapping[tuple[str, int], tuple[CompiledRule, ...]]:
    """(kind, period) -> the rules of that kind in force on every day of the period (period
    ``i`` starts on ``boundaries[i - 1]``, period 0 on the first day there is)."""
    starts = (dt.date.min, *boundaries)
    out: dict[tuple[str, int], tuple[CompiledRule, ...]] = {}
    for kind, rules in by_event.items():
        for period, day in enumerate(starts):
            out[(kind, period)] = tuple(r for r in rules if r.first_day <= day <= r.last_day)
    return MappingProxyType(out)


def _decision_facts(
    by_event: Mapping[str, list[CompiledRule]],
    exclusions: tuple[CompiledExclusion, ...],
    scope: Scope | None,
    scope_parts: Sequence[CompiledScopePart] = (),
) -> tuple[Mapping[str, Callable[[Event], Hashable]], Callable[[Event], Hashable]]:
    """Per event kind, the key of every fact that can change the decision, and the key of the
    facts the scope check and its parts' checks read (the same bands, so every event of one
    scope key has the same scope answers and reasons): per kind, the facts its
    rules' conditions and the scope's exclusions test, and age, legal basis and placement form
    when there is a scope (every kind has one: the scope check runs on every event); numeric
    facts by band (:mod:`placement_rules.decisions`), split where the conditions and the
    scopes' age ranges change their answer."""
    shared_conditions = [c for ex in exclusions for c in ex.conditions]
    shared = {c.fact for c in shared_conditions}
    ranges: list[AgeRange] = []
    scopes: list[Scope | ScopePart] = []
    if scope is not None:
        shared |= {"age", "legal_basis", "placement_form"}
        ranges.append(scope.age)
        scopes.append(scope)
    ranges.extend(p.part.age for p in scope_parts if p.part.age is not None)
    scopes.extend(p.part for p in scope_parts)
    lists: dict[str, list[frozenset[str]]] = {
        "legal_basis": [frozenset(s.legal_bases) for s in scopes if s.legal_bases],
        "placement_form": [frozenset(s.placement_forms) for s in scopes if s.placement_forms],
    }
    covered = {fact: found[0].intersection(*found[1:]) for fact, found in lists.items() if found}
    out: dict[str, Callable[[Event], Hashable]] = {}
    for kind in EVENT_KINDS:
        conditions = shared_conditions + [c for r in by_event.get(kind, ()) for c in r.conditions]
        names = shared | {c.fact for c in conditions}
        named = named_values(conditions)
        if scope is not None:  # checked against the scopes' lists (if any) only
            for fact in lists:
                named.setdefault(fact, frozenset())
        cuts = thresholds(conditions)
        bands = text_bands(conditions, lists, (n for n in names if n not in cuts))
        out[kind] = banded_key(names, cuts, tuple(ranges), named, covered, bands)
    named = named_values(shared_conditions)
    if scope is not None:
        for fact in lists:
            named.setdefault(fact, frozenset())
    cuts = thresholds(shared_conditions)
    bands = text_bands(shared_conditions, lists, (n for n in shared if n not in cuts))
    scope_key = banded_key(shared, cuts, tuple(ranges), named, covered, bands)
    return MappingProxyType(out), scope_key


def _acts(chain: list[LoadedFile], sources: Mapping[str, Source]) -> tuple[ActInForce, ...]:
    """The social services act's line of succession, from the national file's ``replaces``
    entries: each statute that replaces another must start the day after the other ends."""
    for loaded in chain:
        for i, source in enumerate(loaded.model.sources):
            if source.replaces is None:
                continue
            old = sources.get(source.replaces)
            where = loaded.locate(("sources", i, "replaces"))
            if old is None:
                raise RuleFileError(where, f"replaces unknown source '{source.replaces}'")
            start = source.in_force.start if source.in_force else None
            end = old.in_force.end if old.in_force else None
            if start is None or end is None or end + dt.timedelta(days=1) != start:
                raise RuleFileError(
                    where,
                    f"a statute that replaces another starts the day "
                    f"after it ends: give '{source.replaces}' an in_force end "
                    f"and '{source.id}' an in_force start the day after",
                )
            return tuple(_act(s) for s in (old, source))
    return ()


def _act(source: Source) -> ActInForce:
    period = source.in_force
    return ActInForce(
        source.id, source.title, period.start if period else None, period.end if period else None
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
                        "base files has",
                    )
            conditions = _compile_conditions(loaded, entry.when, ("fulfilment", i, "when"))
            line = loaded.positions.get(("fulfilment", i), (None, None))[0]
            by_event.setdefault(entry.event, []).append(
                CompiledFulfilment(
                    entry,
                    str(loaded.path),
                    line,
                    conditions,
                    compile_predicate(conditions),
                    tuple(entry.fulfils),
                )
            )
    return MappingProxyType({kind: tuple(entries) for kind, entries in by_event.items()})


def _exclusion(loaded: LoadedFile, path: PathKey, exclusion: Exclusion) -> CompiledExclusion:
    conditions = _compile_conditions(loaded, exclusion.when, path + ("when",))
    return CompiledExclusion(
        conditions, exclusion.reason, exclusion.citation, compile_predicate(conditions)
    )


def _register_sources(loaded: LoadedFile, sources: dict[str, Source]) -> None:
    for i, source in enumerate(loaded.model.sources):
        if source.id in sources:
            raise RuleFileError(
                loaded.locate(("sources", i, "id")), f"duplicate source id '{source.id}'"
            )
        sources[source.id] = source
    known = set(sources)
    for citation, path in citations(loaded):
        check_citation(loaded, known, citation, path)


def _file_agreements(loaded: LoadedFile, sources: Mapping[str, Source]) -> dict[str, Agreement]:
    agreements: dict[str, Agreement] = {}
    for i, agreement in enumerate(loaded.model.agreements):
        if agreement.id in agreements:
            raise RuleFileError(
                loaded.locate(("agreements", i, "id")), f"duplicate agreement id '{agreement.id}'"
            )
        if agreement.source not in sources:
            raise RuleFileError(
                loaded.locate(("agreements", i, "source")),
                f"agreement cites unknown source '{agreement.source}'",
            )
        agreements[agreement.id] = agreement
    for i, agreement in enumerate(loaded.model.agreements):
        _check_continues(loaded, i, agreement, agreements)
        _check_later_decisions(loaded, i, agreement, agreements, sources)
    return agreements


def _check_continues(
    loaded: LoadedFile, index: int, agreement: Agreement, agreements: Mapping[str, Agreement]
) -> None:
    earlier = agreement.continues
    if earlier is not None and (earlier not in agreements or earlier == agreement.id):
        raise RuleFileError(
            loaded.locate(("agreements", index, "continues")),
            f"continues '{earlier}', which is not another agreement of this file",
        )


def _check_later_decisions(
    loaded: LoadedFile,
    index: int,
    agreement: Agreement,
    agreements: Mapping[str, Agreement],
    sources: Mapping[str, Source],
) -> None:
    """A later decision cites a decision or agreement document; an extension ends after the
    last day before it (the renewal clause's, or the previous extension's); a successor is
    another agreement of the file."""
    validity = agreement.validity
    previous = clause_end(agreement)
    order = sorted(
        range(len(validity.later_decisions)),
        key=lambda j: validity.later_decisions[j].until or dt.date.max,
    )
    for j in order:
        decision = validity.later_decisions[j]
        path: PathKey = ("agreements", index, "validity", "later_decisions", j)
        cited = sources.get(decision.citation.source)
        if cited is not None and cited.kind not in ("decision", "agreement"):
            raise RuleFileError(
                loaded.locate(path + ("citation", "source")),
                f"a later decision cites a {cited.kind}; cite the decision or agreement document",
            )
        if decision.kind == "successor":
            if decision.successor not in agreements or decision.successor == agreement.id:
                raise RuleFileError(
                    loaded.locate(path + ("successor",)),
                    f"successor '{decision.successor}' is not another agreement of this file",
                )
            continue
        if previous is None:
            raise RuleFileError(
                loaded.locate(path),
                "an extension decision needs an agreement whose clauses end "
                "(an end date, and a renewal clause that does not extend it each time)",
            )
        assert decision.until is not None
        if decision.until <= previous:
            raise RuleFileError(
                loaded.locate(path + ("until",)),
                f"extension until {decision.until} does not end after {previous}, "
                "the last day before it",
            )
        previous = decision.until


def _compile_file_rules(
    loaded: LoadedFile,
    agreements: dict[str, Agreement],
    sources: Mapping[str, Source],
    seen_ids: dict[str, str],
    base_duties: set[str],
    parts: Sequence[ScopePart] = (),
) -> list[CompiledRule]:
    model = loaded.model
    out = []
    for i, rule in enumerate(model.rules):
        path: PathKey = ("rules", i)
        if rule.id in seen_ids:
            raise RuleFileError(
                loaded.locate(path + ("id",)),
                f"duplicate rule id '{rule.id}' (first defined in {seen_ids[rule.id]})",
            )
        seen_ids[rule.id] = loaded.name
        _check_relation(loaded, rule, path, base_duties)
        _check_legal_basis(loaded, rule, path, sources)
        agreement = _rule_agreement(loaded, rule, path, agreements)
        conditions = _compile_conditions(loaded, rule.trigger.when, path + ("trigger", "when"))
        line = loaded.positions.get(path, (None, None))[0]
        one = _compiled_rule(
            rule,
            model.kind,
            LEVELS[model.kind],
            loaded.name,
            line,
            conditions,
            agreement,
            sources,
            model.valid_from,
        )
        if one.level > 0:
            one = replace(one, scope_part=_part_of(loaded, rule, path, parts))
        elif rule.scope_part is not None:
            raise RuleFileError(
                loaded.locate(path + ("scope_part",)), "national rules have no scope part"
            )
        out.append(one)
    return out


def _compiled_rule(
    rule: Rule,
    kind: str,
    level: int,
    file: str,
    line: int | None,
    conditions: tuple[CompiledCondition, ...],
    agreement: Agreement | None,
    sources: Mapping[str, Source],
    valid_from: dt.date | None = None,
) -> CompiledRule:
    because = [c.describe() for c in conditions]
    if valid_from is not None:
        because.append(f"{kind} routine in force from {valid_from}")
    if rule.in_force is not None:
        because.append(
            f"rule in force {rule.in_force.start or '...'} to {rule.in_force.end or '...'}"
        )
    deadline = rule.deadline
    source = sources[rule.source.source]
    return CompiledRule(
        legal_basis=tuple(legal_basis_entry(b, sources) for b in rule.legal_basis),
        rule=rule,
        origin=kind,
        level=level,
        file=file,
        line=line,
        conditions=conditions,
        agreement=agreement,
        static_because=tuple(because),
        deadline_text=deadline.describe() if deadline else None,
        vague_label=VAGUE_TERM_LABELS[deadline.vague] if deadline and deadline.vague else None,
        source_document=source,
        matches=compile_predicate(conditions),
        id=rule.id,
        duty=rule.duty,
        first_day=max(
            (rule.in_force.start if rule.in_force else None) or dt.date.min,
            valid_from or dt.date.min,
        ),
        last_day=(rule.in_force.end if rule.in_force else None) or dt.date.max,
    )


def legal_basis_entry(entry: str | LegalBasisRef, sources: Mapping[str, Source]) -> LegalBasisEntry:
    """A legal-basis entry as results show it: plain text is undated; a source's provision is
    labelled with the source's short name and dated by its own ``in_force`` or the source's."""
    if isinstance(entry, str):
        return LegalBasisEntry(entry, None, None)
    source = sources.get(entry.source) if entry.source else None
    if entry.text is not None:
        label = entry.text
    else:
        assert source is not None
        label = " ".join(part for part in (source.name, entry.section) if part)
    period = entry.in_force or (source.in_force if source else None)
    return LegalBasisEntry(
        label, period.start if period else None, period.end if period else None, entry.note
    )


def _check_acknowledged(chain: list[LoadedFile], by_id: Mapping[str, CompiledRule]) -> None:
    """An acknowledged contradiction names a rule of a base file with the same duty."""
    for loaded in chain:
        level = LEVELS[loaded.model.kind]
        for i, rule in enumerate(loaded.model.rules):
            for j, ack in enumerate(rule.acknowledged):
                base = by_id.get(ack.statute_rule)
                if base is None or base.level >= level or base.duty != rule.duty:
                    raise RuleFileError(
                        loaded.locate(("rules", i, "acknowledged", j, "statute_rule")),
                        f"acknowledges a contradiction with '{ack.statute_rule}', which is no "
                        f"rule of a base file for duty '{rule.duty}'",
                    )


def _check_legal_basis(
    loaded: LoadedFile, rule: Rule, path: PathKey, known: Mapping[str, Source]
) -> None:
    for j, entry in enumerate(rule.legal_basis):
        if isinstance(entry, LegalBasisRef) and entry.source and entry.source not in known:
            raise RuleFileError(
                loaded.locate(path + ("legal_basis", j, "source")),
                f"legal basis names unknown source '{entry.source}'",
            )


def _check_relation(loaded: LoadedFile, rule: Rule, path: PathKey, base_duties: set[str]) -> None:
    if loaded.model.kind == "national":
        if rule.relation != "adds":
            raise RuleFileError(
                loaded.locate(path + ("relation",)),
                "national rules have no base rule to relate to; use 'adds'",
            )
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


def _rule_agreement(
    loaded: LoadedFile, rule: Rule, path: PathKey, agreements: dict[str, Agreement]
) -> Agreement | None:
    if rule.agreement is None:
        roots = [a for a in agreements.values() if a.continues is None]
        if len(agreements) > 1 and not (len(roots) == 1 and _all_continue(agreements, roots[0])):
            raise RuleFileError(
                loaded.locate(path),
                f"rule '{rule.id}' must name its agreement ({', '.join(sorted(agreements))})",
            )
        return roots[0] if roots else next(iter(agreements.values()), None)
    if rule.agreement not in agreements:
        raise RuleFileError(
            loaded.locate(path + ("agreement",)), f"unknown agreement '{rule.agreement}'"
        )
    return agreements[rule.agreement]


def _all_continue(agreements: Mapping[str, Agreement], root: Agreement) -> bool:
    """Whether every agreement of the file continues ``root``, directly or through others (a
    rule that names no agreement then belongs to ``root``)."""
    for agreement in agreements.values():
        seen: set[str] = set()
        current: Agreement | None = agreement
        while current is not None and current.id != root.id and current.id not in seen:
            seen.add(current.id)
            current = agreements.get(current.continues or "")
        if current is None or current.id != root.id:
            return False
    return True
