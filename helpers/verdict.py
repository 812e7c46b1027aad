"""The verdict of the exercise, stated in one place: per part and per layer, with its numbers.

Every notebook that states the verdict (04, 05, 08, the model answer 09) and the README print
it from here; no number in it is typed in, and no label either. The numbers come from

* part (1): notebook 03's measurement (:func:`helpers.saturation.first_epoch_split`: the
  epoch-1 split of Δ‖w‖² on the offline subset), the epoch-2 split of the same run
  (:func:`helpers.tailoff.train_budget`), and the book's own λ = 5 log (Σw² backed out of its
  costs, :mod:`helpers.book_logs`, against pure decay from the book's seeded initial Σw²,
  :func:`helpers.book_init.book_initial_sum_w2`);
* part (2): notebook 02's figures (:func:`helpers.decay.epoch_numbers`,
  :func:`helpers.decay.pure_decay_deviation`);
* part (3): the stored sweeps ``data/sweeps/*.json`` (``tools/sweep_tailoff.py``), read by
  :mod:`helpers.tailoff`;
* the book's examples: the book's logs and the same sweeps.

**The one criterion** (:data:`CRITERION`): a prediction *agrees* with a measurement when the
two are within a factor of :data:`FACTOR` = 2 of each other (|ln(measured/predicted)| ≤ ln 2) —
"around" in the book's sense. Every verdict is a list of such :class:`Check` s, and its label
(:func:`label`) follows from them alone: ``"yes"`` when every check agrees, ``"no"`` when none
does, ``"in part"`` when some do, ``"open"`` when nothing could be measured.

A :class:`Verdict` has the ``part``, the ``layer``, the computed label ``holds``, a
``statement`` (what was found, with the numbers), the ``conditions`` of the measurement, its
``checks`` and ``numbers`` (the figures the statement quotes, unrounded). :func:`verdicts`
computes them once per process (about 2 s: a few one-epoch runs on the subset).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from helpers import book_logs, tailoff

__all__ = ["CRITERION", "FACTOR", "LAYERS", "PARTS", "Check", "Reading", "Verdict", "agrees",
           "book_check", "book_ratio_direct", "drift", "epoch_rule", "headline",
           "heuristic_slopes", "label", "law", "n_readings", "part3", "part_name", "se_text",
           "sig", "slope_range", "summary_markdown", "sweep_epochs", "unsettled", "verdict",
           "verdict_markdown", "verdicts", "width_multiples"]

PARTS = ("1", "2", "3", "examples")
LAYERS = ("hidden", "output", "all")
HOLDS = ("yes", "no", "in part", "open")

#: THE criterion of every label: a prediction agrees with a measurement within this factor.
FACTOR = 2.0
CRITERION = (f"A prediction agrees with a measurement when the two are within a factor of "
             f"{FACTOR:g} of each other. A claim holds (yes) when every prediction it makes "
             f"agrees at every point where it was measured, in part when some agree, no when "
             f"none does; open when nothing could be measured.")


@dataclass(frozen=True)
class Check:
    """One prediction of a claim at one point: ``what`` (in words), the ``measured`` and the
    ``predicted`` value. ``factor`` = measured / predicted; it ``agrees`` per :func:`agrees`."""

    what: str
    measured: float
    predicted: float

    @property
    def factor(self) -> float:
        return self.measured / self.predicted

    @property
    def agrees(self) -> bool:
        return agrees(self.measured, self.predicted)


def agrees(measured: float, predicted: float, factor: float = FACTOR) -> bool:
    """The criterion: ``measured`` and ``predicted`` have the same sign and lie within
    ``factor`` of each other (|ln(measured/predicted)| ≤ ln factor)."""
    if not (math.isfinite(measured) and math.isfinite(predicted)) or measured * predicted <= 0:
        return False
    return abs(math.log(measured / predicted)) <= math.log(factor) * (1 + 1e-12)


def label(checks) -> str:
    """The label that follows from ``checks`` (a sequence of :class:`Check`) by the criterion:
    all agree -> yes, none -> no, some -> in part, no checks -> open."""
    ok = [c.agrees for c in checks]
    if not ok:
        return HOLDS[3]
    return HOLDS[0] if all(ok) else HOLDS[1] if not any(ok) else HOLDS[2]


@dataclass(frozen=True)
class Verdict:
    """One cell of the verdict: ``part`` in PARTS, ``layer`` in LAYERS, ``holds`` (computed from
    ``checks`` by :func:`label`), a ``statement`` with its numbers, the ``conditions`` of the
    measurement, ``checks`` and ``numbers`` (name -> float, unrounded)."""

    part: str
    layer: str
    statement: str
    conditions: str
    checks: tuple = ()
    numbers: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}, got {self.part!r}")
        if self.layer not in LAYERS:
            raise ValueError(f"layer must be one of {LAYERS}, got {self.layer!r}")

    @property
    def holds(self) -> str:
        return label(self.checks)


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
    #: the largest |old − new| / mean of the two inits' levels over the swept points and layers
    init_gap: float


@functools.lru_cache(maxsize=1)
def law() -> Law:
    """:class:`Law` from ``data/sweeps`` (FileNotFoundError if a sweep is missing)."""
    slopes, ratios, all_met, gap = {}, [], True, 0.0
    for name in tailoff.SWEEP_NAMES:
        sw = tailoff.load_sweep(name)
        slopes[name] = tailoff.slope(sw, x=tailoff.sweep_x(sw))  # N_w for the width sweep
        all_met &= bool(tailoff.met(sw).all())
        gap = max(gap, float(tailoff.init_gap(sw).max()))
        for init in sw.inits:
            ratios.append(tailoff.sweep_heuristics(sw, init)["penalty_over_c0"].ravel())
    width = tailoff.load_sweep("width")
    base = tailoff.combined_levels(width)[list(width.values).index(30)]
    h = tailoff.sweep_heuristics(width)
    unsat = float(h["unsaturation"][list(width.values).index(30)][:, 0].mean())
    r = np.concatenate(ratios)
    base_n_w = int(tailoff.width_n_w(width, 30))
    return Law(slopes, base.mean(axis=0), base.std(axis=0, ddof=1), base_n_w, unsat,
               (float(r.min()), float(r.max())), all_met, len(width.seeds), gap)


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
    run = book_logs.RUNS["regularized_full"]
    f = decay.epoch_numbers(run.eta, run.lmbda, run.m, run.n)["exact"]
    s0 = book_initial_sum_w2()
    est = book_logs.regularized_full_sum_w2()
    book_off = [float(est[0] / (s0 * f**2) - 1), float(est[1] / (s0 * f**4) - 1)]
    f_sub = decay.epoch_numbers(0.5, 5.0, 10, len(X))["exact"]
    sub_off = float(h1.sq_norm[1].sum() / (h1.sq_norm[0].sum() * f_sub**2) - 1)
    rel = [abs(decay.epoch_numbers(r.eta, r.lmbda, r.m, r.n)["relative_error"])
           for r in book_logs.RUNS.values() if r.lmbda > 0]
    factors = []
    for name, r in book_logs.RUNS.items():
        if r.lmbda > 0:
            num = decay.epoch_numbers(r.eta, r.lmbda, r.m, r.n)
            factors.append((name, float(num["exact"]), math.exp(-r.eta * r.lmbda / r.m)))
    dev = decay.pure_decay_deviation(X, y, 0.5, 5.0, 10, epochs=3)["max_rel_dev"]
    parts = [[(float(h1.decay_part[0][k]), float(h1.gradient_part[0][k])),
              (float(b.decay[1][k]), float(b.radial[1][k] + b.jitter[1][k]))] for k in (0, 1)]
    book_steps = [(float(est[0] - s0), s0 * (f**2 - 1)),
                  (float(est[1] - est[0]), float(est[0]) * (f**2 - 1))]
    return {"ratio1": ratio1, "ratio2": ratio2, "book_off": book_off,
            "sub_off": sub_off, "book_s0": s0, "rel_error_max": max(rel),
            "pure_decay_dev": dev, "steps_subset": -(-len(X) // 10),
            "steps_book": -(-run.n // run.m), "parts": parts, "book_steps": book_steps,
            "factors": factors}


# --------------------------------------------------------------------------------------------
# honest errors: the systematic spread of a slope, and whether a point has settled

def drift(sweep) -> np.ndarray:
    """Per value and init of ``sweep``, shape (len(values), len(inits), L + 1): the fitted
    change of ln Σw² across the tail window (:func:`helpers.tailoff.tail_drift`, the course's
    one drift test), per layer and over all weights, mean over seeds (-0.10 = fell by about
    10% across the window)."""
    return np.array([[np.mean([tailoff.tail_drift(sweep.run(v, init, s)["sq_norm"]).across
                               for s in sweep.seeds], axis=0) for init in sweep.inits]
                     for v in sweep.values])


def unsettled() -> list[tuple[str, float, str, float]]:
    """Every (point, init) of the part (3) sweeps whose seed-mean :func:`drift` reaches
    ``tailoff.DRIFT_TOLERANCE`` in a layer or over all weights: ``(sweep name, value, init,
    the largest drift in size, signed)``, largest first."""
    out = []
    for name in tailoff.SWEEP_NAMES:
        sw = tailoff.load_sweep(name)
        d = drift(sw)
        for i, v in enumerate(sw.values):
            for j, init in enumerate(sw.inits):
                worst = d[i, j][np.argmax(np.abs(d[i, j]))]
                if abs(worst) >= tailoff.DRIFT_TOLERANCE:
                    out.append((name, v, init, float(worst)))
    return sorted(out, key=lambda t: -abs(t[3]))


@dataclass(frozen=True)
class SlopeRange:
    """A log-log slope with its systematic spread: ``value`` (both inits, the sweep tables'
    one value), ``old`` and ``new`` (each init alone), ``local_low``..``local_high`` (the
    slopes between neighbouring values: the bend of the curve), ``se`` (over seeds)."""

    value: float
    old: float
    new: float
    local_low: float
    local_high: float
    se: float

    @property
    def low(self) -> float:
        return min(self.value, self.old, self.new, self.local_low)

    @property
    def high(self) -> float:
        return max(self.value, self.old, self.new, self.local_high)

    def text(self) -> str:
        """``-0.50 (-0.53 to -0.48)``: the value and the range of every estimate of it."""
        return f"{self.value:+.2f} ({self.low:+.2f} to {self.high:+.2f})"


def slope_range(name: str, k: int) -> SlopeRange:
    """:class:`SlopeRange` of layer ``k`` (0 hidden, 1 output, 2 all) in sweep ``name``."""
    sw = tailoff.load_sweep(name)
    x = tailoff.sweep_x(sw)
    s = tailoff.slope(sw, x=x)
    per_init = {init: tailoff.slope(sw, tailoff.levels(sw, init), x=x).mean[k]
                for init in sw.inits}
    lv = tailoff.combined_levels(sw)[:, :, k].mean(axis=1)
    local = np.diff(np.log(lv)) / np.diff(np.log(x))
    return SlopeRange(float(s.mean[k]), float(per_init.get("large", s.mean[k])),
                      float(per_init["default"]), float(local.min()), float(local.max()),
                      float(s.se[k]))


@functools.lru_cache(maxsize=1)
def stored_points() -> tuple[dict, ...]:
    """Every distinct stored point of the part (3) sweeps (the base point once): ``sizes``,
    ``n``, ``lmbda``, ``eta``, the ``level`` (hidden, output, all; both inits combined, seed
    mean), ``sum_w2`` (tail-window Σw² per layer, same averaging), ``c0`` (tail-window C₀)."""
    seen, out = set(), []
    for name in tailoff.SWEEP_NAMES:
        sw = tailoff.load_sweep(name)
        lv = tailoff.combined_levels(sw).mean(axis=1)
        for i, v in enumerate(sw.values):
            r = sw.run(v, sw.inits[0], sw.seeds[0])
            p = r["point"]
            key = (tuple(r["sizes"]), p["n"], p["lmbda"], p["eta"], p.get("pool", 1),
                   str(p.get("data", "")))
            if key in seen:
                continue
            seen.add(key)
            counts = tailoff.layer_weights(r["sizes"])
            c0 = np.mean([tailoff.run_heuristics(sw.run(v, init, s))["c0"]
                          for init in sw.inits for s in sw.seeds])
            out.append({"sweep": name, "value": v, "sizes": tuple(r["sizes"]), "n": p["n"],
                        "lmbda": p["lmbda"], "eta": p["eta"], "level": lv[i],
                        "sum_w2": lv[i, :2] ** 2 * counts, "c0": float(c0)})
    return tuple(out)


def _point_name(name: str) -> str:
    """How a condition names a sweep's variable: ``width`` for the width sweep, else its
    short name (λ, η, n_in, ...)."""
    return "width" if name == "width" else tailoff.SWEEP_SHORT[name]


def _n_w(sizes) -> int:
    return int(tailoff.layer_weights(sizes).sum())


def book_ratio_direct() -> dict | None:
    """The book's λ/n = 10⁻⁴ measured directly on the subset (λ = 0.4, n = 4,000; the stored
    ``book_ratio`` sweep, :func:`helpers.mechanism.book_ratio_levels`): per init a
    ``PointSummary`` (``sq_total``, ``drift``, ``settled``, ``epochs``); None while the sweep
    is not stored."""
    if not (tailoff.SWEEP_DIR / "book_ratio.json").is_file():
        return None
    from helpers import mechanism

    return mechanism.book_ratio_levels()


# --------------------------------------------------------------------------------------------
# the book's n, read three ways


@dataclass(frozen=True)
class Reading:
    """One reading of the book's "n" in part (3): its ``name``, the prediction in words
    (``rule``), its :class:`Check` s at every stored point and at the book's run, and the
    label they give (:func:`label`)."""

    name: str
    rule: str
    checks: tuple

    @property
    def holds(self) -> str:
        return label(self.checks)

    @property
    def factors(self) -> np.ndarray:
        return np.array([c.factor for c in self.checks])


@functools.lru_cache(maxsize=1)
def n_readings() -> tuple[Reading, ...]:
    """The three readings of the book's n, each checked at every stored point and at the
    book's λ = 5 run (both Σw² estimates): n = N_w as written (all-weights RMS against
    1/√N_w); a slip for n_in (hidden RMS against 1/√784-or-pooled, output RMS against
    1/√width; at the book's run its Σw² split evenly, as the sweeps split it); the cost balance
    with its prefactor kept (all-weights RMS against √(2nC₀/(λN_w)))."""
    bk = book_check()
    book = book_logs.RUNS["regularized_full"]
    pts = stored_points()
    book_s = (("back-out", bk["sum_w2"], bk["c0"]), ("pessimistic", bk["sum_w2_low"],
                                                      bk["c0_low"]))
    counts_book = tailoff.layer_weights((784, 30, 10))
    as_written, n_in, balance = [], [], []
    for p in pts:
        nw = _n_w(p["sizes"])
        where = f"{p['sweep']} = {p['value']:g}"
        as_written.append(Check(f"all weights, {where}", p["level"][2], 1 / math.sqrt(nw)))
        n_in.append(Check(f"hidden, {where}", p["level"][0], 1 / math.sqrt(p["sizes"][0])))
        n_in.append(Check(f"output, {where}", p["level"][1], 1 / math.sqrt(p["sizes"][1])))
        balance.append(Check(f"all weights, {where}", p["level"][2],
                             math.sqrt(2 * p["n"] * p["c0"] / (p["lmbda"] * nw))))
    for est, s, c0 in book_s:
        rms = math.sqrt(s / book.n_weights)
        as_written.append(Check(f"the book's run ({est})", rms, 1 / math.sqrt(book.n_weights)))
        for k, (layer, fan_in) in enumerate((("hidden", 784), ("output", 30))):
            n_in.append(Check(f"{layer}, the book's run ({est}, even split)",
                              math.sqrt(s / 2 / counts_book[k]), 1 / math.sqrt(fan_in)))
        balance.append(Check(f"the book's run ({est})", rms,
                             math.sqrt(2 * book.n * c0 / (book.lmbda * book.n_weights))))
    return (Reading("the total number of weights, as written", "RMS ≈ 1/√N_w",
                    tuple(as_written)),
            Reading("a slip for n_in (\"similar to the new init\")",
                    "each layer's RMS ≈ 1/√n_in of that layer", tuple(n_in)),
            Reading("the cost balance with its prefactor kept", "RMS ≈ √(2nC₀/(λN_w)), "
                    "i.e. 1/√N_w times the dropped factor √(2nC₀/λ)", tuple(balance)))


def _span(xs, fmt="{:.1f}") -> str:
    lo, hi = min(xs), max(xs)
    a, b = fmt.format(lo), fmt.format(hi)
    return a if a == b else f"{a}-{b}"


def readings_markdown() -> str:
    """The three readings as a Markdown table: reading, prediction, measured / predicted over
    the stored points and at the book's run, label."""
    rows = ["| the book's n read as | predicts | measured / predicted: subset sweeps | "
            "book's λ = 5 run (its logs hold Σw² only: split evenly per layer) | holds |",
            "|---|---|---|---|---|"]
    for r in n_readings():
        sub = [c.factor for c in r.checks if "book" not in c.what]
        bk = [c.factor for c in r.checks if "book" in c.what]
        rows.append(f"| {r.name} | {r.rule} | {_span(sub, '{:.2f}')} | {_span(bk, '{:.2f}')} "
                    f"| {r.holds} |")
    return "\n".join(rows)


def headline() -> str:
    """The verdict on part (3) in two sentences, every number computed: why the decay stops,
    where, and how that compares with 1/√N_w."""
    lw, bk = law(), book_check()
    counts = tailoff.layer_weights((784, 30, 10))
    base_sum = float((lw.base_level[:2] ** 2 * counts).sum())
    size = part3("all").numbers  # the level in units of 1/√N_w at the stored points
    return (f"The decay stops where it is balanced by the data's push on the weights, outward "
            f"along their own direction: at a total Σw² of about {sig(base_sum, 2)} on the "
            f"4,000-digit subset at λ/n = 1.25·10⁻³ and {sig(bk['sum_w2_low'], 2)}-"
            f"{sig(bk['sum_w2'], 2)} in the book's λ/n = 10⁻⁴ run, a total that hardly depends "
            f"on the width and that the two layers share about evenly. So the weights' RMS "
            f"does fall as 1/√N_w, but sits {size['size_low']:.0f}-{size['size_high']:.0f} "
            f"times above it "
            f"on the subset ({lw.base_level[2] * math.sqrt(lw.base_n_w):.0f} at the base point) "
            f"and {bk['rms_low_over_n_w']:.0f}-{bk['rms_over_n_w']:.0f} times in the book's "
            f"run.")


# --------------------------------------------------------------------------------------------
# the verdicts: each row a list of checks; its label follows by the one criterion


def part1_row(layer: str, epoch_parts, conditions: str, crossover: float = math.nan) -> Verdict:
    """Part (1) for one layer on the subset: ``epoch_parts`` = [(decay part, gradient part)]
    of Δ‖w‖² for epochs 1, 2, ...; the claim predicts the change from the decay part alone."""
    checks = tuple(Check(f"Δ‖w‖² in epoch {e}", d + g, d)
                   for e, (d, g) in enumerate(epoch_parts, start=1))
    shares = ", ".join(f"{abs(g / d):.2g}" for d, g in epoch_parts)
    text = ("the change of ‖w‖² is " + " and ".join(
        f"{c.factor:.2f} × the decay part alone in epoch {e}"
        for e, c in enumerate(checks, start=1))
        + f" (the gradient part is {shares} of the decay part, against it)"
        + ("" if math.isnan(crossover) else
           f"; the two are equal in epoch 1 at λ ≈ {crossover:.2g}"))
    return Verdict("1", layer, text, conditions, checks,
                   {"factor_epoch1": checks[0].factor, "crossover_lambda": float(crossover)})


def part3_row(layer: str, k: int, conditions: str) -> Verdict:
    """Part (3) for layer ``k`` (0 hidden, 1 output, 2 all): the size (level against 1/√N_w at
    every stored point) and the scaling (the width sweep's level relative to the base width,
    against √(N_w(base)/N_w))."""
    pts = stored_points()
    size = [Check(f"level at {p['sweep']} = {p['value']:g}", p["level"][k],
                  1 / math.sqrt(_n_w(p["sizes"]))) for p in pts]
    width = tailoff.load_sweep("width")
    lv = tailoff.combined_levels(width)[:, :, k].mean(axis=1)
    nws = tailoff.sweep_x(width)
    b = list(width.values).index(30)
    scaling = [Check(f"level at width {w} / at width 30", lv[i] / lv[b],
                     math.sqrt(nws[b] / nws[i])) for i, w in enumerate(width.values) if i != b]
    sr = slope_range("width", k)
    base = next(c for c in size if c.what == "level at width = 30")
    within = max(max(c.factor, 1 / c.factor) for c in scaling)
    text = (f"the scaling holds, the size does not: the level falls as N_w^{sr.text()}, so "
            f"1/√N_w predicts the level at each width, relative to the base width's, within "
            f"{within:.2f}× (over a {nws.max() / nws.min():.0f}-fold range of N_w); but it "
            f"is {_span([c.factor for c in size], '{:.0f}')} × 1/√N_w at the {len(size)} "
            f"stored points ({base.measured:.3g} = {base.factor:.0f} × 1/√N_w at the base "
            f"point)")
    if k == 2:
        split = [p["sum_w2"][0] / p["sum_w2"][1] for p in pts]
        text += (f"; Σw² is {sig(base_sum(), 3)} "
                 f"there and the hidden/output split of Σw² is {_span(split, '{:.2f}')} over "
                 f"the stored points")
    return Verdict("3", layer, text, conditions, tuple(size + scaling),
                   {"level": float(base.measured), "over_1_sqrt_n_w": float(base.factor),
                    "slope_width": sr.value, "slope_low": sr.low, "slope_high": sr.high,
                    "size_low": min(c.factor for c in size),
                    "size_high": max(c.factor for c in size), "scaling_within": within})


def base_sum() -> float:
    """Σw² of all weights at the base point (tail window, both inits, seed mean)."""
    p = next(p for p in stored_points() if p["sweep"] == "width" and p["value"] == 30)
    return float(p["sum_w2"].sum())


@functools.lru_cache(maxsize=1)
def verdicts() -> tuple[Verdict, ...]:
    """All verdicts, parts in PARTS order, layers in LAYERS order (12 entries)."""
    e, bk = _early(), book_check()
    out = []
    # -- part (1): the change of ‖w‖² in the first epochs is the decay part alone
    cond1 = (f"old init, η = 0.5, λ = 5, m = 10, on the 4,000-digit subset: "
             f"{e['steps_subset']} steps per epoch against the book's {e['steps_book']:,}, so "
             f"the subset exaggerates how much decay dominates (its Σw² after epoch 1 is "
             f"{e['sub_off']:+.1%} off pure decay, the book's {e['book_off'][0]:+.1%})")
    for k, layer in enumerate(LAYERS[:2]):
        out.append(part1_row(layer, e["parts"][k], cond1))
    book_checks = tuple(Check(f"Δ Σw² in epoch {i}", meas, pred)
                        for i, (meas, pred) in enumerate(e["book_steps"], start=1))
    out.append(Verdict(
        "1", "all",
        "another run, not the hidden and output rows combined: in the book's full-data λ = 5 "
        "log the change of Σw² (all weights, backed out of its costs) is "
        + " and ".join(f"{c.factor:.2f} × pure decay's in epoch {i}"
                       for i, c in enumerate(book_checks, start=1))
        + f", from its seeded initial Σw² {e['book_s0']:,.0f}",
        "fig/regularized_full.json, n = 50,000, Σw² backed out of its costs (assumes equal "
        "test and training cross-entropy)", book_checks,
        {"book_off_epoch1": e["book_off"][0], "book_off_epoch2": e["book_off"][1],
         "book_initial_sum_w2": e["book_s0"]}))
    # -- part (2): the per-epoch factor exp(−ηλ/m)
    checks2 = tuple(Check(f"exact per-epoch factor, {name}", exact, approx)
                    for name, exact, approx in e["factors"]) + (
        Check("the engine's pure decay against the exact factor", 1 + e["pure_decay_dev"], 1.0),)
    for layer in LAYERS:
        out.append(Verdict(
            "2", layer,
            f"exp(−ηλ/m) differs from the exact (1 − ηλ/n)^⌈n/m⌉ by at most "
            f"{e['rel_error_max']:.1e} (relative) in the book's L2 runs; the engine's pure "
            f"decay matches the exact factor to "
            + ("better than 1e-12" if e["pure_decay_dev"] < 1e-12
               else f"{e['pure_decay_dev']:.1e}"),
            "ηλ ≪ n (ηλ/n ≤ 5·10⁻⁵ in the book); the factor is the decay part alone — with "
            "the data gradient on it is parts (1) and (3) that say when it describes the weights",
            checks2,
            {"relative_error_max": e["rel_error_max"], "pure_decay_dev": e["pure_decay_dev"]}))
    # -- part (3): the size and the scaling of "around 1/√N_w"
    lw = law()
    flagged = unsettled()
    pairs = sum(len(tailoff.load_sweep(nm).values) * len(tailoff.load_sweep(nm).inits)
                for nm in tailoff.SWEEP_NAMES)
    old_init = sum(f[2] == "large" for f in flagged)
    settled = (f"{len(flagged)} of {pairs} (sweep value, init) pairs, the base point counted "
               f"once per sweep ({old_init} of them old init) "
               f"have not settled (ln Σw² of a layer moves by {tailoff.DRIFT_TOLERANCE:.0%} or "
               f"more across the tail window), the largest " + ", ".join(
                   f"{'old' if init == 'large' else 'new'} init at {_point_name(nm)} = {v:g} "
                   f"({d:+.0%})" for nm, v, init, d in flagged[:2])) if flagged else (
        f"every point has settled (ln Σw² moves by less than {tailoff.DRIFT_TOLERANCE:.0%} "
        f"across the tail window)")
    meet = (f"their levels end within {lw.init_gap:.0%} of each other at every point"
            if lw.all_met else f"their levels end up to {lw.init_gap:.0%} apart")
    cond3 = (f"[784, 30, 10] base, η = 0.5, λ = 5, m = 10, n = 4,000 digits; {epoch_rule()}; "
             f"{lw.seeds} seeds × old and new init ({meet}); one variable changed at a time; "
             f"level = RMS over the last third "
             f"of the epochs; {settled}; slope ranges span old init, new init and the local "
             f"slopes between neighbouring values (the seeds' standard error is smaller)")
    for k, layer in enumerate(LAYERS):
        out.append(part3_row(layer, k, cond3))
    # -- the book's examples
    cond_ex = ("fig/regularized_full.json ([784, 30, 10], η = 0.5, λ = 5, m = 10, n = 50,000; "
               f"tail-off = epochs {bk['first']}-{bk['last']}); the graphed η = 0.1 runs log "
               "accuracy only; Σw² is a sum over both layers")
    for layer in ("hidden", "output"):
        out.append(Verdict(
            "examples", layer,
            "not observable: the book's logs give Σw² of all weights only", cond_ex))
    book = book_logs.RUNS["regularized_full"]
    est = book_logs.regularized_full_sum_w2()
    first, last = bk["first"], bk["last"]
    ex_checks = (book_checks[0], *checks2[:-1],
                 Check(f"Σw² at epoch {last} / at epoch {first} (the decay has stopped)",
                       float(est[last - 1] / est[first - 1]), 1.0),
                 Check("RMS (back-out) against 1/√N_w", bk["rms"],
                       1 / math.sqrt(book.n_weights)),
                 Check("RMS (pessimistic) against 1/√N_w", bk["rms_low"],
                       1 / math.sqrt(book.n_weights)))
    out.append(Verdict(
        "examples", "all",
        f"parts (1) and (2) hold in the book's λ = 5 run (above); its decay stops (Σw² at "
        f"epoch {last} is {ex_checks[-3].factor:.2f} × epoch {first}'s), at Σw² "
        f"{bk['sum_w2_low']:,.0f}-{bk['sum_w2']:,.0f} (RMS {bk['rms_low']:.2f}-{bk['rms']:.2f}"
        f" = {bk['rms_low_over_n_w']:.0f}-{bk['rms_over_n_w']:.0f} × 1/√N_w); the cost balance "
        f"with its prefactor gives the size: the book's own (λ/2n)Σw²/C₀ is "
        f"{bk['ratio_low']:.2f}-{bk['ratio']:.2f}, against {sig(bk['r_low'])}-"
        f"{sig(bk['r_high'])} in the sweeps" + _direct_text(),
        cond_ex + f"; the book's λ/n = {book.lmbda / book.n:.0e} is "
                  f"{(5.0 / 4000) / (book.lmbda / book.n):.1f}-fold below the sweeps' base "
                  f"point {5.0 / 4000:.2e}", ex_checks,
        {k: float(v) for k, v in bk.items()}))
    return tuple(out)


def _direct_text() -> str:
    """The direct measurement at the book's λ/n, as a clause of the examples row ("" while it
    is not stored)."""
    direct = book_ratio_direct()
    if not direct:
        return ""
    p = direct.get("default", next(iter(direct.values())))
    inits = ", ".join(f"{'old' if k == 'large' else 'new'} init {q.sq_total:,.0f}"
                      for k, q in sorted(direct.items(), reverse=True))
    return (f"; measured directly at the book's λ/n on the 4,000 digits (λ = {p.lmbda:g}, "
            f"{p.epochs} epochs): Σw² {inits}, still moving {p.drift[-1]:+.1%} across its "
            f"tail window (new init)")


def part3(layer: str) -> Verdict:
    """The verdict on part (3) for ``layer`` without the training runs of parts (1) and (2):
    the same checks, label, statement and numbers as ``verdict("3", layer)``, its conditions
    left empty (notebook 04 prints the label and the level only)."""
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, got {layer!r}")
    return part3_row(layer, LAYERS.index(layer), "")


def verdict(part: str, layer: str) -> Verdict:
    """The verdict on ``part`` (one of PARTS) for ``layer`` (one of LAYERS)."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, got {part!r}")
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, got {layer!r}")
    return next(v for v in verdicts() if v.part == part and v.layer == layer)


def part_name(part: str) -> str:
    """How the tables name a part: "(1)", "(2)", "(3)", "the book's examples"."""
    return "the book's examples" if part == "examples" else f"({part})"


def verdict_markdown(parts=PARTS) -> str:
    """The verdict as Markdown: the headline (when part (3) is shown), the criterion, one
    row per part and layer, the three readings of n (with part (3)), the conditions below."""
    rows = ["| part | layer | holds | what was measured |", "|---|---|---|---|"]
    conditions = {}
    for v in verdicts():
        if v.part in parts:
            name = part_name(v.part)
            rows.append(f"| {name} | {v.layer} | {v.holds} | {v.statement} |")
            conditions.setdefault(v.conditions, []).append(f"{name} {v.layer}")
    notes = [f"- {', '.join(who)}: {c}." for c, who in conditions.items()]
    head = [f"**Part (3) in two sentences.** {headline()}", ""] if "3" in parts else []
    readings = ["", readings_markdown()] if "3" in parts else []
    return "\n".join(head + [f"*How the labels are decided.* {CRITERION}", ""] + rows
                     + readings + ["", "Conditions:", *notes])


#: what the book argues in each part of the exercise (Nielsen, chapter 3), in the course's words
BOOK_CLAIMS = {"1": "weight decay dominates the first epochs",
               "2": "the weights shrink by about exp(−ηλ/m) per epoch",
               "3": "the decay tails off when the weights are around 1/√n",
               "examples": "the book's own runs show (1)-(3)"}


def _in_short(part: str) -> str:
    """One line per part for the short table, every number from that part's verdicts."""
    v = {layer: verdict(part, layer) for layer in LAYERS}
    if part == "1":
        return (f"in epoch 1 ‖w‖² changes by {v['hidden'].numbers['factor_epoch1']:.2f} × the "
                f"decay part alone in the saturated hidden layer, "
                f"{v['output'].numbers['factor_epoch1']:.2f} × in the output layer, whose "
                f"error a − y (cross-entropy) has no σ′ to silence it: there the data push back "
                f"from the start")
    if part == "2":
        return (f"within {v['all'].numbers['relative_error_max']:.1e} (relative) of the exact "
                f"factor in the book's runs")
    if part == "3":
        a = v["all"].numbers
        return (f"the scaling holds: 1/√N_w predicts the level at each width, relative to "
                f"the base width's, within {a['scaling_within']:.2f}×; the size does not: all "
                f"weights sit {a['size_low']:.0f}-{a['size_high']:.0f} × 1/√N_w")
    n = v["all"].numbers
    return (f"the book's λ = 5 run: Σw² stops at {sig(n['sum_w2_low'], 2)}-{sig(n['sum_w2'], 2)}"
            f", {n['rms_low_over_n_w']:.0f}-{n['rms_over_n_w']:.0f} × 1/√N_w; the output and "
            f"hidden layers are not in its logs")


def summary_markdown() -> str:
    """The verdict for a first read (README, whose answer section already says what the
    headline says): the criterion, one row per part with its three labels and one line, the
    three readings of n; the full table, headline included, is :func:`verdict_markdown`
    (VERDICT.md)."""
    rows = ["| part | the book argues | hidden | output | all | in short |",
            "|---|---|---|---|---|---|"]
    for part in PARTS:
        name = part_name(part)
        labels = " | ".join(verdict(part, layer).holds for layer in LAYERS)
        rows.append(f"| {name} | {BOOK_CLAIMS[part]} | {labels} | {_in_short(part)} |")
    return "\n".join([f"*How the labels are decided.* {CRITERION}", "", *rows, "",
                      readings_markdown()])
