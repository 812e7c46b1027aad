"""The widget glue: sliders start on their grid, and explore() calls the draw function."""

from __future__ import annotations

import math

import pytest

from helpers import widgets


def test_log_slider_start_must_be_a_grid_point():
    s = widgets.log_slider("λ", 5.0, math.log10(5) - 2, math.log10(5) + 2, 0.1)
    assert s.value == pytest.approx(5.0)
    with pytest.raises(ValueError, match="grid"):
        widgets.log_slider("λ", 5.0, -3, 2, 0.1)
    with pytest.raises(ValueError, match="outside"):
        widgets.log_slider("λ", 500.0, -1, 1, 0.1)


def test_sliders_refuse_start_values_outside_their_range():
    with pytest.raises(ValueError, match="η"):
        widgets.slider("η", 3.0, 0.0, 1.0, 0.1)
    with pytest.raises(ValueError, match="m"):
        widgets.int_slider("m", 0, 1, 10)
    with pytest.raises(ValueError, match="not one of"):
        widgets.choice_slider("λ", [1.0, 2.0], 3.0)


def test_explore_draws_with_the_controls_values_and_fixed_ones():
    calls = []
    box = widgets.explore(lambda lmbda, grid: calls.append((lmbda, grid)),
                          {"lmbda": widgets.choice_slider("λ", [1.0, 5.0], 5.0)},
                          fixed={"grid": "G"})
    assert calls == [(5.0, "G")], "the widget draws at once, with its starting values"
    box.children[0].children[0].value = 1.0
    assert calls[-1] == (1.0, "G")
