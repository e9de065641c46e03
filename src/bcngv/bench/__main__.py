"""`python -m bcngv.bench generate --records N --seed S DIR` and `python -m bcngv.bench run`."""

from bcngv.bench.cli import app

app()
