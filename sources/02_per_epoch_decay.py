# %% [markdown]
# # Decay per epoch
#
# Part (2) of the exercise: an epoch of weight decay multiplies the weights by
# (1 − ηλ/n)^⌈n/m⌉, which is about exp(−ηλ/m) — at the right *rate* when ηλ ≪ n, and to the
# right *value* when (ηλ)² ≪ mn — how close, with proofs, the book's numbers, and measurements.

# %% [markdown]
# ## You will learn
#
# - why n/m small steps of (1 − ηλ/n) compound to about exp(−ηλ/m), and that the training-set
#   size n drops out;
# - the size of the error — its leading term −(ηλ)²/(2mn) and a two-sided bound — and what
#   happens when a mini-batch does not divide the training set;
# - what "ηλ ≪ n" controls (the decay rate) and what it does not (the factor itself, which
#   needs (ηλ)² ≪ mn), and how the approximation breaks when they fail;
# - that the engine, with the data gradient switched off, reproduces the exact factor to machine
#   precision, and how long real training follows it.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import book_logs, decay, derivations
from helpers.book_init import book_initial_sum_w2
from helpers.data import load_mnist
from helpers.network import Network
from helpers.plots import use_course_style
from helpers.widgets import explore, int_slider, log_slider, slider

use_course_style()
mnist = load_mnist()
X, y = mnist.train
n = len(X)  # 4,000 offline

# %% [markdown]
# ## From one step to one epoch
#
# Notebook 01 showed that each mini-batch step multiplies every weight by 1 − ηλ/n before the
# data gradient is subtracted. An epoch walks through the n training examples in mini-batches
# of m, so it makes n/m steps (⌈n/m⌉ when m does not divide n; the last batch is short). If the
# decay acted alone, one epoch would multiply every weight by
#
#   (1 − ηλ/n)^(n/m).
#
# Write x = ηλ. Then this is ((1 − x/n)^n)^(1/m), and (1 − x/n)^n → e^(−x) as n grows: the
# familiar limit behind compound interest. So for large n the epoch factor tends to
# exp(−ηλ/m), and n has dropped out: per epoch, only η, λ and the mini-batch size matter.

# %%
derivations.per_epoch_limit()

# %% [markdown]
# ## How large is the error?
#
# A limit says nothing about a finite n. Take logarithms: log of the exact factor is
# (n/m)·log(1 − x/n), and the series log(1 − u) = −u − u²/2 − u³/3 − … gives the error of the
# log as a series in 1/n. Its leading term is −x²/(2mn) = −(ηλ)²/(2mn): negative (the exact
# decay is a little *stronger* than exp(−ηλ/m)), and small when (ηλ)² is small against mn.
# That is **not** the exercise's condition ηλ ≪ n.

# %%
derivations.per_epoch_log_error_series()

# %% [markdown]
# Two different errors hide here, and each has its own condition. With a = ηλ/n:
#
# - the **rate error**: the exact decay rate per epoch, −(n/m)·log(1 − a), against the
#   heuristic's ηλ/m, minus 1. It equals −log(1 − a)/a − 1, depends on a alone, and is small
#   exactly when **ηλ ≪ n** — the exercise's condition;
# - the **log error**: log(exact factor) + ηλ/m. It is −(ηλ/m) times the rate error, so it lies
#   between −(ηλ)²/(2mn(1 − a)) and −(ηλ)²/(2mn), and it is small exactly when
#   **(ηλ)² ≪ mn**. The factor's relative error is e^(log error) − 1.
#
# ηλ ≪ n does not imply (ηλ)² ≪ mn: many epochs' worth of decay packed into one (ηλ/m large)
# multiplies a small rate error into a large error of the factor. SymPy proves both pairs of
# bounds for every 0 < a < 1 and evaluates a counterexample exactly, ηλ = 100, n = 10⁴, m = 1:
# <!-- given: 100 10⁴ -->

# %%
derivations.per_epoch_error_conditions()

# %% [markdown]
# There a = 1%, so the rate is right to 0.5034%, yet the log error is −0.5034: the exact factor
# is 39.6% smaller than exp(−100). For the exercise,
# ηλ ≪ n is the condition that matters: the course compares *rates* of decay (epochs to reach a
# level), and the rate error does not grow with ηλ/m. For the book's runs both conditions hold
# by a wide margin (below).

# %% [markdown]
# A series is an asymptotic statement too. For a guarantee at every n, the two inequalities
# −u/(1 − u) ≤ log(1 − u) ≤ −u (0 ≤ u < 1) turn into a two-sided bound on the factor itself:

# %%
derivations.per_epoch_bounds()

# %% [markdown]
# The upper bound is the book's exp(−ηλ/m): the approximation always *over*-estimates the
# factor (under-estimates the decay). The lower bound differs from it only by the factor
# 1/(1 − ηλ/n) in the exponent. The relative error exact/approx − 1 is computed in the form
# below, with expm1 and log1p. It avoids subtracting two nearly equal factors, but not all
# cancellation: the argument of expm1 is the sum of ⌈n/m⌉·log1p(−ηλ/n) and ηλ/m, two numbers
# of size ηλ/m that nearly cancel, so digits are lost there — about log₁₀ of their ratio to
# the sum. How many, and what is left, measured against a 50-digit evaluation:

# %%
derivations.relative_error_form()

# %%
# NBVAL_CHECK_OUTPUT
import mpmath  # noqa: E402 (SymPy's arbitrary-precision library, used here as the reference)

for eta_b in (0.1, 0.5):
    x_b, n_b, m_b = eta_b * 5.0, 50_000, 10
    term = (n_b // m_b) * math.log1p(-x_b / n_b)
    twin = float(derivations.per_epoch_relative_error(eta_b, 5.0, n_b, m_b))
    with mpmath.workdps(50):
        x_mp = mpmath.mpf(eta_b) * 5
        reference = mpmath.expm1((n_b // m_b) * mpmath.log1p(-x_mp / n_b) + x_mp / m_b)
    lost = math.log10(abs(x_b / m_b) / abs(term + x_b / m_b))
    dev = abs(twin / float(reference) - 1)
    assert dev < 1e-9
    print(f"η = {eta_b}: expm1 argument = {term:.10f} + {x_b / m_b:g} = "
          f"{term + x_b / m_b:.4e}; about {lost:.1f} of float64's 16 digits cancel; the "
          f"result agrees with 50 digits to better than 1e-9 (relative)")

# %% [markdown]
# ## The book's runs
#
# The weight-initialization graphs of chapter 3 use η = 0.1, λ = 5, m = 10, n = 50,000; the
# book's full-data L2 run uses η = 0.5. Each epoch then has 5,000 steps with a = ηλ/n = 1e−5 or
# 5e−5. From scratch in plain Python, then against the numeric twins and the exact-arithmetic
# proof:

# %%
# NBVAL_CHECK_OUTPUT
rows = derivations.book_per_epoch_factors()
for eta_b in (0.1, 0.5):
    lmbda_b, n_b, m_b = 5.0, 50_000, 10
    exact = (1 - eta_b * lmbda_b / n_b) ** (n_b // m_b)
    approx = math.exp(-eta_b * lmbda_b / m_b)
    row = rows[f"eta={eta_b}, lambda=5"]
    np.testing.assert_allclose([exact, approx], [row["exact"], row["approx"]], rtol=1e-12)
    print(f"η = {eta_b}: exact (1 - {eta_b * lmbda_b / n_b:.0e})^{n_b // m_b} = {exact:.7f}, "
          f"exp(-{eta_b * lmbda_b / m_b:g}) = {approx:.7f}, "
          f"difference {exact - approx:.1e}, relative error {row['relative_error']:.3e}, "
          f"leading term -(ηλ)²/(2mn) = {-(eta_b * lmbda_b) ** 2 / (2 * m_b * n_b):.3e}; "
          f"over 30 epochs (exact/approx)^30 - 1 = {(exact / approx) ** 30 - 1:.1e}")

# %%
derivations.per_epoch_book_examples()

# %% [markdown]
# For η = 0.1 the exact factor is 0.9512292 and the approximation 0.9512294: they differ by
# 2.4e−7 (relative −2.5e−7). For η = 0.5 they are 0.7787959 and 0.7788008, a difference of
# 4.9e−6 (relative −6.25e−6). These relative errors are what the leading term predicts. Over
# 30 epochs they compound to −7.5e−6 and −1.9e−4: invisible next to everything else that
# happens in training. For the book's settings, part (2) of the exercise is true to better than
# one part in 10⁵ per epoch.
# <!-- given: 30 10⁵ -->

# %% [markdown]
# ## When m does not divide n
#
# The book's code takes the mini-batches `training_data[k:k+m]` for k = 0, m, 2m, …, so an epoch
# has ⌈n/m⌉ steps and the last batch is short — but each step decays by the full 1 − ηλ/n. With
# n = 50,000 and m = 7, that is 7,143 steps instead of 7,142.86: the exact factor lies between
# (1 − ηλ/n)^(n/m + 1) and (1 − ηλ/n)^(n/m), within one step's factor.

# %%
derivations.per_epoch_ceiling()

# %%
# NBVAL_CHECK_OUTPUT
eta_c, lmbda_c, n_c, m_c = 0.1, 5.0, 50_000, 7
steps = -(-n_c // m_c)  # ceil(n/m) in integers
q = 1 - eta_c * lmbda_c / n_c
np.testing.assert_allclose(q**steps, derivations.per_epoch_factor_exact(eta_c, lmbda_c, n_c, m_c),
                           rtol=1e-13)
approx_c = math.exp(-eta_c * lmbda_c / m_c)
print(f"n = {n_c:,}, m = {m_c}: {steps} steps (n/m = {n_c / m_c:.2f}); exact {q**steps:.7f}, "
      f"with n/m steps {q ** (n_c / m_c):.7f}, exp(-ηλ/m) = {approx_c:.7f}")
print(f"relative changes: extra part-step {q**steps / q ** (n_c / m_c) - 1:.1e}, "
      f"approximation's own error {q ** (n_c / m_c) / approx_c - 1:.1e}, together "
      f"{q**steps / approx_c - 1:.1e}")

# %% [markdown]
# The extra 1/7 of a step changes the factor by −1.4e−6, four times the approximation's own
# error here (−3.6e−7); together, exact/exp(−ηλ/m) − 1 = −1.8e−6 — still negligible.
# <!-- given: 1/7 -->

# %% [markdown]
# ## When ηλ ≪ n fails
#
# Write a = ηλ/n, the per-step decay rate. The relative error of one epoch's factor has the
# leading term −(n/m)·a²/2: it depends on a and on the number of steps per epoch. A cleaner
# measure depends on a alone: the ratio of the true decay *rate* (minus the log of the exact
# factor) to the heuristic's ηλ/m. When m divides n it is −log(1 − a)/a, and its series shows
# that the true decay is faster than the heuristic's by about a/2, in relative terms:

# %%
decay.rate_ratio_series()

# %% [markdown]
# The bound proved above says more: the ratio lies between 1 and 1/(1 − a) for every a in
# (0, 1) (at a = 0 the ratio is undefined; its limit is 1). A table for n = 1,000 and m = 10 (100 steps per epoch — the book's small-data
# runs use n = 1,000), with ηλ growing:
# <!-- given: 1,000 -->

# %%
# NBVAL_CHECK_OUTPUT
table = decay.error_rows([0.1, 1.0, 10.0, 50.0, 100.0, 300.0, 500.0], n=1_000, m=10)
print(f"{'ηλ':>9} {'a = ηλ/n':>13} {'exact':>10} {'approx':>10} {'rel. error':>11} "
      f"{'leading term':>12} {'rate ratio':>10}")
for row in table:
    print(f"{row['eta_lmbda']:9g} {row['a']:13.1e} {row['exact']:10.3e} {row['approx']:10.3e} "
          f"{row['relative_error']:11.3e} {row['first_term']:12.3e} {row['rate_ratio']:10.4f}")
print("true decay faster than exp(-ηλ/m): "
      + ", ".join(f"{row['rate_ratio'] - 1:.1%} at a = {row['a']:g}" for row in table))

# %% [markdown]
# Up to a = 0.01 the leading term describes the error well (−5.02e−3 against −5.00e−3). At
# a = 0.05 the exact factor is already 12% below the approximation, and from a ≈ 0.3 on the two
# differ by orders of magnitude: the relative error tends to −100% while the leading-term
# formula, −4.5 and −12.5, no longer means anything. In rates the picture is milder: at a = 0.1
# the true decay is 5.4% faster than exp(−ηλ/m) says, at a = 0.5 39% faster. The left figure
# shows how the relative error grows with the rate a for three numbers of steps per epoch; the
# right one, the rate ratio with its bounds.

# %%
decay.draw_error_growth()
plt.show()

# %% [markdown]
# ## Measured: pure decay in the engine
#
# `Network.train(..., data_gradient=False)` runs the book's loop with the data gradient removed
# from the weight update, so only the decay acts on the weights. From the old initialization on
# the 4,000 digits, with η = 0.5 and λ = 5, each weight's ratio w_e / w_(e−1) must equal the
# exact factor (1 − ηλ/n)^⌈n/m⌉ — for m = 10 (400 steps) and for m = 7 (⌈4000/7⌉ = 572 steps,
# the last batch has 3 examples).

# %%
# NBVAL_CHECK_OUTPUT
for m_pure in (10, 7):
    pure = decay.pure_decay_deviation(X, y, eta=0.5, lmbda=5.0, m=m_pure, epochs=2)
    assert pure["max_rel_dev"] < 1e-13
    print(f"m = {m_pure}: {pure['steps']} steps per epoch, exact factor {pure['factor']:.8f} "
          f"(exp(-ηλ/m) = {math.exp(-0.5 * 5.0 / m_pure):.8f}); largest "
          f"|w_e/w_(e-1) / factor - 1| over 2 epochs and all weights: below 1e-13")

# %% [markdown]
# The deviations, below 1e−13, are the rounding of several hundred multiplications (their exact
# size depends on the CPU's floating-point kernels, so only the bound is printed): the engine
# applies exactly the factor the proofs are about, with ⌈n/m⌉ steps when m ∤ n.
#
# ## Measured: real training against exp(−ηλ/m)
#
# Now with the data gradient on. We train [784, 30, 10] from the old initialization with
# η = 0.5 and with η = 0.1 (λ = 5, m = 10) for 15 epochs and divide the hidden layer's weight
# RMS by its value one epoch earlier. While decay dominates, that ratio should be the pure-decay
# factor: 0.7787 for η = 0.5 and 0.9512 for η = 0.1. These are the book's η, λ and m, but not
# its n: with n = 4,000, λ/n is 12.5 times the book's 5/50,000. The per-epoch decay factor
# hardly depends on n, but an epoch has 400 gradient steps instead of 5,000, so the subset
# favours decay more than the book's run does (notebook 03 measures by how much).
# <!-- given: 784 30 0.5 0.1 15 0.7787 0.9512 4,000 12.5 5/50,000 5,000 400 -->

# %%
runs = {}
for eta_r in (0.5, 0.1):
    runs[eta_r] = Network([784, 30, 10], init="large", seed=1).train(
        X, y, epochs=15, mini_batch_size=10, eta=eta_r, lmbda=5.0, seed=2, instrument=False)

# %%
# NBVAL_CHECK_OUTPUT
for eta_r, hist in runs.items():
    early = decay.early_epoch_ratios(hist)
    off = early["ratio"] / early["exact"] - 1
    within = int(np.argmax(np.abs(off) > 0.02)) if np.any(np.abs(off) > 0.02) else len(off)
    print(f"η = {eta_r}: pure-decay factor {early['exact']:.4f} (exp(-ηλ/m) = "
          f"{early['approx']:.4f}); hidden RMS epoch 0 {hist.rms[0, 0]:.3f}, 5 "
          f"{hist.rms[5, 0]:.3f}, 10 {hist.rms[10, 0]:.3f}, 15 {hist.rms[15, 0]:.3f}")
    print("  per-epoch ratio: " + ", ".join(f"{r:.3f}" for r in early["ratio"]))
    print(f"  within 2% of the pure-decay factor for the first {within} epochs; "
          f"pure decay alone would give RMS {hist.rms[0, 0] * early['exact'] ** 10:.2f} at "
          f"epoch 10, {hist.rms[0, 0] * early['exact'] ** 15:.4f} at epoch 15")

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

# %% [markdown]
# With η = 0.5 the hidden weights follow the pure-decay factor closely in the first epochs
# (ratios 0.779, 0.781, 0.783, 0.788 against 0.7787) and then slow down as they approach the level
# where the data gradient holds them (notebook 04): RMS 0.99 → 0.30 at epoch 5 → 0.13 at epoch
# 10 (pure decay alone: 0.08) → 0.113 at epoch 15, where the ratio is back near 1. With η = 0.1 each epoch's decay is five
# times weaker, the weights are still large after 15 epochs, and the ratio stays at the
# pure-decay value throughout. So part (2) is not only an algebraic statement: while the weights
# are large, real training decays at exp(−ηλ/m) per epoch.
#
# The book's own log agrees, and here the starting point is known exactly. The book's script
# (fig/overfitting.py, which wrote fig/regularized_full.json: η = 0.5, λ = 5, n = 50,000)
# seeds numpy with 12345678 before drawing the initial weights, and numpy's legacy generator
# still reproduces those draws: `helpers.book_init` gives the book's Σw²₀, so we need not assume
# its mean N_w = 23,820. After each epoch, Σw² is backed out of the logged costs: the book adds
# (λ/2)·Σw²/N to the mean cross-entropy of the N examples it scores, so the test cost E
# (N = 10,000) and the training cost T (N = 50,000) of the same weights give
#
#   Σw² ≈ (E − T) / ((λ/2)·(1/10,000 − 1/50,000)),
#
# **assuming** the test and training data costs are equal (the generalization gap neglected;
# notebook 03 bounds its effect at epoch 1 with the λ = 0 run's gap). The squared norm should
# shrink by the square of the factor, exp(−0.5) = 0.607, per epoch.
# <!-- given: 0.5 5 50,000 12345678 23,820 10,000 -->

# %%
# NBVAL_CHECK_OUTPUT
s0 = book_initial_sum_w2((784, 30, 10), script="overfitting")  # the book's seeded start
sum_w2 = book_logs.regularized_full_sum_w2()  # epochs 1..30, backed out of the costs
pure2 = math.exp(-2 * 0.5 * 5.0 / 10)
print(f"book's start (reproduced): Σw² = {s0:,.1f}; after epochs 1-4 (backed out): "
      + ", ".join(f"{v:,.0f}" for v in sum_w2[:4]))
ratio_1 = sum_w2[0] / s0
print(f"epoch 1 ratio {ratio_1:.3f}; epochs 2-4: "
      + ", ".join(f"{r:.3f}" for r in sum_w2[1:4] / sum_w2[:3])
      + f"; pure decay exp(-2ηλ/m) = {pure2:.3f}")

print(f"epoch 1: ratio / pure decay - 1 = {ratio_1 / pure2 - 1:+.1%}; shrinkage 1 - ratio = "
      f"{1 - ratio_1:.3f} against {1 - pure2:.3f}, {1 - (1 - ratio_1) / (1 - pure2):.1%} less")

# %% [markdown]
# In the book's run the first epoch keeps 0.641 of Σw² against the pure-decay 0.607: the ratio
# is 5.7% higher, and the shrinkage (0.359 against 0.393) is 8.7% smaller. Since the start is
# known, that difference is not sampling noise in an unlogged start: it is a real gradient
# share already in epoch 1, somewhat larger at the book's scale than on our subset, whose λ/n
# is 12.5 times the book's (notebook 03 measures the split). Later epochs slow down (0.666,
# 0.701, 0.740) as the gradient takes a larger share — the same shape as on our 4,000 digits.
# <!-- given: 12.5 -->

# %% [markdown]
# ## Explore: η, λ, m and n
#
# Move the sliders to see the exact per-epoch factor, the approximation exp(−ηλ/m) and their
# relative error; the right panel places your settings on the error curve. Try to make the
# error visible: small n and m, large ηλ. The static figure below shows the book's η = 0.5 run.

# %%
# NBVAL_IGNORE_OUTPUT
explore(decay.draw_per_epoch,
        {"eta": slider("η", 0.5, 0.01, 1.0, 0.01),
         "lmbda": log_slider("λ", 5.0, math.log10(5) - 2, math.log10(5) + 2, 0.1),
         "m": int_slider("m", 10, 1, 100),
         "n": int_slider("n", 50_000, 1_000, 60_000, 1_000)})

# %%
# NBVAL_CHECK_OUTPUT
decay.draw_per_epoch(eta=0.5, lmbda=5.0, m=10, n=50_000)
plt.show()

# %% [markdown]
# ## Summary
#
# - **Proved:** (1 − ηλ/n)^(n/m) → exp(−ηλ/m) as n → ∞; the log-error is
#   −(ηλ)²/(2mn) − (ηλ)³/(3mn²) − …; two conditions, two errors: ηλ ≪ n makes the decay
#   *rate* right (rate error between a/2 and a/(2(1 − a))), (ηλ)² ≪ mn makes the *factor*
#   right (log error between −(ηλ)²/(2mn(1 − a)) and −(ηλ)²/(2mn)) — at ηλ = 100, n = 10⁴,
#   m = 1 the rate is right to 0.5% but the factor is 39.6% off; for every 0 ≤ ηλ < n the
#   factor lies between
#   exp(−(ηλ/m)/(1 − ηλ/n)) and exp(−ηλ/m); with m ∤ n an epoch has ⌈n/m⌉ steps and its factor
#   moves by less than one step's; the true decay rate is −log(1 − a)/a = 1 + a/2 + … times the
#   heuristic's, a = ηλ/n.
# - **The book's numbers:** η = 0.1: exact 0.9512292, approximation 0.9512294 (relative error
#   −2.5e−7); η = 0.5: exact 0.7787959, approximation 0.7788008 (−6.25e−6). For these runs
#   "ηλ ≪ n" holds with ηλ/n = 1e−5 and 5e−5.
# - **When it fails:** at 100 steps per epoch the relative error is −0.5% at a = 0.01, −12% at
#   a = 0.05 and tends to −100% beyond a ≈ 0.3; the rate is 5% too slow at a = 0.1.
# - **Measured:** with the data gradient off, the engine reproduces (1 − ηλ/n)^⌈n/m⌉ per epoch
#   to better than 1e−13 (m = 10 and m = 7). In real training from the old init the hidden RMS
#   follows the pure-decay factor within 2% for the first 4 epochs at η = 0.5 and for all 15 at
#   η = 0.1 (on 4,000 digits, where λ/n is 12.5 times the book's); the book's own log, from its
#   reproduced seeded start Σw²₀ = 23,518.9, shows nearly the same pace in its first epoch (Σw²
#   ratio 0.641 against 0.607: 5.7% higher, a real gradient share).
# <!-- given: 10⁴ 100 -->

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** On this course's offline data (n = 4,000), with η = 0.5, λ = 5 and m = 10, what is the
# *exact* factor one epoch of pure decay multiplies a weight by? (Seven significant figures: it
# differs from exp(−0.25) by less than one part in 10⁴, so fewer figures hardly tell them apart.)

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
# **2.** How many decay steps does one epoch make with n = 50,000 and m = 7?
# <!-- given: 2.5 4,000 6.25e−4 400 0.7787399 0.7788008 -->

# %%
answer = None
check_steps(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ⌈50,000/7⌉ = 7,143: 7,142 full batches and a last one of 6 examples, each step with the full
# decay 1 − ηλ/n.
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
# **4.** For which per-step rate a = ηλ/n is the true decay rate 10% faster than the heuristic's,
# that is −log(1 − a)/a = 1.1? (Three significant figures.)
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
