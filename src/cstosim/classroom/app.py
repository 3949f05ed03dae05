"""The classroom as an ASGI app (Starlette): the pages, the JSON API of design 5.6 and the
live events, over one ``Room``.

Every response carries a strict Content-Security-Policy (scripts and styles from this app
only); every page escapes what it prints (Jinja2 autoescape). Pages post forms that carry an
anti-forgery key and are refused from another origin; the JSON API takes bearer tokens, which
a browser never sends on its own. Bodies are bounded (``limits.MAX_BODY``) and checked with
pydantic; joins and votes are rate-limited per client. Every error is ``{"error": "..."}`` (or
a page saying it) with a 4xx status, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs

import jinja2
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt
from pydantic import ValidationError as PydanticError
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cstosim.classroom.limits import MAX_BODY, Buckets
from cstosim.classroom.pages import context, rules_form
from cstosim.classroom.room import SWITCHABLE, Room
from cstosim.errors import ClassroomError
from cstosim.i18n import N_, _, direction, translations, using
from cstosim.rules.ruleset import show_value
from cstosim.vocabulary import Lang

__all__ = ["CSP", "Hub", "create_app"]

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
TEACHER_COOKIE = "cstosim_teacher"
SEAT_COOKIE = "cstosim_seat"
KEEPALIVE = 15.0  # seconds between comments on an idle event stream
MAX_STREAMS = 2000  # event streams open at once
STREAMS_PER_CLIENT = 8  # from one address on the network (this machine's own: no limit)
BODY_SECONDS = 10.0  # to send a request's body


# -- request bodies (design 5.6) ----------------------------------------------------------------
class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class JoinBody(_Body):
    """POST /api/join."""

    room: str = Field(min_length=1, max_length=32)
    member: str = Field(min_length=1, max_length=8)


class VoteBody(_Body):
    """POST /api/vote (``item``: the item the student saw; 409 if another is open)."""

    position: str = Field(min_length=1, max_length=32)
    item: str | None = Field(default=None, min_length=1, max_length=200)


class SeatBody(_Body):
    """POST /api/teacher/free."""

    member: str = Field(min_length=1, max_length=8)


class RulesBody(_Body):
    """POST /api/teacher/rules: the readings to switch (others are refused)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    rule14: str | None = None
    limited_format: StrictBool | None = None
    quorum: StrictInt | StrictFloat | str | None = None


_M = TypeVar("_M", bound=_Body)


# -- live events ---------------------------------------------------------------------------------
class Hub:
    """The room's state as one JSON payload, and a wake-up for every open event stream."""

    def __init__(self) -> None:
        self.payload = b""
        self.streams = 0
        self.by_client: dict[str, int] = {}
        self.closing = False
        self.loop: asyncio.AbstractEventLoop | None = None  # the server's, once a stream opens
        self._changed = asyncio.Event()

    def publish(self, payload: bytes) -> None:
        """A new state: every stream sends it."""
        self.payload = payload
        woken, self._changed = self._changed, asyncio.Event()
        woken.set()

    def shut(self) -> None:
        """End every stream (the server is stopping)."""
        self.closing = True
        self.publish(self.payload)

    async def stream(self, client: str) -> AsyncIterator[bytes]:
        """The state now, then again on every change; a comment when idle."""
        self.loop = asyncio.get_running_loop()
        self.streams += 1
        self.by_client[client] = self.by_client.get(client, 0) + 1
        try:
            sent = b""
            while not self.closing:
                changed = self._changed
                if self.payload != sent:
                    sent = self.payload
                    yield b"data: " + sent + b"\n\n"
                try:
                    await asyncio.wait_for(changed.wait(), KEEPALIVE)
                except TimeoutError:
                    yield b": idle\n\n"
        finally:
            self.streams -= 1
            left = self.by_client.pop(client, 1) - 1
            if left:
                self.by_client[client] = left


# -- security headers ------------------------------------------------------------------------------
class SecurityHeaders:
    """Adds the CSP and its companions to every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", CSP)
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("referrer-policy", "same-origin")  # forms keep their Origin
                headers.setdefault("x-frame-options", "DENY")
                headers.setdefault("cache-control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- the app ---------------------------------------------------------------------------------------
def create_app(room: Room, lang: Lang = Lang.EN) -> Starlette:
    """The ASGI app serving ``room``, its pages in ``lang`` (the JSON API in English)."""
    hub = Hub()
    t = translations(lang)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(t, newstyle=True)  # type: ignore[attr-defined]
    joins = Buckets(rate=0.5, burst=30)  # per client address
    votes = Buckets(rate=5, burst=20)  # per seat and client address

    def publish() -> None:
        hub.publish(json.dumps(room.state(), ensure_ascii=False, sort_keys=True).encode())

    publish()

    def page(name: str, status: int = 200, **extra: Any) -> HTMLResponse:
        with using(lang):
            ctx = context(room, member=extra.pop("member", None))
            rules = rules_form(room) if name == "teacher.html" else []
            html = env.get_template(name).render(
                lang=lang.value, direction=direction(lang), rules=rules, **ctx, **extra
            )
        return HTMLResponse(html, status_code=status)

    # -- helpers --------------------------------------------------------------------------------
    def client(request: Request) -> str:
        return request.client.host if request.client is not None else "?"

    def bearer(request: Request) -> str:
        auth = request.headers.get("authorization", "")
        scheme, _space, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ClassroomError.of(401, N_("send 'Authorization: Bearer TOKEN'"))
        return token.strip()

    def teacher_api(request: Request) -> None:
        if not room.is_teacher(bearer(request)):
            raise ClassroomError.of(403, N_("not the teacher's token"))

    async def body(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            raise ClassroomError.of(413, N_("a request body is at most {n} bytes"), n=str(MAX_BODY))
        data = b""
        try:
            async with asyncio.timeout(BODY_SECONDS):
                async for chunk in request.stream():
                    data += chunk
                    if len(data) > MAX_BODY:
                        raise ClassroomError.of(
                            413, N_("a request body is at most {n} bytes"), n=str(MAX_BODY)
                        )
        except TimeoutError:
            raise ClassroomError.of(
                408, N_("a request body must come within {n} s"), n=f"{BODY_SECONDS:g}"
            ) from None
        return data

    async def json_body(request: Request, model: type[_M]) -> _M:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise ClassroomError.of(415, N_("send JSON with 'Content-Type: application/json'"))
        raw = await body(request)
        try:
            return model.model_validate_json(raw)
        except PydanticError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise ClassroomError(f"{where}: {first['msg']}", 422) from None

    async def form(request: Request, holder: str) -> dict[str, str]:
        origin = request.headers.get("origin")
        if origin is not None and origin != _origin(request):
            raise ClassroomError.of(403, N_("a form from another site is refused"))
        raw = await body(request)
        try:
            fields = {k: v[0] for k, v in parse_qs(raw.decode(), max_num_fields=20).items()}
        except (UnicodeDecodeError, ValueError):
            raise ClassroomError.of(400, N_("a form the page did not send")) from None
        if not room.check_form_key(holder, fields.get("key", "")):
            raise ClassroomError.of(403, N_("this form has expired; reload the page"))
        return fields

    def limit(buckets: Buckets, key: str) -> None:
        if not buckets.allow(key):
            raise ClassroomError.of(429, N_("too many requests; wait a moment and try again"))

    # -- the JSON API (design 5.6) ----------------------------------------------------------------
    def seat_for(request: Request, room_code: str, member: str) -> str:
        here = client(request)
        return room.join(room_code, member, here, one_per_client=not _loopback(here))

    async def api_join(request: Request) -> Response:
        limit(joins, client(request))
        b = await json_body(request, JoinBody)
        seat = seat_for(request, b.room, b.member)
        publish()
        return JSONResponse({"seat": seat})

    async def api_vote(request: Request) -> Response:
        token = bearer(request)
        member = room.seat_of(token)
        if member is None:
            raise ClassroomError.of(403, N_("not a seat of this room; join first"))
        limit(votes, f"{client(request)}|{member}")
        b = await json_body(request, VoteBody)
        room.vote(member, b.position, b.item)
        publish()
        return JSONResponse({"member": member, "position": b.position})

    async def api_state(request: Request) -> Response:
        return Response(hub.payload, media_type="application/json")

    async def api_next(request: Request) -> Response:
        teacher_api(request)
        room.next()
        publish()
        return Response(hub.payload, media_type="application/json")

    async def api_close(request: Request) -> Response:
        teacher_api(request)
        room.close()
        publish()
        return Response(hub.payload, media_type="application/json")

    async def api_rules(request: Request) -> Response:
        teacher_api(request)
        b = await json_body(request, RulesBody)
        room.set_rules(b.model_dump(exclude_unset=True))
        publish()
        return Response(hub.payload, media_type="application/json")

    async def api_free(request: Request) -> Response:
        teacher_api(request)
        b = await json_body(request, SeatBody)
        room.free(b.member)
        publish()
        return Response(hub.payload, media_type="application/json")

    async def api_export(request: Request) -> Response:
        teacher_api(request)
        return _yaml(room)

    async def api_report(request: Request) -> Response:
        teacher_api(request)
        return _report(room)

    async def events(request: Request) -> Response:
        here = client(request)
        if hub.streams >= MAX_STREAMS:
            raise ClassroomError.of(503, N_("too many live connections; reload later"))
        if not _loopback(here) and hub.by_client.get(here, 0) >= STREAMS_PER_CLIENT:
            raise ClassroomError.of(429, N_("too many live pages open on this device; close some"))
        return StreamingResponse(
            hub.stream(here),
            media_type="text/event-stream",
            headers={"x-accel-buffering": "no"},
        )

    # -- pages ----------------------------------------------------------------------------------
    async def home(request: Request) -> Response:
        return RedirectResponse("/board", 303)

    async def board(request: Request) -> Response:
        return page("board.html", join_url=f"{_origin(request)}/join?room={room.code}")

    async def join_page(request: Request) -> Response:
        code = request.query_params.get("room", "")
        if code:
            limit(joins, client(request))  # trying codes counts as joining
        known = room.check_code(code)
        return page(
            "join.html",
            status=200 if known or not code else 404,
            room_given=code,
            room_ok=known,
            key=room.form_key("join"),
        )

    async def join_post(request: Request) -> Response:
        limit(joins, client(request))
        fields = await form(request, "join")
        held = room.seat_of(request.cookies.get(SEAT_COOKIE, ""))
        if held is not None:
            raise ClassroomError.of(
                409,
                N_("this browser already holds the seat of {member}; leave it on its page first"),
                member=held,
            )
        seat = seat_for(request, fields.get("room", ""), fields.get("member", ""))
        publish()
        resp = RedirectResponse("/seat", 303)
        _cookie(resp, SEAT_COOKIE, seat)
        return resp

    async def seat_page(request: Request) -> Response:
        member = room.seat_of(request.cookies.get(SEAT_COOKIE, ""))
        if member is None:
            return RedirectResponse(f"/join?room={room.code}", 303)
        return page("seat.html", member=member, key=room.form_key(f"seat:{member}"))

    async def seat_vote(request: Request) -> Response:
        member = room.seat_of(request.cookies.get(SEAT_COOKIE, ""))
        if member is None:
            raise ClassroomError.of(403, N_("not a seat of this room; join first"))
        limit(votes, f"{client(request)}|{member}")
        fields = await form(request, f"seat:{member}")
        room.vote(member, fields.get("position", ""), fields.get("item") or None)
        publish()
        return RedirectResponse("/seat", 303)

    async def seat_leave(request: Request) -> Response:
        member = room.seat_of(request.cookies.get(SEAT_COOKIE, ""))
        if member is None:
            return RedirectResponse(f"/join?room={room.code}", 303)
        await form(request, f"seat:{member}")
        room.free(member)
        publish()
        resp = RedirectResponse(f"/join?room={room.code}", 303)
        resp.delete_cookie(SEAT_COOKIE, path="/")
        return resp

    async def teacher_page(request: Request) -> Response:
        given = request.query_params.get("token")
        if given is not None:
            if not room.is_teacher(given):
                raise ClassroomError.of(
                    403, N_("not the teacher's link; use the one the server printed")
                )
            resp = RedirectResponse("/teacher", 303)  # the token leaves the address bar
            _cookie(resp, TEACHER_COOKIE, given)
            return resp
        if not room.is_teacher(request.cookies.get(TEACHER_COOKIE, "")):
            raise ClassroomError.of(401, N_("open the teacher's link the server printed"))
        return page(
            "teacher.html",
            key=room.form_key("teacher"),
            join_url=f"{_origin(request)}/join?room={room.code}",
        )

    async def teacher_post(request: Request) -> Response:
        if not room.is_teacher(request.cookies.get(TEACHER_COOKIE, "")):
            raise ClassroomError.of(401, N_("open the teacher's link the server printed"))
        fields = await form(request, "teacher")
        action = request.path_params["action"]
        if action == "next":
            room.next()
        elif action == "close":
            room.close()
        elif action == "free":
            room.free(fields.get("member", ""))
        elif action == "rules":
            now = room.rules_now()  # the form sends every reading: keep those it changes
            room.set_rules(
                {k: v for k, v in fields.items() if k in SWITCHABLE and v != show_value(now.get(k))}
            )
        else:
            raise ClassroomError.of(
                404,
                N_("no action {action}; allowed: next, close, rules, free"),
                action=repr(action),
            )
        publish()
        return RedirectResponse("/teacher", 303)

    async def teacher_download(request: Request) -> Response:
        if not room.is_teacher(request.cookies.get(TEACHER_COOKIE, "")):
            raise ClassroomError.of(401, N_("open the teacher's link the server printed"))
        return _yaml(room) if request.path_params["what"] == "yaml" else _report(room)

    # -- errors ---------------------------------------------------------------------------------
    def error(request: Request, status: int, message: str, shown: str | None = None) -> Response:
        """JSON (in English) for the API; a page in the room's language for a person."""
        if request.url.path.startswith("/api/") or request.url.path == "/events":
            return JSONResponse({"error": message}, status_code=status)
        return page("error.html", status=status, message=shown or message)

    def said(exc: ClassroomError) -> str:
        with using(lang):
            return _(exc.template).format(**exc.params)

    async def on_room_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ClassroomError)
        resp = error(request, exc.status or 400, exc.message, said(exc))
        if exc.status == 429:
            resp.headers["retry-after"] = "1"
        return resp

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return error(request, exc.status_code, str(exc.detail).lower())

    async def on_any_error(request: Request, exc: Exception) -> Response:
        return JSONResponse({"error": "the server failed on this request"}, status_code=500)

    routes = [
        Route("/", home),
        Route("/board", board),
        Route("/join", join_page, methods=["GET"]),
        Route("/join", join_post, methods=["POST"]),
        Route("/seat", seat_page, methods=["GET"]),
        Route("/seat/vote", seat_vote, methods=["POST"]),
        Route("/seat/leave", seat_leave, methods=["POST"]),
        Route("/teacher", teacher_page, methods=["GET"]),
        Route("/teacher/{action}", teacher_post, methods=["POST"]),
        Route("/teacher/export.{what:str}", teacher_download, methods=["GET"]),
        Route("/events", events),
        Route("/api/join", api_join, methods=["POST"]),
        Route("/api/vote", api_vote, methods=["POST"]),
        Route("/api/state", api_state, methods=["GET"]),
        Route("/api/teacher/next", api_next, methods=["POST"]),
        Route("/api/teacher/close", api_close, methods=["POST"]),
        Route("/api/teacher/rules", api_rules, methods=["POST"]),
        Route("/api/teacher/free", api_free, methods=["POST"]),
        Route("/api/teacher/export", api_export, methods=["GET"]),
        Route("/api/teacher/report", api_report, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={
            ClassroomError: on_room_error,
            HTTPException: on_http_error,
            Exception: on_any_error,
        },
    )
    app.state.hub = hub
    app.state.room = room
    return app


def _loopback(address: str) -> bool:
    """Whether a client address is this machine's own (one laptop: every student on it)."""
    return address in ("127.0.0.1", "::1") or address.startswith("127.")


def _origin(request: Request) -> str:
    host = request.headers.get("host", "")
    return f"{request.url.scheme}://{host}"


def _cookie(resp: Response, name: str, value: str) -> None:
    resp.set_cookie(name, value, httponly=True, samesite="strict", path="/")


def _yaml(room: Room) -> Response:
    return PlainTextResponse(
        room.export_yaml(),
        media_type="application/yaml",
        headers={"content-disposition": f'attachment; filename="classroom-{room.code}.yaml"'},
    )


def _report(room: Room) -> Response:
    from cstosim.report.html import to_html
    from cstosim.whatif.compare import readings

    run = room.run()
    html = to_html(run, (), readings(run.plan, run.seed))
    return HTMLResponse(
        html,
        headers={
            "content-security-policy": _REPORT_CSP,
            "content-disposition": f'attachment; filename="classroom-{room.code}.html"',
        },
    )
