"""Diagnostics as text for people, JSON for tools, and annotations for GitHub workflows."""

from __future__ import annotations

import json
from collections.abc import Iterable

from bcngv import messages
from bcngv.diagnostics import Diagnostic, sorted_diagnostics

FORMATS = ("text", "json", "github")


def as_text(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in sorted_diagnostics(diagnostics):
        lines.append(f"{d.path}:{d.line}:{d.col}: {d.severity.value} {d.code}: {d.message}")
        if d.hint:
            lines.append(f"    {'gợi ý' if messages.language() == 'vi' else 'hint'}: {d.hint}")
    return "\n".join(lines)


def as_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = [
        {"code": d.code, "severity": d.severity.value, "path": d.path, "line": d.line, "col": d.col,
         "message": d.message, "hint": d.hint}
        for d in sorted_diagnostics(diagnostics)
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def as_github(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in sorted_diagnostics(diagnostics):
        body = _github_escape(f"{d.code}: {d.message} — {d.hint}")
        lines.append(f"::{d.severity.value} file={d.path},line={d.line},col={d.col},title={d.code}::{body}")
    return "\n".join(lines)


def render(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    return {"text": as_text, "json": as_json, "github": as_github}[fmt](diagnostics)
