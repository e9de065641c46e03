"""Shared fixtures: a small office repository in a temporary folder, built from inline YAML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bcngv.diagnostics import Diagnostic

if TYPE_CHECKING:
    from click.testing import Result

PROJECT = Path(__file__).resolve().parents[1]

CONFIG = """\
office:
  parent_body: UBND TỈNH HÀ TĨNH
  agency: SỞ NGOẠI VỤ
  abbreviation: SNgV
  place: Hà Tĩnh
signers:
  pgd:
    name: Ngô Thị Hoài Nam
    lines: [KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC]
reports:
  thang:
    template: thang.md.j2
    number: BC-SNgV
    summary: "Hoạt động đối ngoại {{ period.label }}, kế hoạch {{ period.next.label }}"
    recipients: [Văn phòng UBND tỉnh;, "Lưu: VT, VPTTr."]
    signer: pgd
    default_for: [month]
"""

def year_kind(name: str, template: str = "nam.md.j2") -> str:
    """A yearly report kind for CONFIG's `reports:`: the default report of a year."""
    return (f"  {name}:\n    template: {template}\n    number: BC-SNgV\n"
            '    summary: "Kiểm điểm {{ period.label }}"\n    recipients: ["Lưu: VT."]\n'
            "    signer: pgd\n    default_for: [year]\n")


# a term report kind for CONFIG's `reports:`: a công văn numbered I. / 1. / 1.1. / a)
TERM_KIND = """\
  nhiem-ky:
    template: nhiem-ky.md.j2
    shape: cong_van
    number: SNgV-VP
    summary: "Báo cáo kết quả nhiệm kỳ {{ period.label }}"
    addressee: Sở Kế hoạch và Đầu tư
    recipients: [Như trên;, "Lưu: VT, VP."]
    signer: pgd
    outline: [roman, decimal, decimal, letter]
"""


CATALOG = """\
lao:
  name: Lào
bolikhamxay:
  name: Bolikhămxay
  aliases: [Bolykhamxay, Bolikhamsay]
khammuon:
  name: Khăm Muồn
  aliases: [Khăm Muộn]
"""

DOAN_RA = """\
kind: doan_ra
date: 2022-07-12
persons: 12
funding: ngan_sach
led_by_provincial_leader: true
partners: [bolikhamxay, khammuon]
text: Đoàn sang làm việc với các tỉnh {partners}.
"""


class Repo:
    """A throwaway office repository: `write` puts inline YAML (dedented) at a relative path."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    made = Repo(tmp_path)
    made.write("bcngv.yaml", CONFIG)
    made.write("records/_catalog/doi_tac.yaml", CATALOG)
    shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    return made


WIDE = {"COLUMNS": "400"}  # a wide terminal: rich tables and long paths print on one line


def bcngv(*args: str, root: Repo | Path | str | None = None, env: Mapping[str, str] | None = None,
          **invoke: Any) -> Result:
    """`bcngv ARGS --root ROOT`, run in this process as typer's test runner runs it; the one CLI
    runner of the tests. `root` is a `Repo` or a folder (no `--root` when None); `env` adds to
    `WIDE`; `invoke` goes to `CliRunner.invoke` (input=, catch_exceptions=)."""
    from typer.testing import CliRunner  # imported on use: importing conftest loads no CLI

    from bcngv.cli import app

    argv = list(args)
    if root is not None:
        argv += ["--root", str(root.root if isinstance(root, Repo) else root)]
    return CliRunner().invoke(app, argv, env={**WIDE, **(env or {})}, **invoke)


INSTALLED = Path(sys.executable).parent / "bcngv"


def installed(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The installed `bcngv` command in its own process, as a person types it (help texts are
    settled at start-up); the language is the default unless `env` sets BCNGV_LANG."""
    environment = {k: v for k, v in os.environ.items() if k != "BCNGV_LANG"} | dict(env or {})
    return subprocess.run([str(INSTALLED), *args], cwd=cwd, capture_output=True, text=True, env=environment,
                          timeout=timeout)


@pytest.fixture
def cli(repo: Repo) -> Callable[..., Result]:
    """`bcngv` bound to the `repo` fixture: `cli("build", "--period", "2022-07")`."""

    def run(*args: str, **options: Any) -> Result:
        return bcngv(*args, root=repo, **options)

    return run


@pytest.fixture
def only() -> Callable[[list[Diagnostic], str], Diagnostic]:
    """The single diagnostic with `code` (fails if there is not exactly one)."""

    def pick(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
        found = [d for d in diagnostics if d.code == code]
        assert len(found) == 1, [(d.code, d.line, d.message) for d in diagnostics]
        return found[0]

    return pick


@pytest.fixture(autouse=True, scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A user cache folder for what module and session fixtures build: no test fills ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BCNGV_CACHE_DIR", str(tmp_path_factory.mktemp("session-cache") / "bcngv"))
        yield


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Each test has its own user cache folder, outside its repository, so no test sees another's
    cache (subprocesses inherit the variable). Its own MonkeyPatch: a test's `monkeypatch.undo()`
    leaves it in place."""
    folder = tmp_path_factory.mktemp("user-cache") / "bcngv"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BCNGV_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def vietnamese_messages() -> None:
    """Messages default to Vietnamese; a test that switches language must not leak it."""
    from bcngv import words

    words.set_language("vi")


def _hypothesis_profile() -> None:
    """In CI the property tests run the same examples every time: a run is repeatable, and a new
    random search happens on developers' machines instead."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profile()
