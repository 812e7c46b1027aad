"""Settings for every pytest run of the course, tests/ and the nbval notebooks alike.

``helpers.course.REPRODUCIBLE_ENV`` pins what stored notebook outputs depend on (the offline
MNIST subset, no progress bars, one BLAS thread); tools/notebooks.py builds with the same
values, and kernels started by nbval inherit them.

Parallel runs (``python3 tasks.py test`` runs ``pytest -n 2 --dist loadgroup``): every test is
put in the xdist group of its file, so one worker runs a whole file in order — a notebook's
cells keep their order, a module's fixtures are built once — except the tests marked
``@pytest.mark.spread``, each a group of its own (the per-notebook re-executions of the
perturbation check and the Colab emulation), which both workers share out.
"""

import os

import pytest

from helpers.course import REPRODUCIBLE_ENV

os.environ.update(REPRODUCIBLE_ENV)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "spread: under pytest-xdist, run this test in a group of its own (not with "
                   "the rest of its file), so the workers share a file's long tests out")


def xdist_group(item) -> str:
    """The file of a test, or the test itself when it is marked ``spread``."""
    return item.nodeid if item.get_closest_marker("spread") else item.nodeid.split("::")[0]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(xdist_group(item)))
    # the long groups first, so that no worker is left with one at the end: the spread
    # re-executions, then the notebooks, then the rest (a stable sort: each file keeps its order)
    items.sort(key=lambda item: 0 if item.get_closest_marker("spread")
               else 1 if item.nodeid.split("::")[0].endswith(".ipynb") else 2)
