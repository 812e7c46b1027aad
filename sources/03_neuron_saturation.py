# %% [markdown]
# # Neuron saturation (part 1)
#
# Why the first epochs under the old initialization belong to weight decay: most hidden neurons
# start saturated, and the data gradient, though large step by step, hardly changes ‖w‖².

# %% [markdown]
# ## You will learn
#
# - how wide the weighted inputs z of the hidden neurons are under the old and the new
#   initialization, proved and then measured on real digits;
# - which share of hidden neurons starts saturated (σ′(z) < 0.01), in closed form and measured;
# - how to split the change of ‖w‖² in one epoch into a *decay part* and a *gradient part*, and
#   why decay dominates the **norm** even though each gradient step is longer than each decay step;
# - what "λ not too small" means in numbers: the λ below which decay no longer dominates epoch 1.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from helpers import book_logs, derivations, saturation
from helpers.data import load_mnist, probe_batch
from helpers.network import SATURATION_THRESHOLD, Network
from helpers.plots import use_course_style
from helpers.widgets import explore, log_slider

use_course_style()
mnist = load_mnist()
X, y = mnist.train
n = len(X)
probe = probe_batch(X)  # the first 1,000 training digits, the same at every epoch
sizes = saturation.SIZES  # (784, 30, 10)

# %% [markdown]
# ## The slope of the sigmoid
#
# A neuron learns through σ′(z): backpropagation multiplies the error reaching a hidden neuron
# by σ′ of its weighted input. Four facts about σ′, each proved by the helper it calls.

# %%
derivations.sigmoid_derivative()

# %%
derivations.sigmoid_derivative_max()

# %%
derivations.sigmoid_derivative_exp_bound()

# %% [markdown]
# So σ′ is at most 1/4 and falls off like e^−|z|. The course calls a neuron *saturated* on an
# input when σ′(z) < ε = 0.01 (`SATURATION_THRESHOLD`); solving σ′(z) = ε gives the cut-off
# |z| > z_ε:

# %%
derivations.saturation_threshold()

# %%
# NBVAL_CHECK_OUTPUT
z_eps = 2 * math.acosh(1 / (2 * math.sqrt(SATURATION_THRESHOLD)))  # from scratch
np.testing.assert_allclose(z_eps, derivations.saturation_threshold_value(SATURATION_THRESHOLD))
print(f"z_eps = {z_eps:.4f}  (sigma'(z_eps) = {float(derivations.sigmoid_prime(z_eps)):.4f})")

# %% [markdown]
# ## How wide is z at initialization?
#
# A hidden neuron computes z = Σᵢ wᵢxᵢ + b. With independent zero-mean weights of variance
# σ_w² and a bias of variance σ_b², the input held fixed, the variance of z adds up term by
# term. The old initialization has σ_w = σ_b = 1; the new one σ_w² = 1/n_in = 1/784, σ_b = 1.

# %%
derivations.weighted_input_variance()

# %% [markdown]
# If z is normal with standard deviation s, the share of saturated (input, neuron) pairs is the
# probability of |z| > z_ε:

# %%
derivations.saturated_probability()

# %% [markdown]
# For MNIST pixels in [0, 1] the input norm is about 9.4 (its root mean square over the probe
# batch is computed below). From scratch, then against the helpers:

# %%
# NBVAL_CHECK_OUTPUT
x_rms = float(np.sqrt(np.mean(np.sum(probe**2, axis=1))))
z_std_old = math.sqrt(1.0 * x_rms**2 + 1.0)
z_std_new = math.sqrt(x_rms**2 / 784 + 1.0)
share_old = math.erfc(z_eps / (z_std_old * math.sqrt(2)))
share_new = math.erfc(z_eps / (z_std_new * math.sqrt(2)))
np.testing.assert_allclose([z_std_old, z_std_new],
                           [derivations.weighted_input_std(x_rms, 1.0, 1.0),
                            derivations.weighted_input_std(x_rms, 1 / 28, 1.0)])
np.testing.assert_allclose([share_old, share_new],
                           [derivations.saturated_share(z_std_old),
                            derivations.saturated_share(z_std_new)])
print(f"RMS of ||x|| over the probe batch: {x_rms:.3f}")
print(f"old init: z std = {z_std_old:.3f}, saturated share = {share_old:.4f}")
print(f"new init: z std = {z_std_new:.3f}, saturated share = {share_new:.2e}")

# %% [markdown]
# ### Measured on real digits
#
# Now the network itself: 30 hidden neurons, 1,000 probe digits, the weighted input of every
# (digit, neuron) pair. `init_saturation` also averages the closed form over each digit's own
# ‖x‖ (the "mixture"), because ‖x‖ varies from digit to digit.

# %%
# NBVAL_CHECK_OUTPUT
for init, label in ((1.0, "old init N(0,1)"), (1 / 28, "new init N(0,1/784)")):
    r = saturation.init_saturation(probe, init, seed=1)
    print(f"{label:20s} z std measured {r['z_std']:.3f} vs closed form {r['z_std_closed']:.3f};"
          f" saturated share measured {r['share']:.4f} vs closed form {r['share_closed']:.4f}"
          f" (mixture {r['share_mixture']:.4f})")
many = [saturation.init_saturation(probe, 1.0, seed=s) for s in range(1, 21)]
print(f"old init, 20 seeds: z std {math.sqrt(np.mean([r['z_std']**2 for r in many])):.3f}, "
      f"share {np.mean([r['share'] for r in many]):.4f} ± "
      f"{np.std([r['share'] for r in many]):.4f} (seed-to-seed std)")

# %% [markdown]
# The closed form is close but not exact. With seed 1 the 30 neurons happen to have slightly
# narrower z (9.00 against 9.48) and 60.6% of pairs are saturated against the predicted 62.9%;
# averaged over 20 seeds the share is 62.0%, and the seed-to-seed spread (about 2 points) covers
# the gap. What remains is the mixture effect: ‖x‖ varies between digits, and averaging the
# closed form over the digits gives 61.4% rather than 62.9%. Under the new initialization the
# closed form predicts 0.001% saturated and none of the 30,000 pairs is.
#
# Why this matters for part (1): the gradient of C₀ with respect to a hidden weight carries a
# factor σ′(z). With six in ten (digit, neuron) pairs below σ′ = 0.01, a large part of the data
# gradient of the hidden layer is switched off at the start — while weight decay acts on every
# weight regardless.

# %% [markdown]
# ## The change of ‖w‖², split in two
#
# One step of the book's rule is w′ = (1 − a)w − g, with a = ηλ/n and g = η·∂C₀/∂w on the
# mini-batch. Expanding ‖w′‖² splits its change exactly into
#
# - the **decay part** ((1 − a)² − 1)·‖w‖², always negative, and
# - the **gradient part** ‖g‖² − 2(1 − a)⟨w, g⟩.
#
# The engine sums both over each epoch, per layer (`History.decay_part`, `gradient_part`).
# We train with the book's weight-initialization settings η = 0.1, λ = 5, m = 10 and with the
# book's full-data L2 run's η = 0.5, both from the old initialization, for 30 epochs. One
# setting is *not* the book's: n = 4,000 instead of 50,000, so λ/n is 12.5 times larger. The
# per-epoch decay depends only on ηλ/m, but each epoch has 400 gradient steps instead of 5,000:
# the subset favours decay more than the book's run does (measured below).

# %%
runs = {}
for eta in (0.1, 0.5):
    runs[eta] = Network(sizes, init="large", seed=1).train(
        X, y, epochs=30, mini_batch_size=10, eta=eta, lmbda=5.0, seed=2, probe=probe)

# %%
# NBVAL_CHECK_OUTPUT
for eta, h in runs.items():
    pure = np.exp(-eta * 5.0 / 10 * h.epoch)
    print(f"eta = {eta}: hidden RMS epoch 0 {h.rms[0, 0]:.3f}, 5 {h.rms[5, 0]:.3f}, "
          f"10 {h.rms[10, 0]:.3f}, 30 {h.rms[30, 0]:.3f}  (pure decay from epoch 0: "
          f"{h.rms[0, 0] * pure[5]:.3f}, {h.rms[0, 0] * pure[10]:.3f}, "
          f"{h.rms[0, 0] * pure[30]:.3f})")
    for e in (1, 2, 5, 10):
        d, g = h.decay_part[e - 1], h.gradient_part[e - 1]
        print(f"   epoch {e:2d}: hidden decay {d[0]:9.1f}  gradient {g[0]:7.1f} | "
              f"output decay {d[1]:7.1f}  gradient {g[1]:6.1f}")
    print("   hidden gradient part, epochs 1-6: "
          + ", ".join(f"{g:.1f}" for g in h.gradient_part[:6, 0]))

# %% [markdown]
# In the hidden layer the decay part is 300 times the gradient part in epoch 1 at η = 0.5
# (−9,124 against +30), and 200 times at η = 0.1 (−2,204 against −11). With η = 0.1 the hidden
# RMS follows pure decay for all 30 epochs (0.234 against 0.221 for pure decay from 0.992); with
# η = 0.5 the decay is five times faster and the gradient part catches up after about ten
# epochs. The **output layer** is a different story: its gradient part is of the same size as
# its decay part from the first epoch on and soon exceeds it. Part (1) is a statement about the
# hidden layer, which holds 98.7% of the weights; notebook 06 explains the output layer.
#
# How much of the factor 300 is due to the small training set? The book's own log gives an
# estimate at the book's scale. `helpers.book_logs` backs Σw² after epoch 1 out of the costs of
# fig/regularized_full.json (η = 0.5, λ = 5, m = 10, n = 50,000; all weights, both layers). The
# start is not logged; under the old initialization Σw² has mean N_w = 23,820 and standard
# deviation √(2N_w). Pure decay would leave N_w·exp(−0.5); what the log shows beyond that is the
# gradient part (approximately: the decay part is taken along the pure-decay path).

# %%
# NBVAL_CHECK_OUTPUT
n_w, n_book = 784 * 30 + 30 * 10, 50_000
after_1 = float(book_logs.regularized_full_sum_w2()[0])  # fig/regularized_full.json, epoch 1
f2 = math.exp(-2 * 0.5 * 5.0 / 10)  # pure decay of sum w^2 in one epoch
start_sd = math.sqrt(2 * n_w)
book = {s0: (s0 * (f2 - 1), after_1 - s0 * f2) for s0 in (n_w - start_sd, n_w, n_w + start_sd)}
d_b, g_b = book[n_w]
print(f"book, epoch 1, all weights: sum w^2 = {after_1:,.0f}; pure decay {n_w * f2:,.0f}; "
      f"decay part {d_b:,.0f}, gradient part {g_b:,.0f} ± {f2 * start_sd:.0f}")
print(f"  |decay| / |gradient| = {abs(d_b / g_b):.1f} (start one std lower / higher: "
      + " / ".join(f"{abs(d / g):.1f}" for s0, (d, g) in book.items() if s0 != n_w) + ")")
h5 = runs[0.5]
print(f"subset, epoch 1, eta = 0.5: |decay| / |gradient| = "
      f"{abs(h5.decay_part[0, 0] / h5.gradient_part[0, 0]):.0f} (hidden), "
      f"{abs(h5.decay_part[0].sum() / h5.gradient_part[0].sum()):.0f} (all weights)")
print(f"lambda/n: subset {5.0 / n:.2e}, book {5.0 / n_book:.1e} (x{n_book / n:.1f})")

# %% [markdown]
# At the book's scale the decay part is about 15 times the gradient part in epoch 1 (12 to 19
# times if the unlogged start lies one standard deviation either way), for all weights together.
# On the subset the same comparison gives 88 (and 304 for the hidden layer alone, which the
# book's log cannot separate). So decay still dominates epoch 1 of the book's run, but by an
# order of magnitude less than on our 4,000 digits: per epoch the decay part does not depend on
# n, while the gradient part is a sum over n/m steps.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharey=True)
for ax, (eta, h) in zip(axes, runs.items(), strict=True):
    e = np.arange(1, h.epochs + 1)
    for l, name in enumerate(("hidden", "output")):
        ratio = np.abs(h.gradient_part[:, l]) / np.abs(h.decay_part[:, l])
        ax.semilogy(e, ratio, "o-", ms=3, color=f"C{l}", label=f"{name} layer")
    ax.axhline(1, color="k", ls=":", label="|gradient part| = |decay part|")
    ax.set_xlabel("epoch")
    ax.set_title(f"old init, η = {eta}, λ = 5, m = 10", fontsize=9)
axes[0].set_ylabel("|gradient part| / |decay part| of Δ‖w‖²")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# The dip of the hidden curve at η = 0.1 around epoch 4 is not a moment of pure decay: the
# gradient part changes sign there (−1.7, +0.2, +1.2 in epochs 3, 4 and 5, printed above), so
# its absolute value passes close to 0 and the log axis plunges.

# %% [markdown]
# ## Decay dominates the norm, not the steps
#
# It is tempting to read part (1) as "each decay step is bigger than each gradient step". The
# engine also records the mean length of each step (`decay_step_norm`, `gradient_step_norm`):

# %%
# NBVAL_CHECK_OUTPUT
for eta, h in runs.items():
    d, g = h.decay_step_norm[0], h.gradient_step_norm[0]
    print(f"eta = {eta}, epoch 1, mean step length: hidden decay {d[0]:.4f} vs gradient "
          f"{g[0]:.4f} (x{g[0] / d[0]:.1f}); output decay {d[1]:.4f} vs gradient {g[1]:.4f} "
          f"(x{g[1] / d[1]:.1f})")

# %% [markdown]
# Each gradient step is 4.7 (η = 0.5) to 5.4 (η = 0.1) times longer than the decay step of the
# hidden layer. How can the decay still win? Two reasons, which we measure by repeating epoch 1
# by hand (`saturation.epoch_steps`, the same shuffle and update as the engine) and keeping
# every step:
#
# 1. a gradient step is almost orthogonal to w. Its effect on ‖w‖² has two pieces: the first
#    order −2(1 − a)⟨w, g⟩ and the second order ‖g‖². Because |cos(w, g)| is tiny, the first
#    order piece is no larger than the second, and *both* are tiny next to the decay part, whose
#    steps point straight at 0;
# 2. the gradient steps also point in different directions from one mini-batch to the next and
#    largely cancel over an epoch, so they move w little in net — while every decay step points
#    at 0. (This cancellation is about the displacement of w; the exact split of Δ‖w‖² above
#    is kept small by reason 1.)
#
# The *coherence* of a sequence of steps is ‖Σ steps‖ / Σ‖step‖: 1 if they are all parallel,
# about 1/√(number of steps) for random directions.

# %%
net = Network(sizes, init="large", seed=1)
steps = saturation.epoch_steps(net, X, y, eta=0.5, lmbda=5.0, m=10, seed=2)
h = runs[0.5]
np.testing.assert_allclose(steps.decay_part, h.decay_part[0], rtol=1e-9)
np.testing.assert_allclose(steps.gradient_part, h.gradient_part[0], rtol=1e-9)
np.testing.assert_allclose(steps.gradient_step_norm, h.gradient_step_norm[0], rtol=1e-9)
engine = Network(sizes, init="large", seed=1)
engine.train(X, y, epochs=1, mini_batch_size=10, eta=0.5, lmbda=5.0, seed=2)
np.testing.assert_allclose(net.weights[0], engine.weights[0], rtol=1e-9, atol=1e-12)

# %%
# NBVAL_CHECK_OUTPUT
coh = saturation.coherence(steps)
cos = steps.cosine[:, 0]
print(f"hidden layer, epoch 1, eta = 0.5, {len(cos)} steps:")
print(f"  mean |cos(w, g)| = {np.mean(np.abs(cos)):.4f}")
print(f"  coherence of the decay steps    = {coh['decay'][0]:.4f}")
print(f"  coherence of the gradient steps = {coh['gradient'][0]:.4f}  "
      f"(random walk: {coh['random_walk']:.4f})")
cross = -2 * (1 - steps.a) * steps.wg[:, 0]
print(f"  gradient part {steps.gradient_part[0]:.1f} = sum ||g||^2 {steps.gg[:, 0].sum():.1f} "
      f"+ sum -2(1-a)<w,g> {cross.sum():.1f} (sum of |.| {np.abs(cross).sum():.1f}); "
      f"decay part {steps.decay_part[0]:,.1f}")
d_hidden = 784 * 30
print(f"  random direction in D = {d_hidden:,} dims: E|cos| = sqrt(2/(pi*D)) = "
      f"{math.sqrt(2 / (math.pi * d_hidden)):.4f}")
net_decay = np.linalg.norm(steps.decay_sum[0])
net_grad = np.linalg.norm(steps.gradient_sum[0])
print(f"  net displacement over the epoch: decay {net_decay:.2f}, gradient {net_grad:.2f}; "
      f"||w|| at the start {math.sqrt(steps.sq_norm[0, 0]):.1f}")

# %% [markdown]
# The gradient steps have an angle to w whose cosine is 0.0013 on average — four times smaller
# even than for a random direction in the 23,520 dimensions of the hidden weights (0.005). So
# the first-order piece, −38.9 summed over the epoch (57.8 in absolute values), is of the same
# size as the second-order piece Σ‖g‖² = 68.9; both are tiny next to the decay part, −9,124.2.
# Over the epoch
# they add up to a tenth of their total length — twice a random walk, far from coherent. The
# decay steps add up to 99.9% of their total length, all of it along −w. That is the precise
# sense of part (1): the **norm** of the hidden weights is governed by decay in the first
# epochs, while the direction of w keeps being pushed around by the data.

# %% [markdown]
# ## "λ not too small", in numbers
#
# The decay part of epoch 1 grows in proportion to λ (≈ −2(ηλ/m)‖w‖² while ηλ/m ≪ 1), while
# the gradient part barely depends on λ. We sweep λ over a log grid, one epoch each, and find
# where |decay part| = |gradient part| for the hidden layer.

# %%
lambdas = np.geomspace(1e-3, 10, 13)
sweeps = {eta: saturation.lambda_sweep(X, y, lambdas, eta=eta) for eta in (0.1, 0.5)}

# %%
# NBVAL_CHECK_OUTPUT
for eta, sw in sweeps.items():
    lam_c = saturation.crossover_lambda(sw, layer=0)
    print(f"eta = {eta}: hidden-layer crossover lambda = {lam_c:.4f} (lambda/n = {lam_c / n:.1e});"
          f" at lambda = 5 decay/gradient = "
          f"{abs(runs[eta].decay_part[0, 0] / runs[eta].gradient_part[0, 0]):.0f}; "
          f"scaled to n = 50,000 (x{50_000 / n:.1f}): about {lam_c * 50_000 / n:.2f}")

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for color, (eta, sw) in zip(("C0", "C1"), sweeps.items(), strict=True):
    ax.loglog(sw["lmbda"], np.abs(sw["decay_part"][:, 0]), "o-", ms=3, color=color,
              label=f"|decay part|, η = {eta}")
    ax.loglog(sw["lmbda"], np.abs(sw["gradient_part"][:, 0]), "s--", ms=3, color=color,
              label=f"|gradient part|, η = {eta}")
ax.axvline(5.0, color="k", ls=":", label="the book's λ = 5")
ax.set_xlabel("λ")
ax.set_ylabel("epoch 1: |part of Δ‖w‖²|, hidden layer")
ax.set_title("old init, m = 10, n = 4,000 digits: where decay starts to dominate", fontsize=9)
ax.legend(ncol=2)
plt.show()

# %% [markdown]
# At η = 0.5 decay dominates epoch 1 as soon as λ exceeds about 0.01 (0.02 at η = 0.1) on our
# 4,000 digits. That is a number for this training set, not a universal constant: the gradient
# part is a sum over n/m steps, while the per-epoch decay part does not depend on n, so the
# crossover λ grows roughly in proportion to n. Scaled by 50,000/4,000 = 12.5 it becomes about
# 0.13 (η = 0.5) or 0.30 (η = 0.1) — a rough estimate, since the gradient per step also changes
# with the data, but still far below the book's λ = 5. The book's own log points the same way:
# its epoch-1 ratio of about 15 at λ = 5 (all weights, above) would put the crossover of all
# weights together near λ = 5/15 ≈ 0.3. So "λ not too small" is a mild condition for the
# hidden layer, though a less generous one at the book's n than on the subset.

# %% [markdown]
# ## Explore: initial scale and λ
#
# The static figure below shows the starting values for readers without a kernel. Move the
# weight standard deviation of the initialization (1 is the old init, 1/28 ≈ 0.036
# the new one) and λ. Each move builds a fresh network and trains one epoch (η = 0.5, m = 10)
# on the 4,000 digits, which takes a fraction of a second. Left: the weighted inputs at
# initialization against the saturation band |z| > z_ε; right: epoch 1's decay and gradient
# parts of the hidden layer.

# %%
# NBVAL_IGNORE_OUTPUT
explore(saturation.draw_init_and_split,
        {"init_scale": log_slider("init scale σ_w", 1.0, -2, 0.5, step=0.05),
         "lmbda": log_slider("λ", 5.0, math.log10(5) - 3, math.log10(5) + 1, step=0.1)},
        fixed={"X": X, "y": y, "probe": probe})

# %% [markdown]
# The same figure at the old initialization and λ = 5, for readers without a kernel:

# %%
# NBVAL_CHECK_OUTPUT
saturation.draw_init_and_split(1.0, 5.0, X=X, y=y, probe=probe)
plt.show()

# %% [markdown]
# On the linear axis of the right panel the gradient-part bar (+30.0 against −9,124.2 for the
# decay part) is too short to see; its value is written where the bar would be and in the
# `gradient_part = ` line. Things to try: at σ_w = 0.036 (the new init) no pair is saturated and the gradient part is no
# longer negligible; at λ = 0.01 the two parts are of the same size.

# %% [markdown]
# ## Summary
#
# - **Proved:** σ′ ≤ 1/4 and σ′(z) ≤ e^−|z|; σ′(z) < 0.01 exactly when |z| > z_ε ≈ 4.585;
#   Var z = σ_w²‖x‖² + σ_b²; for normal z the saturated share is erfc(z_ε/(s√2)).
# - **Measured:** on MNIST digits ‖x‖ ≈ 9.4, so z has std ≈ 9.5 under the old init (≈ 1.05
#   under the new). The closed form predicts 62.9% saturated pairs; we measure 60.6% (seed 1),
#   62.0% ± 1.9% over 20 seeds; under the new init, none.
# - **Part (1) holds for the hidden layer, about its norm.** In epoch 1 on our 4,000 digits the
#   decay part of Δ‖w‖² is 200–300 times the gradient part (η = 0.1 and 0.5, λ = 5). Yet each
#   gradient step is about five times longer than a decay step: the gradient steps are nearly
#   orthogonal to w (|cos| ≈ 0.0013, against 0.005 for a random direction), so both pieces of the
#   gradient part, −2(1 − a)⟨w, g⟩ and ‖g‖², are tiny next to the decay part.
# - **At the book's scale the margin is smaller.** With n = 4,000, λ/n is 12.5 times the
#   book's; the book's log (fig/regularized_full.json, epoch 1) gives a decay part about 15 times
#   the gradient part for all weights (12–19 with the unlogged start's spread), against 88 on the
#   subset (304 for the hidden layer alone).
# - **"λ not too small"** means λ above about 0.01 (η = 0.5) or 0.02 (η = 0.1) on 4,000 digits;
#   the crossover grows roughly in proportion to n, to about 0.13 and 0.30 at n = 50,000 —
#   still far below the book's λ = 5.
# - **Where the heuristic is loose:** the output layer is not decay-dominated even in epoch 1
#   (decay −120 against gradient +76 at η = 0.5); and "dominated" lasts as long as ‖w‖ is large —
#   at η = 0.5 only about ten epochs, which is the subject of notebook 04.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** Under the old initialization (σ_w = σ_b = 1), what is the standard deviation of z for an
# input with ‖x‖ = 5?

# %%
from helpers.exercises.ex03 import check_bigger_step, check_crossover, check_share, check_z_std

answer = None
check_z_std(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# Var z = 1²·5² + 1² = 26, so the std is √26 ≈ 5.099
# (`derivations.weighted_input_std(5.0)`).
# </details>
#
# **2.** Suppose an initialization gives z ~ N(0, 2²). What share of (input, neuron) pairs is
# saturated, σ′(z) < 0.01?

# %%
answer = None
check_share(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `math.erfc(z_eps / (2 * math.sqrt(2)))` with z_eps ≈ 4.585, i.e.
# `derivations.saturated_share(2.0)` ≈ 0.0219.
# </details>
#
# **3.** In epoch 1 (old init, η = 0.5, λ = 5, m = 10), which is longer on average for the
# hidden layer: the `"decay step"` or the `"gradient step"`?

# %%
answer = None
check_bigger_step(answer, X, y)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `"gradient step"`: about 4.7 times longer (`History.gradient_step_norm` against
# `decay_step_norm`). Decay wins the *norm* because each gradient step is nearly orthogonal to
# w, so it changes ‖w‖² very little, while every decay step points straight at 0.
# </details>
#
# **4.** From the η = 0.5 sweep, take the decay part per unit λ at λ = 0.001
# (`sweeps[0.5]["decay_part"][0, 0] / 0.001`) and the gradient part there
# (`sweeps[0.5]["gradient_part"][0, 0]`). Assuming the first is proportional to λ and the second
# constant, at which λ are they equal in size?

# %%
decay_per_lmbda = sweeps[0.5]["decay_part"][0, 0] / 0.001
gradient_part = sweeps[0.5]["gradient_part"][0, 0]
answer = None
check_crossover(answer, decay_per_lmbda, gradient_part)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `abs(gradient_part) / abs(decay_per_lmbda)` ≈ 24.2 / 2,320 ≈ 0.01044, the same as the
# interpolated crossover above: in this range the gradient part hardly depends on λ.
# </details>
