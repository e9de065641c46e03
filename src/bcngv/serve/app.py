"""The routes of `bcngv serve` (Starlette), each a page rendered from templates/ (Jinja, every
value escaped) in the language of `bcngv.words`:

    GET  /records   a month's records, filtered, each with its problems
    GET  /new       the form of a new record of a kind          POST /save   check, write, commit
    GET  /record    a record's form, its problems, its history
    GET  /report    a report as HTML, its figures traced         GET  /report/file   its .docx or PDF

Every POST carries the CSRF token (guard.py); only records under records/ are ever written."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bcngv import words
from bcngv.commands.documents import list_documents
from bcngv.config import load_config
from bcngv.confine import Refused
from bcngv.pdf import find_soffice
from bcngv.pipeline import Options
from bcngv.repository import Repository
from bcngv.serve import history
from bcngv.serve.editor import Office, new_form, office, open_record, save
from bcngv.serve.forms import GOODS_SEPARATOR
from bcngv.serve.guard import TOKEN_FIELD, Guard, checked_form
from bcngv.serve.listing import listing, months
from bcngv.serve.preview import report_file, report_preview
from bcngv.serve.records_io import PathRefused, record_path

HERE = Path(__file__).parent
AUTHOR_COOKIE = "bcngv_author"
_YEAR = 365 * 24 * 3600
# the words the templates show, by key (tests/serve/test_pages.py checks each `t("…")` of a template is here)
PAGE_WORDS = (
    "serve.title", "serve.nav_records", "serve.nav_report", "serve.severity_error", "serve.severity_warning",
    "serve.refused", "serve.back", "serve.no_form", "serve.records_of", "serve.preview_month", "serve.new_kind",
    "serve.new_date", "serve.new", "serve.any_kind", "serve.any_field", "serve.words", "serve.filter",
    "serve.col_date", "serve.col_kind", "serve.col_words", "serve.col_problems", "serve.no_records",
    "serve.not_written", "serve.saved_committed", "serve.saved_written", "serve.conflict", "serve.conflict_disk",
    "serve.conflict_yours", "serve.yes", "serve.no", "serve.search_partner", "serve.placeholders",
    "serve.lines_goods", "serve.lines_money", "serve.many", "serve.author", "serve.needs_name",
    "serve.history_off", "serve.save", "serve.history", "serve.no_history", "serve.period", "serve.report_kind",
    "serve.default_report", "serve.show", "serve.document", "serve.download_docx", "serve.download_pdf",
    "serve.figures",
)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(t=words.text, lang=words.language, quote=quote, urlencode=urlencode,
                       goods_separator=GOODS_SEPARATOR)
    return env


def create_app(repository: Repository, password: str | None = None) -> Starlette:
    env = _environment()

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context |= {"token": request.state.token, "token_field": TOKEN_FIELD, "path": request.url.path}
        return HTMLResponse(env.get_template(name).render(**context), status)

    def problem(request: Request, status: int, message: str) -> HTMLResponse:
        return page(request, "problem.html.j2", status, message=message)

    async def records(request: Request) -> Response:
        q = request.query_params
        place = await run_in_threadpool(office, repository)
        found = await run_in_threadpool(listing, repository, q.get("month"), q.get("kind", ""), q.get("field", ""),
                                        q.get("words", ""))
        return page(request, "records.html.j2", listing=found, kinds=place.vocabulary.kinds.labels,
                    fields=place.vocabulary.fields, query=dict(q), today=date.today().isoformat(),
                    reports=await run_in_threadpool(_reports, repository))

    async def new(request: Request) -> Response:
        place = await run_in_threadpool(office, repository)
        kind = request.query_params.get("kind", "")
        if kind not in place.vocabulary.kinds:
            return problem(request, 404, words.text("serve.no_kind", kind=kind))
        on = _day(request.query_params.get("date"))
        form = new_form(place, kind, on)
        return _form_page(request, place, form, author=_remembered(request))

    async def record(request: Request) -> Response:
        place = await run_in_threadpool(office, repository)
        shown = request.query_params.get("path", "")
        try:
            opened = await run_in_threadpool(open_record, place, shown)
            changes = await run_in_threadpool(history.history, repository.root, record_path(repository.root, shown))
        except (PathRefused, Refused):
            return problem(request, 403, words.text("serve.path_refused", path=shown))
        if opened.form is None:
            return page(request, "unreadable.html.j2", opened=opened)
        return _form_page(request, place, opened.form, changes=changes, saved=request.query_params.get("saved"),
                          author=_remembered(request))

    def _form_page(request: Request, place: Office, form: Any, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("changes", [])
        context.setdefault("saved", None)
        context.setdefault("disk", None)
        context.setdefault("proposed", None)
        context.setdefault("needs_name", False)
        return page(request, "record.html.j2", status, form=form, tracked=history.enabled(repository.root),
                    kind_label=place.vocabulary.kinds.labels.get(form.kind, form.kind), **context)

    async def save_record(request: Request) -> Response:
        form = await checked_form(request)
        place = await run_in_threadpool(office, repository)
        kind, shown = str(form.get("_kind", "")), str(form.get("_path", ""))
        if not shown and kind not in place.vocabulary.kinds:
            return problem(request, 400, words.text("serve.no_kind", kind=kind))
        author = str(form.get("_author", "")).strip()
        given = {key: [str(v) for v in form.getlist(key)] for key in form.keys() if key.startswith("f.")}
        try:
            saved = await run_in_threadpool(save, place, kind, shown, str(form.get("_version", "")), given, author)
        except (PathRefused, Refused, ValueError):
            return problem(request, 403, words.text("serve.path_refused", path=shown))
        if saved.written is None:  # a mistake to fix, a name to give, or the file changed meanwhile
            return _form_page(request, place, saved.form, 409 if saved.disk is not None else 422, disk=saved.disk,
                              proposed=saved.proposed, needs_name=saved.needs_name, author=author)
        target = f"/record?{urlencode({'path': saved.written, 'saved': 'committed' if saved.committed else 'written'})}"
        response = RedirectResponse(target, 303)
        if author:
            response.set_cookie(AUTHOR_COOKIE, quote(author), max_age=_YEAR, httponly=True, samesite="strict")
        return response

    async def report(request: Request) -> Response:
        reports = await run_in_threadpool(_reports, repository)  # read once: both the page and the choice use it
        options, chosen = _report_options(repository, request, reports["documents"])
        shown = await run_in_threadpool(report_preview, repository, options) if options else None
        return page(request, "report.html.j2", preview=shown, chosen=chosen, pdf=find_soffice() is not None,
                    reports=reports, months=months(repository.root))

    async def report_download(request: Request) -> Response:
        # the issued documents are read when one is asked for; the page's choices, when there is a page
        documents = await run_in_threadpool(_documents, repository) if request.query_params.get("document") else ()
        options, _ = _report_options(repository, request, documents, pdf=request.query_params.get("format") == "pdf")
        if options is None:
            return problem(request, 400, words.text("serve.no_report"))
        made = await run_in_threadpool(report_file, repository, options)
        if isinstance(made, list):
            return page(request, "report.html.j2", 422, preview=None, chosen={}, pdf=False, problems=made,
                        reports=await run_in_threadpool(_reports, repository), months=months(repository.root))
        name, data = made
        kind = "application/pdf" if name.endswith(".pdf") else \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return Response(data, media_type=kind, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

    async def home(request: Request) -> Response:
        return RedirectResponse("/records", 303)

    async def refused(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return problem(request, error.status_code, str(error.detail))

    routes = [
        Route("/", home), Route("/records", records), Route("/new", new), Route("/record", record),
        Route("/save", save_record, methods=["POST"]), Route("/report", report),
        Route("/report/file", report_download),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Guard, password=password)],
                     exception_handlers={HTTPException: refused})


def _remembered(request: Request) -> str:
    """The person's name, as the browser remembers it from their last save (a cookie)."""
    return unquote(request.cookies.get(AUTHOR_COOKIE, ""))


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return date.today()


def _reports(repository: Repository) -> dict[str, list[str]]:
    """What the report page offers: the report kinds of bcngv.yaml and the issued documents."""
    config = load_config(repository.root)[0]
    return {"kinds": list(config.reports) if config is not None else [], "documents": _documents(repository)}


def _documents(repository: Repository) -> list[str]:
    """The issued documents, by their files as listed."""
    return [d.shown for d in list_documents(repository)[0]]


def _report_options(repository: Repository, request: Request, documents: Collection[str],
                    pdf: bool = False) -> tuple[Options | None, dict[str, str]]:
    """The report asked for: a period and report kind, or one of the issued `documents` (by its file
    as listed, so that no path the browser sends is read)."""
    q = request.query_params
    chosen = {key: q.get(key, "") for key in ("period", "report", "document")}
    if chosen["document"]:
        if chosen["document"] not in documents:
            return None, chosen
        return Options(document=repository.root / chosen["document"], pdf=pdf), chosen
    if not chosen["period"]:
        return None, chosen
    return Options(chosen["period"], chosen["report"] or None, pdf=pdf), chosen
