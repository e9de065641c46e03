"""One module per command: each runs the pipeline (or the part of it the command needs) and returns
an outcome; none prints, none knows typer or rich (cli.py and presentation.py do that)."""
