# %% [markdown]
# # Appendix: checks of the update rule
#
# The evidence behind notebook 01: the bias step proved free of decay, the three regimes of a
# decay step, and the course's engine checked against finite differences and against the rule.

# %%
from helpers import derivations, update_rule
from helpers.data import load_mnist
from helpers.network import Network

mnist = load_mnist()
X, y = mnist.train
n = len(X)  # the training-set size: 4,000 offline

# %% [markdown]
# <a id="bias-not-decayed"></a>
# ## The bias step has no decay
#
# The penalty (λ/2n)Σw² sums the weights only, so the derivative of the cost with respect to a
# bias is the data part alone: a bias step has no factor (1 − ηλ/n).

# %%
derivations.bias_not_decayed()

# %% [markdown]
# <a id="regimes"></a>
# ## Shrink, overshoot, diverge
#
# A pure decay step multiplies w by 1 − a with a = ηλ/n. Three regimes follow, each proved for
# every w ≠ 0:
#
# - 0 < a < 1: 1 − a is between 0 and 1; |w| shrinks by exactly a·|w| and keeps its sign;
# - 1 < a < 2: 1 − a is between −1 and 0; w changes sign at each step (overshoot) but |w|
#   still shrinks, by (2 − a)|w|;
# - a > 2: |1 − a| > 1; w flips sign and grows without bound.

# %%
derivations.decay_shrinks_weight()

# %%
derivations.decay_overshoots()

# %%
derivations.decay_diverges()

# %% [markdown]
# The book's settings sit deep in the first regime: for η = 0.1 or 0.5, λ = 5 and n = 50,000, a
# is 1e−5 or 5e−5. The engine refuses a ≥ 1 (`Network.train` raises), since then "decay"
# would flip every weight's sign. On the toy cost of notebook 01 the overshoot comes sooner than
# a = 1 would suggest: the data cost has its own curvature 1, and gradient descent on C is
# stable only while η(1 + λ/n) < 2. In 01's widget, η = 1, λ = 15, n = 10 gives a = 1.5: the pure
# decay overshoots while gradient descent on C, with η(1 + λ/n) = 2.5, diverges.
# <!-- given: 0.1 0.5 5 50,000 1e−5 5e−5 1 15 10 1.5 2.5 -->

# %% tags=["nbval-check-output"]
for eta_b in (0.1, 0.5):
    a_b = eta_b * 5.0 / 50_000
    print(f"book, η = {eta_b}: a = {a_b:.0e}, shrink factor per step = "
          f"{float(derivations.shrink_factor(eta_b, 5.0, 50_000)):.5f}, "
          f"regime: {update_rule.decay_regime(a_b)}; the toy's a = 0.05 is "
          f"{0.05 / a_b:,.0f} times larger")

# %% [markdown]
# <a id="engine-check"></a>
# ## Checking the engine: backpropagation against finite differences
#
# The course trains with `helpers.network.Network`, which implements the book's network2 with
# matrix products. Does `net.gradient` really return ∂C₀/∂w? A central difference
# (C(w + h) − C(w − h))/2h approximates the derivative of `net.cost` to O(h²) and knows nothing
# about backpropagation — an independent oracle. We check a few weights of both layers on a
# batch of ten real training digits, written out here. (We use the new initialization: under the
# old one most hidden neurons are saturated and many first-layer derivatives are too tiny to
# make a telling check.)

# %%
net = Network([784, 30, 10], init="default", seed=1)
Xb, yb = X[:10], y[:10]
dW, dB = net.gradient(Xb, yb)  # backpropagation: the engine's answer
checked = update_rule.CHECKED_WEIGHTS  # (layer, (row, column)) of five weights
h = 1e-6
finite_diff = []
for layer, index in checked:  # central differences of net.cost, written out
    w = net.weights[layer]
    old = w[index]
    w[index] = old + h
    c_plus = net.cost(Xb, yb)
    w[index] = old - h
    c_minus = net.cost(Xb, yb)
    w[index] = old
    finite_diff.append((c_plus - c_minus) / (2 * h))

# %% [markdown]
# Now the regularized cost. `net.cost(X, y, lmbda, n)` adds (λ/2n)Σw² with n = 4,000, the
# training-set size; its finite-difference derivative must equal the engine's ∂C₀/∂w plus
# (λ/n)w — the penalty's derivative. The same for one bias, whose derivative must gain nothing.
# (`tests/test_update_rule.py` asserts every agreement printed here.)

# %% tags=["nbval-check-output"]
lmbda = 5.0
for (layer, index), fd0 in zip(checked, finite_diff, strict=True):
    fd_reg = update_rule.central_difference(net, Xb, yb, layer, index, lmbda=lmbda, n=n)
    penalty = lmbda / n * net.weights[layer][index]
    print(f"layer {layer} weight {index}: backprop {dW[layer][index]:+.8f}, finite diff "
          f"{fd0:+.8f}; with the penalty {fd_reg:+.8f} = backprop + (λ/n)w, (λ/n)w = "
          f"{penalty:+.1e}")
fd_bias = update_rule.central_difference(net, Xb, yb, 0, (4, 0), lmbda=lmbda, n=n, bias=True)
print(f"bias (0, 4): backprop {dB[0][4, 0]:+.8f}, finite diff with the penalty {fd_bias:+.8f}")
gap = max(abs(f - dW[layer][index]) for (layer, index), f in zip(checked, finite_diff, strict=True))
print(f"largest |finite diff − backprop| below 1e-8: {gap < 1e-8}")

# %% [markdown]
# The two methods agree to better than 1e−8 (the finite difference's own error, whose exact
# size depends on rounding, so no more digits are printed), below the penalty terms, 2.5e−7 to
# 1.2e−4, which the regularized check therefore resolves.
#
# ## Biases untouched, weights shrink by exactly a·w
#
# One step of the engine with λ = 5 and one with λ = 0, from the same state, on the same batch
# (here the whole training set as one batch, m = n, so the step is a single update with
# a = ηλ/n = 6.25e−4). The data gradient is computed from the weights *before* the update, so it
# is the same in both runs. The bias updates must therefore be identical to the last bit, and
# the weights must differ by exactly −a·w.
# <!-- given: 5 -->

# %% tags=["nbval-check-output"]
step = update_rule.decay_step_difference(net, X, y, eta=0.5, lmbda=5.0)
for layer in range(2):
    print(f"layer {layer}: biases identical: {step.biases_identical[layer]}; weights differ by "
          f"−a·w, a = {step.a:.2e}, largest deviation below 1e-15: "
          f"{step.max_deviation[layer] < 1e-15} (largest |a·w| {step.largest_decay[layer]:.1e})")

# %% [markdown]
# The deviations are rounding errors, below 1e−15 (their exact size differs from one CPU to
# another, so only the bound is printed), against decay steps of order 1e−4.
#
# ## Summary
#
# - The bias step has no decay term; a decay step shrinks |w| for 0 < a < 1, overshoots but
#   still shrinks for 1 < a < 2, and diverges for a > 2; the book's a is 1e−5 or 5e−5.
# - The engine's gradient agrees with central differences of its cost on real digits, with and
#   without the penalty; one step with λ = 5 against λ = 0 leaves the biases bit for bit
#   identical and changes the weights by −a·w to within 1e−15.
# <!-- given: 5 -->
