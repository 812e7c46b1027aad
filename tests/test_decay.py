"""Notebook 02's helpers: per-epoch factors, the rate ratio, pure decay, exercise checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import decay, derivations
from helpers.exercises import ex02
from helpers.network import Network


def test_rate_ratio_series_is_proved_and_rejects_a_wrong_claim():
    claim = decay.rate_ratio_series()
    assert "rate_ratio_series" in str(claim)
    (a,) = claim.statement.free_symbols  # the rate a = eta*lmbda/n, whatever the claim calls it
    with pytest.raises(derivations.ProofError):
        decay.rate_ratio_series(rhs=1 + a / 3 + a**2 / 3)


def test_rate_ratio_within_proved_bounds_and_equals_log_ratio():
    a = np.array([1e-6, 1e-3, 0.1, 0.5, 0.9])
    ratio = decay.rate_ratio(a)
    assert np.all(ratio >= 1) and np.all(ratio <= 1 / (1 - a))
    # for m | n: log(exact) / log(approx), from the twins
    n, m = 1_000, 10
    x = a * n
    exact = derivations.per_epoch_factor_exact(1.0, x, n, m)
    approx = derivations.per_epoch_factor_approx(1.0, x, m)
    np.testing.assert_allclose(np.log(exact) / np.log(approx), ratio, rtol=1e-9)
    with pytest.raises(ValueError):
        decay.rate_ratio(1.0)


def test_epoch_numbers_book_numbers():
    f = decay.epoch_numbers(0.1, 5.0, 10, 50_000)
    assert round(f["exact"], 7) == 0.9512292 and round(f["approx"], 7) == 0.9512294
    assert f["relative_error"] == pytest.approx(-2.5e-7, rel=1e-4)
    g = decay.epoch_numbers(0.5, 5.0, 10, 50_000)
    assert round(g["exact"], 7) == 0.7787959 and round(g["approx"], 7) == 0.7788008
    assert g["relative_error"] == pytest.approx(g["first_term"], rel=1e-4)
    assert g["steps"] == 5000


def test_epoch_numbers_relative_error_is_exact_over_approx():
    f = decay.epoch_numbers(1.0, 50.0, 10, 1_000)
    assert f["relative_error"] == pytest.approx(f["exact"] / f["approx"] - 1, rel=1e-12)
    assert f["steps"] == 100 and f["a"] == 0.05


def test_error_rows_use_ceiling_steps():
    (row,) = decay.error_rows([0.5], n=50_000, m=7)
    assert row["steps"] == 7143
    assert row["exact"] == pytest.approx((1 - 0.5 / 50_000) ** 7143, rel=1e-13)


def test_draw_per_epoch_prints_epoch_numbers(capsys):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    f = decay.draw_per_epoch(0.5, 5.0, 10, 50_000)
    decay.draw_error_growth()
    plt.close("all")
    out = capsys.readouterr().out
    for key, value in f.items():
        assert f"{key} = {value:.6g}" in out


def test_pure_decay_deviation_is_machine_precision():
    rng = np.random.default_rng(0)
    X = rng.random((100, 6))
    y = rng.integers(0, 3, 100)
    out = decay.pure_decay_deviation(X, y, eta=2.0, lmbda=5.0, m=7, epochs=2, sizes=(6, 4, 3))
    assert out["steps"] == 15
    assert out["factor"] == pytest.approx((1 - 0.1) ** 15, rel=1e-13)
    assert out["max_rel_dev"] < 1e-13


def test_early_epoch_ratios_of_pure_decay_equal_the_factor():
    rng = np.random.default_rng(1)
    X = rng.random((50, 6))
    y = rng.integers(0, 3, 50)
    h = Network((6, 4, 3), init="large", seed=0).train(
        X, y, epochs=3, mini_batch_size=10, eta=1.0, lmbda=2.0, data_gradient=False, seed=0)
    early = decay.early_epoch_ratios(h)
    np.testing.assert_allclose(early["ratio"], early["exact"], rtol=1e-12)
    assert early["approx"] == pytest.approx(math.exp(-0.2))


def test_ex02_checks_pass_right_and_fail_wrong():
    assert ex02.check_exact_factor(0.7787399)
    assert not ex02.check_exact_factor(math.exp(-0.25)), "the approximation is not exact"
    assert ex02.check_steps(7143)
    assert not ex02.check_steps(7142)
    assert not ex02.check_steps(50_000 / 7)
    assert ex02.check_leading_term(-6.25e-6)
    assert ex02.check_leading_term(-6.25019e-6)
    assert not ex02.check_leading_term(6.25e-6)
    assert not ex02.check_leading_term(-1.25e-5)
    assert ex02.check_rate_ten_percent(0.176)
    assert not ex02.check_rate_ten_percent(0.2)
    assert not ex02.check_rate_ten_percent(None)
    assert ex02.leading_term(0.5, 5.0, 10, 50_000) == pytest.approx(-6.25e-6, rel=1e-12)
    assert decay.rate_ratio(ex02.rate_ratio_root(1.1)) == pytest.approx(1.1, rel=1e-12)


def test_what_appendix_a2_prints_beside_its_from_scratch_lines():
    """A2 prints a from-scratch value beside the twin's; here they are asserted to agree: the
    book's factors (relative 1e-12), the m ∤ n factor (1e-13), and the relative error at the
    book's settings against mpmath at 50 digits (1e-9)."""
    import mpmath

    rows = derivations.book_per_epoch_factors()
    for eta in (0.1, 0.5):
        row = rows[f"eta={eta}, lambda=5"]
        assert row["exact"] == pytest.approx((1 - eta * 5.0 / 50_000) ** 5_000, rel=1e-12)
        assert row["approx"] == pytest.approx(math.exp(-eta * 5.0 / 10), rel=1e-12)
        with mpmath.workdps(50):
            x = mpmath.mpf(eta) * 5
            ref = mpmath.expm1(5_000 * mpmath.log1p(-x / 50_000) + x / 10)
        twin = float(derivations.per_epoch_relative_error(eta, 5.0, 50_000, 10))
        assert abs(twin / float(ref) - 1) < 1e-9
    q = 1 - 0.1 * 5.0 / 50_000
    assert float(derivations.per_epoch_factor_exact(0.1, 5.0, 50_000, 7)) == pytest.approx(
        q ** 7_143, rel=1e-13)
