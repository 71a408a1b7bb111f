"""Outbound delivery: the transactional outbox, webhook workers, retries and dead letters."""
