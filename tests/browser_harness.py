"""Drive the course as a learner does: JupyterLab on loopback, headless Chromium, real widgets.

Used by ``tests/test_browser.py``. Nothing here touches the learner's JupyterLab settings or
the committed notebooks:

- :class:`Lab` starts its own ``jupyter lab`` on 127.0.0.1 with a random free port and token,
  with settings, workspaces, config, runtime and IPython directories in a temporary directory
  (news and update checks off), serving a *copy* of ``notebooks/`` (JupyterLab autosaves);
- :func:`launch_chromium` starts Debian's ``/usr/bin/chromium`` through Playwright (never
  Playwright's own browser download) with the network-quiet flags;
- :func:`open_and_run_all` opens a notebook, waits for its kernel, runs every cell and fails if
  one raised;
- :class:`Explorer` wraps one ``helpers.widgets.explore`` box (CSS class ``course-explorer``):
  find a slider by its label, move it with the keyboard or by dragging its handle, and wait
  for the redrawn output (printed text and figure).
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def skip_reason() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return (f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); "
                "Playwright's own browser download is not used")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the playwright package cannot be imported ({exc}); it is in the [dev] extra"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


class Lab:
    """A private JupyterLab server on 127.0.0.1 serving a copy of ``notebooks/``.

    ``workdir`` (a fresh temporary directory) receives ``course/notebooks`` (the copy that is
    served), a symlink ``course/data`` to the repository's data, and every Jupyter directory.
    """

    def __init__(self, workdir: Path, notebooks: Path = ROOT / "notebooks"):
        self.workdir = Path(workdir)
        self.root = self.workdir / "course" / "notebooks"
        shutil.copytree(notebooks, self.root,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        # Notebooks may read ../data like in the repository; read-only use, never copied.
        (self.root.parent / "data").symlink_to(ROOT / "data", target_is_directory=True)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log_path = self.workdir / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, **query: str) -> str:
        q = "&".join([f"token={self.token}", *(f"{k}={v}" if v else k for k, v in query.items())])
        return f"{self.base}/{path.lstrip('/')}?{q}"

    def _environment(self) -> dict[str, str]:
        w = self.workdir
        settings = w / "lab-settings"
        _write_json(settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings",
                    {"fetchNews": "false", "checkForUpdates": False})
        _write_json(settings / "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings",
                    {"enabled": False})
        env = {k: v for k, v in os.environ.items()
               if k not in {"MPLBACKEND", "PYTEST_CURRENT_TEST", "JUPYTER_PATH"}}
        env.update({
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(w / "lab-workspaces"),
            "JUPYTER_CONFIG_DIR": str(w / "jupyter-config"),
            "JUPYTER_DATA_DIR": str(w / "jupyter-data"),
            "JUPYTER_RUNTIME_DIR": str(w / "jupyter-runtime"),
            "IPYTHONDIR": str(w / "ipython"),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        })
        return env

    def start(self, timeout: float = 60.0) -> Lab:
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={self.root}", "--ServerApp.allow_root=True",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        log = open(self.log_path, "wb")  # closed in stop()
        self._log = log
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=self._environment(),
                                     stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n"
                                   + self.log_tail())
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n"
                           + self.log_tail())

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Close every session (and its kernel) the browser opened."""
        for session in self.api("GET", "api/sessions"):
            self.api("DELETE", f"api/sessions/{session['id']}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server we started (its kernels stop with it), by its process id only."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:  # SIGTERM asks for a confirmation-free shutdown; kernels are stopped too
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # our own session, started above
                self.proc.wait(timeout=5)
        self._log.close()
        self.proc = None

    def __enter__(self) -> Lab:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                      headless=True)


# --- the notebook -----------------------------------------------------------------------------

_KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session
            && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.content && w.content.widgets.length > 0;
}"""

_RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const ok = await app.commands.execute('notebook:run-all-cells');
  const nb = app.shell.currentWidget.content;
  const errors = [];
  nb.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    for (let j = 0; j < cell.model.outputs.length; j++) {
      const out = cell.model.outputs.get(j);
      if (out.type === 'error') {
        const d = out.toJSON();
        errors.push(`cell ${i}: ${d.ename}: ${d.evalue}`);
      }
    }
  });
  return {ok: ok, errors: errors};
}"""


# Widget messages in flight: every comm_msg the page sends (a slider's new value) stays pending
# until the kernel reports idle for it, i.e. until the redraw it caused has been sent back.
_TRACK = """() => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  if (window.__course) return true;
  window.__course = {pending: new Set(), sent: 0};
  kernel.anyMessage.connect((_, args) => {
    const msg = args.msg, t = window.__course;
    if (args.direction === 'send' && msg.header.msg_type === 'comm_msg') {
      t.pending.add(msg.header.msg_id);
      t.sent += 1;
      t.last = msg.content.data;
    } else if (args.direction === 'recv' && msg.header.msg_type === 'status'
               && msg.content.execution_state === 'idle' && msg.parent_header) {
      t.pending.delete(msg.parent_header.msg_id);
    }
  });
  return true;
}"""

_SETTLED = """() => new Promise(resolve => {
  if (window.__course.pending.size) { resolve(false); return; }
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(
    window.__course.pending.size === 0)));
})"""


def open_and_run_all(page, lab: Lab, name: str, timeout_ms: float = 120_000) -> float:
    """Open ``name`` in JupyterLab, wait for its kernel, run all cells; return the seconds run
    all took. Fails (AssertionError) if a cell raised."""
    page.goto(lab.url(f"lab/tree/{name}", reset=""))
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function(_KERNEL_IDLE, timeout=60_000)
    t0 = time.monotonic()
    result = page.evaluate(_RUN_ALL)
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms)
    seconds = time.monotonic() - t0
    assert not result["errors"], f"{name}: run all raised: {result['errors']}"
    assert result["ok"], f"{name}: run all did not complete"
    page.evaluate(_TRACK)
    return seconds


# --- sliders, readouts and outputs ------------------------------------------------------------

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def parse_number(text: str) -> float:
    """A printed number: allows the Unicode minus, thousands separators and a trailing %."""
    clean = (text.strip().replace("\u2212", "-").replace(",", "").replace("_", "")
             .replace("\u2009", "").replace("\u202f", "").rstrip("%").strip())
    if not _NUMBER.fullmatch(clean):
        raise ValueError(f"not a number: {text!r}")
    return float(clean)


def half_unit(text: str) -> float:
    """Half a unit in the last printed digit of ``text``: how far a correctly rounded printed
    number may be from the exact value (``'0.9995'`` -> 5e-5, ``'1.2e-04'`` -> 5e-6)."""
    clean = text.strip().replace("\u2212", "-").replace(",", "").rstrip("%").strip()
    mantissa, _, exponent = clean.lower().partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 0.5 * 10.0 ** (-decimals) * 10.0 ** (int(exponent) if exponent else 0)


def printed_numbers(text: str, patterns: dict[str, str]) -> dict[str, str]:
    """The number token each regex (one capturing group) finds in ``text``."""
    found = {}
    for name, pattern in patterns.items():
        m = re.search(pattern, text)
        if m is None:
            raise AssertionError(f"figure {name!r} (/{pattern}/) not printed in:\n{text}")
        found[name] = m.group(1)
    return found


def check_numbers(text: str, patterns: dict[str, str], expected: dict[str, float],
                  slack: float = 1.0, digits: int | None = None
                  ) -> dict[str, tuple[float, float]]:
    """Assert each printed figure equals its expected value up to its own printed rounding
    (times ``slack``). ``digits``: the significant digits of the ``g`` format the figures are
    printed with (``.6g`` -> 6); a ``g`` format drops trailing zeros, so ``'0.05'`` printed
    with ``.6g`` stands for 0.0500000 +- 5e-8, not +- 5e-3. Returns {name: (printed, expected)}."""
    printed = printed_numbers(text, patterns)
    checked = {}
    for name, token in printed.items():
        got, want = parse_number(token), expected[name]
        unit = half_unit(token)
        if digits is not None and got != 0:
            unit = min(unit, 0.5 * 10.0 ** (math.floor(math.log10(abs(got))) - digits + 1))
        tol = slack * unit * (1 + 1e-9) + 1e-12 * abs(want)
        assert abs(got - want) <= tol, (
            f"{name}: printed {token} but the helper gives {want!r} (tolerance {tol:.3g})\n"
            f"output was:\n{text}")
        checked[name] = (got, want)
    return checked


@dataclass(frozen=True)
class Grid:
    """The values a slider can take: ``lo + k*step`` (``log=True``: exponents of 10), or, for a
    ``SelectionSlider`` (``helpers.widgets.choice_slider``), the listed ``choices``, whose
    readout is the option's label ``f"{v:g}"``."""

    lo: float = 0.0
    step: float = 1.0
    log: bool = False
    choices: tuple[float, ...] | None = None

    def snap(self, readout: str) -> float:
        """The exact slider value behind a (rounded) readout."""
        if self.choices is not None:
            labels = {f"{v:g}": float(v) for v in self.choices}
            if readout.strip() not in labels:
                raise AssertionError(f"readout {readout!r} is not one of {list(labels)}")
            return labels[readout.strip()]
        value = parse_number(readout)
        k = round(self.position(value))
        x = self.lo + k * self.step
        return 10.0**x if self.log else x

    def position(self, value: float) -> float:
        """Where ``value`` sits on the grid, in steps (an index for choices)."""
        if self.choices is not None:
            return float(self.choices.index(value))
        x = math.log10(value) if self.log else value
        return (x - self.lo) / self.step


class Explorer:
    """One ``helpers.widgets.explore`` box on the page."""

    def __init__(self, page, index: int = 0):
        self.page = page
        self.index = index
        self.box = page.locator(".course-explorer").nth(index)
        self.output = self.box.locator(".widget-output")

    def wait_rendered(self, timeout_ms: float = 60_000) -> None:
        """Wait until the box and its sliders are shown and its output holds a figure (the
        widget draws its starting values when the cell runs)."""
        self.box.wait_for(state="attached", timeout=timeout_ms)
        self.box.scroll_into_view_if_needed(timeout=timeout_ms)
        self.box.locator(".widget-slider .noUi-handle").first.wait_for(timeout=timeout_ms)
        self.output.locator("img").first.wait_for(state="attached", timeout=timeout_ms)

    def slider(self, label: str):
        """The slider whose description contains ``label``."""
        sliders = self.box.locator(".widget-slider").filter(
            has=self.page.locator(".widget-label", has_text=label))
        count = sliders.count()
        if count != 1:
            labels = self.box.locator(".widget-slider .widget-label").all_inner_texts()
            raise AssertionError(f"explorer {self.index}: {count} sliders labelled {label!r}; "
                                 f"labels present: {labels}")
        return sliders.first

    def readout(self, label: str) -> str:
        return self.slider(label).locator(".widget-readout").inner_text().strip()

    def state(self) -> tuple[str, str | None]:
        """(printed text, src of the first figure) of the output now."""
        text = self.output.inner_text() if self.output.count() else ""
        imgs = self.output.locator("img")
        src = imgs.first.get_attribute("src") if imgs.count() else None
        return text, src

    def last_sent(self) -> object:
        """The data of the last widget message the page sent (e.g. a slider's new state)."""
        return self.page.evaluate("() => window.__course.last ?? null")

    def _sent(self) -> int:
        return self.page.evaluate("() => window.__course.sent")

    def _settle(self, timeout_ms: float) -> None:
        """Wait until every widget message sent so far has been processed by the kernel."""
        self.page.wait_for_function(_SETTLED, timeout=timeout_ms, polling=100)

    def _wait_redrawn(self, sent_before: int, old_src: str | None, timeout_ms: float
                      ) -> tuple[str, str | None]:
        """Wait for the redraw a slider move caused: its message sent, processed, and a
        figure in the output whose src differs from ``old_src``."""
        self.page.wait_for_function(f"() => window.__course.sent > {sent_before}",
                                    timeout=timeout_ms, polling=50)
        self._settle(timeout_ms)
        self.page.wait_for_function(
            """([box, old]) => {
                 const img = box.querySelector('.widget-output img');
                 return !!img && img.getAttribute('src') !== old && img.complete;
               }""",
            arg=[self.box.element_handle(), old_src], timeout=10_000)
        return self.state()

    def click_handle(self, label: str, timeout_ms: float = 60_000
                     ) -> tuple[str, str, str | None] | None:
        """Click the slider's handle (a learner's first step before using the arrow keys).

        If the click makes the widget send a value (seen with ipywidgets 8.1: a float or log
        slider started on its grid at 5.0 sends 4.999999999999999, noUiSlider's own rounding;
        a start off the grid would snap to it), wait for the redraw it causes and return
        (readout, printed text, figure src); otherwise return None.
        """
        handle = self.slider(label).locator(".noUi-handle")
        sent = self._sent()
        handle.click()
        if self._sent() == sent:
            return None
        self._settle(timeout_ms)  # the readout may not change (5 -> 4.99999...), nor the figure
        text, src = self.state()
        return self.readout(label), text, src

    def press(self, label: str, key: str = "ArrowRight", times: int = 1,
              timeout_ms: float = 60_000) -> tuple[str, str, str | None]:
        """Press ``key`` ``times`` times on the slider's handle (focused by
        :meth:`click_handle`); wait for the redraw. Returns (readout, printed text, figure src)."""
        handle = self.slider(label).locator(".noUi-handle")
        before = self.readout(label)
        _, old_src = self.state()
        sent = self._sent()
        for _ in range(times):
            handle.press(key)
        self._expect_readout_change(label, before, timeout_ms)
        text, src = self._wait_redrawn(sent, old_src, timeout_ms)
        return self.readout(label), text, src

    def drag(self, label: str, fraction: float, timeout_ms: float = 60_000
             ) -> tuple[str, str, str | None]:
        """Drag the slider's handle with the mouse to ``fraction`` (0..1) of its track; wait for
        the redraw. Returns (readout, printed text, figure src)."""
        slider = self.slider(label)
        track = slider.locator(".noUi-target")
        handle = slider.locator(".noUi-handle")
        handle.scroll_into_view_if_needed()
        before = self.readout(label)
        _, old_src = self.state()
        sent = self._sent()
        hb, tb = handle.bounding_box(), track.bounding_box()
        x0, y0 = hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2
        x1 = tb["x"] + fraction * tb["width"]
        self.page.mouse.move(x0, y0)
        self.page.mouse.down()
        self.page.mouse.move(x1, y0, steps=12)
        self.page.mouse.up()
        self._expect_readout_change(label, before, timeout_ms)
        text, src = self._wait_redrawn(sent, old_src, timeout_ms)
        return self.readout(label), text, src

    def _expect_readout_change(self, label: str, before: str, timeout_ms: float) -> None:
        from playwright.sync_api import expect

        readout = self.slider(label).locator(".widget-readout")
        expect(readout).not_to_have_text(before, timeout=min(timeout_ms, 10_000))

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.box.screenshot(path=str(path))
