"""Tests for helpers.saturation and the checks of notebook 03."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import derivations, saturation
from helpers.exercises import ex03
from helpers.network import Network

RNG = np.random.default_rng(0)
# a small synthetic "digit" set: 200 inputs in [0, 1], 10 classes
X = RNG.uniform(0, 1, (200, 784)) * (RNG.uniform(0, 1, (200, 784)) < 0.15)
Y = RNG.integers(0, 10, 200)


def test_init_saturation_matches_closed_form_for_a_wide_layer():
    r = saturation.init_saturation(X, 1.0, seed=3, sizes=(784, 2000, 10))
    np.testing.assert_allclose(r["z_std_closed"],
                               math.sqrt(r["x_rms"] ** 2 + 1.0))
    assert abs(r["z_std"] / r["z_std_closed"] - 1) < 0.05
    assert abs(r["share"] - r["share_mixture"]) < 0.03


def test_init_saturation_new_init_has_no_saturation():
    r = saturation.init_saturation(X, "default", seed=1)
    assert r["sigma_w"] == pytest.approx(1 / 28)
    assert r["share"] < 1e-3


def test_epoch_steps_repeats_the_engine_exactly():
    net = Network(saturation.SIZES, init="large", seed=1)
    steps = saturation.epoch_steps(net, X, Y, eta=0.5, lmbda=5.0, m=10, seed=2)
    engine = Network(saturation.SIZES, init="large", seed=1)
    h = engine.train(X, Y, epochs=1, mini_batch_size=10, eta=0.5, lmbda=5.0, seed=2)
    np.testing.assert_allclose(steps.decay_part, h.decay_part[0], rtol=1e-9)
    np.testing.assert_allclose(steps.gradient_part, h.gradient_part[0], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(steps.decay_step_norm, h.decay_step_norm[0], rtol=1e-9)
    np.testing.assert_allclose(steps.gradient_step_norm, h.gradient_step_norm[0], rtol=1e-9)
    for a, b in zip(net.weights, engine.weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_coherence_of_parallel_steps_is_one():
    net = Network(saturation.SIZES, init="large", seed=1)
    steps = saturation.epoch_steps(net, X, Y, eta=0.5, lmbda=5.0, m=10, seed=2)
    c = saturation.coherence(steps)
    assert np.all(c["decay"] > 0.99)  # every decay step points along -w
    assert np.all(c["gradient"] <= 1.0)
    assert c["random_walk"] == pytest.approx(1 / math.sqrt(20))


def test_crossover_lambda_interpolates_and_reports_nan():
    lam = np.array([0.01, 0.1, 1.0])
    sweep = {"lmbda": lam, "decay_part": -100 * lam[:, None] * np.ones((1, 2)),
             "gradient_part": np.full((3, 2), 10.0)}
    assert saturation.crossover_lambda(sweep) == pytest.approx(0.1)
    sweep["gradient_part"] = np.full((3, 2), 1e6)
    assert math.isnan(saturation.crossover_lambda(sweep))


def test_split_numbers_and_draw_print_the_same(capsys):
    import matplotlib

    matplotlib.use("Agg")
    f = saturation.draw_init_and_split(0.5, 2.0, X=X, y=Y, probe=X[:50])
    printed = dict(line.split(" = ") for line in capsys.readouterr().out.strip().splitlines())
    again = saturation.split_numbers(X, Y, X[:50], 0.5, 2.0)
    assert set(printed) == set(again)
    for k, v in again.items():
        assert float(printed[k]) == pytest.approx(v, rel=1e-3, abs=1e-12)
        assert f[k] == v


def test_ex03_checks_accept_right_and_reject_wrong():
    assert ex03.check_z_std(math.sqrt(26))
    assert not ex03.check_z_std(5.0)
    assert not ex03.check_z_std(None)
    right = float(derivations.saturated_share(2.0))
    assert ex03.check_share(right)
    assert not ex03.check_share(0.5)
    sweep = {"lmbda": np.array([0.001, 0.01]), "decay_part": np.array([[-0.04, -1.0]] * 2),
             "gradient_part": np.array([[10.0, 1.0]] * 2)}
    assert ex03.check_crossover(0.25, sweep)  # decay -40 per unit lambda, gradient 10
    assert not ex03.check_crossover(4.0, sweep)
    assert "inverse" in str(ex03.check_crossover(4.0, sweep))
    assert not ex03.check_crossover(0.25)


def _step_lengths_by_hand(X, y, init):
    """Mean decay and gradient step lengths of the hidden layer in epoch 1, from the by-hand
    epoch (saturation.epoch_steps), not from the engine's History the check reads."""
    net = Network(saturation.SIZES, init=init, seed=1)
    steps = saturation.epoch_steps(net, X, y, eta=0.5, lmbda=5.0, m=10, seed=2)
    return steps.decay_part[0], steps.gradient_part[0]


def test_ex03_bigger_step_check():
    """The check's answer against an independent computation (the by-hand epoch) and against
    what the notebook measures on the real subset (new init: gradient part +180 against decay
    part -50 in epoch 1)."""
    from helpers.data import load_mnist

    Xr, yr = load_mnist(source="subset", verbose=False).train
    decay_part, gradient_part = _step_lengths_by_hand(Xr, yr, "default")
    assert abs(gradient_part) > 2 * abs(decay_part)  # the measured fact, with room
    assert ex03.check_bigger_step("gradient part", Xr, yr)
    assert not ex03.check_bigger_step("decay part", Xr, yr)
    assert not ex03.check_bigger_step("both", Xr, yr)
    # on the synthetic set the by-hand epoch decides; the check must agree with it
    d, g = _step_lengths_by_hand(X, Y, "default")
    right = "gradient part" if abs(g) > abs(d) else "decay part"
    assert ex03.check_bigger_step(right, X, Y)


def test_norm_change_split_is_exact():
    rng = np.random.default_rng(5)
    w, g, a = rng.standard_normal((4, 3)), rng.standard_normal((4, 3)), 0.3
    d, gp = saturation.norm_change_split(w, g, a)
    new = (1 - a) * w - g
    assert d + gp == pytest.approx(np.sum(new**2) - np.sum(w**2), rel=1e-12)
    assert d == pytest.approx(((1 - a) ** 2 - 1) * np.sum(w**2), rel=1e-12)
    with pytest.raises(ValueError, match="same shape"):
        saturation.norm_change_split(w, g[:2], a)


def test_radial_split_sums_to_the_radial_gradient():
    net = Network(saturation.SIZES, init="large", seed=1)
    r = saturation.radial_split(net, X[:50], Y[:50])  # asserts the identity inside
    dW, _ = net.gradient(X[:50], Y[:50])
    assert r.radial.sum() == pytest.approx(50 * np.vdot(net.weights[0], dW[0]), rel=1e-9)
    assert r.pairs.sum() == 50 * 30
    assert np.all(r.radial_abs <= r.reach * (1 + 1e-12))  # |cos| <= 1 pair by pair
    assert np.all(r.share("pairs") >= 0) and r.share("length").sum() == pytest.approx(1)
    # an unsaturated pair has |z| < z_eps: its |cos(w_j, x)| <= (z_eps + |b_j|)/(||w_j|| ||x||)
    z_eps = float(derivations.saturation_threshold_value(0.01))
    bound = (z_eps + np.max(np.abs(net.biases[0]))) / (
        np.min(np.linalg.norm(net.weights[0], axis=1)) * np.min(np.linalg.norm(X[:50], axis=1)))
    assert r.mean_cos[1] <= bound


def test_epoch_steps_radial_matches_its_inner_products():
    net = Network(saturation.SIZES, init="large", seed=1)
    steps = saturation.epoch_steps(net, X, Y, eta=0.5, lmbda=5.0, m=10, seed=2)
    assert steps.radial.radial.sum() == pytest.approx(steps.wg[:, 0].sum(), rel=1e-9)


def test_radial_split_needs_one_hidden_layer():
    with pytest.raises(ValueError, match="one hidden layer"):
        saturation.radial_split(Network((784, 10), seed=0), X[:5], Y[:5])


# -- issue 20: the sweep on a grid, the book's epoch 1, the figures, and each check tried with a
# right, a subtly wrong and a wrong-shaped answer -------------------------------------------------

def test_lambda_sweep_is_the_single_runs():
    lambdas = [0.01, 1.0, 5.0]
    sw = saturation.lambda_sweep(X, Y, lambdas, eta=0.5)
    for i, lm in enumerate(lambdas):
        h = saturation.first_epoch_split(X, Y, "large", lm, 0.5)
        np.testing.assert_array_equal(sw["decay_part"][i], h.decay_part[0])
        np.testing.assert_array_equal(sw["gradient_part"][i], h.gradient_part[0])
    with pytest.raises(ValueError, match="lambdas"):
        saturation.lambda_sweep(X, Y, [], eta=0.5)


def test_book_epoch1_from_the_seeded_start_and_the_log():
    from helpers import book_logs
    from helpers.book_init import book_initial_sum_w2

    b = saturation.book_epoch1()
    s0 = book_initial_sum_w2()
    assert b.s0 == pytest.approx(s0) and sum(b.s0_layers) == pytest.approx(s0)
    f2 = (1 - 0.5 * 5 / 50_000) ** (2 * 5_000)
    after = book_logs.regularized_full_sum_w2()[0]
    assert b.pure == pytest.approx(s0 * f2)
    assert b.ratio["back-out"] == pytest.approx(s0 * (1 - f2) / (after - s0 * f2))
    assert 10 < b.ratio["back-out"] < b.ratio["pessimistic"] < 13
    assert b.start_in_std == pytest.approx((s0 - 23_820) / math.sqrt(2 * 23_820))


def test_figures_of_notebook_03_draw_and_refuse_bad_input():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    saturation.draw_step_sketch(ax, 4.7)
    for bad in ({"step_ratio": 0.0}, {"step_ratio": 2.0, "radial_share": 1.5}):
        with pytest.raises(ValueError, match=next(iter(bad)) if len(bad) == 1 else "radial"):
            saturation.draw_step_sketch(ax, **bad)
    fig, ax = plt.subplots()
    sw = {"lmbda": np.array([0.01, 0.1, 1.0]),
          "decay_part": -np.array([[1.0, 0.1], [10, 1], [100, 10]]),
          "gradient_part": np.array([[10.0, 5.0], [10, 5], [10, 5]])}
    saturation.plot_crossover(ax, sw, saturation.book_epoch1())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == 5 and any("book" in lab for lab in labels)
    plt.close("all")


def test_ex03_checks_right_subtly_wrong_and_wrong_shape():
    right_share = float(derivations.saturated_share(2.0))
    cases = [  # (check, right, subtly wrong, a word naming the slip, wrong-shaped)
        (ex03.check_z_std, math.sqrt(26), 5.0, "bias", [5.1]),
        (ex03.check_z_std, math.sqrt(26), 26.0, "variance", "five"),
        (ex03.check_share, right_share, right_share / 2, "tail", (right_share,)),
        (ex03.check_share, right_share, float(derivations.saturated_share(math.sqrt(2))),
         "variance", {"share": right_share}),
    ]
    for check, right, subtle, word, shape in cases:
        assert check(right)
        v = check(subtle)
        assert not v and word in str(v), str(v)
        w = check(shape)
        assert not w and "not a finite number" in str(w)
    sweep = {"lmbda": np.array([0.001, 0.01]), "decay_part": np.array([[-0.04, -1.0]] * 2),
             "gradient_part": np.array([[10.0, 1.0]] * 2)}
    assert ex03.check_crossover(0.25, sweep)
    assert "inverse" in str(ex03.check_crossover(4.0, sweep))
    assert "not a finite number" in str(ex03.check_crossover([0.25], sweep))
    assert "check_crossover(answer, sweep)" in str(ex03.check_crossover(0.25))


def test_closed_forms_written_out_match_the_twins():
    """saturation.z_threshold / closed_share / init_saturation's closed forms (numpy, fast)
    against the derivations' twins (made from the SymPy proofs)."""
    assert saturation.z_threshold(0.01) == pytest.approx(
        float(derivations.saturation_threshold_value(0.01)), rel=1e-12)
    for s in (0.5, 2.0, 9.4):
        assert float(saturation.closed_share(s)) == pytest.approx(
            float(derivations.saturated_share(s, 0.01)), rel=1e-9)
    r = saturation.init_saturation(X[:50], 1.0, seed=1)
    assert r["z_std_closed"] == pytest.approx(
        float(derivations.weighted_input_std(r["x_rms"], 1.0, 1.0)), rel=1e-12)
    norms = np.linalg.norm(X[:50], axis=1)
    mixture = np.mean(derivations.saturated_share(derivations.weighted_input_std(norms, 1.0, 1.0)))
    assert r["share_mixture"] == pytest.approx(float(mixture), rel=1e-9)
