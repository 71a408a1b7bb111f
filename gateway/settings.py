"""Settings, read once from the environment at the composition root (never at import time).

| variable | default | meaning |
|---|---|---|
| GATEWAY_DATABASE_URL | sqlite:///./var/gateway.sqlite3 | `sqlite:///path` (embedded) or `postgresql://…` |
| GATEWAY_REDIS_URL | (unset) | Redis for scale-out; unset = in-process |
| GATEWAY_HOST / GATEWAY_PORT | 127.0.0.1 / 8080 | where `gateway serve` listens |
| GATEWAY_BASE_URL | (derived from the request) | public base of the FHIR API, e.g. https://gw.example.se/fhir |
| GATEWAY_MAX_BODY_BYTES | 10485760 (10 MiB) | larger bodies get 413 |
| GATEWAY_MAX_JSON_DEPTH | 64 | deeper JSON gets 400 |
| GATEWAY_DEFAULT_PAGE_SIZE / GATEWAY_MAX_PAGE_SIZE | 50 / 1000 | search paging |
| GATEWAY_TIMEZONE | Europe/Stockholm | zone for dates without offset in search |
| GATEWAY_SQLITE_SYNCHRONOUS | FULL | SQLite durability (FULL survives power loss) |
| GATEWAY_LOG_LEVEL | INFO | |
| GATEWAY_SCHEDULER | on | `off` disables firing deadlines in this instance |
| GATEWAY_SCHEDULER_INTERVAL_S | 1.0 | how often due deadline timers are looked for |
| GATEWAY_REDIS_PREFIX | gateway | prefix of every Redis key of this deployment |
| GATEWAY_DELIVERY | on | `off`: this instance delivers no webhooks (the outbox keeps them) |
| GATEWAY_DIRECTORY_FILE | (unset) | a FHIR Bundle of Organizations/Endpoints loaded into the directory at start |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = "sqlite:///./var/gateway.sqlite3"
    redis_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    base_url: str | None = None
    max_body_bytes: int = 10 * 1024 * 1024
    max_json_depth: int = 64
    default_page_size: int = 50
    max_page_size: int = 1000
    timezone: str = "Europe/Stockholm"
    sqlite_synchronous: str = "FULL"
    log_level: str = "INFO"
    scheduler_enabled: bool = True
    scheduler_interval_s: float = 1.0
    redis_prefix: str = "gateway"
    directory_file: str | None = None
    delivery_enabled: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        def get(name: str, default: str) -> str:
            return env.get(f"GATEWAY_{name}", default)

        defaults = cls()
        return cls(
            database_url=get("DATABASE_URL", defaults.database_url),
            redis_url=env.get("GATEWAY_REDIS_URL") or None,
            host=get("HOST", defaults.host),
            port=int(get("PORT", str(defaults.port))),
            base_url=(env.get("GATEWAY_BASE_URL") or None),
            max_body_bytes=int(get("MAX_BODY_BYTES", str(defaults.max_body_bytes))),
            max_json_depth=int(get("MAX_JSON_DEPTH", str(defaults.max_json_depth))),
            default_page_size=int(get("DEFAULT_PAGE_SIZE", str(defaults.default_page_size))),
            max_page_size=int(get("MAX_PAGE_SIZE", str(defaults.max_page_size))),
            timezone=get("TIMEZONE", defaults.timezone),
            sqlite_synchronous=get("SQLITE_SYNCHRONOUS", defaults.sqlite_synchronous).upper(),
            log_level=get("LOG_LEVEL", defaults.log_level).upper(),
            scheduler_enabled=get("SCHEDULER", "on").lower() not in ("off", "false", "0"),
            scheduler_interval_s=float(get("SCHEDULER_INTERVAL_S", str(defaults.scheduler_interval_s))),
            redis_prefix=get("REDIS_PREFIX", defaults.redis_prefix),
            directory_file=env.get("GATEWAY_DIRECTORY_FILE") or None,
            delivery_enabled=get("DELIVERY", "on").lower() not in ("off", "false", "0"),
        )
