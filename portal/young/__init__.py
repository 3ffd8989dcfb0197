"""Children's and young people's own way in: two registers (about 7 to 11, and 12 and
over), each with its own words and pages, for a complaint, feedback, a thank you, or an
advocate."""

from flask import Blueprint

bp = Blueprint("young", __name__)

from . import views  # noqa: E402,F401  registers the routes
