"""The exercise-check machinery and notebook 00's checks: right answers pass, wrong ones fail."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from helpers.exercises import (
    Case,
    Mistake,
    check_array,
    check_choice,
    check_expression,
    check_function,
    check_number,
    ex00,
    ex01,
    ex02,
    ex03,
    ex09,
    significant_figures,
)


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
    assert not close and "close" in str(close) and "method error" in str(close)


@pytest.mark.parametrize("value, figures", [
    (0.057, 2), ("0.057", 2), (5.0, 2), (np.float32(0.999375), 6), (0.9993750001, 10),
    (79400, 5), ("7.94e4", 3), (1e-05, 1), ("-0.01044", 4)])
def test_significant_figures_as_given(value, figures):
    assert significant_figures(value) == figures


def test_check_number_judges_at_the_precision_given():
    kw = {"why": "w", "hint": "h"}
    assert check_number(0.057, 0.0566, rtol=1e-2, **kw), "a correct rounding to 2 figures"
    assert check_number(np.float32(0.999375), 0.999375, rtol=1e-9, figures=6, **kw)
    assert check_number(0.9993750001, 0.999375, rtol=1e-9, figures=6, **kw)
    so_far = check_number(0.7787, 0.7787399, rtol=2e-6, figures=6, **kw)
    assert not so_far and "right so far" in str(so_far) and "6" in str(so_far)
    method = check_number(0.7788, 0.7787399, rtol=2e-6, figures=6, **kw)
    assert not method and "not a rounding" in str(method) and "right so far" not in str(method)
    named = check_number(5.0, math.sqrt(26), rtol=1e-3, mistakes=((5.0, "the bias"),), **kw)
    assert not named and "the bias" in str(named)
    sign = check_number(-0.01044, 0.010443, rtol=5e-3, **kw)
    assert not sign and "wrong sign" in str(sign)


def test_check_choice_normalises_and_never_raises():
    opts = ("training-set size", "number of weights")
    assert check_choice("Training set size", opts[0], opts, why="w", hint="h")
    assert check_choice("training_set_size", opts[0], opts, why="w", hint="h")
    assert not check_choice("number of weights", opts[0], opts, why="w", hint="h")
    unknown = check_choice("something else", opts[0], opts, why="w", hint="h")
    assert not unknown and "not one of the options" in str(unknown)


def test_check_choice_accepts_aliases_and_lists_the_options():
    opts = ("ηλ ≪ n", "(ηλ)² ≪ mn")
    ascii_ = {"eta*lmbda << n": opts[0], "(eta*lmbda)^2 << m*n": opts[1]}
    assert check_choice("(eta*lmbda)^2 << m*n", opts[1], opts, why="w", hint="h", aliases=ascii_)
    assert not check_choice("eta*lmbda << n", opts[1], opts, why="w", hint="h", aliases=ascii_)
    assert check_choice("(ηλ)² ≪ mn", opts[1], opts, why="w", hint="h", aliases=ascii_)
    empty = str(check_choice(None, opts[1], opts, why="w", hint="h", aliases=ascii_))
    assert "'ηλ ≪ n', '(ηλ)² ≪ mn'" in empty and "eta" not in empty
    with pytest.raises(ValueError):
        check_choice("x", opts[1], opts, why="w", hint="h", aliases={"x": "not an option"})


def test_ex09_which_condition_in_the_course_notation():
    assert ex09.check_which_condition("(ηλ)² ≪ mn")
    assert ex09.check_which_condition("(eta*lmbda)^2 << m*n")  # the ASCII spelling
    assert not ex09.check_which_condition("ηλ ≪ n")
    assert not ex09.check_which_condition("eta*lmbda << n")
    prompt = str(ex09.check_which_condition(None))
    assert "(ηλ)² ≪ mn" in prompt and "lmbda" not in prompt



def test_check_array_shape_and_values():
    assert check_array([1.0, 2.0], [1.0, 2.0], why="w", hint="h")
    assert "shape" in str(check_array([1.0], [1.0, 2.0], why="w", hint="h"))
    assert not check_array([1.0, 2.5], [1.0, 2.0], why="w", hint="h")


def test_ex00_checks():
    assert ex00.check_n_weights(784 * 100 + 100 * 10)
    assert not ex00.check_n_weights(784 * 100 + 100 * 10 + 110), "biases are not weights"
    assert ex00.check_target_ratio(math.sqrt(23_820 / 784))
    assert "square root" in str(ex00.check_target_ratio(23_820 / 784))
    assert "upside down" in str(ex00.check_target_ratio(math.sqrt(784 / 23_820)))
    assert ex00.check_per_epoch_factor(math.exp(-0.05))
    assert ex00.check_per_epoch_factor(0.951), "three significant figures are enough"
    assert not ex00.check_per_epoch_factor(math.exp(-0.5))


#: every numeric or choice check of notebooks 00-02 with a right answer, a subtly wrong one (a
#: near miss a learner could make: a digit, a sign, the wrong n, an exponent) and a wrong-shaped
#: one (a list, a word where a number belongs, a number where a word belongs)
NUMBER_CHECKS = {
    "ex00.check_n_weights": (ex00.check_n_weights, 79_400, 79_510, [79_400]),
    "ex00.check_target_ratio": (ex00.check_target_ratio, 5.51, 5.52, "five and a half"),
    "ex00.check_per_epoch_factor": (ex00.check_per_epoch_factor, 0.9512, 0.9048, (0.9512,)),
    "ex01.check_shrink_factor": (ex01.check_shrink_factor, 0.999375, 0.99375, [0.999375]),
    "ex01.check_penalty_step": (ex01.check_penalty_step, 5e-4, -5e-4, {"step": 5e-4}),
    "ex01.check_regime": (ex01.check_regime, "overshoot", "shrink", 1.5),
    "ex01.check_regularized_minimum": (ex01.check_regularized_minimum, 1.6, 1.33, [1.6, 0]),
    "ex02.check_exact_factor": (ex02.check_exact_factor, 0.7787399, 0.7788008, [0.7787399]),
    "ex02.check_steps": (ex02.check_steps, 7143, 7142, "7143 steps"),
    "ex02.check_leading_term": (ex02.check_leading_term, -6.25e-6, -1.25e-5, np.array([1, 2])),
    "ex02.check_rate_ten_percent": (ex02.check_rate_ten_percent, 0.176, 0.2, "a = 0.176"),
}


@pytest.mark.parametrize("name", list(NUMBER_CHECKS))
def test_each_check_of_00_to_02_tells_right_from_subtly_wrong_and_wrong_shaped(name):
    check, right, subtly_wrong, wrong_shape = NUMBER_CHECKS[name]
    assert check(right), f"{name}: the right answer {right!r} is refused"
    near = check(subtly_wrong)
    assert not near and str(near).startswith("Not yet."), f"{name}: {subtly_wrong!r} passes"
    shaped = check(wrong_shape)  # refused with a message, never an exception
    assert not shaped and str(shaped).startswith("Not yet."), f"{name}: {wrong_shape!r} passes"
    assert not check(None)


@pytest.mark.parametrize("sizes", [[784], [784, 0, 10]])
def test_n_weights_rejects_bad_sizes(sizes):
    with pytest.raises(ValueError, match="sizes"):
        ex00.n_weights(sizes)


# -- code and symbolic exercises: a right answer, a subtly wrong one, a wrong shape ----------


def test_check_function_names_the_failing_case():
    cases = (Case("x = 1", (1.0,)), Case("x = -2", (-2.0,)))
    kw = {"why": "w", "hint": "h"}
    assert check_function(abs, abs, cases, **kw)
    v = check_function(lambda x: x, abs, cases, **kw)
    assert not v and "x = -2" in str(v)
    v = check_function(lambda x: [x, x], abs, cases, **kw)
    assert not v and "shape (2,)" in str(v) and "x = 1" in str(v)
    v = check_function(lambda x: 1 / 0, abs, cases, **kw)
    assert not v and "ZeroDivisionError" in str(v)
    v = check_function(lambda x: -x, abs, cases, mistakes=(Mistake("flipped", lambda x: -x),), **kw)
    assert not v and "flipped" in str(v)
    assert not check_function(None, abs, cases, **kw)
    assert "not a function" in str(check_function(3.0, abs, cases, **kw))


def test_check_expression_proves_and_names_mistakes():
    x, y = sp.symbols("x y")
    kw = {"why": "w", "hint": "h", "symbols": {"x": x, "y": y}}
    assert check_expression((x + y) ** 2, x**2 + 2 * x * y + y**2, **kw)
    assert check_expression("x**2 + 2*x*y + y**2", (x + y) ** 2, **kw)
    v = check_expression(x**2 + y**2, (x + y) ** 2,
                         mistakes=(Mistake("cross term", expression=x**2 + y**2),), **kw)
    assert not v and "cross term" in str(v)
    assert "uses q" in str(check_expression("q", x, **kw))
    assert not check_expression(3, x, **kw)


def _n_weights(sizes):
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def test_ex00_n_weights_function():
    assert ex00.check_n_weights_function(_n_weights)
    wrong = ex00.check_n_weights_function(lambda s: _n_weights(s) + sum(s[1:]))
    assert not wrong and "biases" in str(wrong)
    shape = ex00.check_n_weights_function(
        lambda s: [a * b for a, b in zip(s[:-1], s[1:], strict=True)])
    assert not shape and "shape" in str(shape) and "784, 30, 10" in str(shape)


def _l2_step(w, grads, eta, lmbda, n):
    return (1 - eta * lmbda / n) * w - eta * np.mean(grads, axis=0)


def test_ex01_l2_step_function():
    assert ex01.check_l2_step(_l2_step)
    wrong = ex01.check_l2_step(
        lambda w, g, eta, lmbda, n: (1 - eta * lmbda / n) * (w - eta * np.mean(g, axis=0)))
    assert not wrong and "shrink after" in str(wrong)
    wrong = ex01.check_l2_step(
        lambda w, g, eta, lmbda, n: (1 - eta * lmbda / len(g)) * w - eta * np.mean(g, axis=0))
    assert not wrong and "batch size" in str(wrong)
    shape = ex01.check_l2_step(lambda w, g, eta, lmbda, n: (1 - eta * lmbda / n) * w - eta * g)
    assert not shape and "shape" in str(shape)


def test_ex01_shrink_factor_precision():
    assert ex01.check_shrink_factor(0.9993750001)
    assert ex01.check_shrink_factor(np.float32(0.999375))
    assert "right so far" in str(ex01.check_shrink_factor(0.99938))
    assert "mini-batch" in str(ex01.check_shrink_factor(0.75))


def test_ex02_exact_factor_function():
    assert ex02.check_exact_factor_function(
        lambda eta, lmbda, n, m: (1 - eta * lmbda / n) ** math.ceil(n / m))
    wrong = ex02.check_exact_factor_function(
        lambda eta, lmbda, n, m: (1 - eta * lmbda / n) ** (n / m))
    assert not wrong and "m does not divide n" in str(wrong)
    shape = ex02.check_exact_factor_function(
        lambda eta, lmbda, n, m: [(1 - eta * lmbda / n) ** math.ceil(n / m)])
    assert not shape and "shape (1,)" in str(shape)


def test_ex02_exact_factor_precision():
    assert ex02.check_exact_factor(0.7787399)
    so_far = ex02.check_exact_factor(0.7787)
    assert not so_far and "right so far" in str(so_far)
    approx = ex02.check_exact_factor(math.exp(-0.25))
    assert not approx and "approximation" in str(approx)


def _split(w, g, a):
    return (((1 - a) ** 2 - 1) * np.vdot(w, w), np.vdot(g, g) - 2 * (1 - a) * np.vdot(w, g))


def test_ex03_norm_split_function():
    assert ex03.check_norm_split(_split)
    wrong = ex03.check_norm_split(
        lambda w, g, a: (((1 - a) ** 2 - 1) * np.vdot(w, w), np.vdot(g, g) - 2 * np.vdot(w, g)))
    assert not wrong and "(1 − a)" in str(wrong)
    shape = ex03.check_norm_split(lambda w, g, a: ((1 - a) ** 2 - 1) * w * w)
    assert not shape and "shape (30, 784)" in str(shape)


def test_ex03_radial_identity_expression():
    d, z, b = ex03.delta, ex03.z, ex03.b
    assert ex03.check_radial_identity(d * (z - b))
    assert ex03.check_radial_identity("delta*z - b*delta")
    wrong = ex03.check_radial_identity(d * z)
    assert not wrong and "bias" in str(wrong)
    assert "not a SymPy expression" in str(ex03.check_radial_identity([d, z]))


def test_ex03_z_std_precision():
    assert ex03.check_z_std(math.sqrt(26)) and ex03.check_z_std(5.1)
    forgot = ex03.check_z_std(5.0)
    assert not forgot and "bias" in str(forgot) and "significant" not in str(forgot)


def test_ex08_equilibrium_angle_function():
    from helpers.exercises.ex08 import check_equilibrium_angle

    assert check_equilibrium_angle(lambda a: math.acos(1 - a)).ok
    assert check_equilibrium_angle(lambda a: 2 * math.asin(math.sqrt(a / 2))).ok  # same θ
    small = check_equilibrium_angle(lambda a: math.sqrt(2 * a))  # the approximation
    assert not small.ok and "small-a approximation" in small.message
    sine = check_equilibrium_angle(lambda a: math.sqrt(2 * a - a * a))
    assert not sine.ok and "sine" in sine.message
    assert not check_equilibrium_angle(lambda a: math.acos(1 - a) * (1 + 1e-6)).ok
    assert not check_equilibrium_angle(None).ok
    assert not check_equilibrium_angle(0.0354).ok  # a number, not a function


def test_ex08_relax_epochs_right_subtly_wrong_and_wrong_shaped():
    from helpers.exercises.ex08 import check_relax_epochs

    assert check_relax_epochs(10) and check_relax_epochs("10.0")
    for wrong, word in ((50_000, "number of steps"), (20, "1/(ηλ′)"), (0.0002, "book's λ")):
        v = check_relax_epochs(wrong)
        assert not v and word in v.message, (wrong, v.message)
    assert not check_relax_epochs(10.5)  # close, a method error
    for shaped in (None, "ten", [10]):
        assert not check_relax_epochs(shaped)


def test_ex08_balanced_penalty_right_subtly_wrong_and_wrong_shaped():
    from helpers.exercises.ex08 import check_balanced_penalty

    assert check_balanced_penalty(lambda a, b: 2 * math.sqrt(a * b))
    assert check_balanced_penalty(lambda a, b: 2 * (a * b) ** 0.5)
    half = check_balanced_penalty(lambda a, b: math.sqrt(a * b))
    assert not half and "twice" in half.message
    plain = check_balanced_penalty(lambda a, b: a + b)
    assert not plain and "without rescaling" in plain.message
    assert not check_balanced_penalty(lambda a, b: 2 * math.sqrt(a * b) * (1 + 1e-6))
    assert not check_balanced_penalty(None)
    assert not check_balanced_penalty(5313.0)  # a number, not a function
    assert not check_balanced_penalty(lambda a, b: [a, b])  # wrong shape


# -- notebooks 04 and 09: each check with a right, a subtly wrong and a wrong-shaped answer ----

def test_ex04_cost_ratio_from_the_radial_balance():
    from helpers.exercises import ex04

    margin, rho = 0.6442, 1.2419
    assert ex04.check_cost_ratio(margin * rho, margin, rho)
    assert ex04.check_cost_ratio(0.64 * 1.24, margin, rho), "from the printed two decimals"
    half = ex04.check_cost_ratio(margin * rho / 2, margin, rho)
    assert not half and "whole pull" in str(half)
    push_only = ex04.check_cost_ratio(margin, margin, rho)
    assert not push_only and "push alone" in str(push_only)
    assert not ex04.check_cost_ratio([margin * rho], margin, rho)
    assert not ex04.check_cost_ratio(0.8)  # the measured inputs must be passed


def test_ex09_factor_error_leading_term():
    assert ex09.check_factor_error(-2.5e-7) and ex09.check_factor_error("-2.5e-7")
    no_m = ex09.check_factor_error(-2.5e-6)
    assert not no_m and "left out m" in str(no_m)
    sign = ex09.check_factor_error(2.5e-7)
    assert not sign and "wrong sign" in str(sign)
    assert not ex09.check_factor_error("(ηλ)² ≪ mn")  # the old multiple choice: not a number


def test_ex09_book_start_in_standard_deviations():
    from helpers.book_init import book_initial_sum_w2

    z = (book_initial_sum_w2() - 23_820) / math.sqrt(2 * 23_820)
    assert ex09.check_start_z(z) and ex09.check_start_z(-1.38)
    wrong_sd = ex09.check_start_z((book_initial_sum_w2() - 23_820) / math.sqrt(23_820))
    assert not wrong_sd and "√(2N_w)" in str(wrong_sd)
    assert not ex09.check_start_z(book_initial_sum_w2())  # the copied number is not the answer
    assert not ex09.check_start_z({"z": z})


def test_ex09_book_multiple_of_one_over_root_n_w():
    from helpers.verdict import book_check

    s = book_check()["sum_w2"]
    assert ex09.check_book_multiple(math.sqrt(s)) and ex09.check_book_multiple(53.7)
    rms = ex09.check_book_multiple(math.sqrt(s / 23_820))
    assert not rms and "RMS itself" in str(rms)
    assert not ex09.check_book_multiple(s / math.sqrt(23_820))
    assert not ex09.check_book_multiple("fifty")
