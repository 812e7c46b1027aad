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
NAME = re.compile(r"^(\d\d|A\d)_[a-z0-9]+(_[a-z0-9]+)*$")
#: The appendices (A0 the glossary, A1... the evidence behind the core path) follow the lessons.
LESSONS = [s for s in nbtools.stems() if s[0].isdigit()]
APPENDICES = [s for s in nbtools.stems() if s[0] == "A"]
# A cell that shows a widget: its output needs a live kernel and is never compared. The course's
# widget cells call helpers.widgets.explore(...); ipywidgets' own entry points are caught too.
WIDGET_CALL = re.compile(r"\b(explore|interact|interactive|interactive_output|display_widget)\(|"
                         r"\bwidgets\.\w+\(")


def load(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def built() -> list[str]:
    return [s for s in STEMS if (ROOT / "notebooks" / f"{s}.ipynb").exists()]


def test_names_follow_course_order():
    assert STEMS, "helpers/course.py lists no notebooks"
    assert STEMS == LESSONS + APPENDICES, "the lessons first, then the appendices"
    for i, stem in enumerate(LESSONS):
        assert NAME.match(stem), f"{stem}: expected NN_snake_case"
        assert int(stem[:2]) == i, f"{stem}: expected number {i:02d} in course order"
    for i, stem in enumerate(APPENDICES):
        assert NAME.match(stem), f"{stem}: expected AN_snake_case"
        assert stem[:2] == f"A{i}", f"{stem}: expected A{i} in course order"


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
        allowed = {"tags"} | (set(nbtools.SETUP_METADATA) if i == 2 else set())
        assert set(cell.metadata) <= allowed, cell.metadata
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
    for key, value in nbtools.SETUP_METADATA.items():  # plumbing, hidden from the lesson
        assert cells[2].metadata.get(key) == value, f"the set-up cell needs metadata {key}"
    assert cells[-1].source.endswith(nbtools.nav_markdown(stem))
    if stem in APPENDICES:
        return  # an appendix is evidence, not a lesson: no learning goals or exercises
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    for heading in ("## You will learn", "## Summary", "## Exercises"):
        assert heading in text, f"missing section {heading!r}"
    assert text.index("## You will learn") < text.index("## Summary") < text.index("## Exercises")


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


def widget_cells(nb: nbformat.NotebookNode) -> list[int]:
    """Indices of the code cells that show a widget (call one at top level, not define one)."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and WIDGET_CALL.search(c.source) and "def " not in c.source]


def hygiene_problems(nb: nbformat.NotebookNode) -> list[str]:
    """What is wrong with the code cells: no checked cell, a trailing ';', a widget cell whose
    output is compared, a plotting cell without plt.show()."""
    problems = []
    code = [c for c in nb.cells if c.cell_type == "code"]
    if code[1:] and not any(nbtools.is_checked(c) for c in code):  # [0]: the set-up cell
        problems.append(f"no {nbtools.CHECK_TAG} cell states the notebook's key numbers")
    for i in widget_cells(nb):
        if not nbtools.is_ignored(nb.cells[i]):
            problems.append(f"widget cell not ignored:\n{nb.cells[i].source}")
    for cell in code:
        last = cell.source.rstrip().splitlines()[-1] if cell.source.strip() else ""
        if last.rstrip().endswith(";"):
            problems.append(f"trailing ';' in:\n{cell.source}")
        if "plt." in cell.source and "plt.show()" not in cell.source:
            problems.append(f"a plotting cell must end with plt.show():\n{cell.source}")
    return problems


@pytest.mark.parametrize("stem", STEMS)
def test_cell_hygiene(stem):
    assert hygiene_problems(load(stem)) == []


def test_widget_cells_are_found():
    """Not vacuous: every notebook that imports the course's explore() has its widget cells
    found, and in total they are the cells that call explore(...)."""
    found = 0
    for stem in built():
        nb = load(stem)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        calls = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                 and re.search(r"^explore\(", c.source, re.MULTILINE)]
        if re.search(r"from helpers\.widgets import[^\n]*\bexplore\b", code):
            assert calls, f"{stem} imports explore but never calls it"
        assert widget_cells(nb) == calls, stem
        found += len(calls)
    assert found >= 7


def test_hygiene_reports_a_compared_widget_cell():
    """The widget rule can fail: a widget cell stripped of its nbval-ignore-output tag (or, in
    a notebook not yet converted, of the old comment) is reported."""
    stem = next(s for s in built() if widget_cells(load(s)))
    nb = load(stem)
    i = widget_cells(nb)[0]
    nb.cells[i].metadata.pop("tags", None)
    nb.cells[i].source = nb.cells[i].source.replace(nbtools.OLD_MARKERS[nbtools.IGNORE_TAG], "")
    assert any("widget cell not ignored" in p for p in hygiene_problems(nb))


@pytest.mark.parametrize("stem", LESSONS)
def test_exercises_have_checks_and_hidden_solutions(stem):
    nb = load(stem)
    sources = [c.source for c in nb.cells]
    start = next(i for i, s in enumerate(sources) if "## Exercises" in s)
    rest = nb.cells[start:]
    checks = [c for c in rest if c.cell_type == "code" and "check_" in c.source]
    solutions = [c for c in rest if c.cell_type == "markdown" and "<details>" in c.source]
    assert len(checks) >= 3, "at least three exercises with a check function"
    assert len(solutions) >= 3, "solutions hidden in <details> blocks"


# -- issue 20: lesson code shows no test machinery; nbval's markers are cell tags ------------

#: What a lesson's source must not contain: nbval's old comment markers (the tags replace them)
#: and checks that belong in tests/ (a lesson prints both values if the learner should see them
#: agree).
MACHINERY = re.compile(r"^\s*# NBVAL_\w*|\bnp\.testing\b|\bnumpy\.testing\b", re.MULTILINE)


def machinery(text: str) -> list[str]:
    """The lines of a source that are test machinery (see ``MACHINERY``)."""
    return [line.strip() for line in text.splitlines() if MACHINERY.search(line)]


@pytest.mark.parametrize("stem", STEMS)
def test_sources_show_no_test_machinery(stem):
    source = ROOT / "sources" / f"{stem}.py"
    if not source.exists():
        pytest.fail(f"{source.name} is missing")
    found = machinery(source.read_text(encoding="utf-8"))
    assert not found, (
        f"{source.name}: write nbval's markers as cell tags (# %% tags=[\"nbval-check-output\"] or "
        "[\"nbval-ignore-output\"]) and move checks to tests/:\n  " + "\n  ".join(found[:10]))


@pytest.mark.parametrize("text, found", [
    ('# %% tags=["nbval-check-output"]\nprint(1)\n', False),
    ("# %%\n# NBVAL_CHECK_OUTPUT\nprint(1)\n", True),
    ("# %%\n    # NBVAL_IGNORE_OUTPUT\nexplore(draw, {})\n", True),
    ("# %%\nnp.testing.assert_allclose(a, b)\n", True),
    ("# %% [markdown]\n# checks belong in `tests/`, not in lessons\n", False),
])
def test_the_machinery_check_can_fail(text, found):
    assert bool(machinery(text)) is found


def test_tags_survive_the_build():
    """compose() and clean() keep a source's cell tags in the cell's metadata (nbval reads
    them there), and is_checked / is_ignored read them."""
    import jupytext

    text = ('# %% [markdown]\n# # T\n# one line\n\n# %% tags=["nbval-check-output"]\nprint(1)\n\n'
            '# %% tags=["nbval-ignore-output"]\nprint(2)\n\n# %%\nprint(3)\n')
    nb = jupytext.reads(text, fmt="py:percent")
    cells = nbtools.clean(nb).cells
    assert cells[1].metadata == {"tags": [nbtools.CHECK_TAG]}
    assert [nbtools.is_checked(c) for c in cells] == [False, True, False, False]
    assert [nbtools.is_ignored(c) for c in cells] == [False, False, True, False]
    old = nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(1)")
    assert nbtools.is_checked(old), "the old comment is read during the transition"


# -- issue 20: the core path's word budgets and 04's figures, counted on the stored notebooks --

#: Markdown words (outside <details> and HTML comments) and printed words, counted as
#: /work/shared/hooks/before-stop counts them; None: no budget.
BUDGETS = {"00": (1400, None), "01": (1500, 400), "02": (1500, 400), "03": (1500, 400),
           "04": (1500, 400), "05": (1500, 400), "09": (1500, None)}
MIN_FIGURES = {"04": 4}


def markdown_words(text: str) -> int:
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<details>.*?</details>", " ", text, flags=re.S)
    return len(text.split())


def reading(nb: nbformat.NotebookNode) -> tuple[int, int, int]:
    """(markdown words, printed words, figures) of a stored notebook."""
    md = sum(markdown_words(c.source) for c in nb.cells if c.cell_type == "markdown")
    outs = [o for c in nb.cells for o in c.get("outputs", [])]
    printed = sum(len((o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))).split())
                  for o in outs if "image/png" not in o.get("data", {}))
    figures = sum("image/png" in o.get("data", {}) for o in outs)
    return md, printed, figures


@pytest.mark.parametrize("number", sorted(BUDGETS.keys() | MIN_FIGURES.keys()))
def test_the_core_path_keeps_its_budgets(number):
    stem = next(s for s in STEMS if s.startswith(number))
    md, printed, figures = reading(load(stem))
    md_budget, printed_budget = BUDGETS.get(number, (None, None))
    assert md_budget is None or md <= md_budget, (
        f"{stem}: {md} words of markdown, budget {md_budget}: move evidence to an appendix")
    assert printed_budget is None or printed <= printed_budget, (
        f"{stem}: {printed} words of printed output, budget {printed_budget}")
    assert figures >= MIN_FIGURES.get(number, 0), (
        f"{stem}: {figures} figures, at least {MIN_FIGURES[number]} wanted")


def test_the_budget_count_can_fail():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print()")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a b c\n"),
                    nbformat.v4.new_output("display_data", data={"image/png": "x",
                                                                 "text/plain": "<Figure>"})]
    nb.cells = [nbformat.v4.new_markdown_cell(
        "one two <!-- hidden words --> three\n<details>four five</details>six"), code]
    assert reading(nb) == (4, 3, 1)
