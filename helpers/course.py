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
    ("04_tail_off", "Where the decay tails off (part 3)"),
    ("05_the_books_examples", "The book's own examples"),
    ("06_layers_disagree", "Why layers disagree"),
    ("07_l1_vs_l2", "L1 against L2"),
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

#: Set to "1" only by the perturbation check (tests/test_perturbation.py): every initial weight
#: and every non-zero input pixel moves by one ulp, far below any printed precision. A checked
#: output that changes under it depends on rounding, so another CPU could print it differently.
PERTURB_ENV = "COURSE_PERTURB"


def perturbed(a):
    """``a`` with every non-zero entry moved one ulp towards zero when the perturbation check
    is on (``COURSE_PERTURB=1``), so pixels stay in [0, 1] and zeros stay zero; ``a`` itself
    otherwise. Float arrays only."""
    import os

    import numpy as np

    if os.environ.get(PERTURB_ENV) != "1":
        return a
    return np.nextafter(a, 0.0)
