"""The context of one process-driving REST write: the write, the case, ``now``, the author; event envelopes."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from discharge.case import Case
from discharge.event_base import DischargeEvent
from discharge.parties import Unit
from mappings.codes import HSA_ID, resource_id
from mappings.errors import Issue, MappingError
from mappings.fields import Reader
from mappings.paths import find, path
from mappings.spec import EventSpec, Node

__all__ = ["RestContext"]


class RestContext:
    """What a REST-driven event needs besides the write: the case, ``now``, the author; builds envelopes."""

    def __init__(self, old: Node | None, new: Node, case: Case, now: datetime, author: Unit | None) -> None:
        self.old, self.new, self.case, self.now, self.author = old, new, case, now, author
        self.where = str(new.get("resourceType", "Resource"))

    def units(self) -> list[Unit]:
        found: dict[str, Unit] = {}
        for entry in self.case.history:
            for unit in (entry.event.sender, *entry.event.recipients):
                found.setdefault(unit.hsa_id, unit)
        return list(found.values())

    def unit(self, hsa_id: Any, where: str) -> Unit:
        """The case's unit with this HSA-id (the author wins when given)."""
        if self.author is not None:
            return self.author
        match = next((u for u in self.units() if u.hsa_id == hsa_id), None)
        if match is None:
            raise MappingError([Issue("error", "not-found", where, "the sending unit is not a unit of this case")])
        return match

    def sender_at(self, reference: str) -> Unit:
        """The author, else the case's unit that the logical reference at ``reference`` (in ``new``) names."""
        value, where = find(self.new, path(f"{reference}.identifier.value"), self.where)
        system, _ = find(self.new, path(f"{reference}.identifier.system"), self.where)
        return self.unit(value if system == HSA_ID else None, where)

    def others(self, sender: Unit) -> tuple[Unit, ...]:
        return tuple(u for u in self.units() if u.hsa_id != sender.hsa_id)

    def envelope(self, sender: Unit, recipients: tuple[Unit, ...], discriminator: str = "") -> dict[str, Any]:
        if self.case.region is None:
            raise MappingError([Issue("error", "business-rule", self.where, "the case has no region yet")])
        return {
            "message_id": self.message_id(discriminator),
            "case_id": self.case.case_id,
            "sender": sender,
            "recipients": recipients,
            "sent_at": self.now,
            "region": self.case.region,
            "track": self.case.track,
            "care_type": self.case.care_type,
        }

    def message_id(self, discriminator: str) -> str:
        content = {k: v for k, v in self.new.items() if k not in ("meta", "text")}
        digest = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return resource_id("rest", self.where, str(self.new.get("id")), discriminator, digest)

    def decode(self, spec: EventSpec, resource: Node | None = None) -> dict[str, Any]:
        """The event body ``spec`` reads from ``resource`` (default: ``new``)."""
        reader = Reader()
        body = spec.body(resource if resource is not None else self.new, self.where, {}, "MessageHeader", reader)
        reader.check()
        assert body is not None
        return body

    def build(self, spec: EventSpec, envelope: dict[str, Any], body: dict[str, Any]) -> DischargeEvent:
        try:
            return spec.cls(**envelope, **body)
        except (TypeError, ValueError) as exc:
            raise MappingError([Issue("error", "invalid", self.where, str(exc))]) from exc
