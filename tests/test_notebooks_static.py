"""Checks on the stored notebooks that need no kernel.

nbval (run on notebooks/ by the same pytest call) proves that stored outputs are what the code
produces now; these tests prove the notebooks are built from their current sources, clean, and
shaped the way every lesson of the course is shaped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import notebooks as nbtools  # noqa: E402
from helpers import course  # noqa: E402

STEMS = nbtools.stems()
NAME = re.compile(r"^\d\d_[a-z0-9]+(_[a-z0-9]+)*$")
# A cell that shows a widget: its output needs a live kernel and is never compared.
WIDGET_CALL = re.compile(r"\b(interact|interactive|interactive_output|display_widget|"
                         r"widgets\.\w+\(|explore_\w+\()")


def load(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def built() -> list[str]:
    return [s for s in STEMS if (ROOT / "notebooks" / f"{s}.ipynb").exists()]


def test_names_follow_course_order():
    assert STEMS, "helpers/course.py lists no notebooks"
    for i, stem in enumerate(STEMS):
        assert NAME.match(stem), f"{stem}: expected NN_snake_case"
        assert int(stem[:2]) == i, f"{stem}: expected number {i:02d} in course order"


def test_notebooks_match_sources():
    """A notebook whose inputs differ from its source (or from the generated cells) is stale."""
    assert nbtools.sync_problems() == []


def test_sync_check_detects_a_stale_notebook(tmp_path, monkeypatch):
    """The sync check can fail: a notebook edited by hand is reported."""
    stem = built()[0]
    nb = load(stem)
    nb.cells[-2].source += "\n# edited by hand"
    monkeypatch.setattr(nbtools, "NOTEBOOKS", tmp_path)
    for s in STEMS:
        src = ROOT / "notebooks" / f"{s}.ipynb"
        if src.exists():
            (tmp_path / src.name).write_bytes(src.read_bytes())
    nbformat.write(nb, tmp_path / f"{stem}.ipynb")
    assert any(stem in p and "stale" in p for p in nbtools.sync_problems())


@pytest.mark.parametrize("stem", STEMS)
def test_clean_and_executed_in_order(stem):
    nb = load(stem)
    nbformat.validate(nb)
    assert set(nb.metadata) <= {"kernelspec", "language_info"}, nb.metadata.keys()
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "execution counts must be 1..k"
    for i, cell in enumerate(nb.cells):
        assert set(cell.metadata) <= {"tags"}, cell.metadata
        assert cell.get("id") == f"cell-{i:02d}", "cell ids are stable: cell-00, cell-01, ..."
    assert nbtools.output_problems(nb) == []


@pytest.mark.parametrize("stem", STEMS)
def test_standard_opening_and_closing(stem):
    nb = load(stem)
    cells = nb.cells
    title = dict(course.NOTEBOOKS)[stem]
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), \
        "first cell: '# Title' and a one-line summary"
    assert len([ln for ln in cells[0].source.splitlines() if ln.strip()]) >= 2, \
        "the title cell needs a one-line summary under the title"
    assert title.split(" (")[0].lower() in cells[0].source.lower()
    badge = nbtools.badge_markdown(stem)
    assert cells[1].source.startswith(badge)
    assert f"notebooks/{stem}.ipynb" in badge, "the Colab badge must open this very file"
    assert cells[2].source == nbtools.setup_cell_source(), "the identical Colab set-up cell"
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    for heading in ("## You will learn", "## Summary", "## Exercises"):
        assert heading in text, f"missing section {heading!r}"
    assert text.index("## You will learn") < text.index("## Summary") < text.index("## Exercises")
    assert cells[-1].source.endswith(nbtools.nav_markdown(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_links_resolve(stem):
    nb = load(stem)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for target in re.findall(r"\]\(([^)#]+\.ipynb)(?:#[^)]*)?\)", cell.source):
            if target.startswith("http"):
                continue
            assert (ROOT / "notebooks" / target).exists(), f"broken link to {target}"


@pytest.mark.parametrize("stem", STEMS)
def test_cell_hygiene(stem):
    nb = load(stem)
    code = [c for c in nb.cells if c.cell_type == "code"]
    checked = [c for c in code if "# NBVAL_CHECK_OUTPUT" in c.source]
    assert checked, "every notebook states its key numbers in # NBVAL_CHECK_OUTPUT cells"
    for cell in code:
        last = cell.source.rstrip().splitlines()[-1] if cell.source.strip() else ""
        assert not last.rstrip().endswith(";"), f"trailing ';' in:\n{cell.source}"
        if WIDGET_CALL.search(cell.source) and "def " not in cell.source:
            assert "# NBVAL_IGNORE_OUTPUT" in cell.source, \
                f"widget cell not ignored:\n{cell.source}"
        if "plt." in cell.source and "plt.show()" not in cell.source:
            pytest.fail(f"a plotting cell must end with plt.show():\n{cell.source}")


@pytest.mark.parametrize("stem", STEMS)
def test_exercises_have_checks_and_hidden_solutions(stem):
    nb = load(stem)
    sources = [c.source for c in nb.cells]
    start = next(i for i, s in enumerate(sources) if "## Exercises" in s)
    rest = nb.cells[start:]
    checks = [c for c in rest if c.cell_type == "code" and "check_" in c.source]
    solutions = [c for c in rest if c.cell_type == "markdown" and "<details>" in c.source]
    assert len(checks) >= 3, "at least three exercises with a check function"
    assert len(solutions) >= 3, "solutions hidden in <details> blocks"
