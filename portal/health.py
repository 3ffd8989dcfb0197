"""``/healthz``: whether this process can serve, for load balancers and process monitors.

Plain text for machines, not a page: no template, no session, never cached. It answers 200
only when the database does, so a proxy stops sending people to a process that would fail
them. Host checks still apply: a monitor must name the portal's host.
"""

from flask import Flask, Response, current_app
from sqlalchemy import text

from .extensions import db


def healthz() -> Response:
    """200 "ok" when ``SELECT 1`` works, else 503 with no detail (the log has it)."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception:  # whatever the driver raises, the answer is the same
        current_app.logger.exception("Health check: the database did not answer")
        db.session.rollback()
        return _plain("database unavailable", 503)
    return _plain("ok", 200)


def _plain(body: str, status: int) -> Response:
    response = Response(body, status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Add the ``/healthz`` route."""
    app.add_url_rule("/healthz", endpoint="healthz", view_func=healthz, methods=["GET"])
