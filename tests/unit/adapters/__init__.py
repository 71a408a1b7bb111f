"""Unit tests of the adapters (pure codecs)."""
