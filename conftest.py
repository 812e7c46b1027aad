"""Settings for every pytest run of the course, tests/ and the nbval notebooks alike.

``helpers.course.REPRODUCIBLE_ENV`` pins what stored notebook outputs depend on (the offline
MNIST subset, no progress bars, one BLAS thread); tools/notebooks.py builds with the same
values, and kernels started by nbval inherit them.

Parallel runs (``python3 tasks.py test`` runs ``pytest -n 2 --dist loadfile``): one worker runs a
whole file in order — a notebook's cells keep their order, a module's fixtures are built once —
except the tests whose node ids start with one of ``SPREAD`` (each notebook's perturbation
re-runs and Colab emulation, the lock's resolutions, the re-training of stored sweep points),
each a unit of its own, which both workers share out. The long units are handed out first.
"""

import os

import pytest

from helpers.course import REPRODUCIBLE_ENV

os.environ.update(REPRODUCIBLE_ENV)

#: Node-id prefixes of the tests that are scheduled one by one, not with the rest of their file.
SPREAD = ("tests/test_perturbation.py::test_checked_outputs_survive",
          "tests/test_colab.py::",
          "tests/test_locks.py::test_the_lock_resolves",
          "tests/test_mechanism.py::test_stored_mechanism_fields_are_recomputed",
          "tests/test_tailoff.py::test_a_stored_point_is_recomputed_exactly")


def scope(nodeid: str) -> str:
    """The unit a worker runs at once: the test itself if it is SPREAD, else its file."""
    return nodeid if nodeid.startswith(SPREAD) else nodeid.split("::", 1)[0]


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, absent with -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's scheduling by file (loadfile), with the SPREAD tests one by one."""
    from xdist.scheduler import LoadScopeScheduling

    class FileOrSpread(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return scope(nodeid)

    return FileOrSpread(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # the long units first, so that no worker is left with one at the end: the spread tests,
    # then the notebooks, then the rest (a stable sort: each file keeps its order)
    items.sort(key=lambda item: 0 if item.nodeid.startswith(SPREAD)
               else 1 if item.nodeid.split("::")[0].endswith(".ipynb") else 2)
