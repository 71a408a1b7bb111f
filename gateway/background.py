"""``BackgroundLoop``: the one shape of every background task in the gateway (deadline scheduler,
delivery worker, subscription monitor).

A round runs; when it reports more work the next round starts at once, otherwise the loop sleeps
until ``wake()`` or the interval. A failing round is logged by error type only (messages can quote
input) and the next round retries: the work it left stays pending in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable


class BackgroundLoop:
    def __init__(
        self, name: str, run_round: Callable[[], Awaitable[bool]], *, interval_s: float, log: logging.Logger
    ) -> None:
        self._name = name
        self._run_round = run_round
        self._interval_s = interval_s
        self._log = log
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    async def _run(self) -> None:
        while True:
            try:
                if await self._run_round():
                    continue
            except Exception as exc:  # keep the loop alive; the next round retries
                self._log.error(f"{self._name} round failed", extra={"error_type": type(exc).__name__})
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval_s)

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=self._name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
