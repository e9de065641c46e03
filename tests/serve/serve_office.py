"""The office the browser tests work on: a copy of this repository's own records, templates and
issued documents in a temporary git repository, and a client of the server's application."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bcngv.repository import Repository
from bcngv.serve.app import create_app

PROJECT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'name="_csrf" value="([0-9a-f]+)"')
VERSION = re.compile(r'name="_version" value="([0-9a-f]*)"')
DELEGATION = "records/2022/07/2022-07-12-doan-chu-tich-sang-bolikhamxay-khammuon.yaml"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The bundled office, its own git repository with one commit."""
    root = tmp_path / "office"
    root.mkdir()
    for name in ("records", "templates", "van-ban"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "bcngv.yaml", root / "bcngv.yaml")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=Lưu trữ", "-c", "user.email=", "commit", "-qm", "Hồ sơ ban đầu")
    return root


@pytest.fixture
def client(office: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Repository(office)), base_url="http://127.0.0.1") as made:
        yield made


def form_of(client: TestClient, url: str) -> dict[str, str]:
    """The hidden fields of the page's record form: what the browser sends back with the fields."""
    page = client.get(url)
    assert page.status_code == 200, page.text
    return {"_csrf": TOKEN.search(page.text).group(1), "_version": VERSION.search(page.text).group(1)}  # type: ignore[union-attr]


def token(client: TestClient) -> str:
    return TOKEN.search(client.get("/new?kind=doan_ra&date=2022-07-20").text).group(1)  # type: ignore[union-attr]
