"""Checked outputs must not depend on rounding: the proof without a second machine.

Another CPU (or another BLAS kernel) rounds differently in the last bit. This check re-executes
every stored notebook with ``COURSE_PERTURB=1`` (see ``helpers.course.perturbed``): every
initial weight and every non-zero input pixel moves by one ulp, a change far below any printed
precision, of the size a different kernel makes. nbval then requires every ``NBVAL_CHECK_OUTPUT``
cell to print exactly what is stored. A cell that prints the size of a rounding error, or a
chaotic statistic to more digits than its spread allows, fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import course

ROOT = Path(__file__).resolve().parents[1]
STEMS = [stem for stem, _ in course.NOTEBOOKS]


def run_nbval(notebook: Path, perturb: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **course.REPRODUCIBLE_ENV, course.PERTURB_ENV: perturb}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "--nbval", str(notebook), "--nbval-sanitize-with", str(ROOT / "tests/nbval_sanitize.cfg"),
         "--nbval-current-env", "--rootdir", str(ROOT)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("stem", STEMS)
def test_checked_outputs_survive_a_one_ulp_perturbation(stem):
    notebook = ROOT / "notebooks" / f"{stem}.ipynb"
    if not notebook.exists():
        pytest.fail(f"{notebook.name} is not built: python3 tasks.py notebooks")
    result = run_nbval(notebook, "1")
    assert result.returncode == 0, (
        f"{stem}: a checked output changed when the initial weights and inputs moved by one ulp, "
        "so it shows digits that depend on rounding (another CPU may print them differently):\n"
        + result.stdout[-4000:])


def test_the_perturbation_moves_every_weight_by_one_ulp(monkeypatch):
    import numpy as np

    from helpers.network import Network

    monkeypatch.setenv(course.PERTURB_ENV, "0")
    plain = Network([6, 4, 2], seed=3)
    monkeypatch.setenv(course.PERTURB_ENV, "1")
    moved = Network([6, 4, 2], seed=3)
    for w, v in zip(plain.weights, moved.weights, strict=True):
        assert np.all(w != v)
        np.testing.assert_array_equal(np.nextafter(w, 0.0), v)
