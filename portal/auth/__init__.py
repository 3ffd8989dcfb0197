"""Signing in: staff with a password and a one-time code."""

from flask import Blueprint

from ..security import keep_private

bp = Blueprint("auth", __name__)
bp.after_request(keep_private)  # about a case, or a way in: never cached or indexed

from . import views  # noqa: E402,F401  registers the routes
