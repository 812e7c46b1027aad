r"""Numeric twins of the claims: NumPy functions lambdified from the very expressions the claims
in :mod:`helpers.derivations.claims` prove, vectorized (arrays broadcast), inputs validated (bad
input raises ``ValueError`` naming the parameter and its allowed range).

Parameters read like the math (``eta``, ``lmbda``, ``n``, ``m``); the SymPy symbols are reached
as ``C.eta``, ``C.lmbda``, ... (``C`` is the claims module), so the parameters shadow nothing.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp

from helpers.derivations import claims as C

__all__ = [
    "TWIN_EXPRS",
    "book_per_epoch_factors",
    "cost_balance_weight",
    "decay_trajectory",
    "equilibrium_rms",
    "per_epoch_factor_approx",
    "per_epoch_factor_bounds",
    "per_epoch_factor_exact",
    "per_epoch_relative_error",
    "ridge_path",
    "saturated_share",
    "saturation_threshold_value",
    "shrink_factor",
    "sigmoid_prime",
    "soft_threshold_value",
    "subgradient_step",
    "twin_expression",
    "unsaturation_weight",
    "weighted_input_std",
]

#: ||x||, the input norm of weighted_input_std
X_NORM = sp.Symbol("norm", nonnegative=True)

#: key -> (function building the proved expression, the symbols it is lambdified in, in order)
TWIN_EXPRS = {
    "shrink": (lambda: 1 - C.A_DECAY, (C.eta, C.lmbda, C.n)),
    "trajectory": (lambda: (1 - C.A_DECAY) ** C.k * C.w, (C.k, C.w, C.eta, C.lmbda, C.n)),
    "exact": (lambda: C.PER_EPOCH_EXACT, (C.eta, C.lmbda, C.n, C.m)),
    "approx": (lambda: C.PER_EPOCH_APPROX, (C.eta, C.lmbda, C.m)),
    "rel_err": (lambda: C.PER_EPOCH_REL_ERR, (C.eta, C.lmbda, C.n, C.m)),
    "lower": (lambda: C.PER_EPOCH_LOWER.subs(C.x, C.eta * C.lmbda), (C.eta, C.lmbda, C.n, C.m)),
    "sigma_prime": (lambda: C.SIGMA_PRIME_STABLE, (C.z,)),
    "z_eps": (lambda: C.Z_EPS, (C.eps,)),
    "share": (lambda: C.saturated_probability().statement.rhs, (C.s, C.eps)),
    "z_std": (lambda: sp.sqrt(C.weighted_input_variance().statement.rhs.subs(C.SUM_X2,
                                                                            X_NORM**2)),
              (X_NORM, C.sigma_w, C.sigma_b)),
    "balance": (lambda: C.cost_balance().statement.rhs, (C.n, C.C0_value, C.lmbda, C.N_w)),
    "unsat": (lambda: C.unsaturation_scale().statement.rhs, (C.n_in, C.E_X2)),
    "eq_rms": (lambda: sp.sqrt(C.noise_equilibrium().statement.rhs.subs(C.a, C.A_DECAY)),
               (C.eta, C.lmbda, C.n, C.s)),
    "ridge": (lambda: C.RIDGE_COORD, (C.r, C.d, C.alpha)),
    "soft": (lambda: C.SOFT_THRESHOLD, (C.v, C.a)),
    "subgrad": (lambda: C.w - C.a * sp.sign(C.w), (C.w, C.a)),
}


def _erfc(value):
    return np.vectorize(math.erfc, otypes=[float])(value)


@functools.cache
def _twin(key: str):
    build, args = TWIN_EXPRS[key]
    return sp.lambdify(list(args), build(), modules=["numpy", {"erfc": _erfc}])


def twin_expression(key: str) -> sp.Expr:
    """The SymPy expression behind a numeric twin (keys: see ``TWIN_EXPRS``)."""
    return TWIN_EXPRS[key][0]()


def _valid(name: str, value, low=None, high=None, *, low_open=False, high_open=False,
           integer=False) -> np.ndarray:
    """Return ``value`` as a float array, or raise ValueError naming ``name`` and the range."""
    arr = np.asarray(value, dtype=float)
    lo_b = "(" if low_open else "["
    hi_b = ")" if high_open else "]"
    rng = f"{lo_b}{'-inf' if low is None else low}, {'inf' if high is None else high}{hi_b}"
    what = "an integer in " if integer else ""
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= (arr <= low) if low_open else (arr < low)
    if high is not None:
        bad |= (arr >= high) if high_open else (arr > high)
    if integer:
        bad |= np.isfinite(arr) & (arr != np.round(arr))
    if np.any(bad):
        raise ValueError(f"{name} must be {what}{rng}; got {value!r}")
    return arr


def _decay_inputs(eta, lmbda, n):
    return (_valid("eta", eta, 0, low_open=True), _valid("lmbda", lmbda, 0),
            _valid("n", n, 1, integer=True))


def _epoch_inputs(eta, lmbda, n, m):
    e, lam, nn = _decay_inputs(eta, lmbda, n)
    mm = _valid("m", m, 1, integer=True)
    if np.any(mm > nn):
        raise ValueError(f"m must be in [1, n] (a mini-batch cannot exceed the training set); "
                         f"got m={m!r}, n={n!r}")
    if np.any(e * lam >= nn):
        raise ValueError(f"eta*lmbda must be in [0, n) so that 1 - eta*lmbda/n > 0; "
                         f"got eta={eta!r}, lmbda={lmbda!r}, n={n!r}")
    return e, lam, nn, mm


def shrink_factor(eta, lmbda, n):
    """The per-step factor 1 - eta*lmbda/n (arrays broadcast).  Any eta*lmbda/n > 0 is
    accepted, so a widget can show the overshooting (1 < a < 2) and diverging (a > 2) regimes."""
    return _twin("shrink")(*_decay_inputs(eta, lmbda, n))


def decay_trajectory(w0, eta, lmbda, n, steps: int):
    """Pure decay w_k = (1 - eta*lmbda/n)^k w0 for k = 0..steps; shape (steps+1,) + shape(w0)."""
    e, lam, nn = _decay_inputs(eta, lmbda, n)
    steps_ = int(_valid("steps", steps, 0, integer=True))
    w0_ = _valid("w0", w0)
    kk = np.arange(steps_ + 1).reshape((-1,) + (1,) * np.ndim(w0_))
    return _twin("trajectory")(kk, w0_, e, lam, nn)


def per_epoch_factor_exact(eta, lmbda, n, m):
    """One epoch of pure decay as network2 does it: (1 - eta*lmbda/n)^ceil(n/m)."""
    return _twin("exact")(*_epoch_inputs(eta, lmbda, n, m))


def per_epoch_factor_approx(eta, lmbda, m):
    """The book's per-epoch factor exp(-eta*lmbda/m)."""
    return _twin("approx")(_valid("eta", eta, 0, low_open=True), _valid("lmbda", lmbda, 0),
                           _valid("m", m, 1, integer=True))


def per_epoch_relative_error(eta, lmbda, n, m):
    """exact/approx - 1 = expm1(ceil(n/m) log1p(-eta*lmbda/n) + eta*lmbda/m) (the identity is
    the claim ``relative_error_form``).  Better than exact/approx - 1, not exact to the last
    digit: the expm1 argument's two terms, each about eta*lmbda/m, cancel to about
    -(eta*lmbda)^2/(2mn), so the relative accuracy is about eps*n/(eta*lmbda) (eps = 2.2e-16):
    2e-11 for the book's eta = 0.5, lambda = 5, n = 50,000; measured against 40-digit mpmath
    on 3,000 random settings, at most 2.2 times that (``tests/test_derivations.py`` checks
    4 times it)."""
    return _twin("rel_err")(*_epoch_inputs(eta, lmbda, n, m))


def per_epoch_factor_bounds(eta, lmbda, n, m):
    """(lower, upper) from :func:`per_epoch_bounds` for (1 - eta*lmbda/n)^(n/m):
    exp(-(eta*lmbda/m)/(1 - eta*lmbda/n)) and exp(-eta*lmbda/m)."""
    e, lam, nn, mm = _epoch_inputs(eta, lmbda, n, m)
    return _twin("lower")(e, lam, nn, mm), _twin("approx")(e, lam, mm)


def book_per_epoch_factors() -> dict[str, dict[str, float]]:
    """Exact and approximate per-epoch factors of the runs in ``claims.BOOK_RUNS``
    (n = 50,000, m = 10)."""
    out = {}
    for label, (e_, l_, n_, m_) in C.BOOK_RUNS.items():
        e_, l_ = float(e_), float(l_)
        out[label] = {
            "exact": float(per_epoch_factor_exact(e_, l_, n_, m_)),
            "approx": float(per_epoch_factor_approx(e_, l_, m_)),
            "relative_error": float(per_epoch_relative_error(e_, l_, n_, m_)),
        }
    return out


def sigmoid_prime(z):
    """sigma'(z) = exp(-|z|)/(1+exp(-|z|))^2 (equal to sigma(1-sigma); never overflows)."""
    return _twin("sigma_prime")(_valid("z", z))


def saturation_threshold_value(eps=0.01):
    """z_eps = 2 acosh(1/(2 sqrt(eps))): sigma'(z) < eps exactly when |z| > z_eps."""
    return _twin("z_eps")(_valid("eps", eps, 0, 0.25, low_open=True, high_open=True))


def saturated_share(s, eps=0.01):
    """P(sigma'(z) < eps) for z ~ N(0, s^2): erfc(z_eps/(s sqrt 2))."""
    return _twin("share")(_valid("s", s, 0, low_open=True),
                          _valid("eps", eps, 0, 0.25, low_open=True, high_open=True))


def weighted_input_std(x_norm, sigma_w=1.0, sigma_b=1.0):
    """sqrt(sigma_w^2 ||x||^2 + sigma_b^2), the std of z = w.x + b.
    Old init: sigma_w = sigma_b = 1; new init: sigma_w = 1/sqrt(n_in)."""
    return _twin("z_std")(_valid("x_norm", x_norm, 0),
                          _valid("sigma_w", sigma_w, 0, low_open=True),
                          _valid("sigma_b", sigma_b, 0))


def cost_balance_weight(n, c0, lmbda, n_w):
    """w = sqrt(2 n C0/(lmbda N_w)): the weight size at which penalty and C0 balance."""
    return _twin("balance")(_valid("n", n, 1, integer=True), _valid("c0", c0, 0, low_open=True),
                            _valid("lmbda", lmbda, 0, low_open=True),
                            _valid("n_w", n_w, 1, integer=True))


def unsaturation_weight(n_in, mean_x2=1.0):
    """w = 1/sqrt(n_in E[x^2]): the weight rms that makes Var z = 1."""
    return _twin("unsat")(_valid("n_in", n_in, 1, integer=True),
                          _valid("mean_x2", mean_x2, 0, low_open=True))


def equilibrium_rms(eta, lmbda, n, noise_std):
    """sqrt(E[w^2]) = s/sqrt(a(2-a)), a = eta*lmbda/n, for w <- (1-a)w + noise of std s."""
    e = _valid("eta", eta, 0, low_open=True)
    lam = _valid("lmbda", lmbda, 0, low_open=True)
    nn = _valid("n", n, 1, integer=True)
    ss = _valid("noise_std", noise_std, 0)
    if np.any(e * lam / nn >= 2):
        raise ValueError("eta*lmbda/n must be in (0, 2) for an equilibrium to exist; "
                         f"got eta={eta!r}, lmbda={lmbda!r}, n={n!r}")
    return _twin("eq_rms")(e, lam, nn, ss)


def ridge_path(X, y, alphas):
    """Ridge solutions w(alpha), shape (len(alphas), p), for X of shape (N, p), y of shape (N,):
    in the eigenbasis of X^T X = Q diag(d) Q^T the coordinates are r_i/(d_i + alpha),
    r = Q^T X^T y (the claim :func:`ridge_eigen_shrink`)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must have shape (N, p) and y shape (N,); got {X.shape}, {y.shape}")
    al = np.atleast_1d(_valid("alphas", alphas, 0))
    dd, Q = np.linalg.eigh(X.T @ X)
    dd = np.clip(dd, 0.0, None)
    if np.any(al == 0) and np.any(dd <= 1e-12 * max(dd.max(), 1.0)):
        raise ValueError("alphas must be in (0, inf) when X^T X is singular")
    rr = Q.T @ (X.T @ y)
    coords = _twin("ridge")(rr[None, :], dd[None, :], al[:, None])
    return coords @ Q.T


def soft_threshold_value(v, a):
    """The L1 proximal step sign(v) max(|v| - a, 0), a = eta*lmbda/n (the claim
    :func:`soft_threshold`)."""
    return _twin("soft")(_valid("v", v), _valid("a", a, 0, low_open=True))


def subgradient_step(w, a):
    """The L1 subgradient step w - a sign(w), a = eta*lmbda/n."""
    return _twin("subgrad")(_valid("w", w), _valid("a", a, 0, low_open=True))
