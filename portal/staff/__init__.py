"""The complaints team's side: every route needs a signed-in member of staff, and each
names the roles that may use it (see ``access``)."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from . import access, case_actions, emails, learning, lists, surveys, users, views  # noqa: E402,F401  registers the guard and the routes
