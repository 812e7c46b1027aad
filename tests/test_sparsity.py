"""helpers.sparsity and the checks of notebook 07: the three rules, their fixed behaviour with
zero gradient, agreement with the engine, and the grid figures."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from helpers import derivations, sparsity  # noqa: E402
from helpers.exercises import ex07  # noqa: E402
from helpers.network import Network  # noqa: E402


def test_rules_against_the_proved_twins():
    rng = np.random.default_rng(1)
    w, g, a = rng.normal(0, 0.01, 500), rng.normal(0, 0.003, 500), 0.004
    np.testing.assert_allclose(sparsity.l1_prox_step(w, g, a),
                               derivations.soft_threshold_value(w - g, a), atol=1e-15)
    np.testing.assert_allclose(sparsity.l1_subgradient_step(w, g, a),
                               derivations.subgradient_step(w, a) - g, atol=1e-15)
    np.testing.assert_allclose(sparsity.l2_step(w, g, a), (1 - a) * w - g)


def test_zero_gradient_behaviour():
    a = 0.25  # dyadic: exact in floating point
    assert np.all(sparsity.trajectory("l2", 1.0, a, 50) != 0)
    prox = sparsity.trajectory("l1-prox", 1.0, a, 10)
    assert prox[4] == 0.0 and np.all(prox[4:] == 0.0) and np.all(prox[:4] > 0)
    sub = sparsity.trajectory("l1", 0.375, a, 10)
    assert np.all(sub != 0) and np.all(np.abs(sub[2:]) < a)  # chatter in the band
    np.testing.assert_array_equal(sub[2::2], sub[2])  # period two


@pytest.mark.parametrize("penalty", ["l1", "l1-prox"])
def test_engine_agrees_with_the_rules_without_data_gradient(penalty):
    X = np.zeros((20, 784))
    y = np.arange(20) % 10
    net = Network(sparsity.SIZES, init="default", seed=4)
    start = [w.copy() for w in net.weights]
    net.train(X, y, epochs=1, mini_batch_size=5, eta=0.5, lmbda=2.0, penalty=penalty,
              shuffle=False, data_gradient=False, instrument=False)
    a = 0.5 * 2.0 / 20
    for w0, w1 in zip(start, net.weights, strict=True):
        expected = w0
        for _ in range(4):
            expected = sparsity.RULES[penalty](expected, 0.0, a)
        np.testing.assert_allclose(w1, expected, rtol=1e-12, atol=1e-15)


def test_sparsity_and_kurtosis():
    s = sparsity.sparsity([np.array([[0.0, 0.001, -0.5]]), np.array([[0.0, 2.0]])], a=0.01)
    assert s["zero"] == pytest.approx(2 / 5) and s["band"] == pytest.approx(3 / 5)
    assert s["zero_hidden"] == pytest.approx(1 / 3) and s["zero_output"] == 0.5
    u = np.linspace(-1, 1, 100_001)
    assert sparsity.excess_kurtosis(u) == pytest.approx(-1.2, abs=1e-3)
    assert np.isnan(sparsity.excess_kurtosis(np.zeros(5)))


def test_sparsity_at_and_draw(capsys):
    from helpers.data import load_mnist

    X, y = load_mnist(source="subset").train
    grid = sparsity.run_grid(X[:100], y[:100], [0.1, 10.0], epochs=1)
    f = sparsity.sparsity_at(grid, 8.0, "l1-prox")
    assert f["lmbda_grid"] == 10.0 and f["a"] == pytest.approx(0.5 * 10 / 100)
    assert sparsity.sparsity_at(grid, 10.0, "l2")["zero"] == 0.0
    assert sparsity.sparsity_at(grid, 10.0, "l1")["zero"] == 0.0
    sparsity.draw_sparsity(10.0, "l1-prox", grid=grid)
    assert f"zero = {f['zero']:.4g}" in capsys.readouterr().out
    curves = sparsity.draw_accuracy_vs_zeros(grid)
    assert set(curves) == {"l2", "l1", "l1-prox"}
    matplotlib.pyplot.close("all")


def test_ex07_checks_right_and_wrong():
    assert ex07.check_prox_steps(12)
    assert not ex07.check_prox_steps(14)
    assert ex07.check_chatter_value(0.0015)
    assert not ex07.check_chatter_value(0.001), "that is the value after an even count"
    assert not ex07.check_chatter_value(0)


def test_ex07_uniform_band_rms_right_subtly_wrong_and_wrong_shaped():
    right = 0.005 / np.sqrt(3)
    assert ex07.check_uniform_band_rms(right) and ex07.check_uniform_band_rms("0.00289")
    printed = ex07.check_uniform_band_rms(0.0028)  # the proximal rule's printed rms
    assert not printed and "not a rounding" in printed.message
    for wrong, word in ((0.005 / np.sqrt(12), "2a wide"), (0.0025, "mean of |w|"),
                        (0.005, "half-width"), (0.005 / np.sqrt(2), "±a")):
        v = ex07.check_uniform_band_rms(wrong)
        assert not v and word in v.message, (wrong, v.message)
    for shaped in (None, "a/sqrt(3)", [0.00289]):
        assert not ex07.check_uniform_band_rms(shaped)


def test_ex07_three_rules_right_subtly_wrong_and_wrong_shaped():
    right = [0.9975 * 0.003 - 0.0012, 0.003 - 0.0025 - 0.0012, 0.0]
    assert ex07.check_three_rules(right)
    assert ex07.check_three_rules(np.array(right))
    threshold_first = ex07.check_three_rules([right[0], right[1], -0.0007])
    assert not threshold_first and "thresholds v = w − g" in threshold_first.message
    clipped = ex07.check_three_rules([right[0], 0.0, 0.0])
    assert not clipped and "jumps over" in clipped.message
    decay_after = ex07.check_three_rules([0.9975 * (0.003 - 0.0012), right[1], 0.0])
    assert not decay_after and "(1 − a)w − g" in decay_after.message
    for shaped in (None, 0.0, [right[0], right[1]], "l1-prox", [[0.0] * 3]):
        v = ex07.check_three_rules(shaped)
        assert not v and ("Replace" in v.message or "three numbers" in v.message
                          or "not a list" in v.message), (shaped, v.message)


def test_trajectory_is_the_closed_form_under_l2():
    np.testing.assert_allclose(sparsity.trajectory("l2", 0.0105, 0.0025, 12),
                               0.0105 * (1 - 0.0025) ** np.arange(13))


@pytest.mark.parametrize("values, percent, text", [
    ([0.84, 0.86, 0.85, 0.87], True, "86 ± 1%"),
    ([0.1, 0.1, 0.1], True, "10 ± 0%"),
    ([180.0, 200.0, 190.0], False, "190 ± 10"),
    ([-1.17, -1.19, -1.18], False, "-1.2 ± 0.0"),
    ([0.0042, 0.0038, 0.0040], False, "0.0040 ± 0.0002"),
])
def test_ensemble_text_rounds_to_the_second_significant_figure(values, percent, text):
    assert sparsity.ensemble_text(values, percent=percent) == text


def test_seed_ensemble_needs_two_seeds():
    with pytest.raises(ValueError, match="seeds must hold at least two seeds"):
        sparsity.seed_ensemble(np.zeros((10, 784)), np.zeros(10, int), [1.0], seeds=[1])


def _printed_values(ens):
    """What 07 prints of the ensemble: (λ, key, value, step) for the mean and the sd."""
    out = []
    for lam, stats in ens.items():
        for key in sparsity.ENSEMBLE_KEYS[1:]:
            v = np.asarray(stats[key]) * (100.0 if key in ("band", "accuracy") else 1.0)
            step = sparsity.ensemble_step(v)
            out.append((lam, key, "mean", float(v.mean()), step))
            out.append((lam, key, "sd", float(v.std(ddof=1)), step))
    return out


def test_the_chaotic_rows_printed_digits_survive_another_cpu(monkeypatch):
    """07 prints the subgradient rule's chaotic statistics as means over eight seeds. Another CPU
    moves every run a little (a one-ulp move of every start stands in for it): each printed mean
    and sd must lie more than three such moves from its rounding boundary, and the text must not
    change. A statistic printed as one run, or to one more digit, fails here."""
    from helpers.data import load_subset

    (X, y), (Xv, yv), _ = load_subset()
    X, y = X[:1000], y[:1000]
    kw = {"eta": 0.5, "m": 10, "epochs": 10, "evaluation": (Xv, yv)}
    plain = sparsity.seed_ensemble(X, y, sparsity.CHAOTIC_LAMBDAS, **kw)
    monkeypatch.setenv("COURSE_PERTURB", "1")
    moved = sparsity.seed_ensemble(X, y, sparsity.CHAOTIC_LAMBDAS, **kw)
    chaotic = [max(float(np.ptp([plain[lam][k], moved[lam][k]], axis=0).max())
                   for k in sparsity.ENSEMBLE_KEYS) for lam in sparsity.CHAOTIC_LAMBDAS]
    assert min(chaotic) > 1e-6, "the subgradient rule is chaotic at CHAOTIC_LAMBDAS"
    for (lam, key, what, value, step), (*_, value2, _) in zip(
            _printed_values(plain), _printed_values(moved), strict=True):
        shift = abs(value2 - value)
        margin = sparsity.rounding_margin(value, step)
        assert margin > 3 * shift, (lam, key, what, value, value2, step)
    for lam in sparsity.CHAOTIC_LAMBDAS:
        for key in sparsity.ENSEMBLE_KEYS[1:]:
            pct = key in ("band", "accuracy")
            assert (sparsity.ensemble_text(plain[lam][key], pct)
                    == sparsity.ensemble_text(moved[lam][key], pct)), (lam, key)
    assert all(float(plain[lam]["zero"].max()) == 0.0 for lam in plain), "no exact zero"


def test_zeros_on_blank_pixels_counts_by_hand():
    X = np.array([[0.0, 1.0, 0.0, 0.5], [0.0, 0.0, 0.0, 0.2]])  # pixels 0 and 2 blank
    w = np.array([[0.0, 0.0, 0.3, 0.0], [0.0, 0.1, 0.0, 0.2]])
    got = sparsity.zeros_on_blank_pixels(w, X)
    assert got == {"blank_pixels": 2, "blank_weights": 4, "zeros": 5, "zeros_on_blank": 3,
                   "share_on_blank": 0.6}
    assert np.isnan(sparsity.zeros_on_blank_pixels(np.ones((2, 4)), X)["share_on_blank"])


def test_prox_steps_accepts_exact_and_floating_point_answers():
    assert ex07.check_prox_steps(12)
    floats = sparsity.trajectory("l1-prox", 0.03, 0.0025, 20)
    assert floats[12] != 0.0 and floats[13] == 0.0  # the rounding remainder the check explains
    ok13 = ex07.check_prox_steps(13)
    assert ok13 and "exact arithmetic" in ok13.message
    assert not ex07.check_prox_steps(11) and not ex07.check_prox_steps(14)


def test_ulp_spread_sees_the_subgradient_chatter_and_nothing_else():
    from helpers.data import load_subset

    (X, y), _, _ = load_subset()
    X, y = X[:1000], y[:1000]
    chatter = sparsity.ulp_spread(X, y, [10.0], penalty="l1", copies=3, m=10, epochs=3)[10.0]
    calm = sparsity.ulp_spread(X, y, [10.0], penalty="l1-prox", copies=3, m=10, epochs=3)[10.0]
    assert set(chatter) == set(sparsity.SPREAD_KEYS)
    assert chatter["rms"] > 1e-9, "starts one ulp apart drift apart under the chatter"
    assert calm["rms"] < 1e-14 and calm["excess_kurtosis_hidden"] < 1e-8, "no chatter under prox"


def test_ulp_spread_needs_two_copies():
    with pytest.raises(ValueError, match="copies must be an integer >= 2"):
        sparsity.ulp_spread(np.zeros((10, 784)), np.zeros(10, int), [1.0], copies=1)


@pytest.mark.parametrize("value, step, margin", [
    (0.726, 0.01, 0.001),  # 72.6%: a tenth of a point from the 72.5% boundary
    (0.726, 0.1, 0.024),  # to the nearest ten points (70%): 2.4 points from 75%
    (0.8701, 0.01, 0.0049),
    (210.008, 1.0, 0.492),
    (-1.178, 1.0, 0.322),
])
def test_rounding_margin_is_the_distance_to_the_next_boundary(value, step, margin):
    assert sparsity.rounding_margin(value, step) == pytest.approx(margin, abs=1e-9)
    # a move just short of the margin keeps the rounding either way; one just past it does not
    near = {round((value + s * 0.99 * margin) / step) for s in (1, -1)}
    past = {round((value + s * 1.01 * margin) / step) for s in (1, -1)}
    assert near == {round(value / step)} and past != near
