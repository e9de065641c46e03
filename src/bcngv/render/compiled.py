"""Compiled templates kept: in memory for the life of the process (a rebuild inside `watch` or
`serve` compiles nothing it compiled before) and in the user's sealed cache folder for the next run.

Compiling a report's template is a tenth of a second a run. Compiled code is never kept in the
repository (a pull request could plant bytecode: tests/core/test_cache_trust.py); it is kept, as the
records are, in the user's private folder (cachedir), each file sealed with the user's secret, so
that a file bcngv did not write there is ignored before a byte of it reaches `marshal`. An entry
holds a key of everything the code depends on: the template's source, name and file, bcngv's code
(the sandbox's code generator, the environment's options), Jinja's version and Python's bytecode
version; any other key is compiling afresh.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import sys
from collections.abc import Callable
from types import CodeType

import jinja2

from bcngv.cachedir import CacheFolder
from bcngv.records.cache import code_version

_KEY = 32  # bytes of an entry's key, in front of its code
_MEMORY: dict[bytes, tuple[bytes, CodeType]] = {}  # slot → (key, code): the latest code of each template


class CompiledTemplates:
    """Where compiled code is kept: this process's memory, and the user's folder when there is one."""

    def __init__(self, folder: CacheFolder | None) -> None:
        self.folder = folder

    def code(self, source: str, name: str | None, filename: str | None, make: Callable[[], CodeType]) -> CodeType:
        """The code of `source` as `make()` compiles it, compiled only when not kept already."""
        # a template is kept under its name and file; a line of Jinja (a summary) under its text
        slot = _digest(b"", name or "", filename or "", "" if name else source)
        key = _digest(_version(), name or "", filename or "", source)
        kept = _MEMORY.get(slot)
        if kept is not None and kept[0] == key:
            return kept[1]
        code = self._read(slot, key)
        if code is None:
            code = make()
            self._write(slot, key, code)
        _MEMORY[slot] = (key, code)
        return code

    def _read(self, slot: bytes, key: bytes) -> CodeType | None:
        sealed = self.folder.read(_name(slot)) if self.folder is not None else None
        if sealed is None or bytes(sealed[:_KEY]) != key:  # missing, not sealed by this user, or stale
            return None
        try:  # sealed by this user's bcngv: its own output, for this very key
            code = marshal.loads(sealed[_KEY:])
        except (EOFError, ValueError, TypeError):
            return None
        return code if isinstance(code, CodeType) else None

    def _write(self, slot: bytes, key: bytes, code: CodeType) -> None:
        if self.folder is not None:
            self.folder.write(_name(slot), key + marshal.dumps(code))


@functools.cache  # the code running in a process does not change while it runs
def _version() -> bytes:
    """What compiled code depends on besides its template."""
    return "\0".join((code_version(), jinja2.__version__, sys.version, importlib.util.MAGIC_NUMBER.hex())).encode()


def _digest(version: bytes, name: str, filename: str, source: str) -> bytes:
    digest = hashlib.blake2b(version, digest_size=_KEY)
    for part in (name, filename, source):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.digest()


def _name(slot: bytes) -> str:
    return f"template-{slot[:16].hex()}.code"
