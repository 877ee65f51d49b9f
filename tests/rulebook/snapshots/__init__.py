"""Golden snapshots of what legal staff read: the duty x region matrix (``compare``) in Markdown,
Swedish and English, and the text of the Västra Götaland rulebook page (its sections, rules and
reasons, without the markup). ``tests/rulebook/test_snapshots.py`` fails on any difference.
After a deliberate change, regenerate them and read the diff::

    .venv/bin/python -m tests.rulebook.snapshots --update

The rulebook page's snapshot is taken without the shared source texts (quotes only), so that it
is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from html import unescape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ON = dt.date(2025, 9, 1)


def _matrix(lang: str) -> str:
    from placement_rules.legal.compare import compare_regions
    from placement_rules.legal.reports import render

    return render(compare_regions([], ON, None, lang), "markdown")  # type: ignore[arg-type]


def page_text(html: str) -> str:
    """A page's readable text: the body without markup, one block per line."""
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<(br|/p|/li|/h\d|/dt|/dd|/q|/blockquote|/article|/section)\b[^>]*>", "\n", body)
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _vgr_page() -> str:
    from placement_rules.rulebook.site import build_site

    pages = build_site(None, ON, "sv", Path("no-shared-folder"))
    return page_text(pages["vastra_gotaland.html"])


SNAPSHOTS: dict[str, Callable[[], str]] = {
    "compare_sv.md": lambda: _matrix("sv"),
    "compare_en.md": lambda: _matrix("en"),
    "rulebook_vastra_gotaland.txt": _vgr_page,
}


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m tests.rulebook.snapshots", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot files")
    options = parser.parse_args(argv)
    stale = []
    for name, make in SNAPSHOTS.items():
        path, text = HERE / name, make()
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if options.update:
            path.write_text(text, encoding="utf-8")
    for name in stale:
        sys.stderr.write(f"{name}: {'updated' if options.update else 'differs (run --update)'}\n")
    return 0 if options.update or not stale else 1
