"""Notebook 01's helpers: the toy update rule, its regimes, finite differences, exercise checks."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import derivations, update_rule
from helpers.exercises import ex01
from helpers.network import Network


def test_trajectory_matches_closed_form():
    """w_k - w* = (1 - eta (c + lmbda/n))^k (w_0 - w*) for the toy quadratic."""
    eta, lmbda, n = 0.1, 5.0, 10
    w_star = update_rule.regularized_minimum(lmbda, n)
    k = np.arange(update_rule.STEPS + 1)
    closed = w_star + (1 - eta * (1 + lmbda / n)) ** k * (3.0 - w_star)
    np.testing.assert_allclose(update_rule.quadratic_trajectory(3.0, eta, lmbda, n), closed,
                               rtol=1e-12)


def test_regularized_minimum_is_stationary():
    lmbda, n = 5.0, 20
    w = update_rule.regularized_minimum(lmbda, n)
    assert abs((w - update_rule.W_DATA) + lmbda / n * w) < 1e-12
    assert 0 < w < update_rule.W_DATA


def test_pure_decay_matches_derivations_twin():
    ours = update_rule.quadratic_trajectory(1.5, 1.0, 15.0, 10, data_gradient=False)
    twin = derivations.decay_trajectory(1.5, 1.0, 15.0, 10, update_rule.STEPS)
    np.testing.assert_allclose(ours, twin, rtol=1e-12)


@pytest.mark.parametrize("a, regime", [(0.05, "shrink"), (1.0, "zero in one step"),
                                       (1.5, "overshoot"), (2.0, "flip"), (3.0, "diverge")])
def test_decay_regime(a, regime):
    assert update_rule.decay_regime(a) == regime
    path = derivations.decay_trajectory(1.0, a, 1.0, 1, 5)
    if regime == "shrink":
        assert np.all(np.diff(path) < 0) and np.all(path > 0)
    if regime == "overshoot":
        assert np.all(np.diff(np.abs(path)) < 0) and np.all(path[1::2] < 0)
    if regime == "diverge":
        assert np.all(np.diff(np.abs(path)) > 0)


def test_decay_regime_rejects_nonpositive():
    with pytest.raises(ValueError, match="a = eta"):
        update_rule.decay_regime(0.0)


def test_update_numbers_penalty_points_to_zero():
    f = update_rule.update_numbers(0.5, 5.0, 4000)
    assert f["penalty_step_at_plus_1"] < 0 < f["penalty_step_at_minus_1"]
    assert f["shrink_factor"] == pytest.approx(1 - 0.5 * 5.0 / 4000, rel=1e-15)
    assert f["decay_only_after_steps"] == pytest.approx((1 - 0.5 * 5 / 4000) ** 20, rel=1e-12)


def test_draw_prints_what_update_numbers_computes(capsys):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    f = update_rule.draw_update_rule(1.0, 15.0, 10)
    plt.close("all")
    out = capsys.readouterr().out
    assert "regime: overshoot" in out
    for key, value in f.items():
        assert f"{key} = {value:.6g}" in out


def test_central_difference_matches_backprop_and_restores():
    rng = np.random.default_rng(0)
    X = rng.random((6, 5))
    y = np.array([0, 1, 2, 0, 1, 2])
    net = Network([5, 4, 3], init="default", seed=3)
    before = [w.copy() for w in net.weights]
    dW, dB = net.gradient(X, y)
    for layer, index in [(0, (1, 2)), (1, (2, 3))]:
        fd = update_rule.central_difference(net, X, y, layer, index)
        np.testing.assert_allclose(fd, dW[layer][index], rtol=1e-6)
        fd_reg = update_rule.central_difference(net, X, y, layer, index, lmbda=2.0, n=50)
        np.testing.assert_allclose(fd_reg, dW[layer][index] + 2.0 / 50 * before[layer][index],
                                   rtol=1e-6)
    fd_b = update_rule.central_difference(net, X, y, 1, (0, 0), lmbda=2.0, n=50, bias=True)
    np.testing.assert_allclose(fd_b, dB[1][0, 0], rtol=1e-6)
    for w, w0 in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)


def test_ex01_checks_pass_right_and_fail_wrong():
    assert ex01.check_shrink_factor(0.999375)
    assert not ex01.check_shrink_factor(1 - 0.5 * 5 / 10), "n is not the mini-batch size"
    assert not ex01.check_shrink_factor(None)
    assert ex01.check_penalty_step(5e-4)
    wrong_sign = ex01.check_penalty_step(-5e-4)
    assert not wrong_sign and "sign" in str(wrong_sign)
    assert ex01.check_regime("overshoot")
    assert not ex01.check_regime("shrink")
    assert not ex01.check_regime("diverge")
    assert ex01.check_regularized_minimum(1.6)
    assert not ex01.check_regularized_minimum(2.0)
    assert not ex01.check_regularized_minimum("abc")


def test_l2_step_is_one_step_of_the_engine():
    """update_rule.l2_step (the reference of exercise 5 of notebook 01) against one engine step
    on a single batch of per-example gradients."""
    rng = np.random.default_rng(4)
    X = rng.uniform(0, 1, (6, 12))
    y = rng.integers(0, 3, 6)
    net = Network([12, 5, 3], init="large", seed=3)
    grads = [np.stack([net.gradient(X[i:i + 1], y[i:i + 1])[0][l] for i in range(6)])
             for l in range(2)]
    expected = [update_rule.l2_step(w, g, 0.5, 5.0, 6) for w, g in zip(net.weights, grads,
                                                                        strict=True)]
    net.train(X, y, epochs=1, mini_batch_size=6, eta=0.5, lmbda=5.0, shuffle=False)
    for w, e in zip(net.weights, expected, strict=True):
        np.testing.assert_allclose(w, e, rtol=1e-12, atol=1e-14)
    with pytest.raises(ValueError, match="grads"):
        update_rule.l2_step(np.zeros(3), np.zeros((2, 4)), 0.5, 5.0, 10)


# -- the checks appendix A1 prints, asserted here (a lesson shows no test machinery) --------


@pytest.fixture(scope="module")
def digits():
    from helpers.data import load_mnist

    return load_mnist().train


def test_engine_gradient_matches_finite_differences_on_real_digits(digits):
    """A1's check: on ten real digits, backpropagation agrees with central differences of the
    cost for the five CHECKED_WEIGHTS (relative 1e-6, absolute below 1e-8), with the penalty
    adding exactly (λ/n)w, and a bias's derivative gaining nothing from the penalty."""
    X, y = digits
    n = len(X)
    net = Network([784, 30, 10], init="default", seed=1)
    Xb, yb = X[:10], y[:10]
    dW, dB = net.gradient(Xb, yb)
    for layer, index in update_rule.CHECKED_WEIGHTS:
        fd = update_rule.central_difference(net, Xb, yb, layer, index)
        np.testing.assert_allclose(fd, dW[layer][index], rtol=1e-6)
        assert abs(fd - dW[layer][index]) < 1e-8
        fd_reg = update_rule.central_difference(net, Xb, yb, layer, index, lmbda=5.0, n=n)
        np.testing.assert_allclose(fd_reg, dW[layer][index] + 5.0 / n * net.weights[layer][index],
                                   rtol=1e-6)
    fd_bias = update_rule.central_difference(net, Xb, yb, 0, (4, 0), lmbda=5.0, n=n, bias=True)
    np.testing.assert_allclose(fd_bias, dB[0][4, 0], rtol=1e-6)


def test_decay_step_difference_is_exactly_minus_a_w(digits):
    """A1's check: one full-batch step with λ = 5 against λ = 0 leaves the biases bit for bit
    equal and moves the weights by -a·w to within 1e-15; the network passed in is untouched."""
    X, y = digits
    net = Network([784, 30, 10], init="default", seed=1)
    before = [w.copy() for w in net.weights]
    step = update_rule.decay_step_difference(net, X, y, eta=0.5, lmbda=5.0)
    assert step.a == 0.5 * 5.0 / len(X)
    assert step.biases_identical == (True, True)
    assert max(step.max_deviation) < 1e-15
    for decay, w in zip(step.largest_decay, net.weights, strict=True):
        assert decay == pytest.approx(step.a * np.max(np.abs(w)), rel=1e-15)
    for w, w0 in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)


def test_decay_step_difference_sees_a_wrong_decay(digits, monkeypatch):
    """Not vacuous: were the engine to decay the biases too, or by a different factor, the
    difference would say so."""
    X, y = digits
    net = Network([784, 30, 10], init="default", seed=1)
    real_train = Network.train

    def train_decaying_biases(self, *args, lmbda=0.0, eta=0.0, **kw):
        history = real_train(self, *args, lmbda=lmbda, eta=eta, **kw)
        if lmbda:
            self.biases = [(1 - eta * lmbda / len(X)) * b for b in self.biases]
        return history

    monkeypatch.setattr(Network, "train", train_decaying_biases)
    step = update_rule.decay_step_difference(net, X, y, eta=0.5, lmbda=5.0)
    assert not any(step.biases_identical)
