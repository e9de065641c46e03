"""`python -m bench generate --records N --seed S DIR` and `python -m bench run`, from the repository's
root: the benchmark lives in the checkout, beside the package it times, and is not installed with it."""

from bench.cli import app

app()
