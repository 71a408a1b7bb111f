"""A neutral discharge event → the Lifecare SP–style message delivered for it (the outbound half of the codec).

Role: ``event_to_message`` builds the typed message (envelope from ``envelope_mapping``, body here, or from
``general_renderings`` for the Cosmic Link–style types that have no counterpart, §9). For every valid message
``m``, ``event_to_message(message_to_event(m), message_id=m.meddelande_id) == m``. Event fields this contract has
no member for are dropped here and named by ``unrepresented.unrepresented_fields``. Boundary: an event that
cannot become a valid message raises ``RenderError``; redaction is the gateway's (it passes the redacted event).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.lifecare import envelope_mapping as env
from adapters.lifecare import general_renderings as general
from adapters.lifecare import vocabulary as v
from adapters.lifecare.admission_bodies import (
    FastVardkontakt,
    FastVardkontaktUtsedd,
    InskrivningKvittens,
    Inskrivningsmeddelande,
    KompletteringBegaran,
    Planeringsunderlag,
    Samtycke,
    Underlagspost,
    UtskrivningsdatumAndrat,
)
from adapters.lifecare.body_base import Innehall
from adapters.lifecare.codes import Behov, Kategori, Samtyckesandamal, SipTyp
from adapters.lifecare.discharge_bodies import (
    AtgardsbegaranOppenvard,
    Avliden,
    Behandlingsplan,
    ProcessAvslutad,
    Tidsram,
    Utskrivningsklar,
    UtskrivningsklarAterkallad,
    UtskrivningsklarKvittens,
    Utskrivningsmeddelande,
    Utskrivningstidpunkt,
)
from adapters.lifecare.errors import RenderError
from adapters.lifecare.general_bodies import (
    GenerelltMeddelande,
    Narstaende,
    PersonuppgifterUppdaterade,
    SamtyckeAndrat,
    Tolkbehov,
)
from adapters.lifecare.message import Meddelande
from adapters.lifecare.sip_bodies import (
    Deltagare,
    SipInsats,
    SipKallelse,
    SipKallelseKvittens,
    SipUppfoljning,
    SipUpprattad,
)
from discharge import events as ev
from discharge.event_base import DischargeEvent
from discharge.events import PlanningKind

__all__ = ["event_to_body", "event_to_message"]

_MAX_UNDERLAG = 50  # PLANERINGSUNDERLAG underlag 1..50


def event_to_message(event: DischargeEvent, *, message_id: str, admission_message_id: str | None = None) -> Meddelande:
    """The message for ``event`` with ``meddelandeId`` = ``message_id`` (see ``codec.delivered_message_id``).

    ``admission_message_id`` is the case's INSKRIVNINGSMEDDELANDE as the receiver knows it: a Cosmic Link–style
    StatusBeforeAdmission becomes an INSKRIVNING_KVITTENS of it, else a GENERELLT_MEDDELANDE.
    """
    return Meddelande(
        meddelande_id=message_id,  # → LC meddelandeId
        skapad=event.sent_at,  # DischargeEvent.sent_at → LC skapad
        avsandare=env.enhet(event.sender),  # DischargeEvent.sender → LC avsandare
        mottagare=tuple(env.enhet(unit) for unit in event.recipients),  # DischargeEvent.recipients → LC mottagare
        arende=env.arende(event),  # DischargeEvent.case_id/region/track → LC arende
        patient=env.patient(event.patient),  # DischargeEvent.patient → LC patient
        innehall=event_to_body(event, admission_message_id=admission_message_id),
    )


def event_to_body(event: DischargeEvent, *, admission_message_id: str | None = None) -> Innehall:
    """The ``innehall`` for ``event`` (its class names the delivered ``meddelandetyp``)."""
    if isinstance(event, ev.StatusOnAdmission):
        return general.status_on_admission(event, admission_message_id)
    convert = _BODIES.get(type(event)) or general.RENDERINGS.get(type(event))
    if convert is None:
        raise RenderError(f"{event.type} has no Lifecare SP–style form")
    return convert(event)


def _required(value: Any, what: str) -> Any:
    if value is None:
        raise RenderError(f"the event lacks {what}, which the Lifecare SP–style message requires")
    return value


def _inskrivningsmeddelande(e: ev.AdmissionNotice) -> Inskrivningsmeddelande:
    statute = e.statute
    return Inskrivningsmeddelande(
        inskrivningstid=e.admitted_at,  # AdmissionNotice.admitted_at → LC innehall.inskrivningstid
        behov_identifierat=e.need_identified_at,  # AdmissionNotice.need_identified_at → LC innehall.behovIdentifierat
        # AdmissionNotice.estimated_discharge_date → LC innehall.beraknatUtskrivningsdatum
        beraknat_utskrivningsdatum=e.estimated_discharge_date,
        # AdmissionNotice.consent/consent_documented_at → LC innehall.samtycke.status/dokumenterad
        samtycke=Samtycke(status=v.SAMTYCKESSTATUS.outbound(e.consent), dokumenterad=e.consent_documented_at),
        ansvarig_lakare=env.person(e.responsible_physician),  # AdmissionNotice.responsible_physician → ansvarigLakare
        kontaktorsak=e.contact_reason,  # AdmissionNotice.contact_reason → LC innehall.kontaktorsak
        # AdmissionNotice.needs → LC innehall.behovAvInsatser (contract order)
        behov_av_insatser=_required(
            tuple(sorted((v.BEHOV.outbound(need) for need in e.needs), key=list(Behov).index)) or None, "the needs"
        ),
        # DischargeEvent.care_type → LC innehall.vardtyp
        vardtyp=v.VARDTYP.outbound(_required(e.care_type, "the care type (vardtyp)")),
        lagrum=v.LAGRUM.outbound(statute.statute) if statute else None,  # DischargeEvent.statute → LC innehall.lagrum
        # DischargeEvent.statute.admission_decision_date → LC innehall.intagningsbeslut
        intagningsbeslut=statute.admission_decision_date if statute else None,
        livshotande_tillstand=e.life_threatening,  # AdmissionNotice.life_threatening → LC livshotandeTillstand
        barn_i_hushallet=e.children_in_household,  # AdmissionNotice.children_in_household → LC barnIHushallet
        placeringskommun=e.placing_municipality,  # AdmissionNotice.placing_municipality → LC placeringskommun
    )


def _inskrivning_kvittens(e: ev.AdmissionNoticeAcknowledged) -> InskrivningKvittens:
    return InskrivningKvittens(
        kvitterar_meddelande_id=e.acknowledged_message_id,  # acknowledged_message_id → LC kvitterarMeddelandeId
        kvitterad=e.acknowledged_at,  # acknowledged_at → LC innehall.kvitterad
        befintliga_insatser=general.existing_interventions(e.existing_interventions),  # → LC befintligaInsatser
        kontaktperson=env.person(e.contact_person),  # contact_person → LC innehall.kontaktperson
        kommentar=e.comment,  # comment → LC innehall.kommentar
    )


def _fast_vardkontakt_utsedd(e: ev.CareContactAppointed) -> FastVardkontaktUtsedd:
    c = e.contact
    contact = FastVardkontakt(
        namn=c.name,  # CareContact.name → LC fastVardkontakt.namn
        tjanstetelefon=_required(c.work_phone, "the care contact's work phone"),  # → LC fastVardkontakt.tjanstetelefon
        # CareContact.profession → LC fastVardkontakt.yrke
        yrke=v.YRKE.outbound(c.profession) if c.profession else None,
        legitimerad_lakare=c.licensed_physician,  # CareContact.licensed_physician → LC legitimeradLakare
        hsa_id=c.hsa_id,  # CareContact.hsa_id → LC fastVardkontakt.hsaId
    )
    return FastVardkontaktUtsedd(
        fast_vardkontakt=contact,
        utsedd=e.appointed_at,  # appointed_at → LC innehall.utsedd
        befintlig_fortsatter=e.existing_continues,  # existing_continues → LC innehall.befintligFortsatter
        fast_lakarkontakt=env.person(e.named_physician_contact),  # named_physician_contact → LC fastLakarkontakt
    )


def _planning(e: ev.PlanningDocumentation) -> Innehall:
    if e.kind is PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST:
        return KompletteringBegaran(
            fraga=e.question or general.sections_text(e.sections),  # question (or sections) → LC innehall.fraga
            avser_meddelande_id=e.in_response_to,  # in_response_to → LC innehall.avserMeddelandeId
            onskat_svar_senast=e.answer_requested_by,  # answer_requested_by → LC innehall.onskatSvarSenast
        )
    underlag = tuple(Underlagspost(fraga=s.heading, svar=s.text) for s in e.sections)  # sections → LC underlag
    underlag += general.planning_extras(e, room=_MAX_UNDERLAG - len(underlag))  # LPT plan, needs: no LC member
    return Planeringsunderlag(
        underlag=_required(underlag or None, "planning content"),
        omfattande_behov=e.extensive_needs,  # extensive_needs → LC innehall.omfattandeBehov
        svar_pa_meddelande_id=e.in_response_to,  # in_response_to → LC innehall.svarPaMeddelandeId
        slutford=e.completed,  # completed → LC innehall.slutford
    )


def _utskrivningsdatum_andrat(e: ev.EstimatedDischargeDateChanged) -> UtskrivningsdatumAndrat:
    return UtskrivningsdatumAndrat(
        # estimated_discharge_date → LC innehall.beraknatUtskrivningsdatum
        beraknat_utskrivningsdatum=_required(e.estimated_discharge_date, "the new estimated discharge date"),
        # previous_estimated_discharge_date → LC innehall.tidigareBeraknatUtskrivningsdatum
        tidigare_beraknat_utskrivningsdatum=e.previous_estimated_discharge_date,
        orsak=v.DATUMANDRINGSORSAK.outbound(e.reason),  # reason → LC innehall.orsak
        domslutsdatum=e.court_ruling_date,  # court_ruling_date → LC innehall.domslutsdatum
        kommentar=e.comment,  # comment → LC innehall.kommentar
    )


def _sip_kallelse(e: ev.InitialSipAtHospital | ev.SipInvitation) -> SipKallelse:
    # InitialSipAtHospital → INLEDANDE_PA_SJUKHUS; SipInvitation.sip_type → LC innehall.sipTyp
    sip_typ = SipTyp.INLEDANDE_PA_SJUKHUS if isinstance(e, ev.InitialSipAtHospital) else v.SIPTYP.outbound(e.sip_type)
    return SipKallelse(
        sip_typ=sip_typ,
        tidpunkt=e.meeting_at,  # meeting_at → LC innehall.tidpunkt
        varaktighet_minuter=e.duration_minutes,  # duration_minutes → LC innehall.varaktighetMinuter
        plats=v.PLATS.outbound(e.location),  # location → LC innehall.plats
        plats_beskrivning=e.location_description,  # location_description → LC innehall.platsBeskrivning
        motesform=v.MOTESFORM.outbound(e.mode),  # mode → LC innehall.motesform
        kallande=_required(env.person(e.convener), "the convener"),  # convener → LC innehall.kallande
        avstamd_med_den_enskilde=e.agreed_with_patient,  # agreed_with_patient → LC avstamdMedDenEnskilde
        # other_participants[].name/role → LC ovrigaDeltagare[].namn/roll
        ovriga_deltagare=tuple(Deltagare(namn=p.name, roll=p.role) for p in e.other_participants),
    )


def _sip_kallelse_kvittens(e: ev.SipInvitationAcknowledged) -> SipKallelseKvittens:
    return SipKallelseKvittens(
        kvitterar_meddelande_id=e.acknowledged_message_id,  # acknowledged_message_id → LC kvitterarMeddelandeId
        kvitterad=e.acknowledged_at,  # acknowledged_at → LC innehall.kvitterad
        svar=v.KALLELSESVAR.outbound(e.response),  # response → LC innehall.svar
        kommentar=e.comment,  # comment → LC innehall.kommentar
    )


def _utskrivningsklar(e: ev.ReadyForDischarge) -> Utskrivningsklar:
    return Utskrivningsklar(
        bedomd_utskrivningsklar=e.assessed_at,  # assessed_at → LC innehall.bedomdUtskrivningsklar
        bedomande_lakare=env.person(e.assessed_by),  # assessed_by → LC innehall.bedomandeLakare
        planerad_utskrivning=e.planned_discharge_at,  # planned_discharge_at → LC innehall.planeradUtskrivning
        atgardsbegaran_bifogad=e.action_request_attached,  # action_request_attached → LC atgardsbegaranBifogad
        oppna_remisser_avslutade=e.open_referrals_closed,  # open_referrals_closed → LC oppnaRemisserAvslutade
    )


def _utskrivningsklar_kvittens(e: ev.ReadyForDischargeAcknowledged) -> UtskrivningsklarKvittens:
    # acknowledged_message_id/acknowledged_at → LC innehall.kvitterarMeddelandeId/kvitterad
    return UtskrivningsklarKvittens(kvitterar_meddelande_id=e.acknowledged_message_id, kvitterad=e.acknowledged_at)


def _utskrivningsklar_aterkallad(e: ev.ReadyForDischargeRevoked) -> UtskrivningsklarAterkallad:
    return UtskrivningsklarAterkallad(
        aterkallat_meddelande_id=e.revoked_message_id,  # revoked_message_id → LC innehall.aterkallatMeddelandeId
        aterkallad=e.revoked_at,  # revoked_at → LC innehall.aterkallad
        orsak=v.ATERKALLELSEORSAK.outbound(e.reason),  # reason → LC innehall.orsak
        # new_estimated_discharge_date → LC innehall.nyttBeraknatUtskrivningsdatum
        nytt_beraknat_utskrivningsdatum=_required(e.new_estimated_discharge_date, "the new estimated discharge date"),
        kommentar=e.comment,  # comment → LC innehall.kommentar
    )


def _utskrivningstidpunkt(e: ev.DischargeTime) -> Utskrivningstidpunkt:
    return Utskrivningstidpunkt(
        utskrivningstid=e.discharge_at,  # discharge_at → LC innehall.utskrivningstid
        ankomst_hem=e.arrival_home_at,  # arrival_home_at → LC innehall.ankomstHem
        mottas_i_hemmet=e.met_at_home,  # met_at_home → LC innehall.mottasIHemmet
        transport=v.TRANSPORT.outbound(e.transport) if e.transport else None,  # transport → LC innehall.transport
        kommentar=general.with_met_by(e.comment, e.met_by),  # comment (+ met_by, no LC member) → LC kommentar
    )


def _atgardsbegaran_oppenvard(e: ev.OutpatientNurseRequest) -> AtgardsbegaranOppenvard:
    return AtgardsbegaranOppenvard(
        fragestallning=e.question,  # question → LC innehall.fragestallning
        begarda_atgarder=e.requested_actions,  # requested_actions → LC innehall.begardaAtgarder
        # time_frame_start/time_frame_end → LC innehall.tidsram.fran/till
        tidsram=Tidsram(fran=e.time_frame_start, till=e.time_frame_end),
    )


def _utskrivningsmeddelande(e: ev.DischargeInformation) -> Utskrivningsmeddelande:
    plan = e.treatment_plan
    return Utskrivningsmeddelande(
        utskrivningstid=e.discharged_at,  # discharged_at → LC innehall.utskrivningstid
        utskriven_till=v.UTSKRIVNINGSPLATS.outbound(e.destination),  # destination → LC innehall.utskrivenTill
        sammanfattning=e.summary,  # summary → LC innehall.sammanfattning
        lakemedelslista=e.medication_list,  # medication_list → LC innehall.lakemedelslista
        lakemedelsberattelse=e.medication_narrative,  # medication_narrative → LC innehall.lakemedelsberattelse
        halsostatus=e.health_status,  # health_status → LC innehall.halsostatus
        egenvard=e.self_care,  # self_care → LC innehall.egenvard
        riskbedomning=e.risk_assessment,  # risk_assessment → LC innehall.riskbedomning
        remiss_till_oppenvard=e.referral_to_outpatient_care,  # referral_to_outpatient_care → LC remissTillOppenvard
        # treatment_plan.text/valid_until → LC innehall.medicinskBehandlingsplan.text/gallerTill
        medicinsk_behandlingsplan=Behandlingsplan(text=plan.text, galler_till=plan.valid_until) if plan else None,
        bilagor=env.bilagor(e.attachments),  # attachments → LC innehall.bilagor
    )


def _sip_upprattad(e: ev.SipEstablished) -> SipUpprattad:
    insatser = tuple(
        SipInsats(ansvarig=v.INSATSANSVARIG.outbound(m.responsible), beskrivning=m.description) for m in e.measures
    )
    return SipUpprattad(
        typ=v.SIPUPPRATTANDETYP.outbound(e.kind),  # kind → LC innehall.typ
        motesdatum=e.meeting_date,  # meeting_date → LC innehall.motesdatum
        insatser=_required(insatser or None, "the SIP's measures"),  # measures → LC innehall.insatser
        # overall_responsible → LC innehall.overgripandeAnsvar
        overgripande_ansvar=v.HUVUDMAN.outbound(_required(e.overall_responsible, "the overall responsible principal")),
        atgarder_av_andra=e.measures_by_others,  # measures_by_others → LC innehall.atgarderAvAndra
        nasta_uppfoljning=e.next_follow_up_at,  # next_follow_up_at → LC innehall.nastaUppfoljning
        signerad_av_alla=e.signed_by_all,  # signed_by_all → LC innehall.signeradAvAlla
        samtycke_bekraftat=e.consent_confirmed,  # consent_confirmed → LC innehall.samtyckeBekraftat
    )


def _sip_uppfoljning(e: ev.SipFollowUp) -> SipUppfoljning:
    return SipUppfoljning(
        genomford=e.held_on,  # held_on → LC innehall.genomford
        resultat=v.UPPFOLJNINGSRESULTAT.outbound(e.result),  # result → LC innehall.resultat
        utvardering=e.evaluation,  # evaluation → LC innehall.utvardering
        nasta_uppfoljning=e.next_follow_up_at,  # next_follow_up_at → LC innehall.nastaUppfoljning
        samtycke_bekraftat=e.consent_confirmed,  # consent_confirmed → LC innehall.samtyckeBekraftat
    )


def _avliden(e: ev.PatientDeceased) -> Avliden:
    return Avliden(dodstidpunkt=e.deceased_at)  # deceased_at → LC innehall.dodstidpunkt


def _process_avslutad(e: ev.ProcessClosed) -> ProcessAvslutad:
    orsak = v.AVSLUTSORSAK.outbound(_required(e.reason, "the close reason"))  # reason → LC innehall.orsak
    if orsak.value == "OVRIGT":
        _required(e.reason_text, "the reason text of OTHER")
    return ProcessAvslutad(orsak=orsak, orsak_text=e.reason_text, avslutad=e.closed_at)  # reason_text/closed_at → …


def _generellt_meddelande(e: ev.GeneralMessage) -> GenerelltMeddelande:
    period = general.leave_period(e.leave_start, e.leave_end)  # leave_start/leave_end → LC innehall.permission
    kategori = v.KATEGORI.outbound(e.category)  # category → LC innehall.kategori
    if kategori is Kategori.PERMISSION and period is None:
        kategori = Kategori.OVRIGT  # PERMISSION requires a period (unrepresented_fields: category)
    return GenerelltMeddelande(
        amne=e.subject,  # subject → LC innehall.amne
        text=e.text,  # text → LC innehall.text
        kategori=kategori,
        permission=period,
        svar_pa_meddelande_id=e.in_response_to,  # in_response_to → LC innehall.svarPaMeddelandeId
        bilagor=env.bilagor(e.attachments),  # attachments → LC innehall.bilagor
    )


def _samtycke_andrat(e: ev.ConsentChanged) -> SamtyckeAndrat:
    return SamtyckeAndrat(
        sektor=v.VERKSAMHET.outbound(e.sector),  # sector → LC innehall.sektor
        status=v.SAMTYCKESSTATUS.outbound(e.status),  # status → LC innehall.status
        galler_fran=e.effective_at,  # effective_at → LC innehall.gallerFran
        lamnat_av=v.LAMNAT_AV.outbound(e.given_by) if e.given_by else None,  # given_by → LC innehall.lamnatAv
        # purposes → LC innehall.avser (contract order; empty: absent = every purpose)
        avser=tuple(sorted((v.SAMTYCKESANDAMAL.outbound(p) for p in e.purposes), key=list(Samtyckesandamal).index)),
    )


def _personuppgifter_uppdaterade(e: ev.PersonalDataUpdated) -> PersonuppgifterUppdaterade:
    # interpreter_needed/interpreter_language → LC innehall.tolkbehov.behovs/sprak
    tolk = (
        Tolkbehov(behovs=e.interpreter_needed, sprak=e.interpreter_language)
        if e.interpreter_needed is not None
        else None
    )
    body = PersonuppgifterUppdaterade(
        telefon=e.phone,  # phone → LC innehall.telefon
        epost=e.email,  # email → LC innehall.epost
        boendeform=v.BOENDEFORM.outbound(e.housing_type) if e.housing_type else None,  # housing_type → LC boendeform
        tillfallig_adress=env.adress(e.temporary_address) if e.temporary_address else None,  # → LC tillfalligAdress
        # relatives[].name/relation/phone → LC narstaende[].namn/relation/telefon
        narstaende=tuple(
            Narstaende(namn=r.name, relation=v.RELATION.outbound(r.relation), telefon=r.phone) for r in e.relatives
        ),
        kontakt_oppenvardspsykiatri=e.outpatient_psychiatry_contact,  # → LC innehall.kontaktOppenvardspsykiatri
        hemsjukvard=e.home_health_care,  # home_health_care → LC innehall.hemsjukvard
        tolkbehov=tolk,
    )
    if body == PersonuppgifterUppdaterade():
        raise RenderError("a personal-data update without any data has no Lifecare SP–style form")
    return body


_BODIES: dict[type, Callable[[Any], Innehall]] = {
    ev.AdmissionNotice: _inskrivningsmeddelande,
    ev.AdmissionNoticeAcknowledged: _inskrivning_kvittens,
    ev.CareContactAppointed: _fast_vardkontakt_utsedd,
    ev.PlanningDocumentation: _planning,
    ev.EstimatedDischargeDateChanged: _utskrivningsdatum_andrat,
    ev.InitialSipAtHospital: _sip_kallelse,
    ev.SipInvitation: _sip_kallelse,
    ev.SipInvitationAcknowledged: _sip_kallelse_kvittens,
    ev.ReadyForDischarge: _utskrivningsklar,
    ev.ReadyForDischargeAcknowledged: _utskrivningsklar_kvittens,
    ev.ReadyForDischargeRevoked: _utskrivningsklar_aterkallad,
    ev.DischargeTime: _utskrivningstidpunkt,
    ev.OutpatientNurseRequest: _atgardsbegaran_oppenvard,
    ev.DischargeInformation: _utskrivningsmeddelande,
    ev.SipEstablished: _sip_upprattad,
    ev.SipFollowUp: _sip_uppfoljning,
    ev.PatientDeceased: _avliden,
    ev.ProcessClosed: _process_avslutad,
    ev.GeneralMessage: _generellt_meddelande,
    ev.ConsentChanged: _samtycke_andrat,
    ev.PersonalDataUpdated: _personuppgifter_uppdaterade,
}
