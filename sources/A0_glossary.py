# %% [markdown]
# # Glossary
#
# The course's own words, each in one or two plain sentences, with a link to where it is used.

# %% [markdown]
# ## How to use it
#
# A lesson links a term here the first time it uses it; the link lands on the term. The symbols
# are those of [00's notation table](00_the_exercise.ipynb#notation), stated once for the whole
# course.

# %% [markdown]
# ## Symbols
#
# <a id="n"></a>**n** — the training-set size: the n in the penalty (λ/2n)·Σw² and in the shrink
# factor 1 − ηλ/n. The book writes the same letter for the number of weights in part (3); the
# course writes [N_w](#n-w) there. Used in: [00](00_the_exercise.ipynb#notation).
#
# <a id="n-w"></a>**N_w** — the total number of weights in the network, biases excluded: the
# book's "n" of part (3). Used in: [00](00_the_exercise.ipynb#notation),
# [04](04_tail_off.ipynb).
#
# <a id="n-in"></a>**n_in** — the fan-in of a neuron: how many inputs feed it, the width of the
# layer below. The new initialization draws weights with spread 1/√n_in. Used in:
# [00](00_the_exercise.ipynb#notation), [03](03_neuron_saturation.ipynb).
#
# <a id="m"></a>**m** — the mini-batch size: an epoch makes ⌈n/m⌉ update steps. Used in:
# [02](02_per_epoch_decay.ipynb).
#
# <a id="a-rate"></a>**a = ηλ/n** — the per-step decay rate: one step multiplies every weight by
# 1 − a before the data gradient is subtracted. Used in: [01](01_l2_update_rule.ipynb),
# [02](02_per_epoch_decay.ipynb).

# %% [markdown]
# ## Terms
#
# <a id="old-init"></a>**old initialization** — every weight and bias drawn from N(0, 1), the
# book's `large_weight_initializer`. Used in: [00](00_the_exercise.ipynb).
#
# <a id="new-init"></a>**new initialization** — weights drawn from N(0, 1/n_in), biases from
# N(0, 1), the book's default. Used in: [00](00_the_exercise.ipynb).
#
# <a id="pure-decay"></a>**pure decay** — training with the data gradient switched off, so only
# the penalty acts: each epoch multiplies every weight by (1 − a)^⌈n/m⌉ ≈ exp(−ηλ/m). Used in:
# [00](00_the_exercise.ipynb#a-first-look), [02](02_per_epoch_decay.ipynb).
#
# <a id="level"></a>**level** — the size (root-mean-square) at which a layer's weights stop
# shrinking and stay, once the decay has tailed off; the **all-weights level** is the RMS over
# every weight of the network. A level of RMS r over N weights is a Σw² of N·r², so a level can
# be quoted either way (0.159 over all 23,820 weights of [784, 30, 10] is Σw² ≈ 600). Used in:
# [00](00_the_exercise.ipynb#a-first-look), [04](04_tail_off.ipynb),
# [05](05_the_books_examples.ipynb), [09](09_model_answer.ipynb).
# <!-- given: 0.159 23,820 600 -->
#
# <a id="radial-term"></a>**radial term** — the part of a gradient step that points along the
# weights' own direction, −2(1 − a)⟨w, g⟩ in the change of ‖w‖²: the only part of the data's
# gradient that makes the norm grow or shrink on average. Used in:
# [03](03_neuron_saturation.ipynb), [04](04_tail_off.ipynb).
#
# <a id="jitter"></a>**jitter** — the term ‖g‖² in the change of ‖w‖² per step: a step at right
# angles to w still lengthens it a little. It is second order in η and vanishes as η → 0. Used
# in: [04](04_tail_off.ipynb).
#
# <a id="radial-balance"></a>**radial balance** — the state where the decay's inward pull and the
# data's outward push along w cancel, (λ/n)‖w‖² ≈ −⟨w, ∇C₀⟩ (plus the jitter): the norm stands still although
# the weights keep moving. Used in: [04](04_tail_off.ipynb), [09](09_model_answer.ipynb).
#
# <a id="alpha-star"></a>**α\* (the line through the weights' own direction)** — scale a layer's
# weights by α and watch the regularized cost C₀(α·w) + (λ/2n)α²‖w‖²; α\* is where it is lowest.
# α\* ≈ 1 says the weights sit at the bottom of that line, the radial balance. Used in:
# [04](04_tail_off.ipynb).
#
# <a id="layer-split"></a>**layer split** — how the total Σw² is shared between the hidden and
# the output layer; at the tail-off the two hold about equal parts. Used in:
# [04](04_tail_off.ipynb).
#
# <a id="tail-window"></a>**tail window** — the last epochs of a run, after the decay has tailed
# off, over which a level and its costs are averaged. Used in: [04](04_tail_off.ipynb).
#
# <a id="unsaturation-scale"></a>**unsaturation scale** — the weight size 1/√(n_in·E[x²]) at
# which a neuron's weighted input has spread 1, so it is not saturated: a heuristic for where
# the decay stops. Used in: [04](04_tail_off.ipynb).
#
# <a id="lambda-window"></a>**λ window** — the range of λ in which the exercise's story holds:
# large enough that the decay reaches its level within the run, small enough that the network
# still learns. Used in: [04](04_tail_off.ipynb).
#
# <a id="crossover"></a>**crossover** — the λ at which the decay's shrinking of ‖w‖² and the
# data gradient's change of it are equal in size over an epoch; above it decay dominates (part
# 1). Used in: [03](03_neuron_saturation.ipynb).
#
# <a id="digit-neuron-pairs"></a>**(digit, neuron) pairs** — every combination of one training
# image and one hidden neuron: the unit in which saturation is counted (a neuron may be
# saturated for one image and not for another). Used in: [03](03_neuron_saturation.ipynb).
#
# <a id="mixture"></a>**mixture** — a prediction averaged over each image's own input length ‖x‖,
# rather than computed once at the average ‖x‖. Used in: [03](03_neuron_saturation.ipynb).
#
# <a id="back-out"></a>**back-out** — the book's Σw² per epoch, recovered from its training log:
# the logged training and test costs differ by a known multiple of Σw² when their data costs are
# taken as equal. Used in: [A2](A2_decay_numerics.ipynb#book-log), [05](05_the_books_examples.ipynb).
#
# <a id="pessimistic-back-out"></a>**pessimistic back-out** — the same, after subtracting the
# generalization gap of the book's λ = 0 run; a lower estimate of Σw². Used in:
# [05](05_the_books_examples.ipynb).
#
# <a id="seeded-start"></a>**seeded start** — the book's own initial weights, reproduced exactly
# from the seed its script sets (numpy's legacy generator still draws them). Used in:
# [02](02_per_epoch_decay.ipynb#measured), [A2](A2_decay_numerics.ipynb#book-log),
# [05](05_the_books_examples.ipynb).

# %% [markdown]
# ## The course's machinery
#
# <a id="claim"></a>**claim** — a step of the argument proved in SymPy: calling it asserts the
# step and shows the statement, with the conditions it was proved under below it. Used in:
# [01](01_l2_update_rule.ipynb), [02](02_per_epoch_decay.ipynb).
#
# <a id="twin"></a>**twin** — the numeric twin of a claim: a numpy function made from the same
# SymPy expression the claim proves, so the numbers a lesson prints follow from the proof. Used
# in: [A2](A2_decay_numerics.ipynb#book-runs).
#
# <a id="engine"></a>**engine** — `helpers.network.Network`: the course's implementation of the
# book's network2 (sigmoid layers, cross-entropy, the L2 update), checked against finite
# differences in [A1](A1_update_rule_checks.ipynb). Used in: [01](01_l2_update_rule.ipynb).
#
# <a id="saturated"></a>**saturated** — a neuron is saturated on an input when the slope of its
# sigmoid there is tiny, σ′(z) < 0.01 (|z| > 4.6): it then passes almost no gradient back.
# Used in: [03](03_neuron_saturation.ipynb), [05](05_the_books_examples.ipynb).
# <!-- given: 0.01 4.6 -->
#
# <a id="decay-part"></a>**decay part, gradient part** — the two pieces of the exact change of
# ‖w‖² in one step: the decay part ((1 − a)² − 1)‖w‖², always shrinking, and the gradient part
# ‖g‖² − 2(1 − a)⟨w, g⟩, the rest. Used in: [03](03_neuron_saturation.ipynb).
#
# <a id="radial-identity"></a>**radial identity** — ⟨w_j, ∂C_x/∂w_j⟩ = δ_j(z_j − b_j): how much
# of one example's gradient points along a neuron's own weights, read off its weighted input.
# Used in: [03](03_neuron_saturation.ipynb).
#
# <a id="desaturation"></a>**desaturation** — the falling share of saturated (digit, neuron)
# pairs as the weights shrink: the neurons pass gradient again. Used in:
# [00](00_the_exercise.ipynb#the-answer), [05](05_the_books_examples.ipynb).
#
# <a id="cost-balance"></a>**cost balance** — the heuristic that the decay stops where the
# penalty (λ/2n)Σw² is a fixed multiple r of the data cost C₀ (r of order one). Used in:
# [05](05_the_books_examples.ipynb).
#
# <a id="chatter-band"></a>**chatter band** — the interval −a < w < a in which the book's L1
# rule w ← w − a·sign(w) − g leaves a weight the data no longer pushes: it jumps over zero and
# flips sign at every step instead of stopping there. Used in: [07](07_l1_vs_l2.ipynb).
#
# <a id="proximal-step"></a>**proximal step (soft threshold)** — the L1 step taken as
# w ← sign(v)·max(|v| − a, 0) with v = w − g: the exact minimizer of ½(u − v)² + a|u|, it sets a
# weight to exactly zero whenever |v| ≤ a. Used in: [07](07_l1_vs_l2.ipynb).
#
# <a id="chaotic-statistic"></a>**chaotic statistic** — a number that moves by more than its
# printed digits when the run starts one ulp away (another CPU's rounding); the course reports
# it as a mean over seeds, to the precision the seeds' spread allows. Used in:
# [07](07_l1_vs_l2.ipynb).
#
# <a id="balanced-layers"></a>**balanced layers** — layers holding equal Σw². In a network whose
# function does not change when one layer is scaled up and the next down (linear or ReLU units)
# the L2 penalty drives the layers to balance; the old initialization starts far from it. Used
# in: [06](06_layers_disagree.ipynb), [08](08_the_literature.ipynb).
#
# <a id="scale-invariant"></a>**scale-invariant** — a layer whose output does not change when its
# weights are multiplied by a constant, as behind a normalization layer; then ⟨w, ∇C₀⟩ = 0 and
# the L2 penalty only sets the weights' scale. The book's network is not. Used in:
# [08](08_the_literature.ipynb).
#
# <a id="margin"></a>**margin** — how confidently the network classifies: for each digit and
# output, that output's weighted input z taken with the sign of the right answer (+z for the
# true class, −z for the others), averaged over the (digit, output) pairs weighted by each
# pair's cross-entropy, so the pairs that still cost something count most
# (`mechanism.loss_weighted_margin`). Larger weights give larger margins. Used in:
# [04](04_tail_off.ipynb).
#
# <!-- glossary: append new terms above this line -->
