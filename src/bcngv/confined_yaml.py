"""A YAML file of the repository, read as untrusted input: through `confine` (a regular file inside
the repository, bounded in size), then parsed by `yamlpos` without YAML's traps."""

from __future__ import annotations

from pathlib import Path

from bcngv.confine import Refused, read_inside, read_regular
from bcngv.diagnostics import Diagnostic
from bcngv.yamlpos import MAX_BYTES, Located, parse_yaml_bytes


def read_yaml_inside(root: Path, path: Path | str, shown: str, limit: int = MAX_BYTES,
                     listed: bool = False) -> tuple[Located | None, list[Diagnostic]]:
    """Read `path` under the repository `root`; `shown` is the path that diagnostics print. A link
    that leaves the repository, dangles or loops, or a FIFO or device, is a diagnostic at `shown`:1:1.
    `listed`: a regular file the records' listing found in the repository's own folders (no link on
    its way), which need not be resolved again (nor made a Path)."""
    try:
        data = read_regular(path, limit) if listed else read_inside(root, Path(path), limit)
    except Refused as refused:
        return None, [refused.diagnostic(shown)]
    return parse_yaml_bytes(data, shown)
