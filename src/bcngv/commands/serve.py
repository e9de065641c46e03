"""`bcngv serve`: the browser's forms and report previews over the repository (bcngv.serve), until
Ctrl-C. It listens on this machine only unless a password is set: the pages write the office's
records."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from bcngv.diagnostics import Diagnostic, diag
from bcngv.repository import Repository


def loopback(host: str) -> bool:
    """Whether only this machine can reach the address."""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may name any machine
        return False


def listen(host: str, port: int, password: str | None) -> tuple[socket.socket | None, list[Diagnostic]]:
    """The socket to serve on, or why not: another address than this machine's without a password,
    or a port taken."""
    if not loopback(host) and not password:
        return None, [diag("serve-needs-password", "--host", host=host)]
    try:
        return socket.create_server((host, port)), []
    except OSError as err:
        return None, [diag("serve-cannot-listen", "--port", host=host, port=port, problem=err.strerror or str(err))]


def serve(repository: Repository, host: str, port: int, password: str | None,
          started: Callable[[str], None]) -> list[Diagnostic]:
    """Serve until interrupted; `started` is told the address once it listens."""
    listening, problems = listen(host, port, password)
    if listening is None:
        return problems
    import uvicorn  # the web server is imported by this command alone: others start without it

    from bcngv.serve.app import create_app

    config = uvicorn.Config(create_app(repository, password or None), log_level="warning")
    shown = f"[{host}]" if ":" in host else host
    started(f"http://{shown}:{listening.getsockname()[1]}/")
    uvicorn.Server(config).run(sockets=[listening])
    return []
