"""Hypothesis strategies for valid typed messages of every §9 type (fictitious people, valid check digits).

Every draw satisfies the member checks and the rules of §7–§9, so ``parse(message_to_bytes(m))`` must give
``m`` back; a rule the strategy forgets shows up as a failing example, not as a filtered one.
"""

from __future__ import annotations

import base64
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from adapters.cosmic_link import envelope as env
from adapters.cosmic_link import vocabulary as v
from adapters.cosmic_link.formats import luhn_ok
from adapters.cosmic_link.municipalities import MUNICIPALITY_CODES
from discharge.calendar import local_date

T = v.MessageTypeName
ANY_SETTING = tuple(v.CareSetting)
NOT_INPATIENT = tuple(s for s in v.CareSetting if s is not v.CareSetting.INPATIENT)
SENDERS: dict[v.MessageTypeName, tuple[v.CareSetting, ...]] = {
    T.ADMISSION_NOTIFICATION: (v.CareSetting.INPATIENT,),
    T.STATUS_BEFORE_ADMISSION: NOT_INPATIENT,
    T.CARE_CONTACT_ASSIGNED: (v.CareSetting.OUTPATIENT,),
    T.ESTIMATED_DISCHARGE_DATE_CHANGED: (v.CareSetting.INPATIENT,),
    T.STATUS_BEFORE_DISCHARGE: (v.CareSetting.INPATIENT,),
    T.LEAVE_PLANNING: (v.CareSetting.INPATIENT,),
    T.COLLABORATION_MEETING_INVITATION: (v.CareSetting.INPATIENT,),
    T.DISCHARGE_READY_NOTIFICATION: (v.CareSetting.INPATIENT,),
    T.DISCHARGE_READY_REVOKED: (v.CareSetting.INPATIENT,),
    T.HOME_ARRIVAL_TIME: tuple(s for s in v.CareSetting if s is not v.CareSetting.OUTPATIENT),
    T.REFERRAL: (v.CareSetting.INPATIENT,),
    T.DISCHARGE_NOTIFICATION: (v.CareSetting.INPATIENT,),
    T.FOLLOW_UP_CONTACT: (v.CareSetting.OUTPATIENT,),
    T.PATIENT_DECEASED: (v.CareSetting.INPATIENT,),
}
RECEIPT_ONLY = (v.AcknowledgedType.ADMISSION_NOTIFICATION, v.AcknowledgedType.DISCHARGE_READY_NOTIFICATION)
VAR_REFERENCE = {
    v.Process.GREEN: v.ReferenceEvent.ESTIMATED_DISCHARGE,
    v.Process.YELLOW: v.ReferenceEvent.ESTIMATED_DISCHARGE,
    v.Process.RED: v.ReferenceEvent.PLANNED_SIP,
    v.Process.PURPLE: v.ReferenceEvent.PLANNED_COLLABORATION_MEETING,
}
RESERVE_LETTERS = "ABCDEFGHJKLMNPRSTUXYZ"


def _text(max_length: int, *, multiline: bool) -> st.SearchStrategy[str]:
    characters = st.characters(exclude_categories=("Cc", "Cs"))
    if multiline:
        characters = characters | st.sampled_from("\t\n\r")
    raw = st.text(characters, min_size=1, max_size=min(max_length, 40))
    return raw.map(lambda s: unicodedata.normalize("NFC", s)).filter(lambda s: bool(s.strip()) and len(s) <= max_length)


def short(max_length: int) -> st.SearchStrategy[str]:
    return _text(max_length, multiline=False)


def text(max_length: int) -> st.SearchStrategy[str]:
    return _text(max_length, multiline=True)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


uuids = st.uuids().filter(lambda u: u.int != 0).map(str) | st.uuids().filter(lambda u: u.int != 0).map(
    lambda u: str(u).upper()
)
phones = st.from_regex(r"\+[0-9]{7,15}", fullmatch=True)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2030, 12, 31), timezones=offsets)
minutes = st.integers(min_value=1, max_value=60 * 24 * 20)


def later(moment: datetime, *, at_least: int = 1) -> st.SearchStrategy[datetime]:
    return st.integers(min_value=at_least, max_value=60 * 24 * 20).map(lambda m: moment + timedelta(minutes=m))


def earlier(moment: datetime, *, at_least: int = 0) -> st.SearchStrategy[datetime]:
    return st.integers(min_value=at_least, max_value=60 * 24 * 20).map(lambda m: moment - timedelta(minutes=m))


def dates_from(day: date, *, days: int = 40) -> st.SearchStrategy[date]:
    return st.integers(min_value=0, max_value=days).map(lambda n: day + timedelta(days=n))


def enum_set(enum: Any, *, min_size: int) -> st.SearchStrategy[frozenset[Any]]:
    return st.frozensets(st.sampled_from(list(enum)), min_size=min_size, max_size=len(enum))


@st.composite
def hsa_ids(draw: st.DrawFn) -> env.HsaId:
    nine = draw(st.from_regex(r"[0-9]{9}", fullmatch=True))
    number = nine + next(str(d) for d in range(10) if luhn_ok(nine + str(d)))
    prefix = draw(st.sampled_from(["", "16"]))
    unit = draw(st.from_regex(r"[A-Za-z0-9]{1,10}", fullmatch=True))
    return env.HsaId(root=v.HSA_ROOT, extension=f"SE{prefix}{number}-{unit}")


municipalities = st.builds(
    env.MunicipalityCv,
    code=st.sampled_from(sorted(MUNICIPALITY_CODES)),
    code_system=st.just(v.KV_KOMMUN),
    display_name=maybe(short(100)),
)
clinicians = st.builds(env.Clinician, name=short(200), id=maybe(hsa_ids()), work_phone=maybe(phones))
attachments = st.lists(
    st.builds(
        env.Attachment,
        file_name=short(200),
        content_type=st.sampled_from(list(v.AttachmentType)),
        data=st.binary(min_size=1, max_size=30).map(lambda raw: base64.b64encode(raw).decode("ascii")),
    ),
    max_size=5,
).map(tuple)


@st.composite
def parties(draw: st.DrawFn, setting: st.SearchStrategy[v.CareSetting] | None = None) -> env.Party:
    care_setting = draw(st.sampled_from(ANY_SETTING) if setting is None else setting)
    municipal = care_setting.principal is v.Principal.MUNICIPALITY
    return env.Party(
        id=draw(hsa_ids()),
        name=draw(short(200)),
        principal=care_setting.principal,
        care_setting=care_setting,
        municipality=draw(municipalities if municipal else maybe(municipalities)),
    )


@st.composite
def person_ids(draw: st.DrawFn, born: date) -> env.PersonId:
    kind = draw(st.sampled_from(["pnr", "snr", "national", "regional"]))
    if kind in ("pnr", "snr"):
        day = born.day + (60 if kind == "snr" else 0)
        nine = f"{born:%y%m}{day:02d}{draw(st.integers(min_value=0, max_value=999)):03d}"
        extension = f"{born.year // 100}{nine}{next(str(d) for d in range(10) if luhn_ok(nine + str(d)))}"
        root = v.PERSONNUMMER_ROOT if kind == "pnr" else v.SAMORDNINGSNUMMER_ROOT
        return env.PersonId(root=root, extension=extension)
    if kind == "national":
        tail = draw(st.from_regex(rf"[{RESERVE_LETTERS}]{{2}}[0-9]{{2}}|[{RESERVE_LETTERS}]{{3}}[0-9]", fullmatch=True))
        return env.PersonId(root=v.NATIONAL_RESERVE_ROOT, extension=f"{born:%Y%m%d}{tail}")
    root = draw(st.sampled_from(sorted(v.RESERVE_ROOTS - {v.NATIONAL_RESERVE_ROOT})))
    return env.PersonId(root=root, extension=draw(st.from_regex(r"[0-9A-Z]{4,20}", fullmatch=True)))


names = st.builds(env.PersonName, given=short(100), family=short(100))


@st.composite
def guardians(draw: st.DrawFn, today: date) -> env.Guardian:
    born = today - timedelta(days=draw(st.integers(min_value=18 * 366, max_value=70 * 365)))
    return env.Guardian(
        name=draw(names),
        id=draw(maybe(person_ids(born))),
        phone=draw(maybe(phones)),
        consent=draw(st.sampled_from(list(v.GuardianConsent))),
        significant_harm=draw(st.booleans()),
    )


@st.composite
def patients(draw: st.DrawFn, created_at: datetime, *, admission: bool) -> env.Patient:
    today = local_date(created_at)
    born = today - timedelta(days=draw(st.integers(min_value=0, max_value=100 * 365)))
    child = (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) < 18
    kin: tuple[env.Guardian, ...] = ()
    maturity = None
    if child:
        kin = tuple(draw(st.lists(guardians(today), min_size=1 if admission else 0, max_size=4)))
        level = draw(maybe(st.sampled_from(list(v.MaturityLevel))))
        if level is not None:
            assessed = level is not v.MaturityLevel.NOT_ASSESSED
            maturity = env.MaturityAssessment(
                level=level,
                assessed_by=draw(clinicians if assessed else maybe(clinicians)),
                assessed_on=draw(st.just(today) if assessed else maybe(st.just(today))),
            )
    address = env.Address(
        street_address=draw(short(200)),
        postal_code=draw(st.from_regex(r"[1-9][0-9]{4}", fullmatch=True)),
        city=draw(short(100)),
        municipality=draw(municipalities),
    )
    return env.Patient(
        id=draw(person_ids(born)),
        name=draw(names),
        birth_date=born,
        registered_address=address,
        guardians=kin,
        maturity_assessment=maturity,
    )


@dataclass(frozen=True)
class Case:
    """What a body strategy may depend on."""

    message_type: v.MessageTypeName
    created_at: datetime
    episode: env.Episode
    admitted_at: datetime


@st.composite
def episodes(draw: st.DrawFn, message_type: v.MessageTypeName, created_at: datetime) -> env.Episode:
    region = draw(st.sampled_from(list(v.RegionProfile)))
    process = draw(maybe(st.sampled_from([p for p in v.PROCESSES_BY_REGION[region] if p is not v.Process.GREY])))
    admission = message_type is T.ADMISSION_NOTIFICATION
    kind = draw(
        st.sampled_from(list(v.LegalBasisType)) if admission else maybe(st.sampled_from(list(v.LegalBasisType)))
    )
    if process is v.Process.PURPLE and kind is v.LegalBasisType.VOLUNTARY:
        kind = v.LegalBasisType.LPT
    legal = None
    if kind is not None:
        decided = None
        if kind is not v.LegalBasisType.VOLUNTARY:
            decided = local_date(created_at) - timedelta(days=draw(st.integers(min_value=0, max_value=2)))
        legal = env.LegalBasis(type=kind, admission_decision_date=decided)
    psychiatric = kind in (v.LegalBasisType.LPT, v.LegalBasisType.OPT) or message_type is T.LPT_COORDINATED_PLAN
    care_type = v.CareType.PSYCHIATRIC if psychiatric else draw(st.sampled_from(list(v.CareType)))
    return env.Episode(
        episode_id=draw(uuids), region_profile=region, process=process, care_type=care_type, legal_basis=legal
    )
