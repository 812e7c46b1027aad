"""helpers: the importable package behind the *Weight decay, derived* course.

Modules
-------
The engine and its data:
engine        one mini-batch step of R stacked networks (sgd.py) and its instrumentation (tally.py)
network       Network, train_grid and History: the book's network2 around the engine
data          MNIST: the offline 5,000-digit subset (4,000 / 500 / 500), or the book's file
book_init     the book's own seeded initial weights (legacy RandomState), for parts (1)-(2)
book_logs     the book's training logs (fig/*.json), read and cited

The argument:
derivations   every algebraic step as a SymPy proof asserted in code (kernel, claims, twins)
verdict       the one verdict per part and layer, read by every notebook that states it

One module per lesson:
update_rule   01: the L2 step w <- (1 - a) w - g
decay         02: the per-epoch factor and its exponential approximation
saturation    03: saturated neurons and the radial part of the gradient
tailoff       04, 08: part (3) - the tail-off level, the sweeps, the heuristics tested
examples      05: the book's examples replayed
layers        06: the hidden and output layers disagree
sparsity      07: L1 against L2

Around them:
course        the course's settings: repository address, release, notebooks, scale, perturbation
plots         the course's matplotlib style
widgets       ipywidgets glue (7.7 on Colab, 8.x) and progress bars
exercises     the exercise checks, one module per notebook

Notation (stated once, used everywhere): n is the training-set size, m the mini-batch size,
eta / lmbda the learning rate and regularization parameter with cost C = C0 + (lmbda/2n) sum w^2,
n_w the total number of weights (biases excluded), n_in the fan-in of a neuron.
"""

__version__ = "0.1.0"
