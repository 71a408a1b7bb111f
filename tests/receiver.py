"""A real local webhook receiver (uvicorn on a free loopback port) that records what it gets and
answers what the test tells it to."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    port: int
    secret: bytes
    received: list[Received] = field(default_factory=list)
    answers: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)  # path → queued answers
    delays: dict[str, float] = field(default_factory=dict)  # path → seconds to wait before answering

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, path: str, *statuses: int, headers: dict[str, str] | None = None) -> None:
        self.answers.setdefault(path, []).extend((s, headers or {}) for s in statuses)

    def verify(self, item: Received, header: str) -> bool:
        expected = "sha256=" + hmac.new(self.secret, item.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(item.headers.get(header.lower(), ""), expected)

    async def handle(self, request: Request) -> Response:
        item = Received(request.url.path, {k.lower(): v for k, v in request.headers.items()}, await request.body())
        self.received.append(item)
        if item.path in self.delays:
            await asyncio.sleep(self.delays[item.path])  # a slow receiver
        queued = self.answers.get(item.path)
        status, headers = queued.pop(0) if queued else (200, {})
        return Response(status_code=status, headers=headers)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@asynccontextmanager
async def running_receiver(secret: bytes, port: int | None = None) -> AsyncIterator[Receiver]:
    receiver = Receiver(port or free_port(), secret)
    app = Starlette(routes=[Route("/{path:path}", receiver.handle, methods=["POST"])])
    config = uvicorn.Config(app, host="127.0.0.1", port=receiver.port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(1000):  # up to 10 s
        if server.started:
            break
        await asyncio.sleep(0.01)
    try:
        yield receiver
    finally:
        server.should_exit = True
        await task
