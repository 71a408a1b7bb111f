"""Structured logs: one JSON object per line on stderr.

Privacy rule: log records carry route templates, statuses, resource types, ids we generated and
timings — never message bodies, query strings or personal identity numbers. ``redact`` is a last
line of defence that masks anything shaped like a personnummer in free text.
"""

from __future__ import annotations

import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

# 12 or 10 digits with optional separator: personnummer / samordningsnummer shapes.
_PERSON_NUMBER = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+]?\d{4}(?!\d)")
_RESERVED = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "color_message"}


def _could_be_a_person(date_part: str) -> bool:
    """(CC)YYMMDD with a real month and a day of 01–31, or 61–91 (samordningsnummer). Numbers that fail
    this — HSA-ids such as SE2120000142, organisationsnummer (month ≥ 20) — are not personal and stay
    readable; everything that could be a person's number is masked."""
    if len(date_part) == 8 and date_part[:2] not in ("18", "19", "20"):
        return False
    month, day = int(date_part[-4:-2]), int(date_part[-2:])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def redact(text: str) -> str:
    return _PERSON_NUMBER.sub(lambda m: "[redacted]" if _could_be_a_person(m.group(1)) else m.group(0), text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = redact(value) if isinstance(value, str) else value
        if record.exc_info and record.exc_info[0] is not None:
            # Type only: exception messages can quote input.
            entry["error_type"] = record.exc_info[0].__name__
        return orjson.dumps(entry, default=str).decode()


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # uvicorn's access log prints raw paths with query strings (which may hold identifiers).
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
