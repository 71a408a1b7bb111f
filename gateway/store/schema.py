"""Schema migrations, applied in order at start-up under the database's write lock.

Each migration has one statement list per dialect; the applied versions are recorded in
``schema_migrations``. Append new migrations; never edit an applied one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.store.db import Connection, Database, Dialect

_MIGRATION_LOCK = "schema-migrations"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]


def _index_tables() -> tuple[str, ...]:
    return (
        "CREATE TABLE idx_token (res_type TEXT NOT NULL, res_id TEXT NOT NULL, param TEXT NOT NULL,"
        " system TEXT, code TEXT NOT NULL)",
        "CREATE INDEX idx_token_lookup ON idx_token (res_type, param, code, system)",
        "CREATE INDEX idx_token_owner ON idx_token (res_type, res_id)",
        "CREATE TABLE idx_string (res_type TEXT NOT NULL, res_id TEXT NOT NULL, param TEXT NOT NULL,"
        " norm TEXT NOT NULL, exact TEXT NOT NULL)",
        "CREATE INDEX idx_string_lookup ON idx_string (res_type, param, norm)",
        "CREATE INDEX idx_string_owner ON idx_string (res_type, res_id)",
        "CREATE TABLE idx_reference (res_type TEXT NOT NULL, res_id TEXT NOT NULL, param TEXT NOT NULL,"
        " target_type TEXT, target_id TEXT, url TEXT NOT NULL)",
        "CREATE INDEX idx_reference_lookup ON idx_reference (res_type, param, target_id, target_type)",
        "CREATE INDEX idx_reference_target ON idx_reference (target_type, target_id)",
        "CREATE INDEX idx_reference_owner ON idx_reference (res_type, res_id)",
        "CREATE TABLE idx_date (res_type TEXT NOT NULL, res_id TEXT NOT NULL, param TEXT NOT NULL,"
        " start_us BIGINT NOT NULL, end_us BIGINT NOT NULL)",
        "CREATE INDEX idx_date_lookup ON idx_date (res_type, param, start_us, end_us)",
        "CREATE INDEX idx_date_owner ON idx_date (res_type, res_id)",
    )


def _resource_tables(seq_column: str) -> tuple[str, ...]:
    return (
        "CREATE TABLE resource_versions ("
        f" seq {seq_column},"
        " res_type TEXT NOT NULL, res_id TEXT NOT NULL, version_id INTEGER NOT NULL,"
        " last_updated_us BIGINT NOT NULL, deleted SMALLINT NOT NULL, method TEXT NOT NULL, content TEXT,"
        " UNIQUE (res_type, res_id, version_id))",
        "CREATE INDEX resource_versions_type ON resource_versions (res_type, last_updated_us)",
        "CREATE INDEX resource_versions_time ON resource_versions (last_updated_us)",
        "CREATE TABLE resources ("
        " res_type TEXT NOT NULL, res_id TEXT NOT NULL, version_id INTEGER NOT NULL, seq BIGINT NOT NULL,"
        " last_updated_us BIGINT NOT NULL, deleted SMALLINT NOT NULL, method TEXT NOT NULL, content TEXT,"
        " PRIMARY KEY (res_type, res_id))",
        "CREATE INDEX resources_type_updated ON resources (res_type, deleted, last_updated_us)",
        "CREATE INDEX resources_type_seq ON resources (res_type, deleted, seq)",
    )


def _process_tables(seq_column: str) -> tuple[str, ...]:
    return (
        # The discharge case: current state as JSON, and the events that made it (event-sourced).
        "CREATE TABLE cases (case_id TEXT PRIMARY KEY, version INTEGER NOT NULL, region TEXT NOT NULL,"
        " state TEXT NOT NULL, updated_us BIGINT NOT NULL, content TEXT NOT NULL)",
        "CREATE INDEX cases_region ON cases (region, updated_us)",
        f"CREATE TABLE case_events (seq {seq_column}, case_id TEXT NOT NULL, message_id TEXT NOT NULL,"
        " event_type TEXT NOT NULL, occurred_us BIGINT NOT NULL, recorded_us BIGINT NOT NULL, content TEXT NOT NULL,"
        " UNIQUE (message_id))",
        "CREATE INDEX case_events_case ON case_events (case_id, seq)",
        # Deadline timers: the durable record; Redis (when configured) only distributes the wake-ups.
        "CREATE TABLE deadline_timers (timer_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, due_us BIGINT NOT NULL,"
        " state TEXT NOT NULL, payload TEXT NOT NULL, fired_us BIGINT)",
        "CREATE INDEX deadline_timers_due ON deadline_timers (state, due_us)",
        "CREATE INDEX deadline_timers_case ON deadline_timers (case_id)",
    )


def _outbox_tables(seq_column: str) -> tuple[str, ...]:
    return (
        # One row per (message, receiving endpoint), written in the transaction that accepted the message.
        f"CREATE TABLE outbox (seq {seq_column}, delivery_id TEXT NOT NULL UNIQUE, endpoint_id TEXT NOT NULL,"
        " receiver TEXT NOT NULL, case_id TEXT NOT NULL, message_id TEXT NOT NULL, source_message_id TEXT NOT NULL,"
        " format TEXT NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL,"
        " attempts INTEGER NOT NULL, created_us BIGINT NOT NULL, next_attempt_us BIGINT NOT NULL,"
        " first_attempt_us BIGINT, lease_until_us BIGINT, delivered_us BIGINT, last_status INTEGER, last_error TEXT)",
        "CREATE INDEX outbox_due ON outbox (state, next_attempt_us)",
        "CREATE INDEX outbox_order ON outbox (endpoint_id, case_id, seq)",
        "CREATE INDEX outbox_source ON outbox (source_message_id)",
    )


def _ledger_tables() -> tuple[str, ...]:
    return (
        "CREATE TABLE inbound_messages (channel TEXT NOT NULL, message_id TEXT NOT NULL, fingerprint TEXT NOT NULL,"
        " status INTEGER NOT NULL, answer TEXT NOT NULL, received_us BIGINT NOT NULL, case_id TEXT,"
        " PRIMARY KEY (channel, message_id))",
        "CREATE INDEX inbound_messages_received ON inbound_messages (received_us)",
    )


def _subscription_tables() -> tuple[str, ...]:
    return (
        # The numbered events of each topic-based Subscription (event-number, $status and $events).
        "CREATE TABLE subscription_events (subscription_id TEXT NOT NULL, event_number BIGINT NOT NULL,"
        " occurred_us BIGINT NOT NULL, event_type TEXT NOT NULL, focus TEXT NOT NULL, focus_version INTEGER,"
        " message_id TEXT NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (subscription_id, event_number),"
        " UNIQUE (subscription_id, message_id))",
        # When a Subscription's channel last got something (handshake or enqueued notification): heartbeats.
        "CREATE TABLE subscription_channels (subscription_id TEXT PRIMARY KEY, last_sent_us BIGINT NOT NULL)",
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "resources, versions and search index",
        sqlite=_resource_tables("INTEGER PRIMARY KEY AUTOINCREMENT") + _index_tables(),
        postgresql=_resource_tables("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY") + _index_tables(),
    ),
    Migration(
        2,
        "discharge cases, their events and deadline timers",
        sqlite=_process_tables("INTEGER PRIMARY KEY AUTOINCREMENT"),
        postgresql=_process_tables("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
    ),
    Migration(
        3,
        "inbound message ledger (idempotency: the first answer per channel and message id)",
        sqlite=_ledger_tables(),
        postgresql=_ledger_tables(),
    ),
    Migration(
        4,
        "transactional outbox (one row per message and receiving endpoint)",
        sqlite=_outbox_tables("INTEGER PRIMARY KEY AUTOINCREMENT"),
        postgresql=_outbox_tables("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
    ),
    Migration(
        5,
        "the ledger keeps each accepted message as received",
        sqlite=("ALTER TABLE inbound_messages ADD COLUMN content TEXT",),
        postgresql=("ALTER TABLE inbound_messages ADD COLUMN content TEXT",),
    ),
    Migration(
        6,
        "topic-based Subscriptions: numbered events and channel state",
        sqlite=_subscription_tables(),
        postgresql=_subscription_tables(),
    ),
)


def tables(dialect: Dialect = "sqlite") -> tuple[str, ...]:
    """Every table the migrations create (tests empty them between cases)."""
    names = []
    for migration in MIGRATIONS:
        for statement in _statements(migration, dialect):
            match = re.match(r"CREATE TABLE (\w+)", statement)
            if match:
                names.append(match.group(1))
    return tuple(names)


def _statements(migration: Migration, dialect: Dialect) -> tuple[str, ...]:
    return migration.sqlite if dialect == "sqlite" else migration.postgresql


async def _applied(conn: Connection) -> set[int]:
    await conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    return {int(row[0]) for row in await conn.fetch("SELECT version FROM schema_migrations")}


async def migrate(db: Database) -> list[int]:
    """Apply pending migrations; returns the versions applied now. Safe with concurrent starters."""
    async with db.writer() as conn:
        await conn.advisory_lock(_MIGRATION_LOCK)
        done = await _applied(conn)
        applied = []
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            for statement in _statements(migration, db.dialect):
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
            applied.append(migration.version)
        return applied
