r"""Every step of the heuristic argument, as a SymPy derivation asserted in code.

Each claim function builds its statement *from the definitions* (the left-hand side is derived,
e.g. by ``sp.diff`` of the cost; only the right-hand side the book claims is typed), asserts it
through one of the shared checkers, and returns a :class:`Claim` that renders in a notebook
with the conditions it was proved under.  Every claim function accepts an optional override of
the claimed side (``rhs=...`` or similar), many also of a premise (``domain=...``, ``cost=...``):
they exist so the tests can show that a wrong claim, or a weakened premise, is rejected.
Proofs are cached, so calling a claim twice costs nothing.

Notation (stated once, used everywhere)
---------------------------------------
=========  =================================================================  ================
symbol     meaning                                                            book's name
=========  =================================================================  ================
n          training-set size (it appears in eta*lmbda/n)                      n
m          mini-batch size                                                    m
eta        learning rate                                                      eta
lmbda      regularization parameter; cost C = C0 + (lmbda/2n) * sum w^2        lambda
n_w        total number of weights in the network (biases excluded)           n (in part 3!)
n_in       fan-in of one neuron                                               n_in
a          the per-step decay rate a = eta*lmbda/n                            --
x          eta*lmbda (so a = x/n)                                             --
=========  =================================================================  ================

The clash: the book writes *n* both for the training-set size (in eta*lambda/n) and, in part 3
of the exercise, for the total number of weights.  Here the first is ``n`` and the second
``n_w`` (``N_w`` in formulas).

Three rooms
-----------
``kernel``  the :class:`Claim` (statement, conditions, remark, value), :class:`Condition`,
            :class:`ProofError` and the shared checkers ``prove_equal``, ``prove_limit``,
            ``prove_series``, ``prove_nonnegative`` (no sampling is ever used as a proof)
``claims``  the symbols above and every claim below; ``ALL_CLAIMS`` is the registry
``twins``   the numeric twins, lambdified from the proved expressions, inputs validated
Everything is re-exported here: ``from helpers import derivations`` is the one import the
notebooks need.  A displayed claim shows its conditions beside its statement.

Claims (``ALL_CLAIMS``, one line each)
--------------------------------------
01 l2_update_rule               d/dw of C gives w -> (1-eta*lmbda/n)w - (eta/m) sum dC_x/dw
01 bias_not_decayed             the penalty has no b in it: the bias update has no decay term
01 penalty_step_points_to_zero  the penalty's step is -(eta*lmbda/n)w: opposite in sign to w
01 decay_shrinks_weight         |(1-a)w| < |w| for 0 < a < 1 and w != 0
01 decay_overshoots             for 1 < a < 2 the step flips the sign of w yet still shrinks |w|
01 decay_diverges               for a > 2, |(1-a)^k w| -> oo
02 per_epoch_limit              (1 - eta*lmbda/n)^(n/m) -> exp(-eta*lmbda/m) as n -> oo
02 per_epoch_log_error_series   log((1-x/n)^(n/m)) + x/m = -x^2/(2mn) - x^3/(3mn^2) - ...
02 log_inequalities             -y/(1-y) <= log(1-y) <= -y for 0 <= y < 1
02 per_epoch_bounds             exp(-(x/m)/(1-x/n)) <= (1-x/n)^(n/m) <= exp(-x/m), 0 <= x < n
02 relative_error_form          (1-x/n)^ceil(n/m)/exp(-x/m) - 1 = expm1(ceil(n/m)log1p(-x/n) + x/m)
02 per_epoch_book_examples      exact Rationals: the book's runs lie inside the two-sided bound
02 per_epoch_ceiling            m not dividing n: ceil(n/m) steps, within one step's factor
02 per_epoch_error_conditions   rate error ~ a/2 needs eta*lmbda << n; log error ~ -(eta*lmbda)^2
                                /(2mn) needs (eta*lmbda)^2 << mn; counterexample 100, 1e4, 1
02 rate_ratio_series            m | n: exact rate / heuristic rate = -log(1-a)/a = 1 + a/2 + ...
03 sigmoid_derivative           sigma' = sigma (1 - sigma) = 1/(4 cosh^2(z/2))
03 sigmoid_derivative_symmetric sigma'(-z) = sigma'(z)
03 sigmoid_derivative_max       sigma' <= 1/4, with equality only at z = 0
03 sigmoid_derivative_exp_bound sigma'(z) <= exp(-|z|) for every real z
03 saturation_threshold         sigma'(z) < eps  <=>  |z| > z_eps = 2 acosh(1/(2 sqrt(eps)))
03 saturated_probability        z ~ N(0, s^2): P(sigma'(z) < eps) = erfc(z_eps / (s sqrt 2))
03 weighted_input_variance      Var z = sigma_w^2 sum x_i^2 + sigma_b^2; old vs new init
03 radial_identity              <w_j, dC_x/dw_j> = delta_j (z_j - b_j) for any fan-in
03 norm_step_identity           ||(1-a)w - g||^2 = (1-a)^2||w||^2 - 2(1-a)<w,g> + ||g||^2, any dim
04 fixed_point                  w* of w <- (1-a)w - g is -g/a, i.e. (lmbda/n) w = -dC0/dw
04 cost_balance                 lmbda N_w w^2/(2n) = C0: w = sqrt(2nC0/(lmbda N_w)) ~ 1/sqrt(N_w)
04 unsaturation_scale           n_in w^2 E[x^2] = 1 gives w = 1/sqrt(n_in E[x^2]) ~ 1/sqrt(n_in)
04 noise_equilibrium            w <- (1-a)w + xi: stationary E[w^2] = s^2/(a(2-a))
06 output_error_cross_entropy   sigmoid + cross-entropy: dC/dz^L = a^L - y (no sigma')
06 regularized_norm_not_larger  a minimizer of C0 + lambda R has R no larger than one of C0
06 ridge_eigen_shrink           ridge coordinates along eigen-directions are d_i/(d_i+alpha) x OLS
06 ridge_norm_monotone          d/d alpha ||w(alpha)||^2 <= 0
06 ridge_coefficient_grows      2 features, exact Rationals: a coefficient grows, the norm falls;
                                value = the exact alpha* where the growth stops
07 soft_threshold               argmin_u (u-v)^2/2 + a|u| = sign(v) max(|v|-a, 0), a = eta*lmbda/n
07 subgradient_step_overshoots  w - a sign(w) jumps over 0 if 0 < |w| < a; is 0 only if |w| = a

Numeric twins (vectorized over numpy arrays, built with ``sp.lambdify`` from the same
expressions, inputs validated): ``shrink_factor``, ``decay_trajectory``,
``per_epoch_factor_exact``, ``per_epoch_factor_approx``, ``per_epoch_relative_error``,
``per_epoch_factor_bounds``, ``sigmoid_prime``, ``saturation_threshold_value``,
``saturated_share``, ``weighted_input_std``, ``cost_balance_weight``, ``equilibrium_rms``,
``ridge_path``, ``soft_threshold_value``, ``subgradient_step``, ``book_per_epoch_factors``.
"""

from helpers.derivations import claims, kernel, twins
from helpers.derivations.claims import *  # noqa: F403
from helpers.derivations.kernel import *  # noqa: F403
from helpers.derivations.twins import *  # noqa: F403

__all__ = ["claims", "kernel", "twins", *claims.__all__, *kernel.__all__, *twins.__all__]
