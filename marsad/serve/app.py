"""The FastAPI application of ``marsad serve``: the REST API over the event store and the dashboard.

>>> from fastapi.testclient import TestClient                      # doctest: +SKIP
>>> client = TestClient(create_app("events.db"))                   # doctest: +SKIP
>>> client.get("/events", params={"country": "Mali", "limit": 5}).json()["total"]   # doctest: +SKIP

Every error is a JSON body ``{"error": {"status", "message", "detail"?}}`` with a 4xx status: 400
a bad filter value (date, box, sort), 401 no token, 403 a wrong token, 404 an unknown event or
path, 413 a body over ``max_body`` bytes, 422 a parameter or body of the wrong shape.
"""


import csv
import io
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Protocol

import orjson
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.serve import data
from marsad.serve.auth import check_token, tokens_from_env
from marsad.store import Filters, Store
from marsad.store.queries import acled_columns, event_dict

#: Where the dashboard's files are.
STATIC = Path(__file__).parent / "static"

#: The largest request body accepted, by default (an article of 5 MB of text, with room for JSON).
DEFAULT_MAX_BODY = 6_000_000

#: ``GET /export`` formats (Parquet needs a file: use ``marsad export``).
API_EXPORT_FORMATS = ("acled-csv", "geojson", "jsonl")

MAX_LIMIT = 5000


# ---------------------------------------------------------------- errors and limits


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    """The JSON body of every error response."""
    err: dict[str, Any] = {"status": status, "message": message}
    if detail is not None:
        err["detail"] = detail
    return {"error": err}


class BodyLimit:
    """ASGI middleware: refuse (413) a request whose body is over ``max_body`` bytes, announced or streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                await self._refuse(send, 400, "bad Content-Length header")
                return
            if too_big:
                await self._refuse(send, 413, f"request body over the {self.max_body:,}-byte limit")
                return
            await self.app(scope, receive, send)
            return
        # no length given (chunked): read it all first, up to the limit
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._refuse(send, 413, f"request body over the {self.max_body:,}-byte limit")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body, sent = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(send: Send, status: int, message: str) -> None:
        payload = json.dumps(error_body(status, message)).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


# ---------------------------------------------------------------- request bodies


class ArticleIn(BaseModel):
    """An article to code (``POST /articles``)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "id": "report-1", "text": "أعلن تنظيم الدولة الإسلامية مقتل 40 من عناصر جماعة نصرة الإسلام والمسلمين في ميناكا",
        "publication_date": "2022-11-03", "outlet": "Akhbar Al Aan", "store": False}]})

    text: str = Field(min_length=1, description="the article's text (UTF-8)")
    id: str = Field("article", min_length=1, max_length=300, description="the article's id")
    publication_date: str | None = Field(None, description="YYYY-MM-DD; inferred from the text when absent")
    language: str | None = Field(None, description="ar, en or fr; detected when absent")
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    store: bool = Field(False, description="also write the article and its events to the store (fused)")


EVENT_EXAMPLE = {"id": 13, "event_id_cnty": "MLI13", "event_date": "2022-10-30", "event_type": "Battles",
                 "sub_event_type": "Armed clash", "actor1": "JNIM: Group for Support of Islam and Muslims",
                 "actor2": "Islamic State (Sahel Province)", "country": "Mali", "admin1": "Menaka",
                 "location": "Aghazraghen", "latitude": 15.91985, "longitude": 2.40154, "fatalities": 30,
                 "fatalities_low": 30, "fatalities_high": 40, "certainty": "disputed"}


# ---------------------------------------------------------------- query parameters


def _param(name: str, description: str, example: str, *, many: bool = False, max_length: int | None = None
           ) -> dict[str, Any]:
    """An OpenAPI query parameter: a string, or (``many``) a list of strings."""
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}} if many else {"type": "string"}
    if max_length:
        schema["maxLength"] = max_length
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema,
            "examples": {name: {"value": example}}}


#: Maximum length of ``q``.
MAX_Q = 200

#: The filters every reading route takes, as OpenAPI documents them (:func:`filters_from_query`
#: reads them).
FILTER_PARAMETERS = [
    _param("country", "country name(s); repeat or comma-separate", "Mali", many=True),
    _param("admin1", "admin1 region(s)", "Menaka", many=True),
    _param("date_from", "on or after, YYYY-MM-DD", "2022-10-01"),
    _param("date_to", "on or before, YYYY-MM-DD", "2022-12-31"),
    _param("actor", "part of actor1's or actor2's name", "JNIM", many=True),
    _param("event_type", "event type (or sub-event type)", "Battles", many=True),
    _param("sub_event_type", "sub-event type", "Armed clash", many=True),
    _param("bbox", "min_lon,min_lat,max_lon,max_lat", "-6,10,5,25"),
    _param("certainty", "confirmed, claimed, disputed, unconfirmed", "disputed", many=True),
    _param("q", "text in names, notes or the sources' text", "ميناكا", max_length=MAX_Q),
]

#: ``GET /events``' paging and order (:func:`page_from_query`).
PAGE_PARAMETERS = [
    {**_param("limit", f"events per page (1–{MAX_LIMIT})", "100"),
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100}},
    {**_param("offset", "events to skip", "0"), "schema": {"type": "integer", "minimum": 0, "maximum": 10**9,
                                                            "default": 0}},
    {**_param("sort", "event_date, fatalities, id, country, admin1, location, event_type, actor1, updated_at; "
              "'-' first for descending", "-fatalities"), "schema": {"type": "string", "default": "-event_date"}},
]


class QueryParams(Protocol):
    """What the readers below need of a query string (Starlette's ``request.query_params``)."""

    def getlist(self, key: str) -> list[str]: ...


def invalid(where: str, problem: str) -> RequestValidationError:
    """A 422 for a query parameter of the wrong shape, worded like FastAPI's own."""
    return RequestValidationError([{"loc": ("query", where), "msg": problem, "type": "value_error"}])


def _last(params: QueryParams, name: str) -> str | None:
    values = params.getlist(name)
    return values[-1] if values else None


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def filters_from_query(params: QueryParams) -> data.ApiFilters:
    """The filters of a query string (:data:`FILTER_PARAMETERS`). A bad date, box or certainty is a
    :class:`ValueError`/400 with the reason; a ``q`` over :data:`MAX_Q` characters a 422."""
    base = Filters.from_kwargs(country=params.getlist("country") or None, date_from=_last(params, "date_from"),
                               date_to=_last(params, "date_to"), actor=params.getlist("actor") or None,
                               event_type=params.getlist("event_type") or None, bbox=_last(params, "bbox"))
    cert = tuple(c.lower() for c in _split(params.getlist("certainty")))
    for c in cert:
        if c not in data.CERTAINTIES:
            raise bad_request(f"bad certainty {c!r}: expected one of {', '.join(data.CERTAINTIES)}")
    q = _last(params, "q")
    if q is not None and len(q) > MAX_Q:
        raise invalid("q", f"String should have at most {MAX_Q} characters")
    return data.ApiFilters(base=base, admin1=_split(params.getlist("admin1")),
                           sub_event_type=_split(params.getlist("sub_event_type")), certainty=cert,
                           q=(q or "").strip() or None)


def _integer(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = _last(params, name)
    if raw is None:
        return default
    if not re.fullmatch(r"\s*[+-]?[0-9]+\s*", raw):
        raise invalid(name, "Input should be a valid integer, unable to parse string as an integer")
    value = int(raw)
    if not low <= value <= high:
        raise invalid(name, f"Input should be between {low} and {high}")
    return value


#: The largest page ``GET /events`` reads on the event loop (see :func:`runs_inline`).
INLINE_MAX_LIMIT = 200


def runs_inline(store: Store, f: data.ApiFilters, limit: int) -> bool:
    """Whether a ``GET /events`` page is cheap enough to read on the event loop: SQLite (in-process,
    nothing to wait for), at most :data:`INLINE_MAX_LIMIT` events, and no ``q`` (a text search may
    read the sources' texts)."""
    return store.dialect == "sqlite" and limit <= INLINE_MAX_LIMIT and not f.q


def page_from_query(params: QueryParams) -> tuple[int, int, str]:
    """``limit``, ``offset`` and ``sort`` of ``GET /events`` (:data:`PAGE_PARAMETERS`): a value of the
    wrong shape or out of range is a 422, an unknown sort key a 400."""
    limit = _integer(params, "limit", 100, 1, MAX_LIMIT)
    offset = _integer(params, "offset", 0, 0, 10**9)
    sort = _last(params, "sort") or "-event_date"
    if sort.lstrip("-") not in data.SORT_KEYS:
        raise bad_request(f"bad sort {sort!r}: expected one of {', '.join(data.SORT_KEYS)} (with '-' to reverse)")
    return limit, offset, sort


# ---------------------------------------------------------------- the application


def create_app(db: Any = None, token_hashes: frozenset[str] | None = None, read_protected: bool = False,
               max_body: int = DEFAULT_MAX_BODY, store: Store | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db`` (a path, a URL, ``None`` for the default store).

    ``token_hashes``: the accepted tokens' hashes (:func:`marsad.serve.auth.token_hash`); ``None``
    reads them from ``MARSAD_API_TOKENS``. Writing (``POST /articles`` with ``store``) always needs
    a token; with ``read_protected`` every API route does. ``max_body`` caps request bodies.
    """
    st = store if store is not None else Store.open(db)
    data.tune_for_reads(st)
    hashes = tokens_from_env() if token_hashes is None else frozenset(token_hashes)
    write_lock = threading.Lock()
    counts = data.CountCache()

    app = FastAPI(
        title="Marsad API",
        version="1",
        description="Conflict events coded from Arabic news: ACLED columns, claims (who asserted what), "
                    "evidence spans in the original text, sources and history. Errors are "
                    '`{"error": {"status", "message", "detail"?}}`.',
    )
    app.state.store = st
    app.state.counts = counts
    app.add_middleware(BodyLimit, max_body=max_body)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                  for e in exc.errors()]
        first = detail[0] if detail else {"where": "request", "problem": "invalid"}
        return JSONResponse(error_body(422, f"invalid {first['where']}: {first['problem']}", detail), status_code=422)

    @app.exception_handler(ValueError)
    async def _value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse(error_body(400, " ".join(str(exc).split()) or "bad request"), status_code=400)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover - a bug
        return JSONResponse(error_body(500, f"internal error: {type(exc).__name__}"), status_code=500)

    def _token(request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return request.headers.get("x-api-token")

    def require_token(request: Request) -> None:
        token = _token(request)
        if not token:
            raise HTTPException(401, "an API token is required: send 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hashes:
            raise HTTPException(403, "this server accepts no token (none configured in MARSAD_API_TOKENS)")
        if not check_token(token, hashes):
            raise HTTPException(403, "the API token is not valid")

    async def reader(request: Request) -> None:
        if read_protected:
            require_token(request)

    async def filters(request: Request) -> data.ApiFilters:
        return filters_from_query(request.query_params)

    Filt = Annotated[data.ApiFilters, Depends(filters)]
    read = [Depends(reader)]
    documented = {"parameters": FILTER_PARAMETERS}

    @app.get("/events", tags=["events"], openapi_extra={"parameters": FILTER_PARAMETERS + PAGE_PARAMETERS},
             responses={200: {"content": {"application/json": {
                 "example": {"total": 1, "limit": 100, "offset": 0, "events": [EVENT_EXAMPLE]}}}}})
    async def list_events(request: Request) -> Response:
        """Events matching the filters (combined with AND), one page of summaries, with the total.

        The busiest route, so the lightest: its query is read by :func:`filters_from_query` and
        :func:`page_from_query` (the same checks, documented by ``openapi_extra``) rather than by
        FastAPI's per-parameter dependency machinery, the total comes from the count cache when the
        same filters were counted on the same version of the store, and the page is encoded by
        orjson without validation against a response model (each of these was a measurable share
        of a request's time; benchmarks/README.md).

        A small page on SQLite (:func:`runs_inline`) is read right here, on the event loop, rather
        than in FastAPI's thread pool: it is a millisecond or two of work for this process's CPU
        with nothing to wait for, and under load handing it to a thread cost more than doing it:
        dozens of threads taking turns at the interpreter lock stretched every request (one
        process, 50 clients, 100,000 events: 460 requests/s and p99 165 ms inline, against 203/s
        and p99 520 ms through the thread pool). Big pages, text searches and PostgreSQL (which waits on the
        network) still go to the thread pool, so that they never hold up the small ones."""
        if read_protected:
            require_token(request)
        f = filters_from_query(request.query_params)
        limit, offset, sort = page_from_query(request.query_params)
        if runs_inline(st, f, limit):
            total, items = data.list_events(st, f, sort=sort, limit=limit, offset=offset, counts=counts)
        else:
            total, items = await run_in_threadpool(data.list_events, st, f, sort=sort, limit=limit, offset=offset,
                                                   counts=counts)
        body = orjson.dumps({"total": total, "limit": limit, "offset": offset, "events": items})
        return Response(body, media_type="application/json")

    @app.get("/events/{event_id}", dependencies=read, tags=["events"])
    def get_event(event_id: str) -> dict[str, Any]:
        """One event by id (``13``) or ACLED-style id (``MLI13``): ACLED fields, claims, evidence, every
        source with its original text and the evidence spans in it, and the history of changes."""
        ident = data.event_id_of(st, event_id) if len(event_id) <= 40 else None
        event = st.event(ident) if ident is not None else None
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        d = event_dict(event, history=st.history(event.id))
        d["acled"] = acled_columns(event)
        d["actor1_ar"], d["actor2_ar"] = data.arabic_name(d.get("actor1")), data.arabic_name(d.get("actor2"))
        d["location_ar"] = data.arabic_of(getattr(event.record, "location_names", None))
        for c in d["claims"]:
            c["claimant_ar"] = data.arabic_name(c.get("claimant"))
        texts = data.source_texts(st, [s["article_id"] for s in d["sources"]])
        for s in d["sources"]:
            text = texts.get(s["article_id"], "")
            s["text"] = text
            s["highlights"] = data.highlights(s.get("record"), text)
        return d

    @app.get("/actors", dependencies=read, openapi_extra=documented, tags=["reference"])
    def list_actors(f: Filt, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 500) -> dict[str, Any]:
        """Actors of the matching events, most events first, with their name in Arabic script when known."""
        return {"actors": data.actors(st, f, limit=limit)}

    @app.get("/places", dependencies=read, openapi_extra=documented, tags=["reference"])
    def list_places(f: Filt, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000) -> dict[str, Any]:
        """Places of the matching events (country, admin1, location, coordinates) with counts."""
        return {"places": data.places(st, f, limit=limit)}

    @app.get("/stats", dependencies=read, openapi_extra=documented, tags=["reference"])
    def get_stats(f: Filt, interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
                  top: Annotated[int, Query(ge=1, le=1000)] = 20) -> dict[str, Any]:
        """Counts and fatalities in all, per day/week/month, per actor, per event type and per country."""
        return data.stats(st, f, interval=interval, top=top)

    @app.get("/export", dependencies=read, openapi_extra=documented, tags=["events"],
             responses={200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}}}})
    def export(f: Filt, format: Annotated[str, Query(description="acled-csv, geojson or jsonl")] = "acled-csv"
               ) -> StreamingResponse:
        """The matching events, streamed: ACLED's 31 columns as CSV, GeoJSON, or JSON Lines with history."""
        if format not in API_EXPORT_FORMATS:
            raise bad_request(f"bad format {format!r}: expected one of {', '.join(API_EXPORT_FORMATS)} "
                              "(Parquet: use 'marsad export')")
        media = {"acled-csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
                 "jsonl": "application/x-ndjson"}[format]
        ext = {"acled-csv": "csv", "geojson": "geojson", "jsonl": "jsonl"}[format]
        return StreamingResponse(_stream(st, f, format), media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="marsad-events.{ext}"'})

    @app.post("/articles", tags=["articles"], dependencies=[Depends(require_token)], responses={200: {
        "content": {"application/json": {"example": {"id": "report-1", "error": None, "stored": False,
                                                     "events": [EVENT_EXAMPLE]}}}}})
    def post_article(article: ArticleIn) -> dict[str, Any]:
        """Code an article and return its events; with ``"store": true`` also fuse them into the store
        (needs a token, as every write does)."""
        return _code_article(st, article, write_lock)

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/index.html")

    app.mount("/", StaticFiles(directory=STATIC, html=True), name="dashboard")
    return app


def _stream(store: Store, f: data.ApiFilters, fmt: str) -> Iterator[str]:
    """The export, a piece at a time (events are read from the store in chunks)."""
    import sqlalchemy as sa

    from marsad.export.acled import ACLED_COLUMNS
    from marsad.store.schema import EventRow

    with store.session() as s:
        ids = list(s.scalars(sa.select(EventRow.id).where(*data.conditions(store, f)).order_by(EventRow.id)))
    events = _events_by_ids(store, ids)
    if fmt == "acled-csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(ACLED_COLUMNS)
        for e in events:
            row = acled_columns(e)
            w.writerow("" if row[c] is None else row[c] for c in ACLED_COLUMNS)
            if buf.tell() > 65536:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
    elif fmt == "jsonl":
        for e in events:
            yield json.dumps(event_dict(e, history=store.history(e.id)), ensure_ascii=False) + "\n"
    else:
        yield '{"type": "FeatureCollection", "features": ['
        for n, e in enumerate(events):
            r = e.record
            geometry = None
            if r.latitude is not None and r.longitude is not None:
                geometry = {"type": "Point", "coordinates": [r.longitude, r.latitude]}
            feature = {"type": "Feature", "id": e.event_id_cnty, "geometry": geometry, "properties": event_dict(e)}
            yield ("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False)
        yield "\n]}\n"


def _events_by_ids(store: Store, ids: list[int]) -> Iterator[Any]:
    for event_id in ids:
        event = store.event(event_id)
        if event is not None:
            yield event


def _code_article(store: Store, a: ArticleIn, lock: threading.Lock) -> dict[str, Any]:
    """Code (and, when asked, store) one article: the ``POST /articles`` handler."""
    import marsad
    from marsad.ingest import parse_date

    if a.publication_date:
        try:
            parse_date(a.publication_date)
        except Exception as exc:
            raise bad_request(f"bad publication_date {a.publication_date!r}: expected YYYY-MM-DD") from exc
    coded = marsad.code_article(a.text, publication_date=a.publication_date, language=a.language, outlet=a.outlet,
                                article_id=a.id, title=a.title, url=a.url)
    out: dict[str, Any] = {"id": a.id, "error": coded.error, "stored": False,
                           "events": [e.to_dict() for e in coded.events]}
    if coded.error:
        raise HTTPException(422, f"the article cannot be coded: {coded.error}")
    if not a.store:
        return out
    from marsad.store.ingestion import Deduplicator

    with lock:
        work = Deduplicator(store).check(coded.article)
        if work.kind != "code":
            out["duplicate"] = work.detail or work.kind
            if work.kind == "near":
                store.save_duplicate(coded.article, work.hash, work.detail)
            return out
        result = store.save_coded(coded, work.hash)
    out.update(stored=True, new_events=result.new_events, merged_events=result.merged_events)
    return out
