"""Colab ships ipywidgets 7.7.1: the widget glue must work there as well as with 8.x."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COLAB_IPYWIDGETS = "7.7.1"


def test_widget_glue_works_with_colabs_ipywidgets(tmp_path):
    target = tmp_path / "ipywidgets7"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "--no-deps", "--target", str(target), f"ipywidgets=={COLAB_IPYWIDGETS}",
         "ipython_genutils"],  # ipywidgets 7 imports it; the rest comes from this environment
        capture_output=True, text=True)
    if install.returncode != 0:
        pytest.skip(f"ipywidgets {COLAB_IPYWIDGETS} could not be installed (no package index?): "
                    f"{install.stderr.strip()[-300:]}")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT)])}
    probe = "import ipywidgets; print(ipywidgets.__version__)"
    version = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                             text=True, check=True).stdout.strip()
    assert version == COLAB_IPYWIDGETS, "the test must run against Colab's ipywidgets"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore",
         str(ROOT / "tests" / "test_widgets.py")],
        env=env, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
