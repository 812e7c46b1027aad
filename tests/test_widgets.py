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


def test_progress_yields_every_item_and_is_silent_when_builds_and_tests_say_so(monkeypatch,
                                                                             capsys):
    monkeypatch.setenv("COURSE_PROGRESS", "0")
    assert not widgets.progress_enabled()
    assert list(widgets.progress(range(5))) == [0, 1, 2, 3, 4]
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_progress_shows_a_tqdm_bar_otherwise(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_PROGRESS", "1")
    assert widgets.progress_enabled()
    assert list(widgets.progress(range(5), "grid")) == [0, 1, 2, 3, 4]
    err = capsys.readouterr().err  # outside a notebook: tqdm's text bar, on stderr
    assert "grid" in err and "/5 " in err


def test_print_numbers_format(capsys):
    widgets.print_numbers({"a": 0.123456789, "b": 12345.678}, digits=4)
    assert capsys.readouterr().out == "a = 0.1235\nb = 1.235e+04\n"


def test_epoch_progress_shows_a_bar_only_for_long_runs(monkeypatch):
    import tqdm.auto

    from helpers.network import Network

    bars = []

    class Recorder(tqdm.auto.tqdm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            bars.append(self)

    monkeypatch.setattr(tqdm.auto, "tqdm", Recorder)
    monkeypatch.setenv("COURSE_PROGRESS", "1")
    X = [[0.5, 0.25]] * 4
    Network([2, 2]).train(X, [0, 1, 0, 1], 3, 2, 0.5, progress=widgets.epoch_progress())
    assert bars == [], "a run of milliseconds gets no bar"
    bar = widgets.epoch_progress(min_seconds=0.0)
    Network([2, 2]).train(X, [0, 1, 0, 1], 3, 2, 0.5, progress=bar)
    assert len(bars) == 1
    assert bars[0].total == 3 and bars[0].n == 3, "every epoch counted"
    assert bars[0].disable or bars[0].n == bars[0].total
    assert bar.bar is None, "closed after the last epoch"
    monkeypatch.setenv("COURSE_PROGRESS", "0")
    quiet = widgets.epoch_progress(min_seconds=0.0)
    Network([2, 2]).train(X, [0, 1, 0, 1], 3, 2, 0.5, progress=quiet)
    assert len(bars) == 1, "silent in builds and tests"
