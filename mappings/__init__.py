"""Mappings: neutral discharge events + case <-> FHIR R4 resources (pure; one module per resource family).

Entry points: ``mappings.resources.event_to_resources`` (what the gateway stores), ``mappings.message``
(``event_to_message`` / ``message_to_event``, the FHIR message Bundle), ``mappings.rest`` (process-driving REST
writes → events), ``mappings.episode.case_to_episode``. Errors: ``mappings.errors.MappingError``.
See docs/mappings/README.md.
"""
