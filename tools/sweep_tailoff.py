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
  by 1.5 (and by 1/1.5), then 10 more epochs with Σw² recorded every 20 steps.

Results go to ``data/sweeps/<name>.json`` with the settings, seeds and versions; a run is
deterministic, and ``tests/test_tailoff.py`` recomputes one point of every stored sweep.

Usage: ``.venv/bin/python tools/sweep_tailoff.py [name ...]`` (all sweeps by default).
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers import tailoff  # noqa: E402
from helpers.data import load_mnist  # noqa: E402

OUT = ROOT / "data" / "sweeps"
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
    """The settings of one run (besides init and seed)."""

    width: int = 30
    pool: int = 1
    eta: float = 0.5
    lmbda: float = 5.0
    n: int = 4000
    epochs: int = 30
    m: int = 10

    @property
    def sizes(self):
        return ((28 // self.pool) ** 2, self.width, 10)


BASE = Point()
SWEEPS = {
    "width": ("width", [replace(BASE, width=w) for w in (10, 30, 100, 300)]),
    "n_in": ("n_in", [replace(BASE, pool=k) for k in (4, 2, 1)]),
    "lmbda": ("lmbda", [replace(BASE, lmbda=lm) for lm in (2.5, 5.0, 10.0, 20.0, 40.0)]),
    "eta": ("eta", [replace(BASE, eta=e, epochs=round(15 / e)) for e in (0.125, 0.25, 0.5, 1.0)]),
    "n_fixed_lmbda": ("n", [replace(BASE, n=k, epochs=120_000 // k) for k in (1000, 2000, 4000)]),
    "n_fixed_ratio": ("n", [replace(BASE, n=k, lmbda=5.0 * k / 4000, epochs=120_000 // k)
                            for k in (1000, 2000, 4000)]),
}


GRID_SEEDS = (1,)
GRID = [replace(BASE, lmbda=lm, eta=e, epochs=round(15 / e))
        for lm in (2.5, 5.0, 10.0, 20.0, 40.0) for e in (0.125, 0.25, 0.5, 1.0)]


def variable_value(variable, point):
    if variable == "lmbda_eta":
        return [point.lmbda, point.eta]
    return {"width": point.width, "n_in": point.sizes[0], "lmbda": point.lmbda,
            "eta": point.eta, "n": point.n}[variable]


def data_for(point, mnist):
    X, y = mnist.train
    Xv, yv = mnist.validation
    return (tailoff.pooled(X[:point.n], point.pool), y[:point.n],
            (tailoff.pooled(Xv, point.pool), yv))


def run_points(point, pairs, mnist, keep=False):
    """The (init, seed) runs ``pairs`` of one point, trained at once: ``{(init, seed): Budget}``
    (each the same as the run alone)."""
    X, y, ev = data_for(point, mnist)
    runs = [(init, seed, seed + SHUFFLE_OFFSET) for init, seed in pairs]
    budgets = tailoff.train_budgets(X, y, point.sizes, runs, epochs=point.epochs, m=point.m,
                                    eta=point.eta, lmbda=point.lmbda, evaluation=ev, keep=keep)
    return dict(zip(pairs, budgets, strict=True))


def run_point(point, init, seed, mnist, keep=False):
    """One run of one point."""
    return run_points(point, [(init, seed)], mnist, keep)[init, seed]


def record(point, b, **extra):
    """A run as JSON-ready data: settings, then every array of the Budget as nested lists."""
    out = {"point": asdict(point), "sizes": list(point.sizes), "init": b.init, "seed": b.seed,
           "shuffle_seed": b.shuffle_seed}
    for name in ("sq_norm", "decay", "radial", "jitter", "angle", "c0", "mean_in_sq",
                 "stat_ratio", "stat_corr"):
        out[name] = np.asarray(getattr(b, name)).tolist()
    out["accuracy"] = b.accuracy
    out.update(extra)
    return out


def versions():
    """Versions and the hashes of the code that runs, taken when the script starts."""
    return VERSIONS


def _versions():
    def sha(path):
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]

    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {"python": platform.python_version(), "numpy": np.__version__,
            "machine": platform.machine(), "git_commit": commit,
            "helpers/tailoff.py": sha(ROOT / "helpers" / "tailoff.py"),
            "tools/sweep_tailoff.py": sha(Path(__file__))}


VERSIONS = _versions()


def write(name, payload):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=None, separators=(",", ":")) + "\n")
    tmp.replace(path)
    print(f"wrote {path}", flush=True)


def main(names):
    mnist = load_mnist(source="subset", verbose=False)
    cache = {}
    t0 = time.perf_counter()

    def get(point, init, seed, seeds):
        """A run of ``point``; the first asked for trains every (init, seed) of it at once."""
        if (point, init, seed) not in cache:
            pairs = [(i, s) for i in INITS for s in seeds]
            for (i, s), b in run_points(point, pairs, mnist, keep=True).items():
                cache[point, i, s] = b
        return cache[point, init, seed]

    common = {"data": "load_mnist(source='subset'): the first n of the 4,000 training digits; "
                      "accuracy on the 500 validation digits",
              "tail_window": "last third of the epochs (helpers.tailoff.tail_window)",
              "seeds": list(SEEDS), "shuffle_seed": f"seed + {SHUFFLE_OFFSET}",
              "inits": list(INITS), "base": asdict(BASE)}
    for name in names:
        if name == "relax":
            continue
        variable, points = ("lmbda_eta", GRID) if name == "grid" else SWEEPS[name]
        seeds = GRID_SEEDS if name == "grid" else SEEDS
        runs = []
        for point in points:
            for init in INITS:
                for seed in seeds:
                    runs.append(record(point, get(point, init, seed, seeds),
                                       value=variable_value(variable, point)))
            print(f"  {name}: {variable} = {variable_value(variable, point)} done "
                  f"({time.perf_counter() - t0:.0f} s)", flush=True)
        write(name, {"name": name, "variable": variable,
                     "values": [variable_value(variable, p) for p in points], **common,
                     "seeds": list(seeds), "versions": versions(), "runs": runs})
    if "relax" in names:
        runs = []
        for lm in RELAX_LAMBDAS:
            point = replace(BASE, lmbda=lm)
            X, y, _ = data_for(point, mnist)
            for seed in RELAX_SEEDS:
                base = get(point, "default", seed, SEEDS)
                eq = base.sq_norm[tailoff.tail_window(point.epochs)[0]:].mean(axis=0)
                for kick in RELAX_KICKS:
                    b = tailoff.train_budget(
                        X, y, point.sizes, start=([w * kick for w in base.weights],
                                                  base.biases),
                        seed=seed, shuffle_seed=seed + 2 * SHUFFLE_OFFSET,
                        epochs=RELAX_EPOCHS, m=point.m, eta=point.eta, lmbda=lm,
                        record_every=RELAX_EVERY)
                    tau = tailoff.relaxation_time(b.sq_every, RELAX_EVERY, b.steps_per_epoch, eq)
                    runs.append({"point": asdict(point), "seed": seed, "kick": kick,
                                 "equilibrium": eq.tolist(), "sq_every": b.sq_every.tolist(),
                                 "tau": tau.tolist(),
                                 "predicted_tau": point.m / (2 * point.eta * lm)})
            print(f"  relax: lambda = {lm} done ({time.perf_counter() - t0:.0f} s)", flush=True)
        write("relax", {"name": "relax", "variable": "lmbda", "values": list(RELAX_LAMBDAS),
                        **common, "seeds": list(RELAX_SEEDS), "kicks": list(RELAX_KICKS),
                        "relax_epochs": RELAX_EPOCHS, "record_every": RELAX_EVERY,
                        "relax_shuffle_seed": f"seed + {2 * SHUFFLE_OFFSET}",
                        "versions": versions(), "runs": runs})
    print(f"all done in {time.perf_counter() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or [*SWEEPS, "relax"])
