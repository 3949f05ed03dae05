"""``cstosim classroom``: open (or resume) a room and serve it with uvicorn until SIGINT or
SIGTERM (design 5.6)."""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path
from typing import TextIO

from cstosim.errors import ClassroomError
from cstosim.i18n import _
from cstosim.vocabulary import Lang

__all__ = ["serve"]

_EXTRA = "pip install 'cstosim[classroom]'  (from a clone: pip install -e '.[classroom]')"


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, or a ClassroomError saying what to change."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise ClassroomError(
            _("no such host {host}; give an address such as 127.0.0.1").format(host=repr(host))
        ) from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as e:
        sock.close()
        raise ClassroomError(
            _("cannot listen on {host}:{port} ({reason}); give another --port").format(
                host=host, port=port, reason=e.strerror
            )
        ) from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _shown_host(host: str) -> str:
    """The address students type: this machine's on the network when serving every address
    (the route a UDP socket would take; connecting it sends nothing)."""
    address = host
    if host in ("0.0.0.0", "::"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect(("192.0.2.1", 9))  # TEST-NET-1: any routable address does
                found = str(probe.getsockname()[0])
            address = host if found.startswith("127.") else found
        except OSError:
            pass
    return f"[{address}]" if ":" in address else address


def serve(
    scenario: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    db: Path = Path("classroom.sqlite"),
    lang: Lang = Lang.EN,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Serve a class session over ``scenario`` until SIGINT or SIGTERM; the room lives in
    ``db`` and resumes from it. Prints the teacher's and the students' addresses first."""
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as e:
        raise ClassroomError(
            _("the classroom needs {module}, in its extra: {install}").format(
                module=e.name, install=_EXTRA
            )
        ) from None
    from cstosim.classroom.app import create_app
    from cstosim.classroom.room import open_room

    room = open_room(db, scenario)
    app = create_app(room, lang)
    sock = _bind(host, port)
    shown = _shown_host(host)
    actual = sock.getsockname()[1]
    print(f"teacher: http://{shown}:{actual}/teacher?token={room.token}", file=out)
    print(f"join: http://{shown}:{actual}/join?room={room.code}", file=out)
    out.flush()
    if host not in ("127.0.0.1", "localhost", "::1"):
        warning = _(
            "serving on {host}: anyone on this network can reach the room; keep the teacher's "
            "link to yourself"
        ).format(host=host)
        print("cstosim: " + _("warning: {message}").format(message=warning), file=err)
    config = uvicorn.Config(
        app,
        log_level="warning",
        timeout_graceful_shutdown=1,
        proxy_headers=False,  # no proxy in front: X-Forwarded-For would let a client pose as
        # another and slip the rate limits
        limit_concurrency=4096,  # connections at once, beyond which uvicorn answers 503
        lifespan="off",
        access_log=False,
    )
    server = _Server(config, app.state.hub)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        room.store.close()
    return 0


class _Server:
    """uvicorn's server, ending the live event streams as it stops (they never end alone)."""

    def __init__(self, config: object, hub: object) -> None:
        import uvicorn

        from cstosim.classroom.app import Hub

        assert isinstance(config, uvicorn.Config) and isinstance(hub, Hub)
        hub_ = hub

        class Server(uvicorn.Server):
            def handle_exit(self, sig: int, frame: object) -> None:
                # uvicorn would raise the signal again once stopped (exit status -15); the
                # design asks for exit 0 on SIGINT and SIGTERM, so the signal is not kept.
                if hub_.loop is not None:
                    hub_.loop.call_soon_threadsafe(hub_.shut)
                if self.should_exit and sig == signal.SIGINT:
                    self.force_exit = True
                else:
                    self.should_exit = True

        self._server = Server(config)

    def run(self, sockets: list[socket.socket]) -> None:
        """Serve until a signal stops the server."""
        self._server.run(sockets=sockets)
