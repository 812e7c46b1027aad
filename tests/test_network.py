"""Tests of helpers.network against the per-example oracle (tests/oracle.py) and the math."""

import math
import warnings

import numpy as np
import pytest
from oracle import OracleNetwork, as_training_data

from helpers.network import (
    SATURATION_THRESHOLD,
    History,
    Network,
    TrainingDiverged,
    sigmoid,
)

K = 4  # classes in the small problems
D = 12  # input width in the small problems


def small_data(n=53, seed=1, d=D, k=K):
    rng = np.random.default_rng(seed)
    return rng.random((n, d)), rng.integers(0, k, n)


def max_abs_diff(net, oracle):
    pairs = zip(net.weights + net.biases, oracle.weights + oracle.biases, strict=True)
    return max(float(np.max(np.abs(a - b))) for a, b in pairs)


# -- exactness against the oracle ---------------------------------------------------------------


@pytest.mark.parametrize("penalty", ["l2", "l1", "l1-prox"])
@pytest.mark.parametrize("sizes", [[D, K], [D, 7, K], [D, 6, 5, K]])
@pytest.mark.parametrize("shuffle", [False, True])
def test_matches_oracle(penalty, sizes, shuffle):
    X, y = small_data()  # n = 53, m = 10: the last mini-batch has 3 examples
    epochs, m, eta, lmbda = 3, 10, 0.5, 4.0
    net = Network(sizes, init="large", seed=3)
    oracle = OracleNetwork(net.weights, net.biases)
    net.train(X, y, epochs, m, eta, lmbda, penalty=penalty, shuffle=shuffle, seed=7)
    orders = None
    if shuffle:
        rng = np.random.default_rng(7)
        orders = [rng.permutation(len(X)) for _ in range(epochs)]
    oracle.sgd(as_training_data(X, y, K), epochs, m, eta, lmbda, penalty, orders)
    assert max_abs_diff(net, oracle) <= 1e-12
    # and the run really moved the parameters (the comparison is not vacuous)
    assert max_abs_diff(Network(sizes, init="large", seed=3), oracle) > 1e-3


def test_matches_oracle_pure_decay():
    X, y = small_data()
    net = Network([D, 5, K], init="default", seed=2)
    oracle = OracleNetwork(net.weights, net.biases)
    net.train(X, y, 2, 8, 0.3, 9.0, shuffle=False, data_gradient=False)
    oracle.sgd(as_training_data(X, y, K), 2, 8, 0.3, 9.0, data_gradient=False)
    assert max_abs_diff(net, oracle) <= 1e-12


@pytest.mark.parametrize("penalty", ["l2", "l1", "l1-prox"])
def test_matches_oracle_pure_decay_every_rule_and_m_equal_1(penalty):
    X, y = small_data(n=13)
    for m, data_gradient in ((1, True), (4, False)):
        net = Network([D, 5, K], init="large", seed=2)
        oracle = OracleNetwork(net.weights, net.biases)
        net.train(X, y, 2, m, 0.3, 2.0, penalty=penalty, shuffle=False,
                  data_gradient=data_gradient)
        oracle.sgd(as_training_data(X, y, K), 2, m, 0.3, 2.0, penalty,
                   data_gradient=data_gradient)
        assert max_abs_diff(net, oracle) <= 1e-12
        assert max_abs_diff(Network([D, 5, K], init="large", seed=2), oracle) > 1e-3


@pytest.mark.parametrize("penalty", ["l1", "l1-prox"])
def test_history_l1_cost_matches_the_oracle(penalty):
    X, y = small_data()
    net = Network([D, 6, K], seed=4)
    hist = net.train(X, y, 1, 10, 0.5, 3.0, penalty=penalty, shuffle=False)
    oracle = OracleNetwork(net.weights, net.biases)
    expected = oracle.total_cost(as_training_data(X, y, K), 3.0, penalty=penalty)
    np.testing.assert_allclose(hist.cost[1], expected, rtol=1e-12)


def test_history_cost_matches_book_total_cost():
    X, y = small_data()
    net = Network([D, 6, K], seed=4)
    oracle = OracleNetwork(net.weights, net.biases)
    hist = net.train(X, y, 1, 10, 0.5, 3.0, shuffle=False)
    before = oracle.total_cost(as_training_data(X, y, K), 3.0)
    np.testing.assert_allclose(hist.cost[0], before, rtol=1e-12)
    after = OracleNetwork(net.weights, net.biases).total_cost(as_training_data(X, y, K), 3.0)
    np.testing.assert_allclose(hist.cost[1], after, rtol=1e-12)
    np.testing.assert_allclose(net.cost(X, y, lmbda=3.0), after, rtol=1e-12)


# -- the instrumentation ------------------------------------------------------------------------


@pytest.mark.parametrize("penalty", ["l2", "l1", "l1-prox"])
def test_decay_and_gradient_parts_add_up(penalty):
    X, y = small_data(n=95)
    net = Network([D, 9, 6, K], init="large", seed=5)
    hist = net.train(X, y, 4, 10, 0.5, 6.0, penalty=penalty, seed=1)
    measured = np.diff(hist.sq_norm, axis=0)
    scale = hist.sq_norm[:-1]
    np.testing.assert_allclose(hist.decay_part + hist.gradient_part, measured,
                               rtol=0, atol=1e-12 * scale.max())
    assert np.all(hist.decay_part < 0)  # the penalty always shrinks the norm here
    assert np.all(hist.gradient_part != 0)
    np.testing.assert_allclose(hist.sq_norm[-1], [np.sum(w**2) for w in net.weights], rtol=1e-14)


def test_l2_parts_follow_their_formulas_per_step():
    """One step (m = n): decay part ((1-a)^2 - 1)||w||^2, decay step a||w||, gradient step ||g||."""
    X, y = small_data(n=20)
    net = Network([D, 5, K], seed=6)
    eta, lmbda, n = 0.7, 5.0, 20
    a = eta * lmbda / n
    w0 = [w.copy() for w in net.weights]
    dW, _ = net.gradient(X, y)
    hist = net.train(X, y, 1, n, eta, lmbda, shuffle=False)
    for l in range(2):
        ww = np.sum(w0[l] ** 2)
        g = eta * dW[l]  # (eta/m) sum_x dC_x/dw = eta * mean gradient
        np.testing.assert_allclose(hist.decay_part[0, l], ((1 - a) ** 2 - 1) * ww, rtol=1e-12)
        np.testing.assert_allclose(hist.gradient_part[0, l],
                                   -2 * (1 - a) * np.sum(w0[l] * g) + np.sum(g * g), rtol=1e-9)
        np.testing.assert_allclose(hist.decay_step_norm[0, l], a * np.sqrt(ww), rtol=1e-12)
        np.testing.assert_allclose(hist.gradient_step_norm[0, l], np.linalg.norm(g), rtol=1e-12)
        np.testing.assert_allclose(net.weights[l], (1 - a) * w0[l] - g, rtol=0, atol=1e-14)
        # the gradient part split: jitter ||g||^2 and the radial rest -2(1-a)<w, g>
        np.testing.assert_allclose(hist.jitter_part[0, l], np.sum(g * g), rtol=1e-12)
        np.testing.assert_allclose(hist.radial_part[0, l], -2 * (1 - a) * np.sum(w0[l] * g),
                                   rtol=1e-9)
        cos = np.sum(w0[l] * net.weights[l]) / (np.linalg.norm(w0[l]) *
                                                np.linalg.norm(net.weights[l]))
        np.testing.assert_allclose(hist.turning_angle[0, l], np.arccos(min(cos, 1.0)),
                                   rtol=1e-6)
    assert hist.turning_angle[0].min() > 1e-3  # the angle compared is not ~0


@pytest.mark.parametrize("penalty", ["l2", "l1", "l1-prox"])
def test_radial_and_jitter_add_up_to_the_gradient_part(penalty):
    X, y = small_data(n=95)
    hist = Network([D, 9, K], init="large", seed=5).train(X, y, 3, 10, 0.5, 6.0,
                                                           penalty=penalty, seed=1)
    np.testing.assert_allclose(hist.radial_part + hist.jitter_part, hist.gradient_part,
                               rtol=1e-12, atol=1e-15)
    assert np.all(hist.jitter_part > 0)
    assert np.all(np.isnan(hist.turning_angle)) == (penalty != "l2")


def test_data_cost_is_the_cost_without_its_penalty():
    X, y = small_data(n=60)
    net = Network([D, 5, K], seed=2)
    hist = net.train(X, y, 2, 10, 0.5, 3.0, seed=4)
    c0 = net.cost(X, y)  # lmbda = 0: the mean cross-entropy alone
    np.testing.assert_allclose(hist.data_cost[-1], c0, rtol=1e-13)
    np.testing.assert_allclose(hist.cost - hist.data_cost,
                               3.0 / (2 * 60) * hist.sq_norm.sum(axis=1), rtol=1e-12)


@pytest.mark.parametrize("instrument", [True, False])
def test_record_every_gives_the_norms_after_every_kth_step(instrument):
    X, y = small_data(n=53)  # m = 10: 6 steps per epoch, 12 in all
    hist = Network([D, 5, K], seed=3).train(X, y, 2, 10, 0.5, 2.0, seed=1,
                                             instrument=instrument, record_every=4)
    assert hist.sq_norm_steps.shape == (1 + 12 // 4, 2)
    np.testing.assert_array_equal(hist.sq_norm_steps[0], hist.sq_norm[0])
    # step 12 is the end of epoch 2; step 6 (end of epoch 1) is not recorded with k = 4
    np.testing.assert_array_equal(hist.sq_norm_steps[-1], hist.sq_norm[-1])
    six = Network([D, 5, K], seed=3).train(X, y, 2, 10, 0.5, 2.0, seed=1, record_every=6)
    np.testing.assert_array_equal(six.sq_norm_steps, hist.sq_norm)
    assert Network([D, 5, K]).train(X, y, 1, 10, 0.5).sq_norm_steps.shape == (0, 2)


@pytest.mark.parametrize(("n", "m"), [(95, 10), (100, 10), (7, 7), (13, 1)])
def test_pure_decay_factor_per_epoch(n, m):
    X, y = small_data(n=n)
    net = Network([D, 8, K], init="large", seed=8)
    w0 = [w.copy() for w in net.weights]
    eta, lmbda = 0.4, 2.0
    hist = net.train(X, y, 1, m, eta, lmbda, data_gradient=False, seed=0)
    factor = (1 - eta * lmbda / n) ** math.ceil(n / m)
    assert hist.steps_per_epoch == math.ceil(n / m)
    for w, w_start in zip(net.weights, w0, strict=True):
        np.testing.assert_allclose(w, factor * w_start, rtol=1e-14, atol=0)
    np.testing.assert_allclose(hist.sq_norm[1], factor**2 * hist.sq_norm[0], rtol=1e-14)
    np.testing.assert_array_equal(hist.gradient_part, 0.0)


def test_biases_never_decayed():
    """From the same state, a huge lmbda changes the weights, never the bias update."""
    X, y = small_data(n=30)
    net = Network([D, 6, K], seed=9)
    plain, decayed = net.copy(), net.copy()
    plain.train(X, y, 1, 30, 0.5, 0.0, shuffle=False)
    decayed.train(X, y, 1, 30, 0.5, 50.0, shuffle=False)  # a = 0.83
    _, dB = net.gradient(X, y)
    for l in range(2):
        np.testing.assert_array_equal(decayed.biases[l], plain.biases[l])
        np.testing.assert_allclose(decayed.biases[l], net.biases[l] - 0.5 * dB[l], atol=1e-15)
        assert not np.allclose(decayed.weights[l], plain.weights[l])
        assert not np.allclose(plain.biases[l], net.biases[l])  # biases did get gradient steps


def test_saturated_share_counts_sigma_prime_below_threshold():
    X, y = small_data(n=40)
    probe = np.random.default_rng(3).random((25, D))
    net = Network([D, 9, 7, K], init="large", seed=10)
    start = net.copy()
    hist = net.train(X, y, 2, 10, 0.5, 1.0, probe=probe, seed=2)
    for h, state in [(0, start), (2, net)]:
        a = probe
        for l in range(2):
            z = a @ state.weights[l].T + state.biases[l].T
            a = 1 / (1 + np.exp(-z))
            sigma_prime = a * (1 - a)
            assert hist.saturated_share[h, l] == np.mean(sigma_prime < SATURATION_THRESHOLD)
    default_probe = Network([D, 9, 7, K], init="large", seed=10).train(X, y, 1, 10, 0.5, seed=2)
    assert default_probe.saturated_share.shape == (2, 2)


def test_large_init_saturates_more_than_default():
    X, _ = small_data(n=300, d=100)
    y = np.zeros(300, dtype=int)
    shares = {}
    for init in ("large", "default"):
        hist = Network([100, 30, K], init=init, seed=0).train(X, y, 1, 300, 0.01)
        shares[init] = hist.saturated_share[0, 0]
    assert shares["large"] > 0.3 > shares["default"]


def test_history_shapes_settings_and_accuracy():
    X, y = small_data(n=60)
    Xe, ye = small_data(n=17, seed=2)
    net = Network([D, 6, 5, K], seed=11)
    hist = net.train(X, y, 3, 7, 0.5, 2.0, evaluation=(Xe, ye), snapshots=True, seed=0)
    E, L = 3, 3
    assert isinstance(hist, History)
    for name, shape in [("sq_norm", (E + 1, L)), ("rms", (E + 1, L)),
                        ("decay_part", (E, L)), ("gradient_part", (E, L)),
                        ("decay_step_norm", (E, L)), ("gradient_step_norm", (E, L)),
                        ("saturated_share", (E + 1, L - 1)), ("cost", (E + 1,)),
                        ("accuracy", (E + 1,))]:
        assert getattr(hist, name).shape == shape, name
    assert (hist.eta, hist.lmbda, hist.m, hist.n, hist.penalty, hist.epochs) == (
        0.5, 2.0, 7, 60, "l2", 3)
    assert hist.a == 0.5 * 2.0 / 60 and hist.steps_per_epoch == 9
    np.testing.assert_allclose(hist.rms**2 * [72, 30, 20], hist.sq_norm, rtol=1e-14)
    assert hist.accuracy[-1] == net.accuracy(Xe, ye)
    assert len(hist.snapshots) == E + 1
    np.testing.assert_array_equal(hist.snapshots[-1][1], net.weights[1])
    assert set(hist.seconds) == {"updates", "measurements"}
    no_eval = Network([D, K]).train(X, y, 2, 10, 0.5)
    assert no_eval.accuracy.shape == (0,) and no_eval.snapshots is None


def test_same_seed_gives_identical_history():
    X, y = small_data()
    Xe, ye = small_data(n=11, seed=5)
    runs = [Network([D, 7, K], seed=1).train(X, y, 3, 10, 0.5, 2.0, seed=4,
                                             evaluation=(Xe, ye)) for _ in range(2)]
    other = Network([D, 7, K], seed=1).train(X, y, 3, 10, 0.5, 2.0, seed=5, evaluation=(Xe, ye))
    for name in runs[0].array_fields:
        np.testing.assert_array_equal(getattr(runs[0], name), getattr(runs[1], name))
    assert not np.array_equal(runs[0].sq_norm, other.sq_norm)


def test_progress_callable_is_called_every_epoch():
    X, y = small_data()
    calls = []
    Network([D, K]).train(X, y, 3, 10, 0.5, progress=lambda e, E: calls.append((e, E)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_training_does_not_modify_arrays_held_by_the_user():
    X, y = small_data()
    net = Network([D, 5, K])
    w_before = net.weights[0]
    kept = w_before.copy()
    net.train(X, y, 1, 10, 0.5, 1.0)
    np.testing.assert_array_equal(w_before, kept)
    assert not np.array_equal(net.weights[0], kept)


# -- the lean path (instrument=False) and the NumPy-only fallback -------------------------------

LEAN_FIELDS = ("decay_part", "gradient_part", "decay_step_norm", "gradient_step_norm",
               "saturated_share", "cost")


@pytest.mark.parametrize("penalty", ["l2", "l1", "l1-prox"])
@pytest.mark.parametrize("shuffle", [False, True])
def test_lean_path_gives_the_same_weights_and_says_what_it_skipped(penalty, shuffle):
    X, y = small_data()  # n = 53, m = 10: a short last batch
    Xe, ye = small_data(n=11, seed=5)
    net = Network([D, 7, 5, K], init="large", seed=3)
    full, lean = net.copy(), net.copy()
    kwargs = dict(penalty=penalty, shuffle=shuffle, seed=7, evaluation=(Xe, ye), snapshots=True)
    h_full = full.train(X, y, 3, 10, 0.5, 4.0, **kwargs)
    h_lean = lean.train(X, y, 3, 10, 0.5, 4.0, instrument=False, **kwargs)
    for a, b in zip(full.weights + full.biases, lean.weights + lean.biases, strict=True):
        np.testing.assert_array_equal(a, b)  # bit for bit
    assert h_full.instrumented and not h_lean.instrumented
    for name in ("sq_norm", "rms", "accuracy"):
        np.testing.assert_array_equal(getattr(h_lean, name), getattr(h_full, name))
    np.testing.assert_array_equal(h_lean.snapshots[-1][0], h_full.snapshots[-1][0])
    for name in LEAN_FIELDS:  # same shapes, "not measured"
        assert getattr(h_lean, name).shape == getattr(h_full, name).shape, name
        assert np.all(np.isnan(getattr(h_lean, name))), name
        assert np.all(np.isfinite(getattr(h_full, name))), name
    assert set(h_lean.seconds) == {"updates", "measurements"}


def test_lean_path_matches_oracle_and_pure_decay():
    X, y = small_data()
    net = Network([D, 6, K], init="large", seed=3)
    oracle = OracleNetwork(net.weights, net.biases)
    net.train(X, y, 2, 10, 0.5, 4.0, seed=7, instrument=False)
    rng = np.random.default_rng(7)
    orders = [rng.permutation(len(X)) for _ in range(2)]
    oracle.sgd(as_training_data(X, y, K), 2, 10, 0.5, 4.0, "l2", orders)
    assert max_abs_diff(net, oracle) <= 1e-12
    decay = Network([D, 8, K], seed=8)
    w0 = [w.copy() for w in decay.weights]
    decay.train(X, y, 1, 10, 0.4, 2.0, data_gradient=False, instrument=False)
    for w, w_start in zip(decay.weights, w0, strict=True):
        np.testing.assert_allclose(w, (1 - 0.4 * 2.0 / 53) ** 6 * w_start, rtol=1e-14, atol=0)


def test_lean_path_detects_divergence_at_the_end_of_the_epoch():
    X, y = small_data(n=20)
    with pytest.raises(TrainingDiverged, match="epoch 1"):
        Network([D, 5, K], seed=0).train(X, y, 2, 5, 1e306, seed=0, instrument=False)


@pytest.mark.parametrize("penalty", ["l2", "l1-prox"])
def test_numpy_fallback_without_scipy_blas_matches_oracle(monkeypatch, penalty):
    import helpers.engine.sgd as sgd

    monkeypatch.setattr(sgd, "_DGEMM", None)  # as if SciPy were missing
    X, y = small_data()
    net = Network([D, 7, K], init="large", seed=3)
    oracle = OracleNetwork(net.weights, net.biases)
    lean = net.copy()
    net.train(X, y, 3, 10, 0.5, 4.0, penalty=penalty, shuffle=False)
    lean.train(X, y, 3, 10, 0.5, 4.0, penalty=penalty, shuffle=False, instrument=False)
    oracle.sgd(as_training_data(X, y, K), 3, 10, 0.5, 4.0, penalty)
    assert max_abs_diff(net, oracle) <= 1e-12
    for a, b in zip(net.weights + net.biases, lean.weights + lean.biases, strict=True):
        np.testing.assert_array_equal(a, b)


# -- L1: subgradient vs proximal ----------------------------------------------------------------


def test_l1_prox_gives_exact_zeros_subgradient_does_not():
    X, y = small_data(n=40)
    zeros = {}
    for penalty in ("l1", "l1-prox"):
        net = Network([D, 6, K], init="default", seed=12)
        net.train(X, y, 30, 10, 0.5, 4.0, penalty=penalty, seed=0)
        zeros[penalty] = sum(int(np.sum(w == 0.0)) for w in net.weights)
    assert zeros["l1"] == 0
    assert zeros["l1-prox"] > 10


# -- network basics -----------------------------------------------------------------------------


def test_init_scales_and_shared_draws():
    large = Network([50, 20, 3], init="large", seed=0)
    default = Network([50, 20, 3], init="default", seed=0)
    scaled = Network([50, 20, 3], init=0.25, seed=0)
    one = Network([50, 20, 3], init=1.0, seed=0)
    for l, n_in in enumerate((50, 20)):
        assert large.weights[l].shape == (large.sizes[l + 1], n_in)
        assert large.biases[l].shape == (large.sizes[l + 1], 1)
        np.testing.assert_allclose(default.weights[l], large.weights[l] / np.sqrt(n_in))
        np.testing.assert_allclose(scaled.weights[l], 0.25 * large.weights[l])
        np.testing.assert_array_equal(one.weights[l], large.weights[l])
        np.testing.assert_array_equal(default.biases[l], large.biases[l])
    # draw order: per layer, weights then biases, from default_rng(seed)
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(large.weights[0], rng.standard_normal((20, 50)))
    np.testing.assert_array_equal(large.biases[0], rng.standard_normal((20, 1)))
    assert large.n_weights == 50 * 20 + 20 * 3
    assert large.sizes == (50, 20, 3)
    big = Network([784, 30, 10], init="large", seed=0)
    assert 0.97 < np.std(big.weights[0]) < 1.03


def test_gradient_matches_central_differences():
    X, y = small_data(n=9)
    net = Network([D, 5, 4, K], init="default", seed=13)
    dW, dB = net.gradient(X, y)
    h = 1e-6
    rng = np.random.default_rng(0)
    for params, grads in ((net.weights, dW), (net.biases, dB)):
        for l in range(3):
            for _ in range(4):
                idx = tuple(rng.integers(0, s) for s in params[l].shape)
                old = params[l][idx]
                params[l][idx] = old + h
                up = net.cost(X, y)
                params[l][idx] = old - h
                down = net.cost(X, y)
                params[l][idx] = old
                numeric = (up - down) / (2 * h)
                assert abs(numeric - grads[l][idx]) <= 1e-6 * max(abs(numeric), 1e-3)


def test_cost_l2_term_divides_by_the_scored_set_size():
    X, y = small_data(n=30)
    net = Network([D, 5, K])
    sq = sum(np.sum(w**2) for w in net.weights)
    c0 = net.cost(X, y)
    np.testing.assert_allclose(net.cost(X, y, lmbda=2.0), c0 + 2.0 / 60 * sq, rtol=1e-14)
    np.testing.assert_allclose(net.cost(X, y, lmbda=2.0, n=1000), c0 + 2.0 / 2000 * sq,
                               rtol=1e-14)


def test_feedforward_predict_accuracy_copy():
    X, y = small_data(n=30)
    net = Network([D, 5, K], seed=14)
    out = net.feedforward(X)
    assert out.shape == (30, K)
    a = X
    for w, b in zip(net.weights, net.biases, strict=True):
        a = 1 / (1 + np.exp(-(a @ w.T + b.T)))
    np.testing.assert_allclose(out, a, rtol=1e-15)
    np.testing.assert_array_equal(net.predict(X), np.argmax(a, axis=1))
    assert net.accuracy(X, y) == np.mean(np.argmax(a, axis=1) == y)
    twin = net.copy()
    twin.weights[0][0, 0] += 1.0
    assert twin.weights[0][0, 0] != net.weights[0][0, 0]


def test_no_warnings_with_large_init_and_extreme_values():
    X, y = small_data(n=30)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_allclose(sigmoid([-1000.0, -40.0, 0.0, 40.0, 1000.0]),
                                   [0.0, 1 / (1 + np.exp(40.0)), 0.5, 1 / (1 + np.exp(-40.0)), 1])
        net = Network([D, 6, K], init=1000.0, seed=0)  # |z| up to ~1e4: sigma saturates fully
        hist = net.train(X, y, 2, 10, 0.5, 14.0, seed=0)
        assert np.all(np.isfinite(hist.cost)) and np.all(np.isfinite(net.feedforward(X)))
        assert hist.saturated_share[0, 0] > 0.99


def test_divergence_raises_instead_of_returning_nans():
    X, y = small_data(n=20)
    net = Network([D, 5, K], seed=0)
    with pytest.raises(TrainingDiverged, match="eta"):
        net.train(X, y, 2, 5, 1e306, seed=0)


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "init"),
    [([5], "large"), ([5, 0], "large"), ([5, 2.5], "large"), ([5, -3], "large"),
     ("ab", "large"), ([5, 3], "xavier"), ([5, 3], 0.0), ([5, 3], -1.0), ([5, 3], float("nan"))],
)
def test_bad_constructor_arguments(sizes, init):
    name = "init" if sizes == [5, 3] else "sizes"
    with pytest.raises(ValueError, match=name):
        Network(sizes, init=init)


def _train_kwargs(**overrides):
    X, y = small_data(n=20)
    kwargs = dict(X=X, y=y, epochs=1, mini_batch_size=5, eta=0.5, lmbda=1.0)
    kwargs.update(overrides)
    return kwargs


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"eta": 0.0}, "eta"),
        ({"eta": -1.0}, "eta"),
        ({"lmbda": -0.1}, "lmbda"),
        ({"eta": 10.0, "lmbda": 2.0}, "eta\\*lmbda must be < n"),
        ({"mini_batch_size": 0}, "mini_batch_size"),
        ({"mini_batch_size": 21}, "mini_batch_size"),
        ({"mini_batch_size": 2.0}, "mini_batch_size"),
        ({"epochs": 0}, "epochs"),
        ({"penalty": "l3"}, "penalty"),
        ({"X": np.zeros(D)}, "X"),
        ({"X": np.zeros((20, D + 1))}, "X"),
        ({"X": np.full((20, D), np.nan)}, "X"),
        ({"X": np.full((20, D), np.inf)}, "X"),
        ({"X": np.full((20, D), 255.0)}, "scale pixels to \\[0,1\\]"),
        ({"X": np.full((20, D), -0.5)}, "X"),
        ({"y": np.full(20, K)}, "y"),
        ({"y": np.full(20, -1)}, "y"),
        ({"y": np.full(20, 0.5)}, "y"),
        ({"y": np.zeros(19, dtype=int)}, "y"),
        ({"evaluation": (np.zeros((3, D)), np.zeros(2, dtype=int))}, "evaluation y"),
        ({"evaluation": (np.full((3, D), 2.0), np.zeros(3, dtype=int))}, "evaluation X"),
        ({"probe": np.zeros((3, D + 2))}, "probe"),
        ({"progress": "yes"}, "progress"),
        ({"progress": True}, "progress"),
        ({"on_epoch": 3}, "on_epoch"),
        ({"record_every": 0}, "record_every"),
        ({"record_every": 1.5}, "record_every"),
    ],
)
def test_bad_training_arguments(overrides, match):
    net = Network([D, 5, K])
    kwargs = _train_kwargs(**overrides)
    with pytest.raises(ValueError, match=match):
        net.train(kwargs.pop("X"), kwargs.pop("y"), **kwargs)


def test_bad_arguments_of_other_methods():
    X, y = small_data(n=10)
    net = Network([D, K])
    with pytest.raises(ValueError, match="X"):
        net.feedforward(X * 255)
    with pytest.raises(ValueError, match="y"):
        net.accuracy(X, y[:5])
    with pytest.raises(ValueError, match="lmbda"):
        net.cost(X, y, lmbda=-1.0)
    with pytest.raises(ValueError, match="y"):
        net.gradient(X, y + K)
    net.weights[0] = np.zeros((3, 3))
    with pytest.raises(ValueError, match=r"weights\[0\]"):
        net.train(X, y, 1, 5, 0.5)
