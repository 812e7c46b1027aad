"""Settings for every pytest run of the course, tests/ and the nbval notebooks alike.

``helpers.course.REPRODUCIBLE_ENV`` pins what stored notebook outputs depend on (the offline
MNIST subset, no progress bars, one BLAS thread); tools/notebooks.py builds with the same
values, and kernels started by nbval inherit them.
"""

import os

from helpers.course import REPRODUCIBLE_ENV

os.environ.update(REPRODUCIBLE_ENV)
