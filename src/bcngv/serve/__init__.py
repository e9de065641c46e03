"""`bcngv serve`: the browser's way to the same YAML files (forms generated from the kind
declarations, the checks and words of `bcngv check`, report previews, each save a git commit).

    app.py         the routes (Starlette), the pages (Jinja, autoescaped), the guard on every request
    guard.py       a password where one is set, the CSRF token of every form
    forms.py       a kind's form from its declaration; what a person typed, as record values
    records_io.py  which files may be written, reading them, writing the fields that changed
    listing.py     a month's records with their diagnostics, filtered
    preview.py     a report as HTML with its figures traced, its .docx (and PDF) to download
    history.py     git: each save a commit under the person's name, a record's history

The YAML files stay the single source of truth: the server keeps no data of its own.
"""
