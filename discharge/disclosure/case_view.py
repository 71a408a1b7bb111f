"""The case as one recipient may see it (§4.4 applied to the case context a message carries).

A rendering may draw on the case besides the event it delivers — the FHIR message's Encounter is the opening
admission snapshot, its EpisodeOfCare the closing text. ``case_as_disclosed`` keeps, redacts or drops each
applied event exactly as ``decide`` would for that recipient now, so the context carries nothing the
recipient's own messages would not. Pure.
"""

from __future__ import annotations

from dataclasses import replace

from discharge.case import Case
from discharge.disclosure.decision import decide
from discharge.disclosure.model import Recipient


def case_as_disclosed(case: Case, recipient: Recipient) -> Case:
    history = []
    for entry in case.history:
        disclosed = decide(entry.event, case, recipient).event
        if disclosed is None:
            continue  # refused to this recipient: not part of its view of the case
        history.append(entry if disclosed is entry.event else replace(entry, event=disclosed))
    return replace(case, history=tuple(history))
