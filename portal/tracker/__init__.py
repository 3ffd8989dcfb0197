"""The tracker: a person gets back to their case with its reference and secret words (or
an emailed link), sees where it is in plain words, and does the next thing."""

from flask import Blueprint

from ..security import keep_private

bp = Blueprint("tracker", __name__)
bp.after_request(keep_private)  # about a case, or a way in: never cached or indexed

from . import views  # noqa: E402,F401  registers the routes
