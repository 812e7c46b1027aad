# %% [markdown]
# # The L2 update rule
#
# Where w → (1 − ηλ/n)·w − (η/m)·Σ∂C_x/∂w comes from, and why a penalty that is *added* to the
# cost pulls every weight toward zero, whatever its sign.

# %% [markdown]
# ## You will learn
#
# - how differentiating the regularized cost C = C₀ + (λ/2n)Σw² gives the book's update rule,
#   and why the biases are left alone;
# - why "the L2 term is always positive" does not mean "it pushes positive weights away from
#   zero": the penalty enters the *cost* with a plus sign and the *step* with a minus sign;
# - how small one step's decay is at the book's settings — the number notebook 02 compounds
#   over an epoch.

# %%
import matplotlib.pyplot as plt

from helpers import derivations, update_rule
from helpers.plots import use_course_style
from helpers.widgets import explore, int_slider, slider

use_course_style()

# %% [markdown]
# <a id="the-argument"></a>
# ## The argument: added to the cost, subtracted in the step
#
# The regularized cost adds one term to the data cost C₀: (λ/2n) times the sum of the squares of
# all weights, with [n](A0_glossary.ipynb#n) the training-set size. Pick one weight w. Its
# derivative has two parts: the data part ∂C₀/∂w, and the penalty's part (λ/2n)·2w = (λ/n)w —
# the other weights' squares do not depend on w. A gradient-descent step w → w − η·∂C/∂w is
# therefore
#
#   w → w − η∂C₀/∂w − (ηλ/n)w = (1 − ηλ/n)·w − η∂C₀/∂w,
#
# and stochastic gradient descent replaces ∂C₀/∂w by its average over a mini-batch of m
# examples. The biases are not in the penalty, so their step has no factor (1 − ηλ/n).
#
# An easy misreading is to take the penalty as something *added to the weight*, and to worry
# that a positive weight is pushed further from zero. The penalty (λ/2n)w² is added to the
# **cost**: it is positive for every w ≠ 0 and smallest at w = 0, so it rewards small weights of
# either sign. The **step** goes *down* the cost, minus η times the derivative. The derivative
# (λ/n)w has the sign of w, so the penalty's part of the step, −(ηλ/n)w, has the *opposite*
# sign: a positive weight is pulled down, a negative one up — both toward 0.
#
# The figure shows it on a one-weight toy cost C₀(w) = ½(w − 2)², whose minimum is at w = 2.
# Left: the arrows under the axis are the penalty's step at six values of w, all pointing *at*
# zero; the red points descend the regularized cost from w = 3 to its minimum w* = 2/(1 + λ/n),
# pulled toward zero but not to it. Right: the penalty acting alone, w_k = (1 − a)^k·w₀ from
# +1 and −1, two mirror-image paths into zero, with [a = ηλ/n](A0_glossary.ipynb#a-rate). (The
# toy's a = 0.05 is a thousand times the book's, so that the picture shows something.)
# <!-- given: 0.05 -->

# %% tags=["nbval-check-output"]
update_rule.draw_update_rule(eta=0.1, lmbda=5.0, n=10)
plt.show()

# %% [markdown]
# <a id="the-answer"></a>
# ## The answer: one step removes the fraction a = ηλ/n of every weight
#
# Each mini-batch step multiplies every weight by 1 − ηλ/n before the data gradient is
# subtracted, and leaves the biases alone. With the book's η = 0.1 or 0.5, λ = 5 and n = 50,000
# that fraction is tiny:
# <!-- given: 0.1 0.5 5 -->

# %% tags=["nbval-check-output"]
for eta_b in (0.1, 0.5):
    a_b = eta_b * 5.0 / 50_000
    print(f"book, η = {eta_b}: a = ηλ/n = {a_b:.0e}, factor per step 1 − a = "
          f"{float(derivations.shrink_factor(eta_b, 5.0, 50_000)):.5f}")

# %% [markdown]
# A few parts in a hundred thousand per step — but an epoch has 5,000 steps. Notebook 02
# compounds them into the per-epoch factor of part (2).
#
# <a id="checked"></a>
# ## What you may want checked
#
# **The derivation.** SymPy differentiates the mini-batch cost with `sp.diff` and asserts that
# the result is the book's rule; the [claim](A0_glossary.ipynb#claim) shows the statement and
# the conditions it was proved under.

# %%
derivations.l2_update_rule()

# %% [markdown]
# **The sign.** The penalty's step is −(ηλ/n)w, and w·Δw_decay = −(ηλ/n)w² < 0 for every
# w ≠ 0: it points to zero for positive and negative weights alike.

# %%
derivations.penalty_step_points_to_zero()

# %% [markdown]
# **The toy, from scratch.** The penalty's step at w = ±1.5 and twenty steps of gradient
# descent on the toy cost, written out, beside the helpers the figure uses:
# <!-- given: 1.5 -->

# %% tags=["nbval-check-output"]
eta, lmbda, n_toy = 0.1, 5.0, 10
a = eta * lmbda / n_toy
for w0 in (+1.5, -1.5):
    print(f"w = {w0:+.1f}: penalty's step −a·w = {-a * w0:+.3f}, toward 0")
w = 3.0
for _ in range(update_rule.STEPS):
    w = (1 - a) * w - eta * (w - 2.0)  # decay, then the data cost's step
print(f"after {update_rule.STEPS} steps from w = 3: w = {w:.4f} (helper: "
      f"{update_rule.quadratic_trajectory(3.0, eta, lmbda, n_toy)[-1]:.4f}); minimum of C: "
      f"w* = {2.0 / (1 + lmbda / n_toy):.4f} (helper: "
      f"{update_rule.regularized_minimum(lmbda, n_toy):.4f})")

# %% [markdown]
# **The rest**, in [A1](A1_update_rule_checks.ipynb): the
# [bias step, proved free of decay](A1_update_rule_checks.ipynb#bias-not-decayed); the three
# regimes of a decay step — shrink, overshoot, diverge — and why the book's settings are deep in
# the first ([proved there](A1_update_rule_checks.ipynb#regimes)); and the course's
# [engine](A0_glossary.ipynb#engine), checked against finite differences on real digits and
# shown to change the weights by exactly −a·w per step
# ([measured there](A1_update_rule_checks.ipynb#engine-check)).
#
# **Explore.** Move the sliders to redraw the figure above (it shows the starting values): the
# shrink factor 1 − ηλ/n, the penalty's arrows (always toward zero), the minimum w* and gradient
# descent on C. Try η = 1, λ = 15, n = 10 (a = 1.5), then η = 2 (a = 3).
# <!-- given: 1 15 10 1.5 2 3 -->

# %% tags=["nbval-ignore-output"]
explore(update_rule.draw_update_rule,
        {"eta": slider("η", 0.1, 0.05, 2.0, 0.05),
         "lmbda": slider("λ", 5.0, 0.5, 30.0, 0.5),
         "n": int_slider("n", 10, 1, 50)})

# %% [markdown]
# ## Summary
#
# - Differentiating C = C₀ + (λ/2n)Σw² gives w → (1 − ηλ/n)w − (η/m)Σ∂C_x/∂w; the biases'
#   update is unchanged.
# - The penalty is added to the *cost*; the *step* goes down the cost, so the penalty's step
#   −(ηλ/n)w points to zero for weights of either sign.
# - At the book's settings a = ηλ/n is 1e−5 or 5e−5: each step removes a tiny fraction of every
#   weight. Notebook 02 adds those fractions up over an epoch.

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
# **3.** With η = 1, λ = 30 and n = 20, compute a = ηλ/n. Does a pure decay step w → (1 − a)w
# then `"shrink"` |w| keeping its sign, `"overshoot"` (flip the sign, still shrink |w|) or
# `"diverge"`? Argue from |1 − a| and the sign of 1 − a.
# <!-- given: −6.25e−4 −0.8 +5e−4 30 20 -->

# %%
answer = None
check_regime(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# a = ηλ/n = 1.5, so 1 − a = −0.5: the sign flips and |w| halves — `"overshoot"`. The three
# regimes are proved in [A1](A1_update_rule_checks.ipynb#regimes).
# </details>
#
# **4.** On the toy cost C(w) = ½(w − 2)² + (λ/2n)w² with λ = 5 and n = 20, where is the
# minimum w*?
# <!-- given: 1.5 −0.5 -->

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
import numpy as np  # noqa: E402, F401 (for your l2_step)


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
