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
    edited = text.replace("| (3) | hidden |", "| (3) | hidden | yes, roughly |", 1)
    assert edited != text
    assert nbtools.readme_with_verdict(edited) != edited
