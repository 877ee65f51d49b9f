"""The contract's answer: schema version, receipt, stable obligation ids, and verify."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from placement_rules import __version__
from placement_rules.cli import cli as main
from placement_rules.loading import bundled_rules_dir

EXAMPLE = Path(__file__).parents[2] / "examples" / "placement_started_lvu_familjehem.json"


def _evaluate(rules_dir: Path | None = None) -> dict[str, object]:
    args = ["evaluate", "--json", str(EXAMPLE)]
    if rules_dir is not None:
        args += ["--rules-dir", str(rules_dir)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    body: dict[str, object] = json.loads(result.output)
    return body


def test_answer_has_version_receipt_and_ids() -> None:
    body = _evaluate()
    assert body["schema_version"] == "1.0"
    receipt = body["receipt"]
    assert isinstance(receipt, dict)
    assert receipt["package_version"] == __version__
    assert str(receipt["chain_digest"]).startswith("sha256:")
    assert receipt["rule_files"] and all(
        str(f["digest"]).startswith("sha256:") for f in receipt["rule_files"]
    )
    obligations = body["obligations"]
    assert isinstance(obligations, list) and obligations
    ids = [o["id"] for o in obligations]
    assert len(set(ids)) == len(ids)
    assert ids == [o["id"] for o in _evaluate()["obligations"]]  # type: ignore[union-attr]


def test_verify_passes_then_names_the_edited_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    stored = tmp_path / "answer.json"
    stored.write_text(json.dumps(_evaluate(rules)), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["verify", "--rules-dir", str(rules), str(stored), str(EXAMPLE)])
    assert ok.exit_code == 0, ok.output
    assert "verified" in ok.output
    body = json.loads(stored.read_text(encoding="utf-8"))
    top = body["receipt"]["rule_files"][-1]["file"]
    path = rules / top
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: ", "name: Ändrad ", 1), encoding="utf-8")
    changed = runner.invoke(main, ["verify", "--rules-dir", str(rules), str(stored), str(EXAMPLE)])
    assert changed.exit_code == 1, changed.output
    assert "not verified" in changed.output
    assert f"rule file {top}: changed" in changed.output
