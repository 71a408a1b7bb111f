"""A valid Lifecare SP–style message → the neutral discharge event (one event per message).

Role: the inbound half of the codec. Each line cites the member it reads and the event field it fills; every
member reaches the event, so ``event_to_message`` gives the message back. Boundary: no validation — the message
is already valid (``validation``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.lifecare import vocabulary as v
from adapters.lifecare.admission_bodies import (
    FastVardkontaktUtsedd,
    InskrivningKvittens,
    Inskrivningsmeddelande,
    KompletteringBegaran,
    Planeringsunderlag,
    UtskrivningsdatumAndrat,
)
from adapters.lifecare.codes import Kategori, SipTyp
from adapters.lifecare.discharge_bodies import (
    AtgardsbegaranOppenvard,
    Avliden,
    ProcessAvslutad,
    Utskrivningsklar,
    UtskrivningsklarAterkallad,
    UtskrivningsklarKvittens,
    Utskrivningsmeddelande,
    Utskrivningstidpunkt,
)
from adapters.lifecare.envelope_mapping import base_of, clinician, neutral_address, neutral_attachments
from adapters.lifecare.general_bodies import GenerelltMeddelande, PersonuppgifterUppdaterade, SamtyckeAndrat
from adapters.lifecare.message import Meddelande
from adapters.lifecare.sip_bodies import SipKallelse, SipKallelseKvittens, SipUppfoljning, SipUpprattad
from discharge import events as ev
from discharge.admission_events import CareContact, ExistingIntervention, Relative
from discharge.discharge_events import OutpatientNurseRequest, TreatmentPlan
from discharge.event_base import DischargeEvent, StayStatute
from discharge.events import LeavePhase, Measure, PlanningKind, Section
from discharge.sip_events import Participant

__all__ = ["message_to_event"]


def message_to_event(message: Meddelande) -> DischargeEvent:
    """The neutral event of a valid message."""
    return _BODIES[type(message.innehall)](message.innehall, base_of(message))


def _inskrivningsmeddelande(b: Inskrivningsmeddelande, base: dict[str, Any]) -> DischargeEvent:
    # LC innehall.lagrum + intagningsbeslut → DischargeEvent.statute (absent lagrum: None = voluntary)
    statute = (
        StayStatute(statute=v.LAGRUM.inbound[b.lagrum], admission_decision_date=b.intagningsbeslut)
        if b.lagrum
        else None
    )
    return ev.AdmissionNotice(
        **base,
        care_type=v.VARDTYP.inbound[b.vardtyp],  # LC innehall.vardtyp → DischargeEvent.care_type
        statute=statute,
        admitted_at=b.inskrivningstid,  # LC innehall.inskrivningstid → AdmissionNotice.admitted_at
        need_identified_at=b.behov_identifierat,  # LC innehall.behovIdentifierat → AdmissionNotice.need_identified_at
        # LC innehall.beraknatUtskrivningsdatum → AdmissionNotice.estimated_discharge_date
        estimated_discharge_date=b.beraknat_utskrivningsdatum,
        consent=v.SAMTYCKESSTATUS.inbound[b.samtycke.status],  # LC innehall.samtycke.status → AdmissionNotice.consent
        consent_documented_at=b.samtycke.dokumenterad,  # LC innehall.samtycke.dokumenterad → consent_documented_at
        responsible_physician=clinician(b.ansvarig_lakare),  # LC innehall.ansvarigLakare → responsible_physician
        contact_reason=b.kontaktorsak,  # LC innehall.kontaktorsak → AdmissionNotice.contact_reason
        needs=frozenset(v.BEHOV.inbound[need] for need in b.behov_av_insatser),  # LC innehall.behovAvInsatser → needs
        life_threatening=b.livshotande_tillstand,  # LC innehall.livshotandeTillstand → life_threatening
        children_in_household=b.barn_i_hushallet,  # LC innehall.barnIHushallet → children_in_household (CH-10)
        placing_municipality=b.placeringskommun,  # LC innehall.placeringskommun → placing_municipality
    )


def _inskrivning_kvittens(b: InskrivningKvittens, base: dict[str, Any]) -> DischargeEvent:
    interventions = tuple(
        # LC befintligaInsatser[].typ/beskrivning/utforare → ExistingIntervention.kind/description/provider
        ExistingIntervention(kind=v.INSATS.inbound[i.typ], description=i.beskrivning, provider=i.utforare)
        for i in b.befintliga_insatser
    )
    return ev.AdmissionNoticeAcknowledged(
        **base,
        # LC innehall.kvitterarMeddelandeId → acknowledged_message_id
        acknowledged_message_id=b.kvitterar_meddelande_id,
        acknowledged_at=b.kvitterad,  # LC innehall.kvitterad → acknowledged_at
        existing_interventions=interventions,
        contact_person=clinician(b.kontaktperson),  # LC innehall.kontaktperson → contact_person
        comment=b.kommentar,  # LC innehall.kommentar → comment
    )


def _fast_vardkontakt_utsedd(b: FastVardkontaktUtsedd, base: dict[str, Any]) -> DischargeEvent:
    fvk = b.fast_vardkontakt
    contact = CareContact(
        name=fvk.namn,  # LC fastVardkontakt.namn → CareContact.name
        work_phone=fvk.tjanstetelefon,  # LC fastVardkontakt.tjanstetelefon → CareContact.work_phone
        licensed_physician=fvk.legitimerad_lakare,  # LC fastVardkontakt.legitimeradLakare → licensed_physician
        profession=v.YRKE.inbound[fvk.yrke] if fvk.yrke else None,  # LC fastVardkontakt.yrke → profession
        hsa_id=fvk.hsa_id,  # LC fastVardkontakt.hsaId → CareContact.hsa_id
    )
    return ev.CareContactAppointed(
        **base,
        contact=contact,
        appointed_at=b.utsedd,  # LC innehall.utsedd → CareContactAppointed.appointed_at
        existing_continues=b.befintlig_fortsatter,  # LC innehall.befintligFortsatter → existing_continues
        named_physician_contact=clinician(
            b.fast_lakarkontakt
        ),  # LC innehall.fastLakarkontakt → named_physician_contact
    )


def _planeringsunderlag(b: Planeringsunderlag, base: dict[str, Any]) -> DischargeEvent:
    return ev.PlanningDocumentation(
        **base,
        kind=PlanningKind.PLANNING_BEFORE_DISCHARGE,
        sections=tuple(
            Section(heading=u.fraga, text=u.svar) for u in b.underlag
        ),  # LC underlag[].fraga/svar → sections
        extensive_needs=b.omfattande_behov,  # LC innehall.omfattandeBehov → extensive_needs (ORE-C)
        in_response_to=b.svar_pa_meddelande_id,  # LC innehall.svarPaMeddelandeId → in_response_to
        completed=b.slutford,  # LC innehall.slutford → completed
    )


def _komplettering_begaran(b: KompletteringBegaran, base: dict[str, Any]) -> DischargeEvent:
    return ev.PlanningDocumentation(
        **base,
        kind=PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST,
        question=b.fraga,  # LC innehall.fraga → PlanningDocumentation.question
        in_response_to=b.avser_meddelande_id,  # LC innehall.avserMeddelandeId → in_response_to (what it concerns)
        answer_requested_by=b.onskat_svar_senast,  # LC innehall.onskatSvarSenast → answer_requested_by
    )


def _utskrivningsdatum_andrat(b: UtskrivningsdatumAndrat, base: dict[str, Any]) -> DischargeEvent:
    return ev.EstimatedDischargeDateChanged(
        **base,
        estimated_discharge_date=b.beraknat_utskrivningsdatum,  # LC innehall.beraknatUtskrivningsdatum → same
        # LC innehall.tidigareBeraknatUtskrivningsdatum → previous_estimated_discharge_date
        previous_estimated_discharge_date=b.tidigare_beraknat_utskrivningsdatum,
        reason=v.DATUMANDRINGSORSAK.inbound[b.orsak],  # LC innehall.orsak → reason
        court_ruling_date=b.domslutsdatum,  # LC innehall.domslutsdatum → court_ruling_date
        comment=b.kommentar,  # LC innehall.kommentar → comment
    )


def _sip_kallelse(b: SipKallelse, base: dict[str, Any]) -> DischargeEvent:
    fields: dict[str, Any] = {
        "meeting_at": b.tidpunkt,  # LC innehall.tidpunkt → meeting_at
        "duration_minutes": b.varaktighet_minuter,  # LC innehall.varaktighetMinuter → duration_minutes
        "location": v.PLATS.inbound[b.plats],  # LC innehall.plats → location
        "location_description": b.plats_beskrivning,  # LC innehall.platsBeskrivning → location_description
        "mode": v.MOTESFORM.inbound[b.motesform],  # LC innehall.motesform → mode
        "convener": clinician(b.kallande),  # LC innehall.kallande → convener
        "agreed_with_patient": b.avstamd_med_den_enskilde,  # LC innehall.avstamdMedDenEnskilde → agreed_with_patient
        # LC innehall.ovrigaDeltagare[].namn/roll → other_participants[].name/role
        "other_participants": tuple(Participant(name=d.namn, role=d.roll) for d in b.ovriga_deltagare),
    }
    if b.sip_typ is SipTyp.INLEDANDE_PA_SJUKHUS:  # LC innehall.sipTyp INLEDANDE_PA_SJUKHUS → M-09
        return ev.InitialSipAtHospital(**base, **fields)
    return ev.SipInvitation(**base, **fields, sip_type=v.SIPTYP.inbound[b.sip_typ])  # LC innehall.sipTyp → sip_type


def _sip_kallelse_kvittens(b: SipKallelseKvittens, base: dict[str, Any]) -> DischargeEvent:
    return ev.SipInvitationAcknowledged(
        **base,
        # LC innehall.kvitterarMeddelandeId → acknowledged_message_id
        acknowledged_message_id=b.kvitterar_meddelande_id,
        acknowledged_at=b.kvitterad,  # LC innehall.kvitterad → acknowledged_at
        response=v.KALLELSESVAR.inbound[b.svar],  # LC innehall.svar → response
        comment=b.kommentar,  # LC innehall.kommentar → comment
    )


def _utskrivningsklar(b: Utskrivningsklar, base: dict[str, Any]) -> DischargeEvent:
    return ev.ReadyForDischarge(
        **base,
        assessed_at=b.bedomd_utskrivningsklar,  # LC innehall.bedomdUtskrivningsklar → assessed_at
        assessed_by=clinician(b.bedomande_lakare),  # LC innehall.bedomandeLakare → assessed_by
        planned_discharge_at=b.planerad_utskrivning,  # LC innehall.planeradUtskrivning → planned_discharge_at
        action_request_attached=b.atgardsbegaran_bifogad,  # LC innehall.atgardsbegaranBifogad → action_request_attached
        open_referrals_closed=b.oppna_remisser_avslutade,  # LC innehall.oppnaRemisserAvslutade → open_referrals_closed
    )


def _utskrivningsklar_kvittens(b: UtskrivningsklarKvittens, base: dict[str, Any]) -> DischargeEvent:
    return ev.ReadyForDischargeAcknowledged(
        **base,
        # LC innehall.kvitterarMeddelandeId → acknowledged_message_id
        acknowledged_message_id=b.kvitterar_meddelande_id,
        acknowledged_at=b.kvitterad,  # LC innehall.kvitterad → acknowledged_at
    )


def _utskrivningsklar_aterkallad(b: UtskrivningsklarAterkallad, base: dict[str, Any]) -> DischargeEvent:
    return ev.ReadyForDischargeRevoked(
        **base,
        revoked_message_id=b.aterkallat_meddelande_id,  # LC innehall.aterkallatMeddelandeId → revoked_message_id
        revoked_at=b.aterkallad,  # LC innehall.aterkallad → revoked_at
        reason=v.ATERKALLELSEORSAK.inbound[b.orsak],  # LC innehall.orsak → reason
        new_estimated_discharge_date=b.nytt_beraknat_utskrivningsdatum,  # LC innehall.nyttBeraknatUtskrivningsdatum → …
        comment=b.kommentar,  # LC innehall.kommentar → comment
    )


def _utskrivningstidpunkt(b: Utskrivningstidpunkt, base: dict[str, Any]) -> DischargeEvent:
    return ev.DischargeTime(
        **base,
        discharge_at=b.utskrivningstid,  # LC innehall.utskrivningstid → discharge_at
        arrival_home_at=b.ankomst_hem,  # LC innehall.ankomstHem → arrival_home_at
        met_at_home=b.mottas_i_hemmet,  # LC innehall.mottasIHemmet → met_at_home
        transport=v.TRANSPORT.inbound[b.transport] if b.transport else None,  # LC innehall.transport → transport
        comment=b.kommentar,  # LC innehall.kommentar → comment
    )


def _atgardsbegaran_oppenvard(b: AtgardsbegaranOppenvard, base: dict[str, Any]) -> DischargeEvent:
    return OutpatientNurseRequest(
        **base,
        question=b.fragestallning,  # LC innehall.fragestallning → question
        requested_actions=b.begarda_atgarder,  # LC innehall.begardaAtgarder → requested_actions
        time_frame_start=b.tidsram.fran,  # LC innehall.tidsram.fran → time_frame_start
        time_frame_end=b.tidsram.till,  # LC innehall.tidsram.till → time_frame_end
    )


def _utskrivningsmeddelande(b: Utskrivningsmeddelande, base: dict[str, Any]) -> DischargeEvent:
    plan = b.medicinsk_behandlingsplan
    return ev.DischargeInformation(
        **base,
        discharged_at=b.utskrivningstid,  # LC innehall.utskrivningstid → discharged_at
        destination=v.UTSKRIVNINGSPLATS.inbound[b.utskriven_till],  # LC innehall.utskrivenTill → destination
        summary=b.sammanfattning,  # LC innehall.sammanfattning → summary
        medication_list=b.lakemedelslista,  # LC innehall.lakemedelslista → medication_list
        medication_narrative=b.lakemedelsberattelse,  # LC innehall.lakemedelsberattelse → medication_narrative
        health_status=b.halsostatus,  # LC innehall.halsostatus → health_status
        self_care=b.egenvard,  # LC innehall.egenvard → self_care
        risk_assessment=b.riskbedomning,  # LC innehall.riskbedomning → risk_assessment
        # LC innehall.remissTillOppenvard → referral_to_outpatient_care
        referral_to_outpatient_care=b.remiss_till_oppenvard,
        # LC innehall.medicinskBehandlingsplan.text/gallerTill → treatment_plan.text/valid_until
        treatment_plan=TreatmentPlan(text=plan.text, valid_until=plan.galler_till) if plan else None,
        attachments=neutral_attachments(b.bilagor),  # LC innehall.bilagor → attachments
    )


def _sip_upprattad(b: SipUpprattad, base: dict[str, Any]) -> DischargeEvent:
    return ev.SipEstablished(
        **base,
        kind=v.SIPUPPRATTANDETYP.inbound[b.typ],  # LC innehall.typ → kind
        meeting_date=b.motesdatum,  # LC innehall.motesdatum → meeting_date
        # LC innehall.insatser[].ansvarig/beskrivning → measures[].responsible/description
        measures=tuple(
            Measure(responsible=v.INSATSANSVARIG.inbound[i.ansvarig], description=i.beskrivning) for i in b.insatser
        ),
        overall_responsible=v.HUVUDMAN.inbound[
            b.overgripande_ansvar
        ],  # LC innehall.overgripandeAnsvar → overall_responsible
        measures_by_others=b.atgarder_av_andra,  # LC innehall.atgarderAvAndra → measures_by_others
        next_follow_up_at=b.nasta_uppfoljning,  # LC innehall.nastaUppfoljning → next_follow_up_at
        signed_by_all=b.signerad_av_alla,  # LC innehall.signeradAvAlla → signed_by_all
        consent_confirmed=b.samtycke_bekraftat,  # LC innehall.samtyckeBekraftat → consent_confirmed (C-10)
    )


def _sip_uppfoljning(b: SipUppfoljning, base: dict[str, Any]) -> DischargeEvent:
    return ev.SipFollowUp(
        **base,
        held_on=b.genomford,  # LC innehall.genomford → held_on
        result=v.UPPFOLJNINGSRESULTAT.inbound[b.resultat],  # LC innehall.resultat → result
        evaluation=b.utvardering,  # LC innehall.utvardering → evaluation
        next_follow_up_at=b.nasta_uppfoljning,  # LC innehall.nastaUppfoljning → next_follow_up_at
        consent_confirmed=b.samtycke_bekraftat,  # LC innehall.samtyckeBekraftat → consent_confirmed (C-10)
    )


def _avliden(b: Avliden, base: dict[str, Any]) -> DischargeEvent:
    return ev.PatientDeceased(**base, deceased_at=b.dodstidpunkt)  # LC innehall.dodstidpunkt → deceased_at


def _process_avslutad(b: ProcessAvslutad, base: dict[str, Any]) -> DischargeEvent:
    return ev.ProcessClosed(
        **base,
        reason=v.AVSLUTSORSAK.inbound[b.orsak],  # LC innehall.orsak → reason
        reason_text=b.orsak_text,  # LC innehall.orsakText → reason_text
        closed_at=b.avslutad,  # LC innehall.avslutad → closed_at
    )


def _generellt_meddelande(b: GenerelltMeddelande, base: dict[str, Any]) -> DischargeEvent:
    if b.kategori is Kategori.PERMISSION and b.permission is not None:  # LC kategori PERMISSION → Leave (M-08)
        return ev.Leave(
            **base,
            phase=LeavePhase.PLANNED,  # a Lifecare SP–style permission is always a plan
            start=b.permission.fran,  # LC innehall.permission.fran → Leave.start
            end=b.permission.till,  # LC innehall.permission.till → Leave.end
            subject=b.amne,  # LC innehall.amne → Leave.subject
            text=b.text,  # LC innehall.text → Leave.text
            in_response_to=b.svar_pa_meddelande_id,  # LC innehall.svarPaMeddelandeId → Leave.in_response_to
            attachments=neutral_attachments(b.bilagor),  # LC innehall.bilagor → Leave.attachments
        )
    period = b.permission  # with another kategori: a leave period the message mentions
    return ev.GeneralMessage(
        **base,
        subject=b.amne,  # LC innehall.amne → GeneralMessage.subject
        text=b.text,  # LC innehall.text → GeneralMessage.text
        category=v.KATEGORI.inbound[b.kategori],  # LC innehall.kategori → category (KOMPLETTERING: SUPPLEMENTARY_…)
        in_response_to=b.svar_pa_meddelande_id,  # LC innehall.svarPaMeddelandeId → in_response_to
        attachments=neutral_attachments(b.bilagor),  # LC innehall.bilagor → attachments
        leave_start=None if period is None else period.fran,  # LC innehall.permission.fran → leave_start
        leave_end=None if period is None else period.till,  # LC innehall.permission.till → leave_end
    )


def _samtycke_andrat(b: SamtyckeAndrat, base: dict[str, Any]) -> DischargeEvent:
    return ev.ConsentChanged(
        **base,
        sector=v.VERKSAMHET.inbound[b.sektor],  # LC innehall.sektor → sector (the disclosing sector)
        status=v.SAMTYCKESSTATUS.inbound[b.status],  # LC innehall.status → status
        effective_at=b.galler_fran,  # LC innehall.gallerFran → effective_at
        given_by=v.LAMNAT_AV.inbound[b.lamnat_av] if b.lamnat_av else None,  # LC innehall.lamnatAv → given_by
        purposes=frozenset(v.SAMTYCKESANDAMAL.inbound[a] for a in b.avser),  # LC innehall.avser → purposes (empty: all)
    )


def _personuppgifter_uppdaterade(b: PersonuppgifterUppdaterade, base: dict[str, Any]) -> DischargeEvent:
    relatives = tuple(
        # LC narstaende[].namn/relation/telefon → Relative.name/relation/phone
        Relative(name=r.namn, relation=v.RELATION.inbound[r.relation], phone=r.telefon)
        for r in b.narstaende
    )
    return ev.PersonalDataUpdated(
        **base,
        phone=b.telefon,  # LC innehall.telefon → phone
        email=b.epost,  # LC innehall.epost → email
        housing_type=v.BOENDEFORM.inbound[b.boendeform]
        if b.boendeform
        else None,  # LC innehall.boendeform → housing_type
        temporary_address=neutral_address(b.tillfallig_adress)
        if b.tillfallig_adress
        else None,  # LC tillfalligAdress → …
        relatives=relatives,
        outpatient_psychiatry_contact=b.kontakt_oppenvardspsykiatri,  # LC innehall.kontaktOppenvardspsykiatri → …
        home_health_care=b.hemsjukvard,  # LC innehall.hemsjukvard → home_health_care
        interpreter_needed=b.tolkbehov.behovs if b.tolkbehov else None,  # LC innehall.tolkbehov.behovs → …
        interpreter_language=b.tolkbehov.sprak if b.tolkbehov else None,  # LC innehall.tolkbehov.sprak → …
    )


_BODIES: dict[type, Callable[[Any, dict[str, Any]], DischargeEvent]] = {
    Inskrivningsmeddelande: _inskrivningsmeddelande,
    InskrivningKvittens: _inskrivning_kvittens,
    FastVardkontaktUtsedd: _fast_vardkontakt_utsedd,
    Planeringsunderlag: _planeringsunderlag,
    KompletteringBegaran: _komplettering_begaran,
    UtskrivningsdatumAndrat: _utskrivningsdatum_andrat,
    SipKallelse: _sip_kallelse,
    SipKallelseKvittens: _sip_kallelse_kvittens,
    Utskrivningsklar: _utskrivningsklar,
    UtskrivningsklarKvittens: _utskrivningsklar_kvittens,
    UtskrivningsklarAterkallad: _utskrivningsklar_aterkallad,
    Utskrivningstidpunkt: _utskrivningstidpunkt,
    AtgardsbegaranOppenvard: _atgardsbegaran_oppenvard,
    Utskrivningsmeddelande: _utskrivningsmeddelande,
    SipUpprattad: _sip_upprattad,
    SipUppfoljning: _sip_uppfoljning,
    Avliden: _avliden,
    ProcessAvslutad: _process_avslutad,
    GenerelltMeddelande: _generellt_meddelande,
    SamtyckeAndrat: _samtycke_andrat,
    PersonuppgifterUppdaterade: _personuppgifter_uppdaterade,
}
