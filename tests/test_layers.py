"""helpers.layers and the checks of notebook 06: claims hold and wrong claims fail; the table,
the grid and the widget figures agree with independent computations."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pytest
import sympy

matplotlib.use("Agg")

from helpers import derivations, layers  # noqa: E402
from helpers.derivations import ProofError  # noqa: E402
from helpers.exercises import ex06  # noqa: E402


def test_output_error_claim_and_a_wrong_one():
    assert layers.output_error_cross_entropy().name == "output_error_cross_entropy"
    with pytest.raises(ProofError):
        layers.output_error_cross_entropy(rhs="(a - y)*a*(1 - a)")  # the quadratic cost's


def test_regularized_norm_claim_and_a_wrong_one():
    layers.regularized_norm_not_larger()
    with pytest.raises(ProofError):
        lam = sympy.Symbol("lambda", positive=True)
        r_l, r_0 = sympy.Symbol("R(w_lambda)", real=True), sympy.Symbol("R(w_0)", real=True)
        layers.regularized_norm_not_larger(rhs=lam * (r_l - r_0))  # the sign flipped


def test_regularized_norm_numerically_on_ridge():
    """The claim on the ridge example: ||w(alpha)||^2 <= ||w(0)||^2 for every alpha."""
    path = derivations.ridge_path(layers.RIDGE_X, layers.RIDGE_Y, np.linspace(0, 5, 51))
    sq = (path**2).sum(axis=1)
    assert np.all(sq[1:] <= sq[0]) and np.all(np.diff(sq) <= 0)


def test_weight_table_against_numpy():
    rng = np.random.default_rng(3)
    W = rng.normal(size=(30, 784))
    r = layers.weight_table([W])[0]
    assert r["count"] == W.size
    assert r["matrix_1_norm"] == pytest.approx(np.abs(W).sum(axis=0).max())
    assert r["l1"] == pytest.approx(np.abs(W).sum())
    assert r["sq_norm"] == pytest.approx((W**2).sum())
    assert r["sum_noise"] == pytest.approx(math.sqrt((W**2).sum()))
    assert abs(r["sum"]) < 5 * r["sum_noise"]


def test_ridge_growth_end_and_figures():
    a_star = layers.ridge_growth_end()
    assert a_star == pytest.approx(0.1813, abs=1e-4)
    w2 = lambda al: abs(layers.ridge_at(al)["w2"])  # noqa: E731
    assert w2(0.0) < w2(0.1) < w2(a_star) and w2(a_star) > w2(0.5)
    f = layers.ridge_at(0.3)
    assert f["shrink_small"] == pytest.approx(0.2 / 0.5)
    assert f["shrink_large"] == pytest.approx(1.8 / 2.1)


def test_norms_at_and_draw_print_them(capsys):
    from helpers.data import load_mnist

    X, y = load_mnist(source="subset").train
    X, y = X[:200], y[:200]
    grid = layers.run_grid(X, y, [0.0, 5.0], epochs=2)
    f = layers.norms_at(grid, 4.0)
    assert f["lmbda_grid"] == 5.0
    assert f["sq_norm_hidden_end"] == pytest.approx(grid[5.0].sq_norm[-1, 0])
    assert f["output_change"] == pytest.approx(grid[5.0].sq_norm[-1, 1] / grid[5.0].sq_norm[0, 1])
    layers.draw_layer_norms(5.0, grid=grid)
    out = capsys.readouterr().out
    assert f"sq_norm_total_end = {f['sq_norm_total_end']:.4g}" in out
    layers.draw_ridge_path(0.1)
    assert "w2 = -1.088" in capsys.readouterr().out
    matplotlib.pyplot.close("all")


def test_epoch_split_matches_history():
    from helpers.data import load_mnist
    from helpers.network import Network

    X, y = load_mnist(source="subset").train
    h = Network(layers.SIZES, init="large", seed=1).train(X[:100], y[:100], epochs=2,
                                                          mini_batch_size=10, eta=0.1,
                                                          lmbda=5.0, seed=2)
    s = layers.epoch_split(h, epochs=(1, 2, 3))
    assert set(s) == {1, 2}
    np.testing.assert_array_equal(s[2]["decay"], h.decay_part[1])
    assert s[1]["saturated"] == h.saturated_share[0, 0]


def test_ex06_checks_right_and_wrong():
    assert ex06.check_sum_std(math.sqrt(23_520))
    assert ex06.check_sum_std("153.4")
    assert not ex06.check_sum_std(23_520), "the variance is not the standard deviation"
    assert ex06.check_matrix_one_norm(6)
    assert not ex06.check_matrix_one_norm(10), "the entrywise L1 norm is not ord=1"
    assert ex06.check_shrink_factor(0.4)
    assert not ex06.check_shrink_factor(1.8 / 2.1), "that is the other direction"
    assert ex06.check_no_sigma_prime("output")
    assert not ex06.check_no_sigma_prime("hidden")
    assert not ex06.check_no_sigma_prime(None)


def test_sum_std_accepts_three_significant_figures():
    assert ex06.check_sum_std(153)
    assert ex06.check_sum_std("153")
    assert not ex06.check_sum_std(150)


def test_output_drift_on_a_tiny_network():
    from helpers.network import Network, sigmoid

    rng = np.random.default_rng(0)
    X, y = rng.random((50, 6)), rng.integers(0, 4, 50)
    net = Network((6, 5, 4), init="large", seed=3)
    got = layers.output_drift(net, X, y)
    h = sigmoid(X @ net.weights[0].T + net.biases[0].T)
    out = sigmoid(h @ net.weights[1].T + net.biases[1].T)
    delta = out - np.eye(4)[y]
    assert math.isclose(got["sum_gradient"], float((delta.T @ h).sum() / 50), rel_tol=1e-9)
    assert math.isclose(got["mean_hidden"], float(h.mean()), rel_tol=1e-12)
    assert math.isclose(got["mean_output"], float(out.mean()), rel_tol=1e-12)
    assert got["mean_target"] == 0.25
    W = net.weights[1]
    assert got["negative_share"] == float(np.mean(W < 0))
    assert got["negative_rows"] == int(np.sum(W.sum(axis=1) < 0))
