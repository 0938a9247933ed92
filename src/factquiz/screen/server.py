"""The web server of the audience screen and the phone buzzers (Starlette on uvicorn, in a thread).

Starlette + uvicorn: both well kept, small, asyncio-native; Starlette has a
test client, and server-sent events are a plain streaming response (no
websocket library needed). They are imported only when ``--screen`` or
``--buzzers`` is given, so the rest of factquiz does not pay for them.

Routes (all read-only but the buzz):
  GET  /                the audience screen (大屏)
  GET  /state           its data (JSON)      GET /events  the same, pushed (SSE)
  GET  /t/TOKEN         a team's phone page  GET /t/TOKEN/state, /t/TOKEN/events
  POST /t/TOKEN/buzz    a press of its button
Every page is a template in templates/screen/, with its script and styles
inline and a Content-Security-Policy that forbids loading anything else.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from typing import Any

from factquiz.errors import InputError, Location
from factquiz.resources import templates_dir
from factquiz.screen.stage import Stage

# Pages load nothing from elsewhere: no CDN, no fonts from the web (the system's are used).
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _templates():
    from jinja2 import FileSystemLoader, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir() / "screen")),
        autoescape=select_autoescape(["html", "j2"]),
    )


def make_app(stage: Stage):
    """The Starlette app serving ``stage``."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    env = _templates()

    def json_reply(data: dict[str, Any], status: int = 200) -> Response:
        return JSONResponse(data, status_code=status, headers=HEADERS)

    def page(name: str, **values: Any) -> Response:
        html = env.get_template(name).render(**values)
        return HTMLResponse(html, headers=HEADERS)

    def team_of(request: Request) -> int:
        token = request.path_params["token"]
        if stage.desk is None:
            raise HTTPException(404, "本场比赛没有开启手机抢答")
        team = stage.desk.team_of(token)
        if team is None:
            raise HTTPException(403, "选手码无效：请扫描本队的二维码")
        return team

    def stream(view) -> Response:
        async def body():
            yield "retry: 1000\n\n"  # the page's EventSource reconnects after a second
            last = None
            async for _ in stage.changes():
                data = json.dumps(view(), ensure_ascii=False, separators=(",", ":"))
                yield f"data: {data}\n\n" if data != last else ": still here\n\n"
                last = data

        headers = {**HEADERS, "X-Accel-Buffering": "no"}
        return StreamingResponse(body(), media_type="text/event-stream", headers=headers)

    async def audience_page(request: Request) -> Response:
        return page("audience.html.j2", title=stage.state.game.config.title,
                    initial=stage.audience())  # fmt: skip

    async def audience_state(request: Request) -> Response:
        return json_reply(stage.audience())

    async def audience_events(request: Request) -> Response:
        return stream(stage.audience)

    async def phone_page(request: Request) -> Response:
        team = team_of(request)
        return page("phone.html.j2", title=stage.state.game.config.title,
                    initial=stage.phone(team), token=request.path_params["token"])  # fmt: skip

    async def phone_state(request: Request) -> Response:
        return json_reply(stage.phone(team_of(request)))

    async def phone_events(request: Request) -> Response:
        team = team_of(request)
        return stream(lambda: stage.phone(team))

    async def buzz(request: Request) -> Response:
        client = request.client.host if request.client else "?"
        status, reply = stage.press(request.path_params["token"], client)
        return json_reply(reply, status)

    async def http_error(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 400)
        detail = getattr(exc, "detail", "") or "请求无效"
        return json_reply({"error": detail}, code)

    async def server_error(request: Request, exc: Exception) -> Response:
        logging.getLogger("factquiz.screen").exception("request failed")
        return json_reply({"error": "服务器内部错误"}, 500)

    routes = [
        Route("/", audience_page),
        Route("/state", audience_state),
        Route("/events", audience_events),
        Route("/t/{token}", phone_page),
        Route("/t/{token}/state", phone_state),
        Route("/t/{token}/events", phone_events),
        Route("/t/{token}/buzz", buzz, methods=["POST"]),
    ]
    return Starlette(
        routes=routes, exception_handlers={HTTPException: http_error, Exception: server_error}
    )


def lan_address() -> str:
    """This machine's address on the local network, for the phones (no packet is sent)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = info[4][0]
        if not address.startswith("127."):
            return address
    return "127.0.0.1"


class ScreenServer:
    """uvicorn serving a Stage from a thread of its own, so the console's keys never wait for it."""

    def __init__(self, stage: Stage, listen: str = "127.0.0.1", port: int = 8765):
        self.stage = stage
        self.listen = listen
        self.port = port
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = lan_address() if self.listen in ("0.0.0.0", "") else self.listen
        return f"http://{host}:{self.port}/"

    def start(self) -> str:
        """Bind (raising InputError when the port is taken) and serve; return the screen's address."""
        import uvicorn

        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.listen, self.port))
            sock.listen(128)
        except OSError as exc:
            raise InputError(
                f"cannot serve the screen on {self.listen}:{self.port} ({exc.strerror}); choose another --port",
                Location("--port"),
            ) from None
        self.port = sock.getsockname()[1]
        quiet = logging.getLogger("uvicorn")
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False  # nothing on the console's terminal while Textual draws it
        config = uvicorn.Config(make_app(self.stage), log_config=None, access_log=False,
                                lifespan="off", timeout_graceful_shutdown=1, ws="none")  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="factquiz-screen", daemon=True
        )
        self._thread.start()
        self.stage.url = self.url
        return self.url

    def stop(self) -> None:
        self.stage.close()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
