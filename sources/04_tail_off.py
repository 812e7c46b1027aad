# %% [markdown]
# # Where the decay tails off (part 3)
#
# Three heuristics say where weight decay stops; we prove what each one says, then measure where
# it really stops — and find that part (3) is right only as an order of magnitude, and only for
# the hidden layer.

# %% [markdown]
# ## You will learn
#
# - the heuristics behind "the decay tails off near 1/√n" — cost balance, unsaturation, the
#   stationary point and the noise equilibrium — and the assumption each one makes;
# - that the old and the new initialization settle at one level, from above and from below;
# - where that level sits against 1/√n_in, the unsaturation scale and 1/√N_w, and how it moves
#   with λ — and why the output layer never comes down;
# - what "λ not too large" means: the λ at which the network stops learning.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import book_logs, derivations, tailoff
from helpers.data import load_mnist
from helpers.network import Network
from helpers.plots import use_course_style
from helpers.widgets import choice_slider, explore

use_course_style()
mnist = load_mnist()
X, y = mnist.train
n = len(X)
sizes = tailoff.SIZES  # (784, 30, 10)
n_w = Network(sizes).n_weights  # 23,820
n_in = sizes[0]

# %% [markdown]
# ## Four heuristics, proved
#
# **Cost balance.** Decay matters while the penalty (λ/2n)Σw² is large against the data cost C₀.
# If all N_w weights have the typical size w, the penalty is λN_w w²/(2n), and it equals C₀ at
# w = √(2nC₀/(λN_w)). One of the answers to the question about this exercise on Data Science
# Stack Exchange (the thread on Nielsen's chapter 3 exercise "Connecting regularization and the
# improved method of weight initialization") stops at this point and concludes w ∝ 1/√N_w. That
# holds *at fixed n, λ and C₀* only — the prefactor √(2nC₀/λ) is far from 1.

# %%
derivations.cost_balance()

# %% [markdown]
# **Unsaturation.** Notebook 03 showed that a neuron with n_in inputs of mean square E[x²] has
# Var z = n_in w² E[x²] (bias left out). Asking for Var z = 1 gives w = 1/√(n_in E[x²]). Another
# answer in the same Stack Exchange thread takes inputs of order one and then equates a layer's
# input count with √N_w, which turns this into 1/√N_w; for [784, 30, 10] √N_w = 154 while
# n_in = 784 for the hidden layer and 30 for the output layer, so that step is off by a factor
# of 5 either way. The book's scale 1/√n_in is the case E[x²] = 1; MNIST pixels are mostly 0,
# so below we use the E[x²] measured on the training digits.

# %%
derivations.unsaturation_scale()

# %% [markdown]
# **The stationary point.** The update w ← (1 − a)w − g has the fixed point w* = −g/a; with
# a = ηλ/n and g = η ∂C₀/∂w that is (λ/n)w = −∂C₀/∂w, the place where the regularized cost is
# flat. Decay stops where its pull equals the data's push — a condition that involves λ, n and
# the data, and not N_w.

# %%
derivations.fixed_point()

# %% [markdown]
# **The noise equilibrium.** Mini-batch gradients fluctuate. If each step added independent
# zero-mean noise of standard deviation s to a weight, w ← (1 − a)w + ξ would settle where
# E[w²] = s²/(a(2 − a)) ≈ s²/(2a): a balance between shrinking and jitter.

# %%
derivations.noise_equilibrium()

# %% [markdown]
# From scratch for the numbers of this notebook (n = 4,000, λ = 5, η = 0.5), then against the
# helpers. E[x²] is measured over all 4,000 training digits; C₀ = 0.3 and s = 0.002 are
# illustrative values (measured step sizes follow below).

# %%
# NBVAL_CHECK_OUTPUT
eta, lmbda = 0.5, 5.0
a = eta * lmbda / n
mean_x2 = float(np.mean(X**2))  # mean of x^2 over all pixels of all training digits
w_balance = math.sqrt(2 * n * 0.3 / (lmbda * n_w))
w_book = 1 / math.sqrt(n_in)  # the book's scale: unsaturation with E[x^2] = 1
w_unsat = 1 / math.sqrt(n_in * mean_x2)
w_noise = 0.002 / math.sqrt(a * (2 - a))
np.testing.assert_allclose([w_balance, w_book, w_unsat, w_noise],
                           [derivations.cost_balance_weight(n, 0.3, lmbda, n_w),
                            derivations.unsaturation_weight(n_in, 1.0),
                            derivations.unsaturation_weight(n_in, mean_x2),
                            derivations.equilibrium_rms(eta, lmbda, n, 0.002)])
print(f"measured E[x^2] = {mean_x2:.4f} (rms of ||x|| = {math.sqrt(n_in * mean_x2):.2f})")
print(f"cost balance (C0 = 0.3): w = {w_balance:.4f}")
print(f"unsaturation, book's scale (E[x^2] = 1): w = {w_book:.4f} = 1/sqrt(n_in)")
print(f"unsaturation, measured E[x^2]: w = {w_unsat:.4f} = 1/sqrt(n_in E[x^2])")
print(f"noise equilibrium (s = 0.002): w = {w_noise:.4f}")
print(f"1/sqrt(N_w) = {1 / math.sqrt(n_w):.4f}")

# %% [markdown]
# MNIST's inputs are far from E[x²] = 1: the measured E[x²] = 0.1124 (‖x‖ ≈ 9.39, as in
# notebook 05) moves the unsaturation scale from the book's 1/√n_in = 0.0357 up to 0.1065. Cost
# balance (0.1420) and the noise equilibrium (0.0566) depend on the illustrative C₀ and s, so
# they only show how the answer moves with them. All of these sit well above
# 1/√N_w = 0.0065. Only a measurement can say where the decay stops.

# %% [markdown]
# ## Measured: one level, reached from both sides
#
# For each λ in {2.5, 5, 10, 20, 40} we train [784, 30, 10] for 30 epochs with η = 0.5,
# m = 10 on the 4,000 digits, once from the old initialization and once from the new one (same
# seeds). This grid is computed once here; the widget below only looks it up.

# %%
lambdas = [2.5, 5.0, 10.0, 20.0, 40.0]
nets = {}  # the trained networks, kept for the stationarity check below
grid = tailoff.run_grid(X, y, lambdas, eta=0.5, m=10, epochs=30, evaluation=mnist.validation,
                        networks=nets)

# %%
# NBVAL_CHECK_OUTPUT
for lm in lambdas:
    eq = tailoff.equilibrium(grid, lm)
    print(f"lambda = {lm:5.2f}: hidden RMS old {eq['old'][0]:.4f} new {eq['new'][0]:.4f} "
          f"met {bool(eq['met'][0])!s:5s} | output RMS old {eq['old'][1]:.3f} "
          f"new {eq['new'][1]:.3f} | hidden/(1/sqrt(n_in)) {eq['mean'][0] * math.sqrt(n_in):.2f}"
          f" | accuracy {grid[lm, 'default'].accuracy[-1]:.3f}")
h_old, h_new = grid[5.0, "large"], grid[5.0, "default"]
print("lambda = 5, hidden RMS by epoch (old / new): " + ", ".join(
    f"{e}: {h_old.rms[e, 0]:.3f}/{h_new.rms[e, 0]:.3f}" for e in (0, 5, 10, 20, 30)))
print("lambda = 5, output RMS by epoch (old / new): " + ", ".join(
    f"{e}: {h_old.rms[e, 1]:.3f}/{h_new.rms[e, 1]:.3f}" for e in (0, 1, 2, 5, 30)))
hidden = {lm: float(tailoff.equilibrium(grid, lm)["mean"][0]) for lm in lambdas}
output5 = float(tailoff.equilibrium(grid, 5.0)["mean"][1])
print(f"hidden level over the grid: {hidden[lambdas[-1]]:.4f} (lambda = {lambdas[-1]:g}) to "
      f"{hidden[lambdas[0]]:.4f} (lambda = {lambdas[0]:g})")
print(f"hidden level / unsaturation prediction {w_unsat:.4f} (measured E[x^2]): "
      f"{hidden[5.0] / w_unsat:.2f} at lambda = 5, from {hidden[lambdas[-1]] / w_unsat:.2f} "
      f"to {hidden[lambdas[0]] / w_unsat:.2f} over the grid")
print(f"hidden level / book's scale 1/sqrt(n_in) = {w_book:.4f}: {hidden[5.0] / w_book:.2f} "
      f"at lambda = 5")
print(f"output level at lambda = 5: {output5:.3f} = {output5 * math.sqrt(30):.1f} x "
      f"1/sqrt(30) = {1 / math.sqrt(30):.4f}")

# %% [markdown]
# **Hidden layer.** At λ = 5 the old-init hidden RMS falls from 0.992 to 0.112 and the
# new-init one rises from 0.035 to 0.112; from about epoch 20 the two agree at the printed
# precision — the initialization is forgotten. For every λ of the grid the two inits agree
# within 5% after 30 epochs. The grid starts at λ = 2.5 for a reason: below it, 30 epochs of
# pure decay (a factor exp(−30ηλ/m), 0.15 at λ = 1.25) cannot bring the old init down to the
# level, so the runs would need more epochs.
#
# At λ = 5 the level is 3.14 times the book's scale 1/√n_in = 0.0357, and 1.05 times the
# unsaturation prediction with the measured E[x²], 0.1065. That near-match is partly luck: over
# the grid the level runs from 0.0536 (λ = 40) to 0.1418 (λ = 2.5), that is from 0.50 to 1.33
# times the same prediction, while the prediction does not depend on λ at all. Unsaturation
# gets the hidden layer's order of magnitude right; λ = 5 happens to sit near it.
#
# **Output layer.** Here part (3) fails. Its level at λ = 5 is 1.004, 5.5 times its own
# 1/√n_in = 1/√30 = 0.1826 — about the scale of the old N(0, 1) initialization, which the
# old-init output weights never leave (see the output RMS by epoch above), while the new-init
# output weights grow up to it. Decay tails off here without ever having dominated: the
# stationarity section below shows the output layer's gradient part of Δ‖w‖² beating the decay
# part after the first epoch.

# %% [markdown]
# ### How the level moves with λ
#
# The stationary point with a gradient that did not depend on w would give w ∝ 1/λ (slope −1 on
# a log-log plot); the noise equilibrium with fixed noise gives w ∝ λ^(−1/2). We fit the slope
# over the λ where the two inits met.

# %%
# NBVAL_CHECK_OUTPUT
met = [lm for lm in lambdas if tailoff.equilibrium(grid, lm)["met"].all()]
levels = np.array([tailoff.equilibrium(grid, lm)["mean"] for lm in met])
slopes = [tailoff.loglog_slope(met, levels[:, l]) for l in range(2)]
print(f"lambdas where old and new met: {met}")
print(f"log-log slope of the equilibrium RMS against lambda: hidden {slopes[0]:.3f}, "
      f"output {slopes[1]:.3f}  (noise argument: -0.5; fixed gradient: -1)")
for lm in (5.0, 20.0):
    pred = tailoff.noise_prediction(grid[lm, "default"])
    eq = tailoff.equilibrium(grid, lm)["mean"]
    print(f"lambda = {lm:4.1f}: noise-equilibrium prediction from the measured step size: "
          f"hidden {pred[0]:.4f} (measured {eq[0]:.4f}, x{eq[0] / pred[0]:.2f}), "
          f"output {pred[1]:.3f} (measured {eq[1]:.3f}, x{eq[1] / pred[1]:.2f})")

# %%
fig, ax = plt.subplots(figsize=(9, 4))
for l, name in enumerate(("hidden", "output")):
    eq = np.array([tailoff.equilibrium(grid, lm)["mean"][l] for lm in lambdas])
    ax.loglog(lambdas, eq, "o-", color=f"C{l}", label=f"{name} layer, measured")
    ref = eq[lambdas.index(5.0)] * (np.array(lambdas) / 5.0) ** -0.5
    ax.loglog(lambdas, ref, ":", color=f"C{l}", label=f"{name}: slope −1/2 through λ = 5")
ax.axhline(1 / math.sqrt(n_in), color="C2", ls="--", label="1/√n_in (hidden)")
ax.axhline(1 / math.sqrt(30), color="C4", ls="--", label="1/√30 (output's n_in)")
ax.axhline(1 / math.sqrt(n_w), color="C3", ls="--", label="1/√N_w")
ax.set_xticks(lambdas, [f"{lm:g}" for lm in lambdas])
ax.minorticks_off()
ax.set_xlabel("λ")
ax.set_ylabel("equilibrium weight RMS (last 5 epochs)")
ax.set_title("η = 0.5, m = 10, n = 4,000: where the decay stops", fontsize=9)
ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0))
fig.tight_layout()
plt.show()

# %% [markdown]
# The measured slope is −0.350 for the hidden layer and −0.321 for the output layer:
# shallower than −1/2 and far from −1. The noise argument, fed with the measured mean
# gradient-step size, predicts levels 1.73–1.79 times too low for the hidden layer and
# 3.69–4.62 times too low for the output layer: gradient steps are not independent noise (they
# are partly systematic and correlated from step to step), and their size itself depends on λ.
# No one of the heuristics gives the level or its slope; all say "decay stops where it balances
# the data", and the balance depends on λ, n and the data.

# %% [markdown]
# ### Is the end of training a stationary point?
#
# At the end of the λ = 5 run from the old initialization we compare the decay's pull (λ/n)·w
# with the data's push −∂C₀/∂w, computed over all 4,000 training digits with `net.gradient`.
# Then we train 5 more epochs with a ten times smaller η = 0.05 (less mini-batch noise) and
# compare again.

# %%
net = nets[5.0, "large"]
np.testing.assert_allclose(np.sqrt(np.mean(net.weights[0] ** 2)), grid[5.0, "large"].rms[-1, 0])
at_end = tailoff.stationarity(net, X, y, 5.0)
net.train(X, y, epochs=5, mini_batch_size=10, eta=0.05, lmbda=5.0, seed=3)
annealed = tailoff.stationarity(net, X, y, 5.0)

# %%
# NBVAL_CHECK_OUTPUT
for label, st in (("after 30 epochs, eta = 0.5", at_end), ("then 5 epochs, eta = 0.05", annealed)):
    print(label)
    for l, name in enumerate(("hidden", "output")):
        print(f"  {name}: corr((lambda/n)w, -dC0/dw) = {st[l]['corr']:.3f}, "
              f"||dC0/dw|| / ||(lambda/n)w|| = {st[l]['ratio']:.2f}")

# %% [markdown]
# What does balance at η = 0.5 is the squared norm. `History` splits each epoch's change of
# ‖w‖² into a decay part and a gradient part (notebook 03's split); here they are for the λ = 5
# runs of the grid, in the first and the last epochs.

# %%
# NBVAL_CHECK_OUTPUT
for init, label, epochs in (("large", "old", [1, 2, 3, 26, 27, 28, 29, 30]),
                            ("default", "new", [26, 27, 28, 29, 30])):
    nb = tailoff.norm_balance(grid[5.0, init], epochs)
    print(f"lambda = 5, {label} init | hidden: decay, gradient, change of ||w||^2 "
          f"| output: decay, gradient, change")
    for e, d, g, c in zip(nb["epochs"], nb["decay"], nb["gradient"], nb["change"], strict=True):
        print(f"  epoch {e:2d} | {d[0]:9.1f} {g[0]:+9.1f} {c[0]:+7.1f} "
              f"| {d[1]:7.1f} {g[1]:+7.1f} {c[1]:+6.1f}")

# %% [markdown]
# Not at all, at first: the full-data gradient is ten times the decay's pull and nearly
# uncorrelated with it. The weights at η = 0.5 are not *at* the stationary point; they jitter
# around it with mini-batch noise, and what balances is the *norm* — the decay part and the
# gradient part of Δ‖w‖² cancel epoch by epoch (notebook 03's split). With smaller steps the
# weights move toward the stationary point: the correlation rises (0.36 hidden, 0.77 output) and
# the ratio falls toward 1 (2.0 and 1.3). The stationary condition describes where the noise is
# centred, not where the weights are.

# %% [markdown]
# ## "λ not too large": when learning stops
#
# With large λ the equilibrium sits so low that the network cannot fit the data. We train from
# the new initialization for 10 epochs at λ up to 400 (ηλ/n must stay below 1 — here
# λ < 8,000).

# %%
collapse = tailoff.accuracy_sweep(X, y, [50.0, 100.0, 200.0, 400.0], mnist.validation)

# %%
# NBVAL_CHECK_OUTPUT
for lm, acc, rms in zip(collapse["lmbda"], collapse["accuracy"], collapse["rms"], strict=True):
    print(f"lambda = {lm:5.0f} (lambda/n = {lm / n:.3f}): validation accuracy {acc:.3f}, "
          f"hidden RMS {rms[0]:.4f}")
lam_dead = tailoff.collapse_lambda(collapse, level=0.2)
for lm in (5.0, 40.0):
    print(f"30-epoch grid for comparison: lambda = {lm:3.0f} (lambda/n = {lm / n:.5f}): "
          f"validation accuracy {grid[lm, 'default'].accuracy[-1]:.3f}")
print(f"accuracy first at or below 20% (chance is 10%) at lambda = {lam_dead:.0f}; "
      f"per-epoch decay there exp(-eta*lambda/m) = {math.exp(-0.5 * lam_dead / 10):.1e}")

# %% [markdown]
# In the 30-epoch grid, λ/n = 0.01 (λ = 40) still reaches 0.856 against 0.906 at λ = 5. In the
# 10-epoch sweep accuracy is already down to 0.828 at λ/n = 0.013 and 0.720 at 0.025; at 0.05
# it is 0.464 and at 0.1 it is 0.126, next to chance: one epoch of decay then multiplies the
# weights by e^−10 or less, and the data gradient can no longer hold them up. On our 4,000
# digits "λ not too large" therefore means λ/n up to about 0.01, with 0.05–0.1 the collapse
# zone; the book's λ = 5 at n = 50,000 (λ/n = 1e−4) is far inside.

# %% [markdown]
# ## The book's own run
#
# The book's full-data L2 run (fig/regularized_full.json: [784, 30, 10], η = 0.5, λ = 5,
# m = 10, n = 50,000) logs its training and test costs, whose L2 terms carry different
# multiples of Σw². `helpers.book_logs.regularized_full_sum_w2()` backs Σw² out of their
# difference, **assuming the test and training data costs C₀ are equal** (neglecting the
# generalization gap, which makes the estimate an upper bound when the gap is positive).

# %%
# NBVAL_CHECK_OUTPUT
sum_w2 = book_logs.regularized_full_sum_w2()
plateau = float(np.mean(sum_w2[8:]))  # epochs 9..30
rms_book = math.sqrt(plateau / n_w)
print(f"fig/regularized_full.json: sum w^2 after epoch 1 = {sum_w2[0]:,.0f}, "
      f"mean over epochs 9-30 = {plateau:,.0f}")
print(f"plateau RMS = {rms_book:.3f} = {rms_book * math.sqrt(n_in):.1f} x 1/sqrt(n_in) "
      f"= {rms_book * math.sqrt(n_w):.0f} x 1/sqrt(N_w)")

# %% [markdown]
# The book's run stops at an RMS of about 0.35 over all weights (this mixes both layers; the
# output layer's weights are much larger, as in our runs) — about ten times 1/√784 and fifty
# times 1/√N_w. With n = 50,000 the decay's pull (λ/n)w is 12.5 times weaker than on our 4,000
# digits at the same λ, so the balance sits higher: another sign that the level depends on n,
# not only on N_w.

# %% [markdown]
# ## Explore: λ and the tail-off level
#
# The slider steps through the λ values of the cached grid above, so it redraws instantly:
# hidden-layer RMS per epoch for both initializations. The static figure below shows λ = 5 for
# readers without a kernel.

# %%
# NBVAL_IGNORE_OUTPUT
explore(tailoff.draw_tailoff,
        {"lmbda": choice_slider("λ", lambdas, 5.0)},
        fixed={"grid": grid})

# %%
# NBVAL_CHECK_OUTPUT
tailoff.draw_tailoff(5.0, grid=grid)
plt.show()

# %% [markdown]
# ## Summary
#
# - **Proved:** cost balance gives w = √(2nC₀/(λN_w)); unsaturation gives w = 1/√(n_in E[x²]);
#   a fixed point of the update satisfies (λ/n)w = −∂C₀/∂w; pure noise gives E[w²] = s²/(a(2−a)).
# - **Measured (η = 0.5, m = 10, 4,000 digits):** the old and new initializations settle at the
#   same hidden RMS, 0.112 at λ = 5: 3.14 × the book's scale 1/√n_in = 0.0357, 1.05 × the
#   unsaturation prediction 0.1065 with the measured E[x²] = 0.1124, and 17 × 1/√N_w. Over the
#   grid λ = 2.5–40 the hidden level moves from 0.1418 to 0.0536 (log-log slope −0.350, not
#   −1/2, not −1), so the match with unsaturation at λ = 5 is partly luck. The output layer
#   settles at RMS 1.004 at λ = 5, 5.5 × 1/√30, the old-init scale, which
#   the old-init output weights never leave — for that layer part (3) fails. The weights at the end of
#   training are not at the stationary point (full-data gradient 10.00 × the pull, correlation
#   0.069); they jitter around it, and only the squared norm balances (decay and gradient parts
#   within 2% of each other in epochs 26–30). "λ not too large" means λ/n up to about
#   0.01; learning collapses between λ/n = 0.05 and 0.1 (accuracy 0.464, then 0.126).
# - **Cited:** the book's own λ = 5 run (fig/regularized_full.json) plateaus at RMS ≈ 0.35 from
#   epoch 9 on: ten times 1/√n_in, fifty times 1/√N_w.
# - **Verdict on the exercise:** part (2) is the arithmetic of the update and holds
#   quantitatively (notebook 02). Parts (1) and (3) hold for the **hidden layer** only. There
#   decay dominates the first epochs (notebooks 03, 06) and then tails off at a level of order
#   1/√n_in rather than 1/√N_w — close to the unsaturation scale with MNIST's measured E[x²] at
#   λ = 5, but moving with λ, because it stops where decay balances the data gradient, which
#   depends on λ, n and the data, not only on the number of weights. For the **output layer**
#   both fail: from the old initialization its weights never decay (RMS 1.004 at λ = 5 after
#   30 epochs, 5.5 × its 1/√n_in = 1/√30), because the gradient part outweighs the decay part
#   from epoch 2 on (measured above; notebook 06 for the book's setting).

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** For the book's full-data run (n = 50,000, λ = 5, N_w = 23,820), at what weight size w
# does the penalty λN_w w²/(2n) equal a data cost C₀ = 0.4?

# %%
from helpers.exercises.ex04 import check_balance_weight, check_closer_target, check_noise_rms

answer = None
check_balance_weight(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `derivations.cost_balance_weight(50_000, 0.4, 5.0, 23_820)` = √(2·50,000·0.4/(5·23,820))
# ≈ 0.580.
# </details>
#
# **2.** If each step added independent noise of standard deviation s = 0.002 to a weight, with
# η = 0.5, λ = 5 and n = 4,000, what RMS would the weights settle at?

# %%
answer = None
check_noise_rms(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# a = 0.5·5/4,000 = 6.25e−4, and s/√(a(2−a)) ≈ 0.0566
# (`derivations.equilibrium_rms(0.5, 5.0, 4000, 0.002)`).
# </details>
#
# **3.** Take the measured hidden equilibrium at λ = 5, `tailoff.equilibrium(grid, 5.0)["mean"][0]`.
# Is it closer, as a factor, to `"1/sqrt(n_in)"` or to `"1/sqrt(N_w)"`?

# %%
rms_hidden = float(tailoff.equilibrium(grid, 5.0)["mean"][0])
answer = None
check_closer_target(answer, rms_hidden)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `"1/sqrt(n_in)"`: 0.112·√784 ≈ 3.1, while 0.112·√23,820 ≈ 17.
# </details>
