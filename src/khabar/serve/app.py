"""create_app: the FastAPI app over one store, its read connections, error answers and static files."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from khabar.resources import data_path
from khabar.serve.params import API_PREFIX
from khabar.serve.readers import CACHE_ENTRIES, Store
from khabar.store.queries import search


def create_app(db: str | Path, *, token: str | None = None, cache: bool = True) -> FastAPI:
    """The API and dashboard over the store at `db`; the write endpoint works only with a `token`;
    `cache` keeps answers until the store changes."""
    from khabar.serve.api import router as api_router
    from khabar.serve.pages import router as pages_router

    store = Store(db, token, cache_entries=CACHE_ENTRIES if cache else 0)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        search(store.reader(), "تسخين", limit=1)  # loads the tokeniser's lexicon before the first visitor
        yield
        store.close()

    # No /docs or /redoc: FastAPI draws them with scripts from a CDN, and the dashboard works offline.
    app = FastAPI(title="khabar", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Arabic news read into structured data: articles, entities, events, quotations.")
    app.state.store = store
    app.include_router(api_router, prefix=API_PREFIX)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=data_path("khabar.serve", "static")), name="static")
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.middleware("http")(_headers)
    return app


# The browser itself refuses anything not served here (scripts, styles, images, frames elsewhere).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


async def _headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    return response


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
