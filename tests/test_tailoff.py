"""Tests for helpers.tailoff, the stored sweeps (data/sweeps) and the checks of notebook 04."""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from helpers import tailoff
from helpers.data import load_mnist
from helpers.exercises import ex04
from helpers.network import Network

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import sweep_tailoff  # noqa: E402

RNG = np.random.default_rng(0)
X = RNG.uniform(0, 1, (200, 784)) * (RNG.uniform(0, 1, (200, 784)) < 0.15)
Y = RNG.integers(0, 10, 200)


# -- the one definition of the tail-off level --------------------------------------------------

def test_tail_window_is_the_last_third():
    assert tailoff.tail_window(30) == (21, 30)
    assert tailoff.tail_window(120) == (81, 120)
    assert tailoff.tail_window(15) == (11, 15)
    assert tailoff.tail_window(2) == (2, 2)  # at least one epoch
    with pytest.raises(ValueError, match="epochs"):
        tailoff.tail_window(0)


def test_tail_off_level_from_sq_norm():
    sq = np.zeros((31, 2))
    sq[21:] = [[4.0 * 10, 9.0 * 5]]  # rows 21..30 = epochs 21..30; RMS 2 and 3
    sq[:21] = 1e6  # epochs 0..20 must not count
    lv = tailoff.tail_off_level(sq, [10, 5])
    np.testing.assert_allclose(lv, [2.0, 3.0, math.sqrt((40 + 45) / 15)])
    series = np.r_[np.full(20, 1e6), np.full(10, 2_900.0)]  # a book's log, epochs 1..30
    np.testing.assert_allclose(tailoff.tail_off_level(series, 23_820),
                               [math.sqrt(2_900 / 23_820)])


# -- the budget trainer is the engine -----------------------------------------------------------

def test_train_budget_makes_the_engines_updates_and_splits_them_exactly():
    h = Network((784, 30, 10), init="large", seed=3).train(X, Y, epochs=2, mini_batch_size=10,
                                                            eta=0.5, lmbda=5.0, seed=4)
    b = tailoff.train_budget(X, Y, (784, 30, 10), init="large", seed=3, shuffle_seed=4,
                             epochs=2, m=10, eta=0.5, lmbda=5.0, keep=True)
    np.testing.assert_allclose(b.sq_norm, h.sq_norm, rtol=1e-12)
    np.testing.assert_allclose(b.decay, h.decay_part, rtol=1e-9)
    np.testing.assert_allclose(b.radial + b.jitter, h.gradient_part, rtol=1e-6, atol=1e-9)
    # decay + radial + jitter is the epoch's change of ||w||^2 (the identity, step by step)
    np.testing.assert_allclose(b.decay + b.radial + b.jitter, np.diff(b.sq_norm, axis=0),
                               rtol=1e-9, atol=1e-9)
    assert (b.jitter > 0).all() and (b.decay < 0).all()
    assert ((b.angle > 0) & (b.angle < 0.5)).all()
    # the stationarity figures against the engine's own full-data gradient at the end
    net = Network((784, 30, 10))
    net.weights, net.biases = b.weights, [bb.reshape(-1, 1) for bb in b.biases]
    dW, _ = net.gradient(X, Y)
    for k, (w, g) in enumerate(zip(b.weights, dW, strict=True)):
        assert b.stat_ratio[k] == pytest.approx(np.linalg.norm(g)
                                                / np.linalg.norm(5.0 / len(X) * w), rel=1e-9)
        assert b.stat_corr[k] == pytest.approx(
            np.corrcoef((5.0 / len(X) * w).ravel(), -g.ravel())[0, 1], rel=1e-9)
    assert b.mean_in_sq[0] == pytest.approx(np.mean(X**2))


def test_train_budgets_of_several_runs_are_each_the_run_alone():
    runs = [("large", 3, 4), ("default", 5, 6)]
    together = tailoff.train_budgets(X, Y, (784, 30, 10), runs, epochs=2, m=10, eta=0.5,
                                     lmbda=5.0, record_every=7)
    for (init, seed, shuffle), b in zip(runs, together, strict=True):
        alone = tailoff.train_budget(X, Y, (784, 30, 10), init=init, seed=seed,
                                     shuffle_seed=shuffle, epochs=2, m=10, eta=0.5, lmbda=5.0,
                                     record_every=7)
        for name in ("sq_norm", "decay", "radial", "jitter", "angle", "sq_every", "stat_ratio"):
            np.testing.assert_array_equal(getattr(b, name), getattr(alone, name))
        assert (b.init, b.seed, b.shuffle_seed) == (init, seed, shuffle)
    assert not np.array_equal(together[0].sq_norm, together[1].sq_norm)


def test_train_budgets_needs_one_start_per_run():
    net = Network((784, 30, 10))
    with pytest.raises(ValueError, match="starts must give one"):
        tailoff.train_budgets(X, Y, (784, 30, 10), [("large", 1, 2), ("default", 1, 2)],
                              epochs=1, starts=[(net.weights, net.biases)])


def test_train_budget_rejects_bad_input():
    with pytest.raises(ValueError, match="shape"):
        tailoff.train_budget(X[:, :100], Y, (784, 30, 10))
    with pytest.raises(ValueError, match="m must"):
        tailoff.train_budget(X, Y, (784, 30, 10), m=0)
    with pytest.raises(ValueError, match="eta"):
        tailoff.train_budget(X, Y, (784, 30, 10), eta=0.0)


def test_relaxation_time_of_an_exponential():
    t = np.arange(0, 101) * 20 / 400  # records every 20 steps, 400 steps per epoch
    sq = 100 + 50 * np.exp(-t / 1.3)
    tau = tailoff.relaxation_time(np.c_[sq, 100 - 30 * np.exp(-t / 0.7)], 20, 400, [100, 100])
    np.testing.assert_allclose(tau, [1.3, 0.7], rtol=2e-3)


def test_pooled():
    Xp = tailoff.pooled(X, 2)
    assert Xp.shape == (200, 196)
    assert Xp[0, 0] == pytest.approx(X[0].reshape(28, 28)[:2, :2].mean())
    assert tailoff.pooled(X, 4).shape == (200, 49)
    with pytest.raises(ValueError, match="k must"):
        tailoff.pooled(X, 3)


# -- the law from synthetic sweeps --------------------------------------------------------------

def _fake_run(value, init, seed, level_hidden, level_output, epochs=30):
    sizes = [784, value, 10]
    counts = np.array([784 * value, value * 10])
    sq = np.tile(np.array([level_hidden, level_output]) ** 2 * counts, (epochs + 1, 1))
    return {"value": value, "init": init, "seed": seed, "sizes": sizes, "sq_norm": sq.tolist()}


def test_slope_levels_and_met_on_a_synthetic_sweep():
    widths, seeds = (10, 30, 100), (1, 2, 3)
    runs = []
    for w in widths:
        for s in seeds:
            noise = 1 + 0.01 * (s - 2)
            runs.append(_fake_run(w, "default", s, 2.0 * w**-0.5 * noise, 3.0 * w**-0.25))
            runs.append(_fake_run(w, "large", s, 2.0 * w**-0.5 * noise * 1.2, 3.0 * w**-0.25))
    sw = tailoff.Sweep("fake", "width", widths, seeds, ("large", "default"), tuple(runs), {})
    mt = tailoff.met(sw)
    assert not mt[:, 0].any() and mt[:, 1].all()  # hidden levels 20% apart: not met
    np.testing.assert_allclose(tailoff.init_gap(sw)[:, 0], 0.2 / 1.1)  # |1.2 − 1| / 1.1
    np.testing.assert_allclose(tailoff.init_gap(sw)[:, 1], 0, atol=1e-12)
    new_only = tailoff.Sweep("fake", "width", widths, seeds, ("default",),
                             tuple(r for r in runs if r["init"] == "default"), {})
    with pytest.raises(ValueError, match="init_gap needs both"):
        tailoff.init_gap(new_only)
    lv = tailoff.combined_levels(sw)
    np.testing.assert_allclose(lv[:, :, 0], tailoff.levels(sw, "default")[:, :, 0])
    s = tailoff.slope(sw, x=widths)
    np.testing.assert_allclose(s.mean[:2], [-0.5, -0.25], atol=1e-12)
    assert s.se[0] < 1e-12


# -- every stored sweep: one point recomputed exactly -------------------------------------------

MNIST = None


def _mnist():
    global MNIST
    if MNIST is None:
        MNIST = load_mnist(source="subset", verbose=False)
    return MNIST


ARRAYS = ("sq_norm", "decay", "radial", "jitter", "angle", "c0", "mean_in_sq", "stat_ratio",
          "stat_corr")
#: the cheapest point of each stored sweep: (sweep, value, init, seed)
POINTS = [("width", 10, "default", 1), ("n_in", 49, "large", 2), ("lmbda", 40.0, "default", 3),
          ("eta", 1.0, "large", 1), ("n_fixed_lmbda", 1000, "default", 2),
          ("n_fixed_ratio", 2000, "large", 1), ("grid", [40.0, 1.0], "default", 1)]


def _point_of(sweep, value):
    variable, points = (("lmbda_eta", sweep_tailoff.GRID) if sweep == "grid"
                        else sweep_tailoff.SWEEPS[sweep])
    return next(p for p in points if sweep_tailoff.variable_value(variable, p) == value)


@pytest.mark.parametrize("sweep,value,init,seed", POINTS, ids=[p[0] for p in POINTS])
def test_a_stored_point_is_recomputed_exactly(sweep, value, init, seed):
    stored = tailoff.load_sweep(sweep).run(value, init, seed)
    point = _point_of(sweep, value)
    assert stored["point"] == sweep_tailoff.asdict(point)
    b = sweep_tailoff.run_point(point, init, seed, _mnist())
    for name in ARRAYS:
        np.testing.assert_allclose(np.asarray(getattr(b, name), dtype=float),
                                   np.asarray(stored[name], dtype=float), rtol=1e-10,
                                   atol=1e-13, equal_nan=True, err_msg=f"{sweep}: {name}")
    assert b.accuracy == stored["accuracy"]


def test_the_stored_relaxation_point_is_recomputed_exactly():
    sw = tailoff.load_sweep("relax")
    lm, seed, kick = sweep_tailoff.RELAX_LAMBDAS[-1], sweep_tailoff.RELAX_SEEDS[0], 1.5
    stored = next(r for r in sw.runs if r["point"]["lmbda"] == lm and r["seed"] == seed
                  and r["kick"] == kick)
    point = replace(sweep_tailoff.BASE, lmbda=lm)
    base = sweep_tailoff.run_point(point, "default", seed, _mnist(), keep=True)
    X_, y_, _ = sweep_tailoff.data_for(point, _mnist())
    b = tailoff.train_budget(X_, y_, point.sizes, start=([w * kick for w in base.weights],
                                                         base.biases),
                             seed=seed, shuffle_seed=seed + 2 * sweep_tailoff.SHUFFLE_OFFSET,
                             epochs=sw.meta["relax_epochs"], m=point.m, eta=point.eta,
                             lmbda=lm, record_every=sw.meta["record_every"])
    np.testing.assert_allclose(b.sq_every, stored["sq_every"], rtol=1e-10)
    eq = base.sq_norm[tailoff.tail_window(point.epochs)[0]:].mean(axis=0)
    np.testing.assert_allclose(eq, stored["equilibrium"], rtol=1e-12)
    np.testing.assert_allclose(tailoff.relaxation_time(b.sq_every, sw.meta["record_every"],
                                                       b.steps_per_epoch, eq),
                               stored["tau"], rtol=1e-9)


def test_every_sweep_file_has_its_settings_seeds_and_versions():
    for path in sorted((ROOT / "data" / "sweeps").glob("*.json")):
        d = json.loads(path.read_text())
        for key in ("name", "variable", "values", "seeds", "base", "versions", "runs"):
            assert key in d, f"{path.name}: {key}"
        assert {"python", "numpy", "git_commit"} <= set(d["versions"])
        expected = {"grid": sweep_tailoff.GRID_SEEDS, "relax": sweep_tailoff.RELAX_SEEDS}.get(
            d["name"], sweep_tailoff.SWEEP_SEEDS.get(d["name"], sweep_tailoff.SEEDS))
        assert d["seeds"] == list(expected), path.name  # the seeds the script declares
        assert len(d["runs"]) >= len(d["values"]) * len(d["seeds"])


def test_width_line_has_the_required_form():
    line = tailoff.width_line()
    assert re.fullmatch(r"slope of the tail-off RMS against N_w: all weights [+-]\d\.\d\d, "
                        r"hidden layer [+-]\d\.\d\d, output layer [+-]\d\.\d\d", line)
    s = tailoff.slope(tailoff.load_sweep("width"), x=tailoff.sweep_x(tailoff.load_sweep("width")))
    # the two decimals survive the seed spread: every seed's slope rounds to the same value
    for k in range(3):
        assert len({round(v, 2) for v in s.per_seed[:, k]}) == 1 or s.se[k] < 0.0025


def test_weight_counts_come_from_the_sizes():
    assert tailoff.layer_weights((784, 30, 10)).tolist() == [23_520, 300]
    assert tailoff.layer_weights((5, 4, 3, 2)).tolist() == [20, 12, 6]
    # the width sweep's x is N_w of each stored network [784, w, 10], counted by hand here
    assert tailoff.sweep_x(tailoff.load_sweep("width")).tolist() == [7_940, 23_820, 79_400,
                                                                      238_200]


def test_run_heuristics_from_scratch():
    r = tailoff.load_sweep("width").run(30, "default", 1)
    h = tailoff.run_heuristics(r)
    n, lmbda, a = 4000, 5.0, 0.5 * 5.0 / 4000
    sq = np.asarray(r["sq_norm"])[21:]
    c0 = np.mean(r["c0"][21:])
    assert h["penalty_over_c0"] == pytest.approx(lmbda / (2 * n) * sq.sum(axis=1).mean() / c0)
    assert h["cost_balance"][2] == pytest.approx(math.sqrt(2 * n * c0 / (lmbda * 23_820)))
    assert h["unsaturation"][0] == pytest.approx(1 / math.sqrt(784 * r["mean_in_sq"][0]))
    jit = np.asarray(r["jitter"])[20:].sum(axis=0) / 4000
    assert h["noise"][0] == pytest.approx(math.sqrt(jit[0] / 23_520 / (a * (2 - a))))
    assert h["angle_predicted"] == pytest.approx(math.sqrt(2 * a))


def test_draw_sweep_point_prints_its_numbers(capsys):
    import matplotlib

    matplotlib.use("Agg")
    grid = tailoff.load_sweep("grid")
    f = tailoff.draw_sweep_point(6.0, 0.4, grid=grid)
    assert (f["lmbda_grid"], f["eta_grid"]) == (5.0, 0.5)
    printed = dict(line.split(" = ") for line in capsys.readouterr().out.strip().splitlines())
    for k, v in f.items():
        assert float(printed[k]) == pytest.approx(v, rel=1e-3)


# -- the collapse sweep ----------------------------------------------------------------------

def test_accuracy_sweep_and_collapse():
    sw = tailoff.accuracy_sweep(X, Y, [1.0, 150.0], (X[:50], Y[:50]), epochs=1)
    assert sw["rms"][1, 0] < sw["rms"][0, 0]
    fake = {"lmbda": np.array([1.0, 10.0, 100.0]), "accuracy": np.array([0.9, 0.5, 0.1])}
    assert tailoff.collapse_lambda(fake) == 100.0
    fake["accuracy"] = np.array([0.9, 0.8, 0.7])
    assert math.isnan(tailoff.collapse_lambda(fake))


def test_ex04_checks_accept_right_and_reject_wrong():
    assert ex04.check_balance_weight(math.sqrt(2 * 50_000 * 0.4 / (5 * 23_820)))
    assert not ex04.check_balance_weight(1 / math.sqrt(23_820))
    assert not ex04.check_balance_weight(None)
    a = 0.5 * 5 / 4000
    assert ex04.check_noise_rms(0.002 / math.sqrt(a * (2 - a)))
    assert not ex04.check_noise_rms(0.002)
    assert ex04.check_closer_target("1/sqrt(n_in)", 0.112)
    assert not ex04.check_closer_target("1/sqrt(N_w)", 0.112)
    assert ex04.check_closer_target("1/sqrt(N_w)", 0.008)
    assert not ex04.check_closer_target("1/sqrt(n_in)")
    assert not ex04.check_closer_target("1/n", 0.1)  # not an option: a verdict, not a crash


def test_draw_width_point_prints_its_numbers(capsys):
    import matplotlib

    matplotlib.use("Agg")
    sw = tailoff.load_sweep("width")
    f = tailoff.draw_width_point(120, sweep=sw)
    assert f["width_grid"] == 100 and f["n_w"] == 79_400
    assert f["all_new"] == pytest.approx(tailoff.run_level(sw.run(100, "default", 1))[2])
    assert f["all_new_times_sqrt_n_w"] == pytest.approx(f["all_new"] * math.sqrt(79_400))
    printed = dict(line.split(" = ") for line in capsys.readouterr().out.strip().splitlines())
    for k, v in f.items():
        assert float(printed[k]) == pytest.approx(v, rel=1e-3)


def test_heuristic_fits_are_both_inits_and_read_the_laws_slope():
    """One value per quantity: the measured slope of a fit is the law's (tailoff.slope, both
    inits), and the prediction is combined over both inits as the levels are; 04's tables
    have no second, new-init-only slope."""
    sw = tailoff.load_sweep("eta")
    x = tailoff.sweep_x(sw)
    law = tailoff.slope(sw, x=x)
    fits = {(f.heuristic, f.layer): f for f in tailoff.heuristic_fits(sw)}
    assert tailoff.met(sw).all()  # so "combined" is the plain mean of the two inits here
    old, new = (tailoff.sweep_heuristics(sw, init) for init in ("large", "default"))
    for (name, layer), f in fits.items():
        k = tailoff.LAYERS.index(layer)
        assert f.measured_slope == law.mean[k]
        pred = (old[name][:, :, k] + new[name][:, :, k]) / 2  # (values, seeds)
        lv = (old["level"][:, :, k] + new["level"][:, :, k]) / 2
        per_seed = [np.polyfit(np.log(x), np.log(pred[:, s]), 1)[0] for s in range(pred.shape[1])]
        assert f.slope == pytest.approx(np.mean(per_seed), rel=1e-12, abs=1e-12)
        ratio = lv.mean(axis=1) / pred.mean(axis=1)
        assert (f.factor_low, f.factor_high) == pytest.approx((ratio.min(), ratio.max()))
    assert not hasattr(tailoff, "heuristic_slopes")  # verdict.heuristic_slopes is the one table
    assert "combined" in tailoff.heuristic_summary([sw]).splitlines()[0]


def test_table_headers_use_the_courses_symbols():
    for name, symbol in (("lmbda", "λ"), ("eta", "η"), ("width", "N_w"), ("n_in", "n_in")):
        sw = tailoff.load_sweep(name)
        for table in (tailoff.level_table, tailoff.budget_table, tailoff.angle_table):
            head = table(sw).splitlines()[0]
            assert head.split("|")[0].strip() == symbol, head
            assert not any(w in head for w in ("lmbda", "eta", "sqrt", "lambda")), head
    for table in (tailoff.budget_table, tailoff.angle_table):  # new init only, and say so
        assert "(new init)" in table(tailoff.load_sweep("eta")).splitlines()[0]


def test_heuristic_table_reads_in_words():
    """The heuristics' table names its rows and columns in words, not code identifiers, and
    explains both markers it prints (review S5)."""
    sweeps = [tailoff.load_sweep(name) for name in tailoff.SWEEP_NAMES]
    text = tailoff.heuristic_summary(sweeps)
    lines = text.splitlines()
    assert "s: " in lines[0] and "-: " in lines[0]
    assert "_" not in "".join(line[:tailoff.LABEL_WIDTH] for line in lines[2:])
    assert "cost balance, all weights" in text and "noise equilibrium, output" in text
    assert "n, fixed λ/n" in lines[1] and "n (λ" not in lines[1]
    for line in lines[2:]:  # every cell: a range and its marker, one per sweep
        assert len(line[tailoff.LABEL_WIDTH:].split()) == 2 * len(sweeps)


# -- the comparison of regenerated sweeps (tools/compare_sweeps.py) ------------------------------

import compare_sweeps  # noqa: E402


def test_compare_sweeps_finds_every_changed_stored_number_and_ignores_additions():
    old = {"name": "x", "versions": {"git_commit": "a"},
           "runs": [{"sq_norm": [[1.0, 2.0], [3.0, float("nan")]], "init": "large", "seed": 1}]}
    same = json.loads(json.dumps(old))
    same["versions"] = {"git_commit": "b"}  # expected to change
    same["runs"][0]["mechanism"] = {"alpha_star": [1.0]}  # an added field
    same["runs"][0]["sq_norm"][0][0] = 1.0 + 5e-11  # within 1e-10 relative
    assert compare_sweeps.differences(old, same) == []
    for change in (lambda d: d["runs"][0]["sq_norm"][1].__setitem__(0, 3.0 * (1 + 2e-10)),
                   lambda d: d["runs"][0]["sq_norm"][1].__setitem__(1, 0.0),
                   lambda d: d["runs"][0].pop("seed"),
                   lambda d: d["runs"][0]["sq_norm"].pop(),
                   lambda d: d["runs"][0].__setitem__("init", "default")):
        new = json.loads(json.dumps(old))
        change(new)
        assert len(compare_sweeps.differences(old, new)) == 1


def test_load_sweep_reads_a_changed_file_again(tmp_path):
    """load_sweep keeps a file it has read, but not once the file has changed."""
    import json

    def store(values):
        (tmp_path / "fake.json").write_text(json.dumps(
            {"name": "fake", "variable": "width", "values": values, "seeds": [1],
             "inits": ["default"], "runs": []}))

    store([10, 30])
    first = tailoff.load_sweep("fake", tmp_path)
    assert tailoff.load_sweep("fake", tmp_path) is first  # read once
    store([10, 30, 100])  # another size
    assert tailoff.load_sweep("fake", tmp_path).values == (10, 30, 100)
