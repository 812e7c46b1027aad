"""helpers.examples (notebook 05) and its exercise checks (helpers.exercises.ex05)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import book_logs, examples
from helpers.data import MNIST, load_mnist
from helpers.exercises import ex05
from helpers.network import Network

# -- formulas ----------------------------------------------------------------------------------

def test_epochs_to_reach_solves_the_power_equation():
    assert examples.epochs_to_reach(math.exp(-0.05), 1 / 28) == pytest.approx(math.log(28) / 0.05)
    k = examples.epochs_to_reach(0.9, 0.2, start=0.5)
    assert 0.5 * 0.9**k == pytest.approx(0.2)
    assert examples.epochs_to_reach(1.0, 0.1) == math.inf
    assert examples.epochs_to_reach(0.9, 2.0) == 0.0
    for bad in ((0.0, 0.1), (1.1, 0.1), (0.9, 0.0)):
        with pytest.raises(ValueError):
            examples.epochs_to_reach(*bad)


def test_pure_decay_and_plateau():
    np.testing.assert_allclose(examples.pure_decay_sum_w2(100, 0.5, 3), [100, 25, 6.25, 1.5625])
    s = np.r_[np.full(20, 1e4), np.arange(1, 11)]
    assert examples.plateau_sum_w2(s) == 5.5  # the tail-off rule: mean of epochs 21..30
    with pytest.raises(ValueError):
        examples.plateau_sum_w2([])


# -- the table -----------------------------------------------------------------------------------

def test_decay_row_of_the_weight_init_graphs():
    d = examples.decay_row("weight_init_30_large")
    assert d["exact"] == pytest.approx(0.951229, abs=1e-6)
    # ln 28 / 0.05: from RMS 1 to 1/√784 at the per-epoch factor e^-0.05
    assert d["epochs_to_n_in"] == pytest.approx(66.64, abs=0.01)
    assert d["epochs_to_n_w"] > d["epochs_to_n_in"]
    assert not d["reaches_n_in"] and not d["reaches_n_w"]
    assert d["rms_at_end"] == pytest.approx(math.exp(-1.5), rel=1e-5)
    full = examples.decay_row("regularized_full")
    assert full["reaches_n_in"] and full["reaches_n_w"]
    assert examples.decay_row("overfitting")["epochs_to_n_in"] == math.inf


def test_decay_row_matches_the_derivations_twins():
    for name, run in book_logs.RUNS.items():
        d = examples.decay_row(name)
        exact = (1 - run.eta * run.lmbda / run.n) ** math.ceil(run.n / run.m)
        assert d["exact"] == pytest.approx(exact, rel=1e-12)
        assert d["relative_error"] == pytest.approx(
            exact / math.exp(-run.eta * run.lmbda / run.m) - 1, abs=1e-12)


def test_tables_list_every_run_with_its_source():
    settings, decay = examples.settings_table(), examples.decay_table()
    for name, run in book_logs.RUNS.items():
        assert name in settings and name in decay
        assert f"{run.file}, epoch {run.epochs}" in settings
    assert "96.37%" in settings  # fig/weight_initialization_30.json, epoch 30: 9637 / 10,000
    assert "66.6" in decay and "100.8" in decay and "112.8" in decay
    # the tables fit a notebook cell (100 characters)
    for table in (settings, decay, examples.gap_table()):
        assert max(map(len, table.splitlines())) <= 100


def test_format_table_aligns_columns():
    lines = examples.format_table(["a", "bb"], [["xyz", 1], ["w", 12345]]).splitlines()
    assert len({len(line) for line in lines}) == 1
    assert lines[2].startswith("xyz") and lines[3].endswith("12345")


def test_reported_accuracy_is_the_logged_final_count():
    assert examples.reported_accuracy("regularized") == (0.8695, "fig/regularized.json, epoch 400")
    acc, _ = examples.reported_accuracy("weight_init_100_default")
    assert acc == book_logs.ACCURACY_COUNTS["weight_init_100_default"][-1] / 10_000


# -- the gap -------------------------------------------------------------------------------------

def test_gap_closing_from_the_logs():
    g30, g100 = examples.gap_closing(30), examples.gap_closing(100)
    assert g30["gap"][0] == 9270 - 8643
    assert (g30["first"], g30["stays"]) == (20, 20)
    assert (g100["first"], g100["stays"]) == (22, 26)
    table = examples.gap_table()
    assert "first, for good" in table and table.count("[784,30,10]") == 1  # merged row
    assert np.all(g100["gap"][25:] <= examples.GAP_TOLERANCE)
    assert g100["gap"][24] > examples.GAP_TOLERANCE
    assert examples.gap_closing(30, tolerance=-1000)["first"] is None


# -- re-runs on a tiny data set (fast) -----------------------------------------------------------

@pytest.fixture(scope="module")
def tiny():
    X, y = load_mnist(source="subset", verbose=False).train
    return MNIST((X[:300], y[:300]), (X[300:400], y[300:400]), (X[400:500], y[400:500]),
                 "subset")


def test_rerun_weight_init_shapes_and_same_draws(tiny):
    r = examples.rerun_weight_init(tiny, hidden=(30, 100), epochs=2)
    assert set(r.histories) == {(30, "large"), (30, "default"), (100, "large"),
                                (100, "default")}
    assert (r.source, r.n, r.n_eval) == ("subset", 300, 100)
    h = r.histories[(30, "large")]
    assert h.accuracy.shape == (3,) and h.eta == 0.1 and h.lmbda == 5.0 and h.m == 10
    # same normal draws: the old init's RMS is sqrt(784) times the new one's at epoch 0
    assert h.rms[0, 0] == pytest.approx(28 * r.histories[(30, "default")].rms[0, 0])
    assert "re-run (subset)" in examples.gap_table([r])


def test_backed_out_sum_w2_is_exact_up_to_the_data_cost_gap(tiny):
    """The rerun's recorded validation cost is the book's total_cost of the trained weights:
    an independent twin network, trained alike, gives the data-cost gap C0_eval - C0_train
    directly, and the back-out minus that gap must be the Σw² the engine measured."""
    r = examples.rerun_regularized_full(tiny, epochs=2)
    h = r.histories[(30, "large")]
    assert r.eval_cost.shape == (3,)
    twin = Network([784, 30, 10], init="large", seed=1)
    twin.train(*tiny.train, epochs=2, mini_batch_size=10, eta=0.5, lmbda=5.0, seed=2)
    Xv, yv = tiny.validation
    gap = twin.cost(Xv, yv, 0.0) - twin.cost(*tiny.train, 0.0)  # pure cross-entropies
    coef = book_logs.back_out_coefficient(h.lmbda, r.n, r.n_eval)
    truth = float(np.sum([np.vdot(w, w) for w in twin.weights]))
    assert truth == pytest.approx(examples.history_sum_w2(h)[-1], rel=1e-12)
    assert examples.backed_out_sum_w2(r)[-1] - gap / coef == pytest.approx(truth, rel=1e-9)
    assert r.eval_cost[-1] == pytest.approx(twin.cost(Xv, yv, 5.0), rel=1e-12)


def test_figures_draw(tiny):
    r = examples.rerun_weight_init(tiny, epochs=2)
    fig, axes = plt.subplots(1, 2)
    examples.plot_weight_init(axes, [r, r])  # subset and full-scale re-runs side by side
    assert len(axes[0].lines) >= 6
    assert examples.gap_table([r, r]).count("re-run (subset)") == 2
    fig2, ax = plt.subplots()
    examples.plot_rms(ax, r, predicted={30: 0.35, 100: 0.192})
    labels = [line.get_label() for line in ax.get_lines()]
    # the law's lines say what they are: all weights, the book's runs, one per width (M6)
    law_lines = [lab for lab in labels if lab.startswith("law's predicted")]
    assert len(law_lines) == 2 and all("all weights" in lab for lab in law_lines)
    assert any(lab.endswith(": 0.192") for lab in law_lines)
    assert sum("gap closes for good" in lab for lab in labels) == 2  # the grey lines (item 9)
    fig3, ax3 = plt.subplots()
    examples.plot_sum_w2(ax3, examples.rerun_regularized_full(tiny, epochs=2))
    assert ax3.get_yscale() == "log"
    # the new-init level: every layer at RMS 1/√(its fan-in): 23,520/784 + 300/30 = 40 (item 3)
    assert any(line.get_label().endswith("= 40 (new init)") for line in ax3.get_lines())
    plt.close("all")


def test_book_plateau_numbers():
    """The tail-off Σw² of the book's log (epochs 21-30), its pessimistic edge and RMS."""
    p = examples.book_plateau(0.5)
    est = book_logs.regularized_full_sum_w2()
    assert p["sum_w2"] == pytest.approx(np.mean(est[20:]), rel=1e-12)
    assert p["sum_w2"] == pytest.approx(2_881, abs=1)
    assert p["sum_w2_low"] == pytest.approx(np.mean(book_logs.regularized_full_sum_w2_low()[20:]))
    assert p["sum_w2_low"] == pytest.approx(p["sum_w2"] - p["gap"] / 2e-4)
    assert p["rms"] == pytest.approx(math.sqrt(p["sum_w2"] / 23_820))
    assert p["hidden"] == pytest.approx(math.sqrt(p["sum_w2"] * 0.5 / 23_520))
    assert p["epochs"] == pytest.approx(math.log(p["rms"]) / -0.05, rel=1e-5)
    assert p["epochs"] < p["epochs_rms_low"] < p["epochs_hidden_low"]


def test_graphed_tailoff_uses_the_law_and_the_seeded_start():
    from helpers import verdict
    from helpers.book_init import book_initial_sum_w2

    g = examples.graphed_tailoff()
    assert g[30]["rms"] == pytest.approx(verdict.law_prediction(1e-4, 23_820, 0.1))
    assert g[100]["rms"] < g[30]["rms"]
    rms0 = math.sqrt(book_initial_sum_w2((784, 100, 10), "weight_initialization") / 79_400)
    assert g[100]["rms0"] == pytest.approx(rms0)
    f = (1 - 0.1 * 5 / 50_000) ** 5_000
    assert rms0 * f ** g[100]["epochs"] == pytest.approx(g[100]["rms"])


def test_output_share(tiny):
    r = examples.rerun_regularized_full(tiny, epochs=3)
    h = r.histories[(30, "large")]
    share = examples.output_share(h)
    expected = h.sq_norm[3:, 1].mean() / h.sq_norm[3:].sum(axis=1).mean()  # tail: epoch 3 of 3
    assert share == pytest.approx(expected) and 0 < share < 1


# -- notebook 05's argument ---------------------------------------------------------------------

def test_book_numbers_are_the_books_settings():
    b = examples.book_numbers()
    assert b["graphed"]["a"] == pytest.approx(1e-5) and b["full"]["a"] == pytest.approx(5e-5)
    assert b["graphed"]["exact"] == pytest.approx(math.exp(-0.05), rel=1e-6)
    assert b["graphed"]["epochs_to_n_in"] == pytest.approx(math.log(28) / 0.05, rel=1e-5)
    assert b["graphed"]["rms_30"] == pytest.approx(math.exp(-1.5), rel=1e-5)


def test_pure_decay_share_is_the_closed_form():
    """examples.pure_decay_share writes the closed forms out; the derivations' twins agree."""
    from helpers import derivations

    for rms in (1.0, 0.3):
        z_std = derivations.weighted_input_std(examples.X_NORM, rms, 1.0)
        assert float(examples.pure_decay_share(rms)) == pytest.approx(
            float(derivations.saturated_share(z_std)), rel=1e-9)
    assert examples.pure_decay_share(np.array([1.0, 0.3])).shape == (2,)


def test_catch_up_from_the_logs():
    c = examples.catch_up()
    assert (c[30]["first"], c[100]["first"], c[100]["stays"]) == (20, 22, 26)
    f = examples.decay_row("weight_init_30_large")["exact"]
    assert c[100]["rms_stays"] == pytest.approx(f ** 26)
    assert c[30]["share_0"] > 0.6 > 0.25 > c[30]["share_stays"] > c[100]["share_stays"]
    assert c[100]["law_epoch"] > c[100]["stays"]  # the wide network catches up first


def test_cost_balance_rms_recomputed_from_the_log():
    """r = 1 means (λ/2n)Σw² = C₀, i.e. RMS = √(2nC₀/(λN_w)); C₀ = T − (λ/2n)Σw² over the tail."""
    cb = examples.cost_balance_rms()
    s = examples.plateau_sum_w2(book_logs.regularized_full_sum_w2())
    T = np.mean(book_logs.REGULARIZED_FULL_COSTS["train_cost"][20:])
    c0 = T - 5.0 / (2 * 50_000) * s
    assert cb["c0"] == pytest.approx(c0, rel=1e-9)
    assert cb["r1"] == pytest.approx(math.sqrt(2 * 50_000 * c0 / (5.0 * 23_820)), rel=1e-9)
    assert cb["rms"] == pytest.approx(math.sqrt(s / 23_820))
    assert cb["r"] == pytest.approx(5.0 / (2 * 50_000) * s / c0)
    assert cb["rms_low"] < cb["rms"] < cb["r1"] < cb["r1_low"]
    assert cb["sweeps"][0] < cb["r1"] < cb["sweeps"][1]


def test_the_lesson_figures_keep_a_short_legend():
    """05's back-out figure has five legend entries (the review counted eleven), its catch-up
    figure four per panel."""
    fig, ax = plt.subplots()
    examples.plot_sum_w2(ax, bound=False)
    assert len(ax.get_legend().get_texts()) == 5
    fig, axes = plt.subplots(1, 2)
    examples.plot_catch_up(axes)
    assert all(len(a.get_legend().get_texts()) == 4 for a in axes)
    plt.close("all")


# -- exercise checks: a right answer, a subtly wrong one (named), a wrong-shaped one --------------

def _lambda(target, epochs=30, eta=0.1):
    return 50_000 / eta * (1 - target ** (1 / (5_000 * epochs)))


def _epochs_to_quarter(power=1, one_sided=False):
    from helpers import derivations

    z_eps = float(derivations.saturation_threshold_value(0.01))
    lo, hi, y = 0.0, 10.0, 0.5 if one_sided else 0.25
    for _ in range(100):  # erfc(mid) = y, independently of the check's own inversion
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if math.erfc(mid) > y else (lo, mid)
    s = z_eps / (math.sqrt(2) * lo)
    rms = math.sqrt(s * s - 1) / 9.39
    return math.log(rms) / (-0.05 * power)


RIGHT = {
    ex05.check_lambda_for_n_in: 10 * math.log(28) / (0.1 * 30),  # the exp(−ηλ/m) form
    ex05.check_sum_w2_last_epoch: (0.976829 - 0.39226) / (2.5 * (1 / 10_000 - 1 / 50_000)),
    ex05.check_quarter_saturated: math.ceil(_epochs_to_quarter()),
    ex05.check_epochs_to_level: math.log(math.sqrt(2_881.3255 / 23_820)) / -0.05,
}
SUBTLY_WRONG = {  # (answer, a word of the message that names the slip)
    ex05.check_lambda_for_n_in: (_lambda(1 / 28) / 2, "f²"),
    ex05.check_sum_w2_last_epoch: ((0.976829 - 0.39226) / (5.0 * (1 / 10_000 - 1 / 50_000)),
                                   "½"),
    ex05.check_quarter_saturated: (math.floor(_epochs_to_quarter()), "round"),
    ex05.check_epochs_to_level: (math.log(math.sqrt(2_881.3255 / 23_820)) / -0.1, "f²"),
}
WRONG_SHAPE = {
    ex05.check_lambda_for_n_in: [11.1],
    ex05.check_sum_w2_last_epoch: "about three thousand",
    ex05.check_quarter_saturated: (18,),
    ex05.check_epochs_to_level: {"epochs": 21.1},
}


@pytest.mark.parametrize("check", list(RIGHT), ids=lambda c: c.__name__)
def test_exercise_checks(check):
    assert check(RIGHT[check]), check(RIGHT[check])
    wrong, word = SUBTLY_WRONG[check]
    verdict = check(wrong)
    assert not verdict and word in str(verdict), str(verdict)
    assert not check(WRONG_SHAPE[check])
    empty = check(None)
    assert not empty and "Not yet" in str(empty)
    for v in (verdict, empty):  # the feedback never gives the answer away
        assert f"{RIGHT[check]:.3g}" not in str(v)


def test_lambda_for_n_in_solves_the_exact_factor():
    value = _lambda(1 / 28)
    assert ex05.check_lambda_for_n_in(value)
    assert (1 - 0.1 * value / 50_000) ** (5_000 * 30) == pytest.approx(1 / 28, rel=1e-9)
    assert ex05.check_lambda_for_n_in(11.1), "three significant figures are enough"
    assert "1/√N_w" in str(ex05.check_lambda_for_n_in(_lambda(1 / math.sqrt(23_820))))


def test_quarter_saturated_is_the_first_epoch_below_a_quarter():
    f = examples.decay_row("weight_init_30_large")["exact"]
    k = RIGHT[ex05.check_quarter_saturated]
    assert examples.pure_decay_share(f ** k) < 0.25 < examples.pure_decay_share(f ** (k - 1))
    assert ex05.check_quarter_saturated(k) and not ex05.check_quarter_saturated(k - 1)
    one_sided = ex05.check_quarter_saturated(math.ceil(_epochs_to_quarter(one_sided=True)))
    assert not one_sided and "tail" in str(one_sided)
    real = ex05.check_quarter_saturated(_epochs_to_quarter())
    assert not real and "whole epoch" in str(real)


def test_book_ratio_levels_read_through_the_mechanism_helper():
    """05 and A7 read the direct measurement at the book's λ/n (λ = 0.4 on 4,000 digits) through
    helpers.mechanism; both inits, a level of the book's order (2,028-2,881 from its log)."""
    if not examples.book_ratio_available():
        pytest.skip("data/sweeps/book_ratio.json is not stored")
    levels = examples.book_ratio_levels()
    assert {examples.INIT_NAMES[k] for k in levels} == {"old", "new"}
    for pt in levels.values():
        assert pt.lmbda == 0.4 and pt.n == 4_000
        assert 1_000 < pt.sq_total < 4_000
