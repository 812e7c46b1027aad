"""helpers.examples (notebook 05) and its exercise checks (helpers.exercises.ex05)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import book_logs, derivations, examples
from helpers.data import MNIST, load_mnist
from helpers.exercises import ex05

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
    s = np.r_[np.full(9, 1e4), np.arange(1, 22)]
    assert examples.plateau_sum_w2(s) == 11.0  # median of epochs 10..30 = 1..21
    with pytest.raises(ValueError):
        examples.plateau_sum_w2(s, from_epoch=31)


@pytest.mark.parametrize("part,value,expected", [
    ("1", 0.05, "holds"), ("1", 0.2, "holds loosely"), ("1", 0.5, "fails"),
    ("2", 1e-6, "holds"), ("2", 0.05, "holds loosely"), ("2", 0.2, "fails"),
    ("3", 1.5, "holds"), ("3", 9.9, "holds loosely"), ("3", 54, "fails"),
    ("3", math.inf, "fails")])
def test_classify_uses_the_stated_thresholds(part, value, expected):
    assert examples.classify(value, part) == expected


# -- the table -----------------------------------------------------------------------------------

def test_decay_row_of_the_weight_init_graphs():
    d = examples.decay_row("weight_init_30_large")
    assert d["exact"] == pytest.approx(0.951229, abs=1e-6)
    assert d["epochs_to_n_in"] == pytest.approx(66.64, abs=0.01)  # ln 28 / 0.05 (COURSE.md)
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
    # review item 11: tables fit a notebook cell
    for table in (settings, decay, examples.gap_table(), examples.verdict_table(
            examples.verdicts(None))):
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
    r = examples.rerun_regularized_full(tiny, epochs=3)
    h = r.histories[(30, "large")]
    assert r.eval_cost.shape == (4,)
    truth = examples.history_sum_w2(h)[1:]
    # the neglected term is (C0_eval - C0_train) / coef, so removing it gives the truth exactly
    coef = 0.5 * h.lmbda * (1 / r.n_eval - 1 / r.n)
    c0_eval = r.eval_cost[1:] - 0.5 * h.lmbda / r.n_eval * truth
    c0_train = h.cost[1:] - 0.5 * h.lmbda / r.n * truth
    np.testing.assert_allclose(examples.backed_out_sum_w2(r) - (c0_eval - c0_train) / coef,
                               truth, rtol=1e-9)
    # and the evaluation cost is the book's total_cost (L2 over the evaluation-set size)
    assert r.eval_cost[0] > 0.5 * h.lmbda / r.n_eval * examples.history_sum_w2(h)[0]


# -- verdicts ------------------------------------------------------------------------------------

def test_verdicts_from_the_logs():
    rows = {(r["run"], r["part"]): r for r in examples.verdicts(None)}
    r1 = rows[("regularized_full", "1")]
    assert r1["value"] == pytest.approx(15_074 / 14_447 - 1, abs=5e-4) and r1["verdict"] == "holds"
    assert rows[("regularized_full", "3 vs 1/√N_w")]["value"] == pytest.approx(53.7, abs=0.1)
    assert rows[("regularized_full", "3 vs 1/√N_w")]["verdict"] == "fails"
    assert rows[("regularized_full", "3 vs 1/√n_in")]["verdict"] == "holds loosely"
    assert rows[("regularized_full", "3 vs 1/√n_in")]["value"] == pytest.approx(9.74, abs=0.01)
    for name in ("weight_init_30_large", "weight_init_100_large"):
        assert rows[(name, "2")]["verdict"] == "holds"
        # f^30 is only a lower bound on the RMS: it proves "fails" vs 1/√N_w (≥ 34), but
        # vs 1/√n_in (≥ 6.25, under the loose threshold 10) it decides nothing
        assert rows[(name, "3 vs 1/√N_w")]["verdict"] == "fails"
        assert rows[(name, "3 vs 1/√N_w")]["bound"] == "≥"
        assert rows[(name, "3 vs 1/√n_in")]["verdict"] == "open"
        assert rows[(name, "3 vs 1/√n_in")]["value"] == pytest.approx(28 * math.exp(-1.5),
                                                                     rel=1e-5)
        assert rows[(name, "1")]["verdict"] == "—"  # no re-run given, the log has no Σw²
    assert rows[("regularized", "3 vs 1/√n_in")]["verdict"] == "open"
    assert "≥6.25" in examples.verdict_table(list(rows.values()))
    assert not any(r["run"].startswith("overfitting") for r in rows.values())
    assert "holds loosely" in examples.verdict_table(list(rows.values()))


def test_verdicts_use_a_rerun_for_part_1(tiny):
    r = examples.rerun_weight_init(tiny, epochs=1)
    rows = {(v["run"], v["part"]): v for v in examples.verdicts(r)}
    v = rows[("weight_init_30_large", "1")]
    h = r.histories[(30, "large")]
    s = examples.history_sum_w2(h)
    f = float(derivations.per_epoch_factor_exact(h.eta, h.lmbda, h.n, h.m))
    assert v["value"] == pytest.approx(abs(s[1] / (s[0] * f**2) - 1))
    assert "re-run" in v["source"]


def test_figures_draw(tiny):
    r = examples.rerun_weight_init(tiny, epochs=2)
    fig, axes = plt.subplots(1, 2)
    examples.plot_weight_init(axes, [r, r])  # subset and full-scale re-runs side by side
    assert len(axes[0].lines) >= 6
    assert examples.gap_table([r, r]).count("re-run (subset)") == 2
    fig2, ax = plt.subplots()
    examples.plot_rms(ax, r, plateau=(0.2, 0.35))
    labels = [line.get_label() for line in ax.get_lines()]
    assert sum("gap closes for good" in lab for lab in labels) == 2  # the grey lines (item 9)
    fig3, ax3 = plt.subplots()
    examples.plot_sum_w2(ax3, examples.rerun_regularized_full(tiny, epochs=2))
    assert ax3.get_yscale() == "log"
    # the new-init level: every layer at RMS 1/√(its fan-in): 23,520/784 + 300/30 = 40 (item 3)
    assert any(line.get_label().endswith("= 40 (new init)") for line in ax3.get_lines())
    plt.close("all")


def test_classify_lower_bound():
    assert examples.classify_lower_bound(34.4, "3") == "fails"
    assert examples.classify_lower_bound(6.25, "3") == "open"
    assert examples.classify_lower_bound(1.0, "3") == "open"  # even "holds" is not proved


def test_book_plateau_numbers():
    """Review items 1, 3, 5: the plateau range, hidden-only RMS and when pure decay gets there."""
    p = examples.book_plateau(0.5)
    assert p["sum_w2"] == pytest.approx(2_881.5, abs=1)
    assert p["gap"] == pytest.approx(0.194, abs=1e-3)
    assert p["sum_w2_low"] == pytest.approx(p["sum_w2"] - p["gap"] / 2e-4)
    assert p["rms"] == pytest.approx(math.sqrt(p["sum_w2"] / 23_820))
    assert 0.34 < p["rms"] < 0.35 and 0.28 < p["rms_low"] < 0.29
    assert p["hidden"] == pytest.approx(math.sqrt(p["sum_w2"] * 0.5 / 23_520))
    assert p["epochs"] == pytest.approx(math.log(p["rms"]) / -0.05, rel=1e-5)  # ≈ 21
    assert 20 < p["epochs"] < 22
    assert p["epochs"] < p["epochs_rms_low"] < p["epochs_hidden_low"]
    # no output share: the hidden layer carries all of Σw², RMS scales by √(N_w/N_hidden)
    assert examples.book_plateau(0.0)["hidden"] == pytest.approx(
        p["rms"] * math.sqrt(23_820 / 23_520))


def test_output_share(tiny):
    r = examples.rerun_regularized_full(tiny, epochs=3)
    h = r.histories[(30, "large")]
    share = examples.output_share(h, from_epoch=1)
    expected = np.median(h.sq_norm[1:, 1] / h.sq_norm[1:].sum(axis=1))
    assert share == pytest.approx(expected) and 0 < share < 1


# -- exercise checks -----------------------------------------------------------------------------

RIGHT = {
    ex05.check_epochs_to_n_in: math.log(28) / 0.25,
    ex05.check_sum_w2_last_epoch: (0.976829 - 0.39226) / (2.5 * (1 / 10_000 - 1 / 50_000)),
    ex05.check_gap_epoch: 22,
    ex05.check_failing_part: "3",
}
WRONG = {
    ex05.check_epochs_to_n_in: math.log(28) / 0.05,
    ex05.check_sum_w2_last_epoch: book_logs.sum_w2_upper_bound([0.976829], 5.0, 10_000)[0],
    ex05.check_gap_epoch: 26,
    ex05.check_failing_part: "2",
}


@pytest.mark.parametrize("check", list(RIGHT), ids=lambda c: c.__name__)
def test_exercise_checks(check):
    assert check(RIGHT[check])
    wrong, empty = check(WRONG[check]), check(None)
    assert not wrong and not empty
    answer = str(RIGHT[check])
    for verdict in (wrong, empty):
        assert answer not in str(verdict) or check is ex05.check_failing_part
    assert "Not yet" in str(empty)


@pytest.mark.parametrize("answer", [3, "3", "part 3", "Part (3)", " (3) ", "PART 3"])
def test_failing_part_accepts_forms_of_3(answer):
    assert ex05.check_failing_part(answer)


@pytest.mark.parametrize("answer", [2, "part 1", "banana", True, 3.5])
def test_failing_part_rejects_others_without_raising(answer):
    assert not ex05.check_failing_part(answer)


def test_failing_part_hint_does_not_name_it():
    assert '"3"' not in str(ex05.check_failing_part("1"))
    assert "part 3" not in str(ex05.check_failing_part("1")).lower()
