"""Process reports as FHIR ``Parameters``: a case's timeline, payment liability, KPIs.

Parameters (not MeasureReport) because each report mixes numbers, codes, dates and nested
explanations; every part is named after the domain spec's terms (rule ids, KPI ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from fractions import Fraction
from typing import Any

from discharge.case import Case
from discharge.kpi_model import KpiReport, KpiValue
from discharge.liability import EpisodeLiability, GroupLiability, LiabilityReport
from discharge.timeline import DeadlineView, TimelineEvent


def _part(name: str, **value: Any) -> dict[str, Any]:
    return {"name": name, **value}


def _decimal(value: Any) -> dict[str, Any]:
    if isinstance(value, Fraction):
        return {"valueDecimal": round(float(value), 4)}
    return {"valueDecimal": float(value)}


def _event(event: TimelineEvent) -> dict[str, Any]:
    return _part(
        "event",
        part=[
            _part("messageId", valueString=event.message_id),
            _part("type", valueCode=event.message_type),
            _part("sent", valueDateTime=event.sent_at.isoformat()),
            _part("applied", valueDateTime=event.applied_at.isoformat()),
            _part("transition", valueCode=event.transition),
            _part("fromState", valueCode=event.from_state.value),
            _part("toState", valueCode=event.to_state.value),
        ],
    )


def _deadline(view: DeadlineView) -> dict[str, Any]:
    deadline = view.deadline
    parts = [
        _part("rule", valueCode=deadline.rule.value),
        _part("kind", valueCode=deadline.kind.value),
        _part("responsible", valueCode=deadline.responsible.value),
        _part("due", valueDateTime=deadline.due.isoformat()),
        _part("status", valueCode=view.status.value),
        _part("description", valueString=deadline.description),
    ]
    if deadline.subject:
        parts.append(_part("subject", valueString=deadline.subject))
    if view.fulfilled_at is not None:
        parts.append(_part("fulfilled", valueDateTime=view.fulfilled_at.isoformat()))
    return _part("deadline", part=parts)


def timeline_to_parameters(
    case: Case, events: Sequence[TimelineEvent], deadlines: Sequence[DeadlineView], *, now: datetime
) -> dict[str, Any]:
    parameters = [
        _part("case", valueReference={"reference": f"EpisodeOfCare/{case.case_id}"}),
        _part("state", valueCode=case.state.value),
        _part("asOf", valueDateTime=now.isoformat()),
    ]
    if case.region is not None:
        parameters.append(_part("region", valueCode=case.region.value))
    if case.track is not None:
        parameters.append(_part("track", valueCode=case.track.value))
    parameters += [_event(e) for e in events]
    parameters += [_deadline(d) for d in deadlines]
    parameters += [
        _part("deviation", part=[_part("code", valueCode=d.code), _part("messageId", valueString=d.message_id),
                                 _part("detail", valueString=d.detail)]
              + ([_part("rule", valueCode=d.rule)] if d.rule else []))
        for d in case.deviations
    ]  # fmt: skip
    return {"resourceType": "Parameters", "parameter": parameters}


def _episode(episode: EpisodeLiability) -> dict[str, Any]:
    return _part(
        "episode",
        part=[
            _part("case", valueReference={"reference": f"EpisodeOfCare/{episode.case_id}"}),
            _part("dayZero", valueDate=episode.day_zero.isoformat()),
            _part("readyDays", valueInteger=episode.ready_days),
            _part("chargeable", valueBoolean=episode.chargeable),
            _part("liableDays", **_decimal(episode.liable_days)),
            *[_part("liableDay", valueDate=day.date.isoformat()) for day in episode.days],
            _part("explanation", valueString=episode.explanation),
        ],
    )


def _group(group: GroupLiability) -> dict[str, Any]:
    parts = [
        _part("payer", valueString=str(group.payer)),
        _part("average", **_decimal(group.average)),
        _part("triggered", valueBoolean=group.triggered),
        _part("liableDays", **_decimal(group.liable_days)),
        _part("explanation", valueString=group.explanation),
    ]
    if group.care_type is not None:
        parts.insert(1, _part("careType", valueCode=str(group.care_type)))
    if group.threshold is not None:
        parts.insert(2, _part("threshold", **_decimal(group.threshold)))
    if group.amount is not None:
        parts.append(_part("amount", **_decimal(group.amount)))
    return _part("payer", part=parts + [_episode(e) for e in group.episodes])


def liability_to_parameters(report: LiabilityReport) -> dict[str, Any]:
    parameters = [
        _part("region", valueCode=report.region.value),
        _part("month", valueString=f"{report.month.year:04d}-{report.month.month:02d}"),
        _part("rule", valueCode=report.rule),
        _part("active", valueBoolean=report.active),
        _part("liableDays", **_decimal(report.liable_days)),
    ]
    if report.variant is not None:
        parameters.append(_part("variant", valueString=report.variant))
    parameters += [_group(g) for g in report.groups]
    parameters += [_part("pending", valueReference={"reference": f"EpisodeOfCare/{c}"}) for c in report.pending]
    return {"resourceType": "Parameters", "parameter": parameters}


def _kpi(value: KpiValue) -> dict[str, Any]:
    parts = [
        _part("id", valueCode=value.kpi),
        _part("title", valueString=value.title),
        _part("numerator", **_decimal(value.numerator)),
        _part("denominator", valueInteger=value.denominator),
        *[_part("rule", valueCode=rule) for rule in value.rules],
    ]
    if value.denominator:
        parts.append(_part("value", **_decimal(Fraction(value.numerator) / value.denominator)))
    if value.target is not None:
        parts.append(_part("target", **_decimal(value.target)))
        parts.append(_part("targetIsMinimum", valueBoolean=value.target_is_minimum))
    return _part("kpi", part=parts)


def kpis_to_parameters(report: KpiReport) -> dict[str, Any]:
    parameters = [
        _part("region", valueCode=report.region.value),
        _part("month", valueString=f"{report.month.year:04d}-{report.month.month:02d}"),
    ]
    parameters += [_kpi(v) for v in report.values]
    return {"resourceType": "Parameters", "parameter": parameters}
