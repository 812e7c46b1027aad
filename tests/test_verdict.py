"""helpers.verdict: one verdict per part and layer, its labels computed by one criterion from
numbers read from data and measurements."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import math
import re

import numpy as np
import pytest

from helpers import book_logs, tailoff, verdict


def test_every_part_and_layer_has_exactly_one_verdict():
    vs = verdict.verdicts()
    keys = [(v.part, v.layer) for v in vs]
    assert keys == [(p, lay) for p in verdict.PARTS for lay in verdict.LAYERS]
    for v in vs:
        assert v.holds in verdict.HOLDS and v.statement and v.conditions
    assert verdict.verdict("3", "all").part == "3"
    with pytest.raises(ValueError, match="part"):
        verdict.verdict("4", "all")
    with pytest.raises(ValueError, match="layer"):
        verdict.verdict("3", "input")
    with pytest.raises(ValueError, match="layer"):
        verdict.Verdict("3", "input", "s", "c")


# -- the one criterion -----------------------------------------------------------------------

def test_the_criterion_is_a_factor_of_two():
    assert verdict.FACTOR == 2.0 and "factor of 2" in verdict.CRITERION
    assert verdict.agrees(1.99, 1.0) and verdict.agrees(0.51, 1.0) and verdict.agrees(2.0, 1.0)
    assert not verdict.agrees(2.01, 1.0) and not verdict.agrees(0.49, 1.0)
    assert not verdict.agrees(-1.0, 1.0), "opposite signs never agree"
    assert not verdict.agrees(math.nan, 1.0)
    c = verdict.Check("x", 3.0, 1.5)
    assert c.factor == 2.0 and c.agrees
    yes, no = verdict.Check("a", 1.5, 1.0), verdict.Check("b", 3.0, 1.0)
    assert verdict.label([yes, yes]) == "yes"
    assert verdict.label([no, no]) == "no"
    assert verdict.label([yes, no]) == "in part"
    assert verdict.label([]) == "open"


def test_every_label_is_computed_from_its_checks():
    for v in verdict.verdicts():
        assert v.holds == verdict.label(v.checks)
        assert (v.holds == "open") == (not v.checks)
    for r in verdict.n_readings():
        assert r.holds == verdict.label(r.checks) and r.checks


def test_no_label_is_written_as_a_literal():
    """The labels appear as string constants only in HOLDS: no row of the verdict can write
    one (planted: a literal "in part" in a row made this fail)."""
    tree = ast.parse(inspect.getsource(verdict))
    labels = set(verdict.HOLDS)
    holds_node = next(n for n in tree.body if isinstance(n, ast.Assign)
                      and any(getattr(t, "id", None) == "HOLDS" for t in n.targets))
    allowed = {id(n) for n in ast.walk(holds_node)}
    literal = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Constant)
               and n.value in labels and id(n) not in allowed]
    assert not literal, f"a label written as a literal on line(s) {literal}"


def test_a_label_changes_when_the_numbers_cross_the_criterion():
    """Planted: the same row with its numbers moved across the factor of two changes label."""
    cond = "c"
    # part (1): the gradient part at 49% and 51% of the decay part, against it
    assert verdict.part1_row("hidden", [(-100.0, 49.0)], cond).holds == "yes"
    assert verdict.part1_row("hidden", [(-100.0, 51.0)], cond).holds == "no"
    assert verdict.part1_row("hidden", [(-100.0, 10.0), (-100.0, 60.0)], cond).holds == "in part"
    # part (3): the real row, its sizes moved to 1.5 x 1/sqrt(N_w) -> every check agrees
    v = verdict.verdict("3", "all")
    assert v.holds == "in part"
    moved = tuple(dataclasses.replace(c, measured=1.5 * c.predicted) for c in v.checks)
    assert dataclasses.replace(v, checks=moved).holds == "yes"
    off = tuple(dataclasses.replace(c, measured=2.5 * c.predicted) for c in v.checks)
    assert dataclasses.replace(v, checks=off).holds == "no"


def test_the_labels_today():
    """What the stored data give (a change here is a change of the course's verdict)."""
    got = {(v.part, v.layer): v.holds for v in verdict.verdicts()}
    assert got[("1", "hidden")] == "yes" and got[("1", "output")] == "no"
    assert got[("1", "all")] == "yes"
    assert {got[("2", k)] for k in verdict.LAYERS} == {"yes"}
    assert {got[("3", k)] for k in verdict.LAYERS} == {"in part"}
    assert got[("examples", "all")] == "in part"
    assert [r.holds for r in verdict.n_readings()] == ["no", "in part", "yes"]


def test_no_base_point_coincidence_is_stated_as_a_finding():
    md = verdict.verdict_markdown()
    for phrase in ("unsaturation scale", "old init's scale", "s.e. < 0.001"):
        assert phrase not in md, phrase


# -- the numbers -----------------------------------------------------------------------------

def test_part3_numbers_are_the_stored_sweeps():
    sw = tailoff.load_sweep("width")
    per_seed = []
    for s in sw.seeds:
        lv = []
        for w in sw.values:
            old = tailoff.run_level(sw.run(w, "large", s))
            new = tailoff.run_level(sw.run(w, "default", s))
            lv.append((old + new) / 2)  # the inits meet at every width (checked below)
        lv = np.array(lv)
        per_seed.append([np.polyfit(np.log([794 * w for w in sw.values]), np.log(lv[:, k]), 1)[0]
                         for k in range(3)])
    slope = np.mean(per_seed, axis=0)
    assert tailoff.met(sw).all()
    for k, layer in enumerate(("hidden", "output", "all")):
        v = verdict.verdict("3", layer)
        assert v.numbers["slope_width"] == pytest.approx(slope[k], rel=1e-12)
        assert f"N_w^{slope[k]:+.2f} (" in v.statement
        assert v.numbers["slope_low"] <= slope[k] <= v.numbers["slope_high"]
    base = np.mean([(tailoff.run_level(sw.run(30, "large", s))
                     + tailoff.run_level(sw.run(30, "default", s))) / 2 for s in sw.seeds],
                   axis=0)
    v = verdict.verdict("3", "all")
    assert v.numbers["level"] == pytest.approx(base[2], rel=1e-12)
    assert v.numbers["over_1_sqrt_n_w"] == pytest.approx(base[2] * math.sqrt(23_820), rel=1e-12)
    assert f"{base[2] * math.sqrt(23_820):.0f} × 1/√N_w at the base point" in v.statement
    assert tailoff.width_line().split(": ")[1].startswith(f"all weights {slope[2]:+.2f}")


def test_slope_ranges_span_both_inits_and_the_bend():
    for name in ("width", "lmbda"):
        for k in range(3):
            sr = verdict.slope_range(name, k)
            sw = tailoff.load_sweep(name)
            x = tailoff.sweep_x(sw)
            for init in sw.inits:
                s = tailoff.slope(sw, tailoff.levels(sw, init), x=x).mean[k]
                assert sr.low <= s <= sr.high
            lv = tailoff.combined_levels(sw)[:, :, k].mean(axis=1)
            local = np.diff(np.log(lv)) / np.diff(np.log(x))
            assert sr.low <= local.min() and local.max() <= sr.high
            assert sr.high - sr.low > sr.se  # the systematic spread exceeds the seeds' s.e.


def test_drift_flags_the_points_that_have_not_settled():
    """ln Σw² across the tail window (tailoff.tail_drift, the course's one drift test),
    recomputed for one point by hand; the unsettled points of the review are flagged."""
    sw = tailoff.load_sweep("lmbda")
    i = list(sw.values).index(2.5)
    d = []
    for s in sw.seeds:
        tot = np.asarray(sw.run(2.5, "large", s)["sq_norm"]).sum(axis=1)[21:31]
        d.append(np.polyfit(np.arange(21, 31), np.log(tot), 1)[0] * 9)
    assert verdict.drift(sw)[i, sw.inits.index("large"), 2] == pytest.approx(np.mean(d))
    flagged = {(n, v, init) for n, v, init, _ in verdict.unsettled()}
    assert ("lmbda", 2.5, "large") in flagged and ("width", 300, "large") in flagged
    assert ("width", 30, "default") not in flagged
    worst = verdict.unsettled()[0]
    assert worst[:3] == ("lmbda", 2.5, "large") and worst[3] < -0.1
    cond = verdict.verdict("3", "all").conditions
    assert f"{len(flagged)} of 44 (sweep value, init) pairs" in cond
    assert "old init at λ = 2.5 (-18%)" in cond


def test_the_three_readings_of_n_are_answered_with_numbers():
    as_written, n_in, balance = verdict.n_readings()
    base = next(c for c in as_written.checks if c.what == "all weights, width = 30")
    assert base.factor == pytest.approx(verdict.verdict("3", "all").numbers["over_1_sqrt_n_w"])
    bk = verdict.book_check()
    book = [c for c in balance.checks if "book" in c.what]
    assert sorted(c.factor for c in book) == pytest.approx(
        sorted([math.sqrt(bk["ratio"]), math.sqrt(bk["ratio_low"])]), rel=1e-9)
    hidden = next(c for c in n_in.checks if c.what == "hidden, width = 30")
    assert hidden.predicted == pytest.approx(1 / 28)
    md = verdict.readings_markdown()
    assert md.count("\n") == 4 and "| no |" in md and "| yes |" in md


def test_the_headline_is_two_sentences_of_computed_numbers():
    h = verdict.headline()
    assert h.count(". ") + 1 == 2 and h.endswith(".")
    bk = verdict.book_check()
    assert f"{verdict.sig(bk['sum_w2'], 2)} in the book's" in h
    assert f"-{bk['rms_over_n_w']:.0f} times in the book's run" in h
    assert f"about {verdict.sig(verdict.base_sum(), 2)} on the" in h
    # one vocabulary: the decay pulls inwards, the data push outwards
    assert "the data's push on the weights, outward along their own direction" in h
    assert "pull" not in h
    # one rounding of the multiples of 1/√N_w: the subset's range and the base point's
    # multiple as the part (3) row prints them (a cold read found 24-54 beside 12-31)
    v = verdict.verdict("3", "all")
    base = f"{v.numbers['over_1_sqrt_n_w']:.0f}"
    assert f"({base} at the base point)" in h and f"= {base} × 1/√N_w at the base point" \
        in v.statement
    span = re.search(r"is (\d+)-(\d+) × 1/√N_w at the \d+ stored points", v.statement)
    assert f"sits {span[1]}-{span[2]} times above it on the subset" in h
    assert verdict.verdict_markdown(parts=("3",)).startswith("**Part (3) in two sentences.**")
    assert "two sentences" not in verdict.verdict_markdown(parts=("1",))


def test_the_book_check_uses_the_one_tail_off_rule():
    bk = verdict.book_check()
    est = book_logs.regularized_full_sum_w2()
    assert (bk["first"], bk["last"]) == (21, 30)
    assert bk["sum_w2"] == pytest.approx(np.mean(est[20:30]), rel=1e-12)
    T = np.asarray(book_logs.REGULARIZED_FULL_COSTS["train_cost"][20:30])
    assert bk["c0"] == pytest.approx(np.mean(T - 5.0 / 100_000 * est[20:30]), rel=1e-12)
    assert bk["rms"] == pytest.approx(tailoff.tail_off_level(est, 23_820)[0], rel=1e-12)
    lo, hi = verdict.law().penalty_over_c0
    c0s = (bk["c0"], bk["c0_low"])
    assert (bk["r_low"], bk["r_high"]) == (lo, hi)
    assert bk["predicted_low"] == pytest.approx(lo * 20_000 * min(c0s), rel=1e-12)
    assert bk["predicted_high"] == pytest.approx(hi * 20_000 * max(c0s), rel=1e-12)
    lw = verdict.law()
    expect = lw.base_level[2] * (1e-4 / 1.25e-3) ** lw.slopes["lmbda"].mean[2]
    assert bk["law_rms"] == pytest.approx(expect, rel=1e-9)


def test_part1_uses_the_books_seeded_initial_sum_w2():
    from helpers.book_init import book_initial_sum_w2

    v = verdict.verdict("1", "all")
    s0 = book_initial_sum_w2()
    assert v.numbers["book_initial_sum_w2"] == s0 and abs(s0 - 23_820) > 100
    f = (1 - 0.5 * 5 / 50_000) ** 5_000
    est = book_logs.regularized_full_sum_w2()
    assert v.numbers["book_off_epoch1"] == pytest.approx(est[0] / (s0 * f**2) - 1, rel=1e-9)
    assert v.checks[0].factor == pytest.approx((est[0] - s0) / (s0 * (f**2 - 1)), rel=1e-9)
    assert v.checks[1].factor == pytest.approx((est[1] - est[0]) / (est[0] * (f**2 - 1)),
                                               rel=1e-9)


def test_markdown_renders_every_verdict_once():
    md = verdict.verdict_markdown()
    for v in verdict.verdicts():
        assert v.statement in md
    assert md.count("| (3) |") == 3
    assert verdict.verdict_markdown(parts=("3",)).count("| (1) |") == 0
    assert verdict.CRITERION in md


def test_the_part1_all_row_says_it_is_another_run():
    st = verdict.verdict("1", "all").statement
    assert st.startswith("another run, not the hidden and output rows combined")
    assert "backed out" in st
    md = verdict.verdict_markdown(parts=("1",))
    assert "| (1) | all | yes | another run" in md


def test_the_heuristic_slopes_table_measures_with_the_laws_slopes():
    """04's table of predicted / measured slopes prints the one measured slope per sweep and
    layer (both inits, as the sweep tables and the verdict), not a second value of it."""
    text = verdict.heuristic_slopes().splitlines()
    lw = verdict.law()
    w = tailoff.LABEL_WIDTH
    rows = {line[:w].strip(): line[w:].split() for line in text[2:]}
    for h, layer in tailoff.MAIN_LAYER.items():
        k = verdict.LAYERS.index(layer)
        cells = rows[tailoff.heuristic_label(h, layer)]
        assert len(cells) == len(tailoff.SWEEP_NAMES)
        for name, cell in zip(tailoff.SWEEP_NAMES, cells, strict=True):
            assert cell.split("/")[1] == f"{lw.slopes[name].mean[k]:+.2f}"
    assert rows["unsaturation, hidden"][0].startswith("+0.00/")  # a zero prediction: no sign


def test_standard_errors_are_stated_truly():
    """A standard error below 0.001 is stated as a bound, never rounded up to 0.001."""
    assert verdict.se_text(0.00035) == "s.e. < 0.001"
    assert verdict.se_text(0.00099) == "s.e. < 0.001"
    assert verdict.se_text(0.00137) == "s.e. 0.001"
    assert verdict.se_text(0.0123) == "s.e. 0.012"


def test_part3_conditions_state_each_sweeps_epochs():
    """The conditions of part (3) give the epochs each sweep really ran (read from the runs):
    not "30 epochs" for the η and n sweeps (review M3)."""
    cond = verdict.verdict("3", "all").conditions
    for name in tailoff.SWEEP_NAMES:
        sw = tailoff.load_sweep(name)
        epochs = [len(sw.run(v, sw.inits[0], sw.seeds[0])["sq_norm"]) - 1 for v in sw.values]
        if len(set(epochs)) > 1:
            assert "/".join(map(str, epochs)) + " epochs" in cond, (name, epochs)
    eta = tailoff.load_sweep("eta")
    e = [len(eta.run(v, eta.inits[0], eta.seeds[0])["sq_norm"]) - 1 for v in eta.values]
    assert f"ηE = {eta.values[0] * e[0]:g}" in cond
    assert "12,000 steps each" in cond  # 120 epochs x 100 steps at n = 1,000


def test_all_weights_multiple_is_the_width_tables():
    per_w = verdict.width_multiples()
    width = tailoff.load_sweep("width")
    base = per_w[list(width.values).index(30)]
    assert verdict.verdict("3", "all").numbers["over_1_sqrt_n_w"] == pytest.approx(base)
    assert re.search(r"\d+-\d+ × 1/√N_w at the 17 stored points", verdict.verdict("3", "all")
                     .statement)


def test_the_direct_measurement_at_the_books_ratio_joins_the_examples_row(monkeypatch):
    """While data/sweeps/book_ratio.json is missing the row says nothing about it; once stored
    its Σw² per init and its drift are quoted (planted: a fake summary)."""
    from types import SimpleNamespace

    monkeypatch.setattr(verdict, "book_ratio_direct", lambda: None)
    assert verdict._direct_text() == ""
    fake = {"default": SimpleNamespace(sq_total=1990.4, drift=np.array([0, 0, -0.007]),
                                       lmbda=0.4, epochs=900),
            "large": SimpleNamespace(sq_total=2001.2, drift=np.array([0, 0, -0.009]),
                                     lmbda=0.4, epochs=900)}
    monkeypatch.setattr(verdict, "book_ratio_direct", lambda: fake)
    text = verdict._direct_text()
    assert "λ = 0.4, 900 epochs" in text and "new init 1,990" in text
    assert "old init 2,001" in text and "-0.7%" in text


def test_part3_alone_is_the_part3_verdict_without_the_training_runs():
    for layer in verdict.LAYERS:
        full, alone = verdict.verdict("3", layer), verdict.part3(layer)
        assert (alone.holds, alone.statement, alone.checks, alone.numbers) == (
            full.holds, full.statement, full.checks, full.numbers)
    with pytest.raises(ValueError, match="layer"):
        verdict.part3("input")
