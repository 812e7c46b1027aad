# %% [markdown]
# # The exercise
#
# Why L2 regularization brings the old weight initialization to where the new one ends: the
# problem from chapter 3 of Nielsen's book, its notation, a first look, the answer, the map.

# %% [markdown]
# ## You will learn
#
# - what the exercise asks, and the course's answer in one paragraph;
# - the notation, including the place where the book uses **n** for two different things;
# - what the weights of a real network do under the old initialization with L2.

# %% [markdown]
# <a id="the-problem"></a>
# ## The problem
#
# Michael Nielsen's *Neural Networks and Deep Learning*, chapter 3, section "Weight
# initialization", ends with a problem titled *Connecting regularization and the improved method
# of weight initialization*
# ([the chapter](http://neuralnetworksanddeeplearning.com/chap3.html)). In our words:
#
# Train the book's network with the **old** initialization, where every weight is drawn from a
# standard normal N(0, 1), and with L2 regularization. Give a heuristic argument for three claims:
#
# 1. if λ is not too small, weight decay dominates the first epochs of training;
# 2. if ηλ ≪ n, each epoch multiplies the weights by about exp(−ηλ/m);
# 3. if λ is not too large, the decay levels off once the weights are around 1/√n — and here,
#    the book says, n is the total number of weights in the network.
#
# Then check that the three conditions hold for the runs the book graphs in that section.
#
# **The point of the problem.** The **new** initialization draws weights from N(0, 1/n_in). With
# L2, the old initialization *forgets its start*: its weights decay until the data balances the
# decay, where the new initialization settles too. Both end at one level, set by λ/n and the
# data, not by the initialization. The course finds this true, and measures the level: similar
# to the new initialization's scale in order of magnitude, far above the book's 1/√N_w.

# %% [markdown]
# <a id="notation"></a>
# ## Notation
#
# | symbol | code | meaning | the book's name |
# |---|---|---|---|
# | [n](A0_glossary.ipynb#n) | `n` | training-set size | n (in ηλ/n) |
# | [m](A0_glossary.ipynb#m) | `m` | mini-batch size | m |
# | η | `eta` | learning rate | η |
# | λ | `lmbda` | regularization parameter, cost C = C₀ + (λ/2n)·Σw² | λ |
# | [N_w](A0_glossary.ipynb#n-w) | `n_w` | total number of weights in the network (biases excluded) | n (in part 3!) |
# | [n_in](A0_glossary.ipynb#n-in) | `n_in` | fan-in of a neuron: the width of the layer feeding it | n_in |
#
# **The two meanings of n.** In the update rule w → (1 − ηλ/n)·w − … the book's n is the number
# of training examples. In part (3) of the problem the book uses the same letter for the total
# number of weights. For the network [784, 30, 10] trained on 50,000 images these are
# 50,000 and 23,820. This course writes **n** for the
# first and **N_w** for the second, and a third size, **n_in** = 784 for the hidden layer, turns
# out to matter as much as N_w (notebook 04).
#
# In code the [old initialization](A0_glossary.ipynb#old-init) is `init="large"`, the
# [new one](A0_glossary.ipynb#new-init) (biases still N(0, 1)) `init="default"`.
# <!-- given: 50,000 23,820 784 -->

# %%
import matplotlib.pyplot as plt
import numpy as np

from helpers.data import load_mnist
from helpers.network import Network, train_grid
from helpers.plots import use_course_style

use_course_style()
mnist = load_mnist()
X, y = mnist.train
n = len(X)
sizes = [784, 30, 10]
n_w = Network(sizes).n_weights  # 784·30 + 30·10 = 23,820

# %% [markdown]
# <a id="a-first-look"></a>
# ## A first look
#
# We train [784, 30, 10] with the settings of the book's full-data L2 run (η = 0.5, λ = 5.0,
# m = 10), from the old and from the new initialization, and record the root-mean-square size of
# the hidden weights after every epoch.
#
# Offline, the course trains on 4,000 real MNIST digits instead of the book's 50,000. It keeps
# λ = 5.0, so each epoch's decay exp(−ηλ/m) is the book's. But λ/n is then 12.5 times the
# book's: the penalty weighs more against the data, so the weights settle lower here than in the
# book's run (notebook 05 measures the book's).
# <!-- given: 784 30 0.5 5.0 4,000 50,000 12.5 -->

# %%
eta, lmbda, m, epochs = 0.5, 5.0, 10, 30
inits = ("large", "default")
nets = [Network(sizes, init=init, seed=1) for init in inits]
# both runs at once, each exactly as net.train(...) would do it alone
runs = dict(zip(inits, train_grid(nets, X, y, epochs, m, eta=eta, lmbda=lmbda, seed=2,
                                  evaluation=mnist.validation, instrument=False), strict=True))

# %%
epoch = np.arange(epochs + 1)
fig, ax = plt.subplots(figsize=(7, 4))
ax.semilogy(epoch, runs["large"].rms[:, 0], "o-", ms=3, label="old init, N(0, 1)")
ax.semilogy(epoch, runs["default"].rms[:, 0], "s-", ms=3, label="new init, N(0, 1/n_in)")
ax.semilogy(epoch, np.exp(-eta * lmbda / m * epoch), "k:", label="pure decay exp(−ηλ/m · epoch)")
ax.axhline(1 / np.sqrt(784), color="C2", ls="--", label="1/√n_in = 1/√784")
ax.axhline(1 / np.sqrt(n_w), color="C3", ls="--", label="1/√N_w")
ax.set_xlabel("epoch")
ax.set_ylabel("RMS of hidden-layer weights")
ax.set_title("[784, 30, 10], η = 0.5, λ = 5, m = 10, 4,000 MNIST digits")
ax.legend(fontsize=8)
plt.show()

# %% tags=["nbval-check-output"]
for init, label in (("large", "old init N(0,1)"), ("default", "new init N(0,1/n_in)")):
    h = runs[init]
    print(f"{label:22s} hidden RMS: epoch 0 {h.rms[0, 0]:.3f}, 10 {h.rms[10, 0]:.3f}, "
          f"{epochs} {h.rms[-1, 0]:.3f}; Σw² at epoch {epochs}: {h.sq_norm[-1].sum():.0f}; "
          f"validation accuracy {h.accuracy[-1]:.1%}")
level = runs["default"].rms[-1, 0]
rms_all = np.sqrt(runs["default"].sq_norm[-1].sum() / n_w)
print(f"new init at epoch {epochs}: hidden RMS = {level * np.sqrt(784):.1f} × 1/√n_in; "
      f"all weights: RMS {rms_all:.3f} = {rms_all * np.sqrt(n_w):.1f} × 1/√N_w "
      f"(1/√N_w = {1 / np.sqrt(n_w):.4f})")
print(f"pure decay alone from RMS 1 to 1/√n_in at the graphs' η = 0.1: "
      f"{np.log(np.sqrt(784)) / (0.1 * lmbda / m):.0f} epochs")

# %% [markdown]
# Three things to notice:
#
# - at first the old-init weights shrink at the [pure-decay](A0_glossary.ipynb#pure-decay) rate
#   (parts 1 and 2);
# - then the decay levels off, and the runs meet at one [level](A0_glossary.ipynb#level), one
#   from above, one from below: the old initialization is forgotten;
# - that level is about three times 1/√n_in, the new initialization's own scale, and the RMS of
#   all weights together is about 24 times 1/√N_w: the book's part (3) is right about the
#   *shape* of the story, not the number.

# %% [markdown]
# <a id="the-answer"></a>
# ## The answer in one paragraph
#
# **(1)** Under the old initialization most hidden neurons are
# [saturated](A0_glossary.ipynb#saturated), so the data's gradient points almost at right angles
# to the weights and hardly changes their length; the decay shrinks all of them by the same
# fraction every step and wins the first epochs (03). **(2)** Each step multiplies every weight by
# 1 − ηλ/n and an epoch makes n/m steps, so an epoch multiplies it by (1 − ηλ/n)^(n/m) ≈
# exp(−ηλ/m) when ηλ ≪ n, the limit behind compound interest (01, 02).
# **(3)** The decay stops where it is balanced by the data's outward push along the weights' own
# direction, the [radial balance](A0_glossary.ipynb#radial-balance). The new initialization
# settles at the same place, so both end at one level set by λ/n and the data. That level spreads
# a total Σw² that hardly depends on the width about evenly over the two layers: per hidden weight
# a few times 1/√n_in — similar to the new initialization within a factor of a few — but far above
# the book's 1/√N_w: 24 times here, about 50 times at the book's scale (04, 05). **The book's
# graphs** (η = 0.1, 30 epochs) meet the conditions of (1) and (2), and their λ sits well inside
# the [λ window](A0_glossary.ipynb#lambda-window) of (3). There the old initialization catches
# up in accuracy by [desaturating](A0_glossary.ipynb#desaturation): about when its decaying
# weights reach the level (30 hidden neurons), or before (100 hidden neurons) (05, 09).
# <!-- given: 0.1 30 50 -->

# %% [markdown]
# <a id="the-map-of-the-course"></a>
# ## The map of the course
#
# **The core path** (an evening: two to three hours with the exercises):
#
# | notebook | the question it answers |
# |---|---|
# | [01 The L2 update rule](01_l2_update_rule.ipynb) | where does w → (1 − ηλ/n)w − … come from, and why does a penalty *added* to the cost *shrink* w? |
# | [02 Decay per epoch](02_per_epoch_decay.ipynb) | part (2): when is (1 − ηλ/n)^(n/m) ≈ exp(−ηλ/m)? |
# | [03 Neuron saturation](03_neuron_saturation.ipynb) | part (1): why does decay dominate the first epochs? |
# | [04 Where the decay stops](04_tail_off.ipynb) | part (3): where does it stop, and why there? |
# | [05 The book's own examples](05_the_books_examples.ipynb) | do the conditions hold for the graphed runs? |
# | [09 A model answer](09_model_answer.ipynb) | the exercise answered as one would hand it in |
#
# **Further**: [06](06_layers_disagree.ipynb) why one layer's weights can grow under L2,
# [07](07_l1_vs_l2.ipynb) L1 against L2, [08](08_the_literature.ipynb) what the literature says
# about where weight decay stops.
#
# **Appendices**, the evidence, each linked from the sentence it supports:
# [A0 glossary](A0_glossary.ipynb), [A1 checks of the update rule](A1_update_rule_checks.ipynb),
# [A2 the numerics of part (2)](A2_decay_numerics.ipynb),
# [A3 saturation, measured](A3_saturation_evidence.ipynb),
# [A4 the mechanism at every sweep point](A4_mechanism_measured.ipynb),
# [A5 the law of Σw² with honest errors](A5_law_and_errors.ipynb),
# [A6 the four heuristics](A6_heuristics_measured.ipynb),
# [A7 the book's Σw² backed out of its log](A7_book_backout.ipynb).
#
# Every algebraic step is a SymPy proof you can run, every measurement an experiment you can rerun.

# %% [markdown]
# ## Summary
#
# - Three parts: decay dominates early (1), at about exp(−ηλ/m) per epoch (2), until the weights
#   are "around 1/√n" (3). The book's n is the training-set size in ηλ/n, N_w in part (3).
# - Old and new initialization meet at one level set by λ/n and the data: the start is
#   forgotten, as the problem says, but the level is not 1/√N_w.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** How many weights N_w does the network [784, 100, 10] have (biases excluded)?
# <!-- given: 784 100 -->

# %%
from helpers.exercises.ex00 import check_n_weights, check_per_epoch_factor, check_target_ratio

answer = None
check_n_weights(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# N_w = 784·100 + 100·10 = 79,400. In code: `sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))`.
# </details>
#
# **2.** For [784, 30, 10], part (3) says the decay stops near 1/√N_w; the new initialization
# gives hidden weights the spread 1/√n_in. By what factor is 1/√N_w smaller? (Three figures.)
# <!-- given: 784 100 79,400 -->

# %%
answer = None
check_target_ratio(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# (1/√784)/(1/√23,820) = √(23,820/784) = √30.38… ≈ 5.51. Read literally, part (3) puts the
# hidden weights 5.5 times *below* the new initialization's scale.
# </details>
#
# **3.** The book's weight-initialization graphs use η = 0.1, λ = 5.0, m = 10 (not the η = 0.5
# of the first look). Compute their heuristic per-epoch factor exp(−ηλ/m).
# <!-- given: 0.1 0.5 5.0 10 30.38 5.51 5.5 -->

# %%
answer = None
check_per_epoch_factor(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `np.exp(-0.1 * 5.0 / 10)` = 0.951229…: each epoch keeps about 95.1% of every weight, if
# decay acted alone.
# </details>
#
# **4.** Write N_w as a function. Complete `n_weights(sizes)` so that it returns the number of
# weights (biases excluded) of a network with layer widths `sizes`, for any depth. The check
# calls it on several networks and names the one that fails.
# <!-- given: 0.951229 95.1% -->

# %%
from helpers.exercises.ex00 import check_n_weights_function


def n_weights(sizes):
    return None  # your code


check_n_weights_function(n_weights)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def n_weights(sizes):
#     return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
# ```
# One weight per (input neuron, output neuron) pair of each pair of adjacent layers. Adding
# `sum(sizes[1:])` would count the biases, which are not decayed and are not weights.
# </details>
