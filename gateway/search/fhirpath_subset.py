"""The small FHIRPath subset used by R4 ``SearchParameter.expression``, compiled to plain Python.

Supported: ``Type.a.b`` (lists flattened at every step; a choice element ``x`` matches ``xDateTime``,
``xPeriod``…), unions ``A | B`` (only the branches rooted at the resource type, or at ``Resource`` /
``DomainResource``, are kept), casts ``x as T`` / ``(x as T)`` / ``x.as(T)`` / ``x.ofType(T)`` on a
choice element (key ``xT``), ``.where(resolve() is T)``, ``.where(field='literal')`` and
``.extension('url')``. Anything else raises ``UnsupportedExpression``. No schema is consulted: choice
elements are recognised by a key ``name`` + a FHIR data type name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["CompiledExpression", "Path", "UnsupportedExpression", "compile_expression", "parse_reference"]

ANY_RESOURCE_ROOTS = frozenset({"Resource", "DomainResource"})

# Suffixes a choice element ``value[x]`` may carry in JSON (FHIR R4 data types).
_CHOICE_SUFFIXES = frozenset(
    {
        *("Base64Binary", "Boolean", "Canonical", "Code", "Date", "DateTime", "Decimal", "Id", "Instant"),
        *("Integer", "Markdown", "Oid", "PositiveInt", "String", "Time", "UnsignedInt", "Uri", "Url", "Uuid"),
        *("Address", "Age", "Annotation", "Attachment", "CodeableConcept", "Coding", "ContactPoint", "Count"),
        *("Distance", "Duration", "HumanName", "Identifier", "Money", "Period", "Quantity", "Range", "Ratio"),
        *("Reference", "SampledData", "Signature", "Timing", "ContactDetail", "Contributor", "Dosage"),
        *("DataRequirement", "Expression", "ParameterDefinition", "RelatedArtifact", "TriggerDefinition"),
        *("UsageContext", "Meta"),
    }
)

_REFERENCE = re.compile(
    r"^(?:https?://(?:[A-Za-z0-9\-\\.:%$]*/)+)?"
    r"([A-Z][A-Za-z]+)/([A-Za-z0-9\-.]{1,64})(?:/_history/[A-Za-z0-9\-.]{1,64})?$"
)

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^'\\]|\\.)*')|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<punct>!=|[.()|=\[\]<>,+\-*/&~!])|(?P<other>\S))"
)


class UnsupportedExpression(ValueError):
    """The expression uses FHIRPath outside the supported subset."""


def parse_reference(reference: str) -> tuple[str, str] | None:
    """``(type, id)`` of ``Type/id``, ``Type/id/_history/n`` or ``http(s)://base/Type/id``; else None."""
    match = _REFERENCE.match(reference)
    return (match.group(1), match.group(2)) if match else None


def _children(item: Any, name: str, exact: bool) -> Any:
    if not isinstance(item, dict):
        return None
    value = item.get(name)
    if value is not None or exact:
        return value
    for key, choice in item.items():
        if key.startswith(name) and key[len(name) :] in _CHOICE_SUFFIXES:
            return choice
    return None


@dataclass(frozen=True, slots=True)
class _Field:
    name: str  # the JSON key; a choice element ``x`` without a cast also matches ``x<Type>``
    exact: bool = False  # set by a cast (``x as T`` → name ``xT``): no choice lookup

    def apply(self, items: list[Any], root: Mapping[str, Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            value = _children(item, self.name, self.exact)
            if isinstance(value, list):
                out.extend(v for v in value if v is not None)
            elif value is not None:
                out.append(value)
        return out


@dataclass(frozen=True, slots=True)
class _WhereEquals:
    field: str
    value: str

    def apply(self, items: list[Any], root: Mapping[str, Any]) -> list[Any]:
        return [i for i in items if isinstance(i, dict) and i.get(self.field) == self.value]


@dataclass(frozen=True, slots=True)
class _WhereResolveIs:
    resource_type: str

    def apply(self, items: list[Any], root: Mapping[str, Any]) -> list[Any]:
        return [i for i in items if _resolved_type(i, root) == self.resource_type]


@dataclass(frozen=True, slots=True)
class _Extension:
    url: str

    def apply(self, items: list[Any], root: Mapping[str, Any]) -> list[Any]:
        extensions = (e for i in items if isinstance(i, dict) for e in i.get("extension") or ())
        return [e for e in extensions if isinstance(e, dict) and e.get("url") == self.url]


_Step = _Field | _WhereEquals | _WhereResolveIs | _Extension


def _resolved_type(item: Any, root: Mapping[str, Any]) -> str | None:
    """The type ``resolve()`` would give a Reference: from its literal reference or a contained resource."""
    if not isinstance(item, dict):
        return None
    reference = item.get("reference")
    if not isinstance(reference, str):
        return None
    if reference.startswith("#"):  # a contained resource
        kinds = [c.get("resourceType") for c in root.get("contained") or () if c.get("id") == reference[1:]]
        return kinds[0] if kinds and isinstance(kinds[0], str) else None
    parsed = parse_reference(reference)
    return parsed[0] if parsed else None


@dataclass(frozen=True, slots=True)
class _Branch:
    root: str
    steps: tuple[_Step, ...]

    def evaluate(self, resource: Mapping[str, Any]) -> list[Any]:
        items: list[Any] = [resource]
        for step in self.steps:
            if not items:
                break
            items = step.apply(items, resource)
        return items


@dataclass(frozen=True, slots=True)
class Path:
    """A compiled expression for one resource type: ``path(resource)`` → the matching element values."""

    expression: str
    branches: tuple[_Branch, ...]

    def __call__(self, resource: Mapping[str, Any]) -> list[Any]:
        root = resource if isinstance(resource, dict) else dict(resource)  # elements are JSON dicts
        return [value for branch in self.branches for value in branch.evaluate(root)]


@dataclass(frozen=True, slots=True)
class CompiledExpression:
    """An expression parsed once; ``for_resource_type`` selects the branches that apply to a type."""

    expression: str
    branches: tuple[tuple[str, _Branch | str], ...]  # (root, branch or why it is unsupported)

    def for_resource_type(self, resource_type: str) -> Path:
        selected: list[_Branch] = []
        for root, branch in self.branches:
            if root != resource_type and root not in ANY_RESOURCE_ROOTS:
                continue
            if isinstance(branch, str):
                raise UnsupportedExpression(branch)
            selected.append(branch)
        if not selected:
            raise UnsupportedExpression(f"no branch of {self.expression!r} applies to {resource_type}")
        return Path(self.expression, tuple(selected))


def compile_expression(expression: str) -> CompiledExpression:
    """Parse ``expression``; unsupported branches are kept as reasons (they matter only for their type)."""
    tokens = _tokenize(expression)
    branches: list[tuple[str, _Branch | str]] = []
    for part in _split_union(tokens):
        root = next((t for t in part if t != "("), "")
        try:
            branches.append((root, _Parser(part).branch()))
        except UnsupportedExpression as exc:
            branches.append((root, f"{exc} in {expression!r}"))
    return CompiledExpression(expression, tuple(branches))


def _tokenize(expression: str) -> list[str]:
    tokens: list[str] = []
    for match in _TOKEN.finditer(expression):
        if match.group("other"):
            raise UnsupportedExpression(f"unexpected {match.group('other')!r} in {expression!r}")
        tokens.append(match.group(match.lastgroup or "other"))
    return tokens


def _split_union(tokens: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    depth = 0
    for token in tokens:
        depth += (token == "(") - (token == ")")
        if token == "|" and depth == 0:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


class _Parser:
    """Recursive descent: ``cast := postfix ('as' Type)?``, ``postfix := primary ('.' call)*``."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0

    def branch(self) -> _Branch:
        branch = self._cast()
        if self.position != len(self.tokens):
            raise UnsupportedExpression(f"unsupported {self.tokens[self.position]!r}")
        if not branch.root[:1].isupper():
            raise UnsupportedExpression(f"expression must start with a type, not {branch.root!r}")
        if not branch.steps:
            raise UnsupportedExpression(f"bare type {branch.root!r}")
        return branch

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None or (expected is not None and token != expected):
            raise UnsupportedExpression(f"expected {expected or 'more'}, got {token!r}")
        self.position += 1
        return token

    def _identifier(self) -> str:
        token = self._take()
        if not (token[0].isalpha() or token[0] == "_"):
            raise UnsupportedExpression(f"expected a name, got {token!r}")
        return token

    def _string(self) -> str:
        token = self._take()
        if not token.startswith("'"):
            raise UnsupportedExpression(f"expected a string literal, got {token!r}")
        return re.sub(r"\\(.)", r"\1", token[1:-1])

    def _cast(self) -> _Branch:
        branch = self._postfix()
        if self._peek() == "as":
            self._take()
            branch = _with_cast(branch, self._identifier())
        return branch

    def _postfix(self) -> _Branch:
        if self._peek() == "(":
            self._take()
            branch = self._cast()
            self._take(")")
        else:
            branch = _Branch(self._identifier(), ())
        while self._peek() == ".":
            self._take()
            branch = self._call(branch)
        return branch

    def _call(self, branch: _Branch) -> _Branch:
        name = self._identifier()
        if self._peek() != "(":
            return _Branch(branch.root, (*branch.steps, _Field(name)))
        self._take("(")
        if name in ("as", "ofType"):
            result = _with_cast(branch, self._identifier())
        elif name == "extension":
            result = _Branch(branch.root, (*branch.steps, _Extension(self._string())))
        elif name == "where":
            result = _Branch(branch.root, (*branch.steps, self._where()))
        else:
            raise UnsupportedExpression(f"unsupported function {name}()")
        self._take(")")
        return result

    def _where(self) -> _WhereEquals | _WhereResolveIs:
        name = self._identifier()
        if name == "resolve" and self._peek() == "(":
            for expected in ("(", ")", "is"):
                self._take(expected)
            return _WhereResolveIs(self._identifier())
        self._take("=")
        return _WhereEquals(name, self._string())


def _with_cast(branch: _Branch, type_name: str) -> _Branch:
    last = branch.steps[-1] if branch.steps else None
    if not isinstance(last, _Field) or last.exact:
        raise UnsupportedExpression(f"cast to {type_name} is supported only on a choice element")
    return _Branch(branch.root, (*branch.steps[:-1], _Field(last.name + type_name[:1].upper() + type_name[1:], True)))
