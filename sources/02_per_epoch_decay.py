# %% [markdown]
# # Decay per epoch
#
# Part (2) of the exercise: an epoch of weight decay multiplies every weight by
# (1 − ηλ/n)^(n/m), which is about exp(−ηλ/m) when ηλ ≪ n — why, how close, and a measurement.

# %% [markdown]
# ## You will learn
#
# - why n/m small steps of (1 − ηλ/n) compound to about exp(−ηλ/m), and why the training-set
#   size n drops out;
# - the condition of part (2), stated once: how large the error is, and why ηλ ≪ n is enough
#   for the book's runs;
# - that real training from the old initialization decays at exactly that pace while the
#   weights are large.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import decay, derivations
from helpers.data import load_mnist
from helpers.network import Network, train_grid
from helpers.plots import use_course_style
from helpers.widgets import explore, int_slider, log_slider, slider

use_course_style()
mnist = load_mnist()
X, y = mnist.train

# %% [markdown]
# <a id="the-argument"></a>
# ## The argument: compound interest, backwards
#
# Notebook 01 showed that each mini-batch step multiplies every weight by 1 − ηλ/n before the
# data gradient is subtracted. An epoch walks through the [n](A0_glossary.ipynb#n) training
# examples in mini-batches of [m](A0_glossary.ipynb#m), so it makes n/m steps. If the decay
# acted alone, one epoch would multiply every weight by
#
#   (1 − ηλ/n)^(n/m).
#
# Write x = ηλ. Then this is ((1 − x/n)^n)^(1/m), and (1 − x/n)^n → e^(−x) as n grows: the
# familiar limit behind compound interest, run backwards. So for large n the epoch factor tends
# to exp(−ηλ/m), and n has dropped out: per epoch, only η, λ and the mini-batch size matter.
#
# In the figure, for the book's full-data run (η = 0.5, λ = 5, m = 10, n = 50,000), the left
# panel shows ten epochs of pure decay: the exact factor and exp(−ηλ/m) lie on top of each other.
# The right panel shows how far apart they are, relative to each other, as the per-step rate
# [a = ηλ/n](A0_glossary.ipynb#a-rate) grows (n and m fixed): the red dot, the book's setting,
# sits far down the curve, and the dotted line is the error's leading term, (ηλ)²/(2mn),
# derived just below.
# <!-- given: 0.5 5 10 -->

# %% tags=["nbval-check-output"]
decay.draw_per_epoch(eta=0.5, lmbda=5.0, m=10, n=50_000)
plt.show()

# %% [markdown]
# <a id="the-answer"></a>
# ## The answer: the log error is (ηλ/m)·(ηλ/n)/2
#
# Take logarithms. The exact epoch multiplies the log of a weight by (n/m)·log(1 − ηλ/n), and
# log(1 − u) = −u − u²/2 − … gives
#
#   (n/m)·log(1 − ηλ/n) = −ηλ/m − (ηλ/m)·(ηλ/n)/2 − …
#
# The first term is the heuristic's exp(−ηλ/m). The error is the second: the decay per epoch,
# ηλ/m, times half the decay per step, ηλ/n. With ηλ/m of order one — a weight losing a good
# part of itself per epoch, as in the book's runs — it is small exactly when **ηλ ≪ n**, the
# exercise's condition. In general the error is (ηλ)²/(2mn), so **(ηλ)² ≪ mn** is the condition
# for any ηλ/m. The exact decay is a little *stronger* than exp(−ηλ/m).
#
# For the book's runs (η = 0.1 or 0.5, λ = 5, m = 10, n = 50,000) part (2) holds to a few parts
# in a million per epoch:
# <!-- given: 0.1 0.5 5 10 -->

# %% tags=["nbval-check-output"]
for eta_b in (0.1, 0.5):
    f = decay.epoch_numbers(eta_b, 5.0, 10, 50_000)
    print(f"η = {eta_b}: ηλ/n = {f['a']:.0e}; exact {f['exact']:.7f}, exp(−ηλ/m) "
          f"{f['approx']:.7f}; relative error {f['relative_error']:.2e}, estimate "
          f"−(ηλ)²/(2mn) = {f['first_term']:.2e}")

# %% [markdown]
# <a id="checked"></a>
# ## What you may want checked
#
# **The limit and the series**, proved by SymPy (the [claims](A0_glossary.ipynb#claim) show the
# conditions they were proved under):

# %%
derivations.per_epoch_limit()

# %%
derivations.per_epoch_log_error_series()

# %% [markdown]
# **The rest of the numerics**, in [A2](A2_decay_numerics.ipynb): the
# [rate error and the factor error](A2_decay_numerics.ipynb#two-errors), each with its own
# condition and a counterexample; a
# [two-sided bound](A2_decay_numerics.ipynb#bounds) valid at every n; the book's numbers
# [against a 50-digit evaluation](A2_decay_numerics.ipynb#book-runs); what happens
# [when m does not divide n](A2_decay_numerics.ipynb#ceiling) (⌈n/m⌉ steps, the last batch
# short) and [when ηλ ≪ n fails](A2_decay_numerics.ipynb#when-it-fails); and the engine with
# the data gradient switched off, [reproducing the exact factor](A2_decay_numerics.ipynb#pure-decay)
# to machine precision.
# <!-- given: 50 -->
#
# <a id="measured"></a>
# **Real training against exp(−ηλ/m).** We train [784, 30, 10] from the
# [old initialization](A0_glossary.ipynb#old-init) with η = 0.5 and η = 0.1 (λ = 5, m = 10) for
# 15 epochs and divide the hidden weights' RMS by its value one epoch earlier. While decay
# dominates, that ratio should be the pure-decay factor. (On the 4,000 offline digits λ/n is
# 12.5 times the book's; the per-epoch factor hardly depends on n.)
# <!-- given: 0.5 0.1 5 10 15 12.5 -->

# %%
etas = (0.5, 0.1)
nets = [Network([784, 30, 10], init="large", seed=1) for _ in etas]
# both runs at once, each exactly as net.train(...) would do it alone
runs = dict(zip(etas, train_grid(nets, X, y, 15, 10, eta=etas, lmbda=5.0, seed=2,
                                 instrument=False), strict=True))

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for i, (eta_r, hist) in enumerate(runs.items()):
    early = decay.early_epoch_ratios(hist)
    ax.plot(np.arange(1, hist.epochs + 1), early["ratio"], "o-", ms=4, color=f"C{i}",
            label=f"η = {eta_r}: RMS(e) / RMS(e − 1), hidden layer")
    ax.axhline(early["approx"], color=f"C{i}", ls=":", label=f"η = {eta_r}: exp(−ηλ/m)")
ax.set_ylim(0.55, 1.02)
ax.set_xlabel("epoch e")
ax.set_ylabel("per-epoch ratio of the hidden weight RMS")
ax.set_title("old init, λ = 5, m = 10, n = 4,000: decay's pace, then the gradient's", fontsize=9)
ax.legend(fontsize=8, loc="lower right")
plt.show()

# %% tags=["nbval-check-output"]
for eta_r, hist in runs.items():
    early = decay.early_epoch_ratios(hist)
    off = np.abs(early["ratio"] / early["exact"] - 1) > 0.02
    within = int(np.argmax(off)) if off.any() else len(off)
    print(f"η = {eta_r}: factor {early['exact']:.4f}; epochs 1-4: "
          + ", ".join(f"{r:.3f}" for r in early["ratio"][:4])
          + f"; within 2% for {within} epochs; RMS {hist.rms[0, 0]:.2f} → "
          f"{hist.rms[10, 0]:.2f} at epoch 10 (pure decay: "
          f"{hist.rms[0, 0] * early['exact'] ** 10:.2f})")

# %% [markdown]
# With η = 0.5 the hidden weights follow the pure-decay factor 0.7787 in the first epochs (0.779,
# 0.781, 0.783, 0.788) and then slow down as they approach the level where the data holds them
# (notebook 04): RMS 0.99 → 0.13 at epoch 10, where pure decay alone would give 0.08. With
# η = 0.1 each epoch's decay is five times weaker, and the ratio stays near 0.951 for all 15 epochs. So
# part (2) is not only algebra: while the weights are large, real training decays at
# exp(−ηλ/m) per epoch. The book's own log agrees: from its [seeded start](A0_glossary.ipynb#seeded-start),
# its first epoch keeps nearly the pure-decay share of Σw²
# ([measured in A2](A2_decay_numerics.ipynb#book-log)).
#
# **Explore.** Move the sliders to redraw the first figure for your η, λ, m and n. Try to make the
# error visible: small n and m, large ηλ.

# %% tags=["nbval-ignore-output"]
explore(decay.draw_per_epoch,
        {"eta": slider("η", 0.5, 0.01, 1.0, 0.01),
         "lmbda": log_slider("λ", 5.0, math.log10(5) - 2, math.log10(5) + 2, 0.1),
         "m": int_slider("m", 10, 1, 100),
         "n": int_slider("n", 50_000, 1_000, 60_000, 1_000)})

# %% [markdown]
# ## Summary
#
# - An epoch of pure decay multiplies every weight by (1 − ηλ/n)^(n/m), which tends to
#   exp(−ηλ/m) as n grows: the compound-interest limit; n drops out.
# - The log error is about (ηλ/m)·(ηλ/n)/2 = (ηλ)²/(2mn): with ηλ/m of order one, ηλ ≪ n is
#   enough; (ηλ)² ≪ mn is the general form. The exact decay is slightly stronger.
# - For the book's runs ηλ/n is 1e−5 or 5e−5, and the factor is right to a few parts in a
#   million per epoch. Real training from the old initialization decays at this pace while the
#   weights are large.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** On this course's offline data (n = 4,000), with η = 0.5, λ = 5 and m = 10, what is the
# *exact* factor one epoch of pure decay multiplies a weight by? (Seven significant figures: it
# differs from exp(−0.25) by less than one part in 10⁴, so fewer figures hardly tell them apart.)
# <!-- given: 0.25 -->

# %%
from helpers.exercises.ex02 import (
    check_exact_factor,
    check_exact_factor_function,
    check_leading_term,
    check_rate_ten_percent,
    check_steps,
)

answer = None
check_exact_factor(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# 400 steps of 1 − 2.5/4,000: (1 − 6.25e−4)^400 ≈ 0.7787399
# (`derivations.per_epoch_factor_exact(0.5, 5.0, 4000, 10)`), against exp(−0.25) ≈ 0.7788008.
# </details>
#
# **2.** How many decay steps does one epoch make with n = 50,000 and m = 7? (The book's code
# makes every mini-batch a step, the last one too.)
# <!-- given: 2.5 4,000 6.25e−4 400 0.7787399 0.7788008 0.25 -->

# %%
answer = None
check_steps(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ⌈50,000/7⌉ = 7,143: 7,142 full batches and a last one of 6 examples, each step with the full
# decay 1 − ηλ/n ([A2](A2_decay_numerics.ipynb#ceiling)).
# </details>
#
# **3.** Estimate the relative error of exp(−ηλ/m) for η = 0.5, λ = 5, m = 10, n = 50,000
# from the leading term of the series.
# <!-- given: 50,000 7,143 7,142 -->

# %%
answer = None
check_leading_term(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# −(ηλ)²/(2mn) = −6.25/1,000,000 = −6.25e−6; the exact relative error is −6.2502e−6.
# </details>
#
# **4.** The true decay *rate* per epoch, −(n/m)·log(1 − a), is −log(1 − a)/a times the
# heuristic's ηλ/m (a = ηλ/n, m dividing n). For which a is it 10% faster, −log(1 − a)/a = 1.1?
# (Three significant figures.)
# <!-- given: −6.25 1,000,000 −6.25e−6 −6.2502e−6 -->

# %%
answer = None
check_rate_ten_percent(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# The series 1 + a/2 + a²/3 suggests a ≈ 0.18; solving −log(1 − a)/a = 1.1 numerically (for
# example by bisection with `decay.rate_ratio`) gives a ≈ 0.176. For the book's runs a is 10⁴
# times smaller.
# </details>
#
# **5.** Write the exact factor as a function. Complete `exact_factor(eta, lmbda, n, m)` so that
# it returns what one epoch of pure decay multiplies a weight by, for any η, λ, n and m (also
# when m does not divide n). The check calls it on several settings and names the one that
# fails.
# <!-- given: 0.18 0.176 10⁴ -->

# %%
def exact_factor(eta, lmbda, n, m):
    return None  # your code


check_exact_factor_function(exact_factor)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def exact_factor(eta, lmbda, n, m):
#     steps = -(-n // m)  # ceil(n/m) in integers
#     return (1 - eta * lmbda / n) ** steps
# ```
# (`derivations.per_epoch_factor_exact`). With the exponent n/m the case m ∤ n fails; with
# exp(−ηλ/m) every case fails in the sixth digit or sooner.
# </details>
