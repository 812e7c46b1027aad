"""Tests for helpers.mechanism: the line through a layer's own direction, the scale derivative,
the radial balance against the engine's own budget, the λ window, and the mechanism fields
stored with the sweeps (recomputed for one point of each new sweep)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from helpers import mechanism, tailoff
from helpers.network import Network

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import sweep_tailoff  # noqa: E402

RNG = np.random.default_rng(7)
X = RNG.uniform(0, 1, (300, 20)) * (RNG.uniform(0, 1, (300, 20)) < 0.5)
Y = (X[:, :4].sum(axis=1) * 1.3).astype(int) % 3  # labels that depend on the inputs


def _trained(sizes=(20, 6, 3), lmbda=2.0, epochs=20, seed=1):
    net = Network(sizes, init="default", seed=seed)
    net.train(X, Y, epochs, 10, 0.5, lmbda, seed=seed + 100, instrument=False)
    return net


NET = _trained()
DEEP = _trained((20, 6, 5, 3))


# -- an independent implementation: one example at a time, the book's column vectors ------------

def _cost(weights, biases, X_, y_):
    """C₀ = mean cross-entropy, examples as columns (the book's convention), the logistic and
    the two logarithms written out."""
    a = X_.T
    for w, b in zip(weights, biases, strict=True):
        a = 1 / (1 + np.exp(-(w @ a + np.reshape(b, (-1, 1)))))
    t = np.zeros_like(a)
    t[y_, np.arange(len(y_))] = 1
    return float(-np.sum(t * np.log(a) + (1 - t) * np.log(1 - a)) / len(y_))


def _scaled(net, layer, alpha):
    return [w * alpha if l == layer else w for l, w in enumerate(net.weights)]


@pytest.mark.parametrize("net,layer", [(NET, 0), (NET, 1), (DEEP, 1), (DEEP, 2)])
def test_alpha_star_is_the_minimum_of_a_brute_force_grid(net, layer):
    lmbda, n = 8.0, len(X)
    sq = float(np.sum(net.weights[layer] ** 2))
    grid = np.linspace(0.2, 2.0, 181)  # step 0.01
    f = [_cost(_scaled(net, layer, a), net.biases, X, Y) + lmbda / (2 * n) * a * a * sq
         for a in grid]
    best = grid[int(np.argmin(f))]
    got = mechanism.alpha_star(net, X, Y, lmbda, layer=layer)
    assert abs(got - best) <= 0.01, (got, best)
    p = mechanism.line_profile(net, X, Y, lmbda, layer=layer, alphas=grid)
    np.testing.assert_allclose(p.total, f, rtol=1e-10)


@pytest.mark.parametrize("net", [NET, DEEP], ids=["2 layers", "3 layers"])
def test_scale_derivative_is_the_finite_difference_of_the_cost(net):
    h = 1e-5
    s = mechanism.scale_derivative(net, X, Y)
    for layer in range(len(net.weights)):
        up = _cost(_scaled(net, layer, 1 + h), net.biases, X, Y)
        down = _cost(_scaled(net, layer, 1 - h), net.biases, X, Y)
        np.testing.assert_allclose(s[layer], -(up - down) / (2 * h), rtol=1e-6, atol=1e-9)


def test_radial_balance_is_one_exactly_where_alpha_star_is_one():
    """f'(1) = −s + (λ/n)‖w‖²: at the λ that makes the ratio 1, α* = 1."""
    s = mechanism.scale_derivative(NET, X, Y)
    sq = np.array([np.sum(w**2) for w in NET.weights])
    for layer in range(2):
        lmbda = s[layer] * len(X) / sq[layer]  # pull = push
        rb = mechanism.radial_balance(NET, X, Y, lmbda)
        assert rb.ratio[layer] == pytest.approx(1.0, rel=1e-12)
        assert rb.alpha_star[layer] == pytest.approx(1.0, abs=1e-5)


def test_radial_and_jitter_parts_of_the_engine_are_the_push_and_the_gradient_squared():
    """One full-batch step (m = n): the engine's History.radial_part is −2(1 − a)⟨w, g⟩ with
    g = η∇C₀, i.e. 2(1 − a)·η·s, and its jitter_part is η²‖∇C₀‖², s and ∇C₀ from mechanism."""
    eta, lmbda, n = 0.5, 3.0, len(X)
    net = NET.copy()
    s = mechanism.scale_derivative(net, X, Y)
    grads = mechanism._gradients(mechanism.LineCosts(net, X, Y))
    h = net.train(X, Y, 1, n, eta, lmbda, shuffle=False)
    a = eta * lmbda / n
    np.testing.assert_allclose(h.radial_part[0], 2 * (1 - a) * eta * s, rtol=1e-10)
    np.testing.assert_allclose(h.jitter_part[0], [eta**2 * np.sum(g**2) for g in grads],
                               rtol=1e-10)


def test_budget_ratio_is_the_pull_over_the_push_of_one_full_batch_step():
    eta, lmbda, n = 0.5, 3.0, len(X)
    net = NET.copy()
    rb = mechanism.radial_balance(net, X, Y, lmbda)
    h = net.train(X, Y, 1, n, eta, lmbda, shuffle=False)
    np.testing.assert_allclose(mechanism.ratio_from_budget(h.decay_part[0], h.radial_part[0],
                                                           h.a), rb.ratio, rtol=1e-10)


def test_the_balance_identity_holds_and_a_wrong_one_fails():
    eq = mechanism.balance_identity()
    assert isinstance(eq, sp.Equality)
    with pytest.raises(AssertionError, match="stationary"):
        mechanism.balance_identity(rhs=lambda a, lam_n, W, R: 0)  # the η → 0 form, exact?
    with pytest.raises(AssertionError, match="stationary"):
        mechanism.balance_identity(rhs=lambda a, lam_n, W, R: a * (lam_n * W - R))


def test_ratio_from_jitter_is_the_exact_identity_on_a_budget():
    """With jitter/radial j, the exact stationary balance gives the ratio; on the engine's
    stationary epochs it agrees with ratio_from_budget up to the norm's residual change."""
    a = 1e-3
    for j in (0.0, 0.1, 0.5):
        W, R, eta = 2.0, 0.7, 0.3
        lam_n = a / eta
        radial = 2 * (1 - a) * eta * R
        jitter = j * radial
        W = (radial + jitter) / (2 * a - a * a)  # stationary
        assert mechanism.ratio_from_jitter(a, j) == pytest.approx(lam_n * W / R, rel=1e-12)


def test_stability_bound_growth_below_and_decay_above_s_max_over_4():
    """Gradient descent from tiny weights, hidden biases 0 (σ′ = ¼), output biases at the class
    frequencies: the weights grow when λ/n is 20% below s_max/4 and shrink 20% above it."""
    eig, cond = mechanism.stability_bound()
    assert cond == sp.Lt(sp.Symbol("lambda_n", positive=True), sp.Symbol("s", positive=True) / 4)
    bound = mechanism.lmbda_window_top(X, Y, k=3)
    n = len(X)
    growth = {}
    for factor in (0.8, 1.2):
        net = Network((20, 4, 3), init=1e-4, seed=3)
        p = np.bincount(Y, minlength=3) / n
        net.biases = [np.zeros((4, 1)), np.log(p / (1 - p)).reshape(-1, 1)]
        start = sum(float(np.sum(w**2)) for w in net.weights)
        net.train(X, Y, 4000, n, 2.0, factor * bound.ratio_max * n, shuffle=False,
                  instrument=False)
        growth[factor] = sum(float(np.sum(w**2)) for w in net.weights) / start
    assert growth[0.8] > 10 and growth[1.2] < 0.1, growth


def test_input_label_correlation_is_the_covariance_of_labels_and_inputs():
    M = mechanism.input_label_correlation(X, Y, k=3)
    onehot = np.eye(3)[Y]
    np.testing.assert_allclose(M, np.cov(onehot.T, X.T, bias=True)[:3, 3:], atol=1e-14)


def test_decay_epochs_is_the_time_of_exp_minus_eta_lambda_over_m():
    e = mechanism.decay_epochs(10, 0.5, 5.0, 1.0, 0.1)
    assert math.exp(-0.5 * 5.0 / 10 * e) == pytest.approx(0.1, rel=1e-12)


def test_spread_and_margin_on_known_values():
    z = np.array([[0.5, -5.0], [2.0, 5.0]])
    sp_ = mechanism.spread(z)
    assert sp_.saturated == 0.5 and sp_.linear == 0.25
    assert sp_.std == pytest.approx(np.std(z))
    assert mechanism.Z_SATURATED == pytest.approx(4.585, abs=1e-3)
    s = 1 / (1 + np.exp(-mechanism.Z_SATURATED))
    assert s * (1 - s) == pytest.approx(0.01, rel=1e-12)
    u = np.array([[3.0, -1.0]])  # label 0: margins +3 and +1
    m = mechanism.loss_weighted_margin(u, np.array([0]))
    loss = np.log1p(np.exp(-np.array([3.0, 1.0])))
    assert m == pytest.approx(np.sum([3.0, 1.0] * loss) / loss.sum(), rel=1e-12)


def test_layer_split_predicts_each_level_from_total_and_split():
    split = mechanism.layer_split([300.0, 300.0], (784, 30, 10))
    np.testing.assert_allclose(split.predicted_rms(), np.sqrt([300 / 23_520, 300 / 300]))
    np.testing.assert_allclose(split.predicted_rms(share=split.share), split.rms)


@pytest.mark.parametrize("call,name", [
    (lambda: mechanism.line_profile(NET, X, Y, -1.0), "lmbda"),
    (lambda: mechanism.line_profile(NET, X, Y, 1.0, layer=2), "layer"),
    (lambda: mechanism.line_profile(NET, X, Y, 1.0, n=0), "n"),
    (lambda: mechanism.line_profile(NET, X, Y, 1.0, alphas=[-1.0]), "alphas"),
    (lambda: mechanism.line_profile(NET, X[:, :5], Y, 1.0), "X"),
    (lambda: mechanism.line_profile(NET, X, Y + 5, 1.0), "y"),
    (lambda: mechanism.decay_epochs(10, 0.5, 0.0, 1.0, 0.1), "lmbda"),
    (lambda: mechanism.layer_split([1.0], (784, 30, 10)), "sq_norm"),
    (lambda: tailoff.tail_drift(np.ones(5)), "sq_norm"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# -- the stored sweeps ----------------------------------------------------------------------------

def test_tail_drift_is_the_fitted_change_across_the_window():
    sq = np.exp(np.outer(np.arange(31), [-0.01, 0.002]))  # ln Σw² falls 1% per epoch
    d = tailoff.tail_drift(sq)
    assert d.window == (21, 30)
    np.testing.assert_allclose(d.per_epoch[:2], [-0.01, 0.002], atol=1e-12)
    np.testing.assert_allclose(d.across[:2], [-0.09, 0.018], atol=1e-12)
    assert not d.settled
    assert tailoff.tail_drift(np.ones((31, 2))).settled


#: one cheap run of each new sweep: (sweep, value, init, seed)
NEW_POINTS = [("deep", 2, "default", 1), ("digits", [10, 1.75], "large", 2),
              ("longer", "lmbda 40, eta 1, 45 epochs", "large", 1),
              ("book_ratio", 0.4, "default", 1)]


@pytest.mark.parametrize("sweep,value,init,seed", NEW_POINTS, ids=[p[0] for p in NEW_POINTS])
def test_stored_mechanism_fields_are_recomputed(sweep, value, init, seed):
    stored = tailoff.load_sweep(sweep).run(value, init, seed)
    variable, points = sweep_tailoff.SWEEPS[sweep]
    point = next(p for p in points if sweep_tailoff.variable_value(variable, p) == value)
    assert stored["point"] == sweep_tailoff.asdict(point)
    b = sweep_tailoff.run_point(point, init, seed)
    np.testing.assert_allclose(b.sq_norm, stored["sq_norm"], rtol=1e-10)
    want = b.mechanism.to_json()
    assert set(want) == set(stored["mechanism"])
    for k, v in want.items():
        np.testing.assert_allclose(v, stored["mechanism"][k], rtol=1e-7, atol=1e-12,
                                   err_msg=f"{sweep}: mechanism {k}")
    np.testing.assert_allclose(stored["drift"], tailoff.tail_drift(b.sq_norm).across,
                               rtol=1e-9, atol=1e-14)
    assert stored["settled"] == tailoff.tail_drift(b.sq_norm).settled


def test_draw_lines_prints_its_numbers_unless_asked_not_to(capsys):
    """The widget prints the numbers the browser test compares; the static figure beside the
    cell that prints them its own way does not print them twice."""
    import matplotlib.pyplot as plt

    lines = mechanism.LineCosts(NET, X, Y)
    f = mechanism.draw_lines(5.0, lines=lines)
    assert "alpha_star_hidden = " in capsys.readouterr().out
    assert mechanism.draw_lines(5.0, lines=lines, numbers=False) == f
    assert capsys.readouterr().out == ""
    plt.close("all")
