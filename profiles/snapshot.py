"""Snapshot generation: a profile's differential applied to its base definition's snapshot.

Our profiles are authored as differentials (``profiles/se``, ``profiles/discharge``); the snapshot is generated
here, when the validator is compiled (docs/adr/0004), so there is one source of truth and nothing generated to
keep in sync. The algorithm is the usual one, for what our differentials use:

* an element id already in the snapshot gets the differential's values merged in (``min``, ``max``, ``type``,
  ``binding``, ``fixed[x]``/``pattern[x]``, ``slicing``, texts, ``mustSupport``; ``constraint`` is added to);
* a slice (``Patient.identifier:personnummer``) is a copy of the sliced element, placed after it and its
  earlier slices;
* an element below a datatype (``Patient.identifier:personnummer.system``) first unfolds the children of that
  datatype (or of the backbone element, or of the unsliced element) under its parent.

Pure: definitions in, a new list of elements out (the inputs are not modified).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any, Final

from profiles.r4_data import FhirJson

__all__ = ["SnapshotError", "element_path", "generate_snapshot"]

_SD_PREFIX: Final = "http://hl7.org/fhir/StructureDefinition/"
_MERGED: Final = (
    "min",
    "max",
    "type",
    "binding",
    "slicing",
    "short",
    "definition",
    "comment",
    "mustSupport",
    "isModifier",
    "isModifierReason",
    "maxLength",
)

Resolve = Callable[[str], "FhirJson | None"]


class SnapshotError(ValueError):
    """The differential cannot be applied (an unknown element, an unknown base or datatype)."""


def element_path(element_id: str) -> str:
    """``Patient.identifier:personnummer.system`` → ``Patient.identifier.system``."""
    return ".".join(part.split(":", 1)[0] for part in element_id.split("."))


def _split(element_id: str) -> tuple[str, str]:
    parent, _, last = element_id.rpartition(".")
    return parent, last


class _Snapshot:
    def __init__(self, elements: list[dict[str, Any]], resolve: Resolve) -> None:
        self.elements = elements
        self.resolve = resolve

    def position(self, element_id: str) -> int | None:
        return next((i for i, e in enumerate(self.elements) if e.get("id") == element_id), None)

    def end_of(self, element_id: str) -> int:
        """The index after ``element_id``, its descendants and its slices (and theirs)."""
        start = self.position(element_id)
        assert start is not None
        index = start + 1
        prefixes = (element_id + ".", element_id + ":")
        while index < len(self.elements) and str(self.elements[index].get("id")).startswith(prefixes):
            index += 1
        return index

    def ensure(self, element_id: str) -> int:
        found = self.position(element_id)
        if found is not None:
            return found
        parent, last = _split(element_id)
        if not parent:
            raise SnapshotError(f"{element_id} is not in the base definition")
        name, _, slice_name = last.partition(":")
        if slice_name:
            return self._add_slice(parent + "." + name, element_id, slice_name)
        self._unfold(parent)
        found = self.position(element_id)
        if found is None:
            raise SnapshotError(f"{element_id} is not an element of its parent's type")
        return found

    def _add_slice(self, sliced_id: str, element_id: str, slice_name: str) -> int:
        self.ensure(sliced_id)
        sliced = self.elements[self.position(sliced_id)]  # type: ignore[index]
        element = copy.deepcopy(sliced)
        element.update(id=element_id, sliceName=slice_name)
        element.pop("slicing", None)
        at = self.end_of(sliced_id)
        self.elements.insert(at, element)
        return at

    def _unfold(self, parent_id: str) -> None:
        """Insert the children of ``parent_id`` (from the unsliced element, the backbone element or the type)."""
        position = self.ensure(parent_id)
        if any(str(e.get("id")).startswith(parent_id + ".") for e in self.elements):
            return  # unfolded already
        parent = self.elements[position]
        children = self._children_source(parent_id, parent)
        path = element_path(parent_id)
        unfolded: list[dict[str, Any]] = []
        for source_id, child in children:
            element = dict(copy.deepcopy(child))
            element["id"] = parent_id + source_id
            element["path"] = path + element_path(source_id)
            unfolded.append(element)
        self.elements[position + 1 : position + 1] = unfolded

    def _children_source(self, parent_id: str, parent: FhirJson) -> Sequence[tuple[str, FhirJson]]:
        """(id suffix such as ``.system``, element) pairs of the children to copy under ``parent_id``."""
        unsliced = element_path(parent_id)
        start = self.position(unsliced) if unsliced != parent_id else None
        if start is not None:
            children = [
                (str(e["id"])[len(unsliced) :], e)
                for e in self.elements[start + 1 : self.end_of(unsliced)]
                if str(e["id"]).startswith(unsliced + ".") and ":" not in str(e["id"])[len(unsliced) :]
            ]
            if children:
                return children
        types = parent.get("type") or []
        if len(types) != 1:
            raise SnapshotError(f"{parent_id} has {len(types)} types: constrain one type before its children")
        type_ = types[0]
        url = str((type_.get("profile") or [_SD_PREFIX + str(type_.get("code"))])[0])
        definition = self.resolve(url)
        if definition is None:
            raise SnapshotError(f"the type {url} of {parent_id} is not known")
        elements = definition.get("snapshot", {}).get("element", [])
        root = str(elements[0]["id"])
        return [(str(e["id"])[len(root) :], e) for e in elements[1:]]


def _merge(element: dict[str, Any], differential: FhirJson) -> None:
    for key in _MERGED:
        if key in differential:
            element[key] = copy.deepcopy(differential[key])
    for key, value in differential.items():
        if key.startswith(("fixed", "pattern")):
            element[key] = copy.deepcopy(value)
    if "constraint" in differential:
        known = {c.get("key") for c in element.get("constraint", [])}
        added = [copy.deepcopy(c) for c in differential["constraint"] if c.get("key") not in known]
        element["constraint"] = [*element.get("constraint", []), *added]


def generate_snapshot(profile: FhirJson, resolve: Resolve) -> list[dict[str, Any]]:
    """The snapshot elements of ``profile`` (a constraint on ``baseDefinition``, which ``resolve`` finds)."""
    base_url = str(profile.get("baseDefinition"))
    base = resolve(base_url)
    if base is None:
        raise SnapshotError(f"{profile.get('url')}: base definition {base_url} is not known")
    snapshot = _Snapshot(copy.deepcopy(list(base.get("snapshot", {}).get("element", []))), resolve)
    for differential in profile.get("differential", {}).get("element", []):
        element_id = str(differential.get("id") or differential.get("path"))
        position = snapshot.ensure(element_id)
        _merge(snapshot.elements[position], differential)
    return snapshot.elements
