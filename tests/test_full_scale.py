"""Full scale is an opt-in that keeps the text's numbers in view.

At full scale (``COURSE_MNIST=full``) the learner's outputs differ from the stored subset
outputs the text quotes; after each checked cell the course prints the stored one
(``helpers.course.show_stored_outputs_after_checked_cells``), read from
``data/checked_outputs/``, which the build writes and which must match the stored notebooks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import course

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import notebooks as nbtools  # noqa: E402


@pytest.mark.parametrize("stem", nbtools.stems())
def test_stored_checked_outputs_match_the_notebooks(stem):
    path = ROOT / course.STORED_OUTPUTS / f"{stem}.json"
    assert path.exists(), f"{path.name} missing: python3 tasks.py notebooks {stem[:2]}"
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == nbtools.checked_outputs(stem, nb), (
        f"{path.name} is stale: rebuild with python3 tasks.py notebooks {stem[:2]}")
    code = [c for c in nb.cells if c.cell_type == "code"][1:]  # [0]: the set-up cell
    assert stored or not code, f"{stem} has code but no checked cell"


@pytest.fixture
def shell(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    cell = "# NBVAL_CHECK_OUTPUT\nprint('yours', 2 + 2)"
    table = {course.source_key(cell): {"notebook": "00_x", "text": "stored 3.14\n"}}
    monkeypatch.setattr(course, "stored_outputs", lambda: table)
    sh = InteractiveShell.instance()
    yield sh, cell
    sh.events.callbacks["post_run_cell"].clear()
    sh._course_stored_outputs = False
    InteractiveShell.clear_instance()


def test_full_scale_prints_the_stored_output_after_a_checked_cell(shell, capsys):
    sh, cell = shell
    assert course.show_stored_outputs_after_checked_cells()
    assert course.show_stored_outputs_after_checked_cells()  # registered once, not twice
    sh.run_cell(cell)
    out = capsys.readouterr().out
    assert out.index("yours 4") < out.index("stored subset output") < out.index("stored 3.14")
    assert out.count("stored 3.14") == 1
    sh.run_cell("print('another cell')")
    assert "stored" not in capsys.readouterr().out


def test_the_scale_switch_is_read_in_one_place(monkeypatch):
    monkeypatch.delenv(course.SCALE_ENV, raising=False)
    assert course.full_scale() is False
    for value, expected in (("subset", False), ("full", True), ("FULL", True)):
        monkeypatch.setenv(course.SCALE_ENV, value)
        assert course.full_scale() is expected
    monkeypatch.setenv(course.SCALE_ENV, "50000")
    with pytest.raises(ValueError, match="COURSE_MNIST must be"):
        course.full_scale()
