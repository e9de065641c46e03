"""`bcngv list`: the issued documents of the repository, each checked as it is read."""

from __future__ import annotations

from bcngv.diagnostics import Diagnostic
from bcngv.issued import IssuedDocument, issued_files, read_issued
from bcngv.repository import Repository


def list_documents(repository: Repository) -> tuple[list[IssuedDocument], list[Diagnostic]]:
    documents: list[IssuedDocument] = []
    problems: list[Diagnostic] = []
    for path in issued_files(repository):
        document, found = read_issued(repository, path)
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems
