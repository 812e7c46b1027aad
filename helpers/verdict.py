"""The verdict of the exercise, stated in one place: per part and per layer, with its numbers.

Every notebook that states the verdict (04, 05, 08, the model answer 09) and the README print
it from here; no number in it is typed in. The numbers come from

* part (1): notebook 03's measurement (:func:`helpers.saturation.first_epoch_split` and
  :func:`helpers.saturation.lambda_sweep`: the epoch-1 split of Δ‖w‖² on the offline subset),
  the epoch-2 split of the same run (:func:`helpers.tailoff.train_budget`), and the book's own
  λ = 5 log (Σw² backed out of its costs, :mod:`helpers.book_logs`, against pure decay from the
  book's seeded initial Σw², :func:`helpers.book_init.book_initial_sum_w2`);
* part (2): notebook 02's figures (:func:`helpers.decay.epoch_numbers`,
  :func:`helpers.decay.pure_decay_deviation`);
* part (3): the stored sweeps ``data/sweeps/*.json`` (``tools/sweep_tailoff.py``), read by
  :mod:`helpers.tailoff`;
* the book's examples: the book's logs and the same sweeps.

A verdict says ``holds`` = ``"yes"``, ``"no"``, ``"in part"`` or ``"open"`` (not observable),
a ``statement`` (what was
found, with the numbers), the ``conditions`` under which it was found, and ``numbers`` (the
figures the statement quotes, unrounded). :func:`verdicts` computes them once per process
(about 2 s: a few one-epoch runs on the subset).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from helpers import book_logs, tailoff

__all__ = ["LAYERS", "PARTS", "Verdict", "book_check", "epoch_rule", "heuristic_slopes", "law",
           "se_text", "sig", "sweep_epochs", "verdict", "verdict_markdown", "verdicts",
           "width_multiples"]

PARTS = ("1", "2", "3", "examples")
LAYERS = ("hidden", "output", "all")
HOLDS = ("yes", "no", "in part", "open")


@dataclass(frozen=True)
class Verdict:
    """One cell of the verdict: ``part`` in PARTS, ``layer`` in LAYERS, ``holds`` in
    HOLDS, a one-sentence ``statement`` with its numbers, the
    ``conditions`` of the measurement, and ``numbers`` (name -> float, unrounded)."""

    part: str
    layer: str
    holds: str
    statement: str
    conditions: str
    numbers: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}, got {self.part!r}")
        if self.layer not in LAYERS:
            raise ValueError(f"layer must be one of {LAYERS}, got {self.layer!r}")
        if self.holds not in HOLDS:
            raise ValueError(f"holds must be one of {HOLDS}, got {self.holds!r}")


# --------------------------------------------------------------------------------------------
# the part (3) law, from the stored sweeps

SWEEP_LABELS = {
    "width": "N_w (hidden width 10-300)",
    "n_in": "n_in (digits pooled to 49, 196, 784 pixels)",
    "lmbda": "λ (2.5-40)",
    "eta": "η (0.125-1, at λ = 5)",
    "n_fixed_lmbda": "n (1,000-4,000, at λ = 5)",
    "n_fixed_ratio": "n (1,000-4,000, at λ/n = 5/4,000)",
}


@dataclass(frozen=True)
class Law:
    """The measured part (3) law: per sweep, the log-log slope of the tail-off level
    (:class:`helpers.tailoff.Slope`, layers hidden, output, all) against its variable, the
    base-point level, the ratio (λ/2n)Σw² / C₀ at the tail-off over every run of every sweep,
    and whether old and new init met everywhere."""

    slopes: dict
    base_level: np.ndarray
    base_level_sd: np.ndarray
    base_n_w: int
    base_unsaturation: float
    penalty_over_c0: tuple
    all_met: bool
    seeds: int


@functools.lru_cache(maxsize=1)
def law() -> Law:
    """:class:`Law` from ``data/sweeps`` (FileNotFoundError if a sweep is missing)."""
    slopes, ratios, all_met = {}, [], True
    for name in tailoff.SWEEP_NAMES:
        sw = tailoff.load_sweep(name)
        slopes[name] = tailoff.slope(sw, x=tailoff.sweep_x(sw))  # N_w for the width sweep
        all_met &= bool(tailoff.met(sw).all())
        for init in sw.inits:
            ratios.append(tailoff.sweep_heuristics(sw, init)["penalty_over_c0"].ravel())
    width = tailoff.load_sweep("width")
    base = tailoff.combined_levels(width)[list(width.values).index(30)]
    h = tailoff.sweep_heuristics(width)
    unsat = float(h["unsaturation"][list(width.values).index(30)][:, 0].mean())
    r = np.concatenate(ratios)
    base_n_w = int(tailoff.width_n_w(width, 30))
    return Law(slopes, base.mean(axis=0), base.std(axis=0, ddof=1), base_n_w, unsat,
               (float(r.min()), float(r.max())), all_met, len(width.seeds))


def width_multiples() -> np.ndarray:
    """Per width of the ``width`` sweep: the all-weights tail-off level (both inits, seed
    mean, as :func:`helpers.tailoff.combined_levels`) in units of 1/√N_w."""
    width = tailoff.load_sweep("width")
    levels = tailoff.combined_levels(width)[:, :, 2].mean(axis=1)
    return levels * np.sqrt(np.asarray(tailoff.sweep_x(width), dtype=float))


def sig(x: float, digits: int = 3) -> str:
    """``x`` rounded to ``digits`` significant figures, with thousands separators."""
    r = float(f"{x:.{digits}g}")
    places = digits - 1 - math.floor(math.log10(abs(r)))
    return f"{r:,.{max(places, 0)}f}"


def se_text(se: float) -> str:
    """A standard error as the verdict prints it: ``s.e. < 0.001`` below 0.001 (three decimals
    would show it as 0.000, and 0.001 would overstate it), else ``s.e. 0.00x`` (three
    decimals)."""
    return "s.e. < 0.001" if se < 0.001 else f"s.e. {se:.3f}"


def _slope_text(s, k):
    return f"{s.mean[k]:+.2f} ({se_text(s.se[k])})"


def law_prediction(lmbda_over_n: float, n_w: int | None = None, eta: float | None = None):
    """The measured law, extrapolated: the base point's all-weights level times
    (ratio of λ/n)^(λ slope) · (ratio of N_w)^(N_w slope) · (ratio of η)^(η slope), the slopes
    those of the sweeps (λ at fixed n, so λ/n; n at fixed λ/n changes nothing). Returns the
    predicted all-weights RMS."""
    lw = law()
    base_ratio = 5.0 / 4000
    n_w = lw.base_n_w if n_w is None else n_w
    eta = 0.5 if eta is None else eta
    return float(lw.base_level[2] * (lmbda_over_n / base_ratio) ** lw.slopes["lmbda"].mean[2]
                 * (n_w / lw.base_n_w) ** lw.slopes["width"].mean[2]
                 * (eta / 0.5) ** lw.slopes["eta"].mean[2])


SWEEP_SHORT = tailoff.SWEEP_SHORT


def sweep_epochs() -> dict:
    """Per stored sweep: the number of epochs of its runs at each value (read from the runs
    themselves, ``len(sq_norm) - 1``), as ``{name: (values, epochs)}``."""
    out = {}
    for name in tailoff.SWEEP_NAMES:
        sw = tailoff.load_sweep(name)
        out[name] = (tuple(sw.values),
                     tuple(len(sw.run(v, sw.inits[0], sw.seeds[0])["sq_norm"]) - 1
                           for v in sw.values))
    return out


def epoch_rule() -> str:
    """The epochs of the sweeps' runs, in words, read from the runs: the base count, and for
    each sweep that changes it its counts and what they keep fixed (η·E for the η sweep, the
    number of steps E·⌈n/m⌉ for the n sweeps), checked to be one value within the sweep."""
    ep = sweep_epochs()
    base = ep["width"][1][0]
    parts = []
    eta_v, eta_e = ep["eta"]
    if len(set(eta_e)) > 1:
        prods = {round(v * e, 9) for v, e in zip(eta_v, eta_e, strict=True)}
        assert len(prods) == 1, prods
        parts.append(f"the η sweep {'/'.join(map(str, eta_e))} epochs for η = "
                     f"{'/'.join(f'{v:g}' for v in eta_v)} (ηE = {prods.pop():g}, "
                     f"the same pure-decay factor)")
    n_parts = []
    for name in ("n_fixed_lmbda", "n_fixed_ratio"):
        vals, e = ep[name]
        if len(set(e)) > 1:
            steps = {math.ceil(v / 10) * k for v, k in zip(vals, e, strict=True)}
            assert len(steps) == 1, steps
            n_parts.append((SWEEP_SHORT[name], e, vals, steps.pop()))
    if n_parts:
        assert all(p[1:] == n_parts[0][1:] for p in n_parts), n_parts
        e, vals, steps = n_parts[0][1:]
        parts.append(f"the two n sweeps {'/'.join(map(str, e))} epochs for n = "
                     f"{'/'.join(f'{v:,}' for v in vals)} ({steps:,} steps each)")
    others = [n for n, (v, e) in ep.items() if set(e) != {base}]
    assert set(others) <= {"eta", "n_fixed_lmbda", "n_fixed_ratio"}, others
    return f"{base} epochs at the base point and in the N_w, n_in and λ sweeps; " + "; ".join(parts)


def heuristic_slopes() -> str:
    """Per heuristic (its main layer, :data:`helpers.tailoff.MAIN_LAYER`) and sweep: the log-log
    slope of its prediction / the measured slope of the law, both from
    :func:`helpers.tailoff.heuristic_fits` (both inits, as the sweep tables
    (:func:`helpers.tailoff.level_table`) and the verdict), at two decimals: the inits alone
    differ by up to 0.01 in the measured slope."""
    lines = ["slopes, predicted / measured:",
             " " * tailoff.LABEL_WIDTH
             + "".join(f"{SWEEP_SHORT[name]:>14s}" for name in tailoff.SWEEP_NAMES)]
    fits = {(f.heuristic, f.layer, f.sweep): f for name in tailoff.SWEEP_NAMES
            for f in tailoff.heuristic_fits(tailoff.load_sweep(name))}

    def fmt(x):  # a prediction that does not depend on the variable is 0 up to rounding (~1e-17)
        return f"{0.0 if abs(x) < 1e-9 else x:+.2f}"

    for h, layer in tailoff.MAIN_LAYER.items():
        cells = [fits[h, layer, name] for name in tailoff.SWEEP_NAMES]
        lines.append(f"{tailoff.heuristic_label(h, layer):{tailoff.LABEL_WIDTH}s}" + "".join(
            f"{fmt(f.slope) + '/' + fmt(f.measured_slope):>14s}" for f in cells))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# the book's λ = 5 plateau against the law


@functools.lru_cache(maxsize=1)
def book_check() -> dict:
    """The book's λ = 5 full-data run (fig/regularized_full.json) against the measured law.

    ``sum_w2``: its tail-off Σw² (:func:`helpers.tailoff.tail_off_level` rule: mean of the
    backed-out Σw² over epochs 21-30), ``sum_w2_low`` the same for the pessimistic estimate;
    ``c0``: the training cross-entropy its logs imply there, T − (λ/2n)Σw², and ``c0_low`` the
    same with the pessimistic Σw² (the larger C₀); ``ratio``, ``ratio_low``: its (λ/2n)Σw² / C₀
    for the two estimates; ``r_low``, ``r_high``: the smallest and largest ratio of the sweeps;
    ``predicted_low``, ``predicted_high``: the cost balance Σw² = r·2nC₀/λ at its extremes, r
    and C₀ both smallest and both largest (every pairing of the inputs lies between);
    ``rms``, ``rms_low`` the all-weights level of the two estimates and ``rms_over_n_w``,
    ``rms_low_over_n_w`` their multiples of 1/√N_w."""
    run = book_logs.RUNS["regularized_full"]
    est = book_logs.regularized_full_sum_w2()
    low = book_logs.regularized_full_sum_w2_low()
    first, last = tailoff.tail_window(len(est))
    tail = slice(first - 1, last)
    T = np.asarray(book_logs.REGULARIZED_FULL_COSTS["train_cost"])[tail]
    s, s_low = float(np.mean(est[tail])), float(np.mean(low[tail]))
    c0 = float(np.mean(T - run.lmbda / (2 * run.n) * est[tail]))
    c0_low = float(np.mean(T - run.lmbda / (2 * run.n) * low[tail]))
    r_lo, r_hi = law().penalty_over_c0
    scale = 2 * run.n / run.lmbda
    rms = math.sqrt(s / run.n_weights)
    pred_rms = law_prediction(run.lmbda / run.n, run.n_weights, run.eta)
    return {"first": first, "last": last, "sum_w2": s, "sum_w2_low": s_low, "c0": c0,
            "law_rms": pred_rms, "law_sum_w2": pred_rms**2 * run.n_weights,
            "c0_low": c0_low, "ratio": run.lmbda / (2 * run.n) * s / c0,
            "ratio_low": run.lmbda / (2 * run.n) * s_low / c0_low,
            "r_low": r_lo, "r_high": r_hi,
            "predicted_low": r_lo * scale * min(c0, c0_low),
            "predicted_high": r_hi * scale * max(c0, c0_low),
            "rms": rms, "rms_low": math.sqrt(s_low / run.n_weights),
            "rms_over_n_w": rms * math.sqrt(run.n_weights),
            "rms_low_over_n_w": math.sqrt(s_low / run.n_weights) * math.sqrt(run.n_weights)}


# --------------------------------------------------------------------------------------------
# parts (1) and (2): the figures of notebooks 02 and 03


@functools.lru_cache(maxsize=1)
def _early():
    from helpers import decay, saturation
    from helpers.book_init import book_initial_sum_w2
    from helpers.data import load_mnist

    X, y = load_mnist(source="subset", verbose=False).train
    h1 = saturation.first_epoch_split(X, y, init=1.0, lmbda=5.0, eta=0.5)
    ratio1 = np.abs(h1.gradient_part[0]) / np.abs(h1.decay_part[0])
    b = tailoff.train_budget(X, y, (784, 30, 10), init="large", seed=1, shuffle_seed=2,
                             epochs=2, eta=0.5, lmbda=5.0)
    ratio2 = np.abs(b.radial[1] + b.jitter[1]) / np.abs(b.decay[1])
    sweep = saturation.lambda_sweep(X, y, np.geomspace(1e-3, 10, 13), eta=0.5)
    crossover = [saturation.crossover_lambda(sweep, layer=k) for k in (0, 1)]
    run = book_logs.RUNS["regularized_full"]
    f = decay.epoch_numbers(run.eta, run.lmbda, run.m, run.n)["exact"]
    s0 = book_initial_sum_w2()
    est = book_logs.regularized_full_sum_w2()
    book_off = [float(est[0] / (s0 * f**2) - 1), float(est[1] / (s0 * f**4) - 1)]
    f_sub = decay.epoch_numbers(0.5, 5.0, 10, len(X))["exact"]
    sub_off = float(h1.sq_norm[1].sum() / (h1.sq_norm[0].sum() * f_sub**2) - 1)
    rel = [abs(decay.epoch_numbers(r.eta, r.lmbda, r.m, r.n)["relative_error"])
           for r in book_logs.RUNS.values() if r.lmbda > 0]
    dev = decay.pure_decay_deviation(X, y, 0.5, 5.0, 10, epochs=3)["max_rel_dev"]
    return {"ratio1": ratio1, "ratio2": ratio2, "crossover": crossover, "book_off": book_off,
            "sub_off": sub_off, "book_s0": s0, "rel_error_max": max(rel),
            "pure_decay_dev": dev, "steps_subset": -(-len(X) // 10),
            "steps_book": -(-run.n // run.m)}


# --------------------------------------------------------------------------------------------
# the verdicts


@functools.lru_cache(maxsize=1)
def verdicts() -> tuple[Verdict, ...]:
    """All verdicts, parts in PARTS order, layers in LAYERS order (12 entries)."""
    e, lw, bk = _early(), law(), book_check()
    out = []
    # -- part (1)
    cond1 = (f"old init, η = 0.5, λ = 5, m = 10, on the 4,000-digit subset: "
             f"{e['steps_subset']} steps per epoch against the book's {e['steps_book']:,}, so "
             f"the subset exaggerates how much decay dominates (its Σw² after epoch 1 is "
             f"{e['sub_off']:+.1%} off pure decay, the book's {e['book_off'][0]:+.1%})")
    for k, layer in enumerate(LAYERS[:2]):
        r1, r2, lc = e["ratio1"][k], e["ratio2"][k], e["crossover"][k]
        holds = "yes" if r1 < 1 and r2 < 1 else "in part" if r1 < 1 else "no"
        text = (f"|gradient part| / |decay part| of Δ‖w‖² is {r1:.3f} in epoch 1 and "
                f"{r2:.2f} in epoch 2" + ("" if math.isnan(lc) else
                                          f"; decay dominates epoch 1 from λ ≈ {lc:.3g} on"))
        if holds == "in part":
            text += ": decay dominates epoch 1 only"
        out.append(Verdict("1", layer, holds, text, cond1,
                           {"ratio_epoch1": float(r1), "ratio_epoch2": float(r2),
                            "crossover_lambda": float(lc)}))
    out.append(Verdict(
        "1", "all", "yes",
        f"another run, not the hidden and output rows combined: the book's full-data λ = 5 log "
        f"(n = 50,000, Σw² of all weights backed out of its costs): Σw² after epoch 1 is "
        f"{e['book_off'][0]:+.1%} and after epoch 2 {e['book_off'][1]:+.1%} off pure decay "
        f"from its seeded initial Σw² {e['book_s0']:,.0f}",
        "fig/regularized_full.json, Σw² backed out of its costs (assumes equal test and "
        "training cross-entropy)",
        {"book_off_epoch1": e["book_off"][0], "book_off_epoch2": e["book_off"][1],
         "book_initial_sum_w2": e["book_s0"]}))
    # -- part (2)
    for layer in LAYERS:
        out.append(Verdict(
            "2", layer, "yes",
            f"exp(−ηλ/m) differs from the exact (1 − ηλ/n)^⌈n/m⌉ by at most "
            f"{e['rel_error_max']:.2e} (relative) in the book's L2 runs; measured pure decay "
            f"matches the exact factor to "
            + ("better than 1e-12" if e["pure_decay_dev"] < 1e-12
               else f"{e['pure_decay_dev']:.1e}"),
            "ηλ ≪ n (ηλ/n ≤ 5·10⁻⁵ in the book); the factor is the decay part alone — with "
            "the data gradient on it is parts (1) and (3) that say when it describes the weights",
            {"relative_error_max": e["rel_error_max"], "pure_decay_dev": e["pure_decay_dev"]}))
    # -- part (3)
    s = lw.slopes
    cond3 = (f"[784, 30, 10] base, η = 0.5, λ = 5, m = 10, n = 4,000 digits; {epoch_rule()}; "
             f"{lw.seeds} seeds × old and new init (they meet at every point: {lw.all_met}); "
             f"one variable changed at a time; level = RMS over the last third of the epochs")
    base = lw.base_level
    over_nw = base * math.sqrt(lw.base_n_w)
    out.append(Verdict(
        "3", "hidden", "no",
        f"tails off at {base[0]:.3f} = {over_nw[0]:.0f} × 1/√N_w "
        f"({base[0] / lw.base_unsaturation:.2f} × the unsaturation scale 1/√(n_in E[x²])); "
        f"slopes: N_w {_slope_text(s['width'], 0)}, n_in {_slope_text(s['n_in'], 0)}, "
        f"λ {_slope_text(s['lmbda'], 0)}, η {_slope_text(s['eta'], 0)}, "
        f"n {_slope_text(s['n_fixed_lmbda'], 0)} (fixed λ)",
        cond3, {"level": float(base[0]), "over_1_sqrt_n_w": float(over_nw[0]),
                **{f"slope_{k}": float(v.mean[0]) for k, v in s.items()}}))
    out.append(Verdict(
        "3", "output", "no",
        f"tails off at {base[1]:.2f} = {over_nw[1]:.0f} × 1/√N_w, near the old init's scale; "
        f"slopes: N_w {_slope_text(s['width'], 1)}, λ {_slope_text(s['lmbda'], 1)}, "
        f"η {_slope_text(s['eta'], 1)}, n {_slope_text(s['n_fixed_lmbda'], 1)} (fixed λ)",
        cond3, {"level": float(base[1]), "over_1_sqrt_n_w": float(over_nw[1]),
                **{f"slope_{k}": float(v.mean[1]) for k, v in s.items()}}))
    lo, hi = lw.penalty_over_c0
    per_w = width_multiples()
    out.append(Verdict(
        "3", "all", "in part",
        f"the scaling holds, the size does not: slope against N_w {_slope_text(s['width'], 2)}"
        f" (Σw² itself hardly depends on N_w), but the level {base[2]:.3f} is "
        f"{over_nw[2]:.1f} × 1/√N_w at the base point ({min(per_w):.1f}-{max(per_w):.1f} "
        f"over the widths); the penalty (λ/2n)Σw² there is {lo:.2f}-{hi:.2f} × C₀ "
        f"over every run (the cost balance, within that factor); slopes: "
        f"λ {_slope_text(s['lmbda'], 2)}, "
        f"η {_slope_text(s['eta'], 2)}, n {_slope_text(s['n_fixed_lmbda'], 2)} (fixed λ), "
        f"{_slope_text(s['n_fixed_ratio'], 2)} (fixed λ/n)",
        cond3, {"level": float(base[2]), "over_1_sqrt_n_w": float(over_nw[2]),
                "ratio_low": lo, "ratio_high": hi,
                **{f"slope_{k}": float(v.mean[2]) for k, v in s.items()}}))
    # -- the book's examples
    cond_ex = ("fig/regularized_full.json ([784, 30, 10], η = 0.5, λ = 5, m = 10, n = 50,000; "
               f"tail-off = epochs {bk['first']}-{bk['last']}); the graphed η = 0.1 runs log "
               "accuracy only; Σw² is a sum over both layers")
    for layer in ("hidden", "output"):
        out.append(Verdict(
            "examples", layer, "open",
            "not observable: the book's logs give Σw² of all weights only; at the subset's "
            "split the hidden and output levels differ as in part (3)",
            cond_ex, {}))
    lo_lm = min(tailoff.load_sweep("lmbda").values) / 4000
    book = book_logs.RUNS["regularized_full"]
    out.append(Verdict(
        "examples", "all", "in part",
        f"parts (1), (2) hold (above); the decay tails off, at Σw² {bk['sum_w2_low']:,.0f}-"
        f"{bk['sum_w2']:,.0f} (RMS {bk['rms_low']:.2f}-{bk['rms']:.2f} = "
        f"{bk['rms_low_over_n_w']:.0f}-{bk['rms_over_n_w']:.0f} × 1/√N_w, not 1/√N_w); the "
        f"measured law at the book's λ/n predicts Σw² {bk['law_sum_w2']:,.0f}, "
        f"{bk['law_sum_w2'] / bk['sum_w2']:.2f} × the back-out {bk['sum_w2']:,.0f} and "
        f"{bk['law_sum_w2'] / bk['sum_w2_low']:.2f} × the pessimistic {bk['sum_w2_low']:,.0f}; "
        f"the cost balance Σw² = r·2nC₀/λ with the sweeps' r = "
        f"{sig(bk['r_low'])}-{sig(bk['r_high'])} and the C₀ = {bk['c0']:.3f}-"
        f"{bk['c0_low']:.3f} its logs imply (for the two Σw²) gives "
        f"{sig(bk['predicted_low'])}-{sig(bk['predicted_high'])}; the book's own r is "
        f"{bk['ratio_low']:.2f}-{bk['ratio']:.2f}",
        cond_ex + f"; the law is extrapolated from λ/n ≥ {lo_lm:.2e} to the book's "
                  f"{book.lmbda / book.n:.0e}: {lo_lm / (book.lmbda / book.n):.2f}-fold below "
                  f"the smallest measured λ/n, {(5.0 / 4000) / (book.lmbda / book.n):.1f}-fold "
                  f"below the base point's {5.0 / 4000:.2e}",
        {k: float(v) for k, v in bk.items()}))
    return tuple(out)


def verdict(part: str, layer: str) -> Verdict:
    """The verdict on ``part`` (one of PARTS) for ``layer`` (one of LAYERS)."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, got {part!r}")
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, got {layer!r}")
    return next(v for v in verdicts() if v.part == part and v.layer == layer)


def verdict_markdown(parts=PARTS) -> str:
    """The verdict table as Markdown (one row per part and layer), conditions below it."""
    rows = ["| part | layer | holds | what was measured |", "|---|---|---|---|"]
    conditions = {}
    for v in verdicts():
        if v.part in parts:
            name = "the book's examples" if v.part == "examples" else f"({v.part})"
            rows.append(f"| {name} | {v.layer} | {v.holds} | {v.statement} |")
            conditions.setdefault(v.conditions, []).append(f"{name} {v.layer}")
    notes = [f"- {', '.join(who)}: {c}." for c, who in conditions.items()]
    return "\n".join(rows + ["", "Conditions:", *notes])
