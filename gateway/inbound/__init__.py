"""Inbound contract endpoints: Lifecare SP–style and Cosmic Link–style messages into the pipeline."""
