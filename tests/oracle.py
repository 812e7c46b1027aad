"""A deliberately slow reference: per-example backpropagation in the style of the book's network2.

Written independently of ``helpers.network`` and kept as plain as possible, so the vectorized
engine can be tested against it: column vectors, one example at a time, the per-example
gradients summed into ``nabla_w`` / ``nabla_b``, then one update per mini-batch::

    w <- (1 - eta*(lmbda/n)) w - (eta/len(batch)) nabla_w          ("l2", the book's rule)
    w <- w - eta*(lmbda/n) sign(w) - (eta/len(batch)) nabla_w       ("l1", subgradient)
    w <- soft_threshold(w - (eta/len(batch)) nabla_w, eta*(lmbda/n)) ("l1-prox")
    b <- b - (eta/len(batch)) nabla_b                               (biases never decayed)

Only the training loop is here; the tests start it from the engine's own weights.
"""

import numpy as np


def sigmoid(z):
    """The book's formula; overflow of exp(-z) for z << 0 correctly gives 0."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


class OracleNetwork:
    """Sigmoid layers, cross-entropy cost; parameters as lists of column-shaped arrays."""

    def __init__(self, weights, biases):
        self.weights = [np.array(w, dtype=float) for w in weights]
        self.biases = [np.array(b, dtype=float).reshape(-1, 1) for b in biases]
        self.num_layers = len(weights) + 1

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights, strict=True):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def sgd(self, training_data, epochs, mini_batch_size, eta, lmbda=0.0, penalty="l2",
            orders=None, data_gradient=True):
        """``training_data``: list of (x column (d,1), y one-hot column (k,1)).

        ``orders``: one index sequence per epoch (the visiting order); default: as given.
        """
        n = len(training_data)
        for epoch in range(epochs):
            order = range(n) if orders is None else orders[epoch]
            data = [training_data[i] for i in order]
            mini_batches = [data[k:k + mini_batch_size] for k in range(0, n, mini_batch_size)]
            for mini_batch in mini_batches:
                self.update_mini_batch(mini_batch, eta, lmbda, n, penalty, data_gradient)

    def update_mini_batch(self, mini_batch, eta, lmbda, n, penalty, data_gradient):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b, strict=True)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w, strict=True)]
        if not data_gradient:
            nabla_w = [np.zeros(w.shape) for w in self.weights]
        a = eta * (lmbda / n)
        step = eta / len(mini_batch)
        new_weights = []
        for w, nw in zip(self.weights, nabla_w, strict=True):
            if penalty == "l2":
                new_weights.append((1 - a) * w - step * nw)
            elif penalty == "l1":
                new_weights.append(w - a * np.sign(w) - step * nw)
            elif penalty == "l1-prox":
                v = w - step * nw
                new_weights.append(np.sign(v) * np.maximum(np.abs(v) - a, 0.0))
            else:
                raise ValueError(penalty)
        self.weights = new_weights
        self.biases = [b - step * nb for b, nb in zip(self.biases, nabla_b, strict=True)]

    def backprop(self, x, y):
        """Gradient of the cross-entropy C_x for one example (column vectors)."""
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights, strict=True):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = activations[-1] - y  # cross-entropy: sigma'(z) cancels in the output layer
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, self.num_layers):
            sigma_prime = sigmoid(zs[-l]) * (1 - sigmoid(zs[-l]))
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sigma_prime
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return nabla_b, nabla_w

    def total_cost(self, data, lmbda, penalty="l2"):
        """Mean cross-entropy over ``data`` + (lmbda / 2 len(data)) sum w^2, as the book's
        (``penalty="l1"`` or ``"l1-prox"``: + (lmbda / len(data)) sum |w|)."""
        cost = 0.0
        for x, y in data:
            a = self.feedforward(x)
            with np.errstate(divide="ignore", invalid="ignore"):
                c = np.sum(np.nan_to_num(-y * np.log(a) - (1 - y) * np.log(1 - a)))
            cost += c / len(data)
        if penalty == "l2":
            cost += 0.5 * (lmbda / len(data)) * sum(np.linalg.norm(w) ** 2 for w in self.weights)
        else:
            cost += (lmbda / len(data)) * sum(np.sum(np.abs(w)) for w in self.weights)
        return cost


def as_training_data(X, y, k):
    """Rows of X and integer labels y as the book's list of (x column, one-hot column) pairs."""
    data = []
    for row, label in zip(X, y, strict=True):
        target = np.zeros((k, 1))
        target[int(label)] = 1.0
        data.append((row.reshape(-1, 1).astype(float), target))
    return data
