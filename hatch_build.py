"""Opt-in build hook: compile the audit's hot path with mypyc into the wheel.

Off by default: a plain ``pip install .`` stays pure Python and needs no C compiler. Turned on
for one build with ``HATCH_BUILD_HOOK_ENABLE_CUSTOM=true`` (hatch's switch for this hook), it
type-checks and compiles :data:`COMPILED` with mypyc in a temporary folder and adds the
extension modules to the wheel beside their sources (Python imports an extension module before
a source file of the same name). Nothing is written into the source tree, and editable installs
are never compiled, so an edited source is always the code that runs in development.

The compiled modules behave as the sources do: the test suite passes against them, and
``tests/test_compiled_build.py`` (slow) audits the same input with both builds and compares the
output byte for byte. See docs/tracking.md, "Compiled build".
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import chdir
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILED = (
    "calendar",
    "conditions",
    "evaluation",
    "results",
    "validity",
    "tracking/audit",
    "tracking/audit_csv",
    "tracking/audit_rows",
    "tracking/audit_summary",
    "tracking/durable",
    "tracking/oracle",
    "tracking/tracker",
)
"""Modules of ``placement_rules`` compiled (paths under the package): the ones an audit spends
its time in that mypyc compiles unchanged (not ``events`` and ``ruleset``: they hold pydantic
models and weakly referenced rule sets; not ``tracking/_durable_host``: durable-rules inspects
its functions)."""


class CompiledHotPath(BuildHookInterface):
    """Compile :data:`COMPILED` with mypyc when the hook is enabled (never for editable wheels)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from mypyc.build import mypycify
        from setuptools import Distribution
        from setuptools.command.build_ext import build_ext

        root = Path(self.root)
        self._work = Path(tempfile.mkdtemp(prefix="placement-rules-mypyc-"))
        try:
            built = self._compile(root, mypycify, Distribution, build_ext)
        except BaseException:
            shutil.rmtree(self._work, ignore_errors=True)
            raise
        for path, name in built:
            build_data["force_include"][str(path)] = name
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def _compile(
        self, root: Path, mypycify: Any, distribution: Any, build_ext: Any
    ) -> list[tuple[Path, str]]:
        """Compile a copy of the package; the extension modules and their wheel paths."""
        shutil.copytree(root / "src" / "placement_rules", self._work / "placement_rules")
        sources = [f"placement_rules/{name}.py" for name in COMPILED]
        out = self._work / "out"
        with chdir(self._work):  # mypyc writes its C sources relative to it
            extensions = mypycify(
                ["--config-file", str(root / "pyproject.toml"), *sources], target_dir="build"
            )
            command = build_ext(distribution({"ext_modules": extensions}))
            command.build_lib = str(out)
            command.build_temp = str(self._work / "tmp")
            command.ensure_finalized()
            command.run()
        built = sorted(out.rglob("*.so")) + sorted(out.rglob("*.pyd"))
        found = {
            p.relative_to(out / "placement_rules").as_posix().split(".")[0]
            for p in built
            if (out / "placement_rules") in p.parents
        }
        missing = [name for name in COMPILED if name not in found]
        if missing:
            raise RuntimeError(f"mypyc built no extension for: {', '.join(missing)}")
        return [(path, path.relative_to(out).as_posix()) for path in built]

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
