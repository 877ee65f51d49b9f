"""Every class of bad rule file gives one error naming file, line, column and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.errors import RuleFileError
from placement_rules.loading import bundled_rules_dir
from placement_rules.regions import load_all, load_file_rule_set

from .rulefile_texts import VALID_REGIONAL


def write(tmp_path: Path, text: str, name: str = "testregion.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str, name: str = "testregion.yaml") -> RuleFileError:
    path = write(tmp_path, text, name)
    with pytest.raises(RuleFileError) as info:
        load_file_rule_set(path)
    return info.value


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return lines[nth]


def test_valid_file_loads(tmp_path: Path) -> None:
    rules = load_file_rule_set(write(tmp_path, VALID_REGIONAL))
    assert rules.region == "testregion"
    assert [f.model.kind for f in rules.files] == ["national", "regional"]
    assert rules.rule("test.power_of_attorney").origin == "regional"


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace("name: Testregionens", "name: [Testregionens", 1)
    err = load_error(tmp_path, text)
    assert err.location.file.endswith("testregion.yaml")
    assert err.location.line is not None and err.location.column is not None
    assert "YAML syntax" in err.message


def test_unknown_field(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "    title: Power of attorney\n", "    title: Power of attorney\n    deadlines: soon\n"
    )
    err = load_error(tmp_path, text)
    assert err.message.startswith("unknown field")
    assert "test.power_of_attorney" in err.message and "deadlines" not in err.message
    assert err.location.path == "rules[2].<unknown key>"
    assert err.location.line == line_of(text, "deadlines: soon")
    assert err.location.column == 5


def test_wrong_type(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace("offset: {weeks: 4}", "offset: {weeks: four}")
    err = load_error(tmp_path, text)
    assert err.location.path == "rules[0].deadline.offset.weeks"
    assert err.location.line == line_of(text, "weeks: four")
    assert "valid integer" in err.message and "(got text)" in err.message
    assert "'four'" not in err.message


def test_missing_field(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace("    title: Power of attorney\n", "")
    err = load_error(tmp_path, text)
    assert err.message.startswith("required field 'title' is missing")
    assert err.location.path == "rules[2].title"
    assert err.location.line == line_of(text, "- id: test.power_of_attorney")


POWER = "    responsible: {principal: kommun, unit: socialtjänsten, locus: home_municipality}\n"


def test_a_duty_names_its_responsible_party(tmp_path: Path) -> None:
    start = VALID_REGIONAL.index("  - id: test.power_of_attorney")
    text = VALID_REGIONAL[:start] + VALID_REGIONAL[start:].replace(POWER, "", 1)
    err = load_error(tmp_path, text)
    assert "a duty names its responsible party" in err.message
    assert err.location.path == "rules[2]"
    assert err.location.line == line_of(text, "- id: test.power_of_attorney")


def test_a_requirement_names_no_party(tmp_path: Path) -> None:
    start = VALID_REGIONAL.index("  - id: test.power_of_attorney")
    head, tail = VALID_REGIONAL[:start], VALID_REGIONAL[start:]
    tail = tail.replace(
        "    title: Power of attorney\n", "    form: requirement\n    title: Power of attorney\n", 1
    )
    err = load_error(tmp_path, head + tail)
    assert "a requirement names no responsible party" in err.message
    ok = write(tmp_path, head + tail.replace(POWER, "", 1))
    rules = load_file_rule_set(ok)
    assert rules.rule("test.power_of_attorney").rule.responsible is None


def test_a_legal_basis_names_a_known_source(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        '    source: {source: test_agreement, section: "3.5.2", quote: inom två månader}',
        "    legal_basis: [{source: sol_1980_620, section: 11 kap.}]\n"
        '    source: {source: test_agreement, section: "3.5.2", quote: inom två månader}',
    )
    err = load_error(tmp_path, text)
    assert "legal basis names unknown source 'sol_1980_620'" in err.message
    assert err.location.path == "rules[1].legal_basis[0].source"
    assert err.location.line == line_of(text, "sol_1980_620")


def test_unknown_vocabulary_word(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "principal: kommun, unit: socialtjänsten, locus: home_municipality}",
        "principal: kommunen, unit: socialtjänsten, locus: home_municipality}",
        1,
    )
    err = load_error(tmp_path, text)
    assert err.location.path == "rules[1].responsible.principal"
    assert "'kommun'" in err.message and "(got text)" in err.message
    assert "kommunen" not in err.message


def test_dangling_source_reference(tmp_path: Path) -> None:
    line = '    source: {source: test_agreement, section: "3.4.7"}\n'
    text = VALID_REGIONAL.replace(line, line + "    see_also: [{source: nowhere, section: x}]\n")
    err = load_error(tmp_path, text)
    assert "unknown source 'nowhere'" in err.message
    assert err.location.path == "rules[2].see_also[0].source"


def test_dangling_duty_reference(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace("duty: follow_up_after_placement.limit", "duty: no_such_duty")
    err = load_error(tmp_path, text)
    assert "relation 'restates' refers to duty 'no_such_duty'" in err.message
    assert err.location.line == line_of(text, "duty: no_such_duty")


def test_adds_on_an_existing_duty_is_refused(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace("    relation: restates\n", "")
    err = load_error(tmp_path, text)
    assert "exists in the base file" in err.message


def test_dangling_extends(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID_REGIONAL.replace("extends: national", "extends: atlantis"))
    assert "no rule file 'atlantis.yaml'" in err.message
    assert err.location.path == "extends"


def test_duplicate_rule_id(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace("id: test.power_of_attorney", "id: test.offer_within_four_weeks")
    err = load_error(tmp_path, text)
    assert "duplicate rule id 'test.offer_within_four_weeks'" in err.message
    assert err.location.line == line_of(text, "id: test.offer_within_four_weeks", nth=1)


def test_duplicate_rule_id_across_files(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "id: test.power_of_attorney", "id: national.health_examination.offer"
    )
    err = load_error(tmp_path, text)
    assert "duplicate rule id 'national.health_examination.offer' (first defined in" in err.message


def test_duplicate_key(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "    title: Power of attorney\n", "    title: Power of attorney\n    title: Again\n"
    )
    err = load_error(tmp_path, text)
    assert err.message == "a key appears twice in one mapping"
    assert err.location.path == "rules[2].title"
    assert err.location.line == line_of(text, "title: Again")


def test_bad_date(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace("end: 2023-12-31", "end: 2023-02-30")
    err = load_error(tmp_path, text)
    assert err.message == "not a calendar date (YYYY-MM-DD)"
    assert err.location.path == "agreements[0].validity.end"
    assert err.location.line == line_of(text, "end: 2023-02-30")


def test_dates_in_wrong_order(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID_REGIONAL.replace("end: 2023-12-31", "end: 2020-12-31"))
    assert "validity.end is before validity.start" in err.message


def test_unknown_fact_in_condition(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "{fact: legal_basis, op: eq, value: LVU}", "{fact: personnummer, op: eq, value: LVU}"
    )
    err = load_error(tmp_path, text)
    assert "unknown fact 'personnummer'" in err.message
    assert err.location.path == "rules[2].trigger.when[0]"


def test_condition_value_of_wrong_type(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "{fact: legal_basis, op: eq, value: LVU}", "{fact: legal_basis, op: eq, value: LSS}"
    )
    err = load_error(tmp_path, text)
    assert "does not fit fact 'legal_basis'" in err.message


def test_ordering_on_a_non_number(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "{fact: legal_basis, op: eq, value: LVU}", "{fact: acute, op: lt, value: 3}"
    )
    err = load_error(tmp_path, text)
    assert "does not fit fact 'acute'" in err.message


def test_region_must_match_file_name(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID_REGIONAL, name="elsewhere.yaml")
    assert "does not match the file name" in err.message


def test_empty_file(tmp_path: Path) -> None:
    err = load_error(tmp_path, "")
    assert err.message == "the file is empty"


def test_unsafe_yaml_tag_is_refused(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        "name: Testregionens överenskommelse", "name: !!python/object/apply:os.system ['true']"
    )
    err = load_error(tmp_path, text)
    assert "a YAML tag this format does not use" in err.message
    assert "os.system" not in err.message


def test_cli_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, VALID_REGIONAL.replace("offset: {weeks: 4}", "offset: {weeks: four}"))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and "rules[0].deadline.offset.weeks" in lines[0]
    assert "Traceback" not in result.output


def test_bundled_rules_all_validate() -> None:
    rule_sets = load_all()
    assert "national" in rule_sets
    result = CliRunner().invoke(cli, ["validate", str(bundled_rules_dir())])
    assert result.exit_code == 0, result.output
