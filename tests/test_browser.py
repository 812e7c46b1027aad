"""The course as a learner runs it: JupyterLab in headless Chromium, sliders moved by hand.

For each case a private JupyterLab (loopback, random port and token, own settings) serves a copy
of ``notebooks/``; Chromium opens the notebook, runs all cells, then moves one slider of one
``explore`` box with the keyboard (click the handle, ArrowRight) and by dragging its handle with
the mouse. Right after run all, the widget's output must already show a figure and print the
figures of the slider's starting value; after each move, those of the value shown in the
slider's readout. "The figures" are what the same helper function computes here, in the test
process (equal to the printed rounding), and after each move the figure must have been
redrawn. One JupyterLab server and one Chromium serve every case; each case gets a fresh
browser context and kernel. Screenshots go to
``artifacts/browser/`` (git-ignored).

Skipped, with the reason, only when ``/usr/bin/chromium`` is missing or Playwright cannot be
imported. Plain pytest (nbval collects only ``.ipynb`` files).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import math
import re
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from browser_harness import (
    ARTIFACTS,
    Explorer,
    Grid,
    Lab,
    check_numbers,
    launch_chromium,
    open_and_run_all,
    skip_reason,
)

SKIP = skip_reason()
pytestmark = pytest.mark.skipif(SKIP is not None, reason=SKIP or "")


@dataclass(frozen=True)
class Case:
    """One slider of one ``explore`` box and what its output must print.

    ``figures`` maps a name to a regex whose one group is the printed number; ``expected``
    returns those numbers for a slider value, computed by the course's helpers.
    """

    notebook: str
    label: str  # text contained in the slider's description
    grid: Grid  # the slider's values, to recover the exact value behind the readout
    figures: dict[str, str]
    expected: Callable[[float], dict[str, float]]
    start: float  # the slider's value in the notebook's source
    explorer: int = 0  # which course-explorer box, in page order
    drag_to: float = 0.8  # fraction of the track the handle is dragged to
    keys: int = 1  # ArrowRight presses
    slack: float = 1.0  # tolerance in units of half the last printed digit
    digits: int | None = None  # significant digits of the g format the figures use
    min_drag: float = 2.0  # the drag must move the value at least this many grid steps
    fixed: dict = field(default_factory=dict)  # documentation: the other controls' values


# --- the harness's own notebook: proves server, run all, keyboard, drag and parsing ----------

SCRATCH = "zz_harness_check.ipynb"


def decay_factor(eta: float, lmbda: float, n: int) -> float:
    """Weight multiplier of one L2 step, 1 - eta*lmbda/n."""
    return 1 - eta * lmbda / n


def _scratch_notebook() -> nbformat.NotebookNode:
    code = textwrap.dedent('''\
        import matplotlib.pyplot as plt
        import numpy as np

        from helpers.widgets import explore, log_slider, slider

        {source}

        def draw(lmbda, eta, n=1000):
            f = decay_factor(eta, lmbda, n)
            print(f"lmbda = {{lmbda:.6g}}")
            print(f"factor per step = {{f:.6f}}")
            print(f"factor per epoch = {{f ** 100:.4e}}")
            steps = np.arange(200)
            plt.plot(steps, f ** steps)
            plt.title(f"λ = {{lmbda:.3g}}")

        # NBVAL_IGNORE_OUTPUT
        explore(draw, {{"lmbda": log_slider("λ", 1.0, -2, 2, 0.1),
                        "eta": slider("η", 0.5, 0.1, 2.0, 0.1)}})
        ''').format(source=inspect.getsource(decay_factor))
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Harness check (written by the test)"),
                nbformat.v4.new_code_cell(code)]
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                  "name": "python3"}}
    return nb


def _scratch_expected(lmbda: float) -> dict[str, float]:
    f = decay_factor(0.5, lmbda, 1000)
    return {"lmbda": lmbda, "step": f, "epoch": f**100}


HARNESS_CASE = Case(
    notebook=SCRATCH, label="λ", start=1.0, grid=Grid(-2, 0.1, log=True), drag_to=0.9,
    figures={"lmbda": r"lmbda = (\S+)", "step": r"factor per step = (\S+)",
             "epoch": r"factor per epoch = (\S+)"},
    expected=_scratch_expected, fixed={"eta": 0.5})


# --- the course's notebooks ---------------------------------------------------------------------

def key_value_lines(*names: str) -> dict[str, str]:
    """Regexes for lines printed as ``name = value``."""
    return {k: rf"(?m)^{re.escape(k)} = (\S+)\s*$" for k in names}


@functools.cache
def _digits():
    """The training digits and the probe batch, as the notebooks load them."""
    from helpers.data import load_mnist, probe_batch

    X, y = load_mnist().train
    return X, y, probe_batch(X)


def _saturation_numbers(lmbda: float) -> dict[str, float]:
    from helpers import saturation

    X, y, probe = _digits()
    return saturation.split_numbers(X, y, probe, 1.0, lmbda, 0.5, 10)


def _update_rule_numbers(lmbda: float) -> dict[str, float]:
    from helpers import update_rule

    return update_rule.update_numbers(0.1, lmbda, 10)


def _per_epoch_numbers(lmbda: float) -> dict[str, float]:
    from helpers import decay

    return decay.epoch_numbers(0.5, lmbda, 10, 50_000)


# 04's explorer: the line profile of the base-point network (trained in the notebook, and here
# the same way) with a λ slider over a few choices; only the penalty moves with λ.
_TAILOFF = "04_tail_off.ipynb"
_TAILOFF_LAMBDAS = (0.5, 1, 2, 5, 10, 20, 50, 100)  # the notebook's choice_slider


@functools.lru_cache(maxsize=1)
def _base_lines():
    from helpers import mechanism
    from helpers.data import load_mnist
    from helpers.network import Network

    X, y = load_mnist(source="subset", verbose=False).train
    net = Network((784, 30, 10), init="default", seed=1)
    net.train(X, y, epochs=30, mini_batch_size=10, eta=0.5, lmbda=5.0, seed=101,
              instrument=False)
    return mechanism.LineCosts(net, X, y)


def _tailoff_numbers(lmbda: float) -> dict[str, float]:
    from helpers import mechanism

    return mechanism.line_numbers(_base_lines(), lmbda)


CASES: list[Case] = [
    # 01: λ of the update-rule explorer (linear, 0.5..30 by 0.5); η = 0.1 and n = 10 stay put
    Case(notebook="01_l2_update_rule.ipynb", label="λ", start=5.0, grid=Grid(0.5, 0.5),
         figures=key_value_lines("a", "shrink_factor", "penalty_step_at_plus_1",
                                 "penalty_step_at_minus_1", "decay_only_after_steps", "w_star",
                                 "w_after_steps"),
         expected=_update_rule_numbers, digits=6, drag_to=0.8, fixed={"eta": 0.1, "n": 10}),
    # 02: λ of the per-epoch explorer (log grid from 5/100 by 0.1 decades)
    Case(notebook="02_per_epoch_decay.ipynb", label="λ", start=5.0,
         grid=Grid(math.log10(5) - 2, 0.1, log=True),
         figures=key_value_lines("a", "steps", "exact", "approx", "relative_error",
                                 "first_term", "rate_ratio"),
         expected=_per_epoch_numbers, digits=6, drag_to=0.85,
         fixed={"eta": 0.5, "m": 10, "n": 50_000}),
    # 03: λ of the init-scale / epoch-1 split explorer; σ_w stays at 1 (the old init)
    Case(notebook="03_neuron_saturation.ipynb", label="λ", start=5.0,
         grid=Grid(math.log10(5) - 3, 0.1, log=True),
         figures=key_value_lines("z_std", "z_std_closed", "share", "share_closed",
                                 "decay_part", "gradient_part", "decay_step", "gradient_step",
                                 "decay_fraction"),
         expected=_saturation_numbers, digits=4, drag_to=0.3, slack=2.0,
         fixed={"init_scale": 1.0, "eta": 0.5, "m": 10}),
    # 04: λ of the line-profile explorer, a selection slider over eight λ (start 5, index 3).
    # ArrowRight: 5 -> 10; the drag to 80 % of the track lands on 50 (three steps).
    Case(notebook=_TAILOFF, label="λ", start=5.0, grid=Grid(choices=_TAILOFF_LAMBDAS),
         figures=key_value_lines("alpha_star_hidden", "radial_balance_hidden",
                                 "alpha_star_output", "radial_balance_output"),
         expected=_tailoff_numbers, digits=4, drag_to=0.8, slack=2.0),
]


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    server = Lab(tmp_path_factory.mktemp("browser"))
    nbformat.write(_scratch_notebook(), server.root / SCRATCH)
    with server:
        yield server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()
    lab.shutdown_kernels()


@contextlib.contextmanager
def screenshot_on_failure(page, stem: str):
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{stem}_FAILED.png"), full_page=True)
        raise


# --- the check ---------------------------------------------------------------------------------

def _check_when_shown(box: Explorer, case: Case, value: float, text: str,
                      timeout_s: float = 120.0) -> str:
    """Check the printed figures against the helper at ``value``; while they do not match yet
    (a redraw still arriving), re-read the output until ``timeout_s``. Returns the text."""
    want = case.expected(value)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            check_numbers(text, case.figures, want, case.slack, case.digits)
            return text
        except AssertionError:
            if time.monotonic() > deadline:
                raise
        box.page.wait_for_timeout(250)
        text = box.state()[0]


def _exercise(page, lab: Lab, case: Case) -> dict:
    stem = case.notebook.removesuffix(".ipynb")
    report: dict = {"notebook": case.notebook, "slider": case.label, "moves": []}
    try:
        return _moves(page, lab, case, report)
    finally:  # timings and values, also when a check failed
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{stem}.json").write_text(
            json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


def _moves(page, lab: Lab, case: Case, report: dict) -> dict:
    stem = case.notebook.removesuffix(".ipynb")
    grid = case.grid
    t0 = time.monotonic()
    report["run_all_s"] = round(open_and_run_all(page, lab, case.notebook), 1)
    box = Explorer(page, case.explorer)
    box.wait_rendered()
    box.screenshot(ARTIFACTS / f"{stem}_0_start.png")

    # the start, drawn when the cell ran: the readout shows the source's value, the output a
    # figure and the figures of that value
    text, src = box.state()
    readout = box.readout(case.label)
    value, moves = grid.snap(readout), report["moves"]
    assert value == pytest.approx(case.start, rel=1e-9), (readout, case.start)
    assert src is not None, "no figure drawn for the starting value"
    text = _check_when_shown(box, case, value, text, timeout_s=10.0)
    moves.append(("start", readout, round(time.monotonic() - t0, 1)))

    # keyboard: click the handle (the start is on the grid: this must not move it), then
    # ArrowRight moves exactly `keys` steps of the grid
    snapped = box.click_handle(case.label)
    if snapped is not None:  # the widget sent a value: it must be the start (to float noise)
        sent = box.last_sent()
        moves.append(("click sent", json.dumps(sent)[:200]))
        assert snapped[0] == readout, f"clicking the handle moved the value: {snapped[0]}"
        text = _check_when_shown(box, case, value, snapped[1], timeout_s=10.0)
        src = box.state()[1]
    readout, new_text, new_src = box.press(case.label, "ArrowRight", case.keys)
    new_value = grid.snap(readout)
    assert grid.position(new_value) - grid.position(value) == pytest.approx(case.keys), (
        readout, value)
    new_text = _check_when_shown(box, case, new_value, new_text)
    new_src = box.state()[1]
    assert new_src != src, "the figure was not redrawn after the keyboard move"
    assert new_text != text, "the printed figures did not change after the keyboard move"
    box.screenshot(ARTIFACTS / f"{stem}_1_keyboard.png")
    moves.append(("ArrowRight", readout, round(time.monotonic() - t0, 1)))
    text, src, value = new_text, new_src, new_value

    # mouse: drag the handle along the track
    readout, new_text, new_src = box.drag(case.label, case.drag_to)
    new_value = grid.snap(readout)
    moved = abs(grid.position(new_value) - grid.position(value))
    assert moved >= case.min_drag - 1e-6, f"the drag barely moved it: -> {readout}"
    new_text = _check_when_shown(box, case, new_value, new_text)
    new_src = box.state()[1]
    assert new_src != src, "the figure was not redrawn after the drag"
    assert new_text != text, "the printed figures did not change after the drag"
    box.screenshot(ARTIFACTS / f"{stem}_2_drag.png")
    moves.append(("drag", readout, round(time.monotonic() - t0, 1)))

    report["total_s"] = round(time.monotonic() - t0, 1)
    return report


def test_harness_on_its_own_notebook(page, lab):
    """The harness itself, on a notebook this test writes: a log slider moved both ways."""
    with screenshot_on_failure(page, "zz_harness_check"):
        _exercise(page, lab, HARNESS_CASE)


@pytest.mark.parametrize("case", CASES, ids=[c.notebook[:2] for c in CASES])
def test_notebook_widget(page, lab, case: Case):
    assert (lab.root / case.notebook).exists(), f"notebooks/{case.notebook} is missing"
    if case.notebook == _TAILOFF:
        source = Path(__file__).resolve().parents[1] / "sources" / "04_tail_off.py"
        assert str(list(_TAILOFF_LAMBDAS)) in source.read_text(encoding="utf-8"), (
            "the slider's λ are the notebook's choice_slider's")
    with screenshot_on_failure(page, case.notebook.removesuffix(".ipynb")):
        _exercise(page, lab, case)
