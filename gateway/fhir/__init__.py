"""FHIR R4 REST surface: media handling, validation, CRUD, search, history, Bundles, metadata."""
