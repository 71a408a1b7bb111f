"""Deadline timers: durable in the database, fired exactly once (in-process or via Redis)."""
