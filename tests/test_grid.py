"""``train_grid``: R networks trained at once give, run by run, what training each alone gives.

Bit for bit: every weight and bias, and every field of every History (``seconds`` excepted),
for runs that differ in λ, η, initialization, shuffling seed and penalty, on the lean and the
instrumented path; and against the per-example oracle as for one network.
"""

import numpy as np
import pytest
from oracle import OracleNetwork, as_training_data

from helpers.network import Network, TrainingDiverged, train_grid

K, D = 4, 12


def small_data(n=53, seed=1):
    rng = np.random.default_rng(seed)
    return rng.random((n, D)), rng.integers(0, K, n)


EVAL = small_data(n=11, seed=5)

#: one grid per way in which runs may differ: (init, init seed) per run, and train_grid kwargs
CASES = {
    "lmbda": ([("large", 3)] * 3, {"lmbda": [0.0, 2.0, 6.0]}),
    "eta": ([("large", 3)] * 3, {"eta": [0.1, 0.5, 1.5]}),
    "init": ([("large", 3), ("default", 3), (0.3, 4)], {}),
    "seed": ([("large", 3)] * 3, {"seed": [7, 8, 9]}),
    "penalty": ([("default", 3)] * 3, {"penalty": ["l2", "l1", "l1-prox"]}),
    "penalty stretches": ([("default", 3)] * 4, {"penalty": ["l1", "l1", "l2", "l1"],
                                                 "lmbda": [4.0, 6.0, 4.0, 9.0]}),
    "all": ([("large", 1), ("default", 2), (0.5, 3), ("large", 4)],
            {"eta": [0.3, 0.5, 0.7, 0.5], "lmbda": [1.0, 0.0, 4.0, 9.0],
             "seed": [1, 1, 2, None], "penalty": ["l1-prox", "l2", "l2", "l1"]}),
}


def per_run(kwargs, r):
    return {k: (v[r] if isinstance(v, list) else v) for k, v in kwargs.items()}


def assert_same_run(net_a, h_a, net_b, h_b):
    for u, v in zip(net_a.weights + net_a.biases, net_b.weights + net_b.biases, strict=True):
        np.testing.assert_array_equal(u, v)
    for name in ("eta", "lmbda", "m", "n", "penalty", "epochs", "init", "instrumented"):
        assert getattr(h_a, name) == getattr(h_b, name), name
    assert h_a.array_fields == h_b.array_fields
    for name in h_a.array_fields:
        np.testing.assert_array_equal(getattr(h_a, name), getattr(h_b, name), err_msg=name)
    if h_a.snapshots is not None:
        for snap_a, snap_b in zip(h_a.snapshots, h_b.snapshots, strict=True):
            for u, v in zip(snap_a, snap_b, strict=True):
                np.testing.assert_array_equal(u, v)


@pytest.mark.parametrize("instrument", [True, False])
@pytest.mark.parametrize("case", sorted(CASES))
def test_grid_equals_separate_runs(case, instrument):
    inits, kwargs = CASES[case]
    X, y = small_data()  # n = 53, m = 10: a short last batch
    base = dict(eta=0.5, lmbda=4.0, seed=7, evaluation=EVAL, snapshots=True,
                instrument=instrument)
    base.update(kwargs)
    if base["seed"] is None or None in np.atleast_1d(base["seed"]):
        base["seed"] = [s if s is not None else 11 for s in base["seed"]]
    sizes = [D, 7, 5, K]
    grid_nets = [Network(sizes, init=i, seed=s) for i, s in inits]
    hists = train_grid(grid_nets, X, y, 3, 10, **base)
    assert len(hists) == len(inits)
    for r, (init, s) in enumerate(inits):
        alone = Network(sizes, init=init, seed=s)
        h = alone.train(X, y, 3, 10, **per_run(base, r))
        assert_same_run(grid_nets[r], hists[r], alone, h)
    # the runs really differ from each other (the comparison is not vacuous)
    finals = [h.sq_norm[-1].tobytes() for h in hists]
    assert len(set(finals)) == len(finals)


def test_grid_matches_the_oracle_run_by_run():
    X, y = small_data()
    etas, lmbdas, pens, seeds = [0.5, 0.3, 0.8], [4.0, 1.0, 2.0], ["l2", "l1", "l1-prox"], [7, 8, 9]
    nets = [Network([D, 6, K], init="large", seed=3) for _ in etas]
    oracles = [OracleNetwork(net.weights, net.biases) for net in nets]
    train_grid(nets, X, y, 2, 10, eta=etas, lmbda=lmbdas, penalty=pens, seed=seeds,
               instrument=False)
    for net, oracle, eta, lmbda, pen, s in zip(nets, oracles, etas, lmbdas, pens, seeds,
                                               strict=True):
        rng = np.random.default_rng(s)
        orders = [rng.permutation(len(X)) for _ in range(2)]
        oracle.sgd(as_training_data(X, y, K), 2, 10, eta, lmbda, pen, orders)
        pairs = zip(net.weights + net.biases, oracle.weights + oracle.biases, strict=True)
        assert max(float(np.max(np.abs(a - b))) for a, b in pairs) <= 1e-12


def test_pure_decay_and_unshuffled_grids_equal_separate_runs():
    X, y = small_data()
    for kwargs in (dict(data_gradient=False, penalty=["l2", "l1", "l1-prox"], seed=[0, 1, 0]),
                   dict(shuffle=False, penalty="l2")):
        nets = [Network([D, 5, K], seed=s) for s in (1, 2, 3)]
        hists = train_grid(nets, X, y, 2, 8, eta=0.4, lmbda=[1.0, 2.0, 3.0], **kwargs)
        for r, s in enumerate((1, 2, 3)):
            alone = Network([D, 5, K], seed=s)
            h = alone.train(X, y, 2, 8, eta=0.4, lmbda=[1.0, 2.0, 3.0][r],
                            **per_run(kwargs, r))
            assert_same_run(nets[r], hists[r], alone, h)


def test_on_epoch_sees_the_current_weights():
    X, y = small_data()
    nets = [Network([D, 5, K], seed=s) for s in (1, 2)]
    seen = []
    hists = train_grid(nets, X, y, 3, 10, eta=0.5, lmbda=[1.0, 2.0], seed=0,
                       on_epoch=lambda e, E: seen.append([float(np.sum(nets[1].weights[0] ** 2)),
                                                         (e, E)]))
    assert [s[1] for s in seen] == [(1, 3), (2, 3), (3, 3)]
    np.testing.assert_allclose([s[0] for s in seen], hists[1].sq_norm[1:, 0], rtol=1e-15)


def test_bad_grids_are_refused_with_the_parameter_named():
    X, y = small_data()
    nets = [Network([D, 5, K]), Network([D, 5, K])]
    with pytest.raises(ValueError, match="same sizes"):
        train_grid([Network([D, 5, K]), Network([D, 6, K])], X, y, 1, 10, 0.5)
    with pytest.raises(ValueError, match="networks"):
        train_grid([], X, y, 1, 10, 0.5)
    with pytest.raises(ValueError, match=r"lmbda must be one value or 2 values"):
        train_grid(nets, X, y, 1, 10, 0.5, lmbda=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"eta\[1\] must be > 0"):
        train_grid(nets, X, y, 1, 10, [0.5, -1.0])
    with pytest.raises(ValueError, match=r"penalty\[0\] must be one of"):
        train_grid(nets, X, y, 1, 10, 0.5, penalty=["l3", "l2"])


def test_divergence_names_the_run():
    X, y = small_data(n=20)
    nets = [Network([D, 5, K], seed=0) for _ in range(2)]
    with pytest.raises(TrainingDiverged, match="run 1 of the grid"):
        train_grid(nets, X, y, 2, 5, [0.5, 1e306], seed=0)


@pytest.mark.parametrize("instrument", [True, False])
def test_a_grid_in_chunks_equals_the_whole_grid(monkeypatch, instrument):
    """Wide networks are trained in chunks of runs (helpers.network.CHUNK_BYTES); the runs are
    bit for bit those of the grid in one chunk, divergence still names the run of the whole
    grid, and on_epoch still sees every run's weights of that epoch."""
    import helpers.network as engine

    X, y = small_data()
    kwargs = dict(eta=[0.5, 0.3, 0.5, 0.2, 0.4], lmbda=[1.0, 2.0, 0.0, 5.0, 1.0],
                  penalty=["l2", "l2", "l1", "l1-prox", "l2"], seed=[0, 1, 0, 0, 2],
                  evaluation=(X[:9], y[:9]), record_every=3, instrument=instrument)
    per_run_bytes = 8 * engine.n_weights([D, 5, K])

    def trained(chunk_bytes):
        monkeypatch.setattr(engine, "CHUNK_BYTES", chunk_bytes)
        nets = [Network([D, 5, K], seed=s) for s in range(5)]
        seen = []
        hists = train_grid(nets, X, y, 3, 10, on_epoch=lambda e, E: seen.append(
            [float(np.sum(net.weights[0] ** 2)) for net in nets]), **kwargs)
        return nets, hists, seen

    monkeypatch.setattr(engine, "CHUNK_BYTES", 2 * per_run_bytes)
    assert engine._chunks([Network([D, 5, K])] * 5) == [slice(0, 2), slice(2, 4), slice(4, 5)]
    whole, chunked = trained(2**40), trained(2 * per_run_bytes)
    for net_a, h_a, net_b, h_b in zip(*whole[:2], *chunked[:2], strict=True):
        assert_same_run(net_a, h_a, net_b, h_b)
    assert whole[2] == chunked[2], "on_epoch sees the same weights after each epoch"
    monkeypatch.setattr(engine, "CHUNK_BYTES", per_run_bytes)
    nets = [Network([D, 5, K], seed=0) for _ in range(3)]
    with pytest.raises(TrainingDiverged, match="run 2 of the grid"):
        train_grid(nets, X, y, 2, 5, [0.5, 0.5, 1e306], seed=0)
