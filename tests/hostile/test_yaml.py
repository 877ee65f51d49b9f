"""Class (a), YAML: one restricted, bounded reader for rule files, events, case files and
scenarios (R1 R2 R3 R4 R5 R9 R24 R25 R26; not in the issue: a lone surrogate in ``text=``, plain
nesting past Python's recursion limit)."""

from __future__ import annotations

import glob
import os
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from placement_rules.errors import RuleFileError
from placement_rules.limits import MAX_FILE_BYTES
from placement_rules.loading import read_rule_file, read_yaml
from placement_rules.safe_yaml import load_yaml

from ..rulefile_texts import VALID_REGIONAL
from .conftest import MARKER, ROOT, TESTREG, assert_refused, invoke, rules_folder


def bomb(levels: int) -> str:
    """R4 (7 levels, 340 bytes: 1.6 GB and 17 s before) and R5 (8 levels: did not finish)."""
    lines = [
        "format: 1",
        "kind: regional",
        f"region: testreg{levels}",
        "name: x",
        "extends: national",
    ]
    lines.append('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')
    names = "abcdefghij"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [{','.join([f'*{names[i - 1]}'] * 9)}]")
    return "\n".join(lines) + "\n"


CASES = {
    "R1 recursive alias": (TESTREG + "extra: &r [*r]\n", "inside the value it names"),
    "R2 !!timestamp": (
        TESTREG.replace("start: 2020-01-01", "start: !!timestamp nope"),
        "a YAML tag this format does not use",
    ),
    "R3 a sequence as a key": (TESTREG + "? [a, b]\n: 1\n", "a key must be text"),
    "R4 alias bomb, 7 levels": (bomb(7), "more than 50,000 values"),
    "R5 alias bomb, 8 levels": (bomb(8), "more than 50,000 values"),
    "R26 empty !!int": (TESTREG.replace("format: 1", "format: !!int"), "!!int: not a number"),
    "!!python/object": (
        TESTREG.replace("name: Test region", "name: !!python/object/apply:os.system ['true']"),
        "a YAML tag this format does not use",
    ),
    "nesting of 600 levels": (TESTREG + "extra: " + "[" * 600 + "]" * 600 + "\n", "nested more"),
    "a second document": (TESTREG + "---\nformat: 1\n", "more than one YAML document"),
    "a hexadecimal number": (TESTREG.replace("format: 1", "format: 0x1"), "not a number"),
    "a number of 30 digits": (TESTREG.replace("weeks: 2", "weeks: " + "1" * 30), "not a number"),
    "a date with a time": (
        TESTREG.replace("start: 2020-01-01", "start: 2020-01-01 10:00:00"),
        "without a time",
    ),
    "an impossible date": (
        TESTREG.replace("start: 2020-01-01", "start: 2020-02-30"),
        "not a calendar date",
    ),
    "a key twice": (TESTREG.replace("name: Test region", "name: a\nname: b"), "appears twice"),
    "a NUL character": (TESTREG.replace("Test region", "Test\x00region"), "does not allow"),
}


@pytest.mark.parametrize(("text", "phrase"), CASES.values(), ids=CASES.keys())
def test_refused_with_a_location_in_bounded_time_and_memory(text: str, phrase: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(RuleFileError) as info:
        read_rule_file("testreg.yaml", text=text, name="testreg.yaml")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    err = info.value
    assert phrase in err.message, err.message
    assert err.location.file == "testreg.yaml"
    assert elapsed < 1.0 and peak < 10 * 2**20, (elapsed, peak)
    if phrase != "does not allow":  # a reader error gives the character's place, not a line
        assert err.location.line is not None and err.location.column is not None


@pytest.mark.parametrize("levels", [7, 8])
def test_cli_refuses_the_bombs_at_once(tmp_path: Path, levels: int) -> None:
    path = tmp_path / f"testreg{levels}.yaml"
    path.write_text(bomb(levels), encoding="utf-8")
    started = time.perf_counter()
    last = assert_refused(invoke("validate", str(path)), "more than 50,000 values")
    assert time.perf_counter() - started < 1.0
    assert last.startswith("error: ") and ":10:" in last  # the alias that passes the limit


def test_an_alias_to_a_value_used_twice_still_loads() -> None:
    """yaml.safe_dump writes &id001/*id001 for one value used twice: counted, not refused."""
    data = yaml.safe_load(VALID_REGIONAL)
    citation = {"source": "test_agreement", "section": "1.6"}
    data["agreements"][0]["validity"]["citation"] = citation
    data["agreements"][0]["validity"]["renewal"]["citation"] = citation
    text = yaml.safe_dump(data, allow_unicode=True)
    assert "&id001" in text and "*id001" in text
    loaded = read_rule_file("testregion.yaml", text=text, name="testregion.yaml")
    assert loaded.model.agreements[0].validity.renewal is not None


@pytest.mark.parametrize(
    ("name", "text", "phrase"),
    [
        ("R9 !!int", f"kind: placement_started\nx: !!int {MARKER}\n", "!!int: not a number"),
        ("R9 !!timestamp", f"kind: placement_started\nx: !!timestamp {MARKER}\n", "YAML tag"),
        ("R26 empty !!int", "kind: !!int\n", "!!int: not a number"),
    ],
)
def test_event_files_refuse_tags_without_echo(
    tmp_path: Path, name: str, text: str, phrase: str
) -> None:
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    last = assert_refused(invoke("evaluate", str(path)), phrase, "event.yaml:")
    assert "19121212" not in last


def test_r25_dev_zero_is_not_read(tmp_path: Path) -> None:
    started = time.perf_counter()
    assert_refused(invoke("validate", "/dev/zero"), "/dev/zero: not a regular file")
    assert time.perf_counter() - started < 1.0


def test_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "event.yaml"
    os.mkfifo(fifo)
    assert_refused(invoke("evaluate", str(fifo)), "not a regular file")
    assert_refused(invoke("validate", str(fifo)), "not a regular file")


def test_r24_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "loopA.yaml").symlink_to("loopB.yaml")
    (tmp_path / "loopB.yaml").symlink_to("loopA.yaml")
    assert_refused(
        invoke("conformance", "loopA.yaml", cwd=tmp_path), "too many levels of symbolic links"
    )
    with pytest.raises(RuleFileError, match="symbolic links"):
        read_yaml(tmp_path / "loopA.yaml")


def test_a_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "testreg.yaml"
    path.write_text(TESTREG + "#" * MAX_FILE_BYTES, encoding="utf-8")
    assert_refused(invoke("validate", str(path)), "larger than 1,048,576 bytes")


def test_not_utf8_names_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "testreg.yaml"
    path.write_bytes(TESTREG.encode() + b"name2: Bor\xe5s\n")
    assert_refused(invoke("validate", str(path)), "not UTF-8 text (the first bad byte is at")


def test_a_lone_surrogate_in_a_given_text() -> None:
    with pytest.raises(RuleFileError, match="unpaired surrogate"):
        read_rule_file("x.yaml", text=TESTREG.replace("Test region", "Test \ud800"), name="x.yaml")


def test_an_event_file_nested_deeply(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text('{"kind": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    assert_refused(invoke("evaluate", str(path)), "nested")


def test_same_data_as_pyyaml_for_every_shipped_file() -> None:
    """The restriction changes nothing for the files the project has: rule files, examples,
    scenarios and the test texts load to the same data as PyYAML's safe loader."""
    paths = sorted(
        glob.glob(str(ROOT / "rules" / "*.yaml"))
        + glob.glob(str(ROOT / "examples" / "**" / "*.yaml"), recursive=True)
        + glob.glob(str(ROOT / "tests" / "scenarios" / "**" / "*.yaml"), recursive=True)
    )
    assert len(paths) > 20
    for name in paths:
        text = Path(name).read_text(encoding="utf-8")
        assert load_yaml(text) == yaml.load(text, Loader=yaml.CSafeLoader), name
    assert load_yaml(VALID_REGIONAL) == yaml.safe_load(VALID_REGIONAL)


def test_validate_an_empty_folder(tmp_path: Path) -> None:
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 2 and "no rule files" in result.output


def test_the_reproducers_rule_file_is_valid(tmp_path: Path) -> None:
    folder = rules_folder(tmp_path)
    assert invoke("validate", str(folder / "testreg.yaml")).exit_code == 0


@pytest.mark.parametrize(
    ("text", "line", "column", "phrase"),
    [
        ('{"kind": "x",\n "acute": 1234567890123456789}', 2, 11, "not a number"),
        ('{"kind": "x", "acute": NaN}', 1, 24, "NaN"),
        ('{"kind": "x", "kind": "y"}', 1, 15, "a key appears twice"),
        ('{"kind": ' + "[" * 20 + "]" * 20 + "}", 1, 17, "nested more than 8 levels"),
    ],
)
def test_json_problems_are_located(
    tmp_path: Path, text: str, line: int, column: int, phrase: str
) -> None:
    """Found by the fuzz suite: the JSON hooks' refusals had no line (now found in the text)."""
    path = tmp_path / "event.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        read_yaml(path)
    assert (info.value.location.line, info.value.location.column) == (line, column)
    assert phrase in info.value.message
