"""Settings for every pytest run of the course, tests/ and the nbval notebooks alike.

COURSE_MNIST=subset makes ``load_mnist()`` use the offline subset even when the full file is in
data/, so the stored notebook outputs (built the same way by tools/notebooks.py) are what a
test run produces on any machine. Kernels started by nbval inherit this environment.
"""

import os

os.environ["COURSE_MNIST"] = "subset"
# Progress bars are widgets whose presence depends on timing: off in builds and tests.
os.environ["COURSE_PROGRESS"] = "0"
# One BLAS thread: small matrices gain nothing from threads on 2 cores, and kernels inherit it.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
