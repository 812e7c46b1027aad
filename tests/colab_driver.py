"""Run one course notebook the way Google Colab runs it (used by tests/test_colab.py).

Run with the Python of an environment that holds Colab's own package versions, never the
course's .venv::

    python colab_driver.py NOTEBOOK.ipynb ARCHIVE.tar.gz CONTENT_DIR REPORT.json

Before the notebook's first cell, the kernel is made to look like Colab's: a stub
``google.colab`` module is in ``sys.modules``, the working directory is ``CONTENT_DIR`` (Colab's
``/content``), and the network is closed — ``urllib.request.urlretrieve`` serves the course
archive from ``ARCHIVE`` for the release URL the set-up cell asks for and refuses every other
URL, ``urlopen`` refuses everything, and so does any socket connection. Every URL asked for is
recorded. The notebook then runs top to bottom, set-up cell included, and REPORT.json gets the
executed cells (source and text output) and the URLs asked for.
"""

import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

PRELUDE = """\
import socket, sys, types, urllib.request
sys.modules["google"] = types.ModuleType("google")
sys.modules["google.colab"] = types.ModuleType("google.colab")
_ARCHIVE, _ASKED = {archive!r}, []
def _no_network(*args, **kwargs):
    raise OSError("no network in the Colab emulation")
def _urlretrieve(url, filename=None, *args, **kwargs):
    _ASKED.append(url)
    if not url.endswith("/archive/refs/tags/{release}.tar.gz"):
        _no_network()
    return _ARCHIVE, None
def _urlopen(url, *args, **kwargs):
    _ASKED.append(getattr(url, "full_url", url))
    _no_network()
urllib.request.urlretrieve, urllib.request.urlopen = _urlretrieve, _urlopen
socket.socket.connect = socket.create_connection = _no_network
"""


def output_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}\n")
        elif "text/plain" in out.get("data", {}) and "image/png" not in out.data:
            parts.append(str(out.data["text/plain"]) + "\n")
    return "".join(parts)


def main(notebook: str, archive: str, content: str, report: str, release: str) -> None:
    nb = nbformat.read(notebook, as_version=4)
    prelude = nbformat.v4.new_code_cell(PRELUDE.format(archive=archive, release=release))
    asked = nbformat.v4.new_code_cell("print(json.dumps(_ASKED))")
    nb.cells = [prelude, *nb.cells, nbformat.v4.new_code_cell("import json"), asked]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": content}})
    error, raised = None, None
    try:
        client.execute()
    except Exception as err:  # the report says which cell failed; the test fails on it
        text = re.sub(r"\x1b\[[0-9;]*m", "", str(err))
        error = f"{type(err).__name__}: ...{text[-3000:]}"
        # what the learner sees under the cell: the exception's name, message and traceback
        trace = getattr(err, "traceback", None) or ""
        trace = trace if isinstance(trace, str) else "\n".join(trace)
        raised = {"ename": getattr(err, "ename", None), "evalue": getattr(err, "evalue", None),
                  "traceback": re.sub(r"\x1b\[[0-9;]*m", "", trace)}
    cells = [{"source": c.source, "text": output_text(c)} for c in nb.cells[1:-2]
             if c.cell_type == "code"]
    urls = json.loads(output_text(nb.cells[-1]) or "null") if error is None else None
    Path(report).write_text(json.dumps({"error": error, "raised": raised, "cells": cells,
                                        "urls": urls}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
