"""helpers.book_init: the book's seeded starting weights.

The expected values are recomputed here another way: one long legacy ``randn`` stream, cut
into the pieces network2 draws (the legacy polar Gaussian keeps its cached value between calls,
so one long draw equals the sequence of calls), not by replaying the helper's calls.
"""

import math

import numpy as np
import pytest

from helpers.book_init import BOOK_SEED, book_initial_params, book_initial_sum_w2


def _stream_pieces(n_hidden):
    """default biases, default weights, large biases, large weights, cut from one stream."""
    sizes = (784, n_hidden, 10)
    shapes_b = [(n_hidden, 1), (10, 1)]
    shapes_w = [(n_hidden, 784), (10, n_hidden)]
    order = shapes_b + shapes_w + shapes_b + shapes_w
    total = sum(a * b for a, b in order)
    flat = np.random.RandomState(12345678).standard_normal(total)
    pieces, k = [], 0
    for a, b in order:
        pieces.append(flat[k : k + a * b].reshape(a, b))
        k += a * b
    db, dw, lb, lw = pieces[0:2], pieces[2:4], pieces[4:6], pieces[6:8]
    dw = [w / math.sqrt(x) for w, x in zip(dw, sizes[:-1], strict=True)]
    return db, dw, lb, lw


@pytest.mark.parametrize("n_hidden", [30, 100])
def test_large_init_is_the_fourth_block_of_the_seeded_stream(n_hidden):
    _, _, lb, lw = _stream_pieces(n_hidden)
    weights, biases = book_initial_params((784, n_hidden, 10), "weight_initialization")
    assert [w.shape for w in weights] == [(n_hidden, 784), (10, n_hidden)]
    assert [b.shape for b in biases] == [(n_hidden, 1), (10, 1)]
    for got, want in zip(weights + biases, lw + lb, strict=True):
        assert got.dtype == np.float64
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("n_hidden", [30, 100])
def test_default_init_is_the_second_block(n_hidden):
    db, dw, _, _ = _stream_pieces(n_hidden)
    weights, biases = book_initial_params((784, n_hidden, 10), "weight_initialization", "default")
    for got, want in zip(weights + biases, dw + db, strict=True):
        np.testing.assert_array_equal(got, want)


def test_a_few_exact_values():
    flat = np.random.RandomState(BOOK_SEED).standard_normal(40 + 23820 + 40 + 3)
    weights, biases = book_initial_params()
    # the large-init hidden biases start after 40 + 23,820 default draws
    assert biases[0][0, 0] == flat[40 + 23820]
    assert biases[1][9, 0] == flat[40 + 23820 + 39]
    # the first large-init weight is the next value; w[0][0, 1] the one after
    assert weights[0][0, 0] == np.random.RandomState(BOOK_SEED).standard_normal(23901)[-1]


def test_both_scripts_draw_the_same_for_784_30_10():
    a, _ = book_initial_params((784, 30, 10), "overfitting")
    b, _ = book_initial_params((784, 30, 10), "weight_initialization")
    for wa, wb in zip(a, b, strict=True):
        np.testing.assert_array_equal(wa, wb)


@pytest.mark.parametrize("n_hidden", [30, 100])
def test_sum_w2_per_layer(n_hidden):
    _, _, _, lw = _stream_pieces(n_hidden)
    sizes = (784, n_hidden, 10)
    layers = book_initial_sum_w2(sizes, "weight_initialization", per_layer=True)
    total = book_initial_sum_w2(sizes, "weight_initialization")
    print(f"book initial sum w^2 {sizes}: per layer {layers}, total {total}")
    assert len(layers) == 2
    for got, w in zip(layers, lw, strict=True):
        assert got == pytest.approx(float(np.sum(w**2)), rel=1e-14)
        # a chi-square with N = w.size degrees of freedom: within 5 sd of its mean N
        assert abs(got - w.size) < 5 * math.sqrt(2 * w.size)
    assert total == pytest.approx(sum(layers), rel=1e-15)


def test_book_value_784_30_10():
    # 23,518.9: the replay's value, 1.4 sd below the mean 23,820 (sd sqrt(2 * 23,820) = 218)
    total = book_initial_sum_w2()
    assert (total - 23820) / math.sqrt(2 * 23820) == pytest.approx(-1.38, abs=0.01)


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"script": "chap3"}, "script"),
        ({"init": "small"}, "init"),
        ({"sizes": (784, 100, 10), "script": "overfitting"}, "784, 30, 10"),
        ({"sizes": (100, 30, 10)}, "sizes"),
        ({"sizes": "abc"}, "sizes"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, word):
    with pytest.raises(ValueError, match=word):
        book_initial_params(**kwargs)
