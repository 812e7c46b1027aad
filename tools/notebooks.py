"""Build, check and export the course notebooks.

The notebooks are written as jupytext ``py:percent`` sources in ``sources/NN_name.py``. A build
turns each source into ``notebooks/NN_name.ipynb``:

1. the source's first cell (title and one-line summary) is followed by a generated cell with the
   Colab badge and the previous / contents / next links, and by the one Colab set-up cell;
   a generated navigation cell closes the notebook. Address and release come from
   ``helpers/course.py`` only;
2. the notebook is executed top to bottom in a fresh ``python3`` kernel in ``notebooks/``;
3. it is cleaned: no volatile metadata, execution counts 1..k, streams merged, widget views
   dropped (a widget needs a live kernel; a static figure stands beside each one).

Usage::

    python tools/notebooks.py build [NN ...]   # rebuild all, or the notebooks whose number is given
    python tools/notebooks.py sync             # fail if a notebook's inputs differ from its source
    python tools/notebooks.py html [OUTDIR]    # export the executed course to HTML (default _html/)
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers import course  # noqa: E402

SOURCES = ROOT / "sources"
NOTEBOOKS = ROOT / "notebooks"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: Execution budgets (issue 21): each notebook, and the whole course, on one core of the
#: course's 2-core machine.
NOTEBOOK_SECONDS, COURSE_SECONDS = 20, 90
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

SETUP_CELL = '''\
# @title Set-up: on Google Colab, fetch the course; elsewhere this cell does nothing
import os
import sys

if "google.colab" in sys.modules:
    REPO, RELEASE = "{repo}", "{release}"
    base = "/content" if os.path.isdir("/content") else os.getcwd()
    # the course folder: fetched below, or uploaded by you (then set COURSE_HOME to it)
    home = os.environ.get("COURSE_HOME") or os.path.join(base, "weight-decay-derived")
    if not os.path.isdir(os.path.join(home, "helpers")):  # fetch the pinned release, once
        import tarfile
        import urllib.request
        url = f"https://github.com/{{REPO}}/archive/refs/tags/{{RELEASE}}.tar.gz"
        try:
            archive, _ = urllib.request.urlretrieve(url)
            with tarfile.open(archive) as tar:
                top = tar.getnames()[0].split("/")[0]
                tar.extractall(base, filter="data")
        except (OSError, tarfile.TarError) as err:
            raise SystemExit(
                f"The course could not be fetched: release {{RELEASE}} of github.com/{{REPO}} "
                f"did not download ({{type(err).__name__}}: {{err}}). Either the release is not "
                "published yet (its publisher runs python3 tasks.py release, see "
                "CONTRIBUTING.md), or there is no network. To go on without it: upload the "
                "course folder (the one with helpers/ and notebooks/) to Colab's Files as "
                f"{{home}}, or run %env COURSE_HOME=/path/to/the/folder in a cell above, "
                "then run this cell again.") from None
        os.rename(os.path.join(base, top), home)
    # helpers from the course folder; Colab's numpy, ipywidgets, sympy, matplotlib, mlxtend stay
    sys.path.insert(0, home)
    os.chdir(os.path.join(home, "notebooks"))
if os.environ.get("{scale_env}") == "full":
    print("FULL SCALE ({scale_env}=full): the book's 50,000 digits. The text quotes the offline "
          "subset's numbers; each checked cell prints them below yours. Training cells take "
          "minutes; progress bars show how far they are.")'''


#: The set-up cell is plumbing, not lesson: Colab shows only its title (a form), JupyterLab
#: shows it collapsed. Both keys survive clean().
SETUP_METADATA = {"cellView": "form", "jupyter": {"source_hidden": True}}


def setup_cell_source() -> str:
    return SETUP_CELL.format(repo=course.REPOSITORY, release=course.RELEASE,
                             scale_env=course.SCALE_ENV)


def stems() -> list[str]:
    return [stem for stem, _ in course.NOTEBOOKS]


def nav_markdown(stem: str) -> str:
    """Previous / contents / next links for the notebook ``stem``."""
    names = stems()
    i = names.index(stem)
    titles = dict(course.NOTEBOOKS)
    parts = []
    if i > 0:
        prev = names[i - 1]
        parts.append(f"[← {prev[:2]} {titles[prev]}]({prev}.ipynb)")
    parts.append(f"[Contents]({names[0]}.ipynb#The-map-of-the-course)")
    if i + 1 < len(names):
        nxt = names[i + 1]
        parts.append(f"[{nxt[:2]} {titles[nxt]} →]({nxt}.ipynb)")
    return " | ".join(parts)


def badge_markdown(stem: str) -> str:
    url = course.colab_url(f"notebooks/{stem}.ipynb")
    badge = "https://colab.research.google.com/assets/colab-badge.svg"
    return f"[![Open In Colab]({badge})]({url})"


def compose(stem: str) -> nbformat.NotebookNode:
    """The notebook's cells, before execution, from ``sources/<stem>.py``."""
    src = SOURCES / f"{stem}.py"
    if not src.exists():
        raise FileNotFoundError(f"no source for {stem}: expected {src.relative_to(ROOT)}")
    nb = jupytext.read(src)
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        raise ValueError(f"{src.name}: the first cell must be the markdown title")
    head = nbformat.v4.new_markdown_cell(badge_markdown(stem) + "\n\n" + nav_markdown(stem))
    setup = nbformat.v4.new_code_cell(setup_cell_source())  # hidden below: SETUP_METADATA
    foot = nbformat.v4.new_markdown_cell("---\n\n" + nav_markdown(stem))
    cells = [nb.cells[0], head, setup, *nb.cells[1:], foot]
    out = nbformat.v4.new_notebook()
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source)
        else:
            new = nbformat.v4.new_markdown_cell(cell.source)
        if tags:
            new.metadata["tags"] = list(tags)
        if cell is setup:
            new.metadata.update(SETUP_METADATA)
        out.cells.append(new)
    out.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return out


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip volatile metadata, number executions 1..k, merge streams, drop widget views."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    count = 0
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"  # stable ids: the same source gives the same bytes
        tags = cell.get("metadata", {}).get("tags", [])
        kept = {k: v for k, v in cell.get("metadata", {}).items() if k in SETUP_METADATA}
        cell.metadata = {**({"tags": tags} if tags else {}), **kept}
        if cell.cell_type != "code":
            cell.pop("attachments", None)
            continue
        count += 1
        cell.execution_count = count
        outputs = []
        for out in cell.outputs:
            if out.output_type in ("display_data", "execute_result") and WIDGET_MIME in out.data:
                continue
            if out.output_type == "execute_result":
                out.execution_count = count
            if (out.output_type == "stream" and outputs and outputs[-1].output_type == "stream"
                    and outputs[-1].name == out.name):
                outputs[-1].text += out.text
                continue
            outputs.append(out)
        cell.outputs = outputs
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    text = nbformat.writes(nb, version=4)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


class BuildError(RuntimeError):
    """A notebook that executed but whose outputs break the course's rules."""


def build_one(stem: str) -> float:
    """Execute one notebook from its source in a fresh ``python3`` kernel, clean it and store it
    with its checked outputs; returns the seconds its execution took."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    os.environ.update(course.REPRODUCIBLE_ENV)  # the same as every test run (conftest.py)
    nb = compose(stem)
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"
    print(f"executing {stem}.ipynb ...", flush=True)
    # the kernel talks over Unix sockets in a folder of its own: kernels started at once by
    # parallel workers cannot pick the same TCP port (a two-worker build once hung 600 s);
    # Windows has no Unix sockets for ZeroMQ, so there it stays on TCP
    sockets = tempfile.mkdtemp(prefix=f"course-kernel-{stem[:2]}-")
    km = (KernelManager(kernel_name="python3") if os.name == "nt" else
          KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k")))
    client = NotebookClient(nb, km=km, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}},
                            # True: nbclient then routes what widgets draw into
                            # their state (clean() drops it) instead of failing
                            store_widget_state=True)
    started = time.perf_counter()
    try:
        client.execute()
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    seconds = time.perf_counter() - started
    cleaned = clean(nb)
    nbformat.validate(cleaned)
    problems = output_problems(cleaned)
    if problems:
        raise BuildError(f"{stem}: " + "; ".join(problems))
    write(cleaned, NOTEBOOKS / f"{stem}.ipynb")
    write_checked_outputs(stem, cleaned)
    print(f"wrote notebooks/{stem}.ipynb (executed in {seconds:.1f} s; each must "
          f"take at most {NOTEBOOK_SECONDS} s)", flush=True)
    return seconds


def build_workers() -> int:
    """Notebooks executed at once: one per core (``COURSE_BUILD_WORKERS`` overrides); each
    kernel uses one BLAS thread (``course.REPRODUCIBLE_ENV``), so every output is the same
    whatever the number of workers."""
    value = os.environ.get("COURSE_BUILD_WORKERS", "")
    if value and not (value.isdigit() and int(value) >= 1):
        sys.exit(f"COURSE_BUILD_WORKERS must be a whole number >= 1, got {value!r}")
    return int(value) if value else max(1, os.cpu_count() or 1)


def build(selected: list[str]) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    os.environ.update(course.REPRODUCIBLE_ENV)  # the same as every test run (conftest.py)
    todo = [s for s in stems() if not selected or s[:2] in selected or s in selected]
    if not todo:
        sys.exit(f"no notebook matches {selected}; known: {', '.join(stems())}")
    workers = min(build_workers(), len(todo))
    started = time.perf_counter()
    try:
        if workers == 1:
            seconds = {stem: build_one(stem) for stem in todo}
        else:
            with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
                seconds = dict(zip(todo, pool.map(build_one, todo), strict=True))
    except BuildError as error:
        sys.exit(str(error))
    wall = time.perf_counter() - started
    write_readme_verdict()
    print("execution: " + ", ".join(f"{s[:2]} {t:.1f} s" for s, t in seconds.items())
          + f"; total {sum(seconds.values()):.1f} s of kernel time (the course at most "
          f"{COURSE_SECONDS} s), {wall:.1f} s on {workers} worker(s)")


#: nbval's cell tags, written in a jupytext source as ``# %% tags=["nbval-check-output"]``: a
#: claim cell whose printed output is stored and checked (also under the perturbation check and
#: on the emulated Colab), and a widget cell whose output is never compared. The build keeps
#: tags in the cell's metadata, where nbval reads them.
CHECK_TAG, IGNORE_TAG = "nbval-check-output", "nbval-ignore-output"
#: The comment lines that marked the same cells before tags (issue 20): still read while the
#: sources are converted; ``tests/test_notebooks_static.py`` fails when one is left.
OLD_MARKERS = {CHECK_TAG: "# NBVAL_CHECK_OUTPUT", IGNORE_TAG: "# NBVAL_IGNORE_OUTPUT"}


def has_tag(cell: nbformat.NotebookNode, tag: str) -> bool:
    """Does ``cell`` carry nbval's ``tag`` (or, during the transition, its old comment line)?"""
    if tag in cell.get("metadata", {}).get("tags", []):
        return True
    return any(line.strip() == OLD_MARKERS[tag] for line in cell.source.splitlines())


def is_checked(cell: nbformat.NotebookNode) -> bool:
    """A code cell whose printed output is a claim: stored and compared."""
    return cell.cell_type == "code" and has_tag(cell, CHECK_TAG)


def is_ignored(cell: nbformat.NotebookNode) -> bool:
    """A code cell (a widget) whose output nbval never compares."""
    return cell.cell_type == "code" and has_tag(cell, IGNORE_TAG)


def output_text(cell: nbformat.NotebookNode) -> str:
    """What a code cell printed or returned, as text (images left out)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif "text/plain" in out.get("data", {}) and "image/png" not in out.data:
            parts.append(str(out.data["text/plain"]) + "\n")
    return "".join(parts)


def checked_outputs(stem: str, nb: nbformat.NotebookNode) -> dict:
    """``{course.source_key(source): {"notebook", "text"}}`` for the notebook's checked cells."""
    return {course.source_key(c.source): {"notebook": stem, "text": output_text(c)}
            for c in nb.cells if is_checked(c)}


def write_checked_outputs(stem: str, nb: nbformat.NotebookNode) -> None:
    """Store the checked cells' subset outputs for full-scale runs (see helpers.course)."""
    import json

    folder = ROOT / course.STORED_OUTPUTS
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(checked_outputs(stem, nb), indent=1, sort_keys=True, ensure_ascii=False)
    (folder / f"{stem}.json").write_text(text + "\n", encoding="utf-8")


ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


def output_problems(nb: nbformat.NotebookNode) -> list[str]:
    """What must never be stored: errors, stderr, memory addresses."""
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell {i} raised {out.ename}: {out.evalue}")
            if out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {i} wrote to stderr: {out.text[:200]!r}")
            text = out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            if ADDRESS.search(text):
                problems.append(f"cell {i} stores a memory address: {ADDRESS.search(text)[0]}")
    return problems


README = ROOT / "README.md"
VERDICT_START, VERDICT_END = "<!-- verdict:start -->", "<!-- verdict:end -->"
#: the full verdict (every row's measurement and conditions), written whole by the build
VERDICT_FILE = ROOT / "VERDICT.md"


def readme_with_verdict(text: str) -> str:
    """README's text with the section between the verdict markers made from helpers.verdict:
    the short verdict for a first read, and the link to the full one."""
    from helpers.verdict import summary_markdown

    head, rest = text.split(VERDICT_START, 1)
    _, tail = rest.split(VERDICT_END, 1)
    link = ("Every row in full — what was measured at each point, and on what — is in "
            f"[{VERDICT_FILE.name}]({VERDICT_FILE.name}).")
    return f"{head}{VERDICT_START}\n{summary_markdown()}\n\n{link}\n{VERDICT_END}{tail}"


def verdict_file_text() -> str:
    """VERDICT.md: the full verdict of helpers.verdict, per part and layer, with conditions."""
    from helpers.verdict import verdict_markdown

    return ("# The verdict, in full\n\n<!-- Written by python3 tasks.py notebooks from "
            "helpers/verdict.py; do not edit by hand. -->\n\nEach part of the exercise, per "
            "layer, with what was measured and the conditions of the measurement. The short "
            "version is in [README.md](README.md#the-verdict); the evidence in the notebooks "
            "it names.\n\n" + verdict_markdown() + "\n")


def write_readme_verdict() -> None:
    text = README.read_text(encoding="utf-8")
    new = readme_with_verdict(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("rewrote the verdict in README.md", flush=True)
    full = verdict_file_text()
    if not VERDICT_FILE.exists() or VERDICT_FILE.read_text(encoding="utf-8") != full:
        VERDICT_FILE.write_text(full, encoding="utf-8")
        print(f"rewrote {VERDICT_FILE.name}", flush=True)


def inputs(nb: nbformat.NotebookNode) -> list[tuple[str, str, tuple]]:
    return [(c.cell_type, c.source, tuple(c.get("metadata", {}).get("tags", [])))
            for c in nb.cells]


def sync_problems() -> list[str]:
    """Notebooks whose stored inputs differ from what their source composes to."""
    problems = []
    for stem in stems():
        path = NOTEBOOKS / f"{stem}.ipynb"
        if not path.exists():
            problems.append(f"{path.name} is missing: run python3 tasks.py notebooks {stem[:2]}")
            continue
        if inputs(nbformat.read(path, as_version=4)) != inputs(compose(stem)):
            problems.append(f"{path.name} is stale: its source or the generated cells changed; "
                            f"run python3 tasks.py notebooks {stem[:2]}")
    extra = sorted({p.stem for p in NOTEBOOKS.glob("*.ipynb")} - set(stems()))
    problems += [f"notebooks/{e}.ipynb is not in helpers/course.py NOTEBOOKS" for e in extra]
    return problems


def html(outdir: str = "_html") -> None:
    from nbconvert import HTMLExporter

    target = ROOT / outdir
    target.mkdir(exist_ok=True)
    exporter = HTMLExporter()
    for stem in stems():
        body, _ = exporter.from_filename(str(NOTEBOOKS / f"{stem}.ipynb"))
        body = body.replace(".ipynb\"", ".html\"").replace(".ipynb#", ".html#")
        (target / f"{stem}.html").write_text(body, encoding="utf-8")
        print(f"wrote {outdir}/{stem}.html")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"build", "sync", "html"}:
        sys.exit(__doc__)
    if argv[0] == "build":
        build(argv[1:])
    elif argv[0] == "sync":
        problems = sync_problems()
        if problems:
            sys.exit("\n".join(problems))
        print(f"{len(stems())} notebooks in sync with sources/")
    else:
        html(*argv[1:2])


if __name__ == "__main__":
    main(sys.argv[1:])
