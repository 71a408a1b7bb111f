"""The contracts' retry schedule (§5 of both): retry after a timeout, a connection failure, 408,
429 or 5xx — after 30 s, then doubling (1, 2, 4 … min) to at most 60 min, until 24 h have passed
since the first attempt; ``Retry-After`` is honoured up to 60 min; other 4xx are not retried.
Pure: the worker passes the clock in. Configurable per endpoint (``RetryPolicy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum

_RETRYABLE_STATUSES = frozenset({408, 429})


class Verdict(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    DEAD = "dead"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=60)
    give_up_after: timedelta = timedelta(hours=24)
    timeout: timedelta = timedelta(seconds=10)

    def delay(self, attempts_made: int) -> timedelta:
        """Wait before the next attempt after ``attempts_made`` failed ones (30 s, 1 min, 2 min … ≤ 60 min)."""
        doubling: timedelta = self.first_delay * 2 ** min(max(attempts_made - 1, 0), 16)
        return min(doubling, self.max_delay)


def verdict(status: int | None) -> Verdict:
    """``status`` None: timeout or connection failure."""
    if status is not None and 200 <= status < 300:
        return Verdict.DELIVERED
    if status is None or status >= 500 or status in _RETRYABLE_STATUSES:
        return Verdict.RETRY
    return Verdict.DEAD  # any other answer (4xx, or an unexpected 1xx/3xx) will not get better by waiting


def retry_after(value: str | None, *, now: datetime) -> timedelta | None:
    """``Retry-After`` as delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        return max(parsedate_to_datetime(value) - now, timedelta(0))
    except (TypeError, ValueError):
        return None


def next_attempt(
    policy: RetryPolicy, *, attempts_made: int, first_attempt: datetime, now: datetime, asked: timedelta | None
) -> datetime | None:
    """When to try again after a retryable failure; None once the give-up window has passed (dead letter).
    «until 24 h have passed»: when the next slot falls beyond the window, one last attempt is made at its end."""
    deadline = first_attempt + policy.give_up_after
    if now >= deadline:
        return None
    wait = policy.delay(attempts_made)
    if asked is not None:
        wait = min(max(wait, asked), policy.max_delay)  # Retry-After honoured up to the maximum delay
    return min(now + wait, deadline)
