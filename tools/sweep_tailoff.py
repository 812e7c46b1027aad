"""The part (3) sweeps: the tail-off level, one variable at a time, stored as data.

Every run is the engine's (:func:`helpers.tailoff.train_budgets`: the runs of one setting, both
inits and every seed, trained at once by ``train_grid``, with the per-step budget of ||w||^2 it
records) on the offline subset (``load_mnist(source="subset")``), from the old
(``"large"``) and the new (``"default"``) initialization, for each seed in ``SEEDS`` (initial
draws ``seed``, shuffles ``seed + 100``). The base point is [784, 30, 10], η = 0.5, λ = 5,
m = 10, n = 4,000, 30 epochs; each sweep changes one thing:

* ``width``: the hidden width 10, 30, 100, 300 (N_w = 794·width), n_in = 784;
* ``n_in``: the same digits mean-pooled 2×2 (196 pixels) and 4×4 (49), width 30;
* ``lmbda``: λ = 2.5 ... 40;
* ``eta``: η = 0.125 ... 1 at λ = 5, with epochs ∝ 1/η (ηE = 15: the same pure-decay factor);
* ``n_fixed_lmbda`` / ``n_fixed_ratio``: the first n = 1,000 / 2,000 / 4,000 training digits,
  at λ = 5 and at λ/n = 5/4,000, with epochs ∝ 1/n (12,000 steps each);
* ``grid``: λ × η (the values of the two sweeps above, epochs ∝ 1/η), seed 1 only, both
  inits: the cached grid behind notebook 04's sliders;
* ``relax``: from the end of the new-init base run at λ = 2.5 ... 20, every weight multiplied
  by 1.5 (and by 1/1.5), then 10 more epochs with Σw² recorded every 20 steps;
* ``book_ratio``: the book's λ/n = 10⁻⁴ directly on the subset (λ = 0.4, n = 4,000), both
  inits, run until ln Σw² drifts by less than 1% across the tail window (``BOOK_EPOCHS``);
* ``small_ratio``: one smaller λ/n (λ = 0.2, 5·10⁻⁵), where the weights are largest;
* ``deep``: [784, 30, 10] and [784, 30, 30, 10] at the base point (the prediction made before
  running it: ``data/predictions/deep_784_30_30_10.md``);
* ``digits``: scikit-learn's 8×8 digits (``helpers.data.load_digits``, n = 1,400), [64, h, 10]
  for h = 10, 30, 100 at λ = 1.75 (λ/n as at the base point) and λ = 0.5, 1.75, 7 at h = 30;
* ``longer``: the old-init points whose ln Σw² still drifts across the tail window in the sweeps
  above (λ = 2.5, width 300, the grid's η = 1, λ = 40), rerun three times longer, seeds 1-3.

Every run record also holds what the mechanism needs (``mechanism``: α*_ℓ, the push s_ℓ, the
pull (λ/n)‖w_ℓ‖², C₀, the margin and the hidden pre-activations' spread of the final network,
``helpers.mechanism.measure``) and the drift of ln Σw² across its tail window (``drift``,
``settled``: ``helpers.tailoff.tail_drift``).

Both cores: the points are trained by ``WORKERS`` worker processes, each with one BLAS thread
(``OPENBLAS_NUM_THREADS=1``), the longest first; a point's runs are still trained at once, so
every number is the one a single process gives. The script prints its wall-clock and CPU time.

Results go to ``data/sweeps/<name>.json`` with the settings, seeds and versions; a run is
deterministic, and ``tests/test_tailoff.py`` recomputes one point of every stored sweep.

Usage: ``.venv/bin/python tools/sweep_tailoff.py [name ...]`` (all sweeps by default);
``SWEEP_WORKERS=1`` trains in one process; ``SWEEP_OUT=dir`` writes there instead of
``data/sweeps``.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict as _asdict
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers import tailoff  # noqa: E402
from helpers.data import load_digits, load_mnist  # noqa: E402

OUT = Path(os.environ.get("SWEEP_OUT", ROOT / "data" / "sweeps"))
WORKERS = int(os.environ.get("SWEEP_WORKERS", "2"))
SEEDS = (1, 2, 3, 4, 5)
INITS = ("large", "default")
SHUFFLE_OFFSET = 100
RELAX_SEEDS = (1, 2, 3)
RELAX_KICKS = (1.5, 1 / 1.5)
RELAX_EPOCHS = 10
RELAX_EVERY = 20
RELAX_LAMBDAS = (2.5, 5.0, 10.0, 20.0)


@dataclass(frozen=True)
class Point:
    """The settings of one run (besides init and seed). ``depth`` hidden layers of ``width``;
    ``data`` "mnist" (the subset, pooled ``pool``×``pool``) or "digits" (8×8, 64 inputs)."""

    width: int = 30
    pool: int = 1
    eta: float = 0.5
    lmbda: float = 5.0
    n: int = 4000
    epochs: int = 30
    m: int = 10
    depth: int = 1
    data: str = "mnist"

    @property
    def sizes(self):
        n_in = 64 if self.data == "digits" else (28 // self.pool) ** 2
        return (n_in, *[self.width] * self.depth, 10)


#: fields added after the first sweeps were stored: a record leaves them out at their default,
#: so every earlier record's ``point`` is unchanged
_NEW_FIELDS = {"depth": 1, "data": "mnist"}


def asdict(point: Point) -> dict:
    """The ``point`` of a run record: the dataclass's fields, without the later fields
    ``depth`` and ``data`` when they have their defaults."""
    return {k: v for k, v in _asdict(point).items()
            if not (k in _NEW_FIELDS and v == _NEW_FIELDS[k])}


BASE = Point()
#: epochs of the book's λ/n and the smaller one: measured so that ln Σw² of the new init drifts
#: by less than 1% across the tail window (epochs 601-900); the old init is flagged where not
BOOK_EPOCHS = 900
DIGITS = Point(data="digits", n=1400, lmbda=1.75, epochs=90)
SWEEPS = {
    "width": ("width", [replace(BASE, width=w) for w in (10, 30, 100, 300)]),
    "n_in": ("n_in", [replace(BASE, pool=k) for k in (4, 2, 1)]),
    "lmbda": ("lmbda", [replace(BASE, lmbda=lm) for lm in (2.5, 5.0, 10.0, 20.0, 40.0)]),
    "eta": ("eta", [replace(BASE, eta=e, epochs=round(15 / e)) for e in (0.125, 0.25, 0.5, 1.0)]),
    "n_fixed_lmbda": ("n", [replace(BASE, n=k, epochs=120_000 // k) for k in (1000, 2000, 4000)]),
    "n_fixed_ratio": ("n", [replace(BASE, n=k, lmbda=5.0 * k / 4000, epochs=120_000 // k)
                            for k in (1000, 2000, 4000)]),
    "book_ratio": ("lmbda", [replace(BASE, lmbda=0.4, epochs=BOOK_EPOCHS)]),
    "small_ratio": ("lmbda", [replace(BASE, lmbda=0.2, epochs=BOOK_EPOCHS)]),
    "deep": ("depth", [replace(BASE, depth=k, epochs=60) for k in (1, 2)]),
    "digits": ("width_lmbda", [replace(DIGITS, width=h) for h in (10, 30, 100)]
               + [replace(DIGITS, lmbda=lm) for lm in (0.5, 7.0)]),
    "longer": ("name", [replace(BASE, lmbda=2.5, epochs=90), replace(BASE, width=300, epochs=90),
                        replace(BASE, lmbda=40.0, eta=1.0, epochs=45)]),
}
#: the seeds and inits of a sweep where they are not SEEDS and INITS
SWEEP_SEEDS = {"book_ratio": (1, 2), "small_ratio": (1, 2), "longer": (1, 2, 3)}
SWEEP_INITS = {"small_ratio": ("default",), "longer": ("large",)}
LONGER_NAMES = ("lmbda 2.5, 90 epochs", "width 300, 90 epochs", "lmbda 40, eta 1, 45 epochs")

GRID_SEEDS = (1,)
GRID = [replace(BASE, lmbda=lm, eta=e, epochs=round(15 / e))
        for lm in (2.5, 5.0, 10.0, 20.0, 40.0) for e in (0.125, 0.25, 0.5, 1.0)]
ALL = (*[k for k in SWEEPS if k not in ("book_ratio", "small_ratio", "deep", "digits",
                                         "longer")], "grid", "relax", "book_ratio",
       "small_ratio", "deep", "digits", "longer")


def variable_value(variable, point):
    if variable == "lmbda_eta":
        return [point.lmbda, point.eta]
    if variable == "width_lmbda":
        return [point.width, point.lmbda]
    if variable == "name":
        return LONGER_NAMES[SWEEPS["longer"][1].index(point)]
    return {"width": point.width, "n_in": point.sizes[0], "lmbda": point.lmbda,
            "eta": point.eta, "n": point.n, "depth": point.depth}[variable]


def data_for(point, mnist=None):
    """(X, y, evaluation) of a point: the first n training digits (pooled) and the validation
    digits, of the subset or of the 8×8 digits."""
    if point.data == "digits":
        d = load_digits()
        (X, y), ev = d.train, d.validation
        return X[:point.n], y[:point.n], ev
    mnist = mnist or load_mnist(source="subset", verbose=False)
    X, y = mnist.train
    Xv, yv = mnist.validation
    return (tailoff.pooled(X[:point.n], point.pool), y[:point.n],
            (tailoff.pooled(Xv, point.pool), yv))


def run_points(point, pairs, mnist=None, keep=False):
    """The (init, seed) runs ``pairs`` of one point, trained at once: ``{(init, seed): Budget}``
    (each the same as the run alone)."""
    X, y, ev = data_for(point, mnist)
    runs = [(init, seed, seed + SHUFFLE_OFFSET) for init, seed in pairs]
    budgets = tailoff.train_budgets(X, y, point.sizes, runs, epochs=point.epochs, m=point.m,
                                    eta=point.eta, lmbda=point.lmbda, evaluation=ev, keep=keep)
    return dict(zip(pairs, budgets, strict=True))


def run_point(point, init, seed, mnist=None, keep=False):
    """One run of one point."""
    return run_points(point, [(init, seed)], mnist, keep)[init, seed]


def record(point, b, **extra):
    """A run as JSON-ready data: settings, then every array of the Budget as nested lists,
    the mechanism of its final network and the drift of ln Σw² across its tail window."""
    out = {"point": asdict(point), "sizes": list(point.sizes), "init": b.init, "seed": b.seed,
           "shuffle_seed": b.shuffle_seed}
    for name in ("sq_norm", "decay", "radial", "jitter", "angle", "c0", "mean_in_sq",
                 "stat_ratio", "stat_corr"):
        out[name] = np.asarray(getattr(b, name)).tolist()
    out["accuracy"] = b.accuracy
    out["mechanism"] = b.mechanism.to_json()
    drift = tailoff.tail_drift(b.sq_norm)
    out["drift"] = drift.across.tolist()
    out["settled"] = drift.settled
    out.update(extra)
    return out


def versions():
    """Versions and the hashes of the code that runs, taken when the script starts."""
    return VERSIONS


def _versions():
    def sha(path):
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]

    commit = os.environ.get("SWEEP_GIT_COMMIT")
    if not commit:
        try:
            commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                    text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            commit = "unknown"
    return {"python": platform.python_version(), "numpy": np.__version__,
            "machine": platform.machine(), "git_commit": commit,
            **{name: sha(ROOT / name) for name in ("helpers/tailoff.py", "helpers/mechanism.py",
                                                   "helpers/network.py",
                                                   "helpers/engine/sgd.py",
                                                   "helpers/engine/tally.py")},
            "tools/sweep_tailoff.py": sha(Path(__file__))}


VERSIONS = _versions()


def write(name, payload):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=None, separators=(",", ":")) + "\n")
    tmp.replace(path)
    print(f"wrote {path}", flush=True)


# --------------------------------------------------------------------------------------------
# the jobs: one point (all its runs at once) or the relaxation runs of one λ


def _point_job(point, pairs, keep_default):
    """Worker: train ``pairs`` of ``point`` at once; the records (without ``value``) and, for
    the default-init seeds in ``keep_default``, the final weights and Σw² (for ``relax``)."""
    t0 = time.perf_counter()
    budgets = run_points(point, pairs, keep=bool(keep_default))
    kept = {s: (b.weights, b.biases, b.sq_norm) for (i, s), b in budgets.items()
            if i == "default" and s in keep_default}
    return point, {k: record(point, b) for k, b in budgets.items()}, kept, \
        time.perf_counter() - t0


def _relax_job(lm, bases):
    """Worker: the kicked runs of ``relax`` at λ = ``lm`` from the base runs' final weights."""
    point = replace(BASE, lmbda=lm)
    X, y, _ = data_for(point)
    runs = []
    for seed in RELAX_SEEDS:
        weights, biases, sq_norm = bases[seed]
        eq = sq_norm[tailoff.tail_window(point.epochs)[0]:].mean(axis=0)
        for kick in RELAX_KICKS:
            b = tailoff.train_budget(
                X, y, point.sizes, start=([w * kick for w in weights], biases),
                seed=seed, shuffle_seed=seed + 2 * SHUFFLE_OFFSET, epochs=RELAX_EPOCHS,
                m=point.m, eta=point.eta, lmbda=lm, record_every=RELAX_EVERY)
            tau = tailoff.relaxation_time(b.sq_every, RELAX_EVERY, b.steps_per_epoch, eq)
            runs.append({"point": asdict(point), "seed": seed, "kick": kick,
                         "equilibrium": eq.tolist(), "sq_every": b.sq_every.tolist(),
                         "tau": tau.tolist(), "predicted_tau": point.m / (2 * point.eta * lm)})
    return lm, runs


def _cost(point, pairs):
    """A rough cost (for the longest-first order): runs × epochs × n × weights."""
    from helpers.network import n_weights

    return len(pairs) * point.epochs * point.n * (n_weights(point.sizes) + 2_000)


def sweep_spec(name):
    """(variable, points, seeds, inits) of a stored sweep."""
    if name == "grid":
        return "lmbda_eta", GRID, GRID_SEEDS, INITS
    variable, points = SWEEPS[name]
    return variable, points, SWEEP_SEEDS.get(name, SEEDS), SWEEP_INITS.get(name, INITS)


def main(names):
    t0, cpu0 = time.perf_counter(), time.process_time()
    names = list(names)
    unknown = [n for n in names if n not in ALL]
    if unknown:
        raise SystemExit(f"unknown sweep(s) {unknown}; choose from {list(ALL)}")
    # every point once, with the union of the (init, seed) pairs the sweeps ask of it
    wanted = {}
    for name in names:
        if name == "relax":
            for lm in RELAX_LAMBDAS:
                wanted.setdefault(replace(BASE, lmbda=lm), set()).update(
                    ("default", s) for s in RELAX_SEEDS)
            continue
        _, points, seeds, inits = sweep_spec(name)
        for p in points:
            wanted.setdefault(p, set()).update((i, s) for i in inits for s in seeds)
    relax_points = {replace(BASE, lmbda=lm) for lm in RELAX_LAMBDAS} if "relax" in names else set()
    results, kept, relax = {}, {}, {}
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # inherited by the workers before numpy loads
    with ProcessPoolExecutor(WORKERS, mp_context=get_context("spawn")) as pool:
        jobs = sorted(wanted.items(), key=lambda kv: -_cost(kv[0], kv[1]))
        futures = [pool.submit(_point_job, p, sorted(pairs),
                               tuple(RELAX_SEEDS) if p in relax_points else ())
                   for p, pairs in jobs]
        pending_relax = set(RELAX_LAMBDAS) if "relax" in names else set()
        for f in as_completed(futures):
            p, recs, kept_p, secs = f.result()
            results[p] = recs
            kept[p] = kept_p
            print(f"  {asdict(p)}: {len(recs)} runs in {secs:.0f} s "
                  f"({time.perf_counter() - t0:.0f} s)", flush=True)
            for lm in sorted(pending_relax):
                if replace(BASE, lmbda=lm) in kept:
                    pending_relax.discard(lm)
                    futures.append(pool.submit(_relax_job, lm, kept[replace(BASE, lmbda=lm)]))
        for f in futures:  # the relaxation jobs, submitted above as their bases finished
            out = f.result()
            if len(out) == 2:
                relax[out[0]] = out[1]
    common = {"data": "load_mnist(source='subset'): the first n of the 4,000 training digits; "
                      "accuracy on the 500 validation digits",
              "tail_window": "last third of the epochs (helpers.tailoff.tail_window)",
              "shuffle_seed": f"seed + {SHUFFLE_OFFSET}", "base": asdict(BASE)}
    for name in names:
        if name == "relax":
            write("relax", {"name": "relax", "variable": "lmbda", "values": list(RELAX_LAMBDAS),
                            **common, "inits": list(INITS), "seeds": list(RELAX_SEEDS),
                            "kicks": list(RELAX_KICKS), "relax_epochs": RELAX_EPOCHS,
                            "record_every": RELAX_EVERY,
                            "relax_shuffle_seed": f"seed + {2 * SHUFFLE_OFFSET}",
                            "versions": versions(),
                            "runs": [r for lm in RELAX_LAMBDAS for r in relax[lm]]})
            continue
        variable, points, seeds, inits = sweep_spec(name)
        extra = {}
        if name == "digits":
            extra["data"] = ("helpers.data.load_digits(): scikit-learn's 8x8 digits scaled to "
                             "[0, 1], 1,400 training / 170 validation digits (140 / 17 per "
                             "class); accuracy on the validation digits")
        runs = [{**results[p][i, s], "value": variable_value(variable, p)}
                for p in points for i in inits for s in seeds]
        write(name, {"name": name, "variable": variable,
                     "values": [variable_value(variable, p) for p in points], **common,
                     "inits": list(inits), **extra, "seeds": list(seeds),
                     "versions": versions(), "runs": runs})
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu0 + children.ru_utime + children.ru_stime
    print(f"all done in {time.perf_counter() - t0:.0f} s wall-clock, {cpu:.0f} s CPU "
          f"({WORKERS} workers)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ALL)
