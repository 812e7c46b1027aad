"""Test-wide settings: a fixed matplotlib backend and style for plotting tests."""

import matplotlib

matplotlib.use("Agg")
matplotlib.rcdefaults()
