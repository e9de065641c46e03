"""What every request passes: the password, where one is set (HTTP basic authentication: any user
name, the password given to `bcngv serve`), and for every form sent the CSRF token.

A browser session is a random id in a cookie the page's scripts cannot read (HttpOnly) and that no
other site's request carries (SameSite=Strict); each form holds the token of its session, an HMAC
of the id under a secret made when the server starts. A request from another site has neither the
cookie nor the token, and cannot compute one: it is refused (403), as is a form whose Origin is not
this server."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp

from bcngv.words import text as _t

SESSION_COOKIE = "bcngv_session"
TOKEN_FIELD = "_csrf"
MAX_FORM_FIELDS = 500  # a record has at most 200 fields; a bigger form is not one of ours
MAX_FORM_BYTES = 2 << 20  # twice the largest record file


class Guard(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, password: str | None) -> None:
        super().__init__(app)
        self.password = password
        self.secret = secrets.token_bytes(32)

    def token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if self.password is not None and not self._authorised(request):
            return PlainTextResponse(_t("serve.password"), 401, {"WWW-Authenticate": 'Basic realm="bcngv", charset="UTF-8"'})
        session = request.cookies.get(SESSION_COOKIE) or ""
        fresh = len(session) != 43  # token_urlsafe(32)'s length: anything else is not ours
        if fresh:
            session = secrets.token_urlsafe(32)
        request.state.token = self.token(session)
        response = await call_next(request)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict")
        return response

    def _authorised(self, request: Request) -> bool:
        scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
        try:
            given = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
        assert self.password is not None
        return scheme.lower() == "basic" and hmac.compare_digest(given.encode(), self.password.encode())


async def checked_form(request: Request) -> FormData:
    """The form a request sends, if it comes from a page of this server; else 403."""
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, _t("serve.cross_site"))
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        raise HTTPException(413, _t("serve.too_large"))
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_BYTES)
    given = form.get(TOKEN_FIELD)
    if not isinstance(given, str) or not hmac.compare_digest(given, request.state.token):
        raise HTTPException(403, _t("serve.cross_site"))
    return form
