"""Semantic diff of rule files: every field change once and in words, formatting never a change."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from placement_rules.errors import RevisionError
from placement_rules.legal.diff import FileDiff, diff_files, diff_models, pair_rules
from placement_rules.legal.revisions import load_side, split_revision, working_copy
from placement_rules.legal.textconv import canonical_text
from placement_rules.loading import read_rule_file
from placement_rules.models import Condition, Period, Rule, RuleFile, Trigger

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "rules" / "national.yaml"

REGIONAL: dict[str, Any] = {
    "format": 1,
    "kind": "regional",
    "region": "alpha",
    "name": "Alfa-regionens överenskommelse",
    "extends": "national",
    "sources": [
        {
            "id": "alpha_agreement",
            "kind": "agreement",
            "title": "Alfa agreement",
            "file": "seeds/004_f0a4dc14411f756f.txt",
        }
    ],
    "agreements": [
        {
            "id": "alpha2021",
            "title": "Alfa agreement 2021",
            "source": "alpha_agreement",
            "parties": [
                {"name": "Alfa-regionen", "principal": "region"},
                {"name": "Alfakommunerna", "principal": "kommun"},
            ],
            "validity": {
                "start": dt.date(2021, 1, 1),
                "end": dt.date(2023, 12, 31),
                "citation": {"source": "alpha_agreement", "section": "1.6"},
                "renewal": {
                    "extension": {"years": 2},
                    "notice": {"months": 9},
                    "notice_action": "termination",
                    "times": "each_time",
                    "citation": {"source": "alpha_agreement", "section": "1.6"},
                },
            },
        }
    ],
    "scope": {
        "age": {"min": 0, "below": 21},
        "legal_bases": ["SoL", "LVU"],
        "placement_forms": ["familjehem", "hvb"],
        "citation": {"source": "alpha_agreement", "section": "1.4"},
    },
    "rules": [
        {
            "id": "alpha.offer",
            "duty": "health_examination.offer",
            "relation": "tightens",
            "title": "Erbjuda tid inom fyra veckor",
            "action": "Vårdcentralen erbjuder en tid inom fyra veckor.",
            "trigger": {
                "event": "health_examination_initiated",
                "when": [
                    {"fact": "age", "op": "lt", "value": 21},
                    {"fact": "placement_form", "op": "in", "value": ["familjehem", "hvb"]},
                ],
            },
            "responsible": {
                "principal": "region",
                "unit": "vårdcentral",
                "locus": "placement_region",
            },
            "deadline": {"offset": {"weeks": 4}, "anchor": "event_date", "statutory": False},
            "cost_bearer": {"principal": "region", "locus": "home_region"},
            "legal_basis": ["Lag (2017:209) 1 §", "Alfa 3.4"],
            "source": {
                "source": "alpha_agreement",
                "section": "3.4.3",
                "quote": "inom fyra veckor",
            },
        },
        {
            "id": "alpha.follow_up",
            "duty": "follow_up_after_placement.limit",
            "relation": "restates",
            "title": "Uppföljning inom två månader",
            "action": "Uppföljningen avslutas inom två månader.",
            "trigger": {
                "event": "placement_ended",
                "when": [{"fact": "age", "op": "lt", "value": 18}],
            },
            "responsible": {
                "principal": "kommun",
                "unit": "socialtjänsten",
                "locus": "home_municipality",
            },
            "deadline": {
                "offset": {"months": 2},
                "anchor": "event_date",
                "statutory": True,
                "meaning": "limit",
            },
            "source": {
                "source": "alpha_agreement",
                "section": "3.5.2",
                "quote": "Uppföljningen ska i sådana fall avslutas inom två månader.",
            },
        },
    ],
}


def model_of(data: dict[str, Any]) -> RuleFile:
    return RuleFile.model_validate(yaml.safe_load(yaml.safe_dump(data, allow_unicode=True)))


def diff_of(old: dict[str, Any], new: dict[str, Any]) -> FileDiff:
    return diff_models(model_of(old), model_of(new))


def changed(mutate: Callable[[dict[str, Any]], None], rule: int = 0) -> dict[str, Any]:
    """A copy of REGIONAL with ``mutate`` applied to one of its rules."""
    data = copy.deepcopy(REGIONAL)
    mutate(data["rules"][rule])
    return data


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- no difference --------------------------------------------------------------------------


def _reverse_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _reverse_keys(node[k]) for k in reversed(list(node))}
    if isinstance(node, list):
        return [_reverse_keys(item) for item in node]
    return node


def _reformatted(text: str) -> str:
    """The same rules: keys reversed, rules, conditions and legal bases reversed, flow style,
    every scalar double-quoted where YAML allows, and new comments."""
    data = yaml.safe_load(text)
    data["rules"].reverse()
    data["sources"].reverse()
    for rule in data["rules"]:
        rule.get("trigger", {}).get("when", []).reverse()
        rule.get("legal_basis", []).reverse()
    out = yaml.safe_dump(
        _reverse_keys(data), allow_unicode=True, sort_keys=False, default_flow_style=True, width=60
    )
    return "# reformatted copy\n" + out + "\n# trailing comment\n"


def test_same_file_has_no_difference() -> None:
    loaded = read_rule_file(NATIONAL)
    result = diff_files(loaded, loaded)
    assert result.same
    assert result.unchanged == len(loaded.model.rules)


def test_reformatted_copy_has_no_difference(tmp_path: Path) -> None:
    text = NATIONAL.read_text(encoding="utf-8")
    copy_path = tmp_path / "national.yaml"
    copy_path.write_text(_reformatted(text), encoding="utf-8")
    assert copy_path.read_text(encoding="utf-8") != text
    old, new = read_rule_file(NATIONAL), read_rule_file(copy_path)
    result = diff_files(old, new)
    assert result.same, [c.text for r in result.changed for c in r.changes]
    assert canonical_text(old.model) == canonical_text(new.model)


def test_block_and_flow_style_and_quoting_are_the_same() -> None:
    block = """\
format: 1
kind: national
region: national
name: 'Nationell grund'
sources:
  - id: s
    kind: statute
    title: "Lag"
rules:
  - id: r1            # a comment
    duty: d.one
    title: >-
      Gör det
      genast
    action: Gör det.
    trigger:
      event: placement_started
      when:
        - fact: age
          op: lt
          value: 21
        - {fact: legal_basis, op: in, value: [SoL, LVU]}
    responsible: {principal: kommun}
    deadline: {offset: {weeks: 2}, anchor: event_date, statutory: true}
    source: {source: s, section: "1 §", quote: "Gör det genast"}
"""
    flow = """\
{kind: "national", format: 1, name: Nationell grund, region: national,
 sources: [{title: Lag, kind: statute, id: s}],
 rules: [{action: "Gör det.", id: "r1", duty: d.one, title: "Gör det genast",
   trigger: {when: [{value: [LVU, SoL], op: in, fact: legal_basis}, {fact: age, op: lt, value: 21}],
             event: placement_started},
   responsible: {principal: "kommun"},
   deadline: {statutory: true, anchor: event_date, offset: {days: 14}},
   source: {quote: Gör det genast, section: 1 §, source: s}}]}
"""
    old = read_rule_file("a.yaml", text=block)
    new = read_rule_file("b.yaml", text=flow)
    assert diff_files(old, new).same


# --- every field, once, in words -------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(rule: dict[str, Any]) -> None:
        node = rule
        keys = path.split(".")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        if value is None:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value

    return mutate


FIELD_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("offset", _set("deadline.offset", {"weeks": 3}), "deadline", "deadline: 4 veckor → 3 veckor"),
    (
        "anchor",
        _set("deadline.anchor", "placement_start"),
        "anchor",
        "anchor: the event date → the placement start",
    ),
    (
        "statutory",
        _set("deadline.statutory", True),
        "deadline basis",
        "agreement → statutory deadline",
    ),
    (
        "meaning",
        _set("deadline.meaning", "limit"),
        "deadline meaning",
        "deadline meaning: due date → time limit",
    ),
    (
        "vague",
        _set("deadline.vague", "skyndsamt"),
        "vague deadline",
        "vague deadline: none → skyndsamt",
    ),
    (
        "no deadline",
        _set("deadline", None),
        "deadline",
        "deadline: within 4 veckor from the event date, agreement → none",
    ),
    (
        "responsible",
        _set(
            "responsible",
            {"principal": "kommun", "unit": "socialnämnden", "locus": "home_municipality"},
        ),
        "responsible",
        "responsible: region (placement_region): vårdcentral → "
        "kommun (home_municipality): socialnämnden",
    ),
    (
        "unit",
        _set("responsible.unit", "BUM"),
        "responsible",
        "responsible: region (placement_region): vårdcentral → region (placement_region): BUM",
    ),
    (
        "convener",
        _set("convener", {"principal": "kommun", "locus": "home_municipality"}),
        "convener",
        "convener: none → kommun (home_municipality)",
    ),
    (
        "cost bearer",
        _set("cost_bearer", {"principal": "kommun", "locus": "home_municipality"}),
        "cost bearer",
        "cost bearer: region (home_region) → kommun (home_municipality)",
    ),
    (
        "cost note",
        _set("cost_bearer.note", "utan avgift"),
        "cost note",
        "cost note: none → utan avgift",
    ),
    (
        "condition added",
        lambda r: r["trigger"]["when"].append({"fact": "acute", "op": "eq", "value": True}),
        "conditions",
        "conditions: added “acute is yes”",
    ),
    (
        "condition changed",
        lambda r: r["trigger"]["when"].__setitem__(0, {"fact": "age", "op": "lt", "value": 18}),
        "conditions",
        "conditions: added “age is below 18”, removed “age is below 21”",
    ),
    (
        "trigger",
        _set("trigger.event", "placement_started"),
        "trigger",
        "trigger: health_examination_initiated (hälsoundersökning har initierats av socialtjänsten)"
        " → placement_started (placering inleds)",
    ),
    (
        "in force",
        _set("in_force", {"start": dt.date(2025, 7, 1)}),
        "in force",
        "in force: none → from 2025-07-01",
    ),
    (
        "section",
        _set("source.section", "3.4.4"),
        "citation",
        "citation: alpha_agreement 3.4.3 → alpha_agreement 3.4.4",
    ),
    (
        "quote",
        _set("source.quote", "inom tre veckor"),
        "quote",
        "quote: inom fyra veckor → inom tre veckor",
    ),
    ("title", _set("title", "Ny titel"), "title", "title: Erbjuda tid inom fyra veckor → Ny titel"),
    (
        "action",
        _set("action", "Annat."),
        "action",
        "action: Vårdcentralen erbjuder en tid inom fyra veckor. → Annat.",
    ),
    ("relation", _set("relation", "restates"), "relation", "relation: tightens → restates"),
    (
        "legal basis",
        _set("legal_basis", ["Lag (2017:209) 1 §"]),
        "legal basis",
        "legal basis: removed “Alfa 3.4”",
    ),
    ("notes", _set("notes", ["Obs"]), "notes", "notes: added “Obs”"),
    (
        "see also",
        _set("see_also", [{"source": "alpha_agreement", "section": "3.1", "quote": "x"}]),
        "see also",
        "see also: added “alpha_agreement 3.1 “x””",
    ),
    (
        "duty",
        _set("duty", "health_examination.book"),
        "duty",
        "duty: health_examination.offer → health_examination.book",
    ),
]


@pytest.mark.parametrize(
    ("case", "mutate", "field", "text"), FIELD_CASES, ids=[c[0] for c in FIELD_CASES]
)
def test_each_field_change_is_reported_once_in_words(
    case: str, mutate: Callable[[dict[str, Any]], None], field: str, text: str
) -> None:
    result = diff_of(REGIONAL, changed(mutate))
    assert not result.added and not result.removed and not result.file_changes
    assert len(result.changed) == 1
    changes = result.changed[0].changes
    assert [c.field for c in changes] == [field]
    assert changes[0].text == text


def test_several_changes_each_once() -> None:
    def mutate(rule: dict[str, Any]) -> None:
        rule["deadline"] = {"offset": {"weeks": 3}, "anchor": "placement_start", "statutory": True}
        rule["cost_bearer"] = {"principal": "kommun"}
        rule["trigger"]["when"].reverse()

    result = diff_of(REGIONAL, changed(mutate))
    fields = [c.field for c in result.changed[0].changes]
    assert fields == ["deadline", "anchor", "deadline basis", "cost bearer"]
    assert len(set(fields)) == len(fields)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: r["trigger"]["when"].reverse(),
        lambda r: r["trigger"]["when"][1].__setitem__("value", ["hvb", "familjehem"]),
        lambda r: r["legal_basis"].reverse(),
        lambda r: r["deadline"].__setitem__("offset", {"days": 28}),
        lambda r: r.__setitem__("action", "Vårdcentralen erbjuder   en tid\ninom fyra veckor."),
        lambda r: r.__setitem__("relation", "tightens"),
    ],
)
def test_meaning_preserving_edits_are_no_change(mutate: Callable[[dict[str, Any]], None]) -> None:
    assert diff_of(REGIONAL, changed(mutate)).same


def test_rule_added_and_removed() -> None:
    new = copy.deepcopy(REGIONAL)
    gone = new["rules"].pop(1)
    extra = copy.deepcopy(REGIONAL["rules"][0])
    extra.update(id="alpha.power_of_attorney", duty="power_of_attorney", relation="adds")
    new["rules"].append(extra)
    result = diff_of(REGIONAL, new)
    assert [r.id for r in result.added] == ["alpha.power_of_attorney"]
    assert [r.id for r in result.removed] == [gone["id"]]
    assert not result.changed


# --- file level -----------------------------------------------------------------------------


def test_file_level_changes_in_words() -> None:
    new = copy.deepcopy(REGIONAL)
    new["name"] = "Alfa 2024"
    new["scope"]["age"]["below"] = 18
    new["scope"]["legal_bases"] = ["LVU", "SoL", "LVM"]
    agreement = new["agreements"][0]
    agreement["validity"]["end"] = dt.date(2024, 12, 31)
    agreement["validity"]["renewal"]["notice"] = {"months": 12}
    agreement["parties"].append({"name": "Skolorna", "principal": "skola"})
    new["sources"].append({"id": "extra", "kind": "decision", "title": "Beslut"})
    texts = [c.text for c in diff_of(REGIONAL, new).file_changes]
    assert texts == [
        "name: Alfa-regionens överenskommelse → Alfa 2024",
        "source extra: added (decision: Beslut)",
        "agreement alpha2021 parties: added “Skolorna (skola)”",
        "agreement alpha2021 term: 2021-01-01 to 2023-12-31 → 2021-01-01 to 2024-12-31",
        "agreement alpha2021 renewal: extended by 2 år each time unless termination notice is "
        "given 9 månader ahead → extended by 2 år each time unless termination notice is given "
        "12 månader ahead",
        "scope ages: 0–20 years → 0–17 years",
        "scope legal bases: added “LVM”",
    ]


def test_a_source_short_name_change_is_reported() -> None:
    new = copy.deepcopy(REGIONAL)
    new["sources"][0]["short"] = "Alfa-avtalet"
    texts = [c.text for c in diff_of(REGIONAL, new).file_changes]
    assert texts == ["source alpha_agreement short name: none → Alfa-avtalet"]


# --- pairing --------------------------------------------------------------------------------


def test_rules_pair_by_duty_across_regions() -> None:
    other = copy.deepcopy(REGIONAL)
    other["region"] = "beta"
    for rule in other["rules"]:
        rule["id"] = rule["id"].replace("alpha.", "beta.")
    other["rules"][1]["deadline"]["offset"] = {"months": 6}
    result = diff_of(REGIONAL, other)
    assert not result.added and not result.removed
    by_old = {c.old.id: c for c in result.changed}
    assert by_old["alpha.follow_up"].new.id == "beta.follow_up"
    assert [c.text for c in by_old["alpha.follow_up"].changes] == [
        "id: alpha.follow_up → beta.follow_up",
        "deadline: 2 månader → 6 månader",
    ]
    assert [c.text for c in by_old["alpha.offer"].changes] == ["id: alpha.offer → beta.offer"]


def test_same_duty_pairs_by_event_and_conditions() -> None:
    base = model_of(REGIONAL).rules[1]

    def variant(rule_id: str, basis: str, months: int) -> Rule:
        when = [
            Condition(fact="age", op="lt", value=18),
            Condition(fact="legal_basis", op="eq", value=basis),
        ]
        deadline = base.deadline.model_copy(update={"offset": Period(months=months)})  # type: ignore[union-attr]
        return base.model_copy(
            update={
                "id": rule_id,
                "deadline": deadline,
                "trigger": Trigger(event="placement_ended", when=when),
            }
        )

    old = [variant("x.sol", "SoL", 2), variant("x.lvu", "LVU", 2)]
    new = [variant("y.lvu", "LVU", 3), variant("y.sol", "SoL", 2)]
    for first, second in ((old, new), (new, old)):
        pairs, added, removed = pair_rules(first, second)
        assert sorted(sorted((a.id, b.id)) for a, b in pairs) == [
            ["x.lvu", "y.lvu"],
            ["x.sol", "y.sol"],
        ]
        assert not added and not removed


def test_diff_mirrors_when_swapped() -> None:
    new = copy.deepcopy(REGIONAL)
    new["rules"][0]["deadline"] = {"vague": "genast", "statutory": True}
    new["rules"][0]["id"] = "alpha.offer.v2"
    new["rules"][1]["trigger"]["when"].append({"fact": "acute", "op": "eq", "value": False})
    extra = copy.deepcopy(REGIONAL["rules"][1])
    extra.update(id="alpha.extra", duty="extra.duty", relation="adds")
    new["rules"].append(extra)
    new["scope"]["placement_forms"] = ["hvb"]
    new["agreements"][0]["validity"].pop("renewal")
    forward = diff_models(model_of(REGIONAL), model_of(new), old_name="a", new_name="b")
    backward = diff_models(model_of(new), model_of(REGIONAL), old_name="b", new_name="a")
    assert not forward.same
    assert backward.to_dict() == forward.reversed().to_dict()
    assert [r.id for r in backward.removed] == [r.id for r in forward.added] == ["alpha.extra"]
    for f, b in zip(forward.changed, backward.changed, strict=True):
        assert (f.old.id, f.new.id) == (b.new.id, b.old.id)
        assert [(c.old, c.new) for c in f.changes] == [(c.new, c.old) for c in b.changes]


# --- git revisions --------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def git_repo(tmp_path: Path) -> Path:
    """A git repository whose first commit has ``rules/alpha.yaml`` (REGIONAL); skips the
    test when git is not installed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "rules").mkdir(parents=True)
    _git(root, "init", "-q")
    write_yaml(root / "rules" / "alpha.yaml", REGIONAL)
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = git_repo(tmp_path)
    write_yaml(root / "rules" / "alpha.yaml", changed(_set("deadline.offset", {"weeks": 3})))
    return root


def test_split_revision() -> None:
    assert split_revision("rules/x.yaml@HEAD~1") == ("rules/x.yaml", "HEAD~1")
    assert split_revision("rules/x.yaml") == ("rules/x.yaml", None)
    assert split_revision(str(NATIONAL)) == (str(NATIONAL), None)


def test_git_revision_side(repo: Path) -> None:
    path = repo / "rules" / "alpha.yaml"
    old = load_side(f"{path}@HEAD")
    assert old.name == f"{path}@HEAD"
    result = diff_files(old, load_side(str(path)))
    assert [c.text for c in result.changed[0].changes] == ["deadline: 4 veckor → 3 veckor"]
    assert diff_files(load_side(str(path), rev="HEAD"), old).same


def test_relative_path_from_a_subfolder_or_the_top(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    from_top = load_side("rules/alpha.yaml@HEAD")
    monkeypatch.chdir(repo / "rules")
    from_here = load_side("alpha.yaml@HEAD")
    assert diff_files(from_top, from_here).same
    assert from_top.model.rules[0].deadline is not None
    assert from_top.model.rules[0].deadline.offset == Period(weeks=4)
    monkeypatch.chdir(repo / "docs")
    assert working_copy("rules/alpha.yaml") == str(repo.resolve() / "rules" / "alpha.yaml")


def test_git_revision_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(RevisionError, match="nope"):
        load_side(f"{repo / 'rules' / 'alpha.yaml'}@nope")
    outside = tmp_path / "outside.yaml"
    write_yaml(outside, REGIONAL)
    with pytest.raises(RevisionError):
        load_side(str(outside), rev="HEAD")


def test_textconv_makes_git_diff_semantic(repo: Path) -> None:
    tool = Path(sys.executable).parent / "placement-rules"
    if not tool.exists():
        pytest.skip("placement-rules script not installed beside the interpreter")
    (repo / ".gitattributes").write_text("rules/*.yaml diff=placement-rules\n", encoding="utf-8")
    _git(repo, "config", "diff.placement-rules.textconv", f"{tool} textconv")
    semantic = _git(repo, "diff", "--", "rules/alpha.yaml")
    assert "-  deadline: 4 veckor" in semantic and "+  deadline: 3 veckor" in semantic
    path = repo / "rules" / "alpha.yaml"
    write_yaml(path, REGIONAL)
    path.write_text(_reformatted(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert _git(repo, "diff", "--stat", "--no-textconv", "--", "rules/alpha.yaml")
    assert _git(repo, "diff", "--", "rules/alpha.yaml") == ""


# --- coverage of the model --------------------------------------------------------------------

DIFF_COVERS: dict[str, set[str]] = {
    # Every field of the model that the diff compares (diff.py's aspects). A new model field fails
    # this test until the diff says how a change to it is worded.
    "RuleFile": {
        "format",
        "kind",
        "region",
        "name",
        "extends",
        "valid_from",
        "sources",
        "agreements",
        "scope",
        "baseline_note",
        "duty_sections",
        "rules",
        "fulfilment",
        "reviewed",
    },
    "Review": {"role", "date", "digest"},
    "Rule": {
        "id",
        "duty",
        "relation",
        "form",
        "agreement",
        "title",
        "action",
        "trigger",
        "responsible",
        "convener",
        "deadline",
        "cost_bearer",
        "legal_basis",
        "source",
        "see_also",
        "in_force",
        "scope_part",
        "acknowledged",
        "notes",
    },
    "Acknowledged": {"statute_rule", "reason", "citation"},
    "Deadline": {"offset", "anchor", "vague", "statutory", "meaning"},
    "Agreement": {"id", "title", "source", "parties", "validity", "continues", "notes"},
    "Validity": {"start", "end", "renewal", "citation", "later_decisions"},
    "Renewal": {"extension", "notice", "notice_action", "times", "citation"},
    "LaterDecision": {"kind", "decided", "until", "successor", "citation", "notes"},
    "LegalBasisRef": {"source", "section", "text", "in_force", "note"},
    "Scope": {"age", "legal_bases", "placement_forms", "exclusions", "citation", "notes", "parts"},
    "ScopePart": {
        "id",
        "source",
        "sections",
        "age",
        "legal_bases",
        "placement_forms",
        "exclusions",
        "citation",
        "notes",
    },
    "Source": {"id", "kind", "title", "short", "file", "issuer", "in_force", "replaces"},
    "Citation": {"source", "section", "quote", "no_quote_reason"},
    "Fulfilment": {"event", "fulfils", "when", "citation", "notes"},
    "DutySection": {"source", "section", "summary", "no_rule_reason", "unencoded"},
    "UnencodedPart": {"summary", "quote", "reason"},
    "Exclusion": {"when", "reason", "citation"},
    "Responsible": {"principal", "unit", "locus"},
    "CostBearer": {"principal", "locus", "note"},
}


@pytest.mark.parametrize("name", sorted(DIFF_COVERS))
def test_diff_covers_every_model_field(name: str) -> None:
    import placement_rules.models as models

    assert set(getattr(models, name).model_fields) == DIFF_COVERS[name]


def test_file_level_citation_quotes_are_compared() -> None:
    new = copy.deepcopy(REGIONAL)
    new["agreements"][0]["validity"]["citation"]["quote"] = "gäller till 2023"
    new["scope"]["citation"]["quote"] = "till och med 20 år"
    texts = [c.text for c in diff_of(REGIONAL, new).file_changes]
    assert texts == [
        "agreement alpha2021 term citation: alpha_agreement 1.6 → "
        "alpha_agreement 1.6 “gäller till 2023”",
        "scope citation: alpha_agreement 1.4 → alpha_agreement 1.4 “till och med 20 år”",
    ]
