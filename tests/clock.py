"""A clock the tests set by hand: the gateway takes ``now`` from a callable, so time is an input."""

from __future__ import annotations

from datetime import datetime


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
