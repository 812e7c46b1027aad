# %% [markdown]
# # Where the decay stops (part 3)
#
# The decay stops where it is balanced by the data's push outward along the weights' own
# direction; this notebook shows that balance, what follows from it, and how it compares
# with the book's 1/√N_w.

# %% [markdown]
# ## You will learn
#
# - why the decay stops: the weights settle at the bottom of the regularized cost along the
#   line through their own direction;
# - what follows: the level is set by λ/n and the data, hardly by η, and not by the width;
# - how that compares with the book's "around 1/√n": right in its scaling, not in its size.

# %%
import matplotlib.pyplot as plt
import numpy as np

from helpers import mechanism, tailoff, verdict
from helpers.data import load_mnist
from helpers.network import Network
from helpers.plots import use_course_style
from helpers.widgets import choice_slider, explore

use_course_style()
mnist = load_mnist()
X, y = mnist.train
n = len(X)
sweeps = {name: tailoff.load_sweep(name) for name in tailoff.SWEEP_NAMES}
# the base point, trained here as in the stored width sweep: [784, 30, 10], new init, seed 1,
# η = 0.5, λ = 5, m = 10, 30 epochs on the 4,000 digits (about 4 s)
net = Network((784, 30, 10), init="default", seed=1)
net.train(X, y, epochs=30, mini_batch_size=10, eta=0.5, lmbda=5.0, seed=101, instrument=False)
lines = mechanism.LineCosts(net, X, y)

# %% [markdown]
# ## The argument in plain words
#
# Each step of training changes ‖w‖² of a layer by three terms (notebook 03): the decay
# −a(2 − a)‖w‖² with a = ηλ/n, always inwards; the
# [radial term](A0_glossary.ipynb#radial-term) −2(1 − a)⟨w, g⟩, the part of the data's gradient
# step g that points along w; and the [jitter](A0_glossary.ipynb#jitter) ‖g‖², second order in
# η. Under the old initialization the saturated neurons silence the radial term, so the decay
# wins (part 1). As the weights shrink, the neurons wake up and the data start to push
# outwards: a classifier that is right wants larger weights, because scaling its weights up
# makes its confident answers more confident. Set an epoch's total change of ‖w_ℓ‖² to zero,
# divide by 2η (g is η times a mini-batch gradient) and drop the terms of order a: the norm
# stands still where the pull inwards equals the push outwards,
#
# (λ/n)‖w_ℓ‖² ≈ −⟨w_ℓ, ∇C₀⟩ + (jitter ‖g‖²/2η, which vanishes as η → 0),
#
# both sides averaged over the epoch (the exact identity, proved in SymPy:
# [A4](A4_mechanism_measured.ipynb#The-argument-in-one-figure)).
#
# The right-hand side is minus the slope of the data cost C₀(α·w_ℓ) at α = 1, when every
# weight of the layer is scaled by α. So the balance says: **along the line through their own
# direction, the weights sit at the bottom of C₀(α·w_ℓ) + (λ/2n)α²‖w_ℓ‖²**: shrinking them by
# 1% would cost as much data fit as it saves in penalty. The figure draws that line for each
# layer of the network trained above (the base point: η = 0.5, λ = 5, n = 4,000), its bottom
# [α*](A0_glossary.ipynb#alpha-star) marked.
# <!-- given: 0.5 5 1% -->

# %%
mechanism.draw_lines(5.0, lines=lines, numbers=False)
plt.show()

# %% tags=["nbval-check-output"]
f = mechanism.line_numbers(lines, 5.0)
print(f"α*: hidden {f['alpha_star_hidden']:.2f}, output {f['alpha_star_output']:.2f}")
print(f"pull (λ/n)‖w‖² / push −⟨w, ∇C₀⟩: hidden {f['radial_balance_hidden']:.1f}, "
      f"output {f['radial_balance_output']:.1f}")

# %% [markdown]
# Both layers sit close to the bottom (α* = 0.93 and 0.98). The pull exceeds the push (1.5
# times in the hidden layer); the jitter supplies the rest, about a third (1 − 1/1.5). So the
# weights sit just beyond the bottom, held out by the jitter; the bottom is flat, so α* moves
# only to 0.93. As η falls, the [radial balance](A0_glossary.ipynb#radial-balance) and α*
# approach 1 at every stored point ([A4](A4_mechanism_measured.ipynb#every-point)). Slide
# λ: only the penalty moves.
# <!-- given: 1 -->

# %% tags=["nbval-ignore-output"]
explore(mechanism.draw_lines, {"lmbda": choice_slider("λ", [0.5, 1, 2, 5, 10, 20, 50, 100], 5.0)},
        fixed={"lines": lines})

# %% [markdown]
# ## The answer to part (3)
#
# The decay tails off, as the book says, but not at a size named in advance. It stops where the data's push along the weights balances it, at a total
# Σw² set by λ/n and the data. The verdict, from every stored run:

# %% tags=["nbval-check-output"]
print(verdict.headline())

# %% [markdown]
# **Why the old initialization ends like the new one.** Nothing in the balance remembers where
# the weights started. The old init's large weights decay until they reach the balance, so
# both settle at one level. Per weight, that level sits a few times above
# the new init's 1/√n_in, by a factor that changes with the width: "similar to the new init"
# holds only roughly. Measured:

# %% tags=["nbval-check-output"]
law = verdict.law()
print(f"old vs new init: within {law.init_gap:.0%} at every swept point")
for k, (layer, fan_in) in enumerate((("hidden", 784), ("output", 30))):
    print(f"{layer} RMS {law.base_level[k]:.3g} = "
          f"{law.base_level[k] * np.sqrt(fan_in):.1f} × 1/√{fan_in}")

# %% [markdown]
# ## What follows from the balance
#
# **The budget, epoch by epoch.** The bars split the change of ‖w‖² in each epoch of an
# old-init run into the three terms, in units of that epoch's decay term. First the decay acts
# alone (part 1); then the radial term grows until radial + jitter reach the decay, and the
# norm stands still. In the output layer, whose error a − y carries no σ′, the push is there
# from the start.

# %%
tailoff.draw_budget_bars(sweeps["width"].run(30, "large", 1))
plt.show()

# %% [markdown]
# **The total Σw² does not depend on the width, and the layers share it about evenly.**
# The balance holds layer by layer, (λ/n)‖w_ℓ‖² ≈ push_ℓ + jitter_ℓ, and the pushes belong to
# the function the network computes, not to how many weights compute it. So across a
# thirtyfold range of N_w the total Σw² hardly moves: the RMS over all weights falls as
# 1/√N_w, the book's scaling, but far above it. For linear units equal pushes are exact:
# scaling one layer up and the next down leaves the function unchanged
# ([08](08_the_literature.ipynb)). The sigmoid units here are far from linear (printed below:
# the share of hidden z with |z| > 4.6, where σ is within 1% of 0 or 1); the
# hidden layer is pushed less hard, and its larger jitter makes up the difference. A second
# hidden layer adds about one more layer's Σw² (printed below).
# <!-- given: 4.6 1% -->

# %%
tailoff.draw_levels_vs_n_w(sweeps["width"])
plt.show()

# %% tags=["nbval-check-output"]
m = mechanism.measure(net, X, y, 5.0)
split = [p["sum_w2"][0] / p["sum_w2"][1] for p in verdict.stored_points()]
print(f"base point: push −⟨w, ∇C₀⟩ hidden {m.push[0]:.2f}, output {m.push[1]:.2f}; "
      f"pull (λ/n)‖w‖² hidden {m.pull[0]:.2f}, output {m.pull[1]:.2f}")
print(f"hidden/output Σw² over {len(split)} stored points: "
      f"{min(split):.2f} to {max(split):.2f}")
print(f"hidden z: spread {m.z_std[0]:.1f}, |z| > 4.6: "
      f"{m.z_saturated[0]:.0%}")
level, counts = verdict.law().base_level, tailoff.layer_weights((784, 30, 10))
print(f"base point: output {counts[1]} × {level[1]:.2f}² = "
      f"{counts[1] * level[1] ** 2:.0f}, hidden {counts[0]:,} × {level[0]:.3f}² = "
      f"{counts[0] * level[0] ** 2:.0f}, Σw² = {counts @ level[:2] ** 2:.0f}")
deep = [p for p in mechanism.stored_points(("deep",)) if p.value == 2]  # both inits
print("[784, 30, 30, 10]: Σw² per layer " + ", ".join(
    "/".join(f"{x:.0f}" for x in p.share * p.sq_total)
    + f" ({'old' if p.init == 'large' else 'new'})" for p in deep))

# %% [markdown]
# Each layer holds about half of Σw² ≈ 600, although the hidden layer has far more weights.
# The split point by point, and a deeper network predicted before it was run:
# [A4](A4_mechanism_measured.ipynb#split).
#
# **The level follows λ/n, not n; it hardly depends on η.** The decay per step is
# a = ηλ/n, but the pull (λ/n)‖w‖² contains λ/n alone: η sets how fast the weights get
# there, and moves where they stop only a little (through the jitter). At fixed λ/n, n = 1,000 → 4,000 leaves the level where it
# is; at fixed λ it rises. A level held up by mini-batch noise would grow as √η; the measured
# one does not. Against λ it falls more slowly than λ^(−1/2), because the push itself grows as
# the weights shrink. The exponents with error bars:
# [A5](A5_law_and_errors.ipynb#The-law-of-Σw²).
# <!-- given: 1,000 -->

# %%
tailoff.draw_levels_vs_settings(sweeps)
plt.show()

# %% [markdown]
# **The cost balance is a consequence, with a known error.** The heuristic behind the book's
# 1/√n sets the penalty (λ/2n)Σw² equal to the data cost C₀. With the layers split evenly the
# penalty is one layer's pull, (λ/n)‖w_out‖², which the balance sets to the output layer's
# push. For a cross-entropy that push is about C₀ times the
# [margin](A0_glossary.ipynb#margin) (how far the outputs sit on the right side of zero), so
# r = penalty/C₀ is of order one, not one. It falls as λ grows (smaller margins) and rises as n
# shrinks at fixed λ/n (fewer digits, fitted with larger margins, so C₀ falls):

# %% tags=["nbval-check-output"]
r = {name: np.mean([tailoff.sweep_heuristics(sweeps[name], init)["penalty_over_c0"]
                    .mean(axis=1) for init in sweeps[name].inits], axis=0)
     for name in ("lmbda", "n_fixed_ratio")}
print(f"C₀ = {m.c0:.3f}, output push/C₀ = {m.push_over_c0[1]:.2f}, "
      f"margin = {m.margin:.2f}")
print("r against λ = " + ", ".join(f"{v:g}: {x:.2f}" for v, x in
                                   zip(sweeps["lmbda"].values, r["lmbda"], strict=True)))
print("r against n at fixed λ/n: " + ", ".join(
    f"{v:,}: {x:.2f}" for v, x in zip(sweeps["n_fixed_ratio"].values, r["n_fixed_ratio"],
                                      strict=True)))

# %% [markdown]
# **Only the part along w balances.** The data's gradient stays many times the pull and
# mostly turns the weights; only its component along w balances
# ([A4](A4_mechanism_measured.ipynb#What-follows-from-the-balance)).
# **λ not too large:** above a bound set by the data, the decay pulls every weight to zero
# and learning collapses; the book's λ/n is three orders of magnitude inside
# ([A4](A4_mechanism_measured.ipynb#the-lambda-window)). Other heuristics:
# [A6](A6_heuristics_measured.ipynb); the law's errors: [A5](A5_law_and_errors.ipynb).
#
# ## The verdict on part (3)
#
# The cost balance (λ/2n)·N_w·w² = C₀ solved for the RMS w is √(2nC₀/λ) × 1/√N_w. "Around
# 1/√n" drops the first factor, printed first below. A prediction agrees with a measurement
# within a factor of two. Part (3) per layer, and the book's n read three ways (measured /
# predicted):

# %% tags=["nbval-check-output"]
print(f"dropped factor √(2nC₀/λ): {np.sqrt(2 * n * m.c0 / 5.0):.0f}")
print("(3): " + "; ".join(
    f"{layer} {v.holds} ({v.numbers['level']:.3g} = {v.numbers['over_1_sqrt_n_w']:.0f} × 1/√N_w)"
    for layer, v in ((la, verdict.part3(la)) for la in verdict.LAYERS)))
for reading in verdict.n_readings():
    fs = reading.factors
    print(f"n as {reading.name}: {fs.min():.2f} to {fs.max():.2f} "
          f"-> {reading.holds}")

# %% [markdown]
# The size is wrong by that factor if n is the number of weights. Read as the fan-in, the
# book's "similar to the new init" holds within a factor of a few. Kept with
# its prefactor, √(2nC₀/(λN_w)), the cost balance gets the size — because the radial balance
# makes the penalty about C₀.

# %% [markdown]
# ## Summary
#
# - **Why the decay stops:** the decay's pull (λ/n)‖w_ℓ‖² equals the data's outward push
#   −⟨w_ℓ, ∇C₀⟩ (plus a jitter, gone as η → 0): each layer sits at the bottom of the
#   regularized cost along its own direction, if λ/n is below the collapse.
# - **Where:** at a total Σw² set by λ/n and the data, hardly by η, not by the width, shared
#   about evenly by the layers; so the RMS over all weights falls as 1/√N_w but sits tens of
#   times above it. Old and new init end there alike.
# - **The cost balance** (λ/2n)Σw² ≈ C₀ follows, with a ratio set by the classifier's margin.
# - **The stationary point** holds along w only; the weights keep turning.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** For the book's full-data run (n = 50,000, λ = 5, N_w = 23,820), at what weight size w
# does the penalty λN_w w²/(2n) equal a data cost C₀ = 0.4?
# <!-- given: 50,000 5 23,820 0.4 -->

# %%
from helpers.exercises.ex04 import check_balance_weight, check_cost_ratio, check_noise_rms

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
# **3.** Predict the ratio r = (λ/2n)Σw²/C₀ of the base point from the mechanism alone: the
# two layers hold equal Σw², the output layer's pull is ρ times its push (ρ printed as
# "pull / push" under the first figure), and its push is about C₀ × margin (the margin printed
# with the cost balance). The check takes the measured inputs.

# %%
answer = None
check_cost_ratio(answer, m.margin, f["radial_balance_output"])

# %% [markdown]
# <details><summary>Solution</summary>
#
# With Σw² = 2‖w_out‖², the penalty is (λ/2n)·2‖w_out‖² = (λ/n)‖w_out‖², the output layer's
# pull = ρ·push ≈ ρ·margin·C₀; divided by C₀: r ≈ ρ·margin, about 0.8 — a little below
# the measured r, because the output push is a little more than C₀ × margin.
# <!-- given: 2 0.8 -->
# </details>
