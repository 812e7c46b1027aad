"""The exercise-check machinery and notebook 00's checks: right answers pass, wrong ones fail."""

from __future__ import annotations

import math

import pytest

from helpers.exercises import check_array, check_choice, check_number, ex00


def test_check_number_accepts_forms_a_learner_types():
    for answer in (79400, 79400.0, "79,400", " 79 400 ", "7.94e4"):
        assert check_number(answer, 79400, rtol=0, why="w", hint="h"), answer


def test_check_number_rejects_and_says_why():
    v = check_number(2.0, 1.0, why="w", hint="the hint")
    assert not v and "too large" in str(v) and "the hint" in str(v)
    assert not check_number(None, 1.0, why="w", hint="h")
    assert not check_number(True, 1.0, why="w", hint="h"), "a bool is not a number"
    assert not check_number("abc", 1.0, why="w", hint="h")
    assert not check_number(math.nan, 1.0, why="w", hint="h")
    close = check_number(1.004, 1.0, rtol=1e-3, why="w", hint="h")
    assert not close and "close" in str(close)


def test_check_choice_normalises_and_never_raises():
    opts = ("training-set size", "number of weights")
    assert check_choice("Training set size", opts[0], opts, why="w", hint="h")
    assert check_choice("training_set_size", opts[0], opts, why="w", hint="h")
    assert not check_choice("number of weights", opts[0], opts, why="w", hint="h")
    unknown = check_choice("something else", opts[0], opts, why="w", hint="h")
    assert not unknown and "not one of the options" in str(unknown)


def test_check_array_shape_and_values():
    assert check_array([1.0, 2.0], [1.0, 2.0], why="w", hint="h")
    assert "shape" in str(check_array([1.0], [1.0, 2.0], why="w", hint="h"))
    assert not check_array([1.0, 2.5], [1.0, 2.0], why="w", hint="h")


def test_ex00_checks():
    assert ex00.check_n_weights(784 * 100 + 100 * 10)
    assert not ex00.check_n_weights(784 * 100 + 100 * 10 + 110), "biases are not weights"
    assert ex00.check_which_n("training-set size")
    assert not ex00.check_which_n("number of weights")
    assert ex00.check_per_epoch_factor(math.exp(-0.05))
    assert ex00.check_per_epoch_factor(0.951), "three significant figures are enough"
    assert not ex00.check_per_epoch_factor(math.exp(-0.5))


@pytest.mark.parametrize("sizes", [[784], [784, 0, 10]])
def test_n_weights_rejects_bad_sizes(sizes):
    with pytest.raises(ValueError, match="sizes"):
        ex00.n_weights(sizes)
