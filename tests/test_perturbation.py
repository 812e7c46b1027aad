"""Checked outputs must not depend on rounding: the proof without a second machine.

Another CPU, or another BLAS kernel (OpenBLAS picks one per CPU; Apple's Accelerate, MKL),
rounds differently in the last bits. This check re-executes every stored notebook under
perturbations of that size (``helpers.course.PERTURBATIONS``, set by ``COURSE_PERTURB``):

* "1": every initial weight and every non-zero input pixel one ulp towards zero;
* "2", "3", ...: the start moved one ulp up or down in a pattern of its own, and the result of
  every matrix product of the engine moved by one or two ulps in another pattern — rounding that
  differs at every step, as under another kernel.

nbval then requires every compared cell to print exactly what is stored, and every cell to run
(a notebook's own assertion, e.g. that a printed chaotic statistic sits far enough from a
rounding boundary, must hold under each perturbation too).

One perturbation draws one sample of where a chaotic statistic lands, and of the spread a
notebook measures for it: a notebook that measures or prints one (its code, not its prose, names
it chaotic, its ``ulp_spread`` or a seed ensemble) is re-executed under every perturbation,
the others under "1" and "2". Each (notebook, perturbation) is a test of its own, spread over
the pytest-xdist workers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import course

ROOT = Path(__file__).resolve().parents[1]
STEMS = [stem for stem, _ in course.NOTEBOOKS]
#: The perturbations every notebook is re-executed under.
EVERY = ("1", "2")
CHAOS = re.compile(r"chaotic|ulp_spread|ensemble", re.IGNORECASE)


def chaotic(stem: str) -> bool:
    """Does the notebook's code (not its prose: markdown lines are comments in the source)
    measure or print a chaotic statistic: name it chaotic, its ulp spread or a seed ensemble?"""
    source = ROOT / "sources" / f"{stem}.py"
    if not source.exists():
        return False
    code = [ln for ln in source.read_text(encoding="utf-8").splitlines()
            if not ln.lstrip().startswith("#")]
    return any(CHAOS.search(ln) for ln in code)


def perturbations(stem: str) -> tuple[str, ...]:
    return course.PERTURBATIONS if chaotic(stem) else EVERY


CASES = [pytest.param(stem, mode, id=f"{stem}-{mode}")
         for stem in STEMS for mode in perturbations(stem)]


def run_nbval(notebook: Path, perturb: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **course.REPRODUCIBLE_ENV, course.PERTURB_ENV: perturb}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "-p", "no:xdist", "--nbval", str(notebook),
         "--nbval-sanitize-with", str(ROOT / "tests/nbval_sanitize.cfg"),
         "--nbval-current-env", "--rootdir", str(ROOT)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("stem, mode", CASES)
def test_checked_outputs_survive_rounding_perturbations(stem, mode):
    notebook = ROOT / "notebooks" / f"{stem}.ipynb"
    if not notebook.exists():
        pytest.fail(f"{notebook.name} is not built: python3 tasks.py notebooks")
    result = run_nbval(notebook, mode)
    assert result.returncode == 0, (
        f"{stem}: under the rounding perturbation COURSE_PERTURB={mode} (see "
        "helpers.course.PERTURBATIONS) a checked output changed or a cell failed, so it "
        "depends on rounding (another CPU or BLAS kernel may print it differently):\n"
        + result.stdout[-4000:])


def test_every_notebook_gets_two_perturbations_and_chaotic_ones_all():
    assert set(EVERY) < set(course.PERTURBATIONS) and len(course.PERTURBATIONS) >= 6
    assert {mode for stem, mode in (c.values for c in CASES) if stem == STEMS[0]} >= set(EVERY)
    if (ROOT / "sources/07_l1_vs_l2.py").exists():
        assert chaotic("07_l1_vs_l2"), "07 prints the L1 subgradient's chaotic statistics"
        assert perturbations("07_l1_vs_l2") == course.PERTURBATIONS


def test_perturbation_1_moves_every_initial_weight_by_one_ulp(monkeypatch):
    import numpy as np

    from helpers.network import Network

    monkeypatch.setenv(course.PERTURB_ENV, "0")
    plain = Network([6, 4, 2], seed=3)
    monkeypatch.setenv(course.PERTURB_ENV, "1")
    moved = Network([6, 4, 2], seed=3)
    for w, v in zip(plain.weights, moved.weights, strict=True):
        assert np.all(w != v)
        np.testing.assert_array_equal(np.nextafter(w, 0.0), v)


@pytest.mark.parametrize("mode", [m for m in course.PERTURBATIONS if m != "1"])
def test_the_kernel_perturbations_move_the_start_and_every_product(monkeypatch, mode):
    """Under "2", "3", ...: every initial weight one ulp up or down (both directions occur;
    pixels stay in [0, 1], zeros stay zero), and training differs from the plain run in the
    last bits, not more; each perturbation differs from the others."""
    import numpy as np

    from helpers.network import Network

    X = np.random.default_rng(0).random((40, 6))
    X[:, 0], X[0, 1] = 0.0, 1.0
    y = np.arange(40) % 2

    def trained(perturb, start=None):
        monkeypatch.setenv(course.PERTURB_ENV, perturb)
        net = Network([6, 4, 2], seed=3)
        first = [w.copy() for w in net.weights]
        if start is not None:  # the same start: only the products are perturbed
            net.weights = [w.copy() for w in start]
        net.train(X, y, 3, 10, 0.5, lmbda=1.0, seed=1, instrument=False)
        return first, net.weights

    (s0, w0), (s1, _) = trained("0"), trained(mode)
    for a, b in zip(s0, s1, strict=True):
        ulps = (b - a) / np.spacing(np.abs(a))
        assert set(np.unique(np.abs(ulps))) == {1.0}
        assert (ulps > 0).any() and (ulps < 0).any()
    x = course.perturbed(X)
    assert x.min() >= 0.0 and x.max() <= 1.0 and np.all(x[X == 0.0] == 0.0)
    inside = (X > 0) & (X < 1)
    assert np.all(x[inside] != X[inside]) and x[0, 1] < 1.0
    _, w1 = trained(mode, start=s0)
    for a, b in zip(w0, w1, strict=True):
        assert not np.array_equal(a, b), "every step's products are perturbed, not only the start"
        np.testing.assert_allclose(b, a, rtol=1e-10, atol=1e-13)
    other = "3" if mode == "2" else "2"
    assert not np.array_equal(trained(other, start=s0)[1][0], w1[0])


def test_no_perturbation_is_the_plain_run(monkeypatch):
    """Unset or "0": the engine is bit for bit the plain one (no factor is applied)."""
    monkeypatch.delenv(course.PERTURB_ENV, raising=False)
    assert course.perturbation() is None and course.product_perturbation() is None
    monkeypatch.setenv(course.PERTURB_ENV, "0")
    assert course.perturbation() is None
    monkeypatch.setenv(course.PERTURB_ENV, "yes")
    with pytest.raises(ValueError, match="COURSE_PERTURB must be one of"):
        course.perturbation()


def test_a_run_is_perturbed_alike_alone_and_in_a_grid(monkeypatch):
    """The product perturbation's pattern depends on a product's rows and columns only: under
    it a grid (of any size, in chunks or not) still gives each run's weights bit for bit."""
    import numpy as np

    from helpers.network import Network, train_grid

    monkeypatch.setenv(course.PERTURB_ENV, "3")
    X = np.random.default_rng(0).random((30, 6))
    y = np.arange(30) % 2
    lambdas = [0.5, 1.0, 2.0]
    nets = [Network([6, 4, 2], seed=1) for _ in lambdas]
    train_grid(nets, X, y, 2, 10, 0.5, lmbda=lambdas, seed=2)
    for lm, net in zip(lambdas, nets, strict=True):
        alone = Network([6, 4, 2], seed=1)
        alone.train(X, y, 2, 10, 0.5, lmbda=lm, seed=2)
        for u, v in zip(net.weights, alone.weights, strict=True):
            np.testing.assert_array_equal(u, v)
