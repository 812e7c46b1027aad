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


def test_progress_yields_every_item_and_is_silent_outside_a_live_kernel(monkeypatch, capsys):
    monkeypatch.delenv("COURSE_PROGRESS", raising=False)
    assert not widgets.progress_enabled(), "pytest is not a live notebook kernel"
    assert list(widgets.progress(range(5))) == [0, 1, 2, 3, 4]
    assert capsys.readouterr().out == ""


def test_progress_is_off_when_builds_and_tests_say_so(monkeypatch):
    class FakeShell:
        kernel = object()

    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: FakeShell())
    monkeypatch.setenv("COURSE_PROGRESS", "1")
    assert widgets.progress_enabled()
    monkeypatch.setenv("COURSE_PROGRESS", "0")
    assert not widgets.progress_enabled()


def test_print_numbers_format(capsys):
    widgets.print_numbers({"a": 0.123456789, "b": 12345.678}, digits=4)
    assert capsys.readouterr().out == "a = 0.1235\nb = 1.235e+04\n"


def test_epoch_progress_shows_a_bar_only_for_long_runs_in_a_live_kernel(monkeypatch):
    import IPython
    import IPython.display

    from helpers.network import Network

    class FakeShell:
        kernel = object()

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: FakeShell())
    monkeypatch.setattr(IPython.display, "display", shown.append)
    monkeypatch.setenv("COURSE_PROGRESS", "1")
    X = [[0.5, 0.25]] * 4
    Network([2, 2]).train(X, [0, 1, 0, 1], 3, 2, 0.5, progress=widgets.epoch_progress())
    assert shown == [], "a run of milliseconds gets no bar"
    bar = widgets.epoch_progress(min_seconds=0.0)
    Network([2, 2]).train(X, [0, 1, 0, 1], 3, 2, 0.5, progress=bar)
    assert len(shown) == 1
    progress_bar, label = shown[0].children
    assert progress_bar.max == 3 and progress_bar.value == 3
    assert label.value.startswith("3/3, about ") and label.value.endswith(" left")
    assert bar.bar is None, "closed after the last epoch"
    monkeypatch.setenv("COURSE_PROGRESS", "0")
    quiet = widgets.epoch_progress(min_seconds=0.0)
    Network([2, 2]).train(X, [0, 1, 0, 1], 3, 2, 0.5, progress=quiet)
    assert len(shown) == 1
