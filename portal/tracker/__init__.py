"""The tracker: a person gets back to their case with its reference and secret words (or
an emailed link), sees where it is in plain words, and does the next thing."""

from flask import Blueprint

bp = Blueprint("tracker", __name__)

from . import views  # noqa: E402,F401  registers the routes
