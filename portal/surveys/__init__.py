"""Closing-the-loop surveys, opened from the link in the invitation email: one question a
page, each answer saved as it is given, in the words of the person's age."""

from flask import Blueprint

bp = Blueprint("surveys", __name__)

from . import views  # noqa: E402,F401  registers the routes
