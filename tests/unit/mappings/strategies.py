"""Hypothesis strategies for neutral events whose values FHIR can carry (fictitious data only).

Driven by the event model's type hints, with the constraints of the contracts and of FHIR: non-empty
strings without control characters, UUID message and case ids, distinct units per HSA-id, fixed-offset
instants, positive counts, and a reserve number always with its issuer (an issuer-less one reads back as the
national reserve number, see docs/mappings/README.md).
"""

from __future__ import annotations

import base64
import dataclasses
import types
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from hypothesis import strategies as st

from discharge.codes import IdentifierKind
from discharge.event_base import DischargeEvent
from discharge.parties import Attachment, PersonIdentifier, Unit

_ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=2)), timezone(-timedelta(hours=5))]
)
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
UUIDS = st.uuids().map(str)
_RESERVE_ISSUERS = st.sampled_from(["1.2.752.74.9.1", "1.2.752.97.3.1.3", "1.2.752.74.9.2", "1.2.752.129.2.1.3.2"])
_ID_FIELDS = {
    "message_id",
    "case_id",
    "acknowledged_message_id",
    "revoked_message_id",
    "in_response_to",
}


def _identifier() -> st.SearchStrategy[PersonIdentifier]:
    digits = st.text(alphabet="0123456789", min_size=12, max_size=12)
    national = st.builds(
        PersonIdentifier,
        kind=st.sampled_from([IdentifierKind.PERSONNUMMER, IdentifierKind.SAMORDNINGSNUMMER]),
        value=digits,
    )
    reserve = st.builds(
        PersonIdentifier, kind=st.just(IdentifierKind.RESERVNUMMER), value=TEXT, issuer=_RESERVE_ISSUERS
    )
    return national | reserve


_ATTACHMENT = st.builds(
    Attachment,
    file_name=TEXT,
    content_type=st.sampled_from(["application/pdf", "text/plain", "image/png"]),
    data=st.binary(min_size=1, max_size=12).map(lambda b: base64.b64encode(b).decode()),
)


def strategy_for(hint: Any, name: str = "") -> st.SearchStrategy[Any]:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [arm for arm in get_args(hint) if arm is not type(None)]
        return st.none() | strategy_for(inner, name)
    if origin is tuple:
        return st.lists(strategy_for(get_args(hint)[0], name), max_size=2).map(tuple)
    if origin is frozenset:
        return st.frozensets(strategy_for(get_args(hint)[0], name), max_size=3)
    if name in _ID_FIELDS:
        return UUIDS
    special = {datetime: _DATETIMES, date: _DATES, PersonIdentifier: _identifier(), Attachment: _ATTACHMENT}
    if hint in special:
        return special[hint]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    return {bool: st.booleans(), int: st.integers(min_value=1, max_value=500), str: TEXT}[hint]


_DATETIMES = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=_ZONES)
_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))


def _dataclass(cls: Any, **overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    hints = get_type_hints(cls)
    fields = {
        f.name: overrides[f.name] if f.name in overrides else strategy_for(hints[f.name], f.name)
        for f in dataclasses.fields(cls)
    }
    return st.builds(cls, **fields)


def _units() -> st.SearchStrategy[list[Unit]]:
    return st.lists(_dataclass(Unit), min_size=1, max_size=4, unique_by=lambda u: u.hsa_id)


@cache
def events(cls: type[DischargeEvent]) -> st.SearchStrategy[DischargeEvent]:
    """Events of ``cls``: the sender and recipients are distinct units."""
    return st.tuples(_dataclass(cls), _units()).map(
        lambda drawn: dataclasses.replace(drawn[0], sender=drawn[1][0], recipients=tuple(drawn[1][1:]))
    )
