"""Gateway errors: each knows its HTTP status and FHIR IssueType; one handler renders them all.

Hierarchy::

    GatewayError (500, exception)
    ├── BadRequest (400, invalid)            unparseable body, wrong resourceType, bad parameter
    ├── NotFound (404, not-found)            unknown resource, type or route
    ├── MethodNotAllowed (405, not-supported)
    ├── NotAcceptable (406, not-supported)
    ├── Conflict (409, conflict)             delete of a referenced resource, lock contention
    ├── Gone (410, deleted)                  read of a deleted resource
    ├── PreconditionFailed (412, conflict)   stale If-Match, ambiguous conditional create
    ├── PayloadTooLarge (413, too-long)
    ├── UnsupportedMediaType (415, not-supported)
    └── Unprocessable (422, processing)      violates a profile or a business rule

Messages never contain request bodies or personal identity numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from profiles.issues import Issue


class GatewayError(Exception):
    status = 500
    issue_code = "exception"

    def __init__(
        self,
        message: str,
        *,
        expression: str | None = None,
        issues: Sequence[Issue] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}
        if issues:
            self.issues = list(issues)
        else:
            self.issues = [Issue("error", self.issue_code, expression or "", message)]


class BadRequest(GatewayError):
    status = 400
    issue_code = "invalid"


class NotFound(GatewayError):
    status = 404
    issue_code = "not-found"


class MethodNotAllowed(GatewayError):
    status = 405
    issue_code = "not-supported"


class NotAcceptable(GatewayError):
    status = 406
    issue_code = "not-supported"


class Conflict(GatewayError):
    status = 409
    issue_code = "conflict"


class Gone(GatewayError):
    status = 410
    issue_code = "deleted"


class PreconditionFailed(GatewayError):
    status = 412
    issue_code = "conflict"


class PayloadTooLarge(GatewayError):
    status = 413
    issue_code = "too-long"


class UnsupportedMediaType(GatewayError):
    status = 415
    issue_code = "not-supported"


class Unprocessable(GatewayError):
    status = 422
    issue_code = "processing"
