"""The training engine behind :mod:`helpers.network`: :mod:`.sgd` (the update of one
mini-batch) and :mod:`.tally` (what is measured along the way)."""
