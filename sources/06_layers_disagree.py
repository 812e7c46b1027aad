# %% [markdown]
# # Why layers disagree
#
# Under L2 the hidden layer's weights shrink while the output layer's grow: the old
# initialization puts ~98.7% of Σw² in the hidden layer, and the penalty, which balances the
# layers (Du, Hu & Lee 2018), shrinks it and lets the output layer grow.
# <!-- given: 2018 -->

# %% [markdown]
# ## You will learn
#
# - why the penalty acts on the *balance* of the layers, and why the old initialization starts
#   far from it;
# - why the *sum* of a layer's weights says almost nothing about their size, and which measure
#   to watch instead (the one the penalty uses);
# - why the output layer escapes the decay: with the cross-entropy cost its error has no σ′
#   factor, so saturation never silences its gradient;
# - what L2 regularization provably does — lower the total penalty of the optimum — and why
#   that promise says nothing about a single layer or coefficient.

# %%
import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations, layers
from helpers.data import load_mnist
from helpers.network import Network, sigmoid
from helpers.plots import use_course_style
from helpers.widgets import choice_slider, explore, slider

use_course_style()
mnist = load_mnist()
X, y = mnist.train

# %% [markdown]
# ## The question
#
# A learner trained the book's network [784, 30, 10] from the
# [old initialization](A0_glossary.ipynb#old-init) (every weight N(0, 1)) with η = 0.1, λ = 5,
# m = 10 for 30 epochs, and printed per layer the sum of the weights, a "norm" and the variance.
# The hidden layer's numbers fell, the output layer's rose. Does regularization reduce weights
# at all, and why would two layers react in opposite ways? (The Cross Validated question "Why
# regularization does not always reduce weights? (Michael Nielson's book)",
# stats.stackexchange.com.) We rerun that configuration on 4,000 MNIST digits instead of 50,000;
# λ stays 5, so λ/n is 12.5 times the book's — the *direction* of every effect is the same.
# <!-- given: 12.5 -->

# %%
eta, lmbda, m, epochs = 0.1, 5.0, 10, 30
net = Network(layers.SIZES, init="large", seed=1)
w_before = [w.copy() for w in net.weights]
run = net.train(X, y, epochs=epochs, mini_batch_size=m, eta=eta, lmbda=lmbda, seed=2,
                evaluation=mnist.validation)
w_after = net.weights

# %% [markdown]
# ## The argument in plain words
#
# The penalty is one number for the whole network, Σw² over both layers, and it does not care
# which layer holds it. What it does care about is *balance*. In a network where scaling one
# layer up and the next down leaves the function unchanged (a homogeneous one: linear or ReLU
# units), the data's gradient can move Σw² between the layers but never changes the difference
# hidden Σw² − output Σw²; the decay shrinks that difference at the
# [pure-decay](A0_glossary.ipynb#pure-decay) rate, so the layers end
# [balanced](A0_glossary.ipynb#balanced-layers) (Du, Hu & Lee
# 2018; [08](08_the_literature.ipynb)). The old initialization starts very far from balance:
# 23,520 hidden weights of size about 1 against 300 output weights. So the hidden layer's Σw²
# falls and the output layer, whose gradient is strong, is free to grow. A sigmoid network is
# homogeneous only near z = 0, so this holds approximately — measured here:
# <!-- given: 2018 23,520 300 0 -->

# %% tags=["nbval-check-output"]
balance = layers.draw_layer_balance(run)
plt.show()
print(f"hidden share of Σw²: {balance['hidden_share_start']:.1%} at the start, "
      f"{balance['hidden_share_end']:.1%} after {epochs} epochs")
print(f"hidden Σw² − output Σw²: {balance['imbalance_start']:,.0f} -> "
      f"{balance['imbalance_end']:,.0f}; decay alone would leave "
      f"{balance['imbalance_pure_decay']:,.0f}")

# %% [markdown]
# The difference between the layers shrinks a little faster than under decay alone (955
# against 1,138 after 30 epochs): not exactly homogeneous, but close. The hidden layer's Σw²
# follows the pure-decay line, while the output layer's rises.

# %% [markdown]
# <a id="the-answer"></a>
# > **The answer.** Weight decay promises a smaller *total* penalty at the optimum, not a smaller
# > layer. The old initialization puts 98.7% of Σw² in the hidden layer; the decay shrinks the
# > difference between the layers at close to the pure-decay rate, because the hidden layer,
# > mostly saturated, barely learns, while the output layer, whose cross-entropy error has no σ′
# > factor, learns and grows. So the hidden layer's Σw² falls eighteenfold and the output
# > layer's rises by a tenth. The learner's sums and `ord=1` norms hid this; Σw², the measure
# > the penalty uses, shows it.
#
# The evidence follows: the learner's measures against Σw², why the output weights drift
# negative, why the output layer escapes the decay, the change of Σw² split in two, what
# regularization does guarantee, and the network across λ.

# %% [markdown]
# ## The learner's table, and a better one
#
# Per layer, before and after training: the sum Σw, the entrywise L1 norm Σ|w|, the number
# `np.linalg.norm(W, ord=1)` returns (the learner's "|W|"), the squared norm Σw² that the
# penalty actually uses, and the variance (each one line of numpy in `layers.weight_table`).

# %% tags=["nbval-check-output"]
tables = {"before": layers.weight_table(w_before), "after": layers.weight_table(w_after)}
print(f"{'':14s}{'count':>7s}{'sum':>10s}{'sum noise':>10s}{'L1 Σ|w|':>10s}"
      f"{'ord=1':>8s}{'Σw²':>10s}{'variance':>9s}")
for when, table in tables.items():
    for name, r in zip(layers.LAYER_NAMES, table, strict=True):
        print(f"{name + ', ' + when:14s}{r['count']:7d}{r['sum']:10.1f}{r['sum_noise']:10.1f}"
              f"{r['l1']:10.1f}{r['matrix_1_norm']:8.2f}{r['sq_norm']:10.1f}"
              f"{r['variance']:9.3f}")
print(f"validation accuracy after {epochs} epochs: {run.accuracy[-1]:.1%}")
for when, table in tables.items():
    ratios = [r["l1"] / r["matrix_1_norm"] for r in table]
    print(f"Σ|w| / ord=1, {when}: hidden {ratios[0]:.0f}, output {ratios[1]:.0f}")

# %% [markdown]
# Three lessons in this table.
#
# - **The sum says little about size.** With weights of random sign, Σw is a random walk: its
#   typical size is rms·√count (the column "sum noise"), about 153 for 23,520 standard-normal
#   weights. The hidden layer's sums (−228.9 before, −7.7 after) are within two noise units, so
#   they tell us nothing about how large the weights are. As an answer in the question's thread
#   (by the user Gunes) points out, a sum near zero is compatible with huge weights; the
#   answer's advice is to measure the weights the way the penalty does. The output layer after
#   training is different: −56.6 against a noise of 18.2 is three noise units, a real
#   *direction* (the learner's full-data run shows it too: −72.15). It is explained below.
# - **`ord=1` is not the L1 norm.** For a matrix, `np.linalg.norm(W, ord=1)` is the largest
#   column sum of |w| — one column out of 784 (hidden) or 30 (output). After training the
#   entrywise Σ|w| is 485 times larger for the hidden layer and 17 times for the output layer
#   (555 and 19 before). The learner's "|W|" column measured one column's weights.
# - **Measure what the penalty measures.** L2 regularization penalizes Σw², and by that
#   measure the hidden layer lost most of its squared norm while the output layer's *grew* —
#   the learner's observation survives the better measure (on the full 50,000 images, where
#   λ/n is 12.5 times smaller, the learner saw the output variance go from 1.15 to 3.62). It
# <!-- given: 153 72.15 12.5 1.15 3.62 -->
#   needs an explanation.

# %% [markdown]
# ## Why the output weights drift negative
#
# The gradient of one output weight is ∂C₀/∂w_jk = mean over x of (a_j − y_j)·h_k, with h_k the
# hidden activation feeding it (the proof of δ^L = a^L − y comes next). Two facts fix the sign
# of the total. A sigmoid's h_k is always positive. And each output neuron has target y_j = 0
# on nine digits out of ten, so while it answers above 0 for the wrong digits, its error
# a_j − y_j is mostly positive. Then Σ_jk ∂C₀/∂w_jk > 0, and every gradient step lowers Σw. After
# training, an output neuron must stay near 0 on the nine wrong digits while all its inputs are
# positive, which is easiest with mostly negative weights. Measured on the training set, before
# and after training:

# %% tags=["nbval-check-output"]
net_init = Network(layers.SIZES, init="large", seed=1)
for when, nt in (("before", net_init), ("after", net)):
    drift = layers.output_drift(nt, X, y)
    print(f"{when:6s}: Σ ∂C₀/∂w (output) {drift['sum_gradient']:+7.2f}; mean hidden "
          f"activation {drift['mean_hidden']:.2f}; mean output {drift['mean_output']:.3f} vs "
          f"mean target {drift['mean_target']:.1f}; negative weights "
          f"{drift['negative_share']:.0%}, rows with Σw < 0: {drift['negative_rows']}/10")

# %% [markdown]
# At initialization the outputs average 0.49 against a mean target of 0.1, and the sum of the
# output gradient is +55: descent pushes Σw down hard. After training the outputs average 0.101,
# the gradient's sum is close to 0 (+0.21), and the drift has done its work: all ten output
# neurons have a negative row sum and 59% of the output weights are negative. A Σw of −56.6 is
# the footprint of "nine targets in ten are 0", not noise.

# %% [markdown]
# ## Why the output layer escapes: no σ′ in its error
#
# Back-propagation writes every weight's gradient as (error of the neuron) × (activation
# feeding it). For a hidden neuron the error carries σ′(z), which is tiny when the neuron is
# saturated — and under the old initialization most hidden neurons are (notebook 03). For the
# output neuron with the cross-entropy cost the σ′ cancels: δ^L = a^L − y (Nielsen, ch. 3, "The
# cross-entropy cost function"; a quadratic cost would keep the factor σ′(z^L)). Proved:

# %%
layers.output_error_cross_entropy()

# %% [markdown]
# By finite differences at a few weighted inputs, including saturated ones (the derivative of
# the cross-entropy −[y ln σ(z) + (1 − y) ln(1 − σ(z))], beside σ(z) − y):

# %% tags=["nbval-check-output"]
z = np.array([-12.0, -3.0, 0.0, 2.0, 15.0])
target = np.array([1.0, 0.0, 1.0, 0.0, 0.0])
ce = np.logaddexp(0.0, z[:, None] + [1e-6, -1e-6]) - target[:, None] * (z[:, None] + [1e-6, -1e-6])
print("finite differences:", np.round((ce[:, 0] - ce[:, 1]) / 2e-6, 4))
print("σ(z) − y:          ", np.round(sigmoid(z) - target, 4))

# %% [markdown]
# So a confidently wrong output neuron (z = −12 with target 1) still gets the full error −1.
# The engine records, per layer and epoch, the mean size of the decay step a‖w‖ (a = ηλ/n) and
# of the data-gradient step ‖g‖, and the share of saturated hidden neurons (σ′ < 0.01):
# <!-- given: 0.01 -->

# %% tags=["nbval-check-output"]
split = layers.epoch_split(run, epochs=(1, 2, 5, 30))
for e, s in split.items():
    ratio = s["gradient_step"] / s["decay_step"]
    print(f"epoch {e:2d}: hidden saturated {s['saturated']:.0%} | ‖g‖/a‖w‖: "
          f"hidden {ratio[0]:6.3f}, output {ratio[1]:6.2f}")

# %% [markdown]
# Relative to its own decay step, the output layer's gradient step is ten times larger than
# the hidden layer's in the first epoch (55 against 5.4), while 61% of the hidden neurons
# are saturated. The layer's size does not enter this ratio:
# ‖g‖/(a‖w‖) = rms(g)/(a·rms(w)), so it compares one typical weight's gradient step with its
# decay step, and both layers start with rms(w) ≈ 1. A typical output weight simply gets a
# gradient ten times larger. Saturation silences the hidden layer's own gradient (its error
# carries σ′), but not the output layer's: a saturated hidden neuron outputs ≈ 0 or ≈ 1, a
# perfectly good input for the output weights.
#
# Step sizes are not yet the whole story: the hidden gradient steps are larger than its decay
# steps, yet they point in ever-changing directions and mostly cancel over an epoch, while the
# decay always points at zero. What moves the norm is the projection onto w, next.

# %% [markdown]
# ## The change of ‖w‖² per layer, split in two
#
# Every step changes Σw² of a layer by a decay part ((1 − a)² − 1)·Σw² < 0 and a gradient part
# −2(1 − a)⟨w, g⟩ + ‖g‖² (the engine's `History.decay_part` and `gradient_part`, summed over an
# epoch). The two add up to the measured change exactly (`tests/test_layers.py`).

# %% tags=["nbval-check-output"]
for e in (1, 2, 5, 30):
    d, g = run.decay_part[e - 1], run.gradient_part[e - 1]
    print(f"epoch {e:2d}: hidden decay {d[0]:9.1f}, gradient {g[0]:+8.1f} | "
          f"output decay {d[1]:6.2f}, gradient {g[1]:+6.2f}")
totals = run.decay_part.sum(axis=0), run.gradient_part.sum(axis=0)
print(f"all {epochs} epochs: hidden decay {totals[0][0]:.0f}, gradient {totals[1][0]:+.0f} | "
      f"output decay {totals[0][1]:.1f}, gradient {totals[1][1]:+.1f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(9.5, 3.6))
for l, (ax, name) in enumerate(zip(axes, layers.LAYER_NAMES, strict=True)):
    e = np.arange(1, epochs + 1)
    ax.plot(e, run.decay_part[:, l], "o-", ms=3, label="decay part")
    ax.plot(e, run.gradient_part[:, l], "s-", ms=3, label="gradient part")
    ax.plot(e, np.diff(run.sq_norm[:, l]), "k:", label="change of ‖w‖²")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_yscale("symlog", linthresh=1.0)
    ax.set_xlabel("epoch")
    ax.set_title(f"{name} layer ({run.sizes[l] * run.sizes[l + 1]:,} weights)", fontsize=9)
    ax.legend(fontsize=8)
axes[0].set_ylabel("per-epoch change of Σw² (symlog)")
fig.tight_layout()
plt.show()

# %% [markdown]
# How to read the symlog axis: between −1 and 1 it is linear; beyond, each tick is a power of
# ten with its sign, so −10¹ means a change of −10 and −10³ a change of −1,000 per epoch.
# <!-- given: 1,000 -->
#
# The hidden layer's story is the exercise's part (1): decay dominates, and its squared norm
# falls by a factor of about eighteen, its gradient part being below 1% of the decay part in
# the first epochs. The output layer's gradient part is negative in epoch 1 only; from epoch 2
# on learning pushes its weights *outward* and outweighs the decay, so its squared norm ends
# above where it started (over the 30 epochs, decay −898 against gradient +931).

# %% [markdown]
# ## What regularization does guarantee
#
# The argument of this section, a smaller penalty at the optimum but only for all layers
# together, is the one Gunes's answer in the Cross Validated thread gives; here it is
# written out and checked. The promise of a penalty is about the optimum and the whole
# penalty. If w_λ minimizes C₀ + λR and w₀ minimizes C₀ alone, then R(w_λ) ≤ R(w₀): add the
# two optimality inequalities (w_λ is at least as good as w₀ for the regularized cost; w₀ is
# at least as good as w_λ for C₀) and C₀ cancels, leaving λ(R(w₀) − R(w_λ)) ≥ 0. Asserted with
# SymPy:

# %%
layers.regularized_norm_not_larger()

# %% [markdown]
# That is all it says. R is the sum over *all* layers, so one layer may grow while the total
# falls; and a trained network is not a global minimizer anyway. The cleanest illustration
# needs no network: ridge regression, min ½‖Xw − y‖² + (α/2)‖w‖². Write XᵀX = Q diag(d_i) Qᵀ.
# Along each eigen-direction the ridge solution keeps the fraction d_i/(d_i + α) of the
# unregularized one (Goodfellow, Bengio and Courville, *Deep Learning*, 2016, §7.1.1):
# <!-- given: 2016 7.1 -->
# directions the data pins down firmly (large d_i) barely move, weakly determined ones shrink a
# lot.

# %%
derivations.ridge_eigen_shrink()

# %% [markdown]
# Every eigen-coordinate shrinks, so ‖w(α)‖² = Σ r_i²/(d_i + α)² can only fall as α grows:

# %%
derivations.ridge_norm_monotone()

# %% [markdown]
# But a *coefficient* is not an eigen-coordinate. When the features are correlated, shrinking
# the two eigen-coordinates by different factors can turn the vector so that one coefficient
# grows. The two-feature example X = [[1, −4/5], [0, 3/5]], y = (14/5, −3/5) has the
# unregularized solution (2, −1); as α rises from 0, |w₂| grows while ‖w‖² falls, proved with
# exact rationals:

# %%
derivations.ridge_coefficient_grows()

# %% [markdown]
# From scratch: the eigenvalues of XᵀX, the shrink factors at α = 0.1, and the solution
# rebuilt from them, beside the helper's ridge path:

# %% tags=["nbval-check-output"]
d_i, Q = np.linalg.eigh(layers.RIDGE_X.T @ layers.RIDGE_X)
c0 = Q.T @ np.linalg.solve(layers.RIDGE_X, layers.RIDGE_Y)  # OLS in the eigenbasis
w_01 = Q @ (d_i / (d_i + 0.1) * c0)
w_helper = derivations.ridge_path(layers.RIDGE_X, layers.RIDGE_Y, [0.1])[0]
print(f"eigenvalues dᵢ = {d_i[0]:.3f}, {d_i[1]:.3f}; shrink at α = 0.1: "
      f"{d_i[0] / (d_i[0] + 0.1):.4f}, {d_i[1] / (d_i[1] + 0.1):.4f}")
print(f"w(0) = (2, -1), w(0.1) = ({w_01[0]:.4f}, {w_01[1]:.4f}), helper "
      f"({w_helper[0]:.4f}, {w_helper[1]:.4f}); |w₂| grows until α* = "
      f"{layers.ridge_growth_end():.4f}")

# %% [markdown]
# Slide α to follow the path; the static figure below shows α = 0.1.

# %% tags=["nbval-ignore-output"]
explore(layers.draw_ridge_path,
        {"alpha": slider("α (ridge)", 0.1, 0.0, 1.0, 0.01)})

# %% tags=["nbval-check-output"]
layers.draw_ridge_path(0.1)
plt.show()

# %% [markdown]
# ## The network across λ
#
# Now the network again, for λ ∈ {0, 1, 2, 5, 10} with the same seeds and 30 epochs each,
# computed once here on the engine's lean path (identical weights, fewer measurements) so the
# widget only looks results up. The λ = 5 point is the instrumented run above: the lean path
# gives the same weights bit for bit (`tests/test_grid.py`), so it is not trained twice.

# %%
lambdas = [0.0, 1.0, 2.0, 5.0, 10.0]
grid = layers.run_grid(X, y, [lam for lam in lambdas if lam != lmbda], eta=eta, m=m,
                       epochs=epochs, evaluation=mnist.validation)
grid[lmbda] = run

# %% tags=["nbval-check-output"]
for lam in lambdas:
    f = layers.norms_at(grid, lam)
    print(f"λ = {lam:4.1f}: Σw² hidden {f['sq_norm_hidden_end']:8.1f}, "
          f"output {f['sq_norm_output_end']:6.1f} (×{f['output_change']:.2f}), "

          f"total {f['sq_norm_total_end']:8.1f}; accuracy {f['accuracy']:.1%}")

# %% [markdown]
# Read across the rows. The total Σw² falls steadily with λ, as the optimum argument predicts —
# though these are 30-epoch SGD runs, not optima. Without regularization the output layer's Σw²
# grows 2.6-fold while the hidden layer's stays put (its saturated neurons barely learn).
# Growing λ reins in the hidden layer first; the output layer still grows up to λ = 5 and only
# shrinks at λ = 10, where the two layers hold nearly the same Σw² (191.2 against 220.0): balanced.
# Which layer shrinks is a matter of degree, not of principle.

# %% [markdown]
# ## Explore: λ and the per-layer norms
#
# The slider picks the nearest λ of the grid. The static figure below shows the learner's
# λ = 5.

# %% tags=["nbval-ignore-output"]
explore(layers.draw_layer_norms,
        {"lmbda": choice_slider("λ", sorted(grid), 5.0)}, fixed={"grid": grid})

# %% tags=["nbval-check-output"]
layers.draw_layer_norms(5.0, grid=grid)
plt.show()

# %% [markdown]
# ## Summary
#
# - **Proved:** with a sigmoid output and the cross-entropy cost, ∂C/∂z^L = a^L − y (no σ′);
#   a global minimizer of C₀ + λR has R no larger than a minimizer of C₀; ridge keeps the
#   fraction d_i/(d_i + α) of each eigen-coordinate, so its norm never rises, yet in an exact
#   two-feature example |w₂| grows for 0 ≤ α < 0.1813.
# - **Measured (the Cross Validated question's configuration, 4,000 digits):** the hidden
#   layer's Σw is within its own noise (≈ rms·√count) and says nothing about size; the output
#   layer's Σw drifts to −56.6 (three noise units), because nine targets in ten are 0 and the
#   hidden activations are positive (sum of its data gradient +55 at initialization).
#   `np.linalg.norm(W, ord=1)` is a max column sum, 485 (hidden) and 17 (output) times
#   smaller than Σ|w| after training. By
#   Σw², the hidden layer shrinks eighteenfold (23,168 → 1,286) while the output layer grows
#   by 11% (298 → 331). In epoch 1, with 61% of hidden neurons saturated, the ratio of gradient
#   step to decay step is 5.4 for the hidden layer and 55 for the output layer; over 30 epochs
#   the output's gradient part (+931) outweighs its decay part (−898), the hidden layer's
#   (+271) is 1% of its decay part (−22,153).
# - **The mechanism:** the old initialization puts 98.7% of Σw² in the hidden layer; the
#   decay shrinks the difference between the layers at close to the pure-decay rate (exactly
#   so in a homogeneous network, Du, Hu & Lee 2018), while the output layer, unsaturated,
#   grows. After 30 epochs the hidden layer still holds most of Σw²: balance takes longer.
#   <!-- given: 2018 -->
# - **What holds and what need not:** the total penalty at the optimum falls with λ (and the
#   measured total Σw² does fall with λ in the grid); no such promise exists for a layer or a
#   single weight. The exercise's "weights shrink to about 1/√n" is a statement about the
#   hidden layer, the one the decay dominates.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** The hidden layer starts with 23,520 weights drawn from N(0, 1). What is the standard
# deviation of their *sum* Σw? Give a number (a Python float such as `12.3`), not a formula
# in a string.

# %%
from helpers.exercises.ex06 import (
    check_matrix_one_norm,
    check_no_sigma_prime,
    check_shrink_factor,
    check_sum_std,
)

answer = None
check_sum_std(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# The variances of independent terms add: Var Σw = 23,520 · 1, so the standard deviation is
# √23,520 ≈ 153.4. Any sum of order 100 is ordinary noise.
# <!-- given: 153.4 -->
# </details>
#
# **2.** What does `np.linalg.norm(np.array([[1, -2], [3, 4]]), ord=1)` return? (Work it out
# before running it.)

# %%
answer = None
check_matrix_one_norm(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# The column sums of |w| are 1 + 3 = 4 and 2 + 4 = 6; the matrix 1-norm is the largest, 6.
# The entrywise L1 norm would be 10.
# </details>
#
# **3.** In the ridge example, XᵀX has the eigenvalues 0.2 and 1.8. What fraction of the
# unregularized coordinate along the eigen-direction with d = 0.2 does ridge keep at α = 0.3?

# %%
answer = None
check_shrink_factor(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# d/(d + α) = 0.2/0.5 = 0.4: the weakly determined direction keeps 40%, while the other keeps
# 1.8/2.1 ≈ 86%.
# <!-- given: 0.4 40% 2.1 86% -->
# </details>
#
# **4.** For which layer does the back-propagated error contain no factor σ′(z) when the cost
# is the cross-entropy: `"hidden"`, `"output"` or `"both"`?

# %%
answer = None
check_no_sigma_prime(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `"output"`: δ^L = a^L − y. A hidden layer's error is (Wᵀδ) ⊙ σ′(z), so saturated hidden
# neurons pass almost no gradient to their own weights.
# </details>
