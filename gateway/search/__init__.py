"""FHIR search: official SearchParameters compiled to index extractors, and the parsed query."""
