# %% [markdown]
# # The L2 update rule
#
# Where w → (1 − ηλ/n)·w − (η/m)·Σ∂C_x/∂w comes from, why a penalty that is *added* to the cost
# pulls every weight toward zero whatever its sign, and a check that the course's engine
# computes exactly that.

# %% [markdown]
# ## You will learn
#
# - how differentiating the regularized cost C = C₀ + (λ/2n)Σw² gives the book's update rule,
#   and why the biases are left alone;
# - why "the L2 term is always positive" does not mean "it pushes positive weights away from
#   zero": the penalty enters the *cost* with a plus sign and the *step* with a minus sign;
# - the three regimes of a decay step — shrink, overshoot, diverge — and which one the book's
#   settings are in;
# - how to check a backpropagation engine against finite differences, and the course's engine
#   passing that check on real digits.

# %%
import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations, update_rule
from helpers.data import load_mnist
from helpers.network import Network
from helpers.plots import use_course_style
from helpers.widgets import explore, int_slider, slider

use_course_style()
mnist = load_mnist()
X, y = mnist.train
n = len(X)  # the training-set size: 4,000 offline

# %% [markdown]
# ## From the cost to the update
#
# The regularized cost adds one term to the data cost C₀: (λ/2n) times the sum of the squares of
# all weights, with n the training-set size. Pick one weight w. Its derivative has two parts: the
# data part ∂C₀/∂w, and the penalty's part, which is (λ/2n)·2w = (λ/n)w — the other weights'
# squares do not depend on w. A gradient-descent step w → w − η·∂C/∂w is therefore
#
#   w → w − η∂C₀/∂w − (ηλ/n)w = (1 − ηλ/n)·w − η∂C₀/∂w,
#
# and stochastic gradient descent replaces ∂C₀/∂w by its average over a mini-batch of m
# examples. SymPy does this differentiation below, starting from the cost (the claim function
# builds the left-hand side with `sp.diff` and asserts that it equals the book's rule).

# %%
derivations.l2_update_rule()

# %% [markdown]
# The biases do not appear in the penalty, so their derivative is the data part alone: a bias
# step has no factor (1 − ηλ/n).

# %%
derivations.bias_not_decayed()

# %% [markdown]
# ## "The L2 term is always positive — doesn't it push positive weights up?"
#
# An easy misreading: take the penalty λΣw² as something *added to the weight* and worry that a
# positive weight gets pushed further from zero. The confusion is between the cost and the step:
#
# - the penalty (λ/2n)w² is added to the **cost**. It is positive for every w ≠ 0, and it is
#   smallest at w = 0 — it rewards small weights of either sign;
# - the **step** moves *down* the cost: it is minus η times the derivative. The derivative of
#   (λ/2n)w² is (λ/n)w, which has the same sign as w, so the penalty's part of the step,
#   −(ηλ/n)w, has the *opposite* sign to w. A positive weight is pulled down, a negative weight
#   is pulled up: both toward 0.
#
# In one line: w·Δw_decay = −(ηλ/n)w² < 0 for every w ≠ 0. SymPy proves the step and the sign.

# %%
derivations.penalty_step_points_to_zero()

# %% [markdown]
# Whether the *whole* step moves w toward zero is another matter: the data part −η∂C₀/∂w can
# point either way, and it usually wins for weights the data needs. The penalty only shifts the
# balance. A one-weight example shows both effects. Take a data cost C₀(w) = ½(w − 2)², whose
# minimum is at w = 2, and add the penalty: C(w) = ½(w − 2)² + (λ/2n)w². Setting C′(w) = 0 gives
# the new minimum w* = 2/(1 + λ/n): between 0 and 2, pulled toward zero but not to it.
#
# Written out from scratch for η = 0.1, λ = 5, n = 10 (a = ηλ/n = 0.05, a toy value; the
# book's a is 1,000 or 5,000 times smaller, see below), then compared with the helpers:
# <!-- given: 0.1 5 10 0.05 -->

# %%
# NBVAL_CHECK_OUTPUT
eta, lmbda, n_toy = 0.1, 5.0, 10
a = eta * lmbda / n_toy
for w0 in (+1.5, -1.5):
    penalty_step = -a * w0  # -(eta*lmbda/n) w: opposite in sign to w
    print(f"w = {w0:+.1f}: penalty's step = {penalty_step:+.3f} -> w + step = "
          f"{w0 + penalty_step:+.3f} (closer to 0)")
w, path = 3.0, [3.0]
for _ in range(update_rule.STEPS):
    w = (1 - a) * w - eta * (w - 2.0)  # decay, then the data cost's step
    path.append(w)
w_star = 2.0 / (1 + lmbda / n_toy)
np.testing.assert_allclose(path, update_rule.quadratic_trajectory(3.0, eta, lmbda, n_toy))
np.testing.assert_allclose(w_star, update_rule.regularized_minimum(lmbda, n_toy))
np.testing.assert_allclose(1 - a, derivations.shrink_factor(eta, lmbda, n_toy))
print(f"minimum of C₀ = 2, minimum of C: w* = {w_star:.4f}; "
      f"after {update_rule.STEPS} steps from w = 3: w = {path[-1]:.4f}")

# %% [markdown]
# In the picture on the left the arrows under the axis show the penalty's step at six values of
# w (scaled so the longest is visible): on each side of zero they point *at* zero. The red
# points descend the regularized cost from w = 3 toward its minimum w* ≈ 1.33, short of the data
# cost's minimum at 2. On the right, the penalty acting alone: w_k = (1 − a)^k·w₀ from +1 and
# −1, two mirror-image paths into zero.

# %%
update_rule.draw_update_rule(eta=0.1, lmbda=5.0, n=10)
plt.show()

# %% [markdown]
# ## Shrink, overshoot, diverge
#
# A pure decay step multiplies w by 1 − a with a = ηλ/n. Three regimes follow, each proved for
# every w ≠ 0:
#
# - 0 < a < 1: 1 − a is between 0 and 1; |w| shrinks by exactly a·|w| and keeps its sign;
# - 1 < a < 2: 1 − a is between −1 and 0; w changes sign at each step (overshoot) but |w|
#   still shrinks, by (2 − a)|w|;
# - a > 2: |1 − a| > 1; w flips sign and grows without bound.

# %%
derivations.decay_shrinks_weight()

# %%
derivations.decay_overshoots()

# %%
derivations.decay_diverges()

# %% [markdown]
# The book's settings sit deep in the first regime: for η = 0.1 or 0.5, λ = 5 and n = 50,000, a
# is 1e−5 or 5e−5. The engine refuses a ≥ 1 (`Network.train` raises), since then "decay"
# would flip every weight's sign. On the toy cost the overshoot comes sooner than a = 1 would
# suggest: the data cost has its own curvature 1, and gradient descent on C is stable only while
# η(1 + λ/n) < 2 — the widget below lets you find that edge.
# <!-- given: 0.1 0.5 5 50,000 1e−5 5e−5 -->

# %%
# NBVAL_CHECK_OUTPUT
for eta_b in (0.1, 0.5):
    a_b = eta_b * 5.0 / 50_000
    print(f"book, η = {eta_b}: a = {a_b:.0e}, shrink factor per step = "
          f"{float(derivations.shrink_factor(eta_b, 5.0, 50_000)):.5f}, "
          f"regime: {update_rule.decay_regime(a_b)}; the toy's a = 0.05 is "
          f"{0.05 / a_b:,.0f} times larger")

# %% [markdown]
# ## Checking the engine: backpropagation against finite differences
#
# The course trains with `helpers.network.Network`, which implements the book's network2 with
# matrix products. Does `net.gradient` really return ∂C₀/∂w? A central difference
# (C(w + h) − C(w − h))/2h approximates the derivative of `net.cost` to O(h²) and knows nothing
# about backpropagation — an independent oracle. We check a few weights of both layers on a
# batch of ten real training digits. (We use the new initialization here: under the old one
# most hidden neurons are saturated and many first-layer derivatives are too tiny to make a
# telling check.)

# %%
net = Network([784, 30, 10], init="default", seed=1)
Xb, yb = X[:10], y[:10]
dW, dB = net.gradient(Xb, yb)  # backpropagation: the engine's answer
checked = [(0, (0, 350)), (0, (7, 378)), (0, (21, 406)), (1, (3, 0)), (1, (9, 17))]
h = 1e-6
finite_diff = []
for layer, index in checked:  # central differences of net.cost, written out
    w = net.weights[layer]
    old = w[index]
    w[index] = old + h
    c_plus = net.cost(Xb, yb)
    w[index] = old - h
    c_minus = net.cost(Xb, yb)
    w[index] = old
    finite_diff.append((c_plus - c_minus) / (2 * h))
backprop = [dW[layer][index] for layer, index in checked]
np.testing.assert_allclose(finite_diff, backprop, rtol=1e-6)

# %% [markdown]
# Now the regularized cost. `net.cost(X, y, lmbda, n)` adds (λ/2n)Σw² with n = 4,000, the
# training-set size; its finite-difference derivative must equal the engine's ∂C₀/∂w plus
# (λ/n)w — the penalty's derivative from the proof above. The same for one bias, whose
# derivative must gain nothing.

# %%
# NBVAL_CHECK_OUTPUT
lmbda = 5.0
fd_reg = [update_rule.central_difference(net, Xb, yb, layer, index, lmbda=lmbda, n=n)
          for layer, index in checked]
predicted = [dW[layer][index] + lmbda / n * net.weights[layer][index] for layer, index in checked]
np.testing.assert_allclose(fd_reg, predicted, rtol=1e-6)
fd_bias = update_rule.central_difference(net, Xb, yb, 0, (4, 0), lmbda=lmbda, n=n, bias=True)
np.testing.assert_allclose(fd_bias, dB[0][4, 0], rtol=1e-6)
for (layer, index), fd0, bp, fdr in zip(checked, finite_diff, backprop, fd_reg, strict=True):
    print(f"layer {layer} weight {index}: backprop {bp:+.8f}, finite diff {fd0:+.8f}; "
          f"with the penalty {fdr:+.8f} (penalty term {lmbda / n * net.weights[layer][index]:+.1e})")
err = max(abs(f - b) for f, b in zip(finite_diff, backprop, strict=True))
assert err < 1e-8
print(f"largest |finite diff - backprop|: below 1e-8; bias (0, 4): {dB[0][4, 0]:+.8f}, "
      f"with the penalty {fd_bias:+.8f}")

# %% [markdown]
# The two methods agree to better than 1e−8 (the finite difference's own error, whose exact
# size depends on rounding, so only a bound is printed), below the penalty terms, 2.5e−7 to
# 1.2e−4, which the regularized check (relative tolerance 1e−6) therefore resolves.
# <!-- given: 1e−6 -->
#
# ## Biases are untouched, weights shrink by exactly a·w
#
# One step of the engine with λ = 5 and one with λ = 0, from the same state, on the same batch
# (here the whole training set as one batch, m = n, so the step is a single update with
# a = ηλ/n = 6.25e−4). The data gradient is computed from the weights *before* the update, so it
# is the same in both runs. The bias updates must therefore be identical to the last bit, and
# the weights must differ by exactly −a·w.

# %%
# NBVAL_CHECK_OUTPUT
eta, lmbda = 0.5, 5.0
a = eta * lmbda / n
decayed, plain = net.copy(), net.copy()
decayed.train(X, y, epochs=1, mini_batch_size=n, eta=eta, lmbda=lmbda, shuffle=False)
plain.train(X, y, epochs=1, mini_batch_size=n, eta=eta, lmbda=0.0, shuffle=False)
for layer in range(2):
    np.testing.assert_array_equal(decayed.biases[layer], plain.biases[layer])
    difference = decayed.weights[layer] - plain.weights[layer]
    np.testing.assert_allclose(difference, -a * net.weights[layer], rtol=1e-9, atol=1e-15)
    dev = np.max(np.abs(difference + a * net.weights[layer]))
    assert dev < 1e-15
    print(f"layer {layer}: biases identical; weights differ by -a·w, a = {a:.2e}, "
          f"largest deviation below 1e-15 (largest |a·w| "

          f"{np.max(np.abs(a * net.weights[layer])):.1e})")

# %% [markdown]
# The deviations are rounding errors, below 1e−15 (their exact size differs from one CPU to
# another, so only the bound is printed), against decay steps of order 1e−4.
#
# ## Explore: η, λ, n and the shrink factor
#
# Move the sliders to redraw the toy picture: the shrink factor 1 − ηλ/n, the regime, the
# penalty's arrows (always toward zero), the minimum w* of the regularized cost and gradient
# descent on it. Try η = 1, λ = 15, n = 10 (a = 1.5: the pure decay overshoots while the
# gradient descent on C, with η(1 + λ/n) = 2.5, diverges), then η = 2 (a = 3). The static figure
# below the sliders shows the starting values.
# <!-- given: 1 15 10 1.5 2.5 2 3 -->

# %%
# NBVAL_IGNORE_OUTPUT
explore(update_rule.draw_update_rule,
        {"eta": slider("η", 0.1, 0.05, 2.0, 0.05),
         "lmbda": slider("λ", 5.0, 0.5, 30.0, 0.5),
         "n": int_slider("n", 10, 1, 50)})

# %%
# NBVAL_CHECK_OUTPUT
update_rule.draw_update_rule(eta=0.1, lmbda=5.0, n=10)
plt.show()

# %% [markdown]
# ## Summary
#
# - **Proved:** differentiating C = C₀ + (λ/2n)Σw² gives w → (1 − ηλ/n)w − (η/m)Σ∂C_x/∂w and
#   leaves the biases' update unchanged; the penalty's step −(ηλ/n)w is opposite in sign to w,
#   so it points to zero for positive and negative weights alike (the answer to the common
#   question "why is the L2 term always added?": it is added to the *cost*, and the *step* goes
#   down the cost). A decay step shrinks |w|
#   for 0 < a < 1, overshoots but still shrinks for 1 < a < 2, and diverges for a > 2.
# - **Measured:** the engine's gradient agrees with central differences of its cost to
#   better than 1e−8 on real digits, with and without the penalty; one step with λ = 5 against
#   λ = 0 leaves the biases bit for bit identical and changes the weights by −a·w to within
#   1e−15.
# - **The book's settings:** a = ηλ/n = 1e−5 (η = 0.1) or 5e−5 (η = 0.5): far inside the shrink
#   regime, each step removing a tiny fraction of every weight. Notebook 02 adds those fractions
#   up over an epoch.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** With η = 0.5, λ = 5 and n = 4,000 (this course's offline data), what number does one
# mini-batch step multiply every weight by, before the data gradient is subtracted? (The factor
# is exact: give all six significant figures.)

# %%
from helpers.exercises.ex01 import (
    check_l2_step,
    check_penalty_step,
    check_regime,
    check_regularized_minimum,
    check_shrink_factor,
)

answer = None
check_shrink_factor(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# 1 − ηλ/n = 1 − 2.5/4,000 = 0.999375 (`derivations.shrink_factor(0.5, 5.0, 4000)`).
# </details>
#
# **2.** A weight has the value w = −0.8. With the settings of exercise 1, what is the
# penalty's part of its step, Δw_decay (with its sign)?
# <!-- given: 2.5 4,000 0.999375 −0.8 -->

# %%
answer = None
check_penalty_step(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# Δw_decay = −(ηλ/n)·w = −6.25e−4 · (−0.8) = +5e−4: a negative weight is pushed *up*, toward 0.
# </details>
#
# **3.** With η = 1, λ = 30 and n = 20, does a pure decay step `"shrink"`, `"overshoot"` or
# `"diverge"`?
# <!-- given: −6.25e−4 −0.8 +5e−4 30 20 -->

# %%
answer = None
check_regime(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# a = ηλ/n = 1.5, between 1 and 2: `"overshoot"`. Each step flips the sign of w and still
# shrinks |w| (to half its size here, since |1 − a| = 0.5).
# </details>
#
# **4.** On the toy cost C(w) = ½(w − 2)² + (λ/2n)w² with λ = 5 and n = 20, where is the
# minimum w*?

# %%
answer = None
check_regularized_minimum(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# C′(w) = (w − 2) + (λ/n)w = 0 gives w* = 2/(1 + λ/n) = 2/1.25 = 1.6
# (`update_rule.regularized_minimum(5.0, 20)`).
# </details>
#
# **5.** Write the update rule as code. Complete `l2_step(w, grads, eta, lmbda, n)`: `w` is one
# weight array (any shape), `grads` holds the per-example gradients ∂C_x/∂w of a mini-batch
# stacked along axis 0 (shape `(m, *w.shape)`), and the function returns the weights after one
# step of the book's rule. The check tries it on random arrays and names the case that fails.
# <!-- given: 2 1.25 1.6 -->

# %%
def l2_step(w, grads, eta, lmbda, n):
    return None  # your code


check_l2_step(l2_step)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def l2_step(w, grads, eta, lmbda, n):
#     return (1 - eta * lmbda / n) * w - eta * np.mean(grads, axis=0)
# ```
# (`update_rule.l2_step`). The decay uses the training-set size n; the gradient is the *mean*
# over the batch, (η/m)Σ.
# </details>
