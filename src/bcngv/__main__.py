"""The `bcngv` command, and `python -m bcngv`: the collector of cyclic garbage set for a command
line before anything is imported, then the command line itself (cli.py)."""

import gc


def run() -> None:
    # start-up makes some hundred thousand objects (typer, pydantic, Jinja, bcngv's modules) and
    # frees almost none: a collection every 700 new objects cost 12-17 ms of every run, none did
    # any good. Every 50,000 still bounds the garbage of a long `watch` or `serve`.
    gc.set_threshold(50_000, *gc.get_threshold()[1:])
    from bcngv.cli import main

    main()


if __name__ == "__main__":
    run()
