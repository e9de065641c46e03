"""What `check` remembers of compiling the templates: that a given set of template sources and
summary lines compiled clean. A warm `check` whose templates have not changed then needs neither
Jinja nor the renderer (a tenth of a second of imports and compiling).

Only a clean result is kept, in the user's sealed cache folder (cachedir), keyed by the bytes of
every template on the search path, the summary lines and the code's version: any change compiles
again, and a template with a problem is compiled (and reported) every time. The office's files are
read confined to the repository; one that cannot be read that way means no memo, and compiling
says why.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bcngv.cachedir import CacheFolder, cache_folder
from bcngv.confine import Refused, read_inside
from bcngv.records.cache import code_version
from bcngv.repository import Repository

_NAME = "templates.clean"
_LIMIT = 1 << 20  # the bound on a template a render reads (render/sandbox.py)


def _key(repository: Repository, summaries: Iterable[str]) -> bytes | None:
    digest = hashlib.blake2b(code_version().encode(), digest_size=16)
    for index, folder in enumerate(repository.template_path):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_dir():
                continue
            try:  # the office's folder (first) is untrusted; bcngv's own (last) is not
                data = read_inside(repository.root, path, _LIMIT) if index == 0 else path.read_bytes()
            except (Refused, OSError):
                return None
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + data + b"\0")
    for summary in summaries:
        digest.update(b"summary\0" + summary.encode("utf-8", "surrogatepass"))
    return digest.digest()


@dataclass(frozen=True, slots=True)
class Memo:
    """Where the memo of one set of sources is kept, and its key (computed once per run)."""

    folder: CacheFolder
    key: bytes

    def clean(self) -> bool:
        """These sources compiled clean before."""
        return self.folder.read(_NAME) == self.key

    def remember(self) -> None:
        """These sources compiled clean."""
        self.folder.write(_NAME, self.key)


def memo_of(repository: Repository, summaries: list[str]) -> Memo | None:
    """The memo of the repository's templates and these summary lines; None without a cache folder
    or when a template cannot be read confined (then compiling says why)."""
    folder = cache_folder(repository.root)
    key = _key(repository, summaries) if folder is not None else None
    return Memo(folder, key) if folder is not None and key is not None else None
