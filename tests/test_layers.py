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


def _tiny_run(lmbda=5.0, epochs=3):
    from helpers.network import Network

    rng = np.random.default_rng(1)
    X, y = rng.random((40, 12)), rng.integers(0, 3, 40)
    net = Network((12, 6, 3), init="large", seed=2)
    return net.train(X, y, epochs=epochs, mini_batch_size=8, eta=0.1, lmbda=lmbda, seed=3)


def test_balance_numbers_by_hand():
    run = _tiny_run()
    got = layers.balance_numbers(run)
    sq = run.sq_norm
    assert math.isclose(got["hidden_share_start"], sq[0, 0] / (sq[0, 0] + sq[0, 1]))
    assert math.isclose(got["hidden_share_end"], sq[-1, 0] / (sq[-1, 0] + sq[-1, 1]))
    assert got["imbalance_start"] == sq[0, 0] - sq[0, 1]
    assert got["imbalance_end"] == sq[-1, 0] - sq[-1, 1]
    a, steps = 0.1 * 5.0 / 40, 5 * 3  # ⌈40/8⌉ steps per epoch, 3 epochs
    assert math.isclose(got["imbalance_pure_decay"], (sq[0, 0] - sq[0, 1]) * (1 - a) ** (2 * steps))
    assert layers.draw_layer_balance(run) == got
    matplotlib.pyplot.close("all")


def test_pure_decay_leaves_the_imbalance_at_the_pure_decay_value():
    """With the data gradient off, both layers decay alone: the imbalance follows (1 − a)^(2k)."""
    from helpers.network import Network

    rng = np.random.default_rng(1)
    X, y = rng.random((40, 12)), rng.integers(0, 3, 40)
    net = Network((12, 6, 3), init="large", seed=2)
    run = net.train(X, y, epochs=2, mini_batch_size=8, eta=0.1, lmbda=5.0, seed=3,
                    data_gradient=False)
    got = layers.balance_numbers(run)
    assert math.isclose(got["imbalance_end"], got["imbalance_pure_decay"], rel_tol=1e-12)


def test_the_two_parts_add_up_to_the_change_of_the_squared_norm():
    run = _tiny_run()
    np.testing.assert_allclose(run.decay_part + run.gradient_part, np.diff(run.sq_norm, axis=0),
                               rtol=1e-9, atol=1e-9)


def test_cross_entropy_error_by_finite_differences():
    from helpers.network import sigmoid

    z = np.array([-12.0, -3.0, 0.0, 2.0, 15.0])
    target = np.array([1.0, 0.0, 1.0, 0.0, 0.0])
    h = 1e-6

    def ce(zz):
        return np.logaddexp(0.0, zz) - target * zz  # −[y ln σ + (1−y) ln(1−σ)]

    np.testing.assert_allclose((ce(z + h) - ce(z - h)) / (2 * h), sigmoid(z) - target, atol=1e-8)


def test_ridge_from_the_eigenbasis_matches_the_path():
    d_i, Q = np.linalg.eigh(layers.RIDGE_X.T @ layers.RIDGE_X)
    c0 = Q.T @ np.linalg.solve(layers.RIDGE_X, layers.RIDGE_Y)
    np.testing.assert_allclose(Q @ (d_i / (d_i + 0.1) * c0),
                               derivations.ridge_path(layers.RIDGE_X, layers.RIDGE_Y, [0.1])[0])
