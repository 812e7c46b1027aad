"""The README states the verdict in the words of the one place that holds it."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import notebooks as nbtools  # noqa: E402


def test_the_readme_verdict_is_helpers_verdict():
    text = nbtools.README.read_text(encoding="utf-8")
    assert text.count(nbtools.VERDICT_START) == text.count(nbtools.VERDICT_END) == 1
    assert nbtools.readme_with_verdict(text) == text, (
        "README.md's verdict differs from helpers/verdict.py: run python3 tasks.py notebooks")


def test_a_hand_edited_verdict_is_caught():
    text = nbtools.readme_with_verdict(nbtools.README.read_text(encoding="utf-8"))
    edited = text.replace("| in part |", "| yes, roughly |", 1)
    assert edited != text
    assert nbtools.readme_with_verdict(edited) != edited


def test_verdict_md_is_helpers_verdict():
    """VERDICT.md, the full table README links to, is what helpers/verdict.py gives now."""
    assert nbtools.VERDICT_FILE.read_text(encoding="utf-8") == nbtools.verdict_file_text(), (
        "VERDICT.md differs from helpers/verdict.py: run python3 tasks.py notebooks")
    assert f"]({nbtools.VERDICT_FILE.name})" in nbtools.README.read_text(encoding="utf-8")


def test_the_short_verdict_has_every_label_of_the_full_one():
    """The README's one row per part carries the same labels as VERDICT.md's rows."""
    from helpers import verdict

    short = nbtools.readme_with_verdict(nbtools.README.read_text(encoding="utf-8"))
    for part in verdict.PARTS:
        name = verdict.part_name(part)
        labels = " | ".join(verdict.verdict(part, layer).holds for layer in verdict.LAYERS)
        row = next(ln for ln in short.splitlines() if ln.startswith(f"| {name} |"))
        assert f"| {labels} |" in row, (part, row)
