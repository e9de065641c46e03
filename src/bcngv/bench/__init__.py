"""The benchmark: a synthetic office of any size, and whole-process timings against baselines."""
