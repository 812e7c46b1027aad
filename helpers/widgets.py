"""Thin ipywidgets glue, identical under ipywidgets 7.7 (Colab) and 8.x.

A widget in this course is never more than controls wired to a plain drawing function
``draw(**values)`` that plots with matplotlib and prints its key figures. The same function,
called with fixed values, makes the static figure that stands beside every widget, so a reader
without a kernel (GitHub, exported HTML) sees what the widget shows at its starting values.
Only features present in both ipywidgets 7.7 and 8.x are used: ``FloatSlider``,
``FloatLogSlider``, ``IntSlider``, ``Dropdown``, ``interactive_output``, ``VBox``/``HBox``.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = ["slider", "log_slider", "int_slider", "choice_slider", "dropdown", "explore",
           "epoch_progress", "print_numbers", "progress", "progress_enabled"]

_LAYOUT = {"width": "420px"}
_STYLE = {"description_width": "110px"}


def _widgets():
    import ipywidgets  # imported lazily: the numerics never need it

    return ipywidgets


def slider(description: str, value: float, min: float, max: float, step: float,
           fmt: str = ".3g"):
    """A float slider; ``fmt`` is the readout's format."""
    if not min <= value <= max:
        raise ValueError(f"{description}: value {value} outside [{min}, {max}]")
    w = _widgets()
    return w.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                         readout_format=fmt, continuous_update=False,
                         layout=w.Layout(**_LAYOUT), style=_STYLE)


def log_slider(description: str, value: float, min_exp: float, max_exp: float,
               step: float = 0.1, fmt: str = ".3g"):
    """A slider moving in powers of ten from 10**min_exp to 10**max_exp."""
    if not 10**min_exp <= value <= 10**max_exp:
        raise ValueError(f"{description}: value {value} outside [1e{min_exp}, 1e{max_exp}]")
    k = (math.log10(value) - min_exp) / step
    if abs(k - round(k)) > 1e-6:
        raise ValueError(f"{description}: value {value} is not on the slider's grid "
                         f"10**({min_exp:g} + k·{step:g}); a click would move it off. "
                         f"Choose min_exp so that the start value is a grid point.")
    w = _widgets()
    return w.FloatLogSlider(value=value, base=10, min=min_exp, max=max_exp, step=step,
                            description=description, readout_format=fmt,
                            continuous_update=False, layout=w.Layout(**_LAYOUT), style=_STYLE)


def int_slider(description: str, value: int, min: int, max: int, step: int = 1):
    if not min <= value <= max:
        raise ValueError(f"{description}: value {value} outside [{min}, {max}]")
    w = _widgets()
    return w.IntSlider(value=value, min=min, max=max, step=step, description=description,
                       continuous_update=False, layout=w.Layout(**_LAYOUT), style=_STYLE)


def choice_slider(description: str, options, value):
    """A slider over a fixed list of values (e.g. the λ of a grid the notebook computed)."""
    options = list(options)
    if value not in options:
        raise ValueError(f"{description}: value {value} is not one of {options}")
    w = _widgets()
    return w.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value,
                             description=description, continuous_update=False,
                             layout=w.Layout(**_LAYOUT), style=_STYLE)


def dropdown(description: str, options, value=None):
    w = _widgets()
    options = list(options)
    return w.Dropdown(options=options, value=options[0] if value is None else value,
                      description=description, layout=w.Layout(**_LAYOUT), style=_STYLE)


def explore(draw: Callable[..., None], controls: Mapping[str, object], *, fixed=None):
    """Controls above the output of ``draw(**values, **fixed)``, redrawn on every change.

    ``controls`` maps ``draw``'s keyword names to widgets; ``fixed`` holds keyword values that
    do not move. Returns the box (display it, or let it be the cell's last expression).
    """
    w = _widgets()
    fixed = dict(fixed or {})

    def redraw(**values):
        draw(**values, **fixed)
        import matplotlib.pyplot as plt

        plt.show()

    out = w.interactive_output(redraw, dict(controls))
    box = w.VBox([w.VBox(list(controls.values())), out])
    box.add_class("course-explorer")
    return box


def print_numbers(numbers: Mapping[str, float], digits: int = 4) -> None:
    """Print the numbers a draw function shows as ``name = value`` lines (``digits`` significant).

    The browser test reads these lines back and compares them with the helper's values.
    """
    for name, value in numbers.items():
        print(f"{name} = {value:.{digits}g}")


def progress_enabled() -> bool:
    """False when ``COURSE_PROGRESS=0``, True otherwise.

    Notebook builds and the test suite set ``COURSE_PROGRESS=0``: stored outputs must not
    depend on how long a run took.
    """
    return os.environ.get("COURSE_PROGRESS", "1") != "0"


def _bar(**kwargs):
    """A tqdm progress bar: a notebook bar in JupyterLab and Colab (``tqdm.auto``), a text bar
    on stderr elsewhere; tqdm estimates the time left from the pace so far."""
    from tqdm.auto import tqdm

    return tqdm(leave=False, dynamic_ncols=True, **kwargs)


def progress(items: Iterable, description: str = "training") -> Iterator:
    """Yield ``items``, with a progress bar and the time left while a long loop runs (silent
    when ``COURSE_PROGRESS=0``)."""
    items = list(items)
    if not progress_enabled() or len(items) < 2:
        yield from items
        return
    bar = _bar(total=len(items), desc=description)
    try:
        for item in items:
            yield item
            bar.update(1)
    finally:
        bar.close()


class epoch_progress:  # noqa: N801 - used like a function: progress=epoch_progress()
    """``Network.train(..., progress=epoch_progress())``: an epoch bar for a long run.

    Called as ``bar(epoch, epochs)`` after each epoch; shows a tqdm bar only when the run is
    expected to take longer than ``min_seconds`` (estimated after the first epoch), and closes
    it after the last epoch. Silent when ``COURSE_PROGRESS=0`` (builds and tests).
    """

    def __init__(self, description: str = "epochs", min_seconds: float = 2.0):
        self.description, self.min_seconds = description, min_seconds
        self.t0, self.bar = time.perf_counter(), None

    def __call__(self, epoch: int, epochs: int) -> None:
        if epoch == 1 and epoch < epochs and progress_enabled():
            if (time.perf_counter() - self.t0) * epochs > self.min_seconds:
                self.bar = _bar(total=epochs, initial=1, desc=self.description, unit="epoch")
            return
        if self.bar is not None:
            self.bar.update(epoch - self.bar.n)
            if epoch >= epochs:
                self.bar.close()
                self.bar = None
