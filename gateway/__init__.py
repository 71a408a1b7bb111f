"""The gateway: the only I/O. FastAPI app, FHIR REST, storage, wiring (one composition root)."""
