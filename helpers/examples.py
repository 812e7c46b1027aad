"""Notebook 05: the book's own chapter-3 runs, checked against the three parts of the exercise.

Everything here is built from two sources only: the cited table of the book's logs
(:mod:`helpers.book_logs`) and the course's engine (:mod:`helpers.network`). Nothing is typed in
by hand: the per-run decay figures come from :mod:`helpers.derivations`' numeric twins, the
verdicts from :func:`classify` with the thresholds stated in :data:`THRESHOLDS`.

Pure decay and the epochs it needs
----------------------------------
One epoch of pure decay multiplies every weight by ``f = (1 - eta*lmbda/n)^ceil(n/m)``. A weight
of size ``w0`` reaches ``target`` after ``k = ln(target/w0) / ln(f)`` epochs (solve ``f^k = target
/ w0``). The old initialization has RMS ``w0 = 1``; the two candidate end sizes of part (3) are
``1/sqrt(n_in)`` (``n_in = sizes[0]`` for the hidden layer) and ``1/sqrt(N_w)``.

Verdicts
--------
Each condition of the exercise is judged by one number, against two thresholds (holds if the
number is at most the first, holds loosely if at most the second, fails otherwise):

* part 1 (λ not too small, decay dominates the first epoch): ``|Σw²(1) / (Σw²(0)·f²) − 1|``,
  the relative distance of Σw² after epoch 1 from its pure-decay value;
* part 2 (ηλ ≪ n): ``|exact / exp(−ηλ/m) − 1|``, the relative error of the per-epoch factor;
* part 3 (λ not too large, the decay tails off near 1/√N_w): the ratio of the weights' RMS where
  the decay stops to the target, judged against 1/√N_w (the book's claim) and, for comparison,
  against 1/√n_in. Where the log allows it (regularized_full) the RMS is the plateau of the
  backed-out Σw². Otherwise the logs hold no weights, and the only rigorous figure is the
  smallest RMS pure decay can reach within the run, ``f^epochs``: a *lower bound* on the RMS.
  A lower bound above the loose threshold proves "fails"; below it, it decides nothing, and the
  verdict is "open" (see :func:`classify_lower_bound`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from helpers import book_logs, derivations
from helpers.network import History, Network
from helpers.widgets import progress

__all__ = [
    "backed_out_sum_w2",
    "book_plateau",
    "classify_lower_bound",
    "output_share",
    "history_sum_w2",
    "GAP_TOLERANCE",
    "PLATEAU_FROM",
    "THRESHOLDS",
    "WEIGHT_INIT_RUNS",
    "Rerun",
    "classify",
    "decay_row",
    "decay_table",
    "epochs_to_reach",
    "format_table",
    "gap_closing",
    "gap_table",
    "plateau_sum_w2",
    "plot_rms",
    "plot_sum_w2",
    "plot_weight_init",
    "pure_decay_sum_w2",
    "reported_accuracy",
    "rerun_regularized_full",
    "rerun_weight_init",
    "settings_table",
    "verdict_table",
    "verdicts",
]

#: (holds, holds loosely) thresholds of each condition's number; see the module docstring.
THRESHOLDS = {
    "1": (0.10, 0.30),   # |Σw²(1) / pure decay − 1|
    "2": (0.01, 0.10),   # |relative error of the per-epoch factor|
    "3": (2.0, 10.0),    # RMS where the decay stops / target RMS
}
#: "The gap has closed" when the old-init accuracy is within this many counts (of 10,000, i.e.
#: 0.5 percentage point) of the new-init accuracy.
GAP_TOLERANCE = 50
#: The plateau of the backed-out Σw² is the median over epochs PLATEAU_FROM..30.
PLATEAU_FROM = 10
#: The hidden-layer widths of the weight-initialization graphs.
WEIGHT_INIT_RUNS = (30, 100)


# --------------------------------------------------------------------------------------------
# formulas


def epochs_to_reach(factor, target, start=1.0):
    """Epochs k with ``start * factor**k = target``: ``ln(target/start) / ln(factor)``.

    ``factor`` in (0, 1]; ``inf`` when ``factor == 1`` (no decay) and ``target < start``.
    """
    factor, target, start = float(factor), float(target), float(start)
    if not 0 < factor <= 1:
        raise ValueError(f"factor must be in (0, 1]; got {factor}")
    if not (target > 0 and start > 0):
        raise ValueError(f"target and start must be > 0; got {target}, {start}")
    if target >= start:
        return 0.0
    if factor == 1.0:
        return math.inf
    return math.log(target / start) / math.log(factor)


def pure_decay_sum_w2(sum_w2_0, factor, epochs):
    """Σw² under pure decay, epochs 0..epochs: ``sum_w2_0 * factor**(2k)``, shape (epochs+1,)."""
    return float(sum_w2_0) * float(factor) ** (2 * np.arange(int(epochs) + 1))


def plateau_sum_w2(sum_w2, from_epoch=PLATEAU_FROM):
    """Median of a per-epoch Σw² series (epoch 1 in position 0) over epochs ``from_epoch``..end."""
    s = np.asarray(sum_w2, dtype=float)
    if not 1 <= from_epoch <= len(s):
        raise ValueError(f"from_epoch must be in 1..{len(s)}; got {from_epoch}")
    return float(np.median(s[from_epoch - 1:]))


def classify(value, condition):
    """'holds', 'holds loosely' or 'fails': ``value`` against ``THRESHOLDS[condition]``."""
    holds, loosely = THRESHOLDS[condition]
    if not math.isfinite(value):
        return "fails"
    return "holds" if value <= holds else "holds loosely" if value <= loosely else "fails"


def classify_lower_bound(value, condition):
    """Verdict when ``value`` is only a lower bound on the measure: 'fails' if even the bound is
    above the loose threshold of ``THRESHOLDS[condition]``, otherwise 'open' (undecided)."""
    return "fails" if value > THRESHOLDS[condition][1] else "open"


# --------------------------------------------------------------------------------------------
# the table of runs


def reported_accuracy(name):
    """(accuracy in [0, 1], citation) of a logged run's final epoch."""
    run = book_logs.RUNS[name]
    if name in book_logs.ACCURACY_COUNTS:
        count = book_logs.ACCURACY_COUNTS[name][-1]
    else:
        count = book_logs.FINAL_ACCURACY_COUNTS[name]
    return count / run.n_eval, f"{run.file}, epoch {run.epochs}"


def decay_row(name):
    """The pure-decay figures of one logged run, as a dict (see the module docstring)."""
    run = book_logs.RUNS[name]
    exact = float(derivations.per_epoch_factor_exact(run.eta, run.lmbda, run.n, run.m))
    approx = float(derivations.per_epoch_factor_approx(run.eta, run.lmbda, run.m))
    rel = float(derivations.per_epoch_relative_error(run.eta, run.lmbda, run.n, run.m))
    to_n_in = epochs_to_reach(exact, 1 / math.sqrt(run.sizes[0]))
    to_n_w = epochs_to_reach(exact, 1 / math.sqrt(run.n_weights))
    return {"name": name, "a": run.eta * run.lmbda / run.n, "exact": exact, "approx": approx,
            "relative_error": rel, "epochs_to_n_in": to_n_in, "epochs_to_n_w": to_n_w,
            "epochs": run.epochs, "reaches_n_in": to_n_in <= run.epochs,
            "reaches_n_w": to_n_w <= run.epochs, "rms_at_end": exact ** run.epochs}


def format_table(header, rows):
    """A plain-text table: columns padded to their widest entry, first column left-aligned."""
    cells = [list(map(str, header))] + [list(map(str, r)) for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:])])


def _epochs(k):
    return "never" if math.isinf(k) else f"{k:.1f}"


def settings_table():
    """Every logged chapter-3 run with L2 or the weight-initialization comparison: settings and
    the accuracy of its last epoch; below the table, the log file of each run (its source)."""
    rows, files = [], {}
    for name, run in book_logs.RUNS.items():
        acc, _ = reported_accuracy(name)
        init = "old" if run.init == "large" else "new"
        rows.append([name, str(list(run.sizes)).replace(" ", ""), init, f"{run.eta:g}",
                     f"{run.lmbda:g}", run.m, f"{run.n:,}", run.epochs, f"{run.n_weights:,}",
                     f"{acc:.2%} ({'test' if run.evaluated_on == 'test' else 'valid.'})"])
        files.setdefault(run.file, []).append(name)
    table = format_table(["run", "sizes", "init", "η", "λ", "m", "n", "epochs", "N_w",
                          "last epoch"], rows)
    cites = [f"  {file}, epoch {book_logs.RUNS[names[0]].epochs}: {', '.join(names)}"
             for file, names in files.items()]
    return "\n".join([table, "", "Sources (accuracy = count in the last epoch / 10,000):",
                      *cites])


def decay_table():
    """Per run: ηλ/n, the exact per-epoch factor, its relative error from exp(−ηλ/m), and the
    epochs pure decay needs from RMS 1 to 1/√n_in and to 1/√N_w (and whether the run lasts)."""
    rows = []
    for name in book_logs.RUNS:
        d = decay_row(name)
        if book_logs.RUNS[name].lmbda == 0:
            rows.append([name, "0", "1", "0", "never", "never", d["epochs"], "—"])
            continue
        long_enough = {(True, True): "both", (True, False): "1/√n_in",
                       (False, False): "neither"}[(d["reaches_n_in"], d["reaches_n_w"])]
        rows.append([name, f"{d['a']:.1e}", f"{d['exact']:.6f}", f"{d['relative_error']:.2e}",
                     _epochs(d["epochs_to_n_in"]), _epochs(d["epochs_to_n_w"]), d["epochs"],
                     long_enough])
    return format_table(["run", "ηλ/n", "exact f", "f/exp(−ηλ/m)−1",
                         "to 1/√n_in", "to 1/√N_w", "run", "reaches"], rows)


# --------------------------------------------------------------------------------------------
# the weight-initialization graphs


def gap_closing(hidden, tolerance=GAP_TOLERANCE):
    """When does the old-init accuracy catch up in the book's log of ``[784, hidden, 10]``?

    Returns a dict: ``gap`` (new − old, counts, epochs 1..30), ``first`` (first epoch with
    gap <= tolerance), ``stays`` (first epoch from which the gap stays <= tolerance), ``None``
    when it never happens.
    """
    old = np.asarray(book_logs.ACCURACY_COUNTS[f"weight_init_{hidden}_large"])
    new = np.asarray(book_logs.ACCURACY_COUNTS[f"weight_init_{hidden}_default"])
    gap = new - old
    within = gap <= tolerance
    first = int(np.argmax(within)) + 1 if within.any() else None
    stays = None
    for k in range(len(gap), 0, -1):
        if not within[k - 1]:
            break
        stays = k
    return {"gap": gap, "first": first, "stays": stays}


@dataclass
class Rerun:
    """Re-runs of the book's settings on a data set: ``histories[(hidden, init)]`` → History;
    ``eval_cost`` (for :func:`rerun_regularized_full`): the book-style cost on the evaluation
    set, epochs 0..E (the L2 term divided by the evaluation set's size); ``source`` of the data,
    ``n`` and ``n_eval`` the sizes of its training and validation sets."""

    source: str
    n: int
    n_eval: int
    histories: dict
    eval_cost: np.ndarray | None = None


def rerun_weight_init(mnist, hidden=WEIGHT_INIT_RUNS, epochs=30, eta=0.1, lmbda=5.0, m=10,
                      seed=1):
    """Train ``[784, h, 10]`` from both initializations with the book's settings on ``mnist``.

    Same initial normal draws for both inits (``seed``), the same shuffling (``seed + 1``);
    validation accuracy recorded. Returns a :class:`Rerun`.
    """
    X, y = mnist.train
    histories = {}
    for h, init in progress([(h, init) for h in hidden for init in ("large", "default")],
                            "re-runs"):
        net = Network([784, h, 10], init=init, seed=seed)
        histories[(h, init)] = net.train(X, y, epochs=epochs, mini_batch_size=m, eta=eta,
                                         lmbda=lmbda, seed=seed + 1, evaluation=mnist.validation)
    return Rerun(mnist.source, len(X), len(mnist.validation[0]), histories)


def rerun_regularized_full(mnist, epochs=30, eta=0.5, lmbda=5.0, m=10, seed=1):
    """The settings of fig/regularized_full.json ([784, 30, 10], old init) on ``mnist``.

    Besides the History, records after every epoch the cost on the validation set the way the
    book's ``total_cost`` computes it (L2 term over the validation-set size), so that Σw² can be
    backed out of our own costs exactly as from the book's log, and compared with the truth.
    """
    X, y = mnist.train
    Xv, yv = mnist.validation
    net = Network([784, 30, 10], init="large", seed=seed)
    eval_cost = [net.cost(Xv, yv, lmbda)]

    def record(epoch, total):
        eval_cost.append(net.cost(Xv, yv, lmbda))

    hist = net.train(X, y, epochs=epochs, mini_batch_size=m, eta=eta, lmbda=lmbda,
                     seed=seed + 1, evaluation=mnist.validation, progress=record)
    return Rerun(mnist.source, len(X), len(Xv), {(30, "large"): hist}, np.asarray(eval_cost))


def backed_out_sum_w2(rerun):
    """Σw² backed out of a :func:`rerun_regularized_full`'s own costs, epochs 1..E, as from
    the book's log (:func:`helpers.book_logs.sum_w2_from_costs`)."""
    hist = rerun.histories[(30, "large")]
    return book_logs.sum_w2_from_costs(hist.cost[1:], rerun.eval_cost[1:], hist.lmbda, hist.n,
                                       rerun.n_eval)


def gap_table(reruns=()):
    """For each weight-init graph: when the gap closes in the book's log, the pure-decay RMS at
    that epoch, and for each :func:`rerun_weight_init` in ``reruns`` its measured hidden RMS
    (column "re-run (source)")."""
    rows = []
    for h in WEIGHT_INIT_RUNS:
        run = book_logs.RUNS[f"weight_init_{h}_large"]
        g = gap_closing(h)
        f = float(derivations.per_epoch_factor_exact(run.eta, run.lmbda, run.n, run.m))
        if g["first"] == g["stays"]:
            moments = (("first, for good", g["first"]),)
        else:
            moments = (("first", g["first"]), ("for good", g["stays"]))
        for label, k in moments:
            row = [f"[784,{h},10]", f"{g['gap'][0] / 100:.2f}", label, k,
                   f"{g['gap'][k - 1] / 100:.2f}", f"{f ** k:.3f}",
                   f"{f ** k * math.sqrt(run.sizes[0]):.1f}"]
            for r in reruns:
                rms = r.histories[(h, "large")].rms[:, 0]
                row.append(f"{rms[k]:.3f}" if k < len(rms) else "—")  # "—": re-run too short
            rows.append(row)
    header = ["network", "gap ep. 1", "within 0.5 pp", "epoch k", "gap at k", "f^k",
              "f^k·√n_in"]
    header += [f"re-run ({r.source})" for r in reruns]
    return format_table(header, rows)


# --------------------------------------------------------------------------------------------
# verdicts


def verdicts(weight_init_rerun):
    """One row per (run with L2, condition): the number that judges it, and the verdict.

    Part 1 of the weight-initialization runs is measured on ``weight_init_rerun`` (their logs
    hold only accuracies); part 1 and part 3 of regularized_full come from Σw² backed out of its
    logged costs. Part 3 of the other runs rests on ``f^epochs``, a lower bound on the RMS
    (``bound`` is ``"≥"``), judged by :func:`classify_lower_bound`. Returns a list of dicts with
    keys run, part, measure (short), value, bound ("" or "≥"), verdict, source.
    """
    out = []
    s_full = book_logs.regularized_full_sum_w2()
    for name, run in book_logs.RUNS.items():
        if run.lmbda == 0:
            continue
        d = decay_row(name)
        f = d["exact"]
        # part 1
        if name.endswith("_default"):
            value, measure, source = math.nan, "new init: nothing to decay", "—"
        elif name == "regularized_full":
            pure = float(run.n_weights) * f ** 2  # E[Σw²(0)] = N_w under N(0, 1) weights
            value = abs(s_full[0] / pure - 1)
            measure = f"Σw²(1) {s_full[0]:,.0f} vs {pure:,.0f}"
            source = f"{run.file}, epoch 1"
        elif weight_init_rerun is not None and name.startswith("weight_init"):
            hist = weight_init_rerun.histories[(run.sizes[1], "large")]
            s = history_sum_w2(hist)
            r = float(derivations.per_epoch_factor_exact(hist.eta, hist.lmbda, hist.n, hist.m))
            pure = s[0] * r ** 2
            value = abs(s[1] / pure - 1)
            measure = f"Σw²(1) {s[1]:,.0f} vs {pure:,.0f}"
            source = f"re-run ({weight_init_rerun.source}, n = {weight_init_rerun.n:,})"
        else:
            value, measure, source = math.nan, "not in the log", "—"
        out.append({"run": name, "part": "1", "measure": measure, "value": value, "bound": "",
                    "verdict": "—" if math.isnan(value) else classify(value, "1"),
                    "source": source})
        # part 2
        rel = abs(d["relative_error"])
        out.append({"run": name, "part": "2", "measure": f"ηλ/n = {d['a']:.1e}", "value": rel,
                    "bound": "", "verdict": classify(rel, "2"),
                    "source": "exact factor (1−ηλ/n)^⌈n/m⌉"})
        # part 3
        if name.endswith("_default"):
            continue
        if name == "regularized_full":
            rms, bound = math.sqrt(plateau_sum_w2(s_full) / run.n_weights), ""
            measure = f"plateau RMS {rms:.3f}"
            source = f"{run.file}, epochs {PLATEAU_FROM}–{run.epochs}"
        else:
            rms, bound = d["rms_at_end"], "≥"
            measure = f"RMS ≥ f^{run.epochs} = {rms:.3f}"
            source = "f^epochs (the log holds no weights)"
        for target, label in ((run.n_weights, "1/√N_w"), (run.sizes[0], "1/√n_in")):
            ratio = rms * math.sqrt(target)
            verdict = classify(ratio, "3") if not bound else classify_lower_bound(ratio, "3")
            out.append({"run": name, "part": f"3 vs {label}", "measure": measure,
                        "value": ratio, "bound": bound, "verdict": verdict, "source": source})
    return out


def verdict_table(rows):
    """The verdict rows as a text table (value with 3 significant digits, "≥" for a bound)."""
    return format_table(["run", "part", "the number", "value", "verdict"],
                        [[r["run"], r["part"], r["measure"],
                          "—" if math.isnan(r["value"]) else f"{r['bound']}{r['value']:.3g}",
                          r["verdict"]] for r in rows])


def output_share(hist: History, from_epoch=PLATEAU_FROM):
    """Median over epochs ``from_epoch``..E of the output layer's share of Σw² (last layer)."""
    share = hist.sq_norm[:, -1] / hist.sq_norm.sum(axis=1)
    return float(np.median(share[from_epoch:]))


def book_plateau(share_output):
    """The plateau of fig/regularized_full.json's Σw², with its caveats, as a dict.

    ``sum_w2``: the back-out's plateau (an over-estimate); ``sum_w2_low``: pessimistic, minus
    the largest λ = 0 generalization gap of the plateau epochs (fig/overfitting_full.json) in
    Σw² units; ``rms``/``rms_low``: over all N_w weights; ``hidden``/``hidden_low``: the hidden
    layer's RMS if the output layer carries the share ``share_output`` of Σw² (as measured on a
    re-run); ``epochs``/``epochs_*``: when pure decay at the graphed runs' f (η = 0.1) reaches
    each RMS from 1 (``epochs_hidden_low`` is the latest of them).
    """
    run = book_logs.RUNS["regularized_full"]
    est = plateau_sum_w2(book_logs.regularized_full_sum_w2())
    coef = book_logs.back_out_coefficient(run.lmbda, run.n, run.n_eval)
    gap = float(np.max(book_logs.overfitting_full_gap()[PLATEAU_FROM - 1:]))
    low = est - gap / coef
    n_hidden = run.sizes[0] * run.sizes[1]
    out = {"sum_w2": est, "sum_w2_low": low, "gap": gap, "gap_sum_w2": gap / coef,
           "share_output": float(share_output),
           "rms": math.sqrt(est / run.n_weights), "rms_low": math.sqrt(low / run.n_weights),
           "hidden": math.sqrt(est * (1 - share_output) / n_hidden),
           "hidden_low": math.sqrt(low * (1 - share_output) / n_hidden)}
    f = decay_row("weight_init_30_large")["exact"]
    for key in ("rms", "rms_low", "hidden", "hidden_low"):
        out["epochs" if key == "rms" else f"epochs_{key}"] = epochs_to_reach(f, out[key])
    return out


# --------------------------------------------------------------------------------------------
# figures


def plot_weight_init(axes, reruns=()):
    """Validation accuracy per epoch, old vs new init, for [784,30,10] and [784,100,10]:
    the book's logs (solid) and each :class:`Rerun` in ``reruns`` (dashed, then dotted)."""
    styles = ("--", ":")
    for ax, h in zip(axes, WEIGHT_INIT_RUNS, strict=True):
        epoch = np.arange(1, 31)
        for init, colour, label in (("large", "C0", "old init"), ("default", "C1", "new init")):
            ax.plot(epoch, 100 * book_logs.accuracy(f"weight_init_{h}_{init}"), "-",
                    color=colour, label=f"{label}: book (n = 50,000)")
            for rerun, ls in zip(reruns, styles, strict=False):
                hist = rerun.histories[(h, init)]
                ax.plot(hist.epoch[1:], 100 * hist.accuracy[1:], ls, color=colour,
                        label=f"{label}: our re-run ({rerun.source}, n = {rerun.n:,})")
        g = gap_closing(h)
        ax.axvline(g["stays"], color="0.5", lw=0.8,
                   label=f"book: gap ≤ 0.5 pp from epoch {g['stays']} on")
        ax.set_title(f"[784, {h}, 10], η = 0.1, λ = 5, m = 10")
        ax.set_xlabel("epoch")
        ax.legend(fontsize=7, loc="lower right")
    axes[0].set_ylabel("validation accuracy (%)")


def plot_sum_w2(ax, rerun=None):
    """Σw² of fig/regularized_full.json backed out of its costs: the estimate, a band down to the
    pessimistic lower estimate (λ = 0 gap subtracted), the rigorous upper bound (dashed); pure
    decay from N_w; the Σw² of the two candidate end sizes; ``rerun``'s measured Σw²."""
    run = book_logs.RUNS["regularized_full"]
    f = float(derivations.per_epoch_factor_exact(run.eta, run.lmbda, run.n, run.m))
    epoch = np.arange(1, run.epochs + 1)
    est = book_logs.regularized_full_sum_w2()
    ub = book_logs.sum_w2_upper_bound(book_logs.REGULARIZED_FULL_COSTS["eval_cost"], run.lmbda,
                                      run.n_eval)
    ax.semilogy(epoch, est, "o-", ms=3, color="C0",
                label="book: backed out of the costs (an over-estimate)")
    ax.fill_between(epoch, book_logs.regularized_full_sum_w2_low(), est, color="C0",
                    alpha=0.2, label="… down to: minus the λ = 0 run's C₀ gap (pessimistic)")
    ax.semilogy(epoch, ub, "--", lw=1, color="C0", label="rigorous upper bound 2·n_eval·E/λ")
    k = np.arange(run.epochs + 1)
    ax.semilogy(k, pure_decay_sum_w2(run.n_weights, f, run.epochs), "k:",
                label="pure decay N_w·f^(2k)")
    if rerun is not None:
        hist = rerun.histories[(30, "large")]
        ax.semilogy(hist.epoch, history_sum_w2(hist), "s--", ms=3, color="C2",
                    label=f"our re-run, measured ({rerun.source}, n = {rerun.n:,})")
    # a layer of a·b weights at RMS 1/√a (its own fan-in a) has Σw² = a·b/a = b: 30 + 10 = 40
    fan_in = sum(run.sizes[1:])
    ax.axhline(fan_in, color="C3", ls="--",
               label=f"every layer at RMS 1/√n_in: Σw² = {fan_in:g} (new init)")
    ax.axhline(1.0, color="C4", ls="--", label="RMS 1/√N_w: Σw² = 1")
    ax.set_xlabel("epoch")
    ax.set_ylabel("Σw² (all weights)")
    ax.set_title("[784, 30, 10], old init, η = 0.5, λ = 5, m = 10, 30 epochs")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))


def history_sum_w2(hist: History):
    """Σw² over all layers, epochs 0..E, from a History: ``hist.sq_norm.sum(axis=1)``."""
    return hist.sq_norm.sum(axis=1)


def plot_rms(ax, rerun, plateau=None):
    """Hidden-layer weight RMS per epoch of a :func:`rerun_weight_init`, both inits and widths,
    against pure decay f^k from RMS 1, 1/√n_in and 1/√N_w; the epochs where the book's accuracy
    gap closes for good are marked. ``plateau`` = (low, high): an estimated tail-off level of
    the book's runs, drawn as a band."""
    hist = rerun.histories[(WEIGHT_INIT_RUNS[0], "large")]
    f = float(derivations.per_epoch_factor_exact(hist.eta, hist.lmbda, hist.n, hist.m))
    old = [rerun.histories[(h, "large")].rms[:, 0] for h in WEIGHT_INIT_RUNS]
    apart = float(np.max(np.abs(old[1] / old[0] - 1)))
    for h, marker in zip(WEIGHT_INIT_RUNS, "os", strict=True):
        first = h == WEIGHT_INIT_RUNS[0]
        for init, colour, label in (("large", "C0", "old init"), ("default", "C1", "new init")):
            hh = rerun.histories[(h, init)]
            note = ""
            if not first and init == "large":
                note = f" (within {apart:.0%} of [784, {WEIGHT_INIT_RUNS[0]}, 10])"
            style = dict(ms=3, lw=1.5) if first else dict(ms=5, lw=0.8, mfc="none", ls="--")
            ax.semilogy(hh.epoch, hh.rms[:, 0], marker + ("-" if first else ""), color=colour,
                        label=f"{label}, [784, {h}, 10]{note}", **style)
    ax.semilogy(hist.epoch, f ** hist.epoch, "k:", label="pure decay f^k")
    if plateau is not None:
        ax.axhspan(*plateau, color="C2", alpha=0.15,
                   label=f"book's λ = 5 tail-off level, estimated: "
                         f"{plateau[0]:.2f}–{plateau[1]:.2f}")
    ax.axhline(1 / math.sqrt(784), color="C3", ls="--", label="1/√n_in = 1/√784")
    for h, ls in zip(WEIGHT_INIT_RUNS, ("-", "-."), strict=True):
        n_w = 784 * h + h * 10
        k = gap_closing(h)["stays"]
        ax.axhline(1 / math.sqrt(n_w), color="C4", ls=ls, label=f"1/√N_w, [784, {h}, 10]")
        ax.axvline(k, color="0.5", lw=0.8, ls=ls,
                   label=f"book's gap closes for good, [784, {h}, 10]: epoch {k}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("RMS of hidden-layer weights")
    ax.set_title(f"our re-run ({rerun.source}, n = {rerun.n:,}), η = 0.1, λ = 5, m = 10")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
