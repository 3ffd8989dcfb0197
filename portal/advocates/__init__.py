"""Advocates' own pages: the cases they support with the child's consent, and what they
can do for the child there."""

from flask import Blueprint

from ..staff_session import guard

bp = Blueprint("advocates", __name__)
guard(bp)

from . import views  # noqa: E402,F401  registers the routes
