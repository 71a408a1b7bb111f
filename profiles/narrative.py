"""The FHIR R4 narrative rules for ``Narrative.div`` (invariants txt-1 and txt-2, ``htmlChecks()``).

txt-1: the XHTML holds only the basic formatting elements and attributes of HTML 4.0 (chapters 7-11 except
9.4, and 15), ``<a>`` (name/href), images and style attributes — no scripts, forms, frames, objects, event
handlers or ``javascript:`` links — inside one root ``<div>`` in the XHTML namespace. txt-2: there is some
non-whitespace content (text or an image).

The markup is scanned with one regular expression over its tags (a few µs for a typical narrative; the
standard library's ``html.parser`` takes ~1 ms).

Pure.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["narrative_problems"]

XHTML_NAMESPACE: Final = "http://www.w3.org/1999/xhtml"
_ELEMENTS: Final = frozenset(
    [
        "p",
        "br",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "span",
        "b",
        "em",
        "i",
        "strong",
        "small",
        "big",
        "tt",
        "dfn",
        "q",
        "var",
        "abbr",
        "acronym",
        "cite",
        "blockquote",
        "hr",
        "address",
        "bdo",
        "kbd",
        "sub",
        "sup",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "pre",
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tr",
        "tfoot",
        "tbody",
        "th",
        "td",
        "code",
        "samp",
        "img",
        "map",
        "area",
        "s",
        "u",
        "strike",
        "font",
        "center",
        "ins",
        "del",
    ]
)
_ATTRIBUTES: Final = frozenset(
    [
        "title",
        "style",
        "class",
        "id",
        "lang",
        "xml:lang",
        "dir",
        "accesskey",
        "tabindex",
        "colspan",
        "rowspan",
        "cellspacing",
        "cellpadding",
        "border",
        "frame",
        "rules",
        "summary",
        "width",
        "height",
        "align",
        "char",
        "charoff",
        "valign",
        "abbr",
        "axis",
        "headers",
        "scope",
        "span",
        "href",
        "name",
        "src",
        "alt",
        "shape",
        "coords",
        "start",
        "type",
        "xmlns",
        "value",
        "compact",
        "datetime",
        "cite",
        "nowrap",
        "bgcolor",
        "color",
        "size",
        "face",
        "clear",
        "hspace",
        "vspace",
        "noshade",
    ]
)
_TAG: Final = re.compile(r"<(/?)([A-Za-z][\w:.-]*)([^>]*)>")
_TEXT: Final = re.compile(r">\s*[^<\s]")  # some text after a tag
_IGNORED: Final = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)
_ATTRIBUTE: Final = re.compile(r"([^\s=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_SCRIPT_URL: Final = re.compile(r"\s*(javascript|vbscript):", re.I)
_VOID: Final = frozenset({"br", "hr", "img", "col", "area"})


def _attribute_problems(attributes: str, bad: set[str]) -> str | None:
    """Checks one tag's attributes into ``bad``; returns its xmlns value, if any."""
    namespace = None
    for name, raw in _ATTRIBUTE.findall(attributes.rstrip("/")):
        name = name.lower()
        value = raw[1:-1] if raw[:1] in ("'", '"') else raw
        if name == "xmlns":
            namespace = value
        elif name not in _ATTRIBUTES and not name.startswith("xmlns:"):
            bad.add(f"attribute {name}")
        if name in ("href", "src", "cite") and _SCRIPT_URL.match(value):
            bad.add(f"a script URL in {name}")
    return namespace


def _outside_root(tags: list[tuple[str, str, str]]) -> bool:
    """Some element follows the root element's end."""
    depth = 0
    for index, (closing, name, attributes) in enumerate(tags):
        if closing:
            depth -= 1
            if depth == 0 and index + 1 < len(tags):
                return True
        elif not attributes.endswith("/") and name.lower() not in _VOID:
            depth += 1
    return False


def narrative_problems(div: str) -> tuple[str | None, str | None]:
    """(txt-1 problem, txt-2 problem) of an XHTML narrative; None where the rule holds."""
    markup = _IGNORED.sub("", div) if "<!" in div or "<?" in div else div
    tags = _TAG.findall(markup)
    content = (
        _TEXT.search(markup) is not None
        or bool(markup[: markup.find("<")].strip())
        or any(name.lower() == "img" for _, name, _ in tags)
    )
    if not tags:
        return f'the root must be a <div xmlns="{XHTML_NAMESPACE}">', None if content else "the narrative has no text"
    bad: set[str] = set()
    root_namespace = _attribute_problems(tags[0][2], bad)
    for attributes in {a for _, _, a in tags[1:] if a.strip(" /")}:
        _attribute_problems(attributes, bad)
    bad.update(f"element <{n}>" for n in {name.lower() for _, name, _ in tags} - _ELEMENTS)
    txt1: str | None = None
    if tags[0][1].lower() != "div" or tags[0][0] or root_namespace != XHTML_NAMESPACE:
        txt1 = f'the root must be a <div xmlns="{XHTML_NAMESPACE}">'
    elif markup[: markup.find("<")].strip() or markup[markup.rfind(">") + 1 :].strip() or _outside_root(tags):
        txt1 = "there is content outside the root <div>"
    elif bad:
        txt1 = "not allowed in a narrative: " + ", ".join(sorted(bad))
    return txt1, None if content else "the narrative has no text"
