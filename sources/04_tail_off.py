# %% [markdown]
# # Where the decay tails off (part 3)
#
# Part (3) says the decay stops near 1/√N_w. We prove what each heuristic behind it says, then
# measure the tail-off level one variable at a time — N_w, n_in, λ, η, n — and find the law it
# follows, and which term of the exact norm identity holds the weights up.

# %% [markdown]
# ## You will learn
#
# - one definition of "the tail-off level", used by every notebook of the course;
# - how the level moves with N_w, n_in, λ, η and n, with seed spreads and log-log slopes;
# - which of four heuristics — cost balance, unsaturation, the stationary point, the noise
#   equilibrium — predicts which of those moves, fed with measured inputs;
# - why the norm stops: the exact split of each step's change of ‖w‖² into decay, a radial term
#   and a jitter term, and the time the norm takes to settle;
# - what "λ not too large" means: the λ at which the network stops learning.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations, tailoff, verdict
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
sweeps = {name: tailoff.load_sweep(name) for name in tailoff.SWEEP_NAMES}

# %% [markdown]
# ## Four heuristics, proved
#
# **Cost balance.** Decay matters while the penalty (λ/2n)Σw² is large against the data cost C₀.
# If all N_w weights have the typical size w, the penalty is λN_w w²/(2n), and it equals C₀ at
# w = √(2nC₀/(λN_w)). One answer to the Data Science Stack Exchange question on this exercise
# stops here and concludes w ∝ 1/√N_w — which holds only at fixed n, λ and C₀.

# %%
derivations.cost_balance()

# %% [markdown]
# **Unsaturation.** A neuron with n_in inputs of mean square E[x²] has Var z = n_in w² E[x²]
# (bias left out, notebook 03). Asking for Var z = 1 gives w = 1/√(n_in E[x²]); the book's
# 1/√n_in is the case E[x²] = 1. MNIST pixels are mostly 0, so we use the measured E[x²].
# Another answer in the same thread equates a layer's input count with √N_w; for [784, 30, 10]
# that replaces 784 by √23,820 ≈ 154.3, a factor 5.08 in the input count and √5.08 ≈ 2.25 in w
# (printed below).

# %%
derivations.unsaturation_scale()

# %%
# NBVAL_CHECK_OUTPUT
root_n_w = math.sqrt(784 * 30 + 30 * 10)
print(f"√N_w = {root_n_w:.1f}; 784 / √N_w = {784 / root_n_w:.2f}; "
      f"√(784 / √N_w) = {math.sqrt(784 / root_n_w):.2f}")

# %% [markdown]
# **The stationary point.** The update w ← (1 − a)w − g stands still where g = −a·w; with
# a = ηλ/n and g = η ∂C₀/∂w that is (λ/n)w = −∂C₀/∂w, where the regularized cost is flat. The
# gradient ∂C₀/∂w of one weight depends on every width of the network, so this condition does
# involve N_w — through the data, not through a formula.

# %%
derivations.fixed_point()

# %% [markdown]
# **The noise equilibrium.** If each step added independent zero-mean noise of standard
# deviation s to a weight, w ← (1 − a)w + ξ would settle where E[w²] = s²/(a(2 − a)) ≈ s²/(2a).

# %%
derivations.noise_equilibrium()

# %% [markdown]
# **The exact identity behind all four.** For one step w′ = (1 − a)w − g of any layer,
# ‖w′‖² = (1 − a)²‖w‖² − 2(1 − a)⟨w, g⟩ + ‖g‖². The change of ‖w‖² is a *decay* term
# −a(2 − a)‖w‖², a *radial* term −2(1 − a)⟨w, g⟩ (first order in η: positive when the data
# push the weights outwards) and a *jitter* term ‖g‖² (second order in η). The norm stands still
# on average when radial + jitter = |decay|; the noise equilibrium is the case radial = 0.

# %%
derivations.norm_step_identity()

# %% [markdown]
# ## One definition of the tail-off level
#
# **The tail-off level of a layer is the root mean square of its weights over the last third of
# the epochs of a run** (epochs 21–30 of a 30-epoch run): `tailoff.tail_off_level`, with the
# same rule for all weights together. Notebook 05 applies it to the book's logs. Every run below
# is stored in `data/sweeps/` by `tools/sweep_tailoff.py`: [784, 30, 10] on the 4,000 digits,
# η = 0.5, λ = 5, m = 10, 30 epochs, five seeds, from the old N(0, 1) and the new N(0, 1/n_in)
# initialization, changing one setting at a time. Not every sweep runs 30 epochs: the η sweep
# scales the epochs as 1/η (the same pure-decay factor ηE in every run) and the two n sweeps as
# 1/n (the same number of steps); the stored runs' own counts are printed below. The budget of ‖w‖² is recorded step by step by
# `tailoff.train_budget`, which makes the engine's very updates; here is that claim checked on a
# fresh two-epoch run, and the level and the four heuristics of one stored run from scratch.
# <!-- given: 21 30 4,000 0.5 5 10 784 -->

# %%
# NBVAL_CHECK_OUTPUT
net = Network(sizes, init="large", seed=1)
hist = net.train(X, y, epochs=2, mini_batch_size=10, eta=0.5, lmbda=5.0, seed=2)
b = tailoff.train_budget(X, y, sizes, init="large", seed=1, shuffle_seed=2, epochs=2)
np.testing.assert_allclose(b.sq_norm, hist.sq_norm, rtol=1e-12)  # the same weights
np.testing.assert_allclose(b.decay, hist.decay_part, rtol=1e-9)
np.testing.assert_allclose(b.radial + b.jitter, hist.gradient_part, rtol=1e-6)
change = np.diff(b.sq_norm, axis=0)
print("old init, λ = 5: per epoch and layer, decay | radial | jitter | change of ‖w‖²")
for e in range(2):
    print(f"  epoch {e + 1}: " + "; ".join(
        f"{name} {b.decay[e, k]:.0f} | {b.radial[e, k]:+.1f} | {b.jitter[e, k]:.1f} | "
        f"{change[e, k]:+.0f}" for k, name in enumerate(("hidden", "output"))))

# %%
# NBVAL_CHECK_OUTPUT
run = sweeps["width"].run(30, "default", 1)  # the base point, new init, seed 1
eta, lmbda, m = 0.5, 5.0, 10
a = eta * lmbda / n
counts = np.array([784 * 30, 30 * 10])
first, last = tailoff.tail_window(30)
sq = np.asarray(run["sq_norm"])[first:]  # rows: epochs 21..30
level = np.sqrt(np.r_[sq.mean(axis=0) / counts, sq.sum(axis=1).mean() / n_w])
c0 = float(np.mean(run["c0"][first:]))  # training cross-entropy, tail window
mean_x2 = run["mean_in_sq"][0]  # E[x^2] of the training digits
s2 = np.asarray(run["jitter"])[first - 1:].sum(axis=0) / (400 * (last - first + 1)) / counts
w_balance = math.sqrt(2 * n * c0 / (lmbda * n_w))
w_unsat = 1 / math.sqrt(784 * mean_x2)
w_noise = np.sqrt(s2 / (a * (2 - a)))
h = tailoff.run_heuristics(run)
np.testing.assert_allclose(level, tailoff.run_level(run))
np.testing.assert_allclose([w_balance, w_unsat, *w_noise],
                           [derivations.cost_balance_weight(n, c0, lmbda, n_w),
                            derivations.unsaturation_weight(784, mean_x2),
                            *derivations.equilibrium_rms(eta, lmbda, n, np.sqrt(s2))])
np.testing.assert_allclose([w_balance, w_unsat, *w_noise],
                           [h["cost_balance"][2], h["unsaturation"][0], *h["noise"][:2]])
print(f"tail window: epochs {first}-{last}; level: hidden {level[0]:.4f}, output {level[1]:.3f}, "
      f"all weights {level[2]:.4f}")
print(f"1/√N_w = {1 / math.sqrt(n_w):.4f}; 1/√n_in = {1 / math.sqrt(784):.4f}")
print(f"cost balance with the measured C₀ = {c0:.3f}: all weights {w_balance:.4f}")
print(f"unsaturation with the measured E[x²] = {mean_x2:.4f}: hidden {w_unsat:.4f}")
print(f"noise equilibrium with the measured steps: hidden {w_noise[0]:.4f}, "
      f"output {w_noise[1]:.3f}")
print(f"epochs of the stored runs: {verdict.epoch_rule()}")

# %% [markdown]
# In epoch 1 decay dominates the hidden layer by far, while the output layer's gradient terms
# push back hard from the start — the jitter in epoch 1, the radial term in epoch 2; the three
# terms add up to the change of ‖w‖² to rounding. For one
# stored run the level sits far above 1/√N_w in both layers. Cost balance with the C₀ the run
# reaches lands near the all-weights level, unsaturation near the hidden level, and the noise
# equilibrium too low. (That the measured E[x²] and the hidden level print the same four
# digits is a coincidence: one is a mean square of pixels, the other an RMS of weights.) One
# run proves nothing about a law; the sweeps follow.

# %% [markdown]
# ## The law, one variable at a time
#
# Each table gives, per value, the level per layer (mean over the five seeds ± their standard
# deviation; old and new init averaged where they meet within 5%, which they do everywhere),
# then the log-log slope of the level against the variable (mean of the seeds' slopes ± its
# standard error) and the range of the seeds' slopes. Width sweep first: hidden widths 10, 30,
# 100, 300, so N_w = 794·width.
# <!-- given: 5 10 30 100 300 794 -->

# %%
# NBVAL_CHECK_OUTPUT
print(tailoff.level_table(sweeps["width"]))
print(tailoff.width_line(sweeps["width"]))
for init, label in (("large", "old init only"), ("default", "new init only")):
    s_init = tailoff.slope(sweeps["width"], tailoff.levels(sweeps["width"], init),
                           x=tailoff.sweep_x(sweeps["width"]))
    print(f"  {label}: all weights {s_init.mean[2]:+.3f}, hidden {s_init.mean[0]:+.3f}, "
          f"output {s_init.mean[1]:+.3f}")
all_levels = tailoff.combined_levels(sweeps["width"])[:, :, 2].mean(axis=1)
n_ws = tailoff.sweep_x(sweeps["width"])  # N_w of each width
print("all-weights level in units of 1/√N_w: "
      + ", ".join(f"{v * np.sqrt(nw):.1f}" for v, nw in zip(all_levels, n_ws, strict=True)))

# %% [markdown]
# Over all weights the level falls as 1/√N_w — slope −0.498, every seed giving the same value
# to three decimals — so Σw² hardly depends on the width at all. But the level is not 1/√N_w: it is
# 24.5 to 25.3 times that at every width (24.5 at the base point, 0.1587 × √23,820: the
# verdict's figure). The layers split it unevenly:
# the hidden level falls more slowly (−0.444), the output level faster (−0.554). How many of
# those decimals are real: over all weights, both; for the layers, the seeds' standard error
# (0.001) leaves the second decimal standing, but the two inits alone give hidden slopes of
# −0.439 and −0.449, so the layers' second decimal carries an uncertainty of about ±0.01 that more seeds would not
# remove; more epochs would.
# <!-- given: 23,820 -->

# %%
# NBVAL_CHECK_OUTPUT
for name in ("n_in", "lmbda", "eta", "n_fixed_lmbda", "n_fixed_ratio"):
    print(f"-- {verdict.SWEEP_LABELS[name]}")
    print(tailoff.level_table(sweeps[name]))
    for init, label in (("large", "old init only"), ("default", "new init only")):
        s_init = tailoff.slope(sweeps[name], tailoff.levels(sweeps[name], init),
                               x=tailoff.sweep_x(sweeps[name]))
        print(f"  {label}: hidden {s_init.mean[0]:+.3f}, output {s_init.mean[1]:+.3f}, "
              f"all weights {s_init.mean[2]:+.3f}")

# %% [markdown]
# The seeds' standard error of every slope is at most about 0.001, but the two inits alone
# differ in the second decimal (λ: −0.361 old, −0.348 new in the hidden layer; −0.344 and
# −0.334 over all weights), as in the width sweep. So the bullets below quote two decimals of
# the one value the tables print, the mean over both inits — the value and precision of the
# verdict and of the heuristics' slopes further down.
#
# - **n_in** (the same digits averaged over 2×2 or 4×4 blocks; pooling also changes E[x²]): the
#   hidden level follows the input size, slope −0.57; the output layer, whose inputs did not
#   change, barely moves (−0.06).
# - **λ**: slope −0.35 (hidden), −0.32 (output), −0.34 (all): shallower than the −1/2 of the
#   noise argument or the cost balance at fixed C₀.
# - **η** at fixed λ (epochs ∝ 1/η, so every run sees the same pure-decay factor): almost flat,
#   +0.04 over all weights. A level set by mini-batch noise would grow as √η (slope +1/2).
# - **n** at fixed λ rises (+0.30, all weights), but at fixed λ/n it stays put (−0.00): the
#   level depends on λ/n (the per-step decay is a = ηλ/n), not on n itself.
#
# The width result is the one part (3) asks about. The others say what the prefactor of
# 1/√N_w is made of: λ/n (slope about −1/3), the input scale, and the data —
# not η.
# <!-- given: 2 4 -1 -->

# %% [markdown]
# ### The smallest λ, and why the grid stops there
#
# The old init has to come down to the level by pure decay, which takes ln(1/level)/(ηλ/m)
# epochs, and then settle before the tail window opens at epoch 21. At λ = 2.5 it does (15
# epochs); at λ = 1.25 the measured λ-law puts the level near 0.18, and pure decay would need
# 27 epochs to reach it, inside the tail window: the two inits could not meet in 30 epochs.
# <!-- given: 2.5 1.25 21 30 -->

# %%
# NBVAL_CHECK_OUTPUT
lv = tailoff.combined_levels(sweeps["lmbda"]).mean(axis=1)[:, 0]
s_lmbda = tailoff.slope(sweeps["lmbda"]).mean[0]
for lm in (2.5, 1.25):
    guess = lv[0] * (lm / 2.5) ** s_lmbda
    print(f"λ = {lm}: hidden level {guess:.2f} ({'measured' if lm == 2.5 else 'extrapolated'})"
          f", pure decay from RMS 1 reaches it after {math.log(1 / guess) / (0.5 * lm / 10):.0f}"
          f" epochs")

# %% [markdown]
# ## The heuristics, fed with measured inputs
#
# For every run, each heuristic gets the quantities it needs as measured in that run: the
# training cross-entropy C₀ over the tail window (cost balance), the mean square of each layer's
# actual inputs — pixels for the hidden layer, hidden activations for the output layer —
# (unsaturation), the full-data gradient at the end (the stationary point: the size at which
# (λ/n)‖w‖ would equal ‖∂C₀/∂w‖), and the mean ‖g‖² per step in the tail window (noise). The
# predictions, like the levels, are averaged over the old and the new init. Each cell: measured
# level ÷ predicted level over the sweep, then `s` where the prediction's slope is within 0.1 of
# the measured one — the one slope of the tables above — and `-` where it is not. The columns
# are the sweeps: N_w, n_in, λ, η, and n at fixed λ and at fixed λ/n. The penalty-to-C₀ ratio of the cost
# balance is printed below.
# <!-- given: 0.1 -->

# %%
# NBVAL_CHECK_OUTPUT
print(tailoff.heuristic_summary(sweeps.values()))
print(verdict.heuristic_slopes())  # measured: the one slope of the sweep tables above
ratio = np.concatenate([tailoff.sweep_heuristics(sw, init)["penalty_over_c0"].ravel()
                        for sw in sweeps.values() for init in sw.inits])
print(f"(λ/2n)Σw²/C₀ at the tail-off, over all {ratio.size} runs: "
      f"{ratio.min():.2f} to {ratio.max():.2f} (median {np.median(ratio):.2f}); per sweep:")
for name, sw in sweeps.items():
    r = np.array([tailoff.sweep_heuristics(sw, init)["penalty_over_c0"].mean(axis=1)
                  for init in sw.inits])  # (inits, values): seed means
    print(f"  {verdict.SWEEP_LABELS[name]:36s} " + ", ".join(  # range: old vs new init
        f"{v:g}: {r[:, i].min():.2f}-{r[:, i].max():.2f}" for i, v in enumerate(sw.values)))

# %% [markdown]
# - **Cost balance** (all weights only) gets the size right within 0.73–1.43 everywhere: the
#   penalty at the tail-off is 0.51 to 2.07 times C₀ (median 1.02). It predicts the slopes in
#   N_w, η and n at fixed λ, and misses three: in n_in (−0.65 against −0.53), in λ (−0.22
#   against −0.34, because C₀ itself grows with λ) and in n at fixed λ/n (+0.25, while the
#   level stays put).
# - **Unsaturation** predicts the hidden level only where nothing but the input moves: the n_in
#   sweep (1.01–1.05, slope −0.58 against −0.57) and n at fixed λ/n. It is blind to λ, η and
#   N_w (slope 0), and 1.57–4.22 times too low for the output layer.
# - **The stationary point** misses everywhere (measured/predicted 0.08–0.57): at the end of
#   training the full-data gradient is several times the decay's pull — the weights are not at
#   the stationary point, they jitter around it.
# - **The noise equilibrium** is too low (1.20–3.60 hidden, 2.14–8.71 output), and its η slope
#   (+0.54) is far from the measured +0.04: noise is not what holds the norm up.

# %% [markdown]
# ## Why the norm stops
#
# Per step in the tail window, as shares of the decay term: the radial term −2(1 − a)⟨w, g⟩ and
# the jitter ‖g‖² (new init, mean over seeds). Both are positive, and together they make up the
# decay (the norm is flat).

# %%
# NBVAL_CHECK_OUTPUT
for name in ("width", "lmbda", "eta"):
    print(tailoff.budget_table(sweeps[name]))

# %% [markdown]
# The **radial term holds the output layer up** almost alone (0.822–0.986 of the decay in these
# sweeps): the data gradient points outwards on average — cross-entropy keeps asking for larger
# output weights — and decay stops where it has shrunk the weights enough for that push to
# match it. In the **hidden layer** both terms matter: the radial share is 0.585 at the base
# point, rises to 0.884 at η = 0.125 and falls to 0.314 at η = 1 or 0.303 at width 10, where
# the jitter, which is second order in η, takes over (0.689 and 0.699 of the decay). So a
# first-order, systematic push holds the norm up in the output layer everywhere and in the
# hidden layer at η ≤ 0.5 and widths ≥ 30; in the hidden layer at η = 1 and at width 10 the
# jitter carries the larger part, and the hidden level does rise with η (slope +0.11; the
# output level −0.03, all weights +0.04).
# <!-- given: 0.125 1 10 0.5 -->

# %% [markdown]
# ### How long the norm takes to settle
#
# Pure decay shrinks ‖w‖² by (1 − a)² per step, a time constant of 1/(2a) steps = m/(2ηλ)
# epochs. We test it directly: from the end of the new-init run at four λ (three seeds), every
# weight is multiplied by 1.5 or by 1/1.5, and training goes on for 10 epochs with Σw² recorded
# every 20 steps. The relaxation time is when the excess over the tail-off Σw² first falls to
# 1/e of its start.
# <!-- given: 1.5 10 20 -->

# %%
# NBVAL_CHECK_OUTPUT
for lm, r in tailoff.relax_summary(tailoff.load_sweep("relax")).items():
    print(f"λ = {lm:4g}: m/(2ηλ) = {r['predicted']:.2f} epochs; measured: hidden "
          f"{r['mean'][0]:.2f} ± {r['sd'][0]:.2f}, output {r['mean'][1]:.2f} ± {r['sd'][1]:.2f} "
          f"(ratio {r['mean'][0] / r['predicted']:.2f}, {r['mean'][1] / r['predicted']:.2f})")

# %% [markdown]
# The relaxation time scales as 1/λ, as m/(2ηλ) says, but it is 0.50–0.66 of it: the radial
# push is itself weaker when the weights are larger, which pulls a kicked norm back faster
# than decay alone. At the base point the norm settles within a few epochs, long before the
# tail window opens.

# %% [markdown]
# ## "λ not too large": when learning stops
#
# With large λ the level sits so low that the network cannot fit the data. We train from the new
# initialization for 10 epochs at λ up to 400 (ηλ/n must stay below 1 — here λ < 8,000).
# <!-- given: 10 400 8,000 -->

# %%
collapse = tailoff.accuracy_sweep(X, y, [50.0, 100.0, 200.0, 400.0], mnist.validation)

# %%
# NBVAL_CHECK_OUTPUT
for lm, acc, rms in zip(collapse["lmbda"], collapse["accuracy"], collapse["rms"], strict=True):
    print(f"λ = {lm:5.0f} (λ/n = {lm / n:.3f}): validation accuracy {acc:.2f}, "
          f"hidden RMS {rms[0]:.3f}")
lam_dead = tailoff.collapse_lambda(collapse, level=0.2)
acc40 = np.mean([r["accuracy"] for r in sweeps["lmbda"].runs if r["value"] == 40.0])
print(f"accuracy first at or below 20% (chance is 10%) at λ = {lam_dead:.0f}; "
      f"the stored 30-epoch runs at λ = 40 reach {acc40:.2f} on average")

# %% [markdown]
# On the 4,000 digits learning survives λ/n = 0.013 (0.83 after 10 epochs) and collapses
# towards chance between λ/n = 0.050 and 0.100, where one epoch of decay multiplies the
# weights by e^−10 or less (ηλ/m ≥ 10). The book's λ/n = 10⁻⁴ is far inside the safe range.
# <!-- given: 4,000 10 10⁻⁴ -->

# %% [markdown]
# ## Explore: λ, η and the width on the tail-off
#
# The sliders step through a stored λ × η grid (`data/sweeps/grid.json`, seed 1, both inits,
# epochs ∝ 1/η), so each redraw is a look-up. The static figure below shows λ = 5, η = 0.5.
# Its printed figures are of that one seed: its `penalty_over_c0`, (λ/2n)Σw²/C₀ = 0.98, is seed 1
# alone, beside the five-seed means 1.01–1.02 of the base point in the table further up.
# <!-- given: 5 0.5 1 -->

# %%
grid = tailoff.load_sweep("grid")
lambdas = sorted({v[0] for v in grid.values})
etas = sorted({v[1] for v in grid.values})

# %%
# NBVAL_IGNORE_OUTPUT
explore(tailoff.draw_sweep_point,
        {"lmbda": choice_slider("λ", lambdas, 5.0), "eta": choice_slider("η", etas, 0.5)},
        fixed={"grid": grid})

# %%
# NBVAL_CHECK_OUTPUT
tailoff.draw_sweep_point(5.0, 0.5, grid=grid)
plt.show()

# %% [markdown]
# And the width, over the stored width sweep (seed 1): the all-weights level times √N_w stays
# put while N_w grows thirtyfold. The static figure shows width 30.
# <!-- given: 1 30 -->

# %%
# NBVAL_IGNORE_OUTPUT
explore(tailoff.draw_width_point,
        {"width": choice_slider("width", list(sweeps["width"].values), 30)},
        fixed={"sweep": sweeps["width"]})

# %%
# NBVAL_CHECK_OUTPUT
tailoff.draw_width_point(30, sweep=sweeps["width"])
plt.show()

# %% [markdown]
# ## The verdict on part (3)
#
# Stated once for the whole course, in `helpers.verdict`, from the stored sweeps:

# %%
# NBVAL_CHECK_OUTPUT
print(verdict.verdict_markdown(parts=("3",)))

# %% [markdown]
# ## Summary
#
# - **Proved:** cost balance gives w = √(2nC₀/(λN_w)); unsaturation w = 1/√(n_in E[x²]); a fixed
#   point of the update satisfies (λ/n)w = −∂C₀/∂w; pure noise gives E[w²] = s²/(a(2 − a)); and
#   each step changes ‖w‖² by a decay, a radial and a jitter term, exactly.
# - **Measured** (the stored sweeps, five seeds, both inits): the tail-off level of all weights
#   falls as N_w^−0.50 — the scaling of part (3) — at 24.5 times 1/√N_w at the base point
#   (24.5–25.3 over the widths); it depends on λ/n (slope
#   −0.34 in λ, −0.00 in n at fixed λ/n) and hardly on η (+0.04). The hidden level follows the
#   input scale (n_in slope −0.57); the output level stays near the old init's scale (1.01).
# - **Heuristics:** cost balance with the measured C₀ gets the all-weights level within
#   0.73–1.43 and the N_w slope; unsaturation gets the hidden level where only the inputs
#   change; the stationary point misses everywhere (measured/predicted
#   0.08–0.57) and the noise equilibrium is too low (1.20–3.60 hidden, 2.14–8.71 output).
# - **Mechanism:** the radial term, a systematic outward push of the data gradient, holds the
#   norm up — almost alone in the output layer, for the larger part in the hidden layer at the
#   base point; a kicked norm relaxes in 0.50–0.66 of m/(2ηλ) epochs.
# - **Where the book is only approximately right:** "around 1/√N_w" is right in its scaling
#   with N_w and wrong by a factor of 24.5–25.3 in size, a factor set by λ/n and the data.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** For the book's full-data run (n = 50,000, λ = 5, N_w = 23,820), at what weight size w
# does the penalty λN_w w²/(2n) equal a data cost C₀ = 0.4?
# <!-- given: 50,000 5 23,820 0.4 -->

# %%
from helpers.exercises.ex04 import check_balance_weight, check_closer_target, check_noise_rms

answer = None
check_balance_weight(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `derivations.cost_balance_weight(50_000, 0.4, 5.0, 23_820)` = √(2·50,000·0.4/(5·23,820))
# ≈ 0.580.
# <!-- given: 50_000 0.4 5.0 23_820 2 50,000 0.4 5 23,820 0.580 -->
# </details>
#
# **2.** If each step added independent noise of standard deviation s = 0.002 to a weight, with
# η = 0.5, λ = 5 and n = 4,000, what RMS would the weights settle at?
# <!-- given: 0.002 0.5 5 4,000 -->

# %%
answer = None
check_noise_rms(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# a = 0.5·5/4,000 = 6.25e−4, and s/√(a(2−a)) ≈ 0.0566
# (`derivations.equilibrium_rms(0.5, 5.0, 4000, 0.002)`).
# <!-- given: 0.5 5 4,000 6.25e−4 2 0.0566 5.0 4000 0.002 -->
# </details>
#
# **3.** Take the measured hidden tail-off level at the base point,
# `tailoff.combined_levels(sweeps["width"])[1, :, 0].mean()`. Is it closer, as a factor, to
# `"1/sqrt(n_in)"` or to `"1/sqrt(N_w)"`?

# %%
rms_hidden = float(tailoff.combined_levels(sweeps["width"])[1, :, 0].mean())
answer = None
check_closer_target(answer, rms_hidden)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `"1/sqrt(n_in)"`: 0.112·√784 ≈ 3.1, while 0.112·√23,820 ≈ 17.
# <!-- given: 0.112 784 3.1 23,820 17 -->
# </details>
