"""The one place that holds where the course lives and what it contains.

Badges, navigation links and the Colab setup cell are generated from these values by
``tools/notebooks.py``; change them here and run ``python3 tasks.py notebooks``.
"""

#: GitHub "owner/name" of the course repository.
REPOSITORY = "weight-decay-derived/weight-decay-derived"
#: The release (git tag) that Colab installs; notebooks are pinned to it.
RELEASE = "v0.1.0"

#: The notebooks in course order: (file stem, short title).
NOTEBOOKS = [
    ("00_the_exercise", "The exercise"),
    ("01_l2_update_rule", "The L2 update rule"),
    ("02_per_epoch_decay", "Decay per epoch"),
    ("03_neuron_saturation", "Neuron saturation (part 1)"),
    ("04_tail_off", "Where the decay stops (part 3)"),
    ("05_the_books_examples", "The book's own examples"),
    ("06_layers_disagree", "Why layers disagree"),
    ("07_l1_vs_l2", "L1 against L2"),
    ("08_the_literature", "The equilibrium-norm literature"),
    ("09_model_answer", "A model answer"),
    # Appendices: the evidence behind the core path, each linked from the sentence it supports.
    ("A0_glossary", "Glossary"),
    ("A1_update_rule_checks", "Appendix: checks of the update rule"),
    ("A2_decay_numerics", "Appendix: the numerics of part (2)"),
    ("A3_saturation_evidence", "Appendix: saturation, measured"),
    ("A4_mechanism_measured", "Appendix: the mechanism at every sweep point"),
    ("A5_law_and_errors", "Appendix: the law of Σw² with honest errors"),
    ("A6_heuristics_measured", "Appendix: the four heuristics with measured inputs"),
    ("A7_book_backout", "Appendix: the book's Σw², backed out of its log"),
]


def github_url(path: str = "") -> str:
    return f"https://github.com/{REPOSITORY}/blob/{RELEASE}/{path}"


def colab_url(path: str) -> str:
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{RELEASE}/{path}"


def archive_url() -> str:
    return f"https://github.com/{REPOSITORY}/archive/refs/tags/{RELEASE}.tar.gz"


#: Environment shared by notebook builds (tools/notebooks.py) and test runs (conftest.py), so
#: stored outputs are exactly what a test run produces: the offline MNIST subset even when the
#: full file is in data/, no progress bars (their presence depends on timing), one BLAS thread.
REPRODUCIBLE_ENV = {
    "COURSE_MNIST": "subset",
    "COURSE_PROGRESS": "0",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}

#: Set only by the perturbation check (tests/test_perturbation.py), to one of PERTURBATIONS:
#: each moves numbers by one ulp, far below any printed precision, in its own way. A checked
#: output that changes under any of them depends on rounding, so another CPU or BLAS kernel
#: could print it differently.
PERTURB_ENV = "COURSE_PERTURB"
#: The perturbations, each independent of the others (a chaotic statistic lands somewhere else
#: under each, as it does under another kernel):
#:
#: * "1": every initial weight and every non-zero input pixel one ulp towards zero;
#: * "2", "3", ...: every initial weight and non-zero pixel one ulp up or down, in a pattern of
#:   signs drawn from ``default_rng(k)``, and the result of every matrix product of the engine
#:   (each layer's ``a w^T`` forward, ``delta w`` backward) multiplied by 1 ± 2⁻⁵² in such a
#:   pattern: what another BLAS kernel does, whose sums round differently in the last bits at
#:   every step; arithmetic that no BLAS call does (a pure decay) is not touched.
PERTURBATIONS = ("1", "2", "3", "4", "5", "6")


def perturbation() -> str | None:
    """The perturbation in force (one of PERTURBATIONS), or None (the normal case)."""
    import os

    mode = os.environ.get(PERTURB_ENV, "") or None
    if mode in (None, "0"):
        return None
    if mode not in PERTURBATIONS:
        raise ValueError(f"{PERTURB_ENV} must be one of {PERTURBATIONS} (or unset), got {mode!r}")
    return mode


def _signs(mode: str, shape):
    """A fixed pattern of +1 / -1 of ``shape`` for perturbation ``mode``."""
    import numpy as np

    rng = np.random.default_rng([int(mode), *shape])
    return np.where(rng.random(shape) < 0.5, -1.0, 1.0)


def perturbed(a):
    """``a`` moved by one ulp per entry as the perturbation in force says (see PERTURBATIONS;
    zeros stay zero, pixels stay in [0, 1]); ``a`` itself otherwise. Float arrays only."""
    import numpy as np

    mode = perturbation()
    if mode is None:
        return a
    if mode == "1":
        return np.nextafter(a, 0.0)
    a = np.asarray(a, dtype=np.float64)
    up = (_signs(mode, a.shape) > 0) & (np.abs(a) < 1.0)
    return np.where(a == 0.0, a, np.nextafter(a, np.where(up, np.copysign(np.inf, a), 0.0)))


_NUDGES: dict = {}


def product_perturbation():
    """None, or under the perturbations "2", "3", ... a function ``nudge(x)`` that multiplies
    the result ``x`` of a matrix product in place by a fixed pattern of factors 1 ± 2⁻⁵² (one or
    two ulps; the engine calls it after each product, as another BLAS kernel would round). The
    pattern depends on the product's last two dimensions only, so a run is perturbed alike alone
    and in a grid of any size (a grid still equals its runs alone)."""
    mode = perturbation()
    if mode in (None, "1"):
        return None
    if mode not in _NUDGES:
        factors = {}

        def nudge(x):  # one pattern per (rows, columns), the same for every run of a stack
            shape = x.shape[-2:]
            f = factors.get(shape)
            if f is None:
                f = factors[shape] = 1.0 + _signs(mode, shape) * 2.0**-52
            x *= f
            return x

        _NUDGES[mode] = nudge
    return _NUDGES[mode]


#: The one switch between the two data scales. Unset (or "subset"): the offline 4,000-digit
#: subset on every platform, Colab included; the text is written for it. "full": the book's
#: 50,000 digits, downloaded and verified on first use. Set it before the notebook's first
#: cell, e.g. ``%env COURSE_MNIST=full`` in a cell above the set-up cell, or in the shell.
SCALE_ENV = "COURSE_MNIST"
_SCALES = ("subset", "full")


def full_scale() -> bool:
    """True when the learner opted in to full scale (``COURSE_MNIST=full``); False for the
    default (unset or ``subset``). Any other value is an error that names the switch."""
    import os

    value = os.environ.get(SCALE_ENV, "subset").strip().lower() or "subset"
    if value not in _SCALES:
        raise ValueError(f"{SCALE_ENV} must be 'subset' (the default) or 'full'; "
                         f"got {os.environ[SCALE_ENV]!r}")
    return value == "full"


#: Stored outputs of every checked cell, one file per notebook, keyed by the cell's source:
#: written by the build (tools/notebooks.py), read at full scale so each claim cell shows the
#: subset figures the text quotes beside the learner's own.
STORED_OUTPUTS = "data/checked_outputs"


def source_key(source: str) -> str:
    """The key of a cell in STORED_OUTPUTS: sha256 of its source, stripped."""
    import hashlib

    return hashlib.sha256(source.strip().encode()).hexdigest()[:16]


def stored_outputs() -> dict:
    """``{source_key: {"notebook": stem, "text": stored text output}}`` for checked cells."""
    import json
    from pathlib import Path

    table = {}
    for path in sorted((Path(__file__).resolve().parents[1] / STORED_OUTPUTS).glob("*.json")):
        table.update(json.loads(path.read_text(encoding="utf-8")))
    return table


def show_stored_outputs_after_checked_cells() -> bool:
    """At full scale: after each checked cell runs in a live IPython kernel, print the stored
    subset output of that cell (the figures the text quotes). Registered once per kernel;
    returns whether it is active (False outside IPython or without the stored file)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    table = stored_outputs()
    if shell is None or not table:
        return False
    if getattr(shell, "_course_stored_outputs", False):
        return True

    def after(result) -> None:
        entry = table.get(source_key(getattr(result.info, "raw_cell", "") or ""))
        if entry:
            print("\n--- the course's stored subset output of this cell (the figures the text "
                  "quotes; yours above are at full scale) ---\n" + entry["text"].rstrip())

    shell.events.register("post_run_cell", after)
    shell._course_stored_outputs = True
    return True
