# %% [markdown]
# # The exercise
#
# Why L2 regularization, started from the old weight initialization, ends up looking like the new
# one: the problem from chapter 3 of Nielsen's book, its notation, a first measurement, and the
# map of this course.

# %% [markdown]
# ## You will learn
#
# - what the exercise asks, in three parts, and what "heuristic argument" will mean here: every
#   step either proved with SymPy or measured with an experiment you can rerun;
# - the notation of the course, including the one place where the book uses **n** for two
#   different things;
# - what the weights of a real network actually do under the old initialization with L2
#   regularization — the picture the rest of the course explains.

# %% [markdown]
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
# Then check that the three conditions hold for the runs the book graphs in that section. The
# point of the problem: the **new** initialization draws weights from N(0, 1/n_in) from the
# start, and L2 regularization would take the old weights to a similar size by itself.
#
# Learners ask about this problem often in public forums, and the answers there sketch parts of
# the argument. This course proves each algebraic step, measures each approximate one, and
# reports where the book's heuristic holds only roughly — part (3) in particular.

# %% [markdown]
# ## Notation
#
# Stated once here and used in every notebook, in prose, code and plots alike.
#
# | symbol | code | meaning | the book's name |
# |---|---|---|---|
# | n | `n` | training-set size | n (in ηλ/n) |
# | m | `m` | mini-batch size | m |
# | η | `eta` | learning rate | η |
# | λ | `lmbda` | regularization parameter, cost C = C₀ + (λ/2n)·Σw² | λ |
# | N_w | `n_w` | total number of weights in the network (biases excluded) | n (in part 3!) |
# | n_in | `n_in` | fan-in of a neuron: the width of the layer feeding it | n_in |
#
# **The two meanings of n.** In the update rule w → (1 − ηλ/n)·w − … the book's n is the number
# of training examples. In part (3) of the problem the book uses the same letter for the total
# number of weights. For the network [784, 30, 10] trained on 50,000 images these are
# 50,000 and 23,820 — different numbers with different roles. This course writes **n** for the
# first and **N_w** for the second, and a third size, **n_in** = 784 for the hidden layer, turns
# out to matter as much as N_w (notebook 04).
#
# The old initialization draws every weight and bias from N(0, 1) (`init="large"` in
# `helpers.network`); the new one draws weights from N(0, 1/n_in) and biases from N(0, 1)
# (`init="default"`), as in the book's `network2.py`.
# <!-- given: 50,000 23,820 784 -->

# %%
import matplotlib.pyplot as plt
import numpy as np

from helpers.data import load_mnist
from helpers.network import Network
from helpers.plots import use_course_style

use_course_style()
mnist = load_mnist()
X, y = mnist.train
n = len(X)
sizes = [784, 30, 10]
n_w = Network(sizes).n_weights  # 784·30 + 30·10 = 23,820

# %% [markdown]
# ## A first look
#
# We train the network [784, 30, 10] twice with the settings of the book's own full-data L2 run
# (η = 0.5, λ = 5.0, m = 10), once from the old and once from the new initialization, and record
# the root-mean-square size of the hidden layer's weights after every epoch. (Offline the course
# uses 4,000 real MNIST digits rather than the book's 50,000; λ stays 5.0, so the per-epoch decay
# exp(−ηλ/m) is the same as in the book. λ/n is then 12.5 times the book's, which makes the
# level where the decay stops lower here than at the book's scale (notebook 05 estimates how much
# higher it is there).)
# <!-- given: 784 30 0.5 5.0 4,000 50,000 12.5 -->

# %%
eta, lmbda, m, epochs = 0.5, 5.0, 10, 30
runs = {}
for init in ("large", "default"):
    net = Network(sizes, init=init, seed=1)
    runs[init] = net.train(X, y, epochs=epochs, mini_batch_size=m, eta=eta, lmbda=lmbda, seed=2,
                           evaluation=mnist.validation)

# %%
# NBVAL_CHECK_OUTPUT
for init, label in (("large", "old init N(0,1)"), ("default", "new init N(0,1/n_in)")):
    rms = runs[init].rms[:, 0]
    print(f"{label:22s} hidden-layer weight RMS: epoch 0 {rms[0]:.3f}, "
          f"epoch 10 {rms[10]:.3f}, epoch {epochs} {rms[-1]:.3f}; "
          f"validation accuracy {runs[init].accuracy[-1]:.1%}")
print(f"1/√n_in = {1 / np.sqrt(784):.3f},  1/√N_w = {1 / np.sqrt(n_w):.4f},  "
      f"pure decay after {epochs} epochs: {np.exp(-eta * lmbda / m * epochs):.1e}")

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

# %% [markdown]
# Three things to notice, each of which a later notebook explains with a proof or a measurement:
#
# - in the first epochs the old-init weights shrink at almost exactly the pure-decay rate
#   (parts 1 and 2: notebooks 02 and 03);
# - the decay then levels off, and the two runs meet at one level, one from above and the other
#   from below: the old initialization has been forgotten;
# - that level is about three times 1/√n_in and far above 1/√N_w on this subset (and higher
#   still at the book's scale) — the book's part (3) is right about the *shape* of the story,
#   not the number (notebooks 04 and 05).

# %% [markdown]
# ## The map of the course
#
# | notebook | question | proved | measured |
# |---|---|---|---|
# | [01 The L2 update rule](01_l2_update_rule.ipynb) | where does w → (1 − ηλ/n)w − … come from, and why does a penalty *added* to the cost *shrink* w? | the gradient of the regularized cost | the engine's gradient against finite differences |
# | [02 Decay per epoch](02_per_epoch_decay.ipynb) | part (2): when is (1 − ηλ/n)^(n/m) ≈ exp(−ηλ/m)? | the limit, the error series, two-sided bounds | pure decay to machine precision |
# | [03 Neuron saturation](03_neuron_saturation.ipynb) | part (1): why decay dominates the first epochs | the spread of z, the saturated share | the decay and gradient parts of the change of ‖w‖² |
# | [04 Where the decay tails off](04_tail_off.ipynb) | part (3): where does it stop? | the heuristics and the fixed point | the equilibrium against 1/√n_in and 1/√N_w |
# | [05 The book's own examples](05_the_books_examples.ipynb) | do the conditions hold for the graphed runs? | the exact per-epoch factors | the book's logs, Σw² backed out of them |
# | [06 Why layers disagree](06_layers_disagree.ipynb) | why can one layer's weights grow under L2? | ridge shrinkage per eigen-direction | per-layer norms of a real run |
# | [07 L1 against L2](07_l1_vs_l2.ipynb) | what changes with an L1 penalty? | soft-thresholding | sparsity and accuracy against λ |
# | [08 The equilibrium-norm literature](08_the_literature.ipynb) | what do published analyses of weight decay say about where it stops? | — | the course's part (3) law beside them |
# | [09 A model answer](09_model_answer.ipynb) | the exercise answered, as one would hand it in | each step linked to its proof | each step linked to its measurement |

# %% [markdown]
# ## Summary
#
# - The exercise has three parts: decay dominates early (1), at a rate of about exp(−ηλ/m) per
#   epoch (2), until the weights are "around 1/√n" (3).
# - The book's n means the training-set size in ηλ/n but the number of weights in part (3);
#   the course writes n and N_w.
# - A first run already shows the shape of the story and hints at its limits: the level where
#   decay stops is not 1/√N_w.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** How many weights N_w does the network [784, 100, 10] have (biases excluded)?
# <!-- given: 784 100 -->

# %%
from helpers.exercises.ex00 import check_n_weights, check_per_epoch_factor, check_which_n

answer = None
check_n_weights(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# N_w = 784·100 + 100·10 = 79,400. In code: `sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))`.
# </details>
#
# **2.** In the shrink factor 1 − ηλ/n, is n the `"training-set size"`, the
# `"number of weights"` or the `"fan-in"`?
# <!-- given: 784 100 79,400 -->

# %%
answer = None
check_which_n(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `"training-set size"`: the penalty is (λ/2n)·Σw² with n the number of training examples.
# </details>
#
# **3.** The graphs of the book's weight-initialization section were trained with η = 0.1 (the
# first look above used η = 0.5, the setting of the book's full-data L2 run). Compute the
# heuristic per-epoch factor exp(−ηλ/m) for the graphed runs' settings η = 0.1, λ = 5.0, m = 10.
# <!-- given: 0.1 0.5 5.0 10 -->

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
