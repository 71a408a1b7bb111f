"""Lifecare SP–style contract codec (shared/contracts/lifecare-sp-style.md) <-> neutral events.

Pure: no I/O, no clock. The public API::

    codec.parse(body, *, received_at) -> Parsed | Rejected        §7 validation, typed message or every error
    codec.to_event(message) -> DischargeEvent                       one event per meddelandetyp
    codec.from_event(event, *, message_id) -> dict                  outbound message (render: exact bytes)
    codec.unrepresented_fields(event) -> tuple[str, ...]            event fields the outbound message drops
    codec.delivered_message_id(original_id, meddelandetyp, *, same_format)   §5 ids
    ack.accepted_kvittens / rejected_kvittens / replayed_kvittens / http_status      §1, §2
    idempotency.content_fingerprint(body)                           §3 content equality
    transport.check_media_type / check_body_size / check_sender    §1 transport checks
    json_schema.json_schema() / load_published_schema()             JSON Schema (draft 2020-12)
"""
