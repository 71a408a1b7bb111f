"""The contracts' §5 retry schedule, as ``gateway.delivery.retry`` computes it (pure: the clock is passed in)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from gateway.delivery.retry import RetryPolicy, Verdict, next_attempt, retry_after, verdict

T0 = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


def schedule(policy: RetryPolicy) -> list[timedelta]:
    """Offsets from the first attempt of every attempt made while the receiver keeps failing."""
    at, attempts, offsets = T0, 1, [timedelta(0)]
    while (following := next_attempt(policy, attempts_made=attempts, first_attempt=T0, now=at, asked=None)) is not None:
        at, attempts = following, attempts + 1
        offsets.append(at - T0)
    return offsets


def test_retries_start_at_30_s_double_to_60_min_and_end_with_an_attempt_at_24_h() -> None:
    offsets = schedule(RetryPolicy())
    minutes = [o.total_seconds() / 60 for o in offsets[:9]]
    assert minutes == [0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5, 123.5]  # waits 30 s, 1, 2, 4, 8, 16, 32, 60 min
    gaps = {b - a for a, b in pairwise(offsets[7:-1])}
    assert gaps == {timedelta(minutes=60)}
    assert offsets[-1] == timedelta(hours=24)  # «until 24 h have passed»: the last one at the window's end
    assert offsets[-2] < timedelta(hours=24)


def test_retry_after_is_honoured_up_to_the_maximum_delay() -> None:
    policy = RetryPolicy()
    asked = next_attempt(policy, attempts_made=1, first_attempt=T0, now=T0, asked=timedelta(minutes=5))
    assert asked == T0 + timedelta(minutes=5)
    capped = next_attempt(policy, attempts_made=1, first_attempt=T0, now=T0, asked=timedelta(hours=3))
    assert capped == T0 + timedelta(minutes=60)
    shorter = next_attempt(policy, attempts_made=5, first_attempt=T0, now=T0, asked=timedelta(seconds=1))
    assert shorter == T0 + timedelta(minutes=8)  # a shorter Retry-After never hurries the schedule


@pytest.mark.parametrize(
    ("status", "expected"),
    [(200, Verdict.DELIVERED), (204, Verdict.DELIVERED), (None, Verdict.RETRY), (408, Verdict.RETRY),
     (429, Verdict.RETRY), (503, Verdict.RETRY), (400, Verdict.DEAD), (404, Verdict.DEAD), (301, Verdict.DEAD)],
)  # fmt: skip
def test_what_is_retried(status: int | None, expected: Verdict) -> None:
    assert verdict(status) is expected


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("120", now=T0) == timedelta(seconds=120)
    assert retry_after("Mon, 03 Mar 2025 10:02:00 GMT", now=T0) == timedelta(minutes=2)
    assert retry_after("soon", now=T0) is None
