"""The generated mapping docs are up to date with the code (docs/mappings/README.md says how to regenerate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.tables import render_messages, render_terminology

DOCS = Path(__file__).resolve().parents[3] / "docs" / "mappings"


@pytest.mark.parametrize(("name", "render"), [("messages.md", render_messages), ("terminology.md", render_terminology)])
def test_generated_mapping_docs_are_current(name: str, render: object) -> None:
    assert callable(render)
    assert (DOCS / name).read_text(encoding="utf-8") == render(), f"regenerate docs/mappings/{name}"


def test_every_message_type_has_a_table() -> None:
    text = render_messages()
    for code in ("E-01", "M-01", "M-10-ACK", "M-11-ACK", "M-12-ACK", "M-25"):
        assert f"\n## {code} " in text
