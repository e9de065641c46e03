"""Safety: every form carries its session's CSRF token (a cross-site POST is refused), a password
where one is set, and no address but this machine's without one."""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bcngv.commands.serve import listen, loopback
from bcngv.repository import Repository
from bcngv.serve.app import create_app
from conftest import bcngv
from serve_office import client, form_of, office, token  # noqa: F401 - fixtures

NEW = "/new?kind=doan_ra&date=2022-07-20"
SENT = {"_kind": "doan_ra", "_path": "", "_author": "X", "f.date": "2022-07-20", "f.persons": "5",
        "f.funding": "ngan_sach", "f.text": "Đoàn."}


def _nothing_written(office: Path) -> bool:
    return not (office / "records/2022/07/2022-07-20-doan_ra.yaml").exists()


def test_a_form_without_its_token_is_refused(client: TestClient, office: Path) -> None:
    client.get(NEW)  # a session, but no token sent
    refused = client.post("/save", data=SENT)
    assert refused.status_code == 403 and 'id="refused"' in refused.text
    assert _nothing_written(office)


def test_a_token_of_another_session_is_refused(client: TestClient, office: Path) -> None:
    stolen = token(client)
    with TestClient(create_app(Repository(office)), base_url="http://127.0.0.1") as other:
        other.get(NEW)
        assert other.post("/save", data=SENT | {"_csrf": stolen}).status_code == 403
    assert _nothing_written(office)


def test_a_cross_site_post_is_refused_even_with_the_cookie(client: TestClient, office: Path) -> None:
    sent = form_of(client, NEW) | SENT
    assert client.post("/save", data=sent, headers={"Origin": "http://evil.example"}).status_code == 403
    assert _nothing_written(office)
    assert client.post("/save", data=sent, headers={"Origin": "http://127.0.0.1"}, follow_redirects=False).status_code == 303


def test_the_session_cookie_is_out_of_scripts_and_other_sites_reach(client: TestClient) -> None:
    cookie = client.get(NEW).headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_with_a_password_every_page_asks_for_it(office: Path) -> None:
    with TestClient(create_app(Repository(office), password="bí mật"), base_url="http://127.0.0.1") as guarded:
        assert guarded.get("/records").status_code == 401
        wrong = base64.b64encode("a:sai".encode()).decode()
        assert guarded.get("/records", headers={"Authorization": f"Basic {wrong}"}).status_code == 401
        right = base64.b64encode("a:bí mật".encode()).decode()
        assert guarded.get("/records", headers={"Authorization": f"Basic {right}"}).status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.org", "::"])
def test_another_address_than_this_machines_is_refused_without_a_password(office: Path, host: str) -> None:
    done = bcngv("serve", "--host", host, root=office)
    assert done.exit_code == 2
    assert "--host: error serve-needs-password" in done.output and host in done.output
    listening, problems = listen(host, 0, None)
    assert listening is None and [(p.code, p.path, p.line) for p in problems] == [("serve-needs-password", "--host", 1)]


def test_with_a_password_another_address_is_served(office: Path) -> None:
    listening, problems = listen("0.0.0.0", 0, "bí mật")
    assert listening is not None and problems == []
    listening.close()


def test_a_port_taken_is_said_at_the_port(office: Path) -> None:
    taken = socket.create_server(("127.0.0.1", 0))
    port = taken.getsockname()[1]
    try:
        done = bcngv("serve", "--port", str(port), root=office)
        assert done.exit_code == 2 and "--port: error serve-cannot-listen" in done.output
        listening, problems = listen("127.0.0.1", port, None)
        assert listening is None and [(p.code, p.line) for p in problems] == [("serve-cannot-listen", 1)]
    finally:
        taken.close()


def test_loopback_addresses() -> None:
    assert loopback("127.0.0.1") and loopback("::1") and loopback("localhost") and loopback("127.0.0.2")
    assert not loopback("0.0.0.0") and not loopback("localhost.example.org")


def test_other_commands_start_without_the_web_server() -> None:
    code = "import sys; from bcngv import cli; sys.argv = ['bcngv', '--help']\ntry: cli.main()\nexcept SystemExit: pass\n" \
           "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'multipart')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("[]")
