"""helpers.verdict: one verdict per part and layer, its numbers read from data and measurements."""

from __future__ import annotations

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
    with pytest.raises(ValueError, match="holds"):
        verdict.Verdict("3", "all", "maybe", "s", "c")


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
        assert f"N_w {slope[k]:+.2f}" in v.statement
    base = np.mean([(tailoff.run_level(sw.run(30, "large", s))
                     + tailoff.run_level(sw.run(30, "default", s))) / 2 for s in sw.seeds],
                   axis=0)
    assert verdict.verdict("3", "all").numbers["level"] == pytest.approx(base[2], rel=1e-12)
    assert verdict.verdict("3", "all").numbers["over_1_sqrt_n_w"] == pytest.approx(
        base[2] * math.sqrt(23_820), rel=1e-12)
    assert tailoff.width_line().split(": ")[1].startswith(f"all weights {slope[2]:+.2f}")


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
    # the law's extrapolation: base level x (lambda/n ratio)^slope, same N_w and eta
    lw = verdict.law()
    expect = lw.base_level[2] * (1e-4 / 1.25e-3) ** lw.slopes["lmbda"].mean[2]
    assert bk["law_rms"] == pytest.approx(expect, rel=1e-9)
    assert f"{bk['law_sum_w2']:,.0f}" in verdict.verdict("examples", "all").statement


def test_part1_uses_the_books_seeded_initial_sum_w2():
    from helpers.book_init import book_initial_sum_w2

    v = verdict.verdict("1", "all")
    s0 = book_initial_sum_w2()
    assert v.numbers["book_initial_sum_w2"] == s0 and abs(s0 - 23_820) > 100
    f = (1 - 0.5 * 5 / 50_000) ** 5_000
    assert v.numbers["book_off_epoch1"] == pytest.approx(
        book_logs.regularized_full_sum_w2()[0] / (s0 * f**2) - 1, rel=1e-9)


def test_markdown_renders_every_verdict_once():
    md = verdict.verdict_markdown()
    for v in verdict.verdicts():
        assert v.statement in md
    assert md.count("| (3) |") == 3
    assert verdict.verdict_markdown(parts=("3",)).count("| (1) |") == 0


def test_the_book_row_states_its_ranges_from_both_ends():
    """Every range in the book's-examples row is computed from both ends of its inputs, and
    every input of the cost balance is quoted, so a reader can recompute it."""
    bk = verdict.book_check()
    st = verdict.verdict("examples", "all").statement
    n_w = 23_820
    rms = [math.sqrt(bk[k] / n_w) for k in ("sum_w2_low", "sum_w2")]
    assert f"RMS {rms[0]:.2f}-{rms[1]:.2f} = " in st
    assert f"{rms[0] * math.sqrt(n_w):.0f}-{rms[1] * math.sqrt(n_w):.0f} × 1/√N_w" in st
    assert rms[0] < rms[1] and f"{rms[0]:.2f}" != f"{rms[1]:.2f}"
    # the cost balance: its inputs r and C0, both ends, and what they give
    quoted = {"r_low": verdict.sig(bk["r_low"]), "r_high": verdict.sig(bk["r_high"]),
              "c0": f"{bk['c0']:.3f}", "c0_low": f"{bk['c0_low']:.3f}"}
    assert f"r = {quoted['r_low']}-{quoted['r_high']}" in st
    assert f"C₀ = {quoted['c0']}-{quoted['c0_low']}" in st
    lo = float(quoted["r_low"]) * 20_000 * min(float(quoted["c0"]), float(quoted["c0_low"]))
    hi = float(quoted["r_high"]) * 20_000 * max(float(quoted["c0"]), float(quoted["c0_low"]))
    shown = st.split(" gives ")[1].split(";")[0]
    lo_shown, hi_shown = (float(x.replace(",", "")) for x in shown.split("-"))
    # recomputed from the quoted (rounded) inputs, the ends agree to the digits shown
    assert lo_shown == pytest.approx(lo, rel=5e-3) and hi_shown == pytest.approx(hi, rel=5e-3)
    assert verdict.sig(2439.5) == "2,440" and verdict.sig(9.9996) == "10.0"


def test_the_part1_all_row_says_it_is_another_run():
    st = verdict.verdict("1", "all").statement
    assert st.startswith("another run, not the hidden and output rows combined")
    assert "50,000" in st and "backed out" in st
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
            measured = lw.slopes[name].mean[k]
            assert cell.split("/")[1] == f"{measured:+.2f}"
    # the lambda slope over all weights: one value, the verdict's
    lam = rows["cost balance, all weights"][tailoff.SWEEP_NAMES.index("lmbda")].split("/")[1]
    assert f"λ {lam} (s.e." in verdict.verdict("3", "all").statement
    assert rows["unsaturation, hidden"][0].startswith("+0.00/")  # a zero prediction: no sign


#: the sweeps whose slopes each part (3) row quotes, in the order it quotes them
QUOTED_SLOPES = {"hidden": ("width", "n_in", "lmbda", "eta", "n_fixed_lmbda"),
                 "output": ("width", "lmbda", "eta", "n_fixed_lmbda"),
                 "all": ("width", "lmbda", "eta", "n_fixed_lmbda", "n_fixed_ratio")}


def test_standard_errors_are_stated_truly():
    """A standard error below 0.001 is stated as a bound, never rounded up to 0.001."""
    assert verdict.se_text(0.00035) == "s.e. < 0.001"
    assert verdict.se_text(0.00099) == "s.e. < 0.001"
    assert verdict.se_text(0.00137) == "s.e. 0.001"
    assert verdict.se_text(0.0123) == "s.e. 0.012"
    lw = verdict.law()
    for k, layer in enumerate(verdict.LAYERS):
        quoted = re.findall(r"\(s\.e\. (< )?([0-9.]+)\)", verdict.verdict("3", layer).statement)
        assert len(quoted) == len(QUOTED_SLOPES[layer])
        for name, (bound, x) in zip(QUOTED_SLOPES[layer], quoted, strict=True):
            se = lw.slopes[name].se[k]
            if bound:
                assert se < float(x), (layer, name, se)
            else:
                assert abs(se - float(x)) <= 5e-4 and se >= 0.001, (layer, name, se)
    md = verdict.verdict_markdown()
    assert "(s.e. < 0.001)" in md


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


def test_book_examples_ratios_name_their_estimate():
    """1.15 is against the back-out, 1.64 against the pessimistic Σw² (review M5); the law's
    extrapolation is stated from both the smallest measured λ/n and the base point (M4)."""
    v = verdict.verdict("examples", "all")
    bk = verdict.book_check()
    assert (f"{bk['law_sum_w2'] / bk['sum_w2']:.2f} × the back-out {bk['sum_w2']:,.0f}"
            in v.statement)
    assert (f"{bk['law_sum_w2'] / bk['sum_w2_low']:.2f} × the pessimistic "
            f"{bk['sum_w2_low']:,.0f}" in v.statement)
    assert "6.25-fold below the smallest measured" in v.conditions
    assert "12.5-fold below the base point" in v.conditions


def test_all_weights_multiple_is_the_width_tables():
    """The verdict's multiple of 1/√N_w is the base point's entry of the per-width values
    (04 prints them), at one decimal, with their range (review S4)."""
    per_w = verdict.width_multiples()
    width = tailoff.load_sweep("width")
    base = per_w[list(width.values).index(30)]
    st = verdict.verdict("3", "all").statement
    assert f"is {base:.1f} × 1/√N_w at the base point" in st
    assert f"({per_w.min():.1f}-{per_w.max():.1f} over the widths)" in st
