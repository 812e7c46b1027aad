"""The cited table in helpers.book_logs against the book's logs, and the Σw² back-out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from helpers import book_logs as bl

LOGS = Path(__file__).resolve().parents[2] / "shared" / "book-logs"
needs_logs = pytest.mark.skipif(not LOGS.is_dir(), reason=f"the book's logs are not at {LOGS}")


def log(run_name):
    run = bl.RUNS[run_name]
    data = json.loads((LOGS / Path(run.file).name).read_text())
    if isinstance(data, dict):
        key = f"{run.init}_weight_initialization"
        return data[key]
    return data


@needs_logs
@pytest.mark.parametrize("name", list(bl.ACCURACY_COUNTS))
def test_accuracy_counts_are_the_logged_ones(name):
    assert list(bl.ACCURACY_COUNTS[name]) == log(name)[1]
    assert len(bl.ACCURACY_COUNTS[name]) == bl.RUNS[name].epochs


@needs_logs
@pytest.mark.parametrize("name", list(bl.FINAL_ACCURACY_COUNTS))
def test_final_accuracies_are_the_logged_ones(name):
    logged = log(name)[1]
    assert len(logged) == bl.RUNS[name].epochs
    assert bl.FINAL_ACCURACY_COUNTS[name] == logged[-1]


@needs_logs
def test_regularized_full_costs_are_the_logged_ones():
    data = log("regularized_full")
    np.testing.assert_allclose(bl.REGULARIZED_FULL_COSTS["eval_cost"], data[0], atol=5e-7)
    np.testing.assert_allclose(bl.REGULARIZED_FULL_COSTS["train_cost"], data[2], atol=5e-7)


@needs_logs
def test_overfitting_full_costs_are_the_logged_ones():
    data = log("overfitting_full")
    np.testing.assert_allclose(bl.OVERFITTING_FULL_COSTS["eval_cost"], data[0], atol=5e-7)
    np.testing.assert_allclose(bl.OVERFITTING_FULL_COSTS["train_cost"], data[2], atol=5e-7)
    assert bl.RUNS["overfitting_full"].lmbda == 0  # so E - T is the data-cost gap itself


def test_pessimistic_lower_estimate():
    """The λ = 0 gap (fig/overfitting_full.json) reaches ≈ 0.19 by epoch 30, ≈ 970 in Σw² units."""
    gap = bl.overfitting_full_gap()
    assert gap.shape == (30,) and gap[-1] == pytest.approx(0.194, abs=1e-3)
    coef = bl.back_out_coefficient(5.0, 50_000, 10_000)
    assert coef == pytest.approx(2e-4)
    assert gap[-1] / coef == pytest.approx(970, abs=2)
    low, est = bl.regularized_full_sum_w2_low(), bl.regularized_full_sum_w2()
    np.testing.assert_allclose(est - low, gap / coef, rtol=1e-12)
    assert np.all(low[1:] < est[1:]) and np.all(low > 0)


def test_sum_w2_is_recovered_from_synthetic_costs():
    """With equal data costs the back-out is exact; a positive gap makes it an over-estimate."""
    rng = np.random.default_rng(0)
    s = rng.uniform(1e3, 3e4, size=30)
    c0 = rng.uniform(0.1, 0.5, size=30)
    lmbda, n_t, n_e = 5.0, 50_000, 10_000
    T = c0 + lmbda / (2 * n_t) * s
    E = c0 + lmbda / (2 * n_e) * s
    np.testing.assert_allclose(bl.sum_w2_from_costs(T, E, lmbda, n_t, n_e), s, rtol=1e-12)
    assert np.all(bl.sum_w2_from_costs(T, E + 0.01, lmbda, n_t, n_e) > s)
    assert np.all(bl.sum_w2_upper_bound(E, lmbda, n_e) >= s)


def test_regularized_full_plateau():
    """fig/regularized_full.json: Σw² falls from ~23,800 at pure-decay pace, then plateaus
    near 2,900."""
    s = bl.regularized_full_sum_w2()
    run = bl.RUNS["regularized_full"]
    assert run.n_weights == 23_820
    pure = run.n_weights * np.exp(-2 * run.eta * run.lmbda / run.m)  # Σw² after one epoch
    assert abs(s[0] / pure - 1) < 0.05
    from helpers.tailoff import tail_off_level

    plateau = s[20:]  # the course's tail-off rule: epochs 21-30 of 30
    assert 2_800 < plateau.mean() < 3_000
    rms = np.sqrt(plateau.mean() / run.n_weights)
    assert rms == tail_off_level(s, run.n_weights)[0]
    assert 0.33 < rms < 0.36
    assert np.all(s <= bl.sum_w2_upper_bound(bl.REGULARIZED_FULL_COSTS["eval_cost"], 5.0, 10_000))


@pytest.mark.parametrize("kwargs, match", [
    ({"lmbda": 0.0}, "lmbda"),
    ({"n_eval": 50_000}, "n_eval"),
])
def test_bad_input(kwargs, match):
    args = {"train_cost": [1.0], "eval_cost": [2.0], "lmbda": 5.0, "n_train": 50_000,
            "n_eval": 10_000, **kwargs}
    with pytest.raises(ValueError, match=match):
        bl.sum_w2_from_costs(**args)
    with pytest.raises(ValueError, match="shape"):
        bl.sum_w2_from_costs([1.0, 2.0], [1.0], 5.0, 50_000, 10_000)
    with pytest.raises(ValueError, match="name"):
        bl.accuracy("no_such_run")


@needs_logs
@pytest.mark.parametrize("name", list(bl.TRAIN_ACCURACY_COUNTS))
def test_train_accuracy_counts_are_the_logged_ones(name):
    assert list(bl.TRAIN_ACCURACY_COUNTS[name]) == log(name)[3]


@needs_logs
def test_overfitting_full_test_counts_are_the_logged_ones():
    assert list(bl.OVERFITTING_FULL_TEST_COUNTS) == log("overfitting_full")[1]


def test_accuracy_gap_and_the_pessimistic_estimates_drift():
    """The λ = 0 run's training − test accuracy gap grows (0.06 → 2.55 points), the λ = 5 run's
    stays level (0.68 points on average in epochs 3-10, 0.74 in 21-30, never above 1.03); the
    back-out is flat over the tail window, the pessimistic estimate falls ~10%, the middle
    estimate stays within a few per cent."""
    a0, a5 = bl.accuracy_gap("overfitting_full"), bl.accuracy_gap("regularized_full")
    assert a0[0] == pytest.approx(45_708 / 50_000 - 9_136 / 10_000)
    assert a0[-1] > 0.02 > a0[20:].mean() - a0[2:10].mean() > 0.01
    assert abs(a5[20:].mean() - a5[2:10].mean()) < 0.001 and a5.max() < 0.011
    assert abs(bl.tail_drift(bl.regularized_full_sum_w2())) < 0.02
    assert bl.tail_drift(bl.regularized_full_sum_w2_low()) < -0.08
    assert abs(bl.tail_drift(bl.regularized_full_sum_w2_matched())) < 0.05
    low, mid, est = (np.mean(s[20:]) for s in (bl.regularized_full_sum_w2_low(),
                                                 bl.regularized_full_sum_w2_matched(),
                                                 bl.regularized_full_sum_w2()))
    assert low < mid < est
    with pytest.raises(ValueError, match="name"):
        bl.accuracy_gap("regularized")


def test_tail_drift_of_known_series():
    flat = np.full(30, 7.0)
    assert bl.tail_drift(flat) == pytest.approx(0.0, abs=1e-12)
    growing = 100 * np.exp(0.01 * np.arange(1, 31))  # +1% per epoch: +9% across epochs 21-30
    assert bl.tail_drift(growing) == pytest.approx(0.09, rel=1e-9)


def test_matched_estimate_scales_the_gap_by_the_accuracy_gap():
    alpha = bl.gap_per_accuracy_gap()
    gap, acc = bl.overfitting_full_gap(), bl.accuracy_gap("overfitting_full")
    assert alpha == pytest.approx(np.sum(gap * acc) / np.sum(acc * acc))
    np.testing.assert_allclose(
        bl.regularized_full_sum_w2() - bl.regularized_full_sum_w2_matched(),
        alpha * bl.accuracy_gap("regularized_full") / 2e-4, rtol=1e-12)
