"""The durable-rules tracker agrees exactly with the reference oracle, from many threads too."""

from __future__ import annotations

import datetime as dt
import gc
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placement_rules import load_rule_set, parse_event
from placement_rules.compiler import build_rule_set
from placement_rules.events import Event
from placement_rules.loading import LoadedFile, bundled_rules_dir
from placement_rules.regions import available_regions, load_chain
from placement_rules.ruleset import RuleSet
from placement_rules.tracking import track
from placement_rules.tracking.oracle import FulfilmentFact, ObligationFact, correlate

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
PROFILE = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KINDS = [
    "report_of_concern",
    "investigation_opened",
    "investigation_decision_made",
    "investigation_completed",
    "protection_assessment_made",
    "placement_started",
    "health_examination_initiated",
    "health_examination_offered",
    "health_examination_held",
    "health_examination_notice_sent",
    "sip_held",
    "coordination_need_noticed",
    "placement_ended",
    "follow_up_ended",
    "compulsory_care_application",
    "medical_certificate_issued",
    "placement_changed",
    "care_need_arises",
]


def test_missing_durable_gives_an_error_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from placement_rules.tracking import durable as tracking_durable

    monkeypatch.setitem(sys.modules, "durable.engine", None)
    monkeypatch.setitem(sys.modules, "durable", None)
    with pytest.raises(tracking_durable.DurableEngineError, match=r"placement-rules\[tracking\]"):
        tracking_durable._engine()
    assert not tracking_durable.available()
    with pytest.raises(tracking_durable.DurableEngineError, match=r"placement-rules\[tracking\]"):
        tracking_durable.definition()  # its default actions live beside durable's host class
    assert set(tracking_durable.definition(print, print)) == {"match", "skip"}


def test_library_imports_and_works_without_durable() -> None:
    code = (
        "import sys; sys.modules['durable'] = None; sys.modules['durable.engine'] = None\n"
        "import datetime as dt\n"
        "from placement_rules import load_rule_set, parse_event\n"
        "from placement_rules.tracking import track\n"
        "import placement_rules.cli, placement_rules.tracking.durable\n"
        "e = parse_event({'kind': 'report_of_concern', 'date': '2025-09-01', "
        "'birth_date': '2012-01-01', 'home_municipality': 'Solna', 'home_region': 'stockholm'})\n"
        "r = track(load_rule_set('stockholm'), [e], dt.date(2025, 10, 1))\n"
        "assert r.counts()['overdue'] == 1 and r.engine == 'python'  # auto falls back\n"
        "try:\n"
        "    track(load_rule_set('stockholm'), [e], dt.date(2025, 10, 1), engine='durable')\n"
        "except Exception as exc:\n"
        "    assert 'placement-rules[tracking]' in str(exc), exc\n"
        "else:\n"
        "    raise SystemExit('no error')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


durable = pytest.importorskip("durable.engine")

from placement_rules.tracking import durable as tracking_durable  # noqa: E402


@pytest.fixture(scope="module")
def rule_sets() -> dict[str, RuleSet]:
    return {r: load_rule_set(r, RULES_DIR) for r in available_regions(RULES_DIR)}


@st.composite
def case_logs(draw: st.DrawFn, regions: list[str]) -> tuple[str, list[Event], dt.date]:
    region = draw(st.sampled_from(regions))
    home = "stockholm" if region == "national" else region
    born = dt.date(2005, 1, 1) + dt.timedelta(days=draw(st.integers(0, 5000)))
    start = dt.date(2024, 6, 1) + dt.timedelta(days=draw(st.integers(0, 700)))
    events = []
    for _ in range(draw(st.integers(1, 12))):
        day = start + dt.timedelta(days=draw(st.integers(0, 200)))
        data: dict[str, Any] = {
            "kind": draw(st.sampled_from(KINDS)),
            "date": day.isoformat(),
            "birth_date": born.isoformat(),
            "home_municipality": "Kommunen",
            "home_region": home,
            "legal_basis": draw(st.sampled_from([None, "SoL", "LVU", "LVM"])),
            "placement_form": draw(st.sampled_from([None, "familjehem", "hvb", "jourhem"])),
            "acute": draw(st.booleans()),
            "needs_both_principals": draw(st.booleans()),
            "placement_region": draw(st.sampled_from([None, "ostergotland", "vastra_gotaland"])),
            "noticed_by": draw(st.sampled_from([None, "kommun", "region", "skola"])),
        }
        events.append(parse_event(data))
    as_of = start + dt.timedelta(days=draw(st.integers(0, 420)))
    return region, events, as_of


def _without_engine(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "engine"}


@PROFILE
@given(data=st.data())
def test_durable_agrees_with_the_oracle_on_generated_logs(
    rule_sets: dict[str, RuleSet], data: st.DataObject
) -> None:
    region, events, as_of = data.draw(case_logs(sorted(rule_sets)))
    rules = rule_sets[region]
    reference = track(rules, events, as_of, engine="python")
    judged = track(rules, events, as_of, engine="durable")
    assert _without_engine(judged.to_dict()) == _without_engine(reference.to_dict())


@st.composite
def facts(draw: st.DrawFn) -> tuple[list[ObligationFact], list[FulfilmentFact]]:
    duties = ["a", "b", "c"]
    days = sorted(draw(st.lists(st.integers(0, 30), max_size=15)))
    obligations: list[ObligationFact] = []
    for i, d in enumerate(days):
        duty = draw(st.sampled_from(duties))
        # join the act of an earlier obligation of the same duty and day, or be one's own
        peers = [o.act for o in obligations if o.duty == duty and o.day == d]
        group = draw(st.sampled_from([None, *peers])) if peers else None
        obligations.append(ObligationFact(i, duty, d, group))
    claim_days = sorted(draw(st.lists(st.integers(0, 30), max_size=15)))
    claims = [FulfilmentFact(i, draw(st.sampled_from(duties)), d) for i, d in enumerate(claim_days)]
    return obligations, claims


@settings(max_examples=200, derandomize=True, deadline=None, database=None)
@given(case=facts())
def test_durable_correlation_equals_the_oracle_on_facts(
    rule_sets: dict[str, RuleSet], case: tuple[list[ObligationFact], list[FulfilmentFact]]
) -> None:
    obligations, claims = case
    rules = rule_sets["national"]
    assert tracking_durable.correlate(rules, (obligations, claims)) == correlate(
        obligations, claims
    )


def test_auto_engine_is_durable_when_installed(rule_sets: dict[str, RuleSet]) -> None:
    _, events, as_of = _fixed_logs("national")[0]
    report = track(rule_sets["national"], events, as_of)
    assert report.engine == "durable"
    assert _without_engine(report.to_dict()) == _without_engine(
        track(rule_sets["national"], events, as_of, engine="python").to_dict()
    )


def test_ruleset_avoids_the_engine_traps() -> None:
    rules = tracking_durable.definition(print, print)
    first_conditions = []
    for rule in rules.values():
        aliases = rule["all"]
        assert not any(k.endswith("$not") for alias in aliases for k in alias)
        for alias in aliases:
            (condition,) = alias.values()
            if "$and" in condition:
                assert condition["$and"][-1] == tracking_durable.ALWAYS_TRUE
                first_conditions.append(json.dumps(condition["$and"][0]))
            else:
                first_conditions.append(json.dumps(condition))
    assert len(first_conditions) == len(set(first_conditions)), "rules share a condition"


def test_no_background_threads() -> None:
    before = threading.active_count()
    tracking_durable._Correlator()
    assert threading.active_count() == before


def test_more_cases_than_the_engine_holds_open(rule_sets: dict[str, RuleSet]) -> None:
    rules = rule_sets["national"]
    cases = [
        (
            [ObligationFact(0, "a", i % 7), ObligationFact(1, "a", 9)],
            [FulfilmentFact(0, "a", 8), FulfilmentFact(1, "a", 9)],
        )
        for i in range(2500)
    ]
    found = tracking_durable.correlate_many(rules, cases)
    assert found == [{0: 0, 1: 1}] * 2500
    with tracking_durable._LOCK:
        correlator = tracking_durable._correlator(rules)
    assert correlator.open_states == 0  # every case's state deleted once judged


def test_exception_in_an_action_becomes_a_library_error() -> None:
    correlator = tracking_durable._Correlator()
    # The engine matches the offer to its act, but the plan lists no fulfilment for the duty,
    # so handling the action fails (IndexError) after durable-rules started it.
    facts = (
        f"[{tracking_durable.obligation_text('s7', 0, 0, 1)},"
        f"{tracking_durable.offer_text('s7', 0, 0, 0, 2)}]"
    )
    failing = pytest.raises(tracking_durable.DurableEngineError, match="action failed: IndexError")
    with failing, tracking_durable._LOCK:
        correlator._judge(7, tracking_durable.CasePlan(facts, [[[0]]], [[]]))
    assert correlator.open_states == 0 and not correlator.broken
    case = ([ObligationFact(0, "a", 1)], [FulfilmentFact(0, "a", 2)])
    with tracking_durable._LOCK:  # the failed case's state is gone: the same host goes on
        assert correlator.correlate([case]) == [{0: 0}]


def test_a_fact_the_network_does_not_take_retires_the_host(rule_sets: dict[str, RuleSet]) -> None:
    rules = rule_sets["national"]
    tracking_durable.correlate_many(rules, [])
    with tracking_durable._LOCK:
        correlator = tracking_durable._correlator(rules)
        with pytest.raises(tracking_durable.DurableEngineError, match="did not take"):
            correlator._judge(
                10**9,
                tracking_durable.CasePlan('[{"id":"x1","sid":"s1000000000","unknown":1}]', [], []),
            )
    assert correlator.broken
    case = ([ObligationFact(0, "a", 1)], [FulfilmentFact(0, "a", 2)])
    assert tracking_durable.correlate_many(rules, [case]) == [{0: 0}]
    with tracking_durable._LOCK:
        assert tracking_durable._correlator(rules) is not correlator
    assert correlator in tracking_durable._RETIRED  # kept: its open state points into its texts


def test_a_case_on_which_nothing_fires_retires_the_host() -> None:
    correlator = tracking_durable._Correlator()
    lonely = tracking_durable.obligation_text("s7", 0, 0, 700)  # no pointer: nothing can join
    failing = pytest.raises(tracking_durable.DurableEngineError, match="fired no rule")
    with failing, tracking_durable._LOCK:
        correlator._judge(7, tracking_durable.CasePlan(f"[{lonely}]", [[[0]]], [[]]))
    assert correlator.broken  # and the process is still alive: its state was not deleted


def test_durable_never_runs_the_registered_actions_itself() -> None:
    with pytest.raises(tracking_durable.DurableEngineError, match="dispatches every action"):
        tracking_durable.definition()["match"]["run"](None)


def test_case_plan_numbers_each_duty_queue() -> None:
    case = (
        [ObligationFact(0, "a", 5), ObligationFact(1, "b", 6), ObligationFact(2, "a", 7)],
        [FulfilmentFact(0, "a", 8), FulfilmentFact(1, "c", 9), FulfilmentFact(2, "a", 10)],
    )
    plan = tracking_durable.case_plan(4, case)
    assert plan is not None
    facts = json.loads(plan.text)
    assert facts == tracking_durable.case_facts(4, case)
    assert [f["id"] for f in facts] == ["o0.0", "o0.1", "p0.0.0"]  # b, c: one side only
    assert facts[-1]["day"] == 8  # the first fulfilment, offered to the first act
    assert {f["sid"] for f in facts} == {"s4"} and len({f["id"] for f in facts}) == len(facts)
    assert plan.ranks == [[[0], [2]]] and plan.claims == [[(0, 8), (2, 10)]]
    assert tracking_durable.case_plan(4, ([ObligationFact(0, "a", 5)], [])) is None


def test_case_plan_makes_one_act_of_each_group() -> None:
    """A group's first member may carry its own rank or no group at all; later members name
    it. Obligations of other duties, or ungrouped ones, stay acts of their own."""
    obligations = [
        ObligationFact(0, "a", 5),
        ObligationFact(1, "a", 5, group=0),
        ObligationFact(2, "b", 5, group=2),
        ObligationFact(3, "a", 6),
        ObligationFact(4, "b", 6, group=2 + 2),
        ObligationFact(5, "b", 6, group=4),
    ]
    plan = tracking_durable.case_plan(
        1, (obligations, [FulfilmentFact(0, "a", 9), FulfilmentFact(1, "b", 9)])
    )
    assert plan is not None
    assert plan.ranks == [[[0, 1], [3]], [[2], [4, 5]]]
    assert [f["id"] for f in json.loads(plan.text)] == [
        "o0.0",
        "o0.1",
        "p0.0.0",
        "o1.0",
        "o1.1",
        "p1.0.0",
    ]


@pytest.mark.parametrize(
    "obligations",
    [
        [ObligationFact(0, "a", 6), ObligationFact(1, "a", 5)],  # ranks against the dates
        [ObligationFact(0, "a", 5), ObligationFact(1, "a", 6, group=0)],  # a group over two days
    ],
)
def test_case_plan_refuses_obligations_that_are_not_a_queue(
    obligations: list[ObligationFact],
) -> None:
    with pytest.raises(tracking_durable.DurableEngineError, match="ranked in date order"):
        tracking_durable.case_plan(1, (obligations, [FulfilmentFact(0, "a", 9)]))


def test_a_ruleset_the_engine_refuses_is_a_library_error() -> None:
    # durable wants the operator outside the property: {"$lt": {"t": 2}}
    bad = {"bad": {"all": [{"p": {"t": {"$lt": 2}}}], "run": print}}
    with pytest.raises(tracking_durable.DurableEngineError, match="could not create"):
        tracking_durable._Correlator(bad)


def test_messages_are_read_by_their_fact_ids() -> None:
    read = tracking_durable.read_message
    p = tracking_durable.offer_text("s1", 2, 1, 3, 701)
    o = tracking_durable.obligation_text("s1", 2, 1, 700)
    assert read(f'{{"match":{{"p":{p},"o":{o}}}}}') == ("match", 2, 1, 3)
    assert read(f'{{"skip":{{"o":{o},"p":{p}}}}}') == ("skip", 2, 1, 3)  # any order
    wrong = tracking_durable.obligation_text("s1", 2, 0, 700)
    with pytest.raises(tracking_durable.DurableEngineError, match="wrong facts"):
        read(f'{{"match":{{"p":{p},"o":{wrong}}}}}')
    with pytest.raises(tracking_durable.DurableEngineError, match="unknown rule"):
        read(f'{{"other":{{"p":{p},"o":{o}}}}}')
    with pytest.raises(tracking_durable.DurableEngineError, match="wrong facts"):
        read(f'{{"match":{{"p":{p}}}}}')  # no obligation
    with pytest.raises(tracking_durable.DurableEngineError, match="without an offer"):
        read(f'{{"match":{{"o":{o}}}}}')


def test_the_walk_ends_when_either_queue_is_exhausted() -> None:
    """No offer follows the last act met or the last fulfilment offered: each would name a
    fact that does not exist and join nothing."""
    plan = tracking_durable.CasePlan("", [[[0], [1]]], [[(0, 5), (1, 6)]])
    step = tracking_durable._Correlator._step
    o0, o1 = (tracking_durable.obligation_text("s1", 0, i, 4) for i in (0, 1))
    found: dict[int, int] = {}
    offer = step(
        f'{{"match":{{"p":{tracking_durable.offer_text("s1", 0, 0, 0, 5)},"o":{o0}}}}}',
        plan,
        found,
        "s1",
    )
    assert offer == tracking_durable.offer_text("s1", 0, 1, 1, 6) and found == {0: 0}
    last = tracking_durable.offer_text("s1", 0, 1, 1, 6)
    assert step(f'{{"match":{{"p":{last},"o":{o1}}}}}', plan, found, "s1") is None  # acts done
    assert step(f'{{"skip":{{"p":{last},"o":{o1}}}}}', plan, {}, "s1") is None  # offers done


def test_eight_threads_at_once(rule_sets: dict[str, RuleSet]) -> None:
    region = "vastra_gotaland" if "vastra_gotaland" in rule_sets else "national"
    rules = rule_sets[region]
    logs = _fixed_logs(region)
    expected = [_without_engine(track(rules, ev, as_of).to_dict()) for _, ev, as_of in logs]
    failures: list[str] = []
    results: dict[int, int] = {}

    def worker(n: int) -> None:
        try:
            for round_ in range(5):
                for i, (_, events, as_of) in enumerate(logs):
                    got = track(rules, events, as_of, engine="durable")
                    if _without_engine(got.to_dict()) != expected[i]:
                        failures.append(f"thread {n} round {round_} case {i}")
                    results[n] = results.get(n, 0) + 1
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(f"thread {n}: {exc!r}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert results == {n: 5 * len(logs) for n in range(8)}


def _fixed_logs(region: str) -> list[tuple[str, list[Event], dt.date]]:
    home = "stockholm" if region == "national" else region
    base = {"birth_date": "2011-03-10", "home_municipality": "Kommunen", "home_region": home}
    logs = []
    for i in range(12):
        start = dt.date(2025, 3, 1) + dt.timedelta(days=17 * i)
        rows = [
            ("report_of_concern", 0, {}),
            ("investigation_decision_made", 10 + i, {}),
            ("investigation_opened", 12 + i, {}),
            (
                "placement_started",
                30,
                {
                    "legal_basis": "LVU",
                    "placement_form": "familjehem",
                    "needs_both_principals": True,
                    "acute": i % 2 == 0,
                },
            ),
            ("sip_held", 35 + i, {}),
            ("investigation_completed", 100 + 5 * i, {}),
            ("placement_ended", 120, {"legal_basis": "SoL", "placement_form": "hvb"}),
            ("follow_up_ended", 150 + 7 * i, {}),
        ]
        events = [
            parse_event(
                {"kind": k, "date": (start + dt.timedelta(days=d)).isoformat(), **base, **extra}
            )
            for k, d, extra in rows
        ]
        logs.append((f"case{i}", events, start + dt.timedelta(days=90 + 10 * i)))
    return logs


def test_cli_audit_engines_agree(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from placement_rules.cli import cli

    example = Path(__file__).resolve().parents[2] / "examples" / "audit_small.csv"
    outputs = []
    for engine in ("python", "durable"):
        cases = tmp_path / f"{engine}.jsonl"
        result = CliRunner().invoke(
            cli,
            [
                "audit",
                str(example),
                "--as-of",
                "2025-11-01",
                "--engine",
                engine,
                "--format",
                "json",
                "--out-cases",
                str(cases),
            ],
        )
        assert result.exit_code == 2, result.output  # the example's two planted bad rows
        outputs.append(
            [_without_engine(json.loads(line)) for line in cases.read_text("utf-8").splitlines()]
        )
    assert outputs[0] == outputs[1] and len(outputs[0]) == 4


# --- one host for every rule set (issue 15: about 100 KB of C ruleset per rule set loaded) ---


def _rss_kb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def test_every_rule_set_shares_one_host(rule_sets: dict[str, RuleSet]) -> None:
    case = ([ObligationFact(0, "a", 1)], [FulfilmentFact(0, "a", 2)])
    again = build_rule_set(load_chain(bundled_rules_dir() / "national.yaml"))
    for rules in (rule_sets["national"], rule_sets["vastra_gotaland"], again):
        assert tracking_durable.correlate_many(rules, [case]) == [{0: 0}]
    with tracking_durable._LOCK:
        hosts = {id(tracking_durable._correlator(r)) for r in (again, *rule_sets.values())}
    assert len(hosts) == 1 and len(tracking_durable._HOSTS) == 1


def test_reloading_rule_sets_does_not_grow_memory() -> None:
    """A host per loaded rule set grew the process by about 100 KB a load (6 MB over these 60
    loads); one shared host keeps it flat."""
    if _rss_kb() is None:
        pytest.skip("no /proc/self/status to read the resident set size from")
    cache: dict[Path, LoadedFile] = {}
    path = bundled_rules_dir() / "national.yaml"
    case = ([ObligationFact(0, "a", 1)], [FulfilmentFact(0, "a", 2)])

    def load_and_track(times: int) -> int | None:
        for _ in range(times):
            rules = build_rule_set(load_chain(path, cache=cache))
            tracking_durable.correlate_many(rules, [case])
            del rules
        gc.collect()
        return _rss_kb()

    before = load_and_track(10)
    after = load_and_track(60)
    assert before is not None and after is not None
    assert after - before < 2 * 1024, f"grew {after - before} KB over 60 loads"
