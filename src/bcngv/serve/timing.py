"""How long the pages take once warm (the benchmark's `serve` figures, issue 18): each page asked
of the application in this process, as a browser would ask it, without a network in between."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence

from starlette.types import ASGIApp, Message

from bcngv.repository import Repository
from bcngv.serve.app import create_app

PAGES = ("/records?month=2022-07", "/new?kind=doan_ra&date=2022-07-20", "/report?period=2022-07")


def warm_timings(repository: Repository, pages: Sequence[str] = PAGES, rounds: int = 3) -> dict[str, float]:
    """The median seconds of each page after a first request that warms it (the record cache, the
    compiled templates)."""
    app = create_app(repository)
    timings = {}
    for page in pages:
        status = asyncio.run(_get(app, page))
        if status != 200:
            raise RuntimeError(f"{page}: HTTP {status}")
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            asyncio.run(_get(app, page))
            times.append(time.perf_counter() - started)
        timings[page] = statistics.median(times)
    return timings


async def _get(app: ASGIApp, target: str) -> int:
    """One GET through the whole application (its guard, its routes); the response's status."""
    path, _, query = target.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "headers": [(b"host", b"bench")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "root_path": ""}
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status
