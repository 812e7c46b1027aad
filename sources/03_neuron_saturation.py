# %% [markdown]
# # Neuron saturation (part 1)
#
# Why weight decay owns the first epochs under the old initialization: most hidden neurons start
# saturated, so the data gradient, though longer than the decay step, points nearly at right
# angles to the weights and hardly changes their size.

# %% [markdown]
# ## You will learn
#
# - why decay dominates the **size** of the weights in the first epochs, although each gradient
#   step is longer than each decay step;
# - how saturated neurons turn the gradient at right angles to the weights;
# - what "λ not too small" means, in one number.

# %%
import math

import matplotlib.pyplot as plt

from helpers import derivations, saturation
from helpers.data import load_mnist, probe_batch
from helpers.network import Network
from helpers.plots import use_course_style
from helpers.widgets import explore, log_slider

use_course_style()
mnist = load_mnist()
X, y = mnist.train
probe = probe_batch(X)  # the first 1,000 training digits
sizes = saturation.SIZES  # (784, 30, 10)
# epoch 1 from the old initialization with the book's full-data settings
h = Network(sizes, init="large", seed=1).train(X, y, epochs=1, mini_batch_size=10, eta=0.5,
                                               lmbda=5.0, seed=2)
step_ratio = h.gradient_step_norm[0, 0] / h.decay_step_norm[0, 0]  # hidden layer

# %% [markdown]
# ## The argument in plain words
#
# One step of the book's rule is w′ = (1 − a)w − g, with [a = ηλ/n](A0_glossary.ipynb#a-rate)
# and g the gradient step. It makes two moves. The **decay step** −a·w is short and points
# straight at 0. The **gradient step** −g is several times longer under the
# [old initialization](A0_glossary.ipynb#old-init) — and yet it hardly changes the size of w,
# because it points nearly at right angles to w. A step across w changes ‖w‖² only by its own
# square ‖g‖² (Pythagoras), a second-order amount; a step along w changes it at first order.
# Exactly, for one step:
#
# ‖w′‖² − ‖w‖² = ((1 − a)² − 1)‖w‖² (the [decay part](A0_glossary.ipynb#decay-part)) +
# ‖g‖² − 2(1 − a)⟨w, g⟩ (the [gradient part](A0_glossary.ipynb#decay-part)).
#
# The gradient changes ‖w‖² at first order only through ⟨w, g⟩, its
# [radial term](A0_glossary.ipynb#radial-term). The sketch uses the measured length ratio of
# the two steps in the hidden layer (epoch 1 on our digits, printed below):

# %%
fig, ax = plt.subplots(figsize=(7, 3))
saturation.draw_step_sketch(ax, step_ratio)
ax.set_title("one step, hidden layer, epoch 1, old init (step lengths to scale, w not)",
             fontsize=9)
plt.show()

# %% [markdown]
# Why at right angles? Because of **saturation**. Under the old initialization a hidden
# neuron's weighted input z = w·x + b has a standard deviation of √(‖x‖² + 1) ≈ 9.5 on MNIST
# digits (every weight ~ N(0, 1), and ‖x‖ is about 9.4,
# [measured here](A3_saturation_evidence.ipynb#z-width)). Most
# [(digit, neuron) pairs](A0_glossary.ipynb#digit-neuron-pairs) therefore sit at |z| > 4.6,
# where σ′(z) < 0.01: the neuron is [saturated](A0_glossary.ipynb#saturated), and since
# backpropagation multiplies by σ′, it passes almost no gradient. The pairs that do pass
# gradient have |z| < 4.6, and for them the
# [radial identity](A0_glossary.ipynb#radial-identity) ⟨w_j, ∂C_x/∂w_j⟩ = δ_j(z_j − b_j)
# says how much of it points along the neuron's weights w_j: a few units of |z − b| against
# ‖w_j‖‖x‖ ≈ √784 × 9.4 ≈ 28 × 9.4 (‖w_j‖ ≈ √784 for 784 weights ~ N(0, 1)). So their gradient is nearly at right angles to w_j. Left: the z of 30
# hidden neurons on 1,000 digits, the saturated band shaded; right: the two parts of the
# change of the hidden ‖w‖² in epoch 1.
# <!-- given: 9.4 28 4.6 0.01 1,000 -->

# %% tags=["nbval-check-output"]
saturation.draw_init_and_split(1.0, 5.0, X=X, y=y, probe=probe)
plt.show()

# %% [markdown]
# The gradient-part bar is too short to see on this axis. In numbers:

# %% tags=["nbval-check-output"]
d, r, j = h.decay_part[0, 0], h.radial_part[0, 0], h.jitter_part[0, 0]
print("hidden layer, epoch 1 (old init, η = 0.5, λ = 5, m = 10, 4,000 digits):")
print(f"  mean step length: decay {h.decay_step_norm[0, 0]:.3f}, "
      f"gradient {h.gradient_step_norm[0, 0]:.3f} (× {step_ratio:.1f})")
print(f"  change of ‖w‖²: decay part {d:,.0f}; gradient part {r + j:+.0f} "
      f"= radial {r:+.0f} + ‖g‖² {j:+.0f}")

# %% [markdown]
# ## Part (1), answered
#
# While the old initialization's hidden weights are large, most of their neurons are saturated
# and the data gradient moves the weights sideways; the decay alone sets their size, which
# shrinks by exp(−ηλ/m) per epoch as if the data were absent. On our 4,000 digits the gradient
# step of epoch 1 is 4.7 times longer than the decay step, yet it changes ‖w‖² by +30 against
# the decay's −9,124. "λ not too small" means: large enough that the decay part, which grows in
# proportion to λ, still beats the gradient part, which hardly depends on λ. In the book's own
# run, decay wins epoch 1 by a factor of about **11** (all weights,
# [backed out of its log](A3_saturation_evidence.ipynb#book-scale)), so by this measure λ could be
# about ten times smaller. But a smaller λ also decays more slowly, and the decay must reach its
# level within the run: that second sense of "not too small" is the lower end of the
# [λ window](A4_mechanism_measured.ipynb#the-lambda-window). Decay dominates while the
# weights stay large and saturated: at η = 0.5 the gradient part grows to a tenth of the decay
# part in about six epochs ([measured over 30 epochs](A3_saturation_evidence.ipynb#thirty-epochs));
# then the two come to balance (notebook 04). **Part (1) does not hold for the small output
# layer**: with the cross-entropy cost its error carries no σ′, so saturation cannot silence it,
# and the data's push competes with the decay from the first epoch (the verdict says no; notebook 06 shows why).

# %% [markdown]
# ## What you may want checked
#
# **The radial identity** (SymPy, for any fan-in and any cost that sees w_j only through z_j;
# the split of ‖w′‖² above is proved in
# [the appendix](A3_saturation_evidence.ipynb#norm-identity), with the closed forms of z's width
# and of the saturated share):

# %%
derivations.radial_identity()

# %% [markdown]
# **"λ not too small", as a figure.** One epoch from the same start at each λ on our digits:
# the ratio of the two parts grows with λ (in proportion while λ is small) and crosses 1 at the
# [crossover](A0_glossary.ipynb#crossover). The star is the book's own run (its seeded start
# and the Σw² [backed out](A0_glossary.ipynb#back-out) of its log after epoch 1). On 4,000
# digits an epoch has 400 gradient steps against the book's 5,000, which is why the book's
# ratio is lower; the crossover of each η and the scaling with n are in
# [the appendix](A3_saturation_evidence.ipynb#crossover).

# %%
sweep = saturation.lambda_sweep(X, y, [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10], eta=0.5)
book = saturation.book_epoch1()

# %% tags=["nbval-check-output"]
print(f"book's run, epoch 1, all weights: |decay part| / |gradient part| = "
      f"{book.ratio['back-out']:.1f}")
fig, ax = plt.subplots(figsize=(7, 4))
saturation.plot_crossover(ax, sweep, book)
ax.set_title("old init, η = 0.5, m = 10: decay dominates epoch 1 above the crossover",
             fontsize=9)
plt.show()

# %% [markdown]
# **Explore.** The figure of the argument, live: move the weights' standard deviation at
# initialization (1 is the old init, 1/28 ≈ 0.036 the new one) and λ. Each move trains one
# epoch (η = 0.5, m = 10) on the 4,000 digits in a fraction of a second. At σ_w = 0.036 no pair
# is saturated and the gradient part is no longer negligible; at λ = 0.01 the two parts are of
# the same size.
# <!-- given: 1/28 28 0.036 0.5 0.01 -->

# %% tags=["nbval-ignore-output"]
explore(saturation.draw_init_and_split,
        {"init_scale": log_slider("init scale σ_w", 1.0, -2, 0.5, step=0.05),
         "lmbda": log_slider("λ", 5.0, math.log10(5) - 3, math.log10(5) + 1, step=0.1)},
        fixed={"X": X, "y": y, "probe": probe})

# %% [markdown]
# ## Summary
#
# - One step changes ‖w‖² by a **decay part**, first order in a and along w, and a **gradient
#   part**, first order only through the radial term ⟨w, g⟩.
# - Under the old initialization most (digit, neuron) pairs are saturated; the rest have
#   |z − b| ≪ ‖w_j‖‖x‖, so the gradient is nearly at right angles to w (the radial identity).
# - So decay dominates the **norm**, not the steps: a gradient step several times longer than
#   the decay step changes ‖w‖² hundreds of times less in epoch 1 on our digits.
# - "λ not too small": in the book's run decay wins epoch 1 by a factor of about 11.
# - It lasts while the weights are large; the output layer is another story (notebook 06).

# %% [markdown]
# ## Exercises
#
# Replace `None` with your answer and run the cell; the check says whether you are right and why.
#
# **1.** Under the old initialization (σ_w = σ_b = 1), what is the standard deviation of z for an
# input with ‖x‖ = 5?

# %%
from helpers.exercises.ex03 import (
    check_bigger_step,
    check_crossover,
    check_norm_split,
    check_radial_identity,
    check_share,
    check_z_std,
)

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
# <!-- given: 26 5.099 0.01 -->

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
# **3.** Predict, then measure: under the **new** initialization (`init="default"`), in epoch 1
# with η = 0.5, λ = 5, m = 10, is the hidden layer's `"decay part"` or `"gradient part"` of
# Δ‖w‖² larger in size? (Nothing above prints it: train one epoch yourself, for example with
# `saturation.first_epoch_split(X, y, init="default")`.)
# <!-- given: 0.5 -->
# <!-- given: 4.585 0.0219 -->

# %%
answer = None
check_bigger_step(answer, X, y)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `"gradient part"`: without saturation and with ‖w_j‖ ≈ 1, the unsaturated pairs' gradients
# are no longer nearly orthogonal to w_j, and ‖w‖² is small, so the decay part is small too.
# Decay dominates the norm only while the weights are large and the neurons saturated.
# </details>
#
# **4.** Take the first point of the sweep, `sweep` (its λ is `sweep["lmbda"][0]`; the hidden
# layer is column 0 of `"decay_part"` and `"gradient_part"`). Assuming the decay part is
# proportional to λ and the gradient part does not depend on λ, at which λ are they equal in
# size?

# %%
answer = None
check_crossover(answer, sweep)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# decay_per_lmbda = sweep["decay_part"][0, 0] / sweep["lmbda"][0]
# abs(sweep["gradient_part"][0, 0]) / abs(decay_per_lmbda)
# ```
# It is close to where the hidden-layer curve of the figure crosses 1: in this range the
# gradient part hardly depends on λ.
# </details>
#
# **5.** Write the exact split of one step. Complete `norm_change_split(w, g, a)` so that it
# returns the pair (decay part, gradient part) of ‖w′‖² − ‖w‖² for w′ = (1 − a)w − g, for
# arrays `w`, `g` of any one shape. The check calls it on random layers and names the case that
# fails.

# %%
def norm_change_split(w, g, a):
    return None  # your code: (decay part, gradient part)


check_norm_split(norm_change_split)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def norm_change_split(w, g, a):
#     ww, wg, gg = np.vdot(w, w), np.vdot(w, g), np.vdot(g, g)
#     return ((1 - a) ** 2 - 1) * ww, gg - 2 * (1 - a) * wg
# ```
# (`saturation.norm_change_split`; SymPy's `derivations.norm_step_identity()` proves it.)
# </details>
#
# **6.** A symbolic step. With the SymPy symbols `delta`, `z`, `b` (δ_j, z_j, b_j of one hidden
# neuron), write ⟨w_j, ∂C_x/∂w_j⟩ as an expression. The check proves it equal to the right one,
# or names the slip.

# %%
from helpers.exercises.ex03 import b, delta, z  # noqa: F401 (the symbols for your answer)

answer = None  # e.g. an expression in delta, z and b
check_radial_identity(answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `delta * (z - b)`: ∂C_x/∂w_j = δ_j·x, so the inner product with w_j is δ_j(w_j · x), and
# w_j · x = z_j − b_j (`derivations.radial_identity()` proves it for any fan-in).
# </details>
