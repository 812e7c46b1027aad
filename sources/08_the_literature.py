# %% [markdown]
# # The equilibrium-norm literature, applied to the book's network
#
# Which published results about where weight decay holds the weight norm apply to the book's
# unnormalized sigmoid network, which do not, and why.

# %% [markdown]
# ## You will learn
#
# - how to translate a paper's decay coefficient into the book's λ/n;
# - why the best-known closed forms (norm ∝ (η/λ)^(1/4), rotation √(2ηλ) per step) need
#   normalization layers, and that the book's network is measured not to meet that assumption;
# - which results do apply to an unnormalized network: balanced layers (Du, Hu & Lee), the weight
#   penalty of a two-layer network as a width-independent penalty on its function (Srebro,
#   Rennie & Jaakkola; Neyshabur, Tomioka & Srebro), λ as the price of a norm budget (Krogh &
#   Hertz), and the weakly regularized limit (Wei, Lee, Liu & Ma) — each with how far it holds
#   here.

# %%
import matplotlib.pyplot as plt
import numpy as np

from helpers import derivations, tailoff, verdict
from helpers.plots import use_course_style

use_course_style()
sweeps = {name: tailoff.load_sweep(name) for name in tailoff.SWEEP_NAMES}

# %% [markdown]
# ## The argument in plain words
#
# Every paper on the equilibrium norm starts from the same exact identity for one step
# w′ = (1 − a)w − g: the change of ‖w‖² is a decay −a(2 − a)‖w‖², a
# [radial term](A0_glossary.ipynb#radial-term) −2(1 − a)⟨w, g⟩ and a
# [jitter](A0_glossary.ipynb#jitter) ‖g‖². Which term stands up to the decay decides the law.
# The best-known results assume *normalization layers*: then scaling a layer's weights does not
# change the network's output (it is [scale-invariant](A0_glossary.ipynb#scale-invariant)), the radial term is exactly zero, and the jitter alone holds the
# norm up; that gives a norm ∝ (η/λ)^(1/4) and a rotation of √(2ηλ′) radians per step. The
# book's sigmoid network has no normalization. Measured at every stored sweep point of 04, the
# radial term carries most of the balance, in the output layer almost all of it:

# %% tags=["nbval-check-output"]
shares = {}
for name, sw in sweeps.items():
    h = tailoff.sweep_heuristics(sw)
    shares[name] = ((h["radial"] / -h["decay"]).mean(axis=1),
                    (h["jitter"] / -h["decay"]).mean(axis=1))
radial = np.concatenate([s[0] for s in shares.values()])  # (points, layer)
jitter = np.concatenate([s[1] for s in shares.values()])
for k, layer in enumerate(("hidden", "output")):
    print(f"{layer} layer, {len(radial)} sweep points: radial share {radial[:, k].min():.2f} "
          f"to {radial[:, k].max():.2f}, jitter share {jitter[:, k].min():.2f} to "
          f"{jitter[:, k].max():.2f}")

# %%
fig, ax = plt.subplots(figsize=(6.2, 4.2))
for k, (layer, marker) in enumerate((("hidden", "o"), ("output", "s"))):
    ax.plot(radial[:, k], jitter[:, k], marker, ms=5, alpha=0.8, label=f"{layer} layer")
ax.plot([0, 1], [1, 0], "k:", lw=1, label="radial + jitter = decay (η → 0 drops the jitter)")
ax.plot(0, 1, "*", ms=14, color="C3", label="normalized network: jitter alone")
ax.set_xlim(-0.05, 1.1)
ax.set_ylim(-0.05, 1.1)
ax.set_xlabel("radial term / decay (tail window)")
ax.set_ylabel("jitter / decay")
ax.set_title("what holds the norm up, at every stored sweep point (new init)", fontsize=9)
ax.legend(fontsize=8, loc="upper right")
plt.show()

# %% [markdown]
# So the scale-invariant results describe a different network. What carries over are results
# about unnormalized networks, and the course's own mechanism is one of them: the weights sit
# near the bottom of the regularized cost along the line through their own direction
# (04's [radial balance](A0_glossary.ipynb#radial-balance), measured in
# [A4](A4_mechanism_measured.ipynb)).

# %% [markdown]
# <a id="the-answer"></a>
# > **The answer.** The closed forms most papers give for the equilibrium norm assume
# > normalization layers, which make the radial term vanish; in the book's network it carries
# > most of the balance, and the level barely moves with η, so those forms do not apply. What
# > applies are four results about unnormalized networks, each in part. With an L2 term, layers
# > of a homogeneous network end with equal squared norms (Du, Hu & Lee 2018); the sigmoid is
# > homogeneous only near z = 0, and the book's two layers do end with similar Σw². The L2 penalty
# > of a two-layer network is, at its best split, a penalty on the function it computes that
# > does not depend on the width (Srebro, Rennie & Jaakkola 2005; Neyshabur, Tomioka & Srebro
# > 2015): the reason Σw² hardly depends on the width. A minimizer of the penalized cost is the
# > best fit within a norm budget, with λ/n the price of the budget (the effect Krogh & Hertz 1992
# > analyse in a linear network); the radial balance is that condition along the weights' own
# > direction. And as λ/n → 0 the penalized cross-entropy minimizer of a homogeneous network tends
# > to the maximum-margin one (Wei, Lee, Liu & Ma 2019): Σw² should keep growing as λ/n falls.
# <!-- given: 2018 2005 2015 1992 2019 -->
#
# The evidence follows: the conversion of the papers' λ, the regimes and what the sweeps say of
# them, the angle and the time scale, then each of the four results with why it applies here or
# not.

# %% [markdown]
# ## The papers' λ is the book's λ/n
#
# The papers write a step as w ← (1 − ηλ′)w − η∇L; the book's is w ← (1 − ηλ/n)w − g with
# g = (η/m)Σ∇C_x. So λ′ = λ/n, and a paper's "1/(ηλ′) steps" is n/(ηλ) steps, or m/(ηλ)
# epochs. The one-step identity behind every paper, proved:

# %%
derivations.norm_step_identity()

# %% [markdown]
# Averaged over steps, the norm stands still when the decay is matched by the radial term plus
# the jitter. Which of the two carries the match decides the scaling:
#
# | regime | assumption | balance | level | slope in λ | slope in η |
# |---|---|---|---|---|---|
# | noise-dominated | g ⟂ w, E‖g‖² independent of ‖w‖ | 2a‖w‖² ≈ E‖g‖² | ∝ (ηn/λ)^(1/2) | −1/2 | +1/2 |
# | scale-invariant (normalization) | ⟨w, ∇C₀⟩ = 0, E‖g‖² ∝ 1/‖w‖² | the same | ∝ (ηn/λ)^(1/4) | −1/4 | +1/4 |
# | radial balance | the bottom of the cost along w | (λ/n)‖w‖² ≈ −⟨w, ∇C₀⟩ | set by the data | — | ≈ 0 |
#
# The slopes the sweeps measure (04; the mean over five seeds and both initializations):
# <!-- given: 1 2 4 04 -->

# %% tags=["nbval-check-output"]
lam, eta_ = tailoff.slope(sweeps["lmbda"]), tailoff.slope(sweeps["eta"])
for k, layer in enumerate(tailoff.LAYERS):
    print(f"{layer:6s}: slope in λ {lam.mean[k]:+.2f}, in η {eta_.mean[k]:+.2f}")

# %% [markdown]
# The λ slopes fall between −1/2 and −1/4, which alone might suggest a mixture of the first two
# regimes; the η slopes rule both out, since they would need +1/2 or +1/4. A level that hardly
# moves with η is what the radial balance predicts: it is a condition on the cost, not on the
# step.

# %% [markdown]
# ## The scale-invariant results, and why they do not apply here
#
# - T. van Laarhoven (2017), "L2 Regularization versus Batch and Weight Normalization"
#   (arXiv:1706.05350): with normalization, L2 has no regularizing effect on the function; it
#   sets the scale of the weights and thereby the effective learning rate. *Here:* no
#   normalization, so L2 does regularize the function — the level moves with λ, and at large λ
#   learning collapses (04).
# - G. Zhang, C. Wang, B. Xu, R. Grosse (2019), "Three Mechanisms of Weight Decay
#   Regularization" (ICLR 2019, arXiv:1810.12281): weight decay raises the effective learning
#   rate of layers followed by normalization, approximately regularizes the input–output
#   Jacobian under K-FAC, and reduces K-FAC's effective damping. *Here:* plain SGD without
#   normalization, so none of the three is the book's mechanism.
# - Z. Li, S. Arora (2020), "An Exponential Learning Rate Schedule for Deep Learning" (ICLR 2020,
#   arXiv:1910.07454): with normalization, weight decay and momentum, training equals training
#   without weight decay under an exponentially growing learning rate. *Here:* the equivalence
#   rests on scale invariance, which the radial shares above rule out.
# - R. Wan, Z. Zhu, X. Zhang, J. Sun (2021), "Spherical Motion Dynamics: Learning Dynamics of
#   Normalized Neural Network using SGD and Weight Decay" (NeurIPS 2021, arXiv:2006.08419), and
#   A. Kosson, B. Messmer, M. Jaggi (2024), "Rotational Equilibrium: How Weight Decay Balances
#   Learning Across Neural Networks" (ICML 2024, arXiv:2305.17212): for normalized networks the
#   weight norm and the angle turned per step converge to an equilibrium. *Here:* a
#   norm-preserving step with g ⟂ w turns w by arccos(1 − a) ≈ √(2a) (exercise 2); the measured
#   angle, below, is smaller, because the jitter is only part of the balance.
# - Z. Li, K. Lyu, S. Arora (2020), "Reconciling Modern Deep Learning with Traditional
#   Optimization Analyses: The Intrinsic Learning Rate" (NeurIPS 2020, arXiv:2010.02916): the
#   product ηλ′ sets the time to equilibrium, about 1/(ηλ′) steps (a conjecture they test).
#   *Here:* the time scale carries over, measured below.
# - I. Loshchilov, F. Hutter (2019), "Decoupled Weight Decay Regularization" (ICLR 2019,
#   arXiv:1711.05101): for plain SGD an L2 penalty and weight decay are the same update once λ
#   is rescaled by η — the book's factor 1 − ηλ/n is that case; for Adam they differ (AdamW).
#   *Here:* nothing changes.
# <!-- given: 2017 2019 2020 2021 2024 1706.05350 1810.12281 1910.07454 2006.08419 2305.17212 2010.02916 1711.05101 -->

# %% [markdown]
# ### The angle per step
#
# The mean angle between w and w′ per step over the tail window, against √(2a), the rotation of
# a norm-preserving step at right angles to w (the scale-invariant equilibrium without
# momentum), and against √(2a × jitter share):

# %% tags=["nbval-check-output"]
print(tailoff.angle_table(sweeps["lmbda"]))
print(tailoff.angle_table(sweeps["eta"]))

# %% [markdown]
# The weights turn more slowly than √(2a): the papers' √(2a) assumes the jitter alone balances
# the decay, and here it does not. The last column, close to 1, is **not evidence**: a step
# turns w by about ‖g⊥‖/‖w‖, and √(2a × jitter share) ≈ ‖g‖/‖w‖ by definition, so the ratio is
# the mean of ‖g⊥‖ over the root mean square of ‖g‖ — geometry, true of any network, saying only
# that most of each step is perpendicular to w.

# %% [markdown]
# ### The time to equilibrium
#
# The papers' 1/(2ηλ′) steps for the squared norm is m/(2ηλ) epochs in the book's terms. 04
# kicked the norm of settled runs and timed its return:

# %% tags=["nbval-check-output"]
for lm, r in tailoff.relax_summary().items():
    print(f"λ = {lm:4g}: m/(2ηλ) = {r['predicted']:.2f} epochs, measured "
          f"hidden {r['mean'][0]:.2f}, output {r['mean'][1]:.2f} "
          f"(ratios {r['mean'][0] / r['predicted']:.2f}, {r['mean'][1] / r['predicted']:.2f})")

# %% [markdown]
# The 1/λ scaling carries over; the prefactor is smaller: the norm returns faster than decay
# alone would bring it, because the radial push itself depends on the norm.

# %% [markdown]
# ## Results that apply to an unnormalized network
#
# **Balanced layers.** S. S. Du, W. Hu, J. D. Lee (2018), "Algorithmic Regularization in
# Learning Deep Homogeneous Models: Layers are Automatically Balanced" (NeurIPS 2018,
# arXiv:1806.00900), prove that for homogeneous activations (linear, ReLU, leaky ReLU) gradient
# flow keeps the difference of consecutive layers' squared norms constant. The reason is that
# scaling one layer up and the next down leaves such a network unchanged, so
# ⟨W₁, ∇_W₁C₀⟩ = ⟨W₂, ∇_W₂C₀⟩. Add the penalty and the same computation gives
# d/dt(‖W₁‖² − ‖W₂‖²) = −(2λ/n)(‖W₁‖² − ‖W₂‖²): the imbalance decays at the pure-decay rate, and
# the layers end [balanced](A0_glossary.ipynb#balanced-layers). *Here, in part:* the sigmoid is homogeneous only in its near-linear
# part (σ(z) ≈ ½ + z/4, the offset absorbed by the undecayed biases). The two layers of the
# trained network do hold similar Σw² — the [layer split](A0_glossary.ipynb#layer-split) measured
# in [04](04_tail_off.ipynb) and [A4](A4_mechanism_measured.ipynb). Under the old
# initialization they start far from balance, and [06](06_layers_disagree.ipynb) is what that
# looks like.
# <!-- given: 2018 1806.00900 2 -->
#
# **A width-independent penalty on the function.** For a two-layer linear map M = W₂W₁,
# min over W₂W₁ = M of (‖W₁‖² + ‖W₂‖²)/2 is ‖M‖_*, the sum of M's singular values (the balanced
# split of the singular value decomposition reaches it; any other split costs more). N. Srebro,
# J. Rennie, T. Jaakkola (2005), "Maximum-Margin Matrix Factorization", regularize a
# factorization through the norms of its two factors ("low-norm instead of low-rank"), and
# B. Neyshabur, R. Tomioka, N. Srebro (2014), "In Search of the Real Inductive Bias: On the Role
# of Implicit Regularization in Deep Learning" (arXiv:1412.6614), and "Norm-Based Capacity
# Control in Neural Networks" (2015, JMLR Workshop and Conference Proceedings 40,
# arXiv:1503.00036), read the weight penalty of a network as a penalty on the function it
# computes, one that does not grow with the width. From scratch, with a random two-layer linear
# map of the book's shape:
# <!-- given: 2005 2014 2015 40 1412.6614 1503.00036 2 -->

# %% tags=["nbval-check-output"]
rng = np.random.default_rng(0)
W1, W2 = rng.normal(0, 1 / 28, (30, 784)), rng.normal(0, 1, (10, 30))
M = W2 @ W1
P, s, Qt = np.linalg.svd(M, full_matrices=False)
W2_bal, W1_bal = P * np.sqrt(s), np.sqrt(s)[:, None] * Qt  # W2_bal @ W1_bal = M
wide = np.zeros((300, 784))  # the same M through 300 hidden units, balanced
wide[:10] = W1_bal
print(f"(‖W₁‖² + ‖W₂‖²)/2 as drawn: {(np.sum(W1**2) + np.sum(W2**2)) / 2:.3f}")
print(f"balanced split: {(np.sum(W1_bal**2) + np.sum(W2_bal**2)) / 2:.3f}; "
      f"‖M‖_* = {s.sum():.3f}; through 300 hidden units: "
      f"{(np.sum(wide**2) + np.sum(W2_bal**2)) / 2:.3f}")

# %% [markdown]
# *Here, in part:* the book's network is linear only near z = 0, so the identity describes it
# only to the extent its hidden units work in their near-linear range (04 and A4 measure how
# far). Where it holds it explains two things the sweeps show: Σw² hardly depends on the width
# (the penalty of the best split depends on the function, not on how many hidden units carry
# it), and the best split is even between the layers.
#
# **λ as the price of a norm budget.** If w_λ minimizes C₀ + (λ/2n)Σw², then no w with
# Σw² ≤ Σw_λ² has a smaller C₀ (it would have a smaller penalized cost): w_λ is the best fit
# within its own norm budget, and λ/n is the rate at which the fit trades against Σw²/2.
# A. Krogh, J. Hertz (1992), "A Simple Weight Decay Can Improve Generalization" (NIPS 4) prove
# for a linear network that weight decay chooses the smallest weight vector that solves the
# learning problem and suppresses the components the data does not determine. *Here, in part:*
# SGD does not find the global minimizer, but along one direction it does satisfy the price
# condition: at α = 1 the cost C₀(α·w) + (λ/2n)α²‖w‖² is lowest, which is the radial balance
# (λ/n)‖w‖² ≈ −⟨w, ∇C₀⟩. So the level is the norm at which one more unit of Σw²/2 buys exactly
# λ/n of data cost — set by λ/n and the data, as 04 finds.
# <!-- given: 1992 4 2 1 -->
#
# **The weakly regularized limit.** C. Wei, J. D. Lee, Q. Liu, T. Ma (2019), "Regularization
# Matters: Generalization and Optimization of Neural Nets v.s. their Induced Kernel" (NeurIPS
# 2019, arXiv:1810.05369), show for feed-forward ReLU networks that the global minimizer of a
# weakly regularized cross-entropy is the maximum-normalized-margin solution. On separable data
# the unregularized cross-entropy has no finite minimizer, so as λ/n → 0 the norm must grow
# without bound. *Here, as a direction only:* the sigmoid network is not homogeneous and SGD is
# not at the global minimizer, but the measured Σw² does grow as λ/n falls (the negative λ
# slopes above), and the course's smallest λ/n is where its premises are weakest (04).
# <!-- given: 2019 1810.05369 0 -->

# %% [markdown]
# ## The verdict
#
# The course states its verdict once, in `helpers.verdict`:

# %% tags=["nbval-check-output"]
print(verdict.verdict_markdown(parts=("3", "examples")))

# %% [markdown]
# ## Summary
#
# - **Proved:** the one-step identity ‖w′‖² = (1 − a)²‖w‖² − 2(1 − a)⟨w, g⟩ + ‖g‖², shared by
#   all the papers; their λ′ is the book's λ/n.
# - **Measured:** the book's network is not scale-invariant (the radial term carries most of the
#   balance) and not noise-dominated; the level's η slope rules out both closed-form scalings;
#   the weights turn by less than the papers' √(2a); the norm relaxes on the papers' time scale
#   m/(2ηλ), somewhat faster.
# - **What applies:** balanced layers (Du, Hu & Lee), exact for homogeneous networks and
#   approximate here; the two-layer penalty as a width-independent penalty on the function
#   (Srebro, Rennie & Jaakkola; Neyshabur, Tomioka & Srebro), where the hidden units are
#   near-linear; λ/n as the price of a norm budget (Krogh & Hertz), which the radial balance
#   satisfies along the weights' own direction; the weakly regularized limit (Wei, Lee, Liu &
#   Ma) as the direction Σw² takes when λ/n falls.

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** The papers' time for the squared norm to settle is about 1/(2ηλ′) steps. How many
# *epochs* is that for the book's full-data run (η = 0.1, λ = 5, n = 50,000, m = 10)? Is it
# inside the book's 30 epochs?
# <!-- given: 0.1 5 50,000 30 -->

# %%
from helpers.exercises.ex08 import (
    check_balanced_penalty,
    check_equilibrium_angle,
    check_relax_epochs,
)

answer = None
check_relax_epochs(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# λ′ = λ/n = 1e−4, so 1/(2ηλ′) = 1/(2 · 0.1 · 1e−4) = 50,000 steps. An epoch makes n/m = 5,000
# steps, so that is 10 epochs = m/(2ηλ): well inside the 30 epochs.
# <!-- given: 1e−4 0.1 50,000 5,000 -->
# </details>
#
# **2.** Derive the scale-invariant equilibrium angle exactly. A step w′ = (1 − a)w − g with
# g ⟂ w keeps the norm (‖w′‖ = ‖w‖): what angle θ does it turn w by? Write `angle(a)` returning
# θ in radians as a function of a = ηλ/n alone (use `math`), then check it.

# %%
import math  # noqa: F401 (for your formula)


def angle(a):
    return None  # your formula for θ


check_equilibrium_angle(angle)

# %% [markdown]
# <details><summary>Solution</summary>
#
# With g ⟂ w, ‖w′‖² = (1 − a)²‖w‖² + ‖g‖²; the norm is kept when ‖g‖² = (1 − (1 − a)²)‖w‖².
# Then cos θ = ⟨w, w′⟩/(‖w‖ ‖w′‖) = (1 − a)‖w‖²/‖w‖² = 1 − a, so θ = arccos(1 − a), which is
# √(2a) to first order (cos θ ≈ 1 − θ²/2): `return math.acos(1 - a)`.
# <!-- given: 1 2 -->
# </details>
#
# **3.** In a two-layer *linear* (or ReLU) network, multiplying the hidden layer's weights by
# c > 0 and the output layer's by 1/c leaves the function unchanged. Write
# `balanced_total(sq_hidden, sq_output)` that returns the smallest total Σw² reachable this way,
# min over c of c²·sq_hidden + sq_output/c², from the two layers' Σw² alone. (For the old
# initialization of [784, 30, 10], about 23,520 and 300, how much of the total would balancing
# remove?)
# <!-- given: 23,520 300 -->

# %%
def balanced_total(sq_hidden, sq_output):
    return None  # your formula


check_balanced_penalty(balanced_total)

# %% [markdown]
# <details><summary>Solution</summary>
#
# With u = c², minimize u·A + B/u: the derivative A − B/u² vanishes at u = √(B/A), where both
# terms equal √(AB), so the minimum is 2√(AB) (the arithmetic–geometric mean inequality
# A·u + B/u ≥ 2√(AB) says the same): `return 2 * math.sqrt(sq_hidden * sq_output)`. At the
# balanced c the two layers hold equal Σw². For 23,520 and 300 it is 2√7,056,000 ≈ 5,313 against
# 23,820: balancing alone would remove about 78% of Σw² without changing the function. The
# sigmoid network cannot rescale for free, but the penalty pushes it the same way.
# <!-- given: 2 23,520 300 7,056,000 5,313 23,820 78% -->
# </details>
