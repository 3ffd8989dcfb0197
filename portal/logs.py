"""The portal's own log: one JSON object a line, each carrying the id of the request it
came from. Lines hold identifiers and codes only (request id, actor, action, case id, the
URL rule, status, duration), never a name, anything typed, a password, secret words, a
cookie, a raw path or a query string.

Request ids are made here and never taken from the client: no proxy in front of the portal
is trusted to set one, and an id a client chose could be used to muddle the log.
"""

import json
import logging
import secrets
import time
import traceback
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, Session, object_session

from .models import ActorKind, AuditEvent

#: The response header that tells support staff which log lines a response belongs to.
REQUEST_ID_HEADER = "X-Request-ID"
#: The only fields besides time, level, logger and message a line may carry.
FIELDS = (
    "request_id",
    "actor_kind",
    "actor_id",
    "action",
    "case_id",
    "method",
    "rule",
    "status",
    "duration_ms",
)
HANDLER_NAME = "portal-json"

requests_log = logging.getLogger("portal.requests")
audit_log = logging.getLogger("portal.audit")

#: Where audit events written in the current transaction wait until it commits.
_PENDING = "portal_logs_pending_audit"
#: Made once: ``json.dumps`` with an option makes a new encoder for every line.
_ENCODER = json.JSONEncoder(default=str)


class JsonLines(logging.Formatter):
    """One JSON object per record, with the current request's id."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
            "request_id": _request_id(),
        }
        given = vars(record)  # holds the fields the record was logged with
        line.update((name, given[name]) for name in FIELDS if name in given)
        if record.exc_info and record.exc_info[1] is not None:
            line["traceback"] = where_it_failed(record.exc_info[1])
        return _ENCODER.encode({k: v for k, v in line.items() if v is not None})


def _message(record: logging.LogRecord) -> str:
    # Flask's own logger (named after the app) words an error that escaped every error
    # page as "Exception on <raw path> [GET]": the path can hold a sign-in link's token.
    if record.name == "portal" and str(record.msg).startswith("Exception on "):
        return "Exception past the error pages"
    return record.getMessage()


def where_it_failed(error: BaseException) -> str:
    """The frames and exception types of ``error`` and what led to it, without the
    exceptions' messages: a message can quote what a person typed (a value that would not
    convert, a database's DETAIL line)."""
    parts, seen = [], set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        frames = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"{frames}{kind.__module__}.{kind.__qualname__}")
        context = None if current.__suppress_context__ else current.__context__
        current = current.__cause__ or context
    return "\n-- which came from --\n".join(parts)


class _NoServerRequestLines(logging.Filter):
    """Drops the development server's own request lines: they print the raw path (a
    sign-in link's token) and query string. The portal's request line replaces them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.endswith('] "%s" %s %s'))


def init_app(app: Flask) -> None:
    """Send the portal's log to stderr as JSON lines, give every request an id, and log
    one line per request. Call before the database is set up."""
    _configure_loggers()
    # SQL parameters hold what people typed; keep them out of error messages, and so
    # out of any log or terminal an error reaches.
    options = app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "hide_parameters": True}
    app.before_request(_start_request)
    app.after_request(_finish_request)


def json_handler() -> logging.StreamHandler:
    """The handler that writes the portal's lines (to stderr), made on first use."""
    portal = logging.getLogger("portal")
    for handler in portal.handlers:
        if handler.name == HANDLER_NAME and isinstance(handler, logging.StreamHandler):
            return handler
    handler = logging.StreamHandler()
    handler.name = HANDLER_NAME
    handler.setFormatter(JsonLines())
    portal.addHandler(handler)
    return handler


def _configure_loggers() -> None:
    """Idempotent: every app in a process shares the same loggers."""
    json_handler()
    portal = logging.getLogger("portal")
    portal.setLevel(logging.INFO)
    # Written once, by our handler, whatever the root logger is set up to do.
    portal.propagate = False
    # Even with the root logger at DEBUG, SQLAlchemy must not log statements with their
    # parameters (SQLALCHEMY_ECHO still turns that on for a developer who asks).
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    server = logging.getLogger("werkzeug")
    if not any(isinstance(f, _NoServerRequestLines) for f in server.filters):
        server.addFilter(_NoServerRequestLines())
    # Flask-Limiter's errors (its store unreachable) in our lines, without exception messages.
    limiter = logging.getLogger("flask-limiter")
    limiter.addHandler(json_handler())
    limiter.propagate = False


def _request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def _start_request() -> None:
    g.request_id = secrets.token_hex(8)
    g.request_started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    started = g.get("request_started", time.perf_counter())
    requests_log.info(
        "request",
        extra={
            "method": request.method,
            # The rule (/track/l/<token>), never the path, so tokens never reach the log.
            "rule": request.url_rule.rule if request.url_rule else None,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            **_actor(),
        },
    )
    if "request_id" in g:
        response.headers[REQUEST_ID_HEADER] = g.request_id
    return response


def _actor() -> dict[str, Any]:
    """The signed-in member of staff, if this request loaded one; never loads one itself."""
    user = g.get("_login_user")  # where Flask-Login keeps the user it loaded
    if not getattr(user, "is_authenticated", False):
        return {}
    identity = inspect(user).identity  # no query, even after a failed transaction
    return {"actor_kind": ActorKind.STAFF.value, "actor_id": identity and identity[0]}


@event.listens_for(AuditEvent, "after_insert")
def _remember_audit_event(_mapper: Mapper, _connection: object, audited: AuditEvent) -> None:
    session = object_session(audited)
    if session is not None:
        session.info.setdefault(_PENDING, []).append(
            {
                "action": audited.action,
                "actor_kind": str(audited.actor_kind),
                "actor_id": audited.actor_id,
                "case_id": audited.case_id,
                # ``details`` stay out: they are meant for codes, but nothing enforces it.
            }
        )


@event.listens_for(Session, "after_commit")
def _log_committed_audit_events(session: Session) -> None:
    for fields in session.info.pop(_PENDING, []):
        audit_log.info("audit event", extra=fields)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back_audit_events(session: Session) -> None:
    session.info.pop(_PENDING, None)
