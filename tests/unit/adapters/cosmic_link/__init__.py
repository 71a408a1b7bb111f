"""Unit tests of the Cosmic Link–style codec (adapters/cosmic_link)."""
