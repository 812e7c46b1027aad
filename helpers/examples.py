"""Notebook 05: the book's own chapter-3 runs, checked against the three parts of the exercise.

Everything here is built from two sources only: the cited table of the book's logs
(:mod:`helpers.book_logs`) and the course's engine (:mod:`helpers.network`). Nothing is typed in
by hand: the per-run decay figures come from :mod:`helpers.derivations`' numeric twins, the
verdict on each part is not stated here: it is :mod:`helpers.verdict`, the one place.

Pure decay and the epochs it needs
----------------------------------
One epoch of pure decay multiplies every weight by ``f = (1 - eta*lmbda/n)^ceil(n/m)``. A weight
of size ``w0`` reaches ``target`` after ``k = ln(target/w0) / ln(f)`` epochs (solve ``f^k = target
/ w0``). The old initialization has RMS ``w0 = 1``; the two candidate end sizes of part (3) are
``1/sqrt(n_in)`` (``n_in = sizes[0]`` for the hidden layer) and ``1/sqrt(N_w)``. ``f^epochs``
is what pure decay alone would reach; it is not a bound on the real RMS, because the data
gradient can shrink the norm too (its radial term can be negative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from helpers import book_logs, derivations, tailoff
from helpers.network import SIZES, History, Network, n_weights, train_grid
from helpers.widgets import progress

__all__ = [
    "X_NORM",
    "backed_out_sum_w2",
    "book_numbers",
    "book_plateau",
    "book_ratio_available",
    "book_ratio_levels",
    "catch_up",
    "cost_balance_rms",
    "plot_catch_up",
    "pure_decay_share",
    "output_share",
    "history_sum_w2",
    "GAP_TOLERANCE",
    "INIT_NAMES",
    "WEIGHT_INIT_RUNS",
    "Rerun",
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
]

#: "The gap has closed" when the old-init accuracy is within this many counts (of 10,000, i.e.
#: 0.5 percentage point) of the new-init accuracy.
GAP_TOLERANCE = 50
#: The course's names of the engine's initializations.
INIT_NAMES = {"large": "old", "default": "new"}
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


def plateau_sum_w2(sum_w2):
    """The tail-off Σw² of a per-epoch series (epoch 1 in position 0): its mean over the tail
    window, the last third of the epochs (:func:`helpers.tailoff.tail_window`: epochs 21-30 of
    30), the one rule of the course."""
    s = np.asarray(sum_w2, dtype=float)
    if s.ndim != 1 or not len(s):
        raise ValueError(f"sum_w2 must be a non-empty 1-D series; got shape {s.shape}")
    first, last = tailoff.tail_window(len(s))
    return float(np.mean(s[first - 1:last]))


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
    validation accuracy and the weights' RMS recorded (the lean path: the per-step parts are
    NaN). Returns a :class:`Rerun`.
    """
    X, y = mnist.train
    histories = {}
    inits = ("large", "default")
    for h in progress(list(hidden), "re-runs"):  # both inits of a width trained as one grid
        nets = [Network([784, h, 10], init=init, seed=seed) for init in inits]
        hs = train_grid(nets, X, y, epochs, m, eta=eta, lmbda=lmbda, seed=seed + 1,
                        evaluation=mnist.validation, instrument=False)  # RMS and accuracy only
        histories.update({(h, init): hist for init, hist in zip(inits, hs, strict=True)})
    return Rerun(mnist.source, len(X), len(mnist.validation[0]), histories)


def rerun_regularized_full(mnist, epochs=30, eta=0.5, lmbda=5.0, m=10, seed=1):
    """The settings of fig/regularized_full.json ([784, 30, 10], old init) on ``mnist``.

    Besides the History, records after every epoch the cost on the validation set the way the
    book's ``total_cost`` computes it (L2 term over the validation-set size), so that Σw² can be
    backed out of our own costs exactly as from the book's log, and compared with the truth.
    """
    X, y = mnist.train
    Xv, yv = mnist.validation
    net = Network(SIZES, init="large", seed=seed)
    eval_cost = [net.cost(Xv, yv, lmbda)]

    def record(epoch, total):
        eval_cost.append(net.cost(Xv, yv, lmbda))

    hist = net.train(X, y, epochs=epochs, mini_batch_size=m, eta=eta, lmbda=lmbda,
                     seed=seed + 1, evaluation=mnist.validation, on_epoch=record)
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
                if (h, "large") not in r.histories:
                    row.append("—")  # "—": this width was not re-run
                    continue
                rms = r.histories[(h, "large")].rms[:, 0]
                row.append(f"{rms[k]:.3f}" if k < len(rms) else "—")  # "—": re-run too short
            rows.append(row)
    header = ["network", "gap ep. 1", "within 0.5 pp", "epoch k", "gap at k", "f^k",
              "f^k·√n_in"]
    header += [f"re-run ({r.source})" for r in reruns]
    return format_table(header, rows)


# --------------------------------------------------------------------------------------------
# verdicts


def output_share(hist: History):
    """The output layer's share of the tail-off Σw² of a run: mean Σw² of the last layer over
    the tail window divided by that of all layers."""
    first, _ = tailoff.tail_window(hist.epochs)
    tail = hist.sq_norm[first:]
    return float(tail[:, -1].mean() / tail.sum(axis=1).mean())


def book_plateau(share_output):
    """The plateau of fig/regularized_full.json's Σw², with its caveats, as a dict.

    ``sum_w2``: the back-out's tail-off Σw² (:func:`plateau_sum_w2`, an over-estimate);
    ``sum_w2_low``: pessimistic, the same rule applied to the back-out minus the λ = 0
    generalization gap of each epoch (fig/overfitting_full.json), in Σw² units; ``gap``: that
    gap's mean over the tail window; ``rms``/``rms_low``: over all N_w weights;
    ``hidden``/``hidden_low``: the hidden
    layer's RMS if the output layer carries the share ``share_output`` of Σw² (as measured on a
    re-run); ``epochs``/``epochs_*``: when pure decay at the graphed runs' f (η = 0.1) reaches
    each RMS from 1 (``epochs_hidden_low`` is the latest of them).
    """
    run = book_logs.RUNS["regularized_full"]
    est = plateau_sum_w2(book_logs.regularized_full_sum_w2())
    coef = book_logs.back_out_coefficient(run.lmbda, run.n, run.n_eval)
    first, last = tailoff.tail_window(run.epochs)
    gap = float(np.mean(book_logs.overfitting_full_gap()[first - 1:last]))
    low = plateau_sum_w2(book_logs.regularized_full_sum_w2_low())
    n_hidden = n_weights(run.sizes[:2])  # the hidden layer's weights
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
                if (h, init) not in rerun.histories:
                    continue  # a re-run of the other width only
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


def plot_sum_w2(ax, rerun=None, bound=True):
    """Σw² of fig/regularized_full.json backed out of its costs: the estimate, a band down to the
    pessimistic lower estimate (λ = 0 gap subtracted), with ``bound`` the rigorous upper bound
    (dashed); pure decay from the book's seeded start; the Σw² of the two candidate end sizes;
    ``rerun``'s measured Σw². The legend has five entries, plus one for each of ``bound`` and
    ``rerun``."""
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
    if bound:
        ax.semilogy(epoch, ub, "--", lw=1, color="C0", label="rigorous upper bound 2·n_eval·E/λ")
    from helpers.book_init import book_initial_sum_w2

    k = np.arange(run.epochs + 1)
    s0 = book_initial_sum_w2()
    ax.semilogy(k, pure_decay_sum_w2(s0, f, run.epochs), "k:",
                label=f"pure decay from the book's seeded Σw² = {s0:,.0f}")
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
    ax.legend(fontsize=7, loc="center right")


def history_sum_w2(hist: History):
    """Σw² over all layers, epochs 0..E, from a History: ``hist.sq_norm.sum(axis=1)``."""
    return hist.sq_norm.sum(axis=1)


def plot_rms(ax, rerun, predicted=None):
    """Hidden-layer weight RMS per epoch of a :func:`rerun_weight_init`, both inits and widths,
    against pure decay f^k from RMS 1, 1/√n_in and 1/√N_w; the epochs where the book's accuracy
    gap closes for good are marked. ``predicted`` = {hidden width: RMS}: the law's predicted
    tail-off level of *all* weights of the book's graphed runs (:func:`graphed_tailoff`), drawn
    as one line per width and labelled as a level of all weights at the book's scale, not of
    the hidden layer plotted (the book's logs give no per-layer level)."""
    widths = [h for h in WEIGHT_INIT_RUNS if (h, "large") in rerun.histories]
    hist = rerun.histories[(widths[0], "large")]
    f = float(derivations.per_epoch_factor_exact(hist.eta, hist.lmbda, hist.n, hist.m))
    old = [rerun.histories[(h, "large")].rms[:, 0] for h in widths]
    apart = float(np.max(np.abs(old[-1] / old[0] - 1)))
    for h, marker in zip(widths, "os", strict=False):
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
    for h, ls in zip(WEIGHT_INIT_RUNS, ("-", "-."), strict=True):
        if predicted is not None and h in predicted:
            ax.axhline(predicted[h], color="C2", ls=ls, lw=1.2,
                       label=f"law's predicted tail-off RMS of all weights, book's "
                             f"[784, {h}, 10] at n = 50,000: {predicted[h]:.3f}")
    ax.axhline(1 / math.sqrt(784), color="C3", ls="--", label="1/√n_in = 1/√784")
    for h, ls in zip(WEIGHT_INIT_RUNS, ("-", "-."), strict=True):
        n_w = n_weights((784, h, 10))
        k = gap_closing(h)["stays"]
        ax.axhline(1 / math.sqrt(n_w), color="C4", ls=ls, label=f"1/√N_w, [784, {h}, 10]")
        ax.axvline(k, color="0.5", lw=0.8, ls=ls,
                   label=f"book's gap closes for good, [784, {h}, 10]: epoch {k}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("RMS of weights (curves: hidden layer)")
    ax.set_title(f"our re-run ({rerun.source}, n = {rerun.n:,}), η = 0.1, λ = 5, m = 10")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))


def graphed_tailoff():
    """The measured law (:func:`helpers.verdict.law_prediction`) at the graphed runs' settings
    (η = 0.1, λ = 5, n = 50,000; [784, 30, 10] and [784, 100, 10]): per hidden width a dict
    with the predicted all-weights RMS ``rms``, the old init's seeded starting RMS ``rms0``
    (:func:`helpers.book_init.book_initial_sum_w2`, fig/weight_initialization.py), and the
    epochs ``epochs`` pure decay at the runs' f needs to get from one to the other."""
    from helpers import verdict
    from helpers.book_init import book_initial_sum_w2

    out = {}
    for h in WEIGHT_INIT_RUNS:
        run = book_logs.RUNS[f"weight_init_{h}_large"]
        f = float(derivations.per_epoch_factor_exact(run.eta, run.lmbda, run.n, run.m))
        rms = verdict.law_prediction(run.lmbda / run.n, run.n_weights, run.eta)
        rms0 = math.sqrt(book_initial_sum_w2(run.sizes, "weight_initialization") / run.n_weights)
        out[h] = {"rms": rms, "rms0": rms0, "epochs": epochs_to_reach(f, rms, rms0),
                  "n_weights": run.n_weights}
    return out


# --------------------------------------------------------------------------------------------
# notebook 05's argument: the book's numbers, its catching up, its cost balance in RMS

#: RMS of ‖x‖ of MNIST digits in [0, 1] (notebook 03 measures 9.43 on its probe batch; 9.39
#: over the subset): the input length the closed-form saturated share is evaluated at.
X_NORM = 9.39


def book_numbers():
    """The pure-decay numbers of the book's two kinds of L2 run, as a dict of dicts keyed by
    ``"graphed"`` (weight_init_30_large: η = 0.1) and ``"full"`` (regularized_full: η = 0.5):
    :func:`decay_row` plus ``rms_30`` = f^30, what pure decay leaves of RMS 1 after 30 epochs."""
    out = {}
    for key, name in (("graphed", "weight_init_30_large"), ("full", "regularized_full")):
        d = decay_row(name)
        out[key] = {**d, "rms_30": d["exact"] ** 30, "n": book_logs.RUNS[name].n,
                    "eta": book_logs.RUNS[name].eta, "lmbda": book_logs.RUNS[name].lmbda,
                    "m": book_logs.RUNS[name].m}
    return out


def pure_decay_share(rms, x_norm=X_NORM):
    """The closed-form share of saturated (digit, neuron) pairs (σ′(z) < 0.01) when hidden
    weights of RMS ``rms`` and N(0, 1) biases see inputs of length ``x_norm``: a heuristic for
    trained weights, which are neither independent nor normal (notebook 03)."""
    # the closed forms of derivations.weighted_input_std and saturated_share, written out: their
    # twins compile the SymPy proofs on first use (seconds), and 05 needs only the numbers
    # (tests/test_examples.py compares the two)
    from helpers.network import SATURATION_THRESHOLD

    z_eps = 2 * math.acosh(1 / (2 * math.sqrt(SATURATION_THRESHOLD)))
    z_std = np.sqrt((np.asarray(rms, dtype=float) * x_norm) ** 2 + 1.0)
    return np.asarray(np.vectorize(math.erfc)(z_eps / (z_std * math.sqrt(2))), dtype=float)


def catch_up():
    """Per graphed width (30, 100): when the book's old-init accuracy catches up
    (:func:`gap_closing`: ``first``, ``stays``), the pure-decay RMS f^k there (``rms_first``,
    ``rms_stays``), the closed-form saturated share at the start and there (``share_0``,
    ``share_first``, ``share_stays``), and the law's tail-off (:func:`graphed_tailoff`:
    ``law_rms``, and ``law_epoch``, the epoch pure decay from the seeded start reaches it)."""
    f = decay_row("weight_init_30_large")["exact"]
    tails = graphed_tailoff()
    out = {}
    for h in WEIGHT_INIT_RUNS:
        g = gap_closing(h)
        out[h] = {"first": g["first"], "stays": g["stays"], "gap_1": int(g["gap"][0]),
                  "rms_first": f ** g["first"], "rms_stays": f ** g["stays"],
                  "share_0": float(pure_decay_share(1.0)),
                  "share_first": float(pure_decay_share(f ** g["first"])),
                  "share_stays": float(pure_decay_share(f ** g["stays"])),
                  "law_rms": tails[h]["rms"], "law_epoch": tails[h]["epochs"]}
    return out


def cost_balance_rms():
    """The book's λ = 5 run against the cost balance (λ/2n)Σw² = r·C₀, in RMS over all N_w
    weights. From :func:`helpers.verdict.book_check`: ``rms`` / ``rms_low`` the back-out and
    the pessimistic level; ``r1`` / ``r1_low``: the level r = 1 predicts with the C₀ each
    implies, √(2nC₀/(λN_w)); ``sweeps``: the (lowest, highest) level the sweeps' range of r
    predicts (lowest r with the smaller C₀, highest with the larger); ``r``, ``r_low``: the
    book's own r; ``r_range``: the sweeps'."""
    from helpers import verdict

    bk = verdict.book_check()
    run = book_logs.RUNS["regularized_full"]
    scale = 2 * run.n / (run.lmbda * run.n_weights)
    c_lo, c_hi = sorted((bk["c0"], bk["c0_low"]))
    return {"rms": bk["rms"], "rms_low": bk["rms_low"],
            "r1": math.sqrt(scale * bk["c0"]), "r1_low": math.sqrt(scale * bk["c0_low"]),
            "sweeps": (math.sqrt(bk["r_low"] * scale * c_lo),
                       math.sqrt(bk["r_high"] * scale * c_hi)),
            "r": bk["ratio"], "r_low": bk["ratio_low"], "r_range": (bk["r_low"], bk["r_high"]),
            "c0": bk["c0"], "c0_low": bk["c0_low"]}


def plot_catch_up(axes):
    """Per graphed width: the book's validation accuracy per epoch, old and new init (left
    axis), the closed-form saturated share of the old init's hidden pairs under pure decay
    (right axis, :func:`pure_decay_share`), and the epoch the gap closes for good."""
    f = decay_row("weight_init_30_large")["exact"]
    epoch = np.arange(0, 31)
    for ax, h in zip(axes, WEIGHT_INIT_RUNS, strict=True):
        e = np.arange(1, 31)
        ax.plot(e, 100 * book_logs.accuracy(f"weight_init_{h}_large"), "-", color="C0",
                label="old init (book's log)")
        ax.plot(e, 100 * book_logs.accuracy(f"weight_init_{h}_default"), "-", color="C1",
                label="new init (book's log)")
        k = gap_closing(h)["stays"]
        ax.axvline(k, color="0.5", lw=0.8, label=f"gap ≤ 0.5 pp from epoch {k}")
        ax.set_ylim(85, 100)
        ax.set_xlabel("epoch")
        ax.set_title(f"[784, {h}, 10], η = 0.1, λ = 5, n = 50,000", fontsize=9)
        twin = ax.twinx()
        twin.plot(epoch, 100 * pure_decay_share(f ** epoch), "k:",
                  label="saturated pairs under pure decay")
        twin.set_ylim(0, 100)
        twin.set_ylabel("saturated (digit, neuron) pairs (%)", fontsize=8)
        lines = ax.get_lines() + twin.get_lines()
        ax.legend(lines, [ln.get_label() for ln in lines], fontsize=7, loc="center right")
    axes[0].set_ylabel("validation accuracy (%)")


def book_ratio_available() -> bool:
    """Is the direct measurement at the book's λ/n on the subset stored
    (``data/sweeps/book_ratio.json``, written by the part-(3) sweeps)?"""
    return (tailoff.SWEEP_DIR / "book_ratio.json").is_file()


def book_ratio_levels() -> dict:
    """The stored measurement at the book's λ/n = 10⁻⁴ on the subset, per init
    (:func:`helpers.mechanism.book_ratio_levels`: ``.sq_total``, ``.drift``, ``.epochs``)."""
    from helpers import mechanism

    return mechanism.book_ratio_levels()
