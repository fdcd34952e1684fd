"""create_app: the FastAPI app over one store, its read connections, error answers and static files."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khabar.pipeline import read
from khabar.resources import data_path
from khabar.serve.environment import DB_ENV, TOKEN_ENV
from khabar.serve.params import API_PREFIX, refuse_unknown
from khabar.serve.readers import CACHE_ENTRIES, Store
from khabar.serve.write import check_token
from khabar.store.queries import search


def app_from_environment() -> FastAPI:
    """The app of one of several server processes: they are started by uvicorn, which passes no
    arguments, so the store and the write token come from the environment the command set."""
    return create_app(os.environ[DB_ENV], token=os.environ.get(TOKEN_ENV) or None)


def create_app(db: str | Path, *, token: str | None = None, cache: bool = True) -> FastAPI:
    """The API and dashboard over the store at `db`; the write endpoint works only with a `token`;
    `cache` keeps answers until the store changes."""
    from khabar.serve.api import router as api_router
    from khabar.serve.pages import router as pages_router

    store = Store(db, token, cache_entries=CACHE_ENTRIES if cache else 0)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        search(store.reader(), "تسخين", limit=1)  # loads the tokeniser's lexicon before the first visitor
        if token:  # writes are on: the pipeline's resources loaded now, not in the first POST (2 s)
            read(WARM_UP, id="warm-up")
        yield
        store.close()

    # No /docs or /redoc: FastAPI draws them with scripts from a CDN, and the dashboard works offline.
    app = FastAPI(title="khabar", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Arabic news read into structured data: articles, entities, events, quotations.")
    app.state.store = store
    app.include_router(api_router, prefix=API_PREFIX)
    app.include_router(pages_router, dependencies=[Depends(refuse_unknown)])
    app.mount("/static", StaticFiles(directory=data_path("khabar.serve", "static")), name="static")
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyGate, store=store)
    return app


# A dispatch that takes a posted page through every step of the reading (entities, an event, a quotation).
WARM_UP = ("الكويت تستقبل وزير الخارجية السعودي\n\nالكويت - 21 - 5 (كونا) -- استقبل سمو أمير دولة الكويت اليوم "
           "وزير الخارجية السعودي وبحث معه العلاقات الثنائية. وقال الوزير إن \"التعاون مستمر\". (النهاية)")
MAX_BODY_BYTES = 2_000_000  # a posted page of MAX_TEXT_CHARS, even with every character \u-escaped
WRITE_PATH = API_PREFIX + "/articles"


class BodyGate:
    """Before any body is read: a write without a valid token is refused, and a body larger than
    MAX_BODY_BYTES is refused (by its Content-Length, or while it streams in), so that no request can
    make the server parse hundreds of megabytes."""

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] == "POST" and scope["path"].rstrip("/") == WRITE_PATH:
            given = headers.get("authorization", "")
            token = given[7:].strip() if given[:7].lower() == "bearer " else None
            try:
                check_token(self.store.token, token)
            except HTTPException as exc:
                await _refuse(scope, receive, send, exc.status_code, str(exc.detail), exc.headers)
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            await _refuse(scope, receive, send, 413, f"the body is larger than {MAX_BODY_BYTES} bytes")
            return
        body = bytearray()
        while True:  # at most MAX_BODY_BYTES are held, then given to the app as one message
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > MAX_BODY_BYTES:
                await _refuse(scope, receive, send, 413, f"the body is larger than {MAX_BODY_BYTES} bytes")
                return
            if not message.get("more_body", False):
                break
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str,
                  headers: Mapping[str, str] | None = None) -> None:
    response = JSONResponse({"detail": message}, status_code=status, headers={**SECURITY_HEADERS, **(headers or {})})
    await response(scope, receive, send)


# The browser itself refuses anything not served here (scripts, styles, images, frames elsewhere).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """SECURITY_HEADERS on every answer, set as its head is sent (plain ASGI: a function middleware
    would pass each answer through a stream, a cost every request pays)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(API_PREFIX)


def _describe(errors: list) -> list[dict[str, str]]:
    return [{"where": ".".join(str(p) for p in error.get("loc", ())), "message": str(error.get("msg", ""))}
            for error in errors]


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = _describe(list(exc.errors()))
    message = "; ".join(f"{p['where']}: {p['message']}" for p in problems)
    if _wants_html(request):
        from khabar.serve.pages import error_page

        return error_page(request, 422, message)
    return JSONResponse({"detail": message, "errors": problems}, status_code=422)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _wants_html(request) and exc.status_code != 405:
        from khabar.serve.pages import error_page

        return error_page(request, exc.status_code, str(exc.detail))
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
